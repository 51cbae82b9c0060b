//! A program that prints `listening on http://ADDR/` as its first line (the proxy, the emulator), started on a
//! free port, with everything else it prints kept in memory so a test can read its log. Killed on drop.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use crate::HarnessError;

/// How long a service may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running service.
pub struct Service {
    child: Child,
    /// `http://127.0.0.1:PORT/`, as the service printed it.
    pub url: String,
    log: Arc<Mutex<String>>,
}

impl Service {
    /// Starts `bin args…` and waits for its `listening on` line.
    pub fn start(bin: &Path, args: &[OsString]) -> Result<Service, HarnessError> {
        let name = bin.file_name().unwrap_or(bin.as_os_str()).to_string_lossy().into_owned();
        let mut child = Command::new(bin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| HarnessError::Spawn { program: bin.display().to_string(), source })?;
        let log = Arc::new(Mutex::new(String::new()));
        let stdout = child.stdout.take().expect("stdout was piped");
        let stderr = child.stderr.take().expect("stderr was piped");
        collect(stderr, log.clone(), None);
        // The first stdout line goes to the channel (read on a thread so a silent service cannot hang the test).
        let (tx, rx) = mpsc::channel();
        collect(stdout, log.clone(), Some(tx));
        let line = match rx.recv_timeout(START_TIMEOUT) {
            Ok(line) => line,
            Err(_) => return Err(stop_with(child, &name, &log, format!("no output within {START_TIMEOUT:?}"))),
        };
        match line.trim().strip_prefix("listening on ") {
            Some(url) if url.starts_with("http://") => Ok(Service { child, url: url.to_string(), log }),
            _ => Err(stop_with(child, &name, &log, format!("unexpected first line {line:?}"))),
        }
    }

    /// Everything the service printed so far, except its `listening on` line.
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Reads `stream` line by line into `log` on a thread; with `first`, the first line goes there instead.
fn collect(stream: impl Read + Send + 'static, log: Arc<Mutex<String>>, mut first: Option<mpsc::Sender<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            match first.take() {
                Some(tx) => {
                    let _ = tx.send(line);
                }
                None => {
                    if let Ok(mut log) = log.lock() {
                        log.push_str(&line);
                        log.push('\n');
                    }
                }
            }
        }
    });
}

fn stop_with(mut child: Child, name: &str, log: &Mutex<String>, detail: String) -> HarnessError {
    let _ = child.kill();
    let _ = child.wait();
    std::thread::sleep(Duration::from_millis(100));
    let output = log.lock().map(|l| l.clone()).unwrap_or_default();
    HarnessError::ServiceStart { name: name.to_string(), detail: format!("{detail}; its output: {output}") }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
