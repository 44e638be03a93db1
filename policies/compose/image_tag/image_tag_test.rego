package relcheck.compose.image_tag

file(services) := {"services": services}

test_latest_and_untagged if {
	res := deny with input as file({"cache": {"image": "redis"}, "proxy": {"image": "traefik:latest"}, "db": {"image": "postgres:16.3-alpine"}})
	res == {
		{"msg": `service "cache" uses image "redis", which has no tag (it means latest)`, "path": ["services", "cache", "image"]},
		{"msg": `service "proxy" uses image "traefik:latest", which is tagged latest`, "path": ["services", "proxy", "image"]},
	}
}

test_registry_port if count(deny) == 1 with input as file({"app": {"image": "localhost:5000/app"}})

test_digest_ok if count(deny) == 0 with input as file({"app": {"image": "nginx@sha256:0f2b0bd2a1e0e6c2b8b5b5ee0b1f5a1c6f7d3b2b1f0e9d8c7b6a5f4e3d2c1b0a"}})

# A variable with a default is judged by the default: it is what runs when
# the variable is unset.
test_variable_default if {
	res := deny with input as file({
		"app": {"image": "ghcr.io/acme/app:${APP_VERSION:-latest}"},
		"proxy": {"image": "${PROXY_IMAGE:-nginx:alpine}"},
		"web": {"image": "${REGISTRY:-docker.io}/acme/web:${WEB_TAG-main}"},
	})
	res == {
		{"msg": `service "app" uses image "ghcr.io/acme/app:${APP_VERSION:-latest}", which is tagged latest (the variable's default)`, "path": ["services", "app", "image"]},
		{"msg": `service "proxy" uses image "${PROXY_IMAGE:-nginx:alpine}", which is tagged "alpine", a variant with no version, which moves like latest (the variable's default)`, "path": ["services", "proxy", "image"]},
		{"msg": `service "web" uses image "${REGISTRY:-docker.io}/acme/web:${WEB_TAG-main}", which is tagged "main", a branch tag that moves with every push (the variable's default)`, "path": ["services", "web", "image"]},
	}
}

test_variable_default_pinned_ok if count(deny) == 0 with input as file({
	"app": {"image": "ghcr.io/acme/app:${APP_VERSION:-1.4.2}"},
	"db": {"image": "${DB_IMAGE:-postgres:16.3}"},
})

# Without a default (or with an empty one, or only an error message), the
# image depends on the environment: not judged.
test_variable_without_default_ok if count(deny) == 0 with input as file({
	"app": {"image": "ghcr.io/acme/app:${APP_VERSION}"},
	"api": {"image": "$API_IMAGE"},
	"worker": {"image": "ghcr.io/acme/worker:${TAG:-}"},
	"cron": {"image": "ghcr.io/acme/cron:${TAG:?set TAG}"},
	"db": {"image": "${DB_IMAGE}"},
	"search": {"image": "${SEARCH_IMAGE:-elasticsearch}:${SEARCH_TAG}"},
})

# A registry from a variable does not change the tag.
test_registry_variable if {
	res := deny with input as file({"app": {"image": "${REGISTRY}/acme/app:${TAG:-latest}"}, "api": {"image": "$REGISTRY/acme/api"}})
	res == {
		{"msg": `service "app" uses image "${REGISTRY}/acme/app:${TAG:-latest}", which is tagged latest (the variable's default)`, "path": ["services", "app", "image"]},
		{"msg": `service "api" uses image "$REGISTRY/acme/api", which has no tag (it means latest)`, "path": ["services", "api", "image"]},
	}
}

test_build_ok if count(deny) == 0 with input as file({"app": {"build": ".", "image": "acme/app"}})

test_build_only_ok if count(deny) == 0 with input as file({"app": {"build": {"context": "./app"}}})

# Development Compose files pull the image CI pushes from a branch.
test_moving_branch_tag if {
	res := deny with input as file({"api": {"image": "ghcr.io/acme/api:main"}, "worker": {"image": "ghcr.io/acme/api:main-4f2a9c1"}, "web": {"image": "localhost:5000/web:nightly"}})
	res == {
		{"msg": `service "api" uses image "ghcr.io/acme/api:main", which is tagged "main", a branch tag that moves with every push`, "path": ["services", "api", "image"]},
		{"msg": `service "web" uses image "localhost:5000/web:nightly", which is tagged "nightly", a branch tag that moves with every push`, "path": ["services", "web", "image"]},
	}
}

test_placeholder_ok if count(deny) == 0 with input as file({"app": {"image": "YOUR_REGISTRY/app"}, "web": {"image": "<registry>/web:latest"}})

# One service builds the image (build beside image), others run it.
test_image_built_by_another_service_ok if {
	f := file({"web": {"build": ".", "image": "shop-web"}, "worker": {"image": "shop-web", "command": ["worker"]}})
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "remove", "path": "/services/web/build"}])
	res := deny with input as g
	{r.path[1] | some r in res} == {"web", "worker"}
	h := json.patch(f, [{"op": "replace", "path": "/services/worker/image", "value": "shop-web-worker"}])
	count(deny) == 1 with input as h
}

test_build_inherited_through_extends_ok if {
	f := file({"base": {"build": ".", "image": "acme/app"}, "worker": {"extends": "base", "image": "acme/app-worker"}})
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "remove", "path": "/services/base/build"}])
	count(deny) == 2 with input as g
}

# A variant with no version (postgres:alpine, mariadb:lts) is the newest
# major of that variant: it moves like latest.
test_variant_only_tag if {
	res := deny with input as file({"db": {"image": "postgres:alpine"}, "app": {"image": "nextcloud:fpm-alpine"}, "mail": {"image": "oryd/mailslurper:latest-smtps"}, "sql": {"image": "mariadb:lts"}})
	res == {
		{"msg": `service "db" uses image "postgres:alpine", which is tagged "alpine", a variant with no version, which moves like latest`, "path": ["services", "db", "image"]},
		{"msg": `service "app" uses image "nextcloud:fpm-alpine", which is tagged "fpm-alpine", a variant with no version, which moves like latest`, "path": ["services", "app", "image"]},
		{"msg": `service "mail" uses image "oryd/mailslurper:latest-smtps", which is tagged "latest-smtps", a variant with no version, which moves like latest`, "path": ["services", "mail", "image"]},
		{"msg": `service "sql" uses image "mariadb:lts", which is tagged "lts", a variant with no version, which moves like latest`, "path": ["services", "sql", "image"]},
	}
}

# A version with a variant, a codename or a project's own word is not judged.
test_variant_with_version_ok if count(deny) == 0 with input as file({
	"db": {"image": "postgres:16-alpine"},
	"os": {"image": "debian:bookworm-slim"},
	"fs": {"image": "chrislusf/seaweedfs:local"},
	"crdb": {"image": "cockroachdb/cockroach:latest-v21.1"},
})

# A nested default is the image when both variables are unset.
test_nested_default if {
	res := deny with input as file({
		"app": {"image": "${IMAGE:-${REGISTRY:-docker.io}/nginx:latest}"},
		"ok": {"image": "${OK_IMAGE:-${REGISTRY:-docker.io}/nginx:1.25}"},
		"open": {"image": "${OPEN_IMAGE:-${REGISTRY}/nginx:1.25-alpine}"},
	})
	res == {{"msg": `service "app" uses image "${IMAGE:-${REGISTRY:-docker.io}/nginx:latest}", which is tagged latest (the variable's default)`, "path": ["services", "app", "image"]}}
}
