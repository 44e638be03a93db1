# METADATA
# title: Cloud SQL instances take automated backups
# description: >-
#   Without settings.backup_configuration.enabled a Cloud SQL instance has
#   no automated backups (and no point-in-time recovery): data lost to a bad
#   migration or a deleted table cannot be restored. Read replicas are not
#   checked.
# custom:
#   id: tf/gcp-sql-backups
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   remediation: >-
#     Add settings { backup_configuration { enabled = true } } (and
#     point_in_time_recovery_enabled or binary_log_enabled for PITR).
package relcheck.terraform.gcp_sql_backups

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, db] in tf.resources("google_sql_database_instance")
	tf.absent(db, "master_instance_name")
	settings := tf.block_or_empty(db, "settings")
	backup := tf.block_or_empty(settings, "backup_configuration")
	tf.disabled(backup, "enabled")
	base := tf.block_path(tf.resource_path("google_sql_database_instance", name), db, "settings")
	result := {
		"msg": sprintf("google_sql_database_instance.%s has no automated backups", [name]),
		"path": array.concat(tf.block_path(base, settings, "backup_configuration"), ["enabled"]),
	}
}
