package relcheck.terraform.gcp_sql_backups

db(settings) := {"resource": {"google_sql_database_instance": {"main": {"database_version": "POSTGRES_15", "settings": [object.union({"tier": "db-custom-2-7680"}, settings)]}}}}

test_no_backup_block if {
	res := deny with input as db({})
	res == {{"msg": "google_sql_database_instance.main has no automated backups", "path": ["resource", "google_sql_database_instance", "main", "settings", 0, "backup_configuration", "enabled"]}}
}

test_disabled if {
	some r in deny with input as db({"backup_configuration": [{"enabled": false}]})
	r.path == ["resource", "google_sql_database_instance", "main", "settings", 0, "backup_configuration", 0, "enabled"]
}

test_enabled_ok if count(deny) == 0 with input as db({"backup_configuration": [{"enabled": true, "point_in_time_recovery_enabled": true, "start_time": "03:00"}]})

test_unknown_ok if count(deny) == 0 with input as db({"backup_configuration": [{"enabled": "${var.backups}"}]})

test_replica_ok if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"r": {"master_instance_name": "main", "settings": [{}]}}}}
}
