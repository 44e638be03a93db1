resource "aws_s3_bucket" "invoices" {
  bucket = "acme-prod-invoices"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-prod-uploads"
}

resource "aws_s3_bucket_versioning" "uploads_by_name" {
  bucket = "acme-prod-uploads"

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "static" {
  count  = 1
  bucket = "acme-prod-static"
}

resource "aws_s3_bucket_versioning" "static" {
  bucket = aws_s3_bucket.static[0].bucket

  versioning_configuration {
    status = "Enabled"
  }
}

# AWS provider v3 style.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy-artifacts"

  versioning {
    enabled = true
  }
}

module "state" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket = "acme-terraform-state"

  versioning = {
    enabled = true
  }
}

module "uploads" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 3.15"

  bucket_prefix = "acme-uploads"
}

resource "aws_s3_bucket_versioning" "uploads" {
  bucket = module.uploads.s3_bucket_id

  versioning_configuration {
    status = "Enabled"
  }
}
