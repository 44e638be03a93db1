resource "aws_s3_bucket" "backups" {
  bucket = "acme-prod-backups"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.r6g.large"
  allocated_storage = 100
  username          = "app"
  password          = var.db_password

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [password]
  }
}

# Stateless resources need no protection.
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = "vpc-0123456789abcdef0"
}

variable "db_password" {
  type      = string
  sensitive = true
}

# The S3 backend's state-lock table holds no data.
resource "aws_dynamodb_table" "terraform_locks" {
  name         = "terraform-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }
}

# deletion_protection (true unless written false) makes Terraform refuse
# to delete the instance.
resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
  }
}
