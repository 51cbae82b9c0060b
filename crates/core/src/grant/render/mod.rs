//! Renderers: one module per format, each a pure function from a plan to text.

pub mod cli;
pub mod console;
pub mod json;
pub mod ros;
pub mod shell;
pub mod terraform;
mod yaml;

use serde::{Deserialize, Serialize};

use crate::finding::Localized;
use crate::grant::plan::GrantPlan;
use crate::grant::target::PrincipalKind;

/// The language of the words around the code (code, names and documents are never translated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Picks this language's text.
    pub fn pick(self, text: &Localized) -> &str {
        match self {
            Lang::En => &text.en,
            Lang::Zh => &text.zh,
        }
    }

    /// Picks between two literals: `lang.tr("Custom Policy", "自定义策略")`.
    pub fn tr<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// "RAM user" / "RAM 用户" and friends.
pub fn kind_word(kind: PrincipalKind, lang: Lang) -> &'static str {
    match kind {
        PrincipalKind::User => lang.tr("RAM user", "RAM 用户"),
        PrincipalKind::Group => lang.tr("RAM user group", "RAM 用户组"),
        PrincipalKind::Role => lang.tr("RAM role", "RAM 角色"),
    }
}

/// The first line of every rendering: who the grant is for.
pub fn heading(plan: &GrantPlan, lang: Lang) -> String {
    format!("{}{} {}", lang.tr("RAM Doctor grant for ", "RAM Doctor 授权对象："), kind_word(plan.target.kind, lang), plan.target.display_name())
}

/// How to render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// The language of the words around the code.
    pub lang: Lang,
}

/// The output formats of `ram-doctor grant --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The plan as JSON.
    Json,
    /// Console steps, click by click.
    Console,
    /// `aliyun` CLI calls, for bash and PowerShell.
    Cli,
    /// A Terraform configuration.
    Terraform,
    /// ROS templates, YAML then JSON.
    Ros,
}

/// Renders `plan` in `format`.
pub fn render(format: Format, plan: &GrantPlan, options: &RenderOptions) -> String {
    match format {
        Format::Json => json::render(plan, options),
        Format::Console => console::render(plan, options),
        Format::Cli => cli::render(plan, options),
        Format::Terraform => terraform::render(plan, options),
        Format::Ros => ros::render(plan, options),
    }
}
