# METADATA
# title: Containers behind a Service drain before stopping
# description: >-
#   When a pod is deleted, kube-proxy, ingress controllers and load balancers
#   learn about it after the container already got SIGTERM. Without a preStop
#   hook that waits a few seconds, requests still routed to the pod fail
#   during every rollout and drain. Checked for containers that declare ports
#   (or the only container) of pods a Service selects; Services and Service
#   ports that only monitoring uses (metrics, profiling), gossip ports
#   (memberlist, Serf) and Services with publishNotReadyAddresses, which
#   keep a stopping pod listed anyway, do not count. CoreDNS with lameduck
#   in a Corefile of the run keeps answering after SIGTERM by itself.
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
	count(data.relcheck.objects.Service[k8s.namespace]) > 0 # before selectors are matched
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}
	count(k8s.services) > 0
	some i, c in k8s.pod_spec.containers
	not has_prestop(c)
	names := {n | some [n, svc] in k8s.services; serving(c, svc)}
	count(names) > 0
	not drains_itself(c)
	result := {
		"msg": sprintf("container %q of %s is behind Service %s and has no preStop hook", [c.name, k8s.resource_name, min(names)]),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "lifecycle", "preStop"]),
	}
}

# A container serves a Service when one of the Service's ports targets one of
# the container's ports, by number or by name (targetPort defaults to port).
# A Service port aimed at another container of the pod (a sidecar's metrics,
# sentinel beside redis) does not make this one serve traffic, and neither
# does a port only Prometheus scrapes (http-metrics, profiling): the
# metrics Services of controllers and operators (cert-manager,
# kube-state-metrics, Tekton, Knative, Argo) carry no client requests.
# A preStop of null (a Helm chart's unset value) is left out too.
has_prestop(container) if container.lifecycle.preStop != null

# CoreDNS's health plugin with lameduck keeps answering for that long after
# SIGTERM while the endpoint is removed, which is what a preStop sleep is for.
# It is in the Corefile of kubeadm, kube-up and most distributions
# (health { lameduck 5s }, on one line or several; a commented-out
# lameduck does not count), in a ConfigMap the pod mounts; a Corefile the
# run does not hold is not assumed.
drains_itself(container) if {
	is_string(container.image)
	regex.match(`coredns[^/]*$`, container.image)
	some volume in k8s.pod_spec.volumes
	corefile := data.relcheck.objects.ConfigMap[k8s.namespace][volume.configMap.name]
	some text in corefile.data
	is_string(text)
	regex.match(`(?m)^[^#\n]*\blameduck\s+[1-9]`, text)
}

serving(container, svc) if {
	not k8s.monitoring_service(svc)
	not lists_stopping_pods(svc)
	some sp in svc.spec.ports
	is_object(sp) # a mis-rendered port (a bare string) matches nothing
	not k8s.observability_port(sp)
	not k8s.gossip_port(sp)
	target := object.get(sp, "targetPort", object.get(sp, "port", null))
	some cp in container.ports
	port_matches(target, cp)
}

# A Service without ports listed cannot be matched port by port: every
# container that declares ports counts.
serving(container, svc) if {
	not k8s.non_empty(object.get(svc, ["spec", "ports"], []))
	not k8s.monitoring_service(svc)
	not lists_stopping_pods(svc)
	k8s.non_empty(container.ports)
}

# The only container of a pod serves whatever the Service sends, declared
# ports or not (KEDA's operator serves gRPC on 9666 and declares only 8080).
serving(_, svc) if {
	cs := k8s.pod_spec.containers
	is_array(cs)
	count(cs) == 1
	not k8s.monitoring_service(svc)
	not lists_stopping_pods(svc)
	not k8s.gossip_only(svc)
}

port_matches(target, cp) if target == cp.containerPort

port_matches(target, cp) if {
	is_string(target)
	target == cp.name
}

port_matches(target, cp) if {
	is_string(target)
	regex.match(`^[0-9]+$`, target)
	to_number(target) == cp.containerPort
}

# A Service with publishNotReadyAddresses lists its pods whether they are
# ready or not, and keeps a stopping pod until the pod is gone: no preStop
# delay takes the pod out of it earlier. Such Services let peers find each
# other (a StatefulSet's governing Service, a memberlist ring), and their
# clients cope with members that do not answer.
lists_stopping_pods(svc) if svc.spec.publishNotReadyAddresses == true
