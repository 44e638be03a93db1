# METADATA
# title: Containers declare a liveness probe
# description: >-
#   Without a liveness probe a container that deadlocks or stops making
#   progress while its process stays up is never restarted. A container
#   running the pause image (which only waits for a signal) is not reported.
# custom:
#   id: k8s/liveness-probe
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Add a livenessProbe that checks only the process itself (not its
#     dependencies), with a failureThreshold that tolerates short stalls.
#   related: ["kube-score:pod-probes", "polaris:livenessProbeMissing", "kube-linter:no-liveness-probe"]
package relcheck.kubernetes.liveness_probe

import data.relcheck.lib.k8s

deny contains result if {
	some i, c in k8s.pod_spec.containers
	not k8s.has(c, "livenessProbe") # null is left out too
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}
	not k8s.injected_placeholder(c) # Istio's injector adds the probes
	not k8s.pause_container(c) # serves nothing to probe
	result := {
		"msg": sprintf("container %q of %s has no livenessProbe", [c.name, k8s.resource_name]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i]),
	}
}
