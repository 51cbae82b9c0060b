//! The real `ram-doctor-proxy` binary, serving the built page on a free port.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::HarnessError;

/// How long the proxy may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running proxy; killed on drop.
pub struct Proxy {
    child: Child,
    /// `http://127.0.0.1:PORT/`, as the proxy printed it.
    pub url: String,
}

impl Proxy {
    pub fn start(bin: &Path, dist: &Path) -> Result<Proxy, HarnessError> {
        let mut child = Command::new(bin)
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|source| HarnessError::Spawn { program: bin.display().to_string(), source })?;
        let stdout = child.stdout.take().expect("stdout was piped");
        // Read the first line on a thread so a silent proxy cannot hang the test.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = tx.send(BufReader::new(stdout).read_line(&mut line).map(|_| line));
        });
        let line = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(stop_with(child, format!("reading its output: {e}"))),
            Err(_) => return Err(stop_with(child, format!("no output within {START_TIMEOUT:?}"))),
        };
        match line.trim().strip_prefix("listening on ") {
            Some(url) if url.starts_with("http://") => Ok(Proxy { child, url: url.to_string() }),
            _ => Err(stop_with(child, format!("unexpected first line {line:?}"))),
        }
    }
}

fn stop_with(mut child: Child, detail: String) -> HarnessError {
    let _ = child.kill();
    let _ = child.wait();
    HarnessError::ProxyStart(detail)
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
