package relcheck.lib.k8s

labels := {"app": "web", "tier": "frontend"}

test_match_labels if selector_matches({"matchLabels": {"app": "web"}}, labels)

test_match_labels_mismatch if not selector_matches({"matchLabels": {"app": "api"}}, labels)

test_empty_selector_matches_all if selector_matches({}, labels)

test_null_selector_matches_nothing if not selector_matches(null, labels)

test_in if selector_matches({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["frontend", "backend"]}]}, labels)

test_not_in_absent_key if selector_matches({"matchExpressions": [{"key": "track", "operator": "NotIn", "values": ["canary"]}]}, labels)

test_not_in_other_value if selector_matches({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["backend"]}]}, labels)

test_not_in_same_value if not selector_matches({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["frontend"]}]}, labels)

test_exists if selector_matches({"matchExpressions": [{"key": "app", "operator": "Exists"}]}, labels)

test_does_not_exist if not selector_matches({"matchExpressions": [{"key": "app", "operator": "DoesNotExist"}]}, labels)

test_map_selector_empty_matches_nothing if not map_selector_matches({}, labels)

test_pod_spec_paths if {
	pod_spec_path_of({"kind": "Deployment"}) == ["spec", "template", "spec"]
	pod_spec_path_of({"kind": "CronJob"}) == ["spec", "jobTemplate", "spec", "template", "spec"]
	pod_spec_path_of({"kind": "Pod"}) == ["spec"]
	not pod_spec_path_of({"kind": "Service"})
}

test_replicas_default if {
	replicas == 1 with input as {"kind": "Deployment", "metadata": {"name": "d"}, "spec": {}}
	replicas == 3 with input as {"kind": "StatefulSet", "metadata": {"name": "d"}, "spec": {"replicas": 3}}
	not replicas with input as {"kind": "DaemonSet", "metadata": {"name": "d"}, "spec": {}}
}

test_containers_paths if {
	cs := containers with input as {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a"}, {"name": "b"}]}}}}}}
	cs == {
		{"container": {"name": "a"}, "path": ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]},
		{"container": {"name": "b"}, "path": ["spec", "jobTemplate", "spec", "template", "spec", "containers", 1]},
	}
}

test_namespace_default if {
	resource_name == "Deployment/web" with input as {"kind": "Deployment", "metadata": {"name": "web"}}
	resource_name == "Deployment/shop/web" with input as {"kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}}
	resource_name == "Job/batch/report-" with input as {"kind": "Job", "metadata": {"generateName": "report-", "namespace": "batch"}}
	name == "report-" with input as {"kind": "Job", "metadata": {"generateName": "report-"}}
}

test_pod_labels_of_pod_and_rollout if {
	pod_labels_of({"kind": "Pod", "metadata": {"labels": {"a": "b"}}}) == {"a": "b"}
	pod_labels_of({"kind": "Rollout", "spec": {"template": {"metadata": {"labels": {"c": "d"}}}}}) == {"c": "d"}
}

test_workloads_selected if {
	w := {"kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": {"metadata": {"labels": {"app": "web", "tier": "frontend"}}}}}
	bare := {"kind": "StatefulSet", "metadata": {"name": "b"}, "spec": {"template": {"metadata": {"labels": "app=web"}}}}
	objs := {"Deployment": {"ns": {"w": w}}, "StatefulSet": {"ns": {"b": bare}}, "DaemonSet": {"ns": {"d": w}}}
	cases := [
		[{"matchLabels": {"app": "web"}}, {["Deployment", "w"]}],
		[{"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["backend"]}]}, set()],
		[{"matchLabels": {"app": "api"}}, set()],
		[{"matchLabels": {"app": {"x": 1}}}, set()],
		[{"matchLabels": {}}, {["Deployment", "w"], ["StatefulSet", "b"]}],
		[{}, {["Deployment", "w"], ["StatefulSet", "b"]}],
		[{"matchExpressions": [{"key": "app", "operator": "Exists"}]}, {["Deployment", "w"]}],
		[{"matchExpressions": [{"key": "app", "operator": "DoesNotExist"}]}, {["StatefulSet", "b"]}],
		[{"matchLabels": null}, set()],
		[{"matchLabels": "x"}, set()],
		[{"matchLabels": ["a"]}, set()],
		[{"matchLabels": []}, {["Deployment", "w"], ["StatefulSet", "b"]}],
		[null, set()],
		["app=web", set()],
	]
	every c in cases {
		{[kind, name] | some [kind, name, _] in workloads_selected("ns", c[0])} == c[1] with data.relcheck.objects as objs
	}
}

svc_with_selector(sel) := {"kind": "Service", "spec": {"selector": sel}}

test_services_selecting_input if {
	objs := {"Service": {"ns": {
		"match": svc_with_selector({"app": "web"}),
		"both": svc_with_selector({"app": "web", "tier": "frontend"}),
		"other": svc_with_selector({"app": "api"}),
		"extra": svc_with_selector({"app": "web", "track": "canary"}),
		"empty": svc_with_selector({}),
		"null": svc_with_selector(null),
		"string": svc_with_selector("app=web"),
		"nested": svc_with_selector({"app": {"x": 1}}),
		"none": {"kind": "Service", "spec": {}},
	}}}
	deployment := {"kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {"template": {"metadata": {"labels": {"app": "web", "tier": "frontend"}}}}}
	{n | some [n, _] in services} == {"match", "both"} with input as deployment with data.relcheck.objects as objs
	count(services) == 0 with input as object.union(deployment, {"spec": {"template": {"metadata": {"labels": "app=web"}}}}) with data.relcheck.objects as objs
}

pdb_with_selector(sel) := {"kind": "PodDisruptionBudget", "spec": {"selector": sel}}

test_pdbs_selecting_input if {
	objs := {"PodDisruptionBudget": {"ns": {
		"match": pdb_with_selector({"matchLabels": {"app": "web"}}),
		"expr": pdb_with_selector({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["frontend"]}]}),
		"both": pdb_with_selector({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["frontend"]}]}),
		"other": pdb_with_selector({"matchLabels": {"app": "api"}}),
		"empty": pdb_with_selector({}),
		"empty-labels": pdb_with_selector({"matchLabels": {}}),
		"empty-array": pdb_with_selector({"matchLabels": []}),
		"null-labels": pdb_with_selector({"matchLabels": null}),
		"string-labels": pdb_with_selector({"matchLabels": "app=web"}),
		"array-labels": pdb_with_selector({"matchLabels": ["app"]}),
		"null": pdb_with_selector(null),
		"string": pdb_with_selector("app=web"),
		"nested": pdb_with_selector({"matchLabels": {"app": {"x": 1}}}),
	}}}
	deployment := {"kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {"template": {"metadata": {"labels": {"app": "web", "tier": "frontend"}}}}}
	{n | some [n, _] in pdbs} == {"match", "expr", "empty", "empty-labels", "empty-array"} with input as deployment with data.relcheck.objects as objs
}

test_observability_port if {
	observability_port({"name": "metrics", "port": 8080})
	observability_port({"name": "http-metrics", "port": 8080})
	observability_port({"name": "https-metrics", "port": 8443})
	observability_port({"name": "metrics-port", "port": 8000})
	observability_port({"name": "http-profiling", "port": 8008})
	observability_port({"name": "HTTP-Monitoring", "port": 15014})
	not observability_port({"name": "metricsservice", "port": 9666})
	not observability_port({"name": "http", "port": 80})
	not observability_port({"port": 9090})
	not observability_port("metrics")
}

test_monitoring_service if {
	monitoring_service({"metadata": {"name": "argocd-notifications-controller-metrics"}, "spec": {"ports": [{"name": "metrics", "port": 9001}]}})
	not monitoring_service({"metadata": {"name": "kube-state-metrics"}, "spec": {"ports": [{"name": "http", "port": 8080}]}})
	not monitoring_service({"metadata": {"name": "custom-metrics"}, "spec": {"ports": [{"name": "https", "port": 443}]}})
	monitoring_service({"metadata": {"name": "controller-manager-metrics-service"}, "spec": {"ports": [{"name": "https", "port": 8443}]}})
	monitoring_service({"metadata": {"name": "kube-state-metrics"}, "spec": {"ports": [{"name": "http-metrics", "port": 8080}, {"name": "telemetry", "port": 8081}]}})
	not monitoring_service({"metadata": {"name": "metrics-server"}, "spec": {"ports": [{"name": "https", "port": 443}]}})
	not monitoring_service({"metadata": {"name": "loki"}, "spec": {"ports": [{"name": "http-metrics", "port": 3100}, {"name": "grpc", "port": 9095}]}})
	not monitoring_service({"metadata": {"name": "web"}, "spec": {"ports": []}})
	not monitoring_service({"metadata": {"name": "web"}})
}

# `replicas:` rendered from an unset chart value is null, which the API server
# defaults to 1.
test_replicas_null_is_one if {
	replicas == 1 with input as {"kind": "Deployment", "metadata": {"name": "d"}, "spec": {"replicas": null}}
	replicas_of({"kind": "Deployment", "metadata": {"name": "d"}, "spec": {"replicas": null}}) == 1
	not replicas_of({"kind": "DaemonSet", "metadata": {"name": "d"}, "spec": {"replicas": null}})
}

test_autoscaler_min if {
	autoscaler_min({"kind": "HorizontalPodAutoscaler", "spec": {}}) == 1
	autoscaler_min({"kind": "HorizontalPodAutoscaler", "spec": {"minReplicas": null}}) == 1
	autoscaler_min({"kind": "HorizontalPodAutoscaler", "spec": {"minReplicas": "3"}}) == 3
	autoscaler_min({"kind": "HorizontalPodAutoscaler", "spec": {"minReplicas": "x"}}) == null
	autoscaler_min({"kind": "ScaledObject", "spec": {}}) == 0
}

test_has_treats_null_as_missing if {
	has({"livenessProbe": {"exec": {"command": ["true"]}}}, "livenessProbe")
	has({"replicas": 0}, "replicas")
	has({"enabled": false}, "enabled")
	not has({"livenessProbe": null}, "livenessProbe")
	not has({}, "livenessProbe")
	not has("redis", "livenessProbe")
}

test_pause_container if {
	every image in [
		"registry.k8s.io/pause:3.10",
		"gcr.io/google-containers/pause-amd64:3.1",
		"k8s.gcr.io/pause",
		"rancher/mirrored-pause:3.6",
		"localhost:5000/pause:3.9",
		"pause@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097",
	] {
		pause_container({"name": "pause", "image": image})
	}
	every image in [
		"ghcr.io/acme/pause-scheduler:1.4.2",
		"acme/pausebot:1",
		"registry.k8s.io/pause/exporter:1.0",
		"auto",
	] {
		not pause_container({"name": "pause", "image": image})
	}
	not pause_container({"name": "pause"})
}

test_flag_values if {
	flag_values(["/cpa", "--target=deployment/coredns", "--logtostderr=true"], "target") == {"deployment/coredns"}
	flag_values(["/cpa", "-target=Deployment/coredns"], "target") == {"Deployment/coredns"}
	flag_values(["/cpa", "--target", "deployment/coredns,deployment/kube-dns"], "target") == {"deployment/coredns,deployment/kube-dns"}
	flag_values(["/pod_nanny", "--container", "metrics-server", "--deployment=metrics-server-v0.8.1"], "container") == {"metrics-server"}
	flag_values(["/cpa", "--targets=x", "--target"], "target") == set()
	flag_values(["/cpa", "--target", 3], "target") == set()
}
