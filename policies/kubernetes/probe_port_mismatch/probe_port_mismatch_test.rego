package relcheck.kubernetes.probe_port_mismatch

deployment(container) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}, "spec": {"template": {"spec": {"containers": [container]}}}}

ports := [{"name": "http", "containerPort": 8080}, {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}]

test_named_port_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}}})
}

test_named_port_missing if {
	res := deny with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"httpGet": {"path": "/live", "port": "healthz"}}})
	res == {{
		"msg": `livenessProbe of container "api" in Deployment/api uses port healthz, which the container does not declare`,
		"path": ["spec", "template", "spec", "containers", 0, "livenessProbe", "httpGet", "port"],
	}}
}

test_named_port_without_ports if {
	count(deny) == 1 with input as deployment({"name": "api", "readinessProbe": {"tcpSocket": {"port": "http"}}})
}

test_number_matches if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "startupProbe": {"httpGet": {"path": "/", "port": 9090}}})
}

test_number_as_string_matches if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "readinessProbe": {"tcpSocket": {"port": "8080"}}})
}

test_number_not_declared if {
	count(deny) == 1 with input as deployment({"name": "api", "ports": ports, "readinessProbe": {"httpGet": {"path": "/ready", "port": 8081}}})
}

test_number_without_ports_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "readinessProbe": {"httpGet": {"path": "/ready", "port": 8081}}})
}

test_grpc_probe if {
	count(deny) == 1 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"grpc": {"port": 50051}}})
}

test_exec_probe_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"exec": {"command": ["/bin/health"]}}})
}
