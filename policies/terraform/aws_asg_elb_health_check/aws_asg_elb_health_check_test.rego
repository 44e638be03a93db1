package relcheck.terraform.aws_asg_elb_health_check

asg(attrs) := object.union({"name": "web-asg", "min_size": 2, "max_size": 6, "vpc_zone_identifier": ["subnet-a", "subnet-b"]}, attrs)

test_target_groups_ec2 if {
	res := deny with input as {"resource": {"aws_autoscaling_group": {"web": asg({"target_group_arns": ["${aws_lb_target_group.web.arn}"]})}}}
	res == {{
		"msg": "aws_autoscaling_group.web is behind a load balancer but uses EC2 health checks: instances the load balancer finds unhealthy are not replaced",
		"path": ["resource", "aws_autoscaling_group", "web", "health_check_type"],
	}}
}

test_elb_ok if {
	count(deny) == 0 with input as {"resource": {"aws_autoscaling_group": {"web": asg({"target_group_arns": ["${aws_lb_target_group.web.arn}"], "health_check_type": "ELB"})}}}
}

test_classic_elb if {
	count(deny) == 1 with input as {"resource": {"aws_autoscaling_group": {"web": asg({"load_balancers": ["${aws_elb.web.name}"], "health_check_type": "EC2"})}}}
}

test_attachment_resource if {
	m := {"resource": {
		"aws_autoscaling_group": {"web": asg({})},
		"aws_autoscaling_attachment": {"web": {"autoscaling_group_name": "${aws_autoscaling_group.web.id}", "lb_target_group_arn": "${aws_lb_target_group.web.arn}"}},
	}}
	count(deny) == 1 with input as m
}

test_attachment_by_literal_name if {
	m := {"resource": {
		"aws_autoscaling_group": {"web": asg({})},
		"aws_autoscaling_attachment": {"web": {"autoscaling_group_name": "web-asg", "lb_target_group_arn": "${aws_lb_target_group.web.arn}"}},
	}}
	count(deny) == 1 with input as m
}

test_no_load_balancer_ok if {
	count(deny) == 0 with input as {"resource": {"aws_autoscaling_group": {"web": asg({})}}}
}

test_unknown_type_ok if {
	count(deny) == 0 with input as {"resource": {"aws_autoscaling_group": {"web": asg({"target_group_arns": ["arn"], "health_check_type": "${var.hc}"})}}}
}

test_vpc_lattice_ok if {
	count(deny) == 0 with input as {"resource": {"aws_autoscaling_group": {"web": asg({"target_group_arns": ["arn"], "health_check_type": "VPC_LATTICE"})}}}
}
