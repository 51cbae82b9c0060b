//! Where the CLI's AccessKey comes from: the environment variables Alibaba Cloud's own tools read. Never a flag,
//! so a secret does not end up in shell history or `ps`.

use ram_doctor_core::sign::Credentials;

/// The AccessKey ID variable.
pub const ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The AccessKey secret variable.
pub const ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The STS token variable, for temporary credentials.
pub const SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// Reads the AccessKey from the environment; the error names the missing variables (never a value).
pub fn from_env() -> Result<Credentials, String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    match (var(ACCESS_KEY_ID), var(ACCESS_KEY_SECRET)) {
        (Some(id), Some(secret)) => {
            let creds = Credentials::new(id.trim(), secret.trim());
            Ok(match var(SECURITY_TOKEN) {
                Some(token) => creds.with_security_token(token.trim()),
                None => creds,
            })
        }
        (id, secret) => {
            let missing: Vec<&str> = [(id.is_none(), ACCESS_KEY_ID), (secret.is_none(), ACCESS_KEY_SECRET)]
                .iter()
                .filter(|(absent, _)| *absent)
                .map(|(_, name)| *name)
                .collect();
            Err(format!("no AccessKey: set {} (and {SECURITY_TOKEN} for STS credentials)", missing.join(" and ")))
        }
    }
}
