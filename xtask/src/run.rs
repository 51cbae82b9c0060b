//! Running commands: every call echoes what it runs and fails with the command's name.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent folder").to_path_buf()
}

/// The read-only `shared` folder the generators (`catalog`, `fixtures`) read: the nearest `shared/` beside the
/// workspace root or one of its parents (a worktree sits a level deeper than the main checkout). `None` when there
/// is none: the project never needs it to build, run or test, so the drift checks skip it then.
pub fn shared_dir() -> Option<PathBuf> {
    find_shared(&workspace_root())
}

/// `shared/` in the first of the three folders above `root` that has one.
pub fn find_shared(root: &Path) -> Option<PathBuf> {
    root.ancestors().skip(1).take(3).map(|dir| dir.join("shared")).find(|dir| dir.is_dir())
}

/// Runs `cmd` to completion (in the workspace root unless it names a folder); an error names the command and its
/// exit status.
pub fn status(cmd: &mut Command) -> Result<(), String> {
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(workspace_root());
    }
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

/// Test counts summed over `cargo test` runs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl TestCounts {
    /// Adds the counts of one libtest summary line (`test result: ok. 5 passed; 0 failed; 1 ignored; …`).
    pub fn add_summary_line(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else { return };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(number)) = (words.next(), words.next()) else { continue };
            let Ok(n) = number.parse::<u64>() else { continue };
            match label {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                _ => {}
            }
        }
    }
}

/// `cargo test <args>`, echoing its output as it comes and adding its summary lines to `counts`.
pub fn cargo_test(args: &[&str], env: &[(&str, &str)], counts: &mut TestCounts) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    let mut cmd = Command::new(cargo_bin());
    cmd.arg("test").args(args).current_dir(workspace_root()).stdout(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    eprintln!("xtask: running {cmd:?}");
    let mut child = cmd.spawn().map_err(|e| format!("cannot start cargo test: {e}"))?;
    let stdout = child.stdout.take().expect("stdout was piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read cargo test's output: {e}"))?;
        println!("{line}");
        counts.add_summary_line(&line);
    }
    let status = child.wait().map_err(|e| format!("cargo test did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo test {} failed ({status})", args.join(" ")))
    }
}

/// The cargo binary that runs xtask (so `cargo +toolchain xtask` stays on that toolchain).
pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_libtest_summaries() {
        let mut c = TestCounts::default();
        c.add_summary_line(
            "test result: ok. 5 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.07s",
        );
        c.add_summary_line(
            "test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1s",
        );
        c.add_summary_line("running 4 tests");
        assert_eq!(c, TestCounts { passed: 8, failed: 1, ignored: 2 });
    }

    #[test]
    fn finds_the_nearest_shared_folder_above_the_root() {
        let tmp = std::env::temp_dir().join(format!("xtask-shared-{}", std::process::id()));
        let root = tmp.join("work/wt/drift");
        std::fs::create_dir_all(&root).unwrap();
        // None anywhere above: the drift checks skip.
        assert_eq!(find_shared(&root), None);
        // A file named `shared` is not the folder.
        std::fs::write(tmp.join("work/wt/shared"), "").unwrap();
        assert_eq!(find_shared(&root), None);
        std::fs::create_dir_all(tmp.join("work/shared")).unwrap();
        assert_eq!(find_shared(&root), Some(tmp.join("work/shared")));
        // The nearest one wins; the root's own `shared/` child is not a parent's.
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::remove_file(tmp.join("work/wt/shared")).unwrap();
        std::fs::create_dir_all(tmp.join("work/wt/shared")).unwrap();
        assert_eq!(find_shared(&root), Some(tmp.join("work/wt/shared")));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
