# METADATA
# title: Service images are pinned to a tag or digest
# description: >-
#   An image without a tag, or tagged latest, changes under the service on
#   the next pull: two hosts (or a host before and after docker compose
#   pull) run different versions. Services that build their image (build
#   with image naming the result) and images set from variables are not
#   reported.
# custom:
#   id: compose/image-tag
#   severity: medium
#   kinds: [service]
#   remediation: Use a version tag (postgres:16.3) or a digest (image@sha256:...).
package relcheck.compose.image_tag

import data.relcheck.lib.compose

deny contains result if {
	some [name, svc] in compose.services
	not svc.build
	image := svc.image
	is_string(image)
	not contains(image, "$")
	not contains(image, "@")
	problem := tag_problem(image)
	result := {
		"msg": sprintf("service %q uses image %q, which %s", [name, image, problem]),
		"path": array.concat(compose.service_path(name), ["image"]),
	}
}

tag_problem(image) := "has no tag (it means latest)" if not tag(image)

tag_problem(image) := "is tagged latest" if tag(image) == "latest"

tag(image) := t if {
	segments := split(image, "/")
	parts := split(segments[count(segments) - 1], ":")
	count(parts) > 1
	t := parts[count(parts) - 1]
	t != ""
}
