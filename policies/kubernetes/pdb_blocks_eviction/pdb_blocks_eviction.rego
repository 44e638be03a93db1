# METADATA
# title: PodDisruptionBudgets allow at least one eviction
# description: >-
#   A PodDisruptionBudget with maxUnavailable 0, minAvailable 100%, or a
#   minAvailable as large as the replicas it covers never allows a voluntary
#   eviction: node drains hang, cluster upgrades stall, and the cluster
#   autoscaler cannot remove the node.
# custom:
#   id: k8s/pdb-blocks-eviction
#   severity: high
#   kinds: [PodDisruptionBudget]
#   remediation: >-
#     Use maxUnavailable 1 (or a percentage that rounds to at least one pod),
#     or a minAvailable below the workload's replica count.
#   related: ["kube-linter:pdb-max-unavailable", "kube-linter:pdb-min-available"]
package relcheck.kubernetes.pdb_blocks_eviction

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "PodDisruptionBudget"
	zero(input.spec.maxUnavailable)
	result := {
		"msg": sprintf("%s has maxUnavailable %v, so no pod it covers can ever be evicted", [k8s.resource_name, input.spec.maxUnavailable]),
		"path": ["spec", "maxUnavailable"],
	}
}

deny contains result if {
	input.kind == "PodDisruptionBudget"
	full_percent(input.spec.minAvailable)
	result := {
		"msg": sprintf("%s has minAvailable %v, so no pod it covers can ever be evicted", [k8s.resource_name, input.spec.minAvailable]),
		"path": ["spec", "minAvailable"],
	}
}

deny contains result if {
	input.kind == "PodDisruptionBudget"
	min_available := k8s.number_or_null(input.spec.minAvailable)
	min_available != null
	some [kind, wname, w] in k8s.workloads_selected(k8s.namespace, input.spec.selector)
	replicas := k8s.min_replicas_of(w)
	replicas > 0
	min_available >= replicas
	result := {
		"msg": sprintf(
			"%s requires minAvailable %d but %s/%s runs %d replicas, so none can be evicted",
			[k8s.resource_name, min_available, kind, wname, replicas],
		),
		"path": ["spec", "minAvailable"],
	}
}

# A percentage minAvailable is rounded up by the eviction API, so 67% of 3
# replicas needs all 3 available and blocks every eviction.
deny contains result if {
	input.kind == "PodDisruptionBudget"
	pct := k8s.percent(input.spec.minAvailable)
	pct < 100
	some [kind, wname, w] in k8s.workloads_selected(k8s.namespace, input.spec.selector)
	replicas := k8s.min_replicas_of(w)
	replicas > 0
	ceil((replicas * pct) / 100) >= replicas
	result := {
		"msg": sprintf(
			"%s requires minAvailable %v, which rounds up to all %d replicas of %s/%s, so none can be evicted",
			[k8s.resource_name, input.spec.minAvailable, replicas, kind, wname],
		),
		"path": ["spec", "minAvailable"],
	}
}

zero(v) if v == 0

zero(v) if v in {"0", "0%"}

full_percent(v) if k8s.percent(v) >= 100
