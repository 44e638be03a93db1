# METADATA
# title: RDS takes a final snapshot on deletion
# description: >-
#   skip_final_snapshot = true deletes a database and its automated backups
#   without a last snapshot: an accidental destroy or replacement loses the
#   data for good. Read replicas and Aurora members are not checked.
# custom:
#   id: tf/aws-rds-final-snapshot
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   remediation: >-
#     Remove skip_final_snapshot (it defaults to false) and set
#     final_snapshot_identifier.
package relcheck.terraform.aws_rds_final_snapshot

import data.relcheck.lib.terraform as tf

deny contains result if {
	some type in ["aws_db_instance", "aws_rds_cluster"]
	some [label, db, base] in tf.created(type)
	checked(type, db)
	tf.is_true(db.skip_final_snapshot)
	result := {
		"msg": sprintf("%s skips the final snapshot: deleting it loses the data", [label]),
		"path": array.concat(base, ["skip_final_snapshot"]),
	}
}

checked("aws_rds_cluster", _)

checked("aws_db_instance", db) if {
	not tf.read_replica(db)
	not startswith(tf.lower_str(object.get(db, "engine", "")), "aurora")
}
