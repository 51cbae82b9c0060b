//! Reading JSON by hand: [`parse`] gives serde_json's [`Value`] for any JSON text, and the catalog's row reader
//! (`catalog/rows.rs`) reads its rows with the same cursor. This keeps serde_json's own text deserializer (and a
//! copy of every typed reader instantiated for it) out of the page's wasm: typed values are read from a `Value`
//! with `serde_json::from_value`, whose deserializer the page needs anyway.
//!
//! Reads never return early: the first error is kept and every later read gives an empty value and moves no
//! further, so reading a row is straight-line code with no unwinding of the fields read so far (early returns
//! were most of the size of a first version of the catalog's reader). Accepts exactly JSON (RFC 8259), as
//! serde_json does, nesting at most 127 deep: `tests/json_parse.rs` holds the two equal (decimals are read correctly
//! rounded, where serde_json's default reading is sometimes one bit off).

use std::fmt;

use serde::de::value::{Error as NameError, StrDeserializer};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// `[`, then the fields separated by commas, then `]`, built into `$row` in order.
macro_rules! row {
    ($r:ident, $row:path, $first:expr $(, $rest:expr)* $(,)?) => {{
        $r.expect(b'[');
        let value = $row($first $(, { $r.expect(b','); $rest })*);
        $r.expect(b']');
        value
    }};
}
pub(crate) use row;

/// Text that is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The line of the first byte that does not fit, from 1.
    pub line: usize,
    /// Its column in bytes, from 1.
    pub column: usize,
    /// What was expected there.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for JsonError {}

/// Reads one JSON value (white space around it allowed), as serde_json's `from_slice::<Value>` does.
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    Reader::read_all(bytes, |r| r.value())
}

/// What went wrong, at which byte.
#[derive(Debug)]
struct ReadError {
    at: usize,
    message: String,
}

impl ReadError {
    pub(crate) fn located(self, bytes: &[u8]) -> JsonError {
        let before = &bytes[..self.at.min(bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        JsonError { line, column: before.len() - line_start + 1, message: self.message }
    }
}

/// A cursor over the file's text and the first error met.
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
    error: Option<ReadError>,
    /// Arrays and objects open around the cursor in [`Reader::value`], at most [`MAX_DEPTH`].
    depth: usize,
}

/// How deeply [`Reader::value`] nests arrays and objects, as serde_json: deeper text is refused, not a stack
/// overflow.
const MAX_DEPTH: usize = 127;

impl Reader<'_> {
    /// Reads the whole of `bytes` with `whole`: nothing but white space may follow.
    pub(crate) fn read_all<T>(bytes: &[u8], whole: fn(&mut Reader) -> T) -> Result<T, JsonError> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| ReadError { at: e.valid_up_to(), message: "not UTF-8".to_string() }.located(bytes))?;
        let mut r = Reader { text, at: 0, error: None, depth: 0 };
        let value = whole(&mut r);
        r.skip_space();
        if r.at < text.len() {
            r.fail("trailing characters");
        }
        match r.error {
            Some(e) => Err(e.located(bytes)),
            None => Ok(value),
        }
    }

    /// Keeps the first error; the reads after it give empty values and move no further.
    pub(crate) fn fail(&mut self, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(ReadError { at: self.at, message: message.into() });
        }
    }

    pub(crate) fn failed(&self) -> bool {
        self.error.is_some()
    }

    pub(crate) fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && matches!(bytes[self.at], b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    /// The next byte that is not white space, not taken; 0 at the end or after an error.
    pub(crate) fn peek(&mut self) -> u8 {
        if self.failed() {
            return 0;
        }
        self.skip_space();
        match self.text.as_bytes().get(self.at) {
            Some(&b) => b,
            None => {
                self.fail("unexpected end of file");
                0
            }
        }
    }

    pub(crate) fn expect(&mut self, byte: u8) {
        if self.peek() == byte {
            self.at += 1;
        } else {
            self.fail(format!("expected `{}`", byte as char));
        }
    }

    /// Takes `word` (`null`, `true`, `false`) if it comes next.
    pub(crate) fn word(&mut self, word: &str) -> bool {
        if self.peek() != word.as_bytes()[0] || !self.text[self.at..].starts_with(word) {
            return false;
        }
        self.at += word.len();
        true
    }

    pub(crate) fn bool(&mut self) -> bool {
        if self.word("true") {
            return true;
        }
        if !self.word("false") {
            self.fail("expected a boolean");
        }
        false
    }

    pub(crate) fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.word("null") {
            return None;
        }
        Some(read(self))
    }

    /// A JSON array of items.
    pub(crate) fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let mut items = Vec::new();
        self.expect(b'[');
        if self.peek() == b']' {
            self.at += 1;
            return items;
        }
        while !self.failed() {
            items.push(item(self));
            match self.peek() {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    break;
                }
                _ => self.fail("expected `,` or `]`"),
            }
        }
        items
    }

    /// A JSON object: `member` is called with each key, the cursor at its value.
    pub(crate) fn object(&mut self, mut member: impl FnMut(&mut Self, &str)) {
        self.expect(b'{');
        if self.peek() == b'}' {
            self.at += 1;
            return;
        }
        while !self.failed() {
            let key = self.string();
            self.expect(b':');
            member(self, &key);
            match self.peek() {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    break;
                }
                _ => self.fail("expected `,` or `}`"),
            }
        }
    }

    /// Reads a member's value into `slot`, refusing a key given twice.
    pub(crate) fn once<T>(&mut self, slot: &mut Option<T>, read: impl FnOnce(&mut Self) -> T) {
        if slot.is_some() {
            self.fail("duplicate field");
        } else {
            *slot = Some(read(self));
        }
    }

    pub(crate) fn required<T: Default>(&mut self, slot: Option<T>, name: &str) -> T {
        if slot.is_none() {
            self.fail(format!("missing field `{name}`"));
        }
        slot.unwrap_or_default()
    }

    /// Skips any JSON value (a member this reader does not know).
    pub(crate) fn skip(&mut self) {
        self.value();
    }

    pub(crate) fn strings(&mut self) -> Vec<String> {
        self.list(Reader::string)
    }

    pub(crate) fn statuses(&mut self) -> Vec<u16> {
        self.list(|r| {
            let n = r.u32();
            u16::try_from(n).unwrap_or_else(|_| {
                r.fail("an HTTP status out of range");
                0
            })
        })
    }

    /// `[[a, b], …]`.
    pub(crate) fn pairs(&mut self) -> Vec<(String, String)> {
        self.list(|r| row!(r, tuple, r.string(), r.string()))
    }

    /// A unit enum variant by its serde name (`"read-only"`, `"RESOURCE"`); `fallback` after an error.
    pub(crate) fn named<T: for<'de> Deserialize<'de>>(&mut self, fallback: T) -> T {
        self.skip_space();
        let at = self.at;
        let name = self.string();
        if self.failed() {
            return fallback;
        }
        T::deserialize(StrDeserializer::<NameError>::new(&name)).unwrap_or_else(|e| {
            self.at = at;
            self.fail(e.to_string());
            fallback
        })
    }

    /// A non-negative integer that fits in 32 bits.
    pub(crate) fn u32(&mut self) -> u32 {
        if self.peek() == 0 {
            return 0;
        }
        let digits = self.text[self.at..].bytes().take_while(u8::is_ascii_digit).count();
        let text = &self.text[self.at..self.at + digits];
        let n = match text.parse::<u32>() {
            Ok(n) if digits == 1 || !text.starts_with('0') => n,
            Ok(_) => return self.fail_with("a number with a leading zero", 0),
            Err(_) if digits == 0 => return self.fail_with("expected a number", 0),
            Err(_) => return self.fail_with("a number out of range", 0),
        };
        self.at += digits;
        if matches!(self.text.as_bytes().get(self.at), Some(b'.' | b'e' | b'E')) {
            return self.fail_with("expected a whole number", 0);
        }
        n
    }

    pub(crate) fn fail_with<T>(&mut self, message: &str, value: T) -> T {
        self.fail(message);
        value
    }

    pub(crate) fn string(&mut self) -> String {
        self.expect(b'"');
        // Most strings hold no escape: copied at once into a string of their length, not grown by pushes (the
        // growth was a sixth of the embedded catalog's load, callgrind).
        if !self.failed() {
            let rest = &self.text.as_bytes()[self.at..];
            let plain = plain_run(rest);
            if rest.get(plain) == Some(&b'"') {
                let out = self.text[self.at..self.at + plain].to_string();
                self.at += plain + 1;
                return out;
            }
        }
        let mut out = String::new();
        self.rest_of_string(&mut out, true);
        out
    }

    /// Passes over a string without copying it (the catalog's outline of a shard skips what its load does not use).
    pub(crate) fn skip_string(&mut self) {
        self.expect(b'"');
        self.rest_of_string(&mut String::new(), false);
    }

    /// Moves the cursor past the first `needle` on the rest of its line and says so; leaves it when the line has none.
    /// For files written a row per line (the catalog's), where a reader may pass over fields it knows the shape of.
    pub(crate) fn past_in_line(&mut self, needle: &[u8]) -> bool {
        let rest = &self.text.as_bytes()[self.at..];
        let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
        match memchr::memmem::find(line, needle) {
            Some(i) if !self.failed() => {
                self.at += i + needle.len();
                true
            }
            _ => false,
        }
    }

    /// The rest of a string after its opening quote, into `out` when `keep` (escapes always: they are rare).
    fn rest_of_string(&mut self, out: &mut String, keep: bool) {
        while !self.failed() {
            let rest = &self.text.as_bytes()[self.at..];
            let plain = plain_run(rest);
            if keep {
                out.push_str(&self.text[self.at..self.at + plain]);
            }
            self.at += plain;
            match rest.get(plain) {
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(out);
                }
                Some(_) => self.fail("a control character in a string"),
                None => self.fail("unexpected end of file in a string"),
            }
        }
    }

    /// The escape after a `\`.
    pub(crate) fn escape(&mut self, out: &mut String) {
        let Some(&b) = self.text.as_bytes().get(self.at) else { return self.fail("unexpected end of file") };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4();
                let code = if (0xD800..0xDC00).contains(&high) {
                    if !self.text[self.at..].starts_with("\\u") {
                        return self.fail("a lone surrogate in a string");
                    }
                    self.at += 2;
                    let low = self.hex4();
                    if !(0xDC00..0xE000).contains(&low) {
                        return self.fail("a lone surrogate in a string");
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return self.fail("a lone surrogate in a string"),
                }
            }
            _ => return self.fail("an invalid escape"),
        };
        out.push(c);
    }

    /// Four hex digits; 0 (and an error) otherwise.
    pub(crate) fn hex4(&mut self) -> u32 {
        let hex = self.text.get(self.at..self.at + 4).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(n) => {
                self.at += 4;
                n
            }
            None => self.fail_with("an invalid \\u escape", 0),
        }
    }

    /// Any JSON value (a system policy's document), as serde_json would read it.
    pub(crate) fn value(&mut self) -> Value {
        let open = self.peek();
        if matches!(open, b'[' | b'{') {
            if self.depth == MAX_DEPTH {
                return self.fail_with("recursion limit exceeded", Value::Null);
            }
            self.depth += 1;
        }
        let value = match open {
            b'"' => Value::String(self.string()),
            b'[' => Value::Array(self.list(|r| r.value())),
            b'{' => {
                let mut map = Map::new();
                self.object(|r, key| {
                    let value = r.value();
                    map.insert(key.to_string(), value);
                });
                Value::Object(map)
            }
            b'-' | b'0'..=b'9' => Value::Number(self.number()),
            _ if self.word("null") => Value::Null,
            _ => Value::Bool(self.bool()),
        };
        if matches!(open, b'[' | b'{') {
            self.depth -= 1;
        }
        value
    }

    /// A number: whole numbers as integers (as serde_json keeps them), others as `f64`.
    pub(crate) fn number(&mut self) -> Number {
        let start = self.at;
        let len = self.text[start..]
            .bytes()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        let text = &self.text[start..start + len];
        let whole = !text.contains(['.', 'e', 'E']);
        let number = if !valid_number(text) {
            None
        } else if let (true, Ok(n)) = (whole, text.parse::<u64>()) {
            Some(Number::from(n))
        } else if let (true, Ok(n)) = (whole, text.parse::<i64>()) {
            // `-0` is a float to serde_json (negative zero), not the integer 0.
            if n == 0 {
                Number::from_f64(-0.0)
            } else {
                Some(Number::from(n))
            }
        } else {
            text.parse::<f64>().ok().and_then(Number::from_f64)
        };
        match number {
            Some(n) => {
                self.at += len;
                n
            }
            None => self.fail_with("an invalid number", Number::from(0u8)),
        }
    }
}

/// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn valid_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole_start = i;
    let whole = digits(&mut i);
    if whole == 0 || (whole > 1 && b[whole_start] == b'0') {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

fn tuple(a: String, b: String) -> (String, String) {
    (a, b)
}

/// How many bytes at the start of `rest` a string holds as they are: up to its closing quote, an escape or a
/// control character. The quote or escape is found with memchr and the run checked for control characters in
/// one pass (a byte-by-byte test of all three was ≈ 5 % of the embedded catalog's load time; perf).
fn plain_run(rest: &[u8]) -> usize {
    let end = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
    let run = &rest[..end];
    if run.iter().fold(false, |control, &b| control | (b < 0x20)) {
        run.iter().position(|&b| b < 0x20).unwrap_or(end)
    } else {
        end
    }
}

#[cfg(test)]
mod plain_run_tests {
    use super::plain_run;

    #[test]
    fn a_run_ends_at_the_quote_the_escape_or_a_control_character_whichever_comes_first() {
        assert_eq!(plain_run(b"abc\"def"), 3);
        assert_eq!(plain_run(b"ab\\\"c\""), 2);
        assert_eq!(plain_run(b"a\nb\"c"), 1, "a control character before the quote");
        assert_eq!(plain_run(b"ab\"c\nd"), 2, "a control character after the quote is not the string's");
        assert_eq!(plain_run("权限\"".as_bytes()), 6);
        assert_eq!(plain_run(b"unterminated"), 12);
    }
}
