//! `ram-doctor whoami [--json]`: who the AccessKey belongs to (STS `GetCallerIdentity`).

use std::process::ExitCode;

use ram_doctor_core::api::say;
use ram_doctor_core::api::sts::GetCallerIdentity;
use ram_doctor_core::grant::render::Lang;

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
    let lang = if args.live.zh { Lang::Zh } else { Lang::En };
    let name = identity
        .user_name()
        .map(|n| format!("{} {n}", say::RAM_USER.get(lang)))
        .or_else(|| identity.role_name().map(|r| format!("{} {r}", say::ROLE.get(lang))));
    let rows = [
        (
            say::IDENTITY.get(lang),
            Some(match name {
                Some(n) => format!("{} ({n})", identity.identity_type),
                None => identity.identity_type.clone(),
            }),
        ),
        (say::ACCOUNT.get(lang), Some(identity.account_id.clone())),
        (say::ARN.get(lang), Some(identity.arn.clone())),
        (say::USER_ID.get(lang), identity.user_id.clone()),
        (say::ROLE_ID.get(lang), identity.role_id.clone()),
        (say::PRINCIPAL.get(lang), Some(identity.principal_id.clone())),
    ];
    for (label, value) in rows.iter().filter_map(|(l, v)| v.as_ref().map(|v| (l, v))) {
        println!("{label:<10} {value}");
    }
    ExitCode::SUCCESS
}
