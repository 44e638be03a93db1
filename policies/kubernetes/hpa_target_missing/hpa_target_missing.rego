# METADATA
# title: HorizontalPodAutoscalers target an existing workload
# description: >-
#   An HPA whose scaleTargetRef names no workload in its namespace scales
#   nothing: a typo or a rename leaves the real workload at its static
#   replica count under load.
# custom:
#   id: k8s/hpa-target-missing
#   severity: medium
#   kinds: [HorizontalPodAutoscaler]
#   remediation: >-
#     Point spec.scaleTargetRef (kind and name) at the workload in the same
#     namespace, or delete the HPA.
#   related: ["kube-score:horizontalpodautoscaler-has-target", "kube-linter:dangling-horizontalpodautoscaler"]
package relcheck.kubernetes.hpa_target_missing

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "HorizontalPodAutoscaler"
	ref := input.spec.scaleTargetRef
	is_string(ref.kind)
	is_string(ref.name)
	not data.relcheck.objects[ref.kind][k8s.namespace][ref.name]
	result := {
		"msg": sprintf("%s targets %s %q, which is not among the manifests in namespace %q", [k8s.resource_name, ref.kind, ref.name, k8s.namespace]),
		"path": ["spec", "scaleTargetRef", "name"],
	}
}
