//! Diagnosis throughput on log files given as arguments (`cargo xtask bench` generates them and runs this natively
//! and as wasm in V8, next to ripgrep on the same files). The catalog is the index alone, as the page starts with.
//!
//! Prints per file: `scan <file> <bytes> <median seconds of 3> <findings>` (`diagnose`, whose reading goes through
//! the windows of `read/scan.rs`), then `read <file> <seconds> <seconds>`: the reading alone (`scan::read`, with the
//! catalog's answer for code-shaped words, as `diagnose` asks) and every reader over every byte (`read_all`), so the
//! windows' gain is measured in the same run; then, natively on Linux, the process's peak resident memory:
//! `peak-rss <bytes>` (`--no-read` leaves out the read lines, so the peak is `diagnose`'s alone).

use std::hint::black_box;
use std::time::Instant;

use ram_doctor_core::read::{read_all, scan};
use ram_doctor_core::text::Text;
use ram_doctor_core::{diagnose, Catalog};

const INDEX: &[u8] = include_bytes!("../../../data/index.json");
const RUNS: usize = 3;

fn main() {
    let catalog = Catalog::from_index(INDEX).expect("the index loads");
    let files: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: scan FILE… (cargo xtask bench generates the logs)");
        std::process::exit(2);
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            findings = black_box(diagnose(black_box(&text), &catalog)).findings.len();
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!("scan {file} {} {:.6} {findings}", text.len(), times[RUNS / 2]);
        if !std::env::args().any(|a| a == "--no-read") {
            let t = Text::new(&text);
            let documented = |w: &str| catalog.error_code(w).is_some();
            let (filtered, all) = (
                median(|| black_box(scan::read(&t, &documented)).errors.len()),
                median(|| black_box(read_all(&t, &documented)).errors.len()),
            );
            println!("read {file} {filtered:.6} {all:.6}");
        }
    }
    #[cfg(target_os = "linux")]
    if let Some(kb) = std::fs::read_to_string("/proc/self/status").ok().and_then(|s| {
        s.lines().find_map(|l| {
            l.strip_prefix("VmHWM:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
    }) {
        println!("peak-rss {}", kb * 1024);
    }
}

/// Median seconds of [`RUNS`] runs of `f`.
fn median(mut f: impl FnMut() -> usize) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}
