//! The ROA call an error was made by (products whose APIs are `METHOD /path`: ACK, SAE, EDAS, Elasticsearch, Log
//! Service, Container Registry's personal edition …), in the forms a paste shows it beyond the `POST /services
//! failed` request line [`super::action`]'s rule `rest-request` reads: the signature error's server string to sign,
//! a request URL on the product's host, and the documented requests of API versions the catalog's metadata lacks.
//! Every form is resolved as `rest-request` resolves a request: the same method, the path's segments against the
//! API's (`{ClusterId}` takes one segment), the most specific template winning, and a tie giving nothing.

use std::collections::BTreeSet;

use super::action::{
    apis_for_request, decided, inferred, segments_match, split_request, Decided, Inputs, REQUEST_METHODS,
};
use crate::read::Key;
use crate::Catalog;

/// The HTTP methods a ROA API is called with.
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

/// A documented ROA request of an API version the catalog's metadata does not hold (its RAM action is the API's
/// name under the product's RAM code).
pub struct UnlistedRequest {
    /// The product's RAM code.
    pub ram_code: &'static str,
    /// The API version, as the `x-acs-version` header sends it.
    pub version: &'static str,
    /// The method.
    pub method: &'static str,
    /// The path template, `{Param}` for one segment.
    pub path: &'static str,
    /// The API.
    pub api: &'static str,
}

/// Container Registry's personal edition, API version 2016-06-07 (ROA; the metadata has only the enterprise
/// edition's RPC 2018-12-01): the requests its SDKs build (`aliyun-python-sdk-cr`, `aliyunsdkcr/request/v20160607`:
/// each request class's URI pattern and method), which the aliyun CLI sends as `aliyun cr GET /tokens` (the
/// documented way to get a temporary `docker login` password). Only those whose RAM action Container Registry's
/// authorization rules name after the API (`GetAuthorizationToken` → `cr:GetAuthorizationToken`,
/// https://help.aliyun.com/document_detail/144229.htm); the personal edition's other calls (`GET /repos`,
/// GetRepoList) are authorised under other names (`cr:ListRepository`), which this table does not guess.
pub const UNLISTED_REQUESTS: &[UnlistedRequest] = &[UnlistedRequest {
    ram_code: "cr",
    version: "2016-06-07",
    method: "GET",
    path: "/tokens",
    api: "GetAuthorizationToken",
}];

/// The API of a request in `ram_code`: the catalog's ([`apis_for_request`]), else a documented request the
/// metadata lacks ([`UNLISTED_REQUESTS`]), the most specific template winning; none on a tie.
fn request_api(
    catalog: &Catalog,
    ram_code: &str,
    method: &str,
    path: &str,
    wanted: &mut BTreeSet<String>,
) -> Option<Decided> {
    let found = apis_for_request(catalog, ram_code, method, path, wanted);
    if let [only] = found.as_slice() {
        return Some(decided(only, true, None));
    }
    if !found.is_empty() {
        return None;
    }
    let unlisted = unlisted_request(ram_code, method, path)?;
    Some(inferred(catalog, unlisted.ram_code, unlisted.api, None))
}

/// The documented request of [`UNLISTED_REQUESTS`] a request stands for: the most literal template that fits,
/// none on a tie.
pub fn unlisted_request(ram_code: &str, method: &str, path: &str) -> Option<&'static UnlistedRequest> {
    if !UNLISTED_REQUESTS.iter().any(|u| u.ram_code.eq_ignore_ascii_case(ram_code)) {
        return None;
    }
    let (req, _) = split_request(path);
    let mut best: Vec<(&UnlistedRequest, usize)> = Vec::new();
    for u in UNLISTED_REQUESTS.iter().filter(|u| u.ram_code.eq_ignore_ascii_case(ram_code)) {
        if !u.method.eq_ignore_ascii_case(method) {
            continue;
        }
        let (template, _) = split_request(u.path);
        let Some(literal) = segments_match(&template, &req) else { continue };
        match best.first().map(|b| b.1) {
            Some(s) if s > literal => {}
            Some(s) if s == literal => best.push((u, literal)),
            _ => best = vec![(u, literal)],
        }
    }
    match best.as_slice() {
        [(only, _)] => Some(only),
        _ => None,
    }
}

/// The error's lines and the 1.5 KB before them (where a tool prints the command or request above the error it got),
/// as a slice of the words around it: the same for every rule, and read once per rule rather than the 4 KB around
/// the error each time (an error-dense log asks it of thousands of errors).
pub(super) fn near<'a>(i: &Inputs<'a>) -> &'a str {
    let (around, lines) = (i.around, i.lines);
    let start = (lines.as_ptr() as usize).wrapping_sub(around.as_ptr() as usize);
    if start > around.len() || start + lines.len() > around.len() {
        return lines;
    }
    let from = crate::text::floor_boundary(around, start.saturating_sub(1536));
    &around[from..start + lines.len()]
}

/// Rule `roa-unlisted-request`: a request line (`aliyun cr GET /tokens`, `GET /repos HTTP/1.1`) of an API version
/// the catalog's metadata lacks ([`UNLISTED_REQUESTS`]), in the error's product.
pub fn unlisted_request_rule(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    let product = i.product?;
    let (method, path) = super::action::request_of(i.raw)?;
    let u = unlisted_request(product, &method.value, &path.value)?;
    Some(Decided { span: Some((method.start, path.end)), ..inferred(i.catalog, u.ram_code, u.api, None) })
}

/// Rule `roa-cli-command`: the aliyun CLI's ROA form, `aliyun <product> <METHOD> <path> [flags]` (`aliyun cs GET
/// /k8s/c1/user_config`, `aliyun cr GET /tokens --region …`, `aliyun cs POST /clusters --body …`: the CLI's
/// documented way to call a ROA API), on the error's lines or the lines around them (the command stands above the
/// error it printed): the API of that method and path in the product the CLI's product word names, which must be
/// the error's when it has one.
pub fn cli_command(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let (code, method, path) = cli_roa_command(near(i))?;
    in_product(i, &i.catalog.product(code)?.ram_code, method, path, wanted)
}

/// [`request_api`] in `ram_code` when it is the error's product or the error has none (never OSS's: its own rules
/// read its requests, the bucket told by the host).
fn in_product(i: &Inputs, ram_code: &str, method: &str, path: &str, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    if ram_code == "oss" || i.product.is_some_and(|p| !p.eq_ignore_ascii_case(ram_code)) {
        return None;
    }
    request_api(i.catalog, ram_code, method, path, wanted)
}

/// The aliyun CLI command of the ROA form in `text` nearest its end (the error's lines end it: a session that ran
/// several commands printed the error of the last one before it): its product word, method and path.
fn cli_roa_command(text: &str) -> Option<(&str, &str, &str)> {
    const CLI: &str = "aliyun ";
    for (at, _) in text.rmatch_indices(CLI).take(16) {
        let from = at + CLI.len();
        // The command word itself (`aliyun`, `./aliyun`, `$ aliyun`), not the end of another word.
        if text[..at].bytes().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
            continue;
        }
        let mut words = text[from..].split([' ', '\t']).filter(|w| !w.is_empty());
        let (Some(code), Some(method), Some(path)) = (words.next(), words.next(), words.next()) else { continue };
        let path = path.split(['\n', '\r', '"', '\'', '`']).next().unwrap_or(path);
        let code_ok =
            !code.is_empty() && code.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        if code_ok && METHODS.contains(&method) && path.starts_with('/') {
            return Some((code, method, path));
        }
    }
    None
}

/// Whether the text after a request (up to the next request, or the error) holds a 2xx HTTP status line
/// (`< HTTP/1.1 200 OK`, `HTTP/2 204`): that request was answered, and the error that follows is another's.
fn answered_ok(after: &str) -> bool {
    crate::text::find_all(after, "HTTP/").any(|at| {
        let line_start = after[..at].rfind('\n').map_or(0, |n| n + 1);
        if !after[line_start..at].bytes().all(|c| matches!(c, b'<' | b' ' | b'\t')) {
            return false;
        }
        let rest = &after[at + "HTTP/".len()..];
        let Some((version, status)) = rest.split_once(' ') else { return false };
        let s = status.as_bytes();
        version.len() <= 3
            && version.bytes().all(|c| c.is_ascii_digit() || c == b'.')
            && s.len() >= 3
            && s[0] == b'2'
            && s[1..3].iter().all(u8::is_ascii_digit)
            && s.get(3).is_none_or(|c| c.is_ascii_whitespace())
    })
}

/// The method and canonicalised resource a ROA string to sign signs, and the `x-acs-version` it carries: the
/// method on the first line, `Accept`, `Content-MD5`, `Content-Type` and `Date` on the next four (each may be
/// empty), the `x-acs-` headers sorted one a line, the path with its sorted query on the last line (the ROA
/// signature as Alibaba Cloud documents it, and as the SDKs build it: `alibaba-cloud-sdk-go`'s
/// `buildRoaStringToSign`). Printed as one string with `\n` escapes or on lines of their own; the resource ends
/// where the message goes on (`…/user_config, requestid: …`).
pub fn roa_signed_request(block: &str) -> Option<(String, String, Option<String>)> {
    let block = crate::text::unescape(&strip_log_links(block));
    let mut lines = block.lines().map(str::trim);
    let method = lines.next().filter(|m| METHODS.contains(m))?;
    let mut version = None;
    // Four header lines, the `x-acs-` headers (a few), then the resource.
    for line in lines.take(24) {
        if let Some(v) = line.strip_prefix("x-acs-version:") {
            version = Some(v.trim().to_string());
        } else if line.starts_with('/') {
            let end = line.find([' ', ',', '"', '\'', '<', '`']).unwrap_or(line.len());
            return Some((method.to_string(), line[..end].to_string(), version));
        }
    }
    None
}

/// The text after the first `string to sign is:` in `text` (ASCII case ignored), up to 2 KB.
fn after_string_to_sign(text: &str) -> Option<&str> {
    const MARK: &str = "string to sign is:";
    let at = text.as_bytes().windows(MARK.len()).position(|w| w.eq_ignore_ascii_case(MARK.as_bytes()))?;
    let from = at + MARK.len();
    Some(crate::text::slice(text, from, from + 2048))
}

/// Rule `roa-string-to-sign`: the call a ROA signature error's server string to sign names ([`roa_signed_request`]),
/// in the error's product, or, with none, in the one product whose API version the `x-acs-version` header names
/// that has an API of that method and path.
pub fn string_to_sign(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let f = i.raw.get(Key::ServerStringToSign)?;
    // The reader stops at the line's end: a ROA string starts with its method alone, an RPC one with `POST&%2F&`.
    let first = f.value.trim();
    if i.product == Some("oss") || !METHODS.iter().any(|m| first == *m || first.starts_with(&format!("{m}\\n"))) {
        return None;
    }
    // The error's lines may end with the string's first line: its other lines stand after them.
    let (method, path, version) =
        [i.lines, i.around].into_iter().find_map(|t| after_string_to_sign(t).and_then(roa_signed_request))?;
    let span = Some((f.start, f.end));
    if let Some(product) = i.product {
        return request_api(i.catalog, product, &method, &path, wanted).map(|d| Decided { span, ..d });
    }
    let version = version?;
    let mut codes: Vec<&str> = i
        .catalog
        .products()
        .iter()
        .filter(|p| p.versions.contains(&version))
        .map(|p| p.ram_code.as_str())
        .chain(UNLISTED_REQUESTS.iter().filter(|u| u.version == version).map(|u| u.ram_code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut found = codes.into_iter().filter_map(|c| request_api(i.catalog, c, &method, &path, wanted));
    let one = found.next()?;
    found.next().is_none().then_some(Decided { span, ..one })
}

/// Rule `roa-request-url`: a request URL on the host of a product (`https://cs.cn-hangzhou.aliyuncs.com/clusters/
/// c1/nodepools`, a Log Service project's `https://proj.cn-hangzhou.log.aliyuncs.com/logstores/app`) as SDK debug
/// lines and HTTP clients print it. The method is the one printed just before the URL (`[GET] https://…`, `GET
/// https://…`), else the error's own method field; with none, the path alone must fit one API of the product. The
/// host's product must be the error's, when it has one; a path of no segment (an RPC call's `/?Action=…`) is none.
pub fn request_url(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let hosts = i.raw.all(Key::Host).filter(|h| h.value.contains('.'));
    for h in hosts {
        // The text first (a search of a slice), the catalog's host lookup only for a host with a path after it.
        let Some((before, path)) = url_path_after(near(i), &h.value) else { continue };
        if split_request(path).0.is_empty() {
            continue;
        }
        let Some(product) = i.catalog.product_by_host(&h.value) else { continue };
        let code = product.ram_code.as_str();
        let span = Some((h.start, h.end));
        let method = method_before(before).or_else(|| i.raw.value(Key::Method).map(str::to_ascii_uppercase));
        let d = match method {
            Some(m) => in_product(i, code, &m, path, wanted),
            None => {
                let mut found = METHODS.iter().filter_map(|m| in_product(i, code, m, path, &mut BTreeSet::new()));
                let one = found.next();
                one.filter(|_| found.next().is_none())
            }
        };
        if let Some(d) = d {
            return Some(Decided { span, ..d });
        }
    }
    None
}

/// Rule `roa-request-line`: an HTTP request line and its `Host:` header, as SDK debug output prints the request
/// above the response it got (`alibaba-cloud-sdk-go` with `DEBUG=sdk`: `> GET /k8s/c1/user_config HTTP/1.1`, `> Host:
/// cs.cn-hangzhou.aliyuncs.com`), where the error read from the response holds neither: the API of that method and
/// path in the host's product, which must be the error's when it has one.
pub fn request_line(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let (method, path, host) = http_request(near(i))?;
    in_product(i, &i.catalog.product_by_host(host)?.ram_code, method, path, wanted)
}

/// What follows a request line's path (`GET /key HTTP/1.1`).
const VERSION: &str = " HTTP/1.";

/// The HTTP/1 request lines of `text`, the last first (at most 16): where the version starts, where the line starts,
/// the method and the path.
fn request_lines(text: &str) -> impl Iterator<Item = (usize, usize, &str, &str)> {
    text.rmatch_indices(VERSION).take(16).filter_map(|(at, _)| {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line = text[line_start..at].trim_start_matches(['>', ' ', '\t']);
        let (method, path) = line.split_once(' ')?;
        let sent = REQUEST_METHODS.iter().any(|m| m.strip_suffix(' ') == Some(method));
        (sent && path.starts_with('/') && !path.contains(' ')).then_some((at, line_start, method, path))
    })
}

/// [`http_request`] of a text that shows one request line only (a documentation page's example, an issue's one
/// request): the error it holds answers that request, wherever it stands (OSS's error pages print the request after
/// the problem it describes).
pub(super) fn sole_http_request(text: &str) -> Option<(&str, &str, &str)> {
    (request_lines(text).take(2).count() == 1).then(|| http_request(text)).flatten()
}

/// The HTTP/1 request line in `text` nearest its end (the error's lines end it) with a `Host:` header among the dozen
/// lines after it and no 2xx answer before the next request ([`answered_ok`]): its method, path and host. A debug
/// dump prints every request of a session, the ones that succeeded above the one that failed.
pub(super) fn http_request(text: &str) -> Option<(&str, &str, &str)> {
    // Where the request after the one read starts: its response stands before it.
    let mut next = text.len();
    for (at, line_start, method, path) in request_lines(text) {
        let from = at + VERSION.len();
        let answered = answered_ok(&text[from..next]);
        next = line_start;
        if answered {
            continue;
        }
        let host = text[from..].lines().skip(1).take(12).find_map(|l| {
            let l = l.trim_start_matches(['>', ' ', '\t']);
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("host").then(|| value.trim())
        });
        if let Some(host) = host {
            return Some((method, path, host));
        }
    }
    None
}

/// The line's text before `host` and the path after it (`/clusters/c1?x=1`), at the place nearest the end of `text`
/// (the error's lines end it) where `host` stands followed by a path whose request was not answered with a 2xx
/// status before the next one ([`answered_ok`]).
pub(super) fn url_path_after<'t>(text: &'t str, host: &str) -> Option<(&'t str, &'t str)> {
    let mut next = text.len();
    for (at, _) in text.rmatch_indices(host).take(8) {
        let end = at + host.len();
        let rest = &text[end..];
        // A port between host and path (`…aliyuncs.com:443/…`).
        let rest = rest.strip_prefix(':').map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
        if !rest.starts_with('/') {
            continue;
        }
        let len = rest
            .bytes()
            .take(1024)
            .take_while(|&c| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\'' | b'`' | b'>' | b'<' | b')' | b']'))
            .count();
        let len = crate::text::floor_boundary(rest, len);
        let path = rest[..len].trim_end_matches(['.', ',', ';']);
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let path_end = text.len() - rest.len() + len;
        let answered = answered_ok(&text[path_end.min(next)..next]);
        next = line_start;
        if !answered {
            return Some((&text[line_start..at], path));
        }
    }
    None
}

/// The HTTP method printed just before a URL on its line (`[GET] https://`, `GET https://`, `"GET" "https://`):
/// the last word before the scheme, when it is a method.
pub(super) fn method_before(before: &str) -> Option<String> {
    let head = before.strip_suffix("://").map_or(before, |h| h.trim_end_matches(|c: char| c.is_ascii_alphabetic()));
    let head = head.trim_end_matches([' ', '"', '\'', '[', ']', ':', '(', ')']);
    // The word is the ASCII letters ending `head`; whatever stands before them (`请求接口`) may be any width.
    let word = &head[head.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len()..];
    METHODS.iter().find(|m| **m == word).map(|m| m.to_string())
}

/// GitHub's Actions log view, copied into an issue, keeps each line number it links as a markdown link:
/// `20[23](https://github.com/o/r/actions/runs/1/jobs/2#step:4:24)`, inside the log's own words. The link is cut
/// back to the digits it wraps.
fn strip_log_links(s: &str) -> std::borrow::Cow<'_, str> {
    const LINK: &str = "](https://github.com/";
    if !s.contains(LINK) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(LINK) {
        let open = rest[..at].rfind('[');
        let close = rest[at..].find(')').map(|n| at + n);
        match (open, close) {
            (Some(o), Some(c))
                if rest[o + 1..at].bytes().all(|b| b.is_ascii_digit())
                    && at > o + 1
                    && rest[at..c].contains("/actions/runs/")
                    && !rest[at..c].contains(char::is_whitespace) =>
            {
                out.push_str(&rest[..o]);
                out.push_str(&rest[o + 1..at]);
                rest = &rest[c + 1..];
            }
            _ => {
                out.push_str(&rest[..at + LINK.len()]);
                rest = &rest[at + LINK.len()..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roa_string_to_sign_gives_method_resource_and_version() {
        let block = "GET\napplication/json\n1B2M2Y8AsgTpgAmY7PhCfg==\n\nMon, 17 Jul 2023 04:31:59 GMT\nx-acs-signature-method:HMAC-SHA1\nx-acs-version:2015-12-15\n/k8s/c1/user_config, requestid: 1";
        assert_eq!(
            roa_signed_request(block),
            Some(("GET".into(), "/k8s/c1/user_config".into(), Some("2015-12-15".into())))
        );
        // Escaped, with a query.
        let block = r#"POST\napplication/json\n\napplication/json\nMon, 17 Jul 2023 04:31:59 GMT\nx-acs-version:2019-05-06\n/pop/v1/sam/app/deployApplication?AppId=1", "x"#;
        assert_eq!(
            roa_signed_request(block),
            Some(("POST".into(), "/pop/v1/sam/app/deployApplication?AppId=1".into(), Some("2019-05-06".into())))
        );
        // An RPC string, an OSS one without a resource line, a lower-case method: none.
        assert_eq!(roa_signed_request("POST&%2F&AccessKeyId%3Dx"), None);
        assert_eq!(roa_signed_request("get\n\n\n/x"), None);
        assert_eq!(roa_signed_request("GET\napplication/json\n\n\nMon"), None);
    }

    #[test]
    fn log_links_are_cut_back_to_their_digits() {
        let s = "Mon, 17 Jul 20[23](https://github.com/o/r/actions/runs/5/jobs/1#step:4:24) 04:31\n/k8s/ce2[25](https://github.com/o/r/actions/runs/5/jobs/1#step:4:26)b8/user_config";
        assert_eq!(strip_log_links(s), "Mon, 17 Jul 2023 04:31\n/k8s/ce225b8/user_config");
        // Another link stays.
        let s = "see [docs](https://github.com/o/r/blob/main/a.md) and [1](https://github.com/o/r/issues/1)";
        assert_eq!(strip_log_links(s), s);
    }

    #[test]
    fn the_method_before_a_url_is_the_word_in_front_of_its_scheme() {
        assert_eq!(method_before("[GET] https://").as_deref(), Some("GET"));
        assert_eq!(method_before("2024 DEBUG POST https://").as_deref(), Some("POST"));
        assert_eq!(method_before("\"PUT\" \"http://").as_deref(), Some("PUT"));
        assert_eq!(method_before("URL: https://"), None);
        assert_eq!(method_before("FORGET https://"), None);
        assert_eq!(method_before(""), None);
        // Wide characters before the scheme (`请求接口https://`) are no method, and cut no character in two.
        assert_eq!(method_before("请求接口https://"), None);
        assert_eq!(method_before("请求 GET https://").as_deref(), Some("GET"));
    }

    #[test]
    fn unlisted_requests_fit_their_method_and_template() {
        assert_eq!(unlisted_request("cr", "GET", "/tokens").map(|u| u.api), Some("GetAuthorizationToken"));
        assert_eq!(
            unlisted_request("CR", "GET", "/2016-06-07/tokens?x=1").map(|u| u.api),
            Some("GetAuthorizationToken")
        );
        assert_eq!(unlisted_request("cr", "DELETE", "/tokens").map(|u| u.api), None);
        assert_eq!(unlisted_request("cr", "GET", "/tokens/x").map(|u| u.api), None);
        assert_eq!(unlisted_request("cs", "GET", "/tokens").map(|u| u.api), None);
    }

    #[test]
    fn a_request_line_gives_method_path_and_its_host_header() {
        let text =
            "> GET /k8s/c1/user_config HTTP/1.1\n> Host: cs.cn-hangzhou.aliyuncs.com\n> Accept: */*\n\n< HTTP/1.1 403";
        assert_eq!(http_request(text), Some(("GET", "/k8s/c1/user_config", "cs.cn-hangzhou.aliyuncs.com")));
        // A status line, a request with no Host header: none.
        assert_eq!(http_request("< HTTP/1.1 403 Forbidden\nHost: a"), None);
        assert_eq!(http_request("GET /x HTTP/1.1\nAccept: */*"), None);
    }

    #[test]
    fn the_request_nearest_the_error_is_read_and_one_answered_2xx_is_not() {
        // Several CLI commands: the last before the error.
        let text = "$ aliyun sae GET /pop/v1/sam/app/describeApplications\n{\"Data\":[]}\n$ aliyun sae POST /pop/v1/sam/app/deployApplication --AppId a1\nERROR: SDK.ServerError";
        assert_eq!(cli_roa_command(text), Some(("sae", "POST", "/pop/v1/sam/app/deployApplication")));
        // A debug dump: the request answered 200 is passed over, the one after it read.
        let text = "> GET /api/v1/apps HTTP/1.1\n> Host: h.example\n\n< HTTP/1.1 200 OK\n{}\n\n> DELETE /api/v1/apps/a1 HTTP/1.1\n> Host: h2.example\n\n< HTTP/1.1 403 Forbidden";
        assert_eq!(http_request(text), Some(("DELETE", "/api/v1/apps/a1", "h2.example")));
        // Every request answered 2xx: none.
        let text = "> GET /api/v1/apps HTTP/1.1\n> Host: h.example\n\n< HTTP/1.1 204 No Content\nERROR";
        assert_eq!(http_request(text), None);
        // URLs: the last on the host, unless answered 2xx.
        let text = "[GET] https://h.example/a/1\n[PUT] https://h.example/a/2\nERROR 403";
        assert_eq!(url_path_after(text, "h.example"), Some(("[PUT] https://", "/a/2")));
        let text = "[GET] https://h.example/a/1\n[PUT] https://h.example/a/2\nHTTP/1.1 201 Created\nERROR 403";
        assert_eq!(url_path_after(text, "h.example"), Some(("[GET] https://", "/a/1")));
        // A status that is not 2xx, or a 2xx inside a line of text, does not count.
        assert!(!answered_ok("< HTTP/1.1 403 Forbidden\nbody"));
        assert!(!answered_ok("got HTTP/1.1 200 from the proxy"));
        assert!(!answered_ok("< HTTP/1.1 2000"));
        assert!(answered_ok("x\n< HTTP/2 200\n"));
    }

    #[test]
    fn the_cli_roa_form_gives_product_method_and_path() {
        let text = "$ ./aliyun cr GET /tokens --region cn-hangzhou\n\nERROR: SDK.ServerError";
        assert_eq!(cli_roa_command(text), Some(("cr", "GET", "/tokens")));
        let text = "aliyun cs POST /clusters --body \"$(cat a.json)\"";
        assert_eq!(cli_roa_command(text), Some(("cs", "POST", "/clusters")));
        // An RPC call, a path-less word, another tool's `aliyun` word: none.
        assert_eq!(cli_roa_command("aliyun ecs DescribeInstances --RegionId cn-hangzhou"), None);
        assert_eq!(cli_roa_command("aliyun cs GET clusters"), None);
        assert_eq!(cli_roa_command("terraform-aliyun cs GET /clusters"), None);
    }
}
