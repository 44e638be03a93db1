variable "environment" {
  type = string
}

resource "aws_db_instance" "ledger" {
  identifier                  = "ledger"
  engine                      = "postgres"
  instance_class              = "db.r6g.xlarge"
  allocated_storage           = 500
  multi_az                    = true
  deletion_protection         = true
  username                    = "ledger"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "catalog" {
  cluster_identifier          = "catalog"
  engine                      = "aurora-postgresql"
  deletion_protection         = var.environment == "production"
  master_username             = "catalog"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "catalog" {
  count              = 2
  identifier         = "catalog-${count.index}"
  cluster_identifier = aws_rds_cluster.catalog.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.catalog.engine
}
