package relcheck.kubernetes.hpa_target_missing

hpa(kind, name) := {
	"apiVersion": "autoscaling/v2",
	"kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "prod"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": name}, "minReplicas": 2, "maxReplicas": 10},
}

objs := {"Deployment": {"prod": {"api": {"kind": "Deployment", "metadata": {"name": "api", "namespace": "prod"}}}}}

test_target_exists if count(deny) == 0 with input as hpa("Deployment", "api") with data.relcheck.objects as objs

test_typo if {
	res := deny with input as hpa("Deployment", "api-server") with data.relcheck.objects as objs
	res == {{
		"msg": `HorizontalPodAutoscaler/prod/api targets Deployment "api-server", which is not among the manifests in namespace "prod"`,
		"path": ["spec", "scaleTargetRef", "name"],
	}}
}

test_wrong_kind if count(deny) == 1 with input as hpa("StatefulSet", "api") with data.relcheck.objects as objs

test_other_namespace if {
	other := {"Deployment": {"staging": {"api": {"kind": "Deployment", "metadata": {"name": "api", "namespace": "staging"}}}}}
	count(deny) == 1 with input as hpa("Deployment", "api") with data.relcheck.objects as other
}

scaled_object(ref) := {
	"apiVersion": "keda.sh/v1alpha1",
	"kind": "ScaledObject",
	"metadata": {"name": "api", "namespace": "prod"},
	"spec": {"scaleTargetRef": ref, "minReplicaCount": 2, "maxReplicaCount": 10},
}

# KEDA's scaleTargetRef.kind defaults to Deployment.
test_scaled_object_target if {
	count(deny) == 0 with input as scaled_object({"name": "api"}) with data.relcheck.objects as objs
	count(deny) == 0 with input as scaled_object({"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}) with data.relcheck.objects as objs
	res := deny with input as scaled_object({"name": "test"}) with data.relcheck.objects as objs
	res == {{
		"msg": `ScaledObject/prod/api targets Deployment "test", which is not among the manifests in namespace "prod"`,
		"path": ["spec", "scaleTargetRef", "name"],
	}}
	count(deny) == 1 with input as scaled_object({"kind": "StatefulSet", "name": "api"}) with data.relcheck.objects as objs
}

test_hpa_without_kind_not_guessed if {
	count(deny) == 0 with input as json.patch(hpa("Deployment", "web"), [{"op": "remove", "path": "/spec/scaleTargetRef/kind"}]) with data.relcheck.objects as objs
}
