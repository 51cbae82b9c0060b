//! `ram-doctor apply [FILE|-] --for user:NAME|group:NAME|role:NAME [--policy-name NAME] [--system] [--yes]`:
//! applies the fix for the errors in a text. It first reads what exists and shows the exact changes (a new
//! policy, a new default version of a policy of the same name — never an overwrite —, a deleted old version
//! when the policy is at RAM's 5-version limit, an attachment), then applies them only after `y` on a terminal
//! prompt or `--yes`. Without a terminal and without `--yes` it changes nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::api::ram::{GetPolicy, GetPolicyResponse, ListPolicyVersions, PolicyVersion};
use ram_doctor_core::api::PolicyType;
use ram_doctor_core::apply::{self, say, Call, Existing, Note, Plan, Step, Wanted};
use ram_doctor_core::grant::render::Lang;
use ram_doctor_core::grant::GrantPlan;

use crate::gap::{attached_directly, parse_named_target, PlanArgs, Principal};
use crate::live::{CallError, Client, LiveArgs};

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

/// Makes one step on the account; returns the version a new version got.
fn make(step: &Step, client: &Client, principal: &Principal) -> Result<Option<String>, CallError> {
    Ok(match step.call(principal.kind, &principal.name) {
        Call::CreatePolicy(request) => client.call(&request).map(|_| None)?,
        Call::DeleteVersion(request) => client.call(&request).map(|_| None)?,
        Call::CreateVersion(request) => Some(client.call(&request)?.policy_version.version_id),
        Call::Attach(request) => client.call(&request).map(|_| None)?,
    })
}

/// What exists under a custom policy's name, read with `GetPolicy` (and `ListPolicyVersions` when a new version
/// may be added); `None` when there is no such policy.
fn read_existing(
    client: &Client,
    name: &str,
    document: &str,
) -> Result<Option<(GetPolicyResponse, Vec<PolicyVersion>)>, CallError> {
    let policy = match client.call(&GetPolicy { policy_type: PolicyType::Custom, policy_name: name.into() }) {
        Ok(p) => p,
        Err(e) if e.code() == Some("EntityNotExist.Policy") => return Ok(None),
        Err(e) => return Err(e),
    };
    let versions = if apply::needs_versions(policy.default_policy_version.as_ref(), document) {
        client.call(&ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: name.into() })?.policy_versions
    } else {
        Vec::new()
    };
    Ok(Some((policy, versions)))
}

/// Every change the plan needs, after reading what exists.
fn changes(client: &Client, args: &Args, plan: &GrantPlan, notes: &mut Vec<Note>) -> Result<Vec<Step>, CallError> {
    let wanted: Vec<Wanted> = if args.plan.system {
        plan.narrowest_system_policies().into_iter().map(|p| Wanted::System { name: p.name.clone() }).collect()
    } else {
        plan.custom_policies
            .iter()
            .map(|p| Wanted::Custom { name: p.name.as_str().to_string(), document: p.document.to_compact_json() })
            .collect()
    };
    let attached = attached_directly(client, &args.target)?;
    let principal = args.target.to_string();
    let mut all = Vec::new();
    for wanted in wanted {
        let read = match &wanted {
            Wanted::Custom { name, document } => read_existing(client, name, document)?,
            Wanted::System { .. } => None,
        };
        let existing = match &read {
            None => Existing::Absent,
            Some((p, versions)) => Existing::Present {
                default: p.default_policy_version.as_ref(),
                attachment_count: p.policy.attachment_count.unwrap_or(0),
                versions,
            },
        };
        let is_attached =
            attached.iter().any(|a| a.policy_type == wanted.policy_type() && a.policy_name == wanted.name());
        let planned = Plan::new(wanted, existing, is_attached, &principal);
        all.extend(planned.steps);
        notes.extend(planned.notes);
    }
    Ok(all)
}

/// The user's answer to the prompt on a terminal.
fn confirmed(count: usize, deletes: bool, lang: Lang) -> bool {
    print!("{}", say::confirm(count, deletes, lang));
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
    let lang = if args.live.zh { Lang::Zh } else { Lang::En };
    let nothing = if args.plan.system { plan.system_policies.is_empty() } else { plan.custom_policies.is_empty() };
    if nothing {
        println!("{}", say::nothing_to_apply(args.plan.system, lang));
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
        println!("· {}", note.text(lang));
    }
    if changes.is_empty() {
        println!("{}", say::nothing_to_change(&args.target.to_string(), lang));
        return ExitCode::SUCCESS;
    }
    let principal = args.target.to_string();
    println!("{}", say::will(lang));
    for (n, change) in changes.iter().enumerate() {
        println!("  {}. {}", n + 1, change.describe(&principal, lang));
    }
    let deletes = changes.iter().any(|c| matches!(c, Step::DeleteVersion { .. }));
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return crate::input::fail(say::needs_confirmation(lang));
        }
        if !confirmed(changes.len(), deletes, lang) {
            println!("{}", say::nothing_changed(lang));
            return ExitCode::SUCCESS;
        }
    }
    for (n, change) in changes.iter().enumerate() {
        match make(change, &client, &args.target) {
            Ok(version) => println!("✓ {}", change.done(&principal, version.as_deref(), lang)),
            Err(e) => {
                if n > 0 {
                    eprintln!("ram-doctor: {}", say::partly_done(n, changes.len(), lang));
                }
                return client.report_failure(&e);
            }
        }
    }
    ExitCode::SUCCESS
}
