resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.medium"
}

resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = 1 # want: tf/aws-asg-min-size
  max_size            = 6
  desired_capacity    = 2
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
  health_check_type   = "ELB"

  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }

  tag {
    key                 = "Name"
    value               = "web"
    propagate_at_launch = true
  }
}

module "workers" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "~> 7.0"

  name                = "workers"
  min_size            = 1 # want: tf/aws-asg-min-size
  max_size            = 4
  desired_capacity    = 2
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}
