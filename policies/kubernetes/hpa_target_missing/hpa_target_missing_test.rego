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
