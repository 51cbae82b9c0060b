//! `ram-doctor gap [FILE|-] [--for user:NAME|group:NAME|role:NAME] [--policy-name NAME] [--system] [--json]`:
//! what is attached to a principal today (its own policies and, for a user, its groups', each with its default
//! version's document), what the diagnosis of an error needs, and what is missing — decided by core's gap
//! analysis (the simulator), today and with the fix `apply` would make.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use ram_doctor_core::api::ram::{
    GetPolicy, ListGroupsForUser, ListPoliciesForGroup, ListPoliciesForRole, ListPoliciesForUser,
};
use ram_doctor_core::api::sts::GetCallerIdentity;
use ram_doctor_core::gap::{analyse, planned_policies, AttachedDocument, Change, Gap, PlanChoice, PlannedPolicy, Via};
use ram_doctor_core::grant::target::PrincipalKind;
use ram_doctor_core::grant::{GrantPlan, Lang, PlanOptions, PolicyName, Target};
use ram_doctor_core::policy::build::Need;
use ram_doctor_core::policy::simulate::Context;
use ram_doctor_core::{Catalog, Diagnosis};

use crate::live::{CallError, Client, LiveArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Whose policies to check: user:NAME, group:NAME or role:NAME (default: the AccessKey's own user or role).
    #[arg(long = "for", value_name = "KIND:NAME", value_parser = parse_named_target)]
    pub target: Option<Principal>,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Print the principal, its policies, the needs, the planned policies and the gap as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub live: LiveArgs,
}

/// Which fix `gap` measures and `apply` makes.
#[derive(clap::Args)]
pub struct PlanArgs {
    /// Name of the custom policy (letters, digits, '-'; at most 128); generated and stable when omitted.
    #[arg(long, value_name = "NAME", value_parser = parse_policy_name)]
    pub policy_name: Option<PolicyName>,
    /// The narrowest system policy of each product instead of a least-privilege custom policy.
    #[arg(long)]
    pub system: bool,
}

fn parse_policy_name(s: &str) -> Result<PolicyName, String> {
    PolicyName::parse(s).map_err(|e| e.to_string())
}

impl PlanArgs {
    /// The grant plan for the diagnosis, for `principal`.
    pub fn plan(&self, diagnosis: &Diagnosis, catalog: &Catalog, principal: &Principal) -> Result<GrantPlan, ExitCode> {
        let target = Target { kind: principal.kind, name: Some(principal.name.clone()) };
        let options = PlanOptions {
            target: Some(target),
            policy_name: self.policy_name.clone(),
            build: Default::default(),
            product: None,
        };
        GrantPlan::from_findings(&diagnosis.findings, catalog, &options).map_err(|e| crate::input::fail(&e.to_string()))
    }

    pub fn choice(&self) -> PlanChoice {
        if self.system {
            PlanChoice::SystemPolicies
        } else {
            PlanChoice::CustomPolicies
        }
    }
}

/// A named user, group or role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub name: String,
}

impl std::fmt::Display for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind.as_str(), self.name)
    }
}

/// `--for KIND:NAME`, where the live commands need the name itself (no placeholder).
pub fn parse_named_target(s: &str) -> Result<Principal, String> {
    let target = Target::parse(s).map_err(|e| e.to_string())?;
    match target.name {
        Some(name) => Ok(Principal { kind: target.kind, name }),
        None => Err(format!("name the {0}: {0}:NAME", target.kind.as_str())),
    }
}

/// The principal the AccessKey itself belongs to (a RAM user or an assumed role).
pub fn caller(client: &Client) -> Result<Option<Principal>, CallError> {
    let identity = client.call(&GetCallerIdentity {})?;
    let user = identity.user_name().map(|n| Principal { kind: PrincipalKind::User, name: n.to_string() });
    Ok(user.or_else(|| identity.role_name().map(|n| Principal { kind: PrincipalKind::Role, name: n.to_string() })))
}

/// The policies attached directly to `principal`, as RAM lists them.
pub fn attached_directly(
    client: &Client,
    principal: &Principal,
) -> Result<Vec<ram_doctor_core::api::ram::AttachedPolicy>, CallError> {
    let name = principal.name.clone();
    Ok(match principal.kind {
        PrincipalKind::User => client.call(&ListPoliciesForUser { user_name: name })?.policies,
        PrincipalKind::Group => client.call(&ListPoliciesForGroup { group_name: name })?.policies,
        PrincipalKind::Role => client.call(&ListPoliciesForRole { role_name: name })?.policies,
    })
}

/// Every policy that applies to `principal` — its own and, for a user, its groups' — with the default
/// version's document.
pub fn attached_documents(client: &Client, principal: &Principal) -> Result<Vec<AttachedDocument>, CallError> {
    let mut listed: Vec<(Via, ram_doctor_core::api::ram::AttachedPolicy)> =
        attached_directly(client, principal)?.into_iter().map(|p| (Via::Direct, p)).collect();
    if principal.kind == PrincipalKind::User {
        for group in client.call(&ListGroupsForUser { user_name: principal.name.clone() })?.groups {
            let policies = client.call(&ListPoliciesForGroup { group_name: group.group_name.clone() })?.policies;
            listed.extend(policies.into_iter().map(|p| (Via::Group(group.group_name.clone()), p)));
        }
    }
    listed
        .into_iter()
        .map(|(via, p)| {
            let got = client.call(&GetPolicy { policy_type: p.policy_type, policy_name: p.policy_name.clone() })?;
            let version =
                got.default_policy_version.as_ref().map(|v| v.version_id.clone()).or(got.policy.default_version);
            Ok(AttachedDocument {
                policy_name: p.policy_name,
                policy_type: p.policy_type,
                version,
                via,
                document: got.default_policy_version.map(|v| v.policy_document).unwrap_or_default(),
            })
        })
        .collect()
}

/// What `gap` found, as `--json` prints it.
#[derive(Serialize)]
struct Report<'a> {
    principal: &'a Principal,
    attached: &'a [AttachedDocument],
    needs: &'a [Need],
    planned: &'a [PlannedPolicy],
    /// System policies of the plan whose documents the catalog lacks (not simulated).
    not_simulated: &'a [String],
    gap: &'a Gap,
}

pub fn run(args: Args) -> ExitCode {
    let (catalog, diagnosis) = match crate::input::diagnose_input(args.file.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let lang = if args.live.zh { Lang::Zh } else { Lang::En };
    let needs: Vec<Need> = ram_doctor_core::gap::needs(&diagnosis.findings, &catalog);
    if needs.is_empty() {
        println!(
            "{}",
            lang.tr(
                "No denied action found in the text: nothing to compare with the policies.",
                "文本中没有找到被拒绝的操作：无需与策略比较。"
            )
        );
        return ExitCode::SUCCESS;
    }
    let client = match Client::from_args(&args.live) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let principal = match args.target {
        Some(p) => p,
        None => match caller(&client) {
            Ok(Some(p)) => p,
            Ok(None) => {
                return crate::input::fail(
                    "the AccessKey is the account's own (root): it may do everything. Name who to check with --for user:NAME, group:NAME or role:NAME",
                )
            }
            Err(e) => return client.report_failure(&e),
        },
    };
    let plan = match args.plan.plan(&diagnosis, &catalog, &principal) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let attached = match attached_documents(&client, &principal) {
        Ok(a) => a,
        Err(e) => return client.report_failure(&e),
    };
    let (planned, not_simulated) = planned_policies(&plan, args.plan.choice(), &catalog);
    let mut context = Context::default();
    context.add("acs:CurrentTime", crate::live::now().to_iso8601());
    let gap = analyse(&attached, &needs, &planned, &context);
    if args.json {
        let report = Report {
            principal: &principal,
            attached: &attached,
            needs: &needs,
            planned: &planned,
            not_simulated: &not_simulated,
            gap: &gap,
        };
        println!("{}", serde_json::to_string_pretty(&report).expect("a gap report always serializes"));
        return ExitCode::SUCCESS;
    }
    print!("{}", render(&principal, &attached, &planned, &not_simulated, &gap, lang));
    ExitCode::SUCCESS
}

fn render(
    principal: &Principal,
    attached: &[AttachedDocument],
    planned: &[PlannedPolicy],
    not_simulated: &[String],
    gap: &Gap,
    lang: Lang,
) -> String {
    let words = |l: &ram_doctor_core::finding::Localized| {
        if lang == Lang::Zh && !l.zh.is_empty() {
            l.zh.clone()
        } else {
            l.en.clone()
        }
    };
    let mut out = format!("{principal}\n\n{}\n", lang.tr("Attached policies", "已授权的策略"));
    if attached.is_empty() {
        out.push_str(&format!("  {}\n", lang.tr("(none)", "（无）")));
    }
    for p in attached {
        let via = match &p.via {
            Via::Direct => lang.tr("attached directly", "直接授权").to_string(),
            Via::Group(g) => format!("{} {g}", lang.tr("through group", "通过用户组")),
            Via::Plan => lang.tr("planned", "计划授予").to_string(),
        };
        let version = p.version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
        out.push_str(&format!("  {:<7} {}{version}  ({via})\n", p.policy_type.as_str(), p.policy_name));
    }
    out.push_str(&format!("\n{}\n", lang.tr("The fix", "修复方案")));
    for p in planned {
        out.push_str(&format!("  {:<7} {}\n", p.policy_type.as_str(), p.policy_name));
    }
    for name in not_simulated {
        out.push_str(&format!(
            "  System  {name}  ({})\n",
            lang.tr("its document is not in the catalog: not simulated", "目录中没有其策略文档：未模拟")
        ));
    }
    out.push_str(&format!("\n{}\n", lang.tr("What the error needs", "错误所需的权限")));
    for a in &gap.actions {
        let mark = match a.change {
            Change::AlreadyAllowed => "✓",
            Change::NowAllowed => "+",
            Change::StillDenied | Change::BlockedByDeny => "✗",
        };
        out.push_str(&format!("  {mark} {}\n", words(&a.words)));
    }
    for u in &gap.unreadable {
        out.push_str(&format!("  ! {}: {}\n", u.policy_name, u.problem));
    }
    out.push_str(&format!("\n{}\n", words(&gap.summary)));
    out
}
