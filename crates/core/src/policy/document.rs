//! The policy document model: what RAM accepts as `PolicyDocument`, printed the way the console prints it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    /// Grants, unless a `Deny` matches too.
    Allow,
    /// Refuses, whatever allows it.
    Deny,
}

/// A value that RAM accepts either as one string or as a list of strings.
/// Kept as a list; [`ValueList::is_single`] tells printers when one string reads better.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "OneOrMany", into = "OneOrMany")]
pub struct ValueList(pub Vec<String>);

impl ValueList {
    /// Whether it holds exactly one value.
    pub fn is_single(&self) -> bool {
        self.0.len() == 1
    }
    /// The values, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl<S: Into<String>> FromIterator<S> for ValueList {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        ValueList(iter.into_iter().map(Into::into).collect())
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for ValueList {
    fn from(v: OneOrMany) -> Self {
        match v {
            OneOrMany::One(s) => ValueList(vec![s]),
            OneOrMany::Many(v) => ValueList(v),
        }
    }
}

impl From<ValueList> for OneOrMany {
    // Arrays always: a stable shape is easier to diff and to patch than RAM's "string when one".
    fn from(v: ValueList) -> Self {
        OneOrMany::Many(v.0)
    }
}

/// `{"<Operator>": {"<key>": [values]}}`, ordered so that printing is deterministic.
pub type Condition = BTreeMap<String, BTreeMap<String, ValueList>>;

/// One statement. Exactly one of `action`/`not_action` and of `resource`/`not_resource` is set in a valid policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Whether it allows or denies.
    #[serde(rename = "Effect")]
    pub effect: Effect,
    /// The actions it applies to (`oss:GetObject`, `ecs:Describe*`).
    #[serde(rename = "Action", default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ValueList>,
    /// Every action except these.
    #[serde(rename = "NotAction", default, skip_serializing_if = "Option::is_none")]
    pub not_action: Option<ValueList>,
    /// The resources it applies to, as ARN patterns.
    #[serde(rename = "Resource", default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ValueList>,
    /// Every resource except these.
    #[serde(rename = "NotResource", default, skip_serializing_if = "Option::is_none")]
    pub not_resource: Option<ValueList>,
    /// When it applies (`{"IpAddress": {"acs:SourceIp": […]}}`).
    #[serde(rename = "Condition", default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

impl Statement {
    /// `Allow` of `actions` on `resources`, no condition.
    pub fn allow<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Statement {
            effect: Effect::Allow,
            action: Some(actions.into_iter().collect()),
            not_action: None,
            resource: Some(resources.into_iter().collect()),
            not_resource: None,
            condition: None,
        }
    }
}

/// A whole policy document: `{"Version":"1","Statement":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDocument {
    /// `"1"`, the only version RAM knows.
    #[serde(rename = "Version")]
    pub version: String,
    /// The statements, in order.
    #[serde(rename = "Statement")]
    pub statements: Vec<Statement>,
}

impl PolicyDocument {
    /// A version-1 document with the given statements.
    pub fn new(statements: Vec<Statement>) -> Self {
        PolicyDocument { version: "1".to_string(), statements }
    }

    /// Indented JSON, for people.
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a policy document always serializes")
    }

    /// JSON without spaces: what counts against RAM's 6,144-character limit.
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).expect("a policy document always serializes")
    }

    /// As a JSON value (for the diagnosis contract).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a policy document always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_shape_ram_accepts() {
        let doc = PolicyDocument::new(vec![Statement::allow(["ecs:DescribeInstances"], ["*"])]);
        assert_eq!(
            doc.to_compact_json(),
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances"],"Resource":["*"]}]}"#
        );
    }

    #[test]
    fn reads_single_strings_and_lists() {
        let doc: PolicyDocument = serde_json::from_str(
            r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":["acs:oss:*:*:b","acs:oss:*:*:b/*"],
               "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#,
        )
        .unwrap();
        let st = &doc.statements[0];
        assert_eq!(st.effect, Effect::Deny);
        assert_eq!(st.action.as_ref().unwrap().0, vec!["oss:*"]);
        assert_eq!(st.resource.as_ref().unwrap().0.len(), 2);
        assert_eq!(st.condition.as_ref().unwrap()["IpAddress"]["acs:SourceIp"].0, vec!["10.0.0.0/8"]);
    }
}
