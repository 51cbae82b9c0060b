//! One pass over the input: where its lines and paragraphs are, which log prefixes to look past, and the small
//! text helpers every reader shares (unescaping, char-boundary-safe cuts, word tests).
//!
//! Readers never copy the input: they work on byte offsets into it, so every field keeps the span that stated it
//! (the page highlights those spans). All searches are for ASCII bytes, so every offset they return is a char
//! boundary; the few cuts at arbitrary lengths go through [`floor_boundary`].

/// The input with its line and paragraph structure.
pub struct Text<'a> {
    src: &'a str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Paragraph number of each line: it grows by one after every blank line (a line with only a log prefix is blank).
    paragraphs: Vec<u32>,
}

impl<'a> Text<'a> {
    /// Indexes the lines and paragraphs of `src`.
    pub fn new(src: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_all(src.as_bytes(), b'\n').map(|i| i + 1));
        let mut paragraphs = Vec::with_capacity(line_starts.len());
        let mut para = 0u32;
        let mut after_blank = false;
        for (n, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(n + 1).map_or(src.len(), |&e| e - 1);
            let blank = !surely_filled(&src.as_bytes()[start..end])
                && is_blank(&src[start + log_prefix_len(&src[start..end])..end]);
            if blank {
                after_blank = true;
            } else if after_blank {
                para += 1;
                after_blank = false;
            }
            paragraphs.push(para);
        }
        Text { src, line_starts, paragraphs }
    }

    /// Lines `first..=last` as a text of their own, what [`Text::new`] gives for them without reading them again:
    /// the same lines, and paragraphs numbered from 0 (the line after a blank one starts a paragraph in both).
    pub fn window(&self, first: usize, last: usize) -> Text<'a> {
        let (from, _) = self.line_range(first);
        let (_, to) = self.line_range(last);
        let para = self.paragraphs[first];
        Text {
            src: &self.src[from..to],
            line_starts: self.line_starts[first..=last].iter().map(|&s| s - from).collect(),
            paragraphs: self.paragraphs[first..=last].iter().map(|&p| p - para).collect(),
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &'a str {
        self.src
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.src.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.src.is_empty()
    }

    /// The line number of a byte offset.
    pub fn line_of(&self, pos: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// [`Text::line_of`] for offsets asked mostly in text order: `near` is the line of the last one; the next few
    /// lines after it are looked at before a binary search.
    pub fn line_of_near(&self, near: usize, pos: usize) -> usize {
        let from = near.min(self.line_starts.len() - 1);
        if self.line_starts[from] > pos {
            return self.line_of(pos);
        }
        let rest = &self.line_starts[from + 1..];
        match rest.iter().take(8).position(|&s| s > pos) {
            Some(n) => from + n,
            None => from + rest.partition_point(|&s| s <= pos),
        }
    }

    /// The paragraph number of a byte offset.
    pub fn para_of(&self, pos: usize) -> u32 {
        self.paragraphs[self.line_of(pos)]
    }

    /// The paragraph number of line `n`.
    pub fn para_of_line(&self, n: usize) -> u32 {
        self.paragraphs[n]
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of line `n` without its line break.
    pub fn line_range(&self, n: usize) -> (usize, usize) {
        let start = self.line_starts[n];
        let end = self.line_starts.get(n + 1).map_or(self.src.len(), |&e| e - 1);
        (start, end)
    }

    /// Byte range of the paragraph holding `pos`, capped at `max` bytes on each side of it.
    pub fn paragraph_around(&self, pos: usize, max: usize) -> (usize, usize) {
        let line = self.line_of(pos);
        let para = self.paragraphs[line];
        let mut first = line;
        while first > 0 && self.paragraphs[first - 1] == para && pos - self.line_starts[first - 1] <= max {
            first -= 1;
        }
        let mut last = line;
        while last + 1 < self.line_starts.len()
            && self.paragraphs[last + 1] == para
            && self.line_starts[last + 1] - pos <= max
        {
            last += 1;
        }
        (self.line_starts[first], self.line_range(last).1)
    }
}

/// End of the logical line at `pos`, looking at most `max` bytes ahead: the next newline, or a literal `\n` / `\r`
/// escape (error text is often pasted from inside a JSON string, where its line breaks are escapes).
pub fn line_end(s: &str, pos: usize, max: usize) -> usize {
    let b = s.as_bytes();
    let stop = b.len().min(pos.saturating_add(max));
    let mut i = pos;
    while i < stop {
        match b[i] {
            b'\n' | b'\r' => return i,
            b'\\' if matches!(b.get(i + 1), Some(b'n' | b'r')) => return i,
            _ => i += 1,
        }
    }
    floor_boundary(s, stop)
}

/// Length of a log prefix at the start of a line: Android logcat (`I/flutter ( 3569): `), timestamps
/// (`2019/10/08 14:53:34 `, `[2023-05-10 14:37:58]`, ISO 8601), Terraform's box drawing (`│ `).
pub fn log_prefix_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    // Terraform ≥ 0.15 frames diagnostics with box-drawing characters.
    for frame in ["│", "╷", "╵"] {
        if line.starts_with(frame) {
            i = frame.len();
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            return i;
        }
    }
    // logcat: `X/tag( pid): `
    if b.len() > 3 && b[1] == b'/' && b[0].is_ascii_uppercase() {
        if let Some(close) = line.find("): ") {
            if close < 64 && line[..close].contains('(') {
                return close + 3;
            }
        }
    }
    let bracket = b.first() == Some(&b'[');
    if bracket {
        i = 1;
    }
    let ts = timestamp_len(&b[i..]);
    if ts == 0 {
        return 0;
    }
    i += ts;
    if bracket {
        if b.get(i) != Some(&b']') {
            return 0;
        }
        i += 1;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±hh:mm]` with `-` or `/` between date parts; 0 when there is none.
fn timestamp_len(b: &[u8]) -> usize {
    let digits = |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    if !(digits(0, 4) && matches!(b.get(4), Some(b'-' | b'/')) && digits(5, 2) && b.get(7) == b.get(4) && digits(8, 2))
    {
        return 0;
    }
    if !(matches!(b.get(10), Some(b' ' | b'T')) && digits(11, 2) && b.get(13) == Some(&b':') && digits(14, 2)) {
        return 10;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') && digits(i + 1, 2) {
        i += 3;
    }
    if matches!(b.get(i), Some(b'.' | b',')) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if b.get(i) == Some(&b'Z') {
        i += 1;
    } else if matches!(b.get(i), Some(b'+' | b'-')) && digits(i + 1, 2) {
        i += 3;
        if b.get(i) == Some(&b':') {
            i += 1;
        }
        if digits(i, 2) {
            i += 2;
        }
    }
    i
}

/// Whether a line holds more than a log prefix, told from its last byte that is no space without reading the prefix
/// (most lines of a long log): a prefix ([`log_prefix_len`]) ends in a digit, `Z`, `]`, `:` and spaces, or a
/// box-drawing character (and a timestamp's empty fraction in `.` or `,`); any other ASCII byte after it is text.
fn surely_filled(line: &[u8]) -> bool {
    line.iter()
        .rfind(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c.is_ascii() && !c.is_ascii_digit() && !matches!(c, b'Z' | b']' | b':' | b'.' | b','))
}

fn is_blank(s: &str) -> bool {
    s.bytes().all(|c| c.is_ascii_whitespace())
}

/// Offsets of every `needle` byte.
pub fn memchr_all(hay: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(needle, hay)
}

/// The largest char boundary at or before `i`.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The largest char boundary at or after `i`.
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `s[start..end]` widened to char boundaries; never panics.
pub fn slice(s: &str, start: usize, end: usize) -> &str {
    let start = floor_boundary(s, start.min(s.len()));
    let end = ceil_boundary(s, end.clamp(start, s.len()));
    &s[start..end]
}

/// Which bytes make up a word or a dotted name ([`is_ident`] and `.`): a table, for the passes of the prefilter that
/// test every byte of a long text.
pub static NAME_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
        c += 1;
    }
    t
};

/// The runs of [`NAME_BYTES`] in `b`, as (start, end), in order.
pub fn name_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + b[i..].iter().position(|&c| NAME_BYTES[c as usize])?;
        let end = b[start..].iter().position(|&c| !NAME_BYTES[c as usize]).map_or(b.len(), |n| start + n);
        i = end;
        Some((start, end))
    })
}

/// Whether a byte can be part of an identifier (`Forbidden`, `x-oss-request-id`, `error_code`).
pub fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Undoes one level of backslash escaping (`\"`, `\n`, `\t`, `\\`, `\/`, `\uXXXX`), and the XML entities.
pub fn unescape(s: &str) -> String {
    if !s.contains('\\') && !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.peek().map(|&(_, n)| n) {
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('t') => {
                    out.push('\t');
                    chars.next();
                }
                Some('r') => {
                    chars.next();
                }
                Some(n @ ('"' | '\'' | '\\' | '/')) => {
                    out.push(n);
                    chars.next();
                }
                Some('u') => {
                    let hex = s.get(i + 2..i + 6).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    match hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                        Some(ch) => {
                            out.push(ch);
                            for _ in 0..5 {
                                chars.next();
                            }
                        }
                        None => out.push('\\'),
                    }
                }
                _ => out.push('\\'),
            },
            '&' => {
                let rest = &s[i..];
                let entity = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&quot;", '"'), ("&apos;", '\'')]
                    .into_iter()
                    .find(|(e, _)| rest.starts_with(e));
                match entity {
                    Some((e, ch)) => {
                        out.push(ch);
                        for _ in 1..e.len() {
                            chars.next();
                        }
                    }
                    None => out.push('&'),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` escapes (invalid ones are kept as they are; the result is valid UTF-8 or lossily repaired).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = &b[i + 1..i + 3];
            if let Some(v) = hex_byte(hex) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_byte(h: &[u8]) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(h[0])? * 16 + digit(h[1])?) as u8)
}

/// Lowercases ASCII letters only, so byte offsets stay the same as in the original.
pub fn ascii_lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Whether `hay` holds `needle` (lowercase ASCII) in any ASCII case, without lowercasing a copy of `hay`. The
/// needle's least common byte in log text ([`commonness`]) is the one searched for, then the window around it
/// compared: the systems' shapes ask this of every error's lines, and a first byte like `d` stops on most words
/// (Akamai's page test was 1.8 % of the CPU time on an error-dense log, `perf`, dense5.log).
pub fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(k) = (0..n.len()).min_by_key(|&k| commonness(n[k])) else { return true };
    let c = n[k];
    memchr::memchr2_iter(c.to_ascii_lowercase(), c.to_ascii_uppercase(), h)
        .any(|i| i.checked_sub(k).and_then(|at| h.get(at..at + n.len())).is_some_and(|w| w.eq_ignore_ascii_case(n)))
}

/// How common a byte is in logs, coarsely (0 rarest): which byte of a needle [`contains_ignore_ascii_case`] looks
/// for first. Only the search's speed depends on it, never its answer.
fn commonness(c: u8) -> u8 {
    match c.to_ascii_lowercase() {
        b' ' | b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 4,
        b'h' | b'l' | b'd' | b'c' | b'u' | b'm' | b'.' | b'/' | b':' | b'"' | b'-' | b'_' | b'=' | b',' => 3,
        b'0'..=b'9' | b'f' | b'g' | b'p' | b'w' | b'y' | b'b' => 2,
        b'v' | b'k' | b'x' | b'j' | b'q' | b'z' => 1,
        _ => 0,
    }
}

/// Every start offset of `needle` in `hay` (non-overlapping; none for an empty needle). memchr's `memmem` rather
/// than `str::find`: the engine asks this of every error's lines for each shape it reads (systems.rs), and std's
/// two-way searcher was 5.8 % of the CPU time on an error-dense log (`perf`, dense5.log), memmem about half that.
pub fn find_all<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let needle = if needle.is_empty() { None } else { Some(needle) };
    needle.into_iter().flat_map(move |n| memchr::memmem::find_iter(hay.as_bytes(), n.as_bytes()))
}

/// Whether `s` looks like an error code: `Forbidden.RAM`, `InvalidAccessKeyId.NotFound`, `CDN.00010198`,
/// `0003-00000201` is not one (that is an OSS EC).
pub fn is_code_like(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && !b.iter().all(|c| c.is_ascii_digit())
}

/// Whether three digits are a status of IANA's HTTP status code registry (1xx–5xx as registered): a `code:`
/// holding any other three digits is a product's own number (`596`), not an HTTP status.
pub fn is_http_status(t: &str) -> bool {
    const REGISTERED: &[(u16, u16)] = &[
        (100, 103),
        (200, 208),
        (226, 226),
        (300, 308),
        (400, 418),
        (421, 426),
        (428, 429),
        (431, 431),
        (451, 451),
        (500, 508),
        (510, 511),
    ];
    t.len() == 3 && t.parse::<u16>().is_ok_and(|n| REGISTERED.iter().any(|&(a, b)| (a..=b).contains(&n)))
}

/// Extensions of source and data files: a dotted word ending in one (`CombinedResponseHandler.java`,
/// `client.js`) is a file name from a stack frame or a path, never an error code.
pub const FILE_EXTENSIONS: &[&str] = &[
    "java",
    "kt",
    "scala",
    "groovy",
    "go",
    "py",
    "pyc",
    "js",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "jsx",
    "rb",
    "php",
    "cs",
    "cpp",
    "cc",
    "c",
    "h",
    "hpp",
    "rs",
    "swift",
    "m",
    "class",
    "jar",
    "dll",
    "so",
    "exe",
    "json",
    "xml",
    "yaml",
    "yml",
    "toml",
    "ini",
    "conf",
    "properties",
    "txt",
    "log",
    "sh",
    "ps1",
    "tf",
    "html",
    "vue",
    "lua",
    "pl",
    // Media and archives, which users name in the paths a tool logs (`IMG_8831.JPG: vfs cache: …`).
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "heic",
    "mp3",
    "mp4",
    "mov",
    "pdf",
    "zip",
    "gz",
    "tgz",
    "csv",
    "docx",
    "xlsx",
];

/// Whether a dotted word is a file name: its last part is a [`FILE_EXTENSIONS`] entry, in lower case or all in
/// capitals (cameras and old file systems name files `IMG_8831.JPG`); no documented code ends so.
/// This runs on every dotted word a paste holds, so the shape is checked first: most codes' last parts
/// (`Forbidden.NoPermission`) are mixed case or longer than any extension and compare with none.
pub fn is_file_name(t: &str) -> bool {
    const LONGEST: usize = 10;
    t.rsplit_once('.').is_some_and(|(stem, ext)| {
        let b = ext.as_bytes();
        let one_case = b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            || b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        !stem.is_empty()
            && (1..=LONGEST).contains(&b.len())
            && one_case
            && FILE_EXTENSIONS.iter().any(|e| e.len() == b.len() && e.as_bytes().eq_ignore_ascii_case(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut [`Text::new`] takes for most lines never calls a line filled that is blank past its prefix.
        #[test]
        fn a_surely_filled_line_is_no_blank_one(line in "\\[?[0-9]{4}[-/][0-9]{2}[-/][0-9]{2}[ T]?[0-9:.,+Z]{0,14}\\]?[ a│(/):I\t]{0,6}") {
            let blank = is_blank(&line[log_prefix_len(&line)..]);
            proptest::prop_assert!(!(surely_filled(line.as_bytes()) && blank), "{:?}", line);
        }
    }

    #[test]
    fn file_extensions_fit_the_shortcut_of_is_file_name() {
        assert!(FILE_EXTENSIONS
            .iter()
            .all(|e| (1..=10).contains(&e.len()) && !e.bytes().any(|c| c.is_ascii_uppercase())));
        assert!(is_file_name("IMG_8831.JPG") && is_file_name("report.docx") && !is_file_name("a.Jpg"));
        assert!(!is_file_name("Forbidden.RAM") && !is_file_name(".json") && !is_file_name("Invalid.Parameter"));
    }

    #[test]
    fn name_runs_are_the_runs_of_identifier_bytes_and_dots() {
        assert!((0..=255u8).all(|c| NAME_BYTES[c as usize] == (is_ident(c) || c == b'.')));
        let s = "a.b-c: 提示X_1 ..\n";
        let runs: Vec<&str> = name_runs(s.as_bytes()).map(|(a, e)| &s[a..e]).collect();
        assert_eq!(runs, ["a.b-c", "X_1", ".."]);
    }

    #[test]
    fn lines_and_paragraphs_are_found_with_and_without_a_prefix() {
        let t = Text::new("2026-03-14 12:00:00.\nfirst\n2026-03-14T12:00:00Z   \nsecond x\n│ \nthird\nI/tag( 1): \n");
        assert_eq!(t.line_count(), 8);
        assert_eq!((0..8).map(|n| t.para_of_line(n)).collect::<Vec<_>>(), [0, 1, 1, 2, 2, 3, 3, 3]);
    }

    #[test]
    fn a_window_is_its_lines_read_again() {
        for src in ["a\n\nb\n2019/10/08 14:53:34 \nc\nd\n\n\ne\nf", "\nx\n\n y\n"] {
            let t = Text::new(src);
            for first in 0..t.line_count() {
                for last in first..t.line_count() {
                    let w = t.window(first, last);
                    let again = Text::new(w.as_str());
                    let (got, want) = ((&w.line_starts, &w.paragraphs), (&again.line_starts, &again.paragraphs));
                    assert_eq!(got, want, "{src:?} lines {first}..={last}");
                }
            }
        }
    }

    #[test]
    fn line_of_near_agrees_with_line_of() {
        let t = Text::new("a\n\nbc\nd\n\n\n\n\n\n\n\n\n\n\nlast");
        for near in 0..t.line_count() + 2 {
            for pos in 0..=t.len() {
                assert_eq!(t.line_of_near(near, pos), t.line_of(pos), "near line {near}, offset {pos}");
            }
        }
    }

    #[test]
    fn contains_ignore_ascii_case_agrees_with_lowercasing() {
        for hay in ["x Caused By: y", "CAUSED BY", "caused\nby", "", "causedby", "é caused byé"] {
            assert_eq!(
                contains_ignore_ascii_case(hay, "caused by"),
                hay.to_ascii_lowercase().contains("caused by"),
                "{hay}"
            );
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_even_with_log_prefixes() {
        let t = Text::new("a\nb\nI/flutter ( 3569): \nc\n\n\nd");
        assert_eq!(t.para_of(0), 0);
        assert_eq!(t.para_of(2), 0);
        let c = t.as_str().find('c').unwrap();
        assert_eq!(t.para_of(c), 1);
        assert_eq!(t.para_of(t.len() - 1), 2);
    }

    #[test]
    fn log_prefixes() {
        assert_eq!(&"I/flutter ( 3569):   <Code>"[log_prefix_len("I/flutter ( 3569):   <Code>")..], "  <Code>");
        assert_eq!(log_prefix_len("2019/10/08 14:53:34 Aliyun"), 20);
        assert_eq!(log_prefix_len("[2023-05-10 14:37:58]获取"), 21);
        assert_eq!(log_prefix_len("2024-01-02T03:04:05.123Z [ERROR] x"), 25);
        assert_eq!(log_prefix_len("│ Error: x"), "│ ".len());
        assert_eq!(log_prefix_len("Error: x"), 0);
    }

    #[test]
    fn unescapes_one_level() {
        assert_eq!(unescape(r#"a\"b\"\nc\\d\u003cE&lt;"#), "a\"b\"\nc\\d<E<");
        assert_eq!(unescape("trailing\\"), "trailing\\");
        assert_eq!(percent_decode("%7B%22a%22%7D%2"), "{\"a\"}%2");
    }

    #[test]
    fn registered_statuses_and_file_names() {
        assert!(is_http_status("403") && is_http_status("429") && is_http_status("511"));
        assert!(!is_http_status("596") && !is_http_status("499") && !is_http_status("40"));
        assert!(is_file_name("CombinedResponseHandler.java") && is_file_name("client.js"));
        assert!(!is_file_name("Forbidden.RAM") && !is_file_name("InvalidAccessKeyId.NotFound"));
        // A camera's capitals are a file name too; a code's mixed-case last part never is.
        assert!(is_file_name("IMG_8831.JPG") && is_file_name("report.pdf") && is_file_name("Main.JAVA"));
        assert!(!is_file_name("Invalid.Png") && !is_file_name("Quota.PDFX"));
    }

    #[test]
    fn slices_never_split_chars() {
        let s = "权限不足";
        assert_eq!(slice(s, 1, 4), "权限");
        assert_eq!(floor_boundary(s, 5), 3);
    }
}
