# Every rule must tolerate values of unexpected types: the engine evaluates
# with strict built-in errors, so one upper(5) would fail the whole run. The
# Go test runs these with built-in errors raised.
package relcheck.lib.robustness_test

odd_values := [null, 5, "x", "abc%", true, [], {}, [null], [5], {"a": null}, "${var.x}"]

k8s_kinds := ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"]

container(v) := {
	"name": v, "image": v, "ports": v, "resources": v, "lifecycle": v,
	"livenessProbe": {"httpGet": {"port": v, "path": v, "scheme": v}, "exec": {"command": v}, "initialDelaySeconds": v, "periodSeconds": v},
	"readinessProbe": {"httpGet": {"port": v}, "tcpSocket": {"port": v}, "grpc": {"port": v}},
	"startupProbe": v,
}

template(v) := {"metadata": {"labels": v}, "spec": {
	"containers": [container(v)], "initContainers": v, "volumes": v,
	"topologySpreadConstraints": v, "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": v}},
	"terminationGracePeriodSeconds": v,
}}

k8s_object(kind, v) := {"kind": kind, "metadata": {"name": "x", "namespace": "ns"}, "spec": {
	"replicas": v, "template": template(v), "jobTemplate": {"spec": {"template": template(v), "backoffLimit": v}},
	"containers": [container(v)], "selector": v, "strategy": {"type": v, "rollingUpdate": {"maxUnavailable": v}},
	"minAvailable": v, "maxUnavailable": v, "minReplicas": v, "scaleTargetRef": {"kind": v, "name": v},
	"serviceName": v, "startingDeadlineSeconds": v, "concurrencyPolicy": v, "type": v,
}}

objects := {
	"Service": {"ns": {"s": {"kind": "Service", "metadata": {"name": "s"}, "spec": {"selector": {"a": "b"}, "clusterIP": 5}}}},
	"PodDisruptionBudget": {"ns": {"p": {"kind": "PodDisruptionBudget", "spec": {"selector": {"matchLabels": null, "matchExpressions": "x"}}}}},
	"HorizontalPodAutoscaler": {"ns": {"h": {"kind": "HorizontalPodAutoscaler", "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "x"}, "minReplicas": "x", "maxReplicas": null}}}},
	"Deployment": {"ns": {"x": {"kind": "Deployment", "metadata": {"name": "x"}, "spec": {"template": {"metadata": {"labels": {"a": "b"}}}}}}},
}

test_kubernetes_rules_tolerate_odd_types if {
	every kind in k8s_kinds {
		every v in odd_values {
			_ := {r | some r in data.relcheck.kubernetes[_].deny} with input as k8s_object(kind, v) with data.relcheck.objects as objects
			_ := {r | some r in data.relcheck.kubernetes[_].deny} with input as {"kind": kind, "metadata": {"name": "x", "namespace": v}, "spec": v}
		}
	}
}

terraform_types := [
	"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_autoscaling_group", "aws_autoscaling_attachment",
	"aws_lb_target_group", "aws_alb_target_group", "aws_elasticache_replication_group", "aws_elasticache_cluster",
	"aws_dynamodb_table", "aws_s3_bucket", "aws_s3_bucket_versioning", "aws_eks_node_group", "google_sql_database_instance",
	"google_container_node_pool", "google_container_cluster", "google_compute_instance_group_manager",
	"azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool", "azurerm_mssql_database", "azurerm_mssql_elasticpool",
	"azurerm_postgresql_flexible_server", "azurerm_storage_account",
]

terraform_attrs := [
	"engine", "multi_az", "replicate_source_db", "backup_retention_period", "deletion_protection", "skip_final_snapshot",
	"cluster_identifier", "engine_mode", "count", "for_each", "min_size", "vpc_zone_identifier", "availability_zones",
	"target_group_arns", "load_balancers", "health_check_type", "autoscaling_group_name", "name", "protocol", "target_type",
	"health_check", "automatic_failover_enabled", "num_cache_clusters", "replicas_per_node_group", "replication_group_id",
	"point_in_time_recovery", "bucket", "versioning", "versioning_configuration", "scaling_config", "master_instance_name",
	"settings", "management", "node_pool", "autoscaling", "auto_healing_policies", "default_node_pool", "zones",
	"elastic_pool_id", "sku_name", "sku", "zone_redundant", "high_availability", "create_mode", "account_replication_type",
	"lifecycle", "dynamic",
]

test_terraform_rules_tolerate_odd_types if {
	every v in odd_values {
		flat := {t: {"r": {a: v | some a in terraform_attrs}} | some t in terraform_types}
		nested := {t: {"r": {a: [{b: v | some b in terraform_attrs}] | some a in terraform_attrs}} | some t in terraform_types}
		_ := {r | some r in data.relcheck.terraform[_].deny} with input as {"resource": flat}
		_ := {r | some r in data.relcheck.terraform[_].deny} with input as {"resource": nested}
		_ := {r | some r in data.relcheck.terraform[_].deny} with input as {"resource": {t: v | some t in terraform_types}}
		_ := {r | some r in data.relcheck.terraform[_].deny} with input as {"resource": {t: {"r": v} | some t in terraform_types}}
	}
}

test_compose_rules_tolerate_odd_types if {
	every v in odd_values {
		svc := {"image": v, "build": v, "restart": v, "deploy": {"restart_policy": v}, "healthcheck": {"test": v, "disable": v}}
		_ := {r | some r in data.relcheck.compose[_].deny} with input as {"services": {"a": svc}}
		_ := {r | some r in data.relcheck.compose[_].deny} with input as {"services": {"a": v}}
		_ := {r | some r in data.relcheck.compose[_].deny} with input as {"services": v}
	}
}
