package relcheck.terraform.aws_eks_node_group_min_size

ng(min) := {"resource": {"aws_eks_node_group": {"default": {"cluster_name": "${aws_eks_cluster.main.name}", "scaling_config": [{"desired_size": 2, "max_size": 5, "min_size": min}]}}}}

test_one if {
	res := deny with input as ng(1)
	res == {{"msg": "aws_eks_node_group.default has min_size 1: it can run a single node or none", "path": ["resource", "aws_eks_node_group", "default", "scaling_config", 0, "min_size"]}}
}

test_two_ok if count(deny) == 0 with input as ng(2)

test_unknown_ok if count(deny) == 0 with input as ng("${var.min_nodes}")

eksmod(attrs) := {"module": {"eks": object.union({"source": "terraform-aws-modules/eks/aws", "version": "~> 20.0", "cluster_name": "shop"}, attrs)}}

# Node groups of terraform-aws-modules/eks/aws are entries of a map.
test_module_node_groups if {
	res := deny with input as eksmod({"eks_managed_node_groups": {
		"default": {"min_size": 1, "max_size": 3, "desired_size": 1},
		"system": {"min_size": 2, "max_size": 4, "desired_size": 2},
		"batch": {"min_size": "0", "max_size": 10},
	}})
	res == {
		{"msg": `module.eks node group "default" has min_size 1: it can run a single node or none`, "path": ["module", "eks", "eks_managed_node_groups", "default", "min_size"]},
		{"msg": `module.eks node group "batch" has min_size 0: it can run a single node or none`, "path": ["module", "eks", "eks_managed_node_groups", "batch", "min_size"]},
	}
}

test_module_group_defaults if {
	res := deny with input as eksmod({
		"eks_managed_node_group_defaults": {"min_size": 1},
		"eks_managed_node_groups": {"default": {"instance_types": ["t3.medium"]}, "system": {"min_size": 3}},
	})
	res == {{"msg": `module.eks node group "default" has min_size 1: it can run a single node or none`, "path": ["module", "eks", "eks_managed_node_group_defaults", "min_size"]}}
}

# Not written: the module's default differs across major versions.
test_module_min_size_absent_ok if count(deny) == 0 with input as eksmod({"eks_managed_node_groups": {"default": {"instance_types": ["t3.medium"]}}})

test_module_min_size_unknown_ok if count(deny) == 0 with input as eksmod({"eks_managed_node_groups": {"default": {"min_size": "${var.node_min}"}}})

test_module_groups_unknown_ok if count(deny) == 0 with input as eksmod({"eks_managed_node_groups": "${var.node_groups}"})

test_module_create_false_ok if count(deny) == 0 with input as eksmod({"create": false, "eks_managed_node_groups": {"default": {"min_size": 1}}})

test_module_group_create_false_ok if count(deny) == 0 with input as eksmod({"eks_managed_node_groups": {"default": {"create": false, "min_size": 1}}})

test_other_module_ok if count(deny) == 0 with input as {"module": {"eks": {"source": "./modules/eks", "eks_managed_node_groups": {"default": {"min_size": 1}}}}}
