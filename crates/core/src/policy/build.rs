//! The least-privilege builder: from what was denied (actions, the resource the error names, the region and
//! account seen) to the smallest policy that allows it, saying where it had to widen to `*` and why.
//!
//! Pure: callers pass the needs, the options and the catalog; nothing is looked up elsewhere.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::check::{codes_related, split_arn, GLOBAL_SERVICES, MAX_POLICY_CHARS};
use super::condition::{parse_date, Cidr};
use super::document::{Condition, PolicyDocument, Statement, ValueList};
use super::parse::parse_document;
use super::pattern::{glob_covers, glob_match};
use super::simulate::{CompiledPolicy, PolicySet, Request};
use crate::catalog::{Catalog, GrantBasis, Granularity, PolicyKind, SystemPolicy};
use crate::finding::Finding;

/// One thing to allow: the actions that were denied and what is known about where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    /// `code:Name` actions.
    pub actions: Vec<String>,
    /// The resource ARN the error names, when it names one.
    pub resource: Option<String>,
    /// The product's RAM code, when known apart from the actions.
    pub product: Option<String>,
    /// The region the error names, to scope ARNs to.
    pub region: Option<String>,
    /// The account id the error names, to scope ARNs to.
    pub account: Option<String>,
}

impl Need {
    /// What a finding asks for; `None` when it names no action (nothing to grant).
    pub fn from_finding(finding: &Finding) -> Option<Need> {
        let actions: Vec<String> = finding.actions.iter().filter(|a| a.contains(':')).cloned().collect();
        if actions.is_empty() {
            return None;
        }
        Some(Need {
            actions,
            resource: finding.resource.clone().filter(|r| r == "*" || split_arn(r).is_some()),
            product: finding.product.clone(),
            region: finding.region.clone(),
            // Errors often show a masked account (`1xxxx`, `10323***2056`): only a real id can scope a resource.
            account: finding.principal.as_ref().and_then(|p| p.account.clone()).filter(|a| is_account_id(a)),
        })
    }
}

/// Whether `s` is an account id (all digits), not a masked one.
fn is_account_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// How far to widen the resource beyond what the error names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The exact resource named (or the narrowest known: region and account).
    #[default]
    Exact,
    /// Resources of the same type in the same region and account.
    Region,
    /// Resources of the same type in any region of the account.
    Account,
    /// `*`.
    Any,
}

/// Conditions to add to every statement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// `acs:SourceIp` networks (IPv4/IPv6 addresses or CIDRs).
    pub source_ips: Vec<String>,
    /// Require HTTPS (`acs:SecureTransport`).
    pub secure_transport: bool,
    /// Expiry as ISO 8601: the grant stops working after it (`acs:CurrentTime`).
    pub expires: Option<String>,
    /// Require MFA (`acs:MFAPresent`).
    pub mfa: bool,
}

/// What the user controls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildOptions {
    /// How far resources are narrowed.
    pub scope: Scope,
    /// Conditions to add: source networks, HTTPS, an expiry.
    pub conditions: Conditions,
    /// Add `<code>:Describe*`, `List*` and `Get*` on `*`: what the console needs to show the product at all.
    pub include_read_actions: bool,
    /// One policy per product instead of one policy for all.
    pub per_product: bool,
}

/// Why the builder widened a resource to `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WildcardReason {
    /// The catalog says the product authorizes per operation only: RAM accepts only `*`.
    OperationGranularity,
    /// No resource, region or account was known for the action.
    NothingKnown,
    /// The user chose the `any` scope.
    Chosen,
}

/// Something the user should know about the built policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Note {
    /// These actions got `Resource: "*"`.
    Wildcard {
        /// The actions.
        actions: Vec<String>,
        /// Why.
        reason: WildcardReason,
    },
    /// No resource was named; the actions were scoped to what was seen (`acs:ecs:cn-hangzhou:123:*`).
    ScopedBySeen {
        /// The actions.
        actions: Vec<String>,
        /// The ARN pattern they were scoped to.
        resource: String,
    },
    /// Console read actions were added for these products.
    ReadActions {
        /// Their RAM codes.
        products: Vec<String>,
    },
    /// The document is longer than RAM accepts for one custom policy.
    TooLarge {
        /// Its length in characters, compact.
        chars: usize,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Wildcard { actions, reason } => {
                let why = match reason {
                    WildcardReason::OperationGranularity => "the product authorizes per operation, so RAM accepts only \"*\" as the resource",
                    WildcardReason::NothingKnown => "the error named no resource, region or account to scope it to",
                    WildcardReason::Chosen => "the \"any\" scope was chosen",
                };
                write!(f, "{} on \"*\": {why}", actions.join(", "))
            }
            Note::ScopedBySeen { actions, resource } => {
                write!(f, "{} scoped to {resource}: the error named no resource, only the region/account", actions.join(", "))
            }
            Note::ReadActions { products } => {
                write!(f, "added read actions (Describe*, List*, Get*) on \"*\" for {} so the console can list resources", products.join(", "))
            }
            Note::TooLarge { chars } => write!(f, "the policy is {chars} characters; RAM accepts {MAX_POLICY_CHARS}: choose per-product policies or a wider scope"),
        }
    }
}

/// One built policy and what to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltPolicy {
    /// The product code when built per product.
    pub product: Option<String>,
    /// The policy document.
    pub document: PolicyDocument,
    /// What was widened or added, and why.
    pub notes: Vec<Note>,
}

/// Why no policy could be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// No need names an action.
    NothingToGrant,
    /// An action is not `code:Name`.
    BadAction(String),
    /// A source IP is not an address or CIDR.
    BadSourceIp(String),
    /// The expiry is not an ISO 8601 time.
    BadExpiry(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NothingToGrant => write!(f, "nothing to grant: no action is known"),
            BuildError::BadAction(a) => write!(f, "\"{a}\" is not an action (code:Name)"),
            BuildError::BadSourceIp(ip) => write!(f, "\"{ip}\" is not an IP address or CIDR"),
            BuildError::BadExpiry(t) => write!(f, "\"{t}\" is not an ISO 8601 time such as 2026-12-31T23:59:59Z"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The action's RAM code, lower-cased.
pub(crate) fn code_of(action: &str) -> Option<String> {
    let (code, name) = action.split_once(':')?;
    (!code.is_empty() && !name.is_empty()).then(|| code.to_ascii_lowercase())
}

fn is_global(code: &str) -> bool {
    GLOBAL_SERVICES.contains(&code)
}

/// How a resource was arrived at, for the notes.
pub(crate) enum Derived {
    /// From the ARN the error named (exact or widened by the chosen scope).
    FromArn,
    /// `*`, for this reason.
    Wildcard(WildcardReason),
    /// From the region/account seen, no ARN.
    FromSeen,
}

/// The resource to grant `code`'s action on, and how it was derived.
pub(crate) fn resource_for(code: &str, need: &Need, scope: Scope, catalog: &Catalog) -> (String, Derived) {
    if scope == Scope::Any {
        return ("*".into(), Derived::Wildcard(WildcardReason::Chosen));
    }
    if catalog.product(code).and_then(|p| p.granularity).is_some_and(|g| g != Granularity::Resource) {
        return ("*".into(), Derived::Wildcard(WildcardReason::OperationGranularity));
    }
    if let Some(arn) = need.resource.as_deref() {
        if arn == "*" {
            return ("*".into(), Derived::Wildcard(WildcardReason::NothingKnown));
        }
        // An ARN of another service (the OSS object behind a KMS decrypt) does not scope this action.
        if let Some([arn_code, region, account, relative]) =
            split_arn(arn).filter(|[c, ..]| codes_related(code, &c.to_ascii_lowercase()))
        {
            // Keep the resource type (`instance/`), widen the id.
            let typed = relative.split_once('/').map_or("*".to_string(), |(ty, _)| format!("{ty}/*"));
            return match scope {
                Scope::Region => (format!("acs:{arn_code}:{region}:{account}:{typed}"), Derived::FromArn),
                Scope::Account => {
                    let region = if region.is_empty() { "" } else { "*" };
                    (format!("acs:{arn_code}:{region}:{account}:{typed}"), Derived::FromArn)
                }
                // A bucket ARN names the bucket; object actions act on the objects in it.
                _ if arn_code.eq_ignore_ascii_case("oss")
                    && !relative.contains('/')
                    && action_of_object(need, code) =>
                {
                    (format!("{arn}/*"), Derived::FromArn)
                }
                _ => (arn.to_string(), Derived::FromArn),
            };
        }
    }
    match need.account.as_deref() {
        Some(account) => {
            let region = if is_global(code) {
                ""
            } else if scope == Scope::Account {
                "*"
            } else {
                need.region.as_deref().unwrap_or("*")
            };
            (format!("acs:{code}:{region}:{account}:*"), Derived::FromSeen)
        }
        None => ("*".into(), Derived::Wildcard(WildcardReason::NothingKnown)),
    }
}

/// Whether the need's actions of `code` act on OSS objects (`oss:GetObject`) rather than on the bucket.
fn action_of_object(need: &Need, code: &str) -> bool {
    need.actions.iter().any(|a| code_of(a).as_deref() == Some(code) && a.contains("Object"))
}

/// The condition block the options ask for, or `None`.
pub(crate) fn condition_block(c: &Conditions) -> Result<Option<Condition>, BuildError> {
    let mut cond = Condition::new();
    let mut put = |op: &str, key: &str, values: Vec<String>| {
        cond.entry(op.to_string()).or_default().insert(key.to_string(), ValueList(values));
    };
    if let Some(bad) = c.source_ips.iter().find(|ip| Cidr::parse(ip).is_none()) {
        return Err(BuildError::BadSourceIp(bad.clone()));
    }
    if !c.source_ips.is_empty() {
        put("IpAddress", "acs:SourceIp", c.source_ips.clone());
    }
    if c.secure_transport {
        put("Bool", "acs:SecureTransport", vec!["true".into()]);
    }
    if c.mfa {
        put("Bool", "acs:MFAPresent", vec!["true".into()]);
    }
    if let Some(t) = &c.expires {
        if parse_date(t).is_none() {
            return Err(BuildError::BadExpiry(t.clone()));
        }
        put("DateLessThan", "acs:CurrentTime", vec![t.clone()]);
    }
    Ok((!cond.is_empty()).then_some(cond))
}

/// Read actions the console needs to show a product.
fn read_actions(code: &str) -> [String; 3] {
    [format!("{code}:Describe*"), format!("{code}:List*"), format!("{code}:Get*")]
}

/// Builds the least-privilege policy (or one per product) for `needs`.
pub fn build(needs: &[Need], options: &BuildOptions, catalog: &Catalog) -> Result<Vec<BuiltPolicy>, BuildError> {
    let condition = condition_block(&options.conditions)?;
    // product code → resource → actions (first spelling kept, compared case-insensitively).
    let mut grants: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut notes: BTreeMap<String, Vec<Note>> = BTreeMap::new();
    for need in needs {
        for action in &need.actions {
            let code = code_of(action).ok_or_else(|| BuildError::BadAction(action.clone()))?;
            let (resource, note) = resource_for(&code, need, options.scope, catalog);
            let product_notes = notes.entry(code.clone()).or_default();
            match note {
                Derived::Wildcard(reason) => {
                    add_note(product_notes, Note::Wildcard { actions: vec![action.clone()], reason })
                }
                Derived::FromSeen => add_note(
                    product_notes,
                    Note::ScopedBySeen { actions: vec![action.clone()], resource: resource.clone() },
                ),
                Derived::FromArn => {}
            }
            let actions = grants.entry(code).or_default().entry(resource).or_default();
            if !actions.iter().any(|a| a.eq_ignore_ascii_case(action)) {
                actions.push(action.clone());
            }
        }
    }
    if grants.is_empty() {
        return Err(BuildError::NothingToGrant);
    }
    if options.include_read_actions {
        for (code, by_resource) in &mut grants {
            let reads = read_actions(code);
            // A need already covered by the read wildcards on `*` needs no statement of its own.
            for actions in by_resource.values_mut() {
                actions.retain(|a| !reads.iter().any(|r| glob_match(r, a, true)));
            }
            by_resource.retain(|_, actions| !actions.is_empty());
            by_resource.insert("*".into(), merge(by_resource.get("*").cloned().unwrap_or_default(), reads));
            notes.entry(code.clone()).or_default().push(Note::ReadActions { products: vec![code.clone()] });
        }
    }
    let groups: Vec<(Option<String>, Vec<&String>)> = if options.per_product {
        grants.keys().map(|c| (Some(c.clone()), vec![c])).collect()
    } else {
        vec![(None, grants.keys().collect())]
    };
    let mut out = Vec::new();
    for (product, codes) in groups {
        let mut statements = statements_for(codes.iter().map(|c| &grants[*c]));
        for st in &mut statements {
            st.condition.clone_from(&condition);
        }
        let document = PolicyDocument::new(statements);
        let mut policy_notes: Vec<Note> = Vec::new();
        for code in &codes {
            for note in notes.get(*code).into_iter().flatten() {
                add_note(&mut policy_notes, note.clone());
            }
        }
        let chars = document.to_compact_json().chars().count();
        if chars > MAX_POLICY_CHARS {
            policy_notes.push(Note::TooLarge { chars });
        }
        out.push(BuiltPolicy { product, document, notes: policy_notes });
    }
    Ok(out)
}

fn merge(mut actions: Vec<String>, more: impl IntoIterator<Item = String>) -> Vec<String> {
    for a in more {
        if !actions.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
            actions.push(a);
        }
    }
    actions
}

/// Folds a note into the list: notes of the same kind and reason share one entry listing all their actions.
fn add_note(notes: &mut Vec<Note>, note: Note) {
    for existing in notes.iter_mut() {
        match (existing, &note) {
            (Note::Wildcard { actions, reason }, Note::Wildcard { actions: new, reason: r }) if reason == r => {
                *actions = merge(std::mem::take(actions), new.iter().cloned());
                return;
            }
            (Note::ScopedBySeen { actions, resource }, Note::ScopedBySeen { actions: new, resource: r })
                if resource == r =>
            {
                *actions = merge(std::mem::take(actions), new.iter().cloned());
                return;
            }
            (Note::ReadActions { products }, Note::ReadActions { products: new }) => {
                *products = merge(std::mem::take(products), new.iter().cloned());
                return;
            }
            _ => {}
        }
    }
    notes.push(note);
}

/// One statement per distinct resource list: actions needing the same resources share a statement. A resource
/// that another resource of the same action already covers (`*` covers everything) is dropped.
fn statements_for<'a>(by_resource: impl Iterator<Item = &'a BTreeMap<String, Vec<String>>>) -> Vec<Statement> {
    let mut per_action: Vec<(String, Vec<String>)> = Vec::new();
    for map in by_resource {
        for (resource, actions) in map {
            for action in actions {
                match per_action.iter_mut().find(|(a, _)| a.eq_ignore_ascii_case(action)) {
                    Some((_, resources)) if !resources.contains(resource) => resources.push(resource.clone()),
                    Some(_) => {}
                    None => per_action.push((action.clone(), vec![resource.clone()])),
                }
            }
        }
    }
    let mut by_resources: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (action, resources) in per_action {
        let mut kept: Vec<String> = resources
            .iter()
            .filter(|r| !resources.iter().any(|o| o != *r && glob_covers(o, r, false)))
            .cloned()
            .collect();
        kept.sort_unstable();
        by_resources.entry(kept).or_default().push(action);
    }
    by_resources
        .into_iter()
        .map(|(resources, mut actions)| {
            actions.sort_unstable();
            Statement::allow(actions, resources)
        })
        .collect()
}

/// How a system policy compares with the need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// `AliyunECSReadOnlyAccess`.
    pub policy: String,
    /// Read-only, full, or other.
    pub kind: PolicyKind,
    /// Whether it allows every needed action; `None` when the catalog cannot say.
    pub covers: Option<bool>,
    /// How many of the product's known actions it allows beyond those needed; `None` when the catalog cannot say
    /// (no document and no naming convention, or the product's actions are not loaded).
    pub extra_actions: Option<usize>,
    /// What the answer rests on: the policy's captured document, or the Full/ReadOnly naming convention.
    pub basis: Option<GrantBasis>,
    /// One line for the page: the honest comparison, or why it cannot be made.
    pub note: String,
}

/// For each product among the needs, its system policies and how much more each grants than needed.
pub fn system_policy_coverage(needs: &[Need], catalog: &Catalog) -> Vec<Coverage> {
    let mut by_code: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for need in needs {
        for action in &need.actions {
            if let Some(code) = code_of(action) {
                by_code.entry(code).or_default().push((action.as_str(), need.resource.as_deref().unwrap_or("*")));
            }
        }
    }
    let mut out = Vec::new();
    for (code, wanted) in &by_code {
        let known = product_actions(code, catalog);
        for sp in catalog.system_policies(code) {
            out.push(coverage_of(sp, code, wanted, known.as_deref(), catalog));
        }
    }
    out
}

/// The product's actions, once each, with whether each only reads; `None` when its shard is not loaded.
fn product_actions<'c>(code: &str, catalog: &'c Catalog) -> Option<Vec<(&'c str, bool)>> {
    catalog.distinct_actions(code).map(|apis| apis.map(|api| (api.action.as_str(), api.access.is_read())).collect())
}

/// The policy's captured document, compiled for the simulator.
fn compiled_document(sp: &SystemPolicy) -> Option<CompiledPolicy> {
    sp.document
        .as_ref()
        .and_then(|d| parse_document(&d.to_string()).ok())
        .and_then(|d| CompiledPolicy::compile(&d).ok())
}

/// How many of its product's actions a system policy allows, and how many the product has: what it allows when
/// no action is known to compare it with. By its document, else by the naming convention of the product's main
/// Full and ReadOnly policies; `None` when neither applies or the product's actions are not loaded.
pub fn system_policy_reach(sp: &SystemPolicy, code: &str, catalog: &Catalog) -> Option<(usize, usize)> {
    let known = product_actions(code, catalog)?;
    let allowed = if let Some(policy) = compiled_document(sp) {
        let set = PolicySet::new(vec![policy]);
        known.iter().filter(|(a, _)| set.is_allowed(&Request::new(*a, "*"))).count()
    } else if sp.primary && sp.kind == PolicyKind::Full {
        known.len()
    } else if sp.primary && sp.kind == PolicyKind::ReadOnly {
        known.iter().filter(|(_, read)| *read).count()
    } else {
        return None;
    };
    Some((allowed, known.len()))
}

fn coverage_of(
    sp: &SystemPolicy,
    code: &str,
    wanted: &[(&str, &str)],
    known: Option<&[(&str, bool)]>,
    catalog: &Catalog,
) -> Coverage {
    let needed = |a: &str| wanted.iter().any(|(w, _)| w.eq_ignore_ascii_case(a));
    let count_extra = |grants: &dyn Fn(&str, bool) -> bool| {
        known.map(|all| all.iter().filter(|(a, read)| !needed(a) && grants(a, *read)).count())
    };
    let (covers, extra, basis) = if let Some(policy) = compiled_document(sp) {
        let set = PolicySet::new(vec![policy]);
        let covers = wanted.iter().all(|(a, r)| set.is_allowed(&Request::new(*a, *r)));
        (Some(covers), count_extra(&|a, _| set.is_allowed(&Request::new(a, "*"))), Some(GrantBasis::Document))
    } else if sp.primary && sp.kind == PolicyKind::Full {
        (Some(true), count_extra(&|_, _| true), Some(GrantBasis::Convention))
    } else if sp.primary && sp.kind == PolicyKind::ReadOnly {
        // Covers when every needed action is known to read; unknown when any access level is unknown.
        let reads: Option<Vec<bool>> =
            wanted.iter().map(|(a, _)| catalog.access_level(a).map(|(level, _)| level.is_read())).collect();
        (reads.map(|r| r.iter().all(|x| *x)), count_extra(&|_, read| read), Some(GrantBasis::Convention))
    } else {
        (None, None, None)
    };
    let how = match basis {
        Some(GrantBasis::Convention) => " (by its name's convention; the catalog has no copy of its document)",
        _ => "",
    };
    let note = match (basis, covers, extra) {
        (None, _, _) => {
            format!("{}: its document is not in the catalog, so RAM Doctor cannot say what it grants", sp.name)
        }
        (_, None, _) => format!(
            "{}: whether it covers the need is unknown: the catalog does not say whether the actions only read",
            sp.name
        ),
        (_, Some(false), _) => format!("{} does not allow everything needed{how}", sp.name),
        (_, Some(true), Some(n)) => format!("{} covers the need and allows {n} more {code} actions{how}", sp.name),
        (_, Some(true), None) => {
            format!("{} covers the need{how}; {code}'s actions are not loaded, so the surplus is unknown", sp.name)
        }
    };
    Coverage { policy: sp.name.clone(), kind: sp.kind, covers, extra_actions: extra, basis, note }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Kind, Principal};

    fn need(actions: &[&str], resource: Option<&str>) -> Need {
        Need {
            actions: actions.iter().map(|a| a.to_string()).collect(),
            resource: resource.map(Into::into),
            ..Need::default()
        }
    }

    fn one(needs: &[Need], options: &BuildOptions) -> BuiltPolicy {
        let mut built = build(needs, options, &Catalog::empty()).unwrap();
        assert_eq!(built.len(), 1);
        built.remove(0)
    }

    #[test]
    fn merges_actions_per_resource() {
        let arn = "acs:ecs:cn-hangzhou:123:instance/i-1";
        let p = one(
            &[need(&["ecs:StopInstance"], Some(arn)), need(&["ecs:StartInstance", "ecs:stopinstance"], Some(arn))],
            &BuildOptions::default(),
        );
        assert_eq!(
            p.document.to_compact_json(),
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:StartInstance","ecs:StopInstance"],"Resource":["acs:ecs:cn-hangzhou:123:instance/i-1"]}]}"#
        );
        assert!(p.notes.is_empty());
    }

    #[test]
    fn object_actions_on_a_bucket_arn_get_the_bucket_objects() {
        let bucket = "acs:oss:*:*:mybucket";
        let res = |action: &str| {
            one(&[need(&[action], Some(bucket))], &BuildOptions::default()).document.statements[0]
                .resource
                .clone()
                .unwrap()
                .0
        };
        assert_eq!(res("oss:GetObject"), vec!["acs:oss:*:*:mybucket/*"]);
        assert_eq!(res("oss:PutBucketReferer"), vec![bucket]);
    }

    #[test]
    fn a_masked_account_does_not_scope() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.actions = vec!["ecs:DescribeInstances".into()];
        f.region = Some("cn-hangzhou".into());
        f.principal = Some(Principal { account: Some("10323***2056".into()), ..Principal::default() });
        assert_eq!(Need::from_finding(&f).unwrap().account, None);
        f.principal = Some(Principal { account: Some("1032312342056".into()), ..Principal::default() });
        assert_eq!(Need::from_finding(&f).unwrap().account.as_deref(), Some("1032312342056"));
    }

    #[test]
    fn scopes_widen_the_id_and_region() {
        let arn = "acs:ecs:cn-hangzhou:123:instance/i-1";
        let res = |scope| {
            one(&[need(&["ecs:StopInstance"], Some(arn))], &BuildOptions { scope, ..BuildOptions::default() })
                .document
                .statements[0]
                .resource
                .clone()
                .unwrap()
                .0
        };
        assert_eq!(res(Scope::Region), vec!["acs:ecs:cn-hangzhou:123:instance/*"]);
        assert_eq!(res(Scope::Account), vec!["acs:ecs:*:123:instance/*"]);
        assert_eq!(res(Scope::Any), vec!["*"]);
    }

    #[test]
    fn says_where_it_fell_back() {
        let p = one(&[need(&["hbr:CreateBackupPlan"], None)], &BuildOptions::default());
        assert_eq!(
            p.notes,
            vec![Note::Wildcard { actions: vec!["hbr:CreateBackupPlan".into()], reason: WildcardReason::NothingKnown }]
        );
        let seen = Need {
            account: Some("123".into()),
            region: Some("cn-beijing".into()),
            ..need(&["hbr:CreateBackupPlan"], None)
        };
        let p = one(&[seen], &BuildOptions::default());
        assert_eq!(p.document.statements[0].resource.as_ref().unwrap().0, vec!["acs:hbr:cn-beijing:123:*"]);
        assert!(matches!(&p.notes[0], Note::ScopedBySeen { resource, .. } if resource == "acs:hbr:cn-beijing:123:*"));
    }

    #[test]
    fn conditions_and_read_actions() {
        let options = BuildOptions {
            conditions: Conditions {
                source_ips: vec!["10.0.0.0/8".into()],
                secure_transport: true,
                expires: Some("2030-01-01T00:00:00Z".into()),
                mfa: true,
            },
            include_read_actions: true,
            ..BuildOptions::default()
        };
        let p = one(
            &[need(&["ecs:DescribeInstances", "ecs:StopInstance"], Some("acs:ecs:cn-hangzhou:1:instance/i-1"))],
            &options,
        );
        let json = p.document.to_compact_json();
        assert!(json.contains(r#""Bool":{"acs:MFAPresent":["true"],"acs:SecureTransport":["true"]}"#), "{json}");
        assert!(json.contains(r#""DateLessThan":{"acs:CurrentTime":["2030-01-01T00:00:00Z"]}"#));
        // DescribeInstances is covered by ecs:Describe* on *; StopInstance keeps its exact resource.
        assert_eq!(p.document.statements.len(), 2);
        assert!(!json.contains("ecs:DescribeInstances"));
        let bad = BuildOptions {
            conditions: Conditions { source_ips: vec!["nope".into()], ..Conditions::default() },
            ..BuildOptions::default()
        };
        assert_eq!(
            build(&[need(&["a:b"], None)], &bad, &Catalog::empty()),
            Err(BuildError::BadSourceIp("nope".into()))
        );
    }

    #[test]
    fn per_product_and_from_finding() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.actions = vec!["oss:GetObject".into(), "kms:Decrypt".into()];
        f.resource = Some("acs:oss:*:99:bucket/key".into());
        f.principal = Some(Principal { account: Some("99".into()), ..Principal::default() });
        let n = Need::from_finding(&f).unwrap();
        let built =
            build(&[n], &BuildOptions { per_product: true, ..BuildOptions::default() }, &Catalog::empty()).unwrap();
        let products: Vec<_> = built.iter().map(|b| b.product.as_deref()).collect();
        assert_eq!(products, vec![Some("kms"), Some("oss")]);
        assert_eq!(built[0].document.statements[0].resource.as_ref().unwrap().0, vec!["acs:kms:*:99:*"]);
        assert_eq!(built[1].document.statements[0].resource.as_ref().unwrap().0, vec!["acs:oss:*:99:bucket/key"]);
        assert_eq!(Need::from_finding(&Finding::new(Kind::Signature)), None);
        assert_eq!(build(&[], &BuildOptions::default(), &Catalog::empty()), Err(BuildError::NothingToGrant));
    }

    /// Against the real committed catalog (the CLI's; on in a workspace-wide `cargo test`).
    #[cfg(feature = "embedded-catalog")]
    mod with_catalog {
        use super::*;

        fn catalog() -> Catalog {
            Catalog::embedded().expect("the embedded catalog loads")
        }

        #[test]
        fn operation_granularity_falls_back_to_star() {
            let built = build(
                &[need(&["hbr:CreateBackupPlan"], Some("acs:hbr:cn-hangzhou:1:vault/v-1"))],
                &BuildOptions::default(),
                &catalog(),
            )
            .unwrap();
            assert_eq!(built[0].document.statements[0].resource.as_ref().unwrap().0, vec!["*"]);
            assert_eq!(
                built[0].notes,
                vec![Note::Wildcard {
                    actions: vec!["hbr:CreateBackupPlan".into()],
                    reason: WildcardReason::OperationGranularity
                }]
            );
        }

        #[test]
        fn system_policies_against_the_need() {
            let c = catalog();
            let cov = system_policy_coverage(&[need(&["ecs:StopInstance"], None)], &c);
            let full = cov.iter().find(|x| x.policy == "AliyunECSFullAccess").expect("ECS Full is in the catalog");
            assert_eq!((full.covers, full.basis), (Some(true), Some(GrantBasis::Convention)));
            let ecs_actions = c.apis_of("ecs").unwrap().len();
            assert!(full.extra_actions.is_some_and(|n| n > 100 && n < ecs_actions), "{full:?}");
            let read =
                cov.iter().find(|x| x.policy == "AliyunECSReadOnlyAccess").expect("ECS ReadOnly is in the catalog");
            assert_eq!(read.covers, Some(false), "StopInstance writes");
            // A policy whose document the catalog captured is measured by simulating it.
            let acm = system_policy_coverage(&[need(&["acms:GetConfig"], None)], &c);
            let doc = acm.iter().find(|x| x.policy == "AliyunACMFullAccess").expect("ACM Full is in the catalog");
            assert_eq!((doc.covers, doc.basis), (Some(true), Some(GrantBasis::Document)));
        }
    }
}
