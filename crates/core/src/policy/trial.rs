//! "Try it": would this policy allow this action on this resource, with these context keys? The page's
//! simulator panel asks it with the text the user typed; the answer names the deciding statement, so the user
//! sees "allowed" (and why) before copying the policy.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::parse::{parse_document, DocumentError};
use super::simulate::{CompiledPolicy, PolicySet, Reason, Request};
use crate::finding::Localized;
use crate::grant::GrantPlan;

/// What the panel starts with: the plan's custom policy and the first need it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    /// The policy, as pretty JSON.
    pub policy: String,
    /// The action to try (`oss:GetObject`).
    pub action: String,
    /// The resource ARN to try it on.
    pub resource: String,
    /// Context keys, one `key=value` a line (empty to start with).
    pub context: String,
}

/// The answer: allowed or not, why in both languages, and the statements that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the policy allows it.
    pub allowed: bool,
    /// Why, in English and Chinese.
    pub reason: Localized,
    /// The deciding statements, each as pretty JSON with its index (`Statement[0]`): the matching `Allow`s when
    /// allowed, the matching `Deny` when denied by one; empty when nothing matched.
    pub deciding: Vec<(usize, String)>,
}

/// Why the question cannot be answered: what the user typed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrialError {
    /// The policy is not a document the simulator can run (with its line and column).
    Policy(DocumentError),
    /// No action typed.
    MissingAction,
    /// A context line without `=`: its number (1-based) and text.
    ContextLine {
        /// Its number, from 1.
        line: usize,
        /// The line as typed.
        text: String,
    },
}

impl fmt::Display for TrialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrialError::Policy(e) => write!(f, "the policy: {e}"),
            TrialError::MissingAction => write!(f, "type the action to try, such as ecs:DescribeInstances"),
            TrialError::ContextLine { line, text } => {
                write!(f, "context line {line} is not key=value: {text}")
            }
        }
    }
}

impl std::error::Error for TrialError {}

impl GrantPlan {
    /// The panel's starting question: the first custom policy with its first allowed action and resource;
    /// `None` when the plan has no custom policy.
    pub fn trial(&self) -> Option<Trial> {
        let policy = self.custom_policies.first()?;
        let statement = policy.document.statements.iter().find(|s| s.action.is_some())?;
        let action = statement.action.as_ref()?.iter().next()?.to_string();
        let resource = statement.resource.as_ref().and_then(|r| r.iter().next()).unwrap_or("*").to_string();
        Some(Trial { policy: policy.document.to_pretty_json(), action, resource, context: String::new() })
    }
}

impl Trial {
    /// Asks the simulator: the policy as the identity's only policy, the action, resource and context keys.
    pub fn run(&self) -> Result<Verdict, TrialError> {
        let document = parse_document(&self.policy).map_err(TrialError::Policy)?;
        let compiled = CompiledPolicy::from_json(&self.policy).map_err(TrialError::Policy)?;
        let action = self.action.trim();
        if action.is_empty() {
            return Err(TrialError::MissingAction);
        }
        let resource = match self.resource.trim() {
            "" => "*",
            r => r,
        };
        let mut request = Request::new(action, resource);
        for (n, line) in self.context.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(TrialError::ContextLine { line: n + 1, text: line.to_string() });
            };
            request.context.add(key.trim(), value.trim());
        }
        let decision = PolicySet::new(vec![compiled]).simulate(&request);
        let deciding = decision
            .deciding
            .iter()
            .filter_map(|r| document.statements.get(r.statement).map(|s| (r.statement, s)))
            .map(|(i, s)| (i, serde_json::to_string_pretty(s).unwrap_or_default()))
            .collect();
        Ok(Verdict { allowed: decision.allowed, reason: reason_text(decision.reason, action, resource), deciding })
    }
}

/// The decision in words, both languages.
fn reason_text(reason: Reason, action: &str, resource: &str) -> Localized {
    match reason {
        Reason::Allowed => Localized {
            en: format!("Allowed: {action} on {resource} matches this Allow statement, and no Deny matches."),
            zh: format!("允许：{resource} 上的 {action} 匹配以下 Allow 语句，且没有匹配的 Deny。"),
        },
        Reason::ExplicitDeny(_) => Localized {
            en: format!("Denied: {action} on {resource} matches this Deny statement."),
            zh: format!("拒绝：{resource} 上的 {action} 匹配以下 Deny 语句。"),
        },
        Reason::ImplicitDeny(_) => Localized {
            en: format!(
                "Denied: no Allow statement matches {action} on {resource} with these context keys (denied by default)."
            ),
            zh: format!("拒绝：没有 Allow 语句匹配 {resource} 上的 {action}（在这些上下文键下），默认拒绝。"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Kind};
    use crate::Catalog;

    fn plan_for(action: &str, resource: Option<&str>) -> GrantPlan {
        let mut f = Finding::new(Kind::MissingPermission);
        f.actions = vec![action.into()];
        f.resource = resource.map(str::to_string);
        GrantPlan::for_finding(&f, &Catalog::empty()).unwrap()
    }

    #[test]
    fn the_starting_question_is_the_need_and_it_is_allowed() {
        let arn = "acs:ecs:cn-hangzhou:123:instance/i-1";
        let trial = plan_for("ecs:StopInstance", Some(arn)).trial().expect("a custom policy");
        assert_eq!((trial.action.as_str(), trial.resource.as_str()), ("ecs:StopInstance", arn));
        let verdict = trial.run().unwrap();
        assert!(verdict.allowed, "{verdict:?}");
        assert_eq!(verdict.deciding.len(), 1);
        assert!(verdict.deciding[0].1.contains("ecs:StopInstance"), "{:?}", verdict.deciding);
    }

    #[test]
    fn another_action_or_resource_is_denied_by_default() {
        let arn = "acs:ecs:cn-hangzhou:123:instance/i-1";
        let trial = plan_for("ecs:StopInstance", Some(arn)).trial().unwrap();
        let other = Trial { resource: "acs:ecs:cn-hangzhou:123:instance/i-2".into(), ..trial.clone() };
        let verdict = other.run().unwrap();
        assert!(!verdict.allowed && verdict.deciding.is_empty());
        assert!(verdict.reason.en.starts_with("Denied") && verdict.reason.zh.starts_with("拒绝"));
        let delete = Trial { action: "ecs:DeleteInstance".into(), ..trial };
        assert!(!delete.run().unwrap().allowed);
    }

    #[test]
    fn context_keys_decide_conditions_and_a_deny_is_named() {
        let policy = r#"{"Version":"1","Statement":[
            {"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}},
            {"Effect":"Deny","Action":"oss:GetObject","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;
        let trial = |context: &str| Trial {
            policy: policy.into(),
            action: "oss:GetObject".into(),
            resource: "*".into(),
            context: context.into(),
        };
        assert!(!trial("").run().unwrap().allowed, "no HTTPS key: the Allow does not match");
        let allowed = trial("acs:SecureTransport=true\nacs:SourceIp=203.0.113.5").run().unwrap();
        assert!(allowed.allowed && allowed.deciding[0].0 == 0, "{allowed:?}");
        let denied = trial("acs:SecureTransport=true\nacs:SourceIp = 10.1.2.3").run().unwrap();
        assert!(!denied.allowed && denied.deciding[0].0 == 1 && denied.deciding[0].1.contains("Deny"), "{denied:?}");
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        let trial = plan_for("ecs:DescribeInstances", None).trial().unwrap();
        let broken = Trial { policy: "{\"Version\":".into(), ..trial.clone() };
        assert!(matches!(broken.run(), Err(TrialError::Policy(e)) if e.line == 1));
        assert_eq!(Trial { action: "  ".into(), ..trial.clone() }.run(), Err(TrialError::MissingAction));
        let bad_line = Trial { context: "acs:SourceIp=1.2.3.4\nnot a pair".into(), ..trial };
        assert_eq!(bad_line.run(), Err(TrialError::ContextLine { line: 2, text: "not a pair".into() }));
    }
}
