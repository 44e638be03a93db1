package relcheck.terraform.gcp_gke_node_auto_repair

pool(mgmt) := {"resource": {"google_container_node_pool": {"primary": {"cluster": "${google_container_cluster.main.id}", "node_count": 3, "management": [mgmt]}}}}

test_disabled if {
	res := deny with input as pool({"auto_repair": false, "auto_upgrade": true})
	res == {{"msg": "google_container_node_pool.primary disables node auto-repair", "path": ["resource", "google_container_node_pool", "primary", "management", 0, "auto_repair"]}}
}

test_enabled_ok if count(deny) == 0 with input as pool({"auto_repair": true})

test_default_ok if {
	count(deny) == 0 with input as {"resource": {"google_container_node_pool": {"primary": {"node_count": 3}}}}
}

test_cluster_inline_pool if {
	m := {"resource": {"google_container_cluster": {"main": {"node_pool": [{"name": "default-pool", "management": [{"auto_repair": "false"}]}]}}}}
	res := deny with input as m
	res == {{"msg": "node pool default-pool of google_container_cluster.main disables node auto-repair", "path": ["resource", "google_container_cluster", "main", "node_pool", 0, "management", 0, "auto_repair"]}}
}
