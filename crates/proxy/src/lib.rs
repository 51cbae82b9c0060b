//! The proxy as a library, so tests can start it in-process on any port: it serves the built page and relays
//! signed RAM/STS calls to allow-listed hosts (`relay`), behind the checks in `guard` and the limits below.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::{any, get};
use axum::{BoxError, Router};
use tower::ServiceBuilder;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, services::ServeDir,
    set_header::SetResponseHeaderLayer, timeout::RequestBodyTimeoutLayer, trace::TraceLayer,
};

pub mod guard;
pub mod host;
pub mod page;
pub mod refusal;
pub mod relay;

pub use host::AllowList;
pub use relay::Upstream;

/// Largest request body accepted. The page only sends small signed RAM calls.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Largest upstream answer passed back (RAM's longest lists fit many times over).
pub const MAX_UPSTREAM_BYTES: usize = 2 * 1024 * 1024;

/// Timeouts and rates for the relay.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connecting to an upstream.
    pub connect_timeout: Duration,
    /// One upstream call, connect to last byte.
    pub upstream_timeout: Duration,
    /// The longest pause while a client sends a request body.
    pub body_idle_timeout: Duration,
    /// Relayed calls in flight at once; more wait their turn.
    pub concurrency: usize,
    /// Calls one client may make at once before the rate applies.
    pub burst: u32,
    /// One more call per client each `period`.
    pub period: Duration,
}

impl Default for Limits {
    /// A page session may make 60 calls at once and 10 a second after that (160 in any 10 s).
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(5),
            upstream_timeout: Duration::from_secs(20),
            body_idle_timeout: Duration::from_secs(10),
            concurrency: 64,
            burst: 60,
            period: Duration::from_millis(100),
        }
    }
}

/// What the proxy serves and relays.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder Trunk built (`dist/`).
    pub dist: PathBuf,
    /// The address actually listened on: the relay answers only to its names.
    pub addr: SocketAddr,
    pub allow: AllowList,
    /// Origins besides this page's that may call the relay (`--allow-origin`).
    pub allow_origins: Vec<String>,
    /// Test-only upstream overrides (`--upstream`).
    pub upstreams: Vec<Upstream>,
    pub limits: Limits,
    /// BENCH ONLY (`--bench-no-rate-limit`): no per-client rate limit on the relay, so a load generator on one
    /// address measures relaying, not refusals. Off unless asked for; announced on stdout, stderr and `/healthz`.
    pub bench_no_rate_limit: bool,
}

impl Config {
    /// Serves `dist` on `addr` with the default allow-list and limits, no overrides.
    pub fn new(dist: PathBuf, addr: SocketAddr) -> Config {
        Config {
            dist,
            addr,
            allow: AllowList::default(),
            allow_origins: Vec::new(),
            upstreams: Vec::new(),
            limits: Limits::default(),
            bench_no_rate_limit: false,
        }
    }

    /// What `/healthz` and the start-up lines say about test- and bench-only flags, one line each.
    pub fn notices(&self) -> String {
        let mut notices = relay::override_notice(&self.upstreams);
        if self.bench_no_rate_limit {
            notices.push_str("BENCH-ONLY: per-client rate limit lifted (--bench-no-rate-limit)\n");
        }
        notices
    }

    /// Every override must name an allow-listed host: the override changes where, never whether.
    pub fn check(&self) -> Result<(), ConfigError> {
        match self.upstreams.iter().find(|u| host::parse_relay_host(&u.host, &self.allow).is_err()) {
            Some(u) => Err(ConfigError::UpstreamNotAllowed { host: u.host.clone() }),
            None => Ok(()),
        }
    }
}

/// Why the proxy will not start with the flags given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// An `--allow-host` the relay could never reach safely (an IP, a port, …).
    AllowHost { host: String, reason: host::HostError },
    /// An `--allow-origin` that is not `http(s)://host[:port]`.
    Origin { given: String },
    /// An `--upstream` for a host the allow-list refuses.
    UpstreamNotAllowed { host: String },
    /// `--dist` holds no built page.
    NoPage { dist: PathBuf },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::AllowHost { host, reason } => write!(f, "--allow-host {host}: {reason}"),
            ConfigError::Origin { given } => {
                write!(f, "--allow-origin {given:?} is not an origin like https://page.example.org")
            }
            ConfigError::UpstreamNotAllowed { host } => {
                write!(f, "--upstream {host} is not an allowed host (add --allow-host {host})")
            }
            ConfigError::NoPage { dist } => write!(
                f,
                "{} has no index.html: build the page first (`cargo xtask serve` builds and serves it)",
                dist.display()
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The whole app: the page from `dist` (precompressed `.br`/`.gz` when present, else compressed on the fly;
/// `index.html` for page routes, 404 for missing assets), `GET /healthz`, and the relay under `/relay/`.
pub fn app(config: &Config) -> Router {
    let index = config.dist.join("index.html");
    let files = ServeDir::new(&config.dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback((move |request| page::missing(index.clone(), request)).into_service());
    let health = format!("ok\n{}", config.notices());
    let health = health.trim_end().to_string();
    let site = Router::new()
        .route("/healthz", get(move || async move { health }))
        .fallback_service(files)
        .layer(axum::middleware::from_fn(page::cache_control))
        .layer(CompressionLayer::new());

    let mut app = site.merge(relay_routes(config));
    for (name, value) in page::security_headers(&config.dist) {
        app = app.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    app.layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)).layer(
        // The span names the path only: a relayed query string carries signatures and AccessKey IDs.
        TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
            tracing::debug_span!("http", method = %request.method(), path = %request.uri().path())
        }),
    )
}

/// `/relay…`, inside (outermost first): the per-client rate limit (unless `bench_no_rate_limit`), CORS for `--allow-origin`, the Host/Origin guard, the body idle
/// timeout, an overall deadline and the concurrency limit.
fn relay_routes(config: &Config) -> Router {
    let limits = &config.limits;
    let state = Arc::new(relay::Relay::new(config.allow.clone(), config.upstreams.clone(), limits));
    let guard = Arc::new(guard::Guard {
        names: guard::ListenNames::for_addr(config.addr),
        origins: config.allow_origins.clone(),
    });
    let rate = GovernorConfigBuilder::default()
        .period(limits.period)
        .burst_size(limits.burst)
        .error_handler(|error| {
            let wait = match error {
                tower_governor::GovernorError::TooManyRequests { wait_time, .. } => {
                    format!("; wait {wait_time} s")
                }
                _ => String::new(),
            };
            let mut response =
                axum::response::Response::new(format!("relay: too many calls from this client{wait}\n").into());
            *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
            response
        })
        .finish()
        .expect("burst and period are non-zero");
    // Forget clients that have been quiet, so the rate table does not grow without bound.
    let limiter = rate.limiter().clone();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                limiter.retain_recent();
            }
        });
    }
    let rate = Arc::new(rate);
    let deadline = limits.connect_timeout + limits.upstream_timeout + limits.body_idle_timeout;
    let routes = Router::new()
        .route("/relay", any(relay::relay))
        .route("/relay/", any(relay::relay))
        .route("/relay/{*rest}", any(relay::relay))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { refusal::Refusal::UpstreamTimeout }))
                .timeout(deadline)
                .concurrency_limit(limits.concurrency),
        )
        .layer(RequestBodyTimeoutLayer::new(limits.body_idle_timeout))
        .layer(axum::middleware::from_fn_with_state(guard, guard::guard))
        .layer(cors(&config.allow_origins));
    if config.bench_no_rate_limit {
        return routes;
    }
    routes.layer(GovernorLayer { config: rate })
}

/// CORS for a page hosted elsewhere (`--allow-origin`): its preflights are answered and its calls may read the
/// answer. Requested headers are mirrored because only the signing headers are forwarded anyway; no cookies.
fn cors(origins: &[String]) -> CorsLayer {
    let origins = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok());
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods(AllowMethods::mirror_request())
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([HeaderName::from_static("x-acs-request-id")])
        .max_age(Duration::from_secs(600))
}

/// Serves `app` on `listener`, giving handlers the client's address (the rate limit's key).
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
}

/// Checks that `dist` looks like a built page, with a message that says how to build one.
pub fn check_dist(dist: &Path) -> Result<(), ConfigError> {
    if dist.join("index.html").is_file() {
        Ok(())
    } else {
        Err(ConfigError::NoPage { dist: dist.to_path_buf() })
    }
}

/// `--healthcheck`: asks the proxy on `addr` (loopback when it listens on all interfaces) for `/healthz`.
/// A scratch container has no shell or curl, so the binary checks itself.
pub async fn healthcheck(addr: SocketAddr) -> std::process::ExitCode {
    let target = if addr.ip().is_unspecified() {
        SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
    } else {
        addr
    };
    let client = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(3)).build();
    let answer = match client {
        Ok(client) => client.get(format!("http://{target}/healthz")).send().await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(response) if response.status().is_success() => std::process::ExitCode::SUCCESS,
        Ok(response) => {
            eprintln!("ram-doctor-proxy: /healthz on {target} answered {}", response.status());
            std::process::ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("ram-doctor-proxy: /healthz on {target}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
