//! Custom policy names: valid for RAM (check RAM013) and stable for the same document, so re-running the
//! tool on the same error proposes the same name instead of piling up near-duplicate policies.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::policy::PolicyDocument;

/// RAM's limit on a policy name's length.
pub const MAX_POLICY_NAME_LEN: usize = 128;

/// Prefix of every generated name, so that admins can tell where a policy came from.
const PREFIX: &str = "RamDoctor";

/// A policy name RAM accepts: 1..128 letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PolicyName(String);

/// Why a policy name was refused (the same rule as check RAM013).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyNameError {
    /// Nothing was given.
    Empty,
    /// Longer than RAM allows.
    TooLong {
        /// The length given, in characters.
        len: usize,
    },
    /// The first character RAM refuses, and its character index.
    BadChar {
        /// The character.
        ch: char,
        /// Its position, in characters from 0.
        index: usize,
    },
}

impl fmt::Display for PolicyNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyNameError::Empty => write!(f, "the policy name is empty"),
            PolicyNameError::TooLong { len } => {
                write!(f, "the policy name has {len} characters; RAM accepts at most {MAX_POLICY_NAME_LEN}")
            }
            PolicyNameError::BadChar { ch, index } => write!(
                f,
                "the policy name has '{ch}' at position {}; RAM accepts only letters, digits and '-'",
                index + 1
            ),
        }
    }
}

impl std::error::Error for PolicyNameError {}

impl PolicyName {
    /// Checks a name the user chose.
    pub fn parse(name: &str) -> Result<PolicyName, PolicyNameError> {
        if name.is_empty() {
            return Err(PolicyNameError::Empty);
        }
        let len = name.chars().count();
        if len > MAX_POLICY_NAME_LEN {
            return Err(PolicyNameError::TooLong { len });
        }
        if let Some((index, ch)) = name.chars().enumerate().find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-')) {
            return Err(PolicyNameError::BadChar { ch, index });
        }
        Ok(PolicyName(name.to_string()))
    }

    /// `RamDoctor-<codes>-<hash>`: the RAM codes of the document's actions (sorted, so order of findings does
    /// not matter) and 8 hex digits of FNV-1a over the compact document. Always valid, same input same name.
    pub fn generate(document: &PolicyDocument) -> PolicyName {
        let hash = format!("{:08x}", fnv1a_32(document.to_compact_json().as_bytes()));
        let mut codes: Vec<String> = document
            .statements
            .iter()
            .flat_map(|s| s.action.iter().flat_map(|a| a.iter()))
            .filter_map(|a| a.split_once(':').map(|(code, _)| code))
            .map(|code| code.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase())
            .filter(|code| !code.is_empty())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // Room left for codes after the prefix, the hash and the two dashes.
        let budget = MAX_POLICY_NAME_LEN - PREFIX.len() - hash.len() - 2;
        let mut middle = String::new();
        for code in codes {
            let extra = if middle.is_empty() { code.len() } else { code.len() + 1 };
            if middle.len() + extra > budget {
                break;
            }
            if !middle.is_empty() {
                middle.push('-');
            }
            middle.push_str(&code);
        }
        let name = if middle.is_empty() { format!("{PREFIX}-{hash}") } else { format!("{PREFIX}-{middle}-{hash}") };
        PolicyName(name)
    }

    /// `<name>-<suffix>`, the name cut so that the whole stays within the limit; `suffix` is letters, digits
    /// and `-` (the caller's counter), so the result is valid.
    pub fn with_suffix(&self, suffix: &str) -> PolicyName {
        let keep = MAX_POLICY_NAME_LEN.saturating_sub(suffix.len() + 1);
        let base: String = self.0.chars().take(keep).collect();
        PolicyName(format!("{base}-{suffix}"))
    }

    /// The name as RAM takes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PolicyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PolicyName {
    type Error = PolicyNameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PolicyName::parse(&s)
    }
}

impl From<PolicyName> for String {
    fn from(n: PolicyName) -> String {
        n.0
    }
}

/// 32-bit FNV-1a: tiny, deterministic on every platform, good enough to tell documents apart in a name.
pub fn fnv1a_32(bytes: &[u8]) -> u32 {
    const OFFSET_BASIS: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    bytes.iter().fold(OFFSET_BASIS, |hash, &b| (hash ^ u32::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Statement;

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a_32(b""), 0x811c9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c292c);
        assert_eq!(fnv1a_32(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn generated_names_are_valid_stable_and_distinct() {
        let a = PolicyDocument::new(vec![Statement::allow(["ecs:DescribeInstances", "oss:GetObject"], ["*"])]);
        let b = PolicyDocument::new(vec![Statement::allow(["ecs:DescribeInstances"], ["*"])]);
        let name = PolicyName::generate(&a);
        assert!(name.as_str().starts_with("RamDoctor-ecs-oss-"), "{name}");
        assert_eq!(PolicyName::parse(name.as_str()), Ok(name.clone()));
        assert_eq!(PolicyName::generate(&a.clone()), name);
        assert_ne!(PolicyName::generate(&b), name);
    }

    #[test]
    fn long_code_lists_are_cut_to_the_limit() {
        let actions: Vec<String> = (0..60).map(|i| format!("product{i:02}:Do")).collect();
        let doc = PolicyDocument::new(vec![Statement::allow(actions, ["*"])]);
        let name = PolicyName::generate(&doc);
        assert!(name.as_str().len() <= MAX_POLICY_NAME_LEN);
        assert!(PolicyName::parse(name.as_str()).is_ok());
    }

    #[test]
    fn suffixes_stay_within_the_limit() {
        let long = PolicyName::parse(&"a".repeat(128)).unwrap();
        let named = long.with_suffix("2");
        assert_eq!(named.as_str().len(), 128);
        assert!(named.as_str().ends_with("a-2"));
        assert_eq!(PolicyName::parse("p").unwrap().with_suffix("3").as_str(), "p-3");
    }

    #[test]
    fn agrees_with_check_ram013() {
        let names = ["", "a", "my-policy", "my_policy", "名字", "a b", "-x", &"a".repeat(128), &"a".repeat(129)];
        for n in names {
            let check = crate::policy::check::policy_name_problem(n);
            assert_eq!(PolicyName::parse(n).is_ok(), check.is_none(), "{n:?}");
        }
    }

    #[test]
    fn refuses_what_ram_refuses() {
        assert_eq!(PolicyName::parse(""), Err(PolicyNameError::Empty));
        assert_eq!(PolicyName::parse("my_policy"), Err(PolicyNameError::BadChar { ch: '_', index: 2 }));
        assert!(matches!(PolicyName::parse(&"a".repeat(129)), Err(PolicyNameError::TooLong { len: 129 })));
        assert!(PolicyName::parse(&"a".repeat(128)).is_ok());
    }
}
