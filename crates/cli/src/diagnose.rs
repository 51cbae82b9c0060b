//! `ram-doctor diagnose [FILE|-] [--json] [--zh]`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::finding::{Confidence, Layer, Localized};
use ram_doctor_core::report::{Grant, Report};
use ram_doctor_core::{Catalog, Diagnosis, Finding, Kind};

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Print the diagnosis as JSON (the stable contract).
    #[arg(long)]
    pub json: bool,
    /// Explain in Simplified Chinese.
    #[arg(long)]
    pub zh: bool,
}

pub fn run(args: Args) -> ExitCode {
    let (catalog, diagnosis) = match crate::input::diagnose_input(args.file.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let printed = print(&diagnosis, &catalog, args.json, args.zh);
    // The process ends here: freeing the catalog's many small allocations one by one would only cost time.
    std::mem::forget(catalog);
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Prints a diagnosis as `diagnose` does (for a pasted text, and for a live command's failed call), each
/// finding with the grant of its own plan, for the JSON and the text alike.
pub fn print(diagnosis: &Diagnosis, catalog: &Catalog, json: bool, zh: bool) -> Result<(), ExitCode> {
    let report =
        Report::new(diagnosis, catalog).map_err(|e| crate::input::fail(&format!("cannot plan the grant: {e}")))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        let style = Style::for_stdout();
        print!("{}", render(&report, &style, zh));
    }
    Ok(())
}

/// ANSI styling, on only for a terminal and never when `NO_COLOR` is set (https://no-color.org).
pub struct Style {
    on: bool,
}

impl Style {
    fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style { on: std::io::stdout().is_terminal() && !no_color }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn red(&self, s: &str) -> String {
        self.paint("1;31", s)
    }
    fn yellow(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
    fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// The human-readable report.
fn render(report: &Report, style: &Style, zh: bool) -> String {
    if report.findings.is_empty() {
        return if zh {
            "文本中没有找到阿里云错误。\n".to_string()
        } else {
            "No Alibaba Cloud error found in the text.\n".to_string()
        };
    }
    let mut out = String::new();
    for (n, f) in report.findings.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        render_finding(&mut out, &f.finding, style, zh);
        render_grant(&mut out, &f.grant, style, zh);
    }
    out
}

fn render_finding(out: &mut String, f: &Finding, style: &Style, zh: bool) {
    let kind = match f.kind {
        Kind::MissingPermission | Kind::ExplicitDeny | Kind::AssumeRole | Kind::ServiceRoleMissing => {
            style.red(f.kind.as_str())
        }
        Kind::Other => style.dim(f.kind.as_str()),
        _ => style.yellow(f.kind.as_str()),
    };
    let confidence = match f.confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    };
    out.push_str(&format!(
        "{kind}  {}  {}\n",
        style.bold(f.code.as_deref().unwrap_or("(no code)")),
        style.dim(&format!("confidence {confidence}"))
    ));
    let mut row = |label: &str, value: String| out.push_str(&format!("  {:<10} {}\n", style.dim(label), value));
    if let Some(cloud) = &f.other_cloud {
        row("cloud", cloud.clone());
    }
    if let Some(p) = &f.product {
        let reason =
            f.product_reason.as_ref().map(|r| format!("  ({})", if zh { &r.zh } else { &r.en })).unwrap_or_default();
        row("product", format!("{p}{}", style.dim(&reason)));
    }
    if !f.actions.is_empty() {
        let inferred = if f.actions_inferred { " (inferred)" } else { "" };
        row("action", format!("{}{inferred}", f.actions.join(", ")));
    }
    if let Some(api) = &f.api {
        row("api", api.clone());
    }
    if let Some(r) = &f.resource {
        row("resource", r.clone());
    }
    if let Some(p) = &f.principal {
        let mut who = [p.kind.as_deref(), p.name.as_deref()].iter().flatten().copied().collect::<Vec<_>>().join(" ");
        if let Some(a) = &p.account {
            who.push_str(&format!(" (account {a})"));
        }
        row("principal", who);
    }
    if f.policy_type.is_some() || f.layer.is_some() {
        let layer = f.layer.map(|l| match l {
            Layer::Identity => "identity policy",
            Layer::ControlPolicy => "control policy",
            Layer::SessionPolicy => "STS session policy",
            Layer::TrustPolicy => "role trust policy",
            Layer::ResourcePolicy => "resource policy",
        });
        row("policy", [f.policy_type.as_deref(), layer].iter().flatten().copied().collect::<Vec<_>>().join(" — "));
    }
    if let Some(r) = &f.region {
        row("region", r.clone());
    }
    if let Some(r) = &f.request_id {
        row("request", r.clone());
    }
    if !f.likely_products.is_empty() {
        let reason = |g: &ram_doctor_core::finding::ProductGuess| {
            if zh && !g.reason_zh.is_empty() {
                g.reason_zh.clone()
            } else {
                g.reason.clone()
            }
        };
        let guesses: Vec<String> =
            f.likely_products.iter().take(5).map(|g| format!("{} ({})", g.product, reason(g))).collect();
        row("maybe", guesses.join("; "));
    }
    out.push('\n');
    let explanation = if zh && !f.explanation_zh.is_empty() { &f.explanation_zh } else { &f.explanation };
    for line in wrap(explanation, 96) {
        out.push_str(&format!("  {line}\n"));
    }
}

/// The finding's plan in short: each system policy with what it allows and how it compares with the need, the
/// custom policy, the service roles to create, and the steps that are not a grant.
fn render_grant(out: &mut String, grant: &Grant, style: &Style, zh: bool) {
    let words = |l: &Localized| if zh && !l.zh.is_empty() { l.zh.clone() } else { l.en.clone() };
    let has_grant =
        !grant.system_policy_coverage.is_empty() || grant.custom_policy.is_some() || !grant.service_roles.is_empty();
    if has_grant {
        out.push_str(&format!("\n  {}\n", style.bold(if zh { "授权" } else { "Grant" })));
    }
    for p in &grant.system_policy_coverage {
        out.push_str(&format!(
            "    {} {}\n",
            style.dim(if zh { "系统策略" } else { "system policy" }),
            style.green(&p.name)
        ));
        let mut note = words(&p.explanation);
        if let Some(coverage) = p.coverage_note() {
            note = format!("{note} {}", words(&coverage));
        }
        for line in wrap(&note, 88) {
            out.push_str(&format!("      {}\n", style.dim(&line)));
        }
    }
    if let Some(policy) = &grant.custom_policy {
        out.push_str(&format!("    {}\n", style.dim(if zh { "自定义策略" } else { "custom policy" })));
        let json = serde_json::to_string_pretty(policy).expect("a policy always serializes");
        for line in json.lines() {
            out.push_str(&format!("      {}\n", style.cyan(line)));
        }
    }
    for role in &grant.service_roles {
        let name = role.role_name.as_deref().unwrap_or("?");
        out.push_str(&format!(
            "    {} {}\n",
            style.dim(if zh { "服务角色" } else { "service role" }),
            style.green(name)
        ));
    }
    if !grant.steps.is_empty() {
        out.push_str(&format!("\n  {}\n", style.bold(if zh { "下一步" } else { "Next steps" })));
        for step in &grant.steps {
            out.push_str(&format!("    - {}\n", words(&step.title)));
        }
    }
}

/// Greedy word wrap; CJK text (no spaces) wraps by characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_inclusive(' ') {
        let wlen = word.chars().count();
        if len + wlen > width && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
            len = 0;
        }
        if wlen > width {
            for c in word.chars() {
                if len >= width {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                line.push(c);
                len += if c.is_ascii() { 1 } else { 2 };
            }
        } else {
            line.push_str(word);
            len += wlen;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}
