//! `ram-doctor lint` and `ram-doctor simulate`, run as the real binary.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ram-doctor"))
}

/// Writes `text` to a file under the test's scratch directory and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("policy_commands");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write scratch file");
    path
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const GOOD: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Stop*",
  "Resource":"acs:ecs:*:*:instance/*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;

#[test]
fn lint_exits_1_on_error_with_location() {
    let path = file(
        "bad.json",
        "{\"Version\":\"1\",\n\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"stop\",\"Resource\":\"*\"}]}",
    );
    let out = bin().arg("lint").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("bad.json:2:41: error RAM006 action-format at /Statement/0/Action"), "{text}");
}

#[test]
fn lint_exits_0_without_error_and_prints_json() {
    let path = file("full.json", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#);
    let out = bin().args(["lint", "--json"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["id"], "RAM101");
    assert_eq!(v["diagnostics"][0]["path"], "/Statement/0/Action");
    assert_eq!(v["summary"]["security"], 1);
    assert_eq!(v["summary"]["error"], 0);
}

#[test]
fn lint_speaks_chinese_with_zh() {
    let path = file(
        "full-zh.json",
        r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"ecs:A","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    );
    let english = stdout(&bin().arg("lint").arg(&path).output().unwrap());
    let out = bin().args(["lint", "--zh"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the language changes only the words");
    let chinese = stdout(&out);
    assert!(english.contains("\"Effect\" is case-sensitive"), "{english}");
    assert!(chinese.contains("RAM004 bad-effect") && chinese.contains("区分大小写"), "{chinese}");
    let json = bin().args(["lint", "--zh", "--json"]).arg(&path).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let messages: Vec<&str> =
        v["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["message"].as_str()).collect();
    assert!(messages.len() >= 2 && messages.iter().any(|m| m.contains("完全管理员")), "{messages:?}");
}

#[test]
fn lint_checks_the_policy_name() {
    let path = file("good.json", GOOD);
    let out = bin().args(["lint", "--name", "my policy"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("RAM013"));
    let out = bin().args(["lint", "--name", "my-policy"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn lint_exits_2_on_unreadable_input() {
    let out = bin().args(["lint", "/nonexistent/policy.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn simulate_decides_with_context() {
    let path = file("sim.json", GOOD);
    let run = |ip: &str| {
        let out = bin()
            .args(["simulate", "--policy"])
            .arg(&path)
            .args(["--action", "ecs:StopInstance", "--resource", "acs:ecs:cn-hangzhou:1:instance/i-1", "--json"])
            .args(["--context", &format!("acs:SourceIp={ip}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let yes = run("10.9.9.9");
    assert_eq!(yes["allowed"], true);
    assert_eq!(yes["deciding"][0]["statement"], 0);
    assert_eq!(yes["deciding"][0]["text"]["Action"][0], "ecs:Stop*");
    let no = run("192.0.2.1");
    assert_eq!(no["allowed"], false);
    assert_eq!(no["reason"]["kind"], "implicit-deny");
}

#[test]
fn simulate_session_policy_narrows_and_time_defaults_to_now() {
    let identity =
        file("id.json", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}"#);
    let session = file(
        "session.json",
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*",
           "Condition":{"DateGreaterThan":{"acs:CurrentTime":"2000-01-01T00:00:00Z"}}}]}"#,
    );
    let ask = |action: &str| {
        let out = bin()
            .args(["simulate", "--policy"])
            .arg(&identity)
            .arg("--session-policy")
            .arg(&session)
            .args(["--action", action])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        stdout(&out)
    };
    assert!(ask("oss:GetObject").starts_with("ALLOWED"));
    let denied = ask("oss:PutObject");
    assert!(denied.starts_with("DENIED") && denied.contains("session policy"), "{denied}");
}

#[test]
fn simulate_reports_bad_policy_location() {
    let path = file("badsim.json", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\n\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"yes\"}}}]}");
    let out = bin().args(["simulate", "--action", "a:b", "--policy"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("badsim.json:2:") && err.contains("/Statement/0/Condition/Bool/acs:SecureTransport"), "{err}");
}

#[test]
fn lint_uses_the_embedded_catalog() {
    let path = file(
        "catalog.json",
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:describeinstances","ecs:DescribeInstancez","ecss:DescribeInstances","hbr:CreateBackupPlan"],"Resource":"*"}]}"#,
    );
    let out = bin().args(["lint", "--json"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings and suggestions do not fail lint");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string()))
        .collect();
    let expected =
        [("RAM305", "/Statement/0/Action/0"), ("RAM202", "/Statement/0/Action/1"), ("RAM201", "/Statement/0/Action/2")];
    for (id, path) in expected {
        assert!(found.contains(&(id.to_string(), path.to_string())), "{id} at {path} missing from {found:?}");
    }
    assert_eq!(found.len(), 3, "{found:?}");
}
