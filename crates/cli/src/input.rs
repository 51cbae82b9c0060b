//! Reading the text a command works on: a file, or standard input for `-` or no argument.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// Exit code for input that cannot be read.
pub const UNREADABLE: u8 = 2;

/// Reads `path` (or stdin for `None`/`-`) as text. Invalid UTF-8 is replaced, not refused: error logs are often mixed.
pub fn read_text(path: Option<&Path>) -> Result<String, String> {
    let bytes = match path {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
    };
    // Valid UTF-8 (the usual case) becomes the text without a second copy of it.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(buf)
}

/// The catalog built into the binary; a broken one is reported like unreadable input.
pub fn embedded_catalog() -> Result<ram_doctor_core::Catalog, ExitCode> {
    ram_doctor_core::Catalog::embedded().map_err(|e| fail(&format!("the built-in catalog is unreadable: {e}")))
}

/// Reads `path` (or stdin) and diagnoses it with the built-in catalog.
pub fn diagnose_input(path: Option<&Path>) -> Result<(ram_doctor_core::Catalog, ram_doctor_core::Diagnosis), ExitCode> {
    let text = read_text(path).map_err(|e| fail(&e))?;
    let catalog = embedded_catalog()?;
    let diagnosis = ram_doctor_core::diagnose(&text, &catalog);
    Ok((catalog, diagnosis))
}

/// Prints `message` as an error and returns the unreadable-input exit code.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("ram-doctor: {message}");
    ExitCode::from(UNREADABLE)
}
