variable "replication_type" {
  type = string
}

resource "azurerm_storage_account" "documents" {
  name                     = "acmeproddocuments"
  resource_group_name      = "rg-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GZRS"
}

resource "azurerm_storage_account" "exports" {
  name                     = "acmeprodexports"
  resource_group_name      = "rg-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = var.replication_type
}
