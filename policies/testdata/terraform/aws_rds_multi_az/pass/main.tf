variable "db_password" {
  type      = string
  sensitive = true
}

variable "multi_az" {
  type = bool
}

resource "aws_db_instance" "orders" {
  identifier        = "orders-prod"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.r6g.large"
  allocated_storage = 200
  multi_az          = true
  username          = "orders"
  password          = var.db_password
}

# Read replica of the primary: its availability is the primary's concern.
resource "aws_db_instance" "orders_replica" {
  identifier          = "orders-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = "db.r6g.large"
}

# Decided per environment.
resource "aws_db_instance" "reporting" {
  identifier        = "reporting"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  multi_az          = var.multi_az
  username          = "report"
  password          = var.db_password
}

# Aurora members replicate at the cluster level.
resource "aws_db_instance" "aurora_member" {
  identifier     = "analytics-1"
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

module "billing_db" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-rds.git?ref=v6.10.0"

  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  allocated_storage = 100
  multi_az          = true
}

# An Aurora cluster module is another module with other inputs.
module "analytics" {
  source         = "terraform-aws-modules/rds-aurora/aws"
  name           = "analytics"
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
  instances = {
    one = {}
    two = {}
  }
}

# The module told to create nothing.
module "legacy_db" {
  source             = "terraform-aws-modules/rds/aws"
  identifier         = "legacy"
  create_db_instance = false
}

# A submodule of the rds module that creates only a DB subnet group.
module "db_subnets" {
  source  = "terraform-aws-modules/rds/aws//modules/db_subnet_group"
  version = "~> 6.1"

  name       = "billing"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}
