//! Installing the tools the page and the browser tests need, once, from the registries this project may use:
//! crates.io (trunk, wasm-bindgen-cli, cargo-deny), npm (binaryen's wasm-opt) and Debian's packages (chromium).
//! Nothing is downloaded at build time: Trunk runs offline with these exact versions.

use std::path::PathBuf;
use std::process::Command;

use crate::run;

/// Trunk 0.21.14 is the newest that builds with this toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's npm package; Debian's binaryen (108) emits a wasm that fails to load.
pub const BINARYEN_VERSION: &str = "132";

/// cargo-deny 0.20.2 needs Rust 1.88 or newer.
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// Folder for project-local tools (git-ignored).
pub fn tools_dir() -> PathBuf {
    run::workspace_root().join(".tools")
}

/// Puts cargo's bin folder and the project-local tools first on PATH, for this process and its children.
pub fn setup_path() {
    let mut dirs = vec![tools_dir().join("binaryen/node_modules/.bin")];
    if let Some(home) = cargo_home() {
        dirs.push(home.join("bin"));
    }
    let old = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&old));
    let joined = std::env::join_paths(dirs).expect("PATH entries contain no separator");
    std::env::set_var("PATH", joined);
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
}

/// The wasm-bindgen version locked in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(run::workspace_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen").ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_string())
}

/// Finds `version = "…"` of the package `name` in a Cargo.lock text.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

/// The `[tools]` versions in Trunk.toml, which must agree with what is installed.
fn trunk_toml_tool(key: &str) -> Option<String> {
    let text = std::fs::read_to_string(run::workspace_root().join("Trunk.toml")).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Whether `program --version` prints something containing `needle`.
fn has_version(program: &str, needle: &str) -> bool {
    run::output(Command::new(program).arg("--version")).is_some_and(|out| out.contains(needle))
}

/// The wasm32 target of the toolchain, added when missing.
pub fn ensure_wasm_target() -> Result<(), String> {
    let targets = run::output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run::status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// cargo-deny, for the license and ban checks (`deny.toml`), installed when missing.
pub fn ensure_cargo_deny() -> Result<(), String> {
    setup_path();
    if !has_version("cargo-deny", CARGO_DENY_VERSION) {
        eprintln!("xtask: installing cargo-deny {CARGO_DENY_VERSION} (about 10 minutes, once)");
        run::cargo(&["install", "cargo-deny", "--version", CARGO_DENY_VERSION, "--locked"])?;
    }
    Ok(())
}

/// The wasm target, Trunk, wasm-bindgen-cli and wasm-opt, installed when missing.
pub fn ensure_web_tools() -> Result<(), String> {
    setup_path();
    ensure_wasm_target()?;
    if !has_version("trunk", TRUNK_VERSION) {
        eprintln!("xtask: installing trunk {TRUNK_VERSION} (a cold build takes about 15 minutes, once)");
        run::cargo(&["install", "trunk", "--version", TRUNK_VERSION, "--locked"])?;
    }
    let bindgen = locked_wasm_bindgen()?;
    if trunk_toml_tool("wasm_bindgen").as_deref() != Some(bindgen.as_str()) {
        return Err(format!("Trunk.toml's [tools] wasm_bindgen must be \"{bindgen}\", the version in Cargo.lock"));
    }
    if !has_version("wasm-bindgen", &bindgen) {
        eprintln!("xtask: installing wasm-bindgen-cli {bindgen} (about 5 minutes, once)");
        run::cargo(&["install", "wasm-bindgen-cli", "--version", &bindgen, "--force"])?;
    }
    if trunk_toml_tool("wasm_opt").as_deref() != Some(&format!("version_{BINARYEN_VERSION}")) {
        return Err(format!("Trunk.toml's [tools] wasm_opt must be \"version_{BINARYEN_VERSION}\""));
    }
    if !has_version("wasm-opt", BINARYEN_VERSION) {
        let prefix = tools_dir().join("binaryen");
        std::fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        run::status(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(format!("binaryen@{BINARYEN_VERSION}")),
        )?;
    }
    Ok(())
}

/// Chromium, its driver and a Chinese font for the browser tests: installed with apt when running as root on Debian.
pub fn ensure_browser() -> Result<(), String> {
    let has_browser = which("chromium").is_some() && which("chromedriver").is_some();
    let has_cjk_font = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").is_file();
    if has_browser && has_cjk_font {
        return Ok(());
    }
    let is_root = run::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || which("apt-get").is_none() {
        // The font only makes screenshots readable; the browser itself is required.
        return if has_browser {
            Ok(())
        } else {
            Err("the browser tests need Chromium and ChromeDriver: install them \
                 (on Debian: `sudo apt-get install -y chromium chromium-driver fonts-wqy-microhei`) and run again"
                .to_string())
        };
    }
    run::status(Command::new("apt-get").arg("update"))?;
    // The Chinese font makes the Chinese page's screenshots readable (without it, glyphs render as boxes).
    run::status(Command::new("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-wqy-microhei",
    ]))
}

/// `program` from Debian's package `package` (ripgrep, wrk for the bench), installed with apt when missing and
/// running as root on Debian.
pub fn ensure_apt(program: &str, package: &str) -> Result<(), String> {
    if which(program).is_some() {
        return Ok(());
    }
    let is_root = run::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || which("apt-get").is_none() {
        return Err(format!(
            "the bench needs `{program}`: install it (on Debian: `sudo apt-get install -y {package}`) and run again"
        ));
    }
    run::status(Command::new("apt-get").arg("update"))?;
    run::status(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", package]))
}

/// The full path of `program` on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(program)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn trunk_toml_pins_the_locked_wasm_bindgen() {
        assert_eq!(trunk_toml_tool("wasm_bindgen"), locked_wasm_bindgen().ok());
        assert_eq!(trunk_toml_tool("wasm_opt"), Some(format!("version_{BINARYEN_VERSION}")));
    }
}
