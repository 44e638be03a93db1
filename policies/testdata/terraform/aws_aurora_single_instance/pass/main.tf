variable "instance_count" {
  type = number
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  engine_version              = "15.4"
  master_username             = "orders"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "orders" {
  count              = 2
  identifier         = "orders-${count.index}"
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.orders.engine
}

resource "aws_rds_cluster" "sessions" {
  cluster_identifier          = "sessions"
  engine                      = "aurora-mysql"
  master_username             = "sessions"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "sessions_writer" {
  identifier         = "sessions-writer"
  cluster_identifier = aws_rds_cluster.sessions.id
  instance_class     = "db.serverless"
}

resource "aws_rds_cluster_instance" "sessions_reader" {
  identifier         = "sessions-reader"
  cluster_identifier = "sessions"
  instance_class     = "db.serverless"
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting"
  engine             = "aurora-postgresql"
  master_username    = "reporting"
  master_password    = "change-me-in-secrets-manager"
}

resource "aws_rds_cluster_instance" "reporting" {
  count              = var.instance_count
  identifier         = "reporting-${count.index}"
  cluster_identifier = aws_rds_cluster.reporting.id
  instance_class     = "db.r6g.large"
}
