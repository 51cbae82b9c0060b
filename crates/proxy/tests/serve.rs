//! The proxy over a real socket: static files with the right types, compression, SPA fallback, health.

use std::io::Write;

use ram_doctor_proxy::{app, check_dist, Config};

/// A dist folder with an index, a wasm file and a precompressed copy, and a proxy serving it on a free port.
async fn serve_fixture() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>RAM Doctor</title>").unwrap();
    // Repetitive enough that compression clearly shrinks it.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0".iter().copied().chain(std::iter::repeat(7u8).take(50_000)).collect();
    std::fs::write(dir.path().join("app_bg.wasm"), &wasm).unwrap();
    std::fs::write(dir.path().join("style.css"), "body{color:red}\n".repeat(500)).unwrap();
    let mut gz = std::fs::File::create(dir.path().join("style.css.gz")).unwrap();
    gz.write_all(b"precompressed-gzip-marker").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = app(&Config { dist: dir.path().to_path_buf() });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
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
    let err = check_dist(dir.path()).unwrap_err();
    assert!(err.contains("cargo xtask serve"), "{err}");
}
