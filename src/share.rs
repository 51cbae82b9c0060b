//! The share link: the pasted text travels in the URL fragment (`#t=<base64url of raw-deflated text>`, plus
//! `&l=zh` for the Chinese page), so a link reproduces the diagnosis and the text never reaches a server.
//! AccessKey secrets are cut out before the text goes into the URL.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Longest text a link may expand to; larger fragments are ignored rather than inflated without bound.
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// What replaces a secret in the shared text.
pub const REDACTED: &str = "<redacted>";

/// The state a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub text: String,
    pub lang: Option<String>,
}

/// The fragment (without `#`) for `text` in language `lang`.
pub fn encode(text: &str, lang: &str) -> String {
    let safe = redact_secrets(text);
    let packed = miniz_oxide::deflate::compress_to_vec(safe.as_bytes(), 9);
    format!("t={}&l={lang}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a fragment (with or without `#`); `None` when it carries no readable text.
pub fn decode(fragment: &str) -> Option<Shared> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut text = None;
    let mut lang = None;
    for pair in fragment.split('&') {
        match pair.split_once('=') {
            Some(("t", value)) => text = decode_text(value),
            Some(("l", value)) => lang = Some(value.to_string()),
            _ => {}
        }
    }
    text.map(|text| Shared { text, lang })
}

fn decode_text(value: &str) -> Option<String> {
    let packed = URL_SAFE_NO_PAD.decode(value.trim_end_matches('=')).ok()?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT_BYTES).ok()?;
    String::from_utf8(bytes).ok()
}

/// Key names after which an AccessKey secret follows (compared case-insensitively, `_`/`-` ignored).
const SECRET_KEYS: [&str; 2] = ["accesskeysecret", "secretaccesskey"];

/// An AccessKey secret is 30 base62 characters; any base62 value this long after a secret key is treated as
/// one, so a secret pasted with a character missing or added is cut out too.
const MIN_SECRET_LEN: usize = 20;

/// Replaces every base62 value of [`MIN_SECRET_LEN`]+ characters that follows a secret key name
/// (`AccessKeySecret`, `access_key_secret`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, …) with [`REDACTED`].
pub fn redact_secrets(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(key_end) = secret_key_end(bytes, i) else {
            i += 1;
            continue;
        };
        let value_start = skip_separators(bytes, key_end);
        let value_len = bytes[value_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if value_len >= MIN_SECRET_LEN {
            out.push_str(&text[copied..value_start]);
            out.push_str(REDACTED);
            copied = value_start + value_len;
        }
        i = value_start + value_len.max(1);
    }
    out.push_str(&text[copied..]);
    out
}

/// If a secret key name starts at `start`, the index just past it.
fn secret_key_end(bytes: &[u8], start: usize) -> Option<usize> {
    SECRET_KEYS.iter().find_map(|key| {
        let mut k = key.bytes().peekable();
        let mut j = start;
        while let Some(&want) = k.peek() {
            let got = *bytes.get(j)?;
            if got == b'_' || got == b'-' {
                j += 1;
            } else if got.to_ascii_lowercase() == want {
                k.next();
                j += 1;
            } else {
                return None;
            }
        }
        Some(j)
    })
}

/// Skips quotes, `:`/`=` and spaces between a key and its value.
fn skip_separators(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b'"' | b'\'' | b':' | b'=' | b' ' | b'\t') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";

    #[test]
    fn round_trips_text_and_language() {
        let text = "权限不足，请联系主账号管理员授权\n{\"Code\":\"Forbidden.RAM\"}";
        let shared = decode(&format!("#{}", encode(text, "zh"))).expect("decodes");
        assert_eq!(shared, Shared { text: text.to_string(), lang: Some("zh".to_string()) });
    }

    #[test]
    fn secrets_never_reach_the_link() {
        for text in [
            format!("AccessKeySecret: {SECRET}"),
            format!("{{\"accessKeySecret\":\"{SECRET}\"}}"),
            format!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={SECRET}"),
            format!("access_key_secret = '{SECRET}' # prod"),
        ] {
            let fragment = encode(&text, "en");
            let shared = decode(&fragment).expect("decodes");
            assert!(!shared.text.contains(SECRET), "{text} → {}", shared.text);
            assert!(shared.text.contains(REDACTED), "{text} → {}", shared.text);
        }
    }

    #[test]
    fn leaves_non_secrets_alone() {
        for text in ["AccessKeySecret: short", "AccessKeyId: LTAI5tAbCdEfGhIjKlMnOpQr", "no keys here"] {
            assert_eq!(redact_secrets(text), text);
        }
        let longer = format!("AccessKeySecret={SECRET}X, next");
        assert_eq!(redact_secrets(&longer), format!("AccessKeySecret={REDACTED}, next"));
    }

    #[test]
    fn ignores_broken_fragments() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#t=%%%"), None);
        assert_eq!(decode("#t=AAAA"), None);
    }
}
