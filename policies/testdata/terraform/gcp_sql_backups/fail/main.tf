resource "google_sql_database_instance" "main" {
  name             = "accounts-pg"
  database_version = "POSTGRES_16"
  region           = "us-central1"

  settings { # want: tf/gcp-sql-backups
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme/global/networks/main"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy-mysql"
  database_version = "MYSQL_8_0"
  region           = "us-central1"

  settings {
    tier = "db-n1-standard-1"

    backup_configuration {
      enabled = false # want: tf/gcp-sql-backups
    }
  }
}
