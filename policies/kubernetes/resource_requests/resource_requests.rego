# METADATA
# title: Containers request CPU and memory
# description: >-
#   Without requests the scheduler places a pod as if it used nothing: nodes
#   get overcommitted, the pod is the first evicted under memory pressure
#   (BestEffort), and CPU-starved containers miss their probes. A limit set
#   without a request counts as the request, as Kubernetes defaults it so.
#   Native sidecars (init containers with restartPolicy Always) are checked
#   like containers. A container whose resources an addon-resizer of the same
#   pod sets (--container=<name>) is not reported.
# custom:
#   id: k8s/resource-requests
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Set resources.requests.cpu and resources.requests.memory to what the
#     container uses under normal load.
#   related: ["kube-score:container-resources", "polaris:cpuRequestsMissing", "polaris:memoryRequestsMissing", "kube-linter:unset-cpu-requirements", "kube-linter:unset-memory-requirements"]
package relcheck.kubernetes.resource_requests

import data.relcheck.lib.k8s

# A quick test first: the request is missing and no limit stands in for it.
# One body per first missing resource, so that a container missing both is
# judged once.
deny contains result if {
	some i, c in k8s.pod_spec.containers
	object.get(c, ["resources", "requests", "cpu"], null) in {null, ""}
	object.get(c, ["resources", "limits", "cpu"], null) in {null, ""}
	not k8s.resized_by_nanny(c)
	missing := [r | some r in ["cpu", "memory"]; not requested(c, r)]
	result := {
		"msg": sprintf("container %q of %s has no %s request", [c.name, k8s.resource_name, concat(" or ", missing)]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "resources", "requests"]),
	}
}

deny contains result if {
	some i, c in k8s.pod_spec.containers
	object.get(c, ["resources", "requests", "memory"], null) in {null, ""}
	object.get(c, ["resources", "limits", "memory"], null) in {null, ""}
	requested(c, "cpu")
	not k8s.resized_by_nanny(c)
	result := {
		"msg": sprintf("container %q of %s has no memory request", [c.name, k8s.resource_name]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "resources", "requests"]),
	}
}

# A native sidecar (an init container with restartPolicy: Always) runs for
# the whole life of the pod, and the scheduler adds its requests to the
# containers'.
deny contains result if {
	some i, c in k8s.pod_spec.initContainers
	is_object(c)
	c.restartPolicy == "Always"
	missing := [r | some r in ["cpu", "memory"]; not requested(c, r)]
	count(missing) > 0
	result := {
		"msg": sprintf("sidecar container %q (an init container with restartPolicy Always) of %s has no %s request", [c.name, k8s.resource_name, concat(" or ", missing)]),
		"path": array.concat(k8s.pod_spec_path, ["initContainers", i, "resources", "requests"]),
	}
}

requested(container, r) if has_quantity(object.get(container, ["resources", "requests", r], null))

requested(container, r) if has_quantity(object.get(container, ["resources", "limits", r], null))

has_quantity(q) if {
	q != null
	q != ""
}
