//! Sweep: every clue that names a product, for every product the catalog knows. Each case is a bare gateway
//! refusal (`Forbidden.RAM` in English, `NoPermission` in Chinese), which names no product by itself, with one clue
//! beside it, built from the catalog's own data: endpoint hosts in their forms, SDK package and namespace names of
//! each language (the generated SDKs' naming schemes), `aliyun <code> <Api>` CLI lines, Terraform resource types,
//! ROS resource types (`ALIYUN::<CODE>::…`), RAM ARNs and the products' English and Chinese names. The diagnosis must name the product (and the action where
//! the clue names the API). Where two products truly share a clue, [`SHARED`] lists it with the reason.

use std::collections::BTreeMap;

use ram_doctor_core::catalog::Product;
use ram_doctor_core::{diagnose, Catalog};

mod common;

/// The refusals the clue stands beside: neither names a product.
const REFUSALS: [&str; 2] = [
    "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    "错误码：NoPermission\n错误信息：您没有权限执行此操作，请联系主账号为您授权。",
];

/// One member of the sweep: a clue form, the text, and what the diagnosis must say.
struct Case {
    form: &'static str,
    clue: String,
    product: String,
    action: Option<String>,
}

/// `2014-05-26` → `20140526`.
fn compact(version: &str) -> String {
    version.replace('-', "")
}

/// `r-kvstore` → `R_kvstore` (the .NET namespace's spelling).
fn dotnet_name(code: &str) -> String {
    let snake = code.replace('-', "_");
    snake[..1].to_ascii_uppercase() + &snake[1..]
}

/// `r-kvstore` → `Rkvstore` (the PHP namespace's spelling).
fn php_name(code: &str) -> String {
    let joined = code.replace('-', "");
    joined[..1].to_ascii_uppercase() + &joined[1..]
}

/// `DescribeInstances` → `describeInstancesWithOptions` (the Tea clients' method per API).
fn tea_method(api: &str) -> String {
    api[..1].to_ascii_lowercase() + &api[1..] + "WithOptions"
}

/// An API of this product, of its default version, the sweep names where a form carries one.
fn an_api(p: &Product, catalog: &Catalog) -> Option<(String, String)> {
    let default = p.versions.first()?;
    let apis = catalog.apis_of(&p.ram_code)?;
    apis.iter()
        .filter(|(q, a)| q.code == p.code && &a.version == default && !a.deprecated)
        .map(|(_, a)| a)
        // A name of two words or more: a one-word name (`Allow`) is not read as an API's by design.
        .find(|a| {
            a.name.bytes().all(|c| c.is_ascii_alphanumeric())
                && a.name.as_bytes()[0].is_ascii_uppercase()
                && a.name.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        })
        .map(|a| (a.name.clone(), a.action.clone()))
}

/// Terraform resource types and the product that creates each, from the committed index.
fn terraform_rows() -> Vec<(String, String)> {
    common::terraform_types()
        .into_iter()
        .filter_map(|(resource, products)| Some((resource, products.into_iter().next()?)))
        .collect()
}

fn cases(catalog: &Catalog) -> Vec<Case> {
    let mut out = Vec::new();
    let mut push = |form, clue: String, product: &str, action: Option<&str>| {
        out.push(Case { form, clue, product: product.to_string(), action: action.map(str::to_string) })
    };
    for p in catalog.products() {
        let (c, r) = (p.code.as_str(), p.ram_code.as_str());
        if let Some((region, host)) = p.endpoints.first() {
            push("host-catalog", format!("POST https://{host}/ failed"), r, None);
            if let Some(label) = host.strip_suffix(&format!(".{region}.aliyuncs.com")) {
                push("host-vpc", format!("POST https://{label}-vpc.{region}.aliyuncs.com/ failed"), r, None);
            }
        }
        if let Some(host) = &p.global_endpoint {
            push("host-global", format!("POST https://{host}/ failed"), r, None);
        }
        push("host-code-region", format!("dial tcp: https://{c}.cn-hangzhou.aliyuncs.com/ refused"), r, None);
        push("host-code", format!("dial tcp: https://{c}.aliyuncs.com/ refused"), r, None);
        push("arn", format!("Resource: acs:{r}:cn-hangzhou:1234567890123456:*"), r, None);
        if c.bytes().all(|b| b.is_ascii_alphanumeric()) {
            let ns = c.to_ascii_uppercase();
            push("ros", format!("Stack CREATE_FAILED: resource Main (ALIYUN::{ns}::Instance) failed:"), r, None);
        }
        let short = p.name_en.split(" (").next().unwrap_or(&p.name_en);
        if !short.eq_ignore_ascii_case(c) && !short.eq_ignore_ascii_case(r) {
            push("name-en", format!("Calling {short} from our service:"), r, None);
        }
        if let Some(zh) = p.name_zh.as_deref().filter(|z| !z.is_empty()) {
            push("name-zh", format!("调用{zh}时报错："), r, None);
        }
        // The SDKs name a package after a dated version (`2014-05-26`); a product versioned otherwise (`1.0`)
        // has packages of its own shape.
        let Some(version) = p.versions.first().filter(|v| v.len() == 10) else { continue };
        let v = compact(version);
        let snake = c.replace('-', "_");
        let api = an_api(p, catalog);
        let (api_name, action) = api.as_ref().map_or((None, None), |(n, a)| (Some(n.as_str()), Some(a.as_str())));
        push("go-tea", format!("import \"github.com/alibabacloud-go/{c}-{v}/v2/client\""), r, None);
        push("go-sdk", format!("import \"github.com/aliyun/alibaba-cloud-sdk-go/services/{snake}\""), r, None);
        push("python-tea", format!("  File \"/app/lib/alibabacloud_{snake}{v}/client.py\", line 10"), r, None);
        push("java-tea", format!("\tat com.aliyun.{snake}{v}.Client.callApi(Client.java:100)"), r, None);
        push(
            "node-tea",
            format!("    at Client.callApi (/app/node_modules/@alicloud/{c}{v}/dist/client.js:9:1)"),
            r,
            None,
        );
        push("dotnet-tea", format!("   at AlibabaCloud.SDK.{}{v}.Client.CallApi()", dotnet_name(c)), r, None);
        push(
            "php-tea",
            format!(
                "#0 vendor/alibabacloud/src/Client.php(12): AlibabaCloud\\SDK\\{}\\V{v}\\Client->callApi()",
                php_name(c)
            ),
            r,
            None,
        );
        if let Some(api) = api_name {
            push(
                "python-sdk",
                format!("from aliyunsdk{snake}.request.v{v}.{api}Request import {api}Request"),
                r,
                action,
            );
            push(
                "java-sdk",
                format!("\tat com.aliyuncs.{snake}.model.v{v}.{api}Request.getResponse({api}Request.java:1)"),
                r,
                action,
            );
            push("cli", format!("$ aliyun {c} {api} --RegionId cn-hangzhou"), r, action);
            push(
                "java-tea-method",
                format!("\tat com.aliyun.{snake}{v}.Client.{}(Client.java:100)", tea_method(api)),
                r,
                action,
            );
        }
    }
    for (resource, product) in terraform_rows() {
        push(
            "terraform",
            format!("  with {resource}.default,\n  on main.tf line 1, in resource \"{resource}\" \"default\":"),
            &product,
            None,
        );
    }
    out
}

/// Clues that truly name no one product: (form, product, why). A failure listed here is not counted.
const SHARED: &[(&str, &str, &str)] = &[
    ("name-en", "asrs", "\"Hybrid Cloud Storage\" is the English name of both asrs and hgw"),
    ("name-en", "hgw", "\"Hybrid Cloud Storage\" is the English name of both asrs and hgw"),
    ("name-en", "computenest", "\"Compute Nest\" names both the user and the supplier side (computenestsupplier)"),
    ("name-en", "computenestsupplier", "\"Compute Nest\" names both the user and the supplier side"),
    // Rule `permission-system-not-named-by-words`: every product's errors talk about RAM and STS.
    ("name-en", "ram", "RAM and STS named in words are the permission system, not the product called"),
    ("name-en", "sts", "RAM and STS named in words are the permission system, not the product called"),
];

#[test]
fn every_clue_names_its_product() {
    let catalog = common::full_catalog();
    let all = cases(catalog);
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for case in &all {
        for (lang, refusal) in REFUSALS.iter().enumerate() {
            let text = format!("{}\n{refusal}", case.clue);
            let d = diagnose(&text, catalog);
            let f = d.findings.first();
            let product = f.and_then(|f| f.product.clone());
            let action = f.and_then(|f| f.actions.first().cloned());
            let ok = product.as_deref() == Some(case.product.as_str())
                && case.action.as_ref().is_none_or(|a| action.as_ref().is_some_and(|b| b.eq_ignore_ascii_case(a)));
            let t = tally.entry(case.form).or_default();
            t.1 += 1;
            if ok {
                t.0 += 1;
            } else if !SHARED.iter().any(|(form, p, _)| *form == case.form && *p == case.product) {
                misses.entry(case.form).or_default().push(format!(
                    "[{lang}] {} → want {} {:?}, got {:?} {:?}",
                    case.clue.lines().next().unwrap_or(""),
                    case.product,
                    case.action,
                    product,
                    action
                ));
            }
        }
    }
    for (form, (ok, n)) in &tally {
        println!("{form:18} {ok:5}/{n:5}");
    }
    let report: Vec<String> =
        misses.iter().flat_map(|(form, list)| list.iter().map(move |m| format!("{form}: {m}"))).collect();
    assert!(report.is_empty(), "{} clues name the wrong product:\n{}", report.len(), report.join("\n"));
    // Every form is swept over many products (a generator that silently produced nothing would pass).
    for (form, (_, n)) in &tally {
        assert!(*n >= 100, "{form}: only {n} cases");
    }
}
