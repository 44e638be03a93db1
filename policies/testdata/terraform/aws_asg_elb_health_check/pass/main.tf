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

resource "aws_autoscaling_group" "web" {
  name                      = "web"
  min_size                  = 2
  max_size                  = 8
  vpc_zone_identifier       = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  target_group_arns         = [aws_lb_target_group.web.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 300

  launch_template {
    id      = "lt-0abc1234def567890"
    version = "$Latest"
  }
}

# Not behind a load balancer: EC2 status checks are all there is.
resource "aws_autoscaling_group" "queue_workers" {
  name                = "queue-workers"
  min_size            = 2
  max_size            = 20
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  launch_template {
    id = "lt-0abc1234def567890"
  }
}

module "frontend" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "9.2.0"

  name                      = "frontend"
  min_size                  = 2
  max_size                  = 6
  health_check_type         = "ELB"
  health_check_grace_period = 300
  vpc_zone_identifier       = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  traffic_source_attachments = {
    alb = {
      traffic_source_identifier = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
      traffic_source_type       = "elbv2"
    }
  }
}
