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

s3mod(attrs) := {"module": {"media": object.union({"source": "terraform-aws-modules/s3-bucket/aws", "version": "2.13.0", "bucket": "syzygy-media"}, attrs)}}

# A call of terraform-aws-modules/s3-bucket/aws without versioning (its
# default is {}: no aws_s3_bucket_versioning).
test_module_without_versioning if {
	res := deny with input as s3mod({})
	res == {{"msg": "module.media has no versioning: overwritten or deleted objects cannot be recovered", "path": ["module", "media"]}}
}

test_module_versioning_enabled_ok if count(deny) == 0 with input as s3mod({"versioning": {"enabled": true}})

test_module_versioning_status_ok if count(deny) == 0 with input as s3mod({"versioning": {"status": "Enabled"}})

test_module_versioning_unknown_ok if count(deny) == 0 with input as s3mod({"versioning": "${var.versioning}"})

test_module_versioning_disabled if {
	res := deny with input as s3mod({"versioning": {"enabled": false}})
	res == {{"msg": "module.media disables versioning", "path": ["module", "media", "versioning", "enabled"]}}
}

test_module_versioning_suspended if count(deny) == 1 with input as s3mod({"versioning": {"status": "Suspended"}})

test_module_create_bucket_false_ok if count(deny) == 0 with input as s3mod({"create_bucket": false})

test_module_submodule_not_a_bucket if count(deny) == 0 with input as {"module": {"objects": {"source": "terraform-aws-modules/s3-bucket/aws//modules/object"}}}

# A versioning resource for the module's bucket (a real call: bucket =
# module.s3_bucket.s3_bucket_id).
test_module_versioning_resource_ok if {
	m := object.union(s3mod({}), {"resource": {"aws_s3_bucket_versioning": {"v": {
		"bucket": "${module.media.s3_bucket_id}",
		"versioning_configuration": [{"status": "Enabled"}],
	}}}})
	count(deny) == 0 with input as m
}

# A versioning resource for a module's bucket is not "unattributed": other
# buckets are still checked.
test_module_versioning_resource_other_bucket if {
	m := {
		"module": {"media": {"source": "terraform-aws-modules/s3-bucket/aws"}},
		"resource": {
			"aws_s3_bucket": {"logs": {"bucket": "acme-logs"}},
			"aws_s3_bucket_versioning": {"v": {"bucket": "${module.media.s3_bucket_id}", "versioning_configuration": [{"status": "Enabled"}]}},
		},
	}
	res := deny with input as m
	res == {{"msg": "aws_s3_bucket.logs has no versioning: overwritten or deleted objects cannot be recovered", "path": ["resource", "aws_s3_bucket", "logs"]}}
}
