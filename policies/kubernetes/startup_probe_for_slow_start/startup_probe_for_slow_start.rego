# METADATA
# title: Liveness probes leave slow starts time to finish
# description: >-
#   A liveness probe without a startupProbe starts counting failures right
#   after its initial delay. When initialDelaySeconds + failureThreshold x
#   periodSeconds is under a minute, a container that needs longer to start
#   (JVM warm-up, cache loading, migrations, a cold node) is killed before it
#   ever serves, and restarts in a loop.
# custom:
#   id: k8s/startup-probe-for-slow-start
#   severity: low
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Add a startupProbe with the same check and a generous failureThreshold x
#     periodSeconds (for example 30 x 10s); the livenessProbe only starts once
#     it has succeeded, so it can stay strict.
package relcheck.kubernetes.startup_probe_for_slow_start

import data.relcheck.lib.k8s

# Seconds after start before which a liveness probe may kill the container.
min_budget := 60

# Probes that set their timings as numbers (or not at all) are read in place.
deny contains result if {
	some i, c in k8s.pod_spec.containers
	live := c.livenessProbe
	is_object(live)
	not k8s.has(c, "startupProbe")
	delay := object.get(live, "initialDelaySeconds", 0)
	period := object.get(live, "periodSeconds", 10)
	threshold := object.get(live, "failureThreshold", 3)
	is_number(delay)
	is_number(period)
	is_number(threshold)
	budget := delay + (period * threshold)
	budget < 60 # min_budget, written out: a rule reference costs an evaluation
	result := {
		"msg": sprintf(
			"container %q of %s has no startupProbe and its livenessProbe restarts it if it is not up within %ds (initialDelaySeconds %d)",
			[c.name, k8s.resource_name, budget, delay],
		),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "livenessProbe", "initialDelaySeconds"]),
	}
}

# A timing written as a string ("10") is read as its number.
deny contains result if {
	some i, c in k8s.pod_spec.containers
	live := c.livenessProbe
	some field in ["initialDelaySeconds", "periodSeconds", "failureThreshold"]
	is_string(live[field])
	is_object(live)
	not k8s.has(c, "startupProbe")
	delay := seconds(live, "initialDelaySeconds", 0)
	budget := delay + (seconds(live, "periodSeconds", 10) * seconds(live, "failureThreshold", 3))
	budget < 60 # min_budget, written out: a rule reference costs an evaluation
	result := {
		"msg": sprintf(
			"container %q of %s has no startupProbe and its livenessProbe restarts it if it is not up within %ds (initialDelaySeconds %d)",
			[c.name, k8s.resource_name, budget, delay],
		),
		"path": array.concat(k8s.pod_spec_path, ["containers", i, "livenessProbe", "initialDelaySeconds"]),
	}
}

seconds(probe, field, default_value) := n if {
	n := object.get(probe, field, default_value)
	is_number(n)
} else := n if {
	n := k8s.number_or_null(probe[field])
	n != null
}
