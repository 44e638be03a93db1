resource "google_container_node_pool" "general" { # want: tf/gcp-gke-node-pool-autoscaling
  name       = "general"
  cluster    = google_container_cluster.main.id
  location   = "europe-west1"
  node_count = 2

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type = "e2-standard-4"
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

# No node_pool and the default pool kept: initial_node_count nodes, fixed.
resource "google_container_cluster" "legacy" {
  name               = "legacy"
  location           = "europe-west1-b"
  initial_node_count = 3 # want: tf/gcp-gke-node-pool-autoscaling

  node_config {
    machine_type = "e2-standard-4"
  }
}
