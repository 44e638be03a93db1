package relcheck.terraform.azure_aks_zones

cluster(pool) := {"resource": {"azurerm_kubernetes_cluster": {"main": {"name": "aks-prod", "default_node_pool": [object.union({"name": "system", "vm_size": "Standard_D4s_v5", "node_count": 3}, pool)]}}}}

test_no_zones if {
	res := deny with input as cluster({})
	res == {{"msg": "the default node pool of azurerm_kubernetes_cluster.main has no availability zones", "path": ["resource", "azurerm_kubernetes_cluster", "main", "default_node_pool", 0, "zones"]}}
}

test_single_zone if {
	res := deny with input as cluster({"zones": ["1"]})
	res == {{"msg": "the default node pool of azurerm_kubernetes_cluster.main uses a single availability zone", "path": ["resource", "azurerm_kubernetes_cluster", "main", "default_node_pool", 0, "zones"]}}
}

test_three_zones_ok if count(deny) == 0 with input as cluster({"zones": ["1", "2", "3"]})

test_legacy_attribute_ok if count(deny) == 0 with input as cluster({"availability_zones": ["1", "2"]})

test_unknown_ok if count(deny) == 0 with input as cluster({"zones": "${var.zones}"})

test_extra_pool if {
	res := deny with input as {"resource": {"azurerm_kubernetes_cluster_node_pool": {"user": {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.main.id}", "vm_size": "Standard_D8s_v5"}}}}
	res == {{"msg": "azurerm_kubernetes_cluster_node_pool.user has no availability zones", "path": ["resource", "azurerm_kubernetes_cluster_node_pool", "user", "zones"]}}
}

test_empty_zones if {
	some r in deny with input as cluster({"zones": []})
	r.msg == "the default node pool of azurerm_kubernetes_cluster.main has no availability zones"
}

test_unresolved_single_zone if count(deny) == 1 with input as cluster({"zones": "${[var.zone]}"})

aksmod(attrs) := {"module": {"aks": object.union({"source": "Azure/aks/azurerm", "version": "9.1.0", "resource_group_name": "rg-shop", "prefix": "shop"}, attrs)}}

# Azure/aks/azurerm: agents_availability_zones is null by default.
test_module_default_pool_no_zones if {
	res := deny with input as aksmod({})
	res == {{"msg": "the default node pool of module.aks has no availability zones", "path": ["module", "aks", "agents_availability_zones"]}}
}

test_module_default_pool_one_zone if {
	res := deny with input as aksmod({"agents_availability_zones": ["1"]})
	res == {{"msg": "the default node pool of module.aks uses a single availability zone", "path": ["module", "aks", "agents_availability_zones"]}}
}

test_module_node_pools if {
	res := deny with input as aksmod({
		"agents_availability_zones": ["1", "2", "3"],
		"node_pools": {
			"batch": {"name": "batch", "vm_size": "Standard_D4s_v5"},
			"web": {"name": "web", "vm_size": "Standard_D4s_v5", "zones": ["1", "2", "3"]},
			"gpu": {"name": "gpu", "vm_size": "Standard_NC6s_v3", "zones": ["2"]},
		},
	})
	res == {
		{"msg": `node pool "batch" of module.aks has no availability zones`, "path": ["module", "aks", "node_pools", "batch", "zones"]},
		{"msg": `node pool "gpu" of module.aks uses a single availability zone`, "path": ["module", "aks", "node_pools", "gpu", "zones"]},
	}
}

test_module_zones_ok if count(deny) == 0 with input as aksmod({"agents_availability_zones": ["1", "2", "3"]})

test_module_zones_unknown_ok if count(deny) == 0 with input as aksmod({"agents_availability_zones": "${var.zones}", "node_pools": "${local.pools}"})

test_module_other_source_ok if count(deny) == 0 with input as {"module": {"aks": {"source": "./modules/aks"}}}

userpool(attrs) := {"resource": {"azurerm_kubernetes_cluster_node_pool": {"zonal": object.union({"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.main.id}", "vm_size": "Standard_D8s_v5"}, attrs)}}}

test_pool_per_zone_ok if count(deny) == 0 with input as userpool({"count": "${length(var.availability_zones)}", "zones": "${[var.availability_zones[count.index]]}"})

test_pool_per_zone_for_each_ok if count(deny) == 0 with input as userpool({"for_each": "${toset(var.zones)}", "zones": "${[each.value]}"})

test_pool_count_one_indexed if {
	res := deny with input as userpool({"count": 1, "zones": "${[var.availability_zones[count.index]]}"})
	res == {{"msg": "azurerm_kubernetes_cluster_node_pool.zonal uses a single availability zone", "path": ["resource", "azurerm_kubernetes_cluster_node_pool", "zonal", "zones"]}}
}

test_pool_without_count_literal_zone if count(deny) == 1 with input as userpool({"zones": "${[var.zone]}"})
