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

module "orders_db" {
  source  = "terraform-google-modules/sql-db/google//modules/postgresql"
  version = "~> 20.0"

  name              = "orders"
  project_id        = "shop-prod"
  database_version  = "POSTGRES_16"
  region            = "europe-west1"
  zone              = "europe-west1-b"
  tier              = "db-custom-2-7680"
  availability_type = "REGIONAL"
}
