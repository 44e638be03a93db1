# METADATA
# title: CronJobs set a startingDeadlineSeconds
# description: >-
#   Without startingDeadlineSeconds a CronJob whose controller missed more
#   than 100 schedules (controller down, job suspended, clock skew) stops
#   scheduling it altogether, and a run missed during an outage starts at
#   any later time. Values under 10 seconds may skip runs, as the controller
#   checks every 10 seconds.
# custom:
#   id: k8s/cronjob-starting-deadline
#   severity: low
#   kinds: [CronJob]
#   remediation: >-
#     Set spec.startingDeadlineSeconds to how late a run may still start
#     (for example 300), at least 10.
#   related: ["kube-score:cronjob-has-deadline"]
package relcheck.kubernetes.cronjob_starting_deadline

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "CronJob"
	object.get(input, ["spec", "startingDeadlineSeconds"], null) == null
	result := {
		"msg": sprintf("%s does not set startingDeadlineSeconds", [k8s.resource_name]),
		"path": ["spec", "startingDeadlineSeconds"],
	}
}

deny contains result if {
	input.kind == "CronJob"
	n := k8s.number_or_null(input.spec.startingDeadlineSeconds)
	n != null
	n < 10
	result := {
		"msg": sprintf("%s sets startingDeadlineSeconds %d; under 10 seconds runs may be skipped", [k8s.resource_name, n]),
		"path": ["spec", "startingDeadlineSeconds"],
	}
}
