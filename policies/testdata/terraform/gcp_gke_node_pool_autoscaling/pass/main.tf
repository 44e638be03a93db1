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

resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  # The default pool is removed; the autoscaled pool above replaces it.
  remove_default_node_pool = true
  initial_node_count       = 1
}
