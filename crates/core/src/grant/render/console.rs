//! The plan as numbered steps in the RAM console, with deep links and today's console wording
//! ("Add Permissions", System Policy / Custom Policy; 新增授权, 系统策略 / 自定义策略).

use std::fmt::Write;

use crate::grant::plan::{GrantPlan, ServiceRoleFix, POLICY_DOCUMENT_LIMIT};
use crate::grant::render::shell::bash_line;
use crate::grant::render::{heading, kind_word, Lang, RenderOptions};
use crate::grant::steps::note_text;
use crate::grant::target::{PrincipalKind, Target};

const CONSOLE: &str = "https://ram.console.aliyun.com";

/// The target's page in the console: its own page when named, the list when it is a placeholder.
pub fn principal_url(target: &Target) -> String {
    let section = match target.kind {
        PrincipalKind::User => "users",
        PrincipalKind::Group => "groups",
        PrincipalKind::Role => "roles",
    };
    match &target.name {
        Some(name) => format!("{CONSOLE}/{section}/{name}"),
        None => format!("{CONSOLE}/{section}"),
    }
}

/// The page where a custom policy is created.
pub fn new_policy_url() -> String {
    format!("{CONSOLE}/policies/new")
}

/// Numbered lines: `1. …`, continuing across sections so every step has one number.
struct Steps {
    text: String,
    n: usize,
}

impl Steps {
    fn heading(&mut self, title: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let _ = writeln!(self.text, "## {title}");
    }
    fn step(&mut self, line: &str) {
        self.n += 1;
        let _ = writeln!(self.text, "{}. {line}", self.n);
    }
    /// Text under the current step, indented.
    fn block(&mut self, body: &str) {
        for line in body.lines() {
            let _ = writeln!(self.text, "   {line}");
        }
    }
}

/// "Open <page> [and the user X]": a placeholder target is found in the list.
fn open_principal(target: &Target, lang: Lang) -> String {
    let url = principal_url(target);
    let kind = kind_word(target.kind, lang);
    match &target.name {
        Some(_) => match lang {
            Lang::En => format!("Open {url} (the {kind}'s page) and go to the Permissions tab."),
            Lang::Zh => format!("打开 {url}（{kind} {} 的页面），进入“权限管理”页签。", target.display_name()),
        },
        None => match lang {
            Lang::En => {
                format!("Open {url}, click the {kind} {}, and go to the Permissions tab.", target.display_name())
            }
            Lang::Zh => format!("打开 {url}，单击{kind} {}，进入“权限管理”页签。", target.display_name()),
        },
    }
}

fn grant_steps(s: &mut Steps, target: &Target, policy_type: &str, names: &[&str], lang: Lang) {
    s.step(&open_principal(target, lang));
    s.step(lang.tr("Click Add Permissions (on newer pages: Grant Permission).", "单击“新增授权”。"));
    s.step(lang.tr(
        "In the panel, keep Resource Scope at Account; the principal is already filled in.",
        "在弹出的面板中，资源范围保持“账号级别”；授权主体已自动填好。",
    ));
    let list = names.join(", ");
    let tab = match policy_type {
        "System" => lang.tr("System Policy", "系统策略"),
        _ => lang.tr("Custom Policy", "自定义策略"),
    };
    s.step(&match (lang, names.len()) {
        (Lang::En, 1) => format!("Under Policy, choose {tab}, search for {list}, and select it."),
        (Lang::En, _) => format!("Under Policy, choose {tab}, then search for and select each of: {list}."),
        (Lang::Zh, _) => format!("在“权限策略”中选择“{tab}”，搜索并选中：{list}。"),
    });
    s.step(lang.tr("Click OK, then Close.", "单击“确认新增授权”，然后单击“关闭”。"));
}

fn service_role_steps(s: &mut Steps, fix: &ServiceRoleFix, lang: Lang) {
    let role = fix.role_name.as_deref().unwrap_or("<role-name>");
    let service = fix.service_name.as_deref().unwrap_or("<service-name>");
    if let Some(url) = &fix.authorize_url {
        s.step(&match lang {
            Lang::En => format!("Open the one-click authorization page {url} as the account owner or a RAM administrator, and click Authorize / Confirm Authorization Policy."),
            Lang::Zh => format!("用主账号或 RAM 管理员打开一键授权页面 {url}，单击“同意授权”。"),
        });
    }
    if fix.linked {
        s.step(&match lang {
            Lang::En => format!("The service-linked role {role} is usually created the first time the product's console is used by someone allowed ram:CreateServiceLinkedRole. To create it now, run:"),
            Lang::Zh => format!("服务关联角色 {role} 通常在有 ram:CreateServiceLinkedRole 权限的人首次使用该产品控制台时自动创建。如需立即创建，请执行："),
        });
        s.block(&bash_line(&crate::grant::plan::CliCall::new(
            "ram",
            "CreateServiceLinkedRole",
            &[("--ServiceName", service)],
        )));
    } else {
        let policy = fix.role_policy.as_deref().unwrap_or("<system-policy-name>");
        s.step(&match lang {
            Lang::En => format!("Open {CONSOLE}/roles, click Create Role, choose Alibaba Cloud Service as the trusted entity and {service} as the service, and name the role {role}."),
            Lang::Zh => format!("打开 {CONSOLE}/roles，单击“创建角色”，可信实体类型选择“阿里云服务”，受信服务选择 {service}，角色名称填写 {role}。"),
        });
        s.step(&match lang {
            Lang::En => format!("On the role's Permissions tab, click Add Permissions, choose System Policy, select {policy}, and click OK."),
            Lang::Zh => format!("在该角色的“权限管理”页签单击“新增授权”，选择“系统策略”中的 {policy}，单击“确认新增授权”。"),
        });
        if let Some(how) = &fix.how_to_authorize {
            s.block(&format!("{} {how}", lang.tr("The product's documentation says:", "产品文档（英文）的说法：")));
        }
    }
}

/// The numbered console steps in the chosen language.
pub fn render(plan: &GrantPlan, options: &RenderOptions) -> String {
    let lang = options.lang;
    let target = &plan.target;
    let mut s = Steps { text: String::new(), n: 0 };
    let _ = writeln!(s.text, "# {}", heading(plan, lang));
    if plan.is_empty() {
        s.text.push_str(lang.tr(
            "Nothing to do: no error that a change in RAM would fix.\n",
            "无需操作：没有可通过 RAM 修改解决的错误。\n",
        ));
        return s.text;
    }
    for policy in &plan.custom_policies {
        s.heading(
            lang.tr("Least privilege: create a custom policy and attach it", "最小权限：创建自定义权限策略并授权"),
        );
        s.step(&match lang {
            Lang::En => {
                format!("Open {} (Permissions > Policies > Create Policy) and choose the JSON tab.", new_policy_url())
            }
            Lang::Zh => {
                format!("打开 {}（权限管理 > 权限策略 > 创建权限策略），选择“脚本编辑”页签。", new_policy_url())
            }
        });
        s.step(&match lang {
            Lang::En => format!(
                "Replace the editor's content with this document ({} of {POLICY_DOCUMENT_LIMIT} characters):",
                policy.size()
            ),
            Lang::Zh => format!("把编辑框的内容替换为下面的文档（{} / {POLICY_DOCUMENT_LIMIT} 字符）：", policy.size()),
        });
        s.block(&policy.document.to_pretty_json());
        for note in &policy.notes {
            s.block(&format!("{}{}", lang.tr("Note: ", "注意："), lang.pick(&note_text(note))));
        }
        s.step(&match lang {
            Lang::En => format!("Click OK, enter the policy name {}, and click OK. If a policy with that name exists, open it instead, click Modify Policy Document, paste the document and save.", policy.name),
            Lang::Zh => format!("单击“确定”，策略名称填写 {}，再单击“确定”。如果同名策略已存在，请打开它，单击“修改策略内容”，粘贴文档并保存。", policy.name),
        });
        grant_steps(&mut s, target, "Custom", &[policy.name.as_str()], lang);
    }
    if !plan.system_policies.is_empty() {
        s.heading(if plan.custom_policies.is_empty() {
            lang.tr(
                "Attach system policies (one per product, the narrowest)",
                "授权系统策略（每个产品一个，权限最小的）",
            )
        } else {
            lang.tr("Or, broader and quicker: attach system policies", "或者（更快但权限更大）：授权系统策略")
        });
        for p in &plan.system_policies {
            let surplus = match (p.extra_actions, lang) {
                (Some(n), Lang::En) => format!(" It allows {n} more actions than needed."),
                (Some(n), Lang::Zh) => format!("比所需多允许 {n} 个操作。"),
                (None, _) => String::new(),
            };
            let _ = writeln!(s.text, "- {}: {}{surplus}", p.name, lang.pick(&p.explanation));
        }
        let names: Vec<&str> = plan.narrowest_system_policies().iter().map(|p| p.name.as_str()).collect();
        grant_steps(&mut s, target, "System", &names, lang);
    }
    for fix in &plan.service_roles {
        s.heading(lang.tr("Create the missing service role", "创建缺失的服务角色"));
        service_role_steps(&mut s, fix, lang);
    }
    if !plan.steps.is_empty() {
        s.heading(lang.tr("Other fixes", "其他修复"));
    }
    for step in &plan.steps {
        s.step(lang.pick(&step.title));
        for d in &step.details {
            s.block(&format!("- {}", lang.pick(d)));
        }
        if let Some(doc) = &step.document {
            s.block(&serde_json::to_string_pretty(doc).expect("a JSON value always serializes"));
        }
        for call in &step.calls {
            s.block(&format!("$ {}", bash_line(call)));
        }
    }
    s.text
}
