//! Who may use `/relay/…`: requests addressed to this server by one of its own names (DNS-rebinding defence)
//! and coming from this page's origin or one named with `--allow-origin`. Static files and `/healthz` skip it.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::refusal::Refusal;

/// The `Host` values this server answers the relay for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListenNames {
    /// Bound to all interfaces (a container or server behind a load balancer): the public names are not
    /// known here, so any `Host` is accepted and the origin check carries the weight.
    Any,
    /// Bound to one address: that address, and for loopback also `localhost`, each with the port.
    Only(Vec<String>),
}

impl ListenNames {
    /// The names for a bound address.
    pub fn for_addr(addr: SocketAddr) -> ListenNames {
        let ip = addr.ip();
        if ip.is_unspecified() {
            return ListenNames::Any;
        }
        let port = addr.port();
        let mut hosts = vec![match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        }];
        if ip.is_loopback() {
            for name in ["localhost", "127.0.0.1", "[::1]"] {
                if !hosts.iter().any(|h| h == name) {
                    hosts.push(name.to_string());
                }
            }
        }
        let mut names: Vec<String> = hosts.iter().map(|h| format!("{h}:{port}")).collect();
        if port == 80 {
            names.extend(hosts);
        }
        ListenNames::Only(names)
    }

    fn accepts(&self, host: &str) -> bool {
        match self {
            ListenNames::Any => true,
            ListenNames::Only(names) => names.iter().any(|n| n.eq_ignore_ascii_case(host)),
        }
    }
}

/// What the guard needs from the configuration.
#[derive(Debug, Clone)]
pub struct Guard {
    pub names: ListenNames,
    /// Extra origins allowed to call the relay (`--allow-origin`), as `scheme://host[:port]`.
    pub origins: Vec<String>,
}

impl Guard {
    /// Decides on the request's `Host`, the authority of an absolute-form target, `Origin` and `Sec-Fetch-Site`.
    pub fn check(
        &self,
        host: Option<&str>,
        target_authority: Option<&str>,
        origin: Option<&str>,
        fetch_site: Option<&str>,
    ) -> Result<(), Refusal> {
        // HTTP/2 carries the name only as the target's authority.
        let host = host.or(target_authority).ok_or(Refusal::MissingHost)?;
        if !self.names.accepts(host) || target_authority.is_some_and(|a| !a.eq_ignore_ascii_case(host)) {
            return Err(Refusal::ForeignHost(host.to_string()));
        }
        match origin {
            Some(origin) if self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin)) => Ok(()),
            Some(origin) if origin_authority(origin).is_some_and(|a| a.eq_ignore_ascii_case(host)) => Ok(()),
            Some(origin) => Err(Refusal::ForeignOrigin(origin.to_string())),
            // Browsers leave out `Origin` on some same-origin GETs but always send `Sec-Fetch-Site`;
            // a client with neither is not a browser (curl, `ram-doctor sign`) and cannot be cross-site.
            None => match fetch_site {
                None | Some("same-origin") | Some("none") => Ok(()),
                Some(site) => Err(Refusal::CrossSite(site.to_string())),
            },
        }
    }
}

/// Checks an `--allow-origin` value and spells it as a browser sends `Origin`: `http(s)://host[:port]`, lower
/// case, no default port, no path.
pub fn parse_origin(value: &str) -> Result<String, crate::ConfigError> {
    let bad = || crate::ConfigError::Origin { given: value.to_string() };
    let url = url::Url::parse(value).map_err(|_| bad())?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if plain {
        Ok(url.origin().ascii_serialization())
    } else {
        Err(bad())
    }
}

/// `host[:port]` of an `http(s)://host[:port]` origin.
fn origin_authority(origin: &str) -> Option<&str> {
    let rest = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"))?;
    (!rest.is_empty() && !rest.contains(['/', '@'])).then_some(rest)
}

/// The guard as axum middleware in front of the relay.
pub async fn guard(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let verdict = {
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
        guard.check(
            header(HOST.as_str()),
            request.uri().authority().map(|a| a.as_str()),
            header(ORIGIN.as_str()),
            header("sec-fetch-site"),
        )
    };
    match verdict {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            tracing::info!(target: "relay", "{} refused {}: {refusal}", request.method(), refusal.status().as_u16());
            refusal.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Guard {
        Guard {
            names: ListenNames::for_addr("127.0.0.1:8080".parse().unwrap()),
            origins: vec!["https://tools.example.org".into()],
        }
    }

    #[test]
    fn allowed_origins_are_spelled_as_browsers_send_them() {
        assert_eq!(parse_origin("https://Tools.Example.org/").as_deref(), Ok("https://tools.example.org"));
        assert_eq!(parse_origin("https://example.org:443").as_deref(), Ok("https://example.org"));
        assert_eq!(parse_origin("http://localhost:8081").as_deref(), Ok("http://localhost:8081"));
        for bad in
            ["*", "null", "example.org", "https://example.org/tools/", "ftp://example.org", "https://u@example.org"]
        {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn loopback_names() {
        let ListenNames::Only(names) = ListenNames::for_addr("127.0.0.1:8080".parse().unwrap()) else { panic!() };
        assert_eq!(names, ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"]);
        assert_eq!(ListenNames::for_addr("0.0.0.0:8080".parse().unwrap()), ListenNames::Any);
    }

    #[test]
    fn same_origin_and_listed_origins_pass() {
        let g = local();
        assert_eq!(g.check(Some("127.0.0.1:8080"), None, Some("http://127.0.0.1:8080"), Some("same-origin")), Ok(()));
        assert_eq!(g.check(Some("localhost:8080"), None, None, Some("same-origin")), Ok(()));
        assert_eq!(g.check(Some("localhost:8080"), None, None, None), Ok(()));
        assert_eq!(g.check(None, Some("localhost:8080"), None, None), Ok(()), "HTTP/2: the authority is the host");
        assert_eq!(
            g.check(Some("localhost:8080"), None, Some("https://tools.example.org"), Some("cross-site")),
            Ok(())
        );
    }

    #[test]
    fn rebinding_and_foreign_origins_are_refused() {
        let g = local();
        assert_eq!(
            g.check(Some("evil.example:8080"), None, None, None),
            Err(Refusal::ForeignHost("evil.example:8080".into()))
        );
        assert_eq!(
            g.check(Some("127.0.0.1:9999"), None, None, None),
            Err(Refusal::ForeignHost("127.0.0.1:9999".into()))
        );
        assert_eq!(g.check(None, None, None, None), Err(Refusal::MissingHost));
        assert_eq!(
            g.check(Some("127.0.0.1:8080"), Some("evil.example"), None, None),
            Err(Refusal::ForeignHost("127.0.0.1:8080".into()))
        );
        assert_eq!(
            g.check(Some("127.0.0.1:8080"), None, Some("https://evil.example"), Some("cross-site")),
            Err(Refusal::ForeignOrigin("https://evil.example".into()))
        );
        assert_eq!(
            g.check(Some("127.0.0.1:8080"), None, Some("null"), None),
            Err(Refusal::ForeignOrigin("null".into()))
        );
        assert_eq!(
            g.check(Some("127.0.0.1:8080"), None, None, Some("cross-site")),
            Err(Refusal::CrossSite("cross-site".into()))
        );
        assert_eq!(
            g.check(Some("127.0.0.1:8080"), None, None, Some("same-site")),
            Err(Refusal::CrossSite("same-site".into()))
        );
    }
}
