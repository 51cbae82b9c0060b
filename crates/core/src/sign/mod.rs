//! Signing requests to Alibaba Cloud's RPC-style APIs (RAM, STS, IMS) — and checking a received request's
//! signature with the same functions, so the emulator verifies exactly what the client signs.
//!
//! Two algorithms: V3 (`ACS3-HMAC-SHA256`, what current SDKs send) and the older RPC signature (HMAC-SHA1,
//! `SignatureVersion=1.0`). The clock and the nonce are inputs: signing is a pure function.

mod compare;
mod credentials;
pub mod encode;
pub mod rpc;
mod time;
pub mod v3;

use std::fmt;
use std::str::FromStr;

pub use compare::{compare_strings_to_sign, signature_mismatch_message, Comparison};
pub use credentials::{Credentials, Secret};
pub use time::{Timestamp, TimestampError};

use encode::{canonical_query, parse_query, percent_encode};

/// `Content-Type` of a form body, the only body the RPC signature covers.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Which signature to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// `ACS3-HMAC-SHA256` in the `Authorization` header (the default of current SDKs).
    #[default]
    V3,
    /// HMAC-SHA1 in the `Signature` parameter.
    Rpc,
}

impl FromStr for Algorithm {
    type Err = SignError;

    fn from_str(s: &str) -> Result<Self, SignError> {
        match s.to_ascii_lowercase().as_str() {
            "v3" | "acs3-hmac-sha256" => Ok(Algorithm::V3),
            "rpc" | "v1" | "hmac-sha1" => Ok(Algorithm::Rpc),
            _ => Err(SignError::UnknownAlgorithm { name: s.to_string() }),
        }
    }
}

/// Why a request cannot be signed, or a received one cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The `Algorithm` named is neither V3 nor RPC.
    UnknownAlgorithm {
        /// The name, as given.
        name: String,
    },
    /// A required part of the call is empty (`host`, `action`, `version`, `nonce`, `access key id`).
    Empty {
        /// Which part.
        what: &'static str,
    },
    /// Only GET and POST carry RPC-style calls.
    BadMethod {
        /// The method, as given.
        method: String,
    },
    /// The host must be a bare DNS name (no scheme, path, port, userinfo or spaces).
    BadHost {
        /// The host, as given.
        host: String,
    },
    /// The RPC signature covers only form bodies.
    RpcBodyNotForm {
        /// The body's media type.
        content_type: String,
    },
    /// A received request carries neither an `ACS3-HMAC-SHA256` authorization nor a `Signature` parameter.
    Unsigned,
    /// A received `Authorization` header cannot be read.
    BadAuthorization {
        /// What is wrong with it.
        reason: String,
    },
    /// A received RPC request lacks a common parameter.
    MissingParameter {
        /// The parameter's name.
        name: &'static str,
    },
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::UnknownAlgorithm { name } => {
                write!(f, "unknown signature algorithm \"{name}\" (use v3 or rpc)")
            }
            SignError::Empty { what } => write!(f, "the {what} is empty"),
            SignError::BadMethod { method } => write!(f, "method \"{method}\" is not GET or POST"),
            SignError::BadHost { host } => {
                write!(f, "\"{host}\" is not a host name like ram.aliyuncs.com")
            }
            SignError::RpcBodyNotForm { content_type } => {
                write!(f, "the RPC signature covers only {FORM_CONTENT_TYPE} bodies, not {content_type}")
            }
            SignError::Unsigned => write!(f, "the request carries no signature"),
            SignError::BadAuthorization { reason } => {
                write!(f, "the Authorization header is malformed: {reason}")
            }
            SignError::MissingParameter { name } => {
                write!(f, "the request has no {name} parameter")
            }
        }
    }
}

impl std::error::Error for SignError {}

/// A request body and its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Its media type (`application/x-www-form-urlencoded`).
    pub content_type: String,
    /// The bytes, as sent.
    pub bytes: Vec<u8>,
}

impl Body {
    /// A form body (`a=1&b=2`), encoded like the query.
    pub fn form(params: &[(String, String)]) -> Self {
        Body { content_type: FORM_CONTENT_TYPE.to_string(), bytes: canonical_query(params).into_bytes() }
    }

    fn is_form(&self) -> bool {
        self.content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case(FORM_CONTENT_TYPE))
    }
}

/// One RPC-style API call, before signing. `params` are raw values; signing encodes them into the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// `GET` or `POST`.
    pub method: String,
    /// `ram.aliyuncs.com`.
    pub host: String,
    /// `CreatePolicy`.
    pub action: String,
    /// `2015-05-01`.
    pub version: String,
    /// The parameters, raw: signing encodes them.
    pub params: Vec<(String, String)>,
    /// A body, for POST.
    pub body: Option<Body>,
}

/// A signed request, ready to send, with the intermediate strings for showing and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The product host, which the `Host` header must carry (also when the request goes through a relay).
    pub host: String,
    /// `/?…`: the encoded query exactly as signed; append to any base URL (an emulator, a relay).
    pub path_and_query: String,
    /// Headers to send. `host` is listed because it is signed; a browser sets it by itself.
    pub headers: Vec<(String, String)>,
    /// The body, as signed.
    pub body: Vec<u8>,
    /// V3: the canonical request; RPC: the canonicalized query string.
    pub canonical_request: String,
    /// The string the signature is computed over.
    pub string_to_sign: String,
    /// The signature, as sent.
    pub signature: String,
    /// V3 only: the `Authorization` header's value.
    pub authorization: Option<String>,
}

impl SignedRequest {
    /// `https://{host}/?…`.
    pub fn url(&self) -> String {
        format!("https://{}{}", self.host, self.path_and_query)
    }
}

fn check_call(call: &Call, credentials: &Credentials, nonce: &str) -> Result<String, SignError> {
    let method = call.method.to_ascii_uppercase();
    if method != "GET" && method != "POST" {
        return Err(SignError::BadMethod { method: call.method.clone() });
    }
    let host_ok =
        |h: &str| h.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if call.host.is_empty() {
        return Err(SignError::Empty { what: "host" });
    }
    if !host_ok(&call.host) {
        return Err(SignError::BadHost { host: call.host.clone() });
    }
    for (what, value) in [
        ("action", &call.action),
        ("version", &call.version),
        ("nonce", &nonce.to_string()),
        ("access key id", &credentials.access_key_id),
    ] {
        if value.trim().is_empty() {
            return Err(SignError::Empty { what });
        }
    }
    Ok(method)
}

/// Signs `call` at `time` with a fresh `nonce` (callers make it unique per request: the server refuses a repeat).
pub fn sign(
    call: &Call,
    algorithm: Algorithm,
    credentials: &Credentials,
    time: Timestamp,
    nonce: &str,
) -> Result<SignedRequest, SignError> {
    let method = check_call(call, credentials, nonce)?;
    match algorithm {
        Algorithm::V3 => Ok(sign_v3(call, method, credentials, time, nonce)),
        Algorithm::Rpc => sign_rpc(call, method, credentials, time, nonce),
    }
}

fn sign_v3(call: &Call, method: String, credentials: &Credentials, time: Timestamp, nonce: &str) -> SignedRequest {
    let body = call.body.as_ref().map(|b| b.bytes.clone()).unwrap_or_default();
    let payload = v3::hashed_payload(&body);
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), call.host.clone()),
        ("x-acs-action".into(), call.action.clone()),
        ("x-acs-version".into(), call.version.clone()),
        ("x-acs-date".into(), time.to_iso8601()),
        ("x-acs-signature-nonce".into(), nonce.to_string()),
        ("x-acs-content-sha256".into(), payload.clone()),
    ];
    if let Some(token) = &credentials.security_token {
        headers.push(("x-acs-security-token".into(), token.expose().to_string()));
    }
    if let Some(b) = &call.body {
        headers.push(("content-type".into(), b.content_type.clone()));
    }
    let signed = v3::signed_header_names(&headers);
    let canonical_request = v3::canonical_request(&method, "/", &call.params, &headers, &signed, &payload);
    let string_to_sign = v3::string_to_sign(&canonical_request);
    let signature = v3::signature(credentials.access_key_secret.expose(), &string_to_sign);
    let authorization = v3::authorization(&credentials.access_key_id, &signed, &signature);
    headers.push(("authorization".into(), authorization.clone()));
    let query = canonical_query(&call.params);
    SignedRequest {
        method,
        host: call.host.clone(),
        path_and_query: if query.is_empty() { "/".into() } else { format!("/?{query}") },
        headers,
        body,
        canonical_request,
        string_to_sign,
        signature,
        authorization: Some(authorization),
    }
}

fn sign_rpc(
    call: &Call,
    method: String,
    credentials: &Credentials,
    time: Timestamp,
    nonce: &str,
) -> Result<SignedRequest, SignError> {
    let mut query: Vec<(String, String)> = [
        ("Action", call.action.as_str()),
        ("Version", call.version.as_str()),
        ("Format", "JSON"),
        ("AccessKeyId", credentials.access_key_id.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    query.push(("Timestamp".into(), time.to_iso8601()));
    if let Some(token) = &credentials.security_token {
        query.push(("SecurityToken".into(), token.expose().to_string()));
    }
    // A parameter the caller gives replaces the common one (`Format=XML`), to reproduce what another client sent.
    query.retain(|(k, _)| !call.params.iter().any(|(p, _)| p == k));
    query.extend(call.params.iter().cloned());
    let mut headers = vec![("host".to_string(), call.host.clone())];
    let mut signed = query.clone();
    if let Some(b) = &call.body {
        if !b.is_form() {
            return Err(SignError::RpcBodyNotForm { content_type: b.content_type.clone() });
        }
        signed.extend(parse_query(&String::from_utf8_lossy(&b.bytes)));
        headers.push(("content-type".into(), b.content_type.clone()));
    }
    let canonical_request = rpc::canonicalized_query(&signed);
    let string_to_sign = rpc::string_to_sign(&method, &canonical_request);
    let signature = rpc::signature(credentials.access_key_secret.expose(), &string_to_sign);
    let path_and_query =
        format!("/?{}&{}={}", canonical_query(&query), rpc::SIGNATURE_PARAM, percent_encode(&signature));
    Ok(SignedRequest {
        method,
        host: call.host.clone(),
        path_and_query,
        headers,
        body: call.body.as_ref().map(|b| b.bytes.clone()).unwrap_or_default(),
        canonical_request,
        string_to_sign,
        signature,
        authorization: None,
    })
}

/// A request as a server received it: what a verifier needs.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// `GET`, `POST` …
    pub method: &'a str,
    /// The path without the query (`/`).
    pub path: &'a str,
    /// The raw query string after `?`, still encoded.
    pub raw_query: &'a str,
    /// Every header received (names in any case).
    pub headers: &'a [(String, String)],
    /// The body, as received.
    pub body: &'a [u8],
}

impl Received<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What a received request claims, and the strings the server computes from it to check the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// The algorithm the request was signed with.
    pub algorithm: Algorithm,
    /// The AccessKey id it names.
    pub access_key_id: String,
    /// The signature as sent.
    pub signature: String,
    /// `x-acs-date` / `Timestamp` as sent (check with [`Timestamp::parse`] and the server's clock).
    pub timestamp: Option<String>,
    /// `x-acs-signature-nonce` / `SignatureNonce`.
    pub nonce: Option<String>,
    /// `x-acs-security-token` / `SecurityToken`.
    pub security_token: Option<Secret>,
    /// `x-acs-action` / `Action`.
    pub action: Option<String>,
    /// `x-acs-version` / `Version`.
    pub version: Option<String>,
    /// The decoded query parameters followed by the form body's.
    pub params: Vec<(String, String)>,
    /// The server's canonical request (RPC: canonicalized query string).
    pub canonical_request: String,
    /// The server's string to sign: what `SignatureDoesNotMatch` quotes.
    pub string_to_sign: String,
}

impl Presented {
    /// Whether the signature sent is the one `secret` gives (compared in constant time).
    pub fn verify(&self, secret: &Secret) -> bool {
        let expected = match self.algorithm {
            Algorithm::V3 => v3::signature(secret.expose(), &self.string_to_sign),
            Algorithm::Rpc => rpc::signature(secret.expose(), &self.string_to_sign),
        };
        expected.len() == self.signature.len()
            && expected.bytes().zip(self.signature.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// Reads a received request's signature and recomputes the server's canonical strings, with the same functions
/// the signer uses. The caller then looks the AccessKey up and calls [`Presented::verify`].
pub fn read_received(req: &Received) -> Result<Presented, SignError> {
    let mut params = parse_query(req.raw_query);
    let is_form = req.header("content-type").is_some_and(|t| Body { content_type: t.into(), bytes: vec![] }.is_form());
    let form = if is_form { parse_query(&String::from_utf8_lossy(req.body)) } else { Vec::new() };
    match req.header("authorization").filter(|a| a.trim_start().starts_with(v3::ALGORITHM)) {
        Some(value) => {
            let auth = v3::Authorization::parse(value)?;
            let payload = v3::hashed_payload(req.body);
            let canonical_request =
                v3::canonical_request(req.method, req.path, &params, req.headers, &auth.signed_headers, &payload);
            let string_to_sign = v3::string_to_sign(&canonical_request);
            params.extend(form);
            let h = |name: &str| req.header(name).map(str::to_string);
            Ok(Presented {
                algorithm: Algorithm::V3,
                access_key_id: auth.access_key_id,
                signature: auth.signature,
                timestamp: h("x-acs-date"),
                nonce: h("x-acs-signature-nonce"),
                security_token: h("x-acs-security-token").map(Secret::new),
                action: h("x-acs-action"),
                version: h("x-acs-version"),
                params,
                canonical_request,
                string_to_sign,
            })
        }
        None => {
            params.extend(form);
            let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            let signature = get(rpc::SIGNATURE_PARAM).ok_or(SignError::Unsigned)?;
            let access_key_id = get("AccessKeyId").ok_or(SignError::MissingParameter { name: "AccessKeyId" })?;
            let canonical_request = rpc::canonicalized_query(&params);
            let string_to_sign = rpc::string_to_sign(req.method, &canonical_request);
            Ok(Presented {
                algorithm: Algorithm::Rpc,
                access_key_id,
                signature,
                timestamp: get("Timestamp"),
                nonce: get("SignatureNonce"),
                security_token: get("SecurityToken").map(Secret::new),
                action: get("Action"),
                version: get("Version"),
                canonical_request,
                string_to_sign,
                params,
            })
        }
    }
}

#[cfg(test)]
mod tests;
