resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
  instance_types  = ["m6i.large"]

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1 # want: tf/aws-eks-node-group-min-size
  }

  update_config {
    max_unavailable = 1
  }
}

resource "aws_eks_node_group" "spot" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "spot"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  capacity_type   = "SPOT"

  scaling_config {
    desired_size = 0
    max_size     = 10
    min_size     = 0 # want: tf/aws-eks-node-group-min-size
  }
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name    = "shop"
  cluster_version = "1.30"
  vpc_id          = "vpc-0a1b2c3d"
  subnet_ids      = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  eks_managed_node_groups = {
    default = {
      instance_types = ["t3.medium"]
      min_size       = 1 # want: tf/aws-eks-node-group-min-size
      max_size       = 3
      desired_size   = 1
    }
    # A value known only at plan time beside min_size.
    batch = {
      instance_types = var.batch_instance_types
      min_size       = 0 # want: tf/aws-eks-node-group-min-size
      max_size       = 10
    }
  }
}

variable "batch_instance_types" {
  type = list(string)
}
