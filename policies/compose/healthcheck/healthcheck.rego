# METADATA
# title: Long-running services define a healthcheck
# description: >-
#   Without a healthcheck Compose only knows whether the process runs:
#   depends_on with condition service_healthy cannot wait for it, and a hung
#   service is never reported unhealthy (Swarm never replaces it). A
#   HEALTHCHECK in the image's Dockerfile is not visible here; healthcheck
#   disable: true and test NONE count as missing. One-shot services
#   (restart "no", or an init job another service waits for with condition
#   service_completed_successfully) and containers kept idle for docker
#   compose exec (command or entrypoint sleep infinity or tail -f /dev/null, as dev
#   containers are written) are not reported, nor are fragments with
#   neither image nor build that an override file (or extends) merges onto
#   a service defined elsewhere. A service that extends another of the same
#   file has that service's healthcheck; one that extends a service of
#   another file is judged there.
# custom:
#   id: compose/healthcheck
#   severity: low
#   kinds: [service]
#   remediation: >-
#     Add a healthcheck with a test command that checks the service answers
#     (for example curl -f http://localhost:8080/healthz), with interval,
#     timeout, retries and start_period.
package relcheck.compose.healthcheck

import data.relcheck.lib.compose

deny contains result if {
	some [name, svc] in compose.services
	not compose.one_shot(svc)
	not compose.awaited_completion(name)
	not compose.idle(svc)
	not compose.value(svc, "healthcheck")
	not compose.fragment(svc)
	result := {
		"msg": sprintf("service %q has no healthcheck", [name]),
		"path": array.concat(compose.service_path(name), ["healthcheck"]),
	}
}

deny contains result if {
	some [name, svc] in compose.services
	not compose.one_shot(svc)
	disabled(compose.value(svc, "healthcheck"))
	result := {
		"msg": sprintf("service %q disables its healthcheck", [name]),
		"path": array.concat(compose.service_path(name), ["healthcheck"]),
	}
}

disabled(hc) if hc.disable == true

disabled(hc) if hc.test == ["NONE"]

disabled(hc) if hc.test == "NONE"
