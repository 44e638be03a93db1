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

# autoscaling module v4: target_group_arns and health_check_type as inputs.
test_module_target_groups_ec2 if {
	res := deny with input as {"module": {"ec2_service_asg": {
		"source": "terraform-aws-modules/autoscaling/aws", "version": "4.4.0",
		"min_size": 1, "health_check_type": "EC2",
		"target_group_arns": "${module.ec2_service_alb_ec2.target_group_arns}",
	}}}
	res == {{
		"msg": "module.ec2_service_asg is behind a load balancer but uses EC2 health checks: instances the load balancer finds unhealthy are not replaced",
		"path": ["module", "ec2_service_asg", "health_check_type"],
	}}
}

# autoscaling module v8+: traffic_source_attachments.
test_module_traffic_source_attachments if {
	count(deny) == 1 with input as {"module": {"autoscaling": {
		"source": "terraform-aws-modules/autoscaling/aws", "version": "9.2.0",
		"health_check_type": "EC2",
		"traffic_source_attachments": {"ex_alb": {"traffic_source_identifier": "${module.alb.target_groups[\"ex_asg\"].arn}", "traffic_source_type": "elbv2"}},
	}}}
}

test_module_without_load_balancer_ok if {
	count(deny) == 0 with input as {"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws", "min_size": 1}}}
}

test_module_elb_ok if {
	count(deny) == 0 with input as {"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws", "health_check_type": "ELB", "target_group_arns": ["arn"]}}}
}

test_module_attachment if {
	count(deny) == 1 with input as {
		"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws"}},
		"resource": {"aws_autoscaling_attachment": {"web": {"autoscaling_group_name": "${module.asg.autoscaling_group_name}", "lb_target_group_arn": "arn"}}},
	}
}

# aws_autoscaling_group's traffic_source block (AWS provider v5).
test_traffic_source_block if {
	count(deny) == 1 with input as {"resource": {"aws_autoscaling_group": {"web": asg({"traffic_source": [{"identifier": "${aws_lb_target_group.web.arn}", "type": "elbv2"}]})}}}
}
