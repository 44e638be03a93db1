package relcheck.kubernetes.job_backoff_limit

job(spec) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "migrate", "namespace": "app"}, "spec": object.union({"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "m"}]}}}, spec)}

test_defaults if {
	res := deny with input as job({})
	res == {{
		"msg": "Job/app/migrate sets no activeDeadlineSeconds and keeps the default backoffLimit (6): a hung or failing run is not bounded",
		"path": ["spec", "backoffLimit"],
	}}
}

test_explicit_six if count(deny) == 1 with input as job({"backoffLimit": 6})

test_backoff_set_ok if count(deny) == 0 with input as job({"backoffLimit": 2})

test_deadline_ok if count(deny) == 0 with input as job({"activeDeadlineSeconds": 600})

test_cronjob_path if {
	cj := {"kind": "CronJob", "metadata": {"name": "nightly"}, "spec": {"schedule": "0 1 * * *", "jobTemplate": {"spec": {"template": {}}}}}
	some r in deny with input as cj
	r.path == ["spec", "jobTemplate", "spec", "backoffLimit"]
}

test_missing_or_odd_specs if {
	{r.path | some r in deny} == {["spec", "backoffLimit"]} with input as {"kind": "Job", "metadata": {"name": "j"}}
	{r.path | some r in deny} == {["spec", "jobTemplate", "spec", "backoffLimit"]} with input as {"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"schedule": "* * * * *"}}
	every spec in ["x", 5, null, [{"backoffLimit": 2}]] {
		count(deny) == 0 with input as {"kind": "Job", "metadata": {"name": "j"}, "spec": spec}
		count(deny) == 0 with input as {"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": spec}}}
	}
	count(deny) == 0 with input as {"kind": "Deployment", "metadata": {"name": "d"}, "spec": {}}
}
