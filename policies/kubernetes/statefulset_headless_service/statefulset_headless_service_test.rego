package relcheck.kubernetes.statefulset_headless_service

sts(spec) := {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "zk", "namespace": "infra"}, "spec": object.union({"template": {"metadata": {"labels": {"app": "zk"}}}}, spec)}

svc(cluster_ip) := {"kind": "Service", "metadata": {"name": "zk-hs", "namespace": "infra"}, "spec": {"clusterIP": cluster_ip, "selector": {"app": "zk"}}}

test_headless_ok if {
	count(deny) == 0 with input as sts({"serviceName": "zk-hs"}) with data.relcheck.objects as {"Service": {"infra": {"zk-hs": svc("None")}}}
}

test_no_service_name if {
	res := deny with input as sts({"replicas": 3}) with data.relcheck.objects as {}
	res == {{"msg": "StatefulSet/infra/zk has no spec.serviceName", "path": ["spec", "serviceName"]}}
}

test_not_headless if {
	plain := json.remove(svc(""), ["spec/clusterIP"])
	res := deny with input as sts({"serviceName": "zk-hs"}) with data.relcheck.objects as {"Service": {"infra": {"zk-hs": plain}}}
	res == {{"msg": `StatefulSet/infra/zk is governed by Service "zk-hs", which is not headless: it does not set clusterIP: None`, "path": ["spec", "serviceName"]}}
}

test_service_missing if {
	some r in deny with input as sts({"serviceName": "zk-headless"}) with data.relcheck.objects as {"Service": {"infra": {"zk-hs": svc("None")}}}
	contains(r.msg, "not among the manifests")
}

# A check of part of the manifests (pre-commit on one changed file) has no
# Services of the namespace at all: the Service may well exist elsewhere.
test_partial_run_without_services_is_quiet if {
	count(deny) == 0 with input as sts({"serviceName": "zk-headless"}) with data.relcheck.objects as {"StatefulSet": {"infra": {"zk": sts({"serviceName": "zk-headless"})}}}
}

# Several applications in one run share the namespace: the other Services
# select other pods, so this StatefulSet's own Services are not in the run
# (kubernetes/website's cassandra example beside unrelated examples).
test_other_applications_services_are_quiet if {
	other := {"kind": "Service", "metadata": {"name": "frontend", "namespace": "infra"}, "spec": {"selector": {"app": "frontend"}}}
	count(deny) == 0 with input as sts({"serviceName": "zk-headless"}) with data.relcheck.objects as {"Service": {"infra": {"frontend": other}}}
}

# A CSI controller plugin run as a StatefulSet of one pod for at-most-one
# semantics (Kubernetes' csi-mock driver, csi-driver-host-path): no peers,
# nobody resolves its pod by ordinal.
test_single_pod_without_service_name_ok if {
	count(deny) == 0 with input as sts({"replicas": 1}) with data.relcheck.objects as {}
	count(deny) == 0 with input as sts({}) with data.relcheck.objects as {}
}

# One replica now, but an HPA may scale it out: its pods will have peers.
test_autoscaled_single_replica_reported if {
	hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "zk", "namespace": "infra"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "zk"}, "minReplicas": 1, "maxReplicas": 3}}
	res := deny with input as sts({"replicas": 1}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"infra": {"zk": hpa}}}
	res == {{"msg": "StatefulSet/infra/zk has no spec.serviceName", "path": ["spec", "serviceName"]}}
}

# A single pod that names a Service the run does not hold is still a mistake
# (Loki's compactor named a -headless Service its chart never rendered).
test_single_pod_naming_missing_service_reported if {
	some r in deny with input as sts({"replicas": 1, "serviceName": "zk-headless"}) with data.relcheck.objects as {"Service": {"infra": {"zk-hs": svc("None")}}}
	contains(r.msg, "not among the manifests")
}
