package relcheck.kubernetes.min_replicas

deployment(spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "checkout", "namespace": "shop"},
	"spec": object.union({"template": {"metadata": {"labels": {"app": "checkout"}}, "spec": {"containers": [{"name": "checkout"}]}}}, spec),
}

hpa(target, min) := {
	"apiVersion": "autoscaling/v2",
	"kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "checkout", "namespace": "shop"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target}, "minReplicas": min, "maxReplicas": 10},
}

test_unset_replicas if {
	res := deny with input as deployment({})
	res == {{
		"msg": "Deployment/shop/checkout runs a single replica (spec.replicas is unset, which means 1)",
		"path": ["spec", "replicas"],
	}}
}

# A chart that renders `replicas:` from an unset value leaves null, which the
# API server defaults to 1 (Kyverno's install manifest).
test_null_replicas if {
	res := deny with input as deployment({"replicas": null})
	res == {{
		"msg": "Deployment/shop/checkout runs a single replica (spec.replicas is unset, which means 1)",
		"path": ["spec", "replicas"],
	}}
}

test_one_replica if {
	res := deny with input as deployment({"replicas": 1})
	some r in res
	r.msg == "Deployment/shop/checkout runs a single replica"
}

test_two_replicas_ok if {
	count(deny) == 0 with input as deployment({"replicas": 2})
}

test_zero_replicas_ok if {
	count(deny) == 0 with input as deployment({"replicas": 0})
}

test_hpa_targeted_ok if {
	count(deny) == 0 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"shop": {"checkout": hpa("checkout", 3)}}}
}

test_hpa_for_other_deployment if {
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"shop": {"checkout": hpa("cart", 3)}}}
}

test_hpa_in_other_namespace if {
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"HorizontalPodAutoscaler": {"default": {"checkout": hpa("checkout", 3)}}}
}

test_statefulset_checked if {
	sts := {"kind": "StatefulSet", "metadata": {"name": "pg"}, "spec": {"replicas": 1}}
	count(deny) == 1 with input as sts
}

test_daemonset_not_checked if {
	count(deny) == 0 with input as {"kind": "DaemonSet", "metadata": {"name": "node-exporter"}, "spec": {}}
}

test_replication_controller_one_replica if {
	rc := object.union(deployment({"replicas": 1}), {"apiVersion": "v1", "kind": "ReplicationController"})
	count(deny) == 1 with input as rc
}

test_replicas_as_string if {
	every v in ["1", " 1 "] {
		{r.msg | some r in deny} == {"Deployment/shop/checkout runs a single replica"} with input as deployment({"replicas": v})
	}

	# null is unset (test_null_replicas); values Kubernetes would reject are not judged.
	every v in ["x", "2", [1], {"a": 1}] {
		count(deny) == 0 with input as deployment({"replicas": v})
	}
}

zone(name, replicas, image) := {
	"apiVersion": "apps/v1",
	"kind": "StatefulSet",
	"metadata": {"name": name, "namespace": "logs"},
	"spec": {
		"replicas": replicas,
		"template": {
			"metadata": {"labels": {"component": "ingester", "zone": name}},
			"spec": {"containers": [{"name": "ingester", "image": image}]},
		},
	},
}

ingester_svc(ports) := {"kind": "Service", "metadata": {"name": "ingester", "namespace": "logs"}, "spec": {"selector": {"component": "ingester"}, "ports": ports}}

zones(svc, b, c) := {
	"Service": {"logs": {"ingester": svc}},
	"StatefulSet": {"logs": {"ingester-zone-a": zone("ingester-zone-a", 1, "grafana/loki:3.5.0"), "ingester-zone-b": b, "ingester-zone-c": c}},
}

# Loki's chart: three zone StatefulSets of one replica each behind one
# Service; the set is replicated, no zone is a single point of failure. The
# zone's governing headless Service (pod DNS) does not change that.
test_zone_behind_shared_service_ok if {
	b := zone("ingester-zone-b", 1, "grafana/loki:3.5.0")
	c := zone("ingester-zone-c", 1, "grafana/loki:3.5.1")
	a := json.patch(zone("ingester-zone-a", 1, "grafana/loki:3.5.0"), [{"op": "add", "path": "/spec/serviceName", "value": "ingester-zone-a-headless"}])
	headless := {"kind": "Service", "metadata": {"name": "ingester-zone-a-headless", "namespace": "logs"}, "spec": {"clusterIP": "None", "selector": {"zone": "ingester-zone-a"}, "ports": [{"name": "http", "port": 3100}]}}
	objs := zones(ingester_svc([{"name": "http", "port": 3100}]), b, c)
	count(deny) == 0 with input as a with data.relcheck.objects as json.patch(objs, [{"op": "add", "path": "/Service/logs/ingester-zone-a-headless", "value": headless}])
}

# A canary behind the shared Service and a Service of its own: the canary's
# Service has no other pods, so the single replica is still reported.
test_service_of_its_own_reported if {
	b := zone("ingester-zone-b", 1, "grafana/loki:3.5.0")
	own := {"kind": "Service", "metadata": {"name": "ingester-zone-a", "namespace": "logs"}, "spec": {"selector": {"zone": "ingester-zone-a"}, "ports": [{"name": "http", "port": 3100}]}}
	objs := zones(ingester_svc([{"name": "http", "port": 3100}]), b, b)
	count(deny) == 0 with input as zone("ingester-zone-a", 1, "grafana/loki:3.5.0") with data.relcheck.objects as objs
	count(deny) == 1 with input as zone("ingester-zone-a", 1, "grafana/loki:3.5.0") with data.relcheck.objects as json.patch(objs, [{"op": "add", "path": "/Service/logs/ingester-zone-a", "value": own}])
}

# The peers must serve: scaled to 0, or running another image (a Service
# over a chart's different components), they replicate nothing; a gossip
# ring's or a metrics Service carries no client requests.
test_shared_service_needs_serving_peer if {
	svc := ingester_svc([{"name": "http", "port": 3100}])
	a := zone("ingester-zone-a", 1, "grafana/loki:3.5.0")
	count(deny) == 1 with input as a
		with data.relcheck.objects as zones(svc, zone("ingester-zone-b", 0, "grafana/loki:3.5.0"), zone("ingester-zone-c", 0, "grafana/loki:3.5.0"))
	count(deny) == 1 with input as a
		with data.relcheck.objects as zones(svc, zone("ingester-zone-b", 1, "memcached:1.6"), zone("ingester-zone-c", 1, "registry:5000/loki"))
	b := zone("ingester-zone-b", 1, "grafana/loki:3.5.0")
	every ports in [[{"name": "tcp", "port": 7946, "targetPort": "http-memberlist"}], [{"name": "http-metrics", "port": 3100}]] {
		count(deny) == 1 with input as a with data.relcheck.objects as zones(ingester_svc(ports), b, b)
	}
}

test_repository if {
	repository("grafana/loki:3.5.0") == "grafana/loki"
	repository("registry:5000/team/app") == "registry:5000/team/app"
	repository("registry:5000/team/app:1.2@sha256:00ff") == "registry:5000/team/app"
	repository("app@sha256:00ff") == "app"
}

# A workload whose pods carry the same labels is this one again, not a
# peer: istio's tcp-echo.yaml and tcp-echo-ipv4.yaml deploy one Deployment
# two ways, kuberay's samples run redis as a Deployment in one file and a
# StatefulSet in the next.
test_copy_with_same_labels_is_no_peer if {
	a := zone("ingester-zone-a", 1, "grafana/loki:3.5.0")
	copy := json.patch(a, [{"op": "replace", "path": "/kind", "value": "Deployment"}])
	objs := {
		"Service": {"logs": {"ingester": ingester_svc([{"name": "http", "port": 3100}])}},
		"StatefulSet": {"logs": {"ingester-zone-a": a}},
		"Deployment": {"logs": {"ingester-zone-a": copy}},
	}
	count(deny) == 1 with input as a with data.relcheck.objects as objs
	count(deny) == 1 with input as copy with data.relcheck.objects as objs
}

cpa(command) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "checkout-autoscaler", "namespace": "shop"},
	"spec": {"template": {"spec": {"containers": [{
		"name": "autoscaler",
		"image": "registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.9.0",
		"command": command,
	}]}}},
}

# Calico's Typha and kube-up's CoreDNS: replicas unset, set at run time by a
# cluster-proportional-autoscaler from the cluster's size.
test_proportional_autoscaler_target_ok if {
	count(deny) == 0 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": cpa(["/cluster-proportional-autoscaler", "--namespace=shop", "--target=Deployment/checkout", "--logtostderr=true"])}}}
	count(deny) == 0 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": object.union(cpa(["/cluster-proportional-autoscaler"]), {"spec": {"template": {"spec": {"containers": [{"name": "autoscaler", "image": "registry.k8s.io/cluster-proportional-autoscaler-amd64:1.7.1", "args": ["--target=replicaset/cart,deployment/checkout"]}]}}}})}}}
}

# The flag and its value as two arguments, as Go's flag package also reads them.
test_proportional_autoscaler_target_two_args_ok if {
	count(deny) == 0 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": cpa(["/cluster-proportional-autoscaler", "--target", "deployment/checkout", "--default-params={\"linear\":{\"min\":2}}"])}}}
}

# An autoscaler of another workload, an unresolved template placeholder, or
# a --target flag of some other image do not scale this one; nor is a
# manifest that pins replicas: 1 (each apply resets the autoscaler's count)
# read as scaled.
test_proportional_autoscaler_of_other_target if {
	count(deny) == 1 with input as deployment({"replicas": 1})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": cpa(["/cluster-proportional-autoscaler", "--target=deployment/checkout"])}}}
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": cpa(["/cluster-proportional-autoscaler", "--target=deployment/cart"])}}}
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": cpa(["/cluster-proportional-autoscaler", "--target={{.Target}}"])}}}
	other := json.patch(cpa(["/proxy", "--target=deployment/checkout"]), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "envoyproxy/envoy:v1.31.0"}])
	count(deny) == 1 with input as deployment({})
		with data.relcheck.objects as {"Deployment": {"shop": {"checkout-autoscaler": other}}}
}
