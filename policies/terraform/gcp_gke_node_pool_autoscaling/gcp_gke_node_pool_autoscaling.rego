# METADATA
# title: GKE node pools autoscale
# description: >-
#   A node pool without an autoscaling block has a fixed node_count: pods
#   that do not fit stay Pending during a traffic peak or after a node
#   failure, and lost nodes are not replaced by capacity elsewhere. Node pools
#   declared inline in a google_container_cluster are checked too; Autopilot
#   clusters have none.
# custom:
#   id: tf/gcp-gke-node-pool-autoscaling
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   remediation: >-
#     Add autoscaling { min_node_count = ..., max_node_count = ... } (or
#     total_min_node_count / total_max_node_count) to the node pool.
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
