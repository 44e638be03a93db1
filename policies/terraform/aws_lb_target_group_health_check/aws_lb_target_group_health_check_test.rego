package relcheck.terraform.aws_lb_target_group_health_check

tg(attrs) := {"resource": {"aws_lb_target_group": {"api": object.union({"port": 8080, "protocol": "HTTP", "vpc_id": "${module.vpc.vpc_id}"}, attrs)}}}

test_no_block if {
	res := deny with input as tg({})
	res == {{"msg": "aws_lb_target_group.api has no health_check block: the load balancer probes / with defaults", "path": ["resource", "aws_lb_target_group", "api"]}}
}

test_disabled if {
	res := deny with input as tg({"health_check": [{"enabled": false}]})
	res == {{"msg": "aws_lb_target_group.api disables health checks: traffic keeps going to broken targets", "path": ["resource", "aws_lb_target_group", "api", "health_check", 0, "enabled"]}}
}

test_no_path if {
	some r in deny with input as tg({"health_check": [{"matcher": "200", "interval": 15}]})
	r.path == ["resource", "aws_lb_target_group", "api", "health_check", 0, "path"]
}

test_path_ok if count(deny) == 0 with input as tg({"health_check": [{"path": "/healthz", "matcher": "200-299"}]})

test_tcp_nlb_without_block_ok if count(deny) == 0 with input as tg({"protocol": "TCP"})

test_tcp_health_check_on_http_ok if count(deny) == 0 with input as tg({"health_check": [{"protocol": "TCP", "port": "traffic-port"}]})

test_lambda_ok if count(deny) == 0 with input as {"resource": {"aws_lb_target_group": {"fn": {"target_type": "lambda"}}}}

test_alb_alias if count(deny) == 1 with input as {"resource": {"aws_alb_target_group": {"old": {"port": 80, "protocol": "HTTP"}}}}

test_dynamic_block_ok if count(deny) == 0 with input as tg({"dynamic": [{"health_check": {"for_each": "${var.health_checks}", "content": [{"path": "${health_check.value.path}"}]}}]})
