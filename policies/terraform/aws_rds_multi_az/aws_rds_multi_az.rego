# METADATA
# title: RDS instances run Multi-AZ
# description: >-
#   A single-AZ RDS instance is down for the whole of an AZ outage, a host
#   failure, and most maintenance and instance-class changes; Multi-AZ fails
#   over to a standby in another zone in a minute or two. Aurora members
#   (engine aurora*) and read replicas are not checked: Aurora replicates at
#   the cluster level (see tf/aws-aurora-single-instance).
# custom:
#   id: tf/aws-rds-multi-az
#   severity: high
#   resource_types: [aws_db_instance]
#   remediation: Set multi_az = true.
#   related: ["checkov:CKV_AWS_157"]
package relcheck.terraform.aws_rds_multi_az

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [label, db, base] in tf.created("aws_db_instance")
	not aurora(db)
	not tf.read_replica(db)
	tf.disabled(db, "multi_az")
	result := {
		"msg": sprintf("%s is not Multi-AZ: an AZ or host failure takes the database down", [label]),
		"path": array.concat(base, ["multi_az"]),
	}
}

aurora(db) if startswith(tf.lower_str(db.engine), "aurora")
