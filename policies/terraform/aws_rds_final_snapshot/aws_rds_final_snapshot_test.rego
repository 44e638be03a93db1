package relcheck.terraform.aws_rds_final_snapshot

mod(attrs) := {"resource": {"aws_db_instance": {"users": object.union({"engine": "postgres"}, attrs)}}}

test_skip if {
	res := deny with input as mod({"skip_final_snapshot": true})
	res == {{"msg": "aws_db_instance.users skips the final snapshot: deleting it loses the data", "path": ["resource", "aws_db_instance", "users", "skip_final_snapshot"]}}
}

test_skip_string if count(deny) == 1 with input as mod({"skip_final_snapshot": "true"})

test_default_ok if count(deny) == 0 with input as mod({})

test_false_ok if count(deny) == 0 with input as mod({"skip_final_snapshot": false, "final_snapshot_identifier": "users-final"})

test_unknown_ok if count(deny) == 0 with input as mod({"skip_final_snapshot": "${var.env != \"prod\"}"})

test_replica_ok if count(deny) == 0 with input as mod({"skip_final_snapshot": true, "replicate_source_db": "${aws_db_instance.primary.identifier}"})

rds_module(inputs) := {"module": {"orders": object.union({"source": "terraform-aws-modules/rds/aws", "engine": "postgres"}, inputs)}}

test_registry_module if {
	res := deny with input as rds_module({"skip_final_snapshot": true})
	res == {{"msg": "module.orders skips the final snapshot: deleting it loses the data", "path": ["module", "orders", "skip_final_snapshot"]}}
	count(deny) == 0 with input as rds_module({})
}
