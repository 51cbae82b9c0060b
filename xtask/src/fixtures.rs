//! `cargo xtask fixtures [--from FILE] [--check]`: copies real-world error samples into committed test fixtures,
//! one `<id>.txt` (the text exactly as pasted) and one `<id>.json` (source, format, expectations, notes) per case:
//! the shared samples under `crates/core/tests/fixtures/errors/real-world/`, and the project's own gathered pastes
//! (`crates/core/tests/fixtures/errors/gathered.jsonl`, committed) under `…/errors/gathered/`.
//!
//! Only this generator reads `../shared`; tests read the committed output. `--check` fails when the committed
//! fixtures differ from what their sources would produce.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::run::{self, workspace_root};

/// Under the `shared` folder ([`run::shared_dir`]).
const SAMPLES: &str = "samples/real-world-cases.jsonl";
const OUT: &str = "crates/core/tests/fixtures/errors/real-world";
/// Pastes gathered for the project from public issue trackers, forums and docs (source URL in each case).
const GATHERED: &str = "crates/core/tests/fixtures/errors/gathered.jsonl";
const GATHERED_OUT: &str = "crates/core/tests/fixtures/errors/gathered";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut from: Option<PathBuf> = None;
    let mut check = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--from" => from = Some(it.next().ok_or("--from needs a file")?.into()),
            other => return Err(format!("fixtures: unknown argument {other}")),
        }
    }
    let root = workspace_root();
    let from = match from {
        Some(f) => f,
        None => run::shared_dir()
            .map(|shared| shared.join(SAMPLES))
            .ok_or_else(|| format!("cannot find ../shared above {}; pass --from FILE", root.display()))?,
    };
    sync(&from, &root.join(OUT), check)?;
    sync(&root.join(GATHERED), &root.join(GATHERED_OUT), check)
}

/// Writes (or, with `check`, compares) the fixture files of one JSONL source.
fn sync(from: &Path, out: &Path, check: bool) -> Result<(), String> {
    let text = fs::read_to_string(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    let files = fixture_files(&text).map_err(|e| format!("{}: {e}", from.display()))?;
    let out = out.to_path_buf();
    let mut stale = Vec::new();
    if !check {
        fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    }
    for (name, content) in &files {
        let path = out.join(name);
        let current = fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        if check {
            stale.push(name.clone());
        } else {
            fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    // A case removed from its source must not linger as a fixture the tests still read.
    for name in leftovers(&out, &files) {
        if check {
            stale.push(format!("{name} is not generated any more"));
        } else {
            let path = out.join(&name);
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    if check && !stale.is_empty() {
        return Err(format!("fixtures are stale ({}); run `cargo xtask fixtures`", stale.join(", ")));
    }
    println!("xtask: {} cases {} {}", files.len() / 2, if check { "match" } else { "written to" }, out.display());
    Ok(())
}

/// Names of the files in `out` that are not among `files`, sorted (none when `out` does not exist yet).
fn leftovers(out: &Path, files: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !files.iter().any(|(generated, _)| generated == name))
        .collect();
    names.sort();
    names
}

/// (file name, content) for every case: `<id>.txt` and `<id>.json`.
fn fixture_files(jsonl: &str) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for (n, line) in jsonl.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let id = case["id"].as_str().ok_or_else(|| format!("line {}: no id", n + 1))?;
        if !id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
            return Err(format!("line {}: id {id:?} is not a safe file name", n + 1));
        }
        let text = case["text"].as_str().ok_or_else(|| format!("line {}: no text", n + 1))?;
        let meta = json!({
            "id": id,
            "source": case["source"],
            "format": case["format"],
            "expect": case["expect"],
            "notes": case["notes"],
        });
        let meta = serde_json::to_string_pretty(&meta).map_err(|e| e.to_string())? + "\n";
        files.push((format!("{id}.txt"), text.to_string()));
        files.push((format!("{id}.json"), meta));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_finds_changed_and_leftover_fixtures() {
        let tmp = std::env::temp_dir().join(format!("xtask-fixtures-{}", std::process::id()));
        let out = tmp.join("out");
        fs::create_dir_all(&tmp).unwrap();
        let source = tmp.join("cases.jsonl");
        let case =
            |id: &str| json!({"id": id, "text": format!("error {id}"), "source": "s", "format": "f"}).to_string();
        fs::write(&source, format!("{}\n{}\n", case("a"), case("b"))).unwrap();
        sync(&source, &out, false).unwrap();
        sync(&source, &out, true).unwrap();

        fs::write(out.join("a.txt"), "edited by hand").unwrap();
        let err = sync(&source, &out, true).unwrap_err();
        assert!(err.contains("a.txt") && !err.contains("b.txt"), "{err}");

        // Case `b` leaves the source: its two files are stale until the generator removes them.
        fs::write(&source, format!("{}\n", case("a"))).unwrap();
        sync(&source, &out, false).unwrap();
        assert_eq!(leftovers(&out, &[]), ["a.json", "a.txt"]);
        fs::write(out.join("b.txt"), "error b").unwrap();
        let err = sync(&source, &out, true).unwrap_err();
        assert!(err.contains("b.txt is not generated any more"), "{err}");
        sync(&source, &out, false).unwrap();
        sync(&source, &out, true).unwrap();
        fs::remove_dir_all(&tmp).unwrap();
    }
}
