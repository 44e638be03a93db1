package relcheck.kubernetes.liveness_same_as_readiness

pod(container) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api", "namespace": "prod"}, "spec": {"containers": [container]}}

test_identical_http_probes if {
	res := deny with input as pod({
		"name": "api",
		"image": "api:2",
		"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "failureThreshold": 5},
		"readinessProbe": {"httpGet": {"path": "/healthz", "port": "8080"}, "periodSeconds": 5},
	})
	res == {{
		"msg": `container "api" of Pod/prod/api uses the same check for liveness and readiness (httpGet /healthz on port 8080)`,
		"path": ["spec", "containers", 0, "livenessProbe"],
	}}
}

test_default_path_equals_slash if {
	count(deny) == 1 with input as pod({
		"name": "api",
		"livenessProbe": {"httpGet": {"port": "http"}},
		"readinessProbe": {"httpGet": {"path": "/", "port": "http", "scheme": "http"}},
	})
}

test_identical_exec if {
	count(deny) == 1 with input as pod({
		"name": "db",
		"livenessProbe": {"exec": {"command": ["pg_isready", "-U", "postgres"]}},
		"readinessProbe": {"exec": {"command": ["pg_isready", "-U", "postgres"]}},
	})
}

test_different_paths_ok if {
	count(deny) == 0 with input as pod({
		"name": "api",
		"livenessProbe": {"httpGet": {"path": "/livez", "port": 8080}},
		"readinessProbe": {"httpGet": {"path": "/readyz", "port": 8080}},
	})
}

test_tcp_liveness_http_readiness_ok if {
	count(deny) == 0 with input as pod({
		"name": "api",
		"livenessProbe": {"tcpSocket": {"port": 8080}},
		"readinessProbe": {"httpGet": {"path": "/readyz", "port": 8080}},
	})
}

test_only_one_probe_ok if {
	count(deny) == 0 with input as pod({"name": "api", "readinessProbe": {"httpGet": {"path": "/readyz", "port": 8080}}})
}

# Handler kinds compared both ways, also when one probe has an extra handler
# or a handler that is not an object.
test_handler_kinds_compared_both_ways if {
	tcp := {"tcpSocket": {"port": 8080}}
	http := {"httpGet": {"path": "/", "port": 8080}}
	both := {"tcpSocket": {"port": 8080}, "httpGet": {"path": "/", "port": 8080}}
	every pair in [[tcp, http], [http, tcp], [tcp, both], [both, tcp], [http, both], [{"tcpSocket": {"port": 8080}, "grpc": "x"}, {"grpc": {"port": 8080}}]] {
		count(deny) == 0 with input as pod({"name": "api", "livenessProbe": pair[0], "readinessProbe": pair[1]})
	}
}

test_same_handlers_with_odd_extras if {
	count(deny) == 1 with input as pod({"name": "api", "livenessProbe": {"httpGet": {"port": 8080}, "grpc": "x"}, "readinessProbe": {"httpGet": {"port": "8080"}}})
	count(deny) == 1 with input as pod({"name": "api", "livenessProbe": {"grpc": {"port": 1, "service": "a"}, "exec": {"command": ["a"]}}, "readinessProbe": {"exec": {"command": ["a"]}, "grpc": {"port": "1", "service": "a"}}})
}

test_grpc_service_differs_ok if {
	count(deny) == 0 with input as pod({"name": "api", "livenessProbe": {"grpc": {"port": 8443, "service": "liveness"}}, "readinessProbe": {"grpc": {"port": 8443}}})
}

test_probe_not_an_object_ok if {
	every v in ["x", 5, null, [{"httpGet": {"port": 1}}]] {
		count(deny) == 0 with input as pod({"name": "api", "livenessProbe": v, "readinessProbe": v})
	}
}

test_descriptions if {
	cases := [
		[{"httpGet": {"port": 8080}}, "httpGet / on port 8080"],
		[{"httpGet": {"path": "/h", "port": "http", "scheme": "HTTPS"}}, "httpGet /h on port http"],
		[{"httpGet": {"path": 5}}, "httpGet 5 on port "],
		[{"grpc": {"port": 9090}}, "grpc on port 9090"],
		[{"tcpSocket": {"port": 1.5}, "exec": {"command": ["a"]}}, "tcpSocket on port 1.5"],
		[{"exec": {"command": ["sh", "-c", 5]}}, "exec sh -c 5"],
		[{"exec": {}}, "exec "],
		[{"exec": {"command": "check"}}, "the same handler"],
		[{"tcpSocket": {"port": 1}, "exec": {"command": ["a"]}}, "tcpSocket on port 1"],
	]
	every case in cases {
		res := deny with input as pod({"name": "api", "livenessProbe": case[0], "readinessProbe": case[0]})
		res == {{
			"msg": sprintf(`container "api" of Pod/prod/api uses the same check for liveness and readiness (%s)`, [case[1]]),
			"path": ["spec", "containers", 0, "livenessProbe"],
		}}
	}
	count(deny) == 0 with input as pod({"name": "api", "livenessProbe": {"periodSeconds": 5}, "readinessProbe": {"periodSeconds": 5}})
}

# memcached in Loki's chart: tcpSocket on the client port for both probes,
# with other thresholds. A TCP connect checks only that the process
# listens, which is what liveness should check: not reported, also with a
# handler that is not an object beside it. Another handler beside the
# tcpSocket one is compared as before.
test_same_tcp_socket_ok if {
	every live in [{"tcpSocket": {"port": "client"}, "failureThreshold": 3, "periodSeconds": 10}, {"tcpSocket": {"port": "client"}, "grpc": "x"}] {
		count(deny) == 0 with input as pod({"name": "memcached", "livenessProbe": live, "readinessProbe": {"tcpSocket": {"port": "client"}, "failureThreshold": 6, "periodSeconds": 5}})
	}
	count(deny) == 1 with input as pod({"name": "memcached", "livenessProbe": {"tcpSocket": {"port": 1}, "exec": {"command": ["a"]}}, "readinessProbe": {"exec": {"command": ["a"]}, "tcpSocket": {"port": "1"}}})
}
