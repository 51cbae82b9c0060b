//! `ram-doctor gap [FILE|-] [--for user:NAME|group:NAME|role:NAME] [--json]`: what is attached to a principal
//! today (its own policies and, for a user, its groups', each with its default version's document), what the
//! diagnosis of an error needs, and what is missing.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use ram_doctor_core::api::ram::{GetPolicy, ListGroupsForUser, ListPoliciesForGroup, ListPoliciesForRole, ListPoliciesForUser};
use ram_doctor_core::api::sts::GetCallerIdentity;
use ram_doctor_core::api::PolicyType;
use ram_doctor_core::grant::target::PrincipalKind;
use ram_doctor_core::grant::Target;
use ram_doctor_core::policy::build::Need;

use crate::live::{report_failure, CallError, Client, LiveArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Whose policies to check: user:NAME, group:NAME or role:NAME (default: the AccessKey's own user or role).
    #[arg(long = "for", value_name = "KIND:NAME", value_parser = parse_named_target)]
    pub target: Option<Principal>,
    /// Print the principal, its policies, the needs and the gap as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub live: LiveArgs,
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

/// How a policy reaches the principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum Via {
    /// Attached to the user, group or role itself.
    Direct,
    /// Attached to a group the user belongs to.
    Group(String),
}

/// One attached policy with its default version's document (`ListPoliciesFor…` then `GetPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachedDocument {
    pub policy_name: String,
    pub policy_type: PolicyType,
    pub version: Option<String>,
    pub via: Via,
    /// The JSON document as RAM returns it (empty when RAM gave none).
    pub document: String,
}

/// The principal the AccessKey itself belongs to (a RAM user or an assumed role).
pub fn caller(client: &Client) -> Result<Option<Principal>, CallError> {
    let identity = client.call(&GetCallerIdentity {})?;
    let user = identity.user_name().map(|n| Principal { kind: PrincipalKind::User, name: n.to_string() });
    Ok(user.or_else(|| identity.role_name().map(|n| Principal { kind: PrincipalKind::Role, name: n.to_string() })))
}

/// The policies attached directly to `principal`, as RAM lists them.
pub fn attached_directly(client: &Client, principal: &Principal) -> Result<Vec<ram_doctor_core::api::ram::AttachedPolicy>, CallError> {
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
            let version = got.default_policy_version.as_ref().map(|v| v.version_id.clone()).or(got.policy.default_version);
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
}

pub fn run(args: Args) -> ExitCode {
    let (_catalog, diagnosis) = match crate::input::diagnose_input(args.file.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let needs: Vec<Need> = diagnosis.findings.iter().filter_map(Need::from_finding).collect();
    if needs.is_empty() {
        println!("No denied action found in the text: nothing to compare with the policies.");
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
            Err(e) => return report_failure(&e, args.live.zh),
        },
    };
    let attached = match attached_documents(&client, &principal) {
        Ok(a) => a,
        Err(e) => return report_failure(&e, args.live.zh),
    };
    if args.json {
        let report = Report { principal: &principal, attached: &attached, needs: &needs };
        println!("{}", serde_json::to_string_pretty(&report).expect("a gap report always serializes"));
        return ExitCode::SUCCESS;
    }
    print!("{}", render(&principal, &attached, &needs));
    ExitCode::SUCCESS
}

fn render(principal: &Principal, attached: &[AttachedDocument], needs: &[Need]) -> String {
    let mut out = format!("{principal}\n\nAttached policies\n");
    if attached.is_empty() {
        out.push_str("  (none)\n");
    }
    for p in attached {
        let via = match &p.via {
            Via::Direct => "attached directly".to_string(),
            Via::Group(g) => format!("through group {g}"),
        };
        let version = p.version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
        out.push_str(&format!("  {:<7} {}{version}  ({via})\n", p.policy_type.as_str(), p.policy_name));
    }
    out.push_str("\nWhat the error needs\n");
    for need in needs {
        let on = need.resource.as_deref().map(|r| format!(" on {r}")).unwrap_or_default();
        out.push_str(&format!("  {}{on}\n", need.actions.join(", ")));
    }
    out
}
