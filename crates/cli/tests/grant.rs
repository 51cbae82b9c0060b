//! `ram-doctor grant` through the real binary: arguments, exit codes, and every format.

mod common;

use std::process::Output;

fn run(args: &[&str], stdin: &str) -> Output {
    let args: Vec<&str> = std::iter::once("grant").chain(args.iter().copied()).collect();
    common::run_with_stdin(&args, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_without_an_error_has_nothing_to_grant() {
    let o = run(&[], "all good here\n");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nothing to grant"), "{}", stdout(&o));
    let zh = run(&["--lang", "zh"], "all good here\n");
    assert!(stdout(&zh).contains("无需授权"), "{}", stdout(&zh));
}

#[test]
fn json_of_an_empty_plan_is_still_json() {
    let o = run(&["--format", "json", "--for", "role:app", "-"], "nothing\n");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["target"]["kind"], "role");
    assert_eq!(v["target"]["name"], "app");
    assert_eq!(v["custom_policies"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let o = run(&["--for", "bucket:x"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("user:NAME, group:NAME or role:NAME"), "{}", stderr(&o));

    let o = run(&["--for", "user:a b"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a RAM identity name"), "{}", stderr(&o));

    let o = run(&["--policy-name", "my_policy"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'_'"), "{}", stderr(&o));

    let o = run(&["--format", "yaml"], "");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unreadable_file_exits_2() {
    let o = run(&["/nonexistent/ram-doctor-input.txt"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

/// An API error as the SDKs print it: `Forbidden.RAM` with `AccessDeniedDetail`.
const FORBIDDEN_JSON: &str = r#"{"RequestId":"7F3A2B1C-0000-4A5B-9C8D-112233445566","HostId":"ecs.aliyuncs.com","Code":"Forbidden.RAM",
"Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances",
"AuthPrincipalType":"SubUser","AuthPrincipalDisplayName":"204915730918827310","AuthPrincipalOwnerId":"1234567890123456",
"NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy","EncodedDiagnosticMessage":"AQEAAAAAZa1b2c3d"}}"#;

#[test]
fn a_forbidden_error_becomes_a_custom_policy_for_its_action() {
    let o = run(&["--format", "json", "--for", "user:alice"], FORBIDDEN_JSON);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let policy = &v["custom_policies"][0];
    let actions = &policy["document"]["Statement"][0]["Action"];
    assert_eq!(actions, &serde_json::json!(["ecs:DescribeInstances"]));
    let name = policy["name"].as_str().expect("a name");
    assert!(name.starts_with("RamDoctor-ecs-"), "{name}");
    assert!(policy["size"].as_u64().unwrap() <= 6144);
    // The built-in catalog names the product's main policies, narrowest first.
    let system: Vec<&str> =
        v["system_policies"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(system, ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]);
}

#[test]
fn the_cli_format_attaches_to_the_chosen_principal_under_the_chosen_name() {
    let o = run(&["--format", "cli", "--for", "group:ops", "--policy-name", "ops-ecs-read"], FORBIDDEN_JSON);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("aliyun ram CreatePolicy --PolicyName ops-ecs-read --PolicyDocument '{"), "{out}");
    assert!(
        out.contains("aliyun ram AttachPolicyToGroup --PolicyType Custom --PolicyName ops-ecs-read --GroupName ops"),
        "{out}"
    );
    assert!(out.contains("aliyun --% ram AttachPolicyToGroup"), "{out}");
}

#[test]
fn every_format_renders_and_the_same_input_gives_the_same_text() {
    for format in ["json", "console", "cli", "terraform", "ros"] {
        for lang in ["en", "zh"] {
            let a = run(&["--format", format, "--lang", lang, "--for", "role:app"], FORBIDDEN_JSON);
            assert_eq!(a.status.code(), Some(0), "{format} {lang}: {}", stderr(&a));
            assert!(stdout(&a).contains("ecs:DescribeInstances"), "{format} {lang}: {}", stdout(&a));
        }
    }
    // Each run loads the catalog afresh: the same input gives the same text, names included.
    let once = stdout(&run(&["--format", "cli"], FORBIDDEN_JSON));
    let again = stdout(&run(&["--format", "cli"], FORBIDDEN_JSON));
    assert_eq!(once, again);
    let tf = stdout(&run(&["--format", "terraform", "--for", "role:app"], FORBIDDEN_JSON));
    assert!(tf.contains("resource \"alicloud_ram_role_policy_attachment\""), "{tf}");
    let ros = stdout(&run(&["--format", "ros", "--for", "role:app"], FORBIDDEN_JSON));
    assert!(
        ros.contains("ALIYUN::RAM::ManagedPolicy") && ros.contains("ROSTemplateFormatVersion: '2015-09-01'"),
        "{ros}"
    );
}

#[test]
fn builder_options_reach_the_policy_and_bad_ones_exit_2() {
    let o =
        run(&["--format", "json", "--https-only", "--source-ip", "203.0.113.0/24", "--scope", "any"], FORBIDDEN_JSON);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let st = &v["custom_policies"][0]["document"]["Statement"][0];
    assert_eq!(st["Resource"], serde_json::json!(["*"]));
    assert_eq!(st["Condition"]["IpAddress"]["acs:SourceIp"], serde_json::json!(["203.0.113.0/24"]));
    assert_eq!(st["Condition"]["Bool"]["acs:SecureTransport"], serde_json::json!(["true"]));

    let bad = run(&["--source-ip", "10.0.0.300"], FORBIDDEN_JSON);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("10.0.0.300"), "{}", stderr(&bad));
}

#[test]
fn the_cloud_backup_console_message_gets_a_next_step() {
    let text = "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.";
    let o = run(&["--format", "console"], text);
    assert_eq!(o.status.code(), Some(0));
    // With the catalog the engine may name Cloud Backup's policies; without, it says what to find out.
    // Either way it is never "nothing to do".
    let out = stdout(&o);
    assert!(out.contains("Find out what was denied") || out.contains("AliyunHBR"), "{out}");
    assert!(!out.contains("Nothing to do"), "{out}");
}
