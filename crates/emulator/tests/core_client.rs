//! Core's typed calls (`ram_doctor_core::api`) against the emulator over a socket: what the CLI and the page
//! send is accepted, and every answer parses into core's response types, errors included.

mod common;

use common::{allow, nonce, now, Binary};
use serde_json::json;

use ram_doctor_core::api::{ims, parse_response, ram, signed_request, sts, Api, ApiError, ApiOptions, PolicyType};
use ram_doctor_core::grant::target::PrincipalKind;
use ram_doctor_core::sign::{Credentials, Timestamp};

const ROOT: (&str, &str) = ("LTAIcoreroot", "core-root-secret-7Yt");
const DEV: (&str, &str) = ("LTAIcoredev", "core-dev-secret-3Ka");

/// Signs `request` with core and sends it to the emulator (the `Host` header names the product).
async fn send<A: Api>(base: &str, credentials: &Credentials, request: &A) -> Result<A::Response, ApiError> {
    let options = ApiOptions::default();
    let signed = signed_request(request, &options, credentials, Timestamp::from_unix(now()), &nonce()).unwrap();
    let mut builder = reqwest::Client::new().post(format!("{base}{}", signed.path_and_query));
    for (name, value) in &signed.headers {
        builder = builder.header(name, value);
    }
    let response = builder.body(signed.body.clone()).send().await.unwrap();
    let status = response.status().as_u16();
    parse_response::<A>(status, &response.bytes().await.unwrap())
}

#[tokio::test]
async fn core_typed_calls_read_every_answer() {
    let state = json!({
        "users": [{"name": "dev", "access_keys": [DEV.0], "policies": [{"type": "System", "name": "AliyunRAMReadOnlyAccess"}]}],
        "policies": [{"name": "ecs-read", "versions": [{"id": "v1", "document": allow("ecs:Describe*")}]}]
    });
    let emu = Binary::with_state(
        &state,
        &["--access-key", &format!("{}:{}", ROOT.0, ROOT.1), "--access-key", &format!("{}:{}", DEV.0, DEV.1)],
    );
    let root = Credentials::new(ROOT.0, ROOT.1);
    let dev = Credentials::new(DEV.0, DEV.1);

    let me = send(&emu.base, &dev, &sts::GetCallerIdentity {}).await.unwrap();
    assert_eq!((me.identity_type.as_str(), me.user_name()), ("RAMUser", Some("dev")));
    assert!(!me.request_id.is_empty());
    let user_id = me.user_id.clone().unwrap();
    let by_id = send(&emu.base, &dev, &ims::GetUser { user_id }).await.unwrap();
    assert_eq!(by_id.user.user_name(), "dev");

    let attached = send(&emu.base, &dev, &ram::ListPoliciesForUser { user_name: "dev".into() }).await.unwrap();
    assert_eq!(attached.policies[0].policy_name, "AliyunRAMReadOnlyAccess");
    assert_eq!(attached.policies[0].policy_type, PolicyType::System);
    let policy =
        send(&emu.base, &dev, &ram::GetPolicy { policy_type: PolicyType::Custom, policy_name: "ecs-read".into() })
            .await
            .unwrap();
    assert_eq!(policy.default_policy_version.unwrap().policy_document, allow("ecs:Describe*"));

    let attach = ram::AttachPolicy(ram::PolicyAttachment {
        policy_type: PolicyType::Custom,
        policy_name: "ecs-read".into(),
        kind: PrincipalKind::User,
        name: "dev".into(),
    });
    let Err(ApiError::Service(denied)) = send(&emu.base, &dev, &attach).await else { panic!("dev may not attach") };
    assert_eq!(denied.code, "NoPermission");
    let detail = denied.access_denied_detail.clone().unwrap();
    let catalog = ram_doctor_core::Catalog::embedded().unwrap();
    let finding = &ram_doctor_core::diagnose(&ApiError::Service(denied).diagnosable_text(), &catalog).findings[0];
    assert_eq!(finding.actions, ["ram:AttachPolicyToUser"]);

    let encoded = detail["EncodedDiagnosticMessage"].as_str().unwrap().to_string();
    let decoded =
        send(&emu.base, &root, &ram::DecodeDiagnosticMessage { encoded_diagnostic_message: encoded }).await.unwrap();
    assert_eq!(decoded.decoded_diagnostic_message.auth_action, "ram:AttachPolicyToUser");
    assert!(!decoded.decoded_diagnostic_message.explicit_deny);

    send(&emu.base, &root, &attach).await.unwrap();
    let version = ram::CreatePolicyVersion {
        policy_name: "ecs-read".into(),
        policy_document: allow("ecs:*"),
        set_as_default: true,
        rotate_strategy: None,
    };
    let created = send(&emu.base, &root, &version).await.unwrap();
    assert_eq!((created.policy_version.version_id.as_str(), created.policy_version.is_default_version), ("v2", true));
    let listed = send(
        &emu.base,
        &root,
        &ram::ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: "ecs-read".into() },
    )
    .await
    .unwrap();
    assert_eq!(listed.policy_versions.len(), 2);
    let users = send(&emu.base, &root, &ram::ListUsers::default()).await.unwrap();
    assert_eq!((users.users.len(), users.is_truncated), (1, false));

    let wrong = Credentials::new(ROOT.0, "not-it");
    let Err(ApiError::Service(e)) = send(&emu.base, &wrong, &sts::GetCallerIdentity {}).await else {
        panic!("a wrong secret must fail")
    };
    assert_eq!(e.code, "SignatureDoesNotMatch");
}
