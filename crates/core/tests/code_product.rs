//! Sweep: a code only one product documents names that product (rule `code-names-product`). Every code the
//! catalog's APIs list is sorted by the RAM codes whose APIs list it, computed here from the shards (not through
//! the lookup the rule uses). Each code listed by exactly one product, printed alone the way the SDKs print a
//! server error (`ErrorCode: X` / `Message: …`, and the JSON body `{"Code":"X","Message":"…"}`), must name that
//! product with the code as the reason, except the classes the rule leaves out on purpose (counted, each with
//! its reason). Codes several products list must never be given to one product by the code. Stronger clues (the
//! host that answered, an API another product has) still win.

use std::collections::{BTreeMap, BTreeSet};

use ram_doctor_core::{diagnose, Catalog};

mod common;

/// The two prints the sweep puts a code in: the SDKs' `ServerException` text and the gateway's JSON body. The
/// message is neutral so that no word of it names a product.
fn prints(code: &str) -> [String; 2] {
    [
        format!("SDK.ServerError\nErrorCode: {code}\nMessage: The request could not be processed.\nRequestId: 1"),
        format!(r#"{{"RequestId":"1","Code":"{code}","Message":"The request could not be processed."}}"#),
    ]
}

/// Every code the loaded APIs list → the RAM codes whose APIs list it.
fn owners(catalog: &Catalog) -> BTreeMap<String, BTreeSet<String>> {
    let mut owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for code in catalog.shard_codes() {
        for (_, api) in catalog.apis_of(code).unwrap_or_default() {
            for e in &api.errors {
                owners.entry(e.clone()).or_default().insert(code.to_string());
            }
        }
    }
    owners
}

/// The halves of the listed dotted codes (`<first`, `>rest`, lower case) → the RAM codes whose codes have them.
fn halves(owners: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let mut halves: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (code, by) in owners {
        if let Some((first, rest)) = code.split_once('.') {
            for key in [format!("<{}", first.to_ascii_lowercase()), format!(">{}", rest.to_ascii_lowercase())] {
                halves.entry(key).or_default().extend(by.iter().cloned());
            }
        }
    }
    halves
}

/// Why a code one product lists is left out of the rule, if it is; computed from the listing, not the rule.
fn left_out(code: &str, halves: &BTreeMap<String, BTreeSet<String>>, catalog: &Catalog) -> Option<&'static str> {
    let Some((first, rest)) = code.split_once('.') else {
        return Some("no dot: too generic to be one product's (`ServiceError`, `QpsOverLimit`)");
    };
    if code.contains('%') {
        return Some("a placeholder");
    }
    if !code.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("the listing's spelling ends in punctuation no SDK prints (`OperationFailed.DuplicateZones.`)");
    }
    if code.contains(char::is_whitespace) {
        return Some("not a code as printed (`400 BusinessErrorIntentLgfId.NotExists`, a status before it)");
    }
    if catalog.error_code(code).and_then(|e| e.kind).is_some_and(|k| k.is_credential_error()) {
        return Some("a key, signature or token code: every product answers it");
    }
    let shared = |key: String| halves.get(&key).is_some_and(|by| by.len() > 1);
    if shared(format!("<{}", first.to_ascii_lowercase())) && shared(format!(">{}", rest.to_ascii_lowercase())) {
        return Some("generic: both halves stand in other products' codes (`InvalidParameter.PageSize`)");
    }
    // The gateway's refusals and checks, which every product answers, whichever product's table lists them.
    if ram_doctor_core::diagnose::rules::is_gateway_code(code) {
        return Some("the gateway's refusal or check");
    }
    None
}

#[test]
fn a_code_only_one_product_documents_names_it() {
    let catalog = common::full_catalog();
    let owners = owners(catalog);
    let halves = halves(&owners);
    let mut named = 0;
    let mut wrong: Vec<String> = Vec::new();
    let mut unread: Vec<String> = Vec::new();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for (code, by) in &owners {
        let [owner] = by.iter().collect::<Vec<_>>()[..] else { continue };
        if let Some(why) = left_out(code, &halves, catalog) {
            *skipped.entry(why).or_default() += 1;
            continue;
        }
        for text in prints(code) {
            let d = diagnose(&text, catalog);
            let Some(f) = d.findings.first() else {
                unread.push(code.clone());
                continue;
            };
            let reason = f.product_reason.as_ref().map(|r| r.en.as_str()).unwrap_or("");
            if f.product.as_deref() == Some(owner.as_str()) {
                named += 1;
            } else {
                wrong.push(format!("{code} ({owner}): {:?}, {reason}", f.product));
            }
        }
    }
    assert!(unread.is_empty(), "not read as errors: {unread:?}");
    assert!(wrong.is_empty(), "{} of {} named wrongly:\n{}", wrong.len(), named, wrong.join("\n"));
    assert!(named > 10_000, "{named} named; left out: {skipped:?}");
    eprintln!("named {named}, wrong {}, left out {skipped:?}", wrong.len());
}

#[test]
fn a_code_several_products_list_names_none_of_them_by_the_code() {
    let catalog = common::full_catalog();
    let mut checked = 0;
    for (code, by) in owners(catalog).iter().filter(|(_, by)| by.len() > 1) {
        for text in prints(code) {
            let d = diagnose(&text, catalog);
            let Some(f) = d.findings.first() else { continue };
            let reason = f.product_reason.as_ref().map(|r| r.en.as_str()).unwrap_or("");
            assert!(!reason.contains("only this product documents"), "{code} {by:?}: {:?} {reason}", f.product);
            checked += 1;
        }
    }
    assert!(checked > 2000, "{checked}");
}

#[test]
fn the_host_that_answered_and_an_api_another_product_has_outrank_the_code() {
    let catalog = common::full_catalog();
    // ECS's own quota code, sent to VPC's endpoint: the gateway routed the call by its host, so VPC answered.
    let code = "QuotaExceed.PostPaidDisk";
    let f = &diagnose(&format!("{}\nURL: https://vpc.cn-hangzhou.aliyuncs.com/", prints(code)[0]), catalog).findings[0];
    assert_eq!(f.product.as_deref(), Some("vpc"));
    let f = &diagnose(&prints(code)[0], catalog).findings[0];
    assert_eq!(f.product.as_deref(), Some("ecs"));
    assert!(f.product_reason.as_ref().unwrap().zh.contains("由错误码"), "{:?}", f.product_reason);
    // An API only VPC has (ECS keeps its own `DescribeVpcs`, so not that one): VPC's.
    let text = format!("{}\nAction: CreateIpv6Gateway", prints(code)[0]);
    let f = &diagnose(&text, catalog).findings[0];
    assert_eq!(f.product.as_deref(), Some("vpc"), "{text}");
    assert_eq!(f.actions, ["vpc:CreateIpv6Gateway"]);
    // The finding's kind is not touched: a quota is no permission error, so no grant follows.
    assert_eq!(f.kind, ram_doctor_core::Kind::Other);
}

#[test]
fn the_rule_needs_the_listing_loaded() {
    // The index alone holds only the permission and credential codes: an ordinary code of a product whose shard
    // is not loaded names nothing (the page fetches shards only for products something else named).
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json");
    let index = Catalog::from_index(&std::fs::read(data).unwrap()).unwrap();
    let f = &diagnose(&prints("InvalidRebootTime.Malformed")[0], &index).findings[0];
    assert_eq!(f.product, None);
}

#[test]
fn code_prefixes_name_their_product_unless_the_catalog_gives_the_code_to_another() {
    let catalog = common::full_catalog();
    let product = |code: &str| diagnose(&prints(code)[0], catalog).findings[0].product.clone();
    // Tablestore's data-plane codes and WAF's, which the OpenAPI listing does not hold.
    assert_eq!(product("OTSAuthFailed").as_deref(), Some("ots"));
    assert_eq!(product("OTSObjectNotExist").as_deref(), Some("ots"));
    assert_eq!(product("Waf.Resource.NotExist").as_deref(), Some("yundun-waf"));
    // `SLS…` is Simple Log Service's, except the codes Cloud SIEM documents as its own.
    assert_eq!(product("SLSLogStoreNotExist").as_deref(), Some("log"));
    assert_eq!(product("SLS.Ship.Error").as_deref(), Some("cloud-siem"));
    // A code one product lists beside an Alibaba Cloud host of another: the host's product answered.
    let text = format!("{}\nHostId: ecs.aliyuncs.com", prints("SLS.Ship.Error")[0]);
    assert_eq!(diagnose(&text, catalog).findings[0].product.as_deref(), Some("ecs"));
}
