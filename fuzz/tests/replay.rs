//! Replays every committed fuzz input — the seeds the fuzzer starts from and the regressions it found — through
//! its target, in a plain `cargo test`. A regression input is a crash `cargo xtask fuzz` once found: it stays here
//! so the fix stays.

use std::path::{Path, PathBuf};

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(kind).join(target);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str, run: ram_doctor_fuzz::Target, files: &[PathBuf]) {
    for file in files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // A panic names the input, so a failing regression points at its file.
        if let Err(e) = std::panic::catch_unwind(|| run(&data)) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target}: {} fails: {why}", file.display());
        }
    }
}

#[test]
fn every_target_has_seeds_and_they_pass() {
    for (target, run) in ram_doctor_fuzz::TARGETS {
        let seeds = inputs("seeds", target);
        assert!(!seeds.is_empty(), "fuzz/seeds/{target} has no inputs");
        replay(target, *run, &seeds);
    }
}

#[test]
fn regressions_stay_fixed() {
    for (target, run) in ram_doctor_fuzz::TARGETS {
        replay(target, *run, &inputs("regressions", target));
    }
}
