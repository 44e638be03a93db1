variable "environment" {
  type    = string
  default = "production"
}

locals {
  name = "shop-${var.environment}"
}

# The orders database lives in one availability zone: a zone outage takes
# the shop down until someone restores it by hand.
resource "aws_db_instance" "orders" {
  identifier              = "${local.name}-orders"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  username                = "shop"
  manage_master_user_password = true
  backup_retention_period = 14
  deletion_protection     = true
  skip_final_snapshot     = false
  final_snapshot_identifier = "${local.name}-orders-final"

  lifecycle {
    prevent_destroy = true
  }
}

# The receipts bucket keeps old versions, so an overwrite can be undone.
resource "aws_s3_bucket" "receipts" {
  bucket = "${local.name}-receipts"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "receipts" {
  bucket = aws_s3_bucket.receipts.id
  versioning_configuration {
    status = "Enabled"
  }
}
