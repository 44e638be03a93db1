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
	not value(svc, "image")
	not value(svc, "build")
}

# A service that extends a service of another file (extends: {file: ...,
# service: ...}) takes its fields from there: what it lacks here may be
# written in that file, so it is judged there, like a fragment.
fragment(svc) if {
	some s in lineage(svc)
	s.extends.file
}

# The service svc extends in this file: extends: NAME, or extends:
# {service: NAME} without a file.
base(svc) := b if {
	is_string(svc.extends)
	b := input.services[svc.extends]
	is_object(b)
}

base(svc) := b if {
	is_object(svc.extends)
	not svc.extends.file
	b := input.services[svc.extends.service]
	is_object(b)
}

# svc and the services it extends in this file, nearest first, three levels
# deep. Compose merges the base's fields under the service's own, so a
# service that extends one with a restart policy or a healthcheck has it.
lineage(svc) := [svc] if not base(svc)

lineage(svc) := [svc, b] if {
	b := base(svc)
	not base(b)
}

lineage(svc) := [svc, b, c] if {
	b := base(svc)
	c := base(b)
}

# Field key of svc, or of the nearest service it extends in this file. A
# key left empty (`healthcheck:`, YAML's null) is one left out, as Compose
# loads it.
value(svc, key) := vals[0] if {
	vals := [v | some s in lineage(svc); v := s[key]; v != null]
	count(vals) > 0
}

# deploy.restart_policy of svc, or of the nearest service it extends
# (Compose merges deploy field by field).
swarm_restart_policy(svc) := vals[0] if {
	vals := [v | some s in lineage(svc); v := s.deploy.restart_policy; v != null]
	count(vals) > 0
}

# A stack file, deployed with docker stack deploy: a service's deploy
# section sets what only swarm reads (update_config, rollback_config,
# placement, endpoint_mode, mode: global; docker compose up ignores them).
# Swarm ignores restart: and restarts every task of the stack whatever its
# exit status (deploy.restart_policy.condition defaults to any), so no
# service of the file lacks a restart policy.
stack_file if {
	some svc in object.get(input, "services", {})
	is_object(svc)
	swarm_only(svc.deploy)
}

swarm_only(deploy) if {
	some key in ["update_config", "rollback_config", "placement", "endpoint_mode"]
	deploy[key] != null
}

swarm_only(deploy) if deploy.mode == "global"

service_path(name) := ["services", name]

# One-shot services (migrations, seeders) that are meant to exit.
one_shot(svc) if value(svc, "restart") == "no"

one_shot(svc) if value(svc, "restart") == false

one_shot(svc) if swarm_restart_condition(svc) == "none"

# deploy.restart_policy.condition of svc, or of the nearest service it
# extends that sets one: Compose merges restart_policy field by field too,
# so a service that only tunes max_attempts keeps its base's condition.
swarm_restart_condition(svc) := vals[0] if {
	vals := [c | some s in lineage(svc); c := s.deploy.restart_policy.condition]
	count(vals) > 0
}

# An image that a service of this file builds (build beside image: Compose
# tags the build with that name), which other services then run: it is
# built here, not pulled.
built_here(image) if {
	some other in object.get(input, "services", {})
	is_object(other)
	other.build
	other.image == image
}

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

# A container kept idle to be entered with docker compose exec (a VS Code
# dev container, a test fixture): its command only waits forever (sleep
# infinity, tail -f /dev/null), so there is no service to restart or
# health-check.
idle(svc) if idle_command(command_text(value(svc, "command")))

# The same written as the entrypoint (entrypoint: ["sleep", "infinity"]),
# or split between entrypoint and command (entrypoint: ["/bin/sh", "-c"]
# with command: sleep infinity): Compose runs the entrypoint with the
# command as its arguments, and an entrypoint set here drops the image's
# command.
idle(svc) if {
	entrypoint := command_text(value(svc, "entrypoint"))
	idle_command(trim_space(concat(" ", [entrypoint, arguments(svc)])))
}

arguments(svc) := c if c := command_text(value(svc, "command"))

else := ""

idle_command(cmd) if regex.match(`^((/bin/)?(ba)?sh -c )?["']?(sleep infinity|tail -f /dev/null)["']?$`, cmd)

command_text(cmd) := trim_space(cmd) if is_string(cmd)

command_text(cmd) := concat(" ", [trim_space(sprintf("%v", [w])) | some w in cmd]) if is_array(cmd)
