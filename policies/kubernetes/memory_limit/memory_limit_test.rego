package relcheck.kubernetes.memory_limit

ds(resources) := {
	"apiVersion": "apps/v1",
	"kind": "DaemonSet",
	"metadata": {"name": "fluent-bit", "namespace": "logging"},
	"spec": {"template": {"spec": {"containers": [{"name": "fluent-bit", "image": "fluent/fluent-bit:3.0", "resources": resources}]}}},
}

test_cpu_limit_only if {
	res := deny with input as ds({"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "200m"}})
	res == {{
		"msg": `container "fluent-bit" of DaemonSet/logging/fluent-bit has no memory limit`,
		"path": ["spec", "template", "spec", "containers", 0, "resources", "limits", "memory"],
	}}
}

test_no_resources if {
	count(deny) == 1 with input as ds({})
}

test_limit_set if {
	count(deny) == 0 with input as ds({"limits": {"memory": "128Mi"}})
}

pod_with_init(init) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api"}, "spec": {
	"initContainers": init,
	"containers": [{"name": "api", "resources": {"limits": {"memory": "256Mi"}}}],
}}

# A native sidecar runs as long as the pod; a plain init container finishes first.
test_native_sidecar_checked if {
	res := deny with input as pod_with_init([{"name": "migrate"}, {"name": "proxy", "restartPolicy": "Always"}])
	res == {{
		"msg": `sidecar container "proxy" (an init container with restartPolicy Always) of Pod/api has no memory limit`,
		"path": ["spec", "initContainers", 1, "resources", "limits", "memory"],
	}}
	count(deny) == 0 with input as pod_with_init([{"name": "proxy", "restartPolicy": "Always", "resources": {"limits": {"memory": "64Mi"}}}])
}
