# METADATA
# title: Azure PostgreSQL flexible servers have a standby
# description: >-
#   A flexible server without high_availability has no standby: a host or
#   zone failure, and most maintenance, means downtime until the server is
#   recovered. Burstable (B_) SKUs, which cannot have a standby, and read
#   replicas are not reported.
# custom:
#   id: tf/azure-postgres-ha
#   severity: high
#   resource_types: [azurerm_postgresql_flexible_server]
#   remediation: >-
#     Add high_availability { mode = "ZoneRedundant" } (or "SameZone" where
#     the region has no zones) on a General Purpose or Memory Optimized SKU.
package relcheck.terraform.azure_postgres_ha

import data.relcheck.lib.terraform as tf

type := "azurerm_postgresql_flexible_server"

deny contains result if {
	some [name, server] in tf.resources(type)
	checked(server)
	not tf.has_block(server, "high_availability")
	result := {
		"msg": sprintf("%s.%s has no high_availability standby", [type, name]),
		"path": tf.resource_path(type, name),
	}
}

deny contains result if {
	some [name, server] in tf.resources(type)
	checked(server)
	ha := tf.block(server, "high_availability")
	mode := object.get(ha, "mode", "")
	not tf.unknown(mode)
	not mode in {"ZoneRedundant", "SameZone"}
	result := {
		"msg": sprintf("%s.%s sets high_availability mode %q, which gives no standby", [type, name, mode]),
		"path": array.concat(tf.block_path(tf.resource_path(type, name), server, "high_availability"), ["mode"]),
	}
}

checked(server) if {
	not startswith(tf.upper_str(object.get(server, "sku_name", "")), "B_")
	object.get(server, "create_mode", "Default") != "Replica"
}
