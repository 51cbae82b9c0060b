//! OSS XML error bodies: `<Error><Code>AccessDenied</Code>…<EC>0003-00000201</EC><AccessDeniedDetail>…</Error>`,
//! also when pasted escaped inside a string or with log prefixes on every line. Each `<Error>` element is one
//! container; element content never holds `<`, so the scan stays linear.

use super::{fields::plain_key, Field, Key};
use crate::text::{self, Text};

/// Longest `<Error>` element grouped as one error.
const MAX_ELEMENT: usize = 65_536;

/// Elements of OSS's own, beside the key names the other readers share ([`plain_key`]).
const ELEMENTS: &[(&str, Key)] = &[("StringToSign", Key::ServerStringToSign), ("OSSAccessKeyId", Key::ProductHint)];

/// The names of this reader's own elements: the prefilter ([`super::scan`]) looks for them.
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    ELEMENTS.iter().map(|(n, _)| *n)
}

/// Appends the fields of every XML element it understands.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let b = s.as_bytes();
    let closes: Vec<usize> = text::find_all(s, "</Error>").collect();
    let mut container: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(lt) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')).map(|p| p + i) {
        i = lt + 1;
        if container.is_some_and(|(_, end)| lt >= end) {
            container = None;
        }
        let name_end =
            lt + 1 + b[lt + 1..].iter().take(64).take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_').count();
        if name_end == lt + 1 {
            continue;
        }
        let name = &s[lt + 1..name_end];
        // The end of the start tag (attributes allowed, e.g. `xmlns`).
        let Some(gt) = b[name_end..].iter().take(512).position(|&c| c == b'>' || c == b'<').map(|p| p + name_end)
        else {
            continue;
        };
        if b[gt] != b'>' || b[gt - 1] == b'/' {
            continue;
        }
        if name == "Error" {
            // The next `</Error>` (closes found once, up front, so unclosed tags cannot make this quadratic).
            let next = closes.partition_point(|&c| c < gt);
            let end = closes.get(next).copied().unwrap_or(s.len()).min(gt + MAX_ELEMENT);
            container = Some((lt, end));
            let mut f = Field::new(Key::Header, "xml-error", lt, gt + 1);
            f.container = Some(lt);
            out.push(f);
            continue;
        }
        let key = ELEMENTS.iter().find(|(n, _)| *n == name).map(|&(_, k)| k).or_else(|| plain_key(name));
        let Some(key) = key else { continue };
        let content_start = gt + 1;
        let content_end = b[content_start..].iter().position(|&c| c == b'<').map_or(b.len(), |p| p + content_start);
        if !b[content_end..].starts_with(b"</") || !b[content_end + 2..].starts_with(name.as_bytes()) {
            continue;
        }
        let raw = &s[content_start..content_end];
        let value = if key == Key::ProductHint { "oss".to_string() } else { text::unescape(raw).trim().to_string() };
        if value.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let mut f = Field::new(key, value, content_start + lead, content_start + raw.trim_end().len());
        f.container = container.map(|(start, _)| start);
        out.push(f);
        i = content_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_oss_error_bodies() {
        let s = "I/flutter ( 1): <Error>\nI/flutter ( 1):   <Code>InvalidAccessKeyId</Code>\n<Message>\nYou have no right.\n</Message><EC>0002-00000003</EC></Error>";
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        let get = |k: Key| out.iter().find(|f| f.key == k).map(|f| f.value.clone());
        assert_eq!(get(Key::Code).as_deref(), Some("InvalidAccessKeyId"));
        assert_eq!(get(Key::Message).as_deref(), Some("You have no right."));
        assert_eq!(get(Key::Ec).as_deref(), Some("0002-00000003"));
        assert!(out.iter().all(|f| f.container == Some(s.find("<Error>").unwrap())));
    }
}
