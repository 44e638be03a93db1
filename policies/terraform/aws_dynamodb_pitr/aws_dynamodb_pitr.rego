# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Without point-in-time recovery a bad deploy or script that overwrites
#   or deletes items can only be undone from manual backups, if any exist.
#   A Terraform state-lock table (hash key LockID and nothing else) is not
#   checked: it holds only locks and digests that Terraform rewrites.
#   Calls of terraform-aws-modules/dynamodb-table/aws are checked as the
#   table they create: point_in_time_recovery_enabled (up to v5, false by
#   default) or point_in_time_recovery (from v6, none by default).
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

deny contains result if {
	some [name, m] in tf.module_calls(tf.dynamodb_table_module, tf.dynamodb_table_module_create_inputs)
	not tf.state_lock_table(m)
	not module_pitr_on(m)
	result := {
		"msg": sprintf("module.%s has %s", [name, module_problem(m)]),
		"path": array.concat(["module", name], module_pitr_path(m)),
	}
}

# Written true or unknown (a variable), in either version's form.
module_pitr_on(m) if not tf.disabled(m, "point_in_time_recovery_enabled")

module_pitr_on(m) if tf.unknown(m.point_in_time_recovery)

module_pitr_on(m) if {
	is_object(m.point_in_time_recovery)
	not tf.is_false(object.get(m.point_in_time_recovery, "enabled", true))
}

module_problem(m) := "point-in-time recovery disabled" if module_pitr_path(m) != []

else := "no point-in-time recovery"

module_pitr_path(m) := ["point_in_time_recovery_enabled"] if tf.is_false(m.point_in_time_recovery_enabled)

else := ["point_in_time_recovery", "enabled"] if tf.is_false(m.point_in_time_recovery.enabled)

else := []
