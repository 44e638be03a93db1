resource "aws_lb_target_group" "app" {
  name        = "app"
  port        = 3000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = "vpc-0123456789abcdef0"

  health_check {
    path                = "/healthz"
    matcher             = "200"
    interval            = 10
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_lb_target_group" "tcp" {
  name     = "mqtt"
  port     = 1883
  protocol = "TCP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_lb_target_group" "thumbnailer" {
  name        = "thumbnailer"
  target_type = "lambda"
}
