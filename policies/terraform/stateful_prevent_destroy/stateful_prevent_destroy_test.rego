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

test_provider_deletion_protection_default_ok if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": {"database_version": "POSTGRES_16"}}}}
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": {"deletion_protection": true}}}}
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": {"deletion_protection": "true"}}}}
	count(deny) == 0 with input as {"resource": {"google_bigtable_instance": {"events": {}}}}
	count(deny) == 0 with input as {"resource": {"google_spanner_database": {"ledger": {"instance": "main"}}}}
}

test_provider_deletion_protection_unknown_ok if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"main": {"deletion_protection": "${var.deletion_protection}"}}}}
}

test_provider_deletion_protection_off if {
	res := deny with input as {"resource": {"google_sql_database_instance": {"main": {"deletion_protection": false}}}}
	res == {{"msg": "google_sql_database_instance.main holds data but has no lifecycle { prevent_destroy = true }", "path": ["resource", "google_sql_database_instance", "main", "lifecycle"]}}
}

test_aws_deletion_protection_still_checked if {
	count(deny) == 1 with input as {"resource": {"aws_db_instance": {"main": {"deletion_protection": true}}}}
}
