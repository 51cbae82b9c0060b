//! What the live commands (`whoami`, `gap`, `apply`, `decode`) share: where the AccessKey comes from (the
//! environment variables or an `aliyun` CLI profile, never a flag), sending core's signed requests over HTTPS
//! (rustls) — or to `--endpoint`, still signed for the product's own host so the emulator routes by `Host` —
//! and printing a refused call as the engine's diagnosis of its error response.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ram_doctor_core::api::{parse_response, signed_request, Api, ApiError, ApiOptions};
use ram_doctor_core::sign::{Credentials, Timestamp};
use serde::Deserialize;

/// Exit code of a call Alibaba Cloud refused (diagnosed) or that could not be made.
pub const CALL_FAILED: u8 = 1;

/// The flags every live command takes.
#[derive(clap::Args, Clone)]
pub struct LiveArgs {
    /// Use this profile of the aliyun CLI (~/.aliyun/config.json; modes AK and StsToken) instead of the
    /// ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN environment variables.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Send every product's calls to this base URL, e.g. the emulator's http://127.0.0.1:PORT/ (requests still
    /// sign for ram.aliyuncs.com, sts.aliyuncs.com, ims.aliyuncs.com).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Explain a refused call in Simplified Chinese.
    #[arg(long)]
    pub zh: bool,
}

/// Why no AccessKey could be found. No variant carries a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialError {
    /// Neither the environment variables nor an aliyun CLI configuration.
    NoneFound { env: String },
    /// `--profile` without a configuration file.
    NoConfig { path: PathBuf },
    /// The configuration file is not the aliyun CLI's JSON.
    Unreadable { path: PathBuf, reason: String },
    /// No profile of that name.
    NoProfile { name: String, available: Vec<String> },
    /// A mode other than `AK` and `StsToken` (RamRoleArn, EcsRamRole …).
    UnsupportedMode { name: String, mode: String },
    /// The profile lacks a field its mode needs.
    Incomplete { name: String, field: &'static str },
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialError::NoneFound { env } => {
                write!(
                    f,
                    "{env}; or configure the aliyun CLI (aliyun configure) and pick a profile with --profile NAME"
                )
            }
            CredentialError::NoConfig { path } => {
                write!(f, "no aliyun CLI configuration at {}", path.display())
            }
            CredentialError::Unreadable { path, reason } => {
                write!(f, "{} is not an aliyun CLI configuration: {reason}", path.display())
            }
            CredentialError::NoProfile { name, available } if available.is_empty() => {
                write!(f, "no profile \"{name}\": the configuration has none")
            }
            CredentialError::NoProfile { name, available } => {
                write!(f, "no profile \"{name}\" (profiles: {})", available.join(", "))
            }
            CredentialError::UnsupportedMode { name, mode } => {
                write!(f, "profile \"{name}\" has mode {mode}; ram-doctor reads modes AK and StsToken")
            }
            CredentialError::Incomplete { name, field } => {
                write!(f, "profile \"{name}\" has no {field}")
            }
        }
    }
}

/// `~/.aliyun/config.json` as far as credentials go (the aliyun CLI's own field names).
#[derive(Deserialize)]
struct AliyunConfig {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<AliyunProfile>,
}

#[derive(Deserialize)]
struct AliyunProfile {
    name: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    access_key_secret: String,
    #[serde(default)]
    sts_token: String,
}

/// The aliyun CLI's configuration file under the home directory.
fn aliyun_config_path() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(|home| Path::new(&home).join(".aliyun").join("config.json"))
}

/// The named profile (or the file's current one) as credentials.
fn from_profile(path: &Path, wanted: Option<&str>) -> Result<Credentials, CredentialError> {
    let text = std::fs::read_to_string(path).map_err(|_| CredentialError::NoConfig { path: path.into() })?;
    let config: AliyunConfig = serde_json::from_str(&text)
        .map_err(|e| CredentialError::Unreadable { path: path.into(), reason: e.to_string() })?;
    let name = wanted.unwrap_or(if config.current.is_empty() { "default" } else { &config.current });
    let profile = config.profiles.iter().find(|p| p.name == name).ok_or_else(|| CredentialError::NoProfile {
        name: name.into(),
        available: config.profiles.iter().map(|p| p.name.clone()).collect(),
    })?;
    let need = |value: &str, field: &'static str| {
        if value.trim().is_empty() {
            Err(CredentialError::Incomplete { name: name.into(), field })
        } else {
            Ok(value.trim().to_string())
        }
    };
    let key = || -> Result<Credentials, CredentialError> {
        Ok(Credentials::new(
            need(&profile.access_key_id, "access_key_id")?,
            need(&profile.access_key_secret, "access_key_secret")?,
        ))
    };
    match profile.mode.as_str() {
        "AK" | "" => key(),
        "StsToken" => Ok(key()?.with_security_token(need(&profile.sts_token, "sts_token")?)),
        other => Err(CredentialError::UnsupportedMode { name: name.into(), mode: other.into() }),
    }
}

/// The AccessKey: `--profile` names an aliyun CLI profile; otherwise the environment variables; otherwise the
/// aliyun CLI's current profile.
pub fn credentials(profile: Option<&str>) -> Result<Credentials, CredentialError> {
    let path = aliyun_config_path();
    if let Some(name) = profile {
        let path = path.ok_or_else(|| CredentialError::NoConfig { path: PathBuf::from("~/.aliyun/config.json") })?;
        return from_profile(&path, Some(name));
    }
    match crate::credentials::from_env() {
        Ok(c) => Ok(c),
        Err(env) => match path.filter(|p| p.is_file()) {
            Some(path) => from_profile(&path, None),
            None => Err(CredentialError::NoneFound { env }),
        },
    }
}

/// Why a call gave no answer.
#[derive(Debug)]
pub enum CallError {
    /// Alibaba Cloud answered with an error (or an unreadable body): the engine diagnoses it.
    Api { action: String, error: ApiError },
    /// The request could not be signed (an empty or malformed field).
    Sign { action: String, reason: String },
    /// No answer: connection refused or reset, timeout, TLS failure.
    Transport { action: String, url: String, reason: String },
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Api { action, error } => write!(f, "{action}: {error}"),
            CallError::Sign { action, reason } => {
                write!(f, "{action}: cannot sign the request: {reason}")
            }
            CallError::Transport { action, url, reason } => write!(f, "{action}: no answer from {url}: {reason}"),
        }
    }
}

impl CallError {
    /// The API's error code, for a refused call.
    pub fn code(&self) -> Option<&str> {
        match self {
            CallError::Api { error: ApiError::Service(e), .. } => Some(&e.code),
            _ => None,
        }
    }
}

/// Why `--endpoint` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    pub given: String,
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--endpoint {:?}: give a base URL such as http://127.0.0.1:8080/ (http or https, no path or query)",
            self.given
        )
    }
}

/// A `--endpoint` URL without its trailing slash, checked.
fn endpoint_base(given: &str) -> Result<String, EndpointError> {
    let err = || EndpointError { given: given.into() };
    let rest = given.strip_prefix("http://").or_else(|| given.strip_prefix("https://")).ok_or_else(err)?;
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() || authority.contains(['/', '?', '#', '@', ' ']) {
        return Err(err());
    }
    Ok(given.trim_end_matches('/').to_string())
}

/// Signs and sends typed calls.
pub struct Client {
    credentials: Credentials,
    options: ApiOptions,
    /// `--endpoint`: every call goes here, with the product's host in the `Host` header.
    endpoint: Option<String>,
    agent: ureq::Agent,
    /// Explain failures in Chinese.
    zh: bool,
}

/// A fresh random signature nonce (the server refuses a repeated one).
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the operating system provides randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signing time, and `acs:CurrentTime` for the simulator.
pub fn now() -> Timestamp {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Where a call went, for a message: the query (the request's parameters) left out.
fn url_without_query(url: &str) -> String {
    url.split_once('?').map_or(url, |(base, _)| base).to_string()
}

/// The most of a response body read (RAM's answers are small; a policy document is at most 6 KiB).
const MAX_BODY: u64 = 4 << 20;

impl Client {
    /// A client for `args`; a usage problem (no AccessKey, a bad endpoint) is printed and gives exit code 2.
    pub fn from_args(args: &LiveArgs) -> Result<Client, ExitCode> {
        let credentials = credentials(args.profile.as_deref()).map_err(|e| crate::input::fail(&e.to_string()))?;
        let endpoint =
            args.endpoint.as_deref().map(endpoint_base).transpose().map_err(|e| crate::input::fail(&e.to_string()))?;
        let agent =
            ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(10)).timeout(Duration::from_secs(30)).build();
        Ok(Client { credentials, options: ApiOptions::default(), endpoint, agent, zh: args.zh })
    }

    /// Signs `request` now and sends it; a non-2xx answer is parsed into the API's error.
    pub fn call<A: Api>(&self, request: &A) -> Result<A::Response, CallError> {
        let action = request.action().to_string();
        let signed = signed_request(request, &self.options, &self.credentials, now(), &nonce())
            .map_err(|e| CallError::Sign { action: action.clone(), reason: e.to_string() })?;
        let url = match &self.endpoint {
            Some(base) => format!("{base}{}", signed.path_and_query),
            None => signed.url(),
        };
        let mut http = self.agent.request(&signed.method, &url);
        for (name, value) in &signed.headers {
            http = http.set(name, value);
        }
        let transport =
            |reason: String| CallError::Transport { action: action.clone(), url: url_without_query(&url), reason };
        let response = match http.send_bytes(&signed.body) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                return Err(transport(
                    t.kind().to_string() + &t.message().map(|m| format!(": {m}")).unwrap_or_default(),
                ))
            }
        };
        let status = response.status();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(response.into_reader(), MAX_BODY), &mut body)
            .map_err(|e| transport(e.to_string()))?;
        parse_response::<A>(status, &body).map_err(|error| CallError::Api { action, error })
    }

    /// Prints a failed call: a refused one as the engine's diagnosis of its error response (as if pasted into
    /// `diagnose`), and for a denial, whose AccessKey it was (STS `GetCallerIdentity` needs no permission), so
    /// an administrator knows whom to grant. Other failures print as one line. Returns exit code 1.
    pub fn report_failure(&self, error: &CallError) -> ExitCode {
        eprintln!("ram-doctor: {error}");
        let CallError::Api { error: api @ ApiError::Service(service), .. } = error else {
            return ExitCode::from(CALL_FAILED);
        };
        let catalog = match crate::input::embedded_catalog() {
            Ok(c) => c,
            Err(code) => return code,
        };
        let diagnosis = ram_doctor_core::diagnose(&api.diagnosable_text(), &catalog);
        if let Err(code) = crate::diagnose::print(&diagnosis, &catalog, false, self.zh) {
            return code;
        }
        if service.access_denied_detail.is_some() {
            if let Ok(me) = self.call(&ram_doctor_core::api::sts::GetCallerIdentity {}) {
                let who = match (me.user_name(), me.role_name()) {
                    (Some(user), _) => format!("user:{user}"),
                    (None, Some(role)) => format!("role:{role}"),
                    (None, None) => me.identity_type.clone(),
                };
                println!(
                    "\nThe refused AccessKey belongs to {} ({who}): an administrator grants the above to {who}.",
                    me.arn
                );
            }
        }
        ExitCode::from(CALL_FAILED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_takes_a_base_url_only() {
        assert_eq!(endpoint_base("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(endpoint_base("https://ram.example").unwrap(), "https://ram.example");
        for bad in ["127.0.0.1:8080", "ftp://x/", "http://", "http://h/path", "http://h/?q=1", "http://user@h/"] {
            assert_eq!(endpoint_base(bad), Err(EndpointError { given: bad.into() }), "{bad}");
        }
    }

    fn profile_file(json: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), json).unwrap();
        f
    }

    #[test]
    fn profiles_in_ak_and_sts_token_mode() {
        let f = profile_file(
            r#"{"current":"dev","profiles":[
                {"name":"dev","mode":"AK","access_key_id":"LTAIdev","access_key_secret":"dev-secret-value"},
                {"name":"tmp","mode":"StsToken","access_key_id":"STS.tmp","access_key_secret":"tmp-secret","sts_token":"tok"},
                {"name":"role","mode":"RamRoleArn","access_key_id":"LTAIx","access_key_secret":"x"},
                {"name":"half","mode":"StsToken","access_key_id":"STS.h","access_key_secret":"h"}]}"#,
        );
        let current = from_profile(f.path(), None).unwrap();
        assert_eq!(
            (current.access_key_id.as_str(), current.access_key_secret.expose()),
            ("LTAIdev", "dev-secret-value")
        );
        assert!(current.security_token.is_none());
        let sts = from_profile(f.path(), Some("tmp")).unwrap();
        assert_eq!(sts.security_token.as_ref().map(|t| t.expose()), Some("tok"));
        assert_eq!(
            from_profile(f.path(), Some("role")).unwrap_err(),
            CredentialError::UnsupportedMode { name: "role".into(), mode: "RamRoleArn".into() }
        );
        assert_eq!(
            from_profile(f.path(), Some("half")).unwrap_err(),
            CredentialError::Incomplete { name: "half".into(), field: "sts_token" }
        );
        let missing = from_profile(f.path(), Some("prod")).unwrap_err();
        assert_eq!(missing.to_string(), "no profile \"prod\" (profiles: dev, tmp, role, half)");
        for e in [missing, from_profile(f.path(), Some("half")).unwrap_err()] {
            assert!(!e.to_string().contains("secret"), "{e}");
        }
    }

    #[test]
    fn a_broken_configuration_is_named_not_quoted() {
        let f = profile_file(r#"{"profiles":[{"name":"x","access_key_secret":"do-not-print" "#);
        let e = from_profile(f.path(), None).unwrap_err();
        assert!(matches!(e, CredentialError::Unreadable { .. }), "{e:?}");
        assert!(!e.to_string().contains("do-not-print"), "{e}");
    }
}
