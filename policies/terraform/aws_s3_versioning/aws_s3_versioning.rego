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
#   not reported, since it may cover them.
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
	some [name, bucket] in tf.resources("aws_s3_bucket")
	not inline_versioning(bucket)
	not inline_disabled(bucket)
	not dynamic_versioning(bucket)
	count(versioning_for(name, bucket)) == 0
	not unattributed_versioning
	result := {
		"msg": sprintf("aws_s3_bucket.%s has no versioning: overwritten or deleted objects cannot be recovered", [name]),
		"path": tf.resource_path("aws_s3_bucket", name),
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

# An inline versioning block that disables versioning (AWS provider < 4).
deny contains result if {
	some [name, bucket] in tf.resources("aws_s3_bucket")
	v := tf.block(bucket, "versioning")
	tf.is_false(v.enabled)
	result := {
		"msg": sprintf("aws_s3_bucket.%s disables versioning", [name]),
		"path": array.concat(tf.block_path(tf.resource_path("aws_s3_bucket", name), bucket, "versioning"), ["enabled"]),
	}
}

inline_versioning(bucket) if {
	v := tf.block(bucket, "versioning")
	not tf.is_false(object.get(v, "enabled", false))
}

# versioning { enabled = false } is reported once, at that line, by the rule
# above; reporting the bucket as well counted one setting twice.
inline_disabled(bucket) if tf.is_false(tf.block(bucket, "versioning").enabled)

dynamic_versioning(bucket) if {
	some d in bucket.dynamic
	d.versioning
}

versioning_for(name, bucket) := {vname |
	some [vname, v] in tf.resources("aws_s3_bucket_versioning")
	refers_to(v.bucket, name, bucket)
}

refers_to(ref, name, _) if tf.referenced_name(ref, "aws_s3_bucket") == name

refers_to(ref, _, bucket) if {
	not tf.unknown(ref)
	ref == bucket.bucket
}

unattributed_versioning if {
	some [_, v] in tf.resources("aws_s3_bucket_versioning")
	tf.unknown(v.bucket)
	not tf.referenced_name(v.bucket, "aws_s3_bucket")
}
