package relcheck.terraform.aws_s3_versioning

bucket := {"bucket": "acme-invoices"}

versioning(ref, status) := {"bucket": ref, "versioning_configuration": [{"status": status}]}

test_no_versioning if {
	res := deny with input as {"resource": {"aws_s3_bucket": {"invoices": bucket}}}
	res == {{"msg": "aws_s3_bucket.invoices has no versioning: overwritten or deleted objects cannot be recovered", "path": ["resource", "aws_s3_bucket", "invoices"]}}
}

test_versioning_resource_by_reference if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket}, "aws_s3_bucket_versioning": {"invoices": versioning("${aws_s3_bucket.invoices.id}", "Enabled")}}}
	count(deny) == 0 with input as m
}

test_versioning_resource_by_literal_name if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket}, "aws_s3_bucket_versioning": {"v": versioning("acme-invoices", "Enabled")}}}
	count(deny) == 0 with input as m
}

test_versioning_for_other_bucket if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket, "logs": {"bucket": "acme-logs"}}, "aws_s3_bucket_versioning": {"logs": versioning("${aws_s3_bucket.logs.bucket}", "Enabled")}}}
	res := deny with input as m
	{r.path | some r in res} == {["resource", "aws_s3_bucket", "invoices"]}
}

test_suspended if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket}, "aws_s3_bucket_versioning": {"invoices": versioning("${aws_s3_bucket.invoices.id}", "Suspended")}}}
	res := deny with input as m
	res == {{"msg": `aws_s3_bucket_versioning.invoices sets status "Suspended": objects are not versioned`, "path": ["resource", "aws_s3_bucket_versioning", "invoices", "versioning_configuration", 0, "status"]}}
}

test_unknown_status_ok if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket}, "aws_s3_bucket_versioning": {"invoices": versioning("${aws_s3_bucket.invoices.id}", "${var.versioning_status}")}}}
	count(deny) == 0 with input as m
}

test_unattributed_versioning_ok if {
	m := {"resource": {"aws_s3_bucket": {"invoices": bucket}, "aws_s3_bucket_versioning": {"this": versioning("${var.bucket_name}", "Enabled")}}}
	count(deny) == 0 with input as m
}

test_inline_legacy_ok if {
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket": {"invoices": object.union(bucket, {"versioning": [{"enabled": true}]})}}}
}

# One finding per bucket, at the line that disables it (tfsec's own example
# _examples/foreach/main.tf was reported twice: at the bucket and at enabled).
test_inline_disabled if {
	res := deny with input as {"resource": {"aws_s3_bucket": {"invoices": object.union(bucket, {"versioning": [{"enabled": false, "mfa_delete": false}]})}}}
	res == {{"msg": "aws_s3_bucket.invoices disables versioning", "path": ["resource", "aws_s3_bucket", "invoices", "versioning", 0, "enabled"]}}
}

test_inline_disabled_string if {
	res := deny with input as {"resource": {"aws_s3_bucket": {"invoices": object.union(bucket, {"versioning": [{"enabled": "false"}]})}}}
	count(res) == 1
}

test_inline_block_without_enabled if {
	res := deny with input as {"resource": {"aws_s3_bucket": {"invoices": object.union(bucket, {"versioning": [{"mfa_delete": false}]})}}}
	res == {{"msg": "aws_s3_bucket.invoices has no versioning: overwritten or deleted objects cannot be recovered", "path": ["resource", "aws_s3_bucket", "invoices"]}}
}

test_indexed_reference if {
	m := {"resource": {"aws_s3_bucket": {"this": object.union(bucket, {"count": 1})}, "aws_s3_bucket_versioning": {"this": versioning("${aws_s3_bucket.this[0].id}", "Enabled")}}}
	count(deny) == 0 with input as m
}
