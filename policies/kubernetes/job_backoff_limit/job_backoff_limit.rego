# METADATA
# title: Jobs bound how long they can run
# description: >-
#   A Job with neither activeDeadlineSeconds nor an explicit backoffLimit
#   retries a failing pod six times with growing back-off, and a pod that
#   hangs instead of failing runs forever; under a CronJob with
#   concurrencyPolicy Forbid that blocks every later run.
# custom:
#   id: k8s/job-backoff-limit
#   severity: low
#   kinds: [Job, CronJob]
#   remediation: >-
#     Set activeDeadlineSeconds to the longest a run may take, and a
#     backoffLimit that matches how many retries are useful.
package relcheck.kubernetes.job_backoff_limit

import data.relcheck.lib.k8s

# The Job spec is read at a literal path per kind (a set of paths would be a
# rule of its own to evaluate).
deny contains result if {
	input.kind == "Job"
	spec := object.get(input, ["spec"], {})
	is_object(spec)
	object.get(spec, "activeDeadlineSeconds", null) == null
	default_backoff(object.get(spec, "backoffLimit", null))
	result := {
		"msg": sprintf("%s sets no activeDeadlineSeconds and keeps the default backoffLimit (6): a hung or failing run is not bounded", [k8s.resource_name]),
		"path": ["spec", "backoffLimit"],
	}
}

deny contains result if {
	input.kind == "CronJob"
	spec := object.get(input, ["spec", "jobTemplate", "spec"], {})
	is_object(spec)
	object.get(spec, "activeDeadlineSeconds", null) == null
	default_backoff(object.get(spec, "backoffLimit", null))
	result := {
		"msg": sprintf("%s sets no activeDeadlineSeconds and keeps the default backoffLimit (6): a hung or failing run is not bounded", [k8s.resource_name]),
		"path": ["spec", "jobTemplate", "spec", "backoffLimit"],
	}
}

default_backoff(null)

default_backoff(6)
