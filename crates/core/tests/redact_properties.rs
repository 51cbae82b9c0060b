//! No generated secret survives redaction: secrets of the real shapes (AccessKey secrets, STS tokens,
//! signatures, Authorization values, URL passwords), in the formats people paste them in (JSON, env files,
//! CLI flags, YAML, XML, HTTP headers, signed URLs, prose, alone, next to their AccessKey ID), inside random
//! surrounding text in English and Chinese. AccessKey IDs, account ids and user ids come out masked.

use proptest::prelude::*;
use ram_doctor_core::redact::{redact, RedactOptions, RedactionKind};

const BASE62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn chars_of(alphabet: &'static [u8], len: impl Into<proptest::sample::SizeRange>) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(alphabet), len).prop_map(|v| String::from_utf8(v).unwrap())
}

/// A long-term AccessKey ID: `LTAI` and 20 more (older ones have 12).
fn key_id() -> impl Strategy<Value = String> {
    prop_oneof![chars_of(BASE62, 20), chars_of(BASE62, 12)].prop_map(|rest| format!("LTAI{rest}"))
}

/// An AccessKey secret: 30 base62 characters.
fn ak_secret() -> impl Strategy<Value = String> {
    chars_of(BASE62, 30)
}

/// An STS security token: `CAIS` and a few hundred base64 characters.
fn sts_token() -> impl Strategy<Value = String> {
    chars_of(BASE64, 100..600).prop_map(|rest| format!("CAIS{rest}"))
}

/// An HMAC-SHA1 signature in base64 (28 characters, `=`-padded), raw or percent-encoded.
fn signature() -> impl Strategy<Value = (String, bool)> {
    (chars_of(BASE64, 27), any::<bool>()).prop_map(|(s, encoded)| {
        let raw = format!("{s}=");
        let shown = if encoded { raw.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D") } else { raw };
        (shown, encoded)
    })
}

/// A password as people choose them: letters, digits and URL-safe symbols.
fn password() -> impl Strategy<Value = String> {
    chars_of(b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!$*-_~", 8..24)
}

/// Random text around the secret: words, punctuation, numbers, Chinese, line breaks.
fn filler() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        proptest::sample::select(vec![
            "Error",
            "failed",
            "请求失败",
            "权限不足",
            "the",
            "request",
            "RequestId:",
            "Code:",
            "Forbidden.RAM",
            "{",
            "}",
            ",",
            ":",
            "2024-05-01T10:00:00Z",
            "cn-hangzhou",
            "ecs.aliyuncs.com",
            "\n",
            "\t",
            "…",
            "😀",
            "\"",
            "'",
            "=",
            "->",
            "#",
        ])
        .prop_map(str::to_string),
        // A random word may spell a key name (`sk`, `pwd`): then the next words are its value and the text holds a
        // credential's shape, which is redacted by design.
        chars_of(b"abcdefghijklmnopqrstuvwxyz", 1..9).prop_filter("a key name", |w| !is_key_name(w)),
    ];
    proptest::collection::vec(word, 0..12).prop_map(|w| w.join(" "))
}

/// Whether a lower-case word is a key name the redactor reads a value after (its `SECRET_KEYS`, lower-cased).
fn is_key_name(word: &str) -> bool {
    const WHOLE: &[&str] = &["sk", "pwd", "secret", "token", "signature", "authorization"];
    const ENDINGS: &[&str] = &["password", "passwd", "secretkey", "keysecret", "aksecret", "clientsecret", "ststoken"];
    WHOLE.contains(&word) || ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Key names an AccessKey secret is given under, in the spellings of SDKs, CLIs, env files and configs.
const SECRET_KEYS: &[&str] = &[
    "AccessKeySecret",
    "accessKeySecret",
    "access_key_secret",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALICLOUD_SECRET_KEY",
    "SecretAccessKey",
    "secret_key",
    "--access-key-secret",
    "access-key-secret",
    "SK",
    "sk",
    "secret",
    "Secret",
    "password",
];

/// `key: value`, `key=value`, `"key": "value"`, `key = 'value'`, `<key>value`…
const SEPARATORS: &[(&str, &str)] = &[
    (": ", ""),
    ("=", ""),
    (" = ", ""),
    (":", ""),
    ("\": \"", "\""),
    ("': '", "'"),
    (" = \"", "\""),
    (">", "<"),
    ("=\"", "\""),
];

/// A secret of any length from 8 to 40 under any key name with any separator: a key name is enough.
fn named_secret() -> impl Strategy<Value = (String, Vec<String>)> {
    (proptest::sample::select(SECRET_KEYS), proptest::sample::select(SEPARATORS), chars_of(BASE62, 8..40))
        .prop_map(|(key, (sep, close), s)| (format!("{key}{sep}{s}{close}"), vec![s]))
}

/// A secret in one of the formats it is pasted in; the values that must not survive whole.
fn pasted() -> impl Strategy<Value = (String, Vec<String>)> {
    prop_oneof![
        named_secret(),
        (ak_secret(), 0..9usize).prop_map(|(s, format)| {
            let text = match format {
                0 => format!("{{\"AccessKeySecret\": \"{s}\"}}"),
                1 => format!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={s}"),
                2 => format!("aliyun configure set --access-key-secret {s} --region cn-hangzhou"),
                3 => format!("access_key_secret: {s}"),
                4 => format!("<AccessKeySecret>{s}</AccessKeySecret>"),
                5 => format!("the secret is {s}"),
                6 => format!("credentials = {{'secret_key': '{s}'}}"),
                7 => format!("SK={s}"),
                _ => s.clone(),
            };
            (text, vec![s])
        }),
        (key_id(), ak_secret(), 0..3usize).prop_map(|(id, s, format)| {
            let text = match format {
                0 => format!("{id} {s}"),
                1 => format!("AK: {id}\nSK: {s}"),
                _ => format!("{id},{s}"),
            };
            (text, vec![id, s])
        }),
        (sts_token(), 0..4usize).prop_map(|(t, format)| {
            let text = match format {
                0 => format!("x-acs-security-token: {t}"),
                1 => format!("\"SecurityToken\": \"{t}\""),
                2 => format!("?SecurityToken={}&Version=1", t.replace('+', "%2B").replace('/', "%2F")),
                _ => format!("token {t} expired"),
            };
            let survivors = vec![t.clone(), t.replace('+', "%2B").replace('/', "%2F")];
            (text, survivors)
        }),
        (signature(), key_id()).prop_map(|((sig, _), id)| {
            (
                format!("GET /?AccessKeyId={id}&Action=DescribeInstances&Signature={sig}&SignatureMethod=HMAC-SHA1"),
                vec![sig, id],
            )
        }),
        (key_id(), signature(), 0..2usize).prop_map(|(id, (sig, _), format)| {
            let text = match format {
                0 => format!("Authorization: acs {id}:{sig}"),
                _ => format!("\"Authorization\": \"OSS {id}:{sig}\""),
            };
            (text, vec![sig, id])
        }),
        (password(), chars_of(b"abcdefghijklmnopqrstuvwxyz", 3..10)).prop_map(|(pw, user)| {
            (format!("mysql://{user}:{pw}@rm-bp1abc.mysql.rds.aliyuncs.com:3306/prod"), vec![pw])
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_generated_secret_survives((snippet, secrets) in pasted(), before in filler(), after in filler(), reveal_ids in any::<bool>()) {
        let text = format!("{before}\n{snippet}\n{after}");
        let redacted = redact(&text, &RedactOptions { reveal_ids });
        for secret in &secrets {
            prop_assert!(!redacted.text.contains(secret.as_str()), "{secret} survived in {:?}", redacted.text);
        }
        // The spans are the input's, on char boundaries, in order, and their replacements are in the output.
        let mut last = 0;
        for r in &redacted.redactions {
            prop_assert!(last <= r.start && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(redacted.text.get(r.out_start..r.out_end).is_some());
            last = r.end;
        }
    }

    #[test]
    fn ids_are_masked_and_revealed_only_on_request(
        account in "[1-9][0-9]{15}", user in "2[0-9]{15,17}", before in filler(),
    ) {
        let text = format!("{before}\n{{\"AuthPrincipalOwnerId\":\"{account}\",\"AuthPrincipalDisplayName\":\"{user}\"}}");
        let masked = redact(&text, &RedactOptions::default());
        prop_assert!(!masked.text.contains(&account) && !masked.text.contains(&user), "{}", masked.text);
        let kinds: Vec<RedactionKind> = masked.redactions.iter().map(|r| r.kind).filter(|k| k.is_revealable()).collect();
        prop_assert_eq!(kinds, vec![RedactionKind::AccountId, RedactionKind::UserId]);
        let revealed = redact(&text, &RedactOptions { reveal_ids: true });
        prop_assert!(revealed.text.contains(&account) && revealed.text.contains(&user));
    }

    #[test]
    fn text_without_credentials_is_left_alone(text in filler()) {
        let redacted = redact(&text, &RedactOptions::default());
        prop_assert_eq!(&redacted.text, &text);
        prop_assert!(redacted.redactions.is_empty());
    }
}
