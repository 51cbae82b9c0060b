//! The plan as `aliyun` CLI calls, for bash and for PowerShell. The main path runs as pasted;
//! alternatives (an existing policy, a broader system policy) and manual steps are printed as comments
//! (`# aliyun …`) to uncomment deliberately.

use crate::grant::plan::{CliCall, GrantPlan, ServiceRoleFix, POLICY_DOCUMENT_LIMIT};
use crate::grant::render::shell::{bash_line, powershell_line};
use crate::grant::render::{heading, Lang, RenderOptions};
use crate::grant::steps::note_text;
use crate::grant::target::PrincipalKind;

/// One line of the script before quoting.
enum Entry {
    Comment(String),
    /// A call to run as pasted.
    Run(CliCall),
    /// A call printed commented out: an alternative or a manual step.
    Alternative(CliCall),
    Blank,
}

/// `AttachPolicyToUser --UserName` and friends for the target's kind.
fn attach(kind: PrincipalKind, policy_type: &str, policy: &str, name: &str) -> CliCall {
    let (api, param) = match kind {
        PrincipalKind::User => ("AttachPolicyToUser", "--UserName"),
        PrincipalKind::Group => ("AttachPolicyToGroup", "--GroupName"),
        PrincipalKind::Role => ("AttachPolicyToRole", "--RoleName"),
    };
    CliCall::new("ram", api, &[("--PolicyType", policy_type), ("--PolicyName", policy), (param, name)])
}

fn service_role_entries(fix: &ServiceRoleFix, lang: Lang, out: &mut Vec<Entry>) {
    let role = fix.role_name.as_deref().unwrap_or("<role-name>");
    let service = fix.service_name.as_deref().unwrap_or("<service-name>");
    if fix.linked {
        out.push(Entry::Comment(format!("{} {role}", lang.tr("Create the service-linked role", "创建服务关联角色"))));
        out.push(Entry::Run(CliCall::new("ram", "CreateServiceLinkedRole", &[("--ServiceName", service)])));
    } else {
        out.push(Entry::Comment(format!(
            "{} {role} ({service})",
            lang.tr("Create the service role and authorize it", "创建服务角色并授权")
        )));
        let trust = fix.trust_policy().to_string();
        out.push(Entry::Run(CliCall::new(
            "ram",
            "CreateRole",
            &[("--RoleName", role), ("--AssumeRolePolicyDocument", &trust)],
        )));
        let policy = fix.role_policy.as_deref().unwrap_or("<system-policy-name>");
        out.push(Entry::Run(attach(PrincipalKind::Role, "System", policy, role)));
    }
    if let Some(url) = &fix.authorize_url {
        out.push(Entry::Comment(format!("{} {url}", lang.tr("Or authorize in one click:", "或一键授权："))));
    }
}

fn entries(plan: &GrantPlan, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    let target = &plan.target;
    let who = target.display_name();
    out.push(Entry::Comment(heading(plan, lang)));
    if target.name.is_none() && plan.attaches_to_target() {
        out.push(Entry::Comment(format!(
            "{} {who}",
            lang.tr("Replace the placeholder with the real name:", "请把占位符替换为实际名称：")
        )));
    }
    for policy in &plan.custom_policies {
        let name = policy.name.as_str();
        let doc = policy.document.to_compact_json();
        out.push(Entry::Blank);
        out.push(Entry::Comment(format!(
            "{} {name} ({} / {POLICY_DOCUMENT_LIMIT})",
            lang.tr("Create the custom policy", "创建自定义权限策略"),
            policy.size()
        )));
        for note in &policy.notes {
            out.push(Entry::Comment(format!("  {}", lang.pick(&note_text(note)))));
        }
        out.push(Entry::Run(CliCall::new(
            "ram",
            "CreatePolicy",
            &[("--PolicyName", name), ("--PolicyDocument", &doc)],
        )));
        out.push(Entry::Comment(
            lang.tr(
                "If the policy already exists, make this document its default version instead:",
                "如果该策略已存在，改为把这份文档设为它的新默认版本：",
            )
            .to_string(),
        ));
        out.push(Entry::Alternative(CliCall::new(
            "ram",
            "CreatePolicyVersion",
            &[
                ("--PolicyName", name),
                ("--PolicyDocument", &doc),
                ("--SetAsDefault", "true"),
                ("--RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded"),
            ],
        )));
        out.push(Entry::Comment(lang.tr("Attach it", "授权").to_string()));
        out.push(Entry::Run(attach(target.kind, "Custom", name, who)));
    }
    if !plan.system_policies.is_empty() {
        out.push(Entry::Blank);
        let has_custom = !plan.custom_policies.is_empty();
        out.push(Entry::Comment(if has_custom {
            lang.tr("Or, broader: attach a system policy instead", "或者（权限更大）：改为授权系统策略").to_string()
        } else {
            lang.tr(
                "Attach system policies (one per product; the others are broader alternatives)",
                "授权系统策略（每个产品一个；其余为权限更大的备选）",
            )
            .to_string()
        }));
        let narrowest = plan.narrowest_system_policies();
        for p in &plan.system_policies {
            out.push(Entry::Comment(format!("{}: {}", p.name, lang.pick(&p.explanation))));
            let call = attach(target.kind, "System", &p.name, who);
            let run = !has_custom && narrowest.iter().any(|n| std::ptr::eq(*n, p));
            out.push(if run { Entry::Run(call) } else { Entry::Alternative(call) });
        }
    }
    for fix in &plan.service_roles {
        out.push(Entry::Blank);
        service_role_entries(fix, lang, &mut out);
    }
    for step in &plan.steps {
        out.push(Entry::Blank);
        out.push(Entry::Comment(lang.pick(&step.title).to_string()));
        for d in &step.details {
            out.push(Entry::Comment(format!("  {}", lang.pick(d))));
        }
        for call in &step.calls {
            out.push(Entry::Alternative(call.clone()));
        }
    }
    out
}

fn comment(text: &str) -> String {
    // A comment never spans lines: a newline in a detail would end the comment and run the rest.
    format!("# {}", text.replace(['\n', '\r'], " "))
}

/// The bash and the PowerShell scripts, one after the other.
pub fn render(plan: &GrantPlan, options: &RenderOptions) -> String {
    format!("{}\n{}", bash(plan, options), powershell(plan, options))
}

/// The bash script alone (a `.sh` file).
pub fn bash(plan: &GrantPlan, options: &RenderOptions) -> String {
    let lang = options.lang;
    let mut text = String::new();
    text.push_str(&comment(
        lang.tr("===== bash (Linux, macOS, Cloud Shell) =====", "===== bash（Linux、macOS、Cloud Shell）====="),
    ));
    text.push('\n');
    for e in &entries(plan, lang) {
        match e {
            Entry::Comment(c) => text.push_str(&comment(c)),
            Entry::Run(call) => text.push_str(&bash_line(call)),
            Entry::Alternative(call) => text.push_str(&format!("# {}", bash_line(call))),
            Entry::Blank => {}
        }
        text.push('\n');
    }
    text
}

/// The PowerShell script alone (a `.ps1` file).
pub fn powershell(plan: &GrantPlan, options: &RenderOptions) -> String {
    let lang = options.lang;
    let mut text = String::new();
    text.push_str(&comment(lang.tr("===== PowerShell (Windows) =====", "===== PowerShell（Windows）=====")));
    text.push('\n');
    for e in &entries(plan, lang) {
        match e {
            Entry::Comment(c) => text.push_str(&comment(c)),
            Entry::Run(call) | Entry::Alternative(call) => {
                let (line, risky) = powershell_line(call);
                if risky {
                    text.push_str(&comment(lang.tr(
                        "Check the next line by hand: PowerShell expands %NAME% and stops at | even after --%",
                        "请手工检查下一行：即使在 --% 之后，PowerShell 仍会展开 %NAME% 并在 | 处截断",
                    )));
                    text.push('\n');
                }
                if matches!(e, Entry::Alternative(_)) {
                    text.push_str("# ");
                }
                text.push_str(&line);
            }
            Entry::Blank => {}
        }
        text.push('\n');
    }
    text
}
