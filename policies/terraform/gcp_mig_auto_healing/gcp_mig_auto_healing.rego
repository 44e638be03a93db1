# METADATA
# title: Managed instance groups heal unhealthy instances
# description: >-
#   Without auto_healing_policies a managed instance group recreates only
#   instances that stop running; a VM whose application hangs or crashes
#   keeps its place in the group (and behind the load balancer).
# custom:
#   id: tf/gcp-mig-auto-healing
#   severity: medium
#   resource_types: [google_compute_instance_group_manager, google_compute_region_instance_group_manager]
#   remediation: >-
#     Add auto_healing_policies { health_check = google_compute_health_check.x.id,
#     initial_delay_sec = ... } with an application-level health check.
package relcheck.terraform.gcp_mig_auto_healing

import data.relcheck.lib.terraform as tf

deny contains result if {
	some type in ["google_compute_instance_group_manager", "google_compute_region_instance_group_manager"]
	some [name, mig] in tf.resources(type)
	not tf.has_block(mig, "auto_healing_policies")
	result := {
		"msg": sprintf("%s.%s has no auto_healing_policies: instances whose application fails are not recreated", [type, name]),
		"path": tf.resource_path(type, name),
	}
}
