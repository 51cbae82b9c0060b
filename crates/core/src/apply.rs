//! Applying a grant to an account, decided before anything is sent: which calls make the account hold the
//! plan's policies (a new custom policy, a new default version of one of the same name — never an overwrite —,
//! the oldest non-default version deleted when RAM's limit of 5 is reached, an attachment), how each is said in
//! English and Chinese, and the checks that bind a confirmation to the document shown. The page and the CLI both
//! plan with this; they differ only in how they ask and send.

use sha2::{Digest, Sha256};

use crate::api::ram::PolicyVersion;
use crate::api::PolicyType;
use crate::grant::render::Lang;

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
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    }
}

/// A document as a diff or a plan shows it: pretty JSON when it parses, else as given.
pub fn pretty(document: &str) -> String {
    serde_json::from_str::<serde_json::Value>(document)
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
    /// What the step will do, before it is confirmed (`principal` as the user named it).
    pub fn describe(&self, principal: &str, lang: Lang) -> String {
        match self {
            Step::CreatePolicy { name, document } => {
                format!("{} {name}:\n{}", lang.tr("create custom policy", "创建自定义策略"), indent(document))
            }
            Step::DeleteVersion { policy, version } => match lang {
                Lang::En => format!(
                    "delete version {version} of custom policy {policy} — the oldest that is not the default — to \
                     stay within RAM's {VERSION_LIMIT} versions"
                ),
                Lang::Zh => format!("删除自定义策略 {policy} 的版本 {version}（最早的非默认版本），以免超出 RAM 的 {VERSION_LIMIT} 个版本上限"),
            },
            Step::CreateVersion { policy, document, shared } => {
                let shared = match (lang, shared) {
                    (_, 0) => String::new(),
                    (Lang::En, 1) => "; it is attached to 1 identity already, and the new version applies to it".into(),
                    (Lang::En, n) => {
                        format!("; it is attached to {n} identities already, and the new version applies to each")
                    }
                    (Lang::Zh, n) => format!("；它已附加到 {n} 个身份，新版本对它们同样生效"),
                };
                let head = match lang {
                    Lang::En => format!(
                        "custom policy {policy} already exists with another document: add a new version and make it \
                         the default (the current one is kept{shared})"
                    ),
                    Lang::Zh => format!("自定义策略 {policy} 已存在且内容不同：新增一个版本并设为默认（保留当前版本{shared}）"),
                };
                format!("{head}:\n{}", indent(document))
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
