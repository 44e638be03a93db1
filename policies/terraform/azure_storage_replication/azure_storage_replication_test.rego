package relcheck.terraform.azure_storage_replication

sa(replication) := {"resource": {"azurerm_storage_account": {"data": {"name": "acmedata", "account_tier": "Standard", "account_replication_type": replication}}}}

test_lrs if {
	res := deny with input as sa("LRS")
	res == {{"msg": "azurerm_storage_account.data uses LRS: all copies live in one datacenter", "path": ["resource", "azurerm_storage_account", "data", "account_replication_type"]}}
}

test_zrs_ok if count(deny) == 0 with input as sa("ZRS")

test_gzrs_ok if count(deny) == 0 with input as sa("GZRS")

test_unknown_ok if count(deny) == 0 with input as sa("${var.replication}")
