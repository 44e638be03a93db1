# METADATA
# title: Kubernetes helpers
# description: >-
#   Where each workload kind keeps its pod template, replica counts, label
#   selectors, and lookups across the objects of the run
#   (data.relcheck.objects[kind][namespace][name]).
package relcheck.lib.k8s

# Kinds that run pods.
workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod"}

# Kinds whose pods are expected to run until replaced.
long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}

# Kinds with a spec.replicas field.
replicated_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# The objects of one kind in one namespace of the run
# (data.relcheck.objects[kind][namespace][name]), {} when there are none.
# Rules read data.relcheck.objects only where kind and namespace are known, so
# that the engine materializes no more of it than a rule needs.
objects_of(kind, ns) := objs if {
	objs := data.relcheck.objects[kind][ns]
} else := {}

# The kinds of the run's objects, so that a rule that looks across kinds
# reads one kind and namespace at a time: relcheck serves them
# (data.relcheck.index.kinds); a policy test that gives data.relcheck.objects
# alone has them read from it.
kinds := served if {
	served := data.relcheck.index.kinds
} else := object.keys(data.relcheck.objects)

# All objects of the run. Kept so that policies written against it still
# compile; reading it makes relcheck decode every object of the run, so new
# policies use objects_of or data.relcheck.objects[kind][namespace].
objects := data.relcheck.objects

# ---- the object under evaluation -------------------------------------------

# The per-input facts below are complete rules, so that one evaluation of
# all rules computes each once.

# Path from the object root to its pod spec (pod_spec_paths[input.kind],
# decided on input.kind directly so that no helper rule is evaluated).
pod_spec_path := ["spec", "template", "spec"] if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
} else := ["spec", "jobTemplate", "spec", "template", "spec"] if {
	input.kind == "CronJob"
} else := ["spec"] if {
	input.kind == "Pod"
}

pod_spec_paths := {
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
	"Pod": ["spec"],
}

# The pod spec of input.
pod_spec := spec if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
	spec := input.spec.template.spec
	is_object(spec)
}

pod_spec := spec if {
	input.kind == "CronJob"
	spec := input.spec.jobTemplate.spec.template.spec
	is_object(spec)
}

pod_spec := spec if {
	input.kind == "Pod"
	spec := input.spec
	is_object(spec)
}

# Path to the containers array of the pod spec, and to the init containers.
containers_path := ["spec", "template", "spec", "containers"] if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
} else := ["spec", "jobTemplate", "spec", "template", "spec", "containers"] if {
	input.kind == "CronJob"
} else := ["spec", "containers"] if {
	input.kind == "Pod"
}

init_containers_path := array.concat(pod_spec_path, ["initContainers"])

# Path from the object root to its pod template metadata (the object's own
# metadata for a Pod).
pod_metadata_path := pod_metadata_path_of(input)

# Labels of the pods input creates (pod_labels_of(input), read directly).
pod_labels := labels if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
	labels := input.spec.template.metadata.labels
	is_object(labels)
} else := labels if {
	input.kind == "CronJob"
	labels := input.spec.jobTemplate.spec.template.metadata.labels
	is_object(labels)
} else := labels if {
	input.kind == "Pod"
	labels := input.metadata.labels
	is_object(labels)
} else := labels if {
	not input.kind in workload_kinds
	is_object(input.spec.template)
	labels := input.spec.template.metadata.labels
	is_object(labels)
} else := {}

# Each container of the pod spec as {"container": c, "path": [...]}.
# (The built-in rules iterate k8s.pod_spec.containers by index instead and
# build the path only for a finding: a set of objects hashes every container.)
containers contains {"container": c, "path": array.concat(containers_path, [i])} if {
	some i, c in pod_spec.containers
}

# Each init container as {"container": c, "path": [...]}.
init_containers contains {"container": c, "path": array.concat(init_containers_path, [i])} if {
	some i, c in pod_spec.initContainers
}

# containers and init containers.
all_containers := containers | init_containers

# true when input is of a kind whose pods run until replaced, or that has
# spec.replicas.
long_running if input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}

replicated if input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# Desired replicas of input: 1 when unset. Only defined for kinds that have
# spec.replicas. An explicit null (a chart that renders `replicas:` from an
# unset value, as Kyverno's does) is unset: the API server defaults it to 1.
replicas := n if {
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	n := object.get(input, ["spec", "replicas"], 1)
	is_number(n)
} else := 1 if {
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	input.spec.replicas == null
} else := n if {
	input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
	n := number_or_null(input.spec.replicas)
	n != null
}

# The object's name; a generateName prefix when it has none (Jobs created
# with kubectl create), as relcheck names the resource.
name := object.get(input, ["metadata", "name"], object.get(input, ["metadata", "generateName"], ""))

namespace := ns if {
	ns := input.metadata.namespace
	is_string(ns)
	ns != ""
} else := "default"

# Kind/namespace/name, as relcheck names Kubernetes resources (Kind/name
# when the manifest sets no namespace).
# (name is read in place: a helper rule costs an evaluation of its own.)
resource_name := sprintf("%s/%s/%s", [input.kind, ns, object.get(input, ["metadata", "name"], object.get(input, ["metadata", "generateName"], ""))]) if {
	ns := input.metadata.namespace
	is_string(ns)
	ns != ""
} else := sprintf("%s/%s", [input.kind, object.get(input, ["metadata", "name"], object.get(input, ["metadata", "generateName"], ""))])

# services_selecting, pdbs_selecting, autoscalers_targeting, autoscaled and
# min_replicas_of for input.
services := {[svc_name, svc] |
	svcs := data.relcheck.objects.Service[namespace]
	some svc_name in selector_candidates("Service", namespace, pod_labels)
	svc := svcs[svc_name]
	selector := svc.spec.selector

	# map_selector_matches(selector, pod_labels) in place, object.subset
	# first: every candidate is tested.
	is_object(selector)
	count(selector) > 0
	object.subset(pod_labels, selector)
	every k, v in selector {
		pod_labels[k] == v
	}
}

pdbs := {[pdb_name, pdb] |
	all_pdbs := data.relcheck.objects.PodDisruptionBudget[namespace]
	some pdb_name in selector_candidates("PodDisruptionBudget", namespace, pod_labels)
	pdb := all_pdbs[pdb_name]

	# object.subset first: every candidate is tested.
	object.subset(pod_labels, match_labels_of(pdb.spec.selector))
	selector_matches(pdb.spec.selector, pod_labels)
}

# The matchLabels of a selector when they are an object, else {}.
match_labels_of(selector) := match_labels if {
	is_object(selector)
	match_labels := object.get(selector, "matchLabels", {})
	is_object(match_labels)
} else := {}

autoscalers := {[hpa_name, hpa] |
	some kind in ["HorizontalPodAutoscaler", "ScaledObject"]
	some hpa_name, hpa in data.relcheck.objects[kind][namespace]
	hpa.spec.scaleTargetRef.name == input.metadata.name
	scale_target_kind(hpa) == input.kind
}

# count(autoscalers) > 0, without building the set: a workload that nothing
# scales (most of them) never evaluates autoscalers.
is_autoscaled if {
	some hpa in data.relcheck.objects.HorizontalPodAutoscaler[namespace]
	hpa.spec.scaleTargetRef.name == input.metadata.name
	scale_target_kind(hpa) == input.kind
}

is_autoscaled if {
	some scaled_object in data.relcheck.objects.ScaledObject[namespace]
	scaled_object.spec.scaleTargetRef.name == input.metadata.name
	scale_target_kind(scaled_object) == input.kind
}

# true when a cluster-proportional-autoscaler Deployment of input's namespace
# names input as its target (--target=deployment/NAME or --target
# deployment/NAME, the kind in any case, several targets comma separated). It sets spec.replicas from the cluster's
# size, as kube-up, kubespray, kops and AKS do for CoreDNS and Calico's
# manifests do for Typha. Such a manifest leaves spec.replicas unset (an
# apply would otherwise reset the autoscaler's count), and only then are the
# namespace's Deployments read. Only an autoscaler in the target's namespace
# is found.
proportionally_scaled if {
	object.get(input, ["spec", "replicas"], null) == null
	target := sprintf("%s/%s", [lower(input.kind), input.metadata.name])
	some scaler in data.relcheck.objects.Deployment[namespace]
	some c in scaler.spec.template.spec.containers
	is_string(c.image)
	contains(c.image, "cluster-proportional-autoscaler")
	some value in flag_values(command_line(c), "target")
	some t in split(value, ",")
	lower(trim_space(t)) == target
}

# true when an addon-resizer ("pod nanny") container of input's pod sets the
# resources of container c: it runs with --deployment <input's name> and
# --container <c's name> (either with "="), and rewrites that container's requests and limits
# from the cluster's size (Kubernetes' metrics-server addon, heapster and
# older kube-state-metrics deployments), so the manifest leaves them out.
# Rules call it only for a container they would report.
resized_by_nanny(c) if {
	input.kind == "Deployment"
	some nanny in pod_spec.containers
	is_string(nanny.image)
	contains(nanny.image, "addon-resizer")
	line := command_line(nanny)
	c.name in flag_values(line, "container")
	input.metadata.name in flag_values(line, "deployment")
}

# The pause image (registry.k8s.io/pause, gcr.io/google-containers/pause-amd64,
# rancher/mirrored-pause) runs a process that only waits for a signal. Pods
# use it to keep a DaemonSet's pod alive after its init containers have done
# the node's setup (ECK's hostPath permission fixer, image pre-pullers), or to
# hold capacity (cluster-autoscaler overprovisioning). It serves nothing a probe
# could ask and its memory does not grow, so probe and memory-limit rules leave
# it alone. Rules call it only for a container they would report.
pause_container(c) if {
	is_string(c.image)
	contains(c.image, "pause") # cheap; most images stop here
	regex.match(`(^|/)(mirrored-)?pause(-(amd64|arm64|arm|ppc64le|s390x|windows))?([:@][^/]*)?$`, c.image)
}

# The values a command line gives flag name, as Go's flag package reads
# them: --name=v, -name=v, or --name v / -name v (the next argument).
flag_values(line, name) := {value |
	some i, arg in line
	is_string(arg)
	value := flag_value(line, i, arg, name)
}

flag_value(_, _, arg, name) := substring(arg, count(prefix), -1) if {
	some prefix in [sprintf("--%s=", [name]), sprintf("-%s=", [name])]
	startswith(arg, prefix)
}

flag_value(line, i, arg, name) := line[i + 1] if {
	arg in [sprintf("--%s", [name]), sprintf("-%s", [name])]
	is_string(line[i + 1])
}

# A container's command and args, in one array.
command_line(c) := array.concat(list_or_empty(object.get(c, "command", [])), list_or_empty(object.get(c, "args", [])))

list_or_empty(v) := v if is_array(v)

else := []

min_replicas := min({n |
	some [_, scaler] in autoscalers
	n := autoscaler_min(scaler)
	n != null
}) if {
	is_autoscaled
} else := replicas if not is_autoscaled

# The most replicas input runs: the highest autoscaler maximum when an
# autoscaler targets it, else spec.replicas. Undefined for an autoscaled
# workload whose autoscalers all leave their maximum unknown.
max_replicas := max({n |
	some [_, scaler] in autoscalers
	n := autoscaler_max(scaler)
	n != null
}) if {
	is_autoscaled
} else := replicas if not is_autoscaled

# ---- any object --------------------------------------------------------------

pod_spec_path_of(obj) := pod_spec_paths[obj.kind]

pod_spec_of(obj) := spec if {
	spec := object.get(obj, pod_spec_path_of(obj), null)
	is_object(spec)
}

pod_metadata_path_of(obj) := ["spec", "template", "metadata"] if obj.kind in template_kinds

pod_metadata_path_of(obj) := ["spec", "jobTemplate", "spec", "template", "metadata"] if obj.kind == "CronJob"

pod_metadata_path_of(obj) := ["metadata"] if obj.kind == "Pod"

# Other kinds with a pod template (Argo Rollout, OpenShift DeploymentConfig,
# OpenKruise CloneSet, ...) keep it where a Deployment does.
pod_metadata_path_of(obj) := ["spec", "template", "metadata"] if {
	not obj.kind in workload_kinds
	is_object(obj.spec.template)
}

pod_labels_of(obj) := labels if {
	labels := object.get(obj, array.concat(pod_metadata_path_of(obj), ["labels"]), {})
	is_object(labels)
} else := {}

namespace_of(obj) := ns if {
	ns := obj.metadata.namespace
	is_string(ns)
	ns != ""
} else := "default"

replicas_of(obj) := n if {
	obj.kind in replicated_kinds
	n := number_or_null(object.get(obj, ["spec", "replicas"], 1))
	n != null
} else := 1 if {
	obj.kind in replicated_kinds
	obj.spec.replicas == null
}

# A number, a number written as a string, or null for anything else.
number_or_null(v) := v if is_number(v)

else := to_number(trim_space(v)) if numeric_string(v)

else := null

numeric_string(v) if {
	is_string(v)
	regex.match(`^\s*[0-9]+\s*$`, v)
}

# ---- label selectors ---------------------------------------------------------

# selector_matches is true when a metav1.LabelSelector (matchLabels and
# matchExpressions) selects a set of labels. An empty selector selects
# everything, as in policy/v1 PodDisruptionBudgets.
selector_matches(selector, labels) if {
	is_object(selector)
	match_labels := object.get(selector, "matchLabels", {})
	every k, v in match_labels {
		labels[k] == v
	}
	every expr in object.get(selector, "matchExpressions", []) {
		expression_matches(expr, labels)
	}
}

expression_matches(expr, labels) if {
	expr.operator == "In"
	labels[expr.key] in expr.values
}

expression_matches(expr, labels) if {
	expr.operator == "NotIn"
	not has_key(labels, expr.key)
}

expression_matches(expr, labels) if {
	expr.operator == "NotIn"
	v := labels[expr.key]
	not v in expr.values
}

expression_matches(expr, labels) if {
	expr.operator == "Exists"
	_ = labels[expr.key]
}

expression_matches(expr, labels) if {
	expr.operator == "DoesNotExist"
	not has_key(labels, expr.key)
}

has_key(obj, key) if _ = obj[key]

# A Service-style selector (a plain map) selects labels when it is non-empty
# and every pair is present.
map_selector_matches(selector, labels) if {
	is_object(selector)
	count(selector) > 0
	every k, v in selector {
		labels[k] == v
	}
}

# ---- cross-resource lookups -----------------------------------------------------

# Services in obj's namespace whose selector selects obj's pods.
services_selecting(obj) := {[svc_name, svc] |
	labels := pod_labels_of(obj)
	ns := namespace_of(obj)
	svcs := data.relcheck.objects.Service[ns]
	some svc_name in selector_candidates("Service", ns, labels)
	svc := svcs[svc_name]
	map_selector_matches(svc.spec.selector, labels)
}

# A Service port that only monitoring and debugging tools use: named, by the
# conventions ServiceMonitors and charts follow, metrics, http-metrics,
# metrics-port, telemetry, http-profiling, pprof, probes or http-monitoring.
# A scrape that fails while a pod stops costs a sample, not a client's
# request. ("metricsservice", a word of its own, is not one.)
observability_port(port) if {
	is_object(port)
	name := port.name
	is_string(name)
	regex.match(`^([a-z0-9]+-)*(metrics|telemetry|monitoring|profiling|pprof|probes)(-[a-z0-9]+)*$`, lower(name))
}

# A Service that only monitoring tools use: every port of it an
# observability_port, or named *-metrics-service (the kubebuilder scaffold's
# controller-manager-metrics-service, whose port is named "https"). The name
# alone says nothing otherwise: kube-state-metrics or a custom-metrics API
# server serve their clients. Rules about client traffic (drain before
# stopping, rollouts that stop every pod) leave such Services out.
monitoring_service(svc) if {
	name := svc.metadata.name
	is_string(name)
	endswith(name, "-metrics-service")
}

monitoring_service(svc) if {
	ports := svc.spec.ports
	is_array(ports)
	count(ports) > 0
	every p in ports {
		observability_port(p)
	}
}

# A port of a gossip protocol (memberlist, Serf), named so by the charts and
# jsonnet of Loki, Mimir, Tempo, Cortex and Consul: members notice a peer that
# leaves or stops answering themselves; no proxy routes requests to it.
gossip_port(port) if {
	name := port.name
	is_string(name)
	gossip_name(name)
}

# Or aimed at a container port named so: Loki's chart names its memberlist
# Service's port tcp, with targetPort http-memberlist.
gossip_port(port) if {
	target := port.targetPort
	is_string(target)
	gossip_name(target)
}

gossip_name(name) if regex.match(`^([a-z0-9]+-)*(gossip|memberlist|serf)(-[a-z0-9]+)*$`, lower(name))

# Every port of the Service gossips or serves monitoring (a ring's Service
# with its members' metrics beside the gossip port): no port carries client
# requests. Rules about client traffic (drain before stopping, rollouts
# that stop every pod, a single replica behind a Service) leave it out.
gossip_only(svc) if {
	ports := svc.spec.ports
	is_array(ports)
	count(ports) > 0
	every p in ports {
		is_object(p)
		peer_or_monitoring_port(p)
	}
}

peer_or_monitoring_port(port) if gossip_port(port)

peer_or_monitoring_port(port) if observability_port(port)

# PodDisruptionBudgets in obj's namespace whose selector selects obj's pods.
pdbs_selecting(obj) := {[pdb_name, pdb] |
	labels := pod_labels_of(obj)
	ns := namespace_of(obj)
	all_pdbs := data.relcheck.objects.PodDisruptionBudget[ns]
	some pdb_name in selector_candidates("PodDisruptionBudget", ns, labels)
	pdb := all_pdbs[pdb_name]
	selector_matches(pdb.spec.selector, labels)
}

# Autoscalers in obj's namespace that scale obj: HorizontalPodAutoscalers and
# KEDA ScaledObjects (which create one).
autoscalers_targeting(obj) := {[hpa_name, hpa] |
	ns := namespace_of(obj)
	some kind in autoscaler_kinds
	some hpa_name, hpa in data.relcheck.objects[kind][ns]
	scale_target_kind(hpa) == obj.kind
	hpa.spec.scaleTargetRef.name == obj.metadata.name
}

autoscaler_kinds := ["HorizontalPodAutoscaler", "ScaledObject"]

# KEDA's scaleTargetRef.kind defaults to Deployment; an HPA's is required.
scale_target_kind(scaler) := object.get(scaler, ["spec", "scaleTargetRef", "kind"], "Deployment")

# The lowest replica count an autoscaler keeps (1 when unset or null, as for
# an HPA; KEDA's minReplicaCount defaults to 0).
autoscaler_min(scaler) := n if {
	scaler.kind == "HorizontalPodAutoscaler"
	n := number_or_null(object.get(scaler, ["spec", "minReplicas"], 1))
	n != null
} else := 1 if {
	scaler.kind == "HorizontalPodAutoscaler"
	scaler.spec.minReplicas == null
} else := null if {
	scaler.kind == "HorizontalPodAutoscaler"
}

autoscaler_min(scaler) := n if {
	scaler.kind == "ScaledObject"
	n := number_or_null(object.get(scaler, ["spec", "minReplicaCount"], 0))
}

# The highest replica count an autoscaler reaches (an HPA's maxReplicas is
# required; KEDA's maxReplicaCount defaults to 100); null when unknown.
autoscaler_max(scaler) := number_or_null(scaler.spec.maxReplicas) if {
	scaler.kind == "HorizontalPodAutoscaler"
}

autoscaler_max(scaler) := number_or_null(object.get(scaler, ["spec", "maxReplicaCount"], 100)) if {
	scaler.kind == "ScaledObject"
}

autoscaled(obj) if count(autoscalers_targeting(obj)) > 0

# The fewest pods obj runs in steady state: the lowest autoscaler minimum when
# an autoscaler targets it, else spec.replicas (1 when unset).
min_replicas_of(obj) := min({n |
	some [_, scaler] in autoscalers_targeting(obj)
	n := autoscaler_min(scaler)
	n != null
}) if {
	autoscaled(obj)
}

min_replicas_of(obj) := replicas_of(obj) if not autoscaled(obj)

# Workloads in namespace ns whose pod template labels satisfy selector.
# With matchLabels, a workload whose labels (spec.template.metadata.labels, as
# for every replicated kind) do not hold them is passed over before
# selector_matches: a selector is tested against every workload of its
# namespace.
workloads_selected(ns, selector) := selected if {
	is_object(selector)
	match_labels := object.get(selector, "matchLabels", {})
	is_object(match_labels)
	count(match_labels) > 0
	selected := {[kind, wname, w] |
		some kind in ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]
		objs := data.relcheck.objects[kind][ns]
		some wname in pod_candidates(kind, ns, match_labels)
		w := objs[wname]
		labels := w.spec.template.metadata.labels
		is_object(labels)
		object.subset(labels, match_labels)
		selector_matches(selector, pod_labels_of(w))
	}
} else := {[kind, wname, w] |
	some kind in replicated_kinds
	some wname, w in data.relcheck.objects[kind][ns]
	selector_matches(selector, pod_labels_of(w))
}

# ---- the label index -----------------------------------------------------------

# Names of the objects of kind in ns whose pods may carry every label of
# selector (a map of labels): relcheck's label index (data.relcheck.index,
# internal/policy/labelindex.go) looks them up by one pair of the selector,
# where testing every object of the namespace for each selector made a run's
# cost grow with the square of the namespace's objects. Without the index
# (a policy test that gives data.relcheck.objects alone) every object of the
# kind is a candidate. Callers test each candidate in full.
pod_candidates(kind, ns, selector) := object.keys(object.get(ix, [k, selector[k]], {})) if {
	is_object(selector)
	count(selector) > 0
	k := min(object.keys(selector))
	is_string(k)
	is_string(selector[k])
	ix := data.relcheck.index.pods[kind][ns]
} else := object.keys(objs) if {
	objs := data.relcheck.objects[kind][ns]
} else := set()

# Names of the objects of a selecting kind (Service, PodDisruptionBudget) in
# ns whose selector may select pods labelled labels, from the label index
# as above, or every object of the kind without it.
selector_candidates(kind, ns, labels) := names if {
	ix := data.relcheck.index.selectors[kind][ns]
	names := object.keys(ix.other) | {name |
		some k, v in labels
		some name, _ in object.get(ix.by_label, [k, v], {})
	}
} else := object.keys(objs) if {
	objs := data.relcheck.objects[kind][ns]
} else := set()

# ---- containers and probes ---------------------------------------------------

# A container that a mutating webhook replaces at admission: Istio's gateway
# injection (the gateway Helm chart, and the manifests its documentation
# recommends) writes `image: auto` and marks the pod for injection; the
# injector then sets the image, the probes and the proxy's settings. Rules
# about what the injector fills in leave such a container alone.
injected_placeholder(container) if {
	container.image == "auto"
	istio_injected
}

istio_injected if {
	annotations := object.get(input, array.concat(pod_metadata_path, ["annotations"]), {})
	is_object(annotations)
	is_string(annotations["inject.istio.io/templates"])
}

istio_injected if {
	labels := object.get(input, array.concat(pod_metadata_path, ["labels"]), {})
	is_object(labels)
	labels["sidecar.istio.io/inject"] == "true"
}

probe_kinds := ["livenessProbe", "readinessProbe", "startupProbe"]

handler_kinds := ["httpGet", "tcpSocket", "grpc", "exec"]

# A "NN%" string as the number NN; undefined for anything else.
percent(v) := to_number(trim_suffix(trim_space(v), "%")) if {
	is_string(v)
	regex.match(`^\s*[0-9]+(\.[0-9]+)?%\s*$`, v)
}

# obj has key, and its value is not null. The API server reads a null field
# as one left out, and Helm charts render an unset value as null
# (`livenessProbe: null` from `{{ toYaml .Values.livenessProbe }}`): rules
# that ask for a field use `not has(c, "field")`, not `not c.field`, which a
# null passes.
has(obj, key) if obj[key] != null

# true for a non-empty array or object (never raises on other types).
non_empty(x) if {
	is_array(x)
	count(x) > 0
}

non_empty(x) if {
	is_object(x)
	count(x) > 0
}
