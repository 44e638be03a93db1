# METADATA
# title: Images are pinned to a tag or digest
# description: >-
#   An image without a tag, or tagged latest, resolves to whatever was pushed
#   last: a node restart or a rescheduled pod silently runs a different
#   version than its siblings, and a rollback has nothing to roll back to.
#   Branch tags that CI moves on every push (main, master, edge, nightly,
#   develop, dev) are the same, and so are tags that name only a variant
#   and no version (redis:alpine, nginx:stable, php:fpm-alpine).
#   Build references that ko replaces with a digest (ko://...), Istio's
#   injection placeholder (image auto) and placeholders for the reader to
#   fill in (YOUR_REGISTRY/app, <registry>/app: a repository name has no
#   capitals, spaces or brackets) are not images yet.
# custom:
#   id: k8s/image-tag
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Reference an immutable version tag (app:1.4.2) or a digest
#     (app@sha256:...).
#   related: ["kube-score:container-image-tag", "polaris:tagNotSpecified", "kube-linter:latest-tag"]
package relcheck.kubernetes.image_tag

import data.relcheck.lib.images
import data.relcheck.lib.k8s

deny contains result if {
	some field in ["containers", "initContainers"]
	some i, c in k8s.pod_spec[field]
	image := c.image
	is_string(image)

	# A quick test first: no tag (no ":" after the last "/"), or latest.
	regex.match(`^[^:]*$|:[^:]*/[^:]*$|:$|:latest$`, image)

	# The tag is what follows the last ":" of the last path segment, so that
	# a registry port (registry:5000/app) is not read as a tag.
	tagged := regex.match(`:[^:/]+$`, image)
	latest := endswith(image, ":latest")
	problem := {
		[false, false]: "has no tag (it means latest)",
		[true, true]: "is tagged latest",
	}[[tagged, latest]]

	not contains(image, "@")

	# Images filled in by a templating step (envsubst, Helm, Skaffold) are
	# not known here.
	not contains(image, "${")
	not contains(image, "{{")
	not contains(image, "$(")

	# ko://import/path is a Go package that `ko resolve` or `ko apply` builds
	# and replaces with a digest before anything reaches the cluster
	# (Knative, Tekton and most ko-built projects keep their config so).
	not startswith(image, "ko://")
	not images.placeholder(image)

	# image: auto in a pod marked for Istio injection is the injector's to set.
	not k8s.injected_placeholder(c)
	result := {
		"msg": sprintf("container %q of %s uses image %q, which %s", [c.name, k8s.resource_name, image, problem]),
		"path": array.concat(k8s.pod_spec_path, [field, i, "image"]),
	}
}

# Tags that name a branch or a build stream, not a version: CI pushes them
# again on every merge (kueue:main, cluster-api-controller:main, dapr's :edge
# in their development manifests). And tags that name only a variant and no
# version (redis:alpine, postgres:lts, nginx:stable): the newest release of
# that variant, which moves to the next major on a pull as latest does. One
# rule reads both, so that containers are walked once.
deny contains result if {
	some field in ["containers", "initContainers"]
	some i, c in k8s.pod_spec[field]
	image := c.image
	is_string(image)

	# A quick test first: a tag of letters and dashes only, not latest
	# (the first rule's).
	regex.match(`:[a-z-]+$`, image)
	not endswith(image, ":latest")
	not contains(image, "@")
	tag := regex.replace(image, `^.*:`, "")
	moves := moving(tag)
	not images.placeholder(image)
	result := {
		"msg": sprintf("container %q of %s uses image %q, which is tagged %q, %s", [c.name, k8s.resource_name, image, tag, moves]),
		"path": array.concat(k8s.pod_spec_path, [field, i, "image"]),
	}
}

moving(tag) := "a branch tag that moves with every push" if {
	tag in images.moving_tags
} else := "a variant with no version that moves like latest" if {
	images.variant_only(tag)
}
