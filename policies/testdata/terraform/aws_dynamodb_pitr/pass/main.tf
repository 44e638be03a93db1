resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

# The S3 backend's state-lock table: leases and digests, nothing to restore.
resource "aws_dynamodb_table" "terraform_state_lock" {
  name           = "terraform-state-lock"
  read_capacity  = 1
  write_capacity = 1
  hash_key       = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }
}

module "sessions" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 4.0"

  name                           = "sessions"
  hash_key                       = "id"
  point_in_time_recovery_enabled = true

  attributes = [
    {
      name = "id"
      type = "S"
    }
  ]
}

# v6 takes an object; enabled defaults to true once it is given.
module "events" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 6.0"

  name     = "events"
  hash_key = "pk"

  point_in_time_recovery = {
    recovery_period_in_days = 35
  }

  attributes = [
    {
      name = "pk"
      type = "S"
    }
  ]
}

# The state-lock table of the S3 backend, through the module.
module "terraform_lock" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "3.1.2"

  name     = "terraform"
  hash_key = "LockID"

  attributes = [
    {
      name = "LockID"
      type = "S"
    }
  ]
}
