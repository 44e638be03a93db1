# METADATA
# title: Compose helpers
# description: Reading services of a Compose file.
package relcheck.lib.compose

# Each service as [name, service].
services := {[name, svc] |
	some name, svc in object.get(input, "services", {})
	is_object(svc)
}

service_path(name) := ["services", name]

# One-shot services (migrations, seeders) that are meant to exit.
one_shot(svc) if svc.restart == "no"

one_shot(svc) if svc.restart == false

one_shot(svc) if svc.deploy.restart_policy.condition == "none"
