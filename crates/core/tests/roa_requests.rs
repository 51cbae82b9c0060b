//! Sweep: the ROA call an error was made by names its RAM action, in every form a paste shows it (rules
//! `rest-request`, `roa-cli-command`, `roa-string-to-sign`, `roa-request-url`). For every ROA API of a handful of
//! products the catalog knows with a method and a path, the request is built from them with the `{Param}`
//! segments filled, and printed as the aliyun CLI's ROA command above the error it printed; as the server's string
//! to sign in a ROA signature error (method first, the `x-acs-version` header, the path last, no other clue to the
//! product); as an SDK debug line `[METHOD] https://<product host><path>`; and as an HTTP request line with its
//! `Host:`. Each must give the API's action; where another API of the product has the same method and path
//! template, the rule may give none, never a third one.

use std::collections::{BTreeMap, BTreeSet};

use ram_doctor_core::catalog::Api;
use ram_doctor_core::{diagnose, Catalog, Kind};

mod common;

/// The products swept: (OpenAPI code, as the aliyun CLI names it; RAM code).
const PRODUCTS: &[(&str, &str)] =
    &[("cs", "cs"), ("sae", "sae"), ("edas", "edas"), ("elasticsearch", "elasticsearch"), ("sls", "log")];

/// What a placeholder segment is filled with (no literal segment of any template reads so).
const FILLED: &str = "c82e6987e2961451182edacd74faf2a87";

/// The Forbidden.RAM body the ROA gateway answers a refused call with.
const REFUSED: &str = "ErrorCode: Forbidden.RAM\nRecommend: https://next.api.aliyun.com/troubleshoot?q=Forbidden.RAM\nRequestId: 5C4E2A1B-0000-0000-0000-000000000000\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.";

/// A path template (`/k8s/{ClusterId}/user_config`) with its placeholders filled.
fn filled(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&rest[..open]);
        out.push_str(FILLED);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A template's shape: its placeholders all alike, so `{ClusterId}` and `{cluster_id}` collide.
fn shape(method: &str, path: &str) -> (String, String) {
    (method.to_ascii_uppercase(), filled(path))
}

/// The product's endpoint host in a region (a Log Service project's host in front of the region's).
fn host(catalog: &Catalog, code: &str) -> String {
    let p = catalog.product(code).expect("the product");
    let h = p.endpoint("cn-hangzhou").or_else(|| p.endpoints.first().map(|(_, h)| h.as_str())).expect("a host");
    let h = h.trim();
    if code == "sls" {
        format!("my-project.{h}")
    } else {
        h.to_string()
    }
}

/// The texts of one request in every form, each with its form's name.
fn forms(catalog: &Catalog, code: &str, method: &str, path: &str) -> Vec<(&'static str, String)> {
    let version = catalog.product(code).and_then(|p| p.versions.first().cloned()).expect("a version");
    let host = host(catalog, code);
    vec![
        ("cli", format!("$ aliyun {code} {method} {path} --region cn-hangzhou\n\nERROR: SDK.ServerError\n{REFUSED}")),
        (
            "string-to-sign",
            format!(
                "ERROR: SDK.ServerError\nErrorCode: SignatureDoesNotMatch\nRecommend: https://next.api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch\nRequestId: 9A93EA66-52FB-5DBE-8E14-2C4F131E4180\nMessage: Specified signature is not matched with our calculation. server string to sign is:{method}\napplication/json\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/json\nMon, 07 Dec 2026 10:00:00 GMT\nx-acs-signature-method:HMAC-SHA1\nx-acs-signature-nonce:07ac069f1eee93a0828981ca366012c8\nx-acs-signature-version:1.0\nx-acs-version:{version}\n{path}"
            ),
        ),
        ("sdk-debug-url", format!("[{method}] https://{host}{path}\nSDK.ServerError\n{REFUSED}")),
        (
            "request-line",
            format!(
                "> {method} {path} HTTP/1.1\n> Host: {host}\n> Accept: application/json\n\n< HTTP/1.1 403 Forbidden\n{{\"code\":\"Forbidden.RAM\",\"message\":\"User not authorized to operate on the specified resource.\",\"requestId\":\"1\"}}"
            ),
        ),
    ]
}

#[test]
fn every_roa_api_of_the_swept_products_names_its_action_in_every_form() {
    let catalog = common::full_catalog();
    let (mut right, mut none_on_collision, mut missed) = (0, 0, Vec::new());
    for &(code, ram_code) in PRODUCTS {
        let apis: Vec<&Api> = catalog.apis_of(ram_code).expect("the shard").into_iter().map(|(_, a)| a).collect();
        let mut shapes: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for a in &apis {
            if let (Some(m), Some(p)) = (&a.method, &a.path) {
                shapes.entry(shape(m, p)).or_default().insert(a.action.clone());
            }
        }
        for a in apis.iter().filter(|a| a.method.is_some() && a.path.as_deref().is_some_and(|p| p.len() > 1)) {
            let method = a.method.as_deref().unwrap().to_ascii_uppercase();
            let template = a.path.as_deref().unwrap();
            let allowed = &shapes[&shape(&method, template)];
            let path = filled(template);
            for (form, text) in forms(catalog, code, &method, &path) {
                let d = diagnose(&text, catalog);
                let Some(f) = d.findings.first() else {
                    missed.push(format!("{form} {} {method} {path}: no finding", a.name));
                    continue;
                };
                match f.actions.first() {
                    Some(action) if allowed.len() == 1 && allowed.contains(action) => {
                        assert_eq!(f.product.as_deref(), Some(ram_code), "{form} {}: {text}", a.name);
                        right += 1;
                    }
                    None if allowed.len() > 1 => none_on_collision += 1,
                    Some(action) if allowed.len() > 1 && allowed.contains(action) => right += 1,
                    got => missed.push(format!("{form} {} {method} {path}: {got:?}, wanted {allowed:?}", a.name)),
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} right, {none_on_collision} none where templates collide, missed:\n{}",
        right,
        missed.join("\n")
    );
    eprintln!("{right} right, {none_on_collision} none where templates collide");
    assert!(right > 3000, "{right}");
}

/// The signature error's kind and code stay what the gateway said.
#[test]
fn a_roa_string_to_sign_keeps_the_signature_finding_and_finds_the_product_by_version() {
    let catalog = common::full_catalog();
    let text = &forms(catalog, "cs", "GET", "/k8s/c1/user_config")[1].1;
    let f = &diagnose(text, catalog).findings[0];
    assert_eq!(
        (f.kind, f.code.as_deref(), f.product.as_deref(), f.actions.first().map(String::as_str)),
        (Kind::Signature, Some("SignatureDoesNotMatch"), Some("cs"), Some("cs:DescribeClusterUserKubeconfig"))
    );
    // The Node client's error, its string on lines of their own, or as one JSON string with `\n` escaped.
    let message = text.split_once("Message: ").expect("a message").1;
    let node = format!("Error: Failed to get kubeconfig file for Kubernetes cluster: SignatureDoesNotMatchError: code: 400, {message}, requestid: 9A93EA66-52FB-5DBE-8E14-2C4F131E4180");
    let escaped = message.replace('\n', "\\n");
    let json = format!("{{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"{escaped}\",\"RequestId\":\"1\"}}");
    for text in [node, json] {
        let f = &diagnose(&text, catalog).findings[0];
        assert_eq!(
            (f.kind, f.actions.first().map(String::as_str)),
            (Kind::Signature, Some("cs:DescribeClusterUserKubeconfig")),
            "{text}"
        );
    }
}

/// Container Registry's personal edition (API version 2016-06-07, absent from the metadata) through the CLI.
#[test]
fn the_cli_command_of_an_unlisted_api_version_names_its_action() {
    let catalog = common::full_catalog();
    for (command, action) in [
        ("aliyun cr GET /tokens --region cn-shanghai", Some("cr:GetAuthorizationToken")),
        (
            "./aliyun cr GET /tokens --region cn-hangzhou --endpoint cr.cn-hangzhou.aliyuncs.com",
            Some("cr:GetAuthorizationToken"),
        ),
        // The personal edition's calls whose RAM action is not named after the API: none guessed.
        ("aliyun cr GET /repos/my-ns/my-app/tags --Page 1", None),
    ] {
        let text = format!("{command}\n\nERROR: SDK.ServerError\n{REFUSED}");
        let f = &diagnose(&text, catalog).findings[0];
        assert_eq!((f.product.as_deref(), f.actions.first().map(String::as_str)), (Some("cr"), action), "{text}");
    }
}

/// Negative controls: a path on an RPC product's host, a path no API has, a method-less URL whose path two APIs
/// share, a version no product has: no action invented; the Alibaba Cloud finding stays.
#[test]
fn requests_that_name_no_one_api_give_none() {
    let catalog = common::full_catalog();
    let cases = [
        ("[GET] https://ecs.cn-hangzhou.aliyuncs.com/instances/i-bp1g6zv0ce8oghu7k1fy", "ecs"),
        ("[GET] https://cs.cn-hangzhou.aliyuncs.com/no/such/path", "cs"),
        ("URL: https://cs.cn-hangzhou.aliyuncs.com/clusters/c1/nodepools", "cs"),
        ("aliyun cs GET /no/such/path", "cs"),
    ];
    for (line, product) in cases {
        let text = format!("{line}\nSDK.ServerError\n{REFUSED}");
        let f = &diagnose(&text, catalog).findings[0];
        assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some(product)), "{text}");
        assert!(f.actions.is_empty(), "{text}: {:?}", f.actions);
    }
    let text = forms(catalog, "cs", "GET", "/k8s/c1/user_config")[1]
        .1
        .replace("x-acs-version:2015-12-15", "x-acs-version:2001-01-01");
    let f = &diagnose(&text, catalog).findings[0];
    assert_eq!((f.kind, f.actions.first()), (Kind::Signature, None), "{text}");
    // A method-less URL whose path one API alone has names it.
    let text = format!("URL: https://cs.cn-hangzhou.aliyuncs.com/k8s/c1/user_config\nSDK.ServerError\n{REFUSED}");
    let f = &diagnose(&text, catalog).findings[0];
    assert_eq!(f.actions.first().map(String::as_str), Some("cs:DescribeClusterUserKubeconfig"), "{text}");
}

/// A session's earlier call that succeeded, printed above the request that failed (an SDK debug dump prints every
/// request with its response; a session of aliyun CLI commands prints each above what it got): the failed one,
/// nearest the error, names the action; the one answered `200 OK` never does. Every API of the swept products whose shape is its own, each after another API of its product.
#[test]
fn the_request_nearest_the_error_names_it_and_one_answered_2xx_never_does() {
    let catalog = common::full_catalog();
    let (mut right, mut missed) = (0, Vec::new());
    for &(code, ram_code) in PRODUCTS {
        let apis: Vec<&Api> = catalog.apis_of(ram_code).expect("the shard").into_iter().map(|(_, a)| a).collect();
        let mut shapes: BTreeMap<(String, String), usize> = BTreeMap::new();
        for a in &apis {
            if let (Some(m), Some(p)) = (&a.method, &a.path) {
                *shapes.entry(shape(m, p)).or_default() += 1;
            }
        }
        let own: Vec<(&Api, String, String)> = apis
            .iter()
            .filter_map(|a| {
                let (m, p) = (a.method.as_deref()?.to_ascii_uppercase(), a.path.as_deref()?);
                (p.len() > 1 && shapes[&shape(&m, p)] == 1).then(|| (*a, m, filled(p)))
            })
            .collect();
        let host = host(catalog, code);
        for (k, (a, method, path)) in own.iter().enumerate() {
            let (_, m0, p0) = &own[(k + 1) % own.len()];
            let ok = "< HTTP/1.1 200 OK\n< Content-Type: application/json\n{\"items\":[]}\n\n";
            let earlier = [
                ("request-line", format!("> {m0} {p0} HTTP/1.1\n> Host: {host}\n> Accept: */*\n\n{ok}")),
                ("sdk-debug-url", format!("[{m0}] https://{host}{p0}\n{ok}")),
                // A session of CLI commands: the one before answered its JSON.
                ("cli", format!("$ aliyun {code} {m0} {p0} --region cn-hangzhou\n{{\"items\":[]}}\n")),
            ];
            for (form, failed) in forms(catalog, code, method, path) {
                let Some((_, before)) = earlier.iter().find(|(f, _)| *f == form) else { continue };
                let text = format!("{before}{failed}");
                let f = &diagnose(&text, catalog).findings[0];
                if f.actions.first() == Some(&a.action) {
                    right += 1;
                } else {
                    missed.push(format!("{form} {}: {:?}", a.name, f.actions));
                }
            }
        }
    }
    assert!(missed.is_empty(), "{right} right, missed:\n{}", missed.join("\n"));
    assert!(right > 1000, "{right}");
}

/// Negative control: a request answered `200 OK` above an error that names no request of its own gives no action,
/// and the Forbidden.RAM finding stays.
#[test]
fn a_request_answered_2xx_is_not_the_errors() {
    let catalog = common::full_catalog();
    let host = host(catalog, "cs");
    for ok in ["< HTTP/1.1 200 OK", "HTTP/1.1 204 No Content", "< HTTP/1.0 201 Created"] {
        for req in [
            format!("> GET /clusters/{FILLED} HTTP/1.1\n> Host: {host}"),
            format!("[GET] https://{host}/clusters/{FILLED}"),
        ] {
            let text = format!("{req}\n{ok}\n\nSDK.ServerError\n{REFUSED}");
            let f = &diagnose(&text, catalog).findings[0];
            assert_eq!((f.kind, f.code.as_deref()), (Kind::MissingPermission, Some("Forbidden.RAM")), "{text}");
            assert!(f.actions.is_empty(), "{text}: {:?}", f.actions);
        }
    }
}
