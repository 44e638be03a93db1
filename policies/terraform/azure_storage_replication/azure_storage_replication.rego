# METADATA
# title: Storage accounts replicate beyond one datacenter
# description: >-
#   account_replication_type LRS keeps all three copies in one datacenter:
#   a zone outage makes the data unavailable and a datacenter loss can lose
#   it.
# custom:
#   id: tf/azure-storage-replication
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   remediation: >-
#     Use ZRS (zone-redundant) or, for data that must survive a regional
#     outage, GZRS or RAGZRS.
#   related: ["checkov:CKV_AZURE_206"]
package relcheck.terraform.azure_storage_replication

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [name, sa] in tf.resources("azurerm_storage_account")
	tf.upper_str(sa.account_replication_type) == "LRS"
	result := {
		"msg": sprintf("azurerm_storage_account.%s uses LRS: all copies live in one datacenter", [name]),
		"path": tf.attr_path("azurerm_storage_account", name, "account_replication_type"),
	}
}
