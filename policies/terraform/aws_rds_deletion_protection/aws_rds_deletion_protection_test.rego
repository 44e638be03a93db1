package relcheck.terraform.aws_rds_deletion_protection

mod(type, attrs) := {"resource": {type: {"orders": attrs}}}

test_unset if {
	res := deny with input as mod("aws_rds_cluster", {"engine": "aurora-postgresql"})
	res == {{"msg": "aws_rds_cluster.orders has no deletion protection", "path": ["resource", "aws_rds_cluster", "orders", "deletion_protection"]}}
}

test_false if count(deny) == 1 with input as mod("aws_db_instance", {"engine": "postgres", "deletion_protection": false})

test_true_ok if count(deny) == 0 with input as mod("aws_db_instance", {"deletion_protection": true})

test_unknown_ok if count(deny) == 0 with input as mod("aws_db_instance", {"deletion_protection": "${var.environment == \"prod\"}"})

test_aurora_instance_ok if count(deny) == 0 with input as mod("aws_db_instance", {"engine": "aurora-mysql"})

rds_module(inputs) := {"module": {"orders": object.union({"source": "terraform-aws-modules/rds/aws", "engine": "postgres"}, inputs)}}

test_registry_module if {
	res := deny with input as rds_module({"deletion_protection": false})
	res == {{"msg": "module.orders has no deletion protection", "path": ["module", "orders", "deletion_protection"]}}
	count(deny) == 1 with input as rds_module({})
	count(deny) == 0 with input as rds_module({"deletion_protection": true})
}
