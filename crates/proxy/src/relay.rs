//! `ANY /relay/{host}/{path…}?{query}` → `https://{host}/{path}?{query}`: the browser signs, the relay only
//! forwards the few headers a signed call needs and passes back the few the page reads.

use std::error::Error as StdError;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::host::{forbidden_address, parse_relay_host, AllowList, ForbiddenAddress};
use crate::refusal::Refusal;
use crate::{Limits, MAX_BODY_BYTES, MAX_UPSTREAM_BYTES};

/// A test-only `--upstream HOST=URL`: calls for `HOST` go to `URL` (with `Host: HOST`), skipping DNS checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    pub host: String,
    /// `scheme://authority[/prefix]`, without a trailing `/`.
    pub base: String,
}

/// Why an `--upstream` value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamError {
    /// Not `HOST=URL`.
    Shape(String),
    /// The URL is not `http(s)://host[:port][/path]` without user, query or fragment.
    Url(String),
}

impl std::fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpstreamError::Shape(s) => write!(f, "--upstream {s:?} is not HOST=URL"),
            UpstreamError::Url(s) => {
                write!(f, "--upstream URL {s:?} must be http(s)://host[:port][/path] with no user, query or fragment")
            }
        }
    }
}

impl StdError for UpstreamError {}

impl FromStr for Upstream {
    type Err = UpstreamError;
    fn from_str(s: &str) -> Result<Upstream, UpstreamError> {
        let (host, url) = s.split_once('=').ok_or_else(|| UpstreamError::Shape(s.to_string()))?;
        let parsed = url::Url::parse(url).map_err(|_| UpstreamError::Url(url.to_string()))?;
        let plain = matches!(parsed.scheme(), "http" | "https")
            && parsed.host().is_some()
            && parsed.username().is_empty()
            && parsed.password().is_none()
            && parsed.query().is_none()
            && parsed.fragment().is_none();
        if !plain || host.is_empty() {
            return Err(UpstreamError::Url(url.to_string()));
        }
        Ok(Upstream { host: host.to_string(), base: parsed.as_str().trim_end_matches('/').to_string() })
    }
}

/// The relay's state: the allow-list, the overrides, and one client for each kind of upstream.
pub struct Relay {
    allow: AllowList,
    upstreams: Vec<Upstream>,
    /// HTTPS only, and every name resolved through [`PublicOnly`].
    public: reqwest::Client,
    /// For `--upstream` URLs (plain HTTP allowed, no address checks).
    overridden: reqwest::Client,
}

impl Relay {
    pub fn new(allow: AllowList, upstreams: Vec<Upstream>, limits: &Limits) -> Relay {
        let client = |public: bool| {
            let builder = reqwest::Client::builder()
                .no_proxy()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(limits.connect_timeout)
                .timeout(limits.upstream_timeout)
                .no_gzip()
                .no_brotli()
                .no_deflate()
                .no_zstd()
                .https_only(public);
            let builder = if public { builder.dns_resolver(Arc::new(PublicOnly)) } else { builder };
            builder.build().expect("a TLS client with built-in roots always builds")
        };
        Relay { allow, upstreams, public: client(true), overridden: client(false) }
    }
}

/// Resolves a name and refuses it whole if any address is loopback, private, link-local, CGNAT or metadata.
/// The connection goes only to the addresses returned here, so the check and the connect see the same answer.
struct PublicOnly;

/// A resolved address the relay never connects to.
#[derive(Debug)]
struct AddressRefused {
    host: String,
    class: ForbiddenAddress,
}

impl std::fmt::Display for AddressRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} resolves to {}", self.host, self.class)
    }
}

impl StdError for AddressRefused {}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(class) = addrs.iter().find_map(|a| forbidden_address(a.ip())) {
                return Err(Box::new(AddressRefused { host, class }) as _);
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The headers a signed call needs upstream; nothing else leaves (no cookies, no user agent, no `Origin`).
fn forwarded(name: &HeaderName) -> bool {
    name == header::AUTHORIZATION || name == header::CONTENT_TYPE || name.as_str().starts_with("x-acs-")
}

/// The methods Alibaba Cloud's RPC and ROA APIs use.
const FORWARDED_METHODS: [Method; 6] =
    [Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH, Method::HEAD];

/// The upstream headers the page reads.
const RETURNED: [&str; 2] = ["content-type", "x-acs-request-id"];

/// What one call did, for its log line. Never headers, the query, the body or anything signed.
struct CallLog {
    method: Method,
    host: Option<String>,
    action: Option<String>,
    sent: usize,
}

/// The handler for every `/relay…` path.
pub async fn relay(State(relay): State<Arc<Relay>>, request: Request) -> Response {
    let started = Instant::now();
    let mut log = CallLog { method: request.method().clone(), host: None, action: None, sent: 0 };
    let (status, bytes, response) = match forward(&relay, request, &mut log).await {
        Ok(response) => (response.status(), response.body().len(), response.map(Body::from)),
        Err(refusal) => (refusal.status(), 0, refusal.into_response()),
    };
    tracing::info!(
        target: "relay",
        "{} {} {} {} {}ms sent={}B received={}B",
        log.method,
        log.host.as_deref().unwrap_or("-"),
        log.action.as_deref().unwrap_or("-"),
        status.as_u16(),
        started.elapsed().as_millis(),
        log.sent,
        bytes,
    );
    response
}

async fn forward(relay: &Relay, request: Request, log: &mut CallLog) -> Result<Response<Bytes>, Refusal> {
    let (parts, body) = request.into_parts();
    if !FORWARDED_METHODS.contains(&parts.method) {
        return Err(Refusal::Method(parts.method.to_string()));
    }
    // The raw path, never percent-decoded: the host segment is judged exactly as sent.
    let rest = parts.uri.path().strip_prefix("/relay").unwrap_or_default();
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let (host_segment, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = parse_relay_host(host_segment, &relay.allow).map_err(Refusal::Host)?;
    log.host = Some(host.clone());
    log.action = action(&parts.headers, parts.uri.query());

    let body = read_body(body).await?;
    log.sent = body.len();

    let query = parts.uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let overridden = relay.upstreams.iter().find(|u| u.host == host);
    let (client, url) = match overridden {
        Some(up) => (&relay.overridden, format!("{}/{path}{query}", up.base)),
        None => (&relay.public, format!("https://{host}/{path}{query}")),
    };
    let mut headers: HeaderMap =
        parts.headers.iter().filter(|(n, _)| forwarded(n)).map(|(n, v)| (n.clone(), v.clone())).collect();
    if overridden.is_some() {
        // The browser signed for the real host; the override keeps that name so the signature still verifies.
        headers.insert(header::HOST, HeaderValue::from_str(&host).expect("an allow-listed host is a valid header"));
    }
    let upstream = client
        .request(parts.method, url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .map_err(|e| upstream_fault(&host, &e))?;

    let status = upstream.status();
    if status.is_redirection() {
        return Err(Refusal::UpstreamRedirect(status.as_u16()));
    }
    let returned: HeaderMap = RETURNED
        .iter()
        .filter_map(|&name| Some((HeaderName::from_static(name), upstream.headers().get(name)?.clone())))
        .collect();
    let body = Limited::new(axum::http::Response::from(upstream).into_body(), MAX_UPSTREAM_BYTES)
        .collect()
        .await
        .map_err(|e| if e.is::<LengthLimitError>() { Refusal::UpstreamTooLarge } else { upstream_fault(&host, &*e) })?
        .to_bytes();
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = returned;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Reads the request body; the size and idle limits are the layers', and their errors become refusals here.
async fn read_body(body: Body) -> Result<Bytes, Refusal> {
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let e = e.into_inner();
            Err(if chain(&*e).any(|err| err.is::<LengthLimitError>()) {
                Refusal::BodyTooLarge
            } else if chain(&*e).any(|err| err.is::<tower_http::timeout::TimeoutError>()) {
                Refusal::BodyTimeout
            } else {
                Refusal::BodyUnreadable
            })
        }
    }
}

/// Names an upstream failure from anywhere in its error chain: a refused address, a timeout, or unreachable.
fn upstream_fault(host: &str, e: &(dyn StdError + 'static)) -> Refusal {
    for err in chain(e) {
        if let Some(refused) = err.downcast_ref::<AddressRefused>() {
            return Refusal::ForbiddenAddress { host: refused.host.clone(), class: refused.class };
        }
        if err.downcast_ref::<reqwest::Error>().is_some_and(|r| r.is_timeout()) {
            return Refusal::UpstreamTimeout;
        }
    }
    Refusal::UpstreamUnreachable(host.to_string())
}

/// An error and its sources, outermost first.
fn chain<'a>(e: &'a (dyn StdError + 'static)) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |&err| err.source())
}

/// The API name, for the log: `x-acs-action` (ROA/V3 signing) or the `Action` query parameter (RPC),
/// kept only if it looks like an API name.
fn action(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let from_query = || query?.split('&').find_map(|pair| pair.strip_prefix("Action="));
    let name = headers.get("x-acs-action").and_then(|v| v.to_str().ok()).or_else(from_query)?;
    (!name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric())).then(|| name.to_string())
}

/// `/healthz`'s extra lines: every override, so a test setup can never pass for the real thing unnoticed.
pub fn override_notice(upstreams: &[Upstream]) -> String {
    upstreams
        .iter()
        .map(|u| format!("TEST-ONLY upstream override: {} -> {} (DNS and address checks skipped)\n", u.host, u.base))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_overrides_parse() {
        let up: Upstream = "ram.aliyuncs.com=http://127.0.0.1:9000/".parse().unwrap();
        assert_eq!(up, Upstream { host: "ram.aliyuncs.com".into(), base: "http://127.0.0.1:9000".into() });
        for bad in ["ram.aliyuncs.com", "=http://x", "a=ftp://x", "a=http://u:p@x", "a=http://x/?q", "a=not a url"] {
            assert!(bad.parse::<Upstream>().is_err(), "{bad}");
        }
    }

    #[test]
    fn only_signing_headers_are_forwarded() {
        for (name, want) in [
            ("authorization", true),
            ("x-acs-date", true),
            ("content-type", true),
            ("cookie", false),
            ("origin", false),
            ("host", false),
            ("user-agent", false),
        ] {
            assert_eq!(forwarded(&HeaderName::from_static(name)), want, "{name}");
        }
    }

    #[test]
    fn action_names_only() {
        let mut h = HeaderMap::new();
        assert_eq!(action(&h, Some("Format=JSON&Action=GetUser&Signature=abc")), Some("GetUser".into()));
        assert_eq!(action(&h, Some("Action=Get%20User")), None);
        h.insert("x-acs-action", HeaderValue::from_static("ListPolicies"));
        assert_eq!(action(&h, Some("Action=GetUser")), Some("ListPolicies".into()));
        assert_eq!(action(&HeaderMap::new(), None), None);
    }
}
