//! Interop with Alibaba Cloud's official Python SDK: requests it signs (V3 and RPC, with awkward parameter values)
//! must verify against core's canonicalisation in the emulator, over a real socket. `cargo xtask test` installs
//! the SDK in a project-local venv and passes its interpreter in `RAM_DOCTOR_SDK_PYTHON`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::Binary;
use serde_json::Value;

const KEY_ID: &str = "LTAIsdkroot01";
const SECRET: &str = "sdk-secret-Qm7x";
const DEV_ID: &str = "LTAIsdkdev01";
const DEV_SECRET: &str = "sdk-dev-secret-Hc3p";
const ROLE_ARN: &str = "acs:ram::1000000000000001:role/sdk-reader";

/// A RAM user who may assume roles, and a role that trusts the account and may only read RAM.
fn state() -> Value {
    serde_json::json!({
        "users": [{"name": "sdk-dev", "access_keys": [DEV_ID],
                   "policies": [{"type": "System", "name": "AliyunSTSAssumeRoleAccess"}]}],
        "roles": [{"name": "sdk-reader",
                   "trust_policy": {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                    "Principal": {"RAM": ["acs:ram::1000000000000001:root"]}}]},
                   "policies": [{"type": "System", "name": "AliyunRAMReadOnlyAccess"}]}]
    })
}

/// The venv's interpreter: from xtask, or one a previous `cargo xtask test` left in `.tools/`.
fn python() -> Result<PathBuf, String> {
    if let Ok(why) = std::env::var("RAM_DOCTOR_SDK_SKIP") {
        return Err(why);
    }
    if let Ok(p) = std::env::var("RAM_DOCTOR_SDK_PYTHON") {
        return Ok(PathBuf::from(p));
    }
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools/python-sdk/bin/python");
    if local.is_file() {
        return Ok(local);
    }
    Err("the official SDK is not installed: `cargo xtask test` installs it".into())
}

#[tokio::test]
async fn official_python_sdk_calls_verify() {
    let python = match python() {
        Ok(p) => p,
        Err(why) => {
            let line = "!".repeat(78);
            eprintln!("{line}\nSKIPPED official_python_sdk_calls_verify: {why}\n{line}");
            return;
        }
    };
    let emu = Binary::with_state(
        &state(),
        &["--access-key", &format!("{KEY_ID}:{SECRET}"), "--access-key", &format!("{DEV_ID}:{DEV_SECRET}")],
    );
    let endpoint = emu.base.trim_start_matches("http://");
    let out = Command::new(&python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk_interop.py"))
        .arg(endpoint)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("DEV_KEY_ID", DEV_ID)
        .env("DEV_KEY_SECRET", DEV_SECRET)
        .env("ROLE_ARN", ROLE_ARN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the SDK script failed:\n{stderr}\nemulator log:\n{}", emu.log_text());
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    for algorithm in ["v3", "rpc"] {
        let r = &results[algorithm];
        let user = format!("sdk-{algorithm}");
        assert_eq!(r["create_user"]["User"]["UserName"], user.as_str(), "{algorithm}");
        assert_eq!(r["create_user"]["User"]["DisplayName"], "SDK user 中文");
        assert_eq!(r["create_policy"]["Policy"]["DefaultVersion"], "v1");
        let listed = &r["list_policies"]["Policies"]["Policy"];
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(listed[0]["PolicyName"], format!("sdk-{algorithm}-policy").as_str());
        assert_eq!(listed[0]["PolicyType"], "Custom");
        assert_eq!(r["caller"]["IdentityType"], "Account");
        assert_eq!(r["caller"]["Arn"], "acs:ram::1000000000000001:root");
        for pair in r["awkward"].as_array().unwrap() {
            assert_eq!(pair["echoed"], pair["sent"], "{algorithm}: the value came back changed");
        }
        assert_eq!(r["awkward"].as_array().unwrap().len(), 10);
        assert_eq!(r["wrong_secret"]["code"], "SignatureDoesNotMatch", "{algorithm}: {}", r["wrong_secret"]);
        assert_eq!(r["missing_user"]["code"], "EntityNotExist.User");
        assert_eq!(r["assumed_caller"]["IdentityType"], "AssumedRoleUser", "{algorithm}");
        assert_eq!(
            r["assumed_caller"]["Arn"],
            format!("acs:ram::1000000000000001:assumed-role/sdk-reader/sdk-{algorithm}").as_str()
        );
        assert_eq!(r["assumed_get_user"]["User"]["UserName"], user.as_str(), "the role reads RAM");
        assert_eq!(r["assumed_create_user"]["code"], "NoPermission", "but may not write it");
    }
    // What the SDK did is now the emulator's state.
    let state: Value = reqwest::get(format!("{}/__emulator/state", emu.base)).await.unwrap().json().await.unwrap();
    let groups = state["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 20, "10 awkward comments per signature");
    let log = emu.log_text();
    assert!(!log.contains(SECRET), "the emulator's log holds the secret");
    assert!(!stderr.contains(SECRET), "the SDK's output holds the secret");
}
