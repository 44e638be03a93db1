resource "aws_db_instance" "wordpress" {
  identifier          = "wordpress"
  engine              = "mariadb"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "wp"
  password            = var.db_password
  skip_final_snapshot = true # want: tf/aws-rds-final-snapshot
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier  = "analytics"
  engine              = "aurora-postgresql"
  master_username     = "analytics"
  master_password     = var.db_password
  skip_final_snapshot = "true" # want: tf/aws-rds-final-snapshot
}

variable "db_password" {
  type      = string
  sensitive = true
}
