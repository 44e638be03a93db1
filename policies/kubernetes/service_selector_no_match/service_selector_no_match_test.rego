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
