resource "azurerm_storage_account" "documents" {
  name                     = "acmeproddocuments"
  resource_group_name      = "rg-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS" # want: tf/azure-storage-replication
  min_tls_version          = "TLS1_2"

  blob_properties {
    versioning_enabled = true
  }
}
