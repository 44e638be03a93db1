package relcheck.terraform.gcp_sql_regional

db(settings) := {"resource": {"google_sql_database_instance": {"main": {"database_version": "POSTGRES_15", "region": "europe-west1", "settings": [object.union({"tier": "db-custom-2-7680"}, settings)]}}}}

test_default_zonal if {
	res := deny with input as db({})
	res == {{"msg": "google_sql_database_instance.main is ZONAL: a zone outage takes the database down", "path": ["resource", "google_sql_database_instance", "main", "settings", 0, "availability_type"]}}
}

test_zonal if count(deny) == 1 with input as db({"availability_type": "ZONAL"})

test_regional_ok if count(deny) == 0 with input as db({"availability_type": "REGIONAL"})

test_unknown_ok if count(deny) == 0 with input as db({"availability_type": "${var.ha ? \"REGIONAL\" : \"ZONAL\"}"})

test_replica_ok if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"replica": {"master_instance_name": "${google_sql_database_instance.main.name}", "settings": [{"tier": "db-f1-micro"}]}}}}
}

test_no_settings_block if {
	some r in deny with input as {"resource": {"google_sql_database_instance": {"x": {"database_version": "MYSQL_8_0"}}}}
	r.path == ["resource", "google_sql_database_instance", "x", "settings", "availability_type"]
}

pgmod(attrs) := {"module": {"db": object.union({"source": "terraform-google-modules/sql-db/google//modules/postgresql", "version": "~> 20.0", "name": "shop", "database_version": "POSTGRES_16", "zone": "europe-west1-b"}, attrs)}}

# The postgresql submodule's availability_type is ZONAL by default.
test_module_default_zonal if {
	res := deny with input as pgmod({})
	res == {{"msg": "module.db is ZONAL: a zone outage takes the database down", "path": ["module", "db", "availability_type"]}}
}

test_module_zonal_written if {
	res := deny with input as pgmod({"availability_type": "ZONAL"})
	res == {{"msg": "module.db is ZONAL: a zone outage takes the database down", "path": ["module", "db", "availability_type"]}}
}

test_module_regional_ok if count(deny) == 0 with input as pgmod({"availability_type": "REGIONAL"})

test_module_unknown_ok if count(deny) == 0 with input as pgmod({"availability_type": "${var.environment == \"prod\" ? \"REGIONAL\" : \"ZONAL\"}"})

test_module_git_source if count(deny) == 1 with input as pgmod({"source": "git::https://github.com/terraform-google-modules/terraform-google-sql-db.git//modules/postgresql?ref=v20.0.0"})

# Other submodules' defaults are not read.
test_module_mysql_ok if count(deny) == 0 with input as pgmod({"source": "terraform-google-modules/sql-db/google//modules/mysql"})

test_module_count_zero_ok if count(deny) == 0 with input as pgmod({"count": 0})

# The module's registry name before it moved to terraform-google-modules.
test_module_old_namespace if count(deny) == 1 with input as pgmod({"source": "GoogleCloudPlatform/sql-db/google//modules/postgresql", "version": "8.0.0"})
