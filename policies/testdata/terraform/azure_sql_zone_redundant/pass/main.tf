resource "azurerm_mssql_database" "orders" {
  name           = "orders"
  server_id      = "/subscriptions/0000/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-acme-prod"
  sku_name       = "GP_Gen5_4"
  zone_redundant = true
}

# Standard DTU tier: zone redundancy is not available.
resource "azurerm_mssql_database" "reports" {
  name      = "reports"
  server_id = "/subscriptions/0000/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-acme-prod"
  sku_name  = "S2"
}

resource "azurerm_mssql_database" "tenant_a" {
  name            = "tenant-a"
  server_id       = "/subscriptions/0000/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-acme-prod"
  elastic_pool_id = azurerm_mssql_elasticpool.tenants.id
}

resource "azurerm_mssql_elasticpool" "tenants" {
  name                = "tenants"
  resource_group_name = "rg-prod"
  location            = "westeurope"
  server_name         = "sql-acme-prod"
  zone_redundant      = true

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

# The geo-secondary of a failover group: a replica of a checked primary.
resource "azurerm_mssql_database" "orders_secondary" {
  name                        = "orders"
  server_id                   = "/subscriptions/0000/resourceGroups/rg-dr/providers/Microsoft.Sql/servers/sql-acme-dr"
  create_mode                 = "Secondary"
  creation_source_database_id = "/subscriptions/0000/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-acme-prod/databases/orders"
}
