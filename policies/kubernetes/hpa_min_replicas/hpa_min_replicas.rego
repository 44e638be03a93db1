# METADATA
# title: HorizontalPodAutoscalers keep at least two replicas
# description: >-
#   An HPA with minReplicas 1 (the default) scales the workload down to a
#   single pod at quiet times, which is then a single point of failure. A
#   KEDA ScaledObject with minReplicaCount 1 does the same through the HPA it
#   creates (its default, 0, scales to zero on purpose and is not reported).
# custom:
#   id: k8s/hpa-min-replicas
#   severity: medium
#   kinds: [HorizontalPodAutoscaler, ScaledObject]
#   remediation: Set spec.minReplicas (a ScaledObject's spec.minReplicaCount) to 2 or more.
#   related: ["polaris:hpaMinAvailability", "kube-linter:hpa-minimum-three-replicas"]
package relcheck.kubernetes.hpa_min_replicas

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "HorizontalPodAutoscaler"
	k8s.autoscaler_min(input) == 1
	result := {
		"msg": sprintf("%s can scale %s down to 1 replica", [k8s.resource_name, object.get(input, ["spec", "scaleTargetRef", "name"], "its target")]),
		"path": ["spec", "minReplicas"],
	}
}

deny contains result if {
	input.kind == "ScaledObject"
	k8s.autoscaler_min(input) == 1
	result := {
		"msg": sprintf("%s can scale %s down to 1 replica", [k8s.resource_name, object.get(input, ["spec", "scaleTargetRef", "name"], "its target")]),
		"path": ["spec", "minReplicaCount"],
	}
}
