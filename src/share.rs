//! The share link: the pasted text travels in the URL fragment (`#t=<base64url of raw-deflated text>`, plus
//! `&l=zh` for the Chinese page, `&p=<ram code>` for a product chosen in the picker), so a link reproduces the diagnosis and the text never reaches a server.
//! Before the text goes into the URL, core's redaction cuts every credential-like value out of it and masks its
//! AccessKey IDs, account ids and user ids.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ram_doctor_core::redact::{redact, RedactOptions, Redacted};

/// Longest text a link may expand to; larger fragments are ignored rather than inflated without bound.
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The state a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub text: String,
    pub lang: Option<String>,
    /// The product chosen in the picker (a RAM code); `None` when none was, or the link's is not a code.
    pub product: Option<String>,
}

/// Longest product code a link may carry (RAM codes are short).
const MAX_PRODUCT_CHARS: usize = 64;

/// The fragment (without `#`) for an already redacted text (see [`shared_text`]) in language `lang`, with the
/// chosen product, if any.
pub fn encode(shared: &Redacted, lang: &str, product: Option<&str>) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(shared.text.as_bytes(), 9);
    let product = product.filter(|p| is_product_code(p)).map(|p| format!("&p={p}")).unwrap_or_default();
    format!("t={}&l={lang}{product}", URL_SAFE_NO_PAD.encode(packed))
}

/// A RAM code's shape: short, lower-case letters, digits, `-` and `_` (anything else in a link is ignored).
fn is_product_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_PRODUCT_CHARS
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// What a link carries of `text`, and what was cut or masked (the preview shows both): every credential cut,
/// AccessKey IDs masked, account and user ids masked unless `reveal_ids`.
pub fn shared_text(text: &str, reveal_ids: bool) -> Redacted {
    redact(text, &RedactOptions { reveal_ids })
}

/// Reads a fragment (with or without `#`); `None` when it carries no readable text.
pub fn decode(fragment: &str) -> Option<Shared> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut text = None;
    let mut lang = None;
    let mut product = None;
    for pair in fragment.split('&') {
        match pair.split_once('=') {
            Some(("t", value)) => text = decode_text(value),
            Some(("l", value)) => lang = Some(value.to_string()),
            Some(("p", value)) if is_product_code(value) => product = Some(value.to_string()),
            _ => {}
        }
    }
    text.map(|text| Shared { text, lang, product })
}

fn decode_text(value: &str) -> Option<String> {
    let packed = URL_SAFE_NO_PAD.decode(value.trim_end_matches('=')).ok()?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT_BYTES).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";

    #[test]
    fn round_trips_text_and_language() {
        let text = "权限不足，请联系主账号管理员授权\n{\"Code\":\"Forbidden.RAM\"}";
        let shared = decode(&format!("#{}", encode(&shared_text(text, false), "zh", None))).expect("decodes");
        assert_eq!(shared, Shared { text: text.to_string(), lang: Some("zh".to_string()), product: None });
    }

    #[test]
    fn carries_the_chosen_product_and_drops_one_that_is_not_a_code() {
        let fragment = encode(&shared_text("Insufficient permissions", false), "en", Some("hbr"));
        assert_eq!(decode(&fragment).expect("decodes").product.as_deref(), Some("hbr"));
        let hostile = encode(&shared_text("x", false), "en", Some("<img src=x onerror=alert(1)>"));
        assert!(!hostile.contains("p="), "{hostile}");
        let forged = format!("{}&p=%3Cscript%3E", encode(&shared_text("x", false), "en", None));
        assert_eq!(decode(&forged).expect("decodes").product, None);
    }

    #[test]
    fn credentials_never_reach_the_link() {
        let token = format!("CAIS{}", "8gF1q6Ft5B2yfSjIr5bfKOLxCIx+/aB0".repeat(4));
        for (text, gone) in [
            (format!("AccessKeySecret: {SECRET}"), SECRET.to_string()),
            (format!("{{\"accessKeySecret\":\"{SECRET}\"}}"), SECRET.to_string()),
            (format!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={SECRET}"), SECRET.to_string()),
            (format!("LTAI5tBcDeFgHiJkLmNoPqRs {SECRET}"), SECRET.to_string()),
            (format!("x-acs-security-token: {token}"), token.clone()),
            ("\"AuthPrincipalOwnerId\":\"1234567890123456\"".to_string(), "1234567890123456".to_string()),
        ] {
            let preview = shared_text(&text, false);
            let shared = decode(&encode(&preview, "en", None)).expect("decodes");
            assert!(!shared.text.contains(&gone), "{text} → {}", shared.text);
            assert_eq!(shared.text, preview.text, "the link carries exactly the previewed text");
        }
    }

    #[test]
    fn leaves_text_without_credentials_alone() {
        for text in ["AccessKeySecret: short", "ErrorCode: Forbidden.RAM\nRequestId: 5D1B1C8E", "no keys here"] {
            assert_eq!(shared_text(text, false).text, text);
        }
    }

    #[test]
    fn revealing_ids_keeps_them_and_still_cuts_secrets() {
        let text = format!("\"AuthPrincipalOwnerId\":\"1234567890123456\" LTAI5tBcDeFgHiJkLmNoPqRs {SECRET}");
        let shared = decode(&encode(&shared_text(&text, true), "en", None)).expect("decodes");
        assert!(shared.text.contains("1234567890123456"), "{}", shared.text);
        assert!(!shared.text.contains(SECRET) && !shared.text.contains("LTAI5tBcDeFgHiJkLmNoPqRs"), "{}", shared.text);
    }

    #[test]
    fn ignores_broken_fragments() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#t=%%%"), None);
        assert_eq!(decode("#t=AAAA"), None);
    }
}
