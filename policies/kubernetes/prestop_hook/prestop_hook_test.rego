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
	count(deny) == 1 with input as deployment([{"name": "api", "ports": [{"containerPort": 8080}]}]) with data.relcheck.objects as bad
	count(deny) == 0 with input as deployment([{"name": "api", "ports": [{"containerPort": 9090}]}]) with data.relcheck.objects as bad
}
