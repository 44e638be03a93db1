package relcheck.terraform.aws_eks_node_group_min_size

ng(min) := {"resource": {"aws_eks_node_group": {"default": {"cluster_name": "${aws_eks_cluster.main.name}", "scaling_config": [{"desired_size": 2, "max_size": 5, "min_size": min}]}}}}

test_one if {
	res := deny with input as ng(1)
	res == {{"msg": "aws_eks_node_group.default has min_size 1: it can run a single node or none", "path": ["resource", "aws_eks_node_group", "default", "scaling_config", 0, "min_size"]}}
}

test_two_ok if count(deny) == 0 with input as ng(2)

test_unknown_ok if count(deny) == 0 with input as ng("${var.min_nodes}")
