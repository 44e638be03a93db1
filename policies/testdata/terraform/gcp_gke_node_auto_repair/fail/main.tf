resource "google_container_cluster" "main" {
  name     = "prod"
  location = "europe-west1"

  node_pool {
    name       = "default-pool"
    node_count = 1

    management {
      auto_repair  = false # want: tf/gcp-gke-node-auto-repair
      auto_upgrade = true
    }
  }
}

resource "google_container_node_pool" "batch" {
  name     = "batch"
  cluster  = google_container_cluster.main.id
  location = "europe-west1"

  autoscaling {
    min_node_count = 0
    max_node_count = 10
  }

  management {
    auto_repair  = false # want: tf/gcp-gke-node-auto-repair
    auto_upgrade = false
  }

  node_config {
    machine_type = "e2-standard-8"
    spot         = true
  }
}
