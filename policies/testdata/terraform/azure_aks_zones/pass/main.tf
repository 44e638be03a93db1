variable "zones" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  dns_prefix          = "aksprod"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
    zones      = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  zones                 = var.zones
}

module "aks" {
  source  = "Azure/aks/azurerm"
  version = "9.1.0"

  resource_group_name       = "rg-shop"
  prefix                    = "shop"
  agents_size               = "Standard_D4s_v5"
  agents_availability_zones = ["1", "2", "3"]

  node_pools = {
    batch = {
      name    = "batch"
      vm_size = "Standard_D8s_v5"
      zones   = ["1", "2", "3"]
    }
  }
}

# One pool per zone, so that the cluster autoscaler can add nodes in the
# zone where a pod's disk lives.
resource "azurerm_kubernetes_cluster_node_pool" "stateful" {
  count                 = length(var.zones)
  name                  = "stateful${count.index}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 5
  zones                 = [var.zones[count.index]]
}

resource "azurerm_kubernetes_cluster_node_pool" "broker" {
  for_each              = toset(["1", "2", "3"])
  name                  = "broker${each.key}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_E4s_v5"
  zones                 = [each.value]
}
