resource "azurerm_postgresql_flexible_server" "main" { # want: tf/azure-postgres-ha
  name                   = "psql-acme-prod"
  resource_group_name    = "rg-prod"
  location               = "westeurope"
  version                = "16"
  sku_name               = "GP_Standard_D4ds_v5"
  storage_mb             = 131072
  zone                   = "1"
  administrator_login    = "pgadmin"
  administrator_password = var.pg_password
  backup_retention_days  = 14
}

variable "pg_password" {
  type      = string
  sensitive = true
}
