package relcheck.kubernetes.pdb_missing

deployment(replicas) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "payments"},
	"spec": {
		"replicas": replicas,
		"selector": {"matchLabels": {"app.kubernetes.io/name": "api"}},
		"template": {
			"metadata": {"labels": {"app.kubernetes.io/name": "api", "tier": "backend"}},
			"spec": {"containers": [{"name": "api"}]},
		},
	},
}

pdb(selector) := {
	"apiVersion": "policy/v1",
	"kind": "PodDisruptionBudget",
	"metadata": {"name": "api", "namespace": "payments"},
	"spec": {"maxUnavailable": 1, "selector": selector},
}

test_no_pdb if {
	res := deny with input as deployment(3) with data.relcheck.objects as {}
	res == {{
		"msg": "Deployment/payments/api runs up to 3 replicas but no PodDisruptionBudget selects its pods",
		"path": ["metadata", "name"],
	}}
}

test_match_labels if {
	objs := {"PodDisruptionBudget": {"payments": {"api": pdb({"matchLabels": {"app.kubernetes.io/name": "api"}})}}}
	count(deny) == 0 with input as deployment(3) with data.relcheck.objects as objs
}

test_match_expressions if {
	sel := {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["backend", "worker"]}, {"key": "canary", "operator": "DoesNotExist"}]}
	objs := {"PodDisruptionBudget": {"payments": {"api": pdb(sel)}}}
	count(deny) == 0 with input as deployment(3) with data.relcheck.objects as objs
}

test_selector_not_matching if {
	objs := {"PodDisruptionBudget": {"payments": {"api": pdb({"matchLabels": {"app.kubernetes.io/name": "worker"}})}}}
	count(deny) == 1 with input as deployment(3) with data.relcheck.objects as objs
}

test_pdb_other_namespace if {
	objs := {"PodDisruptionBudget": {"default": {"api": pdb({"matchLabels": {"app.kubernetes.io/name": "api"}})}}}
	count(deny) == 1 with input as deployment(3) with data.relcheck.objects as objs
}

test_single_replica_ok if {
	count(deny) == 0 with input as deployment(1) with data.relcheck.objects as {}
}

test_hpa_max_counts if {
	hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "api", "namespace": "payments"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "api"}, "minReplicas": 1, "maxReplicas": 6}}
	d := json.remove(deployment(1), ["spec/replicas"])
	res := deny with input as d with data.relcheck.objects as {"HorizontalPodAutoscaler": {"payments": {"api": hpa}}}
	some r in res
	contains(r.msg, "up to 6 replicas")
}
