//! Building the page with Trunk and serving it with the proxy.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{precompress, run, tools};

/// Builds the page in release mode into `dist/` and returns that folder.
pub fn build() -> Result<PathBuf, String> {
    tools::ensure_web_tools()?;
    let dist = run::workspace_root().join("dist");
    // Trunk runs cargo offline: fetch every dependency (all targets) first.
    run::cargo(&["fetch"])?;
    run::status(Command::new("trunk").args(["build", "--release", "--offline"]))?;
    if !dist.join("index.html").is_file() {
        return Err(format!("trunk finished but {} has no index.html", dist.display()));
    }
    let compressed = precompress::run(&dist)?;
    eprintln!("xtask: precompressed {compressed} files (.br and .gz beside each)");
    Ok(dist)
}

/// `cargo xtask serve [--addr HOST:PORT]`: build, then run the proxy on the page until interrupted.
pub fn serve(args: &[String]) -> Result<(), String> {
    let addr = match args {
        [] => "127.0.0.1:8080".to_string(),
        [flag, addr] if flag == "--addr" => addr.clone(),
        _ => return Err("usage: cargo xtask serve [--addr HOST:PORT]".to_string()),
    };
    let dist = build()?;
    report_size(&dist);
    eprintln!("xtask: serving the page; open the URL below (Ctrl-C stops)");
    // The debug build is shared with `cargo xtask test` and serves static files plenty fast.
    run::cargo(&["run", "--package", "ram-doctor-proxy", "--", "--addr", &addr, "--dist", &dist.to_string_lossy()])
}

/// Prints the size of every file Trunk wrote, largest first.
pub fn report_size(dist: &Path) {
    let mut files: Vec<(u64, String)> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.file_name().to_string_lossy().into_owned())))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (len, name) in files {
        println!("{:>10}  {name}", len);
    }
}
