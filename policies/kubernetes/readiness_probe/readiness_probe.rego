# METADATA
# title: Containers declare a readiness probe
# description: >-
#   Without a readiness probe a pod counts as ready as soon as its containers
#   start: a Service sends it traffic before the application can serve, keeps
#   sending while it cannot, and a rolling update moves on to the next pod
#   even when the new version never comes up. A container running the pause
#   image (which only waits for a signal) is not reported.
# custom:
#   id: k8s/readiness-probe
#   severity: high
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController]
#   remediation: >-
#     Add a readinessProbe (httpGet, tcpSocket, grpc or exec) to the container
#     that succeeds only while it can serve requests.
#   related: ["kube-score:pod-probes", "polaris:readinessProbeMissing", "kube-linter:no-readiness-probe"]
package relcheck.kubernetes.readiness_probe

import data.relcheck.lib.k8s

deny contains result if {
	some i, c in k8s.pod_spec.containers
	not k8s.has(c, "readinessProbe") # null is left out too
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}
	not k8s.injected_placeholder(c) # Istio's injector adds the probes
	not k8s.pause_container(c) # serves nothing to probe
	result := {
		"msg": sprintf("container %q of %s has no readinessProbe", [c.name, k8s.resource_name]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i]),
	}
}
