package relcheck.terraform.aws_asg_min_size

asg(attrs) := {"resource": {"aws_autoscaling_group": {"web": object.union({"max_size": 6, "desired_capacity": 2}, attrs)}}}

test_one if {
	res := deny with input as asg({"min_size": 1})
	res == {{"msg": "aws_autoscaling_group.web has min_size 1: it can run a single instance or none", "path": ["resource", "aws_autoscaling_group", "web", "min_size"]}}
}

test_zero_string if count(deny) == 1 with input as asg({"min_size": "0"})

test_two_ok if count(deny) == 0 with input as asg({"min_size": 2})

test_unknown_ok if count(deny) == 0 with input as asg({"min_size": "${var.min_size}"})

# terraform-aws-modules/autoscaling/aws takes the group's own min_size
# (a real call: min_size = 1, max_size = 3, version 9.2.0).
test_module_call if {
	res := deny with input as {"module": {"autoscaling": {"source": "terraform-aws-modules/autoscaling/aws", "version": "9.2.0", "min_size": 1, "max_size": 3}}}
	res == {{"msg": "module.autoscaling has min_size 1: it can run a single instance or none", "path": ["module", "autoscaling", "min_size"]}}
}

test_module_create_false_ok if count(deny) == 0 with input as {"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws", "create_asg": false, "min_size": 1}}}

test_other_module_ok if count(deny) == 0 with input as {"module": {"asg": {"source": "./modules/asg", "min_size": 1}}}
