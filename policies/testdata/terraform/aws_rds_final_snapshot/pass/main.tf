resource "aws_db_instance" "wordpress" {
  identifier                = "wordpress"
  engine                    = "mariadb"
  instance_class            = "db.t4g.small"
  allocated_storage         = 20
  username                  = "wp"
  password                  = var.db_password
  skip_final_snapshot       = false
  final_snapshot_identifier = "wordpress-final"
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier        = "analytics"
  engine                    = "aurora-postgresql"
  master_username           = "analytics"
  master_password           = var.db_password
  final_snapshot_identifier = "analytics-final"
}

resource "aws_db_instance" "scratch" {
  identifier          = "scratch"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "scratch"
  password            = var.db_password
  skip_final_snapshot = var.ephemeral
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "ephemeral" {
  type = bool
}
