# METADATA
# title: GKE node pools repair unhealthy nodes
# description: >-
#   With management.auto_repair = false a GKE node that turns NotReady
#   (kubelet crash, disk pressure, a kernel problem) stays broken, holding
#   its pods' capacity, until someone notices. Auto-repair is on by default;
#   only an explicit false is reported, for node pools and the node_pool
#   blocks of a cluster.
# custom:
#   id: tf/gcp-gke-node-auto-repair
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   remediation: Set management { auto_repair = true } (or remove auto_repair = false).
package relcheck.terraform.gcp_gke_node_auto_repair

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, pool] in tf.resources("google_container_node_pool")
	mgmt := tf.block(pool, "management")
	tf.is_false(mgmt.auto_repair)
	result := {
		"msg": sprintf("google_container_node_pool.%s disables node auto-repair", [name]),
		"path": array.concat(tf.block_path(tf.resource_path("google_container_node_pool", name), pool, "management"), ["auto_repair"]),
	}
}

deny contains result if {
	some [name, cluster] in tf.resources("google_container_cluster")
	some i, pool in cluster.node_pool
	mgmt := tf.block(pool, "management")
	tf.is_false(mgmt.auto_repair)
	base := array.concat(tf.resource_path("google_container_cluster", name), ["node_pool", i])
	result := {
		"msg": sprintf("node pool %v of google_container_cluster.%s disables node auto-repair", [object.get(pool, "name", i), name]),
		"path": array.concat(tf.block_path(base, pool, "management"), ["auto_repair"]),
	}
}
