package relcheck.kubernetes.pod_spread

deployment(replicas, pod_spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "frontend"},
	"spec": {
		"replicas": replicas,
		"template": {"metadata": {"labels": {"app": "frontend"}}, "spec": object.union({"containers": [{"name": "frontend"}]}, pod_spec)},
	},
}

test_no_spread if {
	res := deny with input as deployment(3, {})
	res == {{
		"msg": "Deployment/frontend runs 3 replicas with neither pod anti-affinity nor topologySpreadConstraints",
		"path": ["spec", "template", "spec", "affinity"],
	}}
}

test_topology_spread_ok if {
	tsc := [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "frontend"}}}]
	count(deny) == 0 with input as deployment(3, {"topologySpreadConstraints": tsc})
}

test_preferred_anti_affinity_ok if {
	aff := {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "frontend"}}}}]}}
	count(deny) == 0 with input as deployment(3, {"affinity": aff})
}

test_node_affinity_only_flagged if {
	aff := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "In", "values": ["web"]}]}]}}}
	count(deny) == 1 with input as deployment(2, {"affinity": aff})
}

test_single_replica_ok if {
	count(deny) == 0 with input as deployment(1, {})
}

test_host_port_spreads_across_nodes if {
	count(deny) == 0 with input as deployment(4, {"containers": [{"name": "minio", "ports": [{"containerPort": 9000, "hostPort": 9000}]}]})
	count(deny) == 1 with input as deployment(4, {"containers": [{"name": "minio", "ports": [{"containerPort": 9000}]}]})
}

# kubernetes/website's zookeeper example: the anti-affinity selects app=zk,
# but the pods are labelled app.kubernetes.io/name=zk, so nothing keeps the
# replicas apart.
test_anti_affinity_on_other_pods_flagged if {
	aff := {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{
		"topologyKey": "kubernetes.io/hostname",
		"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["zk"]}]},
	}]}}
	res := deny with input as deployment(3, {"affinity": aff})
	res == {{
		"msg": "Deployment/frontend runs 3 replicas but its pod anti-affinity and topologySpreadConstraints select none of its own pods",
		"path": ["spec", "template", "spec", "affinity"],
	}}
}

test_required_anti_affinity_on_own_pods_ok if {
	aff := {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{
		"topologyKey": "kubernetes.io/hostname",
		"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["frontend", "frontend-canary"]}]},
	}]}}
	count(deny) == 0 with input as deployment(3, {"affinity": aff})
}

test_spread_constraint_on_other_pods_flagged if {
	tsc := [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "backend"}}}]
	count(deny) == 1 with input as deployment(3, {"topologySpreadConstraints": tsc})
}

# A term without a labelSelector selects no pods, as in Kubernetes; a
# selector of the wrong type is no selector (and raises no error).
test_term_without_selector_flagged if {
	count(deny) == 1 with input as deployment(3, {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname"}]})
	aff := {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": "app=frontend"}}]}}
	count(deny) == 1 with input as deployment(3, {"affinity": aff})
}

# Istio's istiod and gateway charts: no spec.replicas, an HPA of 1 to 5
# replicas, no anti-affinity or spread constraints. Under load five pods may
# share one node.
hpa(min, max) := {
	"kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "frontend"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "frontend"}, "minReplicas": min, "maxReplicas": max},
}

test_autoscaled_judged_at_maximum if {
	d := json.remove(deployment(1, {}), ["spec/replicas"])
	res := deny with input as d with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"frontend": hpa(1, 5)}}}
	res == {{
		"msg": "Deployment/frontend runs up to 5 replicas (autoscaled) with neither pod anti-affinity nor topologySpreadConstraints",
		"path": ["spec", "template", "spec", "affinity"],
	}}
}

test_autoscaled_spread_ok if {
	tsc := [{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "frontend"}}}]
	d := json.remove(deployment(1, {"topologySpreadConstraints": tsc}), ["spec/replicas"])
	count(deny) == 0 with input as d with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"frontend": hpa(1, 5)}}}
}

test_autoscaled_to_one_ok if {
	count(deny) == 0 with input as deployment(1, {}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"frontend": hpa(1, 1)}}}
}

# The autoscaler's range, not spec.replicas, says how many pods run.
test_autoscaled_replicas_field_ignored if {
	count(deny) == 0 with input as deployment(3, {}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"frontend": hpa(1, 1)}}}
}

test_autoscaled_unknown_maximum_ok if {
	h := json.remove(hpa(1, 5), ["spec/maxReplicas"])
	count(deny) == 0 with input as deployment(1, {}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"frontend": h}}}
}

# KEDA's maxReplicaCount defaults to 100.
test_keda_default_maximum if {
	so := {"kind": "ScaledObject", "metadata": {"name": "frontend"}, "spec": {"scaleTargetRef": {"name": "frontend"}}}
	res := deny with input as deployment(1, {}) with data.relcheck.objects as {"ScaledObject": {"default": {"frontend": so}}}
	some r in res
	contains(r.msg, "up to 100 replicas (autoscaled)")
}

test_hpa_in_other_namespace_does_not_count if {
	count(deny) == 0 with input as deployment(1, {}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"other": {"frontend": hpa(1, 5)}}}
}
