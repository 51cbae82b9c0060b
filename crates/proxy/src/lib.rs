//! The proxy as a library, so tests can start it in-process on any port.

use std::path::{Path, PathBuf};

use axum::{routing::get, Router};
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

/// Largest request body accepted. The page only sends small signed RAM calls.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What the proxy serves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built (`dist/`).
    pub dist: PathBuf,
}

/// The whole app: static files from `dist` (precompressed `.br`/`.gz` when present, else compressed on the fly),
/// `index.html` for any other path (the page keeps its state in the URL), and `GET /healthz`.
pub fn app(config: &Config) -> Router {
    let index = config.dist.join("index.html");
    let files = ServeDir::new(&config.dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index));
    Router::new()
        .route("/healthz", get(healthz))
        .fallback_service(files)
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
}

async fn healthz() -> &'static str {
    "ok"
}

/// Checks that `dist` looks like a built page, with a message that says how to build one.
pub fn check_dist(dist: &Path) -> Result<(), String> {
    if dist.join("index.html").is_file() {
        Ok(())
    } else {
        Err(format!(
            "{} has no index.html: build the page first (`cargo xtask serve` builds and serves it)",
            dist.display()
        ))
    }
}
