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
