# METADATA
# title: Replicated workloads have a PodDisruptionBudget
# description: >-
#   Without a PodDisruptionBudget a node drain (cluster upgrade, autoscaler
#   scale-down) may evict every replica of a workload at once.
# custom:
#   id: k8s/pdb-missing
#   severity: medium
#   kinds: [Deployment, StatefulSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Add a PodDisruptionBudget in the same namespace whose selector matches
#     the pod template labels, with maxUnavailable 1 (or a percentage).
#   related: ["kube-score:deployment-has-poddisruptionbudget", "kube-score:statefulset-has-poddisruptionbudget", "polaris:missingPodDisruptionBudget"]
package relcheck.kubernetes.pdb_missing

import data.relcheck.lib.k8s

# k8s.replicas is defined only for the kinds of this rule.
deny contains result if {
	n := k8s.replicas
	n >= 2
	not k8s.is_autoscaled
	count(k8s.pod_labels) > 0
	count(k8s.pdbs) == 0
	result := {
		"msg": sprintf("%s runs up to %d replicas but no PodDisruptionBudget selects its pods", [k8s.resource_name, n]),
		"path": ["metadata", "name"],
	}
}

deny contains result if {
	k8s.is_autoscaled
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	count(k8s.pod_labels) > 0
	count(k8s.pdbs) == 0 # before max_pods, which reads every autoscaler of input
	max_pods >= 2
	result := {
		"msg": sprintf("%s runs up to %d replicas but no PodDisruptionBudget selects its pods", [k8s.resource_name, max_pods]),
		"path": ["metadata", "name"],
	}
}

# The most replicas the workload runs: the autoscalers' maximum, else
# spec.replicas.
max_pods := max({n |
	some [_, s] in k8s.autoscalers
	n := scaler_max(s)
}) if {
	k8s.is_autoscaled
} else := k8s.replicas if not k8s.is_autoscaled

scaler_max(s) := n if {
	s.kind == "HorizontalPodAutoscaler"
	n := k8s.number_or_null(s.spec.maxReplicas)
	n != null
}

scaler_max(s) := n if {
	s.kind == "ScaledObject"
	n := k8s.number_or_null(object.get(s, ["spec", "maxReplicaCount"], 100))
	n != null
}
