//! `cargo xtask screenshots`: PNGs of the page's main states (desktop and phone, light and dark, English and
//! Chinese) in `docs/screenshots/`, and the README's `docs/screenshot.png`, taken in headless Chromium by the
//! browser tests' harness (`tests/src/bin/screenshots.rs`). Not part of `cargo xtask test`: run it when the
//! page's looks change.

use crate::{page, run, tools};

/// The shot the README shows: a diagnosis on a light English desktop.
const README_SHOT: &str = "diagnosis-desktop-light-en.png";

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask screenshots".to_string());
    }
    tools::ensure_browser()?;
    let dist = page::build()?;
    run::cargo(&["build", "--package", "ram-doctor-proxy"])?;
    let proxy = run::workspace_root().join("target/debug/ram-doctor-proxy");
    let docs = run::workspace_root().join("docs");
    let out = docs.join("screenshots");
    // A fresh set: a shot that was renamed or dropped does not linger.
    if out.is_dir() {
        for entry in std::fs::read_dir(&out).map_err(|e| format!("cannot list {}: {e}", out.display()))?.flatten() {
            if entry.path().extension().is_some_and(|ext| ext == "png") {
                std::fs::remove_file(entry.path())
                    .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
            }
        }
    }
    run::cargo_with_env(
        &["run", "--package", "ram-doctor-e2e", "--bin", "screenshots", "--", &out.to_string_lossy()],
        &[("RAM_DOCTOR_DIST", &dist.to_string_lossy()), ("RAM_DOCTOR_PROXY_BIN", &proxy.to_string_lossy())],
    )?;
    let hero = out.join(README_SHOT);
    std::fs::copy(&hero, docs.join("screenshot.png")).map_err(|e| format!("cannot copy {}: {e}", hero.display()))?;
    println!("screenshots in {}; the README's docs/screenshot.png is {README_SHOT}", out.display());
    Ok(())
}
