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

# A health port left out of the declared ports (controller-runtime's 8081
# beside the webhook and metrics ports, ingress-nginx's 10254) is probed all
# the same: declaring containerPorts is optional.
test_number_not_declared_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "readinessProbe": {"httpGet": {"path": "/ready", "port": 8081}}})
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"tcpSocket": {"port": "10254"}}})
}

pod(containers) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api"}, "spec": {"containers": containers}}

# The probe checks a port that a sidecar declares: this container is judged
# by the sidecar's health.
test_number_of_another_container if {
	sidecar := {"name": "proxy", "ports": [{"name": "health", "containerPort": 15020}]}
	res := deny with input as pod([{"name": "api", "ports": ports, "livenessProbe": {"httpGet": {"path": "/healthz", "port": 15020}}}, sidecar])
	res == {{
		"msg": `livenessProbe of container "api" in Pod/api uses port 15020, which container "proxy" declares, not "api"`,
		"path": ["spec", "containers", 0, "livenessProbe", "httpGet", "port"],
	}}
	count(deny) == 1 with input as pod([{"name": "api", "readinessProbe": {"tcpSocket": {"port": "15020"}}}, sidecar])
}

# Both containers declare the port (a shared port cannot be, but manifests say
# so): the container's own declaration wins.
test_number_declared_by_both_ok if {
	sidecar := {"name": "proxy", "ports": [{"containerPort": 8080}]}
	count(deny) == 0 with input as pod([{"name": "api", "ports": ports, "livenessProbe": {"tcpSocket": {"port": 8080}}}, sidecar])
}

test_number_without_ports_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "readinessProbe": {"httpGet": {"path": "/ready", "port": 8081}}})
}

test_grpc_probe if {
	count(deny) == 1 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"grpc": {"port": "grpc-health"}}})
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"grpc": {"port": 50051}}})
}

test_exec_probe_ok if {
	count(deny) == 0 with input as deployment({"name": "api", "ports": ports, "livenessProbe": {"exec": {"command": ["/bin/health"]}}})
}

# MetalLB's speaker: FRR declares no port, and its probes ask the
# frr-metrics sidecar, whose /livez answers for the FRR daemons.
test_health_proxy_sidecar_ok if {
	proxy := {"name": "frr-metrics", "ports": [{"name": "frrmetricshttps", "containerPort": 9121}]}
	frr := {"name": "frr", "livenessProbe": {"httpGet": {"path": "/livez", "port": 9121, "scheme": "HTTPS"}}, "startupProbe": {"httpGet": {"path": "/livez", "port": 9121}}}
	count(deny) == 0 with input as pod([frr, proxy])
	count(deny) == 0 with input as pod([{"name": "plugin", "ports": [], "livenessProbe": {"grpc": {"port": 9808}}}, {"name": "liveness-probe", "ports": [{"containerPort": 9808}]}])
}

test_health_proxy_needs_http_and_no_ports if {
	proxy := {"name": "frr-metrics", "ports": [{"containerPort": 9121}]}
	count(deny) == 1 with input as pod([{"name": "frr", "livenessProbe": {"tcpSocket": {"port": 9121}}}, proxy])
	count(deny) == 1 with input as pod([{"name": "frr", "ports": [{"containerPort": 179}], "livenessProbe": {"httpGet": {"path": "/livez", "port": 9121}}}, proxy])
}
