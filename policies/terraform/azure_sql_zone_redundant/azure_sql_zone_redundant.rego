# METADATA
# title: Azure SQL databases are zone redundant
# description: >-
#   Without zone_redundant an Azure SQL database or elastic pool keeps its
#   replicas in one availability zone, so a zone outage makes it
#   unavailable. Basic and Standard (DTU) tiers cannot be zone redundant and
#   are not reported, nor are databases in an elastic pool (the pool
#   decides), nor geo-secondaries (create_mode Secondary or OnlineSecondary:
#   a replica of a database checked on its own, as read replicas are for the
#   other database rules).
# custom:
#   id: tf/azure-sql-zone-redundant
#   severity: medium
#   resource_types: [azurerm_mssql_database, azurerm_mssql_elasticpool]
#   remediation: >-
#     Set zone_redundant = true (on a Premium, Business Critical, General
#     Purpose or Hyperscale tier).
package relcheck.terraform.azure_sql_zone_redundant

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, db] in tf.resources("azurerm_mssql_database")
	tf.absent(db, "elastic_pool_id")
	not lower(sprintf("%v", [object.get(db, "create_mode", "")])) in {"secondary", "onlinesecondary"}
	not dtu_basic_or_standard(object.get(db, "sku_name", ""))
	tf.disabled(db, "zone_redundant")
	result := {
		"msg": sprintf("azurerm_mssql_database.%s is not zone redundant", [name]),
		"path": tf.attr_path("azurerm_mssql_database", name, "zone_redundant"),
	}
}

deny contains result if {
	some [name, pool] in tf.resources("azurerm_mssql_elasticpool")
	sku := tf.block_or_empty(pool, "sku")
	not tf.lower_str(object.get(sku, "tier", "")) in {"basic", "standard"}
	tf.disabled(pool, "zone_redundant")
	result := {
		"msg": sprintf("azurerm_mssql_elasticpool.%s is not zone redundant", [name]),
		"path": tf.attr_path("azurerm_mssql_elasticpool", name, "zone_redundant"),
	}
}

dtu_basic_or_standard(sku) if tf.lower_str(sku) in {"basic", "free"}

dtu_basic_or_standard(sku) if {
	is_string(sku)
	regex.match(`^[Ss][0-9]+$`, sku)
}
