//! `ram-doctor apply [FILE|-] --for user:NAME|group:NAME|role:NAME [--policy-name NAME] [--system] [--yes]`:
//! applies the fix for the errors in a text. It first reads what exists and shows the exact changes (a new
//! policy, a new default version of a policy of the same name — never an overwrite —, a deleted old version
//! when the policy is at RAM's 5-version limit, an attachment), then applies them only after `y` on a terminal
//! prompt or `--yes`. Without a terminal and without `--yes` it changes nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::api::ram::{
    AttachPolicy, CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, GetPolicy, ListPolicyVersions, PolicyAttachment, PolicyVersion,
    RotateStrategy,
};
use ram_doctor_core::api::PolicyType;
use ram_doctor_core::grant::GrantPlan;

use crate::gap::{attached_directly, parse_named_target, PlanArgs, Principal};
use crate::live::{CallError, Client, LiveArgs};

/// RAM keeps at most this many versions of a custom policy.
const MAX_POLICY_VERSIONS: usize = 5;

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Who gets the grant: user:NAME, group:NAME or role:NAME.
    #[arg(long = "for", value_name = "KIND:NAME", value_parser = parse_named_target)]
    pub target: Principal,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Apply without asking (the changes are still shown first). Needed when standard input is not a terminal,
    /// e.g. when the error text comes through a pipe.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub live: LiveArgs,
}

/// One change to the account, in the order it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    /// A new custom policy; its document becomes `v1`.
    CreatePolicy {
        name: String,
        document: String,
    },
    /// Makes room under the version limit: the oldest version that is not the default.
    DeleteVersion {
        policy: String,
        version: String,
    },
    /// A policy of the same name exists with another document: a new version, made the default. `shared` counts
    /// the identities it is attached to already (the new version applies to them too).
    CreateVersion {
        policy: String,
        document: String,
        shared: u64,
    },
    Attach {
        policy_type: PolicyType,
        policy: String,
    },
}

impl Change {
    fn describe(&self, principal: &Principal) -> String {
        match self {
            Change::CreatePolicy { name, document } => format!("create custom policy {name}:\n{}", indent(document)),
            Change::DeleteVersion { policy, version } => format!(
                "delete version {version} of custom policy {policy} — the oldest that is not the default — to stay within RAM's {MAX_POLICY_VERSIONS} versions"
            ),
            Change::CreateVersion { policy, document, shared } => {
                let shared = match shared {
                    0 => String::new(),
                    1 => "; it is attached to 1 identity already, and the new version applies to it".to_string(),
                    n => format!("; it is attached to {n} identities already, and the new version applies to each"),
                };
                format!(
                    "custom policy {policy} already exists with another document: add a new version and make it the default (the current one is kept{shared}):\n{}",
                    indent(document)
                )
            }
            Change::Attach { policy_type, policy } => format!("attach {} policy {policy} to {principal}", policy_type.as_str().to_lowercase()),
        }
    }

    fn apply(&self, client: &Client, principal: &Principal) -> Result<String, CallError> {
        Ok(match self {
            Change::CreatePolicy { name, document } => {
                client.call(&CreatePolicy {
                    policy_name: name.clone(),
                    policy_document: document.clone(),
                    description: Some(DESCRIPTION.into()),
                })?;
                format!("created custom policy {name}")
            }
            Change::DeleteVersion { policy, version } => {
                client.call(&DeletePolicyVersion { policy_name: policy.clone(), version_id: version.clone() })?;
                format!("deleted version {version} of {policy}")
            }
            Change::CreateVersion { policy, document, .. } => {
                let created = client.call(&CreatePolicyVersion {
                    policy_name: policy.clone(),
                    policy_document: document.clone(),
                    set_as_default: true,
                    rotate_strategy: Some(RotateStrategy::None),
                })?;
                format!("added version {} of {policy} (now the default)", created.policy_version.version_id)
            }
            Change::Attach { policy_type, policy } => {
                client.call(&AttachPolicy(PolicyAttachment {
                    policy_type: *policy_type,
                    policy_name: policy.clone(),
                    kind: principal.kind,
                    name: principal.name.clone(),
                }))?;
                format!("attached {policy} to {principal}")
            }
        })
    }
}

/// The description a created policy carries, so a person finds where it came from.
const DESCRIPTION: &str = "Created by ram-doctor apply";

fn indent(document: &str) -> String {
    let pretty = serde_json::from_str::<serde_json::Value>(document)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| document.to_string());
    pretty.lines().map(|l| format!("      {l}")).collect::<Vec<_>>().join("\n")
}

/// Whether two policy documents say the same (whitespace and key order aside).
fn same_document(a: &str, b: &str) -> bool {
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The oldest version that is not the default (`v2` before `v10`).
fn oldest_non_default(versions: &[PolicyVersion]) -> Option<&PolicyVersion> {
    let number = |v: &PolicyVersion| v.version_id.trim_start_matches('v').parse::<u64>().unwrap_or(u64::MAX);
    versions.iter().filter(|v| !v.is_default_version).min_by_key(|v| number(v))
}

/// What it takes for the custom policy `name` to hold `document`: nothing, a new policy, or a new version.
fn policy_changes(client: &Client, name: &str, document: &str, notes: &mut Vec<String>) -> Result<Vec<Change>, CallError> {
    let existing = match client.call(&GetPolicy { policy_type: PolicyType::Custom, policy_name: name.into() }) {
        Ok(p) => p,
        Err(e) if e.code() == Some("EntityNotExist.Policy") => {
            return Ok(vec![Change::CreatePolicy { name: name.into(), document: document.into() }])
        }
        Err(e) => return Err(e),
    };
    let shared = existing.policy.attachment_count.unwrap_or(0);
    let current = existing.default_policy_version.map(|v| (v.version_id, v.policy_document)).unwrap_or_default();
    if same_document(&current.1, document) {
        notes.push(format!("custom policy {name} already has this document (version {})", current.0));
        return Ok(vec![]);
    }
    let versions = client.call(&ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: name.into() })?.policy_versions;
    let mut changes = Vec::new();
    if versions.len() >= MAX_POLICY_VERSIONS {
        if let Some(oldest) = oldest_non_default(&versions) {
            changes.push(Change::DeleteVersion { policy: name.into(), version: oldest.version_id.clone() });
        }
    }
    changes.push(Change::CreateVersion { policy: name.into(), document: document.into(), shared });
    Ok(changes)
}

/// Every change the plan needs, after reading what exists.
fn changes(client: &Client, args: &Args, plan: &GrantPlan, notes: &mut Vec<String>) -> Result<Vec<Change>, CallError> {
    let wanted: Vec<(PolicyType, String, Option<String>)> = if args.plan.system {
        plan.narrowest_system_policies().into_iter().map(|p| (PolicyType::System, p.name.clone(), None)).collect()
    } else {
        plan.custom_policies.iter().map(|p| (PolicyType::Custom, p.name.as_str().to_string(), Some(p.document.to_compact_json()))).collect()
    };
    let attached = attached_directly(client, &args.target)?;
    let mut all = Vec::new();
    for (policy_type, name, document) in wanted {
        if let Some(document) = document {
            all.extend(policy_changes(client, &name, &document, notes)?);
        }
        if attached.iter().any(|a| a.policy_type == policy_type && a.policy_name == name) {
            notes.push(format!("{name} is already attached to {}", args.target));
        } else {
            all.push(Change::Attach { policy_type, policy: name });
        }
    }
    Ok(all)
}

/// The user's answer to the prompt on a terminal.
fn confirmed(count: usize, deletes: bool) -> bool {
    let what = if count == 1 { "this change".to_string() } else { format!("these {count} changes") };
    let warning = if deletes { " (one deletes an old policy version)" } else { "" };
    print!("Apply {what}{warning}? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

pub fn run(args: Args) -> ExitCode {
    let (catalog, diagnosis) = match crate::input::diagnose_input(args.file.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let plan = match args.plan.plan(&diagnosis, &catalog, &args.target) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let nothing = if args.plan.system { plan.system_policies.is_empty() } else { plan.custom_policies.is_empty() };
    if nothing {
        let what = if args.plan.system { "system policy" } else { "custom policy" };
        println!("The fix for this text has no {what} to attach: nothing to apply. (`ram-doctor grant` shows every step.)");
        return ExitCode::SUCCESS;
    }
    let client = match Client::from_args(&args.live) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut notes = Vec::new();
    let changes = match changes(&client, &args, &plan, &mut notes) {
        Ok(c) => c,
        Err(e) => return client.report_failure(&e),
    };
    for note in &notes {
        println!("· {note}");
    }
    if changes.is_empty() {
        println!("Nothing to change: {} already has what the fix grants.", args.target);
        return ExitCode::SUCCESS;
    }
    println!("To grant what the error needs, ram-doctor will:");
    for (n, change) in changes.iter().enumerate() {
        println!("  {}. {}", n + 1, change.describe(&args.target));
    }
    let deletes = changes.iter().any(|c| matches!(c, Change::DeleteVersion { .. }));
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return crate::input::fail("nothing was changed: confirm on a terminal, or pass --yes to apply these changes without a prompt");
        }
        if !confirmed(changes.len(), deletes) {
            println!("Nothing was changed.");
            return ExitCode::SUCCESS;
        }
    }
    for (n, change) in changes.iter().enumerate() {
        match change.apply(&client, &args.target) {
            Ok(done) => println!("✓ {done}"),
            Err(e) => {
                if n > 0 {
                    eprintln!("ram-doctor: {n} of {} changes were made before this one failed", changes.len());
                }
                return client.report_failure(&e);
            }
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(id: &str, default: bool) -> PolicyVersion {
        PolicyVersion { version_id: id.into(), is_default_version: default, ..PolicyVersion::default() }
    }

    #[test]
    fn the_oldest_non_default_version_goes_first() {
        let versions = [version("v10", false), version("v3", true), version("v4", false), version("v12", false)];
        assert_eq!(oldest_non_default(&versions).map(|v| v.version_id.as_str()), Some("v4"));
        assert_eq!(oldest_non_default(&[version("v1", true)]), None);
    }

    #[test]
    fn documents_compare_by_meaning_not_layout() {
        let a = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}"#;
        let b =
            "{\n  \"Statement\": [{\"Resource\": \"*\", \"Action\": \"oss:GetObject\", \"Effect\": \"Allow\"}],\n  \"Version\": \"1\"\n}";
        assert!(same_document(a, b));
        assert!(!same_document(a, &a.replace("GetObject", "PutObject")));
    }
}
