//! Properties of the policy engine, checked on generated policies and requests:
//! adding an Allow never removes access; adding a Deny never adds access; the builder's policy allows exactly its
//! needs' scope; lint finds no `error` in what the builder emits; documents round-trip through JSON.

use proptest::prelude::*;
use ram_doctor_core::policy::build::{build, BuildOptions, Conditions, Need, Scope};
use ram_doctor_core::policy::check::{lint, LintOptions, Severity};
use ram_doctor_core::policy::document::{Condition, Effect, PolicyDocument, Statement, ValueList};
use ram_doctor_core::policy::parse::parse_document;
use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Request};
use ram_doctor_core::Catalog;

const ACTIONS: &[&str] = &[
    "ecs:StopInstance",
    "ecs:StartInstance",
    "ECS:DescribeInstances",
    "oss:GetObject",
    "oss:PutObject",
    "ram:CreateUser",
    "kms:Decrypt",
];
const ACTION_PATTERNS: &[&str] = &[
    "ecs:*",
    "ecs:Describe*",
    "ecs:St?pInstance",
    "oss:GetObject",
    "oss:*Object",
    "*",
    "ram:Create*",
    "kms:Decrypt",
    "ECS:stopinstance",
];
const RESOURCES: &[&str] = &[
    "acs:ecs:cn-hangzhou:111:instance/i-1",
    "acs:ecs:cn-beijing:111:instance/i-2",
    "acs:ecs:cn-hangzhou:222:instance/i-1",
    "acs:oss:*:111:bucket/a/b",
    "acs:ram::111:user/alice",
    "*",
];
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "acs:ecs:*:111:instance/*",
    "acs:ecs:cn-hangzhou:*:*",
    "acs:oss:*:*:bucket/*",
    "acs:ram::111:user/?lice",
    "acs:*:*:222:*",
];
const IPS: &[&str] = &["10.1.2.3", "192.0.2.9", "2001:db8::5", "203.0.113.200"];

fn condition() -> impl Strategy<Value = Option<Condition>> {
    let blocks: Vec<Option<&'static str>> = vec![
        None,
        None,
        Some(r#"{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}"#),
        Some(r#"{"NotIpAddress":{"acs:SourceIp":"192.0.2.0/24"}}"#),
        Some(r#"{"Bool":{"acs:SecureTransport":"true"}}"#),
        Some(r#"{"DateLessThan":{"acs:CurrentTime":"2026-06-01T00:00:00Z"}}"#),
        Some(r#"{"StringLike":{"acs:UserAgent":"aliyun-*"}}"#),
        Some(r#"{"ForAllValues:StringEquals":{"acs:TagKeys":["team","env"]}}"#),
        Some(r#"{"NumericLessThan":{"ecs:Count":"5"}}"#),
    ];
    proptest::sample::select(blocks).prop_map(|b| b.map(|json| serde_json::from_str(json).expect("block parses")))
}

fn list(choices: &'static [&'static str]) -> impl Strategy<Value = ValueList> {
    proptest::sample::subsequence(choices, 1..=3).prop_map(|v| v.into_iter().collect())
}

fn statement(effect: Effect) -> impl Strategy<Value = Statement> {
    (list(ACTION_PATTERNS), list(RESOURCE_PATTERNS), condition(), any::<bool>(), any::<bool>()).prop_map(
        move |(a, r, condition, not_a, not_r)| Statement {
            effect,
            action: (!not_a).then(|| a.clone()),
            not_action: not_a.then_some(a),
            resource: (!not_r).then(|| r.clone()),
            not_resource: not_r.then_some(r),
            condition,
        },
    )
}

fn any_statement() -> impl Strategy<Value = Statement> {
    prop_oneof![statement(Effect::Allow), statement(Effect::Deny)]
}

fn document() -> impl Strategy<Value = PolicyDocument> {
    proptest::collection::vec(any_statement(), 1..5).prop_map(PolicyDocument::new)
}

fn request() -> impl Strategy<Value = Request> {
    (
        proptest::sample::select(ACTIONS),
        proptest::sample::select(RESOURCES),
        proptest::option::of(proptest::sample::select(IPS)),
        any::<bool>(),
        proptest::sample::select(vec!["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
        proptest::option::of(proptest::sample::subsequence(vec!["team", "env", "owner"], 0..3)),
    )
        .prop_map(|(action, resource, ip, https, now, tags)| {
            let mut r = Request::new(action, resource)
                .with("acs:SecureTransport", if https { "true" } else { "false" })
                .with("acs:CurrentTime", now);
            if let Some(ip) = ip {
                r = r.with("acs:SourceIp", ip);
            }
            for t in tags.into_iter().flatten() {
                r = r.with("acs:TagKeys", t);
            }
            r
        })
}

fn compile(doc: &PolicyDocument) -> CompiledPolicy {
    CompiledPolicy::compile(doc).expect("generated documents compile")
}

/// A policy set with some control/session layers present, built from the given identity documents.
fn set_of(identity: &[PolicyDocument], session: &Option<PolicyDocument>) -> PolicySet {
    let set = PolicySet::new(identity.iter().map(compile).collect());
    match session {
        Some(s) => set.with_session_policy(compile(s)),
        None => set,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn adding_an_allow_never_removes_access(policies in proptest::collection::vec(document(), 0..3), session in proptest::option::of(document()),
                                            extra in statement(Effect::Allow), req in request()) {
        let before = set_of(&policies, &session).is_allowed(&req);
        let mut more = policies.clone();
        more.push(PolicyDocument::new(vec![extra]));
        prop_assert!(!before || set_of(&more, &session).is_allowed(&req));
    }

    #[test]
    fn adding_a_deny_never_adds_access(policies in proptest::collection::vec(document(), 0..3), session in proptest::option::of(document()),
                                       extra in statement(Effect::Deny), req in request(), into_existing in any::<bool>()) {
        let before = set_of(&policies, &session).is_allowed(&req);
        let mut more = policies.clone();
        match more.first_mut() {
            Some(doc) if into_existing => doc.statements.push(extra),
            _ => more.push(PolicyDocument::new(vec![extra])),
        }
        let after = set_of(&more, &session);
        prop_assert!(before || !after.is_allowed(&req));
        prop_assert_eq!(after.is_allowed(&req), after.simulate(&req).allowed);
    }

    #[test]
    fn documents_round_trip_through_json(doc in document()) {
        prop_assert_eq!(&parse_document(&doc.to_pretty_json()).expect("pretty JSON parses"), &doc);
        prop_assert_eq!(&parse_document(&doc.to_compact_json()).expect("compact JSON parses"), &doc);
        let via_serde: PolicyDocument = serde_json::from_value(doc.to_value()).expect("serde reads it back");
        prop_assert_eq!(via_serde, doc);
    }
}

const NEED_ACTIONS: &[&str] =
    &["ecs:StopInstance", "ecs:StartInstance", "oss:GetObject", "kms:Decrypt", "ram:GetUser", "hbr:CreateBackupPlan"];
const REGIONS: &[&str] = &["cn-hangzhou", "cn-beijing", "ap-southeast-1"];

/// A need with an ARN of the action's own service, or with only the region/account seen, or nothing.
fn need() -> impl Strategy<Value = Need> {
    (
        proptest::sample::subsequence(NEED_ACTIONS, 1..=3),
        proptest::sample::select(REGIONS),
        "[0-9]{6}",
        "[a-z0-9]{1,8}",
        0..3u8,
    )
        .prop_map(|(actions, region, account, id, shape)| {
            let code = actions[0].split(':').next().unwrap_or_default().to_string();
            let region_part = if code == "ram" { String::new() } else { region.to_string() };
            let resource = (shape == 0).then(|| format!("acs:{code}:{region_part}:{account}:thing/{id}"));
            let seen = shape != 2;
            Need {
                actions: if resource.is_some() {
                    vec![actions[0].to_string()]
                } else {
                    actions.into_iter().map(String::from).collect()
                },
                resource,
                product: Some(code),
                region: seen.then(|| region.to_string()),
                account: seen.then_some(account),
            }
        })
}

fn options() -> impl Strategy<Value = BuildOptions> {
    (
        proptest::sample::select(vec![Scope::Exact, Scope::Region, Scope::Account, Scope::Any]),
        proptest::option::of(proptest::sample::subsequence(vec!["10.0.0.0/8", "2001:db8::/32", "203.0.113.7"], 1..3)),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(scope, ips, https, expires, mfa, include_read_actions, per_product)| BuildOptions {
            scope,
            conditions: Conditions {
                source_ips: ips.unwrap_or_default().into_iter().map(String::from).collect(),
                secure_transport: https,
                expires: expires.then(|| "2030-01-01T00:00:00Z".to_string()),
                mfa,
            },
            include_read_actions,
            per_product,
        })
}

/// A request context that satisfies every condition the builder can add.
fn satisfying(r: Request) -> Request {
    r.with("acs:SourceIp", "10.9.9.9")
        .with("acs:SourceIp", "2001:db8::1")
        .with("acs:SourceIp", "203.0.113.7")
        .with("acs:SecureTransport", "true")
        .with("acs:MFAPresent", "true")
        .with("acs:CurrentTime", "2029-01-01T00:00:00Z")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_builder_grants_its_needs_and_stays_in_scope(needs in proptest::collection::vec(need(), 1..4), opts in options()) {
        let built = build(&needs, &opts, &Catalog::empty()).expect("generated needs build");
        let set = PolicySet::new(built.iter().map(|b| compile(&b.document)).collect());
        // Actions some need knew nothing about are granted on `*`; scope cannot be checked for them.
        let unscoped = |action: &str| needs.iter().any(|n| n.resource.is_none() && n.account.is_none() && n.actions.iter().any(|a| a == action));
        for need in &needs {
            for action in &need.actions {
                let resource = need.resource.clone().unwrap_or_else(|| match (&need.account, &need.region) {
                    (Some(acct), Some(region)) => {
                        let code = action.split(':').next().unwrap_or_default();
                        let region = if code == "ram" { "" } else { region.as_str() };
                        format!("acs:{code}:{region}:{acct}:thing/x")
                    }
                    _ => "*".to_string(),
                });
                prop_assert!(set.is_allowed(&satisfying(Request::new(action.as_str(), resource.as_str()))), "{action} on {resource} not allowed by {:?}", built);
                // Nothing outside the scope: another account is out unless the scope is `any` or nothing was known.
                let widened = opts.scope == Scope::Any || resource == "*" || unscoped(action);
                if !widened && !opts.include_read_actions {
                    let other = resource.replacen(&format!(":{}:", need.account.as_deref().unwrap_or("")), ":999999999:", 1);
                    prop_assert!(!set.is_allowed(&satisfying(Request::new(action.as_str(), other.as_str()))), "{action} on {other} allowed by {:?}", built);
                    // With a named resource: the exact and region scopes keep its region, the exact scope its id
                    // (unless another need asked for the same action elsewhere).
                    if let Some([_, code, region, account, relative]) = need.resource.as_deref().map(|r| r.splitn(5, ':').collect::<Vec<_>>()).and_then(|p| <[&str; 5]>::try_from(p).ok()) {
                        let denied = |arn: String| !set.is_allowed(&satisfying(Request::new(action.as_str(), arn.as_str())));
                        if matches!(opts.scope, Scope::Exact | Scope::Region) && !region.is_empty() {
                            prop_assert!(denied(format!("acs:{code}:eu-central-1:{account}:{relative}")), "other region allowed by {:?}", built);
                        }
                        let sole = needs.iter().filter(|n| n.actions.iter().any(|a| a == action)).count() == 1;
                        if opts.scope == Scope::Exact && sole {
                            prop_assert!(denied(format!("acs:{code}:{region}:{account}:{relative}-other")), "other id allowed by {:?}", built);
                        }
                    }
                }
            }
        }
        // Without the conditions' context, a conditional grant allows nothing.
        let conditional = !opts.conditions.source_ips.is_empty() || opts.conditions.secure_transport || opts.conditions.mfa;
        if conditional {
            let a = &needs[0].actions[0];
            prop_assert!(!set.is_allowed(&Request::new(a.as_str(), needs[0].resource.as_deref().unwrap_or("*"))));
        }
    }

    #[test]
    fn lint_finds_no_error_in_built_policies(needs in proptest::collection::vec(need(), 1..4), opts in options()) {
        for b in build(&needs, &opts, &Catalog::empty()).expect("generated needs build") {
            let text = b.document.to_pretty_json();
            let errors: Vec<_> = lint(&text, &LintOptions::default(), &Catalog::empty()).into_iter().filter(|d| d.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{errors:?} in {text}");
        }
    }
}

/// Arbitrary JSON without duplicate keys (serde_json's map keeps one of each).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-zA-Z:/~]{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The located tree converted back to serde_json, for comparison.
fn to_serde(node: &ram_doctor_core::policy::parse::Node) -> serde_json::Value {
    use ram_doctor_core::policy::parse::Value;
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        // std's float parsing is exact; serde_json's default one is not, so it is not used here.
        Value::Number(n) if n.contains(['.', 'e', 'E']) => {
            serde_json::json!(n.parse::<f64>().expect("numbers keep their text"))
        }
        Value::Number(n) => n
            .parse::<i64>()
            .map_or_else(|_| serde_json::json!(n.parse::<u64>().expect("an integer")), |i| serde_json::json!(i)),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(members) => {
            serde_json::Value::Object(members.iter().map(|m| (m.key.clone(), to_serde(&m.value))).collect())
        }
    }
}

proptest! {
    #[test]
    fn the_located_parser_agrees_with_serde_json(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.expect("serializes");
        let parsed = ram_doctor_core::policy::parse::parse(&text).expect("serde_json's output parses");
        prop_assert_eq!(to_serde(&parsed.root), value);
        // Every span covers exactly its element's text: re-parsing the slice gives the same value.
        let first = parsed.root.as_array().and_then(|a| a.first()).or_else(|| parsed.root.as_object().and_then(|m| m.first()).map(|m| &m.value));
        if let Some(node) = first {
            let again = ram_doctor_core::policy::parse::parse(&text[node.span.start..node.span.end]).expect("a span is a whole value");
            prop_assert_eq!(to_serde(&again.root), to_serde(node));
        }
    }

    #[test]
    fn lint_never_panics_and_errors_on_non_json(text in "\\PC{0,80}") {
        let diagnostics = lint(&text, &LintOptions::default(), &Catalog::empty());
        let valid = serde_json::from_str::<serde_json::Value>(&text).is_ok();
        let has_ram001 = diagnostics.iter().any(|d| d.id == "RAM001");
        // Invalid JSON is always RAM001; valid JSON is RAM001 only when it is not an object.
        prop_assert!(valid || has_ram001, "{text:?} gave {diagnostics:?}");
        for d in &diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
    }
}
