package relcheck.kubernetes.image_tag

pod(images) := {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]}}

flagged(image) if count(deny) == 1 with input as pod([image])

test_no_tag if {
	res := deny with input as pod(["nginx:1.25.3", "redis"])
	res == {{
		"msg": `container "c1" of Pod/p uses image "redis", which has no tag (it means latest)`,
		"path": ["spec", "containers", 1, "image"],
	}}
}

test_latest if flagged("ghcr.io/acme/api:latest")

test_registry_port_without_tag if flagged("registry.local:5000/team/api")

test_registry_port_with_tag_ok if not flagged("registry.local:5000/team/api:2024.06.1")

test_digest_ok if not flagged("gcr.io/distroless/static@sha256:3f2b0bd2a1e0e6c2b8b5b5ee0b1f5a1c6f7d3b2b1f0e9d8c7b6a5f4e3d2c1b0a")

test_latest_with_digest_ok if not flagged("nginx:latest@sha256:3f2b0bd2a1e0e6c2b8b5b5ee0b1f5a1c6f7d3b2b1f0e9d8c7b6a5f4e3d2c1b0a")

test_templated_ok if not flagged("${REGISTRY}/api:${TAG}")

# A ko build reference, replaced by a digest when ko resolves the manifest.
test_ko_reference_ok if not flagged("ko://knative.dev/serving/cmd/activator")

# image: auto is Istio's injection placeholder, only in a pod marked for
# injection; anywhere else it is an untagged image named auto.
test_istio_auto_image if {
	p := {"kind": "Pod", "metadata": {"name": "gw", "annotations": {"inject.istio.io/templates": "gateway"}}, "spec": {"containers": [{"name": "istio-proxy", "image": "auto"}]}}
	count(deny) == 0 with input as p
	count(deny) == 1 with input as json.patch(p, [{"op": "remove", "path": "/metadata/annotations"}])
}

test_init_container_checked if {
	d := {"kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": {
		"initContainers": [{"name": "migrate", "image": "flyway/flyway"}],
		"containers": [{"name": "app", "image": "app:3.1"}],
	}}}}
	some r in deny with input as d
	r.path == ["spec", "template", "spec", "initContainers", 0, "image"]
}

# What each image reports, as the tag regex and the latest suffix decide it.
test_problems if {
	cases := {
		"app": "has no tag (it means latest)",
		"app:": "has no tag (it means latest)",
		"a/b:c/d": "has no tag (it means latest)",
		"registry:5000/team/app": "has no tag (it means latest)",
		"registry:5000/team/app:": "has no tag (it means latest)",
		"app:latest": "is tagged latest",
		"registry:5000/app:latest": "is tagged latest",
		"app:1.0": "",
		"app:latest-2": "",
		"app:v1-latest": "",
		"registry:5000/app:1.0": "",
		"a:b:c": "",
		"a:b/c:d": "",
		":": "has no tag (it means latest)",
		"": "has no tag (it means latest)",
		":latest": "is tagged latest",
		"app:LATEST": "",
		"registry:5000/app:main-4f2a9c1": "",
	}
	every image, problem in cases {
		got := {r.msg | some r in deny with input as pod([image])}
		want := {sprintf("container %q of Pod/p uses image %q, which %s", ["c0", image, problem]) | problem != ""}
		got == want
	}
}

# Development manifests of kueue, cluster-api and dapr reference images
# their CI pushes on every merge: :main, :edge.
test_moving_branch_tags if {
	every image in ["us-central1-docker.pkg.dev/k8s-staging-images/kueue/kueue:main", "ghcr.io/dapr/sentry:edge", "registry:5000/app:master", "app:nightly"] {
		tag := regex.find_all_string_submatch_n(`:([^:/]+)$`, image, 1)[0][1]
		{r.msg | some r in deny with input as pod([image])} == {sprintf("container %q of Pod/p uses image %q, which is tagged %q, a branch tag that moves with every push", ["c0", image, tag])}
	}
	every image in ["app:main-4f2a9c1", "app:v1.2.0-dev.3", "app:Main", "app:main@sha256:3f2b0bd2a1e0e6c2b8b5b5ee0b1f5a1c6f7d3b2b1f0e9d8c7b6a5f4e3d2c1b0a"] {
		not flagged(image)
	}
}

# Tags that name only a variant (redis:alpine in the nextcloud and
# firefly stacks of the Compose round) move like latest; a version, a
# codename or a project's own word beside the variant does not.
test_variant_only_tags if {
	every image in ["redis:alpine", "postgres:lts", "nginx:stable", "php:fpm-alpine", "registry:5000/mail:latest-smtps"] {
		tag := regex.find_all_string_submatch_n(`:([^:/]+)$`, image, 1)[0][1]
		{r.msg | some r in deny with input as pod([image])} == {sprintf("container %q of Pod/p uses image %q, which is tagged %q, a variant with no version that moves like latest", ["c0", image, tag])}
	}
	every image in ["redis:7-alpine", "postgres:16.3-alpine", "debian:bookworm-slim", "app:local", "registry:5000/alpine:3.20", "redis:alpine@sha256:3f2b0bd2a1e0e6c2b8b5b5ee0b1f5a1c6f7d3b2b1f0e9d8c7b6a5f4e3d2c1b0a"] {
		not flagged(image)
	}
}

# Placeholders for the reader to replace are not images yet; a capital in
# the tag is allowed.
test_placeholder_images_ok if {
	every image in ["YOUR_REGISTRY/e2e-metadata:dev", "docker.io/YOUR ID/e2e-runtime:dev", "docker.io/[YOUR ALIAS]/e2e-middleware", "<registry>/app:latest", "REPLACE_ME"] {
		not flagged(image)
	}
	flagged("ghcr.io/acme/api")
	not flagged("ghcr.io/acme/api:V1.2")
}
