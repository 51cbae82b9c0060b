//! STS 2015-04-01: who is calling, and temporary credentials for a role.

use serde::{Deserialize, Serialize};

use crate::sign::{Credentials, Secret};

request! {
    /// Who the AccessKey belongs to.
    GetCallerIdentity(Sts) -> CallerIdentity {}
}

/// The answer of `GetCallerIdentity`, with the API's own field names (what `whoami --json` prints).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CallerIdentity {
    /// `Account`, `RAMUser` or `AssumedRoleUser`.
    pub identity_type: String,
    /// The account's numeric id.
    pub account_id: String,
    /// The caller's principal id (a user id, or `<role id>:<session name>`).
    pub principal_id: String,
    /// The RAM user's id, for a RAM user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The role's id, for an assumed role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// `acs:ram::<account>:user/<name>` or `acs:ram::<account>:assumed-role/<role>/<session>`.
    pub arn: String,
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
}

impl CallerIdentity {
    /// The RAM user's name from the ARN, for a RAM user.
    pub fn user_name(&self) -> Option<&str> {
        self.arn.split_once(":user/").map(|(_, name)| name)
    }

    /// The role's name from the ARN, for an assumed role.
    pub fn role_name(&self) -> Option<&str> {
        let rest = self.arn.split_once(":assumed-role/")?.1;
        Some(rest.split_once('/').map_or(rest, |(role, _)| role))
    }
}

request! {
    /// Temporary credentials for a RAM role.
    AssumeRole(Sts) -> AssumeRoleResponse {
        /// `acs:ram::<account>:role/<name>`.
        role_arn: String = "RoleArn",
        role_session_name: String = "RoleSessionName",
        /// A session policy: the session gets the intersection of it and the role's policies.
        policy: Option<String> = "Policy",
        duration_seconds: Option<u32> = "DurationSeconds",
        external_id: Option<String> = "ExternalId",
    }
}

/// The answer of `AssumeRole`. Not serializable: it holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeRoleResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The session's identity.
    pub assumed_role_user: AssumedRoleUser,
    /// The temporary AccessKey.
    pub credentials: TemporaryCredentials,
}

/// The session's identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssumedRoleUser {
    /// `<role id>:<session name>`.
    pub assumed_role_id: String,
    /// `acs:ram::<account>:assumed-role/<role>/<session>`.
    pub arn: String,
}

/// The temporary AccessKey; its secret and token are [`Secret`]s.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TemporaryCredentials {
    /// The temporary AccessKey id (`STS.…`).
    pub access_key_id: String,
    /// Its secret.
    pub access_key_secret: Secret,
    /// The token sent with every call signed by this key.
    pub security_token: Secret,
    /// When they stop working (`2015-04-09T11:52:19Z`).
    pub expiration: String,
}

impl TemporaryCredentials {
    /// Credentials to sign further calls with.
    pub fn to_credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.clone(),
            access_key_secret: self.access_key_secret.clone(),
            security_token: Some(self.security_token.clone()),
        }
    }
}
