//! Alibaba Cloud's official Python SDK, in a project-local virtual environment (`.tools/python-sdk`, git-ignored),
//! for the emulator's interop test: requests signed by the official signer must verify against core's.
//!
//! The test learns the interpreter from `RAM_DOCTOR_SDK_PYTHON`, or why there is none from `RAM_DOCTOR_SDK_SKIP`
//! (set only when the Python registry cannot be reached).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::{run, tools};

/// The official packages, pinned: the RPC/V3 signer lives in `alibabacloud_tea_openapi`.
pub const SDK_PACKAGES: [&str; 3] =
    ["alibabacloud_tea_openapi==0.4.6", "alibabacloud_ram20150501==1.3.0", "alibabacloud_sts20150401==1.2.0"];

/// What the interop test is told.
pub enum Sdk {
    /// The virtual environment's interpreter, with the SDK installed.
    Python(PathBuf),
    /// PyPI cannot be reached: why, for the loud skip message.
    Unreachable(String),
}

impl Sdk {
    /// The environment variable the test reads.
    pub fn env(&self) -> (&'static str, String) {
        match self {
            Sdk::Python(p) => ("RAM_DOCTOR_SDK_PYTHON", p.to_string_lossy().into_owned()),
            Sdk::Unreachable(why) => ("RAM_DOCTOR_SDK_SKIP", why.clone()),
        }
    }
}

fn venv() -> PathBuf {
    tools::tools_dir().join("python-sdk")
}

/// Whether the packages, at their pinned versions, are importable from the venv.
fn installed(python: &PathBuf) -> bool {
    let wanted = SDK_PACKAGES.iter().map(|p| p.replace("==", " ")).collect::<Vec<_>>();
    run::output(Command::new(python).args(["-m", "pip", "list", "--format=freeze"])).is_some_and(|list| {
        let list = list.to_ascii_lowercase().replace('-', "_").replace("==", " ");
        wanted.iter().all(|w| list.lines().any(|l| l == w.as_str()))
    })
}

/// Whether pypi.org answers (asked only after an install failed, to tell "offline" from a real failure).
fn pypi_reachable() -> Result<(), String> {
    let probe = "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/alibabacloud-tea-openapi/', timeout=15).read(1)";
    let out = Command::new("python3").args(["-c", probe]).output().map_err(|e| format!("cannot run python3: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(err.lines().last().unwrap_or("no answer").to_string())
    }
}

/// Creates the venv and installs the SDK when needed; reports how long that took.
pub fn ensure_sdk() -> Result<Sdk, String> {
    let python = venv().join("bin/python");
    if python.is_file() && installed(&python) {
        return Ok(Sdk::Python(python));
    }
    let started = Instant::now();
    if !python.is_file() {
        run::status(Command::new("python3").args(["-m", "venv"]).arg(venv())).map_err(|e| {
            format!("{e}: the SDK interop test needs python3 with the venv module (Debian: python3-venv)")
        })?;
    }
    let install = run::status(Command::new(&python).args(["-m", "pip", "install", "--quiet"]).args(SDK_PACKAGES));
    match install {
        Ok(()) => {
            eprintln!("xtask: official Python SDK installed in {:.0} s", started.elapsed().as_secs_f64());
            Ok(Sdk::Python(python))
        }
        Err(e) => match pypi_reachable() {
            Err(why) => Ok(Sdk::Unreachable(format!("PyPI cannot be reached ({why})"))),
            Ok(()) => Err(format!("installing the official Python SDK failed although PyPI answers: {e}")),
        },
    }
}

/// The banner printed when the interop test cannot run.
pub fn warn_skipped(why: &str) {
    let line = "!".repeat(78);
    eprintln!("{line}\nxtask: SKIPPING the official-SDK interop test: {why}\n{line}");
}
