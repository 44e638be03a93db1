package relcheck.terraform.aws_aurora_single_instance

cluster := {"cluster_identifier": "orders", "engine": "aurora-postgresql", "engine_version": "15.4"}

mod(instances) := {"resource": {"aws_rds_cluster": {"orders": cluster}, "aws_rds_cluster_instance": instances}}

test_single_instance if {
	res := deny with input as mod({"writer": {"cluster_identifier": "${aws_rds_cluster.orders.id}", "instance_class": "db.r6g.large"}})
	res == {{"msg": "aws_rds_cluster.orders has 1 instance(s) and nothing to fail over to", "path": ["resource", "aws_rds_cluster", "orders"]}}
}

test_count_two_ok if {
	count(deny) == 0 with input as mod({"this": {"count": 2, "cluster_identifier": "${aws_rds_cluster.orders.id}"}})
}

test_count_one if {
	count(deny) == 1 with input as mod({"this": {"count": 1, "cluster_identifier": "${aws_rds_cluster.orders.cluster_identifier}"}})
}

test_for_each_ok if {
	count(deny) == 0 with input as mod({"this": {"for_each": "${toset([\"a\", \"b\"])}", "cluster_identifier": "${aws_rds_cluster.orders.id}"}})
}

test_two_resources_literal_identifier_ok if {
	count(deny) == 0 with input as mod({
		"writer": {"cluster_identifier": "orders"},
		"reader": {"cluster_identifier": "${aws_rds_cluster.orders.id}"},
	})
}

test_no_instances if count(deny) == 1 with input as mod({})

test_unknown_count_ok if {
	count(deny) == 0 with input as mod({"this": {"count": "${var.instance_count}", "cluster_identifier": "${aws_rds_cluster.orders.id}"}})
}

test_ambiguous_reference_ok if {
	count(deny) == 0 with input as mod({"this": {"cluster_identifier": "${var.cluster_id}"}})
}

test_serverless_v1_ok if {
	count(deny) == 0 with input as {"resource": {"aws_rds_cluster": {"orders": object.union(cluster, {"engine_mode": "serverless"})}}}
}

test_instance_of_other_cluster if {
	count(deny) == 1 with input as mod({"x": {"count": 3, "cluster_identifier": "${aws_rds_cluster.billing.id}"}})
}

# Terraform 0.11's index syntax (aws_rds_cluster.k3s.0.id) still names the
# cluster: before, it made every instance ambiguous and silenced the rule.
test_legacy_index_reference if {
	res := deny with input as mod({"writer": {"count": 1, "cluster_identifier": "${aws_rds_cluster.orders.0.id}"}})
	count(res) == 1
}
