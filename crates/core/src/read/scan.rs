//! The reading path for text of any size: find the lines where an error can open, read only the lines within
//! reach of them, and assemble the fields against the whole text.
//!
//! [`super::group`] opens an error only at a field that [`group::opens_or_names`] (a code, an `AuthAction`, an EC,
//! a known sentence, a header only Alibaba Cloud prints, a documented code-shaped word), and no error reaches more
//! than [`group::MAX_ERROR_LINES`] lines from where it opened; fields that name a product are kept for the whole
//! text. So the fields further than that from every such line change nothing, and the readers need not see them:
//!
//! 1. **Triggers**: one search (built once: a bit set of the needles' hashed first four bytes, case folded) for
//!    every reader's needles, taken from the readers' own tables ([`super::headers`], [`super::phrases`], [`super::fields`],
//!    [`super::xml`], [`super::prose`], [`super::generic`], [`super::ONE_WORD_CODES`]), so a new row is searched
//!    for here too. Each match is checked the way its reader reads it (the reader's own hit function, a key name
//!    followed by a separator, the fallback sentence on its line) and counts when it would give such a field.
//!    What has no needle is asked of its reader: a code with no key name ([`fields::keyless_words`]) and a
//!    documented code-shaped word or one after a code word ([`prose::opening_words`]).
//! 2. **Windows**: around each trigger line, [`REACH_BEFORE`] lines before and [`REACH_AFTER`] after; windows
//!    that meet are joined.
//! 3. **Reading**: every reader over each window and [`MARGIN`] lines on each side of it (so a reader's state —
//!    an open `{`, an `<Error>` element, a look at the line before — is the one it has reading the whole text);
//!    the fields found in the window itself are kept.
//!
//! The checks may count a match that gives no such field (it costs a window read for nothing), never miss one;
//! `tests/scan_prefilter.rs` holds the result equal to [`super::read_all`] (every reader over every byte).

use std::sync::OnceLock;

use super::group::{self, MAX_ERROR_LINES};
use super::{fields, generic, headers, phrases, prose, xml, Field, Reading};
use crate::text::Text;

/// Below this size the text is one window: a pasted error is small, and the search would cost more than it saves
/// (and the page need not build the automaton for it).
pub const MIN_BYTES: usize = 64 * 1024;

/// Lines before a trigger that are read: the fields an error opening there takes from before it.
pub const REACH_BEFORE: usize = MAX_ERROR_LINES;
/// Lines after a trigger that are read: the error's reach, and a `{…}` object (as long again) its last field
/// starts.
pub const REACH_AFTER: usize = 2 * MAX_ERROR_LINES;
/// Lines read beyond each window so the readers reach its first line in the state they have there reading the
/// whole text (a `{…}` object is at most [`MAX_ERROR_LINES`] long); fields found in them are dropped.
pub const MARGIN: usize = MAX_ERROR_LINES;

/// The longest span of a code or known-sentence field (a value is cut at 4 KB, a sentence at 400 bytes): the
/// fields that can cover part of a line start at most this far before it.
const TAKEN_SPAN: usize = 4096;

/// Which reader a needle is searched for, and how a match of it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// [`headers`] needle number n (case as written): its hit is read and must give a trigger field.
    Header(usize),
    /// [`phrases`] needle number n: likewise.
    Phrase(usize),
    /// A key name of [`fields`]: counts before a separator.
    FieldKey,
    /// A word of a [`generic`] fallback: the fallback must match its line.
    Generic,
    /// [`xml`], [`prose`] and [`super::ONE_WORD_CODES`] needles: count wherever they stand.
    Always,
}

/// The readers' needles, lowercased and deduplicated, each with every reader it is searched for, and the search
/// for all of them. A needle occurs in a noise log about once a line (`ERROR`, `Exception:`, `limit`, `alicloud_`),
/// so no literal prefilter skips much text; what costs is the per-byte step, which here is one hash of the four
/// bytes at each position, case folded, looked up in a bit set that fits the L1 cache (an automaton's tables do
/// not): a set bit sends the position to the needles starting with those four bytes' hash, compared in full.
struct Needles {
    /// The needles, lowercased, sorted.
    patterns: Vec<String>,
    /// Needle number n's readers.
    sources: Vec<Vec<Source>>,
    /// One bit per [`slot`]: whether a needle of four bytes or more starts with a key of that slot.
    bits: Box<[u64; SLOTS / 64]>,
    /// The needles of slot k: `by_slot[offsets[k]..offsets[k + 1]]`, each as (needle, [`Tail`]).
    offsets: Vec<u32>,
    by_slot: Vec<(u32, Tail)>,
    /// The needles shorter than four bytes (`ec`), with the mask of their bytes in a key.
    short: Vec<(u32, u32, usize)>,
    /// One bit per two-byte key that a needle of [`Needles::short`] may start.
    short_bits: Box<[u64; 1 << 10]>,
}

/// A needle's bytes 4 to 8 as a key (folded as [`key`] folds), with the mask of those it has: compared before the
/// needle itself, since needles sharing their first four bytes share a slot (the phrases starting `not `, `you `,
/// `the `) and a line holding those bytes would otherwise be compared with each of them. Measured with callgrind on
/// 5 MB of the eval noise log, with the bit tests' loop kept apart from the rest ([`Needles::matches_at`]): the
/// search fell from 216 M to 134 M instructions (the loop is 20 a byte of that).
#[derive(Clone, Copy, Debug)]
struct Tail {
    key: u32,
    mask: u32,
}

impl Tail {
    fn of(needle: &[u8]) -> Tail {
        let tail = needle.get(4..).unwrap_or_default();
        let len = tail.len().min(4);
        let mut padded = [0u8; 4];
        padded[..len].copy_from_slice(&tail[..len]);
        let mask = if len == 0 { 0 } else { u32::MAX >> (8 * (4 - len)) };
        Tail { key: (u32::from_le_bytes(padded) | FOLD) & mask, mask }
    }
}

/// Hash slots of the four-byte keys: 8 KB of bits, and a few hundred needles set under 1 % of them.
const SLOTS: usize = 1 << 16;

/// What a byte becomes in a key: ASCII letters lose their case (bit 0x20 set); other bytes may meet each other
/// (`[` and `{`), which only sends more positions to the full comparison.
const FOLD: u32 = 0x2020_2020;

/// The slot of a four-byte key (Fibonacci hashing: the product's high bits).
fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// The key of the four bytes at the start of `b` (`b` holds four at least).
fn key(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) | FOLD
}

impl Needles {
    fn new(mut all: Vec<(String, Source)>) -> Needles {
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut patterns: Vec<String> = Vec::new();
        let mut sources: Vec<Vec<Source>> = Vec::new();
        for (needle, source) in all {
            assert!(!needle.is_empty() && !needle.contains('\n'), "a needle is within one line: {needle:?}");
            if patterns.last() != Some(&needle) {
                patterns.push(needle);
                sources.push(Vec::new());
            }
            sources.last_mut().expect("pushed above").push(source);
        }
        let mut bits = Box::new([0u64; SLOTS / 64]);
        let mut short = Vec::new();
        let mut short_bits = Box::new([0u64; 1 << 10]);
        let mut keyed: Vec<(usize, u32)> = Vec::new();
        for (n, p) in patterns.iter().enumerate() {
            let b = p.as_bytes();
            if b.len() >= 4 {
                let k = slot(key(b));
                bits[k / 64] |= 1 << (k % 64);
                keyed.push((k, n as u32));
            } else {
                let mask = u32::MAX >> (8 * (4 - b.len()));
                let mut padded = [0u8; 4];
                padded[..b.len()].copy_from_slice(b);
                short.push((key(&padded) & mask, mask, n));
                // Every two-byte key the needle's first bytes begin (all 256 second bytes for a one-byte needle).
                for second in 0..=255u8 {
                    let k = key(&[padded[0], if b.len() > 1 { padded[1] } else { second }, 0, 0]) as u16 as usize;
                    short_bits[k / 64] |= 1 << (k % 64);
                }
            }
        }
        keyed.sort_unstable();
        let mut offsets = vec![0u32; SLOTS + 1];
        for &(k, _) in &keyed {
            offsets[k + 1] += 1;
        }
        for k in 0..SLOTS {
            offsets[k + 1] += offsets[k];
        }
        let by_slot = keyed.into_iter().map(|(_, n)| (n, Tail::of(patterns[n as usize].as_bytes()))).collect();
        Needles { patterns, sources, bits, offsets, by_slot, short, short_bits }
    }

    /// Every occurrence of every needle in `s` (overlapping ones too, ASCII case folded), as (start, end, needle),
    /// in the order of their starts.
    fn each_match(&self, s: &str, mut found: impl FnMut(usize, usize, usize)) {
        let b = s.as_bytes();
        let (bits, short_bits) = (&*self.bits, &*self.short_bits);
        for (at, w) in b.windows(4).enumerate() {
            let k = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) | FOLD;
            let (long, short) = (slot(k), k as u16 as usize);
            if (bits[long / 64] >> (long % 64)) & 1 | (short_bits[short / 64] >> (short % 64)) & 1 != 0 {
                self.matches_at(b, at, k, &mut found);
            }
        }
        // The last three positions, where only a short needle fits.
        for at in b.len().saturating_sub(3)..b.len() {
            let mut padded = [0u8; 4];
            padded[..b.len() - at].copy_from_slice(&b[at..]);
            for &(short, mask, n) in &self.short {
                if key(&padded) & mask == short {
                    self.check(b, at, n, &mut found);
                }
            }
        }
    }

    /// The needles matching at `at`, whose key is `k`: what [`Needles::each_match`] does past the bit tests, kept
    /// out of its loop.
    #[inline(never)]
    fn matches_at(&self, b: &[u8], at: usize, k: u32, found: &mut impl FnMut(usize, usize, usize)) {
        let (long, short) = (slot(k), k as u16 as usize);
        if (self.bits[long / 64] >> (long % 64)) & 1 != 0 {
            // The four bytes after the key, folded (zeros past the end, which no needle's tail holds).
            let mut next = [0u8; 4];
            let rest = b.get(at + 4..).unwrap_or_default();
            next[..rest.len().min(4)].copy_from_slice(&rest[..rest.len().min(4)]);
            let next = u32::from_le_bytes(next) | FOLD;
            for &(n, tail) in &self.by_slot[self.offsets[long] as usize..self.offsets[long + 1] as usize] {
                if next & tail.mask == tail.key {
                    self.check(b, at, n as usize, found);
                }
            }
        }
        if (self.short_bits[short / 64] >> (short % 64)) & 1 != 0 {
            for &(key, mask, n) in &self.short {
                if k & mask == key {
                    self.check(b, at, n, found);
                }
            }
        }
    }

    /// Hands on needle `n` if it matches at `at`.
    fn check(&self, b: &[u8], at: usize, n: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let p = self.patterns[n].as_bytes();
        if b.get(at..at + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)) {
            found(at, at + p.len(), n);
        }
    }
}

fn needles() -> &'static Needles {
    static NEEDLES: OnceLock<Needles> = OnceLock::new();
    NEEDLES.get_or_init(|| {
        let mut all: Vec<(String, Source)> = Vec::new();
        all.extend(headers::needles().enumerate().map(|(n, s)| (s.to_ascii_lowercase(), Source::Header(n))));
        all.extend(phrases::needles().enumerate().map(|(n, s)| (s.to_ascii_lowercase(), Source::Phrase(n))));
        all.extend(fields::needles().map(|s| (s.to_ascii_lowercase(), Source::FieldKey)));
        all.extend(generic::needles().map(|s| (s.to_ascii_lowercase(), Source::Generic)));
        all.extend(
            xml::needles()
                .chain(prose::needles())
                .chain(super::ONE_WORD_CODES.iter().copied())
                .map(|s| (s.to_ascii_lowercase(), Source::Always)),
        );
        Needles::new(all)
    })
}

/// Every reader's needle, lowercased, as the trigger search looks for it (ASCII case folded): tests build lines
/// around them.
pub fn needle_list() -> impl Iterator<Item = &'static str> {
    needles().patterns.iter().map(String::as_str)
}

/// Needles this short (`ec`) count only as a whole word: as key names they are read only when nothing
/// alphanumeric touches them, and inside words (`exec`, `spec`) they would match nearly every line.
const WHOLE_WORD_BELOW: usize = 4;

/// Whether a key name at `start..end` is followed by what the readers read a value after: `:` or `=`, past a
/// closing quote, bracket or escape and spaces (`"Code": `, `[ErrorCode]:`, `ErrorCode=`), or `>` (`<Code>`).
fn before_separator(b: &[u8], end: usize) -> bool {
    let mut rest = &b[end..b.len().min(end + 16)];
    // A typographic closing quote (`“code”：`) first.
    if super::fields::curly_quote(rest, 0) {
        rest = &rest[super::fields::CURLY_LEN..];
    }
    let at = rest.iter().position(|c| !matches!(c, b'"' | b'\'' | b'\\' | b']' | b' ' | b'\t')).unwrap_or(rest.len());
    // Two-word keys: `Status Code:`, `Error Code :` end in a needle too; `ErrorCode XErrorMessage` does not matter.
    matches!(rest.get(at), Some(b':' | b'=' | b'>')) || rest[at..].starts_with(super::fields::FULL_WIDTH_COLON)
}

/// What a trigger line may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trigger {
    /// A field that opens an error ([`group::opens`]).
    Opens,
    /// Only a field that names a product ([`group::names`]): read until the reading has [`group::MAX_CONTEXT`].
    Names,
}

/// What the match of a needle of `source` at `start..end` would give, if it counts.
fn counts(s: &str, source: Source, start: usize, end: usize, documented: &dyn Fn(&str) -> bool) -> Option<Trigger> {
    let b = s.as_bytes();
    let gives = |read: &dyn Fn(&mut Vec<Field>)| {
        let mut out = Vec::new();
        read(&mut out);
        if out.iter().any(|f| group::opens(f, documented)) {
            Some(Trigger::Opens)
        } else {
            out.iter().any(group::names).then_some(Trigger::Names)
        }
    };
    let whole =
        || !(start > 0 && b[start - 1].is_ascii_alphanumeric() || b.get(end).is_some_and(u8::is_ascii_alphanumeric));
    match source {
        // The header needles are matched with their case.
        Source::Header(n) => headers::needles()
            .nth(n)
            .filter(|needle| b[start..end] == *needle.as_bytes())
            .and_then(|_| gives(&|out| headers::hit_needle(s, n, start, end, out))),
        Source::Phrase(n) => gives(&|out| phrases::hit(s, n, start, end, out)),
        Source::FieldKey => {
            ((end - start >= WHOLE_WORD_BELOW || whole()) && before_separator(b, end)).then_some(Trigger::Opens)
        }
        // A fallback needs a word of its first group in the same sentence: one anywhere on the line will do here.
        // Without a lowercased copy of the line: a noise log's lines hold these words by the thousand.
        Source::Generic => {
            let (a, e) = line_around(s, start);
            let (line, word) = (&s[a..e], &s[start..end]);
            generic::GENERIC
                .iter()
                .filter(|g| g.second.iter().any(|w| w.eq_ignore_ascii_case(word)))
                .any(|g| g.first.iter().any(|w| crate::text::contains_ignore_ascii_case(line, w)))
                .then_some(Trigger::Opens)
        }
        Source::Always => (end - start >= WHOLE_WORD_BELOW || whole()).then_some(Trigger::Opens),
    }
}

/// The line holding byte `pos`, without its line break.
fn line_around(s: &str, pos: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let a = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |i| i + 1);
    let e = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i);
    (a, e)
}

/// Where the readers must look.
pub struct Triggers {
    /// The lines where a field can open an error or name a product, sorted, each once (opening first).
    pub lines: Vec<(usize, Trigger)>,
    /// The lines holding a word of a [`generic`] fallback, sorted: the only ones that reader needs to see.
    pub generic_lines: Vec<usize>,
}

/// Finds the [`Triggers`] of the text.
pub fn triggers(text: &Text, documented: &dyn Fn(&str) -> bool) -> Triggers {
    let s = text.as_str();
    let needles = needles();
    let mut lines: Vec<(usize, Trigger)> = Vec::new();
    let mut generic_lines: Vec<usize> = Vec::new();
    // Every pass below asks for lines in text order (the matches nearly so).
    let mut near = 0;
    let mut line_of = |pos: usize| {
        near = text.line_of_near(near, pos);
        near
    };
    // Every match, overlapping ones too: a needle that does not count must not hide another one overlapping it.
    needles.each_match(s, |start, end, n| {
        let line = line_of(start);
        let srcs = &needles.sources[n];
        if srcs.contains(&Source::Generic) && generic_lines.last() != Some(&line) {
            generic_lines.push(line);
        }
        if lines.last() == Some(&(line, Trigger::Opens)) {
            return;
        }
        if let Some(t) = srcs.iter().filter_map(|&src| counts(s, src, start, end, documented)).min() {
            lines.push((line, t));
        }
    });
    lines.extend(
        fields::keyless_words(s).map(|(p, code)| (line_of(p), if code { Trigger::Opens } else { Trigger::Names })),
    );
    // A log repeats its words: ask the catalog once per word.
    let asked = std::cell::RefCell::new(rustc_hash::FxHashMap::<String, bool>::default());
    let remembered = |w: &str| {
        if let Some(&known) = asked.borrow().get(w) {
            return known;
        }
        let known = documented(w);
        asked.borrow_mut().insert(w.to_string(), known);
        known
    };
    lines.extend(prose::opening_words(s, &remembered).map(|p| (line_of(p), Trigger::Opens)));
    lines.sort_unstable();
    lines.dedup_by_key(|(l, _)| *l);
    generic_lines.sort_unstable();
    generic_lines.dedup();
    Triggers { lines, generic_lines }
}

/// Joins the windows around trigger lines given in order: a window is done when the next one would not meet it,
/// or when it has grown to `chunk` lines (the next one then starts where it ended: read in pieces, with their
/// margins, the lines give the same fields).
struct Joiner {
    last_line: usize,
    open: Option<(usize, usize)>,
    chunk: usize,
}

/// Lines a window grows to before it is read while the context is filling (so a long run of lines naming
/// products is counted as it goes, and stops being read once the context is full).
const CHUNK_LINES: usize = 1024;
/// Lines a window grows to once the context is full: long enough that the margins read twice cost little.
const LONG_CHUNK_LINES: usize = 8192;

impl Joiner {
    /// Adds the window around trigger line `t`; returns the window this one does not join, finished.
    fn push(&mut self, t: usize) -> Option<(usize, usize)> {
        let (a, b) = (t.saturating_sub(REACH_BEFORE), (t + REACH_AFTER).min(self.last_line));
        match &mut self.open {
            // Windows whose margins would overlap are read as one.
            Some(w) if a <= w.1 + 2 * MARGIN + 1 => {
                if b > w.1 && w.1 - w.0 >= self.chunk {
                    let done = *w;
                    *w = (done.1 + 1, b);
                    return Some(done);
                }
                w.1 = w.1.max(b);
                None
            }
            _ => self.open.replace((a, b)),
        }
    }
}

/// The runs of lines around every trigger, as (first line, last line) inclusive, in text order.
pub fn windows(text: &Text, documented: &dyn Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let mut joiner = Joiner { last_line: text.line_count().saturating_sub(1), open: None, chunk: CHUNK_LINES };
    let mut out: Vec<(usize, usize)> =
        triggers(text, documented).lines.iter().filter_map(|&(t, _)| joiner.push(t)).collect();
    out.extend(joiner.open);
    out
}

/// Reads the text: every reader over the windows around the lines where an error can open (the whole text when
/// it is short), the fields assembled against the whole text. `documented` says which code-shaped words in prose
/// are codes.
pub fn read(text: &Text, documented: &dyn Fn(&str) -> bool) -> Reading {
    collect(|emit| read_each(text, documented, emit))
}

/// [`read`], handing each error to `emit` as soon as it is assembled (with the context so far) instead of
/// holding them all; returns the context. What `diagnose` runs, so a long log's errors are explained as they come.
pub fn read_each(text: &Text, documented: &dyn Fn(&str) -> bool, emit: &mut group::Emit) -> Vec<Field> {
    if text.len() < MIN_BYTES {
        let mut found = Vec::new();
        super::read_fields(text, &mut found);
        found.sort_by_key(|f| f.start);
        let mut assembler = group::Assembler::new(text, documented);
        assembler.push(found, emit);
        return assembler.finish(emit);
    }
    read_windows_each(text, documented, emit)
}

/// The errors and context one of the `…_each` readings hands on.
fn collect(read: impl FnOnce(&mut group::Emit) -> Vec<Field>) -> Reading {
    let mut errors = Vec::new();
    let context = read(&mut |raw, _| errors.push(raw));
    Reading { errors, context }
}

/// [`read`] through the windows whatever the text's size (tests compare it with [`super::read_all`] on small
/// texts too).
pub fn read_windows(text: &Text, documented: &dyn Fn(&str) -> bool) -> Reading {
    collect(|emit| read_windows_each(text, documented, emit))
}

/// [`read_windows`], each error handed on as it is assembled. Lines that only name a product are read until the
/// reading holds [`group::MAX_CONTEXT`] such fields: later ones are not in its context.
fn read_windows_each(text: &Text, documented: &dyn Fn(&str) -> bool, emit: &mut group::Emit) -> Vec<Field> {
    let found_at = triggers(text, documented);
    let mut joiner = Joiner { last_line: text.line_count().saturating_sub(1), open: None, chunk: CHUNK_LINES };
    let mut assembler = group::Assembler::new(text, documented);
    let mut named = 0;
    // Windows come in text order and keep the fields starting in their own lines: each one sorted, they are the
    // whole text's fields in order.
    let mut read = |w: (usize, usize), assembler: &mut group::Assembler| {
        let mut found = read_window(text, w, &found_at.generic_lines);
        found.sort_by_key(|f| f.start);
        let names = found.iter().filter(|f| group::names(f)).count();
        assembler.push(found, emit);
        names
    };
    for &(t, trigger) in &found_at.lines {
        if trigger == Trigger::Names && named >= group::MAX_CONTEXT {
            continue;
        }
        if let Some(w) = joiner.push(t) {
            named += read(w, &mut assembler);
            if named >= group::MAX_CONTEXT {
                joiner.chunk = LONG_CHUNK_LINES;
            }
        }
    }
    if let Some(w) = joiner.open {
        read(w, &mut assembler);
    }
    assembler.finish(emit)
}

/// Every reader over the window `first..=last` (lines) and its margins: the fields that start in the window, with
/// their offsets in the whole text.
fn read_window(text: &Text, (first, last): (usize, usize), generic_lines: &[usize]) -> Vec<Field> {
    let final_line = text.line_count().saturating_sub(1);
    let keep = text.line_range(first).0..text.line_range(last).1 + 1;
    let (from_line, to_line) = (first.saturating_sub(MARGIN), (last + MARGIN).min(final_line));
    let from = text.line_range(from_line).0;
    let window = text.window(from_line, to_line);
    let mut local = Vec::new();
    super::read_fields_but_generic(&window, &mut local);
    // The fallback sentences, only on the lines that hold one of its words (a sentence never spans lines).
    let lines = &generic_lines
        [generic_lines.partition_point(|&l| l < from_line)..generic_lines.partition_point(|&l| l <= to_line)];
    if !lines.is_empty() {
        let mut taken: Vec<&Field> = local.iter().collect();
        taken.sort_by_key(|f| f.start);
        let mut fallback = Vec::new();
        for &l in lines {
            let (a, e) = window.line_range(l - from_line);
            // What the other readers found on this line, clipped to it (the fallback leaves sentences they took).
            let near = taken.partition_point(|f| f.start + TAKEN_SPAN < a)..taken.partition_point(|f| f.start < e);
            let mut line_fields: Vec<Field> = taken[near]
                .iter()
                .filter(|f| f.end > a)
                .map(|f| Field::new(f.key, "", f.start.max(a) - a, f.end.min(e) - a))
                .collect();
            let before = line_fields.len();
            generic::scan(&Text::new(&window.as_str()[a..e]), &mut line_fields);
            fallback.extend(line_fields.drain(before..).map(|f| shift(f, a)));
        }
        local.extend(fallback);
    }
    prose::scan(&window, &mut local);
    local.into_iter().map(|f| shift(f, from)).filter(|f| keep.contains(&f.start)).collect()
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

    fn any(_: &str) -> bool {
        true
    }

    fn none(_: &str) -> bool {
        false
    }

    fn trigger_lines(s: &str, documented: &dyn Fn(&str) -> bool) -> Vec<usize> {
        triggers(&Text::new(s), documented).lines.into_iter().map(|(l, _)| l).collect()
    }

    fn triggers_of(s: &str) -> Vec<usize> {
        trigger_lines(s, &none)
    }

    #[test]
    fn quiet_lines_are_no_triggers_and_error_lines_are() {
        let s = "GET /index.html 200\nERROR [main] order failed: java.lang.IllegalStateException: cart is empty\n\
                 \tat com.example.shop.CartService.checkout(CartService.java:88)\nErrorCode: Forbidden.RAM\nstatus: 200\n";
        assert_eq!(triggers_of(s), [3]);
    }

    #[test]
    fn every_reader_table_is_searched() {
        // One row of each table, each on a line among quiet ones.
        for row in [
            "SDK.ServerError",
            "you are not authorized to do this action",
            "\"AuthAction\": \"ecs:X\"",
            "<OSSAccessKeyId>x</OSSAccessKeyId>",
            "0003-00000201",
            "NoPermission: x",
            "the account has no permission here",
            "Forbidden.RAM : User not authorized",
            "see ecs.DescribeInstances",
        ] {
            let s = format!("quiet line\nsome {row} here\nquiet line\n");
            assert_eq!(triggers_of(&s), [1], "{row}");
        }
    }

    #[test]
    fn a_code_shaped_word_triggers_only_when_documented() {
        let s = "quiet\nthe call failed: UserDisable\nquiet\n";
        assert_eq!(triggers_of(s), Vec::<usize>::new());
        assert_eq!(trigger_lines(s, &|w| w == "UserDisable"), [1]);
        assert_eq!(trigger_lines(s, &any), [1]);
    }

    /// Every row of every reader's table, in a few shapes: whenever the readers, reading such a line, find a field
    /// that opens an error or names a product, the line is a trigger. A row added to a table is covered here too.
    #[test]
    fn every_reader_trigger_is_found() {
        let mut lines: Vec<String> = Vec::new();
        let rows = headers::needles()
            .chain(phrases::needles())
            .chain(fields::needles())
            .chain(xml::needles())
            .chain(prose::needles())
            .chain(super::super::ONE_WORD_CODES.iter().copied());
        for row in rows {
            let upper = format!("{}{}", row.get(..1).unwrap_or("").to_ascii_uppercase(), row.get(1..).unwrap_or(""));
            for shape in [
                row.to_string(),
                format!("x {row} y"),
                format!("{row}: Forbidden.RAM"),
                format!("\"{row}\": \"Forbidden.RAM\""),
                format!("<{row}>Forbidden.RAM</{row}>"),
                format!("{upper}: x"),
                format!("the call failed: {row}X.Y"),
                format!("aliyun {row} ecs"),
                format!("FC{upper}Error: x"),
            ] {
                lines.push(shape);
            }
        }
        for g in generic::GENERIC {
            for first in g.first {
                for second in g.second {
                    lines.push(format!("the {first} is {second} here"));
                }
            }
        }
        let mut missed = Vec::new();
        let mut wanted_lines = 0;
        for line in &lines {
            let mut found = Vec::new();
            super::super::read_fields(&Text::new(line), &mut found);
            let wanted = found.iter().any(|f| group::opens(f, &any) || group::names(f));
            wanted_lines += usize::from(wanted);
            if wanted && triggers(&Text::new(line), &any).lines.is_empty() {
                missed.push(line.clone());
            }
        }
        assert!(wanted_lines > lines.len() / 4, "only {wanted_lines} of {} lines give such a field", lines.len());
        assert!(missed.is_empty(), "{} lines not found: {missed:#?}", missed.len());
    }

    #[test]
    fn windows_reach_around_each_trigger_and_join_when_close() {
        let quiet = "quiet\n".repeat(1000);
        let s = format!("{quiet}ErrorCode: Forbidden.RAM\n{quiet}ErrorCode: NoPermission\n{quiet}");
        let w = windows(&Text::new(&s), &none);
        assert_eq!(w, [(1000 - REACH_BEFORE, 1000 + REACH_AFTER), (2001 - REACH_BEFORE, 2001 + REACH_AFTER)]);
        let near = format!("{quiet}ErrorCode: Forbidden.RAM\n{}ErrorCode: NoPermission\n{quiet}", "q\n".repeat(100));
        assert_eq!(windows(&Text::new(&near), &none), [(1000 - REACH_BEFORE, 1101 + REACH_AFTER)]);
    }
}
