resource "azurerm_mssql_server" "main" {
  name                         = "sql-acme-prod"
  resource_group_name          = "rg-prod"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

resource "azurerm_mssql_database" "orders" { # want: tf/azure-sql-zone-redundant
  name         = "orders"
  server_id    = azurerm_mssql_server.main.id
  sku_name     = "GP_Gen5_4"
  max_size_gb  = 256
  collation    = "SQL_Latin1_General_CP1_CI_AS"
}

resource "azurerm_mssql_elasticpool" "tenants" {
  name                = "tenants"
  resource_group_name = "rg-prod"
  location            = "westeurope"
  server_name         = azurerm_mssql_server.main.name
  max_size_gb         = 512
  zone_redundant      = false # want: tf/azure-sql-zone-redundant

  sku {
    name     = "BC_Gen5"
    tier     = "BusinessCritical"
    family   = "Gen5"
    capacity = 8
  }

  per_database_settings {
    min_capacity = 0.25
    max_capacity = 4
  }
}

variable "sql_password" {
  type      = string
  sensitive = true
}
