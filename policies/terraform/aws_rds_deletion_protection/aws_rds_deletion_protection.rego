# METADATA
# title: RDS databases have deletion protection
# description: >-
#   Without deletion_protection a terraform destroy, a replacement forced by
#   an attribute change, or a console click deletes the database. Read
#   replicas and Aurora members (protected by their cluster) are not checked.
# custom:
#   id: tf/aws-rds-deletion-protection
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   remediation: Set deletion_protection = true.
package relcheck.terraform.aws_rds_deletion_protection

import data.relcheck.lib.terraform as tf

deny contains result if {
	some type in ["aws_db_instance", "aws_rds_cluster"]
	some [label, db, base] in tf.created(type)
	checked(type, db)
	tf.disabled(db, "deletion_protection")
	result := {
		"msg": sprintf("%s has no deletion protection", [label]),
		"path": array.concat(base, ["deletion_protection"]),
	}
}

checked("aws_rds_cluster", _)

checked("aws_db_instance", db) if {
	not tf.read_replica(db)
	not startswith(tf.lower_str(object.get(db, "engine", "")), "aurora")
}
