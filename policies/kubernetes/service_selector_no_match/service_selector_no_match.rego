# METADATA
# title: Service selectors match some pods
# description: >-
#   A Service whose selector matches no pod template in its namespace has no
#   endpoints: every request to it fails. It usually means a label was
#   renamed on one side only. Pod templates of any kind count (Deployment,
#   StatefulSet, Pod, and custom workloads such as an Argo Rollout that keep
#   theirs in spec.template). The labels the StatefulSet controller adds to
#   each pod (statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index)
#   count, and a selector value that names a custom resource of the namespace
#   is taken to select the pods an operator creates for it. A pod template
#   that names no namespace counts for Services of any namespace (the file
#   goes wherever kubectl apply -n puts it). In kube-system,
#   the pods the cluster itself runs (CoreDNS as k8s-app kube-dns,
#   kube-proxy, the control plane's static pods by component) count as
#   present: no application manifest holds them.
# custom:
#   id: k8s/service-selector-no-match
#   severity: medium
#   kinds: [Service]
#   remediation: >-
#     Make spec.selector a subset of the pod template labels of the workload
#     the Service fronts (same namespace).
#   related: ["kube-score:service-targets-pod", "kube-linter:dangling-service"]
package relcheck.kubernetes.service_selector_no_match

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "Service"
	object.get(input, ["spec", "type"], "ClusterIP") != "ExternalName"
	selector := input.spec.selector
	is_object(selector)
	count(selector) > 0
	not selects_something(selector)
	result := {
		"msg": sprintf("%s selects %s, which matches no pod template in namespace %q", [k8s.resource_name, describe(selector), k8s.namespace]),
		"path": ["spec", "selector"],
	}
}

# Pod templates of the kinds known to have one are looked up by kind and
# namespace. Only when none matches are the other kinds of the run read (a
# custom resource with a pod template in spec.template, such as a Knative
# Service): a Service that is fine never reads the whole index.
selects_something(selector) if selects_known_kind(selector)

# A pod template that names no namespace goes wherever its file is applied
# (kubectl apply -n NS): dapr's zipkin.yaml gives its Service namespace
# dapr-tests and its Deployment none, and is applied with -n dapr-tests. Such
# a template counts for a Service of any namespace; two explicit namespaces
# that differ are still a mismatch.
selects_something(selector) if {
	k8s.namespace != "default"
	some kind in pod_template_kinds
	some w in data.relcheck.objects[kind]["default"]
	not explicit_namespace(w)
	k8s.map_selector_matches(selector, k8s.pod_labels_of(w))
}

explicit_namespace(w) if {
	ns := w.metadata.namespace
	is_string(ns)
	ns != ""
}

# NodeLocal DNSCache's kube-dns-upstream (k8s-app: kube-dns) and the
# monitoring Services charts add for the scheduler or controller manager
# (component: kube-scheduler) select pods the cluster runs in kube-system:
# CoreDNS keeps kube-dns's label, kube-proxy is a DaemonSet of the
# installer, and kubeadm labels its static control-plane pods by component.
selects_something(selector) if {
	k8s.namespace == "kube-system"
	some key, value in selector
	value in cluster_pod_labels[key]
}

cluster_pod_labels := {
	"k8s-app": {"kube-dns", "kube-proxy"},
	"component": {"kube-apiserver", "kube-scheduler", "kube-controller-manager", "etcd"},
}

selects_something(selector) if {
	not selects_known_kind(selector)
	some kind in k8s.kinds
	not kind in pod_template_kinds
	some w in data.relcheck.objects[kind][k8s.namespace]
	k8s.map_selector_matches(selector, k8s.pod_labels_of(w))
}

# Operators create the pods of their custom resources (a Prometheus or
# Alertmanager of the Prometheus Operator, a CloudNativePG Cluster, a Strimzi
# Kafka, an ECK Elasticsearch) and label them with the resource's name
# (prometheus: <name>, cnpg.io/cluster: <name>). Those pods are in no
# manifest; a Service whose selector names such a resource of its namespace
# is taken to select them.
selects_something(selector) if {
	not selects_known_kind(selector)
	some v in selector
	is_string(v)
	some kind in k8s.kinds
	not kind in pod_template_kinds
	obj := data.relcheck.objects[kind][k8s.namespace][v]
	custom_resource(obj)

	# A ServiceMonitor or PodMonitor is usually named after the application
	# it scrapes and runs no pods.
	not endswith(sprintf("%v", [obj.kind]), "Monitor")
}

# An object of an API group that Kubernetes does not serve itself: the group
# has a dot and is not *.k8s.io (apps/v1, policy/v1, networking.k8s.io/v1
# are built in; monitoring.coreos.com/v1, postgresql.cnpg.io/v1 are not).
custom_resource(obj) if {
	api := obj.apiVersion
	is_string(api)
	parts := split(api, "/")
	count(parts) == 2
	contains(parts[0], ".")
	not endswith(parts[0], ".k8s.io")
}

# The labels are read where each kind keeps them (k8s.pod_labels_of, without
# a function call per workload: a Service is checked against every workload
# of its namespace that k8s.pod_candidates names). Labels that are not an
# object match no selector.
selects_known_kind(selector) if {
	some kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "Rollout", "DeploymentConfig", "CloneSet"]
	objs := data.relcheck.objects[kind][k8s.namespace]
	some name in k8s.pod_candidates(kind, k8s.namespace, selector)
	w := objs[name]
	labels := w.spec.template.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

# A Service per StatefulSet replica (Redis HA's announce Services, Kafka's
# per-broker Services) selects a label the StatefulSet controller puts on each
# pod: statefulset.kubernetes.io/pod-name, "<statefulset>-<ordinal>", and
# apps.kubernetes.io/pod-index, "<ordinal>". The template's own labels must
# hold the rest of the selector.
selects_known_kind(selector) if {
	some key in stateful_pod_keys
	_ = selector[key]
	some w in data.relcheck.objects.StatefulSet[k8s.namespace]
	labels := w.spec.template.metadata.labels
	is_object(labels)
	every k, v in selector {
		stateful_label_matches(k, v, labels, w)
	}
}

stateful_pod_keys := ["statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"]

stateful_label_matches(k, v, labels, _) if labels[k] == v

stateful_label_matches("statefulset.kubernetes.io/pod-name", v, _, w) if {
	is_string(v)
	name := w.metadata.name
	is_string(name)
	prefix := concat("", [name, "-"])
	startswith(v, prefix)
	ordinal_exists(trim_prefix(v, prefix), w)
}

stateful_label_matches("apps.kubernetes.io/pod-index", v, _, w) if {
	is_string(v)
	ordinal_exists(v, w)
}

# Ordinals run from spec.ordinals.start (0) for spec.replicas pods; when the
# replica count is not a number it is not guessed.
ordinal_exists(s, w) if {
	regex.match(`^[0-9]+$`, s)
	n := to_number(s)
	start := object.get(w, ["spec", "ordinals", "start"], 0)
	is_number(start)
	n >= start
	not beyond_replicas(n - start, w)
}

beyond_replicas(i, w) if {
	replicas := k8s.replicas_of(w)
	is_number(replicas)
	i >= replicas
}

selects_known_kind(selector) if {
	objs := data.relcheck.objects.CronJob[k8s.namespace]
	some name in k8s.pod_candidates("CronJob", k8s.namespace, selector)
	w := objs[name]
	labels := w.spec.jobTemplate.spec.template.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

selects_known_kind(selector) if {
	objs := data.relcheck.objects.Pod[k8s.namespace]
	some name in k8s.pod_candidates("Pod", k8s.namespace, selector)
	w := objs[name]
	labels := w.metadata.labels
	is_object(labels)
	object.subset(labels, selector) # cheap; every decides (subset also matches nested objects)
	every k, v in selector {
		labels[k] == v
	}
}

# The workload kinds, and custom workloads that keep a pod template in
# spec.template (Argo Rollout, OpenShift DeploymentConfig, OpenKruise
# CloneSet).
pod_template_kinds := k8s.workload_kinds | {"Rollout", "DeploymentConfig", "CloneSet"}

describe(selector) := concat(",", sort([sprintf("%s=%v", [k, v]) | some k, v in selector]))
