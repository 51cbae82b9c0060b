//! Diagnoses that need the committed catalog (`data/`): products from names and hosts, API names → actions,
//! system policies in the grant, and the page's case of a catalog whose shards are not loaded yet.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use ram_doctor_core::grant::{GrantPlan, StepKind};
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn index_only() -> Catalog {
    Catalog::from_index(&fs::read(data().join("index.json")).expect("data/index.json is committed")).unwrap()
}

fn full() -> &'static Catalog {
    static FULL: OnceLock<Catalog> = OnceLock::new();
    FULL.get_or_init(|| {
        let mut c = index_only();
        for code in c.shard_codes().into_iter().map(str::to_string).collect::<Vec<_>>() {
            c.add_shard(&code, &fs::read(data().join(Catalog::shard_path(&code))).unwrap()).unwrap();
        }
        c
    })
}

fn one(text: &str, catalog: &Catalog) -> Finding {
    let d = diagnose(text, catalog);
    assert_eq!(d.findings.len(), 1, "{text}\n{:#?}", d.findings);
    d.findings.into_iter().next().unwrap()
}

/// The finding's grant, from its own plan with the whole catalog.
fn grant(f: &Finding) -> Grant {
    Grant::from_plan(&GrantPlan::for_finding(f, full()).expect("default options"))
}

const CONSOLE: &str = "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.";

#[test]
fn cloud_backup_console_message_grants_the_hbr_policies() {
    for text in [
        format!("Cloud Backup console - Backup Vaults\n{CONSOLE}"),
        format!("https://hbr.console.aliyun.com/#/vaults\n{CONSOLE}"),
        "云备份 - 备份库\n权限不足，请联系主账号管理员授权".to_string(),
    ] {
        let f = one(&text, full());
        assert_eq!(f.kind, Kind::MissingPermission, "{text}");
        assert_eq!(f.product.as_deref(), Some("hbr"), "{text}\n{:?}", f.likely_products);
        let grant = grant(&f);
        assert_eq!(grant.system_policies, ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"], "{text}");
        // No action named: each says what it allows, none claims to cover an unknown need.
        assert!(grant
            .system_policy_coverage
            .iter()
            .all(|p| !p.explanation.en.is_empty() && !p.explanation.zh.is_empty() && p.covers.is_none()));
        assert!(grant.steps.is_empty(), "a grant is offered, so no step says otherwise: {:?}", grant.steps);
        // What each allows of Cloud Backup, side by side: ReadOnly the reads, Full everything.
        let reach: Vec<(usize, usize)> =
            grant.system_policy_coverage.iter().map(|p| p.reach.expect("HBR's actions are loaded")).collect();
        assert!(reach[0].0 < reach[1].0 && reach[1].0 == reach[1].1, "{reach:?}");
        assert!(grant
            .system_policy_coverage
            .iter()
            .all(|p| p.coverage_note().is_some_and(|n| n.en.starts_with("Allows "))));
    }
}

#[test]
fn the_bare_cloud_backup_sentence_names_cloud_backup() {
    // The documented wordings in English and Chinese, and another opening before the documented clause: the
    // clause that says whom to ask for what stands for the sentence whatever the opening says.
    for text in [
        CONSOLE,
        "权限不足，请联系云账号管理员授予您相应的权限。",
        "没有足够的权限，请联系云账号管理员授予您相应的权限",
        "Not enough permissions; please contact the cloud account administrator to grant you the corresponding permissions",
    ] {
        let f = one(text, full());
        assert_eq!(f.kind, Kind::MissingPermission, "{text}");
        assert_eq!(f.product.as_deref(), Some("hbr"), "{text}");
        assert_eq!(grant(&f).system_policies, ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"], "{text}");
        assert_eq!(f.confidence, ram_doctor_core::finding::Confidence::Medium);
        let reason = f.product_reason.expect("the reason is given");
        assert!(reason.en.contains("inferred from the sentence"), "{}", reason.en);
        assert!(reason.zh.contains("推断"), "{}", reason.zh);
    }
}

#[test]
fn a_generic_console_sentence_asks_which_page() {
    let f = one("权限不足，请联系主账号管理员授权", full());
    assert_eq!(f.kind, Kind::MissingPermission);
    assert_eq!(f.product, None);
    assert!(f.likely_products.is_empty(), "{:?}", f.likely_products);
    let grant = grant(&f);
    assert!(grant.system_policies.is_empty() && grant.custom_policy.is_none());
    assert_eq!(
        grant.steps.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [StepKind::IdentifyDeniedAction],
        "it asks, it does not say no grant helps"
    );
    assert!(f.explanation.contains("Which console page"));
}

#[test]
fn a_sentence_shared_by_products_ranks_them_and_says_so() {
    let f = one("This request is forbidden by kms.", full());
    assert_eq!(
        (f.code.as_deref(), f.implied_code.as_deref()),
        (None, Some("AccessDenied")),
        "the sentence implies its code"
    );
    let offered: Vec<&str> = f.likely_products.iter().map(|g| g.product.as_str()).collect();
    assert_eq!(offered[..2], ["oss", "kms"]);
}

#[test]
fn a_console_sentence_of_several_products_docs_ranks_them() {
    // Security Center's FAQ prints it bare, ECS's VNC FAQ with a clause after: Security Center first.
    let f = one("当前操作未被授权", full());
    assert_eq!(f.kind, Kind::MissingPermission);
    assert_eq!(f.product.as_deref(), Some("yundun-sas"));
    let offered: Vec<&str> = f.likely_products.iter().map(|g| g.product.as_str()).collect();
    assert_eq!(offered[..2], ["yundun-sas", "ecs"]);
    assert!(f.product_reason.expect("the reason is given").en.contains("2 products"));
    // The longer documented sentence is ECS's alone.
    let f = one("当前操作未被授权，请联系主账号进行RAM授权后再执行操作", full());
    assert_eq!(f.product.as_deref(), Some("ecs"));
    let f = one("You do not have the required permissions, ask the administrator to grant the permissions", full());
    assert_eq!((f.product.as_deref(), f.implied_code.as_deref()), (Some("imm"), Some("AccessDenied")));
}

#[test]
fn message_only_pastes_imply_their_code() {
    for (text, code, kind) in [
        ("The bucket you access does not belong to you.", "BucketNotBelongTo", Kind::MissingPermission),
        ("The security token you provided is invalid.", "InvalidSecurityToken", Kind::BadCredentials),
        ("Specified access key is not found.", "InvalidAccessKeyId.NotFound", Kind::BadCredentials),
        ("Roles may not be assumed by root accounts.", "NoPermission", Kind::AssumeRole),
        (
            "The bucket you are attempting to access must be addressed using the specified endpoint.",
            "AccessDenied",
            Kind::Other,
        ),
    ] {
        let f = one(text, full());
        assert_eq!((f.code.as_deref(), f.implied_code.as_deref(), f.kind), (None, Some(code), kind), "{text}");
    }
}

#[test]
fn terraform_resource_types_name_their_product() {
    let f = one("Error: Resource alicloud_kvstore_instance CreateInstance Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized", full());
    assert_eq!(f.product.as_deref(), Some("kvstore"), "{:?}", f.product_reason);
}

#[test]
fn read_only_first_and_a_write_is_not_offered_read_only() {
    let read = one(r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances"}}"#, full());
    let read_grant = grant(&read);
    assert_eq!(read_grant.system_policies.first().map(String::as_str), Some("AliyunECSReadOnlyAccess"));
    assert!(!read.explanation.contains("not enough"));
    let write = one(r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:CreateInstance"}}"#, full());
    let write_grant = grant(&write);
    assert_eq!(write_grant.system_policies, ["AliyunECSFullAccess"]);
    assert!(write.explanation.contains("ReadOnly policy is not enough"), "{}", write.explanation);
    for g in [&read_grant, &write_grant] {
        let listed: Vec<&str> = g.system_policy_coverage.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(listed, g.system_policies, "coverage follows the names, in the same order");
        assert!(g.system_policy_coverage.iter().all(|p| p.covers != Some(false)), "{:?}", g.system_policy_coverage);
        let full = g.system_policy_coverage.iter().find(|p| p.name == "AliyunECSFullAccess").unwrap();
        assert_eq!(full.covers, Some(true));
        assert!(
            full.extra_actions.is_some_and(|n| n > 100),
            "ECS's Full policy allows its hundreds of actions: {:?}",
            full.extra_actions
        );
    }
    let read_only = &read_grant.system_policy_coverage[0];
    assert!(read_only.extra_actions < write_grant.system_policy_coverage[0].extra_actions, "ReadOnly is the narrower");
}

#[test]
fn api_names_become_catalog_actions() {
    let text = "$ aliyun ecs DescribeInstances --RegionId cn-hangzhou\nERROR: SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.";
    let f = one(text, full());
    assert_eq!(f.actions, ["ecs:DescribeInstances"]);
    assert!(!f.actions_inferred);
    let tf = "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_hbr_vault.go:88: Resource alicloud_hbr_vault CreateVault Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: Forbidden.RAM\nRequestId: 1\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.\n";
    let f = one(tf, full());
    assert_eq!(f.product.as_deref(), Some("hbr"));
    assert_eq!(f.actions, ["hbr:CreateVault"]);
    assert_eq!(grant(&f).system_policies, ["AliyunHBRFullAccess"], "CreateVault writes");
}

#[test]
fn without_the_shard_the_page_is_told_which_one_to_fetch() {
    let text = "$ aliyun ecs DescribeInstances\nERROR: SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.";
    let d = diagnose(text, &index_only());
    assert_eq!(d.wanted_shards, ["ecs"]);
    let f = &d.findings[0];
    assert_eq!(f.actions, ["ecs:DescribeInstances"]);
    assert!(f.actions_inferred, "not confirmed until the shard is loaded");
}

#[test]
fn service_roles_name_their_product() {
    let f = one("ErrorCode: EntityNotExist.AliyunECIContainerGroupRole\nMessage: The role AliyunECIContainerGroupRole not exist", full());
    assert_eq!((f.kind, f.product.as_deref()), (Kind::ServiceRoleMissing, Some("eci")));
    assert!(f.explanation.contains("AliyunECIContainerGroupRole"));
}

#[test]
fn two_products_near_the_message_are_offered_not_chosen() {
    let f = one("Moving snapshots from ECS to OSS\n权限不足，请联系主账号管理员授权", full());
    assert_eq!(f.product, None);
    let offered: Vec<&str> = f.likely_products.iter().map(|g| g.product.as_str()).collect();
    assert!(offered.contains(&"ecs") && offered.contains(&"oss"), "{offered:?}");
    assert!(f.explanation.contains("probably one of"), "{}", f.explanation);
    // The documented Cloud Backup sentence names its product first; the words around stay offered after it.
    let f = one(&format!("Moving snapshots from ECS to OSS\n{CONSOLE}"), full());
    assert_eq!(f.product.as_deref(), Some("hbr"));
    let offered: Vec<&str> = f.likely_products.iter().map(|g| g.product.as_str()).collect();
    assert_eq!(offered[0], "hbr");
    assert!(offered.contains(&"ecs") && offered.contains(&"oss"), "{offered:?}");
}

#[test]
fn console_explicit_deny_by_a_control_policy() {
    let f = one("You are explicitly denied to perform this action. Please contact your resource directory administrators to check control policies.", full());
    assert_eq!((f.kind, f.layer), (Kind::ExplicitDeny, Some(ram_doctor_core::finding::Layer::ControlPolicy)));
    let grant = grant(&f);
    assert!(grant.system_policies.is_empty() && grant.custom_policy.is_none());
}

#[test]
fn ordinary_words_that_are_product_codes_name_no_product() {
    // The catalog has a product whose code and only name is `status`; "HTTP Status" must not pick it.
    assert!(full().product("status").is_some(), "the case this test guards needs the `status` product");
    let f = one(
        "aliyunsdkcore.acs_exception.exceptions.ServerException: HTTP Status: 403 Error:Forbidden.RAM User not authorized to operate on the specified resource, or this API doesn't support RAM. RequestID: 5D1B1C8E-1111",
        full(),
    );
    assert_eq!(f.kind, Kind::MissingPermission);
    assert_eq!(f.product, None);
    assert!(f.likely_products.iter().all(|g| g.product != "status"), "{:?}", f.likely_products);
}

#[test]
fn an_api_name_only_one_product_has_names_it() {
    let api = "CreateNatIpCidr";
    let owners = full().ram_codes_with_api(api);
    assert_eq!(owners, ["vpc"], "the case needs an API only VPC has");
    let f = one(&format!("    at Client.{}WithOptions (client.js:1:1)\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.", "createNatIpCidr"), full());
    assert_eq!(f.product.as_deref(), Some("vpc"), "{:?}", f.product_reason);
    assert_eq!(f.actions, ["vpc:CreateNatIpCidr"]);
    assert!(f.product_reason.unwrap().en.contains(api));
    // On the index alone (no shard loaded), nothing is guessed.
    assert_eq!(
        one("ErrorCode: Forbidden.RAM\n    at Client.createNatIpCidrWithOptions (client.js:1:1)", &index_only())
            .product,
        None
    );
}

/// A documented code standing in prose is the error's code, and its classification decides the kind; a
/// code-shaped word the catalog does not document, or one on a line that speaks of no error, makes no finding.
#[test]
fn documented_codes_in_prose_are_read_as_codes() {
    for (text, code, kind) in [
        ("调用接口失败，提示UserDisable", "UserDisable", Kind::Other),
        ("报了403，OperationDenied", "OperationDenied", Kind::Other),
        (
            "the API returns `Throttling.User` | Request was denied due to user flow control",
            "Throttling.User",
            Kind::Other,
        ),
        ("request failed with \"Forbidden.RAM\"", "Forbidden.RAM", Kind::MissingPermission),
    ] {
        let f = one(text, full());
        assert_eq!((f.code.as_deref(), f.kind), (Some(code), kind), "{text}");
        if kind == Kind::Other {
            let g = grant(&f);
            assert!(g.system_policies.is_empty() && g.custom_policy.is_none(), "{text}");
        }
    }
    for quiet in ["INFO loaded OperationDenied handler", "error: MadeUpThing happened"] {
        assert!(diagnose(quiet, full()).findings.is_empty(), "{quiet}");
    }
}

/// OSS documents its EC codes: a bare bucket-policy EC names OSS, its documented code AccessDenied and is an
/// explicit deny.
#[test]
fn a_bare_oss_ec_names_oss_and_its_denial() {
    let f = one("upload failed: 0003-00000101", full());
    assert_eq!(
        (f.kind, f.product.as_deref(), f.code.as_deref()),
        (Kind::ExplicitDeny, Some("oss"), Some("AccessDenied"))
    );
    assert!(grant(&f).system_policies.is_empty());
}

/// Log Service answers "AccessKeyId … is inactive" when the service is not activated (its maintainers say so).
#[test]
fn log_service_inactive_key_means_not_activated() {
    let f = one("InvalidAccessKeyIdError: AccessKeyId LTAIexample is inactive", full());
    assert_eq!((f.kind, f.product.as_deref()), (Kind::NotActivated, Some("log")));
}

/// Fallback words make a finding only when the text holds no stronger error.
#[test]
fn fallback_words_yield_to_a_real_error() {
    let d = diagnose(
        "permission denied\n\nErrorCode: Throttling.User\nMessage: Request was denied due to user flow control.",
        full(),
    );
    assert_eq!(d.findings.len(), 1, "{:#?}", d.findings);
    assert_eq!(d.findings[0].code.as_deref(), Some("Throttling.User"));
}

#[test]
fn a_product_code_before_service_names_the_product_over_the_tool() {
    let f = one(
        "Serverless Devs deploy failed\nError: AccessDenied: code: 403, FnF service is not enabled for current user. request id: r-1",
        full(),
    );
    assert_eq!((f.kind, f.product.as_deref()), (Kind::NotActivated, Some("fnf")));
}

#[test]
fn product_names_count_as_whole_words_only() {
    // "alicloud config" is a tool's settings, not Cloud Config; an ACME DNS-01 step is Alibaba Cloud DNS's.
    let f = one(
        "error presenting token: alicloud: API call failed: SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\n\nthis is my alicloud config:",
        full(),
    );
    assert_eq!(f.product.as_deref(), Some("alidns"));
}

#[test]
fn a_fallback_sentence_keeps_the_product_it_names() {
    let f = one("点击开始检测之后提示OSS令牌已过期", full());
    assert_eq!((f.kind, f.product.as_deref()), (Kind::TokenExpired, Some("oss")));
}

#[test]
fn sdk_package_and_class_names_name_the_product() {
    let f = one(
        "com.aliyun.openservices.ons.api.exception.ONSClientException: ErrorCode: Forbidden.RAM, Message: User not authorized to operate on the specified resource.",
        full(),
    );
    assert_eq!(f.product.as_deref(), Some("mq"));
    let f = one(
        "alibabacloud_kms20160120 raised: Code: Forbidden.RAM Message: User not authorized to operate on the specified resource.",
        full(),
    );
    assert_eq!(f.product.as_deref(), Some("kms"));
}

#[test]
fn an_expired_oss_signed_url_is_no_grant() {
    // OSS documents `Request has expired` (EC 0002-00000069) as a signed URL past its expiry: sign a new one.
    let f = one(
        "<Error><Code>AccessDenied</Code><Message>Request has expired.</Message><RequestId>R1</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId></Error>",
        full(),
    );
    assert_eq!((f.kind, f.product.as_deref()), (Kind::TokenExpired, Some("oss")));
    assert!(grant(&f).system_policies.is_empty());
}

/// A code another cloud shares the name of, printed with the message a product documents for it, is that product's;
/// with another message it stays the other cloud's.
#[test]
fn a_code_with_its_documented_message_is_alibaba_clouds() {
    let f = one(
        "ErrorCode: AccessDeniedException\nMessage: You donot have sufficient access to perform this action.",
        full(),
    );
    assert_eq!((f.kind, f.other_cloud.as_deref()), (Kind::MissingPermission, None));
    // A row of the product's error-code table.
    let f = one("403 | AccessDeniedException | You donot have sufficient access to perform this action. | - |", full());
    assert_eq!((f.kind, f.other_cloud.as_deref()), (Kind::MissingPermission, None));
    let f = one(
        "AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: kms:Decrypt",
        full(),
    );
    assert_eq!((f.kind, f.other_cloud.as_deref()), (Kind::Other, Some("AWS")));
}
