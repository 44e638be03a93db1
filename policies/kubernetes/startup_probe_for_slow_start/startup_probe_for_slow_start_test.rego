package relcheck.kubernetes.startup_probe_for_slow_start

deployment(container) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "orders"},
	"spec": {"template": {"spec": {"containers": [container]}}},
}

test_defaults_flagged if {
	res := deny with input as deployment({"name": "orders", "livenessProbe": {"httpGet": {"path": "/actuator/health/liveness", "port": 8080}}})
	res == {{
		"msg": `container "orders" of Deployment/orders has no startupProbe and its livenessProbe restarts it if it is not up within 30s (initialDelaySeconds 0)`,
		"path": ["spec", "template", "spec", "containers", 0, "livenessProbe", "initialDelaySeconds"],
	}}
}

test_short_delay_flagged if {
	count(deny) == 1 with input as deployment({"name": "orders", "livenessProbe": {"tcpSocket": {"port": 8080}, "initialDelaySeconds": 10, "periodSeconds": 5}})
}

test_startup_probe_ok if {
	count(deny) == 0 with input as deployment({
		"name": "orders",
		"startupProbe": {"httpGet": {"path": "/health", "port": 8080}, "failureThreshold": 30, "periodSeconds": 10},
		"livenessProbe": {"httpGet": {"path": "/health", "port": 8080}},
	})
}

test_long_initial_delay_ok if {
	count(deny) == 0 with input as deployment({"name": "orders", "livenessProbe": {"httpGet": {"path": "/health", "port": 8080}, "initialDelaySeconds": 60}})
}

test_high_failure_threshold_ok if {
	count(deny) == 0 with input as deployment({"name": "orders", "livenessProbe": {"exec": {"command": ["true"]}, "periodSeconds": 20, "failureThreshold": 6}})
}

test_no_liveness_ok if {
	count(deny) == 0 with input as deployment({"name": "orders"})
}

# Helm values often render numbers as strings.
test_string_timings_flagged if {
	res := deny with input as deployment({"name": "orders", "livenessProbe": {"tcpSocket": {"port": 8080}, "initialDelaySeconds": "5", "periodSeconds": 10, "failureThreshold": " 2 "}})
	res == {{
		"msg": `container "orders" of Deployment/orders has no startupProbe and its livenessProbe restarts it if it is not up within 25s (initialDelaySeconds 5)`,
		"path": ["spec", "template", "spec", "containers", 0, "livenessProbe", "initialDelaySeconds"],
	}}
}

test_string_timings_long_enough_ok if {
	count(deny) == 0 with input as deployment({"name": "orders", "livenessProbe": {"tcpSocket": {"port": 8080}, "initialDelaySeconds": "60"}})
}

test_unreadable_timings_not_judged if {
	every v in [null, "{{ .Values.delay }}", true, [1]] {
		count(deny) == 0 with input as deployment({"name": "orders", "livenessProbe": {"tcpSocket": {"port": 8080}, "initialDelaySeconds": v}})
	}
}

test_null_startup_probe_is_missing if {
	live := {"httpGet": {"path": "/health", "port": 8080}}
	count(deny) == 1 with input as deployment({"name": "orders", "startupProbe": null, "livenessProbe": live})
	count(deny) == 1 with input as deployment({"name": "orders", "startupProbe": null, "livenessProbe": object.union(live, {"periodSeconds": "5"})})
	count(deny) == 0 with input as deployment({"name": "orders", "livenessProbe": null})
}
