//! Two OSS errors that share the words of a refusal and are none: path-style addressing (EC `0003-00001401`,
//! `SecondLevelDomainForbidden`, in the access-control family yet no missing allow) and a V4 signature scoped to
//! another region (EC `0002-00000226`, `InvalidArgument`, "Invalid signing region in Authorization header."). Each
//! in the shapes people paste (OSS's XML body, the Go and Python SDKs' prints, a header dump, a log line, Chinese
//! prose) gives its kind and never a grant, and the code where the shape prints the code or the EC; beside a genuine
//! `Forbidden.RAM`, that refusal keeps its own.

mod common;

use common::{first_kind_code_grant, refusal_lost};
use ram_doctor_core::Kind;

/// The shapes: `{code}`, `{message}` and `{ec}` filled in per error.
const SHAPES: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>oss-cn-hangzhou.aliyuncs.com</HostId>\n  <EC>{ec}</EC>\n</Error>",
    "Error: oss: service returned error: StatusCode=403, ErrorCode={code}, ErrorMessage=\"{message}\", RequestId=65AF5037E6D0953470000000, Ec={ec}",
    "oss2.exceptions.ServerError: {'status': 403, 'details': {'Code': '{code}', 'Message': '{message}', 'EC': '{ec}'}}",
    "HTTP/1.1 403 Forbidden\nServer: AliyunOSS\nx-oss-request-id: 65AF5037E6D0953470000000\nx-oss-ec: {ec}",
    "2024-05-01 12:00:00 ERROR upload failed: {code}: {message}",
    "上传到 OSS 报错：{message} 请问怎么解决？",
];

/// (EC, code, message, kind).
const ERRORS: &[(&str, &str, &str, Kind)] = &[
    ("0003-00001401", "SecondLevelDomainForbidden", "Please use virtual hosted style to access.", Kind::Other),
    ("0002-00000226", "InvalidArgument", "Invalid signing region in Authorization header.", Kind::Signature),
];

fn texts() -> impl Iterator<Item = (String, &'static str, Kind)> {
    ERRORS.iter().flat_map(|&(ec, code, message, kind)| {
        SHAPES
            .iter()
            .map(move |s| (s.replace("{code}", code).replace("{message}", message).replace("{ec}", ec), code, kind))
    })
}

#[test]
fn addressing_and_signing_region_errors_give_their_kind_and_code_and_no_grant() {
    let mut wrong = Vec::new();
    let mut n = 0;
    for (text, code, kind) in texts() {
        n += 1;
        match first_kind_code_grant(&text) {
            // Prose prints neither the code nor the EC.
            Some((k, c, false)) if k == kind && (c.as_deref() == Some(code) || text.contains("OSS 报错")) => {}
            got => wrong.push(format!("{got:?} {text:?}")),
        }
    }
    assert_eq!(n, ERRORS.len() * SHAPES.len());
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// The signing-region sentence alone implies the code OSS prints with it.
#[test]
fn the_signing_region_sentence_implies_its_code() {
    let d = ram_doctor_core::diagnose("报错：Invalid signing region in Authorization header.", common::full_catalog());
    let f = d.findings.first().expect("a finding");
    assert_eq!((f.kind, f.implied_code.as_deref()), (Kind::Signature, Some("InvalidArgument")));
}

#[test]
fn a_genuine_refusal_beside_them_keeps_its_finding() {
    let lost = refusal_lost(texts().map(|(t, _, _)| t));
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}
