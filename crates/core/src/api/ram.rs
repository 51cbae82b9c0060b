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
            RotateStrategy::DeleteOldestNonDefaultVersionWhenLimitExceeded => {
                "DeleteOldestNonDefaultVersionWhenLimitExceeded"
            }
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
    /// System or custom.
    pub policy_type: PolicyType,
    /// The policy's name.
    pub policy_name: String,
    /// Whether a user, a group or a role.
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
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
}

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct User {
    /// The name, unique in the account.
    pub user_name: String,
    /// The numeric id.
    pub user_id: String,
    /// The name shown in the console.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The contact email, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The contact phone, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
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

/// The answer of `GetUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetUserResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The user.
    pub user: User,
}

/// The answer of `ListUsers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListUsersResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// Whether another page follows; pass `marker` to get it.
    pub is_truncated: bool,
    /// Where the next page starts, when `is_truncated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// This page of users.
    #[serde(with = "users")]
    pub users: Vec<User>,
}

/// A user's membership of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GroupMembership {
    /// The group's name.
    pub group_name: String,
    /// The group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The group's description, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// When the user joined the group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_date: Option<String>,
}

/// The answer of `ListGroupsForUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListGroupsForUserResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// Every group the user belongs to.
    #[serde(with = "groups")]
    pub groups: Vec<GroupMembership>,
}

/// A RAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Role {
    /// The name, unique in the account.
    pub role_name: String,
    /// The numeric id.
    pub role_id: String,
    /// `acs:ram::<account>:role/<name>`: what `AssumeRole` and trust policies name.
    pub arn: String,
    /// The description, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The trust policy: who may assume the role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assume_role_policy_document: Option<String>,
    /// The longest session `AssumeRole` may give, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<u64>,
    /// When the role was created (ISO 8601, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    /// When the role was last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
}

/// The answer of `GetRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetRoleResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The role.
    pub role: Role,
}

/// A policy as an attachment lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedPolicy {
    /// The policy's name.
    pub policy_name: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// Its default version (`v1` …), the one in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version: Option<String>,
    /// The description, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it was attached (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach_date: Option<String>,
}

/// The answer of `ListPoliciesForUser` / `…Group` / `…Role`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListPoliciesResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// Every policy attached directly (not through a group).
    #[serde(with = "policies")]
    pub policies: Vec<AttachedPolicy>,
}

/// A policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Policy {
    /// The policy's name.
    pub policy_name: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// Its default version (`v1` …), the one in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version: Option<String>,
    /// The description, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many identities it is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_count: Option<u64>,
    /// When the policy was created (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    /// When the policy was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
}

/// One version of a policy, with its document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersion {
    /// `v1`, `v2` …
    pub version_id: String,
    /// Whether this version is the one in force.
    pub is_default_version: bool,
    /// The JSON document, as text.
    pub policy_document: String,
    /// When the version was created (ISO 8601, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
}

/// The answer of `GetPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPolicyResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The policy.
    pub policy: Policy,
    /// The default version with its document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_policy_version: Option<PolicyVersion>,
}

/// The answer of `CreatePolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreatePolicyResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The policy just created.
    pub policy: Policy,
}

/// The answer of `GetPolicyVersion` and `CreatePolicyVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyVersionResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The version.
    pub policy_version: PolicyVersion,
}

/// The answer of `ListPolicyVersions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListPolicyVersionsResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// Every version of the policy (at most five).
    #[serde(with = "policy_versions")]
    pub policy_versions: Vec<PolicyVersion>,
}

/// The answer of `DecodeDiagnosticMessage`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DecodeDiagnosticMessageResponse {
    /// The id to quote to Alibaba Cloud support.
    pub request_id: String,
    /// The decoded message.
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
    /// The action that was denied (`oss:GetObject`).
    pub auth_action: String,
    /// The resource it was denied on, as an ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_resource: Option<String>,
    /// Who was denied.
    pub auth_principal: AuthPrincipal,
    /// The request's condition keys and values the decision saw.
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
    /// The account the caller belongs to.
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
    /// The key (`acs:SourceIp`).
    pub condition_key: String,
    /// The request's values for it.
    pub condition_values: Vec<String>,
}

/// A policy that took part in the decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MatchedPolicy {
    /// `Allow` or `Deny`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<String>,
    /// The policy's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_identifier: Option<String>,
    /// `System` or `Custom` (or the control/session policy kind).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<String>,
    /// The version that matched (`v1` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_version: Option<String>,
    /// Where it is attached: `User`, `Group`, `Role` …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_entity_type: Option<String>,
    /// The scope it is attached at (account or resource group).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_scope: Option<String>,
}
