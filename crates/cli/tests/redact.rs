//! `ram-doctor redact`, run as a real process.

mod common;

use common::run_with_stdin as run;

// Made up for the test, in the real shapes.
const SECRET: &str = "Zq8Xw3Lm0Np5Rs7Tu9Vb2Cd4Ef6Gh1";
const KEY_ID: &str = "LTAI5tBcDeFgHiJkLmNoPqRs";

fn paste() -> String {
    let token = format!("CAIS{}", "8gF1q6Ft5B2yfSjIr5bfKOLxCIx+/aB0".repeat(5));
    format!(
        "aliyun configure --access-key-id {KEY_ID} --access-key-secret {SECRET}\n\
         x-acs-security-token: {token}\n\
         {{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{{\"AuthPrincipalOwnerId\":\"1234567890123456\",\"AuthPrincipalDisplayName\":\"204588330455123456\"}}}}\n"
    )
}

#[test]
fn cuts_secrets_and_masks_ids_from_stdin() {
    let out = run(&["redact"], &paste());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(SECRET) && !text.contains(KEY_ID) && !text.contains("CAIS"), "{text}");
    assert!(!text.contains("1234567890123456") && !text.contains("204588330455123456"), "{text}");
    assert!(
        text.contains("<redacted:access-key-secret>") && text.contains("LTAI****") && text.contains("Forbidden.RAM"),
        "{text}"
    );
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("cut 2") && summary.contains("masked 3"), "{summary}");
}

#[test]
fn reveal_ids_keeps_account_and_user_ids_only() {
    let text = String::from_utf8(run(&["redact", "-", "--reveal-ids"], &paste()).stdout).unwrap();
    assert!(text.contains("1234567890123456") && text.contains("204588330455123456"), "{text}");
    assert!(!text.contains(SECRET) && !text.contains(KEY_ID), "{text}");
}

#[test]
fn json_lists_each_cut_with_its_span() {
    let input = paste();
    let out = run(&["redact", "--json"], &input);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cuts = v["redactions"].as_array().unwrap();
    let kinds: Vec<&str> = cuts.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["access-key-id", "access-key-secret", "security-token", "account-id", "user-id"]);
    let secret = &cuts[1];
    let (start, end) = (secret["start"].as_u64().unwrap() as usize, secret["end"].as_u64().unwrap() as usize);
    assert_eq!(&input[start..end], SECRET);
    let text = v["text"].as_str().unwrap();
    let (o1, o2) = (secret["out_start"].as_u64().unwrap() as usize, secret["out_end"].as_u64().unwrap() as usize);
    assert_eq!(&text[o1..o2], "<redacted:access-key-secret>");
}

#[test]
fn a_file_is_read_and_a_missing_one_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("ram-doctor-redact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("paste.txt");
    std::fs::write(&file, format!("SK={SECRET}\n")).unwrap();
    let out = run(&["redact", file.to_str().unwrap()], "");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "SK=<redacted:access-key-secret>\n");
    let missing = run(&["redact", dir.join("nope.txt").to_str().unwrap()], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8(missing.stderr).unwrap().contains("cannot read"), "a clear message");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn text_without_credentials_passes_through_unchanged() {
    let text = "ErrorCode: Forbidden.RAM\nRequestId: 5D1B1C8E-1111\n权限不足\n";
    let out = run(&["redact"], text);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    assert!(String::from_utf8(out.stderr).unwrap().contains("nothing to redact"));
}
