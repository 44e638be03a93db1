resource "aws_rds_cluster" "orders" { # want: tf/aws-aurora-single-instance
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  engine_version              = "15.4"
  database_name               = "orders"
  master_username             = "orders"
  manage_master_user_password = true
  backup_retention_period     = 14
}

resource "aws_rds_cluster_instance" "orders_writer" {
  identifier         = "orders-writer"
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.orders.engine
  engine_version     = aws_rds_cluster.orders.engine_version
}

resource "aws_rds_cluster" "sessions" { # want: tf/aws-aurora-single-instance
  cluster_identifier          = "sessions"
  engine                      = "aurora-mysql"
  master_username             = "sessions"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "sessions" {
  count              = 1
  identifier         = "sessions-${count.index}"
  cluster_identifier = aws_rds_cluster.sessions.id
  instance_class     = "db.serverless"
  engine             = aws_rds_cluster.sessions.engine
}

resource "aws_rds_cluster" "legacy" { # want: tf/aws-aurora-single-instance
  count              = 1
  cluster_identifier = "legacy"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster_instance" "legacy" {
  count              = 1
  cluster_identifier = aws_rds_cluster.legacy.0.id
  instance_class     = "db.r6g.large"
}
