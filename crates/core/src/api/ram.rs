//! RAM 2015-05-01: users, groups, roles, policies and their versions, attachments, and decoding a denial's
//! `EncodedDiagnosticMessage`.

use serde::{Deserialize, Serialize};

use super::{Api, PolicyType, Product};

wrapped_list!(users, "User");
wrapped_list!(groups, "Group");
wrapped_list!(policies, "Policy");
wrapped_list!(policy_versions, "PolicyVersion");
use crate::grant::target::PrincipalKind;

request! {
    /// One RAM user, by name.
    GetUser(Ram) -> GetUserResponse { user_name: String = "UserName" }
}

request! {
    /// One page of the account's RAM users.
    #[derive(Default)]
    ListUsers(Ram) -> ListUsersResponse {
        /// Where the previous page stopped (its `Marker`).
        marker: Option<String> = "Marker",
        /// Page size, 1..1000 (100 by default).
        max_items: Option<u32> = "MaxItems",
    }
}

request! {
    /// The groups a user belongs to.
    ListGroupsForUser(Ram) -> ListGroupsForUserResponse { user_name: String = "UserName" }
}

request! {
    /// One RAM role, with its trust policy.
    GetRole(Ram) -> GetRoleResponse { role_name: String = "RoleName" }
}

request! {
    /// The policies attached to a user (not those of its groups).
    ListPoliciesForUser(Ram) -> ListPoliciesResponse { user_name: String = "UserName" }
}

request! {
    /// The policies attached to a group.
    ListPoliciesForGroup(Ram) -> ListPoliciesResponse { group_name: String = "GroupName" }
}

request! {
    /// The policies attached to a role.
    ListPoliciesForRole(Ram) -> ListPoliciesResponse { role_name: String = "RoleName" }
}

request! {
    /// A policy, with its default version's document.
    GetPolicy(Ram) -> GetPolicyResponse { policy_type: PolicyType = "PolicyType", policy_name: String = "PolicyName" }
}

request! {
    /// One version of a policy.
    GetPolicyVersion(Ram) -> PolicyVersionResponse {
        policy_type: PolicyType = "PolicyType",
        policy_name: String = "PolicyName",
        version_id: String = "VersionId",
    }
}

request! {
    /// Every version of a policy (a custom policy keeps at most 5).
    ListPolicyVersions(Ram) -> ListPolicyVersionsResponse { policy_type: PolicyType = "PolicyType", policy_name: String = "PolicyName" }
}

request! {
    /// A new custom policy (its document becomes version `v1`, the default).
    CreatePolicy(Ram) -> CreatePolicyResponse {
        policy_name: String = "PolicyName",
        policy_document: String = "PolicyDocument",
        description: Option<String> = "Description",
    }
}

/// What `CreatePolicyVersion` does when the policy already has 5 versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RotateStrategy {
    /// Fail with `LimitExceeded.Policy.Version` (the default).
    None,
    /// Delete the oldest version that is not the default, then add: only with the user's consent.
    DeleteOldestNonDefaultVersionWhenLimitExceeded,
}

impl RotateStrategy {
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            RotateStrategy::None => "None",
            RotateStrategy::DeleteOldestNonDefaultVersionWhenLimitExceeded => "DeleteOldestNonDefaultVersionWhenLimitExceeded",
        }
    }
}

impl super::ParamValue for RotateStrategy {
    fn param_value(&self) -> Option<String> {
        Some(self.as_str().to_string())
    }
}

request! {
    /// A new version of an existing custom policy.
    CreatePolicyVersion(Ram) -> PolicyVersionResponse {
        policy_name: String = "PolicyName",
        policy_document: String = "PolicyDocument",
        set_as_default: bool = "SetAsDefault",
        rotate_strategy: Option<RotateStrategy> = "RotateStrategy",
    }
}

request! {
    /// Deletes a version that is not the default.
    DeletePolicyVersion(Ram) -> RequestOnly { policy_name: String = "PolicyName", version_id: String = "VersionId" }
}

/// A policy and the user, group or role it is (to be) attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyAttachment {
    pub policy_type: PolicyType,
    pub policy_name: String,
    pub kind: PrincipalKind,
    /// The user, group or role name.
    pub name: String,
}

impl PolicyAttachment {
    fn params(&self) -> Vec<(String, String)> {
        let principal = match self.kind {
            PrincipalKind::User => "UserName",
            PrincipalKind::Group => "GroupName",
            PrincipalKind::Role => "RoleName",
        };
        vec![
            ("PolicyType".into(), self.policy_type.as_str().into()),
            ("PolicyName".into(), self.policy_name.clone()),
            (principal.into(), self.name.clone()),
        ]
    }
}

/// Declares a request on a [`PolicyAttachment`] whose action names the principal kind.
macro_rules! attachment_request {
    ($(#[$doc:meta])* $name:ident [$user:literal, $group:literal, $role:literal]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub PolicyAttachment);

        impl Api for $name {
            type Response = RequestOnly;
            const PRODUCT: Product = Product::Ram;
            fn action(&self) -> &'static str {
                match self.0.kind {
                    PrincipalKind::User => $user,
                    PrincipalKind::Group => $group,
                    PrincipalKind::Role => $role,
                }
            }
            fn params(&self) -> Vec<(String, String)> {
                self.0.params()
            }
        }
    };
}

attachment_request! {
    /// Attaches a policy (`AttachPolicyToUser` / `…Group` / `…Role`).
    AttachPolicy["AttachPolicyToUser", "AttachPolicyToGroup", "AttachPolicyToRole"]
}

attachment_request! {
    /// Detaches a policy (`DetachPolicyFromUser` / `…Group` / `…Role`).
    DetachPolicy["DetachPolicyFromUser", "DetachPolicyFromGroup", "DetachPolicyFromRole"]
}

request! {
    /// What a denial's `EncodedDiagnosticMessage` says (RAM, action `ram:DecodeDiagnosticMessage`).
    DecodeDiagnosticMessage(Ram) -> DecodeDiagnosticMessageResponse { encoded_diagnostic_message: String = "EncodedDiagnosticMessage" }
}

/// An answer with nothing but its request id (attach, detach, delete).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RequestOnly {
    pub request_id: String,
}

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct User {
    pub user_name: String,
    pub user_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
}

/// The answer of `GetUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetUserResponse {
    pub request_id: String,
    pub user: User,
}

/// The answer of `ListUsers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListUsersResponse {
    pub request_id: String,
    /// Whether another page follows; pass `marker` to get it.
    pub is_truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(with = "users")]
    pub users: Vec<User>,
}

/// A user's membership of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupMembership {
    pub group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_date: Option<String>,
}

/// The answer of `ListGroupsForUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListGroupsForUserResponse {
    pub request_id: String,
    #[serde(with = "groups")]
    pub groups: Vec<GroupMembership>,
}

/// A RAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Role {
    pub role_name: String,
    pub role_id: String,
    pub arn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The trust policy: who may assume the role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assume_role_policy_document: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
}

/// The answer of `GetRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetRoleResponse {
    pub request_id: String,
    pub role: Role,
}

/// A policy as an attachment lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedPolicy {
    pub policy_name: String,
    pub policy_type: PolicyType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach_date: Option<String>,
}

/// The answer of `ListPoliciesForUser` / `…Group` / `…Role`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListPoliciesResponse {
    pub request_id: String,
    #[serde(with = "policies")]
    pub policies: Vec<AttachedPolicy>,
}

/// A policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Policy {
    pub policy_name: String,
    pub policy_type: PolicyType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many identities it is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
}

/// One version of a policy, with its document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersion {
    /// `v1`, `v2` …
    pub version_id: String,
    pub is_default_version: bool,
    /// The JSON document, as text.
    pub policy_document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
}

/// The answer of `GetPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPolicyResponse {
    pub request_id: String,
    pub policy: Policy,
    /// The default version with its document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_policy_version: Option<PolicyVersion>,
}

/// The answer of `CreatePolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreatePolicyResponse {
    pub request_id: String,
    pub policy: Policy,
}

/// The answer of `GetPolicyVersion` and `CreatePolicyVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersionResponse {
    pub request_id: String,
    pub policy_version: PolicyVersion,
}

/// The answer of `ListPolicyVersions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListPolicyVersionsResponse {
    pub request_id: String,
    #[serde(with = "policy_versions")]
    pub policy_versions: Vec<PolicyVersion>,
}

/// The answer of `DecodeDiagnosticMessage`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DecodeDiagnosticMessageResponse {
    pub request_id: String,
    pub decoded_diagnostic_message: DecodedDiagnosticMessage,
}

/// What RAM decided and why, in full.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DecodedDiagnosticMessage {
    /// Whether a `Deny` statement decided (rather than no `Allow`).
    pub explicit_deny: bool,
    /// The layer: `AccountLevelIdentityBasedPolicy`, `ControlPolicy`, `SessionPolicy`, `AssumeRolePolicy` …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_permission_policy_type: Option<String>,
    pub auth_action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_resource: Option<String>,
    pub auth_principal: AuthPrincipal,
    pub auth_conditions: Vec<AuthCondition>,
    /// The statements' policies that matched (the deciding `Deny`, for an explicit deny).
    pub matched_policies: Vec<MatchedPolicy>,
}

/// The caller, as a denial names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AuthPrincipal {
    /// `SubUser`, `AssumedRoleUser`, `Federated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_principal_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_principal_owner_id: Option<String>,
    /// For a RAM user, its numeric id (IMS `GetUser` gives the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_principal_display_name: Option<String>,
}

/// A condition key of the request and its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AuthCondition {
    pub condition_key: String,
    pub condition_values: Vec<String>,
}

/// A policy that took part in the decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MatchedPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_entity_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_scope: Option<String>,
}
