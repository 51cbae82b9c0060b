//! `ram-doctor decode ENCODED_DIAGNOSTIC_MESSAGE [--json]`: what a denial's `EncodedDiagnosticMessage` says
//! (RAM `DecodeDiagnosticMessage`), with a RAM user's id turned into its name (IMS `GetUser`) when the key may.

use std::process::ExitCode;

use ram_doctor_core::api::ims;
use ram_doctor_core::api::ram::DecodeDiagnosticMessage;
use ram_doctor_core::api::say;
use ram_doctor_core::grant::render::Lang;

use crate::live::{Client, LiveArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The `EncodedDiagnosticMessage` of a NoPermission error's `AccessDeniedDetail`.
    #[arg(value_name = "ENCODED_DIAGNOSTIC_MESSAGE")]
    pub message: String,
    /// Print the DecodeDiagnosticMessage response as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub live: LiveArgs,
}

pub fn run(args: Args) -> ExitCode {
    if args.message.trim().is_empty() {
        return crate::input::fail("give the EncodedDiagnosticMessage to decode");
    }
    let client = match Client::from_args(&args.live) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let decoded =
        match client.call(&DecodeDiagnosticMessage { encoded_diagnostic_message: args.message.trim().to_string() }) {
            Ok(d) => d,
            Err(e) => return client.report_failure(&e),
        };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&decoded).expect("a decoded message always serializes"));
        return ExitCode::SUCCESS;
    }
    let lang = if args.live.zh { Lang::Zh } else { Lang::En };
    let d = &decoded.decoded_diagnostic_message;
    let principal = &d.auth_principal;
    // A RAM user appears by its numeric id; IMS names it. Without ims:GetUser the id stays.
    let user = principal
        .auth_principal_display_name
        .as_deref()
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        .and_then(|id| client.call(&ims::GetUser { user_id: id.to_string() }).ok())
        .map(|u| u.user.user_name().to_string());
    let who = [
        principal.auth_principal_type.as_deref(),
        user.as_deref().or(principal.auth_principal_display_name.as_deref()),
    ]
    .iter()
    .flatten()
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    let owner = principal
        .auth_principal_owner_id
        .as_deref()
        .map(|a| format!(" ({} {a})", say::IN_ACCOUNT.get(lang)))
        .unwrap_or_default();
    let mut rows = vec![
        (say::ACTION.get(lang), d.auth_action.clone()),
        (say::RESOURCE.get(lang), d.auth_resource.clone().unwrap_or_default()),
        (say::PRINCIPAL.get(lang), format!("{who}{owner}")),
        (say::DECISION.get(lang), say::decision(d.explicit_deny, lang).to_string()),
        (say::POLICY.get(lang), d.no_permission_policy_type.clone().unwrap_or_default()),
    ];
    rows.extend(
        d.auth_conditions
            .iter()
            .map(|c| (say::CONDITION.get(lang), format!("{} = {}", c.condition_key, c.condition_values.join(", ")))),
    );
    rows.extend(d.matched_policies.iter().map(|p| {
        let parts = [
            p.effect.as_deref(),
            p.policy_type.as_deref(),
            p.policy_identifier.as_deref(),
            p.policy_version.as_deref(),
        ];
        (say::MATCHED.get(lang), parts.iter().flatten().copied().collect::<Vec<_>>().join(" "))
    }));
    for (label, value) in rows.iter().filter(|(_, v)| !v.trim().is_empty()) {
        println!("{label:<10} {value}");
    }
    ExitCode::SUCCESS
}
