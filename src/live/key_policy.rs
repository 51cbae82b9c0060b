//! The least-privilege policies the page suggests for its own key: the reads behind who am I, decode and the
//! gap, and the writes apply adds. `sts:GetCallerIdentity` needs no permission, so it is not listed.

use serde_json::{json, Value};

/// What who am I (IMS for the user's name), decode and the gap call.
pub const READ_ACTIONS: &[&str] = &[
    "ims:GetUser",
    "ram:DecodeDiagnosticMessage",
    "ram:GetPolicy",
    "ram:GetPolicyVersion",
    "ram:GetRole",
    "ram:GetUser",
    "ram:ListGroupsForUser",
    "ram:ListPoliciesForGroup",
    "ram:ListPoliciesForRole",
    "ram:ListPoliciesForUser",
    "ram:ListPolicyVersions",
];

/// What apply calls on top of the reads.
pub const APPLY_ACTIONS: &[&str] = &[
    "ram:AttachPolicyToGroup",
    "ram:AttachPolicyToRole",
    "ram:AttachPolicyToUser",
    "ram:CreatePolicy",
    "ram:CreatePolicyVersion",
    "ram:DeletePolicyVersion",
];

/// A policy document allowing `actions` on every resource, pretty-printed for copying.
pub fn policy_text(actions: &[&str]) -> String {
    let document: Value = json!({
        "Version": "1",
        "Statement": [{ "Effect": "Allow", "Action": actions, "Resource": "*" }]
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Request};

    fn allows(policy: &str, action: &str) -> bool {
        let compiled = CompiledPolicy::from_json(policy).expect("a valid policy");
        PolicySet::new(vec![compiled]).is_allowed(&Request::new(action, "acs:ram:*:1234567890123456:user/alice"))
    }

    #[test]
    fn the_read_policy_allows_the_reads_and_no_write() {
        let read = policy_text(READ_ACTIONS);
        assert!(READ_ACTIONS.iter().all(|a| allows(&read, a)));
        assert!(APPLY_ACTIONS.iter().all(|a| !allows(&read, a)), "{read}");
    }

    #[test]
    fn the_apply_policy_adds_exactly_the_writes() {
        let apply = policy_text(APPLY_ACTIONS);
        assert!(APPLY_ACTIONS.iter().all(|a| allows(&apply, a)));
        assert!(!allows(&apply, "ram:DeleteUser") && !allows(&apply, "ram:CreateAccessKey"));
    }
}
