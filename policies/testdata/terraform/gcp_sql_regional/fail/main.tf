resource "google_sql_database_instance" "main" {
  name             = "orders-pg"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings { # want: tf/gcp-sql-regional
    tier = "db-custom-4-15360"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }

  deletion_protection = true
}

resource "google_sql_database_instance" "reporting" {
  name             = "reporting-mysql"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier              = "db-n1-standard-2"
    availability_type = "ZONAL" # want: tf/gcp-sql-regional
  }
}

module "orders_db" { # want: tf/gcp-sql-regional
  source  = "terraform-google-modules/sql-db/google//modules/postgresql"
  version = "~> 20.0"

  name             = "orders"
  project_id       = "shop-prod"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  zone             = "europe-west1-b"
  tier             = "db-custom-2-7680"
}
