resource "aws_db_instance" "users" {
  identifier              = "users"
  engine                  = "postgres"
  engine_version          = "15.7"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  multi_az                = true
  backup_retention_period = 3 # want: tf/aws-rds-backup-retention
  backup_window           = "02:00-03:00"
  username                = "users"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "events" { # want: tf/aws-rds-backup-retention
  cluster_identifier          = "events"
  engine                      = "aurora-mysql"
  engine_version              = "8.0.mysql_aurora.3.05.2"
  master_username             = "events"
  manage_master_user_password = true
}
