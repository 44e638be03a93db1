package relcheck.kubernetes.service_selector_no_match

svc(selector) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"selector": selector, "ports": [{"port": 80, "targetPort": "http"}]}}

objs := {"Deployment": {"shop": {"web": {
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/name": "web", "app.kubernetes.io/component": "frontend"}}}},
}}}}

test_matches if count(deny) == 0 with input as svc({"app.kubernetes.io/name": "web"}) with data.relcheck.objects as objs

test_no_match if {
	res := deny with input as svc({"app": "web"}) with data.relcheck.objects as objs
	res == {{
		"msg": `Service/shop/web selects app=web, which matches no pod template in namespace "shop"`,
		"path": ["spec", "selector"],
	}}
}

test_partial_match_is_no_match if {
	count(deny) == 1 with input as svc({"app.kubernetes.io/name": "web", "app.kubernetes.io/component": "backend"}) with data.relcheck.objects as objs
}

test_no_selector_ok if {
	count(deny) == 0 with input as {"kind": "Service", "metadata": {"name": "external-db"}, "spec": {"ports": [{"port": 5432}]}} with data.relcheck.objects as objs
}

test_external_name_ok if {
	count(deny) == 0 with input as {"kind": "Service", "metadata": {"name": "x"}, "spec": {"type": "ExternalName", "externalName": "db.example.com", "selector": {"a": "b"}}} with data.relcheck.objects as {}
}

test_bare_pod_matches if {
	pods := {"Pod": {"shop": {"debug": {"kind": "Pod", "metadata": {"name": "debug", "namespace": "shop", "labels": {"app": "web"}}, "spec": {}}}}}
	count(deny) == 0 with input as svc({"app": "web"}) with data.relcheck.objects as pods
}

test_argo_rollout_matches if {
	rollouts := {"Rollout": {"shop": {"web": {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"template": {"metadata": {"labels": {"app": "web"}}}}}}}}
	count(deny) == 0 with input as svc({"app": "web"}) with data.relcheck.objects as rollouts
}

# Each kind's pod labels are read where that kind keeps them.
test_labels_where_each_kind_keeps_them if {
	template := {"metadata": {"labels": {"app": "web"}}}
	matching := {
		"StatefulSet": {"spec": {"template": template}},
		"DaemonSet": {"spec": {"template": template}},
		"Job": {"spec": {"template": template}},
		"CronJob": {"spec": {"jobTemplate": {"spec": {"template": template}}}},
		"Pod": {"metadata": {"labels": {"app": "web"}}},
		"CloneSet": {"spec": {"template": template}},
		"Service": {"spec": {"template": template}},
	}
	every kind, obj in matching {
		count(deny) == 0 with input as svc({"app": "web"}) with data.relcheck.objects as {kind: {"shop": {"w": object.union({"kind": kind, "metadata": {"name": "w"}}, obj)}}}
	}
	not_matching := {
		"CronJob": {"spec": {"template": template}},
		"Pod": {"spec": {"template": template}},
		"Deployment": {"metadata": {"labels": {"app": "web"}}},
		"StatefulSet": {"spec": {"template": {"metadata": {"labels": ["app", "web"]}}}},
		"Job": {"spec": {"template": {"metadata": {"labels": "app=web"}}}},
		"Rollout": {"spec": {"template": "x"}},
	}
	every kind, obj in not_matching {
		count(deny) == 1 with input as svc({"app": "web"}) with data.relcheck.objects as {kind: {"shop": {"w": object.union({"kind": kind, "metadata": {"name": "w"}}, obj)}}}
	}
}

test_other_namespace_no_match if {
	count(deny) == 1 with input as svc({"app.kubernetes.io/name": "web"}) with data.relcheck.objects as {"Deployment": {"other": objs.Deployment.shop}}
}

# Selector values compare as a whole, also odd ones.
test_nested_selector_value_is_no_match if {
	deployment := {"kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": {"metadata": {"labels": {"app": {"x": 1, "y": 2}}}}}}
	count(deny) == 1 with input as svc({"app": {"x": 1}}) with data.relcheck.objects as {"Deployment": {"shop": {"w": deployment}}}
	count(deny) == 0 with input as svc({"app": {"x": 1, "y": 2}}) with data.relcheck.objects as {"Deployment": {"shop": {"w": deployment}}}
}

redis_ha := {"StatefulSet": {"shop": {"redis-ha-server": {
	"apiVersion": "apps/v1",
	"kind": "StatefulSet",
	"metadata": {"name": "redis-ha-server", "namespace": "shop"},
	"spec": {"replicas": 3, "template": {"metadata": {"labels": {"app": "redis-ha"}}}},
}}}}

# One Service per StatefulSet replica (Argo CD's redis-ha announce Services):
# the controller labels each pod with its name and ordinal.
test_statefulset_pod_name_label if {
	count(deny) == 0 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-ha-server-1"}) with data.relcheck.objects as redis_ha
	count(deny) == 0 with input as svc({"app": "redis-ha", "apps.kubernetes.io/pod-index": "2"}) with data.relcheck.objects as redis_ha
}

# redis-ha-server-3 does not exist with 3 replicas (ordinals 0 to 2).
test_statefulset_pod_name_beyond_replicas if {
	count(deny) == 1 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-ha-server-3"}) with data.relcheck.objects as redis_ha
	count(deny) == 1 with input as svc({"app": "redis-ha", "apps.kubernetes.io/pod-index": "3"}) with data.relcheck.objects as redis_ha
	shifted := json.patch(redis_ha, [{"op": "add", "path": "/StatefulSet/shop/redis-ha-server/spec/ordinals", "value": {"start": 1}}])
	count(deny) == 0 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-ha-server-3"}) with data.relcheck.objects as shifted
	count(deny) == 1 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-ha-server-0"}) with data.relcheck.objects as shifted
}

test_statefulset_pod_name_of_another_statefulset if {
	count(deny) == 1 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-1"}) with data.relcheck.objects as redis_ha
	count(deny) == 1 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "redis-ha-server-x"}) with data.relcheck.objects as redis_ha
	count(deny) == 1 with input as svc({"app": "redis", "statefulset.kubernetes.io/pod-name": "redis-ha-server-1"}) with data.relcheck.objects as redis_ha
}

# The pod-name label means nothing on a Deployment's pods.
test_pod_name_label_on_deployment if {
	count(deny) == 1 with input as svc({"app.kubernetes.io/name": "web", "statefulset.kubernetes.io/pod-name": "web-0"}) with data.relcheck.objects as objs
}

prometheus_cr(name) := {"Prometheus": {"shop": {name: {
	"apiVersion": "monitoring.coreos.com/v1",
	"kind": "Prometheus",
	"metadata": {"name": name, "namespace": "shop", "labels": {"prometheus": "shards"}},
	"spec": {"replicas": 2},
}}}}

# The Prometheus Operator creates the pods of a Prometheus named "self" and
# labels them prometheus: self.
test_operator_custom_resource if {
	count(deny) == 0 with input as svc({"prometheus": "self"}) with data.relcheck.objects as prometheus_cr("self")
}

# The resource's own labels are not its pods' labels: a Service selecting
# prometheus: shards for a Prometheus named "prometheus" matches nothing (the
# operator's shards example).
test_operator_custom_resource_other_name if {
	count(deny) == 1 with input as svc({"prometheus": "shards"}) with data.relcheck.objects as prometheus_cr("prometheus")
}

# Built-in kinds do not count: a ConfigMap named like the app runs no pods.
test_builtin_object_named_like_selector if {
	cm := {"ConfigMap": {"shop": {"web": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web", "namespace": "shop"}}}}}
	count(deny) == 1 with input as svc({"app": "web"}) with data.relcheck.objects as cm
	netpol := {"NetworkPolicy": {"shop": {"web": {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "web", "namespace": "shop"}}}}}
	count(deny) == 1 with input as svc({"app": "web"}) with data.relcheck.objects as netpol
}

# A custom resource in another namespace does not count.
test_operator_custom_resource_other_namespace if {
	other := {"Prometheus": {"monitoring": {"self": {"apiVersion": "monitoring.coreos.com/v1", "kind": "Prometheus", "metadata": {"name": "self", "namespace": "monitoring"}}}}}
	count(deny) == 1 with input as svc({"prometheus": "self"}) with data.relcheck.objects as other
}

# A ServiceMonitor named after the application runs no pods of its own.
test_service_monitor_named_like_selector if {
	sm := {"ServiceMonitor": {"shop": {"web": {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "web", "namespace": "shop"}}}}}
	count(deny) == 1 with input as svc({"app": "web"}) with data.relcheck.objects as sm
}

# Odd values in the index raise no built-in error (the engine evaluates with
# StrictBuiltinErrors).
test_odd_values_no_error if {
	odd := {
		"StatefulSet": {"shop": {"x": {"kind": "StatefulSet", "metadata": {"name": 7}, "spec": {"replicas": "x", "template": {"metadata": {"labels": {"app": "redis-ha"}}}}}}},
		"Thing": {"shop": {"self": {"apiVersion": "example.com/v1", "kind": 5, "metadata": {"name": "self"}}}},
	}
	count(deny) == 1 with input as svc({"app": "redis-ha", "statefulset.kubernetes.io/pod-name": "x-0"}) with data.relcheck.objects as odd
	count(deny) == 0 with input as svc({"prometheus": "self"}) with data.relcheck.objects as odd
}

# Cilium's local-redirect example ships node-local-dns.yaml: Service
# kube-dns-upstream in kube-system selects CoreDNS, which the cluster runs
# (labelled k8s-app: kube-dns) and no manifest holds.
test_cluster_dns_in_kube_system_ok if {
	s := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kube-dns-upstream", "namespace": "kube-system"}, "spec": {"selector": {"k8s-app": "kube-dns"}, "ports": [{"name": "dns", "port": 53, "protocol": "UDP"}]}}
	count(deny) == 0 with input as s with data.relcheck.objects as {}
	scheduler := json.patch(s, [{"op": "replace", "path": "/spec/selector", "value": {"component": "kube-scheduler"}}])
	count(deny) == 0 with input as scheduler with data.relcheck.objects as {}
}

# The same selector outside kube-system, or another kube-system label, is
# judged as usual.
test_cluster_labels_elsewhere_reported if {
	s := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "dns", "namespace": "shop"}, "spec": {"selector": {"k8s-app": "kube-dns"}}}
	count(deny) == 1 with input as s with data.relcheck.objects as objs
	t := json.patch(s, [{"op": "replace", "path": "/metadata/namespace", "value": "kube-system"}, {"op": "replace", "path": "/spec/selector", "value": {"k8s-app": "my-agent"}}])
	count(deny) == 1 with input as t with data.relcheck.objects as objs
}

# dapr's zipkin.yaml: the Service says namespace dapr-tests, the Deployment
# beside it names none (applied with kubectl -n dapr-tests). Had the
# Deployment named another namespace, the Service would select nothing.
test_pod_template_without_namespace if {
	s := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "dapr-zipkin", "namespace": "dapr-tests"}, "spec": {"selector": {"app": "dapr-zipkin"}, "ports": [{"port": 9411}]}}
	zipkin := {"kind": "Deployment", "metadata": {"name": "dapr-zipkin"}, "spec": {"template": {"metadata": {"labels": {"app": "dapr-zipkin"}}}}}
	count(deny) == 0 with input as s with data.relcheck.objects as {"Deployment": {"default": {"dapr-zipkin": zipkin}}}
	explicit := json.patch(zipkin, [{"op": "add", "path": "/metadata/namespace", "value": "default"}])
	count(deny) == 1 with input as s with data.relcheck.objects as {"Deployment": {"default": {"dapr-zipkin": explicit}}}
	other := json.patch(zipkin, [{"op": "replace", "path": "/spec/template/metadata/labels/app", "value": "zipkin"}])
	count(deny) == 1 with input as s with data.relcheck.objects as {"Deployment": {"default": {"dapr-zipkin": other}}}
}
