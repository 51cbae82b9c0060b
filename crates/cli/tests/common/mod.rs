//! Running the real `ram-doctor` binary, shared by the CLI's test files.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `ram-doctor ARGS` with `stdin` as its input (colour left to the binary's own rule: off when piped).
pub fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ram-doctor"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}
