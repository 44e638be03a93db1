# METADATA
# title: Containers set a memory limit
# description: >-
#   A container without a memory limit can grow until the node runs out of
#   memory, and the kernel then kills processes of other pods on that node
#   too, not just the one that leaked. Native sidecars (init containers with
#   restartPolicy Always) are checked like containers. A container whose
#   resources an addon-resizer of the same pod sets (--container=<name>) is
#   not reported, nor one running the pause image, whose memory does not grow.
# custom:
#   id: k8s/memory-limit
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Set resources.limits.memory (commonly equal to the memory request) so a
#     leak kills only the leaking container.
#   related: ["kube-score:container-resources", "polaris:memoryLimitsMissing", "kube-linter:unset-memory-requirements"]
package relcheck.kubernetes.memory_limit

import data.relcheck.lib.k8s

deny contains result if {
	some i, c in k8s.pod_spec.containers
	is_object(c)
	object.get(c, ["resources", "limits", "memory"], null) in {null, ""}
	not k8s.resized_by_nanny(c)
	not k8s.pause_container(c) # cannot leak
	result := {
		"msg": sprintf("container %q of %s has no memory limit", [c.name, k8s.resource_name]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "resources", "limits", "memory"]),
	}
}

# A native sidecar (an init container with restartPolicy: Always, Kubernetes
# 1.29+: a proxy, a log shipper, cloud-sql-proxy) runs beside the containers
# for the whole life of the pod and can leak like them. Other init containers
# finish before the pod starts and are not judged.
deny contains result if {
	some i, c in k8s.pod_spec.initContainers
	is_object(c)
	c.restartPolicy == "Always"
	object.get(c, ["resources", "limits", "memory"], null) in {null, ""}
	result := {
		"msg": sprintf("sidecar container %q (an init container with restartPolicy Always) of %s has no memory limit", [c.name, k8s.resource_name]),
		"path": array.concat(k8s.pod_spec_path, ["initContainers", i, "resources", "limits", "memory"]),
	}
}
