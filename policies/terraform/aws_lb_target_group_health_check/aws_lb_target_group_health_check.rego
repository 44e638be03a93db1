# METADATA
# title: Target groups check an application health endpoint
# description: >-
#   A load balancer only stops sending traffic to a target whose health
#   check fails. A target group with health checks disabled, or an HTTP(S)
#   one without a health_check block or path, checks "/" with defaults,
#   which often answers (a static page, a redirect) while the application
#   behind it is broken. Lambda targets are not checked.
# custom:
#   id: tf/aws-lb-target-group-health-check
#   severity: medium
#   resource_types: [aws_lb_target_group, aws_alb_target_group]
#   remediation: >-
#     Add a health_check block with enabled = true and, for HTTP(S), a path
#     to an endpoint that checks the application (and a matcher).
package relcheck.terraform.aws_lb_target_group_health_check

import data.relcheck.lib.terraform as tf

types := ["aws_lb_target_group", "aws_alb_target_group"]

deny contains result if {
	some type in types
	some [name, tg] in tf.resources(type)
	not lambda(tg)
	http(object.get(tg, "protocol", "HTTP"))
	not tf.has_block(tg, "health_check")
	result := {
		"msg": sprintf("%s.%s has no health_check block: the load balancer probes / with defaults", [type, name]),
		"path": tf.resource_path(type, name),
	}
}

deny contains result if {
	some type in types
	some [name, tg] in tf.resources(type)
	not lambda(tg)
	hc := tf.block(tg, "health_check")
	tf.is_false(hc.enabled)
	result := {
		"msg": sprintf("%s.%s disables health checks: traffic keeps going to broken targets", [type, name]),
		"path": array.concat(tf.block_path(tf.resource_path(type, name), tg, "health_check"), ["enabled"]),
	}
}

deny contains result if {
	some type in types
	some [name, tg] in tf.resources(type)
	not lambda(tg)
	hc := tf.block(tg, "health_check")
	not switched_off(hc)
	http(object.get(hc, "protocol", object.get(tg, "protocol", "HTTP")))
	tf.absent(hc, "path")
	result := {
		"msg": sprintf("%s.%s has an HTTP health check without a path: it probes /", [type, name]),
		"path": array.concat(tf.block_path(tf.resource_path(type, name), tg, "health_check"), ["path"]),
	}
}

lambda(tg) if tg.target_type == "lambda"

switched_off(hc) if tf.is_false(hc.enabled)

http(protocol) if tf.upper_str(protocol) in {"HTTP", "HTTPS"}
