# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Without point-in-time recovery a bad deploy or script that overwrites
#   or deletes items can only be undone from manual backups, if any exist.
#   A Terraform state-lock table (hash key LockID and nothing else) is not
#   checked: it holds only locks and digests that Terraform rewrites.
# custom:
#   id: tf/aws-dynamodb-pitr
#   severity: medium
#   resource_types: [aws_dynamodb_table]
#   remediation: Add point_in_time_recovery { enabled = true }.
#   related: ["checkov:CKV_AWS_28"]
package relcheck.terraform.aws_dynamodb_pitr

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, t] in tf.resources("aws_dynamodb_table")
	not tf.state_lock_table(t)
	not tf.has_block(t, "point_in_time_recovery")
	result := {
		"msg": sprintf("aws_dynamodb_table.%s has no point-in-time recovery", [name]),
		"path": tf.resource_path("aws_dynamodb_table", name),
	}
}

deny contains result if {
	some [name, t] in tf.resources("aws_dynamodb_table")
	not tf.state_lock_table(t)
	pitr := tf.block(t, "point_in_time_recovery")
	tf.disabled(pitr, "enabled")
	result := {
		"msg": sprintf("aws_dynamodb_table.%s has point-in-time recovery disabled", [name]),
		"path": array.concat(tf.block_path(tf.resource_path("aws_dynamodb_table", name), t, "point_in_time_recovery"), ["enabled"]),
	}
}
