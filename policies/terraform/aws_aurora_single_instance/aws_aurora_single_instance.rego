# METADATA
# title: Aurora clusters have a replica to fail over to
# description: >-
#   An Aurora cluster with a single instance has no replica to promote: when
#   the writer fails, Aurora has to create a new instance, which takes
#   minutes, often in the same AZ. Instances are counted from the
#   aws_rds_cluster_instance resources whose cluster_identifier refers to the
#   cluster (count and for_each included). Serverless v1 clusters
#   (engine_mode = "serverless") have no instances and are not checked.
# custom:
#   id: tf/aws-aurora-single-instance
#   severity: high
#   resource_types: [aws_rds_cluster, aws_rds_cluster_instance]
#   remediation: >-
#     Add a second aws_rds_cluster_instance (count = 2 or more) in another
#     availability zone.
package relcheck.terraform.aws_aurora_single_instance

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, cluster] in tf.resources("aws_rds_cluster")
	startswith(tf.lower_str(object.get(cluster, "engine", "aurora")), "aurora")
	object.get(cluster, "engine_mode", "provisioned") != "serverless"
	not ambiguous_instances
	n := instance_count(name, cluster)
	n < 2
	result := {
		"msg": sprintf("aws_rds_cluster.%s has %d instance(s) and nothing to fail over to", [name, n]),
		"path": tf.resource_path("aws_rds_cluster", name),
	}
}

instance_count(name, cluster) := sum([tf.instances(i) |
	some [_, i] in tf.resources("aws_rds_cluster_instance")
	refers_to(i.cluster_identifier, name, cluster)
])

refers_to(ref, name, _) if tf.referenced_name(ref, "aws_rds_cluster") == name

refers_to(ref, _, cluster) if {
	not tf.unknown(ref)
	ref == cluster.cluster_identifier
}

# An instance whose cluster cannot be told (var.cluster_id, a local built
# from the cluster) might belong to any cluster: do not guess.
ambiguous_instances if {
	some [_, i] in tf.resources("aws_rds_cluster_instance")
	tf.unknown(i.cluster_identifier)
	not tf.referenced_name(i.cluster_identifier, "aws_rds_cluster")
}
