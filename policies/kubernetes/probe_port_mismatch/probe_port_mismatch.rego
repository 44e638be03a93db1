# METADATA
# title: Probes use a port the container declares
# description: >-
#   A probe on a named port that the container does not declare can never
#   succeed, and one on a number that matches none of the declared
#   containerPorts usually points at the wrong port after a change. Numbered
#   ports are checked only when the container declares ports at all; exec
#   probes have no port.
# custom:
#   id: k8s/probe-port-mismatch
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Use one of the container's ports (by name or containerPort) in the
#     probe, or declare the port the probe checks.
#   related: ["kube-linter:liveness-port", "kube-linter:readiness-port", "kube-linter:startup-port"]
package relcheck.kubernetes.probe_port_mismatch

import data.relcheck.lib.k8s

deny contains result if {
	some c in k8s.containers
	some probe in k8s.probe_kinds
	some handler in ["httpGet", "tcpSocket", "grpc"]
	port := c.container[probe][handler].port
	not declared(c.container, port)
	result := {
		"msg": sprintf("%s of container %q in %s uses port %v, which the container does not declare", [probe, c.container.name, k8s.resource_name, port]),
		"path": array.concat(c.path, [probe, handler, "port"]),
	}
}

declared(container, port) if {
	n := k8s.number_or_null(port)
	n != null
	not has_ports(container)
}

declared(container, port) if {
	n := k8s.number_or_null(port)
	n != null
	some p in container.ports
	k8s.number_or_null(p.containerPort) == n
}

declared(container, port) if {
	is_string(port)
	k8s.number_or_null(port) == null
	some p in container.ports
	p.name == port
}

# A value that is neither a number nor a name (a template) is not judged.
declared(_, port) if {
	not is_number(port)
	not is_string(port)
}

has_ports(container) if k8s.non_empty(container.ports)
