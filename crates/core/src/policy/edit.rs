//! The page's policy editor, without the screen: the controls read from a document (actions, resource scope,
//! conditions), each control's change applied to the document as a small edit (so what the user typed in the
//! JSON survives a click), and the actions a product offers grouped by access level.
//!
//! The document is the one source of truth: the controls are always read back from it. The `Seed` is the
//! policy the plan built; it remembers the exact resources each needed action was granted on, so that a scope
//! can be widened and narrowed again.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::build::{code_of, condition_block, resource_for, BuildError, Conditions, Need, Scope};
use super::check::{split_arn, ESCALATION_ACTIONS};
use super::condition::parse_date;
use super::document::{Condition, Effect, PolicyDocument, Statement, ValueList};
use super::parse::{parse_document, Span};
use super::pattern::{glob_covers, glob_match};
use crate::catalog::{AccessLevel, Catalog};
use crate::finding::Localized;
use crate::grant::GrantPlan;

/// What the plan built: one need per action and resource of its `Allow` statements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    needs: Vec<Need>,
}

impl Seed {
    /// The needs behind a built document: each action with each resource it was granted on.
    pub fn from_document(doc: &PolicyDocument) -> Seed {
        let mut needs = Vec::new();
        for st in plain_allows(doc) {
            for action in st.action.iter().flat_map(ValueList::iter) {
                for resource in st.resource.iter().flat_map(ValueList::iter) {
                    let arn = split_arn(resource);
                    needs.push(Need {
                        actions: vec![action.to_string()],
                        resource: Some(resource.to_string()),
                        product: code_of(action),
                        region: arn.map(|[_, region, _, _]| region.to_string()).filter(|r| !r.is_empty() && r != "*"),
                        account: arn
                            .map(|[_, _, account, _]| account.to_string())
                            .filter(|a| !a.is_empty() && a != "*"),
                    });
                }
            }
        }
        Seed { needs }
    }

    /// The actions the plan granted (the diagnosed need), each once, in the document's order.
    pub fn actions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.needs.iter().flat_map(|n| &n.actions) {
            if !out.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                out.push(a.clone());
            }
        }
        out
    }

    /// The RAM codes of the products the plan granted actions of: the ones whose other actions the editor offers.
    pub fn products(&self) -> Vec<String> {
        let mut out: Vec<String> = self.needs.iter().filter_map(|n| n.product.clone()).collect();
        out.dedup();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the plan granted this action (the diagnosed need), as opposed to one the user added.
    pub fn is_needed(&self, action: &str) -> bool {
        self.needs.iter().any(|n| n.actions.iter().any(|a| a.eq_ignore_ascii_case(action)))
    }

    /// The resources to grant `action` on at `scope`: from the plan's own grant of it, else from what the plan
    /// granted other actions of the same product, else `*`.
    pub fn resources(&self, action: &str, scope: Scope, catalog: &Catalog) -> Vec<String> {
        let Some(code) = code_of(action) else {
            return vec!["*".into()];
        };
        let own: Vec<&Need> =
            self.needs.iter().filter(|n| n.actions.iter().any(|a| a.eq_ignore_ascii_case(action))).collect();
        let related: Vec<&Need> = if own.is_empty() {
            self.needs.iter().filter(|n| n.product.as_deref() == Some(code.as_str())).collect()
        } else {
            own
        };
        let mut out: Vec<String> = Vec::new();
        for need in related {
            let need = Need { actions: vec![action.to_string()], ..need.clone() };
            let (resource, _) = resource_for(&code, &need, scope, catalog);
            if !out.contains(&resource) {
                out.push(resource);
            }
        }
        if out.is_empty() {
            out.push("*".into());
        }
        // A resource another one covers adds nothing (`*` covers all).
        let kept: Vec<String> =
            out.iter().filter(|r| !out.iter().any(|o| o != *r && glob_covers(o, r, false))).cloned().collect();
        sorted(kept)
    }
}

/// What the editor's controls show, read from the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controls {
    /// Every action the `Allow` statements list, in document order, each once.
    pub actions: Vec<String>,
    /// The scope whose resources the document has; `None` when its resources were written by hand.
    pub scope: Option<Scope>,
    /// Source IPs, HTTPS only, MFA and the end of the time window, as the first `Allow` statement has them.
    pub conditions: Conditions,
    /// The start of the time window (`acs:CurrentTime` after it).
    pub not_before: Option<String>,
}

/// The scopes in the order the control offers them, narrowest first.
pub const SCOPES: [Scope; 4] = [Scope::Exact, Scope::Region, Scope::Account, Scope::Any];

/// The condition keys the controls own, as `(operator, key)`; other conditions in the document are kept as they are.
const CONTROLLED: [(&str, &str); 5] = [
    ("IpAddress", "acs:SourceIp"),
    ("Bool", "acs:SecureTransport"),
    ("Bool", "acs:MFAPresent"),
    ("DateLessThan", "acs:CurrentTime"),
    ("DateGreaterThan", "acs:CurrentTime"),
];

/// Reads the controls from a document.
pub fn read_controls(doc: &PolicyDocument, seed: &Seed, catalog: &Catalog) -> Controls {
    let mut actions: Vec<String> = Vec::new();
    for a in plain_allows(doc).flat_map(|st| st.action.iter().flat_map(ValueList::iter)) {
        if !actions.iter().any(|x| x.eq_ignore_ascii_case(a)) {
            actions.push(a.to_string());
        }
    }
    let scope = SCOPES.into_iter().find(|&scope| {
        plain_allows(doc).all(|st| {
            let have = sorted(st.resource.iter().flat_map(ValueList::iter).map(str::to_string).collect());
            let want: BTreeSet<String> =
                st.action.iter().flat_map(ValueList::iter).flat_map(|a| seed.resources(a, scope, catalog)).collect();
            have == want.into_iter().collect::<Vec<_>>()
        })
    });
    let condition = plain_allows(doc).next().and_then(|st| st.condition.as_ref());
    let values = |op: &str, key: &str| -> Vec<String> {
        condition
            .and_then(|c| c.get(op))
            .and_then(|keys| keys.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v.0.clone())
            .unwrap_or_default()
    };
    let is_true = |key: &str| values("Bool", key).iter().any(|v| v.eq_ignore_ascii_case("true"));
    Controls {
        actions,
        scope,
        conditions: Conditions {
            source_ips: values("IpAddress", "acs:SourceIp"),
            secure_transport: is_true("acs:SecureTransport"),
            expires: values("DateLessThan", "acs:CurrentTime").into_iter().next(),
            mfa: is_true("acs:MFAPresent"),
        },
        not_before: values("DateGreaterThan", "acs:CurrentTime").into_iter().next(),
    }
}

/// The document with `action` allowed (`on`) or no longer allowed. An added action joins the statement that
/// already grants the same resources, else gets its own statement with the conditions of the first `Allow`.
pub fn with_action(doc: &PolicyDocument, seed: &Seed, action: &str, on: bool, catalog: &Catalog) -> PolicyDocument {
    let mut doc = doc.clone();
    let listed = |st: &Statement| st.action.as_ref().is_some_and(|l| l.iter().any(|a| a.eq_ignore_ascii_case(action)));
    if on {
        if doc.statements.iter().any(|st| is_plain_allow(st) && listed(st)) {
            return doc;
        }
        let scope = read_controls(&doc, seed, catalog).scope.unwrap_or_default();
        let resources = seed.resources(action, scope, catalog);
        let same = doc.statements.iter_mut().find(|st| {
            is_plain_allow(st) && st.resource.as_ref().map(|r| sorted(r.0.clone())).as_ref() == Some(&resources)
        });
        match same {
            Some(st) => st.action.get_or_insert_with(ValueList::default).0.push(action.to_string()),
            None => {
                let condition = doc.statements.iter().find(|st| is_plain_allow(st)).and_then(|st| st.condition.clone());
                doc.statements.push(Statement { condition, ..Statement::allow([action], resources) });
            }
        }
    } else {
        for st in doc.statements.iter_mut().filter(|st| is_plain_allow(st)) {
            if let Some(list) = st.action.as_mut() {
                list.0.retain(|a| !a.eq_ignore_ascii_case(action));
            }
        }
        doc.statements.retain(|st| !is_plain_allow(st) || st.action.as_ref().is_some_and(|l| !l.0.is_empty()));
    }
    doc
}

/// The document with every `Allow` statement's resources set for `scope`. A statement whose actions now need
/// different resources is split, each part keeping the statement's conditions.
pub fn with_scope(doc: &PolicyDocument, seed: &Seed, scope: Scope, catalog: &Catalog) -> PolicyDocument {
    let mut statements = Vec::new();
    for st in &doc.statements {
        if !is_plain_allow(st) {
            statements.push(st.clone());
            continue;
        }
        let mut parts: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        for action in st.action.iter().flat_map(ValueList::iter) {
            let resources = seed.resources(action, scope, catalog);
            match parts.iter_mut().find(|(r, _)| *r == resources) {
                Some((_, actions)) => actions.push(action.to_string()),
                None => parts.push((resources, vec![action.to_string()])),
            }
        }
        for (resources, actions) in parts {
            statements.push(Statement { condition: st.condition.clone(), ..Statement::allow(actions, resources) });
        }
    }
    PolicyDocument { version: doc.version.clone(), statements }
}

/// Why a condition control's value cannot go into the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Not an IPv4/IPv6 address or CIDR.
    SourceIp(String),
    /// Not an ISO 8601 time.
    Time(String),
}

impl EditError {
    /// What to tell the user, in both languages.
    pub fn message(&self) -> Localized {
        match self {
            EditError::SourceIp(ip) => Localized {
                en: format!("\"{ip}\" is not an IP address or CIDR, such as 203.0.113.0/24"),
                zh: format!("\u{201c}{ip}\u{201d}不是 IP 地址或 CIDR，例如 203.0.113.0/24"),
            },
            EditError::Time(t) => Localized {
                en: format!("\"{t}\" is not an ISO 8601 time, such as 2026-12-31T23:59:59Z"),
                zh: format!("\u{201c}{t}\u{201d}不是 ISO 8601 时间，例如 2026-12-31T23:59:59Z"),
            },
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for EditError {}

/// The document with the condition controls applied to every `Allow` statement; the statements' other
/// conditions stay as they are.
pub fn with_conditions(
    doc: &PolicyDocument,
    conditions: &Conditions,
    not_before: Option<&str>,
) -> Result<PolicyDocument, EditError> {
    let mut wanted = condition_block(conditions)
        .map_err(|e| match e {
            BuildError::BadSourceIp(ip) => EditError::SourceIp(ip),
            BuildError::BadExpiry(t) => EditError::Time(t),
            other => EditError::Time(other.to_string()),
        })?
        .unwrap_or_default();
    if let Some(start) = not_before {
        if parse_date(start).is_none() {
            return Err(EditError::Time(start.to_string()));
        }
        wanted
            .entry("DateGreaterThan".into())
            .or_default()
            .insert("acs:CurrentTime".into(), ValueList(vec![start.to_string()]));
    }
    let mut doc = doc.clone();
    for st in doc.statements.iter_mut().filter(|st| is_plain_allow(st)) {
        let mut condition: Condition = st.condition.take().unwrap_or_default();
        for (op, key) in CONTROLLED {
            if let Some(keys) = condition.get_mut(op) {
                keys.retain(|k, _| !k.eq_ignore_ascii_case(key));
            }
        }
        condition.retain(|_, keys| !keys.is_empty());
        for (op, keys) in &wanted {
            condition.entry(op.clone()).or_default().extend(keys.clone());
        }
        st.condition = (!condition.is_empty()).then_some(condition);
    }
    Ok(doc)
}

/// `Allow` statements with `Action` and `Resource` (not their negated forms): the ones the controls edit.
fn plain_allows(doc: &PolicyDocument) -> impl Iterator<Item = &Statement> {
    doc.statements.iter().filter(|st| is_plain_allow(st))
}

fn is_plain_allow(st: &Statement) -> bool {
    st.effect == Effect::Allow
        && st.action.is_some()
        && st.resource.is_some()
        && st.not_action.is_none()
        && st.not_resource.is_none()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Edited custom policies: the policy's name in the plan → the JSON the user left in the editor.
pub type Edits = std::collections::BTreeMap<String, String>;

impl GrantPlan {
    /// The plan with each custom policy the user edited replaced by the edited document, when that parses; an
    /// edit that does not parse (the user is still typing) leaves the plan's own document.
    pub fn with_edits(mut self, edits: &Edits) -> GrantPlan {
        for policy in &mut self.custom_policies {
            if let Some(document) = edits.get(policy.name.as_str()).and_then(|text| parse_document(text).ok()) {
                policy.document = document;
            }
        }
        self
    }
}

/// The text cut into pieces for marking problems: each piece with the index of the span it lies in, if any.
/// Overlapping spans mark once (the earlier wins); an empty span marks the character after it (or before it,
/// at the end), so a problem at a closing bracket or at the end of the text is still visible.
pub fn marked_pieces<'a>(text: &'a str, spans: &[Span]) -> Vec<(&'a str, Option<usize>)> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let mut order: Vec<usize> = (0..spans.len()).collect();
    crate::order::sort_by_key(&mut order, |&i| (spans[i].start, spans[i].end, i));
    let (mut out, mut pos) = (Vec::new(), 0);
    for i in order {
        let (mut start, mut end) = (floor(spans[i].start), ceil(spans[i].end));
        if start == end {
            if end < text.len() {
                end = ceil(end + 1);
            } else if start > 0 {
                start = floor(start - 1);
            }
        }
        let start = start.max(pos);
        if start >= end {
            continue;
        }
        if pos < start {
            out.push((&text[pos..start], None));
        }
        out.push((&text[start..end], Some(i)));
        pos = end;
    }
    if pos < text.len() {
        out.push((&text[pos..], None));
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// The actions a product offers, grouped by access level.

/// The access-level groups of the "add an action" list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessGroup {
    /// Reads one resource or setting (the catalog's `get`).
    Read,
    /// Lists resources (`list`).
    List,
    /// Creates, changes or deletes resources (`create`, `update`, `delete`, and the levels the catalog lacks).
    Write,
    /// Changes who may do what: a writing action one of the [`PERMISSION_RULES`] (or an escalation action) names.
    PermissionsManagement,
}

impl AccessGroup {
    /// Every group, in the order the list shows them.
    pub const ALL: [AccessGroup; 4] =
        [AccessGroup::Read, AccessGroup::List, AccessGroup::Write, AccessGroup::PermissionsManagement];

    /// The stable kebab-case name (for styling and tests).
    pub fn as_str(self) -> &'static str {
        match self {
            AccessGroup::Read => "read",
            AccessGroup::List => "list",
            AccessGroup::Write => "write",
            AccessGroup::PermissionsManagement => "permissions-management",
        }
    }

    /// The group's heading in both languages.
    pub fn label(self) -> Localized {
        let (en, zh) = match self {
            AccessGroup::Read => ("Read", "读取"),
            AccessGroup::List => ("List", "列出"),
            AccessGroup::Write => ("Write", "写入"),
            AccessGroup::PermissionsManagement => ("Permissions management", "权限管理"),
        };
        Localized { en: en.into(), zh: zh.into() }
    }
}

/// A writing action that changes who may do what, by name: the catalog's levels do not say it.
pub struct PermissionRule {
    /// A stable name for the rule (`ram-policies`).
    pub name: &'static str,
    /// RAM action patterns (`*` and `?`), compared without case.
    pub patterns: &'static [&'static str],
}

/// Writing actions that manage permissions rather than resources (the rest of [`ESCALATION_ACTIONS`] is
/// matched too: each of those lets its holder raise its own rights).
pub const PERMISSION_RULES: &[PermissionRule] = &[
    PermissionRule { name: "grant-or-revoke", patterns: &["*:Grant*", "*:Revoke*"] },
    PermissionRule { name: "permission-objects", patterns: &["*:*Permission", "*:*Permissions"] },
    PermissionRule {
        name: "ram-policies",
        patterns: &["ram:*Policy", "ram:*PolicyVersion", "ram:*PolicyTo*", "ram:*PolicyFrom*"],
    },
    PermissionRule {
        name: "resource-policies",
        patterns: &["oss:*BucketPolicy", "oss:*BucketAcl", "oss:*ObjectAcl", "kms:*KeyPolicy", "kms:*SecretPolicy"],
    },
];

/// Whether a writing action manages permissions, and by which rule.
pub fn permission_rule(action: &str) -> Option<&'static str> {
    if ESCALATION_ACTIONS.iter().any(|a| a.eq_ignore_ascii_case(action)) {
        return Some("escalation");
    }
    PERMISSION_RULES.iter().find(|r| r.patterns.iter().any(|p| glob_match(p, action, true))).map(|r| r.name)
}

/// One action the list offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChoice {
    /// `code:Name`.
    pub action: String,
    /// Its access-level group.
    pub group: AccessGroup,
    /// The level was inferred from the API's verb (or is unknown), not stated by the documentation.
    pub inferred: bool,
    /// The API's short title, where the metadata has one.
    pub title: Option<String>,
}

/// The group of an action of this level.
pub fn access_group(action: &str, level: AccessLevel) -> AccessGroup {
    match level {
        AccessLevel::Get => AccessGroup::Read,
        AccessLevel::List => AccessGroup::List,
        _ if permission_rule(action).is_some() => AccessGroup::PermissionsManagement,
        _ => AccessGroup::Write,
    }
}

/// Every action of the product with this RAM code, grouped and sorted by name within a group; `None` while the
/// product's data is not loaded.
pub fn action_choices(catalog: &Catalog, ram_code: &str) -> Option<Vec<ActionChoice>> {
    let mut out: Vec<ActionChoice> = Vec::new();
    for (_, api) in catalog.apis_of(ram_code)? {
        if out.iter().any(|c| c.action.eq_ignore_ascii_case(&api.action)) {
            continue;
        }
        out.push(ActionChoice {
            action: api.action.clone(),
            group: access_group(&api.action, api.access),
            inferred: api.access_inferred || api.access == AccessLevel::None,
            title: api.title.clone(),
        });
    }
    crate::order::sort_by(&mut out, &|a, b| (a.group, &a.action).cmp(&(b.group, &b.action)));
    Some(out)
}

/// The choices whose action or title contains every word of `query` (without case).
pub fn matching<'a>(choices: &'a [ActionChoice], query: &str) -> Vec<&'a ActionChoice> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    choices
        .iter()
        .filter(|c| {
            let hay = format!("{} {}", c.action, c.title.as_deref().unwrap_or("")).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_doc() -> PolicyDocument {
        PolicyDocument::new(vec![Statement::allow(
            ["ecs:StopInstance"],
            ["acs:ecs:cn-hangzhou:123456789012:instance/i-abc"],
        )])
    }

    fn empty() -> Catalog {
        Catalog::empty()
    }

    #[test]
    fn reads_the_controls_of_a_built_policy() {
        let doc = seed_doc();
        let seed = Seed::from_document(&doc);
        let controls = read_controls(&doc, &seed, &empty());
        assert_eq!(controls.actions, vec!["ecs:StopInstance"]);
        assert_eq!(controls.scope, Some(Scope::Exact));
        assert!(seed.is_needed("ecs:stopinstance"));
        assert_eq!(seed.actions(), vec!["ecs:StopInstance"]);
        assert_eq!(seed.products(), vec!["ecs"]);
        assert!(!seed.is_needed("ecs:StartInstance"));
    }

    #[test]
    fn an_added_action_joins_the_statement_with_its_resources_and_can_be_removed() {
        let doc = seed_doc();
        let seed = Seed::from_document(&doc);
        let added = with_action(&doc, &seed, "ecs:StartInstance", true, &empty());
        assert_eq!(added.statements.len(), 1);
        assert_eq!(added.statements[0].action.as_ref().unwrap().0, vec!["ecs:StopInstance", "ecs:StartInstance"]);
        assert_eq!(with_action(&added, &seed, "ecs:StartInstance", true, &empty()), added, "adding twice adds once");
        assert_eq!(with_action(&added, &seed, "ecs:startinstance", false, &empty()), doc);
        let other = with_action(&doc, &seed, "oss:GetObject", true, &empty());
        assert_eq!(other.statements.len(), 2, "another product's action gets its own statement");
        assert_eq!(other.statements[1].resource.as_ref().unwrap().0, vec!["*"]);
        assert!(with_action(&doc, &seed, "ecs:StopInstance", false, &empty()).statements.is_empty());
    }

    #[test]
    fn scopes_widen_and_narrow_again() {
        let doc = seed_doc();
        let seed = Seed::from_document(&doc);
        let cat = empty();
        let region = with_scope(&doc, &seed, Scope::Region, &cat);
        assert_eq!(
            region.statements[0].resource.as_ref().unwrap().0,
            vec!["acs:ecs:cn-hangzhou:123456789012:instance/*"]
        );
        assert_eq!(read_controls(&region, &seed, &cat).scope, Some(Scope::Region));
        let account = with_scope(&doc, &seed, Scope::Account, &cat);
        assert_eq!(account.statements[0].resource.as_ref().unwrap().0, vec!["acs:ecs:*:123456789012:instance/*"]);
        let any = with_scope(&account, &seed, Scope::Any, &cat);
        assert_eq!(any.statements[0].resource.as_ref().unwrap().0, vec!["*"]);
        assert_eq!(with_scope(&any, &seed, Scope::Exact, &cat), doc);
        let mut hand = doc.clone();
        hand.statements[0].resource = Some(ValueList(vec!["acs:ecs:cn-hangzhou:123456789012:instance/i-other".into()]));
        assert_eq!(read_controls(&hand, &seed, &cat).scope, None, "hand-written resources match no scope");
    }

    #[test]
    fn narrowing_splits_a_statement_whose_actions_need_different_resources() {
        let doc = seed_doc();
        let seed = Seed::from_document(&doc);
        let cat = empty();
        let any = with_action(&with_scope(&doc, &seed, Scope::Any, &cat), &seed, "oss:GetObject", true, &cat);
        assert_eq!(any.statements.len(), 1, "on * both share a statement");
        let exact = with_scope(&any, &seed, Scope::Exact, &cat);
        assert_eq!(exact.statements.len(), 2);
        assert_eq!(
            exact.statements[0].resource.as_ref().unwrap().0,
            vec!["acs:ecs:cn-hangzhou:123456789012:instance/i-abc"]
        );
        assert_eq!(exact.statements[1].resource.as_ref().unwrap().0, vec!["*"]);
    }

    #[test]
    fn conditions_round_trip_and_keep_the_others() {
        let mut doc = seed_doc();
        let mut other = Condition::new();
        other
            .entry("StringEquals".into())
            .or_default()
            .insert("acs:ResourceTag/env".into(), ValueList(vec!["prod".into()]));
        doc.statements[0].condition = Some(other);
        let conditions = Conditions {
            source_ips: vec!["203.0.113.0/24".into()],
            secure_transport: true,
            expires: Some("2030-01-01T00:00:00Z".into()),
            mfa: true,
        };
        let edited = with_conditions(&doc, &conditions, Some("2029-01-01T00:00:00Z")).unwrap();
        let controls = read_controls(&edited, &Seed::from_document(&doc), &empty());
        assert_eq!(controls.conditions, conditions);
        assert_eq!(controls.not_before.as_deref(), Some("2029-01-01T00:00:00Z"));
        let cond = edited.statements[0].condition.as_ref().unwrap();
        assert_eq!(
            cond["StringEquals"]["acs:ResourceTag/env"].0,
            vec!["prod"],
            "a condition the controls do not own stays"
        );
        let cleared = with_conditions(&edited, &Conditions::default(), None).unwrap();
        assert_eq!(cleared, doc);
        assert_eq!(
            with_conditions(&doc, &Conditions { source_ips: vec!["10.0.0.300".into()], ..Default::default() }, None),
            Err(EditError::SourceIp("10.0.0.300".into()))
        );
        assert_eq!(
            with_conditions(&doc, &Conditions::default(), Some("tomorrow")),
            Err(EditError::Time("tomorrow".into()))
        );
        assert!(EditError::Time("x".into()).message().zh.contains("ISO 8601"));
    }

    #[test]
    fn groups_follow_the_access_level_and_the_permission_rules() {
        assert_eq!(access_group("ecs:DescribeInstances", AccessLevel::Get), AccessGroup::Read);
        assert_eq!(access_group("ecs:ListTagResources", AccessLevel::List), AccessGroup::List);
        assert_eq!(access_group("ecs:StopInstance", AccessLevel::Update), AccessGroup::Write);
        assert_eq!(access_group("oss:PutBucketAcl", AccessLevel::Update), AccessGroup::PermissionsManagement);
        assert_eq!(access_group("ram:AttachPolicyToUser", AccessLevel::Create), AccessGroup::PermissionsManagement);
        assert_eq!(access_group("ram:DeletePolicyVersion", AccessLevel::Delete), AccessGroup::PermissionsManagement);
        assert_eq!(
            access_group("hbr:CreateBackupPlan", AccessLevel::Create),
            AccessGroup::Write,
            "a backup plan is a resource"
        );
        assert_eq!(
            access_group("cen:CreateTrafficMarkingPolicy", AccessLevel::Create),
            AccessGroup::Write,
            "a traffic policy is no permission"
        );
        assert_eq!(access_group("dms:GrantUserPermission", AccessLevel::Update), AccessGroup::PermissionsManagement);
        assert_eq!(access_group("ram:GetPolicy", AccessLevel::Get), AccessGroup::Read, "reading a policy reads");
        for rule in PERMISSION_RULES {
            assert!(rule.patterns.iter().all(|p| p.contains(':')), "{}", rule.name);
        }
    }

    #[test]
    fn a_plan_carries_the_edited_policy_once_it_parses() {
        use crate::finding::{Finding, Kind};
        let mut finding = Finding::new(Kind::MissingPermission);
        finding.actions = vec!["ecs:StopInstance".into()];
        let plan = GrantPlan::for_finding(&finding, &empty()).unwrap();
        let policy = &plan.custom_policies[0];
        let seed = Seed::from_document(&policy.document);
        let edited = with_action(&policy.document, &seed, "ecs:StartInstance", true, &empty());
        let mut edits = Edits::new();
        edits.insert(policy.name.as_str().to_string(), edited.to_pretty_json());
        assert_eq!(plan.clone().with_edits(&edits).custom_policies[0].document, edited);
        edits.insert(policy.name.as_str().to_string(), "{\"Version\": ".into());
        assert_eq!(plan.clone().with_edits(&edits), plan, "a half-typed edit keeps the plan's document");
    }

    #[test]
    fn pieces_mark_each_span_once() {
        let text = "ab名cd";
        let span = |start, end| Span { start, end };
        let pieces = marked_pieces(text, &[span(3, 5), span(1, 4), span(5, 5)]);
        assert_eq!(pieces, vec![("a", None), ("b名", Some(1)), ("c", Some(2)), ("d", None)]);
        assert_eq!(
            marked_pieces(text, &[span(8, 8)]),
            vec![("ab名c", None), ("d", Some(0))],
            "at the end: the last character"
        );
        assert_eq!(marked_pieces("", &[span(0, 0)]), vec![]);
        assert_eq!(marked_pieces(text, &[span(0, 99)]), vec![(text, Some(0))]);
    }

    #[test]
    fn search_needs_every_word() {
        let choice = |action: &str, title: Option<&str>| ActionChoice {
            action: action.into(),
            group: AccessGroup::Read,
            inferred: false,
            title: title.map(Into::into),
        };
        let choices = vec![choice("ecs:DescribeInstances", Some("查询实例")), choice("ecs:StopInstance", None)];
        let found: Vec<&str> = matching(&choices, "describe inst").iter().map(|c| c.action.as_str()).collect();
        assert_eq!(found, vec!["ecs:DescribeInstances"]);
        assert_eq!(matching(&choices, "实例").len(), 1, "titles are searched too");
        assert_eq!(matching(&choices, "").len(), 2);
    }

    #[cfg(feature = "embedded-catalog")]
    #[test]
    fn the_catalog_offers_a_product_s_actions_grouped() {
        let catalog = Catalog::embedded().expect("the embedded catalog loads");
        let choices = action_choices(&catalog, "ecs").expect("ecs is loaded");
        assert!(choices.iter().any(|c| c.action == "ecs:DescribeInstances" && c.group == AccessGroup::Read));
        assert!(choices.windows(2).all(|w| (w[0].group, &w[0].action) <= (w[1].group, &w[1].action)));
        assert!(action_choices(&catalog, "no-such-product").is_none());
    }
}
