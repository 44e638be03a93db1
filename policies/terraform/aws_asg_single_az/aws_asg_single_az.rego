# METADATA
# title: Auto Scaling groups span several availability zones
# description: >-
#   An Auto Scaling group given a single subnet (vpc_zone_identifier) or a
#   single availability zone (also written ["${var.region}a"]) places
#   every instance in one AZ, so an AZ outage takes the whole group down.
#   Calls of terraform-aws-modules/autoscaling/aws are read the same way.
#   Groups created one per subnet or zone (count or for_each, each given
#   subnets[count.index] or each.value) are not reported: together they
#   span the zones.
# custom:
#   id: tf/aws-asg-single-az
#   severity: medium
#   resource_types: [aws_autoscaling_group]
#   remediation: >-
#     List subnets in at least two availability zones in vpc_zone_identifier.
package relcheck.terraform.aws_asg_single_az

import data.relcheck.lib.terraform as tf

deny contains result if {
	some [label, asg, base] in tf.created("aws_autoscaling_group")
	some attr in ["vpc_zone_identifier", "availability_zones"]
	zones := asg[attr]
	tf.list_length(zones) == 1
	not expands(zones)
	not tf.spread_by_instance(asg, zones)
	result := {
		"msg": sprintf("%s lists a single %s in %s: all instances share one availability zone", [label, noun[attr], attr]),
		"path": array.concat(base, [attr]),
	}
}

noun := {"vpc_zone_identifier": "subnet", "availability_zones": "zone"}

# A single list element that is itself a list (a splat or a for expression).
expands(zones) if {
	is_array(zones)
	tf.unknown(zones[0])
	tf.list_valued(zones[0])
}
