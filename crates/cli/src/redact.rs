//! `ram-doctor redact [FILE|-] [--reveal-ids] [--json]`: the text with every credential-like value cut and
//! every identifier masked, ready to paste into an issue or a chat. What was taken is summed up on stderr.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::redact::{redact, RedactOptions, Redacted, RedactionKind};

#[derive(clap::Args)]
pub struct Args {
    /// The text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Leave account ids and user ids in place (AccessKey IDs stay masked, secrets are always cut).
    #[arg(long)]
    pub reveal_ids: bool,
    /// Print the redacted text and the list of what was cut (kind and byte spans) as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let text = match crate::input::read_text(args.file.as_deref()) {
        Ok(text) => text,
        Err(e) => return crate::input::fail(&e),
    };
    let redacted = redact(&text, &RedactOptions { reveal_ids: args.reveal_ids });
    let out = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&redacted).expect("a redaction always serializes"))
    } else {
        redacted.text.clone()
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    eprintln!("ram-doctor: {}", summary(&redacted));
    ExitCode::SUCCESS
}

/// `cut 2 (AccessKey secret ×1, STS security token ×1); masked 1 (account id ×1)`, or that nothing was found.
fn summary(redacted: &Redacted) -> String {
    let mut counts: BTreeMap<RedactionKind, usize> = BTreeMap::new();
    for r in &redacted.redactions {
        *counts.entry(r.kind).or_default() += 1;
    }
    let part = |cut: bool, verb: &str| {
        let listed: Vec<String> =
            counts.iter().filter(|(k, _)| k.is_cut() == cut).map(|(k, n)| format!("{} ×{n}", k.label().en)).collect();
        let total: usize = counts.iter().filter(|(k, _)| k.is_cut() == cut).map(|(_, n)| n).sum();
        (total > 0).then(|| format!("{verb} {total} ({})", listed.join(", ")))
    };
    let parts: Vec<String> = [part(true, "cut"), part(false, "masked")].into_iter().flatten().collect();
    if parts.is_empty() {
        "nothing to redact".to_string()
    } else {
        parts.join("; ")
    }
}
