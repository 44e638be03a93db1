resource "google_sql_database_instance" "main" {
  name             = "orders-pg"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier              = "db-custom-4-15360"
    availability_type = "REGIONAL"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "read_replica" {
  name                 = "orders-pg-replica"
  master_instance_name = google_sql_database_instance.main.name
  database_version     = "POSTGRES_15"
  region               = "europe-west4"

  replica_configuration {
    failover_target = false
  }

  settings {
    tier = "db-custom-4-15360"
  }
}
