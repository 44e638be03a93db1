resource "google_compute_health_check" "http" {
  name = "web-http"

  http_health_check {
    port         = 8080
    request_path = "/healthz"
  }
}

resource "google_compute_region_instance_group_manager" "web" {
  name               = "web"
  region             = "us-central1"
  base_instance_name = "web"
  target_size        = 3

  version {
    instance_template = "projects/acme/global/instanceTemplates/web-v12"
  }

  auto_healing_policies {
    health_check      = google_compute_health_check.http.id
    initial_delay_sec = 300
  }
}
