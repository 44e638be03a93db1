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
