resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  dns_prefix          = "aksprod"

  default_node_pool { # want: tf/azure-aks-zones
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  auto_scaling_enabled  = true
  min_count             = 2
  max_count             = 10
  zones                 = ["1"] # want: tf/azure-aks-zones
}

module "aks" { # want: tf/azure-aks-zones
  source  = "Azure/aks/azurerm"
  version = "9.1.0"

  resource_group_name = "rg-shop"
  prefix              = "shop"
  agents_size         = "Standard_D4s_v5"

  node_pools = {
    batch = {
      name    = "batch"
      vm_size = "Standard_D8s_v5"
      zones   = ["1"] # want: tf/azure-aks-zones
    }
  }
}

# count = 1: the one pool sits in the first zone only.
resource "azurerm_kubernetes_cluster_node_pool" "jobs" {
  count                 = 1
  name                  = "jobs"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  zones                 = [local.zones[count.index]] # want: tf/azure-aks-zones
}
