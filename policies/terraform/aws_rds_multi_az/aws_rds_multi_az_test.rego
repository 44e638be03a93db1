package relcheck.terraform.aws_rds_multi_az

db(attrs) := {"resource": {"aws_db_instance": {"main": object.union({"engine": "postgres", "instance_class": "db.t3.medium", "allocated_storage": 50}, attrs)}}}

test_absent if {
	res := deny with input as db({})
	res == {{"msg": "aws_db_instance.main is not Multi-AZ: an AZ or host failure takes the database down", "path": ["resource", "aws_db_instance", "main", "multi_az"]}}
}

test_false if count(deny) == 1 with input as db({"multi_az": false})

test_false_string if count(deny) == 1 with input as db({"multi_az": "false"})

test_true_ok if count(deny) == 0 with input as db({"multi_az": true})

test_true_string_ok if count(deny) == 0 with input as db({"multi_az": "true"})

test_unknown_ok if count(deny) == 0 with input as db({"multi_az": "${var.multi_az}"})

test_aurora_member_ok if count(deny) == 0 with input as db({"engine": "aurora-postgresql"})

test_read_replica_ok if count(deny) == 0 with input as db({"replicate_source_db": "${aws_db_instance.primary.identifier}"})

test_no_resources if count(deny) == 0 with input as {"variable": {"x": {}}}

module_call(source, inputs) := {"module": {"db": object.union({"source": source, "engine": "postgres"}, inputs)}}

test_registry_module_without_multi_az if {
	res := deny with input as module_call("terraform-aws-modules/rds/aws", {"version": "~> 6.0"})
	res == {{
		"msg": "module.db is not Multi-AZ: an AZ or host failure takes the database down",
		"path": ["module", "db", "multi_az"],
	}}
}

test_module_sources if {
	count(deny) == 1 with input as module_call("terraform-aws-modules/rds/aws//modules/db_instance", {})
	count(deny) == 1 with input as module_call("git::https://github.com/terraform-aws-modules/terraform-aws-rds.git?ref=v6.10.0", {})
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws", {"multi_az": true})
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds-aurora/aws", {})
	count(deny) == 0 with input as module_call("git::https://github.com/terraform-aws-modules/terraform-aws-rds-aurora.git", {})
	count(deny) == 0 with input as module_call("./modules/db", {})
	count(deny) == 1 with input as module_call("github.com/terraform-aws-modules/terraform-aws-rds?ref=v5.9.0", {})
	count(deny) == 1 with input as module_call("git::https://github.com/terraform-aws-modules/terraform-aws-rds.git//modules/db_instance?ref=v6.10.0", {})
}

# Teleport's RDS load test calls the rds module's subnet group submodule
# beside the database itself: only the root module and //modules/db_instance
# create an instance.
test_submodules_that_create_no_instance if {
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws//modules/db_subnet_group", {"name": "loadtest"})
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws//modules/db_parameter_group", {})
	count(deny) == 0 with input as module_call("git::https://github.com/terraform-aws-modules/terraform-aws-rds.git//modules/db_option_group?ref=v6.10.0", {})
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws//modules/db_instance_automated_backups_replication", {})
}

test_module_that_creates_nothing if {
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws", {"create_db_instance": false})
	count(deny) == 0 with input as module_call("terraform-aws-modules/rds/aws", {"count": 0})
}
