package relcheck.terraform.aws_elasticache_failover

rg(attrs) := {"resource": {"aws_elasticache_replication_group": {"sessions": object.union({"description": "sessions", "node_type": "cache.t4g.small", "engine": "redis"}, attrs)}}}

test_failover_unset if {
	res := deny with input as rg({"num_cache_clusters": 2})
	res == {{"msg": "aws_elasticache_replication_group.sessions does not enable automatic failover", "path": ["resource", "aws_elasticache_replication_group", "sessions", "automatic_failover_enabled"]}}
}

test_single_node if {
	res := deny with input as rg({"num_cache_clusters": 1, "automatic_failover_enabled": true})
	res == {{"msg": "aws_elasticache_replication_group.sessions has no replica (num_cache_clusters = 1)", "path": ["resource", "aws_elasticache_replication_group", "sessions", "num_cache_clusters"]}}
}

test_cluster_mode_no_replicas if count(deny) == 1 with input as rg({"num_node_groups": 3, "replicas_per_node_group": 0, "automatic_failover_enabled": true})

test_ok if count(deny) == 0 with input as rg({"num_cache_clusters": 2, "automatic_failover_enabled": true, "multi_az_enabled": true})

test_unknown_ok if count(deny) == 0 with input as rg({"num_cache_clusters": "${var.nodes}", "automatic_failover_enabled": "${var.nodes > 1}"})

test_standalone_redis if {
	count(deny) == 1 with input as {"resource": {"aws_elasticache_cluster": {"cache": {"engine": "redis", "node_type": "cache.t3.micro", "num_cache_nodes": 1}}}}
}

test_memcached_ok if {
	count(deny) == 0 with input as {"resource": {"aws_elasticache_cluster": {"cache": {"engine": "memcached", "num_cache_nodes": 2}}}}
}

test_member_of_group_ok if {
	count(deny) == 0 with input as {"resource": {"aws_elasticache_cluster": {"replica": {"replication_group_id": "${aws_elasticache_replication_group.sessions.id}"}}}}
}

ecmod(attrs) := {"module": {"redis": object.union({"source": "terraform-aws-modules/elasticache/aws", "version": "~> 1.4", "replication_group_id": "shop-redis", "engine": "redis", "node_type": "cache.t4g.small"}, attrs)}}

# terraform-aws-modules/elasticache/aws, as calls are written.
test_module_failover_disabled if {
	res := deny with input as ecmod({"automatic_failover_enabled": false, "num_cache_clusters": 1})
	res == {
		{"msg": "module.redis does not enable automatic failover", "path": ["module", "redis", "automatic_failover_enabled"]},
		{"msg": "module.redis has no replica (num_cache_clusters = 1)", "path": ["module", "redis", "num_cache_clusters"]},
	}
}

test_module_no_replica_per_shard if {
	res := deny with input as ecmod({"automatic_failover_enabled": true, "replicas_per_node_group": 0})
	res == {{"msg": "module.redis has no replica (replicas_per_node_group = 0)", "path": ["module", "redis", "replicas_per_node_group"]}}
}

# multi_az_enabled (or cluster mode) turns automatic failover on in the module.
test_module_multi_az_forces_failover_ok if count(deny) == 0 with input as ecmod({"automatic_failover_enabled": false, "multi_az_enabled": true, "num_cache_clusters": 2})

test_module_unknown_multi_az_ok if count(deny) == 0 with input as ecmod({"automatic_failover_enabled": false, "multi_az_enabled": "${var.ha}"})

test_module_replicated_ok if count(deny) == 0 with input as ecmod({"automatic_failover_enabled": true, "multi_az_enabled": true, "num_cache_clusters": 3})

# Left to the module's defaults: not judged.
test_module_defaults_ok if count(deny) == 0 with input as ecmod({})

test_module_unknown_count_ok if count(deny) == 0 with input as ecmod({"automatic_failover_enabled": true, "num_cache_clusters": "${var.nodes}"})

test_module_memcached_ok if count(deny) == 0 with input as ecmod({"engine": "memcached", "create_cluster": true, "create_replication_group": false, "num_cache_nodes": 1})

test_module_standalone_cluster if {
	res := deny with input as {"module": {"cache": {"source": "terraform-aws-modules/elasticache/aws", "cluster_id": "redis-oss", "create_cluster": true, "create_replication_group": false, "num_cache_nodes": 1}}}
	res == {{"msg": "module.cache is a standalone redis node with no replica to fail over to", "path": ["module", "cache", "create_cluster"]}}
}

test_module_cluster_in_group_ok if count(deny) == 0 with input as {"module": {"cache": {"source": "terraform-aws-modules/elasticache/aws", "create_cluster": true, "create_replication_group": false, "replication_group_id": "existing"}}}

test_module_create_false_ok if count(deny) == 0 with input as ecmod({"create": false, "automatic_failover_enabled": false})

test_module_other_source_ok if count(deny) == 0 with input as {"module": {"redis": {"source": "cloudposse/elasticache-redis/aws", "automatic_failover_enabled": false}}}
