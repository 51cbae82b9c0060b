//! Demo mode: the emulator as RAM, STS and IMS, seeded with a RAM user who lacks a permission, behind the
//! proxy's `--upstream` override, and the demo keys written next to the page (`demo.json`) so the page offers
//! them. Keys are made up per run; nothing here talks to Alibaba Cloud.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::run;

/// The hosts the page calls; in demo mode the proxy sends them all to the emulator.
pub const UPSTREAM_HOSTS: [&str; 3] = ["ram.aliyuncs.com", "sts.aliyuncs.com", "ims.aliyuncs.com"];

/// The seeded RAM user who lacks a permission, and the permission.
const DEMO_USER: &str = "dev-alice";
const DEMO_USER_ID: &str = "204588330455123456";
const DEMO_ACCOUNT: &str = "1234567890123456";
const DENIED_ACTION: &str = "ecs:DescribeInstances";

/// An AccessKey made up for this run.
pub struct DemoKey {
    pub id: String,
    pub secret: String,
}

impl DemoKey {
    fn random() -> DemoKey {
        DemoKey { id: format!("LTAI{}", random_alnum(20)), secret: random_alnum(30) }
    }
}

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

/// The running emulator, killed on drop (Ctrl-C also reaches it: it is in the same process group).
pub struct Demo {
    child: Child,
    /// `http://127.0.0.1:PORT`, the `--upstream` target.
    pub url: String,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds and starts the emulator with the demo state and writes `dist/demo.json` for the page.
pub fn start(dist: &Path) -> Result<Demo, String> {
    run::cargo(&["build", "--package", "ram-doctor-emulator"])?;
    let bin = run::workspace_root().join("target/debug/ram-doctor-emulator");
    let (admin, reader) = (DemoKey::random(), DemoKey::random());
    let state_file = run::workspace_root().join("target/demo-state.json");
    std::fs::write(&state_file, demo_state(&reader).to_string())
        .map_err(|e| format!("cannot write {}: {e}", state_file.display()))?;
    let mut child = Command::new(&bin)
        .args(["--addr", "127.0.0.1:0", "--state"])
        .arg(&state_file)
        .arg("--access-key")
        .arg(format!("{}:{}", admin.id, admin.secret))
        .arg("--access-key")
        .arg(format!("{}:{}", reader.id, reader.secret))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout was piped");
    let mut lines = BufReader::new(stdout);
    let read = lines.read_line(&mut line);
    // Keep draining the emulator's stdout so it never blocks on a full pipe.
    std::thread::spawn(move || lines.lines().for_each(drop));
    let url = match (read, line.trim().strip_prefix("listening on ")) {
        (Ok(_), Some(url)) => url.trim_end_matches('/').to_string(),
        _ => {
            let _ = child.kill();
            return Err(format!("the emulator did not say where it listens (first line {line:?})"));
        }
    };
    let page_file = dist.join("demo.json");
    std::fs::write(&page_file, demo_page(&admin, &reader).to_string())
        .map_err(|e| format!("cannot write {}: {e}", page_file.display()))?;
    eprintln!("xtask: demo mode: the emulator at {url} plays RAM, STS and IMS; its keys are shown on the page");
    Ok(Demo { child, url })
}

/// The emulator's seed (its `--state` format): a RAM user who may read OSS but not list ECS instances, and a
/// RAM user whose key may read RAM but not change it (to try a denied apply).
fn demo_state(reader: &DemoKey) -> Value {
    json!({
        "account_id": DEMO_ACCOUNT,
        "users": [
            {
                "name": DEMO_USER, "id": DEMO_USER_ID, "display_name": "Alice (demo)",
                "policies": [{ "type": "System", "name": "AliyunOSSReadOnlyAccess" }]
            },
            {
                "name": "ram-reader", "display_name": "Read-only RAM key (demo)",
                "access_keys": [reader.id],
                "policies": [{ "type": "System", "name": "AliyunRAMReadOnlyAccess" }]
            }
        ]
    })
}

/// What the page shows in demo mode: the keys (the account's, and the read-only user's) and the error the user got.
fn demo_page(admin: &DemoKey, reader: &DemoKey) -> Value {
    let error = json!({
        "RequestId": "6C2F1D0A-8E3B-5A47-9B21-3D5E7F901A2C",
        "HostId": "ecs.cn-hangzhou.aliyuncs.com",
        "Code": "Forbidden.RAM",
        "Message": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        "AccessDeniedDetail": {
            "AuthAction": DENIED_ACTION,
            "AuthPrincipalType": "SubUser",
            "AuthPrincipalDisplayName": DEMO_USER_ID,
            "AuthPrincipalOwnerId": DEMO_ACCOUNT,
            "NoPermissionType": "ImplicitDeny",
            "PolicyType": "AccountLevelIdentityBasedPolicy"
        }
    });
    json!({
        "keys": [
            { "label": "account (may apply)", "access_key_id": admin.id, "access_key_secret": admin.secret },
            { "label": "ram-reader (read-only)", "access_key_id": reader.id, "access_key_secret": reader.secret }
        ],
        "error": serde_json::to_string_pretty(&error).unwrap_or_default(),
    })
}
