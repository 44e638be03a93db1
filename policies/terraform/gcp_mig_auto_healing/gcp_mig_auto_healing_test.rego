package relcheck.terraform.gcp_mig_auto_healing

test_missing if {
	res := deny with input as {"resource": {"google_compute_region_instance_group_manager": {"web": {"base_instance_name": "web", "target_size": 3}}}}
	res == {{"msg": "google_compute_region_instance_group_manager.web has no auto_healing_policies: instances whose application fails are not recreated", "path": ["resource", "google_compute_region_instance_group_manager", "web"]}}
}

test_present_ok if {
	m := {"resource": {"google_compute_instance_group_manager": {"web": {"auto_healing_policies": [{"health_check": "${google_compute_health_check.web.id}", "initial_delay_sec": 300}]}}}}
	count(deny) == 0 with input as m
}
