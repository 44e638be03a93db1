variable "backup_days" {
  type = number
}

resource "aws_db_instance" "users" {
  identifier                  = "users"
  engine                      = "postgres"
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  multi_az                    = true
  backup_retention_period     = 14
  username                    = "users"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "events" {
  cluster_identifier          = "events"
  engine                      = "aurora-mysql"
  backup_retention_period     = 35
  preferred_backup_window     = "01:00-02:00"
  master_username             = "events"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "sessions" {
  cluster_identifier      = "sessions"
  engine                  = "aurora-postgresql"
  backup_retention_period = var.backup_days
}

resource "aws_db_instance" "users_replica" {
  identifier          = "users-replica"
  replicate_source_db = aws_db_instance.users.identifier
  instance_class      = "db.m6g.large"
}
