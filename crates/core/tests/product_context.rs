//! Sweeps: the product named by the context around an error, each over its documented class, with negative controls
//! — a RAM action written out in a console's sentence (`stated-action-names-product`), an API name only one product
//! has in the words around (`api-in-words-around`), the product a not-activated sentence names before "service"
//! (`not-activated-names-service`), and the ecosystem's names for one product (DataX's plugins, OSS's `Server` name,
//! Hadoop's `fs.oss.` keys).

use ram_doctor_core::{diagnose, Catalog, Kind};

mod common;

/// The first finding's product.
fn product(text: &str, catalog: &Catalog) -> Option<String> {
    diagnose(text, catalog).findings.first().and_then(|f| f.product.clone())
}

/// A genuine ECS refusal with its host: what the words beside it must leave ECS's.
const ECS_REFUSAL: &str = "{\"Code\":\"Forbidden.RAM\",\"HostId\":\"ecs.aliyuncs.com\",\"Message\":\"User not authorized to operate on the specified resource.\",\"RequestId\":\"6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77\"}";

/// Up to `n` APIs of each product whose name is shaped like an API and no other product has, with the product.
fn sole_apis(catalog: &Catalog, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in catalog.products() {
        let Some(apis) = catalog.apis_of(&p.ram_code) else { continue };
        let mut taken = 0;
        for (_, api) in apis {
            let b = api.name.as_bytes();
            let shaped = b.len() >= 6
                && b[0].is_ascii_uppercase()
                && b[1].is_ascii_lowercase()
                && b[2..].iter().any(u8::is_ascii_uppercase)
                && b.iter().all(u8::is_ascii_alphanumeric);
            if taken < n && shaped && catalog.ram_codes_with_api(&api.name) == [p.ram_code.as_str()] {
                out.push((p.ram_code.clone(), api.name.clone()));
                taken += 1;
            }
        }
    }
    out
}

/// Every product's actions, written out in the console's Chinese and English refusal sentences (no code, no host):
/// the action's product.
#[test]
fn a_written_out_action_names_its_product() {
    let catalog = common::full_catalog();
    let mut wrong = Vec::new();
    let actions = sole_apis(catalog, 2);
    for (p, api) in &actions {
        for text in [
            format!("暂无权限查看所有实例，请让主账号前往RAM中心授予当前用户“xxx/*”资源的“{p}:{api}”权限"),
            format!("You are not authorized to view this page. Ask the account owner to grant you \"{p}:{api}\" in the RAM console."),
        ] {
            if product(&text, catalog).as_deref() != Some(p.as_str()) {
                wrong.push(format!("{:?} {text}", product(&text, catalog)));
            }
        }
    }
    assert!(actions.len() > 300, "{}", actions.len());
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), actions.len() * 2, wrong.join("\n"));
}

#[test]
fn written_out_actions_leave_a_genuine_finding_and_never_mix_products() {
    let catalog = common::full_catalog();
    // Beside an ECS refusal whose host answered, a written-out OSS action is only words.
    let text = format!("{ECS_REFUSAL}\nI already granted “oss:GetObject” to this user.");
    assert_eq!(product(&text, catalog).as_deref(), Some("ecs"));
    // Actions of two products written out: neither is the product by this rule.
    let two = "暂无权限，请授予当前用户“hologram:ListInstances”和“oss:GetObject”权限";
    assert_eq!(product(two, catalog), None);
    // A RAM code the catalog does not know, or an action in lower case, is no action.
    for text in [
        "暂无权限，请授予当前用户“nosuchproduct:ListInstances”权限",
        "暂无权限，请授予当前用户“hologram:listinstances”权限",
    ] {
        assert_eq!(product(text, catalog), None, "{text}");
    }
}

/// An API only one product has, named in the paragraph around a message that names no product (the STS FAQ's
/// throttling sentence, a refusal told in prose): that product.
#[test]
fn an_api_only_one_product_has_names_it_in_the_words_around() {
    let catalog = common::full_catalog();
    let apis = sole_apis(catalog, 1);
    let mut wrong = Vec::new();
    for (p, api) in &apis {
        for text in [
            format!("{api}接口调用次数超过限制时会报错，报错信息如下：\n\n```\nRequest was denied due to user flow control\n```"),
            format!("Calling {api} keeps failing:\nYou are not authorized to do this operation."),
        ] {
            if product(&text, catalog).as_deref() != Some(p.as_str()) {
                wrong.push(format!("{:?} {text}", product(&text, catalog)));
            }
        }
    }
    assert!(apis.len() > 150, "{}", apis.len());
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), apis.len() * 2, wrong.join("\n"));
}

#[test]
fn a_shared_api_names_none_and_a_genuine_finding_stays() {
    let catalog = common::full_catalog();
    // Many products have `DescribeRegions`: it names none of them.
    assert!(catalog.ram_codes_with_api("DescribeRegions").len() > 1);
    let shared = "Calling DescribeRegions keeps failing:\nYou are not authorized to do this operation.";
    assert_eq!(product(shared, catalog), None);
    // Words that are no API (`UserName`, `RequestId`) name nothing.
    let words = "The UserName and RequestId are shown below.\nYou are not authorized to do this operation.";
    assert_eq!(product(words, catalog), None);
    // Beside an ECS refusal whose host answered, STS's API in the words around changes nothing.
    let text = format!("Before this I called AssumeRole.\n{ECS_REFUSAL}");
    assert_eq!(product(&text, catalog).as_deref(), Some("ecs"));
}

/// OSS's 403 reference: `UbsmsInvalidBid`, "Your account partner does not have KMS Service" — KMS is what to
/// activate. The same sentence with each product whose RAM code is an acronym: that product, kind not-activated.
#[test]
fn a_not_activated_sentence_names_the_service_to_activate() {
    let catalog = common::full_catalog();
    let d = diagnose("| UbsmsInvalidBid | Your account partner does not have KMS Service | Key Management Service (KMS) not activated |", catalog);
    let f = d.findings.first().expect("a finding");
    assert_eq!((f.kind, f.product.as_deref()), (Kind::NotActivated, Some("kms")));
    let mut n = 0;
    let mut wrong = Vec::new();
    for p in ["kms", "oss", "ecs", "rds", "slb", "nas", "cdn", "vpc", "ess", "fc", "cr", "mns"] {
        let upper = p.to_ascii_uppercase();
        for text in [
            format!("Code: UbsmsInvalidBid\nMessage: Your account partner does not have {upper} Service"),
            format!("<Error><Code>UbsmsInvalidBid</Code><Message>Your account partner does not have {upper} Service</Message></Error>"),
        ] {
            n += 1;
            if product(&text, catalog).as_deref() != Some(p) {
                wrong.push(format!("{:?} {text}", product(&text, catalog)));
            }
        }
    }
    assert_eq!(n, 24);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_service_named_beside_a_permission_refusal_is_not_the_product() {
    let catalog = common::full_catalog();
    // An OSS refusal (not a not-activated error) that mentions KMS stays OSS's.
    let oss = "<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId></Error>\nThe KMS Service key is ours.";
    assert_eq!(product(oss, catalog).as_deref(), Some("oss"));
    let text = format!("{ECS_REFUSAL}\nYour account partner does not have KMS Service");
    let d = diagnose(&text, catalog);
    let f = d.findings.iter().find(|f| f.code.as_deref() == Some("Forbidden.RAM")).expect("the ECS refusal");
    assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("ecs")));
}

/// DataX's plugins for Alibaba Cloud's stores (its `package.xml`), OSS's `Server` name and Hadoop's OSS connector
/// keys, beside a code that names no product: the tool's product.
#[test]
fn the_ecosystems_names_for_one_product_name_it() {
    let catalog = common::full_catalog();
    const NAMES: &[(&str, &str)] = &[
        ("ossreader", "oss"),
        ("osswriter", "oss"),
        ("otsreader", "ots"),
        ("otswriter", "ots"),
        ("otsstreamreader", "ots"),
        ("drdsreader", "drds"),
        ("drdswriter", "drds"),
        ("adbpgwriter", "gpdb"),
        ("hologresjdbcwriter", "hologram"),
        ("AliyunOSS", "oss"),
        ("fs.oss.endpoint", "oss"),
        ("fs.oss.accessKeyId", "oss"),
        ("fs.oss.accessKeySecret", "oss"),
        ("fs.oss.securityToken", "oss"),
    ];
    let mut wrong = Vec::new();
    for (name, p) in NAMES {
        for text in [
            format!("\"writer\": {{ \"name\": \"{name}\" }}\nERROR: SignatureDoesNotMatch"),
            format!("{name} 读取数据提示 SignatureDoesNotMatch"),
        ] {
            if product(&text, catalog).as_deref() != Some(*p) {
                wrong.push(format!("{:?} {text}", product(&text, catalog)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // OSS's HTML error page, footer and all.
    let page = "<html><head><title>400 Bad Request</title></head><body><h1>400 Bad Request</h1><p>Your browser sent a request that this server could not understand.<hr/>Powered by AliyunOSS</body></html>";
    assert_eq!(product(page, catalog).as_deref(), Some("oss"));
}

#[test]
fn other_datax_plugins_name_nothing_and_a_genuine_finding_stays() {
    let catalog = common::full_catalog();
    for name in ["mysqlreader", "hdfswriter", "streamwriter"] {
        let text = format!("\"reader\": {{ \"name\": \"{name}\" }}\nERROR: SignatureDoesNotMatch");
        assert_eq!(product(&text, catalog), None, "{text}");
    }
    for name in ["osswriter", "AliyunOSS", "fs.oss.endpoint"] {
        let text = format!("{ECS_REFUSAL}\n{name}");
        let d = diagnose(&text, catalog);
        let f = d.findings.iter().find(|f| f.code.as_deref() == Some("Forbidden.RAM")).expect("the ECS refusal");
        assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("ecs")), "{text}");
    }
}
