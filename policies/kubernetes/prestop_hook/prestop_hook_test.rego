package relcheck.kubernetes.prestop_hook

deployment(containers) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "shop"},
	"spec": {"template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": containers}}},
}

objs := {"Service": {"shop": {"api": {"kind": "Service", "metadata": {"name": "api", "namespace": "shop"}, "spec": {"selector": {"app": "api"}}}}}}

test_no_prestop if {
	res := deny with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}]}]) with data.relcheck.objects as objs
	res == {{
		"msg": `container "api" of Deployment/shop/api is behind Service api and has no preStop hook`,
		"path": ["spec", "template", "spec", "containers", 0, "lifecycle", "preStop"],
	}}
}

test_prestop_sleep_ok if {
	c := {"name": "api", "ports": [{"containerPort": 8080}], "lifecycle": {"preStop": {"sleep": {"seconds": 10}}}}
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as objs
}

test_single_container_without_ports if {
	count(deny) == 1 with input as deployment([{"name": "api"}]) with data.relcheck.objects as objs
}

test_sidecar_without_ports_ignored if {
	cs := [
		{"name": "api", "ports": [{"containerPort": 8080}], "lifecycle": {"preStop": {"exec": {"command": ["sleep", "10"]}}}},
		{"name": "log-shipper", "image": "fluent-bit:3.0"},
	]
	count(deny) == 0 with input as deployment(cs) with data.relcheck.objects as objs
}

test_no_service_ok if {
	count(deny) == 0 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}]}]) with data.relcheck.objects as {}
}

redis_objs := {"Service": {"shop": {"sentinel": {
	"kind": "Service",
	"metadata": {"name": "sentinel", "namespace": "shop"},
	"spec": {"selector": {"app": "api"}, "ports": [{"port": 26379, "targetPort": "sentinel"}]},
}}}}

# A Service aimed at the sentinel sidecar: the redis container on 6379 gets no
# Service traffic, so it needs no drain delay (from kubernetes/examples).
test_service_targets_another_container if {
	cs := [
		{"name": "redis", "ports": [{"containerPort": 6379}]},
		{"name": "sentinel", "ports": [{"name": "sentinel", "containerPort": 26379}]},
	]
	res := deny with input as deployment(cs) with data.relcheck.objects as redis_objs
	res == {{
		"msg": `container "sentinel" of Deployment/shop/api is behind Service sentinel and has no preStop hook`,
		"path": ["spec", "template", "spec", "containers", 1, "lifecycle", "preStop"],
	}}
}

test_target_port_defaults_to_port if {
	svc := {"kind": "Service", "metadata": {"name": "api", "namespace": "shop"}, "spec": {"selector": {"app": "api"}, "ports": [{"port": 8080}]}}
	count(deny) == 1 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}]}]) with data.relcheck.objects as {"Service": {"shop": {"api": svc}}}
	count(deny) == 0 with input as deployment([{"name": "api", "ports": [{"containerPort": 9090}]}, {"name": "b", "ports": [{"containerPort": 9091}]}]) with data.relcheck.objects as {"Service": {"shop": {"api": svc}}}
}

# A Helm chart that rendered a Service port as a bare string: that entry
# matches nothing and raises no error; the well-formed port still matches.
test_malformed_service_port_skipped if {
	bad := {"Service": {"shop": {"api": {
		"kind": "Service",
		"metadata": {"name": "api", "namespace": "shop"},
		"spec": {"selector": {"app": "api"}, "ports": ["80", {"port": 8080}]},
	}}}}
	count(deny) == 1 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}]}, {"name": "b", "ports": [{"containerPort": 9091}]}]) with data.relcheck.objects as bad
	count(deny) == 0 with input as deployment([{"name": "api", "ports": [{"containerPort": 9090}]}, {"name": "b", "ports": [{"containerPort": 9091}]}]) with data.relcheck.objects as bad
}

svc_with_ports(name, ports) := {"Service": {"shop": {name: {
	"kind": "Service",
	"metadata": {"name": name, "namespace": "shop"},
	"spec": {"selector": {"app": "api"}, "ports": ports},
}}}}

# A controller's metrics Service (cert-manager, kube-state-metrics, Tekton,
# Knative): only Prometheus connects, and a missed scrape is no failed request.
test_metrics_only_service_ignored if {
	c := {"name": "controller", "ports": [{"name": "http-metrics", "containerPort": 9090}, {"name": "profiling", "containerPort": 8008}]}
	ports := [
		{"name": "http-metrics", "port": 9090, "targetPort": 9090},
		{"name": "http-profiling", "port": 8008, "targetPort": 8008},
		{"name": "probes", "port": 8080},
	]
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("controller", ports)
}

# The only container of the pod, declaring no ports, behind a metrics Service.
test_metrics_only_service_single_container_ignored if {
	ports := [{"name": "metrics-port", "port": 8000, "targetPort": 8000}]
	count(deny) == 0 with input as deployment([{"name": "controller"}]) with data.relcheck.objects as svc_with_ports("controller", ports)
}

# kubebuilder's controller-manager-metrics-service names its port https: the
# Service name says what it is for.
test_metrics_service_by_name_ignored if {
	c := {"name": "manager", "ports": [{"containerPort": 8443}]}
	ports := [{"name": "https", "port": 8443, "targetPort": 8443}]
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("controller-manager-metrics-service", ports)
	count(deny) == 1 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("metrics-server", ports)
}

# A Service with a client port beside its metrics port still needs the drain
# (Knative's activator: http, http2 and http-metrics on one container).
test_client_port_beside_metrics_port if {
	c := {"name": "activator", "ports": [{"name": "http1", "containerPort": 8012}, {"name": "metrics", "containerPort": 9090}]}
	ports := [{"name": "http-metrics", "port": 9090, "targetPort": 9090}, {"name": "http", "port": 80, "targetPort": 8012}]
	count(deny) == 1 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("activator-service", ports)
}

# Only the port names of monitoring count: a gRPC service named for metrics
# (KEDA's metricsservice, which the metrics API server calls) is traffic.
test_metricsservice_port_is_traffic if {
	c := {"name": "operator", "ports": [{"name": "metricsservice", "containerPort": 9666}]}
	ports := [{"name": "metricsservice", "port": 9666, "targetPort": 9666}]
	count(deny) == 1 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("operator", ports)
}

# The only container serves the Service's client port even when it declares
# only its metrics port (KEDA's operator: metricsservice on 9666, undeclared).
test_only_container_serves_undeclared_port if {
	c := {"name": "operator", "ports": [{"name": "http", "containerPort": 8080}]}
	ports := [{"name": "metricsservice", "port": 9666, "targetPort": 9666}, {"name": "metrics", "port": 8080, "targetPort": 8080}]
	count(deny) == 1 with input as deployment([c]) with data.relcheck.objects as svc_with_ports("operator", ports)
}

ring_objs(spec) := {"Service": {"shop": {"ring": {"kind": "Service", "metadata": {"name": "ring", "namespace": "shop"}, "spec": object.union({"selector": {"app": "api"}}, spec)}}}}

test_publish_not_ready_service_ignored if {
	c := {"name": "api", "ports": [{"name": "grpc", "containerPort": 9095}]}
	spec := {"clusterIP": "None", "publishNotReadyAddresses": true, "ports": [{"name": "grpc", "port": 9095}]}
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as ring_objs(spec)
	count(deny) == 0 with input as deployment([{"name": "api"}]) with data.relcheck.objects as ring_objs(object.remove(spec, ["ports"]))
	count(deny) == 1 with input as deployment([c]) with data.relcheck.objects as ring_objs(object.union(spec, {"publishNotReadyAddresses": false}))
}

test_gossip_port_ignored if {
	c := {"name": "api", "ports": [{"name": "http", "containerPort": 8080}, {"name": "gossip-ring", "containerPort": 7946}]}
	spec := {"clusterIP": "None", "ports": [{"name": "gossip-ring", "port": 7946, "targetPort": 7946}]}
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as ring_objs(spec)
	count(deny) == 0 with input as deployment([{"name": "api"}]) with data.relcheck.objects as ring_objs({"ports": [{"name": "tcp-memberlist", "port": 7946}]})
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as ring_objs({"ports": [{"name": "serf-lan", "port": 8301, "targetPort": 7946}]})
}

# Loki's chart names its memberlist Service's port tcp and aims it at the
# container port http-memberlist: the target names the gossip port.
test_gossip_target_port_ignored if {
	c := {"name": "loki", "ports": [{"name": "http-metrics", "containerPort": 3100}, {"name": "http-memberlist", "containerPort": 7946}]}
	spec := {"clusterIP": "None", "ports": [{"name": "tcp", "port": 7946, "targetPort": "http-memberlist", "protocol": "TCP"}]}
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as ring_objs(spec)
	count(deny) == 0 with input as deployment([{"name": "loki"}]) with data.relcheck.objects as ring_objs(spec)
}

# A gossip port beside a metrics port: no port of the Service serves
# clients, whether the only container declares them or not.
test_gossip_and_metrics_service_ignored if {
	spec := {"clusterIP": "None", "ports": [{"name": "gossip-ring", "port": 7946}, {"name": "http-metrics", "port": 9090}]}
	c := {"name": "api", "ports": [{"name": "gossip-ring", "containerPort": 7946}, {"name": "http-metrics", "containerPort": 9090}]}
	count(deny) == 0 with input as deployment([c]) with data.relcheck.objects as ring_objs(spec)
	count(deny) == 0 with input as deployment([{"name": "api"}]) with data.relcheck.objects as ring_objs(spec)
}

test_gossip_beside_client_port_reported if {
	c := {"name": "api", "ports": [{"name": "http", "containerPort": 8080}, {"name": "gossip-ring", "containerPort": 7946}]}
	spec := {"ports": [{"name": "gossip-ring", "port": 7946}, {"name": "http", "port": 80, "targetPort": "http"}]}
	res := deny with input as deployment([c]) with data.relcheck.objects as ring_objs(spec)
	res == {{
		"msg": `container "api" of Deployment/shop/api is behind Service ring and has no preStop hook`,
		"path": ["spec", "template", "spec", "containers", 0, "lifecycle", "preStop"],
	}}
	count(deny) == 1 with input as deployment([{"name": "api"}]) with data.relcheck.objects as ring_objs(spec)
	count(deny) == 1 with input as deployment([{"name": "api"}]) with data.relcheck.objects as ring_objs({"ports": [{"name": "gossiper", "port": 80}]})
}

test_null_prestop_is_missing if {
	count(deny) == 1 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}], "lifecycle": {"preStop": null}}]) with data.relcheck.objects as objs
	count(deny) == 1 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}], "lifecycle": null}]) with data.relcheck.objects as objs
}

coredns(corefile) := {
	"input": {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "coredns", "namespace": "kube-system"},
		"spec": {"template": {
			"metadata": {"labels": {"k8s-app": "kube-dns"}},
			"spec": {
				"containers": [{"name": "coredns", "image": "registry.k8s.io/coredns/coredns:v1.12.0", "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"}]}],
				"volumes": [{"name": "config-volume", "configMap": {"name": "coredns", "items": [{"key": "Corefile", "path": "Corefile"}]}}],
			},
		}},
	},
	"objects": {
		"Service": {"kube-system": {"kube-dns": {"kind": "Service", "metadata": {"name": "kube-dns", "namespace": "kube-system"}, "spec": {"selector": {"k8s-app": "kube-dns"}, "ports": [{"name": "dns", "port": 53, "protocol": "UDP"}]}}}},
		"ConfigMap": {"kube-system": {"coredns": {"kind": "ConfigMap", "metadata": {"name": "coredns", "namespace": "kube-system"}, "data": {"Corefile": corefile}}}},
	},
}

# kubeadm's and kube-up's Corefile: lameduck keeps CoreDNS answering for 5s
# after SIGTERM, as a preStop sleep would.
test_coredns_lameduck_ok if {
	dns := coredns(".:53 {\n    errors\n    health {\n        lameduck 5s\n    }\n    ready\n    forward . /etc/resolv.conf\n}\n")
	count(deny) == 0 with input as dns.input with data.relcheck.objects as dns.objects
}

# The health block written on one line, as many Helm values files do.
test_coredns_lameduck_one_line_ok if {
	dns := coredns(".:53 {\n    errors\n    health { lameduck 10s }\n    forward . /etc/resolv.conf\n}\n")
	count(deny) == 0 with input as dns.input with data.relcheck.objects as dns.objects
}

# A lameduck commented out is not configured.
test_coredns_lameduck_commented_reported if {
	dns := coredns(".:53 {\n    errors\n    health {\n        # lameduck 5s\n    }\n    forward . /etc/resolv.conf\n}\n")
	count(deny) == 1 with input as dns.input with data.relcheck.objects as dns.objects
}

# health without lameduck, or a Corefile the run does not hold: reported.
test_coredns_without_lameduck_reported if {
	dns := coredns(".:53 {\n    errors\n    health\n    forward . /etc/resolv.conf\n}\n")
	count(deny) == 1 with input as dns.input with data.relcheck.objects as dns.objects
	count(deny) == 1 with input as dns.input with data.relcheck.objects as object.remove(dns.objects, ["ConfigMap"])
}
