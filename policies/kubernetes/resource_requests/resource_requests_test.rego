package relcheck.kubernetes.resource_requests

job(resources) := {
	"apiVersion": "batch/v1",
	"kind": "Job",
	"metadata": {"name": "reindex", "namespace": "search"},
	"spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "reindex", "image": "search:4.2", "resources": resources}]}}},
}

test_no_resources if {
	res := deny with input as job({})
	res == {{
		"msg": `container "reindex" of Job/search/reindex has no cpu or memory request`,
		"path": ["spec", "template", "spec", "containers", 0, "resources", "requests"],
	}}
}

test_memory_missing if {
	res := deny with input as job({"requests": {"cpu": "250m"}})
	some r in res
	r.msg == `container "reindex" of Job/search/reindex has no memory request`
}

test_requests_set if {
	count(deny) == 0 with input as job({"requests": {"cpu": 0.5, "memory": "512Mi"}})
}

test_limits_imply_requests if {
	count(deny) == 0 with input as job({"limits": {"cpu": "1", "memory": "1Gi"}})
}

test_cronjob_path if {
	cj := {"kind": "CronJob", "metadata": {"name": "r"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "r"}]}}}}}}
	some r in deny with input as cj
	r.path == ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "resources", "requests"]
}
