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
