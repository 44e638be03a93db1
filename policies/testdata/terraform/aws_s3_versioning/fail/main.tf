resource "aws_s3_bucket" "invoices" { # want: tf/aws-s3-versioning
  bucket = "acme-prod-invoices"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invoices" {
  bucket = aws_s3_bucket.invoices.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-prod-uploads"
}

resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  versioning_configuration {
    status = "Suspended" # want: tf/aws-s3-versioning
  }
}

resource "aws_s3_bucket" "exports" {
  for_each = toset(["eu", "us"])
  bucket   = "acme-prod-exports-${each.key}"
  acl      = "private"

  versioning {
    enabled    = false # want: tf/aws-s3-versioning
    mfa_delete = false
  }
}

module "media" { # want: tf/aws-s3-versioning
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket = "acme-media"
  acl    = "private"
}
