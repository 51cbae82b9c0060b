//! One fixture per documented error format (`tests/fixtures/errors/formats/`), each with what it must be read as.
//! These run on an empty catalog: everything checked here is stated by the text itself.

use std::fs;
use std::path::PathBuf;

use ram_doctor_core::finding::Layer;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

struct Expect {
    file: &'static str,
    kind: Kind,
    code: Option<&'static str>,
    action: Option<&'static str>,
    product: Option<&'static str>,
    /// Extra checks on the finding.
    check: fn(&Finding) -> bool,
}

/// The finding's grant, from its own plan (empty catalog).
fn grant(f: &Finding) -> Grant {
    Grant::from_plan(&GrantPlan::for_finding(f, &Catalog::empty()).expect("default options"))
}

/// Neither a system policy nor a custom policy.
fn no_grant(f: &Finding) -> bool {
    let g = grant(f);
    g.system_policies.is_empty() && g.custom_policy.is_none()
}

fn any(_: &Finding) -> bool {
    true
}

const fn case(
    file: &'static str,
    kind: Kind,
    code: Option<&'static str>,
    action: Option<&'static str>,
    product: Option<&'static str>,
) -> Expect {
    Expect { file, kind, code, action, product, check: any }
}

use Kind::*;

const CASES: &[Expect] = &[
    Expect {
        check: |f| {
            let p = f.principal.as_ref().unwrap();
            p.kind.as_deref() == Some("SubUser")
                && p.name.as_deref() == Some("2xxxxxxxxxxxxxxx")
                && f.layer == Some(Layer::Identity)
                && f.request_id.as_deref() == Some("ABCD-1234-1234-ABCD")
                && f.encoded_diagnostic_message.is_some()
                && grant(f).custom_policy.unwrap()["Statement"][0]["Action"][0] == "ecs:DescribeInstances"
        },
        ..case(
            "api-json-access-denied-detail.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("ecs:DescribeInstances"),
            Some("ecs"),
        )
    },
    Expect {
        check: |f| f.resource.as_deref() == Some("acs:ram:*:1xxxxxxx:user/*") && f.layer == Some(Layer::Identity),
        ..case(
            "console-base-resource-group.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("ram:ListUsers"),
            Some("ram"),
        )
    },
    Expect {
        check: |f| f.resource.as_deref() == Some("acs:oss:*:*:mybucket") && no_grant(f),
        ..case("oss-xml-explicit-deny.txt", ExplicitDeny, Some("AccessDenied"), Some("oss:PutObject"), Some("oss"))
    },
    case("oss-xml-generic-ec.txt", Other, Some("MalformedXML"), None, Some("oss")),
    Expect {
        check: |f| f.layer == Some(Layer::SessionPolicy),
        ..case("oss-session-policy.txt", MissingPermission, Some("AccessDenied"), None, Some("oss"))
    },
    case("oss-go-sdk.txt", MissingPermission, Some("AccessDenied"), None, Some("oss")),
    case("oss-java-sdk.txt", MissingPermission, Some("AccessDenied"), None, Some("oss")),
    case("oss-request-expired.txt", TokenExpired, Some("AccessDenied"), None, Some("oss")),
    Expect {
        check: |f| {
            f.resource.as_deref() == Some("acs:ram:*:5497401873779705:user/rds-admin")
                && f.api.as_deref() == Some("ListAccessKeys")
        },
        ..case(
            "terraform-go-sdk-nopermission.txt",
            MissingPermission,
            Some("NoPermission"),
            Some("ram:ListAccessKeys"),
            Some("ram"),
        )
    },
    Expect {
        check: |f| f.resource.as_deref() == Some("acs:ram:*:1986901577758888:role/*"),
        ..case(
            "ram-nopermission-json.txt",
            MissingPermission,
            Some("NoPermission"),
            Some("ram:CreateRole"),
            Some("ram"),
        )
    },
    case("sts-caller-not-authorized.txt", AssumeRole, Some("NoPermission"), Some("sts:AssumeRole"), Some("sts")),
    Expect {
        check: |f| f.principal.as_ref().and_then(|p| p.kind.as_deref()) == Some("RootUser"),
        ..case("sts-root-account.txt", AssumeRole, Some("NoPermission"), Some("sts:AssumeRole"), Some("sts"))
    },
    Expect {
        check: |f| f.layer == Some(Layer::TrustPolicy),
        ..case("sts-trust-policy.txt", AssumeRole, Some("NoPermission"), Some("sts:AssumeRole"), Some("sts"))
    },
    case("sts-role-not-exist.txt", AssumeRole, Some("EntityNotExist.Role"), Some("sts:AssumeRole"), Some("sts")),
    case(
        "sts-policy-grammar.txt",
        AssumeRole,
        Some("InvalidParameter.PolicyGrammar"),
        Some("sts:AssumeRole"),
        Some("sts"),
    ),
    Expect {
        check: |f| {
            let p = f.principal.as_ref().unwrap();
            p.kind.as_deref() == Some("AssumedRoleUser")
                && p.name.as_deref() == Some("ci-role:session-1")
                && p.account.as_deref() == Some("1234567890123456")
        },
        ..case(
            "go-sdk-access-denied-map.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("ram:ListUsers"),
            Some("ram"),
        )
    },
    Expect {
        check: |f| f.api.as_deref() == Some("DescribeInstances") && f.actions_inferred,
        ..case("aliyun-cli.txt", MissingPermission, Some("Forbidden.RAM"), Some("ecs:DescribeInstances"), Some("ecs"))
    },
    Expect {
        // A DDNS script talks to Alibaba Cloud DNS.
        check: |f| f.request_id.as_deref() == Some("8E9039D9-0000-4F3B-B1A5-6C3D1E2F3A4B"),
        ..case("python-core.txt", MissingPermission, Some("Forbidden.RAM"), None, Some("alidns"))
    },
    case(
        "python-dict-repr.txt",
        MissingPermission,
        Some("Forbidden.RAM"),
        Some("alidns:AddDomainRecord"),
        Some("alidns"),
    ),
    Expect {
        check: |f| f.principal.as_ref().and_then(|p| p.account.as_deref()) == Some("1234"),
        ..case("python-tea.txt", MissingPermission, Some("Forbidden.RAM"), Some("ecs:CreateInstance"), Some("ecs"))
    },
    Expect {
        check: |f| f.principal.as_ref().and_then(|p| p.name.as_deref()) == Some("deployer:ci"),
        ..case("escaped-json-in-log.txt", MissingPermission, Some("Forbidden.RAM"), Some("vpc:CreateVpc"), Some("vpc"))
    },
    Expect {
        check: |f| f.layer == Some(Layer::Identity),
        ..case(
            "tea-ack-rrsa.txt",
            MissingPermission,
            Some("StatusForbidden"),
            Some("cs:DescribeClustersForRegion"),
            Some("cs"),
        )
    },
    Expect {
        check: |f| f.request_id.as_deref() == Some("0DCC6ABD-1111-2222-3333-444455556666"),
        ..case(
            "dotnet.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("alidns:UpdateDomainRecord"),
            Some("alidns"),
        )
    },
    Expect {
        check: |f| f.request_id.as_deref() == Some("5A3C1B2D-6E7F-8091-A2B3-C4D5E6F70819"),
        ..case(
            "java-client-exception.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("ecs:DescribeInstances"),
            Some("ecs"),
        )
    },
    Expect {
        check: |f| f.request_id.as_deref() == Some("3AB7DE95-65DB-4F36-85F1-109820DDD8D0"),
        ..case("aliyungo.txt", MissingPermission, Some("Forbidden.RAM"), None, None)
    },
    case("raw-json-alidns.txt", MissingPermission, Some("Forbidden.RAM"), None, Some("alidns")),
    case("node-pop-core.txt", MissingPermission, Some("Forbidden.RAM"), Some("ecs:DescribeRegions"), Some("ecs")),
    Expect {
        check: |f| f.resource.as_deref() == Some("acs:fc:cn-hangzhou:1234567890123456:services/web/functions/*"),
        ..case(
            "fc-caller-not-authorized.txt",
            MissingPermission,
            Some("AccessDenied"),
            Some("fc:ListFunctions"),
            Some("fc"),
        )
    },
    Expect {
        check: |f| {
            // The role to create, and the one permission whoever creates it needs.
            let g = grant(f);
            f.explanation.contains("AliyunServiceRoleForNAS")
                && g.service_roles.first().and_then(|r| r.role_name.as_deref()) == Some("AliyunServiceRoleForNAS")
                && g.custom_policy.is_some_and(|p| p["Statement"][0]["Action"][0] == "ram:CreateServiceLinkedRole")
                && g.system_policies.is_empty()
        },
        ..case(
            "service-linked-role.txt",
            ServiceRoleMissing,
            Some("NoPermission.AliyunServiceRoleForNAS"),
            Some("ram:CreateServiceLinkedRole"),
            Some("nas"),
        )
    },
    case("not-activated.txt", NotActivated, Some("ServiceNotActivated"), None, Some("hbr")),
    case("console-hbr-en.txt", MissingPermission, None, None, None),
    case("console-zh.txt", MissingPermission, None, None, None),
    Expect {
        check: |f| f.likely_products.is_empty() && f.explanation.contains("console page"),
        ..case("console-bare-en.txt", MissingPermission, None, None, None)
    },
    case("access-key-not-found.txt", BadCredentials, Some("InvalidAccessKeyId.NotFound"), None, None),
    case("access-key-inactive.txt", BadCredentials, Some("InvalidAccessKeyId.Inactive"), None, Some("ecs")),
    Expect {
        check: |f| f.explanation.contains("differs from the server's at byte"),
        ..case("signature-with-client-string.txt", Signature, Some("SignatureDoesNotMatch"), None, Some("ecs"))
    },
    case("incomplete-signature.txt", Signature, Some("IncompleteSignature"), None, None),
    Expect {
        check: |f| f.explanation.contains("clock"),
        ..case("clock-skew.txt", Signature, Some("InvalidTimeStamp.Expired"), None, Some("ecs"))
    },
    Expect {
        check: |f| f.explanation.contains("nonce"),
        ..case("nonce-used.txt", Signature, Some("SignatureNonceUsed"), None, Some("ecs"))
    },
    case("security-token-expired.txt", TokenExpired, Some("InvalidSecurityToken.Expired"), None, Some("ecs")),
    case(
        "security-token-mismatch.txt",
        BadCredentials,
        Some("InvalidSecurityToken.MismatchWithAccessKey"),
        None,
        Some("ecs"),
    ),
    case("missing-security-token.txt", BadCredentials, Some("MissingSecurityToken"), None, Some("sts")),
    case("not-support-ram.txt", Other, Some("Forbidden.NotSupportRAM"), None, Some("domain")),
    case("throttling.txt", Other, Some("Throttling.User"), None, Some("ecs")),
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("AWS") && no_grant(f),
        ..case("aws-access-denied.txt", Other, Some("AccessDenied"), Some("s3:PutObject"), None)
    },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("AWS") && no_grant(f) && grant(f).service_roles.is_empty(),
        ..case("aws-boto-short.txt", Other, Some("AccessDenied"), Some("s3:ListBuckets"), None)
    },
    Expect {
        // Azure Resource Manager's action kept as it prints it (`… to perform action '…' over scope`), never granted.
        check: |f| f.other_cloud.as_deref() == Some("Azure") && no_grant(f),
        ..case(
            "azure-authorization-failed.txt",
            Other,
            Some("AuthorizationFailed"),
            Some("Microsoft.Compute/virtualMachines/read"),
            None,
        )
    },
    case("node-tea.txt", MissingPermission, None, Some("ecs:DescribeInstances"), Some("ecs")),
    Expect {
        check: |f| {
            f.layer == Some(Layer::SessionPolicy)
                && f.principal.as_ref().and_then(|p| p.name.as_deref()) == Some("ack-deployer:ci")
        },
        ..case(
            "go-tea-sdkerror.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("cs:DescribeClustersV1"),
            Some("cs"),
        )
    },
    Expect {
        check: |f| f.resource.as_deref() == Some("acs:oss:*:*:b") && f.request_id.as_deref() == Some("5F01"),
        ..case("python-oss2.txt", MissingPermission, Some("AccessDenied"), None, Some("oss"))
    },
    case("console-permission-denied-panel.txt", MissingPermission, None, Some("ecs:DescribeInstances"), Some("ecs")),
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("Tencent Cloud"),
        ..case("tencent-unauthorized.txt", Other, Some("UnauthorizedOperation"), None, None)
    },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("Huawei Cloud"),
        ..case("huawei-apigw.txt", Other, Some("APIGW.0301"), None, None)
    },
    // Codes in every wrapping (issue 9, item 4).
    case("code-message-glued.txt", MissingPermission, Some("Forbidden.RAM"), None, None),
    case("node-tea-error-name.txt", MissingPermission, Some("NoPermission"), Some("ram:CreateRole"), Some("ram")),
    Expect {
        check: |f| f.explanation.contains("AccessKey ID"),
        ..case(
            "sdk-endpoint-wraps-credential.txt",
            BadCredentials,
            Some("InvalidAccessKeyId.NotFound"),
            None,
            Some("ecs"),
        )
    },
    case("lower-camel-keys.txt", MissingPermission, Some("Forbidden.RAM"), None, None),
    case("empty-code-then-body.txt", MissingPermission, Some("NoPermission"), None, None),
    // Context clues (item 2).
    Expect {
        check: |f| {
            f.product_reason.as_ref().is_some_and(|r| r.en.contains("ecs-vpc.cn-shanghai.aliyuncs.com"))
                && f.region.as_deref() == Some("cn-shanghai")
        },
        ..case(
            "vpc-endpoint-url.txt",
            MissingPermission,
            Some("Forbidden.RAM"),
            Some("ecs:DescribeInstances"),
            Some("ecs"),
        )
    },
    case("go-request-name.txt", MissingPermission, Some("Forbidden.RAM"), Some("ecs:DescribeInstances"), Some("ecs")),
    case("dotnet-namespace.txt", MissingPermission, Some("Forbidden.RAM"), Some("ecs:DescribeInstances"), Some("ecs")),
    case("oss-wrong-endpoint.txt", Other, Some("AccessDenied"), None, Some("oss")),
    case("sdk-endpoint-product.txt", Other, Some("SDK.CanNotResolveEndpoint"), None, Some("fakeproduct")),
    case("php-tea.txt", MissingPermission, None, Some("ecs:DescribeInstances"), Some("ecs")),
    case("chinese-code-label.txt", MissingPermission, Some("Forbidden.RAM"), None, None),
    case("not-authorized-for-api.txt", MissingPermission, None, Some("ecs:DescribeInstances"), Some("ecs")),
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("AWS"),
        ..case("aws-no-credentials.txt", Other, None, None, None)
    },
    Expect {
        check: |f| {
            f.resource.as_deref() == Some("acs:ram::123:role/AliyunECSImageExportDefaultRole")
                && f.product_reason.as_ref().is_some_and(|r| r.en.contains("AliyunECSImageExportDefaultRole"))
        },
        ..case("service-default-role-missing.txt", ServiceRoleMissing, Some("EntityNotExist.Role"), None, Some("ecs"))
    },
    case("odps-no-privilege.txt", MissingPermission, Some("ODPS-0420095"), Some("odps:CreateTable"), Some("odps")),
    // Hard kinds (item 5): not permission errors, or not Alibaba Cloud's.
    Expect { check: |f| f.explanation.contains("balance"), ..case("overdue-zh.txt", Other, None, None, None) },
    Expect {
        check: |f| f.explanation.contains("out of stock"),
        ..case("out-of-stock.txt", Other, Some("OperationDenied.NoStock"), None, None)
    },
    Expect {
        check: |f| f.explanation.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"),
        ..case("credentials-missing.txt", BadCredentials, None, None, None)
    },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some(ram_doctor_core::diagnose::systems::KUBERNETES.en),
        ..case("kubernetes-rbac.txt", Other, None, None, None)
    },
    Expect { check: |f| f.other_cloud.as_deref() == Some("SSH"), ..case("ssh-publickey.txt", Other, None, None, None) },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("the operating system's file permissions"),
        ..case("os-permission-denied.txt", Other, None, None, None)
    },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("DingTalk open platform"),
        // DingTalk's own `errcode` is the code it printed (60011: no permission), not an Alibaba Cloud one.
        ..case("dingtalk-not-alibaba-cloud.txt", Other, Some("60011"), None, None)
    },
    Expect {
        check: |f| f.other_cloud.as_deref() == Some("Alipay open platform"),
        ..case("alipay-not-alibaba-cloud.txt", Other, Some("isv.insufficient-isv-permissions"), None, None)
    },
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors/formats")
}

#[test]
fn every_documented_format_is_read() {
    let mut failures = Vec::new();
    for c in CASES {
        let text = fs::read_to_string(fixtures().join(c.file)).unwrap_or_else(|e| panic!("{}: {e}", c.file));
        let d = diagnose(&text, &Catalog::empty());
        if d.findings.len() != 1 {
            failures.push(format!(
                "{}: {} findings {:#?}",
                c.file,
                d.findings.len(),
                d.findings.iter().map(|f| (f.kind, &f.code)).collect::<Vec<_>>()
            ));
            continue;
        }
        let f = &d.findings[0];
        let got = (f.kind, f.code.as_deref(), f.actions.first().map(String::as_str), f.product.as_deref());
        let want = (c.kind, c.code, c.action, c.product);
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", c.file));
        } else if !(c.check)(f) {
            failures.push(format!("{}: extra check failed: {f:#?}", c.file));
        }
        if !f.kind.wants_grant() && !no_grant(f) {
            failures.push(format!("{}: a {:?} finding must not carry a grant", c.file, f.kind));
        }
    }
    assert!(failures.is_empty(), "{} of {} formats misread:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn every_fixture_file_has_an_expectation() {
    let listed: Vec<&str> = CASES.iter().map(|c| c.file).collect();
    for entry in fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(listed.contains(&name.as_str()), "{name} has no expectation in CASES");
    }
}
