resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "user sessions"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 3
  automatic_failover_enabled = true
  multi_az_enabled           = true
  parameter_group_name       = "default.redis7"
}

resource "aws_elasticache_replication_group" "feeds" {
  replication_group_id       = "feeds"
  description                = "feed cache, cluster mode"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  num_node_groups            = 3
  replicas_per_node_group    = 1
  automatic_failover_enabled = true
}

resource "aws_elasticache_cluster" "fragments" {
  cluster_id      = "fragments"
  engine          = "memcached"
  node_type       = "cache.t4g.medium"
  num_cache_nodes = 3
}

module "sessions" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.4"

  replication_group_id = "shop-sessions"
  engine               = "valkey"
  node_type            = "cache.t4g.small"

  multi_az_enabled   = true
  num_cache_clusters = 2

  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

module "pages" {
  source = "terraform-aws-modules/elasticache/aws"

  cluster_id               = "shop-pages"
  create_cluster           = true
  create_replication_group = false
  engine                   = "memcached"
  num_cache_nodes          = 2
  node_type                = "cache.t4g.micro"
}
