package relcheck.kubernetes.hpa_min_replicas

hpa(spec) := {
	"apiVersion": "autoscaling/v2",
	"kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api"},
	"spec": object.union({"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}, "maxReplicas": 10}, spec),
}

test_unset if {
	res := deny with input as hpa({})
	res == {{"msg": "HorizontalPodAutoscaler/api can scale api down to 1 replica", "path": ["spec", "minReplicas"]}}
}

test_one if count(deny) == 1 with input as hpa({"minReplicas": 1})

test_two_ok if count(deny) == 0 with input as hpa({"minReplicas": 2})

test_zero_is_deliberate if count(deny) == 0 with input as hpa({"minReplicas": 0})

# A chart that renders `minReplicas:` from an unset value leaves null, which
# the API server defaults to 1.
test_null_is_one if count(deny) == 1 with input as hpa({"minReplicas": null})

test_not_a_number_not_judged if count(deny) == 0 with input as hpa({"minReplicas": "x"})

scaled_object(spec) := {
	"apiVersion": "keda.sh/v1alpha1",
	"kind": "ScaledObject",
	"metadata": {"name": "api", "namespace": "prod"},
	"spec": object.union({"scaleTargetRef": {"name": "api"}, "maxReplicaCount": 10}, spec),
}

test_scaled_object_one if {
	res := deny with input as scaled_object({"minReplicaCount": 1})
	res == {{"msg": "ScaledObject/prod/api can scale api down to 1 replica", "path": ["spec", "minReplicaCount"]}}
}

# KEDA's default minReplicaCount is 0: scaling to zero is a choice.
test_scaled_object_zero_or_unset_ok if {
	count(deny) == 0 with input as scaled_object({})
	count(deny) == 0 with input as scaled_object({"minReplicaCount": 0})
	count(deny) == 0 with input as scaled_object({"minReplicaCount": 3})
}
