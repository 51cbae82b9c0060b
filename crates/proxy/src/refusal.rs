//! Every way a relayed call ends without the upstream's own answer: one status and one line of reason each.

use std::fmt;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::host::{ForbiddenAddress, HostError};

/// Why the relay did not pass an upstream answer back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A method no Alibaba Cloud API uses (TRACE, CONNECT, …).
    Method(String),
    /// The `{host}` segment broke a rule or is not allow-listed.
    Host(HostError),
    /// No `Host` header.
    MissingHost,
    /// `Host` (or an absolute-form target) is not one of this server's names: DNS rebinding or a misroute.
    ForeignHost(String),
    /// `Origin` is neither this page's nor one named with `--allow-origin`.
    ForeignOrigin(String),
    /// No `Origin`, and `Sec-Fetch-Site` says the request came from another site.
    CrossSite(String),
    /// The allow-listed host resolved to an address the relay never reaches.
    ForbiddenAddress { host: String, class: ForbiddenAddress },
    /// The request body is over the limit.
    BodyTooLarge,
    /// The request body stopped arriving.
    BodyTimeout,
    /// The request body could not be read for another reason.
    BodyUnreadable,
    /// The upstream answered with a redirect; the relay never follows one.
    UpstreamRedirect(u16),
    /// The upstream's answer is over the response cap.
    UpstreamTooLarge,
    /// The upstream did not connect or answer in time.
    UpstreamTimeout,
    /// The upstream could not be reached (DNS, TLS, connection).
    UpstreamUnreachable(String),
}

impl Refusal {
    /// The status: 4xx for what the client sent (429 is left to the rate limit), 5xx for upstream faults.
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::Method(_) => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::Host(HostError::NotAllowed(_)) => StatusCode::FORBIDDEN,
            Refusal::Host(_) | Refusal::MissingHost | Refusal::BodyUnreadable => StatusCode::BAD_REQUEST,
            Refusal::ForeignHost(_) => StatusCode::MISDIRECTED_REQUEST,
            Refusal::ForeignOrigin(_) | Refusal::CrossSite(_) | Refusal::ForbiddenAddress { .. } => {
                StatusCode::FORBIDDEN
            }
            Refusal::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Refusal::UpstreamRedirect(_) | Refusal::UpstreamTooLarge | Refusal::UpstreamUnreachable(_) => {
                StatusCode::BAD_GATEWAY
            }
            Refusal::UpstreamTimeout => StatusCode::GATEWAY_TIMEOUT,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Method(m) => write!(f, "the relay does not forward {} requests", clip(m)),
            Refusal::Host(e) => write!(f, "{e}"),
            Refusal::MissingHost => write!(f, "the request has no Host header"),
            Refusal::ForeignHost(h) => write!(f, "Host {} is not this server's name", clip(h)),
            Refusal::ForeignOrigin(o) => {
                write!(f, "origin {} may not use this relay (start the proxy with --allow-origin to allow it)", clip(o))
            }
            Refusal::CrossSite(s) => write!(f, "a {} request may not use this relay", clip(s)),
            Refusal::ForbiddenAddress { host, class } => write!(f, "{host} resolves to {class}"),
            Refusal::BodyTooLarge => write!(f, "the request body is over {} bytes", crate::MAX_BODY_BYTES),
            Refusal::BodyTimeout => write!(f, "the request body stopped arriving"),
            Refusal::BodyUnreadable => write!(f, "the request body could not be read"),
            Refusal::UpstreamRedirect(code) => {
                write!(f, "the upstream answered {code} (a redirect); the relay does not follow redirects")
            }
            Refusal::UpstreamTooLarge => write!(f, "the upstream's answer is over {} bytes", crate::MAX_UPSTREAM_BYTES),
            Refusal::UpstreamTimeout => write!(f, "the upstream did not answer in time"),
            Refusal::UpstreamUnreachable(host) => write!(f, "{host} could not be reached"),
        }
    }
}

/// Keeps echoed client text to one short line.
fn clip(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(100).collect()
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status(), [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("relay: {self}\n"))
            .into_response()
    }
}
