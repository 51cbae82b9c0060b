//! Which part of the pasted text said what: a finding's evidence spans (byte offsets into the text) cut into
//! plain and marked pieces for the page to highlight. Pure, so it is tested natively; the spans come from the
//! engine, but a bad one (out of range, inside a character, overlapping) is skipped rather than trusted.
//!
//! Long pastes show only the lines around the evidence (one line of context each side, long lines cut to a
//! window around the spans), so a 10 MB log never turns into 10 MB of DOM.

use std::ops::Range;

use ram_doctor_core::finding::Evidence;

/// Lines of context shown above and below each line that holds evidence.
const CONTEXT_LINES: usize = 1;

/// On a long line, at most this many bytes are shown either side of a span.
const CONTEXT_BYTES: usize = 120;

/// At most this many spans are marked; the rest of a huge paste is not worth the DOM.
const MAX_MARKS: usize = 64;

/// A piece of the excerpt, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text that no span covers.
    Plain(String),
    /// Text a span covers, with the finding fields it supports (`code`, `action`…): one, or more when the
    /// engine read several fields from the same words (an `AuthAction` gives both product and action).
    Marked { fields: Vec<String>, text: String },
    /// Text left out between (or before/after) the shown windows.
    Elided,
}

/// The evidence spans of `text`, with their context, as pieces. Empty when no span is usable.
pub fn excerpt(text: &str, evidence: &[Evidence]) -> Vec<Piece> {
    let spans = usable_spans(text, evidence);
    let mut pieces = Vec::new();
    let mut shown_to = 0;
    let mut spans = spans.iter().peekable();
    while let Some(first) = spans.next() {
        let mut window = window_around(text, first.1.clone());
        let mut in_window = vec![first];
        // Every following span whose window touches this one joins it.
        while let Some(next) = spans.peek() {
            let next_window = window_around(text, next.1.clone());
            if next_window.start > window.end + 1 {
                break;
            }
            window.end = window.end.max(next_window.end);
            in_window.extend(spans.next());
        }
        push_elided(&mut pieces, &text[shown_to..window.start]);
        let mut at = window.start;
        for (fields, span) in in_window {
            push_plain(&mut pieces, &text[at..span.start]);
            let fields = fields.iter().map(|f| f.to_string()).collect();
            pieces.push(Piece::Marked { fields, text: text[span.clone()].to_string() });
            at = span.end;
        }
        push_plain(&mut pieces, &text[at..window.end]);
        shown_to = window.end;
    }
    if !pieces.is_empty() {
        push_elided(&mut pieces, &text[shown_to..]);
    }
    pieces
}

/// The spans that lie inside `text` on character boundaries, sorted by start, each with its fields. Spans
/// over the same bytes merge their fields; of other overlapping spans the one that starts first (or, at the
/// same start, is listed first) is kept.
fn usable_spans<'e>(text: &str, evidence: &'e [Evidence]) -> Vec<(Vec<&'e str>, Range<usize>)> {
    let mut spans: Vec<(&str, Range<usize>)> = evidence
        .iter()
        .filter(|e| e.start < e.end && e.end <= text.len())
        .filter(|e| text.is_char_boundary(e.start) && text.is_char_boundary(e.end))
        .map(|e| (e.field.as_str(), e.start..e.end))
        .collect();
    ram_doctor_core::order::sort_by_key(&mut spans, |(_, span)| span.start); // stable: the first listed wins a tie
    let mut kept: Vec<(Vec<&str>, Range<usize>)> = Vec::new();
    for (field, span) in spans {
        match kept.last_mut() {
            Some((fields, last)) if *last == span => {
                if !fields.contains(&field) {
                    fields.push(field);
                }
                continue;
            }
            Some((_, last)) if span.start < last.end => continue,
            _ => {}
        }
        kept.push((vec![field], span));
        if kept.len() == MAX_MARKS {
            break;
        }
    }
    kept
}

/// The lines around `span` ([`CONTEXT_LINES`] each side, without their final newline), cut to
/// [`CONTEXT_BYTES`] either side of the span.
fn window_around(text: &str, span: Range<usize>) -> Range<usize> {
    let line_start = |i: usize| text[..i].rfind('\n').map_or(0, |p| p + 1);
    let line_end = |i: usize| text[i..].find('\n').map_or(text.len(), |p| i + p);
    let mut start = line_start(span.start);
    let mut end = line_end(span.end);
    for _ in 0..CONTEXT_LINES {
        if start > 0 {
            start = line_start(start - 1);
        }
        if end < text.len() {
            end = line_end(end + 1);
        }
    }
    let start = start.max(floor_boundary(text, span.start.saturating_sub(CONTEXT_BYTES)));
    let end = end.min(ceil_boundary(text, span.end.saturating_add(CONTEXT_BYTES)));
    start..end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Marks `skipped` text as left out, unless it is only the line break between two windows.
fn push_elided(pieces: &mut Vec<Piece>, skipped: &str) {
    if !skipped.trim().is_empty() {
        pieces.push(Piece::Elided);
    }
}

fn push_plain(pieces: &mut Vec<Piece>, text: &str) {
    if !text.is_empty() {
        pieces.push(Piece::Plain(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(field: &str, start: usize, end: usize) -> Evidence {
        Evidence { field: field.to_string(), start, end }
    }

    fn span_of(text: &str, needle: &str) -> (usize, usize) {
        let start = text.find(needle).expect("needle in text");
        (start, start + needle.len())
    }

    /// Each marked piece as `fields=text` (fields joined with `+`).
    fn marked(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Marked { fields, text } => Some(format!("{}={text}", fields.join("+"))),
                _ => None,
            })
            .collect()
    }

    /// The excerpt's text, with `…` for each elided part.
    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Plain(t) | Piece::Marked { text: t, .. } => t.as_str(),
                Piece::Elided => "…",
            })
            .collect()
    }

    #[test]
    fn short_text_is_shown_whole_with_its_spans_marked() {
        let text = "{\"Code\": \"Forbidden.RAM\", \"AuthAction\": \"ecs:DescribeInstances\"}";
        let (cs, ce) = span_of(text, "Forbidden.RAM");
        let (as_, ae) = span_of(text, "ecs:DescribeInstances");
        let pieces = excerpt(text, &[ev("action", as_, ae), ev("code", cs, ce)]);
        assert_eq!(marked(&pieces), ["code=Forbidden.RAM", "action=ecs:DescribeInstances"]);
        assert_eq!(shown(&pieces), text);
    }

    #[test]
    fn spans_on_the_same_bytes_merge_and_overlapping_ones_keep_the_first() {
        let text = "ErrorCode: NoPermission here";
        let (s, e) = span_of(text, "NoPermission");
        let pieces =
            excerpt(text, &[ev("code", s, e), ev("message", s + 2, e + 5), ev("policy_type", s, e), ev("code", s, e)]);
        assert_eq!(marked(&pieces), ["code+policy_type=NoPermission"], "same bytes merge, overlaps drop");
        assert_eq!(shown(&pieces), text);
    }

    #[test]
    fn bad_spans_are_skipped_without_panicking() {
        let text = "权限不足 Forbidden.RAM";
        let (s, e) = span_of(text, "Forbidden.RAM");
        let bad = [
            ev("code", 1, 3),
            ev("code", 0, 999),
            ev("code", 5, 5),
            ev("code", 9, 4),
            ev("code", usize::MAX, usize::MAX),
        ];
        assert_eq!(excerpt(text, &bad), []);
        let mut with_good = bad.to_vec();
        with_good.push(ev("code", s, e));
        assert_eq!(marked(&excerpt(text, &with_good)), ["code=Forbidden.RAM"]);
        assert_eq!(excerpt("", &[ev("code", 0, 1)]), []);
    }

    #[test]
    fn long_text_shows_only_the_lines_around_the_evidence() {
        let noise: String = (0..50).map(|i| format!("noise line {i}\n")).collect();
        let text = format!("{noise}before\nErrorCode: Forbidden.RAM\nafter\n{noise}");
        let (s, e) = span_of(&text, "Forbidden.RAM");
        let pieces = excerpt(&text, &[ev("code", s, e)]);
        assert_eq!(shown(&pieces), "…before\nErrorCode: Forbidden.RAM\nafter…");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_on_character_boundaries() {
        let text = format!("{}Forbidden.RAM{}", "权".repeat(500), "限".repeat(500));
        let (s, e) = span_of(&text, "Forbidden.RAM");
        let pieces = excerpt(&text, &[ev("code", s, e)]);
        let shown = shown(&pieces);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.len() <= 2 * CONTEXT_BYTES + 13 + 2 * "…".len() + 6, "{} bytes", shown.len());
        assert_eq!(marked(&pieces), ["code=Forbidden.RAM"]);
    }

    #[test]
    fn nearby_spans_share_one_window_and_far_ones_get_their_own() {
        let noise: String = (0..20).map(|i| format!("noise {i}\n")).collect();
        let text = format!("Code: A1\nAction: b:C\n{noise}RequestId: R9\n");
        let ids = [("code", "A1"), ("action", "b:C"), ("request_id", "R9")];
        let evidence: Vec<Evidence> = ids
            .iter()
            .map(|(f, n)| {
                let (s, e) = span_of(&text, n);
                ev(f, s, e)
            })
            .collect();
        let pieces = excerpt(&text, &evidence);
        let expected: Vec<String> = ids.iter().map(|(f, n)| format!("{f}={n}")).collect();
        assert_eq!(marked(&pieces), expected);
        assert_eq!(pieces.iter().filter(|p| **p == Piece::Elided).count(), 1, "{pieces:?}");
        assert!(
            shown(&pieces).starts_with("Code: A1\nAction: b:C\nnoise 0…noise 19\nRequestId: R9"),
            "{}",
            shown(&pieces)
        );
    }
}
