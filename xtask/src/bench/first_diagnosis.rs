//! Time to first diagnosis: the e2e file `tests/tests/first_diagnosis.rs` opens a share link of a `Forbidden.RAM`
//! error in `LOADS` cold headless Chromiums (fresh profiles) served by the real proxy, and prints each load's
//! Performance API timings; `tests/tests/paste_log.rs` pastes a 1 MB log into a fresh page and times it to its
//! diagnosis. This module runs them and reduces the times to medians and p90s.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::{run, tools};

/// Cold loads per run.
pub const LOADS: usize = 10;

/// The journey of `tests/tests/first_diagnosis.rs` that times the cold loads.
const TIMED_TEST: &str = "a_share_link_opened_cold_shows_its_diagnosis_and_marks_when";

/// The timings of one load, in ms since navigation start, in the order they happen (the keys the e2e file prints).
pub const STEPS: &[(&str, &str)] = &[
    ("wasm_loaded", "wasm downloaded"),
    ("index_loaded", "index.json downloaded"),
    ("wasm_started", "wasm instantiated, `main` runs"),
    ("index_read", "index read into the catalog"),
    // Only for a link that does not name its shards (written before `c=`): the timed link names them.
    ("share_diagnosed", "link's text diagnosed, its shards asked for"),
    ("shards_loaded", "product shards downloaded"),
    ("shards_read", "shards read into the catalog"),
    ("mounted", "page mounted (diagnosis rendered)"),
    ("shown", "**final diagnosis shown**"),
];

/// Pastes of the 1 MB log per run, each in a fresh page.
pub const PASTES: usize = 5;

/// Builds the proxy, runs the cold loads against `dist` and returns each load's timings.
pub fn measure(dist: &Path) -> Result<Vec<Value>, String> {
    let out = journey(dist, "first_diagnosis", TIMED_TEST, &[("RAM_DOCTOR_COLD_LOADS", &LOADS.to_string())])?;
    let loads = parse(&out, "first-diagnosis");
    if loads.len() != LOADS {
        return Err(format!("expected {LOADS} first-diagnosis lines, read {}", loads.len()));
    }
    Ok(loads)
}

/// Pastes `log` into the page [`PASTES`] times (`tests/tests/paste_log.rs`) and returns each paste's
/// `{ms, findings}`.
pub fn paste(dist: &Path, log: &Path) -> Result<Vec<Value>, String> {
    let log = log.to_string_lossy();
    let envs = [("RAM_DOCTOR_PASTE_LOG", log.as_ref()), ("RAM_DOCTOR_PASTES", &PASTES.to_string())];
    let out = journey(dist, "paste_log", "a_pasted_1_mb_log_is_diagnosed_and_timed", &envs)?;
    let pastes = parse(&out, "paste-diagnosis");
    if pastes.len() != PASTES {
        return Err(format!("expected {PASTES} paste-diagnosis lines, read {}", pastes.len()));
    }
    Ok(pastes)
}

/// Runs one journey of an e2e file alone (one browser at a time: nothing else shares the CPU with it) against
/// `dist` served by the debug proxy, and returns its standard output.
fn journey(dist: &Path, file: &str, test: &str, envs: &[(&str, &str)]) -> Result<String, String> {
    tools::ensure_browser()?;
    run::cargo(&["build", "--package", "ram-doctor-proxy"])?;
    let proxy = run::workspace_root().join("target/debug/ram-doctor-proxy");
    let mut cmd = Command::new(run::cargo_bin());
    cmd.args(["test", "--package", "ram-doctor-e2e", "--test", file, "--", "--ignored", "--nocapture"])
        .args([test, "--test-threads=1"])
        .env("RAM_DOCTOR_DIST", dist)
        .env("RAM_DOCTOR_PROXY_BIN", &proxy)
        .envs(envs.iter().copied())
        .current_dir(run::workspace_root())
        .stderr(Stdio::inherit());
    eprintln!("xtask: running {cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("the e2e journey {file}::{test} failed (see above)"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `<tag>: {…}` lines of an e2e file's output.
pub fn parse(output: &str, tag: &str) -> Vec<Value> {
    output
        .lines()
        // With `--nocapture` the first line a test prints follows libtest's `test NAME ... ` on the same line.
        .filter_map(|l| l.split_once(&format!("{tag}: ")).map(|(_, json)| json))
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect()
}

/// The median and the p90 (nearest rank) of `key` over the loads that have it.
pub fn median_p90(loads: &[Value], key: &str) -> Option<(f64, f64)> {
    let mut values: Vec<f64> = loads.iter().filter_map(|l| l[key].as_f64()).collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let rank = |p: f64| values[((p * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1];
    Some((rank(0.5), rank(0.9)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_printed_loads_and_ranks_them() {
        let out =
            "running 1 test\ntest a_share_link ... first-diagnosis: {\"shown\": 300.5, \"mounted\": 200}\nnoise\n\
                   first-diagnosis: {\"shown\": 100.0, \"mounted\": null}\nfirst-diagnosis: {\"shown\": 200}\n";
        let loads = parse(out, "first-diagnosis");
        assert_eq!(loads.len(), 3);
        assert_eq!(median_p90(&loads, "shown"), Some((200.0, 300.5)));
        assert_eq!(median_p90(&loads, "mounted"), Some((200.0, 200.0)));
        assert_eq!(median_p90(&loads, "absent"), None);
    }

    #[test]
    fn every_step_is_one_the_e2e_file_prints() {
        let e2e = std::fs::read_to_string(run::workspace_root().join("tests/tests/first_diagnosis.rs")).unwrap();
        for (key, _) in STEPS {
            assert!(e2e.contains(&format!("  {key}: ")), "{key} is not printed by the e2e file");
        }
    }
}
