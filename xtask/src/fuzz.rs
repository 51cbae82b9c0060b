//! `cargo xtask fuzz [--seconds N]`: coverage-guided fuzzing of the targets in `fuzz/` with libFuzzer.
//!
//! The toolchain here is stable, so `cargo fuzz` (which wants nightly's `-Zsanitizer`) is not used: the targets
//! are built with stable codegen flags that add libFuzzer's coverage instrumentation (`-Cpasses=sancov-module`
//! and the `-sanitizer-coverage-*` LLVM options — no AddressSanitizer, which Rust code rarely needs), linked
//! against `libfuzzer-sys`, and run one after another for N seconds each. Each target starts from its committed
//! seeds (`fuzz/seeds/<target>`) plus the project's fixtures, and keeps what it learns in `target/fuzz/corpus`.
//! A crash is copied to `fuzz/regressions/<target>/`, which `cargo test` replays, and fails the run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::run;

/// Seconds per target when none are given (`cargo xtask fuzz`).
const DEFAULT_SECONDS: u64 = 60;
/// Seconds per target in `cargo xtask test`: tens of seconds in all.
pub const TEST_SECONDS: u64 = 8;

/// Each target and the extra corpus folders (besides its seeds) it starts from, relative to the workspace root.
const TARGETS: &[(&str, &[&str])] = &[
    ("diagnose", &["crates/core/tests/fixtures/errors"]),
    ("policy", &["crates/core/tests/policy_cases"]),
    ("share", &[]),
    ("sign", &[]),
    ("relay_host", &[]),
];

/// Stable codegen flags for libFuzzer's coverage feedback: edge counters, the PC table it reports coverage
/// with, and comparison tracing (so it learns the byte strings the parsers compare against).
const COVERAGE_FLAGS: &[&str] = &[
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "--cfg",
    "fuzzing",
];

/// What one target's run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRun {
    pub target: String,
    pub seconds: u64,
    pub executions: u64,
    /// Inputs that crashed (or hung), now under `fuzz/regressions/<target>/`.
    pub crashes: Vec<PathBuf>,
}

/// `cargo xtask fuzz [--seconds N]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let seconds = parse_seconds(args)?;
    let runs = fuzz_all(seconds)?;
    check(&runs)
}

/// The bounded run `cargo xtask test` makes.
pub fn run_bounded() -> Result<(), String> {
    check(&fuzz_all(TEST_SECONDS)?)
}

fn parse_seconds(args: &[String]) -> Result<u64, String> {
    match args {
        [] => Ok(DEFAULT_SECONDS),
        [flag, n] if flag == "--seconds" => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("--seconds wants a positive whole number, not {n:?}")),
        _ => Err("usage: cargo xtask fuzz [--seconds N]  (N seconds per target)".to_string()),
    }
}

/// Builds the targets and fuzzes each for `seconds`; prints one line per target and a total.
pub fn fuzz_all(seconds: u64) -> Result<Vec<TargetRun>, String> {
    let bin_dir = build()?;
    let mut runs = Vec::new();
    for (target, extra) in TARGETS {
        runs.push(fuzz_one(&bin_dir, target, extra, seconds)?);
    }
    for r in &runs {
        println!(
            "fuzz {:<10} {:>4} s {:>10} executions {:>3} crashes",
            r.target,
            r.seconds,
            r.executions,
            r.crashes.len()
        );
    }
    let total: u64 = runs.iter().map(|r| r.executions).sum();
    println!(
        "fuzz: {} targets, {} s each, {total} executions, {} crashes",
        runs.len(),
        seconds,
        runs.iter().map(|r| r.crashes.len()).sum::<usize>()
    );
    Ok(runs)
}

fn check(runs: &[TargetRun]) -> Result<(), String> {
    let crashed: Vec<String> = runs.iter().flat_map(|r| r.crashes.iter().map(|c| c.display().to_string())).collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found crashes, saved as regression inputs (replayed by `cargo test -p ram-doctor-fuzz`): {}",
            crashed.join(", ")
        ))
    }
}

fn fuzz_dir() -> PathBuf {
    run::workspace_root().join("target/fuzz")
}

/// Builds the libFuzzer binaries with coverage instrumentation; returns the folder they are in.
fn build() -> Result<PathBuf, String> {
    let host = run::output(Command::new("rustc").arg("-vV"))
        .and_then(|v| v.lines().find_map(|l| l.strip_prefix("host: ").map(str::to_string)))
        .ok_or("cannot read the host target from `rustc -vV`")?;
    let target_dir = fuzz_dir();
    let target_dir_arg = target_dir.to_string_lossy();
    // An explicit --target keeps the flags off build scripts and proc macros, which must not link libFuzzer.
    let build = ["build", "--package", "ram-doctor-fuzz", "--features", "libfuzzer", "--bins", "--profile", "fuzz"];
    run::cargo_with_env(
        &[&build[..], &["--target", &host, "--target-dir", &target_dir_arg]].concat(),
        &[("RUSTFLAGS", &COVERAGE_FLAGS.join(" "))],
    )?;
    Ok(target_dir.join(host).join("fuzz"))
}

fn fuzz_one(bin_dir: &Path, target: &str, extra: &[&str], seconds: u64) -> Result<TargetRun, String> {
    let root = run::workspace_root();
    let corpus = fuzz_dir().join("corpus").join(target);
    let artifacts = fuzz_dir().join("artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut cmd = Command::new(bin_dir.join(target));
    cmd.arg(format!("-max_total_time={seconds}"))
        .arg("-print_final_stats=1")
        // An input that takes 10 s or needs 2 GB is a hang worth keeping as a regression.
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg(&corpus)
        .arg(root.join("fuzz/seeds").join(target))
        .args(extra.iter().map(|d| root.join(d)))
        .current_dir(&root)
        .stdout(Stdio::null());
    eprintln!("xtask: running {cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start the {target} fuzzer: {e}"))?;
    let log = String::from_utf8_lossy(&out.stderr);
    let crashes = keep_crashes(target, &artifacts)?;
    if !out.status.success() && crashes.is_empty() {
        let tail: Vec<&str> = log.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
        return Err(format!(
            "the {target} fuzzer failed ({}) without saving an input:\n{}",
            out.status,
            tail.join("\n")
        ));
    }
    let executions = final_stat(&log, "number_of_executed_units")
        .ok_or_else(|| format!("the {target} fuzzer printed no execution count"))?;
    Ok(TargetRun { target: target.to_string(), seconds, executions, crashes })
}

/// Moves what libFuzzer saved (crash-, timeout-, oom-, leak- files) into `fuzz/regressions/<target>/`.
fn keep_crashes(target: &str, artifacts: &Path) -> Result<Vec<PathBuf>, String> {
    let regressions = run::workspace_root().join("fuzz/regressions").join(target);
    let mut kept = Vec::new();
    for entry in
        std::fs::read_dir(artifacts).map_err(|e| format!("cannot read {}: {e}", artifacts.display()))?.flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !["crash-", "timeout-", "oom-", "leak-", "slow-unit-"].iter().any(|p| name.starts_with(p)) {
            continue;
        }
        std::fs::create_dir_all(&regressions).map_err(|e| format!("cannot create {}: {e}", regressions.display()))?;
        let to = regressions.join(&name);
        std::fs::copy(entry.path(), &to).map_err(|e| format!("cannot copy {name} to {}: {e}", to.display()))?;
        std::fs::remove_file(entry.path()).map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        kept.push(to);
    }
    Ok(kept)
}

/// A `stat::NAME: VALUE` line of libFuzzer's final statistics.
fn final_stat(log: &str, name: &str) -> Option<u64> {
    let prefix = format!("stat::{name}:");
    log.lines().find_map(|l| l.strip_prefix(&prefix)).and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_final_stats() {
        let log = "#1024\tpulse  cov: 12\nDone 5208 runs in 3 second(s)\nstat::number_of_executed_units: 5208\nstat::average_exec_per_sec:     1736\n";
        assert_eq!(final_stat(log, "number_of_executed_units"), Some(5208));
        assert_eq!(final_stat(log, "average_exec_per_sec"), Some(1736));
        assert_eq!(final_stat(log, "peak_rss_mb"), None);
    }

    #[test]
    fn reads_the_seconds_flag() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_seconds(&args(&[])), Ok(DEFAULT_SECONDS));
        assert_eq!(parse_seconds(&args(&["--seconds", "5"])), Ok(5));
        assert!(parse_seconds(&args(&["--seconds", "0"])).is_err());
        assert!(parse_seconds(&args(&["--seconds"])).is_err());
        assert!(parse_seconds(&args(&["-s", "5"])).is_err());
    }

    #[test]
    fn every_target_has_a_binary_and_seeds() {
        let manifest = std::fs::read_to_string(run::workspace_root().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
        for (target, extra) in TARGETS {
            assert!(manifest.contains(&format!("name = \"{target}\"")), "fuzz/Cargo.toml has no {target} binary");
            assert!(run::workspace_root().join("fuzz/seeds").join(target).is_dir(), "no seeds for {target}");
            for dir in *extra {
                assert!(run::workspace_root().join(dir).is_dir(), "{dir} is gone");
            }
        }
    }
}
