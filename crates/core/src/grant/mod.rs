//! Grant plans and their renderings (policy JSON, console steps, `aliyun` CLI, Terraform, ROS).
//!
//! [`GrantPlan::from_findings`] decides what to do; the renderers in [`render`] only print it, each as a
//! pure `fn(&GrantPlan, &RenderOptions) -> String`.

pub mod compare;
pub mod name;
pub mod plan;
pub mod render;
mod steps;
pub mod target;

pub use compare::{Comparison, Situation, SystemOption};
pub use name::{PolicyName, PolicyNameError};
pub use plan::{
    CliCall, CustomPolicy, GrantPlan, PlanError, PlanOptions, ServiceRoleFix, Step, StepKind, SystemPolicyGrant,
    POLICY_DOCUMENT_LIMIT,
};
pub use render::{render, Format, Lang, RenderOptions};
pub use target::{PrincipalKind, Target, TargetError};
