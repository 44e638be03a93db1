package relcheck.kubernetes.cronjob_starting_deadline

cronjob(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "digest"}, "spec": object.union({"schedule": "@hourly"}, spec)}

test_unset if {
	res := deny with input as cronjob({})
	res == {{"msg": "CronJob/digest does not set startingDeadlineSeconds", "path": ["spec", "startingDeadlineSeconds"]}}
}

test_too_short if {
	some r in deny with input as cronjob({"startingDeadlineSeconds": 5})
	contains(r.msg, "under 10 seconds")
}

test_set_ok if count(deny) == 0 with input as cronjob({"startingDeadlineSeconds": 200})
