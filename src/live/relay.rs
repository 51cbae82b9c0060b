//! Where a signed request goes: `{relay}/relay/{host}{path_and_query}`, the relay's public path shape.

use std::fmt;

/// Why the relay address typed in the page cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayBaseError {
    /// Not `http://…` or `https://…` (and not empty, which means "this page's own server").
    NotHttp { given: String },
    /// A query or fragment would swallow the relay path.
    HasQuery { given: String },
}

impl fmt::Display for RelayBaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelayBaseError::NotHttp { given } => {
                write!(
                    f,
                    "\"{given}\" is not an http:// or https:// address (leave it empty to use this page's server)"
                )
            }
            RelayBaseError::HasQuery { given } => {
                write!(f, "\"{given}\" has a ? or #: give the relay's base address only")
            }
        }
    }
}

/// The URL a signed request for `host` is sent to. An empty `base` means the page's own server, as a relative
/// URL (`relay/…`), so a page deployed under a sub-path calls the relay under that same sub-path.
pub fn relay_url(base: &str, host: &str, path_and_query: &str) -> Result<String, RelayBaseError> {
    let base = base.trim();
    let path = if path_and_query.starts_with('/') { path_and_query.to_string() } else { format!("/{path_and_query}") };
    if base.is_empty() {
        return Ok(format!("relay/{host}{path}"));
    }
    let lower = base.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(RelayBaseError::NotHttp { given: base.to_string() });
    }
    if base.contains(['?', '#']) {
        return Err(RelayBaseError::HasQuery { given: base.to_string() });
    }
    Ok(format!("{}/relay/{host}{path}", base.trim_end_matches('/')))
}

/// Headers the browser sends itself: `host` is signed but set by the browser (the relay restores it upstream).
pub fn sent_by_page(name: &str) -> bool {
    !name.eq_ignore_ascii_case("host")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_by_default_as_a_relative_url() {
        assert_eq!(relay_url("", "ram.aliyuncs.com", "/?a=1").unwrap(), "relay/ram.aliyuncs.com/?a=1");
        assert_eq!(relay_url("  ", "sts.aliyuncs.com", "/").unwrap(), "relay/sts.aliyuncs.com/");
    }

    #[test]
    fn a_relay_elsewhere_keeps_its_sub_path() {
        let url = relay_url("https://tools.example.org/ram-doctor/", "ram.aliyuncs.com", "/?x=%20").unwrap();
        assert_eq!(url, "https://tools.example.org/ram-doctor/relay/ram.aliyuncs.com/?x=%20");
    }

    #[test]
    fn bad_bases_are_refused_with_a_reason() {
        assert!(matches!(relay_url("ftp://x", "ram.aliyuncs.com", "/"), Err(RelayBaseError::NotHttp { .. })));
        assert!(matches!(relay_url("relay.example.org", "ram.aliyuncs.com", "/"), Err(RelayBaseError::NotHttp { .. })));
        assert!(matches!(relay_url("https://x/?a", "ram.aliyuncs.com", "/"), Err(RelayBaseError::HasQuery { .. })));
        let message = relay_url("javascript:alert(1)", "ram.aliyuncs.com", "/").unwrap_err().to_string();
        assert!(message.contains("http://"), "{message}");
    }

    #[test]
    fn the_browser_sets_host_itself() {
        assert!(!sent_by_page("Host") && !sent_by_page("host"));
        assert!(sent_by_page("authorization") && sent_by_page("x-acs-date"));
    }
}
