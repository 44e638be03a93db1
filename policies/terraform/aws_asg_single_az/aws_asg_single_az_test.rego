package relcheck.terraform.aws_asg_single_az

asg(attrs) := {"resource": {"aws_autoscaling_group": {"workers": object.union({"min_size": 2, "max_size": 4}, attrs)}}}

test_one_subnet if {
	res := deny with input as asg({"vpc_zone_identifier": ["${aws_subnet.private_a.id}"]})
	res == {{
		"msg": "aws_autoscaling_group.workers lists a single subnet in vpc_zone_identifier: all instances share one availability zone",
		"path": ["resource", "aws_autoscaling_group", "workers", "vpc_zone_identifier"],
	}}
}

test_one_zone if count(deny) == 1 with input as asg({"availability_zones": ["us-east-1a"]})

test_two_subnets_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": ["subnet-0a1b", "subnet-0c2d"]})

test_unknown_list_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": "${module.vpc.private_subnets}"})

test_splat_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": ["${aws_subnet.private[*].id}"]})

test_unresolved_single_element_list if count(deny) == 1 with input as asg({"vpc_zone_identifier": "${[aws_subnet.private_a.id]}"})

test_unresolved_two_element_list_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": "${[aws_subnet.a.id, aws_subnet.b.id]}"})

test_unresolved_list_of_ids_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": "${[data.aws_subnets.private.ids]}"})

# One subnet picked from a data source's list by index (a Jenkins ASG as
# written in a real module).
test_unresolved_indexed_element if count(deny) == 1 with input as asg({"vpc_zone_identifier": "${[data.aws_subnets.public.ids[0]]}"})

test_unresolved_indexed_splat_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": "${[aws_subnet.private[*].id]}"})

test_module_call if {
	res := deny with input as {"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws", "min_size": 2, "vpc_zone_identifier": ["subnet-0a1b"]}}}
	res == {{
		"msg": "module.asg lists a single subnet in vpc_zone_identifier: all instances share one availability zone",
		"path": ["module", "asg", "vpc_zone_identifier"],
	}}
}

test_one_group_per_subnet_ok if count(deny) == 0 with input as asg({"count": "${length(var.subnet_ids)}", "vpc_zone_identifier": "${[var.subnet_ids[count.index]]}"})

test_one_group_per_subnet_known_count_ok if count(deny) == 0 with input as asg({"count": 3, "vpc_zone_identifier": "${[aws_subnet.private[count.index].id]}"})

test_one_group_per_subnet_for_each_ok if count(deny) == 0 with input as asg({"for_each": "${toset(var.subnet_ids)}", "vpc_zone_identifier": "${[each.value]}"})

test_count_one_indexed if count(deny) == 1 with input as asg({"count": 1, "vpc_zone_identifier": "${[var.subnet_ids[count.index]]}"})

test_switched_count_indexed if count(deny) == 1 with input as asg({"count": "${var.enabled ? 1 : 0}", "vpc_zone_identifier": "${[var.subnet_ids[count.index]]}"})

test_region_template_zone if {
	res := deny with input as asg({"availability_zones": `${["${var.region}a"]}`})
	res == {{
		"msg": "aws_autoscaling_group.workers lists a single zone in availability_zones: all instances share one availability zone",
		"path": ["resource", "aws_autoscaling_group", "workers", "availability_zones"],
	}}
}

test_region_template_two_zones_ok if count(deny) == 0 with input as asg({"availability_zones": `${["${var.region}a", "${var.region}b"]}`})

test_tf011_list_idiom_ok if count(deny) == 0 with input as asg({"vpc_zone_identifier": `${["${var.private_subnet_ids}"]}`})
