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
    format!(
        "{}{} {}",
        lang.tr("RAM Doctor grant for ", "RAM Doctor 授权对象："),
        kind_word(plan.target.kind, lang),
        plan.target.display_name()
    )
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

impl Format {
    /// Every format, in the order the page's tabs show them.
    pub const ALL: [Format; 5] = [Format::Console, Format::Cli, Format::Terraform, Format::Ros, Format::Json];

    /// The name used by `--format` and in the page's share link.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Console => "console",
            Format::Cli => "cli",
            Format::Terraform => "terraform",
            Format::Ros => "ros",
        }
    }

    /// The format of a [`Format::name`]; `None` for any other word.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A file to save: its name (with the extension its contents need) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The file's name, with its extension.
    pub file_name: &'static str,
    /// What the file holds.
    pub text: String,
}

/// The files a rendering is saved as: one per format, except where the rendering holds two script languages (bash
/// `.sh` and PowerShell `.ps1`) or two template syntaxes (ROS `.yaml` and `.json`), which are only useful apart.
pub fn downloads(format: Format, plan: &GrantPlan, options: &RenderOptions) -> Vec<Download> {
    let file = |file_name: &'static str, text: String| Download { file_name, text };
    match format {
        Format::Json => vec![file("ram-doctor-grant.json", json::render(plan, options))],
        Format::Console => vec![file("ram-doctor-steps.md", console::render(plan, options))],
        Format::Cli => vec![
            file("ram-doctor-grant.sh", cli::bash(plan, options)),
            file("ram-doctor-grant.ps1", cli::powershell(plan, options)),
        ],
        Format::Terraform => vec![file("ram-doctor-grant.tf", terraform::render(plan, options))],
        Format::Ros => vec![
            file("ram-doctor-ros.yaml", ros::template_yaml(plan, options)),
            file("ram-doctor-ros.json", ros::template_json(plan, options)),
        ],
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Kind};

    fn plan() -> GrantPlan {
        let mut f = Finding::new(Kind::MissingPermission);
        f.actions = vec!["ecs:StopInstance".into()];
        GrantPlan::for_finding(&f, &crate::Catalog::empty()).unwrap()
    }

    #[test]
    fn names_read_back() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("yaml"), None);
    }

    #[test]
    fn each_download_holds_one_syntax_with_its_extension() {
        let (plan, options) = (plan(), RenderOptions::default());
        let extensions = |f: Format| {
            downloads(f, &plan, &options).iter().map(|d| d.file_name.rsplit('.').next().unwrap()).collect::<Vec<_>>()
        };
        assert_eq!(extensions(Format::Json), ["json"]);
        assert_eq!(extensions(Format::Console), ["md"]);
        assert_eq!(extensions(Format::Cli), ["sh", "ps1"]);
        assert_eq!(extensions(Format::Terraform), ["tf"]);
        assert_eq!(extensions(Format::Ros), ["yaml", "json"]);
        let cli = downloads(Format::Cli, &plan, &options);
        assert_eq!(
            format!("{}\n{}", cli[0].text, cli[1].text),
            render(Format::Cli, &plan, &options),
            "the two scripts are the shown text"
        );
        assert!(cli[0].text.contains("aliyun ram") && !cli[0].text.contains("PowerShell"), "{}", cli[0].text);
        let ros = downloads(Format::Ros, &plan, &options);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&ros[1].text).unwrap(), ros::template(&plan, &options));
        assert!(ros[0].text.contains("ROSTemplateFormatVersion"), "{}", ros[0].text);
        assert!(serde_json::from_str::<serde_json::Value>(&downloads(Format::Json, &plan, &options)[0].text).is_ok());
    }
}
