package relcheck.terraform.aws_rds_backup_retention

mod(type, attrs) := {"resource": {type: {"db": attrs}}}

test_unset if {
	res := deny with input as mod("aws_db_instance", {"engine": "mysql"})
	res == {{
		"msg": "aws_db_instance.db keeps 1 day (unset, the default) of backups; at least 7 are needed to recover from problems found late",
		"path": ["resource", "aws_db_instance", "db", "backup_retention_period"],
	}}
}

test_three_days if count(deny) == 1 with input as mod("aws_rds_cluster", {"engine": "aurora-mysql", "backup_retention_period": 3})

test_zero_string if count(deny) == 1 with input as mod("aws_db_instance", {"backup_retention_period": "0"})

test_seven_ok if count(deny) == 0 with input as mod("aws_db_instance", {"backup_retention_period": 7})

test_unknown_ok if count(deny) == 0 with input as mod("aws_db_instance", {"backup_retention_period": "${var.backup_days}"})

test_replica_ok if count(deny) == 0 with input as mod("aws_db_instance", {"replicate_source_db": "main"})

test_aurora_instance_ok if count(deny) == 0 with input as mod("aws_db_instance", {"engine": "aurora-postgresql"})

rds_module(inputs) := {"module": {"orders": object.union({"source": "terraform-aws-modules/rds/aws", "engine": "postgres"}, inputs)}}

test_registry_module if {
	res := deny with input as rds_module({"backup_retention_period": 0, "deletion_protection": true})
	res == {{
		"msg": "module.orders keeps 0 days of backups; at least 7 are needed to recover from problems found late",
		"path": ["module", "orders", "backup_retention_period"],
	}}
	count(deny) == 0 with input as rds_module({"backup_retention_period": 14})
}
