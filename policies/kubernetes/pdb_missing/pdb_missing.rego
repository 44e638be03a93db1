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
	count(k8s.pdbs) == 0 # before max_replicas, which reads every autoscaler of input
	n := k8s.max_replicas
	n >= 2
	result := {
		"msg": sprintf("%s runs up to %d replicas but no PodDisruptionBudget selects its pods", [k8s.resource_name, n]),
		"path": ["metadata", "name"],
	}
}
