# METADATA
# title: Service images are pinned to a tag or digest
# description: >-
#   An image without a tag, or tagged latest, changes under the service on
#   the next pull: two hosts (or a host before and after docker compose
#   pull) run different versions. Branch tags that CI pushes again on every
#   merge (main, master, edge, nightly, develop, dev) change the same way,
#   and so do tags that name only a variant and no version (alpine, slim,
#   lts, stable, fpm-alpine, latest-smtps): postgres:alpine is the newest
#   major on Alpine, and moves from 16 to 17 on a pull.
#   Services that build their image (build
#   with image naming the result), services that run the image another
#   service of the file builds, images set from variables and
#   placeholders for the reader to fill in (YOUR_REGISTRY/app: capitals,
#   spaces or brackets in the repository name) are not reported.
# custom:
#   id: compose/image-tag
#   severity: medium
#   kinds: [service]
#   remediation: Use a version tag (postgres:16.3) or a digest (image@sha256:...).
package relcheck.compose.image_tag

import data.relcheck.lib.compose
import data.relcheck.lib.images

deny contains result if {
	some [name, svc] in compose.services
	not compose.value(svc, "build")
	image := svc.image
	is_string(image)
	not compose.built_here(image)
	not contains(image, "$")
	not contains(image, "@")
	problem := tag_problem(image)
	not placeholder(image)
	result := {
		"msg": sprintf("service %q uses image %q, which %s", [name, image, problem]),
		"path": array.concat(compose.service_path(name), ["image"]),
	}
}

tag_problem(image) := "has no tag (it means latest)" if not tag(image)

tag_problem(image) := "is tagged latest" if tag(image) == "latest"

tag_problem(image) := sprintf("is tagged %q, a branch tag that moves with every push", [t]) if {
	t := tag(image)
	t in images.moving_tags
}

tag_problem(image) := sprintf("is tagged %q, a variant with no version, which moves like latest", [t]) if {
	t := tag(image)
	images.variant_only(t)
}

tag(image) := t if {
	segments := split(image, "/")
	parts := split(segments[count(segments) - 1], ":")
	count(parts) > 1
	t := parts[count(parts) - 1]
	t != ""
}

# A reference for the reader to fill in: a repository name has no capitals,
# spaces or brackets.
placeholder(image) if {
	name := regex.replace(image, `:[^:/]*$`, "")
	regex.match(`[^a-z0-9._/:-]`, name)
}
