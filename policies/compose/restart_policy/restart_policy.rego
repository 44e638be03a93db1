# METADATA
# title: Services restart after a crash
# description: >-
#   Compose does not restart a container that exits unless the service sets
#   a restart policy (restart, or deploy.restart_policy under Swarm): one
#   crash, or a reboot of the host, leaves the service down. Services that
#   set restart "no" are one-shot by choice and not reported, nor are init
#   jobs another service waits for with condition
#   service_completed_successfully, nor containers kept idle for docker
#   compose exec (command or entrypoint sleep infinity or tail -f /dev/null, as dev
#   containers are written). A service with neither image nor build
#   is a fragment that an override file (or extends) merges onto a service
#   defined elsewhere, where its restart policy is judged. A service that
#   extends another of the same file has that service's policy; one that
#   extends a service of another file is judged there. A stack file (a
#   service's deploy sets update_config, rollback_config, placement,
#   endpoint_mode or mode global, which only docker stack deploy reads) is
#   not reported: Swarm restarts its tasks on any exit by default.
# custom:
#   id: compose/restart-policy
#   severity: medium
#   kinds: [service]
#   remediation: >-
#     Set restart: unless-stopped (or always / on-failure), or
#     deploy.restart_policy.condition under Swarm.
package relcheck.compose.restart_policy

import data.relcheck.lib.compose

deny contains result if {
	some [name, svc] in compose.services
	not compose.value(svc, "restart")
	not restart_false(svc)
	not compose.swarm_restart_policy(svc)
	not compose.stack_file
	not compose.awaited_completion(name)
	not compose.idle(svc)
	not compose.fragment(svc)
	result := {
		"msg": sprintf("service %q has no restart policy: it stays down after a crash or a host reboot", [name]),
		"path": array.concat(compose.service_path(name), ["restart"]),
	}
}

# restart: no, unquoted, is YAML's false.
restart_false(svc) if compose.value(svc, "restart") == false
