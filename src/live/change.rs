//! The change apply makes, decided before anything is sent and shown as a diff: a new custom policy, a new
//! default version of an existing one (deleting the oldest non-default version only with consent when RAM's
//! limit of 5 is reached), and the attachment. The document shown is the document sent: its hash is taken when
//! it is shown and checked again just before sending.

use ram_doctor_core::api::ram::PolicyVersion;
use ram_doctor_core::grant::Target;
use sha2::{Digest, Sha256};

/// RAM keeps at most this many versions of a custom policy.
pub const VERSION_LIMIT: usize = 5;

/// What happens to the custom policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyStep {
    /// `CreatePolicy`: no policy has the name yet.
    Create,
    /// `CreatePolicyVersion` as the default: the name is taken by a different document (shown as the old side
    /// of the diff). At the limit, `delete` names the version `DeletePolicyVersion` removes first.
    NewVersion { current: String, delete: Option<String> },
    /// The same document is already there under this name: nothing to create.
    Exists,
}

/// The whole planned change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub policy_name: String,
    /// Exactly the text shown and sent as `PolicyDocument`.
    pub document: String,
    pub policy: PolicyStep,
    /// Whom to attach the policy to; `None` when it is attached already.
    pub attach: Option<Target>,
}

impl Change {
    /// Whether applying would send anything.
    pub fn is_noop(&self) -> bool {
        self.policy == PolicyStep::Exists && self.attach.is_none()
    }
}

/// SHA-256 of a document's text, as hex: what the confirmation binds to.
pub fn document_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether two policy documents say the same (same JSON, whitespace and key order aside).
pub fn same_document(a: &str, b: &str) -> bool {
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    }
}

/// A document as the diff shows it: pretty JSON when it parses, else as given.
pub fn pretty(document: &str) -> String {
    serde_json::from_str::<serde_json::Value>(document)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| document.to_string())
}

/// The version the limit forces out: the oldest that is not the default (RAM numbers versions `v1`, `v2`…).
pub fn version_to_delete(versions: &[PolicyVersion]) -> Option<String> {
    if versions.len() < VERSION_LIMIT {
        return None;
    }
    let number = |v: &PolicyVersion| v.version_id.trim_start_matches('v').parse::<u64>().unwrap_or(u64::MAX);
    versions.iter().filter(|v| !v.is_default_version).min_by_key(|v| number(v)).map(|v| v.version_id.clone())
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Added(String),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn version(id: &str, default: bool) -> PolicyVersion {
        PolicyVersion { version_id: id.into(), is_default_version: default, ..PolicyVersion::default() }
    }

    #[test]
    fn the_hash_changes_with_any_byte_of_the_document() {
        let doc = r#"{"Version":"1","Statement":[]}"#;
        assert_eq!(document_hash(doc), document_hash(doc));
        assert_ne!(document_hash(doc), document_hash(&doc.replace('1', "2")));
        assert_eq!(document_hash(doc).len(), 64);
    }

    #[test]
    fn documents_compare_as_json() {
        assert!(same_document(r#"{"A":1,"B":[2]}"#, "{ \"B\": [2],\n \"A\": 1 }"));
        assert!(!same_document(r#"{"A":1}"#, r#"{"A":2}"#));
    }

    #[test]
    fn the_limit_deletes_the_oldest_non_default_version_only_when_full() {
        let four: Vec<_> = (1..=4).map(|n| version(&format!("v{n}"), n == 1)).collect();
        assert_eq!(version_to_delete(&four), None);
        let five: Vec<_> = [("v3", false), ("v10", false), ("v1", true), ("v4", false), ("v2", false)]
            .iter()
            .map(|(id, d)| version(id, *d))
            .collect();
        assert_eq!(version_to_delete(&five).as_deref(), Some("v2"), "v1 is the default, v2 the oldest other");
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
    fn a_change_that_sends_nothing_is_a_noop() {
        let change =
            Change { policy_name: "P".into(), document: "{}".into(), policy: PolicyStep::Exists, attach: None };
        assert!(change.is_noop());
        assert!(!Change { policy: PolicyStep::Create, ..change }.is_noop());
    }
}
