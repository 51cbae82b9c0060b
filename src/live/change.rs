//! The change apply makes, decided before anything is sent and shown as a diff: a new custom policy, a new
//! default version of an existing one (deleting the oldest non-default version only with consent when RAM's
//! limit of 5 is reached), and the attachment, as the page's stages walk through it (core's `apply` holds the
//! rules). The document shown is the document sent: its hash is taken when
//! it is shown and checked again just before sending.

use ram_doctor_core::api::PolicyType;
use ram_doctor_core::grant::Target;

// The planning rules the CLI shares: one place for what "the same document", "the version to delete", the
// confirmation hash and the diff mean.
pub use ram_doctor_core::apply::{document_hash, line_diff, pretty, same_document, version_to_delete, DiffLine};

/// What happens to the custom policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyStep {
    /// `CreatePolicy`: no policy has the name yet.
    Create,
    /// `CreatePolicyVersion` as the default: the name is taken by a different document (shown as the old side
    /// of the diff). At the limit, `delete` names the version `DeletePolicyVersion` removes first.
    NewVersion { current: String, delete: Option<String> },
    /// The same document is already there under this name: nothing to create.
    Exists,
    /// A system policy (the plan has no custom one): nothing to create, only the attachment.
    System,
}

/// The whole planned change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub policy_name: String,
    /// Exactly the text shown and sent as `PolicyDocument`.
    pub document: String,
    pub policy: PolicyStep,
    /// Whom to attach the policy to; `None` when it is attached already.
    pub attach: Option<Target>,
}

impl Change {
    /// Whether applying would send anything.
    pub fn is_noop(&self) -> bool {
        matches!(self.policy, PolicyStep::Exists | PolicyStep::System) && self.attach.is_none()
    }

    /// The policy's type, as the attachment names it.
    pub fn policy_type(&self) -> PolicyType {
        if self.policy == PolicyStep::System {
            PolicyType::System
        } else {
            PolicyType::Custom
        }
    }

    /// What the confirmation binds to: the document sent, or for a system policy its name.
    pub fn binding(&self) -> &str {
        if self.policy == PolicyStep::System {
            &self.policy_name
        } else {
            &self.document
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_that_sends_nothing_is_a_noop() {
        let change =
            Change { policy_name: "P".into(), document: "{}".into(), policy: PolicyStep::Exists, attach: None };
        assert!(change.is_noop());
        assert!(!Change { policy: PolicyStep::Create, ..change.clone() }.is_noop());
        let system = Change { policy_name: "AliyunHBRReadOnlyAccess".into(), policy: PolicyStep::System, ..change };
        assert!(system.is_noop(), "attached already");
        assert_eq!(system.policy_type(), PolicyType::System);
        assert_eq!(system.binding(), "AliyunHBRReadOnlyAccess", "the confirmation binds to the name");
    }
}
