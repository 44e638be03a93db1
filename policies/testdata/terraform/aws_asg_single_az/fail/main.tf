resource "aws_subnet" "private_a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = [aws_subnet.private_a.id] # want: tf/aws-asg-single-az

  launch_template {
    id      = "lt-0abc1234def567890"
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "legacy" {
  name               = "legacy"
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-west-1b"] # want: tf/aws-asg-single-az
  launch_configuration = "legacy-lc"
}

resource "aws_autoscaling_group" "jenkins" {
  name                 = "jenkins"
  min_size             = 2
  max_size             = 2
  launch_configuration = "jenkins-lc"
  vpc_zone_identifier  = [data.aws_subnets.public.ids[0]] # want: tf/aws-asg-single-az
}

# A switch, not a spread: at most one group, in the first subnet.
resource "aws_autoscaling_group" "bastion" {
  count                = var.bastion_enabled ? 1 : 0
  name                 = "bastion"
  min_size             = 1
  max_size             = 1
  launch_configuration = "bastion-lc"
  vpc_zone_identifier  = [var.public_subnet_ids[count.index]] # want: tf/aws-asg-single-az
}

resource "aws_autoscaling_group" "web" {
  name                 = "web"
  min_size             = 2
  max_size             = 4
  launch_configuration = "web-lc"
  availability_zones   = ["${var.region}a"] # want: tf/aws-asg-single-az
  load_balancers       = ["web-elb"]
  health_check_type    = "ELB"
}
