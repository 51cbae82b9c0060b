//! Other clouds' SDK prints and responses that name their call or code ([`ram_doctor_core::diagnose::systems`]):
//! AWS's Go SDK v2 (smithy-go) print, AWS's refusals naming the action whole, the Go SDK v1's empty credentials
//! chain, Volcano Engine's response metadata and Huawei Cloud's Chinese name. Each documented text must be said to
//! come from that cloud — kind `other`, no grant, the action as the cloud prints it — and the negative controls (the
//! same shapes and words beside a genuine Alibaba Cloud error) must keep the Alibaba Cloud finding and its grant.

mod common;

use common::full_catalog;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Finding, Kind};

fn grants(f: &Finding) -> bool {
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, full_catalog()).expect("default options"));
    !grant.system_policies.is_empty() || grant.custom_policy.is_some()
}

/// (text, cloud, code, action): the documented print, the cloud said, the code and the action kept as printed.
const OTHER_CLOUDS: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    // AWS SDK for Go v2: `operation error <ServiceID>: <Operation>, https response error StatusCode: …, RequestID: …,
    // api error <Code>: <Message>` (STS refusing AssumeRole to the account's root user).
    (
        "operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 1b2c3d4e-0000-4a5b-8c9d-0e1f2a3b4c5d, api error AccessDenied: Roles may not be assumed by root accounts.",
        "AWS",
        Some("AccessDenied"),
        Some("sts:AssumeRole"),
    ),
    (
        "Error: creating IAM Role (ci): operation error IAM: CreateRole, https response error StatusCode: 403, RequestID: 7d1e0c9a-1111-4b2c-9d3e-4f5a6b7c8d9e, api error AccessDenied: User is not allowed to create roles",
        "AWS",
        Some("AccessDenied"),
        Some("iam:CreateRole"),
    ),
    (
        "upload failed: operation error S3: PutObject, https response error StatusCode: 403, RequestID: 4F2A9C1D8E7B6A50, HostID: dGhpcyBpcyBvcGFxdWU=, api error AccessDenied: Access Denied",
        "AWS",
        Some("AccessDenied"),
        Some("s3:PutObject"),
    ),
    // STS's and IAM's refusals naming the action whole (the Go SDK v1's `caused by:` chain).
    (
        "WebIdentityErr: failed to retrieve credentials\ncaused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\n\tstatus code: 403, request id: 0c1d2e3f-2222-4a5b-8c9d-0e1f2a3b4c5d",
        "AWS",
        Some("AccessDenied"),
        Some("sts:AssumeRoleWithWebIdentity"),
    ),
    // The Go SDK v1's empty credentials chain (`credentials.ErrNoValidProvidersFoundInChain`).
    (
        "NoCredentialProviders: no valid providers in chain. Deprecated.\n\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors",
        "AWS",
        Some("NoCredentialProviders"),
        None,
    ),
    (
        "panic: NoCredentialProviders: no valid providers in chain\ncaused by: EnvAccessKeyNotFound: failed to find credentials in the environment.\nSharedCredsLoad: failed to load profile, .\nEC2RoleRequestError: no EC2 instance role found",
        "AWS",
        Some("NoCredentialProviders"),
        None,
    ),
    // Volcano Engine's OpenAPI error names its API in the response metadata.
    (
        "{\n  \"ResponseMetadata\": {\n    \"RequestId\": \"20240101120000ABCDEF\",\n    \"Action\": \"DescribeInstances\",\n    \"Version\": \"2020-04-01\",\n    \"Service\": \"ecs\",\n    \"Region\": \"cn-beijing\",\n    \"Error\": {\n      \"Code\": \"AccessDenied\",\n      \"Message\": \"User is not authorized to perform this operation.\"\n    }\n  }\n}",
        "Volcano Engine",
        Some("AccessDenied"),
        Some("DescribeInstances"),
    ),
    // Huawei Cloud by its Chinese name: a service not enabled there.
    ("调用华为云接口报错：由于没有开通企业项目管理服务，添加 ECS 失败", "Huawei Cloud", None, None),
];

#[test]
fn other_clouds_prints_are_theirs_with_the_printed_action_and_no_grant() {
    let mut failures = Vec::new();
    for &(text, cloud, code, action) in OTHER_CLOUDS {
        let d = diagnose(text, full_catalog());
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        let ok = f.kind == Kind::Other
            && f.other_cloud.as_deref().is_some_and(|c| c.starts_with(cloud))
            && f.product.is_none()
            && (code.is_none() || f.code.as_deref() == code)
            && f.actions.first().map(String::as_str) == action
            && d.findings.iter().all(|f| !grants(f));
        if !ok {
            failures.push(format!(
                "{text}\n  got kind {:?} cloud {:?} code {:?} actions {:?} product {:?}",
                f.kind, f.other_cloud, f.code, f.actions, f.product
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), OTHER_CLOUDS.len(), failures.join("\n"));
}

#[test]
fn alibaba_errors_in_the_same_shapes_keep_their_finding_and_grant() {
    let mut failures = Vec::new();
    for (text, kind, product) in [
        // Alibaba Cloud STS refusing AssumeRole: its host, an `acs:ram::` role ARN.
        (
            "ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.\nRequestId: 6A3C2B1D-4E5F-4A6B-9C8D-7E6F5A4B3C2D\nHostId: sts.aliyuncs.com\nAuthAction: sts:AssumeRole\nAuthResource: acs:ram::1234567890123456:role/deployer",
            None,
            None,
        ),
        // An S3 client (AWS SDK for Go v2) talking to OSS: OSS's host and its own sentence.
        (
            "operation error S3: PutObject, https response error StatusCode: 403, RequestID: 6571C0FFEE12AB34CD56EF81, HostID: media.oss-cn-hangzhou.aliyuncs.com, api error AccessDenied: You have no right to access this object because of bucket acl.",
            Some(Kind::MissingPermission),
            Some("oss"),
        ),
        // A RAM refusal quoted after AWS's refusal wording and its host.
        (
            "SDK.ServerError\nErrorCode: NoPermission\nHostId: ram.aliyuncs.com\nMessage: You are not authorized to do this action. User: ci is not authorized to perform: ram:CreateRole\nRequestId: 1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9",
            Some(Kind::MissingPermission),
            Some("ram"),
        ),
        // A Volcano Engine-like `"Action"` in an Alibaba Cloud error body.
        (
            "{\"Action\": \"DescribeInstances\", \"Code\": \"Forbidden.RAM\", \"Message\": \"User not authorized to operate on the specified resource.\", \"HostId\": \"ecs.cn-hangzhou.aliyuncs.com\", \"RequestId\": \"0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F60719\"}",
            Some(Kind::MissingPermission),
            Some("ecs"),
        ),
        // Huawei Cloud named as where the user moved from, beside an ECS refusal.
        (
            "从华为云迁移到阿里云后调用报错：\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F6071A",
            Some(Kind::MissingPermission),
            Some("ecs"),
        ),
    ] {
        let d = diagnose(text, full_catalog());
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        let ok = f.other_cloud.is_none()
            && f.kind != Kind::Other
            && kind.is_none_or(|k| f.kind == k)
            && product.is_none_or(|p| f.product.as_deref() == Some(p))
            && grants(f);
        if !ok {
            failures.push(format!(
                "{text}\n  got kind {:?} cloud {:?} product {:?} actions {:?} grants {}",
                f.kind,
                f.other_cloud,
                f.product,
                f.actions,
                grants(f)
            ));
        }
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}
