//! Example-file tests in the style of Cedar's integration tests: every folder under `tests/policy_cases/` holds
//! policy files and a `case.json` with the check IDs (and paths) each file must produce and the decision each
//! request must get.
//!
//! Files: `control*.json` are control policies, `session.json` the session policy, every other `*.json` except
//! `case.json` an identity policy (`policy.json` first, then the others by name).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ram_doctor_core::finding::Layer;
use ram_doctor_core::grant::Lang;
use ram_doctor_core::policy::check::{lint, LintOptions, PolicyUse, CHECKS};
use ram_doctor_core::policy::condition::OPERATORS;
use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Reason, Request};
use ram_doctor_core::Catalog;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    /// File name → expected diagnostics as `"ID path"`, in any order.
    lint: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    requests: Vec<CaseRequest>,
    /// Policy name passed to lint (RAM013).
    #[serde(default)]
    name: Option<String>,
    /// `principal` for trust/resource policies.
    #[serde(default)]
    usage: Option<String>,
    /// Lint with the embedded catalog (RAM201, RAM202, RAM305); such expectations are checked only when the
    /// `embedded-catalog` feature is on, as in a workspace-wide `cargo test`.
    #[serde(default)]
    catalog: bool,
}

/// The embedded catalog, loaded once; `None` without the `embedded-catalog` feature.
fn embedded_catalog() -> Option<&'static Catalog> {
    #[cfg(feature = "embedded-catalog")]
    {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        Some(CATALOG.get_or_init(|| Catalog::embedded().expect("the embedded catalog loads")))
    }
    #[cfg(not(feature = "embedded-catalog"))]
    {
        None
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseRequest {
    action: String,
    resource: String,
    #[serde(default)]
    context: std::collections::BTreeMap<String, Vec<String>>,
    /// `allow`, `explicit-deny:<layer>` or `implicit-deny:<layer>`.
    expect: String,
    /// `layer/policy/statement` of every deciding statement, in order; unchecked when absent.
    #[serde(default)]
    deciding: Option<Vec<String>>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/policy_cases")
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/policy_cases exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::Identity => "identity",
        Layer::ControlPolicy => "control-policy",
        Layer::SessionPolicy => "session-policy",
        Layer::TrustPolicy => "trust-policy",
        Layer::ResourcePolicy => "resource-policy",
    }
}

fn expect_text(reason: Reason) -> String {
    match reason {
        Reason::Allowed => "allow".into(),
        Reason::ExplicitDeny(l) => format!("explicit-deny:{}", layer_name(l)),
        Reason::ImplicitDeny(l) => format!("implicit-deny:{}", layer_name(l)),
    }
}

/// Runs one case; returns the list of mismatches.
fn run_case(dir: &Path) -> Vec<String> {
    let case: Case = match std::fs::read_to_string(dir.join("case.json"))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => return vec![format!("case.json: {e}")],
    };
    assert!(!case.description.is_empty());
    let mut problems = Vec::new();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "case.json")
        .collect();
    files.sort_by_key(|n| (n != "policy.json", n.clone()));
    let listed: BTreeSet<&String> = case.lint.keys().collect();
    if listed != files.iter().collect() {
        problems.push(format!("case.json lists {listed:?} but the folder holds {files:?}"));
    }
    let options = LintOptions {
        name: case.name.as_deref(),
        usage: if case.usage.as_deref() == Some("principal") { PolicyUse::Principal } else { PolicyUse::Identity },
        ..LintOptions::default()
    };
    let empty = Catalog::empty();
    let catalog = match (case.catalog, embedded_catalog()) {
        (false, _) => Some(&empty),
        (true, embedded) => embedded,
    };
    for file in files.iter().filter(|_| catalog.is_some()) {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let catalog = catalog.unwrap_or(&empty);
        let mut got: Vec<String> =
            lint(&text, &options, catalog).into_iter().map(|d| format!("{} {}", d.id, d.path)).collect();
        let mut want = case.lint.get(file).cloned().unwrap_or_default();
        got.sort();
        want.sort();
        if got != want {
            problems.push(format!("{file}: lint gave {got:?}, expected {want:?}"));
        }
    }
    if case.requests.is_empty() {
        return problems;
    }
    let load = |f: &String| {
        CompiledPolicy::from_json(&std::fs::read_to_string(dir.join(f)).unwrap()).map_err(|e| format!("{f}: {e}"))
    };
    let by_prefix = |pred: &dyn Fn(&str) -> bool| -> Result<Vec<CompiledPolicy>, String> {
        files.iter().filter(|f| pred(f)).map(load).collect()
    };
    let (identity, control, session) = match (
        by_prefix(&|f| !f.starts_with("control") && f != "session.json"),
        by_prefix(&|f| f.starts_with("control")),
        by_prefix(&|f| f == "session.json"),
    ) {
        (Ok(i), Ok(c), Ok(s)) => (i, c, s),
        (i, c, s) => {
            problems.extend([i.err(), c.err(), s.err()].into_iter().flatten());
            return problems;
        }
    };
    let mut set = PolicySet::new(identity);
    if !control.is_empty() {
        set = set.with_control_policies(control);
    }
    if let Some(s) = session.into_iter().next() {
        set = set.with_session_policy(s);
    }
    for (i, r) in case.requests.iter().enumerate() {
        let mut request = Request::new(r.action.as_str(), r.resource.as_str());
        for (k, vs) in &r.context {
            for v in vs {
                request.context.add(k, v.as_str());
            }
        }
        let decision = set.simulate(&request);
        let got = expect_text(decision.reason);
        if got != r.expect || decision.allowed != (r.expect == "allow") {
            problems.push(format!("request {i} ({} on {}): got {got}, expected {}", r.action, r.resource, r.expect));
        }
        assert_eq!(set.is_allowed(&request), decision.allowed, "is_allowed and simulate disagree in {}", dir.display());
        if let Some(want) = &r.deciding {
            let got: Vec<String> = decision
                .deciding
                .iter()
                .map(|d| format!("{}/{}/{}", layer_name(d.layer), d.policy, d.statement))
                .collect();
            if &got != want {
                problems.push(format!("request {i}: deciding {got:?}, expected {want:?}"));
            }
        }
    }
    problems
}

#[test]
fn every_case_passes() {
    let dirs = case_dirs();
    let failures: Vec<String> = dirs
        .iter()
        .flat_map(|d| {
            run_case(d).into_iter().map(move |p| format!("{}: {p}", d.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

/// Whether the text has a CJK ideograph: the Chinese message is Chinese.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every diagnostic of every case, linted in English and in Chinese: each check (the cases cover all of them)
/// says what is wrong in both languages, the English without Chinese, the Chinese in Chinese.
#[test]
fn every_check_speaks_english_and_chinese() {
    let mut seen = BTreeSet::new();
    let empty = Catalog::empty();
    for dir in case_dirs() {
        let case: Case = serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let Some(catalog) = (if case.catalog { embedded_catalog() } else { Some(&empty) }) else { continue };
        let usage = if case.usage.as_deref() == Some("principal") { PolicyUse::Principal } else { PolicyUse::Identity };
        for file in case.lint.keys() {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let options = |lang| LintOptions { name: case.name.as_deref(), usage, lang };
            let en = lint(&text, &options(Lang::En), catalog);
            let zh = lint(&text, &options(Lang::Zh), catalog);
            assert_eq!(en.len(), zh.len(), "{}: the language changes only the words", dir.display());
            for (e, z) in en.iter().zip(&zh) {
                assert_eq!((&e.id, &e.path, e.span), (&z.id, &z.path, z.span));
                assert!(!e.message.is_empty() && !has_chinese(&e.message), "{} English: {}", e.id, e.message);
                assert!(has_chinese(&z.message) && z.message != e.message, "{} Chinese: {}", z.id, z.message);
                seen.insert(e.id.clone());
            }
        }
    }
    let missing: Vec<&str> = CHECKS.iter().map(|c| c.id).filter(|id| !seen.contains(*id)).collect();
    // Without the embedded catalog the catalog checks (RAM201, RAM202, RAM305) cannot run.
    let needs_catalog = ["RAM201", "RAM202", "RAM305"];
    let expected: Vec<&str> = if embedded_catalog().is_some() { vec![] } else { needs_catalog.to_vec() };
    assert_eq!(missing, expected, "checks no case made speak");
}

#[test]
fn cases_cover_every_check_and_operator() {
    let dirs = case_dirs();
    assert!(dirs.len() >= 60, "only {} cases", dirs.len());
    let mut ids = BTreeSet::new();
    let mut texts = String::new();
    for d in &dirs {
        let case: Case = serde_json::from_str(&std::fs::read_to_string(d.join("case.json")).unwrap()).unwrap();
        ids.extend(case.lint.values().flatten().map(|e| e.split(' ').next().unwrap_or("").to_string()));
        for e in std::fs::read_dir(d).unwrap() {
            texts.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
    }
    let missing: Vec<&str> = CHECKS.iter().map(|c| c.id).filter(|id| !ids.contains(*id)).collect();
    assert!(missing.is_empty(), "no case expects {missing:?}");
    let missing_ops: Vec<&str> = OPERATORS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !texts.contains(&format!("\"{n}\"")) && !texts.contains(&format!(":{n}\"")))
        .collect();
    assert!(missing_ops.is_empty(), "no case uses {missing_ops:?}");
    for prefix in ["ForAnyValue:", "ForAllValues:"] {
        assert!(texts.contains(prefix), "no case uses {prefix}");
    }
}
