//! The live journeys' other half: `ram-doctor-emulator` as RAM, STS and IMS, with AccessKeys made up per run
//! (no key is ever written in a test), seeded from a state document.

use std::collections::hash_map::RandomState;
use std::ffi::OsString;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;

use serde_json::Value;

use crate::service::Service;
use crate::{required_path, HarnessError, EMULATOR_BIN_ENV};

/// The hosts the page calls, which the proxy sends to the emulator in the live journeys.
pub const UPSTREAM_HOSTS: [&str; 3] = ["ram.aliyuncs.com", "sts.aliyuncs.com", "ims.aliyuncs.com"];

/// An AccessKey made up for one run. `Debug` shows the id only.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessKey {
    pub id: String,
    pub secret: String,
}

impl AccessKey {
    /// A fresh random key in Alibaba Cloud's shape (`LTAI` + 20 characters, a 30-character secret).
    pub fn random() -> AccessKey {
        AccessKey { id: format!("LTAI{}", random_alnum(20)), secret: random_alnum(30) }
    }

    /// The emulator's `--access-key` argument.
    fn arg(&self) -> String {
        format!("{}:{}", self.id, self.secret)
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessKey({}, secret: <redacted>)", self.id)
    }
}

/// `n` random letters and digits (std's per-process random hasher keys are the randomness: enough for test keys).
fn random_alnum(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..n)
        .map(|i| {
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_usize(i);
            ALPHABET[(hasher.finish() % ALPHABET.len() as u64) as usize] as char
        })
        .collect()
}

/// A running emulator; its state file is removed on drop.
pub struct Emulator {
    service: Service,
    state_file: PathBuf,
}

impl Emulator {
    /// Starts the emulator with `keys`, the seed `state` (the emulator's `--state` document) and `faults`
    /// (each one `--fault` argument).
    pub fn start(keys: &[&AccessKey], state: &Value, faults: &[&str]) -> Result<Emulator, HarnessError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let bin = required_path(EMULATOR_BIN_ENV)?;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let state_file = std::env::temp_dir().join(format!("ram-doctor-e2e-state-{}-{n}.json", std::process::id()));
        std::fs::write(&state_file, state.to_string()).map_err(|source| HarnessError::Spawn {
            program: format!("state file {}", state_file.display()),
            source,
        })?;
        let mut args: Vec<OsString> =
            vec!["--addr".into(), "127.0.0.1:0".into(), "--state".into(), state_file.clone().into()];
        for key in keys {
            args.extend(["--access-key".into(), key.arg().into()]);
        }
        for fault in faults {
            args.extend(["--fault".into(), (*fault).into()]);
        }
        let service = Service::start(&bin, &args)?;
        Ok(Emulator { service, state_file })
    }

    /// `http://127.0.0.1:PORT`, without the trailing slash (the form `--upstream HOST=URL` takes).
    pub fn url(&self) -> String {
        self.service.url.trim_end_matches('/').to_string()
    }

    /// What the emulator logged so far.
    pub fn log(&self) -> String {
        self.service.log()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.state_file);
    }
}
