# METADATA
# title: Workloads run at least two replicas
# description: >-
#   A single replica is down whenever its node is drained, upgraded or lost
#   and while it restarts. Workloads scaled by a HorizontalPodAutoscaler or a
#   KEDA ScaledObject are left to k8s/hpa-min-replicas, and so are those a
#   cluster-proportional-autoscaler of their namespace targets (CoreDNS,
#   Calico's Typha); replicas 0 is read as a deliberate scale-down. A workload that shares a client Service with
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
	not k8s.proportionally_scaled
	not shares_service_with_peer
	unset := object.get(input, ["spec", "replicas"], null) == null
	note := {false: "", true: " (spec.replicas is unset, which means 1)"}[unset]
	result := {
		"msg": sprintf("%s runs a single replica%s", [k8s.resource_name, note]),
		"path": ["spec", "replicas"],
	}
}

# One of several workloads behind its Services: each Service keeps serving
# from another workload's pods while this one's single pod is down. Loki's
# chart runs ingester-zone-a, -b and -c as StatefulSets of one replica each
# behind the loki-ingester Service; a canary Deployment of one replica sits
# beside the stable one. Every client Service of the workload needs such a
# peer (a canary with a Service of its own is cut off from it), except a
# StatefulSet's governing Service, which names pods one by one. A peer runs
# an image of the same repository (a Service over a whole chart's
# components is no replicated set), at least one replica, and pod labels of
# its own: a workload whose pods carry exactly these labels is this one
# again (the same Deployment in two alternative example files, or redis as
# a Deployment in one sample and a StatefulSet in the next) or a
# controller fighting this one over its pods, never a second set. A gossip
# ring's or a metrics Service carries no client requests and selects every
# component of a system: neither counts.
shares_service_with_peer if {
	count(data.relcheck.objects.Service[k8s.namespace]) > 0 # before selectors are matched
	clients := {svc |
		some [n, svc] in k8s.services
		n != governing_service
		not k8s.monitoring_service(svc)
		not k8s.gossip_only(svc)
	}
	count(clients) > 0
	every svc in clients {
		has_peer(svc)
	}
}

governing_service := object.get(input, ["spec", "serviceName"], "") if input.kind == "StatefulSet"

else := ""

has_peer(svc) if {
	some [_, _, peer] in k8s.workloads_selected(k8s.namespace, {"matchLabels": svc.spec.selector})
	k8s.pod_labels_of(peer) != k8s.pod_labels
	k8s.min_replicas_of(peer) >= 1
	same_repository(peer)
}

same_repository(peer) if {
	some c in k8s.pod_spec.containers
	some pc in k8s.pod_spec_of(peer).containers
	repository(c.image) == repository(pc.image)
}

# An image reference without its tag or digest (a registry's port stays).
repository(image) := regex.replace(image, `(@.*|:[^/]*)$`, "") if is_string(image)
