# METADATA
# title: AKS node pools span availability zones
# description: >-
#   An AKS node pool without zones (or with one) puts every node in a single
#   datacenter, so a zone outage takes down all workloads scheduled on it.
#   Zones can only be chosen when the pool is created.
# custom:
#   id: tf/azure-aks-zones
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool]
#   remediation: Set zones = ["1", "2", "3"] on the default_node_pool and on each node pool.
package relcheck.terraform.azure_aks_zones

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, cluster] in tf.resources("azurerm_kubernetes_cluster")
	pool := tf.block(cluster, "default_node_pool")
	some problem in problems(pool)
	base := tf.block_path(tf.resource_path("azurerm_kubernetes_cluster", name), cluster, "default_node_pool")
	result := {
		"msg": sprintf("the default node pool of azurerm_kubernetes_cluster.%s %s", [name, problem.text]),
		"path": array.concat(base, [problem.attr]),
	}
}

deny contains result if {
	some [name, pool] in tf.resources("azurerm_kubernetes_cluster_node_pool")
	some problem in problems(pool)
	result := {
		"msg": sprintf("azurerm_kubernetes_cluster_node_pool.%s %s", [name, problem.text]),
		"path": tf.attr_path("azurerm_kubernetes_cluster_node_pool", name, problem.attr),
	}
}

# zones, or availability_zones in AzureRM provider versions before 3.0.
problems(pool) := {{"attr": "zones", "text": "has no availability zones"}} if {
	tf.absent(pool, "zones")
	tf.absent(pool, "availability_zones")
}

problems(pool) := {{"attr": attr, "text": zone_text[n]} |
	some attr in ["zones", "availability_zones"]
	n := tf.list_length(pool[attr])
	n < 2
	not expands(pool[attr])
} if {
	not no_zones(pool)
}

zone_text := {0: "has no availability zones", 1: "uses a single availability zone"}

no_zones(pool) if {
	tf.absent(pool, "zones")
	tf.absent(pool, "availability_zones")
}

expands(zones) if {
	is_array(zones)
	count(zones) == 1
	tf.unknown(zones[0])
	tf.list_valued(zones[0])
}
