package relcheck.kubernetes.readiness_probe

deployment(containers) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {
		"selector": {"matchLabels": {"app": "web"}},
		"template": {
			"metadata": {"labels": {"app": "web"}},
			"spec": {"containers": containers},
		},
	},
}

test_missing_probe_reported_at_container if {
	res := deny with input as deployment([
		{"name": "web", "image": "web:1.0", "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}}},
		{"name": "metrics", "image": "exporter:2.1"},
	])
	res == {{
		"msg": `container "metrics" of Deployment/shop/web has no readinessProbe`,
		"path": ["spec", "template", "spec", "containers", 1],
	}}
}

test_probe_present if {
	count(deny) == 0 with input as deployment([{"name": "web", "image": "web:1.0", "readinessProbe": {"exec": {"command": ["cat", "/tmp/ready"]}}}])
}

test_daemonset_and_statefulset_checked if {
	ds := json.patch(deployment([{"name": "agent", "image": "agent:3"}]), [{"op": "replace", "path": "/kind", "value": "DaemonSet"}])
	count(deny) == 1 with input as ds
	sts := json.patch(deployment([{"name": "db", "image": "pg:16"}]), [{"op": "replace", "path": "/kind", "value": "StatefulSet"}])
	count(deny) == 1 with input as sts
}

test_job_and_pod_not_checked if {
	job := {"kind": "Job", "metadata": {"name": "migrate"}, "spec": {"template": {"spec": {"containers": [{"name": "m", "image": "m:1"}]}}}}
	count(deny) == 0 with input as job
	pod := {"kind": "Pod", "metadata": {"name": "debug"}, "spec": {"containers": [{"name": "sh", "image": "busybox:1.36"}]}}
	count(deny) == 0 with input as pod
}

test_init_containers_ignored if {
	d := deployment([{"name": "web", "image": "web:1.0", "readinessProbe": {"tcpSocket": {"port": "http"}}}])
	d2 := json.patch(d, [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "wait", "image": "busybox:1.36"}]}])
	count(deny) == 0 with input as d2
}

# Old manifests still run ReplicationControllers (guestbook-style examples).
test_replication_controller if {
	rc := object.union(deployment([{"name": "redis", "image": "redis:7.2"}]), {"apiVersion": "v1", "kind": "ReplicationController"})
	res := deny with input as rc
	res == {{
		"msg": `container "redis" of ReplicationController/shop/web has no readinessProbe`,
		"path": ["spec", "template", "spec", "containers", 0],
	}}
}

istio_gateway(metadata) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "istio-ingressgateway", "namespace": "istio-ingress"},
	"spec": {"template": {
		"metadata": metadata,
		"spec": {"containers": [{"name": "istio-proxy", "image": "auto", "ports": [{"containerPort": 15090}]}]},
	}},
}

# Istio's gateway chart leaves `image: auto` for the injector, which sets the
# image and the readiness probe at admission.
test_istio_injected_gateway_ok if {
	count(deny) == 0 with input as istio_gateway({"annotations": {"inject.istio.io/templates": "gateway"}, "labels": {"istio": "ingressgateway"}})
	count(deny) == 0 with input as istio_gateway({"labels": {"sidecar.istio.io/inject": "true"}})
}

# Without the injection mark, nothing fills the container in.
test_auto_image_without_injection if {
	count(deny) == 1 with input as istio_gateway({"labels": {"istio": "ingressgateway"}})
	count(deny) == 1 with input as istio_gateway({"labels": {"sidecar.istio.io/inject": "false"}})
}

test_null_probe_is_missing if {
	res := deny with input as deployment([{"name": "web", "image": "web:1.0", "readinessProbe": null}])
	res == {{
		"msg": `container "web" of Deployment/shop/web has no readinessProbe`,
		"path": ["spec", "template", "spec", "containers", 0],
	}}
}

# ECK's hostPath permission fixer: init containers do the work, the pause
# image keeps the pod alive and serves nothing a probe could ask.
test_pause_container_ok if {
	ds := json.patch(deployment([{"name": "pause", "image": "gcr.io/google-containers/pause-amd64:3.1"}]), [
		{"op": "replace", "path": "/kind", "value": "DaemonSet"},
		{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "chown", "image": "ubi-minimal:9.4", "command": ["chgrp", "1000", "/data"]}]},
	])
	count(deny) == 0 with input as ds
}

test_pause_lookalike_and_neighbour_reported if {
	res := deny with input as deployment([
		{"name": "pause", "image": "registry.k8s.io/pause:3.10"},
		{"name": "scheduler", "image": "ghcr.io/acme/pause-scheduler:1.4.2"},
	])
	res == {{
		"msg": `container "scheduler" of Deployment/shop/web has no readinessProbe`,
		"path": ["spec", "template", "spec", "containers", 1],
	}}
}
