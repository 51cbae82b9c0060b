//! `cargo xtask bench`: the project's speed and size measurements, printed as tables.
//!
//! The core's benches run twice: natively, and compiled to wasm (WASI) inside Node's V8 — the engine
//! Chromium runs the page with — so the page's speed is measured, not guessed.

use std::process::{Command, Stdio};

use crate::{catalog, run};

/// Core benches that also run in wasm.
const WASM_BENCHES: &[&str] = &["simulate", "diagnose", "catalog"];
const WASI_TARGET: &str = "wasm32-wasip1";

pub fn run() -> Result<(), String> {
    // Size bar (issue 4): index <= 60 KB brotli, largest shard <= 60 KB brotli.
    catalog::print_sizes()?;
    println!("\n== native ==");
    run::cargo(&["bench", "--package", "ram-doctor-core"])?;
    ensure_wasi_target()?;
    for bench in WASM_BENCHES {
        let wasm = build_wasm_bench(bench)?;
        println!("\n== wasm ({bench}, V8 via node) ==");
        let runner = run::workspace_root().join("xtask/assets/run-wasi.mjs");
        run::status(Command::new("node").arg("--no-warnings").arg(runner).arg(&wasm).arg("--bench"))?;
    }
    Ok(())
}

fn ensure_wasi_target() -> Result<(), String> {
    let installed = run::output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t.trim() == WASI_TARGET) {
        return Ok(());
    }
    run::status(Command::new("rustup").args(["target", "add", WASI_TARGET]))
}

/// Builds one core bench for WASI and returns the path of its `.wasm`.
fn build_wasm_bench(name: &str) -> Result<String, String> {
    let out = Command::new(run::cargo_bin())
        .args(["bench", "--no-run", "--package", "ram-doctor-core", "--target", WASI_TARGET, "--bench", name])
        .args(["--message-format", "json"])
        .current_dir(run::workspace_root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("building the {name} bench for {WASI_TARGET} failed"));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|msg| msg["target"]["name"] == name && msg["executable"].is_string())
        .and_then(|msg| msg["executable"].as_str().map(str::to_string))
        .ok_or_else(|| format!("cargo built no executable for the {name} bench"))
}
