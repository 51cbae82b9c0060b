//! Time to first diagnosis: the e2e file `tests/tests/first_diagnosis.rs` opens a share link of a `Forbidden.RAM`
//! error in `LOADS` cold headless Chromiums (fresh profiles) served by the real proxy, and prints each load's
//! Performance API timings; this module runs it and reduces them to medians and p90s.

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

/// Builds the proxy, runs the cold loads against `dist` and returns each load's timings.
pub fn measure(dist: &Path) -> Result<Vec<Value>, String> {
    tools::ensure_browser()?;
    run::cargo(&["build", "--package", "ram-doctor-proxy"])?;
    let proxy = run::workspace_root().join("target/debug/ram-doctor-proxy");
    let mut cmd = Command::new(run::cargo_bin());
    // The timed loads alone, one browser at a time (the file's other journey would share the CPU with them).
    cmd.args(["test", "--package", "ram-doctor-e2e", "--test", "first_diagnosis", "--", "--ignored", "--nocapture"])
        .args([TIMED_TEST, "--test-threads=1"])
        .env("RAM_DOCTOR_DIST", dist)
        .env("RAM_DOCTOR_PROXY_BIN", &proxy)
        .env("RAM_DOCTOR_COLD_LOADS", LOADS.to_string())
        .current_dir(run::workspace_root())
        .stderr(Stdio::inherit());
    eprintln!("xtask: running {cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start cargo: {e}"))?;
    if !out.status.success() {
        return Err("the first-diagnosis loads failed (see above)".to_string());
    }
    let loads = parse(&String::from_utf8_lossy(&out.stdout));
    if loads.len() != LOADS {
        return Err(format!("expected {LOADS} first-diagnosis lines, read {}", loads.len()));
    }
    Ok(loads)
}

/// The `first-diagnosis: {…}` lines of the e2e file's output.
pub fn parse(output: &str) -> Vec<Value> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix("first-diagnosis: "))
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
        let out = "running 1 test\nfirst-diagnosis: {\"shown\": 300.5, \"mounted\": 200}\nnoise\n\
                   first-diagnosis: {\"shown\": 100.0, \"mounted\": null}\nfirst-diagnosis: {\"shown\": 200}\n";
        let loads = parse(out);
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
