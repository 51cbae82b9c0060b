//! `ram-doctor catalog` (arrives with its issue).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    crate::input::fail("'catalog' is not available in this build yet")
}
