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
