//! `ram-doctor simulate --policy P.json [--policy …] [--control-policy C.json] [--session-policy S.json]
//! --action ecs:StopInstance --resource ARN [--context acs:SourceIp=1.2.3.4 …] [--json]`.
//!
//! Exit codes: 0 when a decision was made (allowed or not), 2 when a policy file cannot be read or evaluated.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use ram_doctor_core::finding::Layer;
use ram_doctor_core::policy::condition::format_date;
use ram_doctor_core::policy::simulate::{layer_name, CompiledPolicy, PolicySet, Request, StatementRef};

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

fn load(path: &Path) -> Result<CompiledPolicy, String> {
    let text = crate::input::read_text(Some(path))?;
    CompiledPolicy::from_json(&text).map_err(|e| format!("{}:{e}", path.display()))
}

fn load_all(paths: &[PathBuf]) -> Result<Vec<CompiledPolicy>, String> {
    paths.iter().map(|p| load(p)).collect()
}

fn decide(args: &Args) -> Result<(), String> {
    let mut set = PolicySet::new(load_all(&args.policies)?);
    if !args.control_policies.is_empty() {
        set = set.with_control_policies(load_all(&args.control_policies)?);
    }
    if let Some(path) = &args.session_policy {
        set = set.with_session_policy(load(path)?);
    }
    let mut request = Request::new(args.action.as_str(), args.resource.as_str());
    for pair in &args.context {
        let (key, value) = pair.split_once('=').ok_or_else(|| format!("--context wants KEY=VALUE, got \"{pair}\""))?;
        request.context.add(key.trim(), value);
    }
    if !request.context.contains("acs:CurrentTime") {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| format!("the system clock is before 1970: {e}"))?;
        request.context.add("acs:CurrentTime", format_date(i64::try_from(now.as_millis()).unwrap_or(i64::MAX)));
    }
    let decision = set.simulate(&request);
    let file_of = |r: &StatementRef| -> String {
        let list: Vec<&PathBuf> = match r.layer {
            Layer::ControlPolicy => args.control_policies.iter().collect(),
            Layer::SessionPolicy => args.session_policy.iter().collect(),
            _ => args.policies.iter().collect(),
        };
        list.get(r.policy).map_or_else(String::new, |p| p.display().to_string())
    };
    if args.json {
        let deciding: Vec<serde_json::Value> = decision
            .deciding
            .iter()
            .map(|r| serde_json::json!({ "layer": r.layer, "policy": r.policy, "statement": r.statement, "file": file_of(r) }))
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
        }
    }
    Ok(())
}
