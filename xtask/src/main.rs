//! `cargo xtask serve | test | dist [--container] | bench | fuzz | catalog`.
//!
//! Every task installs what it needs first (see `tools`), so the README's two commands work on a fresh machine.

use std::process::ExitCode;

mod bench;
mod catalog;
mod checks;
mod container;
mod demo;
mod fixtures;
mod fuzz;
mod page;
mod precompress;
mod python;
mod run;
mod tools;

const USAGE: &str = "usage: cargo xtask <serve [--addr HOST:PORT] [--demo] | test | dist [--container] | bench [--quick] | fuzz [--seconds N] | catalog [--check] [--shared DIR] | fixtures [--check] [--from FILE]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => page::serve(&args[1..]),
        Some("test") => test(),
        Some("dist") if args[1..] == ["--container"] => container::run(),
        Some("dist") if args.len() == 1 => page::build().map(|dist| page::report_size(&dist)),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("catalog") => catalog::run(&args[1..]),
        Some("fixtures") => fixtures::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Everything CI checks: the drift checks (formatting, generated data, licenses, clippy), native tests of the
/// whole workspace, then the browser tests against the real proxy.
fn test() -> Result<(), String> {
    // Cheap checks first: a formatting slip fails in seconds, before any build.
    checks::run_all(checks::CHECKS)?;
    tools::ensure_browser()?;
    let dist = page::build()?;
    run::cargo(&["build", "--package", "ram-doctor-proxy", "--package", "ram-doctor-emulator"])?;
    let proxy = run::workspace_root().join("target/debug/ram-doctor-proxy");
    // The live journeys relay RAM, STS and IMS to the emulator through the proxy's upstream override.
    let emulator = run::workspace_root().join("target/debug/ram-doctor-emulator");
    // The emulator's interop test signs with Alibaba Cloud's official Python SDK (in a project-local venv).
    let sdk = python::ensure_sdk()?;
    let (sdk_var, sdk_value) = sdk.env();
    let mut counts = run::TestCounts::default();
    // Native tests first: they are fast and say the most about a failure.
    let native = run::cargo_test(&["--workspace"], &[(sdk_var, sdk_value.as_str())], &mut counts)
        // A bounded coverage-guided fuzzing run of every target (`cargo xtask fuzz` runs longer).
        .and_then(|()| fuzz::run_bounded());
    // Browser tests are `#[ignore]`d for plain `cargo test`; here they run, against the page just built.
    let browser = native.and_then(|()| {
        run::cargo_test(
            // Every test file of the e2e package: a new journey file is picked up without editing this list.
            &["--package", "ram-doctor-e2e", "--tests", "--", "--ignored", "--test-threads=1"],
            &[
                ("RAM_DOCTOR_DIST", dist.to_string_lossy().as_ref()),
                ("RAM_DOCTOR_PROXY_BIN", proxy.to_string_lossy().as_ref()),
                ("RAM_DOCTOR_EMULATOR_BIN", emulator.to_string_lossy().as_ref()),
            ],
            &mut counts,
        )
    });
    // One plain closing line for people and CI: the totals over every run. (The browser tests count as
    // ignored in the native run and as passed in their own, so "ignored" is not reported.)
    println!("tests: {} passed, {} failed", counts.passed, counts.failed);
    if let python::Sdk::Unreachable(why) = &sdk {
        python::warn_skipped(why);
    }
    browser
}
