# METADATA
# title: ElastiCache Redis and Valkey fail over automatically
# description: >-
#   A replication group without automatic failover, or with no replica,
#   stays down when its primary node fails until someone intervenes; a
#   standalone aws_elasticache_cluster running Redis or Valkey has no
#   replica at all. Memcached does not replicate and is not checked. Calls
#   of terraform-aws-modules/elasticache/aws (v1 on) are checked by what
#   they write: automatic_failover_enabled = false (unless multi_az_enabled
#   or cluster_mode_enabled turn it on), num_cache_clusters below 2,
#   replicas_per_node_group = 0, or create_cluster = true without a
#   replication group; values left to the module's defaults are not judged.
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

# Calls of terraform-aws-modules/elasticache/aws that create a replication
# group (the default) of Redis or Valkey.
module_groups contains [name, m] if {
	some [name, m] in tf.module_calls(tf.elasticache_module, ["create", "create_replication_group"])
	module_replicating(m)
	not module_failover_forced(m)
}

module_replicating(m) if tf.lower_str(object.get(m, "engine", "redis")) in {"redis", "valkey"}

# multi_az_enabled or cluster_mode_enabled turn automatic failover on
# whatever automatic_failover_enabled says; an unknown one may.
module_failover_forced(m) if {
	some key in ["multi_az_enabled", "cluster_mode_enabled"]
	not tf.disabled(m, key)
}

deny contains result if {
	some [name, m] in module_groups
	tf.is_false(m.automatic_failover_enabled)
	result := {
		"msg": sprintf("module.%s does not enable automatic failover", [name]),
		"path": ["module", name, "automatic_failover_enabled"],
	}
}

deny contains result if {
	some [name, m] in module_groups
	tf.number(m.num_cache_clusters) < 2
	result := {
		"msg": sprintf("module.%s has no replica (num_cache_clusters = %v)", [name, m.num_cache_clusters]),
		"path": ["module", name, "num_cache_clusters"],
	}
}

deny contains result if {
	some [name, m] in module_groups
	tf.number(m.replicas_per_node_group) == 0
	result := {
		"msg": sprintf("module.%s has no replica (replicas_per_node_group = 0)", [name]),
		"path": ["module", name, "replicas_per_node_group"],
	}
}

# create_cluster = true with create_replication_group = false and no
# replication_group_id to join: a standalone Redis node (the module creates
# no cluster for Valkey).
deny contains result if {
	some [name, m] in tf.module_calls(tf.elasticache_module, ["create"])
	tf.is_true(m.create_cluster)
	tf.is_false(m.create_replication_group)
	tf.absent(m, "replication_group_id")
	tf.lower_str(object.get(m, "engine", "redis")) == "redis"
	result := {
		"msg": sprintf("module.%s is a standalone redis node with no replica to fail over to", [name]),
		"path": ["module", name, "create_cluster"],
	}
}
