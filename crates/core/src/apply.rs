//! Applying a grant to an account, decided before anything is sent: which calls make the account hold the
//! plan's policies (a new custom policy, a new default version of one of the same name — never an overwrite —,
//! the oldest non-default version deleted when RAM's limit of 5 is reached, an attachment), how each is said in
//! English and Chinese, and the checks that bind a confirmation to the document shown. The page and the CLI both
//! plan with this; they differ only in how they ask and send.

use sha2::{Digest, Sha256};

use crate::api::ram::{
    AttachPolicy, CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, PolicyAttachment, PolicyVersion,
    RotateStrategy,
};
use crate::api::PolicyType;
use crate::grant::render::Lang;
use crate::grant::PrincipalKind;

/// RAM keeps at most this many versions of a custom policy.
pub const VERSION_LIMIT: usize = 5;

/// The description a created policy carries, so a person finds where it came from.
pub const POLICY_DESCRIPTION: &str = "Created by RAM Doctor";

/// One change to the account, in the order it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `CreatePolicy`: no custom policy has the name yet; its document becomes `v1`.
    CreatePolicy {
        /// The policy's name.
        name: String,
        /// Exactly the document sent.
        document: String,
    },
    /// `DeletePolicyVersion`: makes room under the version limit (the oldest version that is not the default).
    DeleteVersion {
        /// The custom policy's name.
        policy: String,
        /// The version deleted (`v2`).
        version: String,
    },
    /// `CreatePolicyVersion` as the default: the name holds another document. `shared` counts the identities the
    /// policy is attached to already (the new version applies to them too).
    CreateVersion {
        /// The custom policy's name.
        policy: String,
        /// Exactly the document sent.
        document: String,
        /// How many identities the policy is attached to already.
        shared: u64,
    },
    /// `AttachPolicyTo…`.
    Attach {
        /// System or custom.
        policy_type: PolicyType,
        /// The policy's name.
        policy: String,
    },
}

/// The RAM call that makes a step, as the page and the CLI send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// For [`Step::CreatePolicy`].
    CreatePolicy(CreatePolicy),
    /// For [`Step::DeleteVersion`].
    DeleteVersion(DeletePolicyVersion),
    /// For [`Step::CreateVersion`]: the new version becomes the default; RAM deletes nothing by itself (the
    /// plan's own `DeleteVersion`, consented to, makes room).
    CreateVersion(CreatePolicyVersion),
    /// For [`Step::Attach`].
    Attach(AttachPolicy),
}

impl Step {
    /// The call that makes this step, for the principal `kind` `name`.
    pub fn call(&self, kind: PrincipalKind, name: &str) -> Call {
        match self {
            Step::CreatePolicy { name: policy, document } => Call::CreatePolicy(CreatePolicy {
                policy_name: policy.clone(),
                policy_document: document.clone(),
                description: Some(POLICY_DESCRIPTION.into()),
            }),
            Step::DeleteVersion { policy, version } => {
                Call::DeleteVersion(DeletePolicyVersion { policy_name: policy.clone(), version_id: version.clone() })
            }
            Step::CreateVersion { policy, document, .. } => Call::CreateVersion(CreatePolicyVersion {
                policy_name: policy.clone(),
                policy_document: document.clone(),
                set_as_default: true,
                rotate_strategy: Some(RotateStrategy::None),
            }),
            Step::Attach { policy_type, policy } => Call::Attach(AttachPolicy(PolicyAttachment {
                policy_type: *policy_type,
                policy_name: policy.clone(),
                kind,
                name: name.into(),
            })),
        }
    }
}

/// Something found while planning that changes nothing but the user should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The custom policy already holds this document as its default version.
    SameDocument {
        /// The custom policy's name.
        policy: String,
        /// Its default version.
        version: String,
    },
    /// The policy is attached to the principal already.
    AlreadyAttached {
        /// The policy's name.
        policy: String,
        /// Whom it is attached to, as the user named it.
        principal: String,
    },
}

/// What exists under a custom policy's name, as `GetPolicy` (and `ListPolicyVersions` when needed) report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing<'a> {
    /// `EntityNotExist.Policy`.
    Absent,
    /// The policy exists: its default version, how many identities it is attached to, and (when it holds another
    /// document) every version, for the limit.
    Present {
        /// The default version, with its document.
        default: Option<&'a PolicyVersion>,
        /// How many identities the policy is attached to.
        attachment_count: u64,
        /// Every version (needed only when a new one is added).
        versions: &'a [PolicyVersion],
    },
}

/// The steps that make the custom policy `name` hold `document`, or the note that it does already.
pub fn policy_steps(name: &str, document: &str, existing: Existing<'_>) -> Result<Vec<Step>, Note> {
    let Existing::Present { default, attachment_count, versions } = existing else {
        return Ok(vec![Step::CreatePolicy { name: name.into(), document: document.into() }]);
    };
    if let Some(current) = default.filter(|v| same_document(&v.policy_document, document)) {
        return Err(Note::SameDocument { policy: name.into(), version: current.version_id.clone() });
    }
    let mut steps = Vec::new();
    if let Some(version) = version_to_delete(versions) {
        steps.push(Step::DeleteVersion { policy: name.into(), version });
    }
    steps.push(Step::CreateVersion { policy: name.into(), document: document.into(), shared: attachment_count });
    Ok(steps)
}

/// Whether planning a custom policy needs every version (`ListPolicyVersions`): only when a new version would
/// be added, that is when the default version does not hold `document` already.
pub fn needs_versions(default: Option<&PolicyVersion>, document: &str) -> bool {
    !default.is_some_and(|v| same_document(&v.policy_document, document))
}

/// The policy apply makes the account hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// A custom policy with exactly this document (the text shown and sent).
    Custom {
        /// The policy's name.
        name: String,
        /// Exactly the document sent.
        document: String,
    },
    /// A system policy: nothing to create, only the attachment.
    System {
        /// The policy's name.
        name: String,
    },
}

impl Wanted {
    /// The policy's name.
    pub fn name(&self) -> &str {
        match self {
            Wanted::Custom { name, .. } | Wanted::System { name } => name,
        }
    }

    /// System or custom, as the attachment names it.
    pub fn policy_type(&self) -> PolicyType {
        match self {
            Wanted::Custom { .. } => PolicyType::Custom,
            Wanted::System { .. } => PolicyType::System,
        }
    }

    /// What a confirmation binds to: the document sent, or a system policy's name.
    pub fn binding(&self) -> &str {
        match self {
            Wanted::Custom { document, .. } => document,
            Wanted::System { name } => name,
        }
    }
}

/// Everything apply does for one policy, decided from what exists before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The policy the principal should hold.
    pub wanted: Wanted,
    /// The changes, in order (empty when everything is in place).
    pub steps: Vec<Step>,
    /// What was found in place already.
    pub notes: Vec<Note>,
    /// The default version's document that a new version replaces (the old side of the diff); empty otherwise.
    pub replaced: String,
}

impl Plan {
    /// Plans `wanted` for `principal` (as the user named it): for a custom policy, [`policy_steps`] on what
    /// exists under its name (`existing` is not read for a system policy); then the attachment, unless the
    /// policy is attached to the principal directly already (`attached`; through a group it still needs one).
    pub fn new(wanted: Wanted, existing: Existing<'_>, attached: bool, principal: &str) -> Plan {
        let (mut steps, mut notes, mut replaced) = (Vec::new(), Vec::new(), String::new());
        if let Wanted::Custom { name, document } = &wanted {
            match policy_steps(name, document, existing) {
                Ok(planned) => steps = planned,
                Err(note) => notes.push(note),
            }
            if let Existing::Present { default: Some(current), .. } = existing {
                if steps.iter().any(|s| matches!(s, Step::CreateVersion { .. })) {
                    replaced = current.policy_document.clone();
                }
            }
        }
        if attached {
            notes.push(Note::AlreadyAttached { policy: wanted.name().into(), principal: principal.into() });
        } else {
            steps.push(Step::Attach { policy_type: wanted.policy_type(), policy: wanted.name().into() });
        }
        Plan { wanted, steps, notes, replaced }
    }

    /// Whether a step deletes a policy version (RAM's limit): asked for consent on its own.
    pub fn deletes(&self) -> bool {
        self.steps.iter().any(|s| matches!(s, Step::DeleteVersion { .. }))
    }

    /// Whether the name holds another document, so the plan adds a new default version to it.
    pub fn adds_version(&self) -> bool {
        self.steps.iter().any(|s| matches!(s, Step::CreateVersion { .. }))
    }

    /// The SHA-256 a confirmation carries: of the document sent, or of a system policy's name.
    pub fn confirmation_hash(&self) -> String {
        document_hash(self.wanted.binding())
    }

    /// The custom document as a diff against the version it replaces (all added for a new policy); `None` when
    /// no document is sent.
    pub fn diff(&self) -> Option<Vec<DiffLine>> {
        let sends = self.steps.iter().any(|s| matches!(s, Step::CreatePolicy { .. } | Step::CreateVersion { .. }));
        let Wanted::Custom { document, .. } = &self.wanted else { return None };
        sends.then(|| line_diff(&pretty(&self.replaced), &pretty(document)))
    }
}

/// The version the limit forces out: the oldest that is not the default (`v2` before `v10`), only when full.
pub fn version_to_delete(versions: &[PolicyVersion]) -> Option<String> {
    if versions.len() < VERSION_LIMIT {
        return None;
    }
    let number = |v: &PolicyVersion| v.version_id.trim_start_matches('v').parse::<u64>().unwrap_or(u64::MAX);
    versions.iter().filter(|v| !v.is_default_version).min_by_key(|v| number(v)).map(|v| v.version_id.clone())
}

/// Whether two policy documents say the same (same JSON, whitespace and key order aside).
pub fn same_document(a: &str, b: &str) -> bool {
    match (crate::json::parse(a.as_bytes()), crate::json::parse(b.as_bytes())) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    }
}

/// A document as a diff or a plan shows it: pretty JSON when it parses, else as given.
pub fn pretty(document: &str) -> String {
    crate::json::parse(document.as_bytes())
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| document.to_string())
}

/// SHA-256 of a document's text, as hex: what a confirmation binds to (any byte changed after it was shown
/// makes the confirmation stale).
pub fn document_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    /// In both.
    Same(String),
    /// Only in the new document.
    Added(String),
    /// Only in the old document.
    Removed(String),
}

/// A line diff of `old` → `new` (longest common subsequence; policy documents are short).
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        } else {
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        }
    }
    out
}

fn policy_type_word(policy_type: PolicyType, lang: Lang) -> &'static str {
    match policy_type {
        PolicyType::System => lang.tr("system", "系统"),
        PolicyType::Custom => lang.tr("custom", "自定义"),
    }
}

fn indent(document: &str) -> String {
    pretty(document).lines().map(|l| format!("      {l}")).collect::<Vec<_>>().join("\n")
}

impl Step {
    /// What the step will do, before it is confirmed (`principal` as the user named it), with the document
    /// sent, indented, for a terminal.
    pub fn describe(&self, principal: &str, lang: Lang) -> String {
        match self {
            Step::CreatePolicy { document, .. } | Step::CreateVersion { document, .. } => {
                format!("{}:\n{}", self.summary(principal, lang), indent(document))
            }
            Step::DeleteVersion { .. } | Step::Attach { .. } => self.summary(principal, lang),
        }
    }

    /// What the step will do, in one sentence without the document (the page shows it as a diff).
    pub fn summary(&self, principal: &str, lang: Lang) -> String {
        match self {
            Step::CreatePolicy { name, .. } => format!("{} {name}", lang.tr("create custom policy", "创建自定义策略")),
            Step::DeleteVersion { policy, version } => match lang {
                Lang::En => format!(
                    "delete version {version} of custom policy {policy} — the oldest that is not the default — to \
                     stay within RAM's {VERSION_LIMIT} versions"
                ),
                Lang::Zh => format!("删除自定义策略 {policy} 的版本 {version}（最早的非默认版本），以免超出 RAM 的 {VERSION_LIMIT} 个版本上限"),
            },
            Step::CreateVersion { policy, shared, .. } => {
                let shared = match (lang, shared) {
                    (_, 0) => String::new(),
                    (Lang::En, 1) => "; it is attached to 1 identity already, and the new version applies to it".into(),
                    (Lang::En, n) => {
                        format!("; it is attached to {n} identities already, and the new version applies to each")
                    }
                    (Lang::Zh, n) => format!("；它已附加到 {n} 个身份，新版本对它们同样生效"),
                };
                match lang {
                    Lang::En => format!(
                        "custom policy {policy} already exists with another document: add a new version and make it \
                         the default (the current one is kept{shared})"
                    ),
                    Lang::Zh => format!("自定义策略 {policy} 已存在且内容不同：新增一个版本并设为默认（保留当前版本{shared}）"),
                }
            }
            Step::Attach { policy_type, policy } => match lang {
                Lang::En => format!("attach {} policy {policy} to {principal}", policy_type_word(*policy_type, lang)),
                Lang::Zh => format!("将{}策略 {policy} 附加到 {principal}", policy_type_word(*policy_type, lang)),
            },
        }
    }

    /// What the step did, once RAM accepted it (`new_version`: the version `CreatePolicyVersion` returned).
    pub fn done(&self, principal: &str, new_version: Option<&str>, lang: Lang) -> String {
        match (self, lang) {
            (Step::CreatePolicy { name, .. }, Lang::En) => format!("created custom policy {name}"),
            (Step::CreatePolicy { name, .. }, Lang::Zh) => format!("已创建自定义策略 {name}"),
            (Step::DeleteVersion { policy, version }, Lang::En) => format!("deleted version {version} of {policy}"),
            (Step::DeleteVersion { policy, version }, Lang::Zh) => format!("已删除 {policy} 的版本 {version}"),
            (Step::CreateVersion { policy, .. }, Lang::En) => {
                format!("added version {} of {policy} (now the default)", new_version.unwrap_or("?"))
            }
            (Step::CreateVersion { policy, .. }, Lang::Zh) => {
                format!("已新增 {policy} 的版本 {}（现为默认版本）", new_version.unwrap_or("?"))
            }
            (Step::Attach { policy, .. }, Lang::En) => format!("attached {policy} to {principal}"),
            (Step::Attach { policy, .. }, Lang::Zh) => format!("已将 {policy} 附加到 {principal}"),
        }
    }
}

impl Note {
    /// The note as a sentence.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::SameDocument { policy, version }, Lang::En) => {
                format!("custom policy {policy} already has this document (version {version})")
            }
            (Note::SameDocument { policy, version }, Lang::Zh) => {
                format!("自定义策略 {policy} 已包含此文档（版本 {version}）")
            }
            (Note::AlreadyAttached { policy, principal }, Lang::En) => {
                format!("{policy} is already attached to {principal}")
            }
            (Note::AlreadyAttached { policy, principal }, Lang::Zh) => format!("{policy} 已附加到 {principal}"),
        }
    }
}

/// The sentences around a plan of steps, for a terminal.
pub mod say {
    use super::Lang;

    /// The plan has no policy of the asked type.
    pub fn nothing_to_apply(system: bool, lang: Lang) -> String {
        match (lang, system) {
            (Lang::En, true) => "The fix for this text has no system policy to attach: nothing to apply. \
                                 (`ram-doctor grant` shows every step.)"
                .into(),
            (Lang::En, false) => "The fix for this text has no custom policy to attach: nothing to apply. \
                                  (`ram-doctor grant` shows every step.)"
                .into(),
            (Lang::Zh, true) => {
                "此错误的修复方案中没有可附加的系统策略：无需应用。（`ram-doctor grant` 列出每一步。）".into()
            }
            (Lang::Zh, false) => {
                "此错误的修复方案中没有可附加的自定义策略：无需应用。（`ram-doctor grant` 列出每一步。）".into()
            }
        }
    }

    /// Everything is in place already.
    pub fn nothing_to_change(principal: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("Nothing to change: {principal} already has what the fix grants."),
            Lang::Zh => format!("无需变更：{principal} 已拥有修复方案授予的权限。"),
        }
    }

    /// The line before the numbered steps.
    pub fn will(lang: Lang) -> &'static str {
        lang.tr("To grant what the error needs, ram-doctor will:", "为授予错误所需的权限，ram-doctor 将：")
    }

    /// The confirmation question (answered y/N).
    pub fn confirm(count: usize, deletes: bool, lang: Lang) -> String {
        match lang {
            Lang::En => {
                let what = if count == 1 { "this change".to_string() } else { format!("these {count} changes") };
                let warning = if deletes { " (one deletes an old policy version)" } else { "" };
                format!("Apply {what}{warning}? [y/N] ")
            }
            Lang::Zh => {
                let warning = if deletes { "（其中一项会删除一个旧的策略版本）" } else { "" };
                format!("应用这 {count} 项变更{warning}？[y/N] ")
            }
        }
    }

    /// The answer was not yes.
    pub fn nothing_changed(lang: Lang) -> &'static str {
        lang.tr("Nothing was changed.", "未做任何变更。")
    }

    /// No terminal to ask on, and no `--yes`.
    pub fn needs_confirmation(lang: Lang) -> &'static str {
        lang.tr(
            "nothing was changed: confirm on a terminal, or pass --yes to apply these changes without a prompt",
            "未做任何变更：请在终端中确认，或加上 --yes 以不经询问地应用这些变更",
        )
    }

    /// A step failed after others were made.
    pub fn partly_done(made: usize, total: usize, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{made} of {total} changes were made before this one failed"),
            Lang::Zh => format!("在此项失败之前，{total} 项变更中已完成 {made} 项"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(id: &str, default: bool, document: &str) -> PolicyVersion {
        PolicyVersion {
            version_id: id.into(),
            is_default_version: default,
            policy_document: document.into(),
            ..PolicyVersion::default()
        }
    }

    const DOC: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}"#;

    #[test]
    fn an_absent_policy_is_created() {
        let steps = policy_steps("P", DOC, Existing::Absent).unwrap();
        assert_eq!(steps, vec![Step::CreatePolicy { name: "P".into(), document: DOC.into() }]);
    }

    #[test]
    fn the_same_document_in_another_layout_changes_nothing() {
        let relaid = "{\n \"Statement\": [{\"Resource\": \"*\", \"Action\": \"oss:GetObject\", \"Effect\": \"Allow\"}],\n \"Version\": \"1\"}";
        let current = version("v3", true, relaid);
        let existing = Existing::Present { default: Some(&current), attachment_count: 2, versions: &[] };
        assert_eq!(
            policy_steps("P", DOC, existing),
            Err(Note::SameDocument { policy: "P".into(), version: "v3".into() })
        );
    }

    #[test]
    fn another_document_adds_a_version_and_deletes_the_oldest_only_at_the_limit() {
        let other = DOC.replace("GetObject", "PutObject");
        let four: Vec<_> = (1..=4).map(|n| version(&format!("v{n}"), n == 1, &other)).collect();
        let steps =
            policy_steps("P", DOC, Existing::Present { default: Some(&four[0]), attachment_count: 1, versions: &four })
                .unwrap();
        assert_eq!(steps, vec![Step::CreateVersion { policy: "P".into(), document: DOC.into(), shared: 1 }]);
        let five: Vec<_> = [("v3", false), ("v10", false), ("v1", true), ("v4", false), ("v2", false)]
            .iter()
            .map(|(id, d)| version(id, *d, &other))
            .collect();
        let steps =
            policy_steps("P", DOC, Existing::Present { default: Some(&five[2]), attachment_count: 0, versions: &five })
                .unwrap();
        assert_eq!(steps[0], Step::DeleteVersion { policy: "P".into(), version: "v2".into() }, "v1 is the default");
        assert!(matches!(steps[1], Step::CreateVersion { .. }));
    }

    #[test]
    fn a_plan_creates_then_attaches_and_diffs_against_nothing() {
        let wanted = Wanted::Custom { name: "P".into(), document: DOC.into() };
        let plan = Plan::new(wanted, Existing::Absent, false, "user alice");
        assert_eq!(
            plan.steps,
            vec![
                Step::CreatePolicy { name: "P".into(), document: DOC.into() },
                Step::Attach { policy_type: PolicyType::Custom, policy: "P".into() }
            ]
        );
        assert!(plan.notes.is_empty() && !plan.deletes() && !plan.adds_version());
        assert_eq!(plan.confirmation_hash(), document_hash(DOC));
        let diff = plan.diff().expect("a document is sent");
        assert!(diff.iter().all(|l| matches!(l, DiffLine::Added(_))) && diff.len() > 3, "{diff:?}");
    }

    #[test]
    fn a_plan_for_what_is_in_place_sends_nothing_and_says_why() {
        let current = version("v2", true, DOC);
        let existing = Existing::Present { default: Some(&current), attachment_count: 1, versions: &[] };
        let plan = Plan::new(Wanted::Custom { name: "P".into(), document: DOC.into() }, existing, true, "user alice");
        assert!(plan.steps.is_empty());
        assert_eq!(
            plan.notes,
            vec![
                Note::SameDocument { policy: "P".into(), version: "v2".into() },
                Note::AlreadyAttached { policy: "P".into(), principal: "user alice".into() }
            ]
        );
        assert_eq!(plan.diff(), None);
        assert!(!needs_versions(Some(&current), DOC));
        assert!(needs_versions(Some(&version("v1", true, "{}")), DOC) && needs_versions(None, DOC));
    }

    #[test]
    fn a_plan_at_the_limit_deletes_adds_a_version_and_diffs_against_the_default() {
        let other = DOC.replace("GetObject", "PutObject");
        let five: Vec<_> = (1..=5).map(|n| version(&format!("v{n}"), n == 1, &other)).collect();
        let existing = Existing::Present { default: Some(&five[0]), attachment_count: 0, versions: &five };
        let plan = Plan::new(Wanted::Custom { name: "P".into(), document: DOC.into() }, existing, false, "role r");
        assert!(plan.deletes() && plan.adds_version());
        assert_eq!(plan.steps.len(), 3, "delete, new version, attach: {:?}", plan.steps);
        assert_eq!(plan.replaced, other);
        let diff = plan.diff().expect("a document is sent");
        assert!(diff.iter().any(|l| matches!(l, DiffLine::Removed(r) if r.contains("PutObject"))), "{diff:?}");
        assert!(diff.iter().any(|l| matches!(l, DiffLine::Added(a) if a.contains("GetObject"))), "{diff:?}");
    }

    #[test]
    fn a_system_plan_only_attaches_and_binds_to_the_name() {
        let wanted = Wanted::System { name: "AliyunHBRReadOnlyAccess".into() };
        let plan = Plan::new(wanted.clone(), Existing::Absent, false, "user alice");
        assert_eq!(
            plan.steps,
            vec![Step::Attach { policy_type: PolicyType::System, policy: "AliyunHBRReadOnlyAccess".into() }]
        );
        assert_eq!(plan.confirmation_hash(), document_hash("AliyunHBRReadOnlyAccess"));
        assert_eq!(plan.diff(), None);
        let attached = Plan::new(wanted, Existing::Absent, true, "user alice");
        assert!(attached.steps.is_empty() && attached.notes.len() == 1);
    }

    #[test]
    fn the_hash_changes_with_any_byte_of_the_document() {
        assert_eq!(document_hash(DOC), document_hash(DOC));
        assert_ne!(document_hash(DOC), document_hash(&DOC.replace('1', "2")));
        assert_eq!(document_hash(DOC).len(), 64);
    }

    #[test]
    fn the_diff_marks_added_and_removed_lines() {
        let diff = line_diff("a\nb\nc", "a\nx\nc\nd");
        assert_eq!(
            diff,
            vec![
                DiffLine::Same("a".into()),
                DiffLine::Added("x".into()),
                DiffLine::Removed("b".into()),
                DiffLine::Same("c".into()),
                DiffLine::Added("d".into()),
            ]
        );
        assert!(line_diff("", "a").iter().all(|l| matches!(l, DiffLine::Added(_))));
    }

    #[test]
    fn every_sentence_exists_in_both_languages_and_names_what_it_is_about() {
        let steps = [
            Step::CreatePolicy { name: "Pol".into(), document: DOC.into() },
            Step::DeleteVersion { policy: "Pol".into(), version: "v7".into() },
            Step::CreateVersion { policy: "Pol".into(), document: DOC.into(), shared: 3 },
            Step::Attach { policy_type: PolicyType::Custom, policy: "Pol".into() },
        ];
        for step in &steps {
            let (en, zh) = (step.describe("user alice", Lang::En), step.describe("user alice", Lang::Zh));
            let summary = step.summary("user alice", Lang::En);
            assert!(en.starts_with(&summary) && !summary.contains("GetObject"), "{summary}");
            assert!(en.contains("Pol") && zh.contains("Pol"), "{en} / {zh}");
            assert_ne!(en, zh);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            let (en, zh) =
                (step.done("user alice", Some("v8"), Lang::En), step.done("user alice", Some("v8"), Lang::Zh));
            assert!(en.contains("Pol") && zh.contains("Pol") && en != zh);
        }
        assert!(steps[1].describe("x", Lang::Zh).contains("v7"));
        assert!(steps[2].describe("x", Lang::En).contains("3 identities"));
        assert!(say::confirm(2, true, Lang::En).contains("deletes"));
        assert!(say::confirm(2, true, Lang::Zh).contains('2'));
    }
}
