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
#   An image written with variables that have defaults
#   (${APP_IMAGE:-nginx:latest}, ${REGISTRY:-docker.io}/app:${TAG:-latest})
#   is judged by those defaults: it is what runs when the variable is unset.
#   Services that build their image (build
#   with image naming the result), services that run the image another
#   service of the file builds, images set from a variable without a
#   default and
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
	written := svc.image
	is_string(written)
	not compose.built_here(written)
	image := with_defaults(written)
	not variable_in_name_or_tag(image)
	not contains(image, "@")
	problem := tag_problem(image)
	not images.placeholder(regex.replace(image, `\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*`, "registry"))
	result := {
		"msg": sprintf("service %q uses image %q, which %s%s", [name, written, problem, unset_note(written)]),
		"path": array.concat(compose.service_path(name), ["image"]),
	}
}

# The image with each ${VAR:-default} and ${VAR-default} replaced by its
# default, as Compose interpolates it when VAR is unset. A variable without
# a default (${TAG}, $TAG, ${TAG:?error}, ${TAG:-}) is left in place. A
# nested default (${IMAGE:-${REGISTRY:-docker.io}/nginx:latest}) is
# resolved from the inside out, up to three deep.
with_defaults(image) := default_once(default_once(default_once(image)))

default_once(image) := regex.replace(image, `\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]+)\}`, "$1")

# A variable left in the image's last path segment (its name and tag) may
# carry the tag itself: not judged, nor is a segment that ends a variable
# begun before it (${IMAGE:-${REGISTRY}/nginx:1.25}, whose "tag" would be
# "1.25}"). One left in the registry or namespace (${REGISTRY}/app:latest)
# does not change the tag.
variable_in_name_or_tag(image) if {
	segments := split(image, "/")
	regex.match(`[$}]`, segments[count(segments) - 1])
}

unset_note(written) := "" if with_defaults(written) == written

else := " (the variable's default)"

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
