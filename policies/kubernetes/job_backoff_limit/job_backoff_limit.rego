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

deny contains result if {
	some path in job_spec_paths
	spec := object.get(input, path, {})
	is_object(spec)
	object.get(spec, "activeDeadlineSeconds", null) == null
	default_backoff(object.get(spec, "backoffLimit", null))
	result := {
		"msg": sprintf("%s sets no activeDeadlineSeconds and keeps the default backoffLimit (6): a hung or failing run is not bounded", [k8s.resource_name]),
		"path": array.concat(path, ["backoffLimit"]),
	}
}

job_spec_paths contains ["spec"] if input.kind == "Job"

job_spec_paths contains ["spec", "jobTemplate", "spec"] if input.kind == "CronJob"

default_backoff(null)

default_backoff(6)
