//! Deciding whether policies allow a request, following the evaluation rules in `lint-checks.md`:
//! deny by default; a matching `Deny` in any layer wins; otherwise every layer that applies (control policies,
//! the session policy, the identity's policies) must hold a matching `Allow`.
//!
//! Policies are compiled once into a matcher form (wildcard shapes classified, condition values parsed), so that a
//! decision allocates nothing except the list of deciding statements that [`simulate`] returns.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::condition::{parse_bool, parse_date, parse_number, Cidr, Operator, OperatorKind, SetQualifier, ValueType};
use super::document::{Effect, PolicyDocument, ValueList};
use super::parse::{parse, parse_document, DocumentError, Span};
use super::pattern::glob_match;
use crate::finding::Layer;

/// What is asked: one action on one resource, with the request's context keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// `ecs:StopInstance`.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
    /// The request's condition keys and values.
    pub context: Context,
}

impl Request {
    /// A request for `action` on `resource`, with no context.
    pub fn new(action: impl Into<String>, resource: impl Into<String>) -> Self {
        Request { action: action.into(), resource: resource.into(), context: Context::default() }
    }

    /// Adds a context value (`acs:SourceIp`, `1.2.3.4`); keys compare case-insensitively.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.context.add(key, value);
        self
    }
}

/// The request's condition keys and their values. `acs:CurrentTime` is one of them: the engine has no clock.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Lower-cased key → values, in insertion order (requests carry few keys; a scan beats hashing).
    entries: Vec<(String, Vec<String>)>,
}

impl Context {
    /// Adds a value for `key`; keys compare case-insensitively.
    pub fn add(&mut self, key: &str, value: impl Into<String>) {
        let key = key.to_ascii_lowercase();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(value.into()),
            None => self.entries.push((key, vec![value.into()])),
        }
    }

    /// Values of a key given in lower case.
    fn get(&self, lower_key: &str) -> Option<&[String]> {
        self.entries.iter().find(|(k, _)| k == lower_key).map(|(_, v)| v.as_slice())
    }

    /// Whether the request has a value for `key` (any case).
    pub fn contains(&self, key: &str) -> bool {
        self.get(&key.to_ascii_lowercase()).is_some()
    }
}

/// One statement of one policy in one layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRef {
    /// Which layer's policies it belongs to.
    pub layer: Layer,
    /// Index of the policy within its layer, in the order given.
    pub policy: usize,
    /// Index of the statement within the policy.
    pub statement: usize,
}

/// Why the decision came out the way it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "layer")]
pub enum Reason {
    /// Every applicable layer holds a matching `Allow` and no `Deny` matched.
    Allowed,
    /// A `Deny` matched in this layer.
    ExplicitDeny(Layer),
    /// No `Allow` in this layer matched (deny by default).
    ImplicitDeny(Layer),
}

/// The answer of [`simulate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Whether the request is allowed.
    pub allowed: bool,
    /// The matching `Deny` statements when denied explicitly; the matching `Allow` statements of every layer when
    /// allowed; empty for an implicit deny.
    pub deciding: Vec<StatementRef>,
    /// Which layer decided, and how.
    pub reason: Reason,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Allowed => write!(f, "allowed: every layer has a matching Allow and no Deny matched"),
            Reason::ExplicitDeny(layer) => write!(f, "denied: a Deny statement in the {} matched", layer_name(*layer)),
            Reason::ImplicitDeny(layer) => {
                write!(f, "denied: no Allow statement in the {} matched (deny by default)", layer_name(*layer))
            }
        }
    }
}

/// How a layer is called in messages.
pub fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::Identity => "identity policies",
        Layer::ControlPolicy => "control policies",
        Layer::SessionPolicy => "session policy",
        Layer::TrustPolicy => "trust policy",
        Layer::ResourcePolicy => "resource policy",
    }
}

/// Why a document cannot be compiled: a condition the simulator cannot evaluate faithfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// JSON Pointer of the offending element (`/Statement/0/Condition/IpAddress/acs:SourceIp/1`).
    pub path: String,
    /// What cannot be evaluated, and why.
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at {})", self.message, self.path)
    }
}

impl std::error::Error for CompileError {}

/// A wildcard pattern sorted by shape, so the common shapes skip the general matcher.
#[derive(Debug, Clone)]
enum Pattern {
    Any,
    Exact(Box<str>),
    Prefix(Box<str>),
    Glob(Box<str>),
}

impl Pattern {
    fn compile(p: &str) -> Pattern {
        let wild = |c: char| c == '*' || c == '?';
        if p == "*" {
            Pattern::Any
        } else if !p.contains(wild) {
            Pattern::Exact(p.into())
        } else if p.ends_with('*') && !p[..p.len() - 1].contains(wild) {
            Pattern::Prefix(p[..p.len() - 1].into())
        } else {
            Pattern::Glob(p.into())
        }
    }

    #[inline]
    fn matches(&self, text: &str, ignore_case: bool) -> bool {
        match self {
            Pattern::Any => true,
            Pattern::Exact(e) => {
                if ignore_case {
                    e.eq_ignore_ascii_case(text)
                } else {
                    **e == *text
                }
            }
            Pattern::Prefix(p) => {
                let (p, t) = (p.as_bytes(), text.as_bytes());
                t.len() >= p.len()
                    && if ignore_case { p.eq_ignore_ascii_case(&t[..p.len()]) } else { *p == t[..p.len()] }
            }
            Pattern::Glob(g) => glob_match(g, text, ignore_case),
        }
    }
}

/// A list of patterns, maybe negated (`NotAction`/`NotResource`).
#[derive(Debug, Clone)]
struct PatternSet {
    patterns: Vec<Pattern>,
    negated: bool,
}

impl PatternSet {
    fn compile(list: &ValueList, negated: bool) -> Self {
        PatternSet { patterns: list.iter().map(Pattern::compile).collect(), negated }
    }

    #[inline]
    fn matches(&self, text: &str, ignore_case: bool) -> bool {
        self.patterns.iter().any(|p| p.matches(text, ignore_case)) != self.negated
    }
}

/// A condition operator's policy values, parsed for its type.
#[derive(Debug, Clone)]
enum Values {
    Strings(Vec<Box<str>>),
    Patterns(Vec<Pattern>),
    Numbers(Vec<f64>),
    Dates(Vec<i64>),
    Bools(Vec<bool>),
    Cidrs(Vec<Cidr>),
}

/// One key under one operator: `"IpAddress": {"acs:SourceIp": [...]}`.
#[derive(Debug, Clone)]
struct KeyCondition {
    kind: OperatorKind,
    qualifier: SetQualifier,
    /// Lower case: condition keys compare case-insensitively.
    key: Box<str>,
    values: Values,
}

impl KeyCondition {
    fn compile(op: Operator, key: &str, list: &ValueList, path: &str) -> Result<Self, CompileError> {
        let parse_all = |parse: &dyn Fn(&str) -> bool| -> Result<(), CompileError> {
            match list.iter().position(|v| !parse(v)) {
                Some(i) => Err(CompileError {
                    path: format!("{path}/{i}"),
                    message: format!("\"{}\" is not a valid value for {}", list.0[i], op.kind.name()),
                }),
                None => Ok(()),
            }
        };
        let values = match op.kind.value_type() {
            ValueType::String => match op.kind {
                OperatorKind::StringLike | OperatorKind::StringNotLike => {
                    Values::Patterns(list.iter().map(Pattern::compile).collect())
                }
                _ => Values::Strings(list.iter().map(Into::into).collect()),
            },
            ValueType::Number => {
                parse_all(&|v| parse_number(v).is_some())?;
                Values::Numbers(list.iter().filter_map(parse_number).collect())
            }
            ValueType::Date => {
                parse_all(&|v| parse_date(v).is_some())?;
                Values::Dates(list.iter().filter_map(parse_date).collect())
            }
            ValueType::Bool => {
                parse_all(&|v| parse_bool(v).is_some())?;
                Values::Bools(list.iter().filter_map(parse_bool).collect())
            }
            ValueType::Ip => {
                parse_all(&|v| Cidr::parse(v).is_some())?;
                Values::Cidrs(list.iter().filter_map(Cidr::parse).collect())
            }
        };
        Ok(KeyCondition { kind: op.kind, qualifier: op.qualifier, key: key.to_ascii_lowercase().into(), values })
    }

    fn matches(&self, context: &Context) -> bool {
        let negated = self.kind.is_negated();
        let request = context.get(&self.key).unwrap_or(&[]);
        if request.is_empty() {
            return match self.qualifier {
                SetQualifier::ForAllValues => true,
                SetQualifier::ForAnyValue => false,
                SetQualifier::Single => negated,
            };
        }
        match (self.qualifier, negated) {
            (SetQualifier::Single, false) | (SetQualifier::ForAnyValue, false) => request.iter().any(|v| self.hits(v)),
            (SetQualifier::Single, true) | (SetQualifier::ForAllValues, true) => request.iter().all(|v| !self.hits(v)),
            (SetQualifier::ForAnyValue, true) => request.iter().any(|v| !self.hits(v)),
            (SetQualifier::ForAllValues, false) => request.iter().all(|v| self.hits(v)),
        }
    }

    /// Whether one request value matches any policy value under the operator's positive form.
    fn hits(&self, value: &str) -> bool {
        use OperatorKind::*;
        match &self.values {
            Values::Strings(vs) => match self.kind {
                StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => vs.iter().any(|v| v.eq_ignore_ascii_case(value)),
                _ => vs.iter().any(|v| **v == *value),
            },
            Values::Patterns(ps) => ps.iter().any(|p| p.matches(value, false)),
            Values::Numbers(ns) => {
                parse_number(value).is_some_and(|x| ns.iter().any(|&n| compare(self.kind, x.partial_cmp(&n))))
            }
            Values::Dates(ds) => {
                parse_date(value).is_some_and(|x| ds.iter().any(|&d| compare(self.kind, Some(x.cmp(&d)))))
            }
            Values::Bools(bs) => parse_bool(value).is_some_and(|x| bs.contains(&x)),
            Values::Cidrs(cs) => value.parse::<IpAddr>().is_ok_and(|ip| cs.iter().any(|c| c.contains(ip))),
        }
    }
}

/// The positive comparison of Numeric*/Date* operators: request value `ordering` policy value.
fn compare(kind: OperatorKind, ordering: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    use OperatorKind::*;
    let Some(o) = ordering else { return false };
    match kind {
        NumericEquals | NumericNotEquals | DateEquals | DateNotEquals => o == Equal,
        NumericLessThan | DateLessThan => o == Less,
        NumericLessThanEquals | DateLessThanEquals => o != Greater,
        NumericGreaterThan | DateGreaterThan => o == Greater,
        NumericGreaterThanEquals | DateGreaterThanEquals => o != Less,
        _ => false,
    }
}

#[derive(Debug, Clone)]
struct CompiledStatement {
    effect: Effect,
    /// The service codes of `Action` when every pattern names one literally (`ecs:Describe*`): a request for
    /// another service skips the statement after one short comparison. `None` for `*`, `NotAction`, `e?s:*`.
    codes: Option<Vec<Box<str>>>,
    actions: PatternSet,
    resources: PatternSet,
    conditions: Vec<KeyCondition>,
}

/// The literal service codes of a list of action patterns, or `None` when any pattern's code is a wildcard.
fn literal_codes(actions: &ValueList) -> Option<Vec<Box<str>>> {
    let mut codes: Vec<Box<str>> = Vec::new();
    for a in actions.iter() {
        let code = a.split_once(':')?.0;
        if code.contains(['*', '?']) {
            return None;
        }
        if !codes.iter().any(|c| c.eq_ignore_ascii_case(code)) {
            codes.push(code.into());
        }
    }
    Some(codes)
}

/// The service code of a requested action (`ecs` of `ecs:StopInstance`).
fn code_of(action: &str) -> &str {
    action.split_once(':').map_or(action, |(code, _)| code)
}

impl CompiledStatement {
    #[inline]
    fn matches(&self, request: &Request, code: &str) -> bool {
        self.codes.as_ref().is_none_or(|codes| codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
            && self.actions.matches(&request.action, true)
            && self.resources.matches(&request.resource, false)
            && self.conditions.iter().all(|c| c.matches(&request.context))
    }
}

/// One policy document in matcher form.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    statements: Vec<CompiledStatement>,
}

impl CompiledPolicy {
    /// Compiles a document; fails on condition operators or values that cannot be evaluated.
    pub fn compile(doc: &PolicyDocument) -> Result<Self, CompileError> {
        let mut statements = Vec::with_capacity(doc.statements.len());
        for (i, st) in doc.statements.iter().enumerate() {
            let path = format!("/Statement/{i}");
            let codes = st.action.as_ref().and_then(literal_codes);
            let actions = match (&st.action, &st.not_action) {
                (Some(a), None) => PatternSet::compile(a, false),
                (None, Some(n)) => PatternSet::compile(n, true),
                _ => {
                    return Err(CompileError {
                        path,
                        message: "a statement needs exactly one of Action and NotAction".into(),
                    })
                }
            };
            let resources = match (&st.resource, &st.not_resource) {
                (Some(r), None) => PatternSet::compile(r, false),
                (None, Some(n)) => PatternSet::compile(n, true),
                _ => {
                    return Err(CompileError {
                        path,
                        message: "a statement needs exactly one of Resource and NotResource".into(),
                    })
                }
            };
            let mut conditions = Vec::new();
            for (op_name, keys) in st.condition.iter().flatten() {
                let op_path = format!("{path}/Condition/{}", super::parse::escape_pointer(op_name));
                let op = Operator::parse(op_name).map_err(|message| CompileError { path: op_path.clone(), message })?;
                for (key, values) in keys {
                    let key_path = format!("{op_path}/{}", super::parse::escape_pointer(key));
                    conditions.push(KeyCondition::compile(op, key, values, &key_path)?);
                }
            }
            statements.push(CompiledStatement { effect: st.effect, codes, actions, resources, conditions });
        }
        Ok(CompiledPolicy { statements })
    }

    /// Parses and compiles a policy's JSON text; errors carry the line and column of the offending element.
    pub fn from_json(text: &str) -> Result<Self, DocumentError> {
        let doc = parse_document(text)?;
        CompiledPolicy::compile(&doc).map_err(|e| {
            // Compiling found a bad condition value: find it in the text to say where.
            // A single string stands for a one-element list: `/key/0` is then `/key` itself.
            let parent = e.path.rsplit_once('/').map_or("", |(p, _)| p);
            let span = parse(text).ok().and_then(|p| {
                let node = p.root.pointer(&e.path).or_else(|| p.root.pointer(parent))?;
                Some((node.span, p.position(node.span.start)))
            });
            let (span, line, column) = span.map_or((Span::default(), 1, 1), |(s, pos)| (s, pos.line, pos.column));
            DocumentError { message: e.message, path: e.path, line, column, span }
        })
    }
}

/// Policies grouped by layer, compiled once and reused for many decisions.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// Applicable layers in evaluation order; the identity layer is always present (possibly empty: deny all).
    control: Option<Vec<CompiledPolicy>>,
    session: Option<Vec<CompiledPolicy>>,
    identity: Vec<CompiledPolicy>,
}

impl PolicySet {
    /// Only identity policies (possibly none, which denies everything).
    pub fn new(identity: Vec<CompiledPolicy>) -> Self {
        PolicySet { control: None, session: None, identity }
    }

    /// Adds a layer of Resource Directory control policies: they must allow too.
    pub fn with_control_policies(mut self, policies: Vec<CompiledPolicy>) -> Self {
        self.control = Some(policies);
        self
    }

    /// Adds the STS session policy: the effective rights are the intersection.
    pub fn with_session_policy(mut self, policy: CompiledPolicy) -> Self {
        self.session = Some(vec![policy]);
        self
    }

    /// Identity policies can be added one by one (the proptests grow sets this way).
    pub fn push_identity(&mut self, policy: CompiledPolicy) {
        self.identity.push(policy);
    }

    fn layers(&self) -> impl Iterator<Item = (Layer, &[CompiledPolicy])> {
        let control = self.control.as_deref().map(|p| (Layer::ControlPolicy, p));
        let session = self.session.as_deref().map(|p| (Layer::SessionPolicy, p));
        control.into_iter().chain(session).chain(std::iter::once((Layer::Identity, self.identity.as_slice())))
    }

    /// The decision without the list of deciding statements: allocation-free, for hot loops.
    /// One pass: a matching `Deny` ends it; `Allow` statements of a layer stop being tried once one matched.
    pub fn is_allowed(&self, request: &Request) -> bool {
        let code = code_of(&request.action);
        let mut every_layer_allows = true;
        for (_, policies) in self.layers() {
            let mut allowed = false;
            for st in policies.iter().flat_map(|p| &p.statements) {
                match st.effect {
                    Effect::Deny if st.matches(request, code) => return false,
                    Effect::Allow if !allowed => allowed = st.matches(request, code),
                    _ => {}
                }
            }
            every_layer_allows &= allowed;
        }
        every_layer_allows
    }

    /// Decides `request`, naming the statements that decided it. One pass over every statement.
    pub fn simulate(&self, request: &Request) -> Decision {
        let code = code_of(&request.action);
        let (mut denies, mut allows) = (Vec::new(), Vec::new());
        let mut unallowed_layer = None;
        for (layer, policies) in self.layers() {
            let allows_before = allows.len();
            for (policy, p) in policies.iter().enumerate() {
                for (statement, st) in p.statements.iter().enumerate() {
                    if st.matches(request, code) {
                        let r = StatementRef { layer, policy, statement };
                        if st.effect == Effect::Deny {
                            denies.push(r)
                        } else {
                            allows.push(r)
                        }
                    }
                }
            }
            if allows.len() == allows_before && unallowed_layer.is_none() {
                unallowed_layer = Some(layer);
            }
        }
        let (reason, deciding) = match (denies.first(), unallowed_layer) {
            (Some(deny), _) => (Reason::ExplicitDeny(deny.layer), denies),
            (None, Some(layer)) => (Reason::ImplicitDeny(layer), Vec::new()),
            (None, None) => (Reason::Allowed, allows),
        };
        Decision { allowed: reason == Reason::Allowed, deciding, reason }
    }
}

/// Decides one request against policies in layers. Compile once with [`PolicySet`] when deciding many.
pub fn simulate(layers: &PolicySet, request: &Request) -> Decision {
    layers.simulate(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> CompiledPolicy {
        CompiledPolicy::compile(&parse_document(json).unwrap()).unwrap()
    }

    fn allow(action: &str, resource: &str, cond: &str) -> CompiledPolicy {
        let cond = if cond.is_empty() { String::new() } else { format!(",\"Condition\":{cond}") };
        policy(&format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"{cond}}}]}}"#
        ))
    }

    #[test]
    fn deny_by_default_and_deny_wins() {
        let req = Request::new("ecs:StopInstance", "acs:ecs:cn-hangzhou:1:instance/i-1");
        assert_eq!(PolicySet::new(vec![]).simulate(&req).reason, Reason::ImplicitDeny(Layer::Identity));
        let mut set = PolicySet::new(vec![allow("ecs:*", "*", "")]);
        assert!(set.simulate(&req).allowed);
        set.push_identity(policy(r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"ecs:Stop*","Resource":"acs:ecs:*:*:instance/*"}]}"#));
        let d = set.simulate(&req);
        assert!(!d.allowed);
        assert_eq!(d.reason, Reason::ExplicitDeny(Layer::Identity));
        assert_eq!(d.deciding, vec![StatementRef { layer: Layer::Identity, policy: 1, statement: 0 }]);
    }

    #[test]
    fn layers_intersect() {
        let req = Request::new("oss:GetObject", "acs:oss:*:1:bucket/key");
        let set = PolicySet::new(vec![allow("oss:*", "*", "")]).with_session_policy(allow("oss:PutObject", "*", ""));
        assert_eq!(set.simulate(&req).reason, Reason::ImplicitDeny(Layer::SessionPolicy));
        let set = PolicySet::new(vec![allow("oss:*", "*", "")]).with_control_policies(vec![allow("*", "*", "")]);
        let d = set.simulate(&req);
        assert!(d.allowed);
        assert_eq!(d.deciding.len(), 2);
    }

    #[test]
    fn conditions_and_missing_keys() {
        let p = PolicySet::new(vec![allow(
            "ecs:*",
            "*",
            r#"{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}"#,
        )]);
        assert!(p.is_allowed(&Request::new("ecs:A", "*").with("acs:SourceIp", "10.2.3.4")));
        assert!(p.is_allowed(&Request::new("ecs:A", "*").with("ACS:SOURCEIP", "2001:db8::9")));
        assert!(!p.is_allowed(&Request::new("ecs:A", "*").with("acs:SourceIp", "11.0.0.1")));
        assert!(!p.is_allowed(&Request::new("ecs:A", "*")));
        let not = PolicySet::new(vec![allow("ecs:*", "*", r#"{"StringNotEquals":{"ecs:tag":"prod"}}"#)]);
        assert!(not.is_allowed(&Request::new("ecs:A", "*")));
        assert!(!not.is_allowed(&Request::new("ecs:A", "*").with("ecs:tag", "prod")));
    }

    #[test]
    fn set_qualifiers() {
        let all = PolicySet::new(vec![allow("a:b", "*", r#"{"ForAllValues:StringEquals":{"k":["x","y"]}}"#)]);
        assert!(all.is_allowed(&Request::new("a:b", "*")));
        assert!(all.is_allowed(&Request::new("a:b", "*").with("k", "x").with("k", "y")));
        assert!(!all.is_allowed(&Request::new("a:b", "*").with("k", "x").with("k", "z")));
        let any = PolicySet::new(vec![allow("a:b", "*", r#"{"ForAnyValue:StringEquals":{"k":["x"]}}"#)]);
        assert!(!any.is_allowed(&Request::new("a:b", "*")));
        assert!(any.is_allowed(&Request::new("a:b", "*").with("k", "z").with("k", "x")));
    }

    #[test]
    fn bad_condition_values_do_not_compile() {
        let doc = parse_document(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":["soon"]}}}]}"#).unwrap();
        let err = CompiledPolicy::compile(&doc).unwrap_err();
        assert_eq!(err.path, "/Statement/0/Condition/DateLessThan/acs:CurrentTime/0");
    }
}
