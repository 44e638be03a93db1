package relcheck.terraform.stateful_prevent_destroy

test_missing if {
	res := deny with input as {"resource": {"aws_s3_bucket": {"assets": {"bucket": "acme-assets"}}}}
	res == {{"msg": "aws_s3_bucket.assets holds data but has no lifecycle { prevent_destroy = true }", "path": ["resource", "aws_s3_bucket", "assets", "lifecycle"]}}
}

test_lifecycle_without_prevent_destroy if {
	res := deny with input as {"resource": {"aws_db_instance": {"main": {"lifecycle": [{"ignore_changes": ["password"]}]}}}}
	some r in res
	r.path == ["resource", "aws_db_instance", "main", "lifecycle", 0, "prevent_destroy"]
}

test_prevent_destroy_ok if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": {"lifecycle": [{"prevent_destroy": true}]}}}}
}

test_stateless_ignored if {
	count(deny) == 0 with input as {"resource": {"aws_security_group": {"web": {}}, "aws_instance": {"web": {}}}}
}

test_state_lock_table_ok if {
	count(deny) == 0 with input as {"resource": {"aws_dynamodb_table": {"locks": {"name": "terraform-locks", "billing_mode": "PAY_PER_REQUEST", "hash_key": "LockID", "attribute": [{"name": "LockID", "type": "S"}]}}}}
}

test_table_with_data_checked if {
	count(deny) == 1 with input as {"resource": {"aws_dynamodb_table": {"sessions": {"hash_key": "UserId"}}}}
}
