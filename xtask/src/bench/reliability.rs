//! The "Reliability" section: what the suites prove, in counts — a fuzzing run made now, and figures counted from
//! the committed test sources (each row says how it is counted, so it can be checked by reading them).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::{fuzz, run};

pub fn section(fuzz_seconds: u64) -> Result<String, String> {
    let mut md = String::new();
    let runs = fuzz::fuzz_all(fuzz_seconds)?;
    let root = run::workspace_root();
    let sources = test_sources(&root);
    let _ = writeln!(
        md,
        "Fuzzing: `cargo xtask fuzz --seconds {fuzz_seconds}` run by this bench (libFuzzer with coverage \
         instrumentation from stable rustc flags; see `xtask/src/fuzz.rs`). The other rows are counted from the test \
         sources ({} files: `tests/` folders, `tests.rs` files and `#[cfg(test)]` modules) that `cargo xtask test` runs.\n",
        sources.len()
    );
    let _ = writeln!(md, "| what | count | how it is counted |\n|---|---:|---|");
    for r in &runs {
        let _ = writeln!(
            md,
            "| fuzzing `{}` for {} s | {} executions, {} crashes | libFuzzer's `number_of_executed_units` |",
            r.target,
            r.seconds,
            r.executions,
            r.crashes.len()
        );
    }
    // Inputs live one folder down, per target.
    let count_files = |dir: &str| walk(&root.join(dir)).iter().filter(|p| p.parent() != Some(&root.join(dir))).count();
    let _ = writeln!(
        md,
        "| fuzz seed inputs | {} | files under `fuzz/seeds/`, replayed by `cargo test -p ram-doctor-fuzz` |",
        count_files("fuzz/seeds")
    );
    let _ = writeln!(md, "| crash regressions kept | {} | files under `fuzz/regressions/`, replayed by `cargo test -p ram-doctor-fuzz` |", count_files("fuzz/regressions"));
    let texts: Vec<String> =
        sources.iter().filter_map(|p| std::fs::read_to_string(p).ok()).map(|t| test_part(&t).to_string()).collect();
    // Each count from the sources of the part it tries: the relay's own tests, and the page's (`src/`, `tests/`).
    let under = |dirs: &[&str]| -> Vec<&String> {
        sources
            .iter()
            .zip(&texts)
            .filter(|(p, _)| dirs.iter().any(|d| p.starts_with(root.join(d))))
            .map(|(_, t)| t)
            .collect()
    };
    let hostile: usize = under(&["crates/proxy"]).iter().map(|t| hostile_rows(t)).sum();
    let relay = if hostile == 0 { " (none yet: the relay's tests are not in this tree)" } else { "" };
    let _ = writeln!(
        md,
        "| hostile requests sent to the relay | {hostile} | rows of the `fn hostile_*` tables in `crates/proxy`'s tests{relay} |"
    );
    let page_texts = under(&["src", "tests"]);
    let markup: usize = page_texts.iter().map(|t| hostile_markup(t) + hostile_rows(t)).sum();
    let _ = writeln!(
        md,
        "| hostile pastes, links and URLs fed to the page | {markup} | lines of page tests (`src/`, `tests/`) holding {}, and the rows of their `fn hostile_*` tables |",
        HOSTILE_MARKUP.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    );
    let (blocks, cases): (usize, usize) =
        texts.iter().map(|t| property_cases(t)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let _ = writeln!(
        md,
        "| generated inputs per test run | {cases} | property tests ({blocks}): each `#[test]` in a `proptest!` block × its `cases` (proptest's default 256 when not set) |"
    );
    let faults: usize = texts.iter().map(|t| t.matches("\"--fault\"").count()).sum();
    let _ = writeln!(md, "| faults injected into the emulator | {faults} | `\"--fault\"` arguments in test sources |");
    let secrets: usize = texts.iter().map(|t| secret_checks(t)).sum();
    let _ = writeln!(md, "| secrets searched for and not found | {secrets} | assertions `!….contains(…)` on a line naming a secret, token, password or canary |");
    Ok(md)
}

/// Every `.rs` file under `dir`, recursively.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Rust sources holding tests: files under a `tests` folder, `tests.rs` files, and files with `#[cfg(test)]`.
fn test_sources(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["crates", "tests", "fuzz", "xtask/src", "src"]
        .iter()
        .flat_map(|d| walk(&root.join(d)))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            p.components().any(|c| c.as_os_str() == "tests")
                || p.file_name().is_some_and(|n| n == "tests.rs")
                || std::fs::read_to_string(p).is_ok_and(|t| t.contains("#[cfg(test)]"))
        })
        .collect();
    files.sort();
    files
}

/// The part of a source that is test code: all of a test file, or what follows `#[cfg(test)]`.
fn test_part(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[i..])
}

/// Inputs built in `fn hostile_*` bodies: each `add("…", …)` call and each one-line `(…, …),` table row.
fn hostile_rows(text: &str) -> usize {
    let mut count = 0;
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("fn hostile") || line.starts_with("pub fn hostile") || line.starts_with("async fn hostile")
        {
            inside = true;
        } else if inside && line.starts_with('}') {
            inside = false;
        } else if inside {
            let l = line.trim_start();
            // `add(what, …)` inside a loop over a table is counted by the table's rows instead.
            let call = l.strip_prefix("add(").is_some_and(|rest| rest.is_empty() || rest.starts_with('"'));
            if call || (l.starts_with('(') && l.ends_with("),")) {
                count += 1;
            }
        }
    }
    count
}

/// What page tests feed the page to see it shown as text, not run.
const HOSTILE_MARKUP: &[&str] = &["<script", "onerror=", "javascript:"];

/// Lines of a test source holding hostile markup or a script URL.
fn hostile_markup(text: &str) -> usize {
    text.lines().filter(|l| HOSTILE_MARKUP.iter().any(|m| l.contains(m))).count()
}

/// `proptest!` tests in a source and the inputs they generate per run: (tests, cases).
fn property_cases(text: &str) -> (usize, usize) {
    let (mut tests, mut cases) = (0, 0);
    for (start, _) in text.match_indices("proptest! {") {
        // The block: up to the brace that closes the one after `proptest!`.
        let body = &text[start + "proptest! ".len()..];
        let mut depth = 0;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(body.len(), |(i, _)| i);
        let block = &body[..end];
        let per_test = block
            .split_once("cases:")
            .and_then(|(_, rest)| rest.trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
            .unwrap_or(256);
        let n = block.matches("#[test]").count();
        tests += n;
        cases += n * per_test;
    }
    (tests, cases)
}

/// Lines asserting that some text does not contain a secret.
fn secret_checks(text: &str) -> usize {
    text.lines()
        .filter(|l| {
            let lower = l.to_ascii_lowercase();
            l.match_indices(".contains(").any(|(i, _)| negated(&l[..i]))
                && ["secret", "token", "password", "canary"].iter().any(|w| lower.contains(w))
        })
        .count()
}

/// Whether the expression that ends `before` starts with `!` (`!log` of `!log.contains(`).
fn negated(before: &str) -> bool {
    let mut start = before;
    loop {
        let trimmed =
            start.trim_end_matches("()").trim_end_matches(|c: char| c.is_alphanumeric() || matches!(c, '_' | '.'));
        if trimmed.len() == start.len() {
            return start.ends_with('!');
        }
        start = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_hostile_table_rows_and_calls() {
        let src = "fn hostile_requests(p: u16) -> Vec<H> {\n    for (what, seg, status) in [\n        (\"IPv4\", \"127.0.0.1\", 400),\n        (\"IPv6\", \"::1\", 400),\n    ] {\n        add(what, seg, status);\n    }\n    add(\"TRACE\", x, 405);\n    cases\n}\n\nfn other() {\n    add(\"not hostile\", x, 1);\n}\n";
        // Two table rows and the TRACE call; the add() in the loop sends the rows.
        assert_eq!(hostile_rows(src), 3);
    }

    #[test]
    fn counts_absence_assertions_naming_a_secret() {
        let src = "assert!(!log.contains(SECRET));\nassert!(!out.text().contains(\"zQ9-leak-canary\"), \"leak\");\nassert!(out.contains(SECRET));\nlet x = !done;\n";
        assert_eq!(secret_checks(src), 2);
    }

    #[test]
    fn counts_property_test_cases() {
        let src = "proptest! {\n    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]\n    #[test]\n    fn a(x in 0..3) { if x > 1 { } }\n    #[test]\n    fn b(x in 0..3) {}\n}\nproptest! {\n    #[test]\n    fn c(x in 0..3) {}\n}\n#[test]\nfn not_a_property() {}\n";
        assert_eq!(property_cases(src), (3, 48 * 2 + 256));
        assert_eq!(hostile_markup("let x = \"<script>\";\nlet y = 1;\n"), 1);
    }

    #[test]
    fn only_the_test_module_of_a_source_counts() {
        assert_eq!(test_part("fn main() {}\n#[cfg(test)]\nmod tests {}"), "#[cfg(test)]\nmod tests {}");
        assert_eq!(test_part("fn only_tests() {}"), "fn only_tests() {}");
    }
}
