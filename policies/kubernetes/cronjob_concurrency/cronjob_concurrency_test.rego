package relcheck.kubernetes.cronjob_concurrency

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup", "namespace": "db"}, "spec": object.union({"schedule": "0 3 * * *"}, spec)}

test_unset if {
	res := deny with input as cronjob({})
	res == {{"msg": "CronJob/db/backup does not set concurrencyPolicy, so overlapping runs are allowed", "path": ["spec", "concurrencyPolicy"]}}
}

test_forbid_ok if count(deny) == 0 with input as cronjob({"concurrencyPolicy": "Forbid"})

test_explicit_allow_ok if count(deny) == 0 with input as cronjob({"concurrencyPolicy": "Allow"})
