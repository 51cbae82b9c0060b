//! Diagnoses that need the committed catalog (`data/`): products from names and hosts, API names → actions,
//! system policies in the grant, and the page's case of a catalog whose shards are not loaded yet.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

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
        assert_eq!(f.grant.system_policies, ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"], "{text}");
    }
}

#[test]
fn the_bare_cloud_backup_sentence_names_cloud_backup() {
    for text in [CONSOLE, "权限不足，请联系云账号管理员授予您相应的权限。"] {
        let f = one(text, full());
        assert_eq!(f.kind, Kind::MissingPermission, "{text}");
        assert_eq!(f.product.as_deref(), Some("hbr"), "{text}");
        assert_eq!(
            f.grant.system_policies,
            ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"],
            "{text}"
        );
        assert_eq!(f.confidence, ram_doctor_core::finding::Confidence::Medium);
        let reason = f.product_reason.expect("the reason is given");
        assert!(
            reason.en.contains("inferred from the sentence"),
            "{}",
            reason.en
        );
        assert!(reason.zh.contains("推断"), "{}", reason.zh);
    }
}

#[test]
fn a_generic_console_sentence_asks_which_page() {
    let f = one("权限不足，请联系主账号管理员授权", full());
    assert_eq!(f.kind, Kind::MissingPermission);
    assert_eq!(f.product, None);
    assert!(f.grant.system_policies.is_empty());
    assert!(f.explanation.contains("Which console page"));
}

#[test]
fn a_sentence_shared_by_products_ranks_them_and_says_so() {
    let f = one("This request is forbidden by kms.", full());
    assert_eq!((f.code.as_deref(), f.implied_code.as_deref()), (None, Some("AccessDenied")), "the sentence implies its code");
    let offered: Vec<&str> = f
        .likely_products
        .iter()
        .map(|g| g.product.as_str())
        .collect();
    assert_eq!(offered[..2], ["oss", "kms"]);
}

#[test]
fn message_only_pastes_imply_their_code() {
    for (text, code, kind) in [
        ("The bucket you access does not belong to you.", "BucketNotBelongTo", Kind::MissingPermission),
        ("The security token you provided is invalid.", "InvalidSecurityToken", Kind::BadCredentials),
        ("Specified access key is not found.", "InvalidAccessKeyId.NotFound", Kind::BadCredentials),
        ("Roles may not be assumed by root accounts.", "NoPermission", Kind::AssumeRole),
        ("The bucket you are attempting to access must be addressed using the specified endpoint.", "AccessDenied", Kind::Other),
    ] {
        let f = one(text, full());
        assert_eq!((f.code.as_deref(), f.implied_code.as_deref(), f.kind), (None, Some(code), kind), "{text}");
    }
}

#[test]
fn terraform_resource_types_name_their_product() {
    let f = one("Error: Resource alicloud_kvstore_instance CreateInstance Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized", full());
    assert_eq!(
        f.product.as_deref(),
        Some("kvstore"),
        "{:?}",
        f.product_reason
    );
}

#[test]
fn read_only_first_and_a_write_says_read_only_is_not_enough() {
    let read = one(r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances"}}"#, full());
    assert_eq!(read.grant.system_policies.first().map(String::as_str), Some("AliyunECSReadOnlyAccess"));
    assert!(!read.explanation.contains("not enough"));
    let write = one(r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:CreateInstance"}}"#, full());
    assert_eq!(write.grant.system_policies, ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]);
    assert!(write.explanation.contains("ReadOnly policy is not enough"), "{}", write.explanation);
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
    assert!(f.grant.system_policies.contains(&"AliyunHBRFullAccess".to_string()));
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
    let f = one(
        "Moving snapshots from ECS to OSS\n权限不足，请联系主账号管理员授权",
        full(),
    );
    assert_eq!(f.product, None);
    let offered: Vec<&str> = f
        .likely_products
        .iter()
        .map(|g| g.product.as_str())
        .collect();
    assert!(
        offered.contains(&"ecs") && offered.contains(&"oss"),
        "{offered:?}"
    );
    assert!(
        f.explanation.contains("probably one of"),
        "{}",
        f.explanation
    );
    // The documented Cloud Backup sentence names its product first; the words around stay offered after it.
    let f = one(
        &format!("Moving snapshots from ECS to OSS\n{CONSOLE}"),
        full(),
    );
    assert_eq!(f.product.as_deref(), Some("hbr"));
    let offered: Vec<&str> = f
        .likely_products
        .iter()
        .map(|g| g.product.as_str())
        .collect();
    assert_eq!(offered[0], "hbr");
    assert!(
        offered.contains(&"ecs") && offered.contains(&"oss"),
        "{offered:?}"
    );
}

#[test]
fn console_explicit_deny_by_a_control_policy() {
    let f = one("You are explicitly denied to perform this action. Please contact your resource directory administrators to check control policies.", full());
    assert_eq!((f.kind, f.layer), (Kind::ExplicitDeny, Some(ram_doctor_core::finding::Layer::ControlPolicy)));
    assert!(f.grant.system_policies.is_empty() && f.grant.custom_policy.is_none());
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
    assert_eq!(one("ErrorCode: Forbidden.RAM\n    at Client.createNatIpCidrWithOptions (client.js:1:1)", &index_only()).product, None);
}
