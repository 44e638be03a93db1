resource "aws_lb" "public" {
  name               = "public"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb_target_group" "app" { # want: tf/aws-lb-target-group-health-check
  name        = "app"
  port        = 3000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = "vpc-0123456789abcdef0"
}

resource "aws_lb_target_group" "admin" {
  name     = "admin"
  port     = 8080
  protocol = "HTTPS"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check { # want: tf/aws-lb-target-group-health-check
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
    matcher             = "200-399"
  }
}

resource "aws_lb_target_group" "grpc" {
  name             = "grpc"
  port             = 50051
  protocol         = "HTTP"
  protocol_version = "GRPC"
  vpc_id           = "vpc-0123456789abcdef0"

  health_check {
    enabled = false # want: tf/aws-lb-target-group-health-check
  }
}
