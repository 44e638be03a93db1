# METADATA
# title: Auto Scaling groups behind a load balancer use its health checks
# description: >-
#   With the default health_check_type EC2 an Auto Scaling group replaces
#   only instances whose VM fails; an instance whose application is dead
#   stays in service while the load balancer marks it unhealthy. A group
#   counts as attached when it lists target_group_arns or load_balancers, or
#   an aws_autoscaling_attachment or aws_autoscaling_traffic_source_attachment
#   refers to it.
# custom:
#   id: tf/aws-asg-elb-health-check
#   severity: medium
#   resource_types: [aws_autoscaling_group, aws_autoscaling_attachment, aws_autoscaling_traffic_source_attachment]
#   remediation: >-
#     Set health_check_type = "ELB" and a health_check_grace_period long
#     enough for instances to boot.
package relcheck.terraform.aws_asg_elb_health_check

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, asg] in tf.resources("aws_autoscaling_group")
	attached(name, asg)
	type := object.get(asg, "health_check_type", "EC2")
	not tf.unknown(type)
	not tf.upper_str(type) in {"ELB", "VPC_LATTICE"}
	result := {
		"msg": sprintf("aws_autoscaling_group.%s is behind a load balancer but uses %s health checks: instances the load balancer finds unhealthy are not replaced", [name, type]),
		"path": tf.attr_path("aws_autoscaling_group", name, "health_check_type"),
	}
}

attached(_, asg) if {
	some attr in ["target_group_arns", "load_balancers"]
	non_empty(asg[attr])
}

attached(name, asg) if {
	some type in ["aws_autoscaling_attachment", "aws_autoscaling_traffic_source_attachment"]
	some [_, att] in tf.resources(type)
	names_group(att.autoscaling_group_name, name, asg)
}

non_empty(v) if {
	is_array(v)
	count(v) > 0
}

non_empty(v) if tf.unknown(v)

names_group(ref, name, _) if tf.referenced_name(ref, "aws_autoscaling_group") == name

names_group(ref, _, asg) if {
	not tf.unknown(ref)
	ref == asg.name
}
