//! `ram-doctor lint FILE [--json] [--name POLICY_NAME] [--principal-policy] [--zh]`: the policy checks, with stable IDs.
//!
//! Exit codes: 1 when an `error` is found, 0 otherwise (security findings, warnings and suggestions included),
//! 2 when the file cannot be read.

use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::grant::Lang;
use ram_doctor_core::policy::check::{has_error, lint, Diagnostic, LintOptions, PolicyUse, Severity};

#[derive(clap::Args)]
pub struct Args {
    /// The policy document: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Print the diagnostics as JSON.
    #[arg(long)]
    pub json: bool,
    /// The name the policy will be created under (checked against RAM's naming rule).
    #[arg(long = "name", value_name = "POLICY_NAME")]
    pub name: Option<String>,
    /// The document is a trust policy or a resource-based policy, where `Principal` belongs.
    #[arg(long)]
    pub principal_policy: bool,
    /// Say what is wrong in Simplified Chinese.
    #[arg(long)]
    pub zh: bool,
}

pub fn run(args: Args) -> ExitCode {
    let text = match crate::input::read_text(args.file.as_deref()) {
        Ok(t) => t,
        Err(e) => return crate::input::fail(&e),
    };
    let options = LintOptions {
        name: args.name.as_deref(),
        usage: if args.principal_policy { PolicyUse::Principal } else { PolicyUse::Identity },
        lang: if args.zh { Lang::Zh } else { Lang::En },
    };
    let catalog = match crate::input::embedded_catalog() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let diagnostics = lint(&text, &options, &catalog);
    let label = args.file.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string());
    if args.json {
        let out = serde_json::json!({ "file": label, "diagnostics": diagnostics, "summary": summary(&diagnostics) });
        println!("{}", serde_json::to_string_pretty(&out).expect("diagnostics always serialize"));
    } else {
        print_text(&label, &text, &diagnostics);
    }
    if has_error(&diagnostics) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Count per severity, every severity present (zeros included) so scripts can read it without guessing.
fn summary(diagnostics: &[Diagnostic]) -> serde_json::Map<String, serde_json::Value> {
    [Severity::Error, Severity::Security, Severity::Warning, Severity::Suggestion]
        .into_iter()
        .map(|s| (s.as_str().to_string(), diagnostics.iter().filter(|d| d.severity == s).count().into()))
        .collect()
}

/// `file:line:col: severity ID name at path: message`, then the source line with the span underlined.
fn print_text(label: &str, text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let at = if d.path.is_empty() { String::new() } else { format!(" at {}", d.path) };
        println!("{label}:{}:{}: {} {} {}{at}: {}", d.line, d.column, d.severity, d.id, d.name, d.message);
        if let Some((line, underline)) = underline(text, d) {
            println!("    {line}\n    {underline}");
        }
    }
    let counts = summary(diagnostics);
    if diagnostics.is_empty() {
        println!("{label}: no problems found");
    } else {
        let parts: Vec<String> =
            counts.iter().filter(|(_, n)| n.as_u64() != Some(0)).map(|(s, n)| format!("{s}: {n}")).collect();
        println!("{label}: {}", parts.join(", "));
    }
}

/// The diagnostic's source line and a `^^^` line under its span (clipped to that line).
fn underline(text: &str, d: &Diagnostic) -> Option<(String, String)> {
    let line = text.lines().nth(d.line.checked_sub(1)?)?;
    if line.chars().count() > 200 {
        return None; // A minified document would print one huge line.
    }
    let span_chars = text
        .get(d.span.start..d.span.end.max(d.span.start))
        .map_or(1, |s| s.lines().next().map_or(1, |l| l.chars().count()));
    let start_col = d.column.saturating_sub(1);
    let width = span_chars.clamp(1, line.chars().count().saturating_sub(start_col).max(1));
    Some((line.to_string(), format!("{}{}", " ".repeat(start_col), "^".repeat(width))))
}
