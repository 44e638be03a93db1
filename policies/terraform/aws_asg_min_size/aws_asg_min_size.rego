# METADATA
# title: Auto Scaling groups keep at least two instances
# description: >-
#   With min_size below 2 the group may scale in to a single instance (or
#   none), which is then a single point of failure for everything it serves.
#   Calls of terraform-aws-modules/autoscaling/aws are read the same way.
# custom:
#   id: tf/aws-asg-min-size
#   severity: high
#   resource_types: [aws_autoscaling_group]
#   remediation: Set min_size to 2 or more, spread over several subnets.
package relcheck.terraform.aws_asg_min_size

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [label, asg, base] in tf.created("aws_autoscaling_group")
	n := tf.number(asg.min_size)
	n < 2
	result := {
		"msg": sprintf("%s has min_size %d: it can run a single instance or none", [label, n]),
		"path": array.concat(base, ["min_size"]),
	}
}
