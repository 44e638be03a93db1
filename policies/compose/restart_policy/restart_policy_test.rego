package relcheck.compose.restart_policy

file(svc) := {"services": {"api": object.union({"image": "ghcr.io/acme/api:1.8.0"}, svc)}}

test_missing if {
	res := deny with input as file({})
	res == {{"msg": `service "api" has no restart policy: it stays down after a crash or a host reboot`, "path": ["services", "api", "restart"]}}
}

test_unless_stopped_ok if count(deny) == 0 with input as file({"restart": "unless-stopped"})

test_explicit_no_ok if count(deny) == 0 with input as file({"restart": "no"})

test_unquoted_no_ok if count(deny) == 0 with input as file({"restart": false})

test_swarm_policy_ok if count(deny) == 0 with input as file({"deploy": {"restart_policy": {"condition": "on-failure", "max_attempts": 3}}})

test_deploy_without_restart_policy if count(deny) == 1 with input as file({"deploy": {"replicas": 2}})

# An init job another service waits for to complete (creating buckets before
# Loki starts) is meant to exit; a plain depends_on or service_healthy is no
# such sign.
test_awaited_completion_ok if {
	f := {"services": {
		"buckets": {"image": "minio/mc:RELEASE.2024-06-12T14-34-03Z"},
		"loki": {"image": "grafana/loki:3.1.0", "restart": "unless-stopped", "depends_on": {"buckets": {"condition": "service_completed_successfully"}}},
	}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "replace", "path": "/services/loki/depends_on/buckets/condition", "value": "service_healthy"}])
	count(deny) == 1 with input as g
	h := json.patch(f, [{"op": "replace", "path": "/services/loki/depends_on", "value": ["buckets"]}])
	count(deny) == 1 with input as h
}

# Temporal's docker-compose.linux.yml ("Overrides for Linux users") and
# Ory's quickstart-*.yml override services defined in a base file: no image
# and no build, so the restart policy is the base file's.
test_override_fragment_ok if {
	f := {"services": {
		"prometheus": {"network_mode": "host", "volumes": ["./prometheus-linux:/etc/prometheus"]},
		"grafana": {"network_mode": "host"},
		"tempo": {"depends_on": ["grafana"], "network_mode": "host"},
	}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "add", "path": "/services/grafana/image", "value": "grafana/grafana:11.2.0"}])
	res := deny with input as g
	res == {{"msg": `service "grafana" has no restart policy: it stays down after a crash or a host reboot`, "path": ["services", "grafana", "restart"]}}
}

test_build_only_is_judged if count(deny) == 1 with input as {"services": {"api": {"build": {"context": "."}}}}

test_services_list_ignored if {
	count(deny) == 0 with input as {"services": [{"name": "postgres", "image": "postgres:16"}]}
}

# extends merges the base service's fields under the service's own.
test_extends_same_file if {
	f := {"services": {
		"base": {"image": "ghcr.io/acme/api:1.8.0", "restart": "unless-stopped"},
		"worker": {"extends": "base", "command": ["worker"]},
		"cron": {"extends": {"service": "worker"}, "image": "ghcr.io/acme/cron:1.8.0"},
	}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "remove", "path": "/services/base/restart"}])
	res := deny with input as g
	{r.path[1] | some r in res} == {"base", "worker", "cron"}
	h := json.patch(f, [{"op": "replace", "path": "/services/base/restart", "value": "no"}])
	count(deny) == 0 with input as h
	s := json.patch(g, [{"op": "add", "path": "/services/base/deploy", "value": {"restart_policy": {"condition": "on-failure"}}}, {"op": "add", "path": "/services/worker/deploy", "value": {"replicas": 2}}])
	count(deny) == 0 with input as s
}

test_extends_other_file_ok if {
	f := {"services": {"api": {"image": "ghcr.io/acme/api:1.8.0", "extends": {"file": "common.yaml", "service": "base"}}}}
	count(deny) == 0 with input as f
	g := json.patch(f, [{"op": "replace", "path": "/services/api/extends", "value": {"service": "missing"}}])
	count(deny) == 1 with input as g
}

# `restart:` left empty is YAML's null: Compose loads no restart policy.
test_empty_is_missing if count(deny) == 1 with input as file({"restart": null})

test_empty_swarm_policy_is_missing if count(deny) == 1 with input as file({"deploy": {"restart_policy": null}})

# A dev container (or test fixture) kept idle for docker compose exec.
test_idle_container_ok if {
	count(deny) == 0 with input as file({"build": ".", "command": "sleep infinity"})
	count(deny) == 0 with input as file({"command": ["sleep", "infinity"]})
	count(deny) == 0 with input as file({"command": "tail -f /dev/null"})
	count(deny) == 0 with input as file({"command": ["/bin/sh", "-c", "sleep infinity"]})
}

# A command that does more than wait is a service.
test_command_with_sleep_checked if {
	count(deny) == 1 with input as file({"command": "sh -c 'sleep 10 && exec api'"})
	count(deny) == 1 with input as file({"command": ["sleep", "30"]})
}

# The idle command written as the entrypoint, or split between the two.
test_idle_entrypoint_ok if {
	count(deny) == 0 with input as file({"entrypoint": ["sleep", "infinity"]})
	count(deny) == 0 with input as file({"entrypoint": "tail -f /dev/null"})
	count(deny) == 0 with input as file({"entrypoint": ["/bin/sh", "-c"], "command": ["sleep infinity"]})
}

test_entrypoint_server_checked if {
	count(deny) == 1 with input as file({"entrypoint": ["/app/server"], "command": ["--sleep", "infinity"]})
	count(deny) == 1 with input as file({"entrypoint": ["sh", "-c"], "command": ["sleep infinity & exec server"]})
}

test_stack_file_ok if {
	count(deny) == 0 with input as file({"deploy": {"replicas": 2, "update_config": {"order": "start-first"}}})
	count(deny) == 0 with input as file({"deploy": {"placement": {"constraints": ["node.role == worker"]}}})
	count(deny) == 0 with input as file({"deploy": {"mode": "global"}})
}

test_stack_file_covers_every_service if {
	count(deny) == 0 with input as {"services": {
		"api": {"image": "ghcr.io/acme/api:1.8.0", "deploy": {"replicas": 2, "rollback_config": {"order": "stop-first"}}},
		"worker": {"image": "ghcr.io/acme/worker:1.8.0"},
	}}
}

test_compose_deploy_keys_checked if {
	count(deny) == 1 with input as file({"deploy": {"replicas": 2, "resources": {"limits": {"memory": "512M"}}}})
	count(deny) == 1 with input as file({"deploy": {"mode": "replicated", "replicas": 1}})
	count(deny) == 1 with input as file({"deploy": {"update_config": null}})
}
