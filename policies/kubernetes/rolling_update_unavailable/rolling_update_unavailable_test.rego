package relcheck.kubernetes.rolling_update_unavailable

deployment(replicas, strategy, volumes) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {
		"replicas": replicas,
		"strategy": strategy,
		"template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web"}], "volumes": volumes}},
	},
}

svc := {"kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}

objs := {"Service": {"shop": {"web": svc}}}

test_recreate_behind_service if {
	res := deny with input as deployment(3, {"type": "Recreate"}, []) with data.relcheck.objects as objs
	res == {{
		"msg": "Deployment/shop/web is behind Service web and uses the Recreate strategy: every rollout stops all pods first",
		"path": ["spec", "strategy", "type"],
	}}
}

test_recreate_without_service_ok if {
	count(deny) == 0 with input as deployment(3, {"type": "Recreate"}, []) with data.relcheck.objects as {}
}

test_recreate_with_pvc_ok if {
	vols := [{"name": "data", "persistentVolumeClaim": {"claimName": "web-data"}}]
	count(deny) == 0 with input as deployment(1, {"type": "Recreate"}, vols) with data.relcheck.objects as objs
}

test_max_unavailable_100_percent if {
	some r in deny with input as deployment(4, {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "100%"}}, []) with data.relcheck.objects as objs
	r.path == ["spec", "strategy", "rollingUpdate", "maxUnavailable"]
}

test_max_unavailable_equals_replicas if {
	count(deny) == 1 with input as deployment(2, {"rollingUpdate": {"maxUnavailable": 2, "maxSurge": 0}}, []) with data.relcheck.objects as objs
}

test_max_unavailable_25_percent_ok if {
	count(deny) == 0 with input as deployment(4, {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}, []) with data.relcheck.objects as objs
}

test_max_unavailable_one_of_three_ok if {
	count(deny) == 0 with input as deployment(3, {"rollingUpdate": {"maxUnavailable": 1}}, []) with data.relcheck.objects as objs
}

metrics_svc := {"kind": "Service", "metadata": {"name": "notifier-metrics", "namespace": "shop"}, "spec": {"selector": {"app": "web"}, "ports": [{"name": "metrics", "port": 9001}]}}

# A singleton controller with Recreate behind its metrics Service only (Argo
# CD's notifications controller): no client is cut off.
test_recreate_behind_metrics_service_ok if {
	count(deny) == 0 with input as deployment(1, {"type": "Recreate"}, []) with data.relcheck.objects as {"Service": {"shop": {"notifier-metrics": metrics_svc}}}
}

# With a client Service beside the metrics Service, the finding names the
# client Service.
test_recreate_behind_metrics_and_client_service if {
	res := deny with input as deployment(1, {"type": "Recreate"}, []) with data.relcheck.objects as {"Service": {"shop": {"notifier-metrics": metrics_svc, "web": svc}}}
	[r] := [r | some r in res]
	r.msg == "Deployment/shop/web is behind Service web and uses the Recreate strategy: every rollout stops all pods first"
}

ring_svc := {"kind": "Service", "metadata": {"name": "loki-memberlist", "namespace": "shop"}, "spec": {"clusterIP": "None", "selector": {"app": "web"}, "ports": [{"name": "tcp", "port": 7946, "targetPort": "http-memberlist"}]}}

# A gossip ring's Service (Loki's chart puts every component behind
# loki-memberlist) carries no client requests: a Deployment behind it alone
# is not reported, and beside a client Service the finding names that one.
test_gossip_ring_service_not_a_client if {
	count(deny) == 0 with input as deployment(1, {"type": "Recreate"}, []) with data.relcheck.objects as {"Service": {"shop": {"loki-memberlist": ring_svc}}}
	res := deny with input as deployment(1, {"rollingUpdate": {"maxUnavailable": 1}}, []) with data.relcheck.objects as {"Service": {"shop": {"loki-memberlist": ring_svc, "web": svc}}}
	[r] := [r | some r in res]
	r.msg == "Deployment/shop/web is behind Service web and allows maxUnavailable 1 during rollouts: all pods may be down at once"
}
