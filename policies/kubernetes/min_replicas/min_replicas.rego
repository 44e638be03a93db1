# METADATA
# title: Workloads run at least two replicas
# description: >-
#   A single replica is down whenever its node is drained, upgraded or lost
#   and while it restarts. Workloads scaled by a HorizontalPodAutoscaler or a
#   KEDA ScaledObject are left to k8s/hpa-min-replicas; replicas 0 is read as
#   a deliberate scale-down.
# custom:
#   id: k8s/min-replicas
#   severity: high
#   kinds: [Deployment, StatefulSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Set spec.replicas to 2 or more (with a PodDisruptionBudget and pod
#     spreading), or scale the workload with an HPA whose minReplicas is 2 or
#     more.
#   related: ["kube-score:deployment-replicas", "polaris:deploymentMissingReplicas", "kube-linter:minimum-three-replicas"]
package relcheck.kubernetes.min_replicas

import data.relcheck.lib.k8s

# k8s.replicas is defined only for the kinds of this rule.
deny contains result if {
	k8s.replicas == 1
	not k8s.is_autoscaled
	unset := object.get(input, ["spec", "replicas"], null) == null
	note := {false: "", true: " (spec.replicas is unset, which means 1)"}[unset]
	result := {
		"msg": sprintf("%s runs a single replica%s", [k8s.resource_name, note]),
		"path": ["spec", "replicas"],
	}
}
