# METADATA
# title: Service selectors match some pods
# description: >-
#   A Service whose selector matches no pod template in its namespace has no
#   endpoints: every request to it fails. It usually means a label was
#   renamed on one side only. Pod templates of any kind count (Deployment,
#   StatefulSet, Pod, and custom workloads such as an Argo Rollout that keep
#   theirs in spec.template).
# custom:
#   id: k8s/service-selector-no-match
#   severity: medium
#   kinds: [Service]
#   remediation: >-
#     Make spec.selector a subset of the pod template labels of the workload
#     the Service fronts (same namespace).
#   related: ["kube-score:service-targets-pod", "kube-linter:dangling-service"]
package relcheck.kubernetes.service_selector_no_match

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "Service"
	object.get(input, ["spec", "type"], "ClusterIP") != "ExternalName"
	selector := input.spec.selector
	is_object(selector)
	count(selector) > 0
	not selects_something(selector)
	result := {
		"msg": sprintf("%s selects %s, which matches no pod template in namespace %q", [k8s.resource_name, describe(selector), k8s.namespace]),
		"path": ["spec", "selector"],
	}
}

# Pod templates of the kinds known to have one are looked up by kind and
# namespace. Only when none matches are the other kinds of the run read (a
# custom resource with a pod template in spec.template, such as a Knative
# Service): a Service that is fine never reads the whole index.
selects_something(selector) if selects_known_kind(selector)

selects_something(selector) if {
	not selects_known_kind(selector)
	some kind, by_namespace in data.relcheck.objects
	not kind in pod_template_kinds
	some w in by_namespace[k8s.namespace]
	k8s.map_selector_matches(selector, k8s.pod_labels_of(w))
}

# The labels are read where each kind keeps them (k8s.pod_labels_of, without
# a function call per workload: a Service is checked against every workload
# of its namespace). Labels that are not an object match no selector.
selects_known_kind(selector) if {
	some kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "Rollout", "DeploymentConfig", "CloneSet"]
	some w in data.relcheck.objects[kind][k8s.namespace]
	labels := w.spec.template.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

selects_known_kind(selector) if {
	some w in data.relcheck.objects.CronJob[k8s.namespace]
	labels := w.spec.jobTemplate.spec.template.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

selects_known_kind(selector) if {
	some w in data.relcheck.objects.Pod[k8s.namespace]
	labels := w.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

# The workload kinds, and custom workloads that keep a pod template in
# spec.template (Argo Rollout, OpenShift DeploymentConfig, OpenKruise
# CloneSet).
pod_template_kinds := k8s.workload_kinds | {"Rollout", "DeploymentConfig", "CloneSet"}

describe(selector) := concat(",", sort([sprintf("%s=%v", [k, v]) | some k, v in selector]))
