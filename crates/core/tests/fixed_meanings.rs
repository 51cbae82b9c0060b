//! Sweeps over documented classes whose meaning is fixed by the product that prints them, whatever wraps them:
//! MaxCompute's explicit Deny, OSS's 403 codes the catalog lacks, the SDKs' fixed sentences for missing
//! credentials, and Model Studio's (DashScope's) codes with its SDK's and host's names. Each class is swept in the
//! wrappings users paste, and each has negative controls: the same words beside a genuine Alibaba Cloud permission
//! error leave that error's finding and grant as they were.

mod common;

use common::full_catalog;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

/// Whether the plan for `f` recommends any policy.
fn grants(f: &Finding, catalog: &Catalog) -> bool {
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, catalog).expect("default options"));
    !grant.system_policies.is_empty() || grant.custom_policy.is_some()
}

fn first(text: &str) -> Finding {
    diagnose(text, full_catalog()).findings.into_iter().next().unwrap_or_else(|| panic!("no finding: {text}"))
}

/// A genuine Alibaba Cloud permission error, to stand beside a class's words.
const FORBIDDEN_RAM: &str = "SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F60718";

/// Negative controls: each hint on a line under [`FORBIDDEN_RAM`] must leave that error its finding
/// (missing-permission of ECS, with a grant); the texts that do not are added to `failures`.
fn controls(hints: &[&str], failures: &mut Vec<String>) {
    let catalog = full_catalog();
    for hint in hints {
        let text = format!("{FORBIDDEN_RAM}\n{hint}");
        let kept = diagnose(&text, catalog).findings.iter().any(|f| {
            f.code.as_deref() == Some("Forbidden.RAM")
                && f.kind == Kind::MissingPermission
                && f.product.as_deref() == Some("ecs")
                && f.other_cloud.is_none()
                && grants(f, catalog)
        });
        if !kept {
            failures.push(format!("control: {text}"));
        }
    }
}

/// MaxCompute's `ODPS-0130013` [4011] (its error-code page): the project's policy denies the action explicitly.
/// Every action and resource, in the client's, the SQL task's and the Java SDK's prints: an explicit deny of that
/// action, no grant. The same failure without the Deny ([4019]) is a missing grant.
#[test]
fn maxcompute_explicit_deny_names_the_action_and_grants_nothing() {
    let catalog = full_catalog();
    let actions = ["odps:Select", "odps:Describe", "odps:Update", "odps:Drop", "odps:CreateInstance", "odps:Download"];
    let resources = ["acs:odps:*:projects/sales/tables/orders", "acs:odps:*:projects/sales"];
    let prints: [fn(&str) -> String; 3] = [
        |m| {
            format!("FAILED: ODPS-0130013:Authorization Failed [4011], {m} Context ID:7f1e. --->Tips: CurrentProject:sales; Pricipal:ALIYUN$1234;")
        },
        |m| format!("ODPS-0130013:Authorization exception - Authorization Failed [4011], {m}"),
        |m| {
            format!("com.aliyun.odps.OdpsException: ODPS-0130013:Authorization Failed [4011], {m} Context ID:1.\n\tat com.aliyun.odps.rest.RestClient.handleErrorResponse(RestClient.java:386)")
        },
    ];
    let (mut failures, mut swept) = (Vec::new(), 0);
    for action in actions {
        for resource in resources {
            for print in prints {
                swept += 1;
                let denied =
                    print(&format!("You have NO privilege '{action}' on {{{resource}}}. Explicitly denied by policy."));
                let f = first(&denied);
                if f.kind != Kind::ExplicitDeny
                    || f.product.as_deref() != Some("odps")
                    || f.actions.first().map(String::as_str) != Some(action)
                    || grants(&f, catalog)
                {
                    failures.push(format!("{:?} {:?} {:?}: {denied}", f.kind, f.product, f.actions));
                }
                // Negative control: the failure without the Deny is a missing grant of the action.
                let lacking =
                    print(&format!("You have NO privilege '{action}' on {{{resource}}}.")).replace("[4011]", "[4019]");
                let f = first(&lacking);
                if f.kind != Kind::MissingPermission || !grants(&f, catalog) {
                    failures.push(format!("control {:?}: {lacking}", f.kind));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {swept}:\n{}", failures.len(), failures.join("\n"));
}

/// OSS's documented 403 codes that the catalog's error tables lack, with the kind each means.
const OSS_CODES: &[(&str, Kind)] = &[
    ("SecondLevelDomainForbidden", Kind::Other),
    ("AbnormalBucketOwnerStatus", Kind::Other),
    ("BucketDisable", Kind::Other),
    ("CnameDenied", Kind::Other),
    ("InDebtOverdue", Kind::Other),
    ("InvalidSecurityToken", Kind::BadCredentials),
    ("SecurityTokenExpired", Kind::TokenExpired),
];

/// Each such code, named only as a word of a client's prose (an S3 client's `unhandled error (…)`, a log line), is
/// that code, OSS's, of its kind, and never granted.
#[test]
fn oss_codes_the_catalog_lacks_are_read_in_prose_and_name_oss() {
    let catalog = full_catalog();
    let prints: [fn(&str) -> String; 4] = [
        |c| format!("✗ Failed to list objects: Network error: Service error: unhandled error ({c})"),
        |c| format!("upload failed: {c}"),
        |c| format!("2024-05-01 10:00:00 ERROR sync: request refused with {c}, giving up"),
        |c| format!("<Error><Code>{c}</Code><Message>x</Message><RequestId>65A8F0C2</RequestId></Error>"),
    ];
    let (mut failures, mut swept) = (Vec::new(), 0);
    for (code, kind) in OSS_CODES {
        for print in prints {
            swept += 1;
            let text = print(code);
            let f = first(&text);
            if f.code.as_deref() != Some(code)
                || f.kind != *kind
                || f.product.as_deref() != Some("oss")
                || grants(&f, catalog)
            {
                failures.push(format!("{:?} {:?} {:?}: {text}", f.code, f.kind, f.product));
            }
        }
    }
    // Negative controls: a word that only starts like one is no code; the words beside a RAM refusal leave it be.
    controls(
        &["note: first we saw BucketDisable here", "(SecondLevelDomainForbidden was yesterday's error)"],
        &mut failures,
    );
    let f = first("upload failed: SecondLevelDomainForbiddenX");
    if f.code.as_deref() == Some("SecondLevelDomainForbidden") {
        failures.push("a longer word was read as the code".into());
    }
    assert!(failures.is_empty(), "{} of {swept}:\n{}", failures.len(), failures.join("\n"));
}

/// The SDKs' fixed sentences for credentials that never reached the request: the OSS mobile SDKs' federation
/// (STS) provider that got no token, MaxCompute's signer with no AccessKey. Bad credentials, no grant; the OSS
/// SDKs' names say OSS.
#[test]
fn sdk_sentences_of_missing_credentials_are_bad_credentials() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, product) in [
        ("Put image failed, Error Domain=com.aliyun.oss.clientError Code=1 \"(null)\" UserInfo={ErrorMessage=Can't get a federation token}", Some("oss")),
        ("com.alibaba.sdk.android.oss.ClientException: Can't get a federation token\n[ErrorMessage]: Can't get a federation token", Some("oss")),
        ("E/OSS-Android-SDK: Can't get a federation token", None),
        ("class java.lang.IllegalArgumentException: AccessId should not be empty.", None),
        ("java.lang.IllegalArgumentException: AccessId should not be empty.\n\tat com.aliyun.odps.account.AliyunRequestSigner.<init>(AliyunRequestSigner.java:40)", Some("odps")),
    ] {
        let f = first(text);
        let product_ok = product.is_none_or(|p| f.product.as_deref() == Some(p));
        if f.kind != Kind::BadCredentials || !product_ok || grants(&f, catalog) {
            failures.push(format!("{:?} {:?}: {text}", f.kind, f.product));
        }
    }
    // OSS answers an anonymous request with its bucket ACL's AccessDenied: the key that was never sent stays the
    // cause (only RAM's refusal of a signed caller overrules such a sentence).
    let anonymous = "No credentials found, sending anonymous request\noss2.exceptions.AccessDenied: {'status': 403, 'details': {'Code': 'AccessDenied', 'Message': 'You have no right to access this object because of bucket acl.', 'EC': '0003-00000001'}}";
    let f = first(anonymous);
    if f.kind != Kind::BadCredentials || grants(&f, catalog) {
        failures.push(format!("{:?}: {anonymous}", f.kind));
    }
    controls(
        &[
            "earlier on the phone: Can't get a federation token",
            "IllegalArgumentException: AccessId should not be empty. (fixed since)",
        ],
        &mut failures,
    );
    assert!(failures.is_empty(), "{}:\n{}", failures.len(), failures.join("\n"));
}

/// Model Studio's (DashScope's) documented codes in its SDKs' prints and at its host: its product, their kind,
/// never a grant (an overdue account, a key refused).
#[test]
fn model_studio_codes_name_model_studio_and_grant_nothing() {
    let catalog = full_catalog();
    let bodies = [
        (r#"{"statusCode":400,"message":"Access denied, please make sure your account is in good standing.","code":"Arrearage","requestId":"8af5"}"#, Kind::Other),
        (r#"{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"8af5"}"#, Kind::BadCredentials),
        ("{'error': {'message': 'Incorrect API key provided. ', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}", Kind::BadCredentials),
    ];
    let prints: [fn(&str) -> String; 3] = [
        |b| {
            format!("com.alibaba.dashscope.exception.ApiException: {b}\n\tat com.alibaba.dashscope.protocol.okhttp.OkHttpHttpClient.send(OkHttpHttpClient.java:187)")
        },
        |b| {
            format!(
                "POST https://dashscope.aliyuncs.com/api/v1/services/embeddings/text-embedding/text-embedding 401\n{b}"
            )
        },
        |b| format!("dashscope call failed: {b}"),
    ];
    let (mut failures, mut swept) = (Vec::new(), 0);
    for (body, kind) in bodies {
        for print in prints {
            swept += 1;
            let text = print(body);
            let f = first(&text);
            if f.kind != kind || f.product.as_deref() != Some("sfm") || f.other_cloud.is_some() || grants(&f, catalog) {
                failures.push(format!("{:?} {:?} {:?}: {text}", f.kind, f.product, f.other_cloud));
            }
        }
    }
    // DashScope's name beside a RAM refusal of another product leaves that refusal its product and grant.
    controls(&["(the dashscope embedding job runs after this)"], &mut failures);
    assert!(failures.is_empty(), "{} of {swept}:\n{}", failures.len(), failures.join("\n"));
}

/// The catalog's documented "You must specify …" messages (`CertName.MissingParameter`: "You must specify
/// CertName."), as a tool quotes them beside Alibaba Cloud's name and with their code: a parameter to send, no
/// grant. Without an Alibaba Cloud mark the words are anyone's (the AWS CLI's "You must specify a region").
#[test]
fn documented_missing_parameter_messages_are_no_permission_errors() {
    let catalog = full_catalog();
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/shards");
    let mut documented = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(data).unwrap() {
        let shard: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for r in shard["errors"].as_array().into_iter().flatten() {
            if let (Some(code), Some(message)) = (r[0].as_str(), r[2].as_str()) {
                if message.starts_with("You must specify") && !message.contains('%') {
                    documented.insert(code.to_string(), message.to_string());
                }
            }
        }
    }
    assert!(documented.len() >= 100, "the catalog documents the class: {}", documented.len());
    let mut failures = Vec::new();
    for (code, message) in &documented {
        for text in [
            format!("部署到阿里云失败，提示 “{message}”"),
            format!("alicloud: API call failed: SDK.ServerError\nErrorCode: {code}\nMessage: {message}"),
        ] {
            let f = first(&text);
            if f.kind != Kind::Other || grants(&f, catalog) {
                failures.push(format!("{:?}: {text}", f.kind));
            }
        }
    }
    let aws = "aws s3 ls: You must specify a region. You can also configure your region by running \"aws configure\".";
    if diagnose(aws, catalog).findings.iter().any(|f| grants(f, catalog) || f.kind != Kind::Other) {
        failures.push(format!("no mark: {aws}"));
    }
    controls(&["(the next call said: You must specify CertName.)"], &mut failures);
    assert!(failures.is_empty(), "{} of {}:\n{}", failures.len(), 2 * documented.len(), failures.join("\n"));
}

/// The console's link to Cloud Resource Access Authorization (`ram.console.aliyun.com/role/authorize?request=…`)
/// names the service roles a product still needs: alone, a service role is missing. Beside RAM's refusal of the
/// caller on other lines, it is a hint, and the refusal stays the caller's.
#[test]
fn the_role_authorize_link_says_a_service_role_is_missing() {
    let mut failures = Vec::new();
    for role in
        ["AliyunOOSLifecycleHook4CSRole", "AliyunCSDefaultRole", "AliyunECIContainerGroupRole", "AliyunHBRDefaultRole"]
    {
        let request =
            format!("%7B%22Services%22%3A%5B%7B%22Roles%22%3A%5B%7B%22RoleName%22%3A%22{role}%22%7D%5D%7D%5D%7D");
        for text in [
            format!("users have to create {role} first by clicking \"agree\" on https://ram.console.aliyun.com/role/authorize?request={request}"),
            format!("请先授权：https://ram.console.aliyun.com/role/authorize?request={request}"),
        ] {
            let f = first(&text);
            if f.kind != Kind::ServiceRoleMissing {
                failures.push(format!("{:?}: {text}", f.kind));
            }
        }
    }
    controls(&["see https://ram.console.aliyun.com/role/authorize?request=x", "另见云资源访问授权页面"], &mut failures);
    assert!(failures.is_empty(), "{}:\n{}", failures.len(), failures.join("\n"));
}
