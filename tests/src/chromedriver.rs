//! chromedriver in its own process group: Chromium and its helpers join that group, so killing the group on
//! drop leaves nothing behind even when a test panics before closing its session.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::HarnessError;

const START_TIMEOUT: Duration = Duration::from_secs(30);

pub struct ChromeDriver {
    child: Child,
    pub port: u16,
}

impl ChromeDriver {
    pub fn start() -> Result<ChromeDriver, HarnessError> {
        let port = free_port()?;
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|source| HarnessError::Spawn { program: "chromedriver".to_string(), source })?;
        let driver = ChromeDriver { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > START_TIMEOUT {
                return Err(HarnessError::DriverStart(format!("port {port} closed after {START_TIMEOUT:?}")));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// A port nobody listens on right now (the OS picks it; released at once for chromedriver to take).
fn free_port() -> Result<u16, HarnessError> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| HarnessError::DriverStart(format!("no free port: {e}")))
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The group id is the child's pid (process_group(0)); a negative pid signals the whole group.
        let group = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a negative pid only sends a signal; no memory is touched.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}
