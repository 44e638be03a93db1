# METADATA
# title: Rollouts keep a Service-backed Deployment serving
# description: >-
#   strategy Recreate, or a rollingUpdate maxUnavailable of 100% (or of at
#   least the replica count), stops every pod before new ones are ready, so
#   each deploy is an outage for the Service in front of it. Deployments that
#   mount a PersistentVolumeClaim are left alone: a ReadWriteOnce volume
#   cannot attach to two pods, which is what Recreate is for. A Service that
#   only monitoring uses (a controller's metrics Service) or only a gossip
#   ring (memberlist, Serf) does not count.
# custom:
#   id: k8s/rolling-update-unavailable
#   severity: medium
#   kinds: [Deployment]
#   remediation: >-
#     Use the RollingUpdate strategy with maxUnavailable below the replica
#     count (0 with maxSurge 1 for small Deployments).
#   related: ["kube-score:deployment-strategy", "kube-linter:no-rolling-update-strategy"]
package relcheck.kubernetes.rolling_update_unavailable

import data.relcheck.lib.k8s

deny contains result if {
	input.spec.strategy.type == "Recreate"
	backed_by_service
	not mounts_claim
	result := {
		"msg": sprintf("%s is behind Service %s and uses the Recreate strategy: every rollout stops all pods first", [k8s.resource_name, service_name]),
		"path": ["spec", "strategy", "type"],
	}
}

deny contains result if {
	mu := input.spec.strategy.rollingUpdate.maxUnavailable
	object.get(input, ["spec", "strategy", "type"], "RollingUpdate") == "RollingUpdate"
	backed_by_service
	all_unavailable(mu)
	result := {
		"msg": sprintf("%s is behind Service %s and allows maxUnavailable %v during rollouts: all pods may be down at once", [k8s.resource_name, service_name, mu]),
		"path": ["spec", "strategy", "rollingUpdate", "maxUnavailable"],
	}
}

# A Service only Prometheus scrapes (argocd-notifications-controller-metrics
# in front of a controller that runs one replica on purpose) serves no
# client: a rollout that stops its pods loses a scrape. Nor does a gossip
# ring's Service (Loki's loki-memberlist selects every component), whose
# members notice a peer leaving themselves.
backed_by_service if {
	input.kind == "Deployment"
	count(k8s.services) > 0
	count(client_services) > 0
}

client_services := {n |
	some [n, svc] in k8s.services
	not k8s.monitoring_service(svc)
	not k8s.gossip_only(svc)
}

service_name := min(client_services)

mounts_claim if {
	some v in k8s.pod_spec.volumes
	v.persistentVolumeClaim
}

all_unavailable(mu) if k8s.percent(mu) >= 100

all_unavailable(mu) if {
	n := k8s.number_or_null(mu)
	n != null
	n >= k8s.min_replicas
}
