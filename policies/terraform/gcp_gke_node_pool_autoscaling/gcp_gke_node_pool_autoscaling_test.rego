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

# The Kubernetes provider's GKE example: a cluster with initial_node_count
# and node_config but no node_pool keeps GKE's default pool at that size.
test_default_pool_fixed if {
	m := {"resource": {"google_container_cluster": {"primary": {
		"name": "${var.cluster_name}",
		"initial_node_count": 3,
		"node_config": [{"oauth_scopes": ["https://www.googleapis.com/auth/compute"]}],
	}}}}
	res := deny with input as m
	res == {{
		"msg": "the default node pool of google_container_cluster.primary has no autoscaling: its node count is fixed (initial_node_count)",
		"path": ["resource", "google_container_cluster", "primary", "initial_node_count"],
	}}
	count(deny) == 1 with input as {"resource": {"google_container_cluster": {"primary": {"remove_default_node_pool": false}}}}
	res2 := deny with input as {"resource": {"google_container_cluster": {"primary": {"location": "europe-west1"}}}}
	res2 == {{
		"msg": "the default node pool of google_container_cluster.primary has no autoscaling: its node count is fixed (initial_node_count)",
		"path": ["resource", "google_container_cluster", "primary"],
	}}
}

# The usual shape (Teleport's load-test cluster): the default pool is
# removed and a google_container_node_pool is declared; also a removal we
# cannot read, a dynamic node_pool and Autopilot.
test_default_pool_removed_ok if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"loadtest": {"remove_default_node_pool": true, "initial_node_count": 1}}}}
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"loadtest": {"remove_default_node_pool": "true", "initial_node_count": 1}}}}
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"loadtest": {"remove_default_node_pool": "${var.remove_default}", "initial_node_count": 1}}}}
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"loadtest": {"dynamic": [{"node_pool": [{"for_each": "${var.pools}"}]}]}}}}
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"loadtest": {"enable_autopilot": "${var.autopilot}"}}}}
}
