//! A small JSON parser that keeps where every element came from.
//!
//! serde_json forgets positions and silently keeps the last of two equal keys; the checks need both: a byte span
//! and a line/column for every value and key (so the page can underline), and duplicate keys reported as errors
//! (RAM refuses them). Elements are addressed by JSON Pointer paths such as `/Statement/0/Action/2`.

use std::fmt;

use super::document::{Condition, Effect, PolicyDocument, Statement, ValueList};

/// A byte range in the source text: `start` is the first byte, `end` one past the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A human position: 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Why a text is not a JSON document this parser accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, in one line.
    pub message: String,
    /// Where: line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// The bytes at fault.
    pub span: Span,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

/// One JSON value and the bytes it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Its bytes in the text, quotes and brackets included.
    pub span: Span,
}

/// A JSON value whose children keep their spans. Numbers keep their source text (RAM treats them as strings).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// `[…]`.
    Array(Vec<Node>),
    /// `{…}`, members in the order written (duplicates kept, for the checks to report).
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// The key's bytes in the text.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Node {
    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The text, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member called `key` (exact spelling), when this is an object.
    pub fn get(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().find(|m| m.key == key)
    }

    /// The text RAM would compare for a scalar: strings as is, numbers as written, booleans as `true`/`false`.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }

    /// The node at a JSON Pointer path (`/Statement/0/Action`), `""` being this node.
    pub fn pointer(&self, path: &str) -> Option<&Node> {
        let mut node = self;
        if path.is_empty() {
            return Some(node);
        }
        for raw in path.strip_prefix('/')?.split('/') {
            let token = unescape_pointer(raw);
            node = match &node.value {
                Value::Object(members) => &members.iter().find(|m| m.key == token)?.value,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// Escapes one JSON Pointer token (`~` → `~0`, `/` → `~1`), e.g. for condition keys like `acs:ResourceTag/env`.
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape_pointer(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Parsed text plus what is needed to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Its top-level value.
    pub root: Node,
    line_starts: Vec<usize>,
}

impl Parsed<'_> {
    /// Line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        position_in(self.text, &self.line_starts, offset)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

fn position_in(text: &str, starts: &[usize], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let line = starts.partition_point(|&s| s <= offset).max(1);
    let start = starts[line - 1];
    // Columns count characters, not bytes, so that Chinese text underlines correctly.
    let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
    Position { line, column }
}

/// Parses `text` as one JSON value, refusing duplicate keys and trailing content.
pub fn parse(text: &str) -> Result<Parsed<'_>, ParseError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    let starts = line_starts(text);
    let result = parser.document();
    match result {
        Ok(root) => Ok(Parsed { text, root, line_starts: starts }),
        Err((message, span)) => {
            let Position { line, column } = position_in(text, &starts, span.start);
            Err(ParseError { message, line, column, span })
        }
    }
}

/// Nesting deeper than this is refused: a policy never needs it, and it keeps recursion bounded.
const MAX_DEPTH: usize = 64;

type PResult<T> = Result<T, (String, Span)>;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn document(&mut self) -> PResult<Node> {
        // A UTF-8 byte order mark is common in files saved by Windows editors; RAM's console strips it too.
        if self.text.starts_with('\u{feff}') {
            self.pos = 3;
        }
        self.skip_ws();
        let node = self.value()?;
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.error_here("unexpected text after the end of the JSON value"));
        }
        Ok(node)
    }

    /// An error spanning the character at the current position (whole, even when it takes several bytes).
    fn error_here(&self, message: &str) -> (String, Span) {
        (message.to_string(), Span { start: self.pos, end: self.char_end(self.pos) })
    }

    /// The end of the character starting at `pos` (or `pos` at the end of the text).
    fn char_end(&self, pos: usize) -> usize {
        self.text
            .get(pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(pos.min(self.bytes.len()), |c| pos + c.len_utf8())
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> PResult<Node> {
        let start = self.pos;
        let value = match self.bytes.get(self.pos) {
            None => return Err(self.error_here("unexpected end of text: expected a value")),
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => {
                return Err(self.error_here("expected a value (object, array, string, number, true, false or null)"))
            }
        };
        Ok(Node { value, span: Span { start, end: self.pos } })
    }

    fn nested(&mut self, f: fn(&mut Self) -> PResult<Value>) -> PResult<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_here("nested too deeply"));
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &str, value: Value) -> PResult<Value> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_here("unknown word: expected a value (strings need double quotes)"))
        }
    }

    fn number(&mut self) -> PResult<Value> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.bytes.get(p.pos) {
                p.pos += 1;
            }
            p.pos > s
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if !digits(self) {
            return Err(self.error_here("a number needs digits"));
        }
        if self.bytes[int_start] == b'0' && self.pos - int_start > 1 {
            self.pos = int_start;
            return Err(self.error_here("JSON numbers cannot start with 0 (quote it if it is an id)"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error_here("a number needs digits after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error_here("a number needs digits in its exponent"));
            }
        }
        Ok(Value::Number(self.text[start..self.pos].to_string()))
    }

    fn string(&mut self) -> PResult<String> {
        let start = self.pos;
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                None => return Err(("unterminated string".to_string(), Span { start, end: self.pos })),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.error_here("control character inside a string (escape it)")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> PResult<()> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.bytes.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4(at)?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return Err(("unpaired surrogate in \\u escape".into(), Span { start: at, end: self.pos }));
                    }
                    self.pos += 2;
                    let second = self.hex4(at)?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(("unpaired surrogate in \\u escape".into(), Span { start: at, end: self.pos }));
                    }
                    char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                } else {
                    char::from_u32(first)
                };
                out.push(c.ok_or_else(|| ("invalid \\u escape".to_string(), Span { start: at, end: self.pos }))?);
                return Ok(());
            }
            _ => return Err(("invalid escape in string".into(), Span { start: at, end: self.char_end(self.pos) })),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, at: usize) -> PResult<u32> {
        let digits = self.text.get(self.pos..self.pos + 4);
        let value =
            digits.filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit())).and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(("\\u needs four hex digits".into(), Span { start: at, end: self.pos })),
        }
    }

    fn array(&mut self) -> PResult<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error_here("expected ',' or ']' in array")),
            }
        }
    }

    fn object(&mut self) -> PResult<Value> {
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error_here("expected a key in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span { start: key_start, end: self.pos };
            if members.iter().any(|m| m.key == key) {
                return Err((format!("duplicate key \"{key}\" (RAM refuses objects with repeated keys)"), key_span));
            }
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error_here("expected ':' after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            members.push(Member { key, key_span, value });
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error_here("expected ',' or '}' in object")),
            }
        }
    }
}

/// Why a parsed JSON value is not a policy document the simulator can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// What is wrong, in one line.
    pub message: String,
    /// JSON Pointer of the offending element.
    pub path: String,
    /// Where: line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// The bytes at fault.
    pub span: Span,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        } else {
            write!(f, "{}:{}: {} (at {})", self.line, self.column, self.message, self.path)
        }
    }
}

impl std::error::Error for DocumentError {}

impl From<ParseError> for DocumentError {
    fn from(e: ParseError) -> Self {
        DocumentError { message: e.message, path: String::new(), line: e.line, column: e.column, span: e.span }
    }
}

/// Reads a policy document for evaluation. Lenient where RAM is (a single string for a list, a single statement
/// object, booleans and numbers as condition values); strict where meaning would be lost (bad `Effect`, missing
/// `Action`). `lint` is the place for the full list of problems; this stops at the first.
pub fn parse_document(text: &str) -> Result<PolicyDocument, DocumentError> {
    let parsed = parse(text)?;
    let fail = |node: &Node, path: String, message: &str| {
        let Position { line, column } = parsed.position(node.span.start);
        DocumentError { message: message.to_string(), path, line, column, span: node.span }
    };
    let root = &parsed.root;
    if root.as_object().is_none() {
        return Err(fail(root, String::new(), "a policy must be a JSON object"));
    }
    let version = match root.get("Version").map(|m| &m.value) {
        Some(v) => {
            v.scalar_text().ok_or_else(|| fail(v, "/Version".into(), "Version must be the string \"1\""))?.to_string()
        }
        None => return Err(fail(root, String::new(), "missing Version")),
    };
    let statement = root.get("Statement").ok_or_else(|| fail(root, String::new(), "missing Statement"))?;
    let nodes: Vec<(String, &Node)> = match &statement.value.value {
        Value::Array(items) => items.iter().enumerate().map(|(i, n)| (format!("/Statement/{i}"), n)).collect(),
        Value::Object(_) => vec![("/Statement".to_string(), &statement.value)],
        _ => return Err(fail(&statement.value, "/Statement".into(), "Statement must be a list of objects")),
    };
    let mut statements = Vec::with_capacity(nodes.len());
    for (path, node) in nodes {
        if node.as_object().is_none() {
            return Err(fail(node, path, "a statement must be an object"));
        }
        let effect = match node.get("Effect").map(|m| (&m.value, m.value.as_str())) {
            Some((_, Some("Allow"))) => Effect::Allow,
            Some((_, Some("Deny"))) => Effect::Deny,
            Some((value, _)) => {
                return Err(fail(value, format!("{path}/Effect"), "Effect must be \"Allow\" or \"Deny\""))
            }
            None => return Err(fail(node, path, "the statement has no Effect")),
        };
        let list = |key: &str| -> Result<Option<ValueList>, DocumentError> {
            let Some(m) = node.get(key) else { return Ok(None) };
            string_list(&m.value)
                .map(Some)
                .ok_or_else(|| fail(&m.value, format!("{path}/{key}"), "expected a string or a list of strings"))
        };
        let st = Statement {
            effect,
            action: list("Action")?,
            not_action: list("NotAction")?,
            resource: list("Resource")?,
            not_resource: list("NotResource")?,
            condition: match node.get("Condition") {
                None => None,
                Some(m) => Some(condition(&m.value).ok_or_else(|| {
                    fail(&m.value, format!("{path}/Condition"), "Condition must be {\"Operator\": {\"key\": [values]}}")
                })?),
            },
        };
        if st.action.is_some() == st.not_action.is_some() {
            return Err(fail(node, path, "a statement needs exactly one of Action and NotAction"));
        }
        if st.resource.is_some() == st.not_resource.is_some() {
            return Err(fail(node, path, "a statement needs exactly one of Resource and NotResource"));
        }
        statements.push(st);
    }
    Ok(PolicyDocument { version, statements })
}

/// A string, or an array of scalars, as the list of texts RAM compares.
fn string_list(node: &Node) -> Option<ValueList> {
    match &node.value {
        Value::Array(items) => {
            items.iter().map(|n| n.scalar_text().map(str::to_string)).collect::<Option<Vec<_>>>().map(ValueList)
        }
        _ => node.scalar_text().map(|s| ValueList(vec![s.to_string()])),
    }
}

pub(crate) fn condition(node: &Node) -> Option<Condition> {
    let mut out = Condition::new();
    for op in node.as_object()? {
        let keys = out.entry(op.key.clone()).or_default();
        for key in op.value.as_object()? {
            keys.insert(key.key.clone(), string_list(&key.value)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_and_lines() {
        let text = "{\n  \"Version\": \"1\",\n  \"Statement\": [ {\"Action\": [\"a:b\", \"c:d\"]} ]\n}";
        let parsed = parse(text).unwrap();
        let node = parsed.root.pointer("/Statement/0/Action/1").unwrap();
        assert_eq!(&text[node.span.start..node.span.end], "\"c:d\"");
        assert_eq!(parsed.position(node.span.start), Position { line: 3, column: 37 });
        assert!(parsed.root.pointer("/Statement/1").is_none());
    }

    #[test]
    fn refuses_duplicate_keys_with_location() {
        let err = parse("{\"a\": 1,\n \"a\": 2}").unwrap_err();
        assert!(err.message.contains("duplicate key \"a\""), "{err}");
        assert_eq!((err.line, err.column), (2, 2));
    }

    #[test]
    fn reports_where_it_stopped() {
        let err = parse("{\"a\": [1, 2,]}").unwrap_err();
        assert_eq!((err.line, err.column), (1, 13));
        assert!(parse("{} x").is_err());
        assert!(parse("[01]").is_err());
        assert!(parse("[0.5, -0, 10]").is_ok());
        assert!(parse("\"\\ud800\"").is_err());
        assert_eq!(parse("\"\\u00e9\\ud83d\\ude00\"").unwrap().root.as_str(), Some("é😀"));
    }

    #[test]
    fn columns_count_characters() {
        let parsed = parse("{\"名字\": x}");
        let err = parsed.unwrap_err();
        assert_eq!((err.line, err.column), (1, 8));
    }

    #[test]
    fn pointer_escapes_slashes() {
        let parsed = parse(r#"{"acs:ResourceTag/env": ["x"]}"#).unwrap();
        let path = format!("/{}/0", escape_pointer("acs:ResourceTag/env"));
        assert_eq!(parsed.root.pointer(&path).and_then(Node::as_str), Some("x"));
    }

    #[test]
    fn reads_lenient_documents() {
        let doc = parse_document(
            r#"{"Version":"1","Statement":{"Effect":"Allow","Action":"ecs:*","Resource":"*",
               "Condition":{"Bool":{"acs:SecureTransport":true},"NumericLessThan":{"k":[3]}}}}"#,
        )
        .unwrap();
        let cond = doc.statements[0].condition.as_ref().unwrap();
        assert_eq!(cond["Bool"]["acs:SecureTransport"].0, vec!["true"]);
        assert_eq!(cond["NumericLessThan"]["k"].0, vec!["3"]);
        let err = parse_document(r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"a:b","Resource":"*"}]}"#)
            .unwrap_err();
        assert_eq!(err.path, "/Statement/0/Effect");
    }
}
