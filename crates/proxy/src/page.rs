//! Serving the built page: security headers on every answer, caching by file name, and a 404 (not the page)
//! for a missing asset.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// The Content-Security-Policy for everything served. Trunk's loader is an inline module script, so its
/// exact text is allowed by hash (read from the built `index.html`), never with `'unsafe-inline'`.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html).map(|s| format!(" 'sha256-{}'", sha256_base64(s))).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; connect-src 'self'; style-src 'self'; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// The text of each `<script>` without a `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let tag_end = start + html[start..].find('>')?;
        let tag = &html[start..tag_end];
        let body_end = tag_end + 1 + html[tag_end + 1..].find("</script>")?;
        (!tag.contains(" src=")).then(|| &html[tag_end + 1..body_end])
    })
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The headers on every response, page and relay alike.
pub fn security_headers(dist: &Path) -> Vec<(HeaderName, HeaderValue)> {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let csp = HeaderValue::from_str(&content_security_policy(&index)).expect("the policy is ASCII");
    vec![
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ]
}

/// A file name Trunk stamped with a content hash (`app-0123456789abcdef_bg.wasm`, `main-0123456789abcdef.css`):
/// its content never changes, so browsers may keep it for a year.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A path whose last segment has an extension asks for a file; anything else is a page route.
pub fn is_asset_path(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|name| name.contains('.'))
}

/// `Cache-Control` by path: a year for hashed assets, revalidate for everything else (`index.html`, shards).
pub async fn cache_control(request: Request, next: Next) -> Response {
    let value = if is_hashed_asset(request.uri().path()) { "public, max-age=31536000, immutable" } else { "no-cache" };
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// What `ServeDir` falls back to for a missing file: a plain 404 for an asset, the page for a route.
pub async fn missing(index: std::path::PathBuf, request: Request) -> Response {
    if is_asset_path(request.uri().path()) || request.uri().path().starts_with("/relay") {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    match ServeFile::new(index).oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<head><script type="module" src="/a-0123456789abcdef.js"></script>
<script type="module">import init from '/a.js';await init();</script></head>"#;
        let csp = content_security_policy(html);
        assert!(
            csp.contains(&format!("'sha256-{}'", sha256_base64("import init from '/a.js';await init();"))),
            "{csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn known_hash() {
        // The value a browser reports for `alert(1)` in its CSP console message.
        assert_eq!(sha256_base64("alert(1)"), "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
    }

    #[test]
    fn hashed_names() {
        for yes in [
            "/ram-doctor-web-1a2b3c4d5e6f7081_bg.wasm",
            "/ram-doctor-web-1a2b3c4d5e6f7081.js",
            "/main-0123456789abcdef.css",
        ] {
            assert!(is_hashed_asset(yes), "{yes}");
        }
        for no in ["/index.html", "/", "/shards/ecs.json", "/ram-doctor-web.js", "/x-123.css"] {
            assert!(!is_hashed_asset(no), "{no}");
        }
    }

    #[test]
    fn asset_paths() {
        assert!(is_asset_path("/missing-0123.wasm"));
        assert!(is_asset_path("/shards/nope.json"));
        assert!(!is_asset_path("/some/shared/link"));
        assert!(!is_asset_path("/"));
    }
}
