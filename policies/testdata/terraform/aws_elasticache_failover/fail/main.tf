resource "aws_elasticache_subnet_group" "cache" {
  name       = "cache"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_elasticache_replication_group" "sessions" { # want: tf/aws-elasticache-failover
  replication_group_id = "sessions"
  description          = "user sessions"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = "cache.r7g.large"
  num_cache_clusters   = 1 # want: tf/aws-elasticache-failover
  parameter_group_name = "default.redis7"
  subnet_group_name    = aws_elasticache_subnet_group.cache.name
}

resource "aws_elasticache_cluster" "rate_limits" {
  cluster_id      = "rate-limits"
  engine          = "redis" # want: tf/aws-elasticache-failover
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
  port            = 6379
}

module "sessions" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.4"

  replication_group_id = "shop-sessions"
  description          = "Session store"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = "cache.t4g.small"

  automatic_failover_enabled = false # want: tf/aws-elasticache-failover
  num_cache_clusters         = 1     # want: tf/aws-elasticache-failover

  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

module "rate_limits" {
  source = "terraform-aws-modules/elasticache/aws"

  cluster_id               = "shop-rate-limits"
  create_cluster           = true # want: tf/aws-elasticache-failover
  create_replication_group = false
  num_cache_nodes          = 1
  node_type                = "cache.t4g.micro"
}
