//! `ram-doctor catalog`, run as a user runs it: the built binary with the embedded catalog.

use std::process::{Command, Output};

fn ram_doctor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ram-doctor")).args(args).output().expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = ram_doctor(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

#[test]
fn product_hbr() {
    let out = ram_doctor(&["catalog", "product", "hbr"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Cloud Backup"), "{text}");
    assert!(text.contains("AliyunHBRReadOnlyAccess") && text.contains("AliyunHBRFullAccess"), "{text}");
    let v = json(&["catalog", "product", "hbr", "--json"]);
    assert_eq!(v["product"]["ram_code"], "hbr");
    assert_eq!(v["policies"][0]["name"], "AliyunHBRReadOnlyAccess");
}

#[test]
fn action_shows_access_and_grants() {
    let v = json(&["catalog", "action", "hbr:CreateBackupPlan", "--json"]);
    assert_eq!(v["api"]["action"], "hbr:CreateBackupPlan");
    assert_eq!(v["api"]["access"], "create");
    assert_eq!(v["api"]["access_inferred"], true);
    let grants = v["granted_by"].as_array().unwrap();
    assert!(grants.iter().any(|g| g["policy"] == "AliyunHBRFullAccess" && g["basis"] == "convention"));
    let text = stdout(&ram_doctor(&["catalog", "action", "hbr:CreateBackupPlan"]));
    assert!(text.contains("inferred"), "{text}");
}

#[test]
fn api_ecs_describe_instances() {
    let v = json(&["catalog", "api", "ecs", "DescribeInstances", "--json"]);
    assert_eq!(v["api"]["action"], "ecs:DescribeInstances");
    assert_eq!(v["api"]["access_inferred"], false);
    assert_eq!(v["product"]["code"], "ecs");
}

#[test]
fn search_in_chinese() {
    let v = json(&["catalog", "search", "云备份", "--json"]);
    assert_eq!(v[0]["code"], "hbr");
    let text = stdout(&ram_doctor(&["catalog", "search", "Cloud", "Backup"]));
    assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("hbr")), "{text}");
}

#[test]
fn unknown_things_exit_2_with_a_message() {
    for args in [
        &["catalog", "product", "nosuchproduct"][..],
        &["catalog", "action", "hbr:NoSuchApi"],
        &["catalog", "action", "notanaction"],
        &["catalog", "api", "ecs", "NoSuchApi"],
        &["catalog", "search", "qqqqqq"],
        &["catalog", "policy", "AliyunNoSuchAccess"],
    ] {
        let out = ram_doctor(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("ram-doctor: "), "{args:?}");
    }
}

#[test]
fn error_code_lookup() {
    let v = json(&["catalog", "error", "Forbidden.RAM", "--json"]);
    assert_eq!(v["error"]["kind"], "missing-permission");
    let v = json(&["catalog", "error", "NoPermission.AliyunServiceRoleForECI", "--json"]);
    assert_eq!(v["service_role"]["role_name"], "AliyunServiceRoleForECI");
}
