# METADATA
# title: Containers behind a Service drain before stopping
# description: >-
#   When a pod is deleted, kube-proxy, ingress controllers and load balancers
#   learn about it after the container already got SIGTERM. Without a preStop
#   hook that waits a few seconds, requests still routed to the pod fail
#   during every rollout and drain. Checked for containers that declare ports
#   (or the only container) of pods a Service selects.
# custom:
#   id: k8s/prestop-hook
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Add lifecycle.preStop, for example sleep 5-15 seconds (the sleep action
#     on Kubernetes 1.30+, or exec sleep), and keep terminationGracePeriodSeconds
#     longer than that plus the shutdown time.
package relcheck.kubernetes.prestop_hook

import data.relcheck.lib.k8s

deny contains result if {
	input.kind in k8s.long_running_kinds
	count(services) > 0
	some c in k8s.containers
	serving(c.container)
	not c.container.lifecycle.preStop
	result := {
		"msg": sprintf("container %q of %s is behind Service %s and has no preStop hook", [c.container.name, k8s.resource_name, min(services)]),
		"path": array.concat(c.path, ["lifecycle", "preStop"]),
	}
}

services := {n | some [n, _] in k8s.services_selecting(input)}

serving(container) if k8s.non_empty(container.ports)

serving(_) if {
	cs := k8s.pod_spec.containers
	is_array(cs)
	count(cs) == 1
}
