//! `ram-doctor apply [FILE|-] --for user:NAME|group:NAME|role:NAME [--policy-name NAME] [--system] [--yes]`:
//! applies the fix for the errors in a text. It first reads what exists and shows the exact changes (a new
//! policy, a new default version of a policy of the same name — never an overwrite —, a deleted old version
//! when the policy is at RAM's 5-version limit, an attachment), then applies them only after `y` on a terminal
//! prompt or `--yes`. Without a terminal and without `--yes` it changes nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::api::ram::{
    AttachPolicy, CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, GetPolicy, ListPolicyVersions,
    PolicyAttachment, RotateStrategy,
};
use ram_doctor_core::api::PolicyType;
use ram_doctor_core::apply::{self, say, Existing, Note, Step, POLICY_DESCRIPTION};
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
    Ok(match step {
        Step::CreatePolicy { name, document } => {
            client.call(&CreatePolicy {
                policy_name: name.clone(),
                policy_document: document.clone(),
                description: Some(POLICY_DESCRIPTION.into()),
            })?;
            None
        }
        Step::DeleteVersion { policy, version } => {
            client.call(&DeletePolicyVersion { policy_name: policy.clone(), version_id: version.clone() })?;
            None
        }
        Step::CreateVersion { policy, document, .. } => {
            let created = client.call(&CreatePolicyVersion {
                policy_name: policy.clone(),
                policy_document: document.clone(),
                set_as_default: true,
                rotate_strategy: Some(RotateStrategy::None),
            })?;
            Some(created.policy_version.version_id)
        }
        Step::Attach { policy_type, policy } => {
            client.call(&AttachPolicy(PolicyAttachment {
                policy_type: *policy_type,
                policy_name: policy.clone(),
                kind: principal.kind,
                name: principal.name.clone(),
            }))?;
            None
        }
    })
}

/// What it takes for the custom policy `name` to hold `document`, after reading what exists under the name.
fn policy_changes(client: &Client, name: &str, document: &str, notes: &mut Vec<Note>) -> Result<Vec<Step>, CallError> {
    let existing = match client.call(&GetPolicy { policy_type: PolicyType::Custom, policy_name: name.into() }) {
        Ok(p) => Some(p),
        Err(e) if e.code() == Some("EntityNotExist.Policy") => None,
        Err(e) => return Err(e),
    };
    let planned = match &existing {
        None => apply::policy_steps(name, document, Existing::Absent),
        Some(p) => {
            let default = p.default_policy_version.as_ref();
            let holds_it = default.is_some_and(|v| apply::same_document(&v.policy_document, document));
            // The versions matter only when a new one is added (for RAM's limit).
            let versions = if holds_it {
                Vec::new()
            } else {
                client
                    .call(&ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: name.into() })?
                    .policy_versions
            };
            let attachment_count = p.policy.attachment_count.unwrap_or(0);
            apply::policy_steps(name, document, Existing::Present { default, attachment_count, versions: &versions })
        }
    };
    Ok(planned.unwrap_or_else(|note| {
        notes.push(note);
        Vec::new()
    }))
}

/// Every change the plan needs, after reading what exists.
fn changes(client: &Client, args: &Args, plan: &GrantPlan, notes: &mut Vec<Note>) -> Result<Vec<Step>, CallError> {
    let wanted: Vec<(PolicyType, String, Option<String>)> = if args.plan.system {
        plan.narrowest_system_policies().into_iter().map(|p| (PolicyType::System, p.name.clone(), None)).collect()
    } else {
        plan.custom_policies
            .iter()
            .map(|p| (PolicyType::Custom, p.name.as_str().to_string(), Some(p.document.to_compact_json())))
            .collect()
    };
    let attached = attached_directly(client, &args.target)?;
    let mut all = Vec::new();
    for (policy_type, name, document) in wanted {
        if let Some(document) = document {
            all.extend(policy_changes(client, &name, &document, notes)?);
        }
        if attached.iter().any(|a| a.policy_type == policy_type && a.policy_name == name) {
            notes.push(Note::AlreadyAttached { policy: name, principal: args.target.to_string() });
        } else {
            all.push(Step::Attach { policy_type, policy: name });
        }
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
