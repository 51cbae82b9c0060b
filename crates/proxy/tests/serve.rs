//! The proxy over a real socket: static files with the right types, compression, SPA fallback, health, headers.

use std::io::Write;

use ram_doctor_proxy::{app, check_dist, serve, Config};

/// Shaped like Trunk's output: an external module and the inline loader it injects.
const INDEX: &str = r#"<!doctype html><title>RAM Doctor</title><script type="module" src="/app-0123456789abcdef.js"></script><script type="module">import init from '/app-0123456789abcdef.js';init();</script>"#;

/// A dist folder with an index, a wasm file and a precompressed copy, and a proxy serving it on a free port.
async fn serve_fixture() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    // Repetitive enough that compression clearly shrinks it.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0".iter().copied().chain(std::iter::repeat_n(7u8, 50_000)).collect();
    std::fs::write(dir.path().join("app_bg.wasm"), &wasm).unwrap();
    std::fs::write(dir.path().join("style.css"), "body{color:red}\n".repeat(500)).unwrap();
    let mut gz = std::fs::File::create(dir.path().join("style.css.gz")).unwrap();
    gz.write_all(b"precompressed-gzip-marker").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(&Config::new(dir.path().to_path_buf(), addr));
    tokio::spawn(async move { serve(listener, router).await.unwrap() });
    let base = format!("http://{addr}");
    (dir, base)
}

#[tokio::test]
async fn serves_wasm_with_its_mime_type_and_compresses_on_the_fly() {
    let (_dir, base) = serve_fixture().await;
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let res = client.get(format!("{base}/app_bg.wasm")).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.headers()["content-encoding"], "br");
    let body = res.bytes().await.unwrap();
    assert!(body.len() < 5_000, "a 50 kB run of one byte should compress far below 5 kB, got {}", body.len());
}

#[tokio::test]
async fn prefers_a_precompressed_file() {
    let (_dir, base) = serve_fixture().await;
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let res = client.get(format!("{base}/style.css")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert_eq!(res.headers()["content-type"], "text/css");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"precompressed-gzip-marker");
}

#[tokio::test]
async fn unknown_paths_get_the_page_and_healthz_answers() {
    let (_dir, base) = serve_fixture().await;
    let res = reqwest::get(format!("{base}/some/shared/link")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("<title>RAM Doctor</title>"));
    let res = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn refuses_large_bodies() {
    let (_dir, base) = serve_fixture().await;
    let client = reqwest::Client::new();
    let body = vec![b'x'; ram_doctor_proxy::MAX_BODY_BYTES + 1];
    let res = client.post(format!("{base}/healthz")).body(body).send().await.unwrap();
    assert_eq!(res.status(), 413);
}

#[test]
fn a_missing_build_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let err = check_dist(dir.path()).unwrap_err().to_string();
    assert!(err.contains("cargo xtask serve"), "{err}");
}

#[tokio::test]
async fn a_missing_asset_is_404_not_the_page() {
    let (_dir, base) = serve_fixture().await;
    for path in ["/app-ffffffffffffffff_bg.wasm", "/shards/nope.json", "/favicon.ico", "/relayed.js"] {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert!(!res.text().await.unwrap().contains("<title>"), "{path}");
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_a_cache_policy() {
    let (_dir, base) = serve_fixture().await;
    let inline = "import init from '/app-0123456789abcdef.js';init();";
    let digest = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(inline))
    };
    for (path, cache) in [
        ("/", Some("no-cache")),
        ("/index.html", Some("no-cache")),
        ("/app-0123456789abcdef.js", Some("public, max-age=31536000, immutable")),
        ("/healthz", Some("no-cache")),
        ("/nope.js", None),
    ] {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains(&format!("'sha256-{digest}'")), "{path}: the inline loader is allowed by its hash: {csp}");
        assert!(
            !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'")
                && csp.contains("connect-src 'self'"),
            "{csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h.get("cache-control").map(|v| v.to_str().unwrap()), cache, "{path}");
    }
}
