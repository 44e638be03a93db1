# METADATA
# title: Liveness and readiness probes check different things
# description: >-
#   When the liveness probe runs the same check as the readiness probe, any
#   condition that makes a pod unready (overload, a slow dependency) also gets
#   it restarted, which turns a brownout into restarts of every replica.
# custom:
#   id: k8s/liveness-same-as-readiness
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   remediation: >-
#     Point the livenessProbe at a cheap endpoint that checks only that the
#     process is responsive, and keep dependency checks in the readinessProbe.
#   related: ["kube-score:pod-probes-identical"]
package relcheck.kubernetes.liveness_same_as_readiness

import data.relcheck.lib.k8s

deny contains result if {
	some c in k8s.containers
	live := c.container.livenessProbe
	ready := c.container.readinessProbe
	h := handler(live)
	h == handler(ready)
	result := {
		"msg": sprintf("container %q of %s uses the same check for liveness and readiness (%s)", [c.container.name, k8s.resource_name, describe(h)]),
		"path": array.concat(c.path, ["livenessProbe"]),
	}
}

# The action a probe performs, with defaults filled in and ports as strings
# so that 8080 and "8080" compare equal.
handler(p) := {"httpGet": {
	"path": object.get(p.httpGet, "path", "/"),
	"port": sprintf("%v", [p.httpGet.port]),
	"host": object.get(p.httpGet, "host", ""),
	"scheme": upper(object.get(p.httpGet, "scheme", "HTTP")),
	"httpHeaders": object.get(p.httpGet, "httpHeaders", []),
}} if {
	is_object(p.httpGet)
}

handler(p) := {"tcpSocket": {"port": sprintf("%v", [p.tcpSocket.port])}} if is_object(p.tcpSocket)

handler(p) := {"grpc": {
	"port": sprintf("%v", [p.grpc.port]),
	"service": object.get(p.grpc, "service", ""),
}} if {
	is_object(p.grpc)
}

handler(p) := {"exec": {"command": p.exec.command}} if is_object(p.exec)

describe(h) := sprintf("httpGet %s on port %s", [h.httpGet.path, h.httpGet.port]) if h.httpGet

describe(h) := sprintf("tcpSocket on port %s", [h.tcpSocket.port]) if h.tcpSocket

describe(h) := sprintf("grpc on port %s", [h.grpc.port]) if h.grpc

describe(h) := sprintf("exec %s", [concat(" ", [sprintf("%v", [a]) | some a in h.exec.command])]) if h.exec
