//! Running commands: every call echoes what it runs and fails with the command's name.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent folder").to_path_buf()
}

/// Runs `cmd` to completion in the workspace root; an error names the command and its exit status.
pub fn status(cmd: &mut Command) -> Result<(), String> {
    cmd.current_dir(workspace_root());
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed ({status})", cmd.get_program()))
    }
}

/// Runs `cmd` and returns its standard output, or `None` when it cannot start or fails (used to probe for tools).
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `cargo <args>` with the cargo that runs xtask.
pub fn cargo(args: &[&str]) -> Result<(), String> {
    cargo_with_env(args, &[])
}

/// `cargo <args>` with extra environment variables.
pub fn cargo_with_env(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let mut cmd = Command::new(cargo_bin());
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    status(&mut cmd)
}

/// The cargo binary that runs xtask (so `cargo +toolchain xtask` stays on that toolchain).
pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}
