# METADATA
# title: Auto Scaling groups keep at least two instances
# description: >-
#   With min_size below 2 the group may scale in to a single instance (or
#   none), which is then a single point of failure for everything it serves.
# custom:
#   id: tf/aws-asg-min-size
#   severity: high
#   resource_types: [aws_autoscaling_group]
#   remediation: Set min_size to 2 or more, spread over several subnets.
package relcheck.terraform.aws_asg_min_size

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, asg] in tf.resources("aws_autoscaling_group")
	n := tf.number(asg.min_size)
	n < 2
	result := {
		"msg": sprintf("aws_autoscaling_group.%s has min_size %d: it can run a single instance or none", [name, n]),
		"path": tf.attr_path("aws_autoscaling_group", name, "min_size"),
	}
}
