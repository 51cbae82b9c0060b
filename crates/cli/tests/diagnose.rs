//! `ram-doctor diagnose`, run as a real process.

mod common;

use serde_json::Value;

use common::run_with_stdin as run;

fn json(args: &[&str], stdin: &str) -> Value {
    let out = run(args, stdin);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

const FORBIDDEN_RAM: &str = r#"2024-05-01 10:00:00 request failed: {"RequestId":"ABCD-1234","HostId":"ecs.cn-hangzhou.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource, or this API doesn't support RAM.","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","AuthPrincipalType":"SubUser","AuthPrincipalOwnerId":"1xxxx","AuthPrincipalDisplayName":"2xxxx","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy","EncodedDiagnosticMessage":"AQEAAAAAY+gzDZ=="}}"#;

#[test]
fn json_keeps_the_contract() {
    let v = json(&["diagnose", "--json"], FORBIDDEN_RAM);
    let f = &v["findings"][0];
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(f["kind"], "missing-permission");
    assert_eq!(f["code"], "Forbidden.RAM");
    assert_eq!(f["product"], "ecs");
    assert_eq!(f["actions"][0], "ecs:DescribeInstances");
    assert_eq!(f["resource"], Value::Null);
    assert_eq!(f["principal"]["type"], "SubUser");
    assert_eq!(f["principal"]["name"], "2xxxx");
    assert_eq!(f["principal"]["account"], "1xxxx");
    assert_eq!(f["policy_type"], "AccountLevelIdentityBasedPolicy");
    assert_eq!(f["request_id"], "ABCD-1234");
    assert!(f["explanation"].as_str().unwrap().contains("ecs:DescribeInstances"));
    let names: Vec<&str> = f["grant"]["system_policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().expect("a list of names"))
        .collect();
    assert_eq!(names, ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"], "a read: ReadOnly first");
    let coverage: Vec<&str> =
        f["grant"]["system_policy_coverage"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(coverage, names, "coverage beside the names, in the same order");
    let full = &f["grant"]["system_policy_coverage"][1];
    assert_eq!(full["covers"], true);
    assert!(full["extra_actions"].as_u64().is_some_and(|n| n > 100), "{full}");
    let policy = &f["grant"]["custom_policy"];
    assert_eq!(policy["Version"], "1");
    assert_eq!(policy["Statement"][0]["Effect"], "Allow");
    assert_eq!(policy["Statement"][0]["Action"][0], "ecs:DescribeInstances");
    assert_eq!(policy["Statement"][0]["Resource"][0], "*");
}

#[test]
fn console_messages_in_english_and_chinese() {
    for text in [
        "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.",
        "权限不足，请联系主账号管理员授权",
    ] {
        let v = json(&["diagnose", "--json", "-"], text);
        assert_eq!(v["findings"][0]["kind"], "missing-permission", "{text}");
        assert!(!v["findings"][0]["explanation_zh"].as_str().unwrap().is_empty());
    }
}

#[test]
fn text_without_an_error_has_no_findings() {
    let v = json(&["diagnose", "--json"], "deploy finished in 3.2s\nall checks green\n");
    assert_eq!(v["findings"], Value::Array(vec![]));
}

#[test]
fn human_output_is_plain_when_piped() {
    let out = run(&["diagnose"], FORBIDDEN_RAM);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("missing-permission") && text.contains("Forbidden.RAM") && text.contains("ecs:DescribeInstances")
    );
    assert!(!text.contains('\x1b'), "no colour codes when stdout is not a terminal");
    let zh = String::from_utf8(run(&["diagnose", "--zh"], FORBIDDEN_RAM).stdout).unwrap();
    assert!(zh.contains("权限"));
}

#[test]
fn reads_a_file_and_refuses_a_missing_one() {
    let dir = std::env::temp_dir().join(format!("ram-doctor-diagnose-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("error.txt");
    std::fs::write(
        &file,
        "SDK.ServerError\nErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found.\n",
    )
    .unwrap();
    let v = json(&["diagnose", "--json", file.to_str().unwrap()], "");
    assert_eq!(v["findings"][0]["kind"], "bad-credentials");
    std::fs::remove_dir_all(&dir).unwrap();

    let out = run(&["diagnose", dir.join("missing.txt").to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn a_write_is_offered_full_access_only() {
    let write = FORBIDDEN_RAM.replace("ecs:DescribeInstances", "ecs:StopInstance");
    let v = json(&["diagnose", "--json"], &write);
    let grant = &v["findings"][0]["grant"];
    assert_eq!(grant["system_policies"], serde_json::json!(["AliyunECSFullAccess"]));
    assert_eq!(grant["custom_policy"]["Statement"][0]["Action"][0], "ecs:StopInstance");
    let text = String::from_utf8(run(&["diagnose"], &write).stdout).unwrap();
    assert!(text.contains("AliyunECSFullAccess") && !text.contains("AliyunECSReadOnlyAccess"), "{text}");
    assert!(text.contains("Allows what was denied, and"), "the surplus is said: {text}");
}

#[test]
fn a_wrong_key_gets_a_step_and_no_grant() {
    let text = "ErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found.";
    let v = json(&["diagnose", "--json"], text);
    let grant = &v["findings"][0]["grant"];
    assert_eq!((&grant["system_policies"], &grant["custom_policy"]), (&serde_json::json!([]), &Value::Null));
    assert_eq!(grant["steps"][0]["kind"], "rotate-access-key");
    let out = String::from_utf8(run(&["diagnose"], text).stdout).unwrap();
    assert!(out.contains("Next steps") && !out.contains("system policy"), "{out}");
}
