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
