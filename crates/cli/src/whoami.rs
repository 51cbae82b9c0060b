//! `ram-doctor whoami [--json]`: who the AccessKey belongs to (STS `GetCallerIdentity`).

use std::process::ExitCode;

use ram_doctor_core::api::sts::GetCallerIdentity;

use crate::live::{Client, LiveArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Print the GetCallerIdentity response with the API's own field names (AccountId, Arn, IdentityType,
    /// PrincipalId, UserId …).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub live: LiveArgs,
}

pub fn run(args: Args) -> ExitCode {
    let client = match Client::from_args(&args.live) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let identity = match client.call(&GetCallerIdentity {}) {
        Ok(i) => i,
        Err(e) => return client.report_failure(&e),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&identity).expect("an identity always serializes"));
        return ExitCode::SUCCESS;
    }
    let name = identity.user_name().map(|n| format!("RAM user {n}")).or_else(|| identity.role_name().map(|r| format!("role {r}")));
    let rows = [
        (
            "identity",
            Some(match name {
                Some(n) => format!("{} ({n})", identity.identity_type),
                None => identity.identity_type.clone(),
            }),
        ),
        ("account", Some(identity.account_id.clone())),
        ("arn", Some(identity.arn.clone())),
        ("user id", identity.user_id.clone()),
        ("role id", identity.role_id.clone()),
        ("principal", Some(identity.principal_id.clone())),
    ];
    for (label, value) in rows.iter().filter_map(|(l, v)| v.as_ref().map(|v| (l, v))) {
        println!("{label:<10} {value}");
    }
    ExitCode::SUCCESS
}
