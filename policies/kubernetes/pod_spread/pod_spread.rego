# METADATA
# title: Replicas are spread across nodes or zones
# description: >-
#   Replicas without pod anti-affinity or topologySpreadConstraints that
#   select their own pods may be scheduled onto the same node or zone, where a
#   single node or zone failure takes them all down; the scheduler's built-in
#   spreading is only a soft preference. An autoscaled workload is judged at
#   its autoscalers' maximum.
# custom:
#   id: k8s/pod-spread
#   severity: medium
#   kinds: [Deployment, StatefulSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Add topologySpreadConstraints on kubernetes.io/hostname and
#     topology.kubernetes.io/zone (or a podAntiAffinity on the pod labels) to
#     the pod template.
#   related: ["kube-score:deployment-has-host-podantiaffinity", "kube-score:statefulset-has-host-podantiaffinity", "polaris:topologySpreadConstraint", "kube-linter:no-anti-affinity"]
package relcheck.kubernetes.pod_spread

import data.relcheck.lib.k8s

# k8s.replicas is defined only for the kinds of this rule.
deny contains result if {
	n := k8s.replicas
	n >= 2
	not k8s.is_autoscaled
	not spread
	result := {
		"msg": sprintf("%s runs %d replicas %s", [k8s.resource_name, n, what]),
		"path": array.concat(k8s.pod_spec_path, ["affinity"]),
	}
}

# An autoscaled workload is judged at its autoscalers' maximum, as
# pdb-missing judges it: an HPA of 1 to 5 replicas (Istio's istiod and
# gateway charts) runs several pods exactly when load is high, and nothing
# keeps them off one node.
deny contains result if {
	k8s.is_autoscaled
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	n := k8s.max_replicas
	n >= 2
	not spread
	result := {
		"msg": sprintf("%s runs up to %d replicas (autoscaled) %s", [k8s.resource_name, n, what]),
		"path": array.concat(k8s.pod_spec_path, ["affinity"]),
	}
}

# A constraint or anti-affinity term spreads the replicas only when its
# selector picks out the workload's own pods: an anti-affinity on app=zk for
# pods labelled app.kubernetes.io/name=zk keeps them apart from nothing
# (kubernetes/website's zookeeper example).
spread if {
	some c in k8s.pod_spec.topologySpreadConstraints
	own_pods(c.labelSelector)
}

spread if {
	some term in k8s.pod_spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution
	own_pods(term.labelSelector)
}

spread if {
	some term in k8s.pod_spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution
	own_pods(term.podAffinityTerm.labelSelector)
}

own_pods(selector) if k8s.selector_matches(selector, k8s.pod_labels)

# The end of the message: spreading is written (a non-empty array or object:
# some _ in x holds for nothing else), but none of it selects the workload's
# own pods; or there is none. (One rule, and no function call: the message
# is built for every finding.)
what := "but its pod anti-affinity and topologySpreadConstraints select none of its own pods" if {
	spec := k8s.pod_spec
	some path in [
		["topologySpreadConstraints"],
		["affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"],
		["affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"],
	]
	some _ in object.get(spec, path, null)
}

else := "with neither pod anti-affinity nor topologySpreadConstraints"

# Pods that claim a hostPort can never share a node: the scheduler already
# spreads them across nodes (minio's distributed StatefulSet does this).
spread if {
	some c in k8s.pod_spec.containers
	some p in c.ports
	is_number(p.hostPort)
	p.hostPort > 0
}
