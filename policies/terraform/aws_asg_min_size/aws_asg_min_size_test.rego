package relcheck.terraform.aws_asg_min_size

asg(attrs) := {"resource": {"aws_autoscaling_group": {"web": object.union({"max_size": 6, "desired_capacity": 2}, attrs)}}}

test_one if {
	res := deny with input as asg({"min_size": 1})
	res == {{"msg": "aws_autoscaling_group.web has min_size 1: it can run a single instance or none", "path": ["resource", "aws_autoscaling_group", "web", "min_size"]}}
}

test_zero_string if count(deny) == 1 with input as asg({"min_size": "0"})

test_two_ok if count(deny) == 0 with input as asg({"min_size": 2})

test_unknown_ok if count(deny) == 0 with input as asg({"min_size": "${var.min_size}"})
