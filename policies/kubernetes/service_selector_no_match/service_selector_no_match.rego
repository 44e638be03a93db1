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

selects_something(selector) if {
	some by_namespace in k8s.objects
	some w in by_namespace[k8s.namespace]
	k8s.map_selector_matches(selector, k8s.pod_labels_of(w))
}

describe(selector) := concat(",", sort([sprintf("%s=%v", [k, v]) | some k, v in selector]))
