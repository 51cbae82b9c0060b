//! Cutting credentials out of a text before it is shared (the page's share link, `ram-doctor redact`).
//!
//! Each rule of [`RULES`] finds spans of one shape: a value after a key name that says it is secret, an
//! AccessKey secret standing alone or next to its AccessKey ID, an STS token, a password in a URL, an
//! AccessKey ID, an account or user id. Overlapping spans merge into one, of the strongest kind, so no part of
//! a secret is left between two cuts. Secrets are cut (replaced by `<redacted:KIND>`); identifiers are masked
//! (their shape kept, their middle hidden), and account and user ids may be revealed on request.

use serde::{Deserialize, Serialize};

use crate::finding::Localized;

/// What a redacted span held, strongest first: when spans overlap, the merged span takes the first kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedactionKind {
    /// An STS security token (`CAIS…`), or the value of a `SecurityToken` / `x-acs-security-token` key.
    SecurityToken,
    /// The value of an `Authorization:` header.
    Authorization,
    /// A request signature (`Signature=`, `x-oss-signature`).
    Signature,
    /// An AccessKey secret: 30 base62 characters.
    AccessKeySecret,
    /// The password part of `scheme://user:password@host`.
    UrlPassword,
    /// Any other value after a key that says it is secret (`password`, `client_secret`, `token`…).
    Secret,
    /// An AccessKey ID (`LTAI…`, `STS.…`): masked, never revealed.
    AccessKeyId,
    /// A 16-digit Alibaba Cloud account id: masked unless revealed.
    AccountId,
    /// A RAM user id: masked unless revealed.
    UserId,
}

impl RedactionKind {
    /// The kebab-case name used in JSON and in the `<redacted:…>` marker.
    pub fn as_str(self) -> &'static str {
        match self {
            RedactionKind::SecurityToken => "security-token",
            RedactionKind::Authorization => "authorization",
            RedactionKind::Signature => "signature",
            RedactionKind::AccessKeySecret => "access-key-secret",
            RedactionKind::UrlPassword => "url-password",
            RedactionKind::Secret => "secret",
            RedactionKind::AccessKeyId => "access-key-id",
            RedactionKind::AccountId => "account-id",
            RedactionKind::UserId => "user-id",
        }
    }

    /// True for values that are removed whole; false for identifiers that are masked.
    pub fn is_cut(self) -> bool {
        self < RedactionKind::AccessKeyId
    }

    /// True for the identifiers [`RedactOptions::reveal_ids`] leaves in place.
    pub fn is_revealable(self) -> bool {
        matches!(self, RedactionKind::AccountId | RedactionKind::UserId)
    }

    /// The kind in words, for the page's preview and the CLI's summary.
    pub fn label(self) -> Localized {
        let (en, zh) = match self {
            RedactionKind::SecurityToken => ("STS security token", "STS 安全令牌"),
            RedactionKind::Authorization => ("Authorization header", "Authorization 请求头"),
            RedactionKind::Signature => ("request signature", "请求签名"),
            RedactionKind::AccessKeySecret => ("AccessKey secret", "AccessKey Secret"),
            RedactionKind::UrlPassword => ("password in a URL", "URL 中的密码"),
            RedactionKind::Secret => ("secret value", "机密值"),
            RedactionKind::AccessKeyId => ("AccessKey ID", "AccessKey ID"),
            RedactionKind::AccountId => ("account id", "账号 ID"),
            RedactionKind::UserId => ("user id", "用户 ID"),
        };
        Localized { en: en.into(), zh: zh.into() }
    }
}

/// What to keep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RedactOptions {
    /// Leave account ids and user ids as they are (AccessKey IDs stay masked).
    pub reveal_ids: bool,
}

/// One span taken out of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// What kind of credential it was.
    pub kind: RedactionKind,
    /// Byte offsets of the span in the input.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Byte offsets of what replaced it in the output, for highlighting a preview.
    pub out_start: usize,
    /// One past the last byte of the replacement.
    pub out_end: usize,
}

/// The text with every credential-like value cut or masked, and what was taken, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redacted {
    /// The redacted text.
    pub text: String,
    /// Every span taken out.
    pub redactions: Vec<Redaction>,
}

/// Cuts and masks every credential-like value of `text` (see the module's documentation).
pub fn redact(text: &str, options: &RedactOptions) -> Redacted {
    let mut spans: Vec<Span> = Vec::new();
    for rule in RULES {
        (rule.find)(text, &mut spans);
    }
    spans.retain(|s| s.start < s.end && !(options.reveal_ids && s.kind.is_revealable()));
    let spans = merge(spans);
    let mut out = String::with_capacity(text.len());
    let mut redactions = Vec::with_capacity(spans.len());
    let mut copied = 0;
    for s in spans {
        out.push_str(&text[copied..s.start]);
        let out_start = out.len();
        out.push_str(&replacement(s.kind, &text[s.start..s.end]));
        redactions.push(Redaction { kind: s.kind, start: s.start, end: s.end, out_start, out_end: out.len() });
        copied = s.end;
    }
    out.push_str(&text[copied..]);
    Redacted { text: out, redactions }
}

/// A named way of finding one shape of credential.
pub struct Rule {
    /// The rule's name, in tests.
    pub name: &'static str,
    find: fn(&str, &mut Vec<Span>),
}

/// Every rule, each with its own test below.
pub const RULES: &[Rule] = &[
    Rule { name: "value-after-secret-key", find: after_secret_keys },
    Rule { name: "sts-token-shape", find: sts_tokens },
    Rule { name: "url-password", find: url_passwords },
    Rule { name: "access-key-id", find: access_key_ids },
    Rule { name: "lone-access-key-secret", find: lone_secrets },
    Rule { name: "account-and-user-ids", find: long_numbers },
];

/// A span a rule found, before merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: RedactionKind,
    start: usize,
    end: usize,
}

/// Overlapping or touching spans become one, of the strongest kind among them.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    crate::order::sort_by_key(&mut spans, |s| (s.start, s.kind));
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start < last.end => {
                last.end = last.end.max(s.end);
                last.kind = last.kind.min(s.kind);
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// `<redacted:KIND>` for a cut; the value with its middle hidden for a mask.
fn replacement(kind: RedactionKind, value: &str) -> String {
    match kind {
        RedactionKind::AccessKeyId => {
            let prefix = if value.starts_with("STS.") { "STS." } else { "LTAI" };
            format!("{prefix}****")
        }
        RedactionKind::AccountId | RedactionKind::UserId => {
            let keep = value.len().saturating_sub(4);
            format!("{}{}", "*".repeat(keep), &value[keep..])
        }
        cut => format!("<redacted:{}>", cut.as_str()),
    }
}

// ---------- the rules ----------

/// How a key name decides what its value is, and how long the value must be to count.
struct SecretKey {
    /// The key, lower-cased, without `_`, `-`, `.` or spaces.
    name: &'static str,
    /// Whether longer names ending in it count too (`ALIBABA_CLOUD_ACCESS_KEY_SECRET`).
    suffix: bool,
    kind: RedactionKind,
    /// Shorter values are words, not secrets ("signature is not matched").
    min_len: usize,
}

const fn key(name: &'static str, suffix: bool, kind: RedactionKind, min_len: usize) -> SecretKey {
    SecretKey { name, suffix, kind, min_len }
}

/// Key names whose value is a secret.
const SECRET_KEYS: &[SecretKey] = &[
    key("accesskeysecret", true, RedactionKind::AccessKeySecret, 8),
    key("secretaccesskey", true, RedactionKind::AccessKeySecret, 8),
    key("secretkey", true, RedactionKind::AccessKeySecret, 8),
    key("keysecret", true, RedactionKind::AccessKeySecret, 8),
    key("aksecret", true, RedactionKind::AccessKeySecret, 8),
    key("secret", false, RedactionKind::Secret, 8),
    key("sk", false, RedactionKind::AccessKeySecret, 8),
    key("clientsecret", true, RedactionKind::Secret, 4),
    key("password", true, RedactionKind::Secret, 1),
    key("passwd", true, RedactionKind::Secret, 1),
    key("pwd", false, RedactionKind::Secret, 1),
    key("securitytoken", true, RedactionKind::SecurityToken, 8),
    key("ststoken", true, RedactionKind::SecurityToken, 8),
    key("token", false, RedactionKind::Secret, 16),
    key("accesstoken", true, RedactionKind::Secret, 16),
    key("signature", false, RedactionKind::Signature, 16),
    key("xacssignature", false, RedactionKind::Signature, 16),
    key("xosssignature", false, RedactionKind::Signature, 16),
    key("authorization", false, RedactionKind::Authorization, 8),
];

/// Words that may stand between a key and its value in prose ("the secret is …").
const LINKING_WORDS: [&str; 2] = ["is", "was"];

/// Longer words are not key names (`ALIBABA_CLOUD_ACCESS_KEY_SECRET` is 31 bytes).
const MAX_KEY_BYTES: usize = 64;

fn after_secret_keys(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_key_char(bytes[i]) || (i > 0 && is_key_char(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|b| is_key_char(**b)).count();
        // No key name is this long: skip the work of normalizing long words (base64 blobs, paths).
        if end - i > MAX_KEY_BYTES {
            i = end;
            continue;
        }
        let word: String =
            text[i..end].chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
        let found = SECRET_KEYS.iter().find(|k| word == k.name || (k.suffix && word.ends_with(k.name)));
        if let Some(k) = found {
            if let Some((start, value_end)) = value_after(bytes, end, k) {
                spans.push(Span { kind: k.kind, start, end: value_end });
            }
        }
        i = end;
    }
}

/// Letters, digits and the joiners of key names (`access_key_secret`, `x-acs-security-token`, `cfg.secret`).
fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// The value that follows a key ending at `at`: after quotes, `:`, `=`, `>`, `(`, spaces and a linking word; a
/// quoted value runs to its closing quote, an `Authorization` one to the end of the line.
fn value_after(bytes: &[u8], at: usize, key: &SecretKey) -> Option<(usize, usize)> {
    let skip = |mut i: usize| {
        while i < bytes.len() && matches!(bytes[i], b'"' | b'\'' | b':' | b'=' | b'>' | b'(' | b' ' | b'\t' | b'\\') {
            i += 1;
        }
        i
    };
    let mut start = skip(at);
    let separated = start > at;
    // "secret is X": only when the word is followed by a space, and only for the secret kinds.
    let word_end = start + bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let word = std::str::from_utf8(&bytes[start..word_end]).unwrap_or("");
    let linked = LINKING_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)) && bytes.get(word_end) == Some(&b' ');
    if linked && key.kind != RedactionKind::Signature {
        start = skip(word_end);
    } else if !separated {
        return None;
    }
    let quote = start.checked_sub(1).map(|q| bytes[q]).filter(|q| matches!(q, b'"' | b'\''));
    let stop = |b: u8| match (quote, key.kind) {
        (Some(q), _) => b == q || b == b'\n' || b == b'\\',
        (None, RedactionKind::Authorization) => matches!(b, b'\n' | b'\r' | b'"' | b'\'' | b'<'),
        (None, _) => {
            b.is_ascii_whitespace()
                || matches!(b, b'"' | b'\'' | b',' | b';' | b'&' | b'<' | b'}' | b')' | b']' | b'`' | b'\\')
        }
    };
    let mut end = start + bytes[start..].iter().take_while(|b| !stop(**b)).count();
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let value = &bytes[start..end];
    let len = std::str::from_utf8(value).map_or(value.len(), |v| v.chars().count());
    let min = if linked { key.min_len.max(16) } else { key.min_len };
    // Only spaces between key and value: a compound key (`--access-key-secret X`) or "the secret is X", and
    // then only a value that looks generated; a plain word such as `pwd` or `token` before a space is prose.
    let bare = !bytes[at..start].iter().any(|b| matches!(b, b':' | b'=' | b'"' | b'\'' | b'>' | b'('));
    let bare_ok = (key.suffix || linked) && looks_generated(value);
    (len >= min && !is_placeholder(value) && !is_next_key(value) && (!bare || bare_ok)).then_some((start, end))
}

/// A capitalised word of letters ending in `:` is the next key of a log line (`sk: RequestId: …`), not a value.
fn is_next_key(value: &[u8]) -> bool {
    match value.split_last() {
        Some((b':', word)) => {
            word.first().is_some_and(u8::is_ascii_uppercase) && word.iter().all(u8::is_ascii_alphabetic)
        }
        _ => false,
    }
}

/// At least two of small letters, capitals, digits and symbols: a generated value, not an English word.
fn looks_generated(value: &[u8]) -> bool {
    let classes = [
        value.iter().any(u8::is_ascii_lowercase),
        value.iter().any(u8::is_ascii_uppercase),
        value.iter().any(u8::is_ascii_digit),
        value.iter().any(|b| b.is_ascii_punctuation()),
    ];
    classes.iter().filter(|c| **c).count() >= 2
}

/// Values that already hide themselves (`***`, `<redacted>`, `${SECRET}`, `xxxx`).
fn is_placeholder(value: &[u8]) -> bool {
    value.iter().all(|b| matches!(b, b'*' | b'x' | b'X' | b'.' | b'#'))
        || value.first() == Some(&b'<')
        || value.starts_with(b"${")
        || value.starts_with(b"$(")
}

/// STS tokens begin `CAIS` and run on in base64 (raw, or percent-encoded in a URL).
fn sts_tokens(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("CAIS") {
        if !starts_word(bytes, at) {
            continue;
        }
        let mut len = 0;
        while let Some(&b) = bytes.get(at + len) {
            // Encoded `&`, `"`, `,` and space end it as their plain forms would (a string to sign encodes them).
            let ends = b == b'%'
                && matches!(bytes.get(at + len + 1..at + len + 3), Some(b"26" | b"22" | b"2C" | b"2c" | b"20"));
            if ends || !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'%')) {
                break;
            }
            len += 1;
        }
        if len >= 40 {
            spans.push(Span { kind: RedactionKind::SecurityToken, start: at, end: at + len });
        }
    }
}

/// `scheme://user:password@host`: the password.
fn url_passwords(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("://") {
        let authority_start = at + 3;
        let authority_len = bytes[authority_start..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>'))
            .count();
        let authority = &text[authority_start..authority_start + authority_len];
        if let Some(userinfo_end) = authority.rfind('@') {
            if let Some(colon) = authority[..userinfo_end].find(':') {
                if colon + 1 < userinfo_end {
                    spans.push(Span {
                        kind: RedactionKind::UrlPassword,
                        start: authority_start + colon + 1,
                        end: authority_start + userinfo_end,
                    });
                }
            }
        }
    }
}

/// `LTAI` + 12–30 letters and digits (long-term keys), `STS.` + 16–40 (temporary keys).
fn access_key_ids(text: &str, spans: &mut Vec<Span>) {
    for (prefix, min, max) in [("LTAI", 12, 30), ("STS.", 16, 40)] {
        for (at, _) in text.match_indices(prefix) {
            if let Some(end) = alnum_run_after(text, at, prefix.len(), min, max) {
                spans.push(Span { kind: RedactionKind::AccessKeyId, start: at, end });
            }
        }
    }
}

/// When a word of letters and digits starts at `at` and, after `prefix_len`, runs `min..=max` more
/// characters, its end.
fn alnum_run_after(text: &str, at: usize, prefix_len: usize, min: usize, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if !starts_word(bytes, at) {
        return None;
    }
    let len = bytes[at + prefix_len..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    (min..=max).contains(&len).then_some(at + prefix_len + len)
}

/// Whether a word may start at `at`: at the start, after a byte that is not a letter or digit, or right after a
/// percent escape, once or twice encoded (`%3D`, `%253A`: values inside URLs and strings to sign).
fn starts_word(bytes: &[u8], at: usize) -> bool {
    let escape = |end: usize| end >= 2 && bytes[end - 2].is_ascii_hexdigit() && bytes[end - 1].is_ascii_hexdigit();
    at == 0
        || !bytes[at - 1].is_ascii_alphanumeric()
        || (escape(at) && at >= 3 && bytes[at - 3] == b'%')
        // Encoded twice (`%253A`): `%25` then the escape's digits.
        || (escape(at) && at >= 5 && &bytes[at - 5..at - 2] == b"%25")
}

/// How far after an AccessKey ID its secret may stand with nothing to name it.
const NEAR_ID: usize = 300;

/// Words of exactly 30 letters and digits that are not CamelCase words: the shape of an AccessKey secret,
/// cut wherever it stands; next to an AccessKey ID, 28–32 (a character lost or added in copying).
fn lone_secrets(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let ids: Vec<usize> = text.match_indices("LTAI").map(|(at, _)| at).collect();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        // A word right after a percent escape (`%3D` in a URL or string to sign) starts after the escape's digits.
        let escape = if i > 0 && bytes[i - 1] == b'%' && run > 2 && bytes[i..i + 2].iter().all(u8::is_ascii_hexdigit) {
            2
        } else {
            0
        };
        let (next, len) = (i + run, run - escape);
        let start = i + escape;
        let word = &text[start..start + len];
        // The nearest AccessKey ID before the word (ids are in text order).
        let near_id = ids[..ids.partition_point(|&id| id < start)].last().is_some_and(|&id| start - id <= NEAR_ID);
        let shaped = len == 30 || (near_id && (28..=32).contains(&len));
        if shaped
            && !word.starts_with("LTAI")
            && !is_camel_case_words(word)
            && !word.bytes().all(|b| b.is_ascii_digit())
        {
            spans.push(Span { kind: RedactionKind::AccessKeySecret, start, end: start + len });
        }
        i = next;
    }
}

/// `DescribeInstancesAndMoreThings`, `lowercasewords`: letters only, each capital followed by a small letter.
fn is_camel_case_words(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().all(u8::is_ascii_alphabetic)
        && b.iter()
            .enumerate()
            .all(|(i, c)| !c.is_ascii_uppercase() || b.get(i + 1).is_some_and(u8::is_ascii_lowercase))
}

/// Runs of 15–19 digits: account ids (16 digits) and RAM user ids. A user id when the key before it says so
/// (`user`, `uid`, `DisplayName`, `SubUser`), an account id otherwise.
fn long_numbers(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let len = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let alone = (starts_word(bytes, i) || (i > 0 && !is_word_byte(bytes[i - 1])))
            && bytes.get(i + len).is_none_or(|b| !is_word_byte(*b));
        if alone && (15..=19).contains(&len) {
            spans.push(Span { kind: id_kind(text, i), start: i, end: i + len });
        }
        i += len;
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

/// What the words just before a number (on its line) call it.
fn id_kind(text: &str, at: usize) -> RedactionKind {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut from = at.saturating_sub(48).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..at].to_ascii_lowercase();
    // The nearest key wins: "OwnerId":"1…","DisplayName":"2…" are an account and a user.
    let last = |words: &[&str]| words.iter().filter_map(|w| before.rfind(w)).max();
    match (last(&["user", "uid", "displayname"]), last(&["owner", "account", "acs:", "uin"])) {
        (Some(u), Some(a)) if u > a => RedactionKind::UserId,
        (Some(_), None) => RedactionKind::UserId,
        _ => RedactionKind::AccountId,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "Zq8Xw3Lm0Np5Rs7Tu9Vb2Cd4Ef6Gh1";
    const KEY_ID: &str = "LTAI5tBcDeFgHiJkLmNoPqRs";

    fn cut(text: &str) -> Redacted {
        redact(text, &RedactOptions::default())
    }

    fn kinds(text: &str) -> Vec<RedactionKind> {
        cut(text).redactions.into_iter().map(|r| r.kind).collect()
    }

    #[test]
    fn value_after_secret_key() {
        for text in [
            format!("AccessKeySecret: {SECRET}"),
            format!("{{\"accessKeySecret\":\"{SECRET}\"}}"),
            format!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={SECRET}"),
            format!("aliyun configure --access-key-secret {SECRET}"),
            format!("<AccessKeySecret>{SECRET}</AccessKeySecret>"),
            format!("secret_key = \"{SECRET}\""),
            format!("config.setAccessKeySecret(\"{}\");", &SECRET[..24]),
            format!("my secret is {SECRET}"),
        ] {
            let r = cut(&text);
            assert!(!r.text.contains(SECRET), "{text} → {}", r.text);
            assert_eq!(r.redactions.len(), 1, "{text}: {:?}", r.redactions);
            assert_eq!(r.redactions[0].kind, RedactionKind::AccessKeySecret, "{text}");
        }
        assert_eq!(kinds("password: hunter2"), [RedactionKind::Secret]);
        assert_eq!(kinds("Message: Specified signature is not matched with our calculation."), []);
        assert_eq!(kinds("AccessKeySecret: <your-secret> or ${SECRET} or ****"), []);
        // The next key of a log line is no value (found by the property test).
        assert_eq!(kinds("sk : RequestId: 1"), []);
        assert_eq!(cut(&format!("sk: {SECRET}: RequestId: 1")).text, "sk: <redacted:access-key-secret> RequestId: 1");
        let header = cut("x-acs-security-token: abcdefghijklmnopqrstuvwxyz0123456789\nnext");
        assert_eq!(header.text, "x-acs-security-token: <redacted:security-token>\nnext");
        let auth = cut("Authorization: acs LTAI5tBcDeFgHiJkLmNoPqRs:kT3dQ0pZr7aB1c2D3e4F5g6H7i8=\nHost: x");
        assert_eq!(auth.text, "Authorization: <redacted:authorization>\nHost: x");
        let signed = cut("GET /?Action=DescribeInstances&Signature=kT3dQ0pZr7aB1c2D3e4F5g6H7i8%3D&Version=2014");
        assert_eq!(signed.text, "GET /?Action=DescribeInstances&Signature=<redacted:signature>&Version=2014");
    }

    #[test]
    fn sts_token_shape() {
        let token = format!("CAIS{}", "8gF1q6Ft5B2yfSjIr5bfKOLxCIx+/aB0".repeat(6));
        let r = cut(&format!("token expired: {token} (retry)"));
        assert_eq!(r.text, "token expired: <redacted:security-token> (retry)");
        assert_eq!(kinds("CAISHORT"), []);
    }

    #[test]
    fn url_password() {
        let r = cut("mysql://admin:p%40ss!word@rm-bp1.mysql.rds.aliyuncs.com:3306/db and https://example.com/a@b");
        assert_eq!(
            r.text,
            "mysql://admin:<redacted:url-password>@rm-bp1.mysql.rds.aliyuncs.com:3306/db and https://example.com/a@b"
        );
    }

    #[test]
    fn access_key_id() {
        let r = cut(&format!("AccessKeyId: {KEY_ID}, sts: STS.NUgYrLnoC37mZZCNnAbez2CDx"));
        assert_eq!(r.text, "AccessKeyId: LTAI****, sts: STS.****");
        // Revealing ids never reveals AccessKey IDs.
        assert_eq!(redact(KEY_ID, &RedactOptions { reveal_ids: true }).text, "LTAI****");
    }

    #[test]
    fn lone_access_key_secret() {
        assert_eq!(cut(&format!("ak {KEY_ID} {SECRET}")).text, "ak LTAI**** <redacted:access-key-secret>");
        assert_eq!(cut(SECRET).text, "<redacted:access-key-secret>");
        // Next to its ID, one character short or long is still cut.
        assert_eq!(
            kinds(&format!("{KEY_ID} / {}", &SECRET[1..])),
            [RedactionKind::AccessKeyId, RedactionKind::AccessKeySecret]
        );
        // Words and request ids of other shapes stay.
        for text in [
            "DescribeInstancesWithThirtyChar",
            "AliyunServiceRoleForEcsArchive",
            "7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F",
        ] {
            assert_eq!(cut(text).text, text);
        }
    }

    #[test]
    fn account_and_user_ids() {
        let text = r#"{"AuthPrincipalOwnerId":"1234567890123456","AuthPrincipalDisplayName":"204588330455123456"} acs:ram::1234567890123456:role/x"#;
        let r = cut(text);
        let found: Vec<(RedactionKind, &str)> = r.redactions.iter().map(|x| (x.kind, &text[x.start..x.end])).collect();
        assert_eq!(
            found,
            [
                (RedactionKind::AccountId, "1234567890123456"),
                (RedactionKind::UserId, "204588330455123456"),
                (RedactionKind::AccountId, "1234567890123456"),
            ]
        );
        assert!(r.text.contains("************3456") && !r.text.contains("1234567890123456"));
        assert_eq!(redact(text, &RedactOptions { reveal_ids: true }).text, text);
        // Timestamps and request ids are not ids.
        assert_eq!(cut("at 1700000000000, RequestId 5D1B1C8E-1111").redactions, []);
    }

    #[test]
    fn spans_point_into_both_texts_and_overlaps_merge() {
        let text = format!("x Authorization: OSS {KEY_ID}:{SECRET}\ny");
        let r = cut(&text);
        assert_eq!(r.redactions.len(), 1, "the ID and the secret inside the header merge into it: {:?}", r.redactions);
        let one = &r.redactions[0];
        assert_eq!(one.kind, RedactionKind::Authorization);
        assert_eq!(&text[one.start..one.end], format!("OSS {KEY_ID}:{SECRET}"));
        assert_eq!(&r.text[one.out_start..one.out_end], "<redacted:authorization>");
    }

    #[test]
    fn values_inside_percent_encoded_text() {
        let token = format!("CAIS{}", "8gF1q6Ft5B2yfSjIr5bfKOLxCIx".repeat(3));
        let text = format!("GET&%2F&AccessKeyId%3D{KEY_ID}%26SecurityToken%3D{token}%26Secret%3D{SECRET}%26Arn%3Dacs%253Aram%253A%253A1234567890123456%253Arole%26Version%3D1");
        let r = cut(&text);
        for gone in [KEY_ID, token.as_str(), SECRET, "1234567890123456"] {
            assert!(!r.text.contains(gone), "{gone} survived: {}", r.text);
        }
        // Each cut ends where its value does: the rest of the string to sign stays readable.
        assert!(
            r.text
                .contains("%26Secret%3D<redacted:access-key-secret>%26Arn%3Dacs%253Aram%253A%253A************3456%253Arole%26Version%3D1"),
            "{}",
            r.text
        );
    }

    #[test]
    fn every_rule_is_listed_once() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn any_text_keeps_char_boundaries() {
        let text = "密钥 AccessKeySecret：Zq8Xw3Lm0Np5Rs7Tu9Vb2Cd4Ef6Gh1 账号 1234567890123456，完";
        let r = cut(text);
        assert!(!r.text.contains(SECRET), "{}", r.text);
        assert!(r.text.contains("账号") && r.text.ends_with("，完"));
    }
}
