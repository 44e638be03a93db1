# METADATA
# title: Compose helpers
# description: Reading services of a Compose file.
package relcheck.lib.compose

# Each service as [name, service]. A services list (not Compose, e.g. a
# CI file's service containers) has indexes, not names: it yields nothing.
services := {[name, svc] |
	some name, svc in object.get(input, "services", {})
	is_string(name)
	is_object(svc)
}

# A service that says neither what it runs (image) nor how it is built
# (build) is a fragment completed elsewhere: an override file merged onto a
# base file (docker-compose.override.yml, docker compose -f base.yml -f
# postgres.yml), or a service that extends another. Compose refuses a service
# that stays so after merging, so its restart policy and healthcheck are
# written in the file it completes, not here.
fragment(svc) if {
	not svc.image
	not svc.build
}

service_path(name) := ["services", name]

# One-shot services (migrations, seeders) that are meant to exit.
one_shot(svc) if svc.restart == "no"

one_shot(svc) if svc.restart == false

one_shot(svc) if svc.deploy.restart_policy.condition == "none"

# A service that another service waits for to exit successfully
# (depends_on: {NAME: {condition: service_completed_successfully}}): an init
# job (creating buckets, fixing volume permissions, migrating a schema) that
# is meant to run once.
awaited_completion(name) if {
	some other in object.get(input, "services", {})
	is_object(other)
	dep := other.depends_on[name]
	is_object(dep)
	dep.condition == "service_completed_successfully"
}
