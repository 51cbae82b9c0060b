//! `ram-doctor-emulator`: a local RAM + STS + IMS endpoint for tests and demo mode.
//!
//! One handler serves every product at one address. A request is read with core's signer (`sign::read_received`),
//! routed by its `Host` header when that names a product, else by its API version; then, in order: fault mode,
//! authentication (`auth`), the permission check with the project's simulator (`authz`), and the API itself
//! (`api`, against the account in `state`). The emulator is the only part of the project with a clock: the
//! server's, which tests may move forward ([`Clock::advance`]).

pub mod api;
pub mod auth;
pub mod authz;
pub mod error;
pub mod fault;
pub mod state;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value};

use ram_doctor_core::api::ram::DecodedDiagnosticMessage;
use ram_doctor_core::sign::{Received, Secret, Timestamp};
use ram_doctor_core::Catalog;

use api::{Ctx, Params, Product};
use auth::{AccessKey, KeyKind, Keys, Nonces};
use authz::RequestFacts;
use error::Failure;
use fault::{Fault, FaultKind};
use state::Account;

/// The server's clock: the system's, plus a shift tests can add to reach an expiry without waiting.
#[derive(Debug, Default)]
pub struct Clock {
    shift: AtomicI64,
}

impl Clock {
    /// Seconds since the epoch.
    pub fn now(&self) -> i64 {
        let system = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        system + self.shift.load(Ordering::Relaxed)
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.shift.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// An `--access-key ID:SECRET` value. The secret is a [`Secret`]: it never prints.
#[derive(Debug, Clone)]
pub struct KeyArg {
    pub id: String,
    pub secret: Secret,
}

impl std::str::FromStr for KeyArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.split_once(':') {
            Some((id, secret)) if !id.is_empty() && !secret.is_empty() => {
                Ok(KeyArg { id: id.to_string(), secret: Secret::new(secret) })
            }
            // The text holds the secret: never repeat it.
            _ => Err("an access key is given as ID:SECRET".to_string()),
        }
    }
}

/// What the emulator starts with.
#[derive(Debug, Default)]
pub struct Config {
    pub keys: Vec<KeyArg>,
    pub account: Account,
    pub faults: Vec<Fault>,
    /// BENCH ONLY (`--bench-allow-replay`): accept a signature nonce seen before, so a load generator can repeat one
    /// pre-signed call. Off unless asked for; announced on stdout, stderr and `/healthz`.
    pub bench_allow_replay: bool,
}

/// What `/healthz` and the start-up lines say when a bench-only flag is on.
pub fn bench_notice(allow_replay: bool) -> Option<&'static str> {
    allow_replay.then_some("BENCH-ONLY: signature nonce replay check lifted (--bench-allow-replay)")
}

/// Everything that changes while serving, behind one lock.
struct World {
    account: Account,
    keys: Keys,
    nonces: Nonces,
    /// Encoded diagnostic message → decoded.
    diagnostics: HashMap<String, DecodedDiagnosticMessage>,
}

/// A running emulator's state.
pub struct Emulator {
    world: Mutex<World>,
    catalog: Catalog,
    faults: Vec<Fault>,
    bench_allow_replay: bool,
    pub clock: Clock,
}

/// How a call ends.
enum Outcome {
    Answer(Result<Value, Failure>),
    Reset,
    Garbage,
}

fn random16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the operating system provides randomness");
    bytes
}

impl Emulator {
    /// An emulator for `config`; a state file's account must already be [`Account::complete`]d.
    pub fn new(config: Config) -> Result<Emulator, String> {
        let catalog = Catalog::embedded().map_err(|e| format!("the built-in catalog does not load: {e}"))?;
        let mut keys = Keys::default();
        for k in config.keys {
            keys.insert(k.id, AccessKey { secret: k.secret, kind: KeyKind::LongTerm });
        }
        let world = World { account: config.account, keys, nonces: Nonces::default(), diagnostics: HashMap::new() };
        Ok(Emulator {
            world: Mutex::new(world),
            catalog,
            faults: config.faults,
            bench_allow_replay: config.bench_allow_replay,
            clock: Clock::default(),
        })
    }

    /// The account as it is now (what `GET /__emulator/state` shows).
    pub fn account(&self) -> Account {
        self.world.lock().expect("no panic holds the lock").account.clone()
    }

    /// Serves one call; returns the product (for `HostId`) and the action (for the log) with the outcome.
    async fn serve(&self, received: &Received<'_>, host: &str, source: IpAddr) -> (Option<Product>, String, Outcome) {
        let presented = match auth::read(received) {
            Ok(p) => p,
            Err(f) => return (api::product_by_host(host, &self.catalog), String::new(), Outcome::Answer(Err(f))),
        };
        let action = presented.action.clone().unwrap_or_default();
        let by_host = api::product_by_host(host, &self.catalog);
        let Some(version) = presented.version.clone().filter(|v| !v.is_empty()) else {
            return (by_host, action, Outcome::Answer(Err(Failure::MissingCommon("Version"))));
        };
        let product = match by_host.or_else(|| api::product_by_version(&version)) {
            Some(p) if p.version() == version => p,
            other => return (other, action, Outcome::Answer(Err(Failure::InvalidVersion(version)))),
        };
        if let Err(failure) = auth::check_rpc_method(&presented) {
            return (Some(product), action, Outcome::Answer(Err(failure)));
        }
        let Some(api) = api::find(product, &action) else {
            return (Some(product), action.clone(), Outcome::Answer(Err(Failure::InvalidAction(action))));
        };
        for fault in self.faults.iter().filter(|f| f.applies_to(&action)) {
            match fault.kind {
                FaultKind::Latency(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
                FaultKind::Status(status) => {
                    return (Some(product), action, Outcome::Answer(Err(Failure::Injected(status))))
                }
                FaultKind::Reset => return (Some(product), action, Outcome::Reset),
                FaultKind::Garbage => return (Some(product), action, Outcome::Garbage),
            }
        }
        let mut world = self.world.lock().expect("no panic holds the lock");
        let answer = self.run(&mut world, api, &presented, source);
        (Some(product), action, Outcome::Answer(answer))
    }

    fn run(
        &self,
        world: &mut World,
        api: &api::Api,
        presented: &ram_doctor_core::sign::Presented,
        source: IpAddr,
    ) -> Result<Value, Failure> {
        let now = self.clock.now();
        let World { account, keys, nonces, diagnostics } = world;
        // Bench only: a fresh record each call, so no nonce is ever seen before.
        let mut forgetful = auth::Nonces::default();
        let nonces = if self.bench_allow_replay { &mut forgetful } else { nonces };
        let caller = auth::authenticate(presented, keys, nonces, account, now)?;
        let params = Params(presented.params.clone());
        if let Some((action, resources)) = api.authorize {
            let needs: Vec<(String, String)> =
                resources(&params, &account.account_id)?.into_iter().map(|r| (action.to_string(), r)).collect();
            let facts = RequestFacts { source_ip: source.to_string(), now: Timestamp::from_unix(now).to_iso8601() };
            if let Err(denial) = authz::check(&caller, &needs, &facts, account, &self.catalog) {
                let encoded = authz::encode_diagnostic(&random16());
                diagnostics.insert(encoded.clone(), denial.decoded.clone());
                return Err(denial.into_failure(&account.account_id, &encoded));
            }
        }
        let mut ctx =
            Ctx { account, keys, catalog: &self.catalog, caller: &caller, now, diagnostics, random: &random16 };
        (api.run)(&mut ctx, &params)
    }
}

/// The router: `GET /__emulator/state` for tests, `GET /healthz` (which names any bench-only flag), every other
/// request is an API call.
pub fn app(emulator: Arc<Emulator>) -> Router {
    let health = match bench_notice(emulator.bench_allow_replay) {
        Some(notice) => format!("ok\n{notice}"),
        None => "ok".to_string(),
    };
    Router::new()
        .route("/__emulator/state", get(show_state))
        .route("/healthz", get(move || async move { health }))
        .fallback(call)
        .with_state(emulator)
}

/// Serves `app` on a bound listener until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    emulator: Arc<Emulator>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(emulator).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

async fn show_state(State(emulator): State<Arc<Emulator>>) -> Json<Account> {
    Json(emulator.account())
}

async fn call(
    State(emulator): State<Arc<Emulator>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let request_id = uuid::Uuid::new_v4().to_string().to_uppercase();
    let list: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    let received = Received {
        method: method.as_str(),
        path: uri.path(),
        raw_query: uri.query().unwrap_or(""),
        headers: &list,
        body: &body,
    };
    let (product, action, outcome) = emulator.serve(&received, &host, peer.ip()).await;
    let product = product.unwrap_or(Product::Ram);
    let (status, shown) = match &outcome {
        Outcome::Answer(Ok(_)) => (200, "OK".to_string()),
        Outcome::Answer(Err(f)) => (f.status(), f.code()),
        Outcome::Reset => (0, "reset (fault)".into()),
        Outcome::Garbage => (200, "garbage (fault)".into()),
    };
    // One line per call; never a header, parameter, key id, signature or token.
    tracing::info!(
        "{} {} {} -> {} {} ({} ms)",
        method,
        api::label(product),
        action,
        status,
        shown,
        started.elapsed().as_millis()
    );
    let host_id =
        if api::product_by_host(&host, &emulator.catalog).is_some() { host.as_str() } else { product.default_host() };
    match outcome {
        Outcome::Answer(Ok(fields)) => {
            let mut body = Map::new();
            body.insert("RequestId".into(), Value::String(request_id.clone()));
            // Core's response types carry an empty `RequestId`: the server's goes first.
            if let Value::Object(fields) = fields {
                body.extend(fields.into_iter().filter(|(k, _)| k != "RequestId"));
            }
            json_response(200, &request_id, Value::Object(body))
        }
        Outcome::Answer(Err(f)) => {
            json_response(f.status(), &request_id, f.body(&request_id, host_id, api::label(product)))
        }
        Outcome::Garbage => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
            "<html><body>upstream garbage {\"Req",
        )
            .into_response(),
        // A body that fails before its first byte: the server drops the connection without an answer.
        Outcome::Reset => Response::new(Body::from_stream(futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "fault: reset"))
        }))),
    }
}

fn json_response(status: u16, request_id: &str, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(body)).into_response();
    if let Ok(value) = request_id.parse() {
        response.headers_mut().insert("x-acs-request-id", value);
    }
    response
}
