//! What today's policies decide for each denied action: the simulator run on the documents attached to the
//! principal (its own and its groups'), naming the deciding statement.

use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Reason, Request};
use ram_doctor_core::Finding;

/// One attached policy as the gap shows it: its name and its default version's document (when it could be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyText {
    pub name: String,
    pub document: Option<String>,
}

/// The simulator's answer for one denied action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub action: String,
    pub resource: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Allowed by these statements (policy name, 1-based statement number).
    Allowed(Vec<(String, usize)>),
    /// No statement allows it.
    ImplicitDeny,
    /// Denied by these `Deny` statements.
    ExplicitDeny(Vec<(String, usize)>),
}

impl Outcome {
    /// A stable name for the page's markup and the tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Allowed(_) => "allowed",
            Outcome::ImplicitDeny => "implicit-deny",
            Outcome::ExplicitDeny(_) => "explicit-deny",
        }
    }
}

/// The verdict on every action the findings say was denied, with today's `policies`. A document that cannot be
/// read or compiled is left out (the gap lists it as unreadable); the resource is the error's, or `*`.
pub fn verdicts(policies: &[PolicyText], findings: &[Finding]) -> Vec<Verdict> {
    let compiled: Vec<(&str, CompiledPolicy)> = policies
        .iter()
        .filter_map(|p| Some((p.name.as_str(), CompiledPolicy::from_json(p.document.as_deref()?).ok()?)))
        .collect();
    let names: Vec<&str> = compiled.iter().map(|(n, _)| *n).collect();
    let set = PolicySet::new(compiled.into_iter().map(|(_, c)| c).collect());
    let mut out: Vec<Verdict> = Vec::new();
    for finding in findings {
        let resource = finding.resource.clone().unwrap_or_else(|| "*".to_string());
        for action in &finding.actions {
            if out.iter().any(|v| &v.action == action && v.resource == resource) {
                continue;
            }
            let decision = set.simulate(&Request::new(action.as_str(), resource.as_str()));
            let by = || {
                decision
                    .deciding
                    .iter()
                    .map(|s| (names.get(s.policy).unwrap_or(&"?").to_string(), s.statement + 1))
                    .collect()
            };
            let outcome = match decision.reason {
                Reason::Allowed => Outcome::Allowed(by()),
                Reason::ExplicitDeny(_) => Outcome::ExplicitDeny(by()),
                Reason::ImplicitDeny(_) => Outcome::ImplicitDeny,
            };
            out.push(Verdict { action: action.clone(), resource: resource.clone(), outcome });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ram_doctor_core::{diagnose, Catalog};

    const DENIED: &str = r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","AuthPrincipalType":"SubUser","AuthPrincipalDisplayName":"2045","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}}"#;

    fn policy(name: &str, document: &str) -> PolicyText {
        PolicyText { name: name.into(), document: Some(document.into()) }
    }

    fn findings() -> Vec<Finding> {
        diagnose(DENIED, &Catalog::empty()).findings
    }

    #[test]
    fn no_matching_allow_is_an_implicit_deny() {
        let oss = policy(
            "OssRead",
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*"],"Resource":"*"}]}"#,
        );
        let v = verdicts(&[oss], &findings());
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].action.as_str(), &v[0].outcome), ("ecs:DescribeInstances", &Outcome::ImplicitDeny));
    }

    #[test]
    fn the_deciding_statements_are_named_by_policy_and_number() {
        let read = policy(
            "EcsRead",
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"},{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}"#,
        );
        let v = verdicts(&[read.clone()], &findings());
        assert_eq!(v[0].outcome, Outcome::Allowed(vec![("EcsRead".into(), 2)]));
        let deny =
            policy("NoEcs", r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"ecs:*","Resource":"*"}]}"#);
        let v = verdicts(&[read, deny], &findings());
        assert_eq!(v[0].outcome, Outcome::ExplicitDeny(vec![("NoEcs".into(), 1)]));
    }

    #[test]
    fn an_unreadable_document_is_left_out_not_fatal() {
        let v = verdicts(
            &[policy("Broken", "{not json"), PolicyText { name: "Unread".into(), document: None }],
            &findings(),
        );
        assert_eq!(v[0].outcome, Outcome::ImplicitDeny);
    }
}
