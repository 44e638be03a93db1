package relcheck.terraform.azure_sql_zone_redundant

db(attrs) := {"resource": {"azurerm_mssql_database": {"app": object.union({"name": "app", "server_id": "${azurerm_mssql_server.main.id}", "sku_name": "GP_Gen5_2"}, attrs)}}}

test_unset if {
	res := deny with input as db({})
	res == {{"msg": "azurerm_mssql_database.app is not zone redundant", "path": ["resource", "azurerm_mssql_database", "app", "zone_redundant"]}}
}

test_false if count(deny) == 1 with input as db({"sku_name": "BC_Gen5_4", "zone_redundant": false})

test_true_ok if count(deny) == 0 with input as db({"zone_redundant": true})

test_standard_dtu_ok if count(deny) == 0 with input as db({"sku_name": "S1"})

test_basic_ok if count(deny) == 0 with input as db({"sku_name": "Basic"})

test_in_pool_ok if count(deny) == 0 with input as db({"elastic_pool_id": "${azurerm_mssql_elasticpool.main.id}"})

# The geo-secondary of a failover group (azurerm's failover_group example) is a
# replica of the primary, which is checked on its own.
test_geo_secondary_ok if {
	count(deny) == 0 with input as db({"create_mode": "Secondary", "creation_source_database_id": "${azurerm_mssql_database.primary.id}"})
	count(deny) == 0 with input as db({"create_mode": "OnlineSecondary"})
	count(deny) == 1 with input as db({"create_mode": "PointInTimeRestore"})
}

test_unknown_ok if count(deny) == 0 with input as db({"zone_redundant": "${var.zone_redundant}"})

test_pool if {
	m := {"resource": {"azurerm_mssql_elasticpool": {"main": {"sku": [{"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 4}]}}}}
	count(deny) == 1 with input as m
}

test_standard_pool_ok if {
	m := {"resource": {"azurerm_mssql_elasticpool": {"main": {"sku": [{"name": "StandardPool", "tier": "Standard", "capacity": 50}]}}}}
	count(deny) == 0 with input as m
}
