//! `ram-doctor grant` (arrives with its issue).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    crate::input::fail("'grant' is not available in this build yet")
}
