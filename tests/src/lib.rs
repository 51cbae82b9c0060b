//! The browser test harness: the real proxy serving the built page, a chromedriver in its own process group,
//! and a headless Chromium session driven through fantoccini. Everything started here is stopped on drop,
//! whether the test passed or panicked, so no Chromium outlives a run.
//!
//! The journeys themselves are in `tests/e2e.rs`.

mod browser;
mod chromedriver;
mod error;
mod live;
mod service;

pub use browser::{Browser, Viewport};
pub use error::HarnessError;
pub use live::{AccessKey, Emulator, UPSTREAM_HOSTS};
pub use service::Service;

use std::path::PathBuf;

/// Env var naming the built page (Trunk's `dist/`).
pub const DIST_ENV: &str = "RAM_DOCTOR_DIST";
/// Env var naming the `ram-doctor-proxy` binary.
pub const PROXY_BIN_ENV: &str = "RAM_DOCTOR_PROXY_BIN";
/// Env var naming the `ram-doctor-emulator` binary (the live journeys' RAM, STS and IMS).
pub const EMULATOR_BIN_ENV: &str = "RAM_DOCTOR_EMULATOR_BIN";

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

/// Where screenshots go: `<workspace target>/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("e2e-screenshots")
}
