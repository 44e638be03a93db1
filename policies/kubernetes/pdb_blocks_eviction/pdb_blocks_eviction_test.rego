package relcheck.kubernetes.pdb_blocks_eviction

pdb(spec) := {
	"apiVersion": "policy/v1",
	"kind": "PodDisruptionBudget",
	"metadata": {"name": "kafka", "namespace": "streaming"},
	"spec": object.union({"selector": {"matchLabels": {"app": "kafka"}}}, spec),
}

sts(replicas) := {
	"apiVersion": "apps/v1",
	"kind": "StatefulSet",
	"metadata": {"name": "kafka", "namespace": "streaming"},
	"spec": {"replicas": replicas, "template": {"metadata": {"labels": {"app": "kafka", "component": "broker"}}}},
}

test_max_unavailable_zero if {
	res := deny with input as pdb({"maxUnavailable": 0})
	res == {{
		"msg": "PodDisruptionBudget/streaming/kafka has maxUnavailable 0, so no pod it covers can ever be evicted",
		"path": ["spec", "maxUnavailable"],
	}}
}

test_max_unavailable_zero_percent if {
	count(deny) == 1 with input as pdb({"maxUnavailable": "0%"})
}

test_min_available_100_percent if {
	some r in deny with input as pdb({"minAvailable": "100%"})
	r.path == ["spec", "minAvailable"]
}

test_min_available_equals_replicas if {
	res := deny with input as pdb({"minAvailable": 3}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(3)}}}
	res == {{
		"msg": "PodDisruptionBudget/streaming/kafka requires minAvailable 3 but StatefulSet/kafka runs 3 replicas, so none can be evicted",
		"path": ["spec", "minAvailable"],
	}}
}

test_min_available_below_replicas_ok if {
	count(deny) == 0 with input as pdb({"minAvailable": 2}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(3)}}}
}

test_min_available_one_with_default_replicas if {
	d := {"kind": "Deployment", "metadata": {"name": "kafka-ui", "namespace": "streaming"}, "spec": {"template": {"metadata": {"labels": {"app": "kafka"}}}}}
	count(deny) == 1 with input as pdb({"minAvailable": 1}) with data.relcheck.objects as {"Deployment": {"streaming": {"kafka-ui": d}}}
}

test_min_available_unknown_workload_ok if {
	count(deny) == 0 with input as pdb({"minAvailable": 1}) with data.relcheck.objects as {}
}

test_hpa_minimum_used if {
	d := {"kind": "Deployment", "metadata": {"name": "web", "namespace": "streaming"}, "spec": {"template": {"metadata": {"labels": {"app": "kafka"}}}}}
	hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "namespace": "streaming"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 4, "maxReplicas": 8}}
	objs := {"Deployment": {"streaming": {"web": d}}, "HorizontalPodAutoscaler": {"streaming": {"web": hpa}}}
	count(deny) == 0 with input as pdb({"minAvailable": 2}) with data.relcheck.objects as objs
}

test_max_unavailable_one_ok if {
	count(deny) == 0 with input as pdb({"maxUnavailable": 1}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(3)}}}
}

test_percent_min_available_ok if {
	count(deny) == 0 with input as pdb({"minAvailable": "50%"}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(3)}}}
}

test_min_available_percent_rounds_up_to_all_replicas if {
	res := deny with input as pdb({"minAvailable": "67%"}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(3)}}}
	res == {{
		"msg": "PodDisruptionBudget/streaming/kafka requires minAvailable 67%, which rounds up to all 3 replicas of StatefulSet/kafka, so none can be evicted",
		"path": ["spec", "minAvailable"],
	}}
}

test_min_available_percent_leaving_one_ok if {
	count(deny) == 0 with input as pdb({"minAvailable": "60%"}) with data.relcheck.objects as {"StatefulSet": {"streaming": {"kafka": sts(5)}}}
}
