//! The committed catalog (`data/`): it loads, covers every source record, and answers real lookups.
//! Reads only the project's own `data/` and the fixture lists under `tests/catalog/`.

use std::path::PathBuf;
use std::sync::OnceLock;

use ram_doctor_core::catalog::{AccessLevel, ApiLookup, Catalog, CatalogError, GrantBasis, PolicyKind};
use ram_doctor_core::Kind;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn index_bytes() -> Vec<u8> {
    std::fs::read(data_dir().join("index.json")).expect("data/index.json is committed")
}

/// The index plus every shard, loaded once for all tests.
fn full() -> &'static Catalog {
    static FULL: OnceLock<Catalog> = OnceLock::new();
    FULL.get_or_init(|| {
        let mut catalog = Catalog::from_index(&index_bytes()).expect("index loads");
        for code in catalog.shard_codes().into_iter().map(str::to_string).collect::<Vec<_>>() {
            let bytes = std::fs::read(data_dir().join(Catalog::shard_path(&code))).expect("shard file exists");
            catalog.add_shard(&code, &bytes).unwrap_or_else(|e| panic!("shard {code}: {e}"));
        }
        catalog
    })
}

fn fixture_lines(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/catalog").join(name);
    std::fs::read_to_string(path)
        .expect("fixture exists")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn found<'a>(lookup: ApiLookup<'a>) -> (&'a ram_doctor_core::catalog::Product, &'a ram_doctor_core::catalog::Api) {
    match lookup {
        ApiLookup::Found(p, a) => (p, a),
        other => panic!("expected a found API, got {other:?}"),
    }
}

#[test]
fn covers_every_product_api_ram_code_and_policy() {
    let c = full();
    let openapi: Vec<_> = c.products().iter().filter(|p| p.has_openapi()).collect();
    assert_eq!(openapi.len(), 321, "OpenAPI product codes");
    let apis: usize = c.shard_codes().iter().map(|code| c.apis_of(code).expect("loaded").len()).sum();
    assert_eq!(apis, 24_682, "APIs across all shards");
    let declared: u32 = openapi.iter().map(|p| p.api_count).sum();
    assert_eq!(declared, 24_682, "api_count in the index");
    for code in fixture_lines("ram-codes.txt") {
        assert!(c.known_ram_code(&code), "RAM code {code} is missing");
        assert!(c.product(&code).is_some(), "no product for RAM code {code}");
    }
    for name in fixture_lines("system-policy-names.txt") {
        assert!(c.system_policy(&name).is_some(), "system policy {name} is missing");
    }
    for name in fixture_lines("policies-with-documents.txt") {
        let p = c.system_policy(&name).expect("policy exists");
        assert!(p.document.is_some(), "{name} lost its document");
    }
    let with_docs = fixture_lines("system-policy-names.txt")
        .iter()
        .filter(|n| c.system_policy(n).unwrap().document.is_some())
        .count();
    assert_eq!(with_docs, fixture_lines("policies-with-documents.txt").len(), "no document may be invented");
}

#[test]
fn hbr_cloud_backup() {
    let c = full();
    let p = c.product("HBR").expect("hbr");
    assert_eq!(p.ram_code, "hbr");
    assert_eq!(p.name_zh.as_deref(), Some("云备份"));
    assert_eq!(c.product_by_host("hbr.cn-hangzhou.aliyuncs.com").map(|p| p.code.as_str()), Some("hbr"));
    assert_eq!(c.product_by_host("hbr.console.aliyun.com").map(|p| p.code.as_str()), Some("hbr"));
    let (prod, api) = found(c.api("hbr", "CreateBackupPlan"));
    assert_eq!(prod.code, "hbr");
    assert_eq!(api.action, "hbr:CreateBackupPlan");
    assert_eq!(api.access, AccessLevel::Create);
    let names: Vec<&str> = c.system_policies("hbr").iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names[..2], ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"]);
    assert_eq!(c.primary_policy("hbr", PolicyKind::Full).map(|p| p.name.as_str()), Some("AliyunHBRFullAccess"));
}

#[test]
fn free_text_search_in_english_and_chinese() {
    let c = full();
    for text in ["Cloud Backup", "HBR", "云备份", "开通云备份服务失败"] {
        let first = c.search_products(text).first().map(|p| p.code.clone());
        assert_eq!(first.as_deref(), Some("hbr"), "search {text:?}");
    }
    assert_eq!(c.search_products("对象存储").first().map(|p| p.code.as_str()), Some("oss"));
    assert_eq!(c.search_products("Log Service").first().map(|p| p.ram_code.as_str()), Some("log"));
    assert!(c.search_products("zzzz-no-such-service").is_empty());
}

#[test]
fn ecs_by_host_api_and_policies() {
    let c = full();
    assert_eq!(c.product_by_host("ecs.cn-hangzhou.aliyuncs.com").map(|p| p.code.as_str()), Some("ecs"));
    assert_eq!(
        c.product_by_host("https://ecs-vpc.cn-beijing.aliyuncs.com/?Action=X").map(|p| p.code.as_str()),
        Some("ecs")
    );
    assert_eq!(c.product_by_host("ecs-cn-hangzhou.aliyuncs.com").map(|p| p.code.as_str()), Some("ecs"));
    assert_eq!(c.product_by_host("ecs.aliyuncs.com").map(|p| p.code.as_str()), Some("ecs"));
    assert!(c.product_by_host("ecs.example.com").is_none(), "only Alibaba Cloud domains");
    let (_, api) = found(c.api("Ecs", "describeinstances"));
    assert_eq!(api.action, "ecs:DescribeInstances");
    assert!(api.access.is_read());
    assert!(api.resource_params.iter().any(|r| r == "InstanceIds"));
    let names: Vec<&str> = c.system_policies("ecs").iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names[..2], ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]);
    assert!(c.service_roles("ecs").iter().any(|r| r.role_name == "AliyunECSDiskEncryptDefaultRole"));
}

#[test]
fn oss_bucket_hosts_and_actions() {
    let c = full();
    for host in [
        "mybucket.oss-cn-hangzhou.aliyuncs.com",
        "oss-cn-hangzhou.aliyuncs.com",
        "b.oss-cn-shanghai-internal.aliyuncs.com",
    ] {
        assert_eq!(c.product_by_host(host).map(|p| p.code.as_str()), Some("oss"), "{host}");
    }
    let (_, get) = found(c.action("oss:GetObject"));
    assert!(get.access.is_read());
    let grants = c.policies_granting("oss:GetObject");
    let ro = grants.iter().find(|g| g.policy.name == "AliyunOSSReadOnlyAccess").expect("read-only grants GetObject");
    assert_eq!(ro.basis, GrantBasis::Document);
    let put = c.policies_granting("oss:PutObject");
    assert!(!put.iter().any(|g| g.policy.name == "AliyunOSSReadOnlyAccess"), "oss:Get*/List* does not cover PutObject");
    let full = put.iter().find(|g| g.policy.name == "AliyunOSSFullAccess").expect("full grants PutObject");
    assert_eq!(full.basis, GrantBasis::Convention);
    assert_eq!(put[0].policy.name, "AliyunOSSFullAccess", "the product's own primary policy comes first");
    assert_eq!(put.last().map(|g| g.policy.scope.as_str()), Some("service-role-policy"));
}

#[test]
fn dns_is_alidns() {
    let c = full();
    let p = c.product_by_host("alidns.aliyuncs.com").expect("alidns host");
    assert_eq!((p.code.as_str(), p.ram_code.as_str()), ("alidns", "alidns"));
    assert!(p.also_ram_codes.iter().any(|a| a == "pubdns"));
    let (_, api) = found(c.api("alidns", "AddDomainRecord"));
    assert_eq!(api.action, "alidns:AddDomainRecord");
    let policies: Vec<&str> = c.system_policies("alidns").iter().map(|p| p.name.as_str()).collect();
    assert_eq!(policies[..2], ["AliyunDNSReadOnlyAccess", "AliyunDNSFullAccess"]);
}

#[test]
fn ram_and_sts() {
    let c = full();
    assert_eq!(c.product_by_host("ram.aliyuncs.com").map(|p| p.code.as_str()), Some("ram"));
    assert_eq!(c.product_by_host("sts.aliyuncs.com").map(|p| p.code.as_str()), Some("sts"));
    let (p, api) = found(c.action("ram:CreateUser"));
    assert_eq!(p.code, "ram", "the RAM product, not IMS, answers ram: actions first");
    assert_eq!(api.access, AccessLevel::Create);
    let (_, assume) = found(c.action("sts:AssumeRole"));
    assert!(assume.errors.iter().any(|e| e == "EntityNotExist.Role"));
    let grants = c.policies_granting("sts:AssumeRole");
    assert!(grants.iter().any(|g| g.policy.name == "AliyunSTSAssumeRoleAccess" && g.basis == GrantBasis::Document));
}

#[test]
fn container_service_log_service_and_kms() {
    let c = full();
    let (p, api) = found(c.api("cs", "DescribeClusterDetail"));
    assert_eq!((p.ram_code.as_str(), api.path.as_deref()), ("cs", Some("/clusters/{ClusterId}")));
    assert_eq!(c.product("sls").map(|p| p.ram_code.as_str()), Some("log"));
    assert_eq!(c.product("log").map(|p| p.code.as_str()), Some("sls"));
    assert_eq!(c.product_by_host("cn-hangzhou.log.aliyuncs.com").map(|p| p.code.as_str()), Some("sls"));
    assert_eq!(c.product_by_host("myproject.cn-hangzhou.log.aliyuncs.com").map(|p| p.code.as_str()), Some("sls"));
    let (_, getlogstore) = found(c.action("log:GetLogStore"));
    assert_eq!(getlogstore.action, "log:GetLogStore");
    assert_eq!(c.system_policies("sls").first().map(|p| p.name.as_str()), Some("AliyunLogReadOnlyAccess"));
    let (_, decrypt) = found(c.api("kms", "Decrypt"));
    assert_eq!(decrypt.action, "kms:Decrypt");
    let grants = c.policies_granting("kms:Decrypt");
    assert!(grants.iter().any(|g| g.policy.name == "AliyunKMSFullAccess" && g.basis == GrantBasis::Document));
}

#[test]
fn inferred_access_is_marked() {
    let c = full();
    // The metadata states DescribeInstances' level; it leaves CreateBackupPlan's blank.
    let (_, stated) = found(c.action("ecs:DescribeInstances"));
    assert!(!stated.access_inferred);
    let (_, inferred) = found(c.action("hbr:CreateBackupPlan"));
    assert!(inferred.access_inferred);
    assert_eq!(c.access_level("hbr:DeletePolicyBinding"), Some((AccessLevel::Delete, true)));
    assert_eq!(c.access_level("hbr:DeleteBackupPlan"), Some((AccessLevel::Delete, false)));
    // ReadOnly by convention follows the level: a reading API yes, a writing one no.
    let read = c.policies_granting("cs:DescribeClusterDetail");
    assert!(read.iter().any(|g| g.policy.name == "AliyunCSReadOnlyAccess" && g.basis == GrantBasis::Convention));
    let write = c.policies_granting("hbr:CreateBackupPlan");
    assert!(!write.iter().any(|g| g.policy.kind == PolicyKind::ReadOnly));
    assert!(write.iter().any(|g| g.policy.name == "AliyunHBRFullAccess" && g.basis == GrantBasis::Convention));
}

#[test]
fn wildcards_expand_against_the_shard() {
    let c = full();
    let describe = c.actions_matching("ecs:Describe*").expect("ecs loaded");
    assert!(describe.len() > 100);
    assert!(describe.iter().all(|a| a.name.starts_with("Describe")));
    assert!(c.actions_matching("nosuch:*").is_none());
}

#[test]
fn error_codes_and_service_roles() {
    let c = full();
    let e = c.error_code("Forbidden.RAM").expect("classified code in the index");
    assert_eq!(e.kind, Some(Kind::MissingPermission));
    assert!(e.http_statuses.contains(&403));
    assert_eq!(c.error_code("SignatureDoesNotMatch").and_then(|e| e.kind), Some(Kind::Signature));
    assert_eq!(c.error_code("InvalidAccessKeyId.NotFound").and_then(|e| e.kind), Some(Kind::BadCredentials));
    // An ordinary code is known once a shard that lists it is loaded, with no kind.
    let plain = c.error_code("InvalidInstanceId.NotFound").expect("listed by ECS APIs");
    assert_eq!(plain.kind, None);
    let role = c.service_role_for_error("NoPermission.AliyunServiceRoleForECI").expect("ECI role");
    assert_eq!((role.product.as_str(), role.linked), ("eci", true));
    assert!(c.service_role_for_error("Forbidden.RAM").is_none());
}

#[test]
fn index_alone_reports_missing_shards() {
    let c = Catalog::from_index(&index_bytes()).unwrap();
    assert!(c.product("hbr").is_some());
    assert!(!c.has_shard("hbr"));
    assert_eq!(c.api("hbr", "CreateBackupPlan"), ApiLookup::ShardMissing("hbr".into()));
    assert_eq!(c.action("log:GetLogStore"), ApiLookup::ShardMissing("log".into()));
    assert_eq!(c.action("nosuchservice:Foo"), ApiLookup::Unknown);
    assert_eq!(Catalog::shard_path("HBR"), "shards/hbr.json");
    let empty = Catalog::empty();
    assert!(empty.product("hbr").is_none());
    assert_eq!(empty.api("hbr", "CreateBackupPlan"), ApiLookup::Unknown);
}

#[test]
fn malformed_bytes_are_errors_not_panics() {
    for bad in [&b""[..], b"not json", b"{}", b"[1,2,3]", b"{\"format\":1}", &index_bytes()[..1000]] {
        assert!(
            matches!(Catalog::from_index(bad), Err(CatalogError::Json { .. })),
            "{:?}",
            String::from_utf8_lossy(&bad[..bad.len().min(20)])
        );
    }
    let future = String::from_utf8(index_bytes()).unwrap().replacen("\"format\":1", "\"format\":99", 1);
    assert!(matches!(Catalog::from_index(future.as_bytes()), Err(CatalogError::Format { found: 99, .. })));

    let mut c = Catalog::from_index(&index_bytes()).unwrap();
    let hbr = std::fs::read(data_dir().join("shards/hbr.json")).unwrap();
    assert!(matches!(c.add_shard("hbr", b"{\"format\":1"), Err(CatalogError::Json { .. })));
    assert!(matches!(c.add_shard("ecs", &hbr), Err(CatalogError::ShardMismatch { .. })));
    let shard = r#"{"format":1,"ram_code":"hbr","versions":[["hbr","2017-09-08"]],"errors":[],"apis":[[5,"X","get",false,[],[],null,null,null,false]]}"#;
    assert!(matches!(c.add_shard("hbr", shard.as_bytes()), Err(CatalogError::BadReference { .. })));
    let shard = r#"{"format":1,"ram_code":"hbr","versions":[["hbr","2017-09-08"]],"errors":[],"apis":[[0,"X","get",false,[],[7],null,null,null,false]]}"#;
    assert!(matches!(c.add_shard("hbr", shard.as_bytes()), Err(CatalogError::BadReference { .. })));
    let shard = r#"{"format":1,"ram_code":"hbr","versions":[["nosuchproduct","1"]],"errors":[],"apis":[]}"#;
    assert!(matches!(c.add_shard("hbr", shard.as_bytes()), Err(CatalogError::BadReference { .. })));
    assert!(!c.has_shard("hbr"), "a refused shard is not half-loaded");
    c.add_shard("hbr", &hbr).unwrap();
    assert!(c.has_shard("hbr"));
}
