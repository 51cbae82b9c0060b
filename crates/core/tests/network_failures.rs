//! Transport failures in the fixed words of the HTTP clients SDKs and tools use: libcurl's error names and
//! messages (ossfs, the OSS C SDK, PHP's clients) and Go's `*url.Error` (`Post "https://…": EOF`, which Go's client
//! returns only when no answer came). Beside an Alibaba Cloud host, before or after it, each is a finding of kind
//! `other` with the host's product and no grant; without a host they say nothing; beside a genuine RAM refusal the
//! refusal's finding stays.

mod common;

use common::{full_catalog, refusal_lost};
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Kind};

/// libcurl's names (its error-code list) and `curl_easy_strerror`'s and the curl tool's words for no answer.
const CURL: &[&str] = &[
    "### CURLE_COULDNT_CONNECT",
    "CURLE_COULDNT_RESOLVE_HOST",
    "CURLE_COULDNT_RESOLVE_PROXY",
    "curl error: CURLE_OPERATION_TIMEDOUT",
    "CURLE_SSL_CONNECT_ERROR",
    "CURLE_GOT_NOTHING",
    "CURLE_SEND_ERROR",
    "CURLE_RECV_ERROR",
    "curl: (6) Could not resolve host: {h}",
    "cURL error 6: Couldn't resolve host '{h}'",
    "curl: (7) Failed to connect to {h} port 443: Connection refused",
    "cURL error 7: Couldn't connect to server",
    "curl: (56) Failure when receiving data from the peer",
    "curl: (55) Failed sending data to the peer",
    "curl: (52) Server returned nothing (no headers, no data)",
];

/// Go's `*url.Error` for each method its client sends, the URL cut short as pastes often are.
const GO: &[&str] = &[
    "Error: Post \"https://{h}/?AccessKeyId=LTAI…",
    "Get \"https://{h}/latest\": EOF",
    "Put \"https://{h}/key\": net/http: TLS handshake failed",
    "Delete \"https://{h}/key\": read: connection lost",
    "Head \"https://{h}/\": EOF",
    "Patch \"https://{h}/x\": unexpected EOF",
];

const HOSTS: &[(&str, &str)] = &[
    ("sts.ap-south-1.aliyuncs.com", "sts"),
    ("archive.oss-cn-hangzhou.aliyuncs.com", "oss"),
    ("ecs.cn-beijing.aliyuncs.com", "ecs"),
];

/// The failure's line with the host named in it, or on the line before it.
fn shapes(line: &str, host: &str) -> Vec<String> {
    let line = line.replace("{h}", host);
    vec![format!("{line}\n  url: https://{host}/"), format!("[INF] URL is https://{host}/\n{line}")]
}

#[test]
fn a_transport_failure_beside_an_alibaba_cloud_host_is_that_product_s_and_no_grant() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for line in CURL.iter().chain(GO) {
        for &(host, product) in HOSTS {
            for text in shapes(line, host) {
                n += 1;
                let Some(f) = diagnose(&text, catalog).findings.into_iter().next() else {
                    wrong.push(format!("[none] {text:?}"));
                    continue;
                };
                let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
                let granted = !grant.system_policies.is_empty() || grant.custom_policy.is_some();
                if f.kind != Kind::Other || f.product.as_deref() != Some(product) || granted {
                    wrong.push(format!("[{} {:?} {granted}] {text:?}", f.kind.as_str(), f.product));
                }
            }
        }
    }
    eprintln!("transport failures: {}/{n} give other, the host's product and no grant", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn transport_words_without_an_alibaba_cloud_host_or_not_go_s_say_nothing() {
    let catalog = full_catalog();
    let mut wrong = Vec::new();
    let others = CURL.iter().chain(GO).map(|l| l.replace("{h}", "api.example.com"));
    // A request line (`POST "https://…`) or a word's tail (`Target "http…`) is no Go error.
    let not_go = [
        "POST \"https://ecs.cn-beijing.aliyuncs.com/\" took 3s",
        "Target \"https://ecs.cn-beijing.aliyuncs.com/\" is set",
    ];
    for text in others.chain(not_go.iter().map(|t| t.to_string())) {
        if let Some(f) = diagnose(&text, catalog).findings.into_iter().next() {
            wrong.push(format!("[{} {:?}] {text:?}", f.kind.as_str(), f.product));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_transport_failure_beside_a_ram_refusal_leaves_the_refusal() {
    let wrong = refusal_lost(CURL.iter().chain(GO).map(|l| l.replace("{h}", "ecs.cn-beijing.aliyuncs.com")));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
