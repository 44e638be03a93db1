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

# Kubernetes' metrics-server addon: the addon-resizer ("pod nanny") beside
# metrics-server rewrites its requests and limits from the cluster's size.
metrics_server(nanny_command) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "metrics-server-v0.8.1", "namespace": "kube-system"},
	"spec": {"template": {"spec": {"containers": [
		{"name": "metrics-server", "image": "registry.k8s.io/metrics-server/metrics-server:v0.8.1"},
		{
			"name": "metrics-server-nanny",
			"image": "registry.k8s.io/autoscaling/addon-resizer:1.8.20",
			"resources": {"requests": {"cpu": "5m", "memory": "50Mi"}, "limits": {"cpu": "100m", "memory": "300Mi"}},
			"command": nanny_command,
		},
	]}}},
}

test_resized_by_nanny_ok if {
	count(deny) == 0 with input as metrics_server(["/pod_nanny", "--cpu=40m", "--memory=40Mi", "--deployment=metrics-server-v0.8.1", "--container=metrics-server"])
}

test_resized_by_nanny_two_args_ok if {
	count(deny) == 0 with input as metrics_server(["/pod_nanny", "--deployment", "metrics-server-v0.8.1", "-container", "metrics-server"])
}

# A nanny that resizes another container, or another Deployment, leaves
# this one as written.
test_nanny_of_other_container_reported if {
	count(deny) > 0 with input as metrics_server(["/pod_nanny", "--deployment=metrics-server-v0.8.1", "--container=metrics-server-proxy"])
	count(deny) > 0 with input as metrics_server(["/pod_nanny", "--deployment=heapster", "--container=metrics-server"])
}

# The pause image only waits for a signal; its memory does not grow. A real
# container beside it is still judged.
test_pause_container_ok if {
	pod := json.patch(ds({}), [
		{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "registry.k8s.io/pause:3.10"},
		{"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "tuner", "image": "acme/node-tuner:0.9"}},
	])
	res := deny with input as pod
	res == {{
		"msg": `container "tuner" of DaemonSet/logging/fluent-bit has no memory limit`,
		"path": ["spec", "template", "spec", "containers", 1, "resources", "limits", "memory"],
	}}
}
