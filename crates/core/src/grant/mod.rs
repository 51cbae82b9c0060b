//! Grant plans and their renderings (policy JSON, console steps, `aliyun` CLI, Terraform, ROS).
//!
//! [`GrantPlan::from_findings`] decides what to do; the renderers in [`render`] only print it, each as a
//! pure `fn(&GrantPlan, &RenderOptions) -> String`.

pub mod compare;
pub mod merge;
pub mod name;
pub mod plan;
pub mod render;
mod steps;
pub mod target;

pub use compare::{Comparison, Situation, SystemOption};
pub use merge::{error_rows, merged_plan, ErrorRow};
pub use name::{PolicyName, PolicyNameError};
pub use plan::{
    CliCall, CustomPolicy, GrantPlan, PlanError, PlanOptions, ServiceRoleFix, Step, StepKind, SystemPolicyGrant,
    POLICY_DOCUMENT_LIMIT,
};
pub use render::{downloads, render, Download, Format, Lang, RenderOptions};
pub use target::{PrincipalKind, Target, TargetError};
