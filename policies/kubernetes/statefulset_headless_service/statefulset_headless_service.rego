# METADATA
# title: StatefulSets are governed by a headless Service
# description: >-
#   A StatefulSet's pods get their stable DNS names (name-0.service) from the
#   headless Service named in spec.serviceName. Without it, or when that
#   Service has a cluster IP, peers cannot address each other by ordinal,
#   which breaks clustered databases and brokers on the first reschedule.
# custom:
#   id: k8s/statefulset-headless-service
#   severity: medium
#   kinds: [StatefulSet]
#   remediation: >-
#     Set spec.serviceName to a Service in the same namespace with clusterIP
#     None whose selector matches the StatefulSet's pods.
#   related: ["kube-score:statefulset-has-servicename"]
package relcheck.kubernetes.statefulset_headless_service

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "StatefulSet"
	not service_name
	result := {
		"msg": sprintf("%s has no spec.serviceName", [k8s.resource_name]),
		"path": ["spec", "serviceName"],
	}
}

deny contains result if {
	input.kind == "StatefulSet"
	svc := data.relcheck.objects.Service[k8s.namespace][service_name]
	object.get(svc, ["spec", "clusterIP"], "") != "None"
	result := {
		"msg": sprintf("%s is governed by Service %q, which is not headless: it does not set clusterIP: None", [k8s.resource_name, service_name]),
		"path": ["spec", "serviceName"],
	}
}

# Only when the run holds another Service in front of these pods: then the
# application's Services are among the manifests and the governing one is
# really missing. A check of a subset of the manifests (pre-commit on changed
# files, one directory of a larger tree, several applications sharing a
# namespace) must not report a Service it was not shown.
deny contains result if {
	input.kind == "StatefulSet"
	service_name
	count(k8s.services) > 0
	not data.relcheck.objects.Service[k8s.namespace][service_name]
	result := {
		"msg": sprintf("%s names Service %q, which is not among the manifests in namespace %q", [k8s.resource_name, service_name, k8s.namespace]),
		"path": ["spec", "serviceName"],
	}
}

service_name := n if {
	n := input.spec.serviceName
	is_string(n)
	n != ""
}
