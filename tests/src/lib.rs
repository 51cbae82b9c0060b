//! The browser test harness: the real proxy serving the built page, a chromedriver in its own process group,
//! and a headless Chromium session driven through fantoccini. Everything started here is stopped on drop,
//! whether the test passed or panicked, so no Chromium outlives a run.
//!
//! The journeys themselves are in `tests/*.rs`; `src/bin/screenshots.rs` shoots the page's main states.

mod axe;
mod browser;
mod chromedriver;
mod error;
pub mod keys;
mod live;
pub mod samples;
mod service;
mod states;
mod steps;

pub use axe::Violation;
pub use browser::{Browser, Viewport};
pub use error::HarnessError;
pub use live::{AccessKey, Emulator, UPSTREAM_HOSTS};
pub use service::Service;
pub use states::PageState;

use std::path::PathBuf;

/// Env var naming the built page (Trunk's `dist/`).
pub const DIST_ENV: &str = "RAM_DOCTOR_DIST";
/// Env var naming the `ram-doctor-proxy` binary.
pub const PROXY_BIN_ENV: &str = "RAM_DOCTOR_PROXY_BIN";
/// Env var naming the `ram-doctor-emulator` binary (the live journeys' RAM, STS and IMS).
pub const EMULATOR_BIN_ENV: &str = "RAM_DOCTOR_EMULATOR_BIN";
/// Env var naming axe-core's `axe.min.js` (the accessibility journeys).
pub const AXE_ENV: &str = "RAM_DOCTOR_AXE";

/// A path from an env var that must name an existing file or folder.
fn required_path(var: &'static str) -> Result<PathBuf, HarnessError> {
    let value = std::env::var_os(var).filter(|v| !v.is_empty()).ok_or(HarnessError::MissingEnv(var))?;
    let path = PathBuf::from(value);
    if path.exists() {
        Ok(path)
    } else {
        Err(HarnessError::MissingPath { var, path })
    }
}

/// A copy of the built page (RAM_DOCTOR_DIST) in a fresh folder, for a test that adds files to it.
pub fn dist_copy(name: &str) -> Result<PathBuf, HarnessError> {
    let from = required_path(DIST_ENV)?;
    let to = std::env::temp_dir().join(format!("ram-doctor-e2e-dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&from, &to)
        .map_err(|source| HarnessError::Spawn { program: format!("copying {}", from.display()), source })?;
    Ok(to)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Where screenshots go: `<workspace target>/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("e2e-screenshots")
}
