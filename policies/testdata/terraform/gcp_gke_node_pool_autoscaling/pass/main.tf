resource "google_container_node_pool" "general" {
  name     = "general"
  cluster  = google_container_cluster.main.id
  location = "europe-west1"

  autoscaling {
    total_min_node_count = 3
    total_max_node_count = 12
    location_policy      = "BALANCED"
  }

  node_config {
    machine_type = "e2-standard-4"
  }
}
