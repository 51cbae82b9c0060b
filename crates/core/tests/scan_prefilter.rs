//! The reading path ([`ram_doctor_core::read::scan`]: the readers over the windows around the lines where an
//! error can open) reads exactly what the readers read over every byte: the same errors, fields and spans, and the
//! same context, on every committed fixture, on fixtures set among noise, each fixture line alone, and on generated
//! noisy logs with fixtures inserted at random places — with every code-shaped word taken as documented, and with
//! the catalog's answer, as `diagnose` asks. `diagnose` is a function of that reading, the text and the catalog,
//! so its findings are the same too.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use ram_doctor_core::read::{read_all, scan, Reading};
use ram_doctor_core::text::Text;
use ram_doctor_core::Catalog;

/// The catalog `diagnose` starts with: which code-shaped words it documents.
fn catalog() -> &'static Catalog {
    static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let index = fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json")).unwrap();
        Catalog::from_index(&index).unwrap()
    })
}

fn fixtures() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().filter_map(|e| Some(e.ok()?.path())).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
            } else if path.extension().is_some_and(|e| e == "jsonl") {
                for (n, line) in fs::read_to_string(&path).unwrap().lines().enumerate() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    if let Some(text) = v["text"].as_str() {
                        out.push((format!("{}:{}", path.display(), n + 1), text.to_string()));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut out);
    assert!(out.len() > 150, "the fixtures are committed ({} found)", out.len());
    out
}

/// The two readings, compared whole (errors with every field and span, then the context), through the windows
/// whatever the text's size; once with every code-shaped word documented, once with the catalog's answer.
fn same(text: &str) -> Result<(), String> {
    let t = Text::new(text);
    let documented = |w: &str| catalog().error_code(w).is_some();
    for (name, doc) in [("every word", &(|_: &str| true) as &dyn Fn(&str) -> bool), ("the catalog", &documented)] {
        let (all, windowed): (Reading, Reading) = (read_all(&t, doc), scan::read_windows(&t, doc));
        if all.errors != windowed.errors {
            return Err(format!("{name}: errors differ:\n{:?}\nvs\n{:?}", all.errors, windowed.errors));
        }
        if all.context != windowed.context {
            return Err(format!("{name}: context differs:\n{:?}\nvs\n{:?}", all.context, windowed.context));
        }
    }
    Ok(())
}

/// Ordinary log lines, some of them close to error shapes (an unrelated exception, a 500, a request id, a
/// Terraform resource, a Java class name), in paragraphs or not.
const NOISE: &[&str] = &[
    "10.0.3.7 - - [14/Mar/2026:09:12:33 +0000] \"GET /api/orders?page=3 HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0\"",
    "10.0.3.7 - - [14/Mar/2026:09:12:34 +0000] \"GET /login HTTP/1.1\" 500 12 \"-\" \"curl/8.0\"",
    "2026-03-14T09:12:33.120Z INFO  [http-nio-8080-exec-3] c.e.shop.OrderController - handled request id=00ff12 in 12 ms",
    "{\"level\":\"info\",\"ts\":1773000000.5,\"caller\":\"worker/batch.go:88\",\"msg\":\"processed batch\",\"count\":12}",
    "2026-03-14T09:12:35.000Z WARN  [pool-2-thread-1] c.e.db.Pool - connection reset by peer, retrying in 200 ms",
    "2026-03-14T09:12:36.000Z ERROR [main] c.e.shop.PaymentService - order 7 failed: java.lang.IllegalStateException: cart is empty",
    "\tat com.example.shop.CartService.checkout(CartService.java:88)",
    "alicloud_instance.web[3]: Still creating... [20s elapsed]",
    "DEBUG [sql] SELECT id, status, total FROM orders WHERE customer_id = 42 LIMIT 50",
    "Step 3/9 : RUN cargo build --release",
    "",
];

#[test]
fn every_fixture_reads_the_same_through_the_prefilter() {
    let mut failures = Vec::new();
    for (name, text) in fixtures() {
        if let Err(e) = same(&text) {
            failures.push(format!("{name}: {e}"));
        }
        // Among noise, with and without blank lines around it (more noise than the windows and margins reach).
        let noise = NOISE.join("\n").repeat(30);
        let noisy = format!("{noise}\n\n{text}\n\n{noise}\n{text}\n{noise}");
        assert!(noisy.lines().count() > 2 * (scan::REACH_AFTER + scan::MARGIN));
        if let Err(e) = same(&noisy) {
            failures.push(format!("{name} among noise: {e}"));
        }
        // Each line alone between quiet paragraphs: no other paragraph's needles can carry it.
        for line in text.lines() {
            if let Err(e) = same(&format!("quiet\n\n{line}\n\nquiet\n")) {
                failures.push(format!("{name}, line {line:?}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} differ:\n{}", failures.len(), failures.join("\n\n"));
}

/// Lines built around each needle of the trigger search (lowercased and capitalised), in shapes the
/// readers read, kept when the needle makes them give an error or context: with the needle replaced by a word no
/// reader knows, the same line gives neither. Such a line is found only through its needle, so a needle the
/// prefilter's literals did not cover would be missed among noise.
fn needle_lines() -> &'static [String] {
    static L: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let gives = |line: &str| {
            let r = read_all(&Text::new(line), &|_: &str| true);
            !r.errors.is_empty() || !r.context.is_empty()
        };
        let mut out = Vec::new();
        for needle in scan::needle_list() {
            let title =
                format!("{}{}", needle.get(..1).unwrap_or("").to_ascii_uppercase(), needle.get(1..).unwrap_or(""));
            for row in [needle.to_string(), title] {
                for shape in [
                    "{}",
                    "request failed: x {} y",
                    "{}: Quota.Xyz",
                    "\"{}\": \"Quota.Xyz\"",
                    "<{}>Quota.Xyz</{}>",
                    "the call failed: {}X.Y",
                    "{} 403 the request was refused",
                    "FC{}Error: x",
                ] {
                    let line = shape.replace("{}", &row);
                    if gives(&line) && !gives(&shape.replace("{}", "Zqxv")) {
                        out.push(line);
                    }
                }
            }
        }
        out
    })
}

/// Each needle line alone among noise lines that hold no trigger (so no other window can carry it) reads the same.
#[test]
fn every_needle_line_reads_the_same_among_noise() {
    let lines = needle_lines();
    assert!(lines.len() > scan::needle_list().count(), "only {} needle lines", lines.len());
    let quiet: Vec<&str> = NOISE.iter().copied().filter(|l| !l.starts_with("alicloud_")).collect();
    let quiet = quiet.join("\n");
    assert!(scan::triggers(&Text::new(&quiet), &|_: &str| true).lines.is_empty(), "the quiet lines hold no trigger");
    let mut failures = Vec::new();
    for line in lines {
        if let Err(e) = same(&format!("{quiet}\n{line}\n{quiet}\n")) {
            failures.push(format!("{line:?}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} differ:\n{}", failures.len(), failures.join("\n\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Noise lines, fixture texts and needle lines in any order, with or without blank lines between them.
    #[test]
    fn generated_noisy_logs_read_the_same(picks in prop::collection::vec((0usize..1000, 0usize..4), 1..120)) {
        let fixtures = fixtures_cached();
        let needle_lines = needle_lines();
        let mut log = String::new();
        for (pick, gap) in picks {
            if pick % 10 == 0 {
                log.push_str(&fixtures[pick % fixtures.len()].1);
            } else if pick % 10 == 1 {
                log.push_str(&needle_lines[(pick * 7919 + gap) % needle_lines.len()]);
            } else {
                log.push_str(NOISE[pick % NOISE.len()]);
            }
            log.push('\n');
            if gap == 0 {
                log.push('\n');
            }
        }
        prop_assert!(same(&log).is_ok(), "{}", same(&log).unwrap_err());
    }
}

fn fixtures_cached() -> &'static [(String, String)] {
    static F: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    F.get_or_init(fixtures)
}
