# METADATA
# title: Workloads run at least two replicas
# description: >-
#   A single replica is down whenever its node is drained, upgraded or lost
#   and while it restarts. Workloads scaled by a HorizontalPodAutoscaler or a
#   KEDA ScaledObject are left to k8s/hpa-min-replicas; replicas 0 is read as
#   a deliberate scale-down. A workload that shares a client Service with
#   another workload running the same image (the per-zone StatefulSets of
#   Loki's and Mimir's ingesters, a canary beside its stable Deployment) is
#   one part of a replicated set, and is not reported.
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
	not shares_service_with_peer
	unset := object.get(input, ["spec", "replicas"], null) == null
	note := {false: "", true: " (spec.replicas is unset, which means 1)"}[unset]
	result := {
		"msg": sprintf("%s runs a single replica%s", [k8s.resource_name, note]),
		"path": ["spec", "replicas"],
	}
}

# One of several workloads behind one Service: the Service keeps serving
# from the other workload's pods while this one's single pod is down. Loki's
# chart runs ingester-zone-a, -b and -c as StatefulSets of one replica each
# behind the loki-ingester Service; a canary Deployment of one replica sits
# beside the stable one. The peer must run an image of the same repository
# (a Service over a whole chart's components is no replicated set) and at
# least one replica, and the Service must carry client requests: a gossip
# ring's Service or a metrics Service selects every component of a system.
shares_service_with_peer if {
	count(data.relcheck.objects.Service[k8s.namespace]) > 0 # before selectors are matched
	some [_, svc] in k8s.services
	not k8s.monitoring_service(svc)
	not k8s.gossip_only(svc)
	some [kind, name, peer] in k8s.workloads_selected(k8s.namespace, {"matchLabels": svc.spec.selector})
	not same_object(kind, name)
	k8s.min_replicas_of(peer) >= 1
	same_repository(peer)
}

same_object(kind, name) if {
	kind == input.kind
	name == input.metadata.name
}

same_repository(peer) if {
	some c in k8s.pod_spec.containers
	some pc in k8s.pod_spec_of(peer).containers
	repository(c.image) == repository(pc.image)
}

# An image reference without its tag or digest (a registry's port stays).
repository(image) := regex.replace(image, `(@.*|:[^/]*)$`, "") if is_string(image)
