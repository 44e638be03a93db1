package relcheck.kubernetes.hpa_replicas_conflict

deployment(spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "worker", "namespace": "jobs"}, "spec": spec}

hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "worker", "namespace": "jobs"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "worker"}, "minReplicas": 2, "maxReplicas": 20}}

keda := {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "worker-queue", "namespace": "jobs"}, "spec": {"scaleTargetRef": {"name": "worker"}}}

test_replicas_and_hpa if {
	res := deny with input as deployment({"replicas": 3}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"jobs": {"worker": hpa}}}
	res == {{
		"msg": `Deployment/jobs/worker sets spec.replicas 3 but HorizontalPodAutoscaler "worker" scales it; each apply resets the replica count`,
		"path": ["spec", "replicas"],
	}}
}

test_keda_scaled_object if {
	count(deny) == 1 with input as deployment({"replicas": 1}) with data.relcheck.objects as {"ScaledObject": {"jobs": {"worker-queue": keda}}}
}

test_no_replicas_ok if {
	count(deny) == 0 with input as deployment({}) with data.relcheck.objects as {"HorizontalPodAutoscaler": {"jobs": {"worker": hpa}}}
}

test_no_hpa_ok if {
	count(deny) == 0 with input as deployment({"replicas": 3}) with data.relcheck.objects as {}
}
