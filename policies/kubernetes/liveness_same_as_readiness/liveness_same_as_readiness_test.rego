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
