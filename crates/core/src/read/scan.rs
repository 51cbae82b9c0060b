//! The prefilter: which paragraphs of a long text the readers need to see at all.
//!
//! [`super::group`] never lets an error reach past its paragraph, and a paragraph where no reader finds a field that
//! opens an error or names a product adds nothing to the [`Reading`]: its other fields wait for an error that never
//! opens there. So one search for every reader's needles (plus two shape checks for what has no needle) marks the
//! paragraphs that matter, the readers run on those alone, and [`super::group`] assembles the fields against the
//! whole text, exactly as if they had read it all.
//!
//! The needles come from the readers' own tables ([`super::headers`], [`super::phrases`], [`super::fields`],
//! [`super::xml`], [`super::prose`], [`super::ONE_WORD_CODES`]), so a new row is searched for here too. The search
//! ignores ASCII case and needs no word boundary: it may mark a paragraph no reader finds anything in, never the
//! reverse.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{fields, generic, group, headers, phrases, prose, xml, Field, Reading};
use crate::text::Text;

/// Below this size the readers simply read everything: a pasted error is small, and the search would cost more
/// than it saves.
pub const MIN_BYTES: usize = 64 * 1024;

/// Every reader's needles, deduplicated, in one automaton.
fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let mut needles: Vec<&str> = needles().collect();
        needles.sort_unstable();
        needles.dedup();
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(needles)
            .expect("the readers' needles are valid")
    })
}

/// Needles this short (`ec`) count only as a whole word: as key names they are read only when nothing
/// alphanumeric touches them, and inside words (`exec`, `spec`) they would mark nearly every paragraph.
const WHOLE_WORD_BELOW: usize = 4;

/// Whether a match at `start..end` counts.
fn counts(b: &[u8], start: usize, end: usize) -> bool {
    end - start >= WHOLE_WORD_BELOW
        || !(start > 0 && b[start - 1].is_ascii_alphanumeric() || b.get(end).is_some_and(u8::is_ascii_alphanumeric))
}

/// What the readers search for.
fn needles() -> impl Iterator<Item = &'static str> {
    headers::needles()
        .chain(phrases::needles())
        .chain(fields::needles())
        .chain(xml::needles())
        .chain(prose::needles())
        .chain(generic::needles())
        .chain(super::ONE_WORD_CODES.iter().copied())
}

/// Byte ranges of the runs of consecutive paragraphs the readers must see, in text order. Each range starts at a
/// line start and ends after a line break (or at the end of the text).
pub fn windows(text: &Text) -> Vec<(usize, usize)> {
    let s = text.as_str();
    let paragraphs = paragraphs(text);
    // A paragraph is searched only up to its first needle: a log with no blank line costs one short search.
    let hot: Vec<bool> = paragraphs
        .iter()
        .map(|&(a, b)| {
            let p = &s[a..b];
            // Overlapping matches: a short needle that does not count must not hide a longer one inside it.
            automaton().find_overlapping_iter(p).any(|m| counts(p.as_bytes(), m.start(), m.end()))
                // What has no needle: a code-shaped word beside a 4xx/5xx status, a field without a key name.
                || prose::has_error_status(p)
                || fields::keyless_shape(p)
        })
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (&(a, b), _) in paragraphs.iter().zip(&hot).filter(|(_, &h)| h) {
        match out.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => out.push((a, b)),
        }
    }
    out
}

/// Byte range of every paragraph, blank lines after it included, so the ranges tile the text.
fn paragraphs(text: &Text) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut current = None;
    for n in 0..text.line_count() {
        let start = text.line_range(n).0;
        let para = text.para_of(start);
        if current != Some(para) {
            if let Some(last) = out.last_mut() {
                last.1 = start;
            }
            out.push((start, text.len()));
            current = Some(para);
        }
    }
    out
}

/// Reads the text through the prefilter: the readers on each window, the fields assembled against the whole text.
pub fn read(text: &Text) -> Reading {
    let s = text.as_str();
    let mut found = Vec::new();
    for (a, b) in windows(text) {
        let mut local = Vec::new();
        super::read_fields(&Text::new(&s[a..b]), &mut local);
        found.extend(local.into_iter().map(|f| shift(f, a)));
    }
    group::assemble(text, found)
}

/// A field read from a window, with its offsets in the whole text.
fn shift(mut f: Field, by: usize) -> Field {
    f.start += by;
    f.end += by;
    f.container = f.container.map(|c| c + by);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_of(s: &str) -> Vec<&str> {
        windows(&Text::new(s)).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn quiet_paragraphs_are_skipped_and_error_paragraphs_kept_whole() {
        let s = "GET /index.html 200\nall good\n\nErrorCode: Forbidden.RAM\nRequestId: 1\n\nGET /a 200\n";
        assert_eq!(windows_of(s), ["ErrorCode: Forbidden.RAM\nRequestId: 1\n\n"]);
    }

    #[test]
    fn every_reader_table_is_searched() {
        // One row of each table, alone in a paragraph between quiet ones.
        for row in [
            "SDK.ServerError",
            "you are not authorized to do this action",
            "auth_action",
            "OSSAccessKeyId",
            "0003-00000201",
            "NoPermission",
            "something refused",
        ] {
            let s = format!("quiet line\n\nsome {row} here\n\nquiet line\n");
            assert_eq!(windows_of(&s), [format!("some {row} here\n\n")], "{row}");
        }
    }

    #[test]
    fn shapes_without_a_needle_are_kept() {
        for line in [
            "InvalidParameter.Foo: bad value",
            "UserDisable 403",
            "ecs.DescribeInstances",
            "Throttling.User Request was",
        ] {
            let s = format!("quiet line\n\n{line}\n\nquiet line\n");
            assert_eq!(windows_of(&s).len(), 1, "{line}");
        }
    }

    #[test]
    fn adjacent_paragraphs_join_one_window() {
        let s = "NoPermission: a\n\nNoPermission: b\n\nquiet\n";
        assert_eq!(windows_of(s), ["NoPermission: a\n\nNoPermission: b\n\n"]);
    }
}
