//! One typed call: signed here, sent through the relay with `fetch`, its answer parsed by core.

use std::fmt;
use std::time::Duration;

use futures::future::LocalBoxFuture;
use ram_doctor_core::api::{self, parse_response, Api, ApiError, ApiOptions};
use ram_doctor_core::sign::{sign, Algorithm, Call, Credentials, Timestamp};

use super::relay::{relay_url, sent_by_page};

/// How long the page waits for an answer (the relay's own upstream timeouts are shorter).
const TIMEOUT: Duration = Duration::from_secs(30);

/// Why a call gave no typed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The request could not be made (a bad relay address, a call the signer refuses).
    Setup(String),
    /// Nothing came back: the relay is unreachable, the connection broke, or the wait timed out.
    Network { host: String, reason: String },
    /// An answer came back that is not the typed one: a service error, the relay's refusal, garbage.
    Api(ApiError),
}

impl CallError {
    /// The error as text for the engine, so a call's failure is diagnosed like a pasted error.
    pub fn diagnosable_text(&self) -> String {
        match self {
            CallError::Api(e) => e.diagnosable_text(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Setup(reason) => write!(f, "the request could not be made: {reason}"),
            CallError::Network { host, reason } => write!(f, "no answer from the relay for {host}: {reason}"),
            // The body says more than the parse error: a relay's one-line reason, a proxy's page, garbage.
            CallError::Api(ApiError::Unreadable { product, status, excerpt, .. }) => {
                let host = product.default_host();
                write!(
                    f,
                    "{host} answered HTTP {status}, not the API's JSON: {}",
                    if excerpt.is_empty() { "(empty)" } else { excerpt }
                )
            }
            CallError::Api(e) => write!(f, "{e}"),
        }
    }
}

/// Signs `request` with `credentials` now and sends it through the relay at `relay_base` (empty: this page's server).
pub async fn call<A: Api>(request: &A, credentials: &Credentials, relay_base: &str) -> Result<A::Response, CallError> {
    let options = ApiOptions::default();
    let (status, body) = send(api::call(request, &options), options.algorithm, credentials, relay_base).await?;
    parse_response::<A>(status, &body).map_err(CallError::Api)
}

/// The answer's status and body, for any call. Boxed behind `dyn` so that signing and `fetch` are compiled once,
/// not once per API type inside each typed `call` (every byte of the wasm is downloaded before the first diagnosis).
fn send<'a>(
    unsigned: Call,
    algorithm: Algorithm,
    credentials: &'a Credentials,
    relay_base: &'a str,
) -> LocalBoxFuture<'a, Result<(u16, Vec<u8>), CallError>> {
    Box::pin(async move {
        let now = Timestamp::from_unix((js_sys::Date::now() / 1000.0) as i64);
        let nonce = nonce().map_err(CallError::Setup)?;
        let signed =
            sign(&unsigned, algorithm, credentials, now, &nonce).map_err(|e| CallError::Setup(e.to_string()))?;
        let url =
            relay_url(relay_base, &signed.host, &signed.path_and_query).map_err(|e| CallError::Setup(e.to_string()))?;
        let network = |reason: String| CallError::Network { host: signed.host.clone(), reason };
        let controller =
            web_sys::AbortController::new().map_err(|_| network("the browser cannot abort requests".into()))?;
        let mut builder = gloo_net::http::RequestBuilder::new(&url)
            .method(method(&signed.method))
            .abort_signal(Some(&controller.signal()));
        for (name, value) in signed.headers.iter().filter(|(name, _)| sent_by_page(name)) {
            builder = builder.header(name, value);
        }
        let request = if signed.body.is_empty() {
            builder.build()
        } else {
            builder.body(js_sys::Uint8Array::from(signed.body.as_slice()))
        }
        .map_err(|e| CallError::Setup(e.to_string()))?;
        leptos::prelude::set_timeout(move || controller.abort(), TIMEOUT);
        let response = request.send().await.map_err(|e| network(fetch_reason(&e.to_string())))?;
        let status = response.status();
        let body = response.binary().await.map_err(|e| network(fetch_reason(&e.to_string())))?;
        Ok((status, body))
    })
}

fn method(name: &str) -> gloo_net::http::Method {
    match name {
        "GET" => gloo_net::http::Method::GET,
        _ => gloo_net::http::Method::POST,
    }
}

/// A readable reason for a failed `fetch` (an abort is our timeout).
fn fetch_reason(error: &str) -> String {
    if error.contains("abort") {
        format!("no answer within {} seconds", TIMEOUT.as_secs())
    } else {
        error.to_string()
    }
}

/// 16 random bytes from `crypto.getRandomValues`, as hex: a signature nonce the server has never seen.
fn nonce() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    let crypto =
        leptos::prelude::window().crypto().map_err(|_| "the browser has no crypto.getRandomValues".to_string())?;
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| "crypto.getRandomValues failed".to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
