# METADATA
# title: Pods get time to shut down gracefully
# description: >-
#   terminationGracePeriodSeconds of 0 or 1 kills containers right after
#   SIGTERM (or without it): in-flight requests fail, transactions are cut
#   off and preStop hooks cannot run.
# custom:
#   id: k8s/termination-grace-period
#   severity: medium
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod]
#   remediation: >-
#     Remove terminationGracePeriodSeconds (default 30) or set it longer than
#     the slowest request plus any preStop delay.
package relcheck.kubernetes.termination_grace_period

import data.relcheck.lib.k8s

deny contains result if {
	v := k8s.pod_spec.terminationGracePeriodSeconds
	n := k8s.number_or_null(v)
	n in {0, 1}
	result := {
		"msg": sprintf("%s sets terminationGracePeriodSeconds %v: containers are killed before they can drain", [k8s.resource_name, v]),
		"path": array.concat(k8s.pod_spec_path, ["terminationGracePeriodSeconds"]),
	}
}
