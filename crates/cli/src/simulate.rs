//! `ram-doctor simulate --policy P.json [--policy …] [--control-policy C.json] [--session-policy S.json]
//! --action ecs:StopInstance --resource ARN [--context acs:SourceIp=1.2.3.4 …] [--json]`.
//!
//! Exit codes: 0 when a decision was made (allowed or not), 2 when a policy file cannot be read or evaluated.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use ram_doctor_core::finding::Layer;
use ram_doctor_core::policy::condition::format_date;
use ram_doctor_core::policy::parse::{parse_document, DocumentError};
use ram_doctor_core::policy::simulate::{layer_name, CompiledPolicy, PolicySet, Request, StatementRef};
use ram_doctor_core::policy::PolicyDocument;

#[derive(clap::Args)]
pub struct Args {
    /// An identity policy (of the user, its groups, or the role); repeat for several.
    #[arg(long = "policy", value_name = "FILE")]
    pub policies: Vec<PathBuf>,
    /// A Resource Directory control policy; repeat for several. When given, they must allow the request too.
    #[arg(long = "control-policy", value_name = "FILE")]
    pub control_policies: Vec<PathBuf>,
    /// The STS session policy (the `Policy` parameter of AssumeRole).
    #[arg(long = "session-policy", value_name = "FILE")]
    pub session_policy: Option<PathBuf>,
    /// The RAM action, e.g. `ecs:StopInstance`.
    #[arg(long)]
    pub action: String,
    /// The resource ARN, e.g. `acs:ecs:cn-hangzhou:123456789012:instance/i-abc`.
    #[arg(long, default_value = "*")]
    pub resource: String,
    /// A request condition key, `KEY=VALUE`; repeat a key for several values. `acs:CurrentTime` defaults to now.
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// Print the decision as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match decide(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => crate::input::fail(&e),
    }
}

/// A policy file, compiled for deciding and kept as a document for printing the deciding statements.
fn load(path: &Path) -> Result<(PolicyDocument, CompiledPolicy), String> {
    let text = crate::input::read_text(Some(path))?;
    let located = |e: DocumentError| format!("{}:{e}", path.display());
    let compiled = CompiledPolicy::from_json(&text).map_err(located)?;
    Ok((parse_document(&text).map_err(located)?, compiled))
}

fn load_all(paths: &[PathBuf]) -> Result<(Vec<PolicyDocument>, Vec<CompiledPolicy>), String> {
    Ok(paths.iter().map(|p| load(p)).collect::<Result<Vec<_>, _>>()?.into_iter().unzip())
}

fn decide(args: &Args) -> Result<(), String> {
    let (identity_docs, identity) = load_all(&args.policies)?;
    let (control_docs, control) = load_all(&args.control_policies)?;
    let (session_docs, session) = load_all(args.session_policy.as_slice())?;
    let mut set = PolicySet::new(identity);
    if !control.is_empty() {
        set = set.with_control_policies(control);
    }
    if let Some(s) = session.into_iter().next() {
        set = set.with_session_policy(s);
    }
    let mut request = Request::new(args.action.as_str(), args.resource.as_str());
    for pair in &args.context {
        let (key, value) = pair.split_once('=').ok_or_else(|| format!("--context wants KEY=VALUE, got \"{pair}\""))?;
        request.context.add(key.trim(), value);
    }
    if !request.context.contains("acs:CurrentTime") {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| format!("the system clock is before 1970: {e}"))?;
        request.context.add("acs:CurrentTime", format_date(i64::try_from(now.as_millis()).unwrap_or(i64::MAX)));
    }
    let decision = set.simulate(&request);
    let layer_files = |r: &StatementRef| -> (&[PathBuf], &[PolicyDocument]) {
        match r.layer {
            Layer::ControlPolicy => (&args.control_policies, &control_docs),
            Layer::SessionPolicy => (args.session_policy.as_slice(), &session_docs),
            _ => (&args.policies, &identity_docs),
        }
    };
    let file_of =
        |r: &StatementRef| layer_files(r).0.get(r.policy).map_or_else(String::new, |p| p.display().to_string());
    let statement_of = |r: &StatementRef| {
        layer_files(r)
            .1
            .get(r.policy)
            .and_then(|d| d.statements.get(r.statement))
            .map(|st| serde_json::to_value(st).unwrap_or_default())
    };
    if args.json {
        let deciding: Vec<serde_json::Value> = decision
            .deciding
            .iter()
            .map(|r| serde_json::json!({ "layer": r.layer, "policy": r.policy, "statement": r.statement, "file": file_of(r), "text": statement_of(r) }))
            .collect();
        let out = serde_json::json!({
            "allowed": decision.allowed,
            "reason": decision.reason,
            "explanation": decision.reason.to_string(),
            "deciding": deciding,
            "request": { "action": request.action, "resource": request.resource },
        });
        println!("{}", serde_json::to_string_pretty(&out).expect("a decision always serializes"));
    } else {
        println!("{}: {} on {}", if decision.allowed { "ALLOWED" } else { "DENIED" }, request.action, request.resource);
        println!("  {}", decision.reason);
        for r in &decision.deciding {
            println!("  by {} {} statement {} ({})", layer_name(r.layer), r.policy, r.statement, file_of(r));
            if let Some(st) = statement_of(r) {
                println!("    {st}");
            }
        }
    }
    Ok(())
}
