//! Fuzz targets: each takes arbitrary bytes, runs one of the project's parsers on them, and panics only when an
//! invariant breaks (a panic inside the code under test counts too). `cargo xtask fuzz` drives them with libFuzzer
//! (the `libfuzzer` feature's binaries); `tests/replay.rs` runs every committed seed and regression input through
//! them in a plain `cargo test`, so a crash once found stays fixed.

use std::sync::OnceLock;

use ram_doctor_core::policy::check::{lint, LintOptions, PolicyUse};
use ram_doctor_core::policy::parse::{parse, parse_document};
use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Request};
use ram_doctor_core::sign::encode::{canonical_query, parse_query};
use ram_doctor_core::sign::{
    read_received, sign as sign_call, Algorithm, Body, Call, Credentials, Received, Secret, Timestamp,
};
use ram_doctor_core::{Catalog, Report};
use ram_doctor_proxy::host;

/// A fuzz target: panics when an invariant breaks on `data`.
pub type Target = fn(&[u8]);

/// Every target by name: the names of the libFuzzer binaries and of the folders under `seeds/` and `regressions/`.
pub const TARGETS: &[(&str, Target)] =
    &[("diagnose", diagnose), ("policy", policy), ("share", share), ("sign", sign), ("relay_host", relay_host)];

/// The committed catalog, loaded once (the reader and the checks look products and actions up in it).
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().expect("the committed catalog loads"))
}

/// Splits fuzz input into up to `N` text fields at NUL bytes (invalid UTF-8 replaced), missing ones empty.
fn fields<const N: usize>(data: &[u8]) -> [String; N] {
    let mut parts = data.splitn(N, |&b| b == 0);
    std::array::from_fn(|_| parts.next().map(|p| String::from_utf8_lossy(p).into_owned()).unwrap_or_default())
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what} span {start}..{end} outside {} bytes", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} span {start}..{end} splits a char");
}

/// The error reader and the grant report built on it: any text diagnoses without panicking, evidence spans lie on
/// char boundaries inside the text, only the kinds a grant can fix carry one, and the report serialises (the page
/// and `--json` need it).
pub fn diagnose(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let d = ram_doctor_core::diagnose(&text, catalog());
    for f in &d.findings {
        for e in &f.evidence {
            assert_span(&text, e.start, e.end, "evidence");
        }
        assert!(!f.explanation.is_empty(), "a finding without an explanation");
    }
    let report = Report::new(&d, catalog()).expect("default plan options");
    for f in &report.findings {
        if !f.finding.kind.wants_grant() {
            let grant = &f.grant;
            assert!(
                grant.custom_policy.is_none() && grant.system_policies.is_empty(),
                "{:?} got a grant",
                f.finding.kind
            );
        }
    }
    serde_json::to_string(&report).expect("a report serialises");
}

/// The policy parser, the checks and the simulator: the located parser accepts only what `serde_json` accepts
/// (it is stricter: duplicate keys, depth), lint reports invalid JSON as RAM001 with spans inside the text, and a
/// document that parses compiles and decides a request without panicking.
pub fn policy(data: &[u8]) {
    let [text, action, resource] = fields::<3>(data);
    let json_ok = serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{feff}').unwrap_or(&text)).is_ok();
    match parse(&text) {
        Ok(_) => assert!(json_ok, "the policy parser accepted what serde_json refuses: {text:?}"),
        Err(e) => assert_span(&text, e.span.start, e.span.end, "parse error"),
    }
    for usage in [PolicyUse::Identity, PolicyUse::Principal] {
        let diagnostics = lint(&text, &LintOptions { name: Some(&action), usage, ..LintOptions::default() }, catalog());
        assert!(json_ok || diagnostics.iter().any(|d| d.id == "RAM001"), "invalid JSON without RAM001: {text:?}");
        for d in &diagnostics {
            assert_span(&text, d.span.start, d.span.end, &d.id);
        }
    }
    if let Ok(doc) = parse_document(&text) {
        if let Ok(compiled) = CompiledPolicy::compile(&doc) {
            let set = PolicySet::new(vec![compiled]);
            let request = Request::new(action, resource).with("acs:SourceIp", "10.0.0.1");
            let decision = set.simulate(&request);
            assert_eq!(decision.allowed, set.is_allowed(&request), "simulate and is_allowed disagree");
        }
    }
}

/// The share-link decoder (core's `share`): any fragment reads as a state or a typed error without panicking,
/// the same with or without its leading `#`; a state read back writes a link that reads as the same state.
pub fn share(data: &[u8]) {
    use ram_doctor_core::redact::RedactOptions;
    use ram_doctor_core::share::{decode, outgoing};
    let text = String::from_utf8_lossy(data);
    let fragment = text.trim_start_matches('#');
    let read = decode(fragment);
    assert_eq!(read, decode(&format!("#{fragment}")), "a leading # changes the link");
    if let Ok(Some(state)) = read {
        let out = outgoing(&state, &RedactOptions { reveal_ids: true });
        if let Ok(link) = out.fragment() {
            assert_eq!(decode(&link), Ok(Some(out.state)), "a link written from a read state reads back differently");
        }
    }
}

/// The signer's canonicaliser and the verifier's reading of a received request: any request reads without
/// panicking; a query read and written canonically reads back as the same sorted pairs; and a call signed from
/// fuzzed parameters (V3 and RPC) reads back with the same string to sign and verifies under its secret.
pub fn sign(data: &[u8]) {
    let [method, path, query, headers, body] = fields::<5>(data);
    let headers: Vec<(String, String)> = headers
        .lines()
        .map(|l| {
            l.split_once(':').map_or((l.to_string(), String::new()), |(n, v)| (n.to_string(), v.trim().to_string()))
        })
        .collect();
    let received =
        Received { method: &method, path: &path, raw_query: &query, headers: &headers, body: body.as_bytes() };
    if let Ok(presented) = read_received(&received) {
        let _ = presented.verify(&Secret::new("fuzz-secret"));
    }

    let pairs = parse_query(&query);
    let mut sorted = pairs.clone();
    sorted.sort();
    assert_eq!(parse_query(&canonical_query(&pairs)), sorted, "the canonical query does not read back");

    // The call's parameters come from the fuzzed query; `Signature` is the one name a caller cannot use.
    let params: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "Signature").collect();
    let credentials = Credentials::new("LTAIfuzz", "fuzz-secret");
    let form = (!body.is_empty()).then(|| Body::form(&parse_query(&body)));
    for algorithm in [Algorithm::V3, Algorithm::Rpc] {
        let call = Call {
            method: if method.len() % 2 == 0 { "GET" } else { "POST" }.to_string(),
            host: "ram.aliyuncs.com".to_string(),
            action: if path.trim().is_empty() { "ListUsers".to_string() } else { path.clone() },
            version: "2015-05-01".to_string(),
            params: params.clone(),
            body: form.clone(),
        };
        let signed = sign_call(&call, algorithm, &credentials, Timestamp::from_unix(1_700_000_000), "nonce-1")
            .expect("a valid call signs");
        let (path, query) = signed.path_and_query.split_once('?').unwrap_or((signed.path_and_query.as_str(), ""));
        let received =
            Received { method: &signed.method, path, raw_query: query, headers: &signed.headers, body: &signed.body };
        let presented = read_received(&received)
            .unwrap_or_else(|e| panic!("{algorithm:?}: a signed request does not read back: {e}"));
        assert_eq!(
            presented.string_to_sign, signed.string_to_sign,
            "{algorithm:?}: the verifier's string to sign differs"
        );
        assert!(presented.verify(&credentials.access_key_secret), "{algorithm:?}: a signed request does not verify");
    }
}

/// The relay's host parser: any host segment is refused or accepted without panicking; an accepted host is exactly
/// the text given, passes the syntax rules, is plain lower-case DNS (no IP literal, port, userinfo or escape), and
/// is on the allow-list; any address parsed from the text is classified without panicking.
pub fn relay_host(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let allow = host::AllowList::default();
    if let Ok(accepted) = host::parse_relay_host(&text, &allow) {
        assert_eq!(accepted, text, "the accepted host differs from the text");
        assert!(host::check_syntax(&accepted).is_ok() && allow.allows(&accepted));
        assert!(accepted.parse::<std::net::IpAddr>().is_err(), "an IP literal was accepted: {accepted:?}");
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
        assert!(accepted.chars().all(plain), "an accepted host has other characters: {accepted:?}");
    }
    if let Ok(extra) = host::AllowList::with_extra(&[text.to_string()]) {
        assert!(host::check_syntax(&text).is_ok() && extra.allows(&text), "an extra host that fails the syntax rules");
    }
    if let Ok(ip) = text.trim_matches(|c| c == '[' || c == ']').parse::<std::net::IpAddr>() {
        let _ = host::forbidden_address(ip);
    }
}
