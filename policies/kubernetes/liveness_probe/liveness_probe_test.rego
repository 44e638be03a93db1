package relcheck.kubernetes.liveness_probe

sts(container) := {
	"apiVersion": "apps/v1",
	"kind": "StatefulSet",
	"metadata": {"name": "redis"},
	"spec": {
		"serviceName": "redis",
		"selector": {"matchLabels": {"app": "redis"}},
		"template": {"metadata": {"labels": {"app": "redis"}}, "spec": {"containers": [container]}},
	},
}

test_missing_liveness if {
	res := deny with input as sts({"name": "redis", "image": "redis:7.2", "readinessProbe": {"exec": {"command": ["redis-cli", "ping"]}}})
	res == {{
		"msg": `container "redis" of StatefulSet/redis has no livenessProbe`,
		"path": ["spec", "template", "spec", "containers", 0],
	}}
}

test_exec_liveness_ok if {
	count(deny) == 0 with input as sts({"name": "redis", "image": "redis:7.2", "livenessProbe": {"exec": {"command": ["redis-cli", "ping"]}}})
}

test_cronjob_not_checked if {
	cj := {"kind": "CronJob", "metadata": {"name": "report"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "r", "image": "r:1"}]}}}}}}
	count(deny) == 0 with input as cj
}

# Istio's gateway chart leaves `image: auto` for the injector, which sets the
# image and the probes at admission.
test_istio_injected_gateway_ok if {
	gw := {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "istio-ingressgateway", "namespace": "istio-ingress"},
		"spec": {"template": {
			"metadata": {"annotations": {"inject.istio.io/templates": "gateway"}},
			"spec": {"containers": [{"name": "istio-proxy", "image": "auto"}]},
		}},
	}
	count(deny) == 0 with input as gw
	count(deny) == 1 with input as json.patch(gw, [{"op": "remove", "path": "/spec/template/metadata/annotations"}])
}

# Helm renders an unset value as null (`livenessProbe: null`, Mimir's chart):
# the API server reads it as no probe.
test_null_probe_is_missing if {
	res := deny with input as sts({"name": "redis", "image": "redis:7.2", "livenessProbe": null})
	res == {{
		"msg": `container "redis" of StatefulSet/redis has no livenessProbe`,
		"path": ["spec", "template", "spec", "containers", 0],
	}}
	count(deny) == 0 with input as sts({"name": "redis", "image": "redis:7.2", "livenessProbe": {"tcpSocket": {"port": 6379}}})
}

# ECK's hostPath permission fixer: init containers do the work, the pause
# image keeps the pod alive and serves nothing a probe could ask.
test_pause_container_ok if {
	ds := json.patch(sts({"name": "pause", "image": "gcr.io/google-containers/pause-amd64:3.1"}), [
		{"op": "replace", "path": "/kind", "value": "DaemonSet"},
		{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "chown", "image": "ubi-minimal:9.4", "command": ["chgrp", "1000", "/data"]}]},
	])
	count(deny) == 0 with input as ds
}

test_pause_lookalike_and_neighbour_reported if {
	pod := json.patch(sts({"name": "pause", "image": "registry.k8s.io/pause:3.10"}), [{"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "scheduler", "image": "ghcr.io/acme/pause-scheduler:1.4.2"}}])
	res := deny with input as pod
	res == {{
		"msg": `container "scheduler" of StatefulSet/redis has no livenessProbe`,
		"path": ["spec", "template", "spec", "containers", 1],
	}}
}
