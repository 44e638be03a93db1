package relcheck.compose.healthcheck

file(svc) := {"services": {"db": object.union({"image": "postgres:16.3", "restart": "unless-stopped"}, svc)}}

test_missing if {
	res := deny with input as file({})
	res == {{"msg": `service "db" has no healthcheck`, "path": ["services", "db", "healthcheck"]}}
}

test_present_ok if {
	count(deny) == 0 with input as file({"healthcheck": {"test": ["CMD-SHELL", "pg_isready -U postgres"], "interval": "10s", "timeout": "5s", "retries": 5}})
}

test_disabled if {
	res := deny with input as file({"healthcheck": {"disable": true}})
	res == {{"msg": `service "db" disables its healthcheck`, "path": ["services", "db", "healthcheck"]}}
}

test_test_none if count(deny) == 1 with input as file({"healthcheck": {"test": ["NONE"]}})

test_one_shot_ok if count(deny) == 0 with input as file({"restart": "no"})

# An init job another service waits for to complete has nothing to report
# healthy: it exits.
test_awaited_completion_ok if {
	f := {"services": {
		"migrate": {"image": "ghcr.io/acme/api:1.8.0", "command": ["migrate", "up"]},
		"api": {
			"image": "ghcr.io/acme/api:1.8.0",
			"healthcheck": {"test": ["CMD", "wget", "-qO-", "http://localhost:8080/healthz"]},
			"depends_on": {"migrate": {"condition": "service_completed_successfully"}},
		},
	}}
	count(deny) == 0 with input as f
}

# Ory's quickstart-postgres.yml (used as docker compose -f quickstart.yml -f
# quickstart-postgres.yml) only adds a DSN to services quickstart.yml
# defines: neither image nor build, so what they run and how they are checked
# is in the base file. A complete service beside them is still judged, and a
# fragment that disables the base's healthcheck is still reported.
test_override_fragment_ok if {
	f := {"services": {
		"kratos-migrate": {"environment": ["DSN=postgres://kratos:secret@postgresd:5432/kratos"]},
		"kratos": {"environment": ["DSN=postgres://kratos:secret@postgresd:5432/kratos"]},
		"postgresd": {"image": "postgres:14", "ports": ["5432:5432"]},
	}}
	res := deny with input as f
	res == {{"msg": `service "postgresd" has no healthcheck`, "path": ["services", "postgresd", "healthcheck"]}}
	count(deny) == 1 with input as {"services": {"kratos": {"healthcheck": {"disable": true}}}}
}

test_build_only_is_judged if count(deny) == 1 with input as {"services": {"api": {"build": "."}}}

test_extends_without_image_ok if {
	count(deny) == 0 with input as {"services": {"web": {"extends": {"file": "common.yml", "service": "webapp"}}}}
}

# A CI file with a list of service containers (Drone, Travis) is not
# Compose: list indexes are not service names.
test_services_list_ignored if {
	count(deny) == 0 with input as {"services": [{"name": "Start Docker", "image": "docker:dind"}]}
}

# extends merges the base service's fields under the service's own.
test_extends_same_file if {
	hc := {"test": ["CMD", "true"], "interval": "10s"}
	f := {"services": {
		"base": {"image": "ghcr.io/acme/api:1.8.0", "healthcheck": hc},
		"worker": {"extends": "base", "command": ["worker"]},
		"cron": {"extends": {"service": "worker"}, "image": "ghcr.io/acme/cron:1.8.0"},
	}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "remove", "path": "/services/base/healthcheck"}])
	res := deny with input as g
	{r.path[1] | some r in res} == {"base", "worker", "cron"}
	h := json.patch(f, [{"op": "replace", "path": "/services/base/healthcheck", "value": {"disable": true}}])
	res2 := deny with input as h
	{r.msg | some r in res2} == {`service "base" disables its healthcheck`, `service "worker" disables its healthcheck`, `service "cron" disables its healthcheck`}
}

test_extends_other_file_ok if {
	f := {"services": {"api": {"image": "ghcr.io/acme/api:1.8.0", "extends": {"file": "common.yaml", "service": "base"}}}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "replace", "path": "/services/api/extends", "value": "missing"}])
	count(deny) == 1 with input as g
}

# A one-shot base (deploy.restart_policy.condition: none) stays one-shot in
# a service that extends it and sets only other restart_policy fields:
# Compose merges restart_policy field by field.
test_extends_swarm_condition_merged if {
	f := {"services": {
		"seed": {"image": "ghcr.io/acme/seed:1.8.0", "deploy": {"restart_policy": {"condition": "none"}}},
		"seed-eu": {"extends": "seed", "deploy": {"restart_policy": {"max_attempts": 3}}},
	}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "add", "path": "/services/seed-eu/deploy/restart_policy/condition", "value": "on-failure"}])
	res := deny with input as g
	{r.path[1] | some r in res} == {"seed-eu"}
}

# `healthcheck:` left empty is YAML's null: Compose loads no healthcheck.
test_empty_is_missing if count(deny) == 1 with input as file({"healthcheck": null})

# A dev container (or test fixture) kept idle for docker compose exec.
test_idle_container_ok if {
	count(deny) == 0 with input as file({"command": "sleep infinity"})
	count(deny) == 0 with input as file({"command": ["tail", "-f", "/dev/null"]})
}

test_command_with_sleep_checked if count(deny) == 1 with input as file({"command": "sh -c 'sleep 5; exec postgres'"})
