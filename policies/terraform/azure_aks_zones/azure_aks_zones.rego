# METADATA
# title: AKS node pools span availability zones
# description: >-
#   An AKS node pool without zones (or with one) puts every node in a single
#   datacenter, so a zone outage takes down all workloads scheduled on it.
#   Zones can only be chosen when the pool is created. Calls of
#   Azure/aks/azurerm are checked too: agents_availability_zones for the
#   default pool, zones for each entry of node_pools (both none by
#   default). Pools created one per zone (count or for_each over the zones,
#   each pinned to zones[count.index] or each.value) are not reported:
#   together they span the zones, the layout AKS recommends for zonal
#   volumes with the cluster autoscaler.
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

# A call of Azure/aks/azurerm: its default pool takes
# agents_availability_zones, its other pools the entries of node_pools.
deny contains result if {
	some [name, m] in tf.module_calls(tf.aks_module, [])
	some problem in problems(module_default_pool(m))
	result := {
		"msg": sprintf("the default node pool of module.%s %s", [name, problem.text]),
		"path": ["module", name, "agents_availability_zones"],
	}
}

deny contains result if {
	some [name, m] in tf.module_calls(tf.aks_module, [])
	some key, pool in object.get(m, "node_pools", {})
	is_object(pool)
	some problem in problems(pool)
	result := {
		"msg": sprintf("node pool %q of module.%s %s", [key, name, problem.text]),
		"path": ["module", name, "node_pools", key, problem.attr],
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
	not tf.spread_by_instance(pool, pool[attr])
} if {
	not no_zones(pool)
}

module_default_pool(m) := {"zones": m.agents_availability_zones} if tf.has_value(m, "agents_availability_zones")

else := {}

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
