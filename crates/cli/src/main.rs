//! `ram-doctor`: the same engine as the page, in a terminal.
//!
//! Exit codes: 0 when a command ran (whatever it found), 1 when `lint` finds an error, 2 on unusable input.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod catalog;
mod diagnose;
mod grant;
mod input;
mod lint;
mod redact;
mod simulate;

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
        Command::Redact(args) => redact::run(args),
    }
}
