package relcheck.kubernetes.min_replicas

deployment(spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "checkout", "namespace": "shop"},
	"spec": object.union({"template": {"metadata": {"labels": {"app": "checkout"}}, "spec": {"containers": [{"name": "checkout"}]}}}, spec),
}

hpa(target, min) := {
	"apiVersion": "autoscaling/v2",
	"kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "checkout", "namespace": "shop"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target}, "minReplicas": min, "maxReplicas": 10},
}

test_unset_replicas if {
	res := deny with input as deployment({})
	res == {{
		"msg": "Deployment/shop/checkout runs a single replica (spec.replicas is unset, which means 1)",
		"path": ["spec", "replicas"],
	}}
}

# A chart that renders `replicas:` from an unset value leaves null, which the
# API server defaults to 1 (Kyverno's install manifest).
test_null_replicas if {
	res := deny with input as deployment({"replicas": null})
	res == {{
		"msg": "Deployment/shop/checkout runs a single replica (spec.replicas is unset, which means 1)",
		"path": ["spec", "replicas"],
	}}
}

test_one_replica if {
	res := deny with input as deployment({"replicas": 1})
	some r in res
	r.msg == "Deployment/shop/checkout runs a single replica"
}

test_two_replicas_ok if {
	count(deny) == 0 with input as deployment({"replicas": 2})
}

test_zero_replicas_ok if {
	count(deny) == 0 with input as deployment({"replicas": 0})
}

test_hpa_targeted_ok if {
	count(deny) == 0 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"shop": {"checkout": hpa("checkout", 3)}}}
}

test_hpa_for_other_deployment if {
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"shop": {"checkout": hpa("cart", 3)}}}
}

test_hpa_in_other_namespace if {
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"checkout": hpa("checkout", 3)}}}
}

test_statefulset_checked if {
	sts := {"kind": "StatefulSet", "metadata": {"name": "pg"}, "spec": {"replicas": 1}}
	count(deny) == 1 with input as sts
}

test_daemonset_not_checked if {
	count(deny) == 0 with input as {"kind": "DaemonSet", "metadata": {"name": "node-exporter"}, "spec": {}}
}

test_replication_controller_one_replica if {
	rc := object.union(deployment({"replicas": 1}), {"apiVersion": "v1", "kind": "ReplicationController"})
	count(deny) == 1 with input as rc
}

test_replicas_as_string if {
	every v in ["1", " 1 "] {
		{r.msg | some r in deny} == {"Deployment/shop/checkout runs a single replica"} with input as deployment({"replicas": v})
	}

	# null is unset (test_null_replicas); values Kubernetes would reject are not judged.
	every v in ["x", "2", [1], {"a": 1}] {
		count(deny) == 0 with input as deployment({"replicas": v})
	}
}
