package relcheck.terraform.aws_dynamodb_pitr

table(attrs) := {"resource": {"aws_dynamodb_table": {"orders": object.union({"name": "orders", "billing_mode": "PAY_PER_REQUEST", "hash_key": "pk", "attribute": [{"name": "pk", "type": "S"}]}, attrs)}}}

test_absent if {
	res := deny with input as table({})
	res == {{"msg": "aws_dynamodb_table.orders has no point-in-time recovery", "path": ["resource", "aws_dynamodb_table", "orders"]}}
}

test_disabled if {
	res := deny with input as table({"point_in_time_recovery": [{"enabled": false}]})
	res == {{"msg": "aws_dynamodb_table.orders has point-in-time recovery disabled", "path": ["resource", "aws_dynamodb_table", "orders", "point_in_time_recovery", 0, "enabled"]}}
}

test_enabled_ok if count(deny) == 0 with input as table({"point_in_time_recovery": [{"enabled": true}]})

test_unknown_ok if count(deny) == 0 with input as table({"point_in_time_recovery": [{"enabled": "${var.pitr}"}]})

# The S3 backend's lock table holds leases and state digests, nothing to
# restore (terraform-aws-uweeisele-dev, real-world shape).
test_state_lock_table_ok if count(deny) == 0 with input as {"resource": {"aws_dynamodb_table": {"terraform_state_lock": {
	"name": "terraform-lock",
	"read_capacity": 1,
	"write_capacity": 1,
	"hash_key": "LockID",
	"attribute": [{"name": "LockID", "type": "S"}],
}}}}

test_lock_key_with_range_key_checked if count(deny) == 1 with input as table({"hash_key": "LockID", "range_key": "sk"})

ddbmod(attrs) := {"module": {"sessions": object.union({"source": "terraform-aws-modules/dynamodb-table/aws", "version": "~> 4.0", "name": "sessions", "hash_key": "id", "attributes": [{"name": "id", "type": "S"}]}, attrs)}}

# A call of terraform-aws-modules/dynamodb-table/aws without either form of
# the input: the module's default is no point-in-time recovery.
test_module_without_pitr if {
	res := deny with input as ddbmod({})
	res == {{"msg": "module.sessions has no point-in-time recovery", "path": ["module", "sessions"]}}
}

test_module_pitr_disabled if {
	res := deny with input as ddbmod({"point_in_time_recovery_enabled": false})
	res == {{"msg": "module.sessions has point-in-time recovery disabled", "path": ["module", "sessions", "point_in_time_recovery_enabled"]}}
}

test_module_v6_pitr_disabled if {
	res := deny with input as ddbmod({"version": "~> 6.0", "point_in_time_recovery": {"enabled": false}})
	res == {{"msg": "module.sessions has point-in-time recovery disabled", "path": ["module", "sessions", "point_in_time_recovery", "enabled"]}}
}

test_module_pitr_enabled_ok if count(deny) == 0 with input as ddbmod({"point_in_time_recovery_enabled": true})

test_module_v6_pitr_ok if count(deny) == 0 with input as ddbmod({"point_in_time_recovery": {}})

test_module_pitr_unknown_ok if count(deny) == 0 with input as ddbmod({"point_in_time_recovery_enabled": "${var.pitr}"})

test_module_v6_pitr_unknown_ok if count(deny) == 0 with input as ddbmod({"point_in_time_recovery": "${var.pitr}"})

test_module_create_false_ok if count(deny) == 0 with input as ddbmod({"create_table": false})

test_module_lock_table_ok if count(deny) == 0 with input as ddbmod({"hash_key": "LockID", "attributes": [{"name": "LockID", "type": "S"}]})

test_other_module_ok if count(deny) == 0 with input as {"module": {"sessions": {"source": "./modules/dynamodb"}}}
