module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
  name    = "main"
  cidr    = "10.0.0.0/16"
  azs     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = module.vpc.vpc_id
  cidr_block        = cidrsubnet("10.1.0.0/16", 8, count.index)
  availability_zone = element(["eu-west-1a", "eu-west-1b", "eu-west-1c"], count.index)
}

resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = module.vpc.private_subnets

  launch_template {
    id = "lt-0abc1234def567890"
  }
}

resource "aws_autoscaling_group" "api" {
  name                = "api"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = aws_subnet.private[*].id

  launch_template {
    id = "lt-0abc1234def567890"
  }
}

resource "aws_autoscaling_group" "legacy" {
  name                 = "legacy"
  min_size             = 2
  max_size             = 4
  availability_zones   = ["eu-west-1a", "eu-west-1b"]
  launch_configuration = "legacy-lc"
}

# One group per availability zone (EBS-backed brokers stay in their zone).
resource "aws_autoscaling_group" "brokers" {
  count               = 3
  name                = "brokers-${count.index}"
  min_size            = 1
  max_size            = 1
  vpc_zone_identifier = [aws_subnet.private[count.index].id]

  launch_template {
    id = "lt-0abc1234def567890"
  }
}

resource "aws_autoscaling_group" "web" {
  name                 = "web"
  min_size             = 2
  max_size             = 4
  launch_configuration = "web-lc"
  availability_zones   = ["${var.region}a", "${var.region}b"]
}

# Terraform 0.11: a list passed as ["${var.list}"].
resource "aws_autoscaling_group" "legacy011" {
  name                 = "legacy011"
  min_size             = 2
  max_size             = 4
  launch_configuration = "legacy-lc"
  vpc_zone_identifier  = ["${var.private_subnet_ids}"]
}
