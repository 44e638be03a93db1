variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_subnet_group" "main" {
  name       = "orders"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_instance" "orders" { # want: tf/aws-rds-multi-az
  identifier              = "orders-prod"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.r6g.large"
  allocated_storage       = 200
  storage_encrypted       = true
  username                = "orders"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.main.name
  backup_retention_period = 14
  deletion_protection     = true
}

resource "aws_db_instance" "reporting" {
  identifier           = "reporting"
  engine               = "mysql"
  engine_version       = "8.0.36"
  instance_class       = "db.t4g.medium"
  allocated_storage    = 50
  multi_az             = false # want: tf/aws-rds-multi-az
  username             = "report"
  password             = var.db_password
  db_subnet_group_name = aws_db_subnet_group.main.name
}

variable "private_subnet_ids" {
  type = list(string)
}

# Most configurations call the registry module instead of writing the
# resource; its multi_az input defaults to false like the resource's.
module "billing_db" { # want: tf/aws-rds-multi-az
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.10"

  identifier        = "billing"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.large"
  allocated_storage = 100

  db_name  = "billing"
  username = "billing"
  port     = 5432

  backup_retention_period = 14
  deletion_protection     = true
}
