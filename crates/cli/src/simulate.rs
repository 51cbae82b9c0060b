//! `ram-doctor simulate` (arrives with its issue).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    crate::input::fail("'simulate' is not available in this build yet")
}
