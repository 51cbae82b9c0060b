//! The AccessKey a request is signed with. The secret lives in a newtype that never prints itself.

use std::fmt;

/// A value that must not leak: its `Debug` is redacted and it has no `Display`. Read it with [`Secret::expose`]
/// only where it is used (an HMAC key, a request header).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Read from a response (STS `AssumeRole` returns a secret and a token).
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(d).map(Secret)
    }
}

/// An AccessKey pair, with the security token when it comes from STS (`AssumeRole`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// `LTAI…` for a long-term key, `STS.…` for a temporary one. Not secret, but not for logs either.
    pub access_key_id: String,
    /// The secret that signs; redacted in `Debug`.
    pub access_key_secret: Secret,
    /// Sent as `x-acs-security-token` (V3) or `SecurityToken` (RPC).
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// A long-term AccessKey.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    /// Temporary STS credentials.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret_or_token() {
        let c = Credentials::new("LTAIexample", "s3cr3t-value").with_security_token("tok3n-value");
        let shown = format!("{c:?} {c:#?}");
        assert!(shown.contains("LTAIexample"));
        assert!(!shown.contains("s3cr3t-value") && !shown.contains("tok3n-value"), "{shown}");
        assert_eq!(c.access_key_secret.expose(), "s3cr3t-value");
    }
}
