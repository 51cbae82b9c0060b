//! Sweeps for which word of a paste is the error code: wide characters before a request's URL read no differently
//! (they once cut a character in two), a file name in capitals is no code however a tool logs it, and a family
//! code a paste's fixed-width wrap cut in two is read whole. Each with controls: the real code beside still wins.

use ram_doctor_core::read::ONE_WORD_CODES;
use ram_doctor_core::{diagnose, Finding, Kind};

mod common;

fn first(text: &str) -> Option<Finding> {
    diagnose(text, common::full_catalog()).findings.into_iter().next()
}

/// Alibaba Cloud's documented common gateway codes for signatures, timestamps and credentials, with a message.
const GATEWAY_CODES: &[(&str, &str)] = &[
    ("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    ("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    (
        "IllegalTimestamp",
        "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.",
    ),
    ("SignatureDoesNotMatch", "Specified signature is not matched with our calculation."),
    ("SignatureNonceUsed", "Specified signature nonce was used already."),
    ("InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    ("Forbidden.RAM", "User not authorized to operate on the specified resource."),
];

/// What users write before the URL they called, in Chinese and English.
const LEAD_INS: &[&str] = &["请求接口", "调用 ", "请求接口：", "访问「", "call ", "GET "];

#[test]
fn wide_characters_before_a_url_change_no_finding() {
    let mut wrong = Vec::new();
    for (code, message) in GATEWAY_CODES {
        let body = format!(
            r#"{{"RequestId":"1","Message":"{}","HostId":"alidns.aliyuncs.com","Code":"{code}"}}"#,
            message.replace('"', "\\\"")
        );
        let plain = first(&format!("https://alidns.aliyuncs.com/ failed! {body}")).map(|f| (f.kind, f.code));
        if plain.as_ref().and_then(|(_, c)| c.as_deref()) != Some(*code) {
            wrong.push(format!("{code}: read alone as {plain:?}"));
        }
        for lead in LEAD_INS {
            let text = format!("{lead}https://alidns.aliyuncs.com/失败! {body}");
            let got = first(&text).map(|f| (f.kind, f.code));
            if got != plain {
                wrong.push(format!("{text}: {got:?}, alone {plain:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Extensions of the files users keep in cloud drives and buckets, as cameras and old file systems write them.
const CAPITAL_FILES: &[&str] = &["IMG_8831.JPG", "DSC_0001.PNG", "SCAN_01.PDF", "BACKUP_2023.ZIP", "VID_0002.MP4"];

#[test]
fn a_file_name_in_capitals_is_no_code() {
    for name in CAPITAL_FILES {
        let log = format!(
            "2023/03/11 12:59:42 ERROR : drive/{name}: vfs cache: failed to download: 403 Forbidden\n\
             2023/03/11 12:59:42 ERROR : {name}: upload failed"
        );
        let got = first(&log).and_then(|f| f.code);
        assert_ne!(got.as_deref(), Some(*name), "{log}");
        // Control: an Alibaba Cloud error beside the same line is still read, with its own code.
        let beside = format!("{log}\nErrorCode: Forbidden.RAM\nErrorMessage: User not authorized to operate.");
        let f = first(&beside).expect(&beside);
        assert_eq!(f.code.as_deref(), Some("Forbidden.RAM"), "{beside}");
    }
}

#[test]
fn a_family_code_wrapped_mid_word_is_read_whole() {
    for code in ONE_WORD_CODES.iter().filter(|c| c.len() > 6) {
        let cut = code.char_indices().skip(3).find(|(_, c)| c.is_ascii_lowercase()).map(|(i, _)| i).unwrap();
        let text = format!(
            "DescribeOpenAPIEndpoint error: Aliyun API Error: RequestId: 884535        BB-75EA Status Code: 400 \
             Code: {}        {} Message: x. with         client",
            &code[..cut],
            &code[cut..]
        );
        let f = first(&text).expect(&text);
        assert_eq!(f.code.as_deref(), Some(*code), "{text}");
    }
    // Control: a code that no wrap cut keeps its words apart from the padding after it.
    let whole =
        "Aliyun API Error: RequestId: 1 Status Code: 403 Code: Forbidden.RAM        Message: User not authorized.";
    assert_eq!(first(whole).and_then(|f| f.code).as_deref(), Some("Forbidden.RAM"));
}

/// Documented Alibaba Cloud codes that are one capitalised word, each with its documented message: Model Studio's
/// overdue payment, the AI services' time-out, LinkWAN's dropped request, Smart Access Gateway's upgrade.
const PLAIN_WORD_CODES: &[(&str, &str)] = &[
    ("Arrearage", "Your account has an outstanding payment."),
    ("Timeout", "The request has timed out."),
    ("Abandoned", "An error occurred while processing this request, because the request was abandoned."),
    ("Upgrading", "The specified Smart Access Gateway is being upgraded."),
];

#[test]
fn a_documented_one_word_code_after_error_is_the_code() {
    let mut wrong = Vec::new();
    for (code, message) in PLAIN_WORD_CODES {
        for text in
            [format!("HTTP Status: 400 Error:{code} {message} RequestID: 1A2B"), format!("Error:{code} {message}")]
        {
            let got = first(&text);
            // Not a permission error: kind `other`, so no grant.
            let (kind, got_code) = (got.as_ref().map(|f| f.kind), got.and_then(|f| f.code));
            if got_code.as_deref() != Some(*code) || kind != Some(Kind::Other) {
                wrong.push(format!("{text}: {kind:?} {got_code:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_plain_word_after_error_still_opens_the_message() {
    // Plain words that are no documented code open the sentence they start.
    for word in ["Insufficient Permissions - denied by policy", "Unknown host oss.example", "Denied by policy"] {
        let got = first(&format!("HTTP Status: 400 Error:{word} RequestID: 1A2B"));
        let code = got.and_then(|f| f.code);
        assert!(code.as_deref().is_none_or(|c| !word.starts_with(c)), "{word}: {code:?}");
    }
    // Beside a genuine Alibaba Cloud refusal, the refusal's code is the finding's.
    for (code, message) in PLAIN_WORD_CODES {
        let text = format!("Error:{code} {message}\n{}", common::FORBIDDEN_RAM);
        let codes: Vec<_> = ram_doctor_core::diagnose(&text, common::full_catalog())
            .findings
            .into_iter()
            .filter_map(|f| f.code)
            .collect();
        assert!(codes.iter().any(|c| c == "Forbidden.RAM"), "{text}: {codes:?}");
    }
}
