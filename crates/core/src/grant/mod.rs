//! Grant plans and their renderings (policy JSON, console steps, `aliyun` CLI, Terraform, ROS).
