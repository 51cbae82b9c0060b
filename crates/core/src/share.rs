//! The page's whole state in a link: the pasted text, the chosen product, the target principal, the edited
//! policy, the chosen tab and format, the language and the error rows left out of the grant.
//!
//! The URL fragment (never sent to a server) is `v=2&c=<shards>&s=<base64url of zlib-compressed JSON>`: a version
//! tag, the catalog shards the link's diagnosis reads (RAM codes, in clear so that the page can fetch them while
//! its wasm loads; a link without `c=` does not say), then the state, whose Adler-32 checksum tells a corrupted
//! link from a valid one. Nothing else of the state is in clear. The first links (`t=<base64url of
//! raw deflate>&l=zh&p=hbr`) still open. What goes into a link is [`Outgoing`]: the state with every credential
//! cut out of its text and policy and ids masked unless revealed ([`crate::redact`]), so the preview a user sees
//! is exactly what the link carries.
//!
//! Reading a link never panics: an oversized, truncated, corrupted or unknown-version link is a [`ShareError`]
//! whose words (English and Chinese) the page shows while keeping what is in the box.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;
use serde::{Deserialize, Serialize};

use crate::finding::Localized;
use crate::grant::GrantPlan;
use crate::grant::PrincipalKind;
use crate::redact::{redact, RedactOptions, Redacted};
use crate::{Catalog, Diagnosis};

/// The version this module writes.
pub const VERSION: u32 = 2;

/// Longest text a link carries (bytes): longer pastes are diagnosed but not shared.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Longest edited policy a link carries (bytes); RAM itself accepts 6,144 characters.
pub const MAX_POLICY_BYTES: usize = 64 * 1024;

/// Longest state a link may inflate to: the text and the policy, JSON-escaped, and the small fields.
const MAX_STATE_BYTES: usize = 2 * (MAX_TEXT_BYTES + MAX_POLICY_BYTES);

/// Longest fragment read at all: longer ones are refused before any decoding (a compressed state of
/// [`MAX_STATE_BYTES`] that does not compress, in base64).
pub const MAX_FRAGMENT_CHARS: usize = MAX_STATE_BYTES / 3 * 4 + 64;

/// Most left-out rows a link names.
const MAX_LEFT_OUT: usize = 1024;

/// Most shards a link names (a diagnosis reads a few).
pub const MAX_SHARDS: usize = 16;

/// Longest product code, tab or format name (all short words).
const MAX_WORD_CHARS: usize = 64;

/// Everything a link restores. Fields a link lacks, or carries in a shape the page never writes, are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareState {
    /// The pasted text.
    #[serde(rename = "t", default)]
    pub text: String,
    /// `en` or `zh`.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The product chosen in the picker (a RAM code).
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Who the grant is for: user, group or role.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub target_kind: Option<PrincipalKind>,
    /// The name typed for the target (checked by the page as it would be when typed).
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// The custom policy as edited, JSON text.
    #[serde(rename = "j", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The fix's output format (`console`, `cli`, `terraform`, `ros`, `json`).
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The open tab of the workbench (a short name the page chooses).
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// Error rows (finding indexes) left out of the merged grant, ascending.
    #[serde(rename = "x", default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<usize>,
    /// The catalog shards (RAM codes) the link's diagnosis and plans read, sorted: a hint that lets the page fetch
    /// them before its wasm runs. Carried in clear beside the compressed state (`c=ecs,oss`), never inside it;
    /// `None` for a link that does not say (links written before the field), `Some` of none for one that needs none.
    #[serde(skip)]
    pub shards: Option<Vec<String>>,
}

/// Why a link could not be read (or a state not written), with where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is longer than any link the page writes.
    TooLong {
        /// The fragment's length.
        chars: usize,
        /// The longest a link may be.
        max: usize,
    },
    /// A version tag this page does not know (a link from a newer page, or an edited one).
    UnknownVersion {
        /// The tag found.
        found: String,
    },
    /// The fragment holds neither a version tag nor an old link's text.
    NotALink,
    /// The version tag is there but the state (`s=`) is missing.
    MissingState,
    /// A character that base64url does not have, at this position of the field.
    BadEncoding {
        /// The field (`s`, `t`).
        field: &'static str,
        /// The character's position.
        at: usize,
    },
    /// The compressed data stops early: the link was cut when it was copied.
    Truncated,
    /// The compressed data fails its checksum or does not inflate: the link was altered.
    Corrupted,
    /// The state inflates beyond what a link may carry.
    TooLarge {
        /// The most a state may inflate to, in bytes.
        max: usize,
    },
    /// The inflated bytes are not UTF-8, from this byte on.
    NotText {
        /// The first byte that is not UTF-8.
        at: usize,
    },
    /// The inflated text is not a state (line and column of the JSON error).
    BadState {
        /// The JSON error's line.
        line: usize,
        /// The JSON error's column.
        column: usize,
    },
    /// (writing) The text or policy is too long to put in a link.
    TextTooLarge {
        /// The text's size.
        bytes: usize,
        /// The most a link carries.
        max: usize,
    },
}

impl ShareError {
    /// What the page and the CLI say, in English and Chinese.
    pub fn message(&self) -> Localized {
        let (en, zh) = match self {
            ShareError::TooLong { chars, max } => (
                format!(
                    "This link is {chars} characters long; a RAM Doctor link has at most {max}. It was not opened."
                ),
                format!("该链接长 {chars} 个字符，RAM Doctor 链接最多 {max} 个，未打开。"),
            ),
            ShareError::UnknownVersion { found } => (
                format!(
                    "This link has version {found}, which this page does not know. Open it with a newer RAM Doctor."
                ),
                format!("该链接的版本为 {found}，本页面无法识别。请使用更新版本的 RAM Doctor 打开。"),
            ),
            ShareError::NotALink => (
                "The address after # is not a RAM Doctor share link.".into(),
                "地址中 # 之后的内容不是 RAM Doctor 分享链接。".into(),
            ),
            ShareError::MissingState => (
                "This link has a version but no content: it was cut when copied.".into(),
                "该链接只有版本号而没有内容：复制时被截断了。".into(),
            ),
            ShareError::BadEncoding { field, at } => (
                format!(
                    "This link is damaged: its '{field}' part has a character that does not belong at position {}.",
                    at + 1
                ),
                format!("该链接已损坏：其 '{field}' 部分第 {} 个字符不合法。", at + 1),
            ),
            ShareError::Truncated => (
                "This link is incomplete: it was cut when copied. Copy the whole link again.".into(),
                "该链接不完整：复制时被截断了。请重新复制完整链接。".into(),
            ),
            ShareError::Corrupted => (
                "This link is damaged: its content does not pass its checksum.".into(),
                "该链接已损坏：内容未通过校验。".into(),
            ),
            ShareError::TooLarge { max } => (
                format!("This link expands to more than {max} bytes; it was not opened."),
                format!("该链接解压后超过 {max} 字节，未打开。"),
            ),
            ShareError::NotText { at } => (
                format!("This link's content is not text (from byte {at})."),
                format!("该链接的内容不是文本（从第 {at} 字节起）。"),
            ),
            ShareError::BadState { line, column } => (
                format!("This link's content is not a RAM Doctor state (line {line}, column {column})."),
                format!("该链接的内容不是 RAM Doctor 状态（第 {line} 行第 {column} 列）。"),
            ),
            ShareError::TextTooLarge { bytes, max } => (
                format!("The text is {bytes} bytes; a link carries at most {max}. Share a shorter excerpt."),
                format!("文本有 {bytes} 字节，链接最多携带 {max} 字节。请分享较短的片段。"),
            ),
        };
        Localized { en, zh }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ShareError {}

/// What a link carries of a state, and what was cut or masked out of its text and policy (for the preview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The state as the link carries it: text and policy redacted.
    pub state: ShareState,
    /// The text's redaction, whose `text` is `state.text`.
    pub text: Redacted,
    /// The policy's redaction, whose `text` is `state.policy`.
    pub policy: Option<Redacted>,
}

impl Outgoing {
    /// The fragment (without `#`) that carries exactly [`Outgoing::state`].
    pub fn fragment(&self) -> Result<String, ShareError> {
        encode(&self.state)
    }
}

/// The state with every credential cut out of its text and edited policy, and ids masked unless
/// `options.reveal_ids`: the only way into a link.
pub fn outgoing(state: &ShareState, options: &RedactOptions) -> Outgoing {
    let text = redact(&state.text, options);
    let policy = state.policy.as_deref().map(|p| redact(p, options));
    let state =
        ShareState { text: text.text.clone(), policy: policy.as_ref().map(|p| p.text.clone()), ..state.clone() };
    Outgoing { state, text, policy }
}

fn encode(state: &ShareState) -> Result<String, ShareError> {
    for (bytes, max) in
        [(state.text.len(), MAX_TEXT_BYTES), (state.policy.as_deref().map_or(0, str::len), MAX_POLICY_BYTES)]
    {
        if bytes > max {
            return Err(ShareError::TextTooLarge { bytes, max });
        }
    }
    let state = sanitized(state.clone());
    let json = serde_json::to_vec(&state).expect("a share state always serializes");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    let shards = match &state.shards {
        Some(codes) => format!("&c={}", codes.join(",")),
        None => String::new(),
    };
    Ok(format!("v={VERSION}{shards}&s={}", URL_SAFE_NO_PAD.encode(packed)))
}

/// Reads a fragment, with or without its `#`. `Ok(None)` for an empty one.
pub fn decode(fragment: &str) -> Result<Option<ShareState>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    let chars = fragment.chars().count();
    if chars > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong { chars, max: MAX_FRAGMENT_CHARS });
    }
    let field = |name: &str| fragment.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='));
    let state = match (field("v"), field("t")) {
        (Some(version), _) => {
            if version != VERSION.to_string() {
                return Err(ShareError::UnknownVersion { found: version.chars().take(MAX_WORD_CHARS).collect() });
            }
            let packed = unbase64(field("s").ok_or(ShareError::MissingState)?, "s")?;
            let json = inflate(&packed, true, MAX_STATE_BYTES)?;
            let value =
                crate::json::parse(&json).map_err(|e| ShareError::BadState { line: e.line, column: e.column })?;
            // A JSON value of another shape: serde_json gives no position, so the whole (line 1, column 1).
            let state =
                serde_json::from_value::<ShareState>(value).map_err(|_| ShareError::BadState { line: 1, column: 1 })?;
            ShareState { shards: field("c").map(shard_codes), ..state }
        }
        // The first links: the text raw-deflated, the language and product as plain fields.
        (None, Some(text)) => ShareState {
            text: utf8(inflate(&unbase64(text, "t")?, false, MAX_TEXT_BYTES)?)?,
            lang: field("l").map(str::to_string),
            product: field("p").map(str::to_string),
            ..ShareState::default()
        },
        (None, None) => return Err(ShareError::NotALink),
    };
    if state.text.len() > MAX_TEXT_BYTES {
        return Err(ShareError::TooLarge { max: MAX_TEXT_BYTES });
    }
    Ok(Some(sanitized(state)))
}

/// The `c=` field's codes (sanitized later, like every field).
fn shard_codes(field: &str) -> Vec<String> {
    field.split(',').filter(|c| !c.is_empty()).take(MAX_SHARDS * 4).map(str::to_string).collect()
}

fn unbase64(value: &str, field: &'static str) -> Result<Vec<u8>, ShareError> {
    use base64::DecodeError;
    URL_SAFE_NO_PAD.decode(value.trim_end_matches('=')).map_err(|e| match e {
        DecodeError::InvalidByte(at, _) => ShareError::BadEncoding { field, at },
        // A length, or final bits, that no encoder writes: characters were lost at the end.
        DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol(..) | DecodeError::InvalidPadding => {
            ShareError::Truncated
        }
    })
}

/// Inflates zlib (checksummed) or raw deflate data, up to `max` bytes.
fn inflate(packed: &[u8], zlib: bool, max: usize) -> Result<Vec<u8>, ShareError> {
    let inflated = if zlib {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, max)
    } else {
        miniz_oxide::inflate::decompress_to_vec_with_limit(packed, max)
    };
    inflated.map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::TooLarge { max },
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => ShareError::Truncated,
        _ => ShareError::Corrupted,
    })
}

fn utf8(bytes: Vec<u8>) -> Result<String, ShareError> {
    String::from_utf8(bytes).map_err(|e| ShareError::NotText { at: e.utf8_error().valid_up_to() })
}

/// Drops the fields a page never writes in that shape (a product that is not a RAM code, a language other than
/// `en`/`zh`, a tab or format that is not a short word, a shard that is not a RAM code) and orders the left-out
/// rows and the shards: a link can hold anything.
fn sanitized(mut state: ShareState) -> ShareState {
    state.lang = state.lang.filter(|l| l == "en" || l == "zh");
    state.product = state.product.filter(|p| is_ram_code(p));
    state.format = state.format.filter(|f| is_word(f, |c| c.is_ascii_alphanumeric() || c == '-'));
    state.tab = state.tab.filter(|t| is_word(t, |c| c.is_ascii_alphanumeric() || c == '-'));
    state.target_name = state.target_name.filter(|n| n.chars().count() <= MAX_WORD_CHARS);
    state.policy = state.policy.filter(|p| p.len() <= MAX_POLICY_BYTES);
    state.left_out.sort_unstable();
    state.left_out.dedup();
    state.left_out.truncate(MAX_LEFT_OUT);
    if let Some(codes) = &mut state.shards {
        codes.retain(|c| is_ram_code(c));
        codes.sort_unstable();
        codes.dedup();
        codes.truncate(MAX_SHARDS);
    }
    state
}

/// A RAM code as the catalog writes them: lower-case letters, digits, `-` and `_` (also safe in a file name).
fn is_ram_code(word: &str) -> bool {
    is_word(word, |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn is_word(word: &str, allowed: impl Fn(char) -> bool) -> bool {
    !word.is_empty() && word.len() <= MAX_WORD_CHARS && word.chars().all(allowed)
}

/// The shards a diagnosis asks for, and those that let the findings' plans measure their system policies.
pub fn wanted_shards(diagnosis: &Diagnosis, plans: &[Result<GrantPlan, String>], catalog: &Catalog) -> Vec<String> {
    let mut wanted = diagnosis.wanted_shards.clone();
    wanted.extend(plans.iter().flatten().flat_map(|p| p.shards_to_measure(catalog)));
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// The shards a share link names in clear (`c=`) for the page that opens it: those still wanted, and the loaded
/// ones the findings and their plans read (the RAM codes of their products, actions and system policies). Only
/// codes the catalog has a shard for: nothing of the pasted text (a bucket, a user) can reach the link in clear.
pub fn link_shards(diagnosis: &Diagnosis, plans: &[Result<GrantPlan, String>], catalog: &Catalog) -> Vec<String> {
    let products = diagnosis.findings.iter().filter_map(|f| f.product.as_deref()).filter_map(|p| catalog.product(p));
    let actions = diagnosis.findings.iter().flat_map(|f| &f.actions).filter_map(|a| a.split_once(':').map(|(c, _)| c));
    let policies = plans.iter().flatten().flat_map(|p| &p.system_policies).filter_map(|p| p.product.as_deref());
    let read = products.map(|p| p.ram_code.as_str()).chain(actions).chain(policies).map(str::to_ascii_lowercase);
    let mut codes = wanted_shards(diagnosis, plans, catalog);
    codes.extend(read);
    codes.retain(|code| catalog.has_shard(code));
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";

    fn link(state: &ShareState) -> String {
        outgoing(state, &RedactOptions::default()).fragment().expect("encodes")
    }

    fn full_state() -> ShareState {
        ShareState {
            text: "权限不足，请联系主账号管理员授权\n{\"Code\":\"Forbidden.RAM\"}".into(),
            lang: Some("zh".into()),
            product: Some("hbr".into()),
            target_kind: Some(PrincipalKind::Role),
            target_name: Some("backup-operator".into()),
            policy: Some("{\"Version\":\"1\",\"Statement\":[]}".into()),
            format: Some("terraform".into()),
            tab: Some("editor".into()),
            left_out: vec![1, 3],
            shards: Some(vec!["ecs".into(), "hbr".into()]),
        }
    }

    #[test]
    fn the_whole_state_round_trips_with_a_version_tag() {
        let fragment = link(&full_state());
        assert!(fragment.starts_with("v=2&c=ecs,hbr&s="), "{fragment}");
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(full_state())));
    }

    #[test]
    fn an_old_link_still_opens() {
        // `t=` the raw-deflated text, as the first page wrote it.
        let text = "Insufficient permissions 权限不足";
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
        let old = format!("t={}&l=zh&p=hbr", URL_SAFE_NO_PAD.encode(packed));
        let state = decode(&old).unwrap().unwrap();
        assert_eq!(
            (state.text.as_str(), state.lang.as_deref(), state.product.as_deref()),
            (text, Some("zh"), Some("hbr"))
        );
    }

    #[test]
    fn the_shards_are_a_hint_in_clear_and_links_without_them_still_open() {
        // Written before the field: no `c=`, so the link does not say which shards it needs.
        let without = ShareState { shards: None, ..full_state() };
        let fragment = link(&without);
        assert!(fragment.starts_with("v=2&s="), "{fragment}");
        assert_eq!(decode(&fragment), Ok(Some(without.clone())));
        // A link that needs none says so.
        let none = ShareState { shards: Some(vec![]), ..full_state() };
        assert!(link(&none).starts_with("v=2&c=&s="));
        assert_eq!(decode(&link(&none)), Ok(Some(none)));
        // The field in any place, codes in any order, repeated, or not RAM codes: sorted, once, the others dropped.
        let s = link(&without).split_once("&s=").map(|(_, s)| s.to_string()).unwrap();
        let read = decode(&format!("v=2&s={s}&c=oss,ecs,,oss,ECS,a/b,<x>,{}", "y".repeat(65))).unwrap().unwrap();
        assert_eq!(read.shards, Some(vec!["ecs".to_string(), "oss".to_string()]));
        let many: Vec<String> = (0..40).map(|i| format!("p{i:02}")).collect();
        let read = decode(&format!("v=2&c={}&s={s}", many.join(","))).unwrap().unwrap();
        assert_eq!(read.shards, Some(many[..MAX_SHARDS].to_vec()));
    }

    #[test]
    fn nothing_of_the_text_is_in_clear() {
        let state = ShareState { text: "ecs:DescribeInstances Forbidden.RAM".into(), ..full_state() };
        let fragment = link(&state);
        let (clear, _) = fragment.split_once("&s=").unwrap();
        assert_eq!(clear, "v=2&c=ecs,hbr");
    }

    #[test]
    fn credentials_never_reach_the_link_and_the_preview_is_what_it_carries() {
        let state = ShareState {
            text: format!("AccessKeySecret: {SECRET}\n\"AuthPrincipalOwnerId\":\"1234567890123456\""),
            policy: Some(format!("{{\"Resource\":\"acs:ram::1234567890123456:role/x\",\"k\":\"{SECRET}\"}}")),
            ..ShareState::default()
        };
        let out = outgoing(&state, &RedactOptions::default());
        let shared = decode(&out.fragment().unwrap()).unwrap().unwrap();
        assert_eq!(shared, out.state);
        for carried in [&shared.text, shared.policy.as_ref().unwrap()] {
            assert!(!carried.contains(SECRET) && !carried.contains("1234567890123456"), "{carried}");
        }
        let revealed = outgoing(&state, &RedactOptions { reveal_ids: true });
        assert!(revealed.state.text.contains("1234567890123456") && !revealed.state.text.contains(SECRET));
    }

    #[test]
    fn hostile_fields_are_dropped_and_the_text_kept() {
        let state = ShareState {
            text: "<script>alert(1)</script>".into(),
            product: Some("<img src=x onerror=alert(1)>".into()),
            lang: Some("fr".into()),
            format: Some("a b".into()),
            left_out: vec![5, 2, 5],
            ..ShareState::default()
        };
        let shared = decode(&link(&state)).unwrap().unwrap();
        assert_eq!(shared, ShareState { text: state.text.clone(), left_out: vec![2, 5], ..ShareState::default() });
    }

    #[test]
    fn broken_links_give_typed_errors() {
        let good = link(&full_state());
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#section"), Err(ShareError::NotALink));
        assert_eq!(decode("v=3&s=AAAA"), Err(ShareError::UnknownVersion { found: "3".into() }));
        assert_eq!(decode("v=2"), Err(ShareError::MissingState));
        assert_eq!(decode("v=2&s=ab%cd"), Err(ShareError::BadEncoding { field: "s", at: 2 }));
        assert_eq!(decode(&good[..good.len() - 12]), Err(ShareError::Truncated));
        let mut bytes = good.into_bytes();
        let at = bytes.len() - 20;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        assert!(matches!(
            decode(&String::from_utf8(bytes).unwrap()),
            Err(ShareError::Corrupted | ShareError::BadState { .. })
        ));
        let long = format!("v=2&s={}", "A".repeat(MAX_FRAGMENT_CHARS));
        assert!(matches!(decode(&long), Err(ShareError::TooLong { .. })));
    }

    #[test]
    fn a_link_that_inflates_too_far_is_refused() {
        // Zeros compress a thousandfold: a short link that would expand past the limit.
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; MAX_STATE_BYTES + 1], 9);
        assert_eq!(
            decode(&format!("v=2&s={}", URL_SAFE_NO_PAD.encode(bomb))),
            Err(ShareError::TooLarge { max: MAX_STATE_BYTES })
        );
        let big = ShareState { text: "x".repeat(MAX_TEXT_BYTES + 1), ..ShareState::default() };
        assert_eq!(
            outgoing(&big, &RedactOptions::default()).fragment(),
            Err(ShareError::TextTooLarge { bytes: MAX_TEXT_BYTES + 1, max: MAX_TEXT_BYTES })
        );
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        for e in [
            ShareError::TooLong { chars: 1, max: 1 },
            ShareError::UnknownVersion { found: "9".into() },
            ShareError::NotALink,
            ShareError::MissingState,
            ShareError::BadEncoding { field: "s", at: 0 },
            ShareError::Truncated,
            ShareError::Corrupted,
            ShareError::TooLarge { max: 1 },
            ShareError::NotText { at: 0 },
            ShareError::BadState { line: 1, column: 1 },
            ShareError::TextTooLarge { bytes: 2, max: 1 },
        ] {
            let m = e.message();
            assert!(!m.en.is_empty() && !m.zh.is_empty() && m.en != m.zh, "{e:?}");
        }
    }
    #[test]
    fn a_link_names_only_catalog_shards_in_clear() {
        let mut catalog = Catalog::from_index(include_bytes!("../../../data/index.json")).expect("index");
        catalog.add_shard("ecs", include_bytes!("../../../data/shards/ecs.json")).expect("ecs shard");
        // A shard-shaped word of the user's own (a bucket name) and a made-up action prefix sit in the text.
        let text = "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, \
                    or this API doesn't support RAM.\nAction: ecs:DescribeInstances\nbucket: my-private-bucket\n\
                    Action: my-private-bucket:Get";
        let diagnosis = crate::diagnose(text, &catalog);
        let plans: Vec<_> = diagnosis
            .findings
            .iter()
            .map(|f| {
                GrantPlan::from_findings(std::slice::from_ref(f), &catalog, &Default::default())
                    .map_err(|e| e.to_string())
            })
            .collect();
        let codes = link_shards(&diagnosis, &plans, &catalog);
        assert!(codes.contains(&"ecs".to_string()), "the denied product's shard: {codes:?}");
        assert!(codes.iter().all(|c| catalog.has_shard(c)), "only catalog shards: {codes:?}");
        assert!(!codes.iter().any(|c| c.contains("private")), "nothing of the text: {codes:?}");
    }
}
