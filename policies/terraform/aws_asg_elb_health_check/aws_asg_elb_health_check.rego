# METADATA
# title: Auto Scaling groups behind a load balancer use its health checks
# description: >-
#   With the default health_check_type EC2 an Auto Scaling group replaces
#   only instances whose VM fails; an instance whose application is dead
#   stays in service while the load balancer marks it unhealthy. A group
#   counts as attached when it lists target_group_arns or load_balancers, or
#   an aws_autoscaling_attachment or aws_autoscaling_traffic_source_attachment
#   refers to it, or it has a traffic_source block. Calls of
#   terraform-aws-modules/autoscaling/aws are read the same way, with the
#   module's traffic_source_attachments.
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
	some [label, asg, base] in tf.created("aws_autoscaling_group")
	attached(label, asg)
	type := object.get(asg, "health_check_type", "EC2")
	not tf.unknown(type)
	not tf.upper_str(type) in {"ELB", "VPC_LATTICE"}
	result := {
		"msg": sprintf("%s is behind a load balancer but uses %s health checks: instances the load balancer finds unhealthy are not replaced", [label, type]),
		"path": array.concat(base, ["health_check_type"]),
	}
}

attached(_, asg) if {
	some attr in ["target_group_arns", "load_balancers"]
	non_empty(asg[attr])
}

# The group's own traffic_source block (AWS provider v5), or the autoscaling
# module's traffic_source_attachments map (module v8 and later).
attached(_, asg) if tf.has_block(asg, "traffic_source")

attached(_, asg) if non_empty(asg.traffic_source_attachments)

attached(label, asg) if {
	some type in ["aws_autoscaling_attachment", "aws_autoscaling_traffic_source_attachment"]
	some [_, att] in tf.resources(type)
	names_group(att.autoscaling_group_name, label, asg)
}

non_empty(v) if {
	is_array(v)
	count(v) > 0
}

non_empty(v) if {
	is_object(v)
	count(v) > 0
}

non_empty(v) if tf.unknown(v)

names_group(ref, label, _) if sprintf("aws_autoscaling_group.%s", [tf.referenced_name(ref, "aws_autoscaling_group")]) == label

# module.asg.autoscaling_group_name (or _id) of the autoscaling module.
names_group(ref, label, _) if {
	is_string(ref)
	m := regex.find_all_string_submatch_n(`^\$\{\s*module\.([A-Za-z0-9_-]+)\.autoscaling_group_(name|id)\s*\}$`, ref, 1)
	count(m) == 1
	sprintf("module.%s", [m[0][1]]) == label
}

names_group(ref, _, asg) if {
	not tf.unknown(ref)
	ref == asg.name
}
