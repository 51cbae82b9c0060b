use std::fmt;
use std::path::PathBuf;

/// Why the harness could not set up or drive the browser. `Debug` prints the same sentence as `Display`, so a
/// test's `.expect(…)` shows what to do rather than a struct dump.
pub enum HarnessError {
    /// A required env var is not set.
    MissingEnv(&'static str),
    /// A required env var names a path that does not exist.
    MissingPath { var: &'static str, path: PathBuf },
    /// A program could not be started.
    Spawn { program: String, source: std::io::Error },
    /// A service (the proxy, the emulator) did not print its `listening on …` line.
    ServiceStart { name: String, detail: String },
    /// chromedriver did not accept connections in time.
    DriverStart(String),
    /// The WebDriver session could not be created.
    Session(String),
    /// A WebDriver command failed (element missing, timeout, script error…), with what was being done.
    Command { doing: String, detail: String },
    /// Writing a screenshot failed.
    Screenshot { path: PathBuf, source: std::io::Error },
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::MissingEnv(var) => write!(
                f,
                "{var} is not set. Browser tests run through `cargo xtask test`, which builds the page and the proxy \
                 and sets RAM_DOCTOR_DIST, RAM_DOCTOR_PROXY_BIN, RAM_DOCTOR_EMULATOR_BIN and RAM_DOCTOR_AXE"
            ),
            HarnessError::MissingPath { var, path } => write!(f, "{var}={} does not exist", path.display()),
            HarnessError::Spawn { program, source } => write!(f, "cannot start {program}: {source}"),
            HarnessError::ServiceStart { name, detail } => write!(f, "{name} did not start: {detail}"),
            HarnessError::DriverStart(detail) => write!(f, "chromedriver did not start: {detail}"),
            HarnessError::Session(detail) => write!(f, "cannot open a Chromium session: {detail}"),
            HarnessError::Command { doing, detail } => write!(f, "while {doing}: {detail}"),
            HarnessError::Screenshot { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl fmt::Debug for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for HarnessError {}
