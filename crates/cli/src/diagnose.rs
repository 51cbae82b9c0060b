//! `ram-doctor diagnose [FILE|-] [--json]`.

use std::path::PathBuf;
use std::process::ExitCode;

use ram_doctor_core::{diagnose, Catalog};

#[derive(clap::Args)]
pub struct Args {
    /// The error text: a file, or `-` (or nothing) for standard input.
    pub file: Option<PathBuf>,
    /// Print the diagnosis as JSON (the stable contract).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let text = match crate::input::read_text(args.file.as_deref()) {
        Ok(t) => t,
        Err(e) => return crate::input::fail(&e),
    };
    let diagnosis = diagnose(&text, &Catalog::empty());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&diagnosis).expect("a diagnosis always serializes"));
    } else if diagnosis.findings.is_empty() {
        println!("No Alibaba Cloud error found in the text.");
    } else {
        for f in &diagnosis.findings {
            println!("{}  {}", f.kind.as_str(), f.code.as_deref().unwrap_or("-"));
            println!("  {}", f.explanation);
        }
    }
    ExitCode::SUCCESS
}
