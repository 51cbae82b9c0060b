//! Sweep: an SDK request name (`<product>.<Api>`) wherever a tool prints it: on the error's own line before the code
//! (`failed to execute sdk request 'slb.UploadServerCertificate': SDKError: StatusCode: 403 Code: …`, the
//! Terraform provider's wrapping of an SDK error), quoted or bare (the Go SDK's `ecs.DescribeInstances`), alone or
//! with another request named on an earlier log line. The name on the error's line gives the finding's product
//! and API, whatever the earlier lines named; the product part is the SDK's name for the product (its catalog code,
//! the Go package spelling `waf_openapi`, or a name the product goes by such as `waf`), mapped to its RAM code.

mod common;

use ram_doctor_core::{diagnose, Catalog};

/// The Alibaba Cloud gateway's refusal as the Tea SDKs print it (`SDKError:` then the status, code, message and
/// request id on one line).
fn sdk_error(request: &str, quoted: bool) -> String {
    let name = if quoted { format!("'{request}'") } else { request.to_string() };
    format!(
        "failed to execute sdk request {name}: SDKError: StatusCode: 403 Code: Forbidden.RAM Message: User not \
         authorized to operate on the specified resource. RequestId: 6C4E1B4C-0000-0000-0000-000000000000"
    )
}

/// A debug log line naming a request sent before the failing one.
fn earlier(request: &str) -> String {
    format!("[DEBUG] sending sdk request '{request}'\n[DEBUG] response 200 OK\n")
}

/// The API names of a product's shard the reader takes as one (verbs the APIs open with), a few per product.
fn some_apis(catalog: &Catalog, ram_code: &str, code: &str) -> Vec<String> {
    const VERBS: &[&str] = &["Describe", "List", "Create", "Delete", "Modify", "Get", "Update"];
    let Some(apis) = catalog.apis_of(ram_code) else { return Vec::new() };
    let mut names: Vec<String> = apis
        .iter()
        .filter(|(p, a)| {
            p.code == code
                && a.name.bytes().all(|c| c.is_ascii_alphanumeric())
                && VERBS.iter().any(|v| a.name.strip_prefix(v).is_some_and(|r| r.starts_with(char::is_uppercase)))
        })
        .map(|(_, a)| a.name.clone())
        .collect();
    names.sort();
    names.dedup();
    let step = (names.len() / 3).max(1);
    names.into_iter().step_by(step).take(3).collect()
}

/// The SDK names of each product with the RAM code they must give: the catalog code, and the Go package spelling
/// of a hyphenated one.
fn sdk_names(catalog: &Catalog) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for p in catalog.products() {
        let owner = catalog.product(&p.code).map(|o| o.ram_code.clone());
        if owner.as_deref() != Some(p.ram_code.as_str()) || p.code.len() > 24 {
            continue;
        }
        let mut names = vec![p.code.to_ascii_lowercase()];
        if p.code.contains('-') {
            names.push(p.code.to_ascii_lowercase().replace('-', "_"));
        }
        for n in names {
            out.push((n, p.ram_code.clone(), p.code.clone()));
        }
    }
    out
}

#[test]
fn a_request_name_on_the_error_line_gives_product_and_api() {
    let catalog = common::full_catalog();
    let (mut cases, mut wrong) = (0, Vec::new());
    let other = "ecs.DescribeInstances";
    let other_slb = "slb.DescribeLoadBalancers";
    for (name, ram_code, code) in sdk_names(catalog) {
        for api in some_apis(catalog, &ram_code, &code) {
            let request = format!("{name}.{api}");
            let before = if ram_code == "ecs" { other_slb } else { other };
            for quoted in [true, false] {
                for text in [sdk_error(&request, quoted), format!("{}{}", earlier(before), sdk_error(&request, quoted))]
                {
                    cases += 1;
                    let d = diagnose(&text, catalog);
                    let f = d.findings.first();
                    let got = f.map(|f| (f.product.clone(), f.api.clone(), f.code.clone()));
                    let want = (Some(ram_code.clone()), Some(api.clone()), Some("Forbidden.RAM".to_string()));
                    if got.as_ref() != Some(&want) {
                        wrong.push(format!("{text:?}: {got:?}"));
                    }
                }
            }
        }
    }
    assert!(cases > 1500, "{cases} cases");
    assert!(
        wrong.is_empty(),
        "{} of {cases} wrong:\n{}",
        wrong.len(),
        wrong.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn a_name_the_product_goes_by_maps_to_its_ram_code() {
    let catalog = common::full_catalog();
    for (request, product, api) in [
        ("waf.ModifyDomain", "yundun-waf", "ModifyDomain"),
        ("waf_openapi.ModifyDomain", "yundun-waf", "ModifyDomain"),
        ("cs.DescribeClusters", "cs", "DescribeClusters"),
        ("alidns.AddDomainRecord", "alidns", "AddDomainRecord"),
        ("dysmsapi.SendSms", "dysms", "SendSms"),
        ("ecs20140526.DescribeInstances", "ecs", "DescribeInstances"),
    ] {
        let d = diagnose(&sdk_error(request, true), catalog);
        let f = &d.findings[0];
        assert_eq!((f.product.as_deref(), f.api.as_deref()), (Some(product), Some(api)), "{request}");
    }
}

/// Controls: a request named only on an earlier line still gives the finding's product; the error's own line
/// wins only over another request name; `lowercase.CamelCase` words that are no request (`log.Printf`,
/// `http.StatusForbidden`) name nothing; and a body that says its product keeps it.
#[test]
fn controls() {
    let catalog = common::full_catalog();
    let only_earlier = format!(
        "{}Error: SDKError: StatusCode: 403 Code: Forbidden.RAM Message: User not authorized to operate on the \
         specified resource. RequestId: X",
        earlier("slb.UploadServerCertificate")
    );
    let d = diagnose(&only_earlier, catalog);
    assert_eq!(d.findings[0].product.as_deref(), Some("slb"), "{only_earlier}");
    assert_eq!(d.findings[0].api.as_deref(), Some("UploadServerCertificate"));

    for noise in ["log.Printf", "http.StatusForbidden", "errors.New"] {
        let text = format!(
            "{noise}: SDKError: StatusCode: 403 Code: Forbidden.RAM Message: User not authorized to operate on the \
             specified resource. RequestId: X"
        );
        let d = diagnose(&text, catalog);
        assert_eq!(d.findings[0].code.as_deref(), Some("Forbidden.RAM"), "{text}");
        assert_eq!(d.findings[0].product, None, "{text}");
        assert_eq!(d.findings[0].api, None, "{text}");
    }

    // A name that is no product the catalog knows is not mapped to one (it stays as written).
    let d = diagnose(&sdk_error("nosuchproduct.DescribeThings", true), catalog);
    assert_eq!(d.findings[0].api.as_deref(), Some("DescribeThings"));
    assert_ne!(d.findings[0].product.as_deref(), Some("ecs"));

    // The gateway's JSON body naming its own API's request beside an earlier log line.
    let body = format!(
        "{}{}",
        earlier("ecs.DescribeInstances"),
        r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","HostId":"slb.aliyuncs.com","RequestId":"X"}"#
    );
    let d = diagnose(&body, catalog);
    assert_eq!(d.findings[0].code.as_deref(), Some("Forbidden.RAM"));
    assert_eq!(d.findings[0].product.as_deref(), Some("slb"), "{body}");
}

/// Error bodies the services answer with: OSS's XML and the OpenAPI gateway's JSON, with the code each states.
const BODIES: &[(&str, &str)] = &[
    (
        "AccessDenied",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>You have no right to \
         access this object because of bucket acl.</Message>\n  <RequestId>5C3D9175B6FC201293AD4890</RequestId>\n  \
         <HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>",
    ),
    (
        "SignatureDoesNotMatch",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  <Message>The request \
         signature we calculated does not match the signature you provided.</Message>\n  \
         <RequestId>5C3D9175B6FC201293AD4891</RequestId>\n</Error>",
    ),
    (
        "Forbidden.RAM",
        r#"{"RequestId":"6C4E1B4C-0000","HostId":"ecs.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource."}"#,
    ),
    (
        "NoPermission",
        r#"{"RequestId":"6C4E1B4C-0001","HostId":"ram.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action. You should be authorized by RAM."}"#,
    ),
];

/// HTTP clients' exceptions for a 403 answer, each named after HTTP's reason phrase (Ruby Excon, Faraday and
/// RestClient, Python requests, Java Feign and Retrofit, Node axios, .NET HttpClient).
const HTTP_CLIENT_WRAPPERS: &[&str] = &[
    "Excon::Error::Forbidden: Expected(200) <=> Actual(403 Forbidden)",
    "Faraday::ForbiddenError: the server responded with status 403",
    "RestClient::Forbidden: 403 Forbidden",
    "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://b.oss-cn-hangzhou.aliyuncs.com/k",
    "feign.FeignException$Forbidden: [403 Forbidden] during [GET] to [https://b.oss-cn-hangzhou.aliyuncs.com/k]",
    "retrofit2.HttpException: HTTP 403 Forbidden",
    "AxiosError: Request failed with status code 403",
    "System.Net.Http.HttpRequestException: Response status code does not indicate success: 403 (Forbidden).",
];

/// The reason phrases and the class names built on them: never the finding's code.
fn is_reason_phrase(code: &str) -> bool {
    ["Forbidden", "ForbiddenError", "Unauthorized", "HTTPError", "HttpException", "AxiosError"].contains(&code)
}

#[test]
fn an_http_clients_exception_wraps_the_bodys_code() {
    let catalog = common::full_catalog();
    let mut wrong = Vec::new();
    for wrapper in HTTP_CLIENT_WRAPPERS {
        for (code, body) in BODIES {
            let text = format!("{wrapper}\n{body}\n");
            let d = diagnose(&text, catalog);
            let codes: Vec<_> = d.findings.iter().map(|f| f.code.clone()).collect();
            if codes != [Some(code.to_string())] {
                wrong.push(format!("{text:?}: {codes:?}"));
            }
        }
        // Alone, the wrapper states no code.
        let d = diagnose(wrapper, catalog);
        if let Some(c) = d.findings.iter().find_map(|f| f.code.clone()).filter(|c| is_reason_phrase(c)) {
            wrong.push(format!("{wrapper:?} alone: {c}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Control: a family code the service prints before its sentence stays the code.
    let d = diagnose("Forbidden: User not authorized to operate on the specified resource.", catalog);
    assert_eq!(d.findings[0].code.as_deref(), Some("Forbidden"));
}

/// Log prefixes: Android logcat's (brief and `threadtime`), a Java logger's name, syslog's tags, Python logging's.
const LOG_PREFIXES: &[&str] = &[
    "W/System.err: ",
    "W/System.Err: ",
    "E/AndroidRuntime: ",
    "E/OSSLog: ",
    "12-07 10:00:01.123  1234  1250 W System.err: ",
    "12-07 10:00:01.123  1234  1250 E AndroidRuntime: ",
    "2026-12-07 10:00:01.123  WARN 1 --- [main] c.a.o.OSSClient : ",
    "Dec  7 10:00:01 host kernel: ",
    "Dec  7 10:00:01 host systemd[1]: ",
    "ERROR:root:",
];

/// Error lines the SDKs print, with their codes: the OSS Android SDK's, the core SDKs', Go's `code: message`.
const ERROR_LINES: &[(&str, &str)] = &[
    (
        "AccessDenied",
        "com.alibaba.sdk.android.oss.ServiceException: [StatusCode]: 403, [Code]: AccessDenied, [Message]: You have no \
         right to access this object because of bucket acl., [Requestid]: 5C3D, [HostId]: b.oss-cn-hangzhou.aliyuncs.com",
    ),
    ("Forbidden.RAM", "ServerException: Forbidden.RAM: User not authorized to operate on the specified resource."),
    ("InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.NotFound: Specified access key is not found."),
    (
        "SignatureDoesNotMatch",
        "ErrorCode: SignatureDoesNotMatch ErrorMessage: The request signature we calculated does not match the signature \
         you provided.",
    ),
];

#[test]
fn a_log_prefix_is_never_the_code() {
    let catalog = common::full_catalog();
    let mut wrong = Vec::new();
    for prefix in LOG_PREFIXES {
        for (code, line) in ERROR_LINES {
            let text = format!("{prefix}{line}\n");
            let d = diagnose(&text, catalog);
            let codes: Vec<_> = d.findings.iter().map(|f| f.code.clone()).collect();
            if codes != [Some(code.to_string())] {
                wrong.push(format!("{text:?}: {codes:?}"));
            }
        }
        // A prefix before a sentence with no code gives no code of its own.
        let text = format!("{prefix}Error: The request failed.\n");
        let d = diagnose(&text, catalog);
        if let Some(c) = d.findings.iter().find_map(|f| f.code.clone()) {
            wrong.push(format!("{text:?}: {c}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
