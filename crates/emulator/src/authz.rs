//! Permission checks with the project's simulator: the caller's policies (its own, its groups', and for an
//! assumed role the session policy) decide each RAM action the call needs. A denial becomes Alibaba Cloud's
//! `NoPermission` with an `AccessDeniedDetail` whose `EncodedDiagnosticMessage` `DecodeDiagnosticMessage` reads back.

use base64::Engine;
use serde_json::json;

use ram_doctor_core::api::ram::{AuthCondition, AuthPrincipal, DecodedDiagnosticMessage, MatchedPolicy};
use ram_doctor_core::catalog::{AccessLevel, PolicyKind, SystemPolicy};
use ram_doctor_core::finding::Layer;
use ram_doctor_core::policy::simulate::Context;
use ram_doctor_core::policy::{parse_document, CompiledPolicy, PolicySet, Reason, Request};
use ram_doctor_core::Catalog;

use crate::error::Failure;
use crate::state::{Account, Attachment, PolicyType};

/// Who signed the request.
#[derive(Debug, Clone, PartialEq)]
pub enum Caller {
    /// The account's own AccessKey: every action is allowed.
    Root,
    User {
        name: String,
        id: String,
    },
    /// Temporary credentials from `AssumeRole`.
    AssumedRole {
        role: String,
        role_id: String,
        session: String,
        session_policy: Option<String>,
    },
}

impl Caller {
    /// The ARN a trust policy names this caller by.
    pub fn principal_arn(&self, account: &str) -> String {
        match self {
            Caller::Root => format!("acs:ram::{account}:root"),
            Caller::User { name, .. } => format!("acs:ram::{account}:user/{name}"),
            Caller::AssumedRole { role, .. } => {
                format!("acs:ram::{account}:role/{}", role.to_lowercase())
            }
        }
    }

    /// `AccessDeniedDetail`'s principal fields: type and display name (the user's id, or `role:session`).
    fn principal(&self) -> (&'static str, String) {
        match self {
            Caller::Root => ("RootUser", String::new()),
            Caller::User { id, .. } => ("SubUser", id.clone()),
            Caller::AssumedRole { role, session, .. } => ("AssumedRoleUser", format!("{role}:{session}")),
        }
    }
}

/// The request facts condition keys can test.
#[derive(Debug, Clone)]
pub struct RequestFacts {
    pub source_ip: String,
    /// `2026-01-01T00:00:00Z`.
    pub now: String,
}

/// The document the emulator enforces for a system policy: the catalog's, or for a primary policy the catalog
/// has no document of, the naming convention the catalog also uses (`Aliyun<X>FullAccess` allows `x:*`,
/// `Aliyun<X>ReadOnlyAccess` the reading APIs of `x`). Any other policy without a document allows nothing.
pub fn system_document(policy: &SystemPolicy, catalog: &Catalog) -> String {
    if let Some(doc) = &policy.document {
        return doc.to_string();
    }
    let code = policy.ram_code.as_deref().unwrap_or("");
    let actions: Vec<String> = match (policy.primary, policy.kind, code) {
        (true, PolicyKind::Full, "*") => vec!["*".into()],
        (true, PolicyKind::Full, code) if !code.is_empty() => vec![format!("{code}:*")],
        (true, PolicyKind::ReadOnly, "*") => {
            ["Get", "List", "Describe", "Query"].iter().map(|verb| format!("*:{verb}*")).collect()
        }
        (true, PolicyKind::ReadOnly, code) => catalog
            .apis_of(code)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, api)| api.access.is_read() || api.access == AccessLevel::None)
            .map(|(_, api)| api.action.clone())
            .collect(),
        _ => Vec::new(),
    };
    if actions.is_empty() {
        return json!({"Version": "1", "Statement": []}).to_string();
    }
    json!({"Version": "1", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}).to_string()
}

/// The documents of attached policies, with the attachment each came from.
fn attached_documents<'a>(
    account: &Account,
    catalog: &Catalog,
    attachments: impl Iterator<Item = &'a Attachment>,
) -> Vec<(Attachment, String)> {
    attachments
        .filter_map(|a| {
            let text = match a.policy_type {
                PolicyType::Custom => account.default_document(&a.name)?.to_string(),
                PolicyType::System => system_document(catalog.system_policy(&a.name)?, catalog),
            };
            Some((a.clone(), text))
        })
        .collect()
}

/// The identity policies of a caller (a user's own and its groups'; a role's), or `None` for the account root.
pub fn identity_policies(caller: &Caller, account: &Account, catalog: &Catalog) -> Option<Vec<(Attachment, String)>> {
    match caller {
        Caller::Root => None,
        Caller::User { name, .. } => {
            let user = account.user(name).ok()?;
            let groups = user.groups.iter().filter_map(|m| account.group(&m.group).ok());
            Some(attached_documents(
                account,
                catalog,
                user.policies.iter().chain(groups.flat_map(|g| g.policies.iter())),
            ))
        }
        Caller::AssumedRole { role, .. } => {
            Some(attached_documents(account, catalog, account.role(role).ok()?.policies.iter()))
        }
    }
}

fn compile(text: &str) -> Option<CompiledPolicy> {
    let doc = parse_document(text).ok()?;
    CompiledPolicy::compile(&doc).ok()
}

/// A denial, before it is stored: the detail for the error and the decoded message for `DecodeDiagnosticMessage`.
#[derive(Debug, Clone)]
pub struct Denial {
    pub action: String,
    pub resource: String,
    pub decoded: DecodedDiagnosticMessage,
    explicit: bool,
    policy_type: &'static str,
    principal_type: &'static str,
    display_name: String,
}

impl Denial {
    /// The `NoPermission` failure, carrying `encoded` as its `EncodedDiagnosticMessage`.
    pub fn into_failure(self, account: &str, encoded: &str) -> Failure {
        let detail = json!({
            "AuthAction": self.action,
            "AuthPrincipalType": self.principal_type,
            "AuthPrincipalOwnerId": account,
            "AuthPrincipalDisplayName": self.display_name,
            "NoPermissionType": if self.explicit { "ExplicitDeny" } else { "ImplicitDeny" },
            "PolicyType": self.policy_type,
            "EncodedDiagnosticMessage": encoded,
        });
        Failure::NoPermission { resource: self.resource, action: self.action, detail }
    }
}

/// Checks every `(action, resource)` the call needs; the first denied one is returned.
pub fn check(
    caller: &Caller,
    needs: &[(String, String)],
    facts: &RequestFacts,
    account: &Account,
    catalog: &Catalog,
) -> Result<(), Box<Denial>> {
    let Some(policies) = identity_policies(caller, account, catalog) else {
        return Ok(());
    };
    let compiled: Vec<(Attachment, CompiledPolicy)> =
        policies.into_iter().filter_map(|(a, text)| Some((a, compile(&text)?))).collect();
    let mut set = PolicySet::new(compiled.iter().map(|(_, p)| p.clone()).collect());
    let session = match caller {
        Caller::AssumedRole { session_policy: Some(text), .. } => compile(text),
        _ => None,
    };
    if let Some(session) = &session {
        set = set.with_session_policy(session.clone());
    }
    // The condition keys the request carries, for the simulator and for the decoded message.
    let conditions = [
        ("acs:SourceIp", facts.source_ip.clone()),
        ("acs:CurrentTime", facts.now.clone()),
        ("acs:SecureTransport", "false".to_string()),
    ];
    let mut context = Context::default();
    for (key, value) in &conditions {
        context.add(key, value.clone());
    }
    for (action, resource) in needs {
        let request = Request { action: action.clone(), resource: resource.clone(), context: context.clone() };
        let decision = set.simulate(&request);
        if decision.allowed {
            continue;
        }
        let (explicit, layer) = match decision.reason {
            Reason::ExplicitDeny(layer) => (true, layer),
            Reason::ImplicitDeny(layer) => (false, layer),
            Reason::Allowed => unreachable!("not allowed"),
        };
        let policy_type = match layer {
            Layer::SessionPolicy => "SessionPolicy",
            _ => "AccountLevelIdentityBasedPolicy",
        };
        let matched = decision
            .deciding
            .iter()
            .map(|r| {
                let (identifier, policy_type) = match r.layer {
                    Layer::SessionPolicy => ("SessionPolicy".to_string(), "SessionPolicy".to_string()),
                    _ => {
                        let a = &compiled[r.policy].0;
                        (a.name.clone(), a.policy_type.as_str().to_string())
                    }
                };
                MatchedPolicy {
                    effect: Some("Deny".into()),
                    policy_identifier: Some(identifier),
                    policy_type: Some(policy_type),
                    ..Default::default()
                }
            })
            .collect();
        let (principal_type, display_name) = caller.principal();
        let decoded = DecodedDiagnosticMessage {
            explicit_deny: explicit,
            no_permission_policy_type: Some(policy_type.into()),
            auth_action: action.clone(),
            auth_resource: Some(resource.clone()),
            auth_principal: AuthPrincipal {
                auth_principal_type: Some(principal_type.into()),
                auth_principal_owner_id: Some(account.account_id.clone()),
                auth_principal_display_name: Some(display_name.clone()),
            },
            auth_conditions: conditions
                .iter()
                .map(|(key, value)| AuthCondition {
                    condition_key: key.to_string(),
                    condition_values: vec![value.clone()],
                })
                .collect(),
            matched_policies: matched,
        };
        return Err(Box::new(Denial {
            action: action.clone(),
            resource: resource.clone(),
            decoded,
            explicit,
            policy_type,
            principal_type,
            display_name,
        }));
    }
    Ok(())
}

/// An `EncodedDiagnosticMessage`: opaque to the client, shaped like Alibaba Cloud's (Base64 with a version
/// header); the emulator keeps the decoded message under it.
pub fn encode_diagnostic(id: &[u8; 16]) -> String {
    let mut bytes = vec![1u8, 1, 0, 0, 0, 0];
    bytes.extend_from_slice(id);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Target;

    const NOW: &str = "2026-01-01T00:00:00Z";

    fn facts() -> RequestFacts {
        RequestFacts { source_ip: "127.0.0.1".into(), now: NOW.into() }
    }

    fn decide(
        caller: &Caller,
        action: &str,
        resource: &str,
        a: &Account,
        catalog: &Catalog,
    ) -> Result<(), Box<Denial>> {
        check(caller, &[(action.into(), resource.into())], &facts(), a, catalog)
    }

    #[test]
    fn a_user_needs_an_allow_and_a_deny_wins() {
        let catalog = Catalog::embedded().unwrap();
        let mut a = Account::default();
        let id = a.create_user("alice", "", "", NOW).unwrap().id.clone();
        let alice = Caller::User { name: "alice".into(), id: id.clone() };
        let arn = format!("acs:ram:*:{}:user/bob", a.account_id);
        let denial = decide(&alice, "ram:AttachPolicyToUser", &arn, &a, &catalog).unwrap_err();
        assert!(!denial.explicit);
        assert_eq!(denial.decoded.auth_principal.auth_principal_display_name, Some(id.clone()));
        assert_eq!(denial.decoded.no_permission_policy_type.as_deref(), Some("AccountLevelIdentityBasedPolicy"));
        assert!(decide(&Caller::Root, "ram:AttachPolicyToUser", &arn, &a, &catalog).is_ok());

        // Through a group, the system policy allows it; a custom Deny on the user then wins.
        a.create_group("admins", "", NOW).unwrap();
        a.add_user_to_group("alice", "admins", NOW).unwrap();
        a.attach(Target::Group, "admins", PolicyType::System, "AliyunRAMFullAccess", &catalog, NOW).unwrap();
        assert!(decide(&alice, "ram:AttachPolicyToUser", &arn, &a, &catalog).is_ok());
        let deny = r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:Attach*","Resource":"*"}]}"#;
        a.create_policy("no-attach", deny, "", NOW).unwrap();
        a.attach(Target::User, "alice", PolicyType::Custom, "no-attach", &catalog, NOW).unwrap();
        let denial = decide(&alice, "ram:AttachPolicyToUser", &arn, &a, &catalog).unwrap_err();
        assert!(denial.explicit);
        assert_eq!(denial.decoded.matched_policies[0].policy_identifier.as_deref().unwrap(), "no-attach");
        assert!(decide(&alice, "ram:GetUser", &arn, &a, &catalog).is_ok(), "only Attach* is denied");
    }

    #[test]
    fn a_session_policy_narrows_a_role() {
        let catalog = Catalog::embedded().unwrap();
        let mut a = Account::default();
        let trust = r#"{"Version":"1","Statement":[]}"#;
        let role_id = a.create_role("ops", trust, "", None, NOW).unwrap().id.clone();
        a.attach(Target::Role, "ops", PolicyType::System, "AdministratorAccess", &catalog, NOW).unwrap();
        let session_policy =
            Some(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]}"#.to_string());
        let caller = Caller::AssumedRole { role: "ops".into(), role_id, session: "s".into(), session_policy };
        assert!(decide(&caller, "ram:GetUser", "*", &a, &catalog).is_ok());
        let denial = decide(&caller, "ram:CreateUser", "*", &a, &catalog).unwrap_err();
        assert_eq!(denial.policy_type, "SessionPolicy");
        assert_eq!(denial.display_name, "ops:s");
    }

    #[test]
    fn system_documents_come_from_the_catalog_or_the_convention() {
        let catalog = Catalog::embedded().unwrap();
        let doc = |name: &str| system_document(catalog.system_policy(name).unwrap(), &catalog);
        assert!(doc("AliyunRAMReadOnlyAccess").contains("ram:Get*"), "the catalog's document");
        assert!(doc("AliyunRAMFullAccess").contains("\"ram:*\""), "Full by convention");
        assert!(doc("AdministratorAccess").contains("\"*\""));
    }
}
