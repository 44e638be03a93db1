resource "azurerm_postgresql_flexible_server" "main" {
  name                   = "psql-acme-prod"
  resource_group_name    = "rg-prod"
  location               = "westeurope"
  version                = "16"
  sku_name               = "GP_Standard_D4ds_v5"
  storage_mb             = 131072
  zone                   = "1"
  administrator_login    = "pgadmin"
  administrator_password = var.pg_password

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }
}

# Burstable SKUs cannot have a standby.
resource "azurerm_postgresql_flexible_server" "dev" {
  name                   = "psql-acme-dev"
  resource_group_name    = "rg-dev"
  location               = "westeurope"
  version                = "16"
  sku_name               = "B_Standard_B1ms"
  storage_mb             = 32768
  administrator_login    = "pgadmin"
  administrator_password = var.pg_password
}

variable "pg_password" {
  type      = string
  sensitive = true
}
