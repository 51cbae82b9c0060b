//! `ram-doctor`: the same engine as the page, in a terminal.
//!
//! Exit codes: 0 when a command ran (whatever it found), 1 when `lint` finds an error or a live call fails (a
//! refused call is printed as its diagnosis), 2 on unusable input or usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod apply;
mod catalog;
mod credentials;
mod decode;
mod diagnose;
mod gap;
mod grant;
mod input;
mod lint;
mod live;
mod redact;
mod sign;
mod simulate;
mod whoami;

#[derive(Parser)]
#[command(name = "ram-doctor", version, about = "Turn an Alibaba Cloud permission error into the right fix")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain every error in a pasted text: what was denied, to whom, why, and what to grant.
    Diagnose(diagnose::Args),
    /// Render the fix for the errors in a text as policy JSON, console steps, CLI, Terraform or ROS.
    Grant(grant::Args),
    /// Check a policy document (stable check IDs; exit 1 on an error).
    Lint(lint::Args),
    /// Decide whether policies allow a request.
    Simulate(simulate::Args),
    /// Look up products, actions, APIs and system policies.
    Catalog(catalog::Args),
    /// Show how a request is signed (canonical request, string to sign, signature) to debug SignatureDoesNotMatch.
    Sign(sign::Args),
    /// Who the AccessKey belongs to (STS GetCallerIdentity).
    Whoami(whoami::Args),
    /// What a user, group or role has attached, what an error needs, and what is missing.
    Gap(gap::Args),
    /// Apply the fix for an error to a user, group or role, after showing the exact changes.
    Apply(apply::Args),
    /// Decode a NoPermission error's EncodedDiagnosticMessage (RAM DecodeDiagnosticMessage).
    Decode(decode::Args),
    /// Cut credentials (AccessKey secrets, STS tokens, signatures, passwords) out of a text and mask its ids.
    Redact(redact::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Diagnose(args) => diagnose::run(args),
        Command::Grant(args) => grant::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Catalog(args) => catalog::run(args),
        Command::Sign(args) => sign::run(args),
        Command::Whoami(args) => whoami::run(args),
        Command::Gap(args) => gap::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Decode(args) => decode::run(args),
        Command::Redact(args) => redact::run(args),
    }
}
