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
