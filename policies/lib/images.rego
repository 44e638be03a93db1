# METADATA
# title: Image reference helpers
# description: >-
#   What a container image's tag says about whether it moves, for the
#   image-tag rules of Kubernetes and Compose.
package relcheck.lib.images

# Tags that name a branch or a build stream, not a version: CI pushes them
# again on every merge.
moving_tags := {"main", "master", "edge", "nightly", "develop", "dev"}

# A tag made only of variant words (alpine, fpm-alpine, slim, lts, stable),
# or latest with a variant (latest-smtps), and no digit: the newest release
# of that variant, which moves to the next major on a pull as latest does
# (postgres:alpine went from 16 to 17). A word outside the list (a codename
# such as bookworm, a project's own tag such as local) is not judged.
variant_only(t) if {
	not regex.match(`[0-9]`, t)
	t != "latest"
	every w in split(t, "-") {
		w in variant_words
	}
}

variant_only(t) if {
	not regex.match(`[0-9]`, t)
	t != "latest"
	"latest" in split(t, "-")
}

variant_words := {"alpine", "slim", "lts", "stable", "current", "mainline", "fpm", "apache", "latest"}

# true for a reference the reader is to fill in (dapr's test apps say
# docker.io/YOUR_ALIAS/e2e-actorapp:dev and "docker.io/[YOUR ALIAS]/...";
# Compose READMEs YOUR_REGISTRY/app): a repository name is lower-case
# letters, digits and . _ - / (and a registry's :port), so capitals, spaces
# or brackets before the tag mean a placeholder, not an image.
placeholder(image) if {
	name := regex.replace(split(image, "@")[0], `:[^:/]*$`, "")
	regex.match(`[^a-z0-9._/:-]`, name)
}
