package relcheck.kubernetes.termination_grace_period

cronjob(grace) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "sync"}, "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {"terminationGracePeriodSeconds": grace, "containers": [{"name": "sync"}]}}}}}}

test_zero if {
	res := deny with input as cronjob(0)
	res == {{
		"msg": "CronJob/sync sets terminationGracePeriodSeconds 0: containers are killed before they can drain",
		"path": ["spec", "jobTemplate", "spec", "template", "spec", "terminationGracePeriodSeconds"],
	}}
}

test_one if count(deny) == 1 with input as cronjob(1)

test_thirty_ok if count(deny) == 0 with input as cronjob(30)

test_unset_ok if {
	count(deny) == 0 with input as {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}}
}
