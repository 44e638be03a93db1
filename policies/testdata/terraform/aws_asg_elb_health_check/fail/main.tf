resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}

resource "aws_autoscaling_group" "web" { # want: tf/aws-asg-elb-health-check
  name                = "web"
  min_size            = 2
  max_size            = 8
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  target_group_arns   = [aws_lb_target_group.web.arn]

  launch_template {
    id      = "lt-0abc1234def567890"
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "api" {
  name                = "api"
  min_size            = 2
  max_size            = 8
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  health_check_type   = "EC2" # want: tf/aws-asg-elb-health-check

  launch_template {
    id = "lt-0abc1234def567890"
  }
}

resource "aws_autoscaling_attachment" "api" {
  autoscaling_group_name = aws_autoscaling_group.api.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}

module "frontend" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "9.2.0"

  name                = "frontend"
  min_size            = 2
  max_size            = 6
  health_check_type   = "EC2" # want: tf/aws-asg-elb-health-check
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  traffic_source_attachments = {
    alb = {
      traffic_source_identifier = aws_lb_target_group.web.arn
      traffic_source_type       = "elbv2"
    }
  }
}
