//! What the page diagnoses of a paste, and what it says about a paste it cannot read well: a text too long to
//! diagnose while typing (only its start is read) or one that is mostly not text (a binary file pasted).

/// Longest text diagnosed: past this, diagnosing on every pause would freeze the page.
pub const MAX_DIAGNOSED_BYTES: usize = 1024 * 1024;

/// How much of a text is sampled to tell binary data from text.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Share of characters that are neither text nor layout (control characters, U+FFFD) above which a paste is
/// binary data: logs with a few escape codes stay well below it.
const MAX_NON_TEXT_PERCENT: usize = 10;

/// What the page says about a paste before its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputNotice {
    /// Only the first `kept` of `bytes` bytes are diagnosed.
    TooLong { bytes: usize, kept: usize },
    /// Mostly characters that are not text.
    Binary,
}

/// The part of `text` to diagnose: all of it, or its first [`MAX_DIAGNOSED_BYTES`] cut at the last line break
/// before (else at a character boundary), so no error is cut mid-line.
pub fn diagnosed_part(text: &str) -> &str {
    if text.len() <= MAX_DIAGNOSED_BYTES {
        return text;
    }
    let mut end = MAX_DIAGNOSED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(line_end) if line_end > 0 => &text[..line_end],
        _ => &text[..end],
    }
}

/// What to tell the user about `text`, if anything.
pub fn notice(text: &str) -> Option<InputNotice> {
    let kept = diagnosed_part(text).len();
    if kept < text.len() {
        return Some(InputNotice::TooLong { bytes: text.len(), kept });
    }
    let mut end = SAMPLE_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (mut all, mut odd) = (0usize, 0usize);
    for c in sample.chars() {
        all += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            odd += 1;
        }
    }
    (all > 0 && odd * 100 > all * MAX_NON_TEXT_PERCENT).then_some(InputNotice::Binary)
}

/// `10.0 MB`, `1.0 MB`, `812 KB`: a size for people.
pub fn size_words(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        // Tenths in integers: a float here would pull float formatting (≈ 10 KB) into the wasm.
        // u64: `bytes * 10` would overflow a 32-bit usize (wasm32) above ≈ 429 MB.
        let tenths = (bytes as u64 * 10 + MB as u64 / 2) / MB as u64;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_paste_is_read_up_to_a_line_break() {
        let line = "ErrorCode: Forbidden.RAM 权限不足\n";
        let text = line.repeat(10 * MAX_DIAGNOSED_BYTES / line.len());
        let part = diagnosed_part(&text);
        assert!(part.len() <= MAX_DIAGNOSED_BYTES && part.len() > MAX_DIAGNOSED_BYTES - line.len());
        assert!(part.ends_with("权限不足"), "cut at a line end");
        assert_eq!(notice(&text), Some(InputNotice::TooLong { bytes: text.len(), kept: part.len() }));
        // One long line of multi-byte characters: cut at a character boundary.
        let wide = "权".repeat(MAX_DIAGNOSED_BYTES);
        assert!(diagnosed_part(&wide).len() <= MAX_DIAGNOSED_BYTES);
    }

    #[test]
    fn sizes_read_as_people_say_them_up_to_the_largest() {
        assert_eq!(size_words(812 * 1024), "812 KB");
        assert_eq!(size_words(10 * 1024 * 1024), "10.0 MB");
        assert_eq!(size_words(1024 * 1024 + 512 * 1024), "1.5 MB");
        // Past the point where `bytes * 10` overflows a 32-bit usize.
        let big = u32::MAX as usize;
        assert_eq!(size_words(big), "4096.0 MB");
    }

    #[test]
    fn binary_data_is_told_from_text() {
        let garbage: String =
            (0u8..=255).cycle().take(4096).map(|b| if b < 128 { b as char } else { '\u{FFFD}' }).collect();
        assert_eq!(notice(&garbage), Some(InputNotice::Binary));
        for text in
            ["", "ErrorCode: Forbidden.RAM\n\tat com.aliyun.Client", "\u{1b}[31mERROR\u{1b}[0m access denied 权限不足"]
        {
            assert_eq!(notice(text), None, "{text:?}");
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_words(10 * 1024 * 1024), "10.0 MB");
        assert_eq!(size_words(MAX_DIAGNOSED_BYTES), "1.0 MB");
        assert_eq!(size_words(1000), "1 KB");
    }
}
