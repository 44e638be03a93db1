# METADATA
# title: CronJobs choose a concurrencyPolicy
# description: >-
#   concurrencyPolicy defaults to Allow: when a run takes longer than the
#   schedule interval, runs pile up, compete for the same data and resources,
#   and can snowball into an outage of what they talk to.
# custom:
#   id: k8s/cronjob-concurrency
#   severity: low
#   kinds: [CronJob]
#   remediation: >-
#     Set spec.concurrencyPolicy to Forbid (skip a run while one is active) or
#     Replace, or to Allow explicitly when overlapping runs are safe.
package relcheck.kubernetes.cronjob_concurrency

import data.relcheck.lib.k8s

deny contains result if {
	input.kind == "CronJob"
	object.get(input, ["spec", "concurrencyPolicy"], null) == null
	result := {
		"msg": sprintf("%s does not set concurrencyPolicy, so overlapping runs are allowed", [k8s.resource_name]),
		"path": ["spec", "concurrencyPolicy"],
	}
}
