# METADATA
# title: Autoscaled workloads leave spec.replicas unset
# description: >-
#   When an HPA scales a workload that also sets spec.replicas, every apply
#   of the manifest resets the replica count to that value: a deploy during a
#   traffic peak scales the workload down until the HPA catches up.
# custom:
#   id: k8s/hpa-replicas-conflict
#   severity: medium
#   kinds: [Deployment, StatefulSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Remove spec.replicas from the manifest and let the HPA's minReplicas
#     and maxReplicas decide.
#   related: ["kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured"]
package relcheck.kubernetes.hpa_replicas_conflict

import data.relcheck.lib.k8s

deny contains result if {
	k8s.is_autoscaled
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	input.spec.replicas != null
	some [scaler_name, scaler] in k8s.autoscalers
	result := {
		"msg": sprintf("%s sets spec.replicas %v but %s %q scales it; each apply resets the replica count", [k8s.resource_name, input.spec.replicas, scaler.kind, scaler_name]),
		"path": ["spec", "replicas"],
	}
}
