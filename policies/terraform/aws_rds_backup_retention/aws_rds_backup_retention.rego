# METADATA
# title: RDS keeps at least seven days of backups
# description: >-
#   backup_retention_period bounds how far back point-in-time recovery can
#   go. Left unset the API default is one day, so corruption noticed after a
#   weekend cannot be undone; 0 disables automated backups. Read replicas and
#   Aurora members (backed up by their cluster) are not checked.
# custom:
#   id: tf/aws-rds-backup-retention
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   remediation: Set backup_retention_period to 7 or more (up to 35).
#   related: ["checkov:CKV_AWS_133"]
package relcheck.terraform.aws_rds_backup_retention

import data.relcheck.lib.terraform as tf

min_days := 7

deny contains result if {
	some type in ["aws_db_instance", "aws_rds_cluster"]
	some [label, db, base] in tf.created(type)
	checked(type, db)
	days := retention(db)
	days < min_days
	result := {
		"msg": sprintf("%s keeps %s of backups; at least %d are needed to recover from problems found late", [label, describe(db, days), min_days]),
		"path": array.concat(base, ["backup_retention_period"]),
	}
}

checked("aws_rds_cluster", _)

checked("aws_db_instance", db) if {
	not tf.read_replica(db)
	not startswith(tf.lower_str(object.get(db, "engine", "")), "aurora")
}

retention(db) := 1 if tf.absent(db, "backup_retention_period")

retention(db) := tf.number(db.backup_retention_period)

describe(db, _) := "1 day (unset, the default)" if tf.absent(db, "backup_retention_period")

describe(db, days) := sprintf("%d days", [days]) if not tf.absent(db, "backup_retention_period")
