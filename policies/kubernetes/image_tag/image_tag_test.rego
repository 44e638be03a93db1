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
	}
	every image, problem in cases {
		got := {r.msg | some r in deny with input as pod([image])}
		want := {sprintf("container %q of Pod/p uses image %q, which %s", ["c0", image, problem]) | problem != ""}
		got == want
	}
}
