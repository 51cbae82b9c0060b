//! Codes standing in ordinary text: `` `UserDisable` ``, `returns OperationDenied`, `提示UserDisable`,
//! `报了403，OperationDenied`, `Throttling.User | …`. A token shaped like a code (CamelCase of two or more words, or
//! dotted) on a line that speaks of an error becomes a [`Key::CodeCandidate`]; `diagnose` takes it as the code
//! only when the catalog documents it, so a code-like word in a quiet log line never makes a finding.
//!
//! Also an OSS EC printed on its own (`0003-00000101`): OSS documents its EC codes, so one names the product.

use super::{Field, Key};
use crate::text::Text;

/// Words that make a line speak of an error (compared lower-cased). An HTTP 4xx/5xx status counts too.
const ERROR_CONTEXT: &[&str] = &[
    "error",
    "fail",
    "exception",
    "denied",
    "refused",
    "reject",
    "forbidden",
    "returns",
    "returned",
    "message",
    "code",
    "status",
    "错误",
    "失败",
    "报错",
    "提示",
    "报了",
    "返回",
    "异常",
    "拒绝",
    "出错",
    // Documentation tables and console notices: a code beside what went wrong, with no word "error".
    "quota",
    "insufficient",
    "invalid",
    "not allowed",
    "recharge",
    "不足",
    "额度",
];

/// Labels the SDKs print before a value: shaped like codes, never one.
const LABELS: &[&str] = &[
    "ErrorCode",
    "ErrorMessage",
    "RequestId",
    "HostId",
    "AccessDeniedDetail",
    "AuthAction",
    "AuthPrincipalType",
    "AuthPrincipalDisplayName",
    "AuthPrincipalOwnerId",
    "NoPermissionType",
    "PolicyType",
    "StatusCode",
    "HttpStatus",
    "EncodedDiagnosticMessage",
    "AccessKeyId",
    "AccessKeySecret",
    "SecurityToken",
    "RegionId",
];

/// What the prefilter ([`super::scan`]) looks for on this reader's behalf: the `-000` every OSS EC holds
/// ([`is_oss_ec`]). A code-shaped word opens an error only when documented: the prefilter asks [`documented_words`].
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    ["-000"].into_iter()
}

/// Appends a candidate code for each code-shaped token on a line that speaks of an error, and an [`Key::Ec`] with an
/// OSS product hint for each bare EC.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let b = s.as_bytes();
    // Whether the last line asked about speaks of an error (many tokens share a line).
    let mut line_context: Option<(usize, bool)> = None;
    for (start, end) in tokens(b) {
        let token = &s[start..end];
        if is_oss_ec(token) {
            out.push(Field::new(Key::Ec, token, start, end));
            out.push(Field::new(Key::ProductHint, "oss", start, end));
        } else if standing_code(b, token, start, end) {
            let line = text.line_of(start);
            let context = match line_context {
                Some((l, c)) if l == line => c,
                _ => error_context(text, start, end),
            };
            line_context = Some((line, context));
            if context {
                out.push(Field::new(Key::CodeCandidate, token, start, end));
            }
        }
    }
}

/// Every token (letters, digits, `.`, `-`, `_`), without trailing punctuation: (start, end).
fn tokens(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && (!token_byte(b[i]) || (i > 0 && token_byte(b[i - 1]))) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && token_byte(b[i]) {
            i += 1;
        }
        let trimmed =
            b[start..i].iter().rposition(|c| !matches!(c, b'.' | b'-' | b'_')).map_or(start, |p| start + p + 1);
        Some((start, trimmed))
    })
}

/// A code-shaped token standing in text rather than called, assigned or used as a quoted key.
fn standing_code(b: &[u8], token: &str, start: usize, end: usize) -> bool {
    code_shaped(token) && !called_or_assigned(b, end) && !quoted_key(b, start, end)
}

/// Where a code-shaped word stands that `documented` accepts, whatever the words around it: the prefilter
/// ([`super::scan`]) asks this, as such a word opens an error ([`super::group`]) on a line that speaks of one.
pub(super) fn documented_words<'a>(
    s: &'a str,
    documented: &'a dyn Fn(&str) -> bool,
) -> impl Iterator<Item = usize> + 'a {
    let b = s.as_bytes();
    tokens(b)
        .filter(move |&(start, end)| standing_code(b, &s[start..end], start, end) && documented(&s[start..end]))
        .map(|(start, _)| start)
}

fn token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-')
}

/// `0003-00000101`: OSS's EC shape (a two-digit family, a number padded with zeros).
fn is_oss_ec(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 13
        && b[4] == b'-'
        && t.starts_with("00")
        && t[5..].starts_with("000")
        && b.iter().enumerate().all(|(n, c)| n == 4 || c.is_ascii_digit())
}

/// CamelCase of two or more words (`UserDisable`), or dotted with a capital first part (`Throttling.User`); not a
/// label, a file name or a qualified class name.
pub fn code_shaped(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() < 6 || b.len() > 96 || !b[0].is_ascii_uppercase() || !crate::text::is_code_like(t) {
        return false;
    }
    if LABELS.iter().any(|l| l.eq_ignore_ascii_case(t)) {
        return false;
    }
    let humps = b.windows(2).filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()).count();
    let dotted = t.split_once('.').is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_alphabetic()));
    humps >= 1 || dotted
}

/// `Foo(`, `Foo =`, `Foo:`: a call, an assignment or a label rather than a code standing in text.
fn called_or_assigned(b: &[u8], end: usize) -> bool {
    matches!(b.get(end), Some(b'(' | b'=' | b'[')) || (b.get(end) == Some(&b':') && b.get(end + 1) == Some(&b':'))
}

/// `"ExplicitDeny": true`: a quoted name followed by `:` is a JSON or dict key, not a code standing in text.
fn quoted_key(b: &[u8], start: usize, end: usize) -> bool {
    let quote = start.checked_sub(1).and_then(|i| b.get(i)).copied().filter(|q| matches!(q, b'"' | b'\''));
    quote.is_some_and(|q| b.get(end) == Some(&q) && b[end + 1..].iter().take(4).find(|c| **c != b' ') == Some(&b':'))
}

/// Whether the line of `pos`, or the line before or after it, speaks of an error (the token at `pos..end` aside:
/// `OperationDenied` does not speak of itself).
fn error_context(text: &Text, pos: usize, end: usize) -> bool {
    let s = text.as_str();
    let line = text.line_of(pos);
    let first = line.saturating_sub(1);
    (first..=line + 1).any(|n| {
        if n != line && (n >= text.line_count() || text.para_of(text.line_range(n).0) != text.para_of(pos)) {
            return false;
        }
        let (a, e) = text.line_range(n);
        let l = if n == line { format!("{} {}", &s[a..pos], &s[end.min(e)..e]) } else { s[a..e].to_string() };
        let lower = l.to_lowercase();
        ERROR_CONTEXT.iter().any(|w| lower.contains(w)) || has_error_status(&l)
    })
}

/// A standalone `4xx` or `5xx` number (an HTTP status), even against CJK text (`报了403，`).
pub(super) fn has_error_status(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b'4' | b'5')
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && !(i > 0 && b[i - 1].is_ascii_alphanumeric())
            && !b.get(i + 3).is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        out.into_iter().filter(|f| f.key == Key::CodeCandidate).map(|f| f.value).collect()
    }

    #[test]
    fn codes_in_error_sentences_are_candidates() {
        assert_eq!(candidates("调用失败，提示UserDisable"), ["UserDisable"]);
        assert_eq!(candidates("报了403，OperationDenied"), ["OperationDenied"]);
        assert_eq!(candidates("the API returns `Throttling.User`."), ["Throttling.User"]);
        // A documentation table's row: the code beside its description.
        assert_eq!(
            candidates("InsufficientAvailableQuota | Your account quota limit is less than 0 |"),
            ["InsufficientAvailableQuota"]
        );
    }

    #[test]
    fn quoted_keys_are_not_candidates() {
        assert!(candidates(r#"error: {"ExplicitDeny": true, "Code": "AccessDenied"}"#)
            .iter()
            .all(|c| c != "ExplicitDeny"));
        assert!(candidates(r#"error: {"ExplicitDeny": true, "Code": "AccessDenied"}"#)
            .iter()
            .any(|c| c == "AccessDenied"));
    }

    #[test]
    fn code_words_without_an_error_are_not() {
        assert!(candidates("INFO loaded OperationDenied handler").is_empty());
        assert!(candidates("error: call NewClient(cfg) failed").is_empty());
        assert!(candidates("error: Client failed").is_empty(), "one hump is a word");
    }

    #[test]
    fn bare_oss_ec_names_oss() {
        let mut out = Vec::new();
        scan(&Text::new("EC 0003-00000101 when uploading"), &mut out);
        assert!(out.iter().any(|f| f.key == Key::Ec && f.value == "0003-00000101"));
        assert!(out.iter().any(|f| f.key == Key::ProductHint && f.value == "oss"));
        out.clear();
        scan(&Text::new("call 0571-88157858"), &mut out);
        assert!(out.is_empty(), "a phone number is not an EC");
    }
}
