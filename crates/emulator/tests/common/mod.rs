//! Running the emulator on a real socket (the binary, or in this process when a test moves the server's clock)
//! and calling it with requests signed by core's signer.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use ram_doctor_core::sign::{sign, Algorithm, Call, Credentials, SignedRequest, Timestamp};
use ram_doctor_emulator::state::Account;
use ram_doctor_emulator::{Config, Emulator, KeyArg};

pub const RAM: &str = "2015-05-01";
pub const STS: &str = "2015-04-01";
pub const IMS: &str = "2019-08-15";

/// The emulator binary, running until dropped; its log goes to a file the test can read.
pub struct Binary {
    pub base: String,
    child: Child,
    pub log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Binary {
    /// Starts `ram-doctor-emulator` with `args` and reads the address from its first line.
    pub fn start(args: &[&str]) -> Binary {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("emulator.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_ram-doctor-emulator"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let addr = first.trim().strip_prefix("listening on http://").unwrap_or_else(|| panic!("first line: {first:?}"));
        Binary { base: format!("http://{}", addr.trim_end_matches('/')), child, log, _dir: dir }
    }

    /// Writes a state file and starts the binary with it.
    pub fn with_state(state: &Value, args: &[&str]) -> Binary {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), state.to_string()).unwrap();
        let path = file.path().to_str().unwrap().to_string();
        let mut all = vec!["--state", path.as_str()];
        all.extend_from_slice(args);
        let b = Binary::start(&all);
        drop(file);
        b
    }

    /// Everything the binary has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An emulator served from this process (on a real socket), so a test can move its clock.
pub async fn in_process(keys: &[(&str, &str)], account: Account) -> (String, Arc<Emulator>) {
    let keys = keys.iter().map(|(id, secret)| format!("{id}:{secret}").parse::<KeyArg>().unwrap()).collect();
    let emulator = Arc::new(Emulator::new(Config { keys, account, ..Config::default() }).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let served = emulator.clone();
    tokio::spawn(async move { ram_doctor_emulator::serve(listener, served, std::future::pending()).await.unwrap() });
    (format!("http://{addr}"), emulator)
}

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

pub fn nonce() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A signing client for one base URL. The `Host` it signs and sends picks the product (or, for a host the
/// catalog does not know, the version does).
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub credentials: Credentials,
    pub algorithm: Algorithm,
    pub host: String,
}

/// An answer: status and JSON body (or the raw text when it is not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        if self.status == 200 {
            "OK"
        } else {
            self.body["Code"].as_str().unwrap_or("?")
        }
    }

    pub fn ok(self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text);
        self.body
    }
}

impl Client {
    pub fn new(base: &str, id: &str, secret: &str) -> Client {
        Client {
            base: base.into(),
            credentials: Credentials::new(id, secret),
            algorithm: Algorithm::V3,
            host: "localhost".into(),
        }
    }

    pub fn rpc(mut self) -> Client {
        self.algorithm = Algorithm::Rpc;
        self
    }

    pub fn host(mut self, host: &str) -> Client {
        self.host = host.into();
        self
    }

    pub fn sign(&self, action: &str, version: &str, params: &[(&str, &str)], at: i64, nonce: &str) -> SignedRequest {
        let call = Call {
            method: "POST".into(),
            host: self.host.clone(),
            action: action.into(),
            version: version.into(),
            params: params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: None,
        };
        sign(&call, self.algorithm, &self.credentials, Timestamp::from_unix(at), nonce).unwrap()
    }

    pub async fn send(&self, req: &SignedRequest) -> Answer {
        let mut builder =
            reqwest::Client::new().request(req.method.parse().unwrap(), format!("{}{}", self.base, req.path_and_query));
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        let response = builder.body(req.body.clone()).send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        Answer { status, body: serde_json::from_str(&text).unwrap_or(Value::Null), text }
    }

    pub async fn call(&self, action: &str, version: &str, params: &[(&str, &str)]) -> Answer {
        self.send(&self.sign(action, version, params, now(), &nonce())).await
    }

    pub async fn ram(&self, action: &str, params: &[(&str, &str)]) -> Answer {
        self.call(action, RAM, params).await
    }
}

/// A small allow-all-of-one-action policy document.
pub fn allow(action: &str) -> String {
    serde_json::json!({"Version": "1", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]})
        .to_string()
}
