# METADATA
# title: Probes use a port the container declares
# description: >-
#   A probe on a named port that the container does not declare can never
#   succeed, and one on a number that another container of the pod declares
#   checks that container, not this one (unless this container declares no
#   port and the probe is HTTP or gRPC: the other container is then its
#   health proxy, as MetalLB's frr-metrics is for FRR). Other numbered ports are not judged:
#   declaring containerPorts is optional, and a health port left out of them
#   (ingress-nginx's 10254, the 8081 of every controller-runtime operator) is
#   probed all the same. exec probes have no port.
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

# A numbered port that this container does not declare and another container
# of the pod does: the probe checks the sidecar (all containers share the
# pod's network), so this container is restarted or held unready for the
# sidecar's health.
deny contains result if {
	cs := k8s.pod_spec.containers

	# First: most pods have one container, and nothing to mix up. (cs[1]
	# is defined for an array of two or more only.)
	_ = cs[1]
	some i, c in cs
	some probe in ["livenessProbe", "readinessProbe", "startupProbe"]
	p := c[probe]
	some handler in ["httpGet", "tcpSocket", "grpc"]
	n := k8s.number_or_null(p[handler].port)
	n != null
	not declares_number(c, n)
	not health_proxy(c, handler)
	owners := {o.name |
		some j, o in k8s.pod_spec.containers
		j != i
		declares_number(o, n)
	}
	count(owners) > 0
	result := {
		"msg": sprintf("%s of container %q in %s uses port %v, which container %q declares, not %q", [probe, c.name, k8s.resource_name, n, min(owners), c.name]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, probe, handler, "port"]),
	}
}

# A container that declares no port of its own, probed over HTTP or gRPC on
# a sibling's port: the sibling is its health proxy, an endpoint that
# answers for it (MetalLB's frr-metrics serves /livez by asking the FRR
# daemons over vtysh; the CSI livenessprobe sidecar calls the driver's Probe
# over its socket). A TCP connect to a sibling's port only says the sibling
# listens, and a container that serves ports of its own could be probed on
# them: both are still reported.
health_proxy(container, handler) if {
	handler in {"httpGet", "grpc"}
	not k8s.non_empty(object.get(container, "ports", []))
}

port_handlers := ["httpGet", "tcpSocket", "grpc"]

# A named port the container declares.
declared(container, port) if {
	is_string(port)
	some p in container.ports
	p.name == port
	not regex.match(`^\s*[0-9]+\s*$`, port) # k8s.numeric_string(port), port being a string
}

# Numbers are judged by the second deny rule only.
declared(_, port) if is_number(port)

declared(_, port) if {
	is_string(port)
	regex.match(`^\s*[0-9]+\s*$`, port)
}

# A value that is neither a number nor a name (a template) is not judged.
declared(_, port) if {
	not is_number(port)
	not is_string(port)
}

declares_number(container, n) if {
	some p in container.ports
	k8s.number_or_null(p.containerPort) == n
}
