resource "aws_s3_bucket" "backups" { # want: tf/stateful-prevent-destroy
  bucket = "acme-prod-backups"
}

resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.r6g.large"
  allocated_storage   = 100
  multi_az            = true
  deletion_protection = true
  username            = "app"
  password            = var.db_password

  lifecycle { # want: tf/stateful-prevent-destroy
    ignore_changes = [password]
  }
}

resource "google_storage_bucket" "assets" { # want: tf/stateful-prevent-destroy
  name     = "acme-prod-assets"
  location = "EU"

  versioning {
    enabled = true
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}

# The provider's own guard switched off for a proof of concept.
resource "google_sql_database_instance" "orders" { # want: tf/stateful-prevent-destroy
  name                = "orders"
  database_version    = "POSTGRES_16"
  region              = "europe-west1"
  deletion_protection = false

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
  }
}
