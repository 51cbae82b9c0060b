//! API names in every wrapping a paste prints them, and the REST requests that stand for them.
//!
//! Each row of [`PATTERNS`] is one wrapping: its trigger words (searched for, ASCII case ignored) and the reader of
//! what stands around them. A wrapping that says "this is the API that was called" (`operation error PutBucket:`)
//! gives a [`Key::Api`]; one where a CamelCase word merely stands where an API name would (`UpdateDomainRecord
//! error.status 400`, `node CreateLogStore.js`, `调用 CreateInstance 失败`) gives a [`Key::ApiCandidate`], which
//! `diagnose` takes only when the catalog knows that API for the error's product. A REST request (`POST /services
//! failed with 400`, `Request Endpoint: POST https://b.oss-….com/?metaQuery`) gives its [`Key::Method`] and
//! [`Key::RequestPath`], which `diagnose` maps to an API through the catalog's methods and paths.
//!
//! None of these fields opens an error (an error opens at a code, a header or a sentence): they only join one, so
//! the prefilter ([`super::scan`]) need not search for the triggers; [`needles`] lists them all the same.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::fields::is_api_name;
use super::{Field, Key};
use crate::text::Text;

/// One wrapping of an API name: what to search for, and how to read around a hit.
pub struct Pattern {
    /// The row's name, for tests and reports.
    pub name: &'static str,
    /// Words the wrapping always prints, searched for with ASCII case ignored.
    pub triggers: &'static [&'static str],
    /// Reads the fields around a trigger found at `start..end`.
    read: fn(s: &str, start: usize, end: usize, out: &mut Vec<Field>),
}

/// Every wrapping, one row each (each with its test below).
pub const PATTERNS: &[Pattern] = &[
    // Go SDK v2 (OSS, `alibabacloud-oss-go-sdk-v2`): `operation error PutBucket: Error returned by Service.`
    Pattern { name: "go-sdk-v2-operation", triggers: &["operation error "], read: operation_error },
    // An API name leading a failure: `UpdateDomainRecord error.status 400`, `CreateInstance failed: …`, `PutObject
    // fail,code:…` (an embedded SDK's log),
    // `DescribeRegions 失败`, `调用CreateInstance接口报错`.
    Pattern {
        name: "api-then-failure",
        triggers: &[" error", " failed", " failure", " fail", " exception", "失败", "出错", "报错", "异常", "错误"],
        read: api_then_failure,
    },
    // An API named as an interface in Chinese prose: `AssumeRole接口调用次数限制`, `DescribeInstances 接口`.
    Pattern { name: "api-interface", triggers: &["接口"], read: api_then_failure },
    // A call named: `Error calling DescribeRegions`, `failed to call CreateService`, `调用 CreateInstance`.
    Pattern {
        name: "call-api",
        triggers: &["call ", "calling ", "invoke ", "invoking ", "failed to ", "unable to ", "调用", "请求"],
        read: call_api,
    },
    // An SDK request class: `new DescribeInstancesRequest()`, `DescribeInstancesRequest(`, Go v1's
    // `ecs.CreateDescribeInstancesRequest()` (the constructor's `Create` prefix dropped too).
    Pattern { name: "request-class", triggers: &["Request(", "Request ()", "Request{"], read: request_class },
    // PHP's `AlibabaCloud::rpc()->action('DescribeInstances')`.
    Pattern { name: "php-action", triggers: &["->action("], read: php_action },
    // A Python traceback's function: `File "…/oss2/api.py", line 1, in put_object`.
    Pattern { name: "python-traceback", triggers: &[", in "], read: python_traceback },
    // A script named after the API it calls: `node CreateLogStore.js`, `python create_log_store.py`.
    Pattern { name: "script-file", triggers: &[".js", ".ts", ".py", ".go", ".java", ".php", ".rb"], read: script_file },
    // A stack frame's method, named after the API it calls: `at com.aliyun.oss.OSSClient.putObject(`,
    // `at Client.describeInstances (`.
    Pattern { name: "stack-frame", triggers: &["at "], read: stack_frame },
    // An ossutil command (also run as `aliyun oss`): the OSS API each subcommand calls, by [`OSSUTIL`].
    Pattern {
        name: "ossutil-command",
        triggers: &["ossutil ", "ossutil64 ", "ossutilmac64 ", "aliyun oss "],
        read: ossutil,
    },
    // A REST request: `POST /services failed with 400` (Function Compute), `Request Endpoint: POST https://…/?x`.
    Pattern {
        name: "rest-request",
        triggers: &[
            "GET /",
            "POST /",
            "PUT /",
            "DELETE /",
            "HEAD /",
            "PATCH /",
            "GET http",
            "POST http",
            "PUT http",
            "DELETE http",
            "HEAD http",
            "PATCH http",
        ],
        read: rest_request,
    },
];

/// Every trigger of every row.
pub fn needles() -> impl Iterator<Item = &'static str> {
    PATTERNS.iter().flat_map(|p| p.triggers.iter().copied())
}

/// All triggers in one automaton, each with its row.
fn automaton() -> &'static (AhoCorasick, Vec<usize>) {
    static AC: OnceLock<(AhoCorasick, Vec<usize>)> = OnceLock::new();
    AC.get_or_init(|| {
        let rows: Vec<usize> =
            PATTERNS.iter().enumerate().flat_map(|(i, p)| p.triggers.iter().map(move |_| i)).collect();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(needles())
            .expect("the API triggers are valid");
        (ac, rows)
    })
}

/// Appends the API names, methods and request paths found in the text.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let (ac, rows) = automaton();
    // Overlapping: `failed to X` is read even where ` failed` matched first.
    for m in ac.find_overlapping_iter(s) {
        (PATTERNS[rows[m.pattern().as_usize()]].read)(s, m.start(), m.end(), out);
    }
}

/// `operation error PutBucket:`.
fn operation_error(s: &str, _start: usize, end: usize, out: &mut Vec<Field>) {
    let (a, b) = word_after(s, end);
    if s[b..].starts_with(':') && is_api_name(&s[a..b]) {
        out.push(Field::new(Key::Api, &s[a..b], a, b));
    }
}

/// Words that may stand between an API name and the failure word (`CreateInstance 接口失败`, `X API error`).
const BETWEEN: &[&str] = &["接口", "API", "api", "调用", "请求", "call", "request"];

/// `UpdateDomainRecord error.status 400`: the CamelCase word before the failure word.
fn api_then_failure(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    // The English words count only as whole words (`errors`, `failedOver` are not failures).
    if s.as_bytes()[start] == b' ' && s.as_bytes().get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    let mut at = start;
    for _ in 0..2 {
        let trimmed = s[..at].trim_end_matches(' ');
        match BETWEEN.iter().find(|w| trimmed.ends_with(*w)) {
            Some(w) => at = trimmed.len() - w.len(),
            None => break,
        }
    }
    if let Some((a, b)) = api_before(s, at) {
        out.push(Field::new(Key::ApiCandidate, &s[a..b], a, b));
    }
}

/// `calling DescribeRegions`, `调用 CreateInstance 接口`: the CamelCase word after the call word.
fn call_api(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    if s.as_bytes()[start].is_ascii_alphabetic() && start > 0 && s.as_bytes()[start - 1].is_ascii_alphanumeric() {
        return;
    }
    let mut at = end;
    for w in ["the ", "API ", "api ", "接口", "OpenAPI "] {
        let skipped = at + s[at..].bytes().take_while(|&c| c == b' ' || c == b'`' || c == b'\'').count();
        if s[skipped..].starts_with(w) {
            at = skipped + w.len();
        }
    }
    let (a, b) = word_after(s, at);
    if is_api_name(&s[a..b]) {
        out.push(Field::new(Key::ApiCandidate, &s[a..b], a, b));
    }
}

/// `node CreateLogStore.js`, `python create_log_store.py`: the script's name, as an API name.
fn script_file(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    if s.as_bytes().get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    let b = s.as_bytes();
    let mut a = start;
    while a > 0 && start - a < 100 && (b[a - 1].is_ascii_alphanumeric() || b[a - 1] == b'_') {
        a -= 1;
    }
    let name = &s[a..start];
    let api: String = if name.contains('_') {
        name.split('_').filter(|w| !w.is_empty()).map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
    } else {
        name.to_string()
    };
    if is_api_name(&api) {
        out.push(Field::new(Key::ApiCandidate, api, a, start));
    }
}

/// One ossutil subcommand and the OSS API it calls, by where its `oss://` arguments stand (`None`: that form does
/// not say which API).
struct OssutilCommand {
    name: &'static str,
    /// The first argument is `oss://bucket` alone.
    bucket: Option<&'static str>,
    /// The first argument is `oss://bucket/key`.
    object: Option<&'static str>,
    /// A local source and an `oss://` destination.
    upload: Option<&'static str>,
}

/// The ossutil subcommands whose API their arguments tell.
const OSSUTIL: &[OssutilCommand] = &[
    OssutilCommand { name: "ls", bucket: Some("ListObjects"), object: Some("ListObjects"), upload: None },
    OssutilCommand { name: "mb", bucket: Some("PutBucket"), object: None, upload: None },
    OssutilCommand { name: "rm", bucket: Some("DeleteBucket"), object: Some("DeleteObject"), upload: None },
    OssutilCommand { name: "stat", bucket: Some("GetBucketInfo"), object: Some("HeadObject"), upload: None },
    OssutilCommand { name: "cp", bucket: None, object: Some("GetObject"), upload: Some("PutObject") },
    OssutilCommand { name: "set-acl", bucket: Some("PutBucketAcl"), object: Some("PutObjectAcl"), upload: None },
    OssutilCommand { name: "set-meta", bucket: None, object: Some("CopyObject"), upload: None },
    OssutilCommand { name: "sign", bucket: None, object: Some("GetObject"), upload: None },
    OssutilCommand { name: "cat", bucket: None, object: Some("GetObject"), upload: None },
];

/// `ossutil cp ./a.txt oss://b/k`: the API the subcommand calls with these arguments.
fn ossutil(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    if start > 0 && s.as_bytes()[start - 1].is_ascii_alphanumeric() {
        return;
    }
    let line = &s[end..crate::text::line_end(s, end, 1024)];
    let mut words = line.split_whitespace().filter(|w| !w.starts_with('-'));
    let Some(sub) = words.next() else { return };
    let Some(command) = OSSUTIL.iter().find(|c| c.name == sub) else { return };
    let args: Vec<&str> = words.take(2).collect();
    let is_oss = |a: &str| a.starts_with("oss://");
    let api = match args.as_slice() {
        [first, second, ..] if is_oss(first) && is_oss(second) => None,
        [first, second, ..] if !is_oss(first) && is_oss(second) => command.upload,
        [first, ..] if is_oss(first) => {
            let key = first["oss://".len()..].split_once('/').is_some_and(|(_, k)| !k.is_empty());
            if key {
                command.object
            } else {
                command.bucket
            }
        }
        [] if command.name == "ls" => Some("ListBuckets"),
        _ => None,
    };
    if let Some(api) = api {
        let a = end + line.find(sub).unwrap_or(0);
        out.push(Field::new(Key::Api, api, a, a + sub.len()));
    }
}

/// `DescribeInstancesRequest(`: the API before `Request`, and without a constructor's `Create` prefix.
fn request_class(s: &str, start: usize, _end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let mut a = start;
    while a > 0 && start - a < 100 && b[a - 1].is_ascii_alphanumeric() {
        a -= 1;
    }
    let name = &s[a..start];
    if is_api_name(name) && has_two_words(name) {
        out.push(Field::new(Key::ApiCandidate, name, a, start));
    }
    if let Some(rest) = name.strip_prefix("Create").filter(|r| is_api_name(r) && has_two_words(r)) {
        out.push(Field::new(Key::ApiCandidate, rest, a + 6, start));
    }
}

/// `->action('DescribeInstances')`: the API, as the SDK is told it.
fn php_action(s: &str, _start: usize, end: usize, out: &mut Vec<Field>) {
    let (a, b) = word_after(s, end);
    if b > a && is_api_name(&s[a..b]) && s[b..].starts_with(['\'', '"']) {
        out.push(Field::new(Key::Api, &s[a..b], a, b));
    }
}

/// `, in put_object`: a traceback line's function, in CamelCase.
fn python_traceback(s: &str, _start: usize, end: usize, out: &mut Vec<Field>) {
    let len =
        s[end..].bytes().take(100).take_while(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_').count();
    let name = &s[end..end + len];
    let line_ends = s[end + len..].starts_with(['\n', '\r']) || end + len == s.len();
    if !line_ends || !name.contains('_') || name.starts_with('_') {
        return;
    }
    let api: String =
        name.split('_').filter(|w| !w.is_empty()).map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect();
    if is_api_name(&api) {
        out.push(Field::new(Key::ApiCandidate, api, end, end + len));
    }
}

/// `at pkg.Class.putObject(`: the method, capitalized.
fn stack_frame(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    if start > 0 && b[start - 1].is_ascii_alphanumeric() {
        return;
    }
    let len = s[end..]
        .bytes()
        .take(300)
        .take_while(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'$'))
        .count();
    let path = &s[end..end + len];
    let after = &s[end + len..];
    if !(after.starts_with('(') || after.starts_with(" (")) {
        return;
    }
    let Some(dot) = path.rfind('.') else { return };
    let method = &path[dot + 1..];
    if !method.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return;
    }
    let name = method[..1].to_ascii_uppercase() + &method[1..];
    if is_api_name(&name) {
        let a = end + dot + 1;
        out.push(Field::new(Key::ApiCandidate, name, a, a + method.len()));
    }
}

/// `POST /services failed`, `POST https://b.oss-cn-hangzhou.aliyuncs.com/?comp=add&metaQuery`: the method, and
/// the path with its query (the host is the host reader's).
fn rest_request(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let b = s.as_bytes();
    let method_end = start + s[start..end].find(' ').unwrap_or(0);
    let method = &s[start..method_end];
    // Methods are upper case and stand alone (`forget /tmp` is no request).
    if !method.bytes().all(|c| c.is_ascii_uppercase()) || (start > 0 && b[start - 1].is_ascii_alphanumeric()) {
        return;
    }
    let mut p = method_end + 1;
    if s[p..].starts_with("http") {
        // Within the scheme's few bytes: a search over the rest of the text per match would be quadratic.
        let Some(scheme) = crate::text::slice(s, p, p + 8).find("://").filter(|&i| i <= 5) else { return };
        p += scheme + 3;
        p += s[p..]
            .bytes()
            .take(253)
            .take_while(|&c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-' || c == b':')
            .count();
        if !s[p..].starts_with('/') {
            return;
        }
    }
    let len = s[p..]
        .bytes()
        .take(1024)
        .take_while(|&c| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\'' | b'`' | b'>' | b'<'))
        .count();
    // The byte bound may fall inside a wide character: step back to its start.
    let len = crate::text::floor_boundary(s, p + len) - p;
    // A sentence's closing dot is not part of the path.
    let path = s[p..p + len].trim_end_matches(['.', ',', ';', ')']);
    out.push(Field::new(Key::Method, method, start, method_end));
    out.push(Field::new(Key::RequestPath, path, p, p + path.len()));
}

/// The identifier starting at `pos` (spaces and quotes skipped): its byte range (empty when there is none).
fn word_after(s: &str, pos: usize) -> (usize, usize) {
    let a = pos + s[pos..].bytes().take(8).take_while(|&c| matches!(c, b' ' | b'"' | b'\'' | b'`')).count();
    let b = a + s[a..].bytes().take(100).take_while(u8::is_ascii_alphanumeric).count();
    (a, b)
}

/// The API-shaped word ending just before `pos` (spaces, quotes and a closing `]`/`)` skipped): its byte range.
fn api_before(s: &str, pos: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut e = pos;
    while e > 0 && pos - e < 4 && matches!(b[e - 1], b' ' | b'"' | b'\'' | b'`' | b']' | b')' | b':') {
        e -= 1;
    }
    let mut a = e;
    while a > 0 && e - a < 100 && b[a - 1].is_ascii_alphanumeric() {
        a -= 1;
    }
    // A name inside a longer token (`a.b.CreateX`, `x_CreateX`) is a method or a variable, not the API label.
    let glued = a > 0 && matches!(b[a - 1], b'_' | b'-' | b'/');
    (a < e && !glued && is_api_name(&s[a..e]) && has_two_words(&s[a..e])).then_some((a, e))
}

/// `UpdateDomainRecord`, not `Error` or `Request`: API names join at least two words.
pub(crate) fn has_two_words(name: &str) -> bool {
    name.bytes().skip(1).any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(Key, String)> {
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        out.into_iter().map(|f| (f.key, f.value)).collect()
    }

    fn has(s: &str, key: Key, value: &str) -> bool {
        read(s).iter().any(|(k, v)| *k == key && v == value)
    }

    #[test]
    fn every_row_has_triggers() {
        for p in PATTERNS {
            assert!(!p.triggers.is_empty(), "{}", p.name);
        }
        assert!(needles().count() >= PATTERNS.len());
    }

    #[test]
    fn go_sdk_v2_operation() {
        assert!(has(
            "Failed to create bucket oss://b/: operation error PutBucket: Error returned by Service.",
            Key::Api,
            "PutBucket"
        ));
        assert!(has("operation error OpenMetaQuery: Error returned by Service.", Key::Api, "OpenMetaQuery"));
        // No colon: not the SDK's wrapping.
        assert!(!has("operation error PutBucket happened", Key::Api, "PutBucket"));
    }

    #[test]
    fn api_then_failure() {
        for (s, api) in [
            ("UpdateDomainRecord error.status 400, Error:{}", "UpdateDomainRecord"),
            ("CreateInstance failed: quota", "CreateInstance"),
            ("[DescribeRegions] Error: x", "DescribeRegions"),
            ("调用UpdateDomainRecord接口失败", "UpdateDomainRecord"),
            ("DescribeInstances 报错：权限不足", "DescribeInstances"),
            ("SendSms API error", "SendSms"),
            ("PutObject fail,code:RequestTimeTooSkewed", "PutObject"),
        ] {
            assert!(has(s, Key::ApiCandidate, api), "{s}: {:?}", read(s));
        }
        // One word is no API name; a word glued to a path or variable is not a label; `errors` is not `error`.
        for s in [
            "Request failed with status 403",
            "client_CreateInstance failed",
            "CreateInstance errors: 0",
            "CreateInstance failover",
        ] {
            assert!(read(s).iter().all(|(k, _)| *k != Key::ApiCandidate), "{s}: {:?}", read(s));
        }
    }

    #[test]
    fn api_interface() {
        assert!(has("AssumeRole接口调用次数限制：每秒最多调用100次", Key::ApiCandidate, "AssumeRole"));
        assert!(has("DescribeInstances 接口返回", Key::ApiCandidate, "DescribeInstances"));
        assert!(!has("云服务器接口", Key::ApiCandidate, "云服务器"));
        assert!(read("Instance接口").iter().all(|(k, _)| *k != Key::ApiCandidate));
    }

    #[test]
    fn call_api() {
        assert!(has("Error calling DescribeRegions: timeout", Key::ApiCandidate, "DescribeRegions"));
        assert!(has("failed to call the CreateService API", Key::ApiCandidate, "CreateService"));
        assert!(has("disk: failed to DescribeDisks: SDK.ServerError", Key::ApiCandidate, "DescribeDisks"));
        assert!(has("调用 CreateInstance 接口", Key::ApiCandidate, "CreateInstance"));
        assert!(has("请求DescribeDomains时出错", Key::ApiCandidate, "DescribeDomains"));
        assert!(!has("recall CreateInstance", Key::ApiCandidate, "CreateInstance"));
    }

    #[test]
    fn script_file() {
        assert!(has("node CreateLogStore.js\nerror: {}", Key::ApiCandidate, "CreateLogStore"));
        assert!(has("python create_log_store.py", Key::ApiCandidate, "CreateLogStore"));
        assert!(!has("at index.json:1", Key::ApiCandidate, "Index"));
    }

    #[test]
    fn request_class() {
        assert!(has(
            "DescribeInstancesRequest request = new DescribeInstancesRequest();",
            Key::ApiCandidate,
            "DescribeInstances"
        ));
        assert!(has("request := ecs.CreateDescribeInstancesRequest()", Key::ApiCandidate, "DescribeInstances"));
        assert!(!has("HttpRequest(", Key::ApiCandidate, "Http"));
    }

    #[test]
    fn ossutil_command() {
        for (s, api) in [
            ("$ ossutil cp ./a.txt oss://bucket/dir/a.txt", "PutObject"),
            ("ossutil64 cp -r oss://bucket/dir/a.txt ./", "GetObject"),
            ("ossutil ls oss://bucket", "ListObjects"),
            ("ossutil ls", "ListBuckets"),
            ("aliyun oss mb oss://new-bucket", "PutBucket"),
            ("ossutil rm oss://bucket/k", "DeleteObject"),
        ] {
            assert!(has(s, Key::Api, api), "{s}: {:?}", read(s));
        }
        // An unknown subcommand, a copy between buckets: no API said.
        assert!(read("ossutil du oss://b").iter().all(|(k, _)| *k != Key::Api));
        assert!(read("ossutil cp oss://a/k oss://b/k").iter().all(|(k, _)| *k != Key::Api));
    }

    #[test]
    fn php_action() {
        assert!(has(
            "AlibabaCloud::rpc()->product('Ecs')->action('DescribeRegions')->request();",
            Key::Api,
            "DescribeRegions"
        ));
        assert!(!has("->action($name)", Key::Api, "name"));
    }

    #[test]
    fn python_traceback() {
        assert!(has(
            "  File \"/usr/lib/python3/site-packages/oss2/api.py\", line 600, in put_object\n",
            Key::ApiCandidate,
            "PutObject"
        ));
        assert!(!has("  File \"x.py\", line 1, in <module>\n", Key::ApiCandidate, "Module"));
        assert!(!has("a, in general_terms of use", Key::ApiCandidate, "GeneralTerms"));
    }

    #[test]
    fn stack_frame() {
        assert!(has("\tat com.aliyun.oss.OSSClient.putObject(OSSClient.java:1)", Key::ApiCandidate, "PutObject"));
        assert!(has(
            "    at Client.describeInstances (/app/node_modules/x.js:1:2)",
            Key::ApiCandidate,
            "DescribeInstances"
        ));
        assert!(has("at sample.code.kms.KeyManagementService.encrypt(", Key::ApiCandidate, "Encrypt"));
        assert!(has("at com.aliyun.openservices.log.Client.PutLogs(Client.java:1)", Key::ApiCandidate, "PutLogs"));
        // Prose, a class without a method, a constructor: nothing.
        for s in ["look at the logs (below)", "at Client (x)", "at new Promise (<anonymous>)"] {
            assert!(read(s).iter().all(|(k, _)| *k != Key::ApiCandidate), "{s}: {:?}", read(s));
        }
    }

    #[test]
    fn a_long_path_of_wide_characters_is_cut_at_a_character() {
        let mut out = Vec::new();
        let text = format!("GET /{}", "é".repeat(600));
        let (start, end) = (0, "GET ".len());
        super::rest_request(&text, start, end, &mut out);
        let path = out.iter().find(|f| f.key == Key::RequestPath).expect("a path");
        assert!(path.value.len() <= 1024 && path.value.ends_with('é'));
        // A request line that is all `http` and no scheme, in a long text: read without a search past it.
        let text = format!("GET httpx {}", "a".repeat(100_000));
        super::rest_request(&text, 0, 4, &mut Vec::new());
    }

    #[test]
    fn rest_request() {
        let r = read("FCInvalidArgumentError: POST /services failed with 400. requestid: x");
        assert!(r.contains(&(Key::Method, "POST".into())), "{r:?}");
        assert!(r.contains(&(Key::RequestPath, "/services".into())), "{r:?}");
        let r = read("Request Endpoint: POST https://b.oss-cn-hangzhou.aliyuncs.com/?comp=add&metaQuery.");
        assert!(r.contains(&(Key::RequestPath, "/?comp=add&metaQuery".into())), "{r:?}");
        assert!(read("please forget /tmp").iter().all(|(k, _)| *k != Key::Method));
        assert!(read("Post \"http://slb.aliyuncs.com/?a=b\"").iter().all(|(k, _)| *k != Key::Method));
    }
}
