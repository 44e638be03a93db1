package relcheck.lib.terraform

test_booleans if {
	is_true(true)
	is_true("true")
	is_true("True")
	is_false(false)
	is_false("false")
	not is_true("${var.x}")
	not is_false("${var.x}")
}

test_unknown if {
	unknown("${var.multi_az}")
	not unknown("us-east-1a")
	not unknown(true)
}

test_number if {
	number(7) == 7
	number("7") == 7
	not number("${var.days}")
}

test_referenced_name if {
	referenced_name("${aws_s3_bucket.logs.id}", "aws_s3_bucket") == "logs"
	referenced_name("${aws_s3_bucket.logs[0].id}", "aws_s3_bucket") == "logs"
	referenced_name(`${aws_s3_bucket.this["a"].bucket}`, "aws_s3_bucket") == "this"
	referenced_name("${aws_rds_cluster.k3s.0.id}", "aws_rds_cluster") == "k3s"
	not referenced_name("${aws_s3_bucket_policy.logs.id}", "aws_s3_bucket")
	not referenced_name("${var.bucket}", "aws_s3_bucket")
}

test_instances if {
	instances({}) == 1
	instances({"count": 3}) == 3
	instances({"count": "${var.n}"}) == 2
	instances({"for_each": "${var.m}"}) == 2
}

test_disabled if {
	disabled({}, "multi_az")
	disabled({"multi_az": false}, "multi_az")
	disabled({"multi_az": "false"}, "multi_az")
	not disabled({"multi_az": true}, "multi_az")
	not disabled({"multi_az": "${var.ha}"}, "multi_az")
}

test_list_length if {
	list_length(["a", "b"]) == 2
	list_length("${[aws_subnet.a.id]}") == 1
	not list_length("${[aws_subnet.a.id, aws_subnet.b.id]}")
	not list_length("${aws_subnet.private[*].id}")
	not list_length("${[for s in aws_subnet.private : s.id]}")
	not list_length("${module.vpc.private_subnets}")
	list_length("${[data.aws_subnets.public.ids[0]]}") == 1
	list_length("${[local.subnets[count.index]]}") == 1
	not list_length("${[aws_subnet.private[0].id, aws_subnet.private[1].id]}")
}

test_list_length_template_element if {
	list_length(`${["${var.region}a"]}`) == 1
	list_length(`${["${local.region}-b"]}`) == 1
	list_length(`${["us-east-1${var.az}"]}`) == 1
	list_length(`${["${var.a}-${var.b}"]}`) == 1
	not list_length(`${["${var.region}a", "${var.region}b"]}`)
	not list_length(`${["${var.subnets}"]}`)
	not list_length(`${["${lookup(var.zones, "a")}x"]}`)
}

test_count_zero_resources_skipped if {
	rs := resources("aws_db_instance") with input as {"resource": {"aws_db_instance": {
		"off": {"count": 0},
		"off_foreach": {"for_each": {}},
		"on": {"count": 1},
		"unknown": {"count": "${var.enabled ? 1 : 0}"},
	}}}
	{name | some [name, _] in rs} == {"on", "unknown"}
}

test_has_block_dynamic if {
	has_block({"health_check": [{"path": "/"}]}, "health_check")
	has_block({"dynamic": [{"health_check": {"for_each": "${var.hc}", "content": [{}]}}]}, "health_check")
	not has_block({"dynamic": [{"tag": {}}]}, "health_check")
}

test_state_lock_table if {
	state_lock_table({"name": "locks", "hash_key": "LockID", "attribute": [{"name": "LockID", "type": "S"}]})
	not state_lock_table({"name": "orders", "hash_key": "pk"})
	not state_lock_table({"name": "locks", "hash_key": "LockID", "range_key": "sk"})
	not state_lock_table({"name": "locks", "hash_key": "${var.hash_key}"})
}

test_spread_by_instance if {
	spread_by_instance({"count": "${length(var.zones)}"}, "${[var.zones[count.index]]}")
	spread_by_instance({"count": 3}, "${[aws_subnet.private[count.index].id]}")
	spread_by_instance({"for_each": "${toset(var.zones)}"}, "${[each.value]}")
	spread_by_instance({"for_each": "${var.pools}"}, "${[each.key]}")
	not spread_by_instance({"count": 1}, "${[var.zones[count.index]]}")
	not spread_by_instance({"count": "${var.enabled ? 1 : 0}"}, "${[var.zones[count.index]]}")
	not spread_by_instance({}, "${[var.zone]}")
	not spread_by_instance({"count": 3}, "${[var.zone]}")
	not spread_by_instance({"count": 3}, ["1"])
}
