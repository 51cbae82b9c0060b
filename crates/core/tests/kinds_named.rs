//! Kinds decided on codes printed without their message and on prose without a code, each over a documented
//! class: codes whose documented message names the service's own role, service roles' own policies named as not
//! authorized, STS's `AssumeRole` named as refused, a code that is a paste's whole last line, a code printed under
//! a `status` key, Function Compute's sentence for a code package it may not read. Each with negative controls:
//! the same words beside a genuine Alibaba Cloud refusal keep that refusal's finding.

mod common;

use common::first_kind_code_grant as first;
use std::fs;
use std::path::PathBuf;

use common::{full_catalog, FORBIDDEN_RAM};
use ram_doctor_core::read::phrases::names_own_role_as_needed;
use ram_doctor_core::{diagnose, Kind};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Every `(ram_code, code, message)` row of every shard.
fn shard_codes() -> Vec<(String, String, Option<String>)> {
    let mut rows = Vec::new();
    for entry in fs::read_dir(data().join("shards")).unwrap() {
        let shard: serde_json::Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        let product = shard["ram_code"].as_str().unwrap_or_default().to_string();
        for r in shard["errors"].as_array().into_iter().flatten() {
            rows.push((product.clone(), r[0].as_str().unwrap().to_string(), r[2].as_str().map(str::to_string)));
        }
    }
    rows
}

/// Codes printed without their message, in the shapes SDKs and consoles print a code alone.
const CODE_ALONE: &[&str] =
    &["ErrorCode: {code}\nRequestId: 5C2B0F4E-0D6A-4C63-8E3C-6A1F2B9D7E10", "{\"Code\":\"{code}\"}"];

/// Every documented code whose own message names its service's role as what the operation needs (ECS's
/// `NoSetRoletoECSServiceAcount`, `InvalidOperation.CloudBoxImageImportRoleRequired`, and the rest the sentence
/// table knows) is a missing service role when printed without that message; beside RAM's refusal of the caller it
/// is not.
#[test]
fn a_code_whose_documented_message_names_the_own_role_is_a_missing_service_role() {
    let (mut n, mut wrong) = (0, Vec::new());
    for (_, code, message) in shard_codes() {
        if !message.as_deref().is_some_and(names_own_role_as_needed) {
            continue;
        }
        for form in CODE_ALONE {
            n += 1;
            let text = form.replace("{code}", &code);
            match first(&text) {
                Some((Kind::ServiceRoleMissing, Some(c), _)) if c == code => {}
                got => wrong.push(format!("{code} {got:?} {text:?}")),
            }
        }
    }
    eprintln!("own-role codes alone: {}/{n} give service-role-missing", n - wrong.len());
    assert!(n >= 4 && wrong.is_empty(), "{}", wrong.join("\n"));
    // The message read: ECS's CloudBox import sentence names the role as not set to the service.
    assert!(names_own_role_as_needed("The role for cloud box image import is not set to the ECS service."));
    // Negative controls: a setting "not set to the" default, a role's words with no service after them.
    assert!(!names_own_role_as_needed("The value is not set to the default."));
    assert!(!names_own_role_as_needed("The role name is not set to the expected value."));
}

/// Every policy the catalog lists for a service role or a service-linked role, named as not authorized in a sentence
/// with no code (Cloud Backup's FAQ: the client cannot install while `AliyunECSAccessingHBRRolePolicy` is not
/// authorized), is a missing service role, which no grant to the caller fixes; RAM's refusal of the caller printed
/// beside the same sentence stays the caller's missing permission.
#[test]
fn a_service_role_s_own_policy_named_as_not_authorized_is_a_missing_service_role() {
    let index: serde_json::Value = serde_json::from_slice(&fs::read(data().join("index.json")).unwrap()).unwrap();
    let catalog = full_catalog();
    let names: Vec<String> = index["policies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p[0].as_str())
        .filter(|n| catalog.system_policy(n).is_some_and(|p| p.scope.ends_with("role-policy")))
        .map(str::to_string)
        .collect();
    let (mut n, mut wrong) = (0, Vec::new());
    for name in &names {
        for text in [
            format!("An error occurs while installing the client because the {name} policy is not authorized."),
            format!("安装客户端失败：{name} 权限不足"),
        ] {
            n += 1;
            if !matches!(first(&text), Some((Kind::ServiceRoleMissing, None, false))) {
                wrong.push(format!("{:?} {text:?}", first(&text)));
            }
        }
        let beside = format!("{FORBIDDEN_RAM}\nNote: the {name} policy is not authorized.");
        if !matches!(first(&beside), Some((Kind::MissingPermission, _, _))) {
            wrong.push(format!("beside Forbidden.RAM {:?} {name}", first(&beside)));
        }
    }
    eprintln!("service role policies: {}/{n} give service-role-missing", n - wrong.len());
    assert!(n >= 100 && wrong.is_empty(), "{}", wrong.join("\n"));
    // Negative control: a product's own ReadOnly policy named beside a refusal is the caller's matter.
    let caller = "The AliyunECSReadOnlyAccess policy is not authorized for this RAM user.";
    assert!(!matches!(first(caller), Some((Kind::ServiceRoleMissing, _, _))), "{:?}", first(caller));
}

/// STS's `AssumeRole` named as what a refusal in words refused, with no code (the STS FAQ: the caller lacks
/// `sts:AssumeRole`, or the role's trust policy does not name it), in every refusal sentence RAM and the console
/// print, is a refused AssumeRole; a federated sign-in's API, a policy named after it, or another action stated
/// beside it is not.
#[test]
fn assume_role_named_as_refused_in_words_is_assume_role() {
    const REFUSALS: &[&str] = &[
        "you are not authorized to do this action",
        "you do not have permission",
        "has no permission",
        "access denied",
        "permission denied",
        "无权限",
        "没有权限",
        "权限不足",
        "暂无权限",
    ];
    let mut wrong = Vec::new();
    for refusal in REFUSALS {
        for text in [
            format!("Calling AssumeRole fails: {refusal}."),
            format!("之前选错了角色类型，导致AssumeRole一直提示{refusal}。"),
        ] {
            if !matches!(first(&text), Some((Kind::AssumeRole, None, _))) {
                wrong.push(format!("{:?} {text:?}", first(&text)));
            }
        }
        // Controls: another action stated beside it; a policy named after the call; RAM's refusal of the caller.
        let other = format!("AssumeRole succeeded, then ecs:DescribeInstances: {refusal}.");
        if matches!(first(&other), Some((Kind::AssumeRole, _, _))) {
            wrong.push(format!("stated action {:?} {other:?}", first(&other)));
        }
        let policy = format!("The user has AliyunSTSAssumeRoleAccessX attached but OSS says {refusal}.");
        if matches!(first(&policy), Some((Kind::AssumeRole, _, _))) {
            wrong.push(format!("policy name {:?} {policy:?}", first(&policy)));
        }
        let beside = format!("{FORBIDDEN_RAM}\nWe called AssumeRole first: {refusal}.");
        if !matches!(first(&beside), Some((Kind::MissingPermission, _, _))) {
            wrong.push(format!("beside Forbidden.RAM {:?} {refusal}", first(&beside)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A paste whose last line is a documented dotted code alone (a question that is only the code) gives that code,
/// over every dotted code of the permission, credential and activation classes the catalog classifies.
#[test]
fn a_dotted_code_alone_on_the_last_line_is_the_code() {
    let index: serde_json::Value = serde_json::from_slice(&fs::read(data().join("index.json")).unwrap()).unwrap();
    let (mut n, mut wrong) = (0, Vec::new());
    for r in index["errors"].as_array().unwrap() {
        let code = r[0].as_str().unwrap();
        let dotted = code.split('.').count() >= 2
            && code.split('.').count() <= 3
            && code.split('.').all(|p| p.starts_with(|c: char| c.is_ascii_uppercase()))
            && code.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.');
        if !dotted {
            continue;
        }
        n += 1;
        let text = format!("## 用户问题 ：\n {code}  \n");
        if !matches!(first(&text), Some((_, Some(c), _)) if c == code) {
            wrong.push(format!("{code} {:?}", first(&text)));
        }
    }
    eprintln!("dotted codes alone: {}/{n} read", n - wrong.len());
    assert!(n >= 50 && wrong.is_empty(), "{}", wrong.join("\n"));
    // Model Studio's not-purchased code, not in the OpenAPI metadata: not activated, no grant.
    assert!(matches!(first("AccessDenied.Unpurchased\n"), Some((Kind::NotActivated, Some(_), false))));
    // Controls: a dotted word that is no code (a lower-case file name, a sentence's end) gives nothing.
    assert!(first("see config.yaml\n").is_none());
}

/// A code printed under a `status` key beside a numeric `Code` (a wrapper's print of Model Studio's answer:
/// `Code: 429, status: Throttling.AllocationQuota`) is the code: every documented throttling and quota code so
/// printed is `other` with no grant; a status word (`FAILED`) or number is no code.
#[test]
fn a_dotted_code_under_a_status_key_is_the_code() {
    let (mut n, mut wrong) = (0, Vec::new());
    for (_, code, _) in shard_codes() {
        let lower = code.to_ascii_lowercase();
        let family = lower.starts_with("throttling.") || lower.starts_with("quotaexceed");
        if !family || !code.contains('.') || code.contains('%') {
            continue;
        }
        n += 1;
        let text = format!("Code: 429, status: {code}, message: Requests exceeded the limit.");
        match first(&text) {
            Some((Kind::Other, Some(c), false)) if c == code => {}
            got => wrong.push(format!("{code} {got:?}")),
        }
    }
    eprintln!("status-key codes: {}/{n} read as other", n - wrong.len());
    assert!(n >= 20 && wrong.is_empty(), "{}", wrong.join("\n"));
    let model_studio = "Code: 429, status: Throttling.AllocationQuota, message: Free allocated quota exceeded.";
    assert!(matches!(first(model_studio), Some((Kind::Other, Some(c), false)) if c == "Throttling.AllocationQuota"));
    // A job's status word is no code.
    assert!(first("status: FAILED, message: job finished").is_none_or(|(_, c, _)| c.is_none()));
}

/// Function Compute's CreateFunction answer for an OSS code package the caller may not read (its API page; the FC
/// SDKs' print) is the caller's missing permission, with the code it documents; the sentence alone too. (Its product,
/// Function Compute or the OSS bucket it names, is the product choice's matter.)
#[test]
fn function_compute_s_code_package_refusal_is_a_missing_permission() {
    for (text, code) in [
        ("ErrorCode: AccessDenied, ErrorMessage: unable to access object 'code.zip' in bucket 'my-code'", Some("AccessDenied")),
        ("If the unable to access object xxx in bucket xxx error is returned when you create a function, grant the current user access to the bucket.", None),
    ] {
        let d = diagnose(text, full_catalog());
        let f = d.findings.first().unwrap_or_else(|| panic!("{text}"));
        assert_eq!((f.kind, f.code.as_deref()), (Kind::MissingPermission, code), "{text}");
    }
}

/// DataX's `DataXException` print (`Code:[<Plugin>-<nn>], Description:[…]. - …`, its common exception) names the
/// plugin's own code: over DataX's Alibaba Cloud plugins' codes the code is read and the finding is `other` with no
/// grant (the plugin's code hides the service's answer); a list under a `code` key is not read as one.
#[test]
fn datax_s_bracketed_plugin_code_is_read_and_gets_no_grant() {
    let mut wrong = Vec::new();
    for plugin in ["OssWriter", "OssReader", "OdpsWriter", "OdpsReader", "OtsWriter", "OtsReader", "LogHubReader"] {
        for n in ["01", "05", "12"] {
            let code = format!("{plugin}-{n}");
            let text = format!(
                "com.alibaba.datax.common.exception.DataXException: Code:[{code}], Description:[执行相应的操作异常.]. - Unknown\n\tat com.alibaba.datax.common.exception.DataXException.asDataXException(DataXException.java:26)"
            );
            match first(&text) {
                Some((Kind::Other, Some(c), false)) if c == code => {}
                got => wrong.push(format!("{code} {got:?}")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(first(r#"{"code": ["a", "b"], "note": "fine"}"#).is_none_or(|(_, c, _)| c.is_none()));
}
