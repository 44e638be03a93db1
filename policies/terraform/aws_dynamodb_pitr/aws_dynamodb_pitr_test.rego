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
