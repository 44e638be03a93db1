# METADATA
# title: ElastiCache Redis and Valkey fail over automatically
# description: >-
#   A replication group without automatic failover, or with no replica,
#   stays down when its primary node fails until someone intervenes; a
#   standalone aws_elasticache_cluster running Redis or Valkey has no
#   replica at all. Memcached does not replicate and is not checked.
# custom:
#   id: tf/aws-elasticache-failover
#   severity: medium
#   resource_types: [aws_elasticache_replication_group, aws_elasticache_cluster]
#   remediation: >-
#     Use an aws_elasticache_replication_group with
#     automatic_failover_enabled = true, multi_az_enabled = true and at least
#     one replica (num_cache_clusters >= 2 or replicas_per_node_group >= 1).
package relcheck.terraform.aws_elasticache_failover

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, rg] in tf.resources("aws_elasticache_replication_group")
	tf.disabled(rg, "automatic_failover_enabled")
	result := {
		"msg": sprintf("aws_elasticache_replication_group.%s does not enable automatic failover", [name]),
		"path": tf.attr_path("aws_elasticache_replication_group", name, "automatic_failover_enabled"),
	}
}

deny contains result if {
	some [name, rg] in tf.resources("aws_elasticache_replication_group")
	some attr in ["num_cache_clusters", "number_cache_clusters"]
	tf.number(rg[attr]) < 2
	result := {
		"msg": sprintf("aws_elasticache_replication_group.%s has no replica (%s = %v)", [name, attr, rg[attr]]),
		"path": tf.attr_path("aws_elasticache_replication_group", name, attr),
	}
}

deny contains result if {
	some [name, rg] in tf.resources("aws_elasticache_replication_group")
	tf.number(rg.replicas_per_node_group) == 0
	result := {
		"msg": sprintf("aws_elasticache_replication_group.%s has no replica (replicas_per_node_group = 0)", [name]),
		"path": tf.attr_path("aws_elasticache_replication_group", name, "replicas_per_node_group"),
	}
}

deny contains result if {
	some [name, c] in tf.resources("aws_elasticache_cluster")
	tf.lower_str(c.engine) in {"redis", "valkey"}
	tf.absent(c, "replication_group_id")
	result := {
		"msg": sprintf("aws_elasticache_cluster.%s is a standalone %s node with no replica to fail over to", [name, c.engine]),
		"path": tf.attr_path("aws_elasticache_cluster", name, "engine"),
	}
}
