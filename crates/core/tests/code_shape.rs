//! One classifier says whether a token has an error code's shape ([`ram_doctor_core::read::code`]). Every code the
//! catalog documents has one where a code word names it, but for plain words; non-codes (prose words, versions,
//! hosts, dates, Java class names) have none where the words around cannot tell; and a documented code after the
//! Chinese lead-ins users paste (`错误码：X`, `返回：X`) is read as the code.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use common::full_catalog;
use ram_doctor_core::read::code::{is_code, Level, ONE_WORD_CODES};
use ram_doctor_core::{diagnose, Kind};

/// Every error code of every shard of `data/`, once each (`[code, statuses, message]` rows).
fn documented_codes() -> Vec<String> {
    let shards = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/shards");
    let mut seen = BTreeMap::new();
    for entry in fs::read_dir(shards).unwrap() {
        let shard: serde_json::Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for row in shard["errors"].as_array().into_iter().flatten() {
            let code = row[0].as_str().unwrap().to_string();
            seen.insert(code.clone(), ());
        }
    }
    seen.into_keys().collect()
}

/// Why a documented code has no code's shape by itself, told without the classifier: a number (read after a code
/// word by its own rule), not one token (`Internal Error`, `Invalid%s`), or a plain word: one capital-led word, or
/// capitals alone, or lower case alone (`Unknown`, `FAILED`, `illegal.param`), which prose, logs and hosts print as
/// well.
fn shapeless(code: &str) -> Option<&'static str> {
    let b = code.as_bytes();
    if code.trim_start_matches('-').bytes().all(|c| c.is_ascii_digit()) {
        return Some("number");
    }
    if !b[0].is_ascii_alphabetic() || !b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-')) {
        return Some("not one token");
    }
    // `InternalError.`: a sentence's stop the source kept; pasted, the code ends before it.
    if code.ends_with('.') {
        return Some("ends with a stop");
    }
    let letters = || b.iter().all(u8::is_ascii_alphabetic);
    if ONE_WORD_CODES.contains(&code) {
        return None;
    }
    if (b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_lowercase))
        || (letters() && b.iter().all(u8::is_ascii_uppercase))
    {
        return Some("plain word");
    }
    if !b.iter().any(u8::is_ascii_uppercase) {
        return Some("lower case alone");
    }
    None
}

#[test]
fn every_documented_code_is_a_code_where_a_code_word_names_it() {
    let catalog = full_catalog();
    let codes = documented_codes();
    let mut missed = Vec::new();
    let mut wrongly = Vec::new();
    let mut set_aside: BTreeMap<&str, usize> = BTreeMap::new();
    for code in &codes {
        assert!(catalog.error_code(code).is_some(), "{code} is in a shard but not the catalog");
        let named = is_code(code, Level::Named);
        match shapeless(code) {
            None if !named => missed.push(code.as_str()),
            Some(why) => {
                *set_aside.entry(why).or_default() += 1;
                // A plain word is no code by its shape, even after a code word (`error code: Please retry`).
                if named && matches!(why, "plain word" | "lower case alone") {
                    wrongly.push(code.as_str());
                }
            }
            None => {}
        }
    }
    eprintln!("{} documented codes; {} set aside: {set_aside:?}", codes.len(), set_aside.values().sum::<usize>());
    assert!(codes.len() > 10_000, "the sweep runs over the whole catalog");
    assert!(missed.is_empty(), "{} documented codes not read after a code word: {missed:?}", missed.len());
    assert!(wrongly.is_empty(), "plain words read as codes by their shape: {wrongly:?}");
}

#[test]
fn each_level_takes_its_shapes() {
    use Level::*;
    // (token, the levels that take it). Every level not listed must refuse it.
    let table: &[(&str, &[Level])] = &[
        // Documented codes, one row per shape.
        ("Forbidden.RAM", &[Named, Stated, Keyless, Dotted, ErrorName, TableCell, Keyed, Candidate]),
        ("SignatureDoesNotMatch", &[Named, Stated, Keyless, Camel, Family, ErrorName, TableCell, Keyed, Candidate]),
        ("UserDisable", &[Named, Stated, Keyless, Camel, TableCell, Keyed, Candidate]),
        ("SLSUnauthorized", &[Named, Stated, Keyless, Camel, TableCell, Keyed]),
        ("Throttling", &[Named, Stated, Family, ErrorName, TableCell, Keyed]),
        ("notAuthorized", &[Named, Stated, Keyed, Reason]),
        ("ODPS-0420095", &[Named, Stated, Keyed]),
        ("iot.rule.StopRuleFailed", &[Named, Keyed]),
        ("iot.system.SystemException", &[Named, Keyed]),
        ("codeSizeError", &[Named, Keyed, Reason]),
        ("BIZ_TOPIC_UPDATE_CONFIG_ERROR", &[Named, TableCell, Keyed]),
        ("Error3009", &[Named, Keyed]),
        ("SDK.TimeoutError", &[Named, Stated, Keyless, TableCell, Keyed, Candidate]),
        ("InvalidAccessKeyId.NotFound.Extra.Part", &[Named, Stated, Keyless, ErrorName, TableCell, Keyed, Candidate]),
        // A class's name: a candidate the catalog must document (CloudMonitor's `AccessDeniedException`), and
        // the code where a code word names it; never where a class's name could stand.
        ("AccessDeniedException", &[Named, Keyless, TableCell, Keyed, Candidate]),
        ("TeaException", &[Named, Keyless, TableCell, Keyed, Candidate]),
        // Non-codes. Java class names, qualified or abbreviated.
        ("com.aliyun.tea.TeaException", &[]),
        ("java.lang.NullPointerException", &[]),
        ("c.a.c.s.b.DefaultAlicomMessagePuller", &[]),
        // File names, a camera's in capitals too: only where a code key names them.
        ("CombinedResponseHandler.java", &[Keyed]),
        ("IMG_8831.JPG", &[Keyed]),
        // Prose words, one capital or none.
        ("Please", &[Keyed]),
        ("Insufficient", &[Keyed]),
        ("Unknown", &[Keyed]),
        ("hello", &[]),
        ("Error", &[Keyed]),
        // SDK labels: no code after a code word or as a candidate; the fields reader knows them as keys first.
        ("RequestId", &[Stated, Keyless, Camel, TableCell]),
        ("ErrorCode", &[Stated, Keyless, Camel, TableCell]),
        // Versions.
        ("V1.2.3", &[]),
        ("v2.0.1", &[]),
        ("1.2.3", &[]),
        // Hosts.
        ("ecs.cn-hangzhou.aliyuncs.com", &[]),
        ("oss-cn-beijing.aliyuncs.com", &[]),
        // Dates and times.
        ("2024-01-02", &[]),
        ("2024-01-02T10:00:00Z", &[]),
    ];
    let all = [Named, Stated, Keyless, Dotted, Camel, Family, ErrorName, TableCell, Keyed, Reason, Candidate];
    let mut wrong = Vec::new();
    for (token, levels) in table {
        for level in all {
            if is_code(token, level) != levels.contains(&level) {
                wrong.push(format!("{token} at {level:?}: {}", is_code(token, level)));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// How users paste a code after a full-width colon: the lead-ins, each in Chinese prose and in a quoted reply.
const LEAD_INS: &[&str] = &[
    "错误码：{}",
    "调用接口失败，错误代码：{}",
    "> ErrorCode：{}",
    "接口返回：{}",
    "> 错误码：{}。",
    "报错了，返回：{}",
];

#[test]
fn a_documented_code_after_a_chinese_lead_in_is_the_code() {
    let catalog = full_catalog();
    let codes: Vec<String> = documented_codes().into_iter().filter(|c| shapeless(c).is_none()).collect();
    let mut missed = Vec::new();
    let mut asked = 0;
    // Every code after every lead-in would be 60 000 diagnoses: each code takes the lead-ins in turn, and the
    // permission family takes them all.
    for (n, code) in codes.iter().enumerate() {
        let family = ONE_WORD_CODES.contains(&code.as_str()) || code.starts_with("Forbidden");
        let leads: Vec<&str> = if family { LEAD_INS.to_vec() } else { vec![LEAD_INS[n % LEAD_INS.len()]] };
        for lead in leads {
            asked += 1;
            let text = lead.replace("{}", code);
            let d = diagnose(&text, catalog);
            if !d.findings.iter().any(|f| f.code.as_deref() == Some(code.as_str())) {
                let got: Vec<_> = d.findings.iter().map(|f| f.code.clone()).collect();
                missed.push(format!("{text:?} → {got:?}"));
            }
        }
    }
    eprintln!("{asked} pastes, {} missed", missed.len());
    assert!(asked > 10_000);
    assert!(missed.is_empty(), "{} missed: {:#?}", missed.len(), &missed[..missed.len().min(40)]);
}

#[test]
fn non_codes_after_a_chinese_lead_in_are_not_codes_and_leave_an_alibaba_error_alone() {
    let catalog = full_catalog();
    let genuine = "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.";
    for word in [
        "V1.2.3",
        "ecs.cn-hangzhou.aliyuncs.com",
        "2024-01-02",
        "com.aliyun.tea.TeaException",
        "c.a.c.s.b.DefaultAlicomMessagePuller",
        "RequestId",
    ] {
        for lead in LEAD_INS {
            let text = lead.replace("{}", word);
            let codes: Vec<_> = diagnose(&text, catalog).findings.into_iter().filter_map(|f| f.code).collect();
            assert!(!codes.iter().any(|c| c == word), "{text:?} → {codes:?}");
            let beside = format!("{text}\n{genuine}");
            let d = diagnose(&beside, catalog);
            let first = d.findings.first().unwrap_or_else(|| panic!("{beside:?}: no finding"));
            assert_eq!(first.code.as_deref(), Some("Forbidden.RAM"), "{beside:?}");
            assert_eq!(first.kind, Kind::MissingPermission, "{beside:?}");
        }
    }
}
