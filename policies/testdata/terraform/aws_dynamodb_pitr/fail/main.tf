resource "aws_dynamodb_table" "orders" { # want: tf/aws-dynamodb-pitr
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

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "cart_id"

  attribute {
    name = "cart_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = false # want: tf/aws-dynamodb-pitr
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }
}

# terraform-aws-modules/dynamodb-table/aws: no point-in-time recovery by default.
module "sessions" { # want: tf/aws-dynamodb-pitr
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 4.0"

  name     = "sessions"
  hash_key = "id"

  attributes = [
    {
      name = "id"
      type = "S"
    }
  ]
}

module "events" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "3.1.2"

  name                           = "events"
  hash_key                       = "pk"
  point_in_time_recovery_enabled = false # want: tf/aws-dynamodb-pitr

  attributes = [
    {
      name = "pk"
      type = "S"
    }
  ]
}
