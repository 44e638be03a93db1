# METADATA
# title: Cloud SQL instances are regional
# description: >-
#   A zonal Cloud SQL instance (availability_type ZONAL, the default) is down
#   for the whole of a zone outage and during some maintenance; a regional
#   instance fails over to a standby in another zone. Read replicas are not
#   checked. Calls of terraform-google-modules/sql-db/google//modules/postgresql
#   are checked by their availability_type input (ZONAL by default); the
#   other submodules are not read.
# custom:
#   id: tf/gcp-sql-regional
#   severity: high
#   resource_types: [google_sql_database_instance]
#   remediation: Set settings { availability_type = "REGIONAL" }.
package relcheck.terraform.gcp_sql_regional

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, db] in tf.resources("google_sql_database_instance")
	tf.absent(db, "master_instance_name")
	settings := tf.block_or_empty(db, "settings")
	availability := object.get(settings, "availability_type", "ZONAL")
	not tf.unknown(availability)
	tf.upper_str(availability) != "REGIONAL"
	result := {
		"msg": sprintf("google_sql_database_instance.%s is %s: a zone outage takes the database down", [name, tf.upper_str(availability)]),
		"path": array.concat(tf.block_path(tf.resource_path("google_sql_database_instance", name), db, "settings"), ["availability_type"]),
	}
}

deny contains result if {
	some [name, m] in tf.module_calls(tf.sql_db_postgresql_module, [])
	availability := object.get(m, "availability_type", "ZONAL")
	not tf.unknown(availability)
	tf.upper_str(availability) != "REGIONAL"
	result := {
		"msg": sprintf("module.%s is %s: a zone outage takes the database down", [name, tf.upper_str(availability)]),
		"path": ["module", name, "availability_type"],
	}
}
