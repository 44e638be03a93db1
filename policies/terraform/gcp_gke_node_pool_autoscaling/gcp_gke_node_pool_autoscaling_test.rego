package relcheck.terraform.gcp_gke_node_pool_autoscaling

test_fixed_count if {
	res := deny with input as {"resource": {"google_container_node_pool": {"primary": {"node_count": 3}}}}
	res == {{"msg": "google_container_node_pool.primary has no autoscaling: its node count is fixed", "path": ["resource", "google_container_node_pool", "primary"]}}
}

test_autoscaling_ok if {
	count(deny) == 0 with input as {"resource": {"google_container_node_pool": {"primary": {"autoscaling": [{"min_node_count": 1, "max_node_count": 5}]}}}}
}

test_total_autoscaling_ok if {
	count(deny) == 0 with input as {"resource": {"google_container_node_pool": {"primary": {"autoscaling": [{"total_min_node_count": 3, "total_max_node_count": 9, "location_policy": "BALANCED"}]}}}}
}

test_inline_cluster_pool if {
	m := {"resource": {"google_container_cluster": {"main": {"node_pool": [
		{"name": "fixed", "node_count": 3},
		{"name": "scaled", "autoscaling": [{"min_node_count": 1, "max_node_count": 4}]},
	]}}}}
	res := deny with input as m
	res == {{"msg": "node pool fixed of google_container_cluster.main has no autoscaling: its node count is fixed", "path": ["resource", "google_container_cluster", "main", "node_pool", 0]}}
}

test_autopilot_ok if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"main": {"enable_autopilot": true}}}}
}
