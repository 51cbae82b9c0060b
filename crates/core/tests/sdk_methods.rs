//! Sweeps of the two classes of `diagnose::sdk_methods`: every OSS SDK method of its table, in the way each SDK
//! language writes it, gives the RAM action of the operation it sends; and every API of a few products, written
//! the way tools and SDKs print it (snake case, kebab case, spaced words beside a failure, SDK suffixes), gives that
//! API once the product is known. Negative controls: the same words with no product, or another product's host,
//! give nothing; a verb alone gives nothing; an API the error names keeps winning; the Alibaba Cloud finding
//! itself (kind, code) does not change.

use ram_doctor_core::diagnose::sdk_methods::{snake, OSS_METHODS};
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

mod common;

fn catalog() -> &'static Catalog {
    common::full_catalog()
}

fn first(text: &str) -> Finding {
    diagnose(text, catalog()).findings.into_iter().next().unwrap_or_else(|| panic!("no finding for {text}"))
}

fn action(text: &str) -> Option<String> {
    first(text).actions.first().cloned()
}

/// The OSS SDK for Go's error (the Go SDK v1 prints no method of its own; the caller's code above it does).
const OSS_ERROR: &str = "oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"Access denied.\", RequestId=5C3D9175B6FC201293AD4890";

/// `putObjectFromFile` (Java, PHP, Node), `PutObjectFromFile` (Go, .NET).
fn lower_camel(method: &str) -> String {
    method[..1].to_ascii_lowercase() + &method[1..]
}

fn upper_camel(method: &str) -> String {
    method[..1].to_ascii_uppercase() + &method[1..]
}

/// Each SDK's way of calling a method, as a paste shows it above the error.
fn calls(method: &str) -> Vec<(&'static str, String)> {
    if !method.bytes().skip(1).any(|c| c.is_ascii_uppercase()) {
        // ali-oss's one-word methods: on its client, in code and in a stack frame.
        return vec![
            ("node", format!("const result = await client.{method}('object-key', file);")),
            ("node-stack", format!("    at Client.{method} (/app/node_modules/ali-oss/lib/object.js:10:5)")),
        ];
    }
    vec![
        ("go", format!("err = bucket.{}(\"object-key\", \"local.txt\")", upper_camel(method))),
        ("go-print", format!("{}:{OSS_ERROR}", upper_camel(method))),
        ("java", format!("ossClient.{}(bucketName, objectName, file);", lower_camel(method))),
        ("python", format!("result = bucket.{}('object-key', 'local.txt')", snake(method))),
        (
            "python-traceback",
            format!("  File \"/usr/lib/python3/site-packages/oss2/api.py\", line 1, in {}", snake(method)),
        ),
        ("node", format!("const result = await client.{}('object-key', file);", lower_camel(method))),
        ("php", format!("$ossClient->{}($bucket, $object, $filePath);", lower_camel(method))),
        ("dotnet", format!("var result = client.{}(bucketName, key, fileToUpload);", upper_camel(method))),
    ]
}

/// The RAM action a row gives: its own, else the catalog's for its operation.
fn expected(row: &ram_doctor_core::diagnose::sdk_methods::OssMethod) -> String {
    match row.action {
        Some(a) => a.to_string(),
        None => match catalog().api("oss", row.operation) {
            ram_doctor_core::catalog::ApiLookup::Found(_, api) => api.action.clone(),
            other => panic!("the catalog knows OSS's {}: {other:?}", row.operation),
        },
    }
}

#[test]
fn every_oss_sdk_method_in_every_language_gives_its_operations_action() {
    let mut cases = 0;
    let mut wrong = Vec::new();
    for row in OSS_METHODS {
        let want = expected(row);
        assert!(want.starts_with("oss:"), "{want}");
        for method in row.methods {
            for (form, call) in calls(method) {
                let text = if form == "go-print" { call.clone() } else { format!("{call}\n{OSS_ERROR}") };
                cases += 1;
                let f = first(&text);
                let got = f.actions.first().cloned();
                if f.product.as_deref() != Some("oss") || got.as_deref() != Some(want.as_str()) || !f.actions_inferred {
                    wrong.push(format!("{form} {method}: {:?} {got:?}, want {want}", f.product));
                }
            }
        }
    }
    assert!(cases > 250, "{cases}");
    assert!(wrong.is_empty(), "{} of {cases} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn a_copy_is_the_sources_read() {
    // CopyObject needs oss:GetObject on the source and oss:PutObject on the destination; the read first.
    let text = format!("client.copy throw 403 AccessDenied\n{OSS_ERROR}");
    assert_eq!(action(&text).as_deref(), Some("oss:GetObject"));
    assert_eq!(first(&text).actions, ["oss:GetObject", "oss:PutObject"]);
    assert_eq!(first(&text).api.as_deref(), Some("CopyObject"));
}

/// `DescribeDBInstances` → (snake, kebab, spaced title case, spaced lower case).
fn spellings(api: &str) -> Vec<(&'static str, String)> {
    let snake = snake(api);
    let words: Vec<&str> = snake.split('_').collect();
    let title: Vec<String> = words.iter().map(|w| upper_camel(w)).collect();
    vec![
        ("snake", format!("CPI '{snake}' method responded with error: {snake} failed: SDK.ServerError")),
        ("kebab", format!("$ tool {} --region cn-hangzhou", words.join("-"))),
        ("spaced-before-error", format!("time=\"2019-12-28T13:51:39Z\" {} error:", title.join(" "))),
        ("failed-to-spaced", format!("E1228 controller.go:90] failed to {} -", words.join(" "))),
        ("python-request-module", format!("from request import {snake}_request")),
        ("python-async", format!("await client.{snake}_async(request)")),
        ("go-with-chan", format!("responseChan, errChan := client.{api}WithChan(request)")),
        ("dotnet-async", format!("var response = await client.{api}Async(request);")),
    ]
}

/// A gateway refusal that names no API, with the product's endpoint host.
fn refusal(host: &str) -> String {
    format!(
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 1A2B3C4D-0000-0000-0000-000000000000\nEndpoint: https://{host}"
    )
}

/// The products of the sweep, with an endpoint host of each.
const PRODUCTS: &[(&str, &str)] = &[
    ("ecs", "ecs.cn-hangzhou.aliyuncs.com"),
    ("rds", "rds.aliyuncs.com"),
    ("slb", "slb.aliyuncs.com"),
    ("vpc", "vpc.aliyuncs.com"),
    ("alidns", "alidns.aliyuncs.com"),
];

#[test]
fn every_api_of_a_product_written_otherwise_gives_that_api() {
    let (mut cases, mut wrong, mut other_kind) = (0, Vec::new(), Vec::new());
    for &(code, host) in PRODUCTS {
        let apis = catalog().apis_of(code).expect("the shard is loaded");
        for (_, api) in apis {
            // One-word names are not read by design.
            if !api.name.bytes().skip(1).any(|c| c.is_ascii_uppercase()) {
                continue;
            }
            for (form, line) in spellings(&api.name) {
                // A tool's spaced words stand on the error's own line.
                let joint = if form.contains("spaced") { " " } else { "\n" };
                let text = format!("{line}{joint}{}", refusal(host));
                cases += 1;
                let f = first(&text);
                let got = f.actions.first().cloned().unwrap_or_default();
                // The API's own words may tell another kind (`Create Service Linked Role error`: a missing service
                // role, whose action is the role's): not this class's question.
                if f.kind != Kind::MissingPermission {
                    other_kind.push(format!("{code} {form} {}: {:?}", api.name, f.kind));
                    continue;
                }
                if f.product.as_deref() != Some(code) || !got.eq_ignore_ascii_case(&api.action) {
                    wrong.push(format!("{code} {form} {}: {:?} {got}", api.name, f.product));
                }
            }
        }
    }
    assert!(cases > 2000, "{cases}");
    assert!(
        other_kind.len() * 100 < cases,
        "{} of {cases} of another kind:\n{}",
        other_kind.len(),
        other_kind.join("\n")
    );
    assert!(wrong.is_empty(), "{} of {cases} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn no_product_or_another_products_host_gives_nothing() {
    let bare = "describe_instances failed: SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 1A2B3C4D-0000-0000-0000-000000000000";
    let f = first(bare);
    assert_eq!((f.kind, f.product.as_deref(), f.actions.first()), (Kind::MissingPermission, None, None));
    // ECS's CreateDisk, on an error of ApsaraDB RDS, which has no API of that name.
    let rds = format!("create_disk failed\n{}", refusal("rds.aliyuncs.com"));
    let f = first(&rds);
    assert_eq!(f.product.as_deref(), Some("rds"));
    assert!(f.actions.iter().all(|a| !a.eq_ignore_ascii_case("ecs:CreateDisk")), "{:?}", f.actions);
    // OSS's SDK methods on an ECS error: never an OSS action.
    for call in ["err = bucket.PutObjectFromFile(\"k\", \"f\")", "client.copy(a, b)", "bucket.put_object('k', 'v')"] {
        let f = first(&format!("{call}\n{}", refusal("ecs.aliyuncs.com")));
        assert_eq!(f.product.as_deref(), Some("ecs"));
        assert!(f.actions.iter().all(|a| !a.starts_with("oss:")), "{call}: {:?}", f.actions);
    }
}

#[test]
fn a_verb_alone_names_no_api() {
    for line in
        ["create failed: SDK.ServerError", "Create error: x", "failed to create: x", "create_ failed", "upload error"]
    {
        let f = first(&format!("{line}\n{}", refusal("ecs.aliyuncs.com")));
        assert!(f.actions.is_empty(), "{line}: {:?}", f.actions);
    }
    for line in ["upload failed", "client.upload(file)", "failed to upload: x", "download error"] {
        let f = first(&format!("{line}\n{OSS_ERROR}"));
        assert!(f.actions.is_empty(), "{line}: {:?}", f.actions);
    }
}

#[test]
fn an_api_the_error_names_keeps_winning() {
    // Go SDK v2's `operation error PutBucket:` beside ali-oss's `client.copy`.
    let text = "client.copy('a', 'b')\noperation error PutBucket: Error returned by Service.\nHttp Status Code: 403.\nError Code: AccessDenied.\nRequest Id: 5C3D9175B6FC201293AD4890.\nMessage: Access denied.";
    assert_eq!(action(text).as_deref(), Some("oss:PutBucket"));
    // The aliyun CLI's command beside a BOSH CPI method.
    let text = format!(
        "$ aliyun ecs DescribeInstances --RegionId cn-hangzhou\ncreate_disk failed\n{}",
        refusal("ecs.aliyuncs.com")
    );
    assert_eq!(action(&text).as_deref(), Some("ecs:DescribeInstances"));
}

#[test]
fn the_alibaba_cloud_finding_stays_the_same() {
    let plain = refusal("ecs.aliyuncs.com");
    for line in ["create_disk failed", "Create Disk error:", "client.DescribeInstancesWithChan(request)"] {
        let (a, b) = (first(&plain), first(&format!("{line}\n{plain}")));
        assert_eq!((a.kind, a.code, a.product), (b.kind, b.code, b.product), "{line}");
    }
    let (a, b) = (first(OSS_ERROR), first(&format!("client.copy(a, b)\n{OSS_ERROR}")));
    assert_eq!((a.kind, a.code, a.product), (b.kind, b.code, b.product));
}

/// ali-oss's one-word methods (`put`, `get`, `copy` …), each after another object's call of another one-word method.
fn one_word_rows() -> Vec<(&'static ram_doctor_core::diagnose::sdk_methods::OssMethod, &'static str)> {
    OSS_METHODS
        .iter()
        .flat_map(|row| {
            row.methods.iter().filter(|m| !m.bytes().skip(1).any(|c| c.is_ascii_uppercase())).map(move |m| (row, *m))
        })
        .collect()
}

/// An ali-oss error as Node prints it, with ali-oss's own frames below it, the last the method called.
fn ali_oss_error(method: &str) -> String {
    format!(
        "AccessDeniedError: The bucket you access does not belong to you.\n    at Client.requestError (/srv/api/node_modules/ali-oss/lib/client.js:300:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async Client.request (/srv/api/node_modules/ali-oss/lib/client.js:200:18)\n    at async Client.{method} (/srv/api/node_modules/ali-oss/lib/object.js:60:12)"
    )
}

/// Sweep: the call nearest the error names it, not an earlier one of the window; the method in the error's own
/// ali-oss frames beats every call above it; a one-word method counts only on a documented OSS client's name.
#[test]
fn the_call_the_error_came_from_names_it() {
    let rows = one_word_rows();
    assert!(rows.len() >= 7, "{}", rows.len());
    let (mut cases, mut wrong) = (0, Vec::new());
    for (k, (row, method)) in rows.iter().enumerate() {
        let want = expected(row);
        let (other_row, other) = rows[(k + 1) % rows.len()];
        let want_other = expected(other_row);
        for recv in ["client", "store", "ossClient", "this.client", "ctx.oss", "bucket"] {
            // An earlier OSS call of another method, then the one that failed.
            let texts = [
                format!("await {recv}.{other}('reports/a.csv');\nawait {recv}.{method}('reports/b.csv', body);\n{OSS_ERROR}"),
                // Another object's call of the same words right above: never an OSS call.
                format!("await {recv}.{method}('k');\nconst r = await httpClient.{other}(url);\n{OSS_ERROR}"),
            ];
            for text in texts {
                cases += 1;
                if action(&text).as_deref() != Some(want.as_str()) {
                    wrong.push(format!("{text}: {:?}, want {want}", action(&text)));
                }
            }
        }
        // The error's own frame wins over the calls above it.
        let text = format!("await client.{other}('x');\nawait store.{other}('y');\n\n{}", ali_oss_error(method));
        cases += 1;
        if action(&text).as_deref() != Some(want.as_str()) {
            wrong.push(format!("{text}: {:?}, want {want}", action(&text)));
        }
        // A frame of another library's `Client` is not ali-oss's: the call above names it.
        let text = format!(
            "await oss.{other}('z');\n{OSS_ERROR}\n    at async Client.{method} (/srv/api/node_modules/undici/lib/client.js:9:1)"
        );
        cases += 1;
        if action(&text).as_deref() != Some(want_other.as_str()) {
            wrong.push(format!("{text}: {:?}, want {want_other}", action(&text)));
        }
    }
    assert!(wrong.is_empty(), "{} of {cases} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// Negative controls: a one-word method on a name that only holds a client's word (`httpClient`, `apiClient`,
/// `bucketList`, `storeCache`) gives no action, and the OSS finding stays what the error says.
#[test]
fn a_one_word_method_on_another_object_names_nothing() {
    for (_, method) in one_word_rows() {
        for recv in ["httpClient", "apiClient", "bucketList", "storeCache", "ossConfig", "redisClient"] {
            for err in
                [OSS_ERROR.to_string(), "AccessDeniedError: You have no right to access this object.".to_string()]
            {
                let text = format!("const res = await {recv}.{method}(url);\n{err}");
                let f = first(&text);
                assert_eq!(f.kind, Kind::MissingPermission, "{text}");
                assert_eq!(f.product.as_deref(), Some("oss"), "{text}");
                assert!(f.actions.is_empty(), "{text}: {:?}", f.actions);
            }
        }
    }
}

/// The Terraform provider's step words, `<Api in spaced words> got error:`, name the API the step called, over the
/// create call its resource type implies; "got" alone before no failure word names nothing.
#[test]
fn a_step_that_got_an_error_names_its_api() {
    let text = format!(
        "* alicloud_instance.web: Modify instance attribute got error: &common.Error{{}}\n{}",
        refusal("ecs.ap-northeast-1.aliyuncs.com")
    );
    assert_eq!(action(&text).as_deref(), Some("ecs:ModifyInstanceAttribute"));
    let text = format!("Modify instance attribute got nothing\n{}", refusal("ecs.cn-hangzhou.aliyuncs.com"));
    assert_ne!(action(&text).as_deref(), Some("ecs:ModifyInstanceAttribute"));
}
