//! The drift checks `cargo xtask test` runs before any test, cheapest first, stopping at the first that fails:
//! formatting, the committed data against its generators, dependency licenses and bans, then clippy natively and
//! for the wasm page (whose `-D warnings` also denies a public item of `crates/core` without a doc comment).

use std::process::Command;

use crate::{catalog, fixtures, run, tools};

/// One check: the name a failure is reported under, and what it runs.
pub struct Check {
    pub name: &'static str,
    pub run: fn() -> Result<Outcome, String>,
}

/// How a check that did not fail ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// Not run, and why (said in the summary, so a skip is never silent).
    Skipped(String),
}

/// Every check, in the order they run: seconds first, minutes last.
pub const CHECKS: &[Check] = &[
    Check { name: "cargo fmt --all --check", run: fmt },
    Check { name: "cargo xtask catalog --check", run: || against_shared(catalog::run) },
    Check { name: "cargo xtask fixtures --check", run: || against_shared(fixtures::run) },
    Check { name: "cargo deny check licenses bans", run: deny },
    Check { name: "cargo clippy --workspace --all-targets -- -D warnings", run: clippy_native },
    Check {
        name: "cargo clippy --target wasm32-unknown-unknown -p ram-doctor-web --all-targets -- -D warnings",
        run: clippy_wasm,
    },
];

/// Runs `checks` in order and prints one line per check; the first failure stops the run and names its check.
pub fn run_all(checks: &[Check]) -> Result<(), String> {
    let mut summary = Vec::new();
    for check in checks {
        eprintln!("xtask: check: {}", check.name);
        match (check.run)() {
            Ok(Outcome::Passed) => summary.push(format!("  ok       {}", check.name)),
            Ok(Outcome::Skipped(why)) => summary.push(format!("  skipped  {} ({why})", check.name)),
            Err(e) => {
                print_summary(&summary);
                return Err(format!("check `{}` failed: {e}", check.name));
            }
        }
    }
    print_summary(&summary);
    Ok(())
}

fn print_summary(lines: &[String]) {
    if !lines.is_empty() {
        println!("checks:\n{}", lines.join("\n"));
    }
}

fn fmt() -> Result<Outcome, String> {
    run::cargo(&["fmt", "--all", "--check"]).map_err(|e| format!("{e}; run `cargo fmt --all`"))?;
    Ok(Outcome::Passed)
}

/// A generator's `--check` when `../shared` is present; skipped otherwise, since the project never needs it
/// to build, run or test (the generated files are committed).
fn against_shared(generator: fn(&[String]) -> Result<(), String>) -> Result<Outcome, String> {
    skip_without_shared(run::shared_dir().is_some(), || generator(&["--check".to_string()]))
}

/// The skip decision of [`against_shared`], apart from the file system.
fn skip_without_shared(shared_present: bool, check: impl FnOnce() -> Result<(), String>) -> Result<Outcome, String> {
    if !shared_present {
        return Ok(Outcome::Skipped("no ../shared beside the workspace, so nothing to regenerate from".to_string()));
    }
    check().map(|()| Outcome::Passed)
}

fn deny() -> Result<Outcome, String> {
    tools::ensure_cargo_deny()?;
    run::cargo(&["deny", "check", "licenses", "bans"])?;
    Ok(Outcome::Passed)
}

fn clippy_native() -> Result<Outcome, String> {
    run::cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    Ok(Outcome::Passed)
}

fn clippy_wasm() -> Result<Outcome, String> {
    tools::ensure_wasm_target()?;
    let args = ["clippy", "--target", "wasm32-unknown-unknown", "-p", "ram-doctor-web", "--all-targets"];
    run::status(Command::new(run::cargo_bin()).args(args).args(["--", "-D", "warnings"]))?;
    Ok(Outcome::Passed)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    static RAN_AFTER_FAILURE: AtomicUsize = AtomicUsize::new(0);

    #[test]
    fn the_first_failure_stops_the_run_and_names_its_check() {
        let checks = [
            Check { name: "passes", run: || Ok(Outcome::Passed) },
            Check { name: "skips", run: || Ok(Outcome::Skipped("nothing to do".to_string())) },
            Check { name: "breaks", run: || Err("2 files differ".to_string()) },
            Check {
                name: "later",
                run: || {
                    RAN_AFTER_FAILURE.fetch_add(1, Ordering::SeqCst);
                    Ok(Outcome::Passed)
                },
            },
        ];
        assert_eq!(run_all(&checks), Err("check `breaks` failed: 2 files differ".to_string()));
        assert_eq!(RAN_AFTER_FAILURE.load(Ordering::SeqCst), 0);
        assert_eq!(run_all(&checks[..2]), Ok(()));
    }

    #[test]
    fn shared_checks_skip_without_shared_and_fail_with_it() {
        let stale = || Err("data/index.json differs".to_string());
        let Ok(Outcome::Skipped(why)) = skip_without_shared(false, stale) else {
            panic!("must skip without ../shared")
        };
        assert!(why.contains("../shared"), "{why}");
        assert_eq!(skip_without_shared(true, stale), Err("data/index.json differs".to_string()));
        assert_eq!(skip_without_shared(true, || Ok(())), Ok(Outcome::Passed));
    }

    #[test]
    fn cheap_checks_run_first() {
        let names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        let position = |prefix: &str| names.iter().position(|n| n.starts_with(prefix)).unwrap();
        assert_eq!(position("cargo fmt"), 0);
        assert!(position("cargo xtask catalog") < position("cargo clippy"));
        assert!(position("cargo deny") < position("cargo clippy"));
    }
}
