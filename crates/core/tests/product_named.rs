//! Sweeps of the product clues read since session 13, each over its whole documented class, with negative controls:
//! an API several products share named by one owner's code (`create nlb error: [SDKError] API: CreateLoadBalancer`),
//! the cloud controller manager's `[SDKError] API:` label, English names written inside Chinese prose (`测试Quick
//! BI安全增强`) and Chinese names with spaces (`Serverless 应用引擎`), the Voice service's `isv.` codes said of calls,
//! a Terraform resource type that calls other products than the one whose table lists the code, and the sentences
//! only MaxCompute prints.

use std::collections::BTreeMap;

use ram_doctor_core::{diagnose, Catalog, Kind};

mod common;

/// The finding's product, first action and product reason (English).
fn first(text: &str, catalog: &Catalog) -> (Option<String>, Option<String>, String) {
    let d = diagnose(text, catalog);
    let f = d.findings.first();
    (
        f.and_then(|f| f.product.clone()),
        f.and_then(|f| f.actions.first().cloned()),
        f.and_then(|f| f.product_reason.as_ref().map(|r| r.en.clone())).unwrap_or_default(),
    )
}

/// Whether an API name has the shape the readers take for one (`CreateLoadBalancer`: a capital, two words or more).
fn api_shaped(name: &str) -> bool {
    name.len() >= 6
        && name.bytes().all(|c| c.is_ascii_alphanumeric())
        && name.as_bytes()[0].is_ascii_uppercase()
        && name.as_bytes()[1].is_ascii_lowercase()
        && name.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Every API name of the catalog (not deprecated, API-shaped) with the RAM codes that have it.
fn api_owners(catalog: &Catalog) -> BTreeMap<String, Vec<String>> {
    let mut names = BTreeMap::new();
    for p in catalog.products() {
        for (_, a) in catalog.apis_of(&p.ram_code).unwrap_or_default() {
            if !a.deprecated && api_shaped(&a.name) && !names.contains_key(&a.name) {
                let owners: Vec<String> = catalog.ram_codes_with_api(&a.name).iter().map(|c| c.to_string()).collect();
                names.insert(a.name.clone(), owners);
            }
        }
    }
    names
}

/// The cloud controller manager's wrapping of a core SDK `ServerError` (`[SDKError] API: %s, ErrorCode: %s, …`).
fn ccm_error(words: &str, api: &str) -> String {
    format!(
        "{words}: [SDKError] API: {api}, ErrorCode: Forbidden.RAM, RequestId: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77, \
         Message: User not authorized to operate on the specified resource, or this API doesn't support RAM."
    )
}

/// RAM codes that are ordinary English words, which a sentence uses as such (`error while reading config`).
const ORDINARY: &[&str] = &[
    "log",
    "live",
    "push",
    "tag",
    "ice",
    "opt",
    "imp",
    "grace",
    "devs",
    "config",
    "stream",
    "domain",
    "arms",
    "composer",
    "agency",
    "hologram",
    "quotas",
    "notifications",
    "avatar",
    "status",
    "governance",
];

/// RAM codes the shared-API rule reads in lower case beside an API verb: three letters or more, no ordinary word.
fn plain_code(code: &str) -> bool {
    code.len() >= 3 && !ORDINARY.contains(&code)
}

#[test]
fn an_api_the_sdk_error_label_names_is_read_for_every_product() {
    let catalog = common::full_catalog();
    let owners = api_owners(catalog);
    let mut per_product: BTreeMap<&str, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut n = 0;
    for (api, codes) in &owners {
        let [only] = codes.as_slice() else { continue };
        let seen = per_product.entry(only.as_str()).or_default();
        if *seen >= 2 {
            continue;
        }
        *seen += 1;
        n += 1;
        let (product, action, _) = first(&ccm_error("reconcile failed", api), catalog);
        if product.as_deref() != Some(only.as_str()) || action.is_none() {
            misses.push(format!("{api}: want {only}, got {product:?} {action:?}"));
        }
    }
    assert!(n >= 300, "only {n} APIs swept");
    assert!(misses.is_empty(), "{} of {n}:\n{}", misses.len(), misses.join("\n"));
}

#[test]
fn a_shared_api_names_the_owner_its_words_name() {
    let catalog = common::full_catalog();
    let owners = api_owners(catalog);
    let mut swept: BTreeMap<&str, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut n = 0;
    for (api, codes) in &owners {
        if codes.len() < 2 {
            continue;
        }
        // RAM and STS named in words are the permission system (rule `permission-system-not-named-by-words`).
        let named = codes
            .iter()
            .filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric()) && !["ram", "sts"].contains(&c.as_str()));
        for code in named {
            let seen = swept.entry(code.as_str()).or_default();
            if *seen >= 1 {
                continue;
            }
            *seen += 1;
            let mut forms = vec![format!("create {} error", code.to_ascii_uppercase())];
            if plain_code(code) {
                forms.push(format!("create {code} error"));
            }
            for words in forms {
                n += 1;
                let (product, _, reason) = first(&ccm_error(&words, api), catalog);
                if product.as_deref() != Some(code.as_str()) {
                    misses.push(format!("{words} / {api} {codes:?}: got {product:?} ({reason})"));
                }
            }
        }
    }
    assert!(n >= 100, "only {n} cases");
    assert!(misses.is_empty(), "{} of {n}:\n{}", misses.len(), misses.join("\n"));
}

#[test]
fn a_shared_api_with_no_one_owner_named_is_not_decided_by_the_words() {
    let catalog = common::full_catalog();
    let owners = &api_owners(catalog)["CreateLoadBalancer"];
    assert!(owners.len() >= 3 && owners.iter().any(|o| o == "nlb"), "{owners:?}");
    let shared = |text: &str| first(text, catalog).2.starts_with("several products have the API");
    // Named: the one owner.
    assert_eq!(first(&ccm_error("create nlb error", "CreateLoadBalancer"), catalog).0.as_deref(), Some("nlb"));
    // Two owners named: neither by this rule.
    assert!(!shared(&ccm_error("create nlb error (was slb)", "CreateLoadBalancer")));
    // No owner named; an ordinary word that is a RAM code (`log`) names nothing.
    assert!(!shared(&ccm_error("create error", "CreateLoadBalancer")));
    let with_log = api_owners(catalog).into_iter().find(|(_, o)| o.len() >= 2 && o.iter().any(|c| c == "log"));
    let (api, _) = with_log.expect("Simple Log Service shares an API name with another product");
    assert!(!shared(&ccm_error("failed to write log", &api)), "{api}");
    // Another cloud's refusal of its own CreateLoadBalancer names no Alibaba Cloud product.
    let aws = "An error occurred (AccessDenied) when calling the CreateLoadBalancer operation: create nlb error: \
               User: arn:aws:iam::123456789012:user/dev is not authorized to perform: \
               elasticloadbalancing:CreateLoadBalancer";
    assert_eq!(first(aws, catalog).0, None);
    // Beside a genuine Alibaba Cloud refusal of a stated action, the stated action's product stays.
    let stated = format!(
        "create nlb error\n{}\nYou are not authorized to do this action. Action: ecs:DescribeInstances",
        common::FORBIDDEN_RAM
    );
    assert_eq!(first(&stated, catalog).0.as_deref(), Some("ecs"));
}

/// The products of `product_clues.rs`'s `SHARED` list, whose English names several products share or that are the
/// permission system.
const SHARED_NAMES: &[&str] = &["asrs", "hgw", "computenest", "computenestsupplier", "ram", "sts"];

#[test]
fn names_written_inside_chinese_prose_name_their_product() {
    let catalog = common::full_catalog();
    let refusal = "错误码：NoPermission\n错误信息：您没有权限执行此操作，请联系主账号为您授权。";
    let mut misses = Vec::new();
    let (mut en, mut zh) = (0, 0);
    for p in catalog.products().iter().filter(|p| !SHARED_NAMES.contains(&p.ram_code.as_str())) {
        let short = p.name_en.split(" (").next().unwrap_or(&p.name_en);
        let real = !short.eq_ignore_ascii_case(&p.code) && !short.eq_ignore_ascii_case(&p.ram_code);
        if real && short.is_ascii() && catalog.name_owners(short) == 1 {
            en += 1;
            let text = format!("测试{short}接口调用时报错：\n{refusal}");
            let (product, _, reason) = first(&text, catalog);
            if product.as_deref() != Some(p.ram_code.as_str()) {
                misses.push(format!("{text:?}: want {}, got {product:?} ({reason})", p.ram_code));
            }
        }
        // A Chinese name with a Latin part, written with spaces around it (`Serverless 应用引擎`).
        let Some(name) = p.name_zh.as_deref().filter(|z| z.chars().any(|c| c.is_ascii_alphabetic())) else {
            continue;
        };
        let mut spaced = String::new();
        let mut prev: Option<char> = None;
        for c in name.chars().filter(|c| *c != ' ') {
            if prev.is_some_and(|p| p.is_ascii_alphanumeric() != c.is_ascii_alphanumeric()) {
                spaced.push(' ');
            }
            spaced.push(c);
            prev = Some(c);
        }
        zh += 1;
        let text = format!("{spaced}请求报错：\n{refusal}");
        let (product, _, reason) = first(&text, catalog);
        if product.as_deref() != Some(p.ram_code.as_str()) {
            misses.push(format!("{text:?}: want {}, got {product:?} ({reason})", p.ram_code));
        }
    }
    assert!(en >= 100 && zh >= 10, "only {en} English and {zh} Chinese names swept");
    assert!(misses.is_empty(), "{} of {}:\n{}", misses.len(), en + zh, misses.join("\n"));
    // A Latin word that only contains a product's name (`QuickBIReport`) names nothing by it.
    assert_ne!(first(&format!("测试QuickBIReport时报错：\n{refusal}"), catalog).0.as_deref(), Some("quickbi-public"));
}

/// Codes the SMS and Voice services share (their error-code references): `isv.` and the rest.
const ISV_CODES: &[&str] = &[
    "isv.BUSINESS_LIMIT_CONTROL",
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.AMOUNT_NOT_ENOUGH",
    "isv.OUT_OF_SERVICE",
    "isv.PRODUCT_UN_SUBSCRIPT",
    "isv.ACCOUNT_ABNORMAL",
];

#[test]
fn the_voice_services_isv_codes_are_told_from_sms_by_their_words() {
    let catalog = common::full_catalog();
    for code in ISV_CODES {
        for words in ["语音服务", "语音通知", "被叫号码", "呼叫失败", "voice call failed", "callee busy"]
        {
            let text = format!("{words}报错{code}");
            assert_eq!(first(&text, catalog).0.as_deref(), Some("dyvmsapi"), "{text}");
        }
        for words in ["短信服务", "发送短信", "SendSms failed"] {
            let text = format!("{words}报错{code}");
            assert_eq!(first(&text, catalog).0.as_deref(), Some("dysms"), "{text}");
        }
        let json = format!(r#"{{"Code":"{code}","Message":"触发流控"}}"#);
        assert_eq!(first(&json, catalog).0.as_deref(), Some("dysms"), "{json}");
    }
}

/// Terraform resource types the catalog says call exactly one product.
fn single_product_types() -> Vec<(String, String)> {
    common::terraform_types()
        .into_iter()
        .filter_map(|(resource, products)| match <[String; 1]>::try_from(products) {
            Ok([only]) => Some((resource, only)),
            Err(_) => None,
        })
        .collect()
}

/// An old Terraform provider's print of an aliyungo error, under a resource type.
fn terraform_error(resource: &str, code: &str) -> String {
    format!(
        "Error applying plan:\n\n* {resource}.default: Aliyun API Error: RequestId: D078414B-5528-4D7F-A35C-0EB5AF1B7411 \
         Status Code: 403 Code: {code} Message: The quota is exceeded."
    )
}

#[test]
fn a_code_of_one_product_yields_to_a_resource_type_that_calls_another() {
    let catalog = common::full_catalog();
    // ECS alone documents this code (its own, not generic): the code names ECS by itself.
    let code = "QuotaExceed.PostPaidDisk";
    assert_eq!(catalog.sole_code_owner(code).as_deref(), Some("ecs"));
    assert_eq!(first(&terraform_error("nothing_here", code), catalog).0.as_deref(), Some("ecs"));
    let mut misses = Vec::new();
    let types = single_product_types();
    for (resource, product) in &types {
        let (got, _, reason) = first(&terraform_error(resource, code), catalog);
        if got.as_deref() != Some(product.as_str()) {
            misses.push(format!("{resource}: want {product}, got {got:?} ({reason})"));
        }
    }
    assert!(types.len() >= 1000, "only {} types", types.len());
    assert!(misses.is_empty(), "{} of {}:\n{}", misses.len(), types.len(), misses.join("\n"));
    // A type whose calls include ECS keeps the code's product.
    for resource in ["alicloud_ecs_launch_template", "alicloud_eflo_node"] {
        assert_eq!(first(&terraform_error(resource, code), catalog).0.as_deref(), Some("ecs"), "{resource}");
    }
}

#[test]
fn maxcomputes_own_sentences_name_it() {
    let catalog = common::full_catalog();
    let sentences = [
        "class java.lang.IllegalArgumentException: AccessId should not be empty.",
        "创建外表时报错：Access denied by project ip white list: sourceIP:'10.0.0.1' is not in white list. project: p1",
    ];
    for s in sentences {
        assert_eq!(first(s, catalog).0.as_deref(), Some("odps"), "{s}");
        // Another product's name beside it does not flip it.
        let beside = format!("在Hologres控制台操作 ECS 实例时：{s}");
        assert_eq!(first(&beside, catalog).0.as_deref(), Some("odps"), "{beside}");
    }
    // The words of another cloud (`DiskAccessID should not be empty`, Azure's) are not MaxCompute's.
    let azure = "DiskAccessID should not be empty when NetworkAccessPolicy is AllowPrivate";
    assert_ne!(first(azure, catalog).0.as_deref(), Some("odps"));
    // Beside a genuine Alibaba Cloud refusal, the refusal's finding stays.
    let text = format!("{}\nAccessId should not be empty.", common::FORBIDDEN_RAM);
    assert_eq!(diagnose(&text, catalog).findings.first().map(|f| f.kind), Some(Kind::MissingPermission));
}

#[test]
fn a_lower_case_code_names_a_shared_api_owner_only_where_the_words_make_it_a_name() {
    let catalog = common::full_catalog();
    let owners = api_owners(catalog);
    let mut wrong = Vec::new();
    let mut n = 0;
    // Every shared API whose owners include an ordinary-word code: the word in a sentence names no owner; in
    // capitals it does.
    for (api, codes) in &owners {
        for code in codes.iter().filter(|c| codes.len() >= 2 && ORDINARY.contains(&c.as_str())) {
            n += 1;
            for words in [format!("error while reading {code}"), format!("ensure {code} consumer")] {
                let (product, action, _) = first(&ccm_error(&words, api), catalog);
                if product.as_deref() == Some(code.as_str())
                    || action.is_some_and(|a| a.starts_with(&format!("{code}:")))
                {
                    wrong.push(format!("{words} / {api}: {product:?}"));
                }
            }
            let capitals = format!("create {} error", code.to_ascii_uppercase());
            if first(&ccm_error(&capitals, api), catalog).0.as_deref() != Some(code.as_str()) {
                wrong.push(format!("{capitals} / {api}: not {code}"));
            }
        }
    }
    assert!(n >= 5, "only {n} shared APIs with an ordinary-word owner");
    // A code that is no ordinary word, but in a sentence and beside no API verb, host or package: no owner.
    let nlb = |words: &str| first(&ccm_error(words, "CreateLoadBalancer"), catalog).0;
    assert_eq!(nlb("the nlb listener is gone"), None);
    // Beside a verb, before or after, or in its host or SDK package: named.
    for words in [
        "create nlb error",
        "nlb create failed",
        "failed to delete_nlb",
        "calling nlb.cn-hangzhou.aliyuncs.com",
        "alibabacloud_nlb20220430 raised",
        "github.com/alibabacloud-go/nlb-20220430/v3/client",
    ] {
        assert_eq!(nlb(words).as_deref(), Some("nlb"), "{words}");
    }
    // Beside a genuine Alibaba Cloud refusal of a stated action, the stated action's product stays.
    let stated = format!(
        "error while reading config\n{}\nYou are not authorized to do this action. Action: ecs:DescribeInstances",
        common::FORBIDDEN_RAM
    );
    assert_eq!(first(&stated, catalog).0.as_deref(), Some("ecs"));
}
