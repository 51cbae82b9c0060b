//! The emulator over a real socket: every error code it promises, the permission journey with
//! `DecodeDiagnosticMessage`, STS, routing, fault mode, and no secret in its log.

mod common;

use common::{allow, in_process, nonce, now, Binary, Client, IMS, STS};
use serde_json::json;

use ram_doctor_core::sign::Algorithm;
use ram_doctor_emulator::state::Account;

const ROOT_ID: &str = "LTAIroot0001";
const ROOT_SECRET: &str = "root-secret-Zq81";
const DEV_ID: &str = "LTAIdev0001";
const DEV_SECRET: &str = "dev-secret-Wx42";

fn root_key() -> String {
    format!("{ROOT_ID}:{ROOT_SECRET}")
}

/// A RAM user `dev` (owning DEV_ID) who may read RAM and assume roles, but not attach policies; a role `deployer`
/// that trusts the account; a custom policy.
fn seeded() -> serde_json::Value {
    json!({
        "account_id": "1234567890123456",
        "users": [{"name": "dev", "access_keys": [DEV_ID], "groups": [{"group": "readers"}],
                   "policies": [{"type": "System", "name": "AliyunSTSAssumeRoleAccess"}]}],
        "groups": [{"name": "readers", "policies": [{"type": "System", "name": "AliyunRAMReadOnlyAccess"}]}],
        "roles": [{"name": "deployer",
                   "trust_policy": {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                    "Principal": {"RAM": ["acs:ram::1234567890123456:root"]}}]},
                   "policies": [{"type": "System", "name": "AliyunRAMFullAccess"}]},
                  {"name": "locked",
                   "trust_policy": {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                    "Principal": {"RAM": ["acs:ram::1234567890123456:user/nobody"]}}]}}],
        "policies": [{"name": "ecs-read", "description": "read ECS", "versions": [{"id": "v1", "document": allow("ecs:Describe*")}]}]
    })
}

fn start() -> Binary {
    Binary::with_state(&seeded(), &["--access-key", &root_key(), "--access-key", &format!("{DEV_ID}:{DEV_SECRET}")])
}

#[tokio::test]
async fn signature_errors_have_alibaba_codes() {
    let emu = start();
    for algorithm in [Algorithm::V3, Algorithm::Rpc] {
        let mut root = Client::new(&emu.base, ROOT_ID, ROOT_SECRET);
        root.algorithm = algorithm;
        assert_eq!(root.call("GetCallerIdentity", STS, &[]).await.ok()["IdentityType"], "Account");

        let unknown =
            Client { credentials: ram_doctor_core::sign::Credentials::new("LTAInobody", "x"), ..root.clone() };
        let a = unknown.call("GetCallerIdentity", STS, &[]).await;
        assert_eq!((a.status, a.code()), (404, "InvalidAccessKeyId.NotFound"));

        let wrong =
            Client { credentials: ram_doctor_core::sign::Credentials::new(ROOT_ID, "not-the-secret"), ..root.clone() };
        let req = wrong.sign("GetUser", common::RAM, &[("UserName", "dev")], now(), &nonce());
        let a = wrong.send(&req).await;
        assert_eq!((a.status, a.code()), (400, "SignatureDoesNotMatch"));
        let message = a.body["Message"].as_str().unwrap();
        let quoted = message.split_once("server string to sign is:").unwrap().1;
        assert_eq!(
            quoted, req.string_to_sign,
            "the server's string to sign equals the client's: only the secret differs"
        );
        assert!(!a.text.contains("not-the-secret") && !a.text.contains(ROOT_SECRET), "an error never holds a secret");

        let stale = root.sign("GetCallerIdentity", STS, &[], now() - 16 * 60, &nonce());
        assert_eq!(root.send(&stale).await.code(), "InvalidTimeStamp.Expired");
        let early = root.sign("GetCallerIdentity", STS, &[], now() + 16 * 60, &nonce());
        assert_eq!(root.send(&early).await.code(), "InvalidTimeStamp.Expired");

        let once = root.sign("GetCallerIdentity", STS, &[], now(), &nonce());
        assert_eq!(root.send(&once).await.code(), "OK");
        assert_eq!(root.send(&once).await.code(), "SignatureNonceUsed");

        assert_eq!(root.call("NoSuchApi", STS, &[]).await.code(), "InvalidAction.NotFound");
        assert_eq!(root.call("GetUser", "2014-05-26", &[]).await.code(), "InvalidVersion");
        assert_eq!(root.ram("GetUser", &[]).await.code(), "MissingParameter");
    }
    let unsigned = reqwest::get(format!("{}/?Action=GetCallerIdentity&Version={STS}", emu.base)).await.unwrap();
    assert_eq!(unsigned.status().as_u16(), 400);
    assert_eq!(unsigned.json::<serde_json::Value>().await.unwrap()["Code"], "IncompleteSignature");
}

/// A signed request with one query parameter (`Name=value&`) or one header taken out, as a client that forgot it
/// would send it.
fn without(mut req: ram_doctor_core::sign::SignedRequest, name: &str) -> ram_doctor_core::sign::SignedRequest {
    let query = req.path_and_query.trim_start_matches("/?").to_string();
    let kept: Vec<&str> = query.split('&').filter(|pair| pair.split('=').next() != Some(name)).collect();
    req.path_and_query = format!("/?{}", kept.join("&"));
    req.headers.retain(|(header, _)| !header.eq_ignore_ascii_case(name));
    req
}

/// The common parameters the gateway checks before the signature: the API version of the product, and for the
/// RPC signature its method (`HMAC-SHA1`) and version (`1.0`) — each refused with the gateway's code and 400.
#[tokio::test]
async fn wrong_or_missing_common_parameters_are_refused_before_the_signature() {
    let emu = start();
    let rpc = Client::new(&emu.base, ROOT_ID, ROOT_SECRET).rpc();
    let refused = |a: common::Answer| (a.status, a.code().to_string());
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("SignatureMethod", "HMAC-SHA256")], "InvalidSignatureMethod"),
        (&[("SignatureMethod", "hmac-sha1")], "InvalidSignatureMethod"),
        (&[("SignatureVersion", "2.0")], "InvalidSignatureVersion"),
        (&[("SignatureVersion", "1")], "InvalidSignatureVersion"),
    ];
    for (params, code) in cases {
        // Signed correctly over the wrong value: only the value is wrong.
        let a = rpc.call("GetCallerIdentity", STS, params).await;
        assert_eq!(refused(a), (400, code.to_string()), "{params:?}");
    }
    for (name, code) in [("SignatureMethod", "MissingSignatureMethod"), ("SignatureVersion", "MissingSignatureVersion")]
    {
        let req = without(rpc.sign("GetCallerIdentity", STS, &[], now(), &nonce()), name);
        assert_eq!(refused(rpc.send(&req).await), (400, code.to_string()));
    }
    // Each product's own API version; another product's, a made-up one, or none is refused (V3 and RPC alike).
    for client in [Client::new(&emu.base, ROOT_ID, ROOT_SECRET), rpc.clone()] {
        for (action, version) in [("GetCallerIdentity", STS), ("ListUsers", common::RAM)] {
            assert_eq!(client.call(action, version, &[]).await.code(), "OK", "{action} {version}");
        }
        assert_eq!(client.call("GetUser", IMS, &[("UserId", "1")]).await.code(), "EntityNotExist.User");
        for version in ["2014-05-26", "2015-05-02"] {
            assert_eq!(refused(client.call("ListUsers", version, &[]).await), (400, "InvalidVersion".into()));
        }
        // A host that names RAM takes only RAM's version.
        let at_ram = client.clone().host("ram.aliyuncs.com");
        assert_eq!(refused(at_ram.call("ListUsers", STS, &[]).await), (400, "InvalidVersion".into()));
        assert_eq!(at_ram.call("ListUsers", common::RAM, &[]).await.code(), "OK");
        let name = if client.algorithm == Algorithm::Rpc { "Version" } else { "x-acs-version" };
        let req = without(client.sign("ListUsers", common::RAM, &[], now(), &nonce()), name);
        assert_eq!(refused(client.send(&req).await), (400, "MissingVersion".into()));
    }
    // A wrong method is named in the message; nothing about the key is.
    let a = rpc.call("GetCallerIdentity", STS, &[("SignatureMethod", "HMAC-SHA256")]).await;
    assert!(a.body["Message"].as_str().unwrap().contains("HMAC-SHA256") && !a.text.contains(ROOT_SECRET));
}

#[tokio::test]
async fn ram_state_errors_have_alibaba_codes() {
    let emu = start();
    let root = Client::new(&emu.base, ROOT_ID, ROOT_SECRET).host("ram.aliyuncs.com");
    let doc = allow("oss:GetObject");
    let a = root.ram("CreatePolicy", &[("PolicyName", "ecs-read"), ("PolicyDocument", &doc)]).await;
    assert_eq!((a.status, a.code()), (409, "EntityAlreadyExists.Policy"));
    assert_eq!(a.body["HostId"], "ram.aliyuncs.com");
    let a = root.ram("GetUser", &[("UserName", "ghost")]).await;
    assert_eq!((a.status, a.code()), (404, "EntityNotExist.User"));
    let long = allow(&format!("oss:{}", "A".repeat(6200)));
    assert_eq!(
        root.ram("CreatePolicy", &[("PolicyName", "big"), ("PolicyDocument", &long)]).await.code(),
        "InvalidParameter.PolicyDocument.Length"
    );
    let bad = r#"{"Version":"1","Statement":[{"Effect":"Perhaps","Action":"a:b","Resource":"*"}]}"#;
    let a = root.ram("CreatePolicy", &[("PolicyName", "bad"), ("PolicyDocument", bad)]).await;
    assert_eq!(a.code(), "MalformedPolicyDocument");
    assert!(a.body["Message"].as_str().unwrap().contains("Effect"), "{}", a.text);

    for _ in 0..4 {
        root.ram("CreatePolicyVersion", &[("PolicyName", "ecs-read"), ("PolicyDocument", &doc)]).await.ok();
    }
    let a = root.ram("CreatePolicyVersion", &[("PolicyName", "ecs-read"), ("PolicyDocument", &doc)]).await;
    assert_eq!((a.status, a.code()), (409, "LimitExceeded.Policy.Version"));
    let a = root.ram("DeletePolicyVersion", &[("PolicyName", "ecs-read"), ("VersionId", "v1")]).await;
    assert_eq!(a.code(), "DeleteConflict.PolicyVersion.DefaultVersion");
    let rotated = root
        .ram(
            "CreatePolicyVersion",
            &[
                ("PolicyName", "ecs-read"),
                ("PolicyDocument", &doc),
                ("SetAsDefault", "true"),
                ("RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded"),
            ],
        )
        .await
        .ok();
    assert_eq!(rotated["PolicyVersion"]["VersionId"], "v6");
    assert_eq!(rotated["PolicyVersion"]["IsDefaultVersion"], true);
    let versions = root.ram("ListPolicyVersions", &[("PolicyType", "Custom"), ("PolicyName", "ecs-read")]).await.ok();
    let ids: Vec<&str> = versions["PolicyVersions"]["PolicyVersion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["VersionId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["v1", "v3", "v4", "v5", "v6"]);
    let got = root.ram("GetPolicy", &[("PolicyType", "Custom"), ("PolicyName", "ecs-read")]).await.ok();
    assert_eq!(got["DefaultPolicyVersion"]["PolicyDocument"], doc.as_str());
    assert_eq!(got["Policy"]["DefaultVersion"], "v6");

    let a = root
        .ram(
            "AttachPolicyToUser",
            &[("PolicyType", "System"), ("PolicyName", "AliyunSTSAssumeRoleAccess"), ("UserName", "dev")],
        )
        .await;
    assert_eq!(a.code(), "EntityAlreadyExists.User.Policy");
    let a = root
        .ram("DetachPolicyFromRole", &[("PolicyType", "Custom"), ("PolicyName", "ecs-read"), ("RoleName", "deployer")])
        .await;
    assert_eq!(a.code(), "EntityNotExist.Role.Policy");
    let sys = root
        .ram(
            "GetPolicyVersion",
            &[("PolicyType", "System"), ("PolicyName", "AliyunRAMReadOnlyAccess"), ("VersionId", "v1")],
        )
        .await
        .ok();
    assert!(sys["PolicyVersion"]["PolicyDocument"].as_str().unwrap().contains("ram:Get*"), "the catalog's document");
}

#[tokio::test]
async fn a_user_without_the_permission_gets_no_permission_that_decodes() {
    let emu = start();
    let dev = Client::new(&emu.base, DEV_ID, DEV_SECRET).host("ram.aliyuncs.com");
    let who = dev.clone().host("sts.aliyuncs.com").call("GetCallerIdentity", STS, &[]).await.ok();
    assert_eq!(who["IdentityType"], "RAMUser");
    assert_eq!(who["Arn"], "acs:ram::1234567890123456:user/dev");
    // Reading is allowed through the group's AliyunRAMReadOnlyAccess.
    assert_eq!(
        dev.ram("ListPoliciesForUser", &[("UserName", "dev")]).await.ok()["Policies"]["Policy"][0]["PolicyName"],
        "AliyunSTSAssumeRoleAccess"
    );

    let denied = dev
        .ram("AttachPolicyToUser", &[("PolicyType", "Custom"), ("PolicyName", "ecs-read"), ("UserName", "dev")])
        .await;
    assert_eq!((denied.status, denied.code()), (403, "NoPermission"));
    let detail = &denied.body["AccessDeniedDetail"];
    assert_eq!(detail["AuthAction"], "ram:AttachPolicyToUser");
    assert_eq!(detail["NoPermissionType"], "ImplicitDeny");
    assert_eq!(detail["AuthPrincipalType"], "SubUser");
    assert_eq!(detail["AuthPrincipalDisplayName"], who["UserId"]);
    assert_eq!(detail["PolicyType"], "AccountLevelIdentityBasedPolicy");

    // The project's engine reads the emulator's error like a pasted one.
    let catalog = ram_doctor_core::Catalog::embedded().unwrap();
    let diagnosis = ram_doctor_core::diagnose(&denied.text, &catalog);
    let finding = &diagnosis.findings[0];
    assert_eq!(finding.actions, ["ram:AttachPolicyToUser"]);
    assert_eq!(finding.encoded_diagnostic_message.as_deref(), detail["EncodedDiagnosticMessage"].as_str());

    let encoded = detail["EncodedDiagnosticMessage"].as_str().unwrap();
    let decoded = dev.ram("DecodeDiagnosticMessage", &[("EncodedDiagnosticMessage", encoded)]).await;
    assert_eq!(
        decoded.code(),
        "NoPermission",
        "dev may not decode either: ram:DecodeDiagnosticMessage is not a Get/List action"
    );
    let root = Client::new(&emu.base, ROOT_ID, ROOT_SECRET).rpc();
    let decoded = root.ram("DecodeDiagnosticMessage", &[("EncodedDiagnosticMessage", encoded)]).await.ok();
    let message = &decoded["DecodedDiagnosticMessage"];
    assert_eq!(message["AuthAction"], "ram:AttachPolicyToUser");
    assert_eq!(message["ExplicitDeny"], false);
    assert_eq!(message["AuthResource"], "acs:ram:*:1234567890123456:policy/ecs-read");
    assert_eq!(message["AuthPrincipal"]["AuthPrincipalDisplayName"], who["UserId"]);
    let a = root.ram("DecodeDiagnosticMessage", &[("EncodedDiagnosticMessage", "AQEAAAAAbm90IGEgbWVzc2FnZQ==")]).await;
    assert_eq!((a.status, a.code()), (404, "EntityNotExist"));

    // Once the root attaches the policy, the same call goes through.
    let grant = allow("ram:AttachPolicyToUser");
    root.ram("CreatePolicy", &[("PolicyName", "may-attach"), ("PolicyDocument", &grant)]).await.ok();
    root.ram("AttachPolicyToUser", &[("PolicyType", "Custom"), ("PolicyName", "may-attach"), ("UserName", "dev")])
        .await
        .ok();
    dev.ram("AttachPolicyToUser", &[("PolicyType", "Custom"), ("PolicyName", "ecs-read"), ("UserName", "dev")])
        .await
        .ok();
    let state: serde_json::Value =
        reqwest::get(format!("{}/__emulator/state", emu.base)).await.unwrap().json().await.unwrap();
    let names: Vec<&str> =
        state["users"][0]["policies"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["AliyunSTSAssumeRoleAccess", "may-attach", "ecs-read"]);

    let log = emu.log_text();
    assert!(log.contains("AttachPolicyToUser -> 403 NoPermission"), "{log}");
    for secret in [ROOT_SECRET, DEV_SECRET, ROOT_ID, DEV_ID] {
        assert!(!log.contains(secret), "the log holds {secret}:\n{log}");
    }
}

#[tokio::test]
async fn assume_role_and_sts_credentials() {
    let account: Account = serde_json::from_value(seeded()).unwrap();
    let account = account.complete("2026-01-01T00:00:00Z").unwrap();
    let (base, emulator) = in_process(&[(ROOT_ID, ROOT_SECRET), (DEV_ID, DEV_SECRET)], account).await;
    let root = Client::new(&base, ROOT_ID, ROOT_SECRET).host("sts.cn-hangzhou.aliyuncs.com");
    let dev = Client { credentials: ram_doctor_core::sign::Credentials::new(DEV_ID, DEV_SECRET), ..root.clone() };
    let arn = "acs:ram::1234567890123456:role/deployer";
    let a = root.call("AssumeRole", STS, &[("RoleArn", arn), ("RoleSessionName", "s1")]).await;
    assert_eq!((a.status, a.code()), (403, "NoPermission"));
    assert_eq!(a.body["Message"], "Roles may not be assumed by root accounts.");
    let a = dev
        .call("AssumeRole", STS, &[("RoleArn", "acs:ram::1234567890123456:role/ghost"), ("RoleSessionName", "s1")])
        .await;
    assert_eq!((a.status, a.code()), (404, "EntityNotExist.Role"));
    let a = dev
        .call("AssumeRole", STS, &[("RoleArn", "acs:ram::1234567890123456:role/locked"), ("RoleSessionName", "s1")])
        .await;
    assert_eq!(a.code(), "NoPermission", "the trust policy names another user");
    let a =
        dev.call("AssumeRole", STS, &[("RoleArn", arn), ("RoleSessionName", "s1"), ("DurationSeconds", "60")]).await;
    assert_eq!(a.code(), "InvalidParameter.DurationSeconds");

    let session = allow("ram:Get*");
    let assumed = dev
        .call(
            "AssumeRole",
            STS,
            &[("RoleArn", arn), ("RoleSessionName", "ci-run"), ("DurationSeconds", "900"), ("Policy", &session)],
        )
        .await
        .ok();
    let creds = &assumed["Credentials"];
    let (id, secret, token) = (
        creds["AccessKeyId"].as_str().unwrap(),
        creds["AccessKeySecret"].as_str().unwrap(),
        creds["SecurityToken"].as_str().unwrap(),
    );
    assert!(id.starts_with("STS."));

    let bare = Client { credentials: ram_doctor_core::sign::Credentials::new(id, secret), ..root.clone() };
    assert_eq!(bare.call("GetCallerIdentity", STS, &[]).await.code(), "MissingSecurityToken");
    let sts = Client {
        credentials: ram_doctor_core::sign::Credentials::new(id, secret).with_security_token(token),
        ..root.clone()
    };
    let who = sts.call("GetCallerIdentity", STS, &[]).await.ok();
    assert_eq!(who["IdentityType"], "AssumedRoleUser");
    assert_eq!(who["Arn"], "acs:ram::1234567890123456:assumed-role/deployer/ci-run");
    let ram = Client { host: "ram.aliyuncs.com".into(), ..sts.clone() };
    assert_eq!(ram.ram("GetUser", &[("UserName", "dev")]).await.code(), "OK");
    let denied = ram.ram("CreateUser", &[("UserName", "eve")]).await;
    assert_eq!(denied.code(), "NoPermission", "the session policy allows only ram:Get*");
    assert_eq!(denied.body["AccessDeniedDetail"]["PolicyType"], "SessionPolicy");
    assert_eq!(denied.body["AccessDeniedDetail"]["AuthPrincipalDisplayName"], "deployer:ci-run");

    emulator.clock.advance(901);
    // The client signs with the server's (moved) time so only the token's expiry fails.
    let late = ram.sign("GetUser", common::RAM, &[("UserName", "dev")], now() + 901, &nonce());
    assert_eq!(ram.send(&late).await.code(), "InvalidSecurityToken.Expired");
}

#[tokio::test]
async fn routes_by_host_or_version() {
    let emu = start();
    let root = Client::new(&emu.base, ROOT_ID, ROOT_SECRET);
    let user_id =
        root.ram("GetUser", &[("UserName", "dev")]).await.ok()["User"]["UserId"].as_str().unwrap().to_string();
    // IMS and RAM both have GetUser: by version here (the host names no product) …
    let ims = root.call("GetUser", IMS, &[("UserId", &user_id)]).await.ok();
    assert_eq!(ims["User"]["UserPrincipalName"], "dev@1234567890123456.onaliyun.com");
    // … and by host here; a version of another product is refused.
    let by_host = root.clone().host("ims.aliyuncs.com");
    assert_eq!(by_host.call("GetUser", IMS, &[("UserId", &user_id)]).await.ok()["User"]["UserId"], user_id.as_str());
    assert_eq!(by_host.call("GetUser", common::RAM, &[("UserName", "dev")]).await.code(), "InvalidVersion");
    let a = by_host.call("GetUser", IMS, &[("UserId", "999")]).await;
    assert_eq!((a.code(), a.body["HostId"].as_str()), ("EntityNotExist.User", Some("ims.aliyuncs.com")));
}

#[tokio::test]
async fn fault_mode() {
    let emu = Binary::start(&[
        "--access-key",
        &root_key(),
        "--fault",
        "GetCallerIdentity:status=500",
        "--fault",
        "ListUsers:garbage",
        "--fault",
        "CreateGroup:reset",
        "--fault",
        "GetUser:latency=400",
    ]);
    let root = Client::new(&emu.base, ROOT_ID, ROOT_SECRET);
    let a = root.call("GetCallerIdentity", STS, &[]).await;
    assert_eq!((a.status, a.code()), (500, "InternalError"));
    let a = root.ram("ListUsers", &[]).await;
    assert_eq!(a.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&a.text).is_err(), "garbage is not JSON: {}", a.text);
    let req = root.sign("CreateGroup", common::RAM, &[("GroupName", "g")], now(), &nonce());
    let mut builder = reqwest::Client::new().post(format!("{}{}", emu.base, req.path_and_query));
    for (n, v) in &req.headers {
        builder = builder.header(n, v);
    }
    let reset = match builder.send().await {
        Ok(response) => response.text().await.err(),
        Err(e) => Some(e),
    };
    assert!(reset.is_some(), "the connection is dropped without a complete answer");
    let started = std::time::Instant::now();
    assert_eq!(root.ram("GetUser", &[("UserName", "nobody")]).await.code(), "EntityNotExist.User");
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
    assert_eq!(
        root.ram("ListPoliciesForUser", &[("UserName", "nobody")]).await.code(),
        "EntityNotExist.User",
        "other actions are untouched"
    );
}

#[test]
fn bad_command_lines_and_state_files_are_explained() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ram-doctor-emulator")).args(args).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = run(&["--access-key", "only-an-id-with-s3cret"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("ID:SECRET") && !err.contains("s3cret"), "{err}");
    let (code, err) = run(&["--fault", "GetUser:explode"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown fault"), "{err}");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), r#"{"users":[{"name":"a","groups":[{"group":"missing"}]}]}"#).unwrap();
    let (code, err) = run(&["--state", file.path().to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("group missing"), "{err}");
}
