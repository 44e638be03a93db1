# METADATA
# title: Liveness and readiness probes check different things
# description: >-
#   When the liveness probe runs the same check as the readiness probe, any
#   condition that makes a pod unready (overload, a slow dependency) also gets
#   it restarted, which turns a brownout into restarts of every replica.
#   Two tcpSocket probes of the same port are left alone: a TCP connect
#   checks only that the process listens, as a liveness probe should.
# custom:
#   id: k8s/liveness-same-as-readiness
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Point the livenessProbe at a cheap endpoint that checks only that the
#     process is responsive, and keep dependency checks in the readinessProbe.
#   related: ["kube-score:pod-probes-identical"]
package relcheck.kubernetes.liveness_same_as_readiness

import data.relcheck.lib.k8s

deny contains result if {
	some i, c in k8s.pod_spec.containers
	live := c.livenessProbe
	ready := c.readinessProbe
	is_object(live) # a probe that is not an object has no handler
	is_object(ready)
	not differs(live, ready)
	not handlers_differ(live, ready)
	has_handler(live)
	not tcp_only(live)
	result := {
		"msg": sprintf("container %q of %s uses the same check for liveness and readiness (%s)", [c.name, k8s.resource_name, describe(live)]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "livenessProbe"]),
	}
}

# Cheap signs that two probes (objects) have different handlers, tested
# before the handlers are normalized, cheapest first (the first that holds
# ends the call): a different httpGet path or exec command, a handler kind
# only live has.
differs(live, ready) if {
	lh := live.httpGet
	rh := ready.httpGet
	is_object(lh)
	is_object(rh)
	object.get(lh, "path", "/") != object.get(rh, "path", "/")
}

differs(live, ready) if {
	lh := live.exec
	rh := ready.exec
	is_object(lh)
	is_object(rh)
	object.get(lh, "command", []) != object.get(rh, "command", [])
}

differs(live, ready) if {
	some kind in ["httpGet", "tcpSocket", "grpc", "exec"]
	is_object(live[kind])
	not is_object(object.get(ready, kind, null))
}

# true unless handler(live) == handler(ready), given not differs(live, ready):
# a handler kind only ready has, or one whose normalized actions differ.
# Handlers written alike are not normalized.
handlers_differ(live, ready) if {
	some kind in ["httpGet", "tcpSocket", "grpc", "exec"]
	is_object(ready[kind])
	not is_object(object.get(live, kind, null))
}

handlers_differ(live, ready) if {
	some kind in ["httpGet", "tcpSocket", "grpc", "exec"]
	lh := live[kind]
	rh := ready[kind]
	lh != rh
	is_object(lh)
	is_object(rh)
	normalize(kind, lh) != normalize(kind, rh)
}

# The actions a probe performs, keyed by handler, with defaults filled in and
# ports as strings so that 8080 and "8080" compare equal.
handler(p) := {kind: normalize(kind, p[kind]) |
	some kind in ["httpGet", "tcpSocket", "grpc", "exec"]
	is_object(p[kind])
}

normalize("httpGet", h) := {
	"path": object.get(h, "path", "/"),
	"port": sprintf("%v", [object.get(h, "port", "")]),
	"host": object.get(h, "host", ""),
	"scheme": upper(sprintf("%v", [object.get(h, "scheme", "HTTP")])),
	"httpHeaders": object.get(h, "httpHeaders", []),
}

normalize("tcpSocket", h) := {"port": sprintf("%v", [object.get(h, "port", "")])}

normalize("grpc", h) := {"port": sprintf("%v", [object.get(h, "port", "")]), "service": object.get(h, "service", "")}

normalize("exec", h) := {"command": object.get(h, "command", [])}

# Two tcpSocket probes of one port check that the process accepts
# connections, which is all a liveness probe should check: no slow
# dependency or busy handler makes such a readiness probe fail while the
# process is fine, and there is no cheaper liveness check to move to
# (memcached in Loki's and Mimir's charts probes its client port both ways).
tcp_only(p) if {
	is_object(p.tcpSocket)
	not is_object(object.get(p, "httpGet", null))
	not is_object(object.get(p, "grpc", null))
	not is_object(object.get(p, "exec", null))
}

has_handler(p) if {
	some kind in ["httpGet", "tcpSocket", "grpc", "exec"]
	is_object(p[kind])
}

# The check probe p performs, read from p itself with the defaults of
# normalize (only a finding needs it).
describe(p) := sprintf("httpGet %v on port %s", [object.get(p.httpGet, "path", "/"), port_string(p.httpGet)]) if {
	is_object(p.httpGet)
} else := sprintf("grpc on port %s", [port_string(p.grpc)]) if {
	is_object(p.grpc)
} else := sprintf("tcpSocket on port %s", [port_string(p.tcpSocket)]) if {
	is_object(p.tcpSocket)
} else := sprintf("exec %s", [concat(" ", [sprintf("%v", [a]) | some a in command])]) if {
	is_object(p.exec)
	command := object.get(p.exec, "command", [])
	is_array(command)
} else := "the same handler"

port_string(h) := sprintf("%v", [object.get(h, "port", "")])
