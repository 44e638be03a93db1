# METADATA
# title: GKE node pools autoscale
# description: >-
#   A node pool without an autoscaling block has a fixed node_count: pods
#   that do not fit stay Pending during a traffic peak or after a node
#   failure, and lost nodes are not replaced by capacity elsewhere. Node pools
#   declared inline in a google_container_cluster are checked too, and so is
#   the default node pool of a cluster that declares no node_pool block and
#   does not set remove_default_node_pool = true (its size is
#   initial_node_count); Autopilot clusters have none.
# custom:
#   id: tf/gcp-gke-node-pool-autoscaling
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   remediation: >-
#     Add autoscaling { min_node_count = ..., max_node_count = ... } (or
#     total_min_node_count / total_max_node_count) to the node pool; for a
#     cluster's default pool, set remove_default_node_pool = true and declare
#     a google_container_node_pool with autoscaling.
package relcheck.terraform.gcp_gke_node_pool_autoscaling

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, pool] in tf.resources("google_container_node_pool")
	not tf.has_block(pool, "autoscaling")
	result := {
		"msg": sprintf("google_container_node_pool.%s has no autoscaling: its node count is fixed", [name]),
		"path": tf.resource_path("google_container_node_pool", name),
	}
}

deny contains result if {
	some [name, cluster] in tf.resources("google_container_cluster")
	some i, pool in cluster.node_pool
	is_object(pool)
	not tf.has_block(pool, "autoscaling")
	result := {
		"msg": sprintf("node pool %v of google_container_cluster.%s has no autoscaling: its node count is fixed", [object.get(pool, "name", i), name]),
		"path": array.concat(tf.resource_path("google_container_cluster", name), ["node_pool", i]),
	}
}

# The default node pool GKE creates when a cluster declares no node_pool:
# initial_node_count nodes per zone, never more. Clusters that remove it
# (remove_default_node_pool = true, or a value we cannot read) and Autopilot
# clusters are not reported.
deny contains result if {
	some [name, cluster] in tf.resources("google_container_cluster")
	not tf.has_block(cluster, "node_pool")
	keeps(cluster, "remove_default_node_pool")
	keeps(cluster, "enable_autopilot")
	result := {
		"msg": sprintf("the default node pool of google_container_cluster.%s has no autoscaling: its node count is fixed (initial_node_count)", [name]),
		"path": default_pool_path(name, cluster),
	}
}

# keeps(cluster, flag): flag is unset, null or false.
keeps(cluster, flag) if not tf.has_value(cluster, flag)

keeps(cluster, flag) if tf.is_false(cluster[flag])

default_pool_path(name, cluster) := tf.attr_path("google_container_cluster", name, "initial_node_count") if {
	tf.has_value(cluster, "initial_node_count")
} else := tf.resource_path("google_container_cluster", name)
