//! axe-core inside the page under test: the accessibility rules of the pinned npm package (installed by the
//! xtask, named by RAM_DOCTOR_AXE), injected through WebDriver, so nothing is fetched while the tests run.

use std::fmt;
use std::sync::OnceLock;

use serde_json::Value;

use crate::{required_path, Browser, HarnessError, AXE_ENV};

/// Runs axe over the whole document and hands back its violations, each reduced to what a failure message needs.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v => ({
    id: v.id, impact: v.impact || '', help: v.help,
    targets: v.nodes.map(n => n.target.map(String).join(' >>> ')),
  }))))
  .catch(e => done({ error: String(e) }));
"#;

/// Rules below serious that the page passes and must keep passing: headings in order (a screen reader's outline).
pub const ALSO_FAILING: &[&str] = &["heading-order"];

/// One axe rule the page breaks, with the elements that break it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule's id (`color-contrast`, `label`, …).
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// The rule's one-line description.
    pub help: String,
    /// A CSS selector for each offending element.
    pub targets: Vec<String>,
}

impl Violation {
    /// Whether the quality bar forbids it (issue 12: no serious or critical violation).
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }

    /// Whether a test fails on it: every serious or critical violation, and the moderate rules the page is held
    /// to as well ([`ALSO_FAILING`]).
    pub fn fails(&self) -> bool {
        self.is_serious() || ALSO_FAILING.contains(&self.id.as_str())
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {} — at {}", self.id, self.impact, self.help, self.targets.join(", "))
    }
}

/// axe.min.js, read once per test binary.
fn axe_source() -> Result<&'static str, HarnessError> {
    static SOURCE: OnceLock<String> = OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path = required_path(AXE_ENV)?;
    let source = std::fs::read_to_string(&path)
        .map_err(|source| HarnessError::Spawn { program: format!("reading {}", path.display()), source })?;
    Ok(SOURCE.get_or_init(|| source))
}

impl Browser {
    /// axe-core's violations on the page as it is now (axe is injected on first use after each load).
    pub async fn axe(&self) -> Result<Vec<Violation>, HarnessError> {
        let loaded = self.run("return typeof window.axe === 'object';", vec![]).await?;
        if loaded != Value::Bool(true) {
            self.run(&format!("{}\nreturn true;", axe_source()?), vec![]).await?;
        }
        let answer = self.run_async(RUN, vec![]).await?;
        let bad = |detail: String| HarnessError::Command { doing: "running axe-core".to_string(), detail };
        let Some(violations) = answer.as_array() else {
            return Err(bad(answer.to_string()));
        };
        let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
        Ok(violations
            .iter()
            .map(|v| Violation {
                id: text(v, "id"),
                impact: text(v, "impact"),
                help: text(v, "help"),
                targets: v["targets"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            })
            .collect())
    }
}
