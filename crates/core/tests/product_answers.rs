//! Sweeps: the product rules that read who answered an error or what its own words name, each over its documented
//! class, with negative controls — Function Compute's Node.js SDK error (`<METHOD> <path> failed with <status>.
//! requestid: …, message: …`), Simple Log Service's `errorCode`/`errorMessage` body, a service role named in a role
//! ARN (any case, closing punctuation after it), every product's endpoint host standing in the words around a
//! signature error, and a code a few products document whose message names one of them.

use std::fs;
use std::path::PathBuf;

use ram_doctor_core::{diagnose, Catalog};
use serde_json::Value;

mod common;

/// The committed index as JSON: its `errors` and `roles` rows.
fn index() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json");
    serde_json::from_slice(&fs::read(path).expect("data/index.json is committed")).expect("the index is JSON")
}

/// The first finding's product.
fn product(text: &str, catalog: &Catalog) -> Option<String> {
    diagnose(text, catalog).findings.first().and_then(|f| f.product.clone())
}

/// Every request path of the FC SDK's client (`lib/client.js`: services, functions, triggers, custom domains,
/// versions, aliases) in each method, status and message FC documents, and the refusal to assume a role: FC's.
#[test]
fn function_computes_sdk_error_names_function_compute() {
    let catalog = common::full_catalog();
    const PATHS: &[&str] = &[
        "/services",
        "/services/svc",
        "/services/svc/functions",
        "/services/svc/functions/fn/triggers",
        "/services/svc/functions/fn/invocations",
        "/services/svc/versions",
        "/services/svc/aliases",
        "/custom-domains",
    ];
    const MESSAGES: &[&str] = &[
        "No permission to assume the role 'acs:ram::1234567890123456:role/fc-role' for you",
        "the access key ID is disabled 'LTAI0000000000000000'",
        "project 'my-logs' does not exist",
        "the caller is not authorized to perform 'fc:CreateService' on resource 'acs:fc:cn-hangzhou:1:services/svc'",
    ];
    let mut n = 0;
    for method in ["GET", "POST", "PUT", "DELETE"] {
        for path in PATHS {
            for status in [400, 403, 404] {
                for message in MESSAGES {
                    let text = format!(
                        "Error Message:\n{method} {path} failed with {status}. requestid: 1a2b3c4d-0000-0000-0000-000000000000, message: {message}."
                    );
                    assert_eq!(product(&text, catalog).as_deref(), Some("fc"), "{text}");
                    n += 1;
                }
            }
        }
    }
    assert_eq!(n, 4 * PATHS.len() * 3 * MESSAGES.len());
}

#[test]
fn other_failed_with_sentences_are_not_function_computes() {
    let catalog = common::full_catalog();
    // Without the SDK's `requestid:` the sentence is any client's; the bucket it names is OSS's.
    let text = "GET /services failed with 403, message: bucket 'x' is not yours\nCode: AccessDenied";
    assert_ne!(product(text, catalog).as_deref(), Some("fc"), "{text}");
    // FC answering that another product's resource is out of reach: that resource's product was denied.
    let logstore = "FCAccessDeniedError: POST /services failed with 403. requestid: 1, message: No permission to access the logstore 'l' in project 'p'.";
    assert_eq!(product(logstore, catalog).as_deref(), Some("log"));
    let bucket = "POST /services/s/functions failed with 403. requestid: 1, message: bucket 'code' is not accessible.";
    assert_eq!(product(bucket, catalog).as_deref(), Some("oss"));
    // A genuine ECS refusal stays ECS's: the host that answered ranks above the shape.
    let ecs = "{\"Code\":\"Forbidden.RAM\",\"HostId\":\"ecs.aliyuncs.com\",\"Message\":\"User not authorized to operate on the specified resource.\"}\nPOST /services failed with 403. requestid: 1, message: denied.";
    assert_eq!(product(ecs, catalog).as_deref(), Some("ecs"));
}

/// Simple Log Service's own error codes (its "Error codes" reference), each in its JSON body, raw and escaped.
#[test]
fn simple_log_services_error_body_names_it() {
    let catalog = common::full_catalog();
    const CODES: &[(&str, &str)] = &[
        ("SignatureNotMatch", "signature abc= not match"),
        ("ProjectNotExist", "The Project does not exist : p"),
        ("LogStoreNotExist", "logstore l does not exist"),
        ("WriteQuotaExceed", "Write quota is exceeded."),
        ("PostBodyTooLarge", "Body size 10 must little than 3145728."),
    ];
    for (code, message) in CODES {
        let raw = format!("{{\"errorCode\":\"{code}\",\"errorMessage\":\"{message}\"}}");
        let escaped = format!("`{{\\\"errorCode\\\":\\\"{code}\\\",\\\"errorMessage\\\":\\\"{message}\\\"}}`");
        for text in [raw, escaped] {
            assert_eq!(product(&text, catalog).as_deref(), Some("log"), "{text}");
        }
    }
}

/// Codes SLS shares with other printers (`Unauthorized`, `InvalidAccessKeyId`, `ParameterInvalid`) do not make these
/// key names SLS's: an application's JSON (Spring Security's sentence) names no product, and OSS's sentence names OSS.
#[test]
fn a_code_others_print_too_does_not_make_the_body_simple_log_services() {
    let catalog = common::full_catalog();
    let spring =
        "{\"errorCode\":\"Unauthorized\",\"errorMessage\":\"Full authentication is required to access this resource\"}";
    assert_eq!(product(spring, catalog), None, "{spring}");
    let oss = "{\"success\":false,\"errorCode\":\"InvalidAccessKeyId\",\"errorMessage\":\"The OSS Access Key Id you provided does not exist in our records.\",\"requestId\":\"663D8E1F2A3B4C5D6E7F8091\"}";
    assert_eq!(product(oss, catalog).as_deref(), Some("oss"), "{oss}");
    let params = "{\"errorCode\":\"ParameterInvalid\",\"errorMessage\":\"The parameter is invalid.\"}";
    assert_ne!(product(params, catalog).as_deref(), Some("log"), "{params}");
}

#[test]
fn an_actiontrail_record_or_a_named_host_is_not_read_as_simple_log_services() {
    let catalog = common::full_catalog();
    // ActionTrail's event records carry `errorCode`/`errorMessage` beside the `eventSource` that answered.
    let event = "{\n  \"apiVersion\": \"2014-05-26\",\n  \"errorCode\": \"Forbidden.RAM\",\n  \"errorMessage\": \"User not authorized to operate on the specified resource.\",\n  \"eventName\": \"DescribeInstances\",\n  \"eventSource\": \"ecs.aliyuncs.com\"\n}";
    assert_ne!(product(event, catalog).as_deref(), Some("log"), "{event}");
    // A dotted code (the OpenAPI gateway's), which SLS never answers, in these key names: another printer's.
    let gateway = "{\"errorCode\":\"Forbidden.RAM\",\"errorMessage\":\"User not authorized\"}";
    assert_eq!(product(gateway, catalog), None, "{gateway}");
    // The same body answered by a named host is that host's.
    let hosted = "{\"errorCode\":\"Forbidden.RAM\",\"errorMessage\":\"denied\",\"HostId\":\"ecs.aliyuncs.com\"}";
    assert_eq!(product(hosted, catalog).as_deref(), Some("ecs"));
}

/// The same key names with a dotless code the gateway answers (`Forbidden`, `NoPermission`), printed by an
/// application log or a Java handler: the host that answered, the stated action or STS, never Simple Log Service.
#[test]
fn a_dotless_gateway_code_in_these_key_names_keeps_the_real_answer() {
    let catalog = common::full_catalog();
    const DENIED: &str = "User not authorized to operate on the specified resource.";
    for code in ["Forbidden", "NoPermission"] {
        // Beside another product's endpoint (an application log's field) or `HostId`.
        for (key, host, want) in [
            ("endpoint", "ecs.cn-hangzhou.aliyuncs.com", "ecs"),
            ("endpoint", "vpc.aliyuncs.com", "vpc"),
            ("HostId", "ecs.aliyuncs.com", "ecs"),
            ("HostId", "rds.aliyuncs.com", "rds"),
        ] {
            let text = format!(
                "{{\"level\":\"error\",\"errorCode\":\"{code}\",\"errorMessage\":\"{DENIED}\",\"{key}\":\"{host}\"}}"
            );
            assert_eq!(product(&text, catalog).as_deref(), Some(want), "{text}");
        }
        // A stated `ecs:` action, in the message: ECS's, whatever code (even one SLS documents) stands beside it.
        for code in [code, "Unauthorized"] {
            let text = format!(
                "{{\"success\":false,\"errorCode\":\"{code}\",\"errorMessage\":\"Access denied for action ecs:DescribeInstances\"}}"
            );
            assert_eq!(product(&text, catalog).as_deref(), Some("ecs"), "{text}");
        }
    }
    // STS's refusal of AssumeRole, with and without its endpoint: STS's, not SLS's.
    const STS: &str = "You are not authorized to do this action. You should be authorized by RAM.";
    for extra in ["", r#","endpoint":"sts.aliyuncs.com","action":"AssumeRole""#] {
        let text = format!("{{\"errorCode\":\"NoPermission\",\"errorMessage\":\"{STS}\"{extra}}}");
        assert_eq!(product(&text, catalog).as_deref(), Some("sts"), "{text}");
    }
    // The control's other side: the same dotless code with SLS's own resource words is SLS's.
    let logstore = "{\"errorCode\":\"Forbidden\",\"errorMessage\":\"no permission to access logstore l in project p\"}";
    assert_eq!(product(logstore, catalog).as_deref(), Some("log"), "{logstore}");
}

/// Every service role the catalog knows, named in a role ARN in lower case with the sentence's period after it
/// (aliyungo's print of `EntityNotExist.Role`): the product that owns the role.
#[test]
fn a_service_role_in_an_arn_names_its_product_in_any_case() {
    let catalog = common::full_catalog();
    let index = index();
    let mut n = 0;
    let mut wrong = Vec::new();
    for row in index["roles"].as_array().expect("roles") {
        let Some(name) = row[0].as_str().filter(|n| n.starts_with("Aliyun")) else { continue };
        let Some(role) = catalog.service_role(name) else { continue };
        let lower = name.to_ascii_lowercase();
        let text = format!(
            "Aliyun API Error: RequestId: 1 Status Code: 404 Code: EntityNotExist.Role Message: The role not exists: acs:ram::1234567890123456:role/{lower}. "
        );
        n += 1;
        let got = product(&text, catalog);
        if got.as_deref() != Some(role.product.as_str()) {
            wrong.push(format!("{name}: want {}, got {got:?}", role.product));
        }
    }
    assert!(n > 50, "roles swept: {n}");
    assert!(wrong.is_empty(), "{} of {n}:\n{}", wrong.len(), wrong.join("\n"));
}

/// Every product's catalog endpoint standing in the words around a signature error that names no product, as a
/// client's dump prints it and percent-encoded in a redirect's query: that product.
#[test]
fn an_endpoint_host_in_the_words_around_names_its_product() {
    let catalog = common::full_catalog();
    let error = "{\"Code\":\"IncompleteSignature\",\"Message\":\"The request signature does not conform to Aliyun standards.\"}";
    let (mut n, mut wrong) = (0, Vec::new());
    for p in catalog.products() {
        // Hosts in Alibaba Cloud's endpoint domain (the catalog's other two, AliGenie's and Drive's, are read as
        // fields only).
        let Some((_, host)) = p.endpoints.first().filter(|(_, h)| h.ends_with(".aliyuncs.com")) else { continue };
        // Only a host that names this product by itself (the catalog's own answer for it).
        if catalog.product_by_host(host).map(|q| q.ram_code.as_str()) != Some(p.ram_code.as_str()) {
            continue;
        }
        for text in [
            format!("{error}\n\n  :host          => \"{host}\""),
            format!("{error}\n\nredirect: origin=https%3A%2F%2F{host}%2F"),
        ] {
            n += 1;
            let got = product(&text, catalog);
            // Voice Service's endpoints hold its SDK's name `dyvmsapi`, a mark of its RAM code `dyvms`.
            let voice = p.ram_code.starts_with("dyvmsapi") && got.as_deref() == Some("dyvms");
            if got.as_deref() != Some(p.ram_code.as_str()) && !voice {
                wrong.push(format!("{host}: want {}, got {got:?}", p.ram_code));
            }
        }
    }
    assert!(n > 200, "hosts swept: {n}");
    assert!(wrong.is_empty(), "{} of {n}:\n{}", wrong.len(), wrong.join("\n"));
    // Two products' hosts around the error name neither; a host outside Alibaba Cloud's domains names none.
    let two = format!("{error}\n\n:host => \"ecs.aliyuncs.com\"\n:proxy => \"vpc.aliyuncs.com\"");
    assert_eq!(product(&two, catalog), None, "{two}");
    let other = format!("{error}\n\n:host => \"ecs.example.com\"");
    assert_eq!(product(&other, catalog), None, "{other}");
}

/// Every dotted code two to four products' error tables list (the shards' `errors`), not one the index classifies:
/// a message naming one owner by its code, in lower case, gives that owner; naming two of them decides nothing.
#[test]
fn a_shared_code_whose_message_names_an_owner_is_that_owners() {
    let catalog = common::full_catalog();
    let shards = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/shards");
    let mut owners: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for entry in fs::read_dir(shards).expect("data/shards is committed") {
        let shard: Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        let Some(ram_code) = shard["ram_code"].as_str() else { continue };
        for row in shard["errors"].as_array().into_iter().flatten() {
            if let Some(code) = row[0].as_str().filter(|c| c.contains('.') && !c.contains('%')) {
                let list = owners.entry(code.to_string()).or_default();
                if !list.iter().any(|o| o == ram_code) {
                    list.push(ram_code.to_string());
                }
            }
        }
    }
    let index = index();
    let classified: Vec<&str> =
        index["errors"].as_array().expect("errors").iter().filter_map(|r| r[0].as_str()).collect();
    let (mut n, mut wrong) = (0, Vec::new());
    for (code, list) in &owners {
        if !(2..=4).contains(&list.len()) || classified.contains(&code.as_str())
            // The gateway's codes (risk control, sub-user refusals) name no product, whoever lists them.
            || ram_doctor_core::diagnose::rules::is_gateway_code(&code.to_ascii_lowercase())
        {
            continue;
        }
        // Owners whose RAM code is a plain word (not a mark of another product's SDK, `dyvmsapi`).
        let plain: Vec<&String> = list.iter().filter(|o| o.bytes().all(|b| b.is_ascii_lowercase())).collect();
        for &owner in &plain {
            let text = format!("ErrorCode: {code}\nMessage: the {owner} request was refused by the quota check.");
            n += 1;
            let got = product(&text, catalog);
            if got.as_deref() != Some(owner.as_str()) {
                wrong.push(format!("{code} {list:?}: want {owner}, got {got:?}"));
            }
        }
        // Naming two owners decides nothing by this rule: the same product as naming none.
        if let [a, b, ..] = plain.as_slice() {
            let none = format!("ErrorCode: {code}\nMessage: the request was refused by the quota check.");
            let two = format!("ErrorCode: {code}\nMessage: the {a} and {b} requests were refused by the quota check.");
            assert_eq!(product(&two, catalog), product(&none, catalog), "{two}");
        }
    }
    assert!(n > 100, "codes swept: {n}");
    assert!(wrong.is_empty(), "{} of {n}:\n{}", wrong.len(), wrong.join("\n"));
}

/// Every code the catalog classifies as a missing service role that one product documents, printed with its
/// documented message (which often names the other product whose resource the role reaches, an OSS bucket): the
/// product whose code it is, that needs the role.
#[test]
fn a_missing_service_roles_own_code_names_its_product() {
    let catalog = common::full_catalog();
    let index = index();
    let (mut n, mut wrong) = (0, Vec::new());
    for row in index["errors"].as_array().expect("errors") {
        // Not the gateway's `NoPermission.…` refusals, which every product answers whoever lists them.
        let Some(code) = row[0].as_str().filter(|c| !c.contains('%') && !c.starts_with("NoPermission")) else {
            continue;
        };
        if row[4].as_str() != Some("service-role-missing") {
            continue;
        }
        let Some(owner) = catalog.sole_code_owner(code) else { continue };
        let message = row[2].as_str().unwrap_or("The service role does not exist.");
        let text = format!("ErrorCode: {code}\nMessage: {message}");
        let d = diagnose(&text, catalog);
        let Some(f) = d.findings.first().filter(|f| f.kind == ram_doctor_core::finding::Kind::ServiceRoleMissing)
        else {
            continue;
        };
        n += 1;
        if f.product.as_deref() != Some(owner.as_str()) {
            wrong.push(format!("{code}: want {owner}, got {:?}", f.product));
        }
    }
    assert!(n > 5, "codes swept: {n}");
    assert!(wrong.is_empty(), "{} of {n}:\n{}", wrong.len(), wrong.join("\n"));
}
