# METADATA
# title: EKS node groups keep at least two nodes
# description: >-
#   A managed node group whose scaling_config allows fewer than two nodes
#   can scale down to a single node: every pod on it, and any workload that
#   can only run on that group, goes down with the node during AMI upgrades
#   and failures.
# custom:
#   id: tf/aws-eks-node-group-min-size
#   severity: high
#   resource_types: [aws_eks_node_group]
#   remediation: Set scaling_config { min_size = 2 } or more, across subnets in several AZs.
package relcheck.terraform.aws_eks_node_group_min_size

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, ng] in tf.resources("aws_eks_node_group")
	sc := tf.block(ng, "scaling_config")
	n := tf.number(sc.min_size)
	n < 2
	result := {
		"msg": sprintf("aws_eks_node_group.%s has min_size %d: it can run a single node or none", [name, n]),
		"path": array.concat(tf.block_path(tf.resource_path("aws_eks_node_group", name), ng, "scaling_config"), ["min_size"]),
	}
}

deny contains result if {
	some [name, m] in tf.module_calls(tf.eks_module, ["create"])
	some key, group in object.get(m, "eks_managed_node_groups", {})
	is_object(group)
	not tf.is_false(object.get(group, "create", true))
	[n, path] := group_min_size(m, key, group)
	n < 2
	result := {
		"msg": sprintf("module.%s node group %q has min_size %d: it can run a single node or none", [name, key, n]),
		"path": array.concat(["module", name], path),
	}
}

# The entry's own min_size, else the one of eks_managed_node_group_defaults
# (v18 to v20), with the path it is written at.
group_min_size(m, key, group) := [n, ["eks_managed_node_groups", key, "min_size"]] if {
	n := tf.number(group.min_size)
} else := [n, ["eks_managed_node_group_defaults", "min_size"]] if {
	tf.absent(group, "min_size")
	n := tf.number(m.eks_managed_node_group_defaults.min_size)
}
