//! The live calls behind the gap and apply, each failure naming the API that failed.

use ram_doctor_core::api::ims::GetUser as ImsGetUser;
use ram_doctor_core::api::ram::{
    AttachedPolicy, GetPolicy, ListGroupsForUser, ListPoliciesForGroup, ListPoliciesForRole, ListPoliciesForUser,
    PolicyVersion,
};
use ram_doctor_core::api::{Api, ApiError, PolicyType};
use ram_doctor_core::finding::Principal;
use ram_doctor_core::gap::{AttachedDocument, Via};
use ram_doctor_core::grant::{PrincipalKind, Target};
use ram_doctor_core::sign::Credentials;

use super::call::{call, CallError};

/// A failed call: the API's name and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub action: String,
    pub error: CallError,
}

impl Failed {
    /// The service's error code, when the service answered with one (`EntityNotExist.Policy`).
    pub fn code(&self) -> Option<&str> {
        match &self.error {
            CallError::Api(ApiError::Service(e)) => Some(&e.code),
            _ => None,
        }
    }
}

/// The key and the relay: what every call needs.
#[derive(Debug, Clone)]
pub struct Session {
    pub credentials: Credentials,
    pub relay: String,
}

impl Session {
    /// One call; a failure names the action.
    pub async fn call<A: Api>(&self, request: &A) -> Result<A::Response, Failed> {
        call(request, &self.credentials, &self.relay)
            .await
            .map_err(|error| Failed { action: request.action().to_string(), error })
    }
}

/// Who the error is about, as a target: a sub-user named by its numeric id (`AuthPrincipalDisplayName`) is looked
/// up with IMS `GetUser`; an assumed role's `Role:Session` names the role. `None` when the error does not say.
pub async fn principal_target(principal: &Principal, session: &Session) -> Result<Option<Target>, Failed> {
    let Some(name) = principal.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    match principal.kind.as_deref() {
        Some("AssumedRoleUser") => {
            let role = name.split_once(':').map_or(name, |(role, _)| role);
            Ok(Target::named(PrincipalKind::Role, role).ok())
        }
        Some("SubUser") | None if name.chars().all(|c| c.is_ascii_digit()) => {
            let user = session.call(&ImsGetUser { user_id: name.to_string() }).await?.user;
            Ok(Target::named(PrincipalKind::User, user.user_name()).ok())
        }
        Some("SubUser") | None => Ok(Target::named(PrincipalKind::User, name).ok()),
        Some(_) => Ok(None),
    }
}

/// Every policy that applies to `target` today: its own and, for a user, its groups'.
pub async fn attached_policies(target: &Target, session: &Session) -> Result<Vec<AttachedDocument>, Failed> {
    let name = target.name.clone().unwrap_or_default();
    let mut listed: Vec<(Via, AttachedPolicy)> = Vec::new();
    match target.kind {
        PrincipalKind::User => {
            let own = session.call(&ListPoliciesForUser { user_name: name.clone() }).await?;
            listed.extend(own.policies.into_iter().map(|p| (Via::Direct, p)));
            let groups = session.call(&ListGroupsForUser { user_name: name }).await?;
            for group in groups.groups {
                let theirs = session.call(&ListPoliciesForGroup { group_name: group.group_name.clone() }).await?;
                listed.extend(theirs.policies.into_iter().map(|p| (Via::Group(group.group_name.clone()), p)));
            }
        }
        PrincipalKind::Group => {
            let theirs = session.call(&ListPoliciesForGroup { group_name: name }).await?;
            listed.extend(theirs.policies.into_iter().map(|p| (Via::Direct, p)));
        }
        PrincipalKind::Role => {
            let theirs = session.call(&ListPoliciesForRole { role_name: name }).await?;
            listed.extend(theirs.policies.into_iter().map(|p| (Via::Direct, p)));
        }
    }
    let mut out = Vec::with_capacity(listed.len());
    for (via, policy) in listed {
        let version = default_version(policy.policy_type, &policy.policy_name, session).await?;
        out.push(AttachedDocument {
            policy_name: policy.policy_name,
            policy_type: policy.policy_type,
            version: version.as_ref().map(|v| v.version_id.clone()),
            via,
            // No document: the gap reports the policy as unreadable rather than guessing.
            document: version.map(|v| v.policy_document).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// A policy's default version, with its document.
pub async fn default_version(
    policy_type: PolicyType,
    name: &str,
    session: &Session,
) -> Result<Option<PolicyVersion>, Failed> {
    let policy = session.call(&GetPolicy { policy_type, policy_name: name.to_string() }).await?;
    Ok(policy.default_policy_version)
}
