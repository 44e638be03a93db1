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
	some i, c in k8s.pod_spec.containers
	some probe in ["livenessProbe", "readinessProbe", "startupProbe"]
	p := c[probe]
	some handler in ["httpGet", "tcpSocket", "grpc"]
	port := p[handler].port
	not declared(c, port)
	result := {
		"msg": sprintf("%s of container %q in %s uses port %v, which the container does not declare", [probe, c.name, k8s.resource_name, port]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, probe, handler, "port"]),
	}
}

port_handlers := ["httpGet", "tcpSocket", "grpc"]

# A named port the container declares.
declared(container, port) if {
	is_string(port)
	some p in container.ports
	p.name == port
	not regex.match(`^\s*[0-9]+\s*$`, port) # k8s.numeric_string(port), port being a string
}

declared(container, port) if {
	is_number(port)
	declared_number(container, port)
}

declared(container, port) if {
	is_string(port)
	regex.match(`^\s*[0-9]+\s*$`, port)
	declared_number(container, to_number(trim_space(port)))
}

# A value that is neither a number nor a name (a template) is not judged.
declared(_, port) if {
	not is_number(port)
	not is_string(port)
}

declared_number(container, _) if not has_ports(container)

declared_number(container, n) if {
	some p in container.ports
	k8s.number_or_null(p.containerPort) == n
}

has_ports(container) if k8s.non_empty(container.ports)
