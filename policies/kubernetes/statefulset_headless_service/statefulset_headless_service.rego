# METADATA
# title: StatefulSets are governed by a headless Service
# description: >-
#   A StatefulSet's pods get their stable DNS names (name-0.service) from the
#   headless Service named in spec.serviceName. Without it, or when that
#   Service has a cluster IP, peers cannot address each other by ordinal,
#   which breaks clustered databases and brokers on the first reschedule.
#   A StatefulSet of one pod that leaves serviceName out has no peers and is
#   not reported.
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

# A StatefulSet of one pod (CSI controller plugins and other singletons that
# use a StatefulSet for at-most-one semantics, with no HPA to scale them) has
# no peers to address by ordinal, and its clients use an ordinary Service:
# leaving serviceName out is a choice there. Naming a Service that is missing
# or not headless stays a mistake at any size (the rules below).
deny contains result if {
	input.kind == "StatefulSet"
	not service_name
	not single_pod
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

# Undefined for an autoscaled StatefulSet whose maximum is unknown: reported.
single_pod if k8s.max_replicas == 1

service_name := n if {
	n := input.spec.serviceName
	is_string(n)
	n != ""
}
