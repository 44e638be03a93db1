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

# What each combination of requests and limits reports, one finding per
# container at most.
test_combinations if {
	cases := [
		[{}, "cpu or memory"],
		[{"requests": {"cpu": "1"}}, "memory"],
		[{"requests": {"memory": "1Gi"}}, "cpu"],
		[{"limits": {"cpu": "1"}}, "memory"],
		[{"limits": {"memory": "1Gi"}}, "cpu"],
		[{"requests": {"cpu": ""}, "limits": {"memory": "1Gi"}}, "cpu"],
		[{"requests": {"cpu": null, "memory": ""}}, "cpu or memory"],
		[{"requests": {"cpu": 0, "memory": false}}, ""],
		[{"requests": {"cpu": "1"}, "limits": {"memory": "1Gi"}}, ""],
		[{"limits": {"cpu": "1", "memory": "1Gi"}}, ""],
		["none", "cpu or memory"],
		[{"requests": "x"}, "cpu or memory"],
	]
	every case in cases {
		got := {r.msg | some r in deny with input as job(case[0])}
		want := {sprintf(`container "reindex" of Job/search/reindex has no %s request`, [case[1]]) | case[1] != ""}
		got == want
	}
}

test_each_container_once if {
	two := {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b", "resources": {"requests": {"cpu": "1"}}}]}}
	deny == {
		{"msg": `container "a" of Pod/p has no cpu or memory request`, "path": ["spec", "containers", 0, "resources", "requests"]},
		{"msg": `container "b" of Pod/p has no memory request`, "path": ["spec", "containers", 1, "resources", "requests"]},
	} with input as two
}

pod_with_init(init) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api"}, "spec": {
	"initContainers": init,
	"containers": [{"name": "api", "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}}}],
}}

# A native sidecar runs as long as the pod; a plain init container finishes first.
test_native_sidecar_checked if {
	res := deny with input as pod_with_init([{"name": "migrate"}, {"name": "proxy", "restartPolicy": "Always", "resources": {"limits": {"cpu": "50m"}}}])
	res == {{
		"msg": `sidecar container "proxy" (an init container with restartPolicy Always) of Pod/api has no memory request`,
		"path": ["spec", "initContainers", 1, "resources", "requests"],
	}}
	count(deny) == 0 with input as pod_with_init([{"name": "proxy", "restartPolicy": "Always", "resources": {"requests": {"cpu": "10m", "memory": "32Mi"}}}])
}

# Kubernetes' metrics-server addon: the addon-resizer ("pod nanny") beside
# metrics-server rewrites its requests and limits from the cluster's size.
metrics_server(nanny_command) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "metrics-server-v0.8.1", "namespace": "kube-system"},
	"spec": {"template": {"spec": {"containers": [
		{"name": "metrics-server", "image": "registry.k8s.io/metrics-server/metrics-server:v0.8.1"},
		{
			"name": "metrics-server-nanny",
			"image": "registry.k8s.io/autoscaling/addon-resizer:1.8.20",
			"resources": {"requests": {"cpu": "5m", "memory": "50Mi"}, "limits": {"cpu": "100m", "memory": "300Mi"}},
			"command": nanny_command,
		},
	]}}},
}

test_resized_by_nanny_ok if {
	count(deny) == 0 with input as metrics_server(["/pod_nanny", "--cpu=40m", "--memory=40Mi", "--deployment=metrics-server-v0.8.1", "--container=metrics-server"])
}

# A nanny that resizes another container, or another Deployment, leaves
# this one as written.
test_nanny_of_other_container_reported if {
	count(deny) > 0 with input as metrics_server(["/pod_nanny", "--deployment=metrics-server-v0.8.1", "--container=metrics-server-proxy"])
	count(deny) > 0 with input as metrics_server(["/pod_nanny", "--deployment=heapster", "--container=metrics-server"])
}

# Overprovisioning pause pods hold capacity only through their requests: the
# pause image is no reason to skip this rule.
test_pause_container_still_reported if {
	pause := json.patch(job({}), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "registry.k8s.io/pause:3.10"}])
	count(deny) == 1 with input as pause
}
