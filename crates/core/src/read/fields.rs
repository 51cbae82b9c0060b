//! Key–value fields in every syntax the SDKs print, read in one left-to-right pass:
//!
//! - JSON and JavaScript objects, Python dict reprs (`{u'Code': u'Forbidden.RAM'}`), JSON escaped inside a string
//!   (`{\"Code\":\"NoPermission\"}`), in any key case (`AccessDeniedDetail`, `accessDeniedDetail`, `error_code`);
//! - Go `%#v` dumps (`&common.Error{…Code:"Forbidden.RAM"…}`) and Go maps (`AccessDeniedDetail: map[AuthAction:ecs:X …]`);
//! - line forms: `ErrorCode: X` (Go SDK v1, `aliyun` CLI), `[ErrorCode]: X` (Java OSS SDK), `ErrorCode=X, ErrorMessage=…`
//!   (Go OSS SDK), `Code : Message` (.NET and Java SDK v1), `Error:Code Message` (Python aliyunsdkcore).
//!
//! `{…}` objects become containers: their fields belong to one error whatever the key order.

use super::code::{is_class_name, is_code, is_plain_word, Level, ONE_WORD_CODES};
use super::{Field, Key};
use crate::text::{self, is_code_like, is_ident, line_end, Text};

/// gRPC status names (`rpc error: code = Unknown desc = …`): a transport's words, never an Alibaba Cloud code. And
/// the Go SDK's header `SDK.ServerError`, which opens the block holding the code (`{"error":"SDK.ServerError\nErrorCode:
/// Forbidden.RAM…"}` in a JSON log line): the wrapper's name, not the error's code.
const NOT_CODES: &[&str] = &["Unknown", "Internal", "Unavailable", "Canceled", "DeadlineExceeded", "SDK.ServerError"];

/// Longest value kept (a pasted message can be a whole response body).
const MAX_VALUE: usize = 4096;
/// A `{` left open this long (a truncated paste) stops grouping fields.
const MAX_CONTAINER: usize = 1 << 20;
/// …and so does one left open this many lines: an object longer than an error reaches is not one error's.
const MAX_CONTAINER_LINES: usize = super::group::MAX_ERROR_LINES;

/// What a key name means; most map straight to a [`Key`], a few need work.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Plain(Key),
    /// Python aliyunsdkcore's `Error:Forbidden.RAM <message>`: code and message in one value.
    CodeThenMessage,
    /// `AccessDeniedDetail: map[…]` (or an object, which the scan walks into anyway).
    DeniedDetail,
    /// `"ExplicitDeny": true`: RAM's decoded diagnostic message says a Deny statement matched.
    ExplicitDenyFlag,
    /// `server: 'AliyunOSS'` response header.
    Server,
    /// `x-oss-request-id`: a request id that also says OSS.
    OssRequestId,
    /// `encoded_authorization_message`: Huawei Cloud's error shape.
    Huawei,
    /// `Action`: a RAM action (`ram:CreateRole`) or an API name (`Action=DescribeInstances`).
    Action,
    /// `reason`: Google APIs' error code (`"reason": "dailyLimitExceeded"`), always lower camel case. Kubernetes'
    /// `reason` (`Forbidden`) is a status word, not a code: only a lower-camel value counts.
    Reason,
}

/// Key names, compared without case, `_`, `-` or spaces (written here in that form), and what each means. The
/// prefilter ([`super::scan`]) searches the text for these names too, so a new row is found there as well.
const KEYS: &[(&str, Meaning)] = &[
    ("code", Meaning::Plain(Key::Code)),
    ("errorcode", Meaning::Plain(Key::Code)),
    ("errcode", Meaning::Plain(Key::Code)),
    // The console's web APIs: `{"code":201,…,"resultCode":"Frontend.Business.NeedLogin"}`.
    ("resultcode", Meaning::Plain(Key::Code)),
    ("message", Meaning::Plain(Key::Message)),
    ("errormessage", Meaning::Plain(Key::Message)),
    ("errmsg", Meaning::Plain(Key::Message)),
    ("errormsg", Meaning::Plain(Key::Message)),
    ("requestid", Meaning::Plain(Key::RequestId)),
    ("xacsrequestid", Meaning::Plain(Key::RequestId)),
    ("xossrequestid", Meaning::OssRequestId),
    ("hostid", Meaning::Plain(Key::HostId)),
    ("recommend", Meaning::Plain(Key::Recommend)),
    ("recommenddoc", Meaning::Plain(Key::Recommend)),
    ("httpstatus", Meaning::Plain(Key::Status)),
    ("statuscode", Meaning::Plain(Key::Status)),
    ("status", Meaning::Plain(Key::Status)),
    ("httpstatuscode", Meaning::Plain(Key::Status)),
    ("httpcode", Meaning::Plain(Key::Status)),
    ("ec", Meaning::Plain(Key::Ec)),
    ("authaction", Meaning::Plain(Key::AuthAction)),
    ("authresource", Meaning::Plain(Key::AuthResource)),
    ("authprincipaltype", Meaning::Plain(Key::AuthPrincipalType)),
    ("authprincipalownerid", Meaning::Plain(Key::AuthPrincipalOwnerId)),
    ("authprincipaldisplayname", Meaning::Plain(Key::AuthPrincipalDisplayName)),
    ("nopermissiontype", Meaning::Plain(Key::NoPermissionType)),
    ("policytype", Meaning::Plain(Key::PolicyType)),
    ("nopermissionpolicytype", Meaning::Plain(Key::PolicyType)),
    ("encodeddiagnosticmessage", Meaning::Plain(Key::EncodedDiagnosticMessage)),
    ("encodeddiagnosticinfo", Meaning::Plain(Key::EncodedDiagnosticMessage)),
    ("accessdenieddetail", Meaning::DeniedDetail),
    ("explicitdeny", Meaning::ExplicitDenyFlag),
    ("action", Meaning::Action),
    ("resource", Meaning::Plain(Key::Resource)),
    ("regionid", Meaning::Plain(Key::Region)),
    ("method", Meaning::Plain(Key::Method)),
    ("httpmethod", Meaning::Plain(Key::Method)),
    ("requestmethod", Meaning::Plain(Key::Method)),
    ("stringtosign", Meaning::Plain(Key::ClientStringToSign)),
    ("subcode", Meaning::Plain(Key::Code)),
    // Tencent Cloud's API 2.0 body, `{"code":4000,"message":"…","codeDesc":"InvalidParameter"}`: a numeric family
    // and, in `codeDesc`, the named code (which wins over the number, [`super::group::is_wrapper_code`]).
    ("codedesc", Meaning::Plain(Key::Code)),
    ("server", Meaning::Server),
    // The SDKs' endpoint errors print the product they looked up: `map[Product:ecs LocationProduct:ecs …]`.
    ("product", Meaning::Plain(Key::ProductHint)),
    ("locationproduct", Meaning::Plain(Key::ProductHint)),
    ("productcode", Meaning::Plain(Key::ProductHint)),
    ("encodedauthorizationmessage", Meaning::Huawei),
    ("error", Meaning::CodeThenMessage),
    ("reason", Meaning::Reason),
];

/// The meaning of a key, compared without case, `_`, `-` or spaces.
/// Asked for nearly every word the reader passes: the name is normalised on the stack, and a word longer than
/// [`KEY_BYTES`] or not ASCII is no key (every name in [`KEYS`] is ASCII and shorter).
fn meaning(raw: &str) -> Option<Meaning> {
    let mut k = [0u8; KEY_BYTES];
    let mut n = 0;
    for &c in raw.as_bytes().iter().filter(|c| !matches!(c, b'_' | b'-' | b' ')) {
        if n == KEY_BYTES || !c.is_ascii() {
            return None;
        }
        k[n] = c.to_ascii_lowercase();
        n += 1;
    }
    key_meanings().get(&k[..n]).copied()
}

/// [`KEYS`] as a map from name to meaning (the first row of a name wins, as a search of the table in order finds
/// it), built once: `meaning` is asked for nearly every word of an error-dense log, and comparing the word with
/// each row in turn was 4 % of its CPU time (`perf`, eval dense log).
fn key_meanings() -> &'static rustc_hash::FxHashMap<&'static [u8], Meaning> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static [u8], Meaning>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for &(name, m) in KEYS {
            map.entry(name.as_bytes()).or_insert(m);
        }
        map
    })
}

/// Room for the longest key name in [`KEYS`], normalised.
const KEY_BYTES: usize = 32;

/// The names of keys whose fields can open an error or name a product (the rest only join one): what the prefilter
/// ([`super::scan`]) looks for on this reader's behalf. Each comes with the other key names it ends in, which find
/// it written with separators too (`auth_action` by `action`, `encoded_authorization_message` by `message`).
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    KEYS.iter().filter(|(_, m)| opens_or_names(*m)).flat_map(|&(name, _)| {
        KEYS.iter().map(|&(n, _)| n).filter(move |&n| n == name || (n.len() >= 4 && name.ends_with(n)))
    })
}

/// Whether a key's fields can open an error ([`super::group`]) or name a product for the whole text.
fn opens_or_names(m: Meaning) -> bool {
    match m {
        Meaning::Plain(k) => matches!(k, Key::Code | Key::AuthAction | Key::Ec | Key::ProductHint | Key::HostId),
        Meaning::CodeThenMessage
        | Meaning::DeniedDetail
        | Meaning::Server
        | Meaning::OssRequestId
        | Meaning::Huawei
        | Meaning::Reason => true,
        Meaning::Action | Meaning::ExplicitDenyFlag => false,
    }
}

/// The plain [`Key`] a name stands for (XML element names use the same vocabulary).
pub(super) fn plain_key(name: &str) -> Option<Key> {
    match meaning(name)? {
        Meaning::Plain(k) => Some(k),
        Meaning::CodeThenMessage => Some(Key::Code),
        _ => None,
    }
}

/// Whether the JSON object opening at `open` (read up to 4 KB) holds an error's keys: `error`, `code`,
/// `status` or `message`.
fn object_holds_error_keys(s: &str, open: usize) -> bool {
    object_holds(s, open, &["\"error\"", "\"code\"", "\"status\"", "\"message\""])
}

/// Whether the JSON object opening at `open` is a Kubernetes `Status` (`"kind":"Status"`): the API server's failure
/// answer, whose `reason` (`Forbidden`, `Unauthorized`, `NotFound`) is its machine-readable code.
fn object_is_kubernetes_status(s: &str, open: usize) -> bool {
    object_holds(s, open, &["\"kind\":\"Status\"", "\"kind\": \"Status\""])
}

/// Whether the JSON object opening at `open` (read up to 4 KB) holds one of `needles` (ASCII case ignored).
fn object_holds(s: &str, open: usize, needles: &[&str]) -> bool {
    let b = s.as_bytes();
    let stop = b.len().min(open + 4096);
    let mut depth = 0u32;
    let mut close = stop;
    for (i, &c) in b.iter().enumerate().take(stop).skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let object = crate::text::slice(s, open, close);
    needles.iter().any(|k| crate::text::contains_ignore_ascii_case(object, k))
}

/// Where a bare (unquoted) value ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `Key: value` on its own line or inline.
    Colon,
    /// `Key=value` (URLs, the Go OSS SDK).
    Equals,
}

struct Scanner<'a, 'o> {
    s: &'a str,
    b: &'a [u8],
    out: &'o mut Vec<Field>,
    depth: u32,
    container: Option<usize>,
    /// Line breaks passed since the container opened.
    container_lines: usize,
    /// An unquoted message being read: (key, start, container). It ends at the end of its line, at the next key,
    /// or after [`MAX_VALUE`] bytes — decided while the scan walks on, so the text is read once.
    open: Option<(Key, usize, Option<usize>)>,
}

/// Appends every field found in the text to `out`.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let mut sc = Scanner { s, b: s.as_bytes(), out, depth: 0, container: None, container_lines: 0, open: None };
    sc.run();
    sc.close_message(s.len());
}

impl Scanner<'_, '_> {
    fn run(&mut self) {
        let b = self.b;
        let mut i = 0;
        while i < b.len() {
            if let Some(start) = self.container {
                if i - start > MAX_CONTAINER {
                    self.close_container();
                }
            }
            if self.open.is_some_and(|(_, start, _)| i - start >= MAX_VALUE) {
                self.close_message(i);
            }
            let c = b[i];
            i = match c {
                b'\n' | b'\r' => {
                    self.close_message(i);
                    if c == b'\n' && self.container.is_some() {
                        self.container_lines += 1;
                    }
                    if self.depth > 0 && (next_line_blank(b, i + 1) || self.container_lines > MAX_CONTAINER_LINES) {
                        self.close_container();
                    }
                    i + 1
                }
                b'{' => {
                    if self.depth == 0 {
                        self.container = Some(i);
                        self.container_lines = 0;
                    }
                    self.depth += 1;
                    i + 1
                }
                b'}' => {
                    if self.depth > 0 {
                        self.depth -= 1;
                        if self.depth == 0 {
                            self.container = None;
                        }
                    }
                    i + 1
                }
                b'"' | b'\'' => self.quoted_key(i, i).unwrap_or(i + 1),
                b'\\' => match b.get(i + 1) {
                    Some(b'"') => self.quoted_key(i, i + 1).unwrap_or(i + 2),
                    Some(b'\\') if b.get(i + 2) == Some(&b'\\') && b.get(i + 3) == Some(&b'"') => {
                        self.quoted_key(i, i + 3).unwrap_or(i + 4)
                    }
                    Some(b'n' | b'r') => {
                        self.close_message(i);
                        i + 2
                    }
                    Some(b't') => i + 2,
                    _ => i + 1,
                },
                b'[' => self.bracket_key(i).unwrap_or(i + 1),
                0xE2 if curly_quote(b, i) => self.curly_key(i).unwrap_or(i + CURLY_LEN),
                c if c.is_ascii_alphabetic() && word_boundary_before(b, i) => self.word(i),
                _ => i + 1,
            };
        }
    }

    /// Ends the open message at `end`, without a trailing `RequestId` the printer appended.
    fn close_message(&mut self, end: usize) {
        let Some((key, start, container)) = self.open.take() else { return };
        let end = text::floor_boundary(self.s, end.max(start));
        let raw = &self.s[start..end];
        let lower = raw.to_ascii_lowercase();
        let cuts = [" requestid:", " request id:", ", requestid=", " + [ requestid", " + [requestid", ", url: "];
        let cut = cuts.iter().filter_map(|c| lower.find(c)).min().unwrap_or(raw.len());
        let value = raw[..cut].trim().trim_end_matches(',');
        if !value.is_empty() {
            let mut f = Field::new(key, value, start, start + cut);
            f.container = container;
            self.out.push(f);
        }
    }

    /// Starts reading an unquoted message at `at`.
    fn open_message(&mut self, key: Key, at: usize) {
        self.close_message(at);
        self.open = Some((key, at, self.container));
    }

    fn close_container(&mut self) {
        self.depth = 0;
        self.container = None;
    }

    fn push(&mut self, key: Key, value: &str, start: usize, end: usize) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        // Spans come from the source, lengths sometimes from the unescaped value: keep them on char boundaries.
        let start = text::floor_boundary(self.s, start);
        let end = text::ceil_boundary(self.s, end).max(start);
        let mut f = Field::new(key, value, start, end);
        f.container = self.container;
        self.out.push(f);
    }

    /// `"Key":` / `'Key':` / `\"Key\":` at `open` (the first byte of the opening, backslashes included; the quote
    /// char itself is at `quote`). Returns where to continue, or `None` when this is not a key.
    fn quoted_key(&mut self, open: usize, quote: usize) -> Option<usize> {
        let b = self.b;
        let q = b[quote];
        let escapes = quote - open;
        let name_start = quote + 1;
        let mut j = name_start;
        while j < b.len() && j - name_start <= 64 && (is_ident(b[j]) || b[j] == b'.') {
            j += 1;
        }
        if j == name_start || j - name_start > 64 {
            return None;
        }
        // The closing quote, escaped the same way as the opening one.
        if b.get(j..j + escapes).is_some_and(|e| e.iter().all(|&c| c == b'\\')) && b.get(j + escapes) == Some(&q) {
            let after = skip_spaces(b, j + escapes + 1);
            if b.get(after) != Some(&b':') {
                return None;
            }
            let name = &self.s[name_start..j];
            let value_at = skip_spaces(b, after + 1);
            return Some(match meaning(name) {
                Some(m) => self.value(m, Sep::Colon, value_at),
                // `failed to execute sdk request 'slb.UploadServerCertificate': SDKError: …`: a quoted request name
                // the error's line opens with is read as where it stands alone, not skipped as a key.
                None => {
                    if let Some(Keyless::ProductApi { dot }) = keyless(self.s, name_start, j) {
                        self.product_api(name_start, dot, j);
                    }
                    after + 1
                }
            });
        }
        None
    }

    /// `“code”：“AccessDenied.Unpurchased”`: JSON whose quotes a translation or an input method made typographic
    /// (either curly quote on either side, a full-width or ASCII colon). Returns where to continue, or `None`.
    fn curly_key(&mut self, open: usize) -> Option<usize> {
        let b = self.b;
        let name_start = open + CURLY_LEN;
        let name_end = ident_end(b, name_start);
        if name_end == name_start || name_end - name_start > 64 {
            return None;
        }
        let close = if curly_quote(b, name_end) {
            name_end + CURLY_LEN
        } else if b.get(name_end) == Some(&b'"') {
            name_end + 1
        } else {
            return None;
        };
        let (_, at) = separator(b, close).filter(|(sep, _)| *sep == Sep::Colon)?;
        let m = meaning(&self.s[name_start..name_end])?;
        if !curly_quote(b, at) {
            return Some(self.value(m, Sep::Colon, at));
        }
        // The value up to the next quote of either kind on its line.
        let from = at + CURLY_LEN;
        let line = &b[from..line_end(self.s, from, MAX_VALUE)];
        let len = (0..line.len()).find(|&j| line[j] == b'"' || curly_quote(line, j)).unwrap_or(line.len());
        let value = self.s[from..from + len].to_string();
        self.close_message(open);
        self.emit(m, &value, from, from + len);
        Some(from + len)
    }

    /// `[ErrorCode]: AccessDenied` (Java OSS SDK).
    fn bracket_key(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut j = i + 1;
        while j < b.len() && j - i <= 40 && is_ident(b[j]) {
            j += 1;
        }
        if j == i + 1 || b.get(j) != Some(&b']') {
            return None;
        }
        let m = meaning(&self.s[i + 1..j])?;
        let after = skip_spaces(b, j + 1);
        // PHP's `print_r` of a response: `[Code] => isv.SMS_SIGNATURE_ILLEGAL`.
        if b.get(after..after + 2) == Some(b"=>") {
            return Some(self.value(m, Sep::Equals, skip_spaces(b, after + 2)));
        }
        if b.get(after) != Some(&b':') {
            return None;
        }
        Some(self.value(m, Sep::Colon, skip_spaces(b, after + 1)))
    }

    /// A bare word at `i`: a key (`ErrorCode:`, `Status Code:`, `Action=`), a `Code : Message` pair, or nothing.
    fn word(&mut self, i: usize) -> usize {
        let b = self.b;
        let end = dotted_token_end(b, i);
        let token = &self.s[i..end];
        // Two-word keys first: `Status Code:`, `HTTP Status:`, `request id:`.
        if b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
            let end2 = ident_end(b, end + 1);
            let two = &self.s[i..end2];
            // The separator first: it rules most words out, and both are pure.
            if let Some(((sep, at), m)) = separator(b, end2).and_then(|sep| Some((sep, meaning(two)?))) {
                if m != Meaning::CodeThenMessage {
                    return self.value(m, sep, at);
                }
            }
        }
        if let Some(((sep, at), m)) = separator(b, end).and_then(|sep| Some((sep, meaning(token)?))) {
            // `Error:` only counts in aliyunsdkcore's shape, the code glued to the colon; `Error: …` is prose.
            let glued = b.get(end) == Some(&b':') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic);
            if m != Meaning::CodeThenMessage || glued {
                return self.value(m, sep, at);
            }
            // Python Tea: `Error: Forbidden.RAM code: 403, <message> request id: …`; the old Node Tea:
            // `Error: Forbidden.RAM: code: 403, …`.
            let code_end = dotted_token_end(b, at);
            let code = &self.s[at..code_end];
            let tea = tea_message_at(b, code_end + usize::from(b.get(code_end) == Some(&b':')));
            // pop-core's ROA class after a runner's `Error: ` (`Error: SignatureDoesNotMatchError: code: 400, …`):
            // the code is the class's name without `Error`.
            let code = if is_class_name(code) { code.strip_suffix("Error").unwrap_or("") } else { code };
            if !code.is_empty() && (is_code(code, Level::Keyless) || is_code(code, Level::Stated)) && tea {
                self.close_message(i);
                self.push(Key::Code, code, at, at + code.len());
                return code_end;
            }
        }
        match keyless(self.s, i, end) {
            Some(Keyless::Code { end: code_end, message_at }) => {
                self.close_message(i);
                self.push(Key::Code, &self.s[i..code_end], i, code_end);
                self.open_message(Key::Message, message_at);
                message_at
            }
            Some(Keyless::ProductApi { dot }) => {
                self.product_api(i, dot, end);
                end
            }
            None => end,
        }
    }

    /// `ecs.DescribeInstances` at `i..end`, its product up to `dot`: the product and the API it names.
    fn product_api(&mut self, i: usize, dot: usize, end: usize) {
        self.push(Key::ProductContext, &self.s[i..dot], i, dot);
        self.push(Key::Api, &self.s[dot + 1..end], dot + 1, end);
    }

    /// Reads the value of a key with meaning `m` starting at `at`; returns where scanning continues.
    fn value(&mut self, m: Meaning, sep: Sep, at: usize) -> usize {
        let (b, s) = (self.b, self.s);
        // A new key ends the message before it (`… Message: x RequestID: y`).
        self.close_message(at);
        if at >= b.len() {
            return at;
        }
        if b[at..].starts_with(b"map[") {
            return self.go_map(at + 4);
        }
        // DataX's `DataXException` (alibaba/DataX, its common exception): `Code:[OssWriter-05], Description:[…]`,
        // the plugin's code in brackets before its description.
        if m == Meaning::Plain(Key::Code) && b[at] == b'[' {
            if let Some(len) = b[at + 1..].iter().take(64).position(|&c| c == b']') {
                let (vs, ve) = (at + 1, at + 1 + len);
                if b[ve + 1..].starts_with(b", Description:[") && is_code_like(&s[vs..ve]) {
                    self.code(&s[vs..ve], vs, ve);
                    return ve + 1;
                }
            }
        }
        if b[at] == b'{' || b[at] == b'[' {
            // An object or list: the scan walks into it and finds its fields.
            return at;
        }
        if let Some((v, vs, ve, next)) = quoted_value(s, at) {
            if m == Meaning::Plain(Key::Code) && sep == Sep::Colon && numeric_code(v.trim(), 4) {
                self.push(Key::Code, &v, vs, ve);
                return vs;
            }
            self.emit(m, &v, vs, ve);
            // A string may carry more fields (a Go SDK block or escaped JSON inside it): look inside it too.
            let _ = next;
            return vs;
        }
        match m {
            Meaning::Plain(key @ (Key::Message | Key::Recommend | Key::ClientStringToSign)) => {
                self.open_message(key, at);
                return at;
            }
            Meaning::CodeThenMessage => {
                let tok_end = text::floor_boundary(
                    s,
                    at + b[at..].iter().take(128).take_while(|c| !c.is_ascii_whitespace()).count(),
                );
                let tok = &s[at..tok_end];
                if opens_with_code(tok) {
                    self.code(tok, at, tok_end);
                    self.open_message(Key::Message, tok_end);
                }
                return tok_end.max(at + 1);
            }
            _ => {}
        }
        let mut e = at;
        while e < b.len()
            && e - at < MAX_VALUE
            && !b[e].is_ascii_whitespace()
            // A bare value is ASCII: a full-width comma or a Chinese word after it (`403，“request_id”`) ends it.
            && b[e].is_ascii()
            && !matches!(b[e], b',' | b'}' | b']' | b')' | b'&' | b'"' | b'\'' | b';' | b'<' | b'\\')
        {
            e += 1;
        }
        let end = text::floor_boundary(s, e);
        let raw = &s[at..end];
        if let Some(joined_end) = (m == Meaning::Plain(Key::Code)).then(|| rejoined(b, at, end)).flatten() {
            let joined: String = s[at..joined_end].split_ascii_whitespace().collect();
            self.push(Key::Code, &joined, at, joined_end);
            return joined_end;
        }
        if m == Meaning::Plain(Key::Code) && sep == Sep::Colon && numeric_code(raw.trim(), 4) {
            // `{code: 4003, message: …}`, `code:596`: a product's own number in a response body (`:`); after `=`
            // (`(code=65535, message=…)`) a short number is a client library's status, not the service's code.
            self.push(Key::Code, raw.trim(), at, end);
            return end.max(at + 1);
        }
        self.emit(m, raw, at, end);
        end.max(at + 1)
    }

    /// Records the value of a key.
    fn emit(&mut self, m: Meaning, v: &str, start: usize, end: usize) {
        let v = v.trim();
        match m {
            Meaning::Plain(Key::Code) => self.code(v, start, end),
            Meaning::Plain(Key::Status) => {
                let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
                if digits.len() == 3 && (b'1'..=b'5').contains(&digits.as_bytes()[0]) {
                    self.push(Key::Status, &digits, start, start + 3);
                } else if is_code(first_token(v), Level::Dotted) {
                    // `Code: 429, status: Throttling.AllocationQuota`: a wrapper that prints Model Studio's status
                    // code as `Code` and its error code as `status`; no status word is dotted and capitalised.
                    let tok = first_token(v);
                    self.code(tok, start, start + tok.len());
                }
            }
            Meaning::Plain(key @ (Key::Message | Key::Recommend | Key::ClientStringToSign)) => {
                self.push(key, v, start, end)
            }
            Meaning::Plain(key) => {
                let tok = first_token(v);
                if is_printed_nothing(tok) {
                    return;
                }
                if key == Key::Resource && !tok.starts_with("acs:") {
                    return;
                }
                if key == Key::Region && !tok.contains('-') {
                    return;
                }
                self.push(key, tok, start, start + tok.len());
            }
            Meaning::CodeThenMessage => {
                let tok = first_token(v);
                // A JSON body's only error field holding a sentence (`"error": "<Product name> is …"`) keeps its
                // first word as the error's only anchor when code-shaped: with no code read there, the sentence alone
                // would open no error.
                if is_code_like(tok) {
                    self.code(tok, start, start + tok.len());
                    let rest = &v[tok.len()..];
                    self.push(Key::Message, rest, start + tok.len(), end);
                }
            }
            Meaning::DeniedDetail => {}
            Meaning::ExplicitDenyFlag => {
                if first_token(v).eq_ignore_ascii_case("true") {
                    self.push(Key::NoPermissionType, "ExplicitDeny", start, end);
                }
            }
            Meaning::Server => {
                if v.contains("AliyunOSS") {
                    self.push(Key::ProductHint, "oss", start, end);
                }
            }
            Meaning::OssRequestId => {
                let tok = first_token(v);
                self.push(Key::RequestId, tok, start, start + tok.len());
                self.push(Key::ProductHint, "oss", start, start + tok.len());
            }
            Meaning::Huawei => self.push(Key::OtherCloud, "Huawei Cloud", start, end.max(start)),
            Meaning::Reason => {
                let tok = first_token(v);
                // Only an error's reason: a log line's `{"reason":"scaleUp"}` is an event's. The object is read again
                // only when the reason could be one (lower camel, or a Kubernetes `Status`'s code-like word).
                let object = |holds: fn(&str, usize) -> bool| self.container.is_some_and(|open| holds(self.s, open));
                let error_reason = is_code(tok, Level::Reason) && object(object_holds_error_keys);
                if error_reason || (is_code_like(tok) && object(object_is_kubernetes_status)) {
                    self.push(Key::Code, tok, start, start + tok.len());
                }
            }
            Meaning::Action => {
                let tok = first_token(v).trim_end_matches('.');
                if is_ram_action(tok) {
                    self.push(Key::Action, tok, start, start + tok.len());
                } else if is_api_name(tok) {
                    self.push(Key::Api, tok, start, start + tok.len());
                }
            }
        }
    }

    /// A code value: `Forbidden.RAM` (a trailing sentence dot dropped); a number is an HTTP status instead.
    /// `ErrorCode: XErrorMessage: …` (the label glued on) is the code `X` and a message; a transport's status
    /// word (gRPC's `code = Unknown`) is no code.
    fn code(&mut self, v: &str, start: usize, end: usize) {
        let tok = first_token(v).trim_end_matches(['.', ',', ';', ':']);
        if NOT_CODES.contains(&tok) {
            return;
        }
        if let Some(stem) = tok.strip_suffix("ErrorMessage").filter(|c| c.len() > 2 && is_code_like(c)) {
            self.push(Key::Code, stem, start, start + stem.len());
            // The message runs to the end of the line, past where the code's value stopped.
            let Some(from) = self.s.get(start..).and_then(|rest| rest.find(tok)).map(|i| start + i + tok.len()) else {
                return;
            };
            let stop = line_end(self.s, from, MAX_VALUE).max(end);
            let message = self.s[from..stop].trim_start_matches(':').trim();
            if !message.is_empty() {
                self.push(Key::Message, message, from, stop);
            }
            return;
        }
        // Three digits are an HTTP status; a longer number is a product's own numeric code (DataWorks prints
        // `"Code": "5801488441564725286"` in an otherwise ordinary error body).
        if numeric_code(tok, NUMERIC_CODE_DIGITS) {
            self.push(Key::Code, tok, start, start + tok.len());
        } else if !tok.is_empty() && tok.bytes().all(|c| c.is_ascii_digit()) {
            self.emit(Meaning::Plain(Key::Status), tok, start, start + tok.len());
        } else if is_code(tok, Level::Keyed) {
            // Lowercase single words (`code: it is fine`) are prose, not codes; lower camel case
            // (`dailyLimitExceeded`, `accessDenied`) is a code.
            self.push(Key::Code, tok, start, start + tok.len());
        }
    }

    /// `map[AuthAction:ram:ListUsers NoPermissionType:ImplicitDeny …]` (Go's `%v` of a map).
    fn go_map(&mut self, mut i: usize) -> usize {
        let b = self.b;
        let stop = line_end(self.s, i, MAX_VALUE);
        while i < stop {
            i = skip_spaces(b, i);
            if i >= stop || b[i] == b']' {
                return i + 1;
            }
            let key_end = ident_end(b, i);
            if b.get(key_end) != Some(&b':') || key_end == i {
                // Not a `k:v` pair: skip the token.
                while i < stop && b[i] != b' ' && b[i] != b']' {
                    i += 1;
                }
                continue;
            }
            let v_start = key_end + 1;
            let mut v_end = v_start;
            let mut nested = 0u32;
            while v_end < stop && (nested > 0 || (b[v_end] != b' ' && b[v_end] != b']')) {
                match b[v_end] {
                    b'[' => nested += 1,
                    b']' => nested = nested.saturating_sub(1),
                    _ => {}
                }
                v_end += 1;
            }
            if let Some(m) = meaning(&self.s[i..key_end]) {
                let v = self.s[v_start..v_end].to_string();
                self.emit(m, &v, v_start, v_end);
            }
            i = v_end;
        }
        stop
    }
}

/// A quoted value at `at` (`"v"`, `'v'`, `u'v'`, `\"v\"`): (unescaped value, content start, content end, next).
/// A Go string broken by a terminal wrap (`Code:"Inact⏎ive"`) is joined when the next line closes it.
fn quoted_value(s: &str, at: usize) -> Option<(String, usize, usize, usize)> {
    let b = s.as_bytes();
    let mut i = at;
    if matches!(b.get(i), Some(b'u' | b'b' | b'r')) && matches!(b.get(i + 1), Some(b'\'' | b'"')) {
        i += 1;
    }
    let mut escapes = 0;
    while b.get(i) == Some(&b'\\') && escapes < 3 {
        escapes += 1;
        i += 1;
    }
    let q = *b.get(i)?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let start = i + 1;
    let (end, next, joined) = match find_close(b, start, MAX_VALUE, q, escapes) {
        Ok(c) => (c - escapes, c + 1, None),
        Err(line_end) if escapes == 0 && b.get(line_end) == Some(&b'\n') => {
            match find_close(b, line_end + 1, 512, q, 0) {
                Ok(c) => (c, c + 1, Some(line_end)),
                Err(_) => (line_end, line_end, None),
            }
        }
        Err(stop) => (stop, stop, None),
    };
    let end = text::floor_boundary(s, end.min(start + MAX_VALUE)).max(start);
    let mut raw = s[start..end].to_string();
    if let Some(nl) = joined {
        // Drop the wrap: the line break (and a `\r` before it).
        let cut = nl - start;
        let mut from = cut;
        if from > 0 && raw.as_bytes().get(from - 1) == Some(&b'\r') {
            from -= 1;
        }
        raw.replace_range(from..cut + 1, "");
    }
    let mut v = raw;
    for _ in 0..=escapes {
        v = text::unescape(&v);
    }
    Some((v, start, end, next))
}

/// The closing quote after `from`, within `max` bytes and before a line break: for plain strings a quote after an
/// even run of backslashes, for escaped strings (`\"…\"`) one after exactly `escapes` backslashes.
/// `Err` holds where the search stopped (the line break, or the window's end).
fn find_close(b: &[u8], from: usize, max: usize, q: u8, escapes: usize) -> Result<usize, usize> {
    let stop = b.len().min(from.saturating_add(max));
    let mut run = 0;
    for (j, &c) in b.iter().enumerate().take(stop).skip(from) {
        if c == q {
            if (escapes == 0 && run % 2 == 0) || (escapes > 0 && run == escapes) {
                return Ok(j);
            }
            run = 0;
        } else if c == b'\\' {
            run += 1;
        } else if c == b'\n' {
            return Err(j);
        } else {
            run = 0;
        }
    }
    Err(stop)
}

/// Bytes of a typographic double quote (`“` U+201C, `”` U+201D) in UTF-8.
pub(super) const CURLY_LEN: usize = 3;

/// Whether a typographic double quote (`“` or `”`) starts at `i`.
pub(super) fn curly_quote(b: &[u8], i: usize) -> bool {
    b.get(i..i + CURLY_LEN).is_some_and(|q| q == "“".as_bytes() || q == "”".as_bytes())
}

/// `：` (U+FF1A), the colon Chinese pages print after a key; a separator like `:`.
pub(super) const FULL_WIDTH_COLON: &[u8] = "：".as_bytes();

/// After a key: optional spaces, then `:` (not `::`, not `://`), `：` or `=` (not `==`). Returns the separator and
/// where the value starts.
fn separator(b: &[u8], at: usize) -> Option<(Sep, usize)> {
    let i = skip_spaces(b, at);
    match b.get(i)? {
        b':' => {
            let next = b.get(i + 1).copied();
            if matches!(next, Some(b':' | b'=')) || b.get(i + 1..i + 3) == Some(b"//") {
                return None;
            }
            Some((Sep::Colon, skip_spaces(b, i + 1)))
        }
        b'=' if b.get(i + 1) != Some(&b'=') => Some((Sep::Equals, skip_spaces(b, i + 1))),
        // A full-width colon after a key (`Error Code：InvalidTimeStamp.Expired`), as Chinese pages print it.
        0xEF if b[i..].starts_with(FULL_WIDTH_COLON) => Some((Sep::Colon, skip_spaces(b, i + FULL_WIDTH_COLON.len()))),
        _ => None,
    }
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| c == b' ' || c == b'\t') {
        i += 1;
    }
    i
}

fn ident_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).copied().is_some_and(is_ident) {
        i += 1;
    }
    i
}

/// End of `Ident(.Ident)*`.
fn dotted_token_end(b: &[u8], i: usize) -> usize {
    let mut end = ident_end(b, i);
    while b.get(end) == Some(&b'.') && b.get(end + 1).copied().is_some_and(|c| c.is_ascii_alphanumeric()) {
        end = ident_end(b, end + 1);
    }
    end
}

/// A word starts at `i` unless it continues an identifier, a dotted name, or follows a `\n` escape's `n`.
fn word_boundary_before(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    if i >= 2 && b[i - 2] == b'\\' && matches!(p, b'n' | b't' | b'r') {
        return true;
    }
    !is_ident(p) && p != b'.'
}

fn next_line_blank(b: &[u8], from: usize) -> bool {
    let mut i = from;
    while i < b.len() && b[i] != b'\n' {
        if !b[i].is_ascii_whitespace() {
            return false;
        }
        i += 1;
    }
    i < b.len()
}

fn first_token(v: &str) -> &str {
    let v = v.trim_start();
    let end = v.find(|c: char| c.is_whitespace()).unwrap_or(v.len());
    v[..end].trim_end_matches([',', ';'])
}

/// Digits a numeric code has at least (fewer are an HTTP status or a small enum value).
const NUMERIC_CODE_DIGITS: usize = 6;

/// A number that is a product's error code rather than an HTTP status: `min` digits or more, or three digits that
/// are no registered HTTP status (`596`; IANA's registry, [`text::is_http_status`]).
pub(super) fn numeric_code(t: &str, min: usize) -> bool {
    !t.is_empty()
        && t.len() <= 24
        && t.bytes().all(|c| c.is_ascii_digit())
        && (t.len() >= min || (t.len() == 3 && !t.starts_with('0') && !text::is_http_status(t)))
}

/// Whether a value is how a language prints "no value" (`Product:None` in the Python SDK's debug log, Go's `<nil>`,
/// JSON's `null`): the key is there, its value is not.
fn is_printed_nothing(tok: &str) -> bool {
    const NOTHING: &[&str] = &["none", "null", "nil", "<nil>", "undefined", "n/a"];
    NOTHING.iter().any(|n| tok.trim_matches(|c| c == '"' || c == '\'' || c == ',').eq_ignore_ascii_case(n))
}

/// Whether the Tea SDKs' server-error message starts at `at` past one space: `code: <status>, ` (their message is
/// `code: 403, <message> request id: <id>`).
fn tea_message_at(b: &[u8], at: usize) -> bool {
    let Some(rest) = b.get(at..).and_then(|r| r.strip_prefix(b" code: ")) else { return false };
    rest.len() > 4 && rest[..3].iter().all(u8::is_ascii_digit) && rest[3] == b','
}

/// What a bare word states without a key name.
enum Keyless {
    /// A code (`Forbidden.RAM : …`, `NoPermission: …`) ending at `end` (before an `Error` suffix the printer
    /// added); its message starts at `message_at`.
    Code { end: usize, message_at: usize },
    /// `ecs.DescribeInstances`: the product, up to `dot`, and the API after it.
    ProductApi { dot: usize },
}

/// Where a code value that the paste's fixed-width wrapping cut in two ends (`Code: MissingSecur        ityToken`,
/// a terminal's or a web form's hard wrap padded with spaces): the cut word `b[at..end]`, two spaces or more, and a
/// lower-case rest, which together are a one-word family's code ([`ONE_WORD_CODES`], dotted after it or not). The
/// catalog is not at hand here, so only those codes are put back together; nothing else ever is.
fn rejoined(b: &[u8], at: usize, end: usize) -> Option<usize> {
    let gap = b[end..].iter().take(16).take_while(|&&c| c == b' ').count();
    let rest = end + gap;
    if gap < 2 || !b.get(rest).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let rest_end = dotted_token_end(b, rest);
    let family = |w: &[u8]| ONE_WORD_CODES.iter().any(|c| c.as_bytes() == w);
    let head = b[at..end].iter().chain(&b[rest..rest_end]).take_while(|&&c| c != b'.').copied().collect::<Vec<u8>>();
    (family(&head) && !family(&b[at..end])).then_some(rest_end)
}

/// Whether `Error:`'s value opens with a code: `Error:Forbidden.RAM …` does, `Error:Insufficient Permissions - …`
/// opens a sentence ([`is_plain_word`]).
fn opens_with_code(tok: &str) -> bool {
    is_code_like(tok) && !is_plain_word(tok.trim_end_matches(['.', ',', ';', ':']))
}

/// Whether a sentence (two words at least) starts at `at` on its line: a code's message, where a mapping's key
/// (YAML's `StageName: RELEASE`, a config's `Region: Hangzhou`) is followed by one value alone.
fn sentence_follows(b: &[u8], at: usize) -> bool {
    let rest = &b[at.min(b.len())..];
    let word = rest.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(rest.len());
    let rest = &rest[word..];
    let gap = rest.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    gap > 0 && rest.get(gap).is_some_and(|c| !c.is_ascii_whitespace())
}

/// What the bare word `s[i..end]` states with no key name, if anything: the shapes [`Scanner::word`] reads after
/// the keyed ones.
fn keyless(s: &str, i: usize, end: usize) -> Option<Keyless> {
    let b = s.as_bytes();
    let token = &s[i..end];
    // `Excon::Error::Forbidden: Expected(200) <=> Actual(403 Forbidden)`, `feign.FeignException$Forbidden: …`,
    // `Faraday::ForbiddenError`: the last name of a class path (Ruby's `::`, Java's nested `$`) is an HTTP
    // client's exception class named after the status's reason phrase, never the service's code (the body's is).
    if b[..i].ends_with(b"::") || b[..i].ends_with(b"$") || log_tag_at(b, i) {
        return None;
    }
    // `Forbidden.RAM : User not authorized…` (.NET / Java v1 exceptions), and Go's `%s: %s` wrapping of a dotted
    // code (`InvalidAccessKeyId.NotFound: Specified access key is not found.`).
    // `Forbidden : There is a risk…`, `NoPermission: You are not…`: a one-word code of the permission and
    // credential families, which prose does not use as a label.
    // `Forbidden.RAM : User not…`; not a tool's label (`GetMainDomainName : error: …`), which goes on in lower case.
    let spaced = b.get(end..end + 3) == Some(b" : ") && !b.get(end + 3).is_some_and(u8::is_ascii_lowercase);
    // After its own status (`403 Forbidden: AccessDenied`) the word is HTTP's reason phrase, not the code.
    let reason_phrase = [("401 ", "Unauthorized"), ("403 ", "Forbidden")]
        .iter()
        .any(|(status, phrase)| token == *phrase && b[..i].ends_with(status.as_bytes()));
    let family = (spaced || b.get(end) == Some(&b':')) && is_code(token, Level::Family) && !reason_phrase;
    // `BasicServiceNotActivated: The NLP API … has not been activated.`: a CamelCase code opening its line, then
    // its sentence (Python's `Code: message` exception text); an API name so placed is a tool's label.
    let opens_line = || {
        b.get(end + 2).is_some_and(u8::is_ascii_uppercase)
            && at_line_start(b, i)
            && sentence_follows(b, end + 2)
            && is_code(token, Level::Camel)
            && !starts_with_api_verb(token)
    };
    let wrapped = b.get(end..end + 2) == Some(b": ") && (is_code(token, Level::Dotted) || family || opens_line());
    // `[SDK.CanNotResolveEndpoint] Can not resolve endpoint…`: the core SDKs' client errors print their code in
    // brackets (the only code when no server error caused it).
    if i > 0 && b[i - 1] == b'[' && token.starts_with("SDK.") && token.len() > 4 && b.get(end) == Some(&b']') {
        return Some(Keyless::Code { end, message_at: end + 1 });
    }
    // `Error [NoSuchBucketError]: The specified bucket does not exist.`: ali-oss names an error `<Code>Error`, and
    // Node prints a name that differs from the class's in brackets after it.
    if let Some(stem) = token.strip_suffix("Error").filter(|c| c.len() > 2 && is_code(c, Level::Camel)) {
        if b[..i].ends_with(b"Error [") && b.get(end..end + 2) == Some(b"]:") {
            return Some(Keyless::Code { end: i + stem.len(), message_at: end + 2 });
        }
    }
    // `InvalidParameterException: Unable to assume…` over `status code: 400, request id: …`: AWS SDK for Go's
    // error (awserr) prints `Code: message` and the status on the next line; its codes may end in `Exception`.
    let aws = b.get(end..end + 2) == Some(b": ")
        && at_line_start(b, i)
        && is_code(token, Level::Keyless)
        && token.bytes().all(|c| c.is_ascii_alphanumeric())
        && next_line_starts_with(b, end, b"status code: ");
    // `400 EntityNotExist.AliyunDRDSDefaultRole The role … not exists`, `| 403 | Forbidden.RAM | User not… |`: a row
    // of an error-code table (HTTP status, code, message) pasted as a line.
    let table_row = {
        let gap = b[end..].iter().take(8).take_while(|c| matches!(c, b' ' | b'\t' | b'|')).count();
        gap > 0
            && b.get(end + gap).is_some_and(u8::is_ascii_uppercase)
            && after_status_at_line_start(b, i)
            && is_code(token, Level::Dotted)
    };
    // `| ServiceNotOpen | The service is not activated. |`, `| 403 | ServiceNotOpen | The service… |`: a Markdown row
    // of an error-code table, whose code cell (of any shape) opens the row or follows its status cell.
    let table_cell = table_cell_message(b, i, end, token);
    // `api error ExpiredToken: The security token…`: smithy's generic API error, which the AWS SDK for Go v2 prints
    // after `operation error <Service>: <Api>, https response error StatusCode: …` (S3 clients at OSS print it too).
    let smithy = b[..i].ends_with(b"api error ") && b.get(end) == Some(&b':');
    // `Forbidden.RAM:User not authorized…`, `SignatureDoesNotMatch:The request signature…`: run together.
    let glued = b.get(end) == Some(&b':')
        && b.get(end + 1).is_some_and(u8::is_ascii_uppercase)
        && (is_code(token, Level::Dotted) || family || (at_line_start(b, i) && is_code(token, Level::Camel)));
    // `NoPermission.RAM.SlrCreate You are not authorized…`: a dotted code opening a line, then its sentence; or
    // alone on its line, over the lines that say the rest (the console's and the troubleshooting page's
    // `InvalidParameter.UserName.InvalidChars` / `HTTP Status: 400` / `Error Message: …`); or alone on the paste's
    // last line when it is the whole paste or follows one line that is no error of its own (a question that is only
    // the code: `AccessDenied.Unpurchased`, `## 用户问题：` over it), never a class's name (`TeaException.Unretryable`
    // under a refusal is its exception's name, not the code).
    let alone = || {
        let after = b[end..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        let last = b[end..].iter().all(u8::is_ascii_whitespace) && only_a_question_before(b, i);
        last || (matches!(b.get(end + after), Some(b'\n' | b'\r')) && next_line_speaks_of_an_error(b, end + after))
    };
    let bare = at_line_start(b, i)
        && is_code(token, Level::Dotted)
        && !token.split('.').any(is_class_name)
        && ((b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_uppercase)) || alone());
    // `SLSUnauthorized: code: 403, You are…`: the Tea SDKs build every server error's message as `code: <status>,
    // <message> request id: <id>` and Node's prints it after the code (`${code}: ${message}`).
    let tea = b.get(end) == Some(&b':') && tea_message_at(b, end + 1);
    // `ServerException: notAuthorized: You are…`: a code right after an exception's name, then its sentence (the PHP
    // client's `<Code>: <Message> RequestId: …`).
    let after_class = b.get(end..end + 2) == Some(b": ")
        && (b[..i].ends_with(b"Exception: ") || b[..i].ends_with(b"Error: "))
        && b.get(end + 2).is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii());
    // `ClientException: SDK.InvalidRegionId Can not find endpoint to access.`: aliyunsdkcore's client error prints
    // `<code> <message>` after its name.
    let client = b[..i].ends_with(b"ClientException: ")
        && b.get(end) == Some(&b' ')
        && b.get(end + 1).is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii());
    // Where the words around say a code stands, it may take any code's shape (`ODPS-0420095 : …`, `notAuthorized`).
    // Not a class's name there (`TeaError: code: 403, …` names the PHP Tea error, not the code).
    let class_name = (tea || after_class) && is_class_name(token);
    // Asked last: the words around rule most tokens out first.
    let shaped = || {
        (is_code(token, Level::Keyless)
            || family
            || ((spaced || tea || after_class || client) && is_code(token, Level::Stated)))
            && !class_name
    };
    if (spaced || wrapped || glued || bare || aws || table_row || smithy || tea || after_class || client)
        && is_code_like(token)
        && shaped()
        && meaning(token).is_none()
    {
        let message_at = (if spaced {
            end + 3
        } else if wrapped || aws || smithy || tea || after_class {
            end + 2
        } else {
            end + 1
        })
        .min(b.len());
        return Some(Keyless::Code { end, message_at });
    }
    if let Some(message_at) = table_cell.filter(|_| is_code_like(token) && meaning(token).is_none()) {
        return Some(Keyless::Code { end, message_at });
    }
    // `isv.SMS_SIGNATURE_ILLEGAL 签名不合法`: the SMS and Voice services' codes, wherever they stand (their shape
    // is theirs alone: `isv.` and upper-case words).
    if let Some(rest) = token.strip_prefix("isv.") {
        if rest.len() > 2 && rest.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_') {
            return Some(Keyless::Code { end, message_at: end });
        }
    }
    // `ecs.DescribeInstances`: the Go SDK's request names give the product and the API; its packages spell a
    // hyphenated code with `_` (`waf_openapi.ModifyDomain`, `r_kvstore.…`).
    if let Some((product, api)) = token.split_once('.').filter(|_| b[i].is_ascii_lowercase()) {
        let product_like = (2..=24).contains(&product.len())
            && product.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_');
        if product_like && is_api_name(api) && starts_with_api_verb(api) {
            return Some(Keyless::ProductApi { dot: i + product.len() });
        }
    }
    None
}

/// Where [`Scanner::word`] could read a field with no key name ([`keyless`]): every such word is followed by `:`
/// (or ` :`) or holds a `.`, so only the words around those bytes are asked. The prefilter ([`super::scan`])
/// asks this, since those shapes have no needle; it may name a word the scanner never reaches, never the reverse.
/// Yields each word's offset, and whether it is a code (else the product and API of a request name).
///
/// One pass over the runs of word bytes and dots (the whole text goes through here): a run is asked about once,
/// at its first dot or at the `:` (` :`, `]:`) after it, from as far back as [`KEYLESS_REACH`] bytes before that;
/// a word starts only where the run does (or one byte in, after a `\n` escape).
pub(super) fn keyless_words(s: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    let b = s.as_bytes();
    let asked = move |j: usize| match keyless(s, j, dotted_token_end(b, j))? {
        Keyless::Code { .. } => Some((j, true)),
        Keyless::ProductApi { .. } => Some((j, false)),
    };
    // A table's code cell: the word after a `|`, past blanks.
    let cells = memchr::memchr_iter(b'|', b)
        .map(move |p| p + 1 + b[p + 1..].iter().take(8).take_while(|c| matches!(c, b' ' | b'\t')).count())
        .filter(move |&j| b.get(j).is_some_and(u8::is_ascii_alphabetic));
    keyless_asked(b).chain(cells).filter_map(asked)
}

/// The words [`keyless_words`] asks [`keyless`] about, tables' cells aside.
fn keyless_asked(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    keyless_runs(b).flat_map(move |(from, stop, run)| {
        (from..stop.min(run + 2)).filter(move |&j| b[j].is_ascii_alphabetic() && word_boundary_before(b, j))
    })
}

/// How far back from its `.` or `:` a run of word bytes is asked about.
const KEYLESS_REACH: usize = 256;

/// The runs of word bytes and dots that hold a `.` or stand before a `:` (` :`, `]:`): (first byte asked, the
/// first `.` or the byte before the `:`, where the run starts).
fn keyless_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    text::name_runs(b).filter_map(move |(run, end)| {
        // A plain search: runs are a few bytes long, and memchr's setup cost more than the search itself on a log's
        // millions of runs (callgrind, 5 MB of the eval noise log: 42 M instructions of 161 M in this pass).
        let dot = b[run..end].iter().position(|&c| c == b'.').map(|d| run + d);
        let colon = match (b.get(end), b.get(end + 1)) {
            (Some(b':'), _) | (Some(b' ' | b']'), Some(b':')) => Some(end),
            _ => None,
        };
        dot.or(colon).map(|stop| (run.max(stop.saturating_sub(KEYLESS_REACH)), stop, run))
    })
}

/// Whether a registered 4xx or 5xx HTTP status, opening the line (after a table's `|`), stands just before `i`
/// past spaces, tabs and `|` (`400 Code…`, `| 403 | Code |`): the status column of an error-code table.
fn after_status_at_line_start(b: &[u8], i: usize) -> bool {
    let cell = |at: usize| b[..at].iter().rev().take(8).take_while(|c| matches!(c, b' ' | b'\t' | b'|')).count();
    let gap = cell(i);
    if gap == 0 || i < gap + 3 {
        return false;
    }
    let d = i - gap - 3;
    let status = std::str::from_utf8(&b[d..d + 3]).is_ok_and(text::is_http_status) && matches!(b[d], b'4' | b'5');
    let lead = cell(d);
    // An HTTP status line's protocol may open the row (`HTTP 403 Code …`, `HTTP/1.1 403 Code …`).
    let protocol = ["HTTP ", "HTTP/1.1 ", "HTTP/1.0 ", "HTTP/2 "].iter().find(|p| b[..d].ends_with(p.as_bytes()));
    let lead = lead.max(protocol.map_or(0, |p| p.len()));
    status && b[d + 3..i].iter().filter(|&&c| c == b'|').count() <= 1 && at_line_start(b, d - lead) && {
        // Before the status: nothing, or one `|` with spaces.
        b[d - lead..d].iter().filter(|&&c| c == b'|').count() <= 1
    }
}

/// Words the message cell of an error-code table row holds at least: a type or a yes/no cell of a parameter table
/// (`| RegionId | String | Yes |`) is no message.
const TABLE_MESSAGE_WORDS: usize = 3;

/// Where the message cell starts when `b[i..end]` is the code cell of a Markdown error-code table row: the cell
/// opens the row (`| Code | Message |`) or follows a 4xx/5xx status cell that does (`| 403 | Code | Message |`), is
/// shaped like a code (`RamAuthError`, `Forbidden`, `USER_NOT_EXIST`) and no API name (an API table's
/// `| DescribeInstances | Queries… |`) or SDK class, and the next cell is a
/// sentence of [`TABLE_MESSAGE_WORDS`] words or more (a Chinese one of more characters).
fn table_cell_message(b: &[u8], i: usize, end: usize, token: &str) -> Option<usize> {
    let blank = |c: &&u8| matches!(c, b' ' | b'\t');
    let lead = b[..i].iter().rev().take(8).take_while(blank).count();
    let pipe = i.checked_sub(lead + 1).filter(|&p| b[p] == b'|')?;
    if !(at_line_start(b, pipe) || after_status_at_line_start(b, i)) {
        return None;
    }
    // Any code shape, names ending in `Error` included (MNS's `RamAuthError`): a table's code cell is no class name.
    if !is_code(token, Level::TableCell) || starts_with_api_verb(token) || token.starts_with("SDK.") {
        return None;
    }
    let gap = b[end..].iter().take(8).take_while(blank).count();
    if b.get(end + gap) != Some(&b'|') {
        return None;
    }
    let from = end + gap + 1;
    let from = from + b[from..].iter().take(8).take_while(blank).count();
    let cell = &b[from..b.len().min(from + 512)];
    let cell = &cell[..cell.iter().position(|&c| matches!(c, b'|' | b'\n')).unwrap_or(cell.len())];
    let words = cell.split(|c| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).count();
    // A Chinese message has no spaces: its characters count (each three bytes or more in UTF-8).
    let sentence = match cell.first() {
        Some(c) if c.is_ascii_alphabetic() => words >= TABLE_MESSAGE_WORDS,
        Some(c) if !c.is_ascii() => cell.len() >= 3 * (TABLE_MESSAGE_WORDS + 1),
        _ => false,
    };
    sentence.then_some(from)
}

/// Whether the line after the one holding `from` starts (past spaces and tabs) with `prefix`, ASCII case ignored;
/// only the next 1 KB is looked at.
fn next_line_starts_with(b: &[u8], from: usize, prefix: &[u8]) -> bool {
    let window = &b[from..b.len().min(from + 1024)];
    let Some(nl) = memchr::memchr(b'\n', window) else { return false };
    let rest = &window[nl + 1..];
    let rest = &rest[rest.iter().take_while(|c| matches!(c, b' ' | b'\t')).count()..];
    rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether the line after the one ending at `from` names an error's part (`HTTP Status:`, `Error Message:`, `错误`):
/// what makes a dotted name alone on its line a code and not a namespace (`Microsoft.Authorization`).
fn next_line_speaks_of_an_error(b: &[u8], from: usize) -> bool {
    let rest = &b[from..b.len().min(from + 1024)];
    let rest = &rest[rest.iter().take_while(|c| matches!(c, b'\n' | b'\r')).count().min(2)..];
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    ["status", "message", "error", "错误"]
        .iter()
        .any(|w| line.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes())))
}

/// Whether the text before `i` is empty or one line that says no error of its own (a question, a heading): a code
/// alone on a paste's last line is then the paste's subject. A refusal or an error over it (`访问被拒绝`,
/// `permission denied when calling the api`) is the error, and the word under it a name from its trace.
fn only_a_question_before(b: &[u8], i: usize) -> bool {
    let before = &b[..i];
    let mut lines = before.split(|&c| c == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    match (lines.next(), lines.next()) {
        (None, _) => true,
        (Some(line), None) => !speaks_of_an_error(line),
        _ => false,
    }
}

/// Whether a line says an error or a refusal in words (English or Chinese).
fn speaks_of_an_error(line: &[u8]) -> bool {
    let lower = line.to_ascii_lowercase();
    let words: &[&[u8]] = &[
        b"status",
        b"message",
        b"error",
        b"denied",
        b"forbidden",
        b"permission",
        b"not authorized",
        b"unauthorized",
        b"403",
        b"401",
        "错误".as_bytes(),
        "拒绝".as_bytes(),
        "权限".as_bytes(),
        "失败".as_bytes(),
        "报".as_bytes(),
    ];
    words.iter().any(|w| lower.windows(w.len()).any(|x| x == *w))
}

/// Android's log priorities, the letter logcat prints before a line's tag.
const LOGCAT_PRIORITIES: &[u8] = b"VDIWEFA";

/// Whether the word at `i` is the tag of an Android logcat line (`W/System.err: …`, `E/AndroidRuntime: …`, or the
/// `threadtime` format's `12-07 10:00:01.123  1234  1250 W System.err: …`): the log's prefix, never the code.
fn log_tag_at(b: &[u8], i: usize) -> bool {
    let brief = i >= 2 && b[i - 1] == b'/' && LOGCAT_PRIORITIES.contains(&b[i - 2]) && at_line_start(b, i - 2);
    // `<pid> <tid> W Tag:`: a priority letter between blanks after a number (the thread id).
    let threadtime = i >= 4
        && b[i - 1] == b' '
        && LOGCAT_PRIORITIES.contains(&b[i - 2])
        && b[i - 3] == b' '
        && b[..i - 3].iter().rev().take_while(|&&c| c == b' ').count() < 8
        && b[..i - 3].iter().rev().find(|&&c| c != b' ').is_some_and(u8::is_ascii_digit);
    brief || threadtime
}

/// Whether only spaces (or nothing) precede `i` on its line (a short indent at most: O(1) per call).
fn at_line_start(b: &[u8], i: usize) -> bool {
    let indent = b[..i].iter().rev().take(16).take_while(|&&c| c == b' ' || c == b'\t').count();
    i == indent || b[i - indent - 1] == b'\n'
}

/// API names start with a verb; other `lowercase.CamelCase` tokens (`log.Printf`, `http.StatusForbidden`) do not.
fn starts_with_api_verb(api: &str) -> bool {
    const VERBS: &[&str] = &[
        "Describe",
        "Create",
        "Delete",
        "Modify",
        "List",
        "Get",
        "Update",
        "Put",
        "Attach",
        "Detach",
        "Run",
        "Start",
        "Stop",
        "Query",
        "Add",
        "Remove",
        "Set",
        "Enable",
        "Disable",
        "Allocate",
        "Release",
        "Associate",
        "Unassociate",
        "Authorize",
        "Revoke",
        "Tag",
        "Untag",
        "Check",
        "Open",
        "Grant",
        "Send",
        "Assume",
        "Reboot",
        "Import",
        "Export",
        "Upload",
        "Invoke",
        "Publish",
    ];
    VERBS.iter().any(|v| {
        api.starts_with(v) && api[v.len()..].starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            || api == *v
    })
}

/// `ram:CreateRole`, `oss:GetObject`, `ecs:*`.
pub fn is_ram_action(t: &str) -> bool {
    let Some((svc, name)) = t.split_once(':') else { return false };
    !svc.is_empty()
        && svc.len() <= 40
        && svc.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
        && !name.is_empty()
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'*' || c == b'_' || c == b'-')
}

/// `DescribeInstances`: a CamelCase API name.
pub fn is_api_name(t: &str) -> bool {
    t.len() >= 3
        && t.len() <= 100
        && t.as_bytes()[0].is_ascii_uppercase()
        && t.bytes().all(|c| c.is_ascii_alphanumeric())
        && t.bytes().any(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first reading of [`keyless_asked`]: every `:` and `.` looked back from. The one-pass runs must ask
    /// exactly the same words.
    fn keyless_asked_by_separators(b: &[u8]) -> std::collections::BTreeSet<usize> {
        let mut last_stretch = usize::MAX;
        let mut asked = std::collections::BTreeSet::new();
        for p in memchr::memchr2_iter(b':', b'.', b) {
            let stop = if b[p] == b':' && p > 0 && matches!(b[p - 1], b' ' | b']') { p - 1 } else { p };
            let mut from = stop;
            while from > 0 && stop - from < KEYLESS_REACH && (is_ident(b[from - 1]) || b[from - 1] == b'.') {
                from -= 1;
            }
            let fresh = from != last_stretch;
            last_stretch = from;
            asked.extend((from..stop).filter(|&j| fresh && b[j].is_ascii_alphabetic() && word_boundary_before(b, j)));
        }
        asked
    }

    proptest::proptest! {
        #[test]
        fn keyless_runs_ask_what_each_separator_asked(s in "[aBn.:\\] \\\\_\\-x9\n]{0,600}") {
            proptest::prop_assert_eq!(keyless_asked(s.as_bytes()).collect::<std::collections::BTreeSet<_>>(), keyless_asked_by_separators(s.as_bytes()));
        }
    }

    /// A key printed with no value names nothing: the Python SDK logs `Product:None` before the endpoint that
    /// names the product, Go prints `<nil>`, JSON `null`.
    #[test]
    fn a_key_printed_with_no_value_names_nothing() {
        for text in ["Product:None Endpoint:x", "Product: <nil>, RegionId: null", "\"ProductCode\": null,"] {
            let mut out = Vec::new();
            scan(&Text::new(text), &mut out);
            assert!(out.iter().all(|f| f.key != Key::ProductHint && f.key != Key::Region), "{text}: {out:?}");
        }
        let mut out = Vec::new();
        scan(&Text::new("Product:nls Endpoint:x"), &mut out);
        assert!(out.iter().any(|f| f.key == Key::ProductHint && f.value == "nls"), "{out:?}");
    }

    #[test]
    fn keyless_words_in_one_pass_are_those_looked_back_from_each_separator() {
        let mut texts: Vec<String> = vec![
            "ErrorCode: Forbidden.RAM\nNoPermission: You are not\n[NoSuchBucketError]: x\nForbidden.RAM : User not".into(),
            "Error [NoSuchBucketError]: The specified bucket\n\\nForbidden.RAM: x \\tNoPermission : y ecs.DescribeInstances".into(),
            "2026-03-14T09:12:33.123Z INFO c.e.shop.OrderController - isv.SMS_SIGNATURE_ILLEGAL [SDK.CanNotResolveEndpoint] x".into(),
            format!("{}.Forbidden.RAM: {}Throttling.User: x", "a".repeat(300), "B".repeat(255)),
            "InvalidParameterException: Unable\nstatus code: 400, request id: x\n400 EntityNotExist.Role The role".into(),
        ];
        for dir in ["tests/fixtures/errors/real-world", "tests/fixtures/errors/gathered"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                texts.extend(std::fs::read_to_string(entry.path()).ok());
            }
        }
        assert!(texts.len() > 20, "fixtures not found");
        for t in &texts {
            assert_eq!(
                keyless_asked(t.as_bytes()).collect::<std::collections::BTreeSet<_>>(),
                keyless_asked_by_separators(t.as_bytes()),
                "{t}"
            );
        }
    }

    #[test]
    fn every_key_name_fits_and_is_found_however_written() {
        for &(name, m) in KEYS {
            assert!(name.len() <= KEY_BYTES && name.is_ascii(), "{name}");
            let upper = name.to_ascii_uppercase();
            let spaced = format!("{}_{}", &name[..1], &name[1..]);
            for written in [name, upper.as_str(), spaced.as_str()] {
                assert!(meaning(written) == Some(m), "{written}");
            }
        }
        assert!(meaning("codé").is_none() && meaning(&"code".repeat(20)).is_none());
    }

    #[test]
    fn a_quoted_request_name_before_a_colon_names_product_and_api() {
        let s = "failed to execute sdk request 'slb.UploadServerCertificate': SDKError: Code: Forbidden";
        assert!(has(s, Key::ProductContext, "slb") && has(s, Key::Api, "UploadServerCertificate"));
        assert!(has("\"waf_openapi.ModifyDomain\": x", Key::ProductContext, "waf_openapi"));
        // A quoted key that is no request name is still skipped.
        assert!(!fields("'log.Printf': x").iter().any(|(k, _)| *k == Key::Api));
    }

    #[test]
    fn class_paths_and_log_tags_are_no_codes() {
        for s in ["Excon::Error::Forbidden: Expected(200)", "feign.FeignException$Forbidden: [403 Forbidden]"] {
            assert!(!fields(s).iter().any(|(k, _)| *k == Key::Code), "{s}");
        }
        for s in ["W/System.Err: Error: x", "12-07 10:00:01.123  1234  1250 W System.Err: Error: x"] {
            assert!(!has(s, Key::Code, "System.Err"), "{s}");
        }
        // The same words elsewhere keep their meaning: a code after a log tag, a family code opening its line.
        assert!(has("W/System.err: Forbidden.RAM: User not authorized", Key::Code, "Forbidden.RAM"));
        assert!(has("Forbidden: User not authorized", Key::Code, "Forbidden"));
    }

    #[test]
    fn file_names_mapping_keys_and_sentences_are_no_codes() {
        // A tool's path in capitals before `: `, a YAML mapping's key over one value, a sentence after `Error:`.
        for (s, word) in [
            ("ERROR : aliyundriver/IMG_8831.JPG: vfs cache: failed to download", "IMG_8831.JPG"),
            ("DSC_0001.PNG: upload failed", "DSC_0001.PNG"),
            ("    StageName: RELEASE\n", "StageName"),
            ("  DefinitionBody: Value\n", "DefinitionBody"),
            ("Get Alipay API Error:Insufficient Permissions - isv.x", "Insufficient"),
        ] {
            assert!(!has(s, Key::Code, word), "{s}");
        }
        // Controls: a code in the same places is still read.
        assert!(has("Forbidden.RAM: User not authorized", Key::Code, "Forbidden.RAM"));
        assert!(has(
            "BasicServiceNotActivated: The NLP API has not been activated.",
            Key::Code,
            "BasicServiceNotActivated"
        ));
        assert!(has("Error:Forbidden.RAM User not authorized", Key::Code, "Forbidden.RAM"));
        assert!(has("Error:Throttling Request was denied", Key::Code, "Throttling"));
    }

    #[test]
    fn tencent_api2_code_desc_is_a_code() {
        let s = r#"{"code":4000,"message":"(60024)you are not resource owner","codeDesc":"StrategyResourceInvalid "}"#;
        assert!(has(s, Key::Code, "StrategyResourceInvalid") && has(s, Key::Code, "4000"));
    }

    #[test]
    fn a_family_code_the_paste_wrapped_mid_word_is_put_back_together() {
        let wrapped = |code: &str, cut: usize| {
            format!("Status Code: 400 Code: {}        {} Message: x", &code[..cut], &code[cut..])
        };
        for code in ONE_WORD_CODES.iter().filter(|c| c.len() > 6) {
            let cut = code.char_indices().skip(3).find(|(_, c)| c.is_ascii_lowercase()).map(|(i, _)| i).unwrap();
            let s = wrapped(code, cut);
            assert!(has(&s, Key::Code, code), "{s}");
        }
        assert!(has(&wrapped("InvalidAccessKeyId.NotFound", 9), Key::Code, "InvalidAccessKeyId.NotFound"));
        // Controls: a whole code before padded words is left as it stands, and so is a code no family owns.
        assert!(has("Code: Forbidden        message x", Key::Code, "Forbidden"));
        assert!(has("Code: NoPermission    details", Key::Code, "NoPermission"));
        assert!(has("Code: InvalidPar        ameter Message: x", Key::Code, "InvalidPar"));
    }

    #[test]
    fn glued_labels_and_transport_words() {
        let glued = "ErrorCode: InvalidParameter.RoleSessionNameErrorMessage: The parameter is wrongly formed.";
        assert!(has(glued, Key::Code, "InvalidParameter.RoleSessionName"));
        assert!(fields(glued).iter().any(|(k, v)| *k == Key::Message && v.contains("wrongly formed")));
        assert!(fields("rpc error: code = Unknown desc = x").iter().all(|(k, _)| *k != Key::Code));
    }

    fn fields(s: &str) -> Vec<(Key, String)> {
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        out.into_iter().map(|f| (f.key, f.value)).collect()
    }

    fn has(s: &str, key: Key, v: &str) -> bool {
        fields(s).iter().any(|(k, val)| *k == key && val == v)
    }

    #[test]
    fn json_in_any_key_case() {
        let s = r#"{"code":"Forbidden.RAM","accessDeniedDetail":{"authAction":"ecs:DescribeInstances","AuthPrincipalType":"SubUser"},"HttpStatus":403}"#;
        assert!(has(s, Key::Code, "Forbidden.RAM"));
        assert!(has(s, Key::AuthAction, "ecs:DescribeInstances"));
        assert!(has(s, Key::AuthPrincipalType, "SubUser"));
        assert!(has(s, Key::Status, "403"));
    }

    #[test]
    fn python_dict_and_escaped_json() {
        assert!(has("{u'Code': u'Forbidden.RAM', u'RequestId': u'A-B'}", Key::Code, "Forbidden.RAM"));
        assert!(has(r#"msg="{\"Code\":\"NoPermission\",\"Message\":\"x \\\"y\\\"\"}""#, Key::Code, "NoPermission"));
        assert!(has(r#"msg="{\"Code\":\"NoPermission\",\"Message\":\"x \\\"y\\\"\"}""#, Key::Message, "x \"y\""));
    }

    #[test]
    fn decoded_diagnostic_flag_is_an_explicit_deny() {
        assert!(has(r#"{"ExplicitDeny": true, "AuthAction": "ram:X"}"#, Key::NoPermissionType, "ExplicitDeny"));
        assert!(!has(r#"{"ExplicitDeny": false, "AuthAction": "ram:X"}"#, Key::NoPermissionType, "ExplicitDeny"));
    }

    #[test]
    fn long_numbers_are_codes_and_short_ones_statuses() {
        let body = r#"{"RequestId": "R-1", "Code": "5801488441564725286", "Message": "x"}"#;
        assert!(has(body, Key::Code, "5801488441564725286"));
        assert!(has("Code: 403\nMessage: x", Key::Status, "403"));
        assert!(!fields("Code: 403\nMessage: x").iter().any(|(k, _)| *k == Key::Code));
    }

    #[test]
    fn go_sdk_lines_and_maps() {
        let s = "SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://x\nRequestId: R-1\nMessage: no\nAccessDeniedDetail: map[AuthAction:ram:ListUsers AuthPrincipalDisplayName:role:sess NoPermissionType:ImplicitDeny]";
        assert!(has(s, Key::Code, "Forbidden.RAM"));
        assert!(has(s, Key::RequestId, "R-1"));
        assert!(has(s, Key::AuthAction, "ram:ListUsers"));
        assert!(has(s, Key::AuthPrincipalDisplayName, "role:sess"));
        assert!(has(s, Key::NoPermissionType, "ImplicitDeny"));
    }

    #[test]
    fn go_struct_dump_with_a_wrapped_string() {
        let s = "&common.Error{ErrorResponse:common.ErrorResponse{Response:common.Response{RequestId:\"86\"}, HostId:\"ram.aliyuncs.com\", Code:\"Inact\nive\", Message:\"Account is inactive\"}, StatusCode:404}";
        assert!(has(s, Key::Code, "Inactive"));
        assert!(has(s, Key::HostId, "ram.aliyuncs.com"));
        assert!(has(s, Key::Status, "404"));
    }

    #[test]
    fn dotnet_java_python_and_oss_sdk_shapes() {
        let s =
            "Aliyun.Acs.Core.Exceptions.ClientException: Forbidden.RAM : User not authorized. + [ RequestId : 0DCC ]";
        assert!(has(s, Key::Code, "Forbidden.RAM"));
        assert!(has(s, Key::Message, "User not authorized."));
        assert!(has(s, Key::RequestId, "0DCC"));
        let p = "ServerException: HTTP Status: 403 Error:Forbidden.RAM User not authorized. RequestID: 8E90";
        assert!(has(p, Key::Code, "Forbidden.RAM"));
        assert!(has(p, Key::Status, "403"));
        assert!(has(p, Key::RequestId, "8E90"));
        let o = "oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You have no right\", RequestId=5F6, Ec=0003-00000001";
        assert!(has(o, Key::Code, "AccessDenied"));
        assert!(has(o, Key::Message, "You have no right"));
        assert!(has(o, Key::Ec, "0003-00000001"));
        assert!(has("[ErrorCode]: AccessDenied\n[RequestId]: 5C", Key::Code, "AccessDenied"));
    }

    #[test]
    fn numeric_codes_in_a_body_and_statuses() {
        // A product's own number after `code:` (four digits or more, or three no HTTP status uses) is its code.
        assert!(has("{code: 4003, message: \"账号未开通本服务\"}", Key::Code, "4003"));
        assert!(has("上传失败, Scan: detect not success. code:596", Key::Code, "596"));
        assert!(has(r#"{"code": "10013", "msg": "x"}"#, Key::Code, "10013"));
        // A registered status stays a status; after `=` a short number is a client library's, not a code.
        assert!(has("code: 403\nmessage: x", Key::Status, "403"));
        assert!(!fields("(code=65535, message=failed)").iter().any(|(k, _)| *k == Key::Code));
    }

    #[test]
    fn lower_camel_codes_and_google_reasons() {
        assert!(has(r#"{"errorCode":"accessDenied"}"#, Key::Code, "accessDenied"));
        assert!(has(r#"{\"errorCode\":\"InvalidParameter\"}"#, Key::Code, "InvalidParameter"));
        assert!(has(
            r#"{"error": {"code": 403, "errors": [{"domain": "usageLimits", "reason": "dailyLimitExceeded"}]}}"#,
            Key::Code,
            "dailyLimitExceeded"
        ));
        // A log line's event reason is no error's code.
        assert!(!fields(r#"{"level":"info","reason":"scaleUp","nodes":3}"#).iter().any(|(k, _)| *k == Key::Code));
        // Kubernetes' `reason` is a status word; a sentence after `reason:` is prose.
        assert!(!fields(r#"{"reason": "Forbidden", "code": 403}"#).iter().any(|(k, _)| *k == Key::Code));
        // …except in the API server's `Status` answer, where it is the machine-readable code.
        let status = r#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"x is forbidden","reason":"Forbidden","code":403}"#;
        assert!(has(status, Key::Code, "Forbidden"));
        assert!(!fields("reason: the disk is full").iter().any(|(k, _)| *k == Key::Code));
    }

    #[test]
    fn codes_in_error_names_tables_and_aws_errors() {
        // ali-oss's `<Code>Error` name, printed by Node in brackets.
        let node = "Error [NoSuchBucketError]: The specified bucket does not exist.\n    at Client.requestError";
        assert!(has(node, Key::Code, "NoSuchBucket"));
        assert!(fields("Error [TypeError]: x is undefined").iter().all(|(k, _)| *k != Key::Code));
        // An error-code table's row: status, code, message.
        assert!(has("400 EntityNotExist.Role The role not exists", Key::Code, "EntityNotExist.Role"));
        assert!(fields("200 Items.Listed Fine").iter().all(|(k, _)| *k != Key::Code), "1xx-2xx rows are statuses");
        assert!(fields("a 400 EntityNotExist.Role The role").iter().all(|(k, _)| *k != Key::Code));
        assert!(has("| 403 | Forbidden.RAM | User not authorized |", Key::Code, "Forbidden.RAM"));
        assert!(has("403\tForbidden.RAM\tUser not authorized", Key::Code, "Forbidden.RAM"));
        assert!(has(
            "HTTP 403 InvalidAccessKeyId.Inactive Specified access key is disabled.",
            Key::Code,
            "InvalidAccessKeyId.Inactive"
        ));
        // A status line's reason phrase is not the code after it.
        assert!(!has("403 Forbidden: AccessDenied", Key::Code, "Forbidden"));
        assert!(has("Forbidden: There is a risk", Key::Code, "Forbidden"));
        // AWS SDK for Go: `Code: message`, then the status line.
        let aws = "InvalidParameterException: Unable to assume the role.\nstatus code: 400, request id: 83d5";
        assert!(has(aws, Key::Code, "InvalidParameterException"));
        let java = "IllegalStateException: Unable to start\n\tat com.x.Main.run(Main.java:1)";
        assert!(fields(java).iter().all(|(k, _)| *k != Key::Code));
    }

    #[test]
    fn codes_in_markdown_error_tables() {
        // The code cell opens the row, or follows the status cell; the next cell is the message.
        assert!(has("| ServiceNotOpen | The service is not activated. |", Key::Code, "ServiceNotOpen"));
        assert!(has(
            "| 403 | ServiceNotOpen | The service is not activated. | 服务未开通 |",
            Key::Code,
            "ServiceNotOpen"
        ));
        assert!(has(
            "| 403 | RamAuthError | action rejected by RAM. | Operation denied by RAM. |",
            Key::Code,
            "RamAuthError"
        ));
        assert!(has(
            "| 400 | Forbidden | User not authorized to operate on the specified resource. |",
            Key::Code,
            "Forbidden"
        ));
        assert!(has("| USER_NOT_EXIST | The user does not exist in the instance. |", Key::Code, "USER_NOT_EXIST"));
        assert!(has("| 403 | NoPermission | 当前用户没有该操作的权限 |", Key::Code, "NoPermission"));
        assert!(has(
            "| AccessKeyIdAndSecurityTokenNotMatch | The access key id and security token you provided does not match |",
            Key::Message,
            "The access key id and security token you provided does not match |"
        ));
        // A parameter table's type cell, an API table's name, a cell in the middle of a row: no code.
        assert!(fields("| RegionId | String | Yes | cn-hangzhou |").iter().all(|(k, _)| *k != Key::Code));
        assert!(fields("| DescribeInstances | Queries the details of instances. |")
            .iter()
            .all(|(k, _)| *k != Key::Code));
        assert!(fields("| x | y | ServiceNotOpen | The service is not activated. |")
            .iter()
            .all(|(k, _)| *k != Key::Code));
    }

    #[test]
    fn a_dotted_code_alone_on_its_line_is_the_code() {
        let s = "InvalidParameter.UserName.InvalidChars\n  • HTTP Status:400\n  • Error Message:The parameter contains invalid chars.";
        assert!(has(s, Key::Code, "InvalidParameter.UserName.InvalidChars"), "{:?}", fields(s));
        // In a sentence, or a class name alone, it is not.
        assert!(!has(
            "see InvalidParameter.UserName.InvalidChars\n",
            Key::Code,
            "InvalidParameter.UserName.InvalidChars"
        ));
        assert!(fields("Aliyun.Acs.Core.Exceptions.ClientException\n").iter().all(|(k, _)| *k != Key::Code));
    }

    #[test]
    fn json_with_typographic_quotes() {
        // A paste a translation or an input method rewrote: curly quotes either way round, full-width colons.
        let s = "返回错误响应：“{”status_code”：403，“request_id”：“b2ba”，“code”：“AccessDenied.Unpurchased”，“message”：“Access denied.”}";
        assert!(has(s, Key::Code, "AccessDenied.Unpurchased"), "{:?}", fields(s));
        assert!(has(s, Key::RequestId, "b2ba"));
        assert!(has(s, Key::Message, "Access denied."));
        assert!(fields("他说“code”很好").iter().all(|(k, _)| *k != Key::Code));
    }

    #[test]
    fn smithy_api_errors() {
        // The AWS SDK for Go v2 (and S3 clients pointed at OSS): `api error <Code>: <message>`.
        let s = "operation error S3: PutObject, https response error StatusCode: 403, RequestID: 66, HostID: \
                 oss-cn-hangzhou.aliyuncs.com, api error SecondLevelDomainForbidden: Please use virtual hosted style.";
        assert!(has(s, Key::Code, "SecondLevelDomainForbidden"));
        assert!(has(s, Key::Message, "Please use virtual hosted style."));
        assert!(fields("an api error occurred: retrying").iter().all(|(k, _)| *k != Key::Code));
    }

    #[test]
    fn node_tea_class_after_error_label() {
        // pop-core's ROA error class (`<Code>Error`) printed after `Error: `: its stem is the code, once (any code's
        // shape; tests/sdk_wrappings.rs sweeps it); the old Node Tea (`Error: Forbidden.RAM: code: 403`) keeps its.
        let s =
            "Error: SignatureDoesNotMatchError: code: 400, Specified signature is not matched with our calculation.";
        let codes =
            |s: &str| fields(s).into_iter().filter(|(k, _)| *k == Key::Code).map(|(_, v)| v).collect::<Vec<_>>();
        assert_eq!(codes(s), ["SignatureDoesNotMatch"]);
        assert_eq!(
            codes("Error: ServiceUnavailableError: code: 503, The request has failed. request id: 1"),
            ["ServiceUnavailable"]
        );
        assert!(has("Error: Forbidden.RAM: code: 403, User not authorized", Key::Code, "Forbidden.RAM"));
    }

    #[test]
    fn prose_is_not_a_field() {
        assert!(fields("Error: the thing failed. See the code: it is fine.").iter().all(|(k, _)| *k != Key::Code));
        assert!(has("ErrorCode: Throttling.User. Request was denied", Key::Code, "Throttling.User"));
    }
}
