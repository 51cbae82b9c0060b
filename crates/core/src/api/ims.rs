//! IMS 2019-08-15: the user behind a numeric id (`AuthPrincipalDisplayName` in a denial is a user id).

use serde::{Deserialize, Serialize};

request! {
    /// One RAM user, by id (IMS, unlike RAM's `GetUser`, which takes the name).
    GetUser(Ims) -> GetUserResponse {
        /// The numeric user id.
        user_id: String = "UserId",
    }
}

/// The answer of IMS `GetUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetUserResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The user.
    pub user: ImsUser,
}

/// A user as IMS describes it: named by its principal name, `alice@123456.onaliyun.com`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ImsUser {
    /// `alice@123456.onaliyun.com`: the RAM user name, `@`, the account's default domain.
    pub user_principal_name: String,
    /// The numeric id a denial's `AuthPrincipalDisplayName` carries.
    pub user_id: String,
    /// The name shown in the console.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The contact email, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The description, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// When the user was created (ISO 8601, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    /// When the user was last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
    /// When the user last signed in to the console.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
}

impl ImsUser {
    /// The RAM user name: the principal name before `@` (what RAM's `GetUser` and the grant take).
    pub fn user_name(&self) -> &str {
        self.user_principal_name.split_once('@').map_or(self.user_principal_name.as_str(), |(name, _)| name)
    }
}
