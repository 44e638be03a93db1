# METADATA
# title: S3 buckets keep object versions
# description: >-
#   Without versioning an overwrite or delete (a bad deploy, a script, a
#   compromised key) destroys the only copy of an object. Versioning counts
#   when set inline (the legacy versioning block) or by an
#   aws_s3_bucket_versioning resource whose bucket refers to the bucket
#   (aws_s3_bucket.NAME.id / .bucket) or equals its literal name. When an
#   aws_s3_bucket_versioning refers to a bucket in a way that cannot be
#   resolved (a variable, a module output), buckets without versioning are
#   not reported, since it may cover them. Calls of
#   terraform-aws-modules/s3-bucket/aws count as buckets: their versioning
#   input ({ enabled = true } or { status = "Enabled" }) is the inline
#   setting, and an aws_s3_bucket_versioning whose bucket is the call's
#   s3_bucket_id output covers them.
# custom:
#   id: tf/aws-s3-versioning
#   severity: medium
#   resource_types: [aws_s3_bucket, aws_s3_bucket_versioning]
#   remediation: >-
#     Add an aws_s3_bucket_versioning resource for the bucket with
#     versioning_configuration { status = "Enabled" } (and a lifecycle rule
#     that expires noncurrent versions).
#   related: ["checkov:CKV_AWS_21"]
package relcheck.terraform.aws_s3_versioning

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [label, bucket, base] in tf.created("aws_s3_bucket")
	not inline_versioning(bucket)
	not inline_disabled(bucket)
	not dynamic_versioning(bucket)
	not tf.unknown(object.get(bucket, "versioning", []))
	count(versioning_for(label, bucket)) == 0
	not unattributed_versioning
	result := {
		"msg": sprintf("%s has no versioning: overwritten or deleted objects cannot be recovered", [label]),
		"path": base,
	}
}

# A versioning resource that suspends (or never enables) versioning.
deny contains result if {
	some [vname, v] in tf.resources("aws_s3_bucket_versioning")
	conf := tf.block(v, "versioning_configuration")
	status := conf.status
	not tf.unknown(status)
	status != "Enabled"
	result := {
		"msg": sprintf("aws_s3_bucket_versioning.%s sets status %q: objects are not versioned", [vname, status]),
		"path": array.concat(tf.block_path(tf.resource_path("aws_s3_bucket_versioning", vname), v, "versioning_configuration"), ["status"]),
	}
}

# An inline versioning block that disables versioning (AWS provider < 4),
# or the s3-bucket module's versioning = { enabled = false }.
deny contains result if {
	some [label, bucket, base] in tf.created("aws_s3_bucket")
	v := tf.block(bucket, "versioning")
	some key in ["enabled", "status"]
	switched_off(v[key])
	result := {
		"msg": sprintf("%s disables versioning", [label]),
		"path": array.concat(tf.block_path(base, bucket, "versioning"), [key]),
	}
}

inline_versioning(bucket) if {
	v := tf.block(bucket, "versioning")
	not tf.is_false(object.get(v, "enabled", false))
}

# The s3-bucket module also reads versioning = { status = true | "Enabled" }.
inline_versioning(bucket) if {
	v := tf.block(bucket, "versioning")
	tf.has_value(v, "status")
	not switched_off(v.status)
}

# versioning { enabled = false } is reported once, at that line, by the rule
# above; reporting the bucket as well counted one setting twice.
inline_disabled(bucket) if {
	v := tf.block(bucket, "versioning")
	some key in ["enabled", "status"]
	switched_off(v[key])
}

switched_off(v) if tf.is_false(v)

switched_off(v) if tf.lower_str(v) in {"suspended", "disabled"}

dynamic_versioning(bucket) if {
	some d in bucket.dynamic
	d.versioning
}

versioning_for(label, bucket) := {vname |
	some [vname, v] in tf.resources("aws_s3_bucket_versioning")
	refers_to(v.bucket, label, bucket)
}

refers_to(ref, label, _) if sprintf("aws_s3_bucket.%s", [tf.referenced_name(ref, "aws_s3_bucket")]) == label

refers_to(ref, label, _) if sprintf("module.%s", [module_output_name(ref)]) == label

refers_to(ref, _, bucket) if {
	not tf.unknown(ref)
	ref == bucket.bucket
}

# module.NAME.s3_bucket_id, the s3-bucket module's output for its bucket.
module_output_name(ref) := m[0][1] if {
	is_string(ref)
	m := regex.find_all_string_submatch_n(`^\$\{\s*module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.s3_bucket_id\s*\}$`, ref, 1)
	count(m) == 1
}

unattributed_versioning if {
	some [_, v] in tf.resources("aws_s3_bucket_versioning")
	tf.unknown(v.bucket)
	not tf.referenced_name(v.bucket, "aws_s3_bucket")
	not module_output_name(v.bucket)
}
