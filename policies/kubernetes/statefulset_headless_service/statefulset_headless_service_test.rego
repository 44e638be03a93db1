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
