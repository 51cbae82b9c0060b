//! The relay over real sockets: hostile requests refused before any upstream, a local fake upstream (through
//! `--upstream`) for the happy path and for upstream faults, the rate limit, and the log kept free of secrets.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use ram_doctor_proxy::{app, serve, AllowList, Config, Limits, Upstream};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An AccessKey ID, token and signature shaped like real ones; none may appear in a log.
const AKID: &str = "LTAI5tQz9FakeKeyForTests";
const TOKEN: &str = "CAIS-fake-security-token-value";
const SIGNATURE: &str = "5c1b0f3a9e7d2c4b6a8f0e1d3c5b7a9f";

/// One request the fake upstream saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    uri: String,
    headers: HeaderMap,
    body: Bytes,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// A plain-HTTP stand-in for RAM: records every request; `/redirect`, `/big`, `/slow` and `/fail` misbehave.
async fn fake_upstream() -> (SocketAddr, Log) {
    let seen: Log = Arc::default();
    let router = axum::Router::new().fallback(answer).with_state(Arc::clone(&seen));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, seen)
}

async fn answer(State(seen): State<Log>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let path = parts.uri.path().to_string();
    seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        uri: parts.uri.to_string(),
        headers: parts.headers,
        body,
    });
    match path.as_str() {
        "/redirect" => {
            (StatusCode::FOUND, [("location", "http://169.254.169.254/latest/meta-data/")], "").into_response()
        }
        "/big" => vec![b'x'; ram_doctor_proxy::MAX_UPSTREAM_BYTES + 1].into_response(),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late".into_response()
        }
        "/fail" => {
            (StatusCode::INTERNAL_SERVER_ERROR, [("content-type", "application/json")], r#"{"Code":"InternalError"}"#)
                .into_response()
        }
        _ => (
            StatusCode::OK,
            [
                ("content-type", "application/json;charset=utf-8"),
                ("x-acs-request-id", "REQ-1"),
                ("set-cookie", "upstream=1"),
                ("x-upstream-only", "1"),
            ],
            r#"{"User":{"UserName":"alice"}}"#,
        )
            .into_response(),
    }
}

/// Short timeouts so the slow cases finish quickly.
fn test_limits() -> Limits {
    Limits {
        upstream_timeout: Duration::from_secs(1),
        body_idle_timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

/// The proxy in-process on a free port, with `ram.aliyuncs.com` sent to the fake and `localhost` allow-listed
/// (it resolves to loopback, which the address check must refuse).
async fn start_proxy(upstream: SocketAddr, limits: Limits) -> (tempfile::TempDir, SocketAddr) {
    start_proxy_for(upstream, limits, &[]).await
}

/// The same, also allowing pages from `origins`.
async fn start_proxy_for(upstream: SocketAddr, limits: Limits, origins: &[&str]) -> (tempfile::TempDir, SocketAddr) {
    start_proxy_with(upstream, limits, origins, false).await
}

/// The same, with the bench-only flag that lifts the per-client rate limit on or off.
async fn start_proxy_with(
    upstream: SocketAddr,
    limits: Limits,
    origins: &[&str],
    bench_no_rate_limit: bool,
) -> (tempfile::TempDir, SocketAddr) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>RAM Doctor</title>").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        allow: AllowList::with_extra(&["localhost".to_string()]).unwrap(),
        upstreams: vec![format!("ram.aliyuncs.com=http://{upstream}").parse::<Upstream>().unwrap()],
        allow_origins: origins.iter().map(|o| o.to_string()).collect(),
        limits,
        bench_no_rate_limit,
        ..Config::new(dist.path().to_path_buf(), addr)
    };
    config.check().unwrap();
    let router = app(&config);
    tokio::spawn(async move { serve(listener, router).await.unwrap() });
    (dist, addr)
}

/// Status and body of one raw HTTP exchange (the request is sent byte for byte, no client normalising it).
async fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out).await;
        out
    };
    let out = tokio::time::timeout(Duration::from_secs(10), exchange).await.expect("the proxy answered within 10 s");
    let text = String::from_utf8_lossy(&out).into_owned();
    let status =
        text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// A request line and headers (the `Host` of the proxy unless `extra` brings its own) plus `Connection: close`.
fn request(method: &str, target: &str, host: Option<&str>, extra: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {target} HTTP/1.1\r\n");
    if let Some(host) = host {
        text.push_str(&format!("Host: {host}\r\n"));
    }
    for (name, value) in extra {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()));
    text.into_bytes()
}

/// One hostile request and the status it must get.
struct Hostile {
    what: &'static str,
    bytes: Vec<u8>,
    status: u16,
}

fn hostile_requests(proxy: SocketAddr) -> Vec<Hostile> {
    let host = proxy.to_string();
    let h = Some(host.as_str());
    let port = proxy.port();
    let mut cases = Vec::new();
    let mut add = |what: &'static str, bytes: Vec<u8>, status: u16| cases.push(Hostile { what, bytes, status });
    // The host segment, every notation and trick.
    for (what, segment, status) in [
        ("IPv4 dotted", "127.0.0.1", 400),
        ("IPv4 decimal", "2130706433", 400),
        ("IPv4 octal", "0177.0.0.1", 400),
        ("IPv4 hex dotted", "0x7f.0.0.1", 400),
        ("IPv4 hex whole", "0x7f000001", 400),
        ("IPv4 short", "127.1", 400),
        ("metadata address", "100.100.100.200", 400),
        ("link-local metadata", "169.254.169.254", 400),
        ("IPv6 bare", "::1", 400),
        ("IPv6 bracketed", "[::1]", 400),
        ("IPv4-mapped IPv6", "[::ffff:127.0.0.1]", 400),
        ("userinfo", "user@ram.aliyuncs.com", 400),
        ("userinfo before another host", "ram.aliyuncs.com@evil.example", 400),
        ("port 443", "ram.aliyuncs.com:443", 400),
        ("port 8080", "ram.aliyuncs.com:8080", 400),
        ("trailing dot", "ram.aliyuncs.com.", 400),
        ("upper case", "RAM.aliyuncs.com", 400),
        ("mixed case", "Ram.Aliyuncs.Com", 400),
        ("percent-encoded dot", "ram%2ealiyuncs.com", 400),
        ("percent-encoded letter", "%72am.aliyuncs.com", 400),
        ("percent-encoded NUL", "ram.aliyuncs.com%00", 400),
        ("percent-encoded slash", "evil.example%2fram.aliyuncs.com", 400),
        ("underscore", "ram_aliyuncs.com", 400),
        ("empty label", "ram..aliyuncs.com", 400),
        ("not allow-listed", "evil.example", 403),
        ("allowed name as prefix", "ram.aliyuncs.com.evil.example", 403),
        ("other Alibaba Cloud product", "ecs.aliyuncs.com", 403),
        ("allow-listed but resolves to loopback", "localhost", 403),
    ] {
        add(what, request("GET", &format!("/relay/{segment}/?Action=GetUser"), h, &[], ""), status);
    }
    add("TRACE", request("TRACE", "/relay/ram.aliyuncs.com/", h, &[], ""), 405);
    add("CONNECT-like method", request("PROPFIND", "/relay/ram.aliyuncs.com/", h, &[], ""), 405);
    add("no host segment", request("GET", "/relay//?Action=GetUser", h, &[], ""), 400);
    add("bare /relay", request("GET", "/relay", h, &[], ""), 400);
    // Host-header games (DNS rebinding, misrouting).
    add("foreign Host", request("GET", "/relay/ram.aliyuncs.com/", Some("evil.example"), &[], ""), 421);
    add(
        "foreign Host with our port",
        request("GET", "/relay/ram.aliyuncs.com/", Some(&format!("evil.example:{port}")), &[], ""),
        421,
    );
    add("wrong port in Host", request("GET", "/relay/ram.aliyuncs.com/", Some("127.0.0.1:1"), &[], ""), 421);
    add(
        "Host with trailing dot",
        request("GET", "/relay/ram.aliyuncs.com/", Some(&format!("localhost.:{port}")), &[], ""),
        421,
    );
    add(
        "absolute-form target for another host",
        request("GET", "http://evil.example/relay/ram.aliyuncs.com/", h, &[], ""),
        421,
    );
    add("HTTP/1.0 without Host", b"GET /relay/ram.aliyuncs.com/ HTTP/1.0\r\n\r\n".to_vec(), 400);
    // Origins.
    add(
        "foreign Origin",
        request("POST", "/relay/ram.aliyuncs.com/", h, &[("Origin", "https://evil.example")], ""),
        403,
    );
    add("null Origin", request("POST", "/relay/ram.aliyuncs.com/", h, &[("Origin", "null")], ""), 403);
    add(
        "Origin that extends ours",
        request("POST", "/relay/ram.aliyuncs.com/", h, &[("Origin", &format!("http://{host}.evil.example"))], ""),
        403,
    );
    add(
        "Origin of our other name",
        request("POST", "/relay/ram.aliyuncs.com/", h, &[("Origin", &format!("http://localhost:{port}"))], ""),
        403,
    );
    add(
        "cross-site fetch",
        request("GET", "/relay/ram.aliyuncs.com/", h, &[("Sec-Fetch-Site", "cross-site")], ""),
        403,
    );
    add("same-site fetch", request("GET", "/relay/ram.aliyuncs.com/", h, &[("Sec-Fetch-Site", "same-site")], ""), 403);
    // Bodies.
    let big = "x".repeat(ram_doctor_proxy::MAX_BODY_BYTES + 1);
    add("oversized body", request("POST", "/relay/ram.aliyuncs.com/", h, &[], &big), 413);
    let mut chunked = format!("POST /relay/ram.aliyuncs.com/ HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    for _ in 0..5 {
        chunked.push_str(&format!("{:x}\r\n{}\r\n", 16 * 1024, "y".repeat(16 * 1024)));
    }
    chunked.push_str("0\r\n\r\n");
    add("oversized chunked body", chunked.into_bytes(), 413);
    cases
}

#[tokio::test]
async fn hostile_requests_are_refused_before_any_upstream() {
    let (upstream, seen) = fake_upstream().await;
    // None of these reaches an upstream, so no short upstream deadline: the loopback case resolves `localhost`
    // first, and on a loaded CI machine that lookup alone outran the 1 s test deadline (504 instead of 403).
    let limits = Limits { upstream_timeout: Duration::from_secs(20), ..test_limits() };
    let (_dist, proxy) = start_proxy(upstream, limits).await;
    let cases = hostile_requests(proxy);
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for case in &cases {
        let (status, body) = raw(proxy, &case.bytes).await;
        assert_eq!(status, case.status, "{}: {body}", case.what);
        assert_eq!(body.lines().count(), 1, "{}: one line of reason, got {body:?}", case.what);
        let from_relay = body.starts_with("relay: ") || (status == 413 && body == "length limit exceeded");
        assert!(from_relay, "{}: a reason, got {body:?}", case.what);
    }
    assert!(seen.lock().unwrap().is_empty(), "hostile requests reached the upstream: {:?}", seen.lock().unwrap());
}

#[tokio::test]
async fn refusals_say_why_in_one_line() {
    let (upstream, _seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, test_limits()).await;
    let host = proxy.to_string();
    for (target, extra, want) in [
        ("/relay/127.0.0.1/", vec![], "relay: the host is an IP address\n"),
        ("/relay/evil.example/", vec![], "relay: evil.example is not on the relay's allow-list\n"),
        ("/relay/localhost/", vec![], "relay: localhost resolves to a loopback address\n"),
        ("/relay/ram.aliyuncs.com/", vec![("Origin", "https://evil.example")], "relay: origin https://evil.example may not use this relay (start the proxy with --allow-origin to allow it)\n"),
    ] {
        let (_, body) = raw(proxy, &request("GET", target, Some(&host), &extra, "")).await;
        assert_eq!(body, want, "{target}");
    }
}

#[tokio::test]
async fn a_slow_body_is_cut_off() {
    let (upstream, seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, test_limits()).await;
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    let head = format!("POST /relay/ram.aliyuncs.com/ HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 100\r\nConnection: close\r\n\r\nAction=Get");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out))
        .await
        .expect("answered before the body ended")
        .unwrap();
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.ends_with("relay: the request body stopped arriving\n"), "{text}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn static_files_and_health_answer_any_origin() {
    let (upstream, _seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, test_limits()).await;
    for path in ["/", "/healthz"] {
        let (status, _) = raw(
            proxy,
            &request(
                "GET",
                path,
                Some("evil.example"),
                &[("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")],
                "",
            ),
        )
        .await;
        assert_eq!(status, 200, "{path}");
    }
}

#[tokio::test]
async fn a_signed_call_is_forwarded_with_only_its_signing_headers() {
    let (upstream, seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, test_limits()).await;
    let authorization =
        format!("ACS3-HMAC-SHA256 Credential={AKID},SignedHeaders=host;x-acs-action,Signature={SIGNATURE}");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let res = client
        .post(format!("http://{proxy}/relay/ram.aliyuncs.com/?Action=GetUser&UserName=alice"))
        .header("authorization", &authorization)
        .header("x-acs-action", "GetUser")
        .header("x-acs-version", "2015-05-01")
        .header("x-acs-security-token", TOKEN)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", format!("http://{proxy}"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", "session=secret")
        .header("user-agent", "page")
        .header("x-forwarded-for", "10.0.0.1")
        .body("a=1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/json;charset=utf-8");
    assert_eq!(h["x-acs-request-id"], "REQ-1");
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(
        h.get("set-cookie").is_none() && h.get("x-upstream-only").is_none(),
        "only the page's headers come back: {h:?}"
    );
    assert_eq!(res.text().await.unwrap(), r#"{"User":{"UserName":"alice"}}"#);

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    let call = &seen[0];
    assert_eq!(call.method, "POST");
    assert_eq!(call.uri, "/?Action=GetUser&UserName=alice");
    assert_eq!(call.body.as_ref(), b"a=1");
    assert_eq!(call.headers["host"], "ram.aliyuncs.com", "the signed host, not the override's address");
    assert_eq!(call.headers["authorization"], authorization.as_str());
    assert_eq!(call.headers["x-acs-security-token"], TOKEN);
    assert_eq!(call.headers["x-acs-action"], "GetUser");
    assert_eq!(call.headers["content-type"], "application/x-www-form-urlencoded");
    let mut names: Vec<&str> = call.headers.keys().map(|k| k.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "x-acs-action",
            "x-acs-security-token",
            "x-acs-version"
        ]
    );
}

#[tokio::test]
async fn upstream_errors_pass_through_and_faults_are_refused() {
    let (upstream, seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, test_limits()).await;
    let host = proxy.to_string();
    let (status, body) = raw(proxy, &request("POST", "/relay/ram.aliyuncs.com/fail", Some(&host), &[], "")).await;
    assert_eq!(
        (status, body.as_str()),
        (500, r#"{"Code":"InternalError"}"#),
        "RAM's own errors reach the page to be diagnosed"
    );
    for (path, status, reason) in [
        ("/redirect", 502, "relay: the upstream answered 302 (a redirect); the relay does not follow redirects\n"),
        ("/big", 502, "the upstream's answer is over"),
        ("/slow", 504, "relay: the upstream did not answer in time\n"),
    ] {
        let (got, body) =
            raw(proxy, &request("GET", &format!("/relay/ram.aliyuncs.com{path}"), Some(&host), &[], "")).await;
        assert_eq!(got, status, "{path}: {body}");
        assert!(body.contains(reason), "{path}: {body}");
        assert!(!body.contains("169.254"), "{path}: the redirect target is not passed on");
    }
    let paths: Vec<String> = seen.lock().unwrap().iter().map(|s| s.uri.clone()).collect();
    assert_eq!(paths, ["/fail", "/redirect", "/big", "/slow"], "each called once, the redirect not followed");
}

#[tokio::test]
async fn the_default_rate_allows_a_page_session_and_then_says_429() {
    let (upstream, seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy(upstream, Limits::default()).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let call = || client.get(format!("http://{proxy}/relay/ram.aliyuncs.com/?Action=GetUser")).send();
    let started = std::time::Instant::now();
    for i in 0..60 {
        assert_eq!(call().await.unwrap().status(), 200, "call {i} of 60");
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    let mut limited = None;
    for _ in 0..200 {
        let res = call().await.unwrap();
        if res.status() == 429 {
            limited = Some(res.text().await.unwrap());
            break;
        }
        assert_eq!(res.status(), 200);
    }
    let body = limited.expect("a burst far over the rate gets a 429");
    assert!(body.starts_with("relay: too many calls from this client") && body.lines().count() == 1, "{body:?}");
    assert!(seen.lock().unwrap().len() >= 60);
}

#[tokio::test]
async fn only_the_bench_flag_lifts_the_rate_limit_and_healthz_says_so() {
    assert!(!Config::new("dist".into(), "127.0.0.1:0".parse().unwrap()).bench_no_rate_limit, "off by default");
    let (upstream, seen) = fake_upstream().await;
    let (_dist, proxy) = start_proxy_with(upstream, Limits::default(), &[], true).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    for i in 0..300 {
        let res = client.get(format!("http://{proxy}/relay/ram.aliyuncs.com/?Action=GetUser")).send().await.unwrap();
        assert_eq!(res.status(), 200, "call {i} of 300");
    }
    assert_eq!(seen.lock().unwrap().len(), 300);
    let health = client.get(format!("http://{proxy}/healthz")).send().await.unwrap().text().await.unwrap();
    assert!(health.contains("BENCH-ONLY: per-client rate limit lifted (--bench-no-rate-limit)"), "{health}");
    let (_dist, plain) = start_proxy(upstream, Limits::default()).await;
    let health = client.get(format!("http://{plain}/healthz")).send().await.unwrap().text().await.unwrap();
    assert!(!health.contains("BENCH-ONLY"), "{health}");
}

#[tokio::test]
async fn a_page_hosted_elsewhere_gets_cors_only_for_allowed_origins() {
    let (upstream, seen) = fake_upstream().await;
    let page = "https://tools.example.org";
    let (_dist, proxy) = start_proxy_for(upstream, test_limits(), &[page]).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("http://{proxy}/relay/ram.aliyuncs.com/"))
            .header("origin", origin)
            .header("sec-fetch-site", "cross-site")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization,x-acs-action,x-acs-date")
            .send()
    };
    let res = preflight(page).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["access-control-allow-origin"], page);
    assert_eq!(res.headers()["access-control-allow-headers"], "authorization,x-acs-action,x-acs-date");
    let res = preflight("https://evil.example").await.unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none(), "{:?}", res.headers());

    let res = client
        .post(format!("http://{proxy}/relay/ram.aliyuncs.com/?Action=GetUser"))
        .header("origin", page)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["access-control-allow-origin"], page);
    assert_eq!(res.headers()["access-control-expose-headers"], "x-acs-request-id");
    assert_eq!(seen.lock().unwrap().len(), 1, "preflights stay at the relay; the call goes through");
}

/// The real binary: its first line, its announcement, `/healthz`, and a log with no secret in it.
#[test]
fn the_binary_announces_overrides_and_logs_no_secrets() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (upstream, seen) = runtime.block_on(fake_upstream());
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ram-doctor-proxy"))
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .args(["--upstream", &format!("ram.aliyuncs.com=http://{upstream}")])
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line {first:?}")).to_string();
    let mut second = String::new();
    stdout.read_line(&mut second).unwrap();
    assert!(second.contains("TEST-ONLY upstream override: ram.aliyuncs.com"), "{second}");

    let (health, status) = runtime.block_on(async {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let health = client.get(format!("{url}healthz")).send().await.unwrap().text().await.unwrap();
        let status = client
            .post(format!("{url}relay/ram.aliyuncs.com/?Action=GetUser&AccessKeyId={AKID}&Signature={SIGNATURE}&SecurityToken={TOKEN}"))
            .header("authorization", format!("acs {AKID}:{SIGNATURE}"))
            .header("x-acs-security-token", TOKEN)
            .body(format!("AccessKeyId={AKID}"))
            .send()
            .await
            .unwrap()
            .status();
        (health, status)
    });
    assert!(health.starts_with("ok\n") && health.contains("TEST-ONLY upstream override: ram.aliyuncs.com"), "{health}");
    assert_eq!(status, 200);
    assert_eq!(seen.lock().unwrap().len(), 1);

    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    let relay_lines: Vec<&str> = log.lines().filter(|l| l.contains("relay:") && l.contains(" POST ")).collect();
    assert_eq!(relay_lines.len(), 1, "one line per call:\n{log}");
    assert!(relay_lines[0].contains("POST ram.aliyuncs.com GetUser 200"), "{}", relay_lines[0]);
    for secret in [AKID, SIGNATURE, TOKEN, "AccessKeyId", "Signature="] {
        assert!(!log.contains(secret), "{secret} is in the log:\n{log}");
    }
}

#[test]
fn bad_flags_stop_the_binary_with_a_reason() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    for (flags, reason) in [
        (["--allow-origin", "*"], "is not an origin like https://page.example.org"),
        (["--allow-host", "127.0.0.1"], "--allow-host 127.0.0.1: the host is an IP address"),
        (["--upstream", "evil.example=http://127.0.0.1:1"], "--upstream evil.example is not an allowed host"),
        (["--upstream", "ram.aliyuncs.com=file:///etc"], "must be http(s)://host"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ram-doctor-proxy"))
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(out.stdout.is_empty(), "{flags:?}: nothing on stdout, no listening line");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{flags:?}: {stderr}");
    }
}

/// `--healthcheck` (the container's HEALTHCHECK) passes against a running proxy and fails without one.
#[test]
fn the_healthcheck_flag_asks_the_running_proxy() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    let bin = env!("CARGO_BIN_EXE_ram-doctor-proxy");
    let mut child = Command::new(bin)
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let addr = first.trim().trim_start_matches("listening on http://").trim_end_matches('/').to_string();
    let check = |addr: &str| Command::new(bin).args(["--healthcheck", "--addr", addr]).output().unwrap();
    let healthy = check(&addr);
    let _ = child.kill();
    let _ = child.wait();
    assert!(healthy.status.success(), "{}", String::from_utf8_lossy(&healthy.stderr));
    let gone = check(&addr);
    assert_eq!(gone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("/healthz on"), "{}", String::from_utf8_lossy(&gone.stderr));
}
