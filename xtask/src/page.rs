//! Building the page with Trunk and serving it with the proxy.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{demo, precompress, run, tools};

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

const SERVE_USAGE: &str = "usage: cargo xtask serve [--addr HOST:PORT] [--demo]";

/// `cargo xtask serve [--addr HOST:PORT] [--demo]`: build, then run the proxy on the page until interrupted;
/// with `--demo`, the emulator plays RAM, STS and IMS behind the proxy's upstream override.
pub fn serve(args: &[String]) -> Result<(), String> {
    let mut addr = "127.0.0.1:8080".to_string();
    let mut with_demo = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = args.next().ok_or(SERVE_USAGE)?.clone(),
            "--demo" => with_demo = true,
            _ => return Err(SERVE_USAGE.to_string()),
        }
    }
    let dist = build()?;
    report_size(&dist);
    let demo = with_demo.then(|| demo::start(&dist)).transpose()?;
    let mut proxy_args = vec!["run", "--package", "ram-doctor-proxy", "--", "--addr", &addr];
    let dist_arg = dist.to_string_lossy();
    proxy_args.extend(["--dist", &dist_arg]);
    let upstreams: Vec<String> =
        demo.iter().flat_map(|d| demo::UPSTREAM_HOSTS.map(|host| format!("{host}={}", d.url))).collect();
    for upstream in &upstreams {
        proxy_args.extend(["--upstream", upstream]);
    }
    eprintln!("xtask: serving the page; open the URL below (Ctrl-C stops)");
    // The debug build is shared with `cargo xtask test` and serves static files plenty fast.
    let served = run::cargo(&proxy_args);
    drop(demo);
    served
}

/// The app shell's budget: what a first visit downloads before the page can diagnose (issue 13).
const SHELL_BUDGET_BROTLI: u64 = 250 * 1024;

/// Prints the size of every file Trunk wrote at the top of `dist`, largest first, then the app shell (wasm, js,
/// css, html) and the catalog index as served: brotli, beside the raw size.
pub fn report_size(dist: &Path) {
    let mut files: Vec<(u64, String)> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.file_name().to_string_lossy().into_owned())))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (len, name) in &files {
        println!("{len:>10}  {name}");
    }
    let size = |name: &str| files.iter().find(|(_, n)| n == name).map(|(len, _)| *len);
    let mut shell = (0, 0);
    for (raw, name) in &files {
        let is_shell = [".wasm", ".js", ".css", ".html"].iter().any(|ext| name.ends_with(ext));
        if is_shell {
            // Served brotli when `xtask` precompressed it smaller, else as is.
            shell = (shell.0 + raw, shell.1 + size(&format!("{name}.br")).unwrap_or(*raw));
        }
    }
    let verdict = if shell.1 <= SHELL_BUDGET_BROTLI { "within" } else { "OVER" };
    println!(
        "app shell (wasm+js+css+html): {} bytes brotli ({} raw), {verdict} the {} KB budget",
        shell.1,
        shell.0,
        SHELL_BUDGET_BROTLI / 1024
    );
    if let Some(raw) = size("index.json") {
        println!(
            "catalog index (fetched beside the wasm): {} bytes brotli ({raw} raw)",
            size("index.json.br").unwrap_or(raw)
        );
    }
}
