//! Codes standing in ordinary text: `` `UserDisable` ``, `returns OperationDenied`, `提示UserDisable`,
//! `报了403，OperationDenied`, `Throttling.User | …`. A token shaped like a code (CamelCase of two or more words, or
//! dotted) on a line that speaks of an error becomes a [`Key::CodeCandidate`]; `diagnose` takes it as the code
//! only when the catalog documents it, so a code-like word in a quiet log line never makes a finding.
//!
//! Also an OSS EC printed on its own (`0003-00000101`): OSS documents its EC codes, so one names the product.

use std::sync::OnceLock;

use super::code::{is_code, Level};
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
    // `报`, colloquial "threw" (`获取token时报SignatureDoesNotMatch`), and so `报错`, `报了`.
    "报",
    "提示",
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

/// What a code word names after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Names {
    /// A number: the code a product returned, not a count or a status (`报错“10013”`).
    Number,
    /// A word of a code's shape (`the status code StatusForbidden`, [`Level::Named`]), documented or not.
    Word,
    /// Either.
    NumberOrWord,
}

/// Words that name what stands after them as the error's code (compared without ASCII case; what stands between
/// is [`NUMBER_OPENERS`] and, before a word, a copula ([`COPULAS`])): `报错“10013”`, `错误码 5005`, `错误码：X`, `the
/// status code StatusForbidden`. Products with numeric codes (Machine Translation, OpenSearch, Content Moderation)
/// are asked about in the Chinese words; English keys before a number (`error code: 596`, `code:596`) are the fields
/// reader's: "error code" stands in too many log lines to be searched for on its own. The code a troubleshooting
/// link of Alibaba Cloud's asks about (`api.aliyun.com/troubleshoot?q=<code>`, the error center's
/// `search?Keyword=<code>`: the `Recommend` line the Tea SDKs' samples print) counts too.
const CODE_WORDS: &[(&str, Names)] = &[
    ("报错", Names::NumberOrWord),
    ("错误码", Names::NumberOrWord),
    ("错误代码", Names::NumberOrWord),
    ("返回码", Names::NumberOrWord),
    ("error code", Names::Word),
    ("status code", Names::Word),
    ("errorcode", Names::Word),
    ("状态码", Names::Word),
    ("troubleshoot?q", Names::Word),
    ("search?keyword", Names::Word),
];

/// The [`CODE_WORDS`] a number may follow.
fn number_words() -> impl Iterator<Item = &'static str> {
    CODE_WORDS.iter().filter(|(_, n)| *n != Names::Word).map(|(w, _)| *w)
}

/// What may stand between a [`CODE_WORDS`] word and the number or code: spaces, colons, quotes, brackets.
const NUMBER_OPENERS: &[char] = &[' ', ':', '：', '“', '"', '\'', '「', '[', '(', '（', '=', '#', '`'];

/// `the error code is X`, `错误码为X`: a verb between the code word and the code.
const COPULAS: &[&str] = &[" is", "为", "是"];

/// Words after which an HTTP status is the one a request failed with (`Request failed with status code 403`, axios;
/// `POST /services failed with 500`; `the server responded with a status of 403`), compared without ASCII case.
const FAILED_WITH: &[&str] = &["failed with", "responded with", "returned status", "returned http", "returned error"];

/// What may stand between a [`FAILED_WITH`] word and the status (lower case).
const STATUS_FILLERS: &[&str] = &["status code", "status of", "status", "code", "http", "error", "a", ":", "=", "("];

/// HTTP's reason phrases after their status (RFC 9110), compared without ASCII case: a status line
/// (`failed with status: 401 Unauthorized`, `HTTP/1.1 403 Forbidden`) says a request failed, whatever stands before.
const STATUS_LINES: &[&str] = &[
    "400 bad request",
    "401 unauthorized",
    "403 forbidden",
    "404 not found",
    "429 too many requests",
    "500 internal server error",
    "502 bad gateway",
    "503 service unavailable",
    "504 gateway timeout",
];

/// Words after a status that say it is a failure (Python requests' `403 Client Error: Forbidden for url: …`).
const FAILED_AFTER: &[&str] = &[" client error", " server error"];

/// What the prefilter ([`super::scan`]) looks for on this reader's behalf: the `-000` every OSS EC holds
/// ([`is_oss_ec`]), the words before a numeric code ([`number_words`]) and before or after a failure status
/// ([`FAILED_WITH`], [`STATUS_LINES`], [`FAILED_AFTER`]). A code-shaped word opens an error only
/// when documented or after a code word: the prefilter asks [`opening_words`].
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    ["-000"]
        .into_iter()
        .chain(number_words())
        .chain(FAILED_WITH.iter().copied())
        .chain(STATUS_LINES.iter().copied())
        .chain(FAILED_AFTER.iter().map(|w| w.trim_start()))
}

/// A [`Key::HttpFailure`] for each 4xx or 5xx status a request is said to have failed with: after a
/// [`FAILED_WITH`] word (past [`STATUS_FILLERS`]), opening a [`STATUS_LINES`] phrase, or before [`FAILED_AFTER`].
fn failure_statuses(s: &str, out: &mut Vec<Field>) {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(FAILED_WITH.iter().chain(STATUS_LINES).chain(FAILED_AFTER))
            .expect("valid words")
    });
    let b = s.as_bytes();
    let whole = |at: usize, end: usize| {
        let word_byte = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric);
        !word_byte(at.checked_sub(1)) && !word_byte(Some(end))
    };
    for m in finder.find_iter(s) {
        let pattern = m.pattern().as_usize();
        // `FAILED_AFTER` words open with the blank after the status: only their end must be a word's.
        let after_status = pattern >= FAILED_WITH.len() + STATUS_LINES.len();
        if !whole(if after_status { m.start() + 1 } else { m.start() }, m.end()) {
            continue;
        }
        let from = if after_status {
            // The status stands just before the words, at a word's start.
            match m.start().checked_sub(3) {
                Some(at) if !(at > 0 && b[at - 1].is_ascii_alphanumeric()) => at,
                _ => continue,
            }
        } else if pattern < FAILED_WITH.len() {
            let mut at = m.end();
            for _ in 0..4 {
                at += b[at..].iter().take_while(|&&c| c == b' ').count();
                let next = |f: &&&str| b[at..].get(..f.len()).is_some_and(|w| w.eq_ignore_ascii_case(f.as_bytes()));
                match STATUS_FILLERS.iter().find(|f| next(f) && whole(at, at + f.len())) {
                    Some(f) => at += f.len(),
                    None => break,
                }
            }
            at + b[at..].iter().take_while(|&&c| c == b' ').count()
        } else {
            m.start()
        };
        let status = crate::text::slice(s, from, from + 3);
        // Not a longer number or a version (`4.0.3`); a sentence's stop may follow (`failed with 500.`).
        let version = b.get(from + 3) == Some(&b'.') && b.get(from + 4).is_some_and(u8::is_ascii_digit);
        let stands = !b.get(from + 3).is_some_and(u8::is_ascii_alphanumeric) && !version;
        if stands && matches!(status.as_bytes().first(), Some(b'4' | b'5')) && crate::text::is_http_status(status) {
            out.push(Field::new(Key::HttpFailure, status, from, from + 3));
        }
    }
}

/// Appends a candidate code for each code-shaped token on a line that speaks of an error, and an [`Key::Ec`] with an
/// OSS product hint for each bare EC.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let b = s.as_bytes();
    numeric_codes(s, out);
    failure_statuses(s, out);
    // Whether the last line asked about speaks of an error (many tokens share a line).
    let mut line_context: Option<(usize, bool)> = None;
    for (start, end) in tokens(b) {
        let token = &s[start..end];
        if is_oss_ec(token) {
            out.push(Field::new(Key::Ec, token, start, end));
            out.push(Field::new(Key::ProductHint, "oss", start, end));
            continue;
        }
        // Both tests below ask where the token stands, and want its shape: asked once, where it stands first.
        if !stands(b, start, end) {
            continue;
        }
        let shaped = candidate_shaped(s, token, start);
        if named_after_code_word(s, token, shaped, start, end) {
            out.push(Field::new(Key::Code, token, start, end));
        } else if shaped {
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

/// A [`Key::Code`] for each number standing after a [`CODE_WORDS`] word that names one: four digits or more, or
/// three that are no HTTP status (`报错“10013”`, `错误码：5005`).
fn numeric_codes(s: &str, out: &mut Vec<Field>) {
    for word in number_words() {
        for at in crate::text::find_all(s, word) {
            let after = at + word.len();
            let rest = &s[after..];
            let skipped = rest.len() - rest.trim_start_matches(NUMBER_OPENERS).len();
            let from = after + skipped;
            let digits = s.as_bytes()[from..].iter().take_while(|c| c.is_ascii_digit()).count();
            let number = &s[from..from + digits];
            let stands = !s.as_bytes().get(from + digits).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.');
            if skipped <= 8 && stands && super::fields::numeric_code(number, 4) {
                out.push(Field::new(Key::Code, number, from, from + digits));
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

/// Whether the token at `start..end` stands in text rather than being called, assigned or used as a quoted key. A
/// name qualified with `::` (`Excon::Error::BadRequest`, a Ruby or C++ class) is a class, not a code.
fn stands(b: &[u8], start: usize, end: usize) -> bool {
    !called_or_assigned(b, end) && !quoted_key(b, start, end) && !b[..start].ends_with(b"::")
}

/// Whether the token at `start` has a candidate's shape: [`Level::Candidate`]'s, or any documented code's
/// ([`Level::Named`]) right after a full-width colon, the label mark of Chinese prose (`返回：USER_NOT_EXIST`,
/// `原因：Throttling`), which names what follows as a value. A candidate is the code only when documented.
fn candidate_shaped(s: &str, token: &str, start: usize) -> bool {
    is_code(token, Level::Candidate)
        || (s[..start].trim_end_matches(['“', '"', '`', '「', ' ']).ends_with('：') && is_code(token, Level::Named))
}

/// Whether a [`CODE_WORDS`] word names the token at `start..end` as the code: it has a code's shape at
/// [`Level::Named`] (`SLSUnauthorized`, `notAuthorized`, `ODPS-0420095`, `USER_NOT_EXIST`), and stands.
/// `candidate` is its shape as a candidate ([`candidate_shaped`]), which implies [`Level::Named`]'s.
fn named_after_code_word(s: &str, token: &str, candidate: bool, start: usize, end: usize) -> bool {
    let b = s.as_bytes();
    stands(b, start, end) && after_code_word(s, start) && (candidate || is_code(token, Level::Named))
}

/// Where a code-shaped word stands that opens an error ([`super::group`]): one after a [`CODE_WORDS`] word, and
/// one `documented` accepts, whatever the words around it (it opens an error on a line that speaks of one). The
/// prefilter ([`super::scan`]) asks this: neither has a needle.
pub(super) fn opening_words<'a>(s: &'a str, documented: &'a dyn Fn(&str) -> bool) -> impl Iterator<Item = usize> + 'a {
    let b = s.as_bytes();
    cased_tokens(b)
        .filter(move |&(start, end)| {
            // Both ways ask where the word stands: asked first, it spares the shape's tests.
            if !stands(b, start, end) {
                return false;
            }
            let token = &s[start..end];
            let shaped = candidate_shaped(s, token, start);
            named_after_code_word(s, token, shaped, start, end) || (shaped && documented(token))
        })
        .map(|(start, _)| start)
}

/// The [`tokens`] that start with a letter and hold an ASCII capital, as every [`Level::Named`] word does
/// (`notAuthorized`, `iot.messagebroker.OFFLINE`, which [`named_after_code_word`] may take): one pass over the runs
/// of token bytes (the same bytes as a dotted name's), since the prefilter asks it of the whole text.
fn cased_tokens(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let cased = move |start: usize, end: usize| {
        b[start].is_ascii_uppercase()
            || (b[start].is_ascii_lowercase() && b[start..end].iter().any(u8::is_ascii_uppercase))
    };
    crate::text::name_runs(b).filter(move |&(start, end)| cased(start, end)).map(|(start, end)| {
        let trimmed =
            b[start..end].iter().rposition(|c| !matches!(c, b'.' | b'-' | b'_')).map_or(start, |p| start + p + 1);
        (start, trimmed)
    })
}

/// Whether a [`CODE_WORDS`] word stands just before `start`, past openers and a copula.
///
/// The prefilter asks this of every cased word of the text: the byte before the word, then the last byte before the
/// openers, turn most away before any word is compared (this and its caller were 7 % of the CPU time on an
/// error-dense log, `perf`, dense5.log).
fn after_code_word(s: &str, start: usize) -> bool {
    if !may_follow_code_word(s.as_bytes(), start) {
        return false;
    }
    let trim = |t: &'_ str| -> usize { t.len() - t.trim_end_matches(NUMBER_OPENERS).len() };
    let before = crate::text::slice(s, start.saturating_sub(64), start);
    let cut = trim(before);
    if cut > 8 {
        return false;
    }
    let mut rest = &before[..before.len() - cut];
    if let Some(r) = COPULAS.iter().find_map(|c| rest.strip_suffix(c)) {
        // Openers are whole characters (`：` is three bytes): cut all of them or none, never inside one.
        let openers = trim(r);
        if openers > 8 {
            return false;
        }
        rest = &r[..r.len() - openers];
    }
    if !rest.as_bytes().last().is_some_and(|&c| ends_a_code_word(c)) {
        return false;
    }
    CODE_WORDS.iter().filter(|(_, n)| *n != Names::Number).any(|(w, _)| {
        rest.len() >= w.len()
            && rest.is_char_boundary(rest.len() - w.len())
            && rest[rest.len() - w.len()..].eq_ignore_ascii_case(w)
            && !rest[..rest.len() - w.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// Whether `c` is the last byte of a [`CODE_WORDS`] word (ASCII case aside).
fn ends_a_code_word(c: u8) -> bool {
    CODE_WORDS.iter().any(|(w, _)| w.as_bytes().last().is_some_and(|l| l.eq_ignore_ascii_case(&c)))
}

/// A quick test that [`after_code_word`] can hold at `start`: past ASCII openers, the byte before must be a byte of
/// a character outside ASCII (a Chinese code word or copula) or the last byte of a [`CODE_WORDS`] word or a
/// [`COPULAS`] verb, ASCII case aside (a table of 256 built once from those lists). The prefilter asks this of every
/// cased word of a long text, and most stand after `] ` or a space after a word: callgrind, 5 MB of the eval noise
/// log, 167 M → 121 M instructions for [`opening_words`].
fn may_follow_code_word(b: &[u8], start: usize) -> bool {
    static ENDS: OnceLock<[bool; 256]> = OnceLock::new();
    let ends = ENDS.get_or_init(|| {
        let mut ends = [false; 256];
        ends[0x80..].fill(true);
        for w in CODE_WORDS.iter().map(|(w, _)| *w).chain(COPULAS.iter().copied()) {
            if let Some(&last) = w.as_bytes().last() {
                ends[usize::from(last.to_ascii_lowercase())] = true;
                ends[usize::from(last.to_ascii_uppercase())] = true;
            }
        }
        ends
    });
    let ascii_opener = |c: &&u8| NUMBER_OPENERS.iter().any(|&o| o.is_ascii() && o as u8 == **c);
    b[..start].iter().rev().take(64).find(|c| !ascii_opener(c)).is_some_and(|&c| ends[usize::from(c)])
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

/// `Foo(`, `Foo =`, `Foo::`, `GetBalance: {…}`: a call, an assignment, a path, or the label a tool prints before the
/// body it received (the API's name before its answer, whose own fields say the code) rather than a code standing
/// in text.
fn called_or_assigned(b: &[u8], end: usize) -> bool {
    matches!(b.get(end), Some(b'(' | b'=' | b'['))
        || (b.get(end) == Some(&b':') && matches!(b.get(end + 1), Some(b':' | b'{')))
        || (b.get(end..end + 2) == Some(b": ") && b.get(end + 2) == Some(&b'{'))
}

/// `"ExplicitDeny": true`: a quoted name followed by `:` is a JSON or dict key, not a code standing in text.
fn quoted_key(b: &[u8], start: usize, end: usize) -> bool {
    let quote = start.checked_sub(1).and_then(|i| b.get(i)).copied().filter(|q| matches!(q, b'"' | b'\''));
    quote.is_some_and(|q| b.get(end) == Some(&q) && b[end + 1..].iter().take(4).find(|c| **c != b' ') == Some(&b':'))
}

/// Whether the line of `pos`, or the line before or after it, speaks of an error (the token at `pos..end` aside:
/// `OperationDenied` does not speak of itself). A code-shaped word alone on its line stands as a code too (an
/// error-code table copied one cell per line: code, message, status), and so does one that opens the paste.
fn error_context(text: &Text, pos: usize, end: usize) -> bool {
    let s = text.as_str();
    let line = text.line_of(pos);
    let (la, le) = text.line_range(line);
    if s[la..pos].trim().is_empty() && s[end.min(le)..le].trim().is_empty() {
        return true;
    }
    // The paste's first word: a code pasted as its title (`InvalidAccessKeyId，but the key is valid`).
    if s[..pos].trim().is_empty() {
        return true;
    }
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

    /// The quick test passes every code word and copula, in either case, past each opener: a row added to
    /// [`CODE_WORDS`] or [`COPULAS`] that ends in another byte fails here, not silently in the prefilter.
    #[test]
    fn the_quick_test_passes_every_code_word() {
        let words = CODE_WORDS.iter().map(|(w, _)| w.to_string()).chain(COPULAS.iter().map(|c| format!("code{c}")));
        for word in words {
            for case in [word.clone(), word.to_ascii_uppercase()] {
                for opener in NUMBER_OPENERS.iter().map(char::to_string).chain([String::new()]) {
                    let s = format!("{case}{opener}UserDisable");
                    assert!(may_follow_code_word(s.as_bytes(), s.len() - "UserDisable".len()), "{s}");
                }
            }
        }
        assert!(!may_follow_code_word(b"INFO  [main] OrderService", 13));
        assert!(!may_follow_code_word(b"  UserDisable", 2));
    }

    #[test]
    fn openers_before_a_copula_are_cut_whole_or_not_at_all() {
        // Full-width colons are three bytes each: a cut inside one panicked.
        for text in
            ["错误码：：：是InvalidParameter", "错误码：      为InvalidParameter", "错误码：：：：：是Forbidden.RAM"]
        {
            let mut out = Vec::new();
            scan(&Text::new(text), &mut out);
        }
        let mut out = Vec::new();
        scan(&Text::new("错误码：是InvalidParameter.Name"), &mut out);
        assert!(out.iter().any(|f| f.value == "InvalidParameter.Name"), "{out:?}");
    }

    #[test]
    fn cased_tokens_are_the_tokens_led_by_a_letter_with_a_capital() {
        let s = "Ab.C-x_ 提示UserDisable. a.B Forbidden.RAM: x-Y _Z Q. NoPermission\nUserDisable... E notAuthorized \
                 iot.messagebroker.OFFLINE";
        let cased = |(a, e): &(usize, usize)| {
            let t = &s.as_bytes()[*a..*e];
            t[0].is_ascii_alphabetic() && t.iter().any(u8::is_ascii_uppercase)
        };
        let want: Vec<_> = tokens(s.as_bytes()).filter(cased).collect();
        assert_eq!(cased_tokens(s.as_bytes()).collect::<Vec<_>>(), want);
        assert!(want.len() >= 7);
    }

    /// The values of the fields with `key` the reader finds in `s`.
    fn values(s: &str, key: Key) -> Vec<String> {
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        out.into_iter().filter(|f| f.key == key).map(|f| f.value).collect()
    }

    fn candidates(s: &str) -> Vec<String> {
        values(s, Key::CodeCandidate)
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
    fn a_label_before_a_body_is_not_a_candidate() {
        for s in ["仍然提示\nGetBalance: {\"error\":{\"code\":403}}", "error GetBalance:{\"code\":403}"] {
            assert!(!candidates(s).contains(&"GetBalance".to_string()), "{s}");
        }
        // Control: the same word before a sentence stands in text.
        assert_eq!(candidates("error: GetBalance failed"), ["GetBalance"]);
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

    fn codes(s: &str) -> Vec<String> {
        values(s, Key::Code)
    }

    #[test]
    fn numbers_after_a_code_word_are_codes() {
        assert_eq!(codes("阿里云报错“10013”，即账号服务没有开通"), ["10013"]);
        assert_eq!(codes("接口返回错误码：5005"), ["5005"]);
        // A status, a count, a longer word or a version is not.
        assert!(codes("报错403").is_empty());
        assert!(codes("错误码 12 次").is_empty());
        assert!(codes("报错 1.2.3").is_empty());
    }

    #[test]
    fn failure_statuses_after_their_words_or_before_their_reason_phrase() {
        let statuses = |s: &str| values(s, Key::HttpFailure);
        assert_eq!(statuses("Error: Request failed with status code 403"), ["403"]);
        assert_eq!(statuses("POST /services failed with 500. requestid: 5648"), ["500"]);
        assert!(statuses("failed with 403.5 seconds left").is_empty());
        assert_eq!(statuses("login attempt to http://10.0.0.1/v2/ failed with status: 401 Unauthorized"), ["401"]);
        assert_eq!(statuses("the server responded with a status of 404 (Not Found)"), ["404"]);
        assert_eq!(statuses("HTTP/1.1 503 Service Unavailable"), ["503"]);
        assert_eq!(statuses("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: x"), ["403"]);
        // A success, a count, a version, or a word that only contains the phrase: no failure.
        assert!(statuses("GET /healthz returned status 200").is_empty());
        assert!(statuses("failed with 4.0.3 installed").is_empty());
        assert!(statuses("unfailed without 403").is_empty());
        assert!(statuses("E1403 Forbidden").is_empty());
    }

    #[test]
    fn a_code_word_names_the_code_after_it() {
        assert_eq!(codes("the status code StatusForbidden is still displayed"), ["StatusForbidden"]);
        assert_eq!(codes("接口返回错误码：InvalidParameter.Format"), ["InvalidParameter.Format"]);
        assert_eq!(codes("The error code is `QuotaExceeded.Vpc`."), ["QuotaExceeded.Vpc"]);
        // Every code shape: led by an acronym, lower camel, a product's prefix and number, a one-word code.
        assert_eq!(codes("error code: SLSUnauthorized"), ["SLSUnauthorized"]);
        assert_eq!(codes("错误码：notAuthorized"), ["notAuthorized"]);
        assert_eq!(codes("error code ODPS-0420095"), ["ODPS-0420095"]);
        // `报错` before a word: the code it threw.
        assert_eq!(codes("报错InvalidApi.NotPurchase Specified api is not purchase"), ["InvalidApi.NotPurchase"]);
        // The Tea samples' `Recommend` line: the link asks about the code.
        let link = "https://api.aliyun.com/troubleshoot?q=Unauthorized&product=Sls&requestId=R-1";
        assert_eq!(codes(link), ["Unauthorized"]);
        // A plain word, a label or a file name after the word is no code.
        assert!(codes("error code: Please retry").is_empty());
        assert!(codes("error code: RequestId").is_empty());
        assert!(codes("error code: main.go").is_empty());
        // Without the code word, or with another word before it, the word is only a candidate.
        assert!(codes("the code StatusForbidden is displayed").is_empty());
        assert!(codes("see the error codes page for StatusForbidden").is_empty());
        assert!(codes("my_error code handler").is_empty());
    }

    #[test]
    fn the_first_word_of_a_paste_is_a_candidate() {
        assert_eq!(candidates("InvalidAccessKeyId，but the key is valid"), ["InvalidAccessKeyId"]);
        assert!(candidates("see InvalidAccessKeyId, but the key is valid").is_empty());
    }

    #[test]
    fn file_names_and_qualified_classes_are_not_candidates() {
        let frame = "error at CombinedResponseHandler.handle(CombinedResponseHandler.java:123)";
        assert!(candidates(frame).iter().all(|c| !c.ends_with(".java")));
        assert!(candidates("Excon::Error::BadRequest (Expected([200]) <=> Actual(400 Bad Request))").is_empty());
    }

    #[test]
    fn a_code_alone_on_its_line_is_a_candidate() {
        assert_eq!(candidates("OperationDenied\nYour account does not open the service yet.\n"), ["OperationDenied"]);
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
