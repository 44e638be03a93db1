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
