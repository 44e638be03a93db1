# METADATA
# title: HorizontalPodAutoscalers target an existing workload
# description: >-
#   An HPA (or a KEDA ScaledObject, which creates one) whose scaleTargetRef
#   names no workload in its namespace scales nothing: a typo or a rename
#   leaves the real workload at its static replica count under load.
# custom:
#   id: k8s/hpa-target-missing
#   severity: medium
#   kinds: [HorizontalPodAutoscaler, ScaledObject]
#   remediation: >-
#     Point spec.scaleTargetRef (kind and name) at the workload in the same
#     namespace, or delete the HPA or ScaledObject.
#   related: ["kube-score:horizontalpodautoscaler-has-target", "kube-linter:dangling-horizontalpodautoscaler"]
package relcheck.kubernetes.hpa_target_missing

import data.relcheck.lib.k8s

deny contains result if {
	input.kind in {"HorizontalPodAutoscaler", "ScaledObject"}
	ref := input.spec.scaleTargetRef
	kind := target_kind(ref)
	is_string(kind)
	is_string(ref.name)
	not data.relcheck.objects[kind][k8s.namespace][ref.name]
	result := {
		"msg": sprintf("%s targets %s %q, which is not among the manifests in namespace %q", [k8s.resource_name, kind, ref.name, k8s.namespace]),
		"path": ["spec", "scaleTargetRef", "name"],
	}
}

# An HPA's scaleTargetRef.kind is required; a ScaledObject's defaults to
# Deployment (k8s.scale_target_kind).
target_kind(ref) := ref.kind if input.kind == "HorizontalPodAutoscaler"

target_kind(_) := k8s.scale_target_kind(input) if input.kind == "ScaledObject"
