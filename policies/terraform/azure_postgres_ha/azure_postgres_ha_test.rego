package relcheck.terraform.azure_postgres_ha

server(attrs) := {"resource": {"azurerm_postgresql_flexible_server": {"main": object.union({"name": "pg-prod", "version": "16", "sku_name": "GP_Standard_D4s_v3", "storage_mb": 131072}, attrs)}}}

test_missing if {
	res := deny with input as server({})
	res == {{"msg": "azurerm_postgresql_flexible_server.main has no high_availability standby", "path": ["resource", "azurerm_postgresql_flexible_server", "main"]}}
}

test_zone_redundant_ok if count(deny) == 0 with input as server({"high_availability": [{"mode": "ZoneRedundant", "standby_availability_zone": "2"}]})

test_same_zone_ok if count(deny) == 0 with input as server({"high_availability": [{"mode": "SameZone"}]})

test_bad_mode if {
	some r in deny with input as server({"high_availability": [{"mode": "Disabled"}]})
	r.path == ["resource", "azurerm_postgresql_flexible_server", "main", "high_availability", 0, "mode"]
}

test_unknown_mode_ok if count(deny) == 0 with input as server({"high_availability": [{"mode": "${var.ha_mode}"}]})

test_burstable_ok if count(deny) == 0 with input as server({"sku_name": "B_Standard_B1ms"})

test_replica_ok if count(deny) == 0 with input as server({"create_mode": "Replica", "source_server_id": "${azurerm_postgresql_flexible_server.primary.id}"})
