resource "aws_db_instance" "ledger" { # want: tf/aws-rds-deletion-protection
  identifier              = "ledger"
  engine                  = "postgres"
  instance_class          = "db.r6g.xlarge"
  allocated_storage       = 500
  multi_az                = true
  backup_retention_period = 30
  username                = "ledger"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "catalog" {
  cluster_identifier  = "catalog"
  engine              = "aurora-postgresql"
  deletion_protection = false # want: tf/aws-rds-deletion-protection
  master_username     = "catalog"
  manage_master_user_password = true
}
