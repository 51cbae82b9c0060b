//! Who receives the grant: a RAM user, user group or RAM role, named or left as a placeholder to fill in.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// The three kinds of RAM identity a policy can be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalKind {
    /// A RAM user.
    User,
    /// A RAM user group.
    Group,
    /// A RAM role.
    Role,
}

impl PrincipalKind {
    /// `user`, `group` or `role`, as in `--for user:NAME`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::User => "user",
            PrincipalKind::Group => "group",
            PrincipalKind::Role => "role",
        }
    }

    /// What the user fills in when no name is known.
    pub fn placeholder(self) -> &'static str {
        match self {
            PrincipalKind::User => "<user-name>",
            PrincipalKind::Group => "<group-name>",
            PrincipalKind::Role => "<role-name>",
        }
    }
}

/// The identity to grant to. `name: None` renders as a placeholder (`<user-name>`) or, where the format has
/// them, a variable/parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// A user, a group or a role.
    pub kind: PrincipalKind,
    /// Its name; `None` when the error does not say.
    pub name: Option<String>,
}

/// Why a `--for` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// The part before `:` is not `user`, `group` or `role`.
    UnknownKind {
        /// The part before `:`, as given.
        given: String,
    },
    /// The name is empty, longer than 64 characters, or has characters RAM refuses in identity names.
    BadName {
        /// The name, as given.
        name: String,
    },
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::UnknownKind { given } => {
                write!(f, "unknown principal kind '{given}': use user:NAME, group:NAME or role:NAME")
            }
            TargetError::BadName { name } => {
                write!(f, "'{name}' is not a RAM identity name: 1 to 64 letters, digits, '.', '_' or '-'")
            }
        }
    }
}

impl std::error::Error for TargetError {}

/// RAM user, group and role names: 1..64 of letters, digits, `.`, `_`, `-` (the union of the three rules;
/// it also keeps names safe to print unquoted in every format).
fn is_identity_name(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

impl Target {
    /// A target with a known name, checked.
    pub fn named(kind: PrincipalKind, name: &str) -> Result<Target, TargetError> {
        if is_identity_name(name) {
            Ok(Target { kind, name: Some(name.to_string()) })
        } else {
            Err(TargetError::BadName { name: name.to_string() })
        }
    }

    /// A target whose name the user fills in.
    pub fn placeholder(kind: PrincipalKind) -> Target {
        Target { kind, name: None }
    }

    /// Parses `user:NAME`, `group:NAME`, `role:NAME`, or a bare kind (`user`) for a placeholder.
    pub fn parse(spec: &str) -> Result<Target, TargetError> {
        let (kind, name) = match spec.split_once(':') {
            Some((k, n)) => (k, Some(n)),
            None => (spec, None),
        };
        let kind = match kind.trim().to_ascii_lowercase().as_str() {
            "user" => PrincipalKind::User,
            "group" => PrincipalKind::Group,
            "role" => PrincipalKind::Role,
            _ => return Err(TargetError::UnknownKind { given: kind.to_string() }),
        };
        match name.map(str::trim) {
            None | Some("") => Ok(Target::placeholder(kind)),
            Some(n) => Target::named(kind, n),
        }
    }

    /// Who the findings were about, when the error says so in a usable form: an assumed role's
    /// `RoleName:SessionName` names the role. A sub-user's display name is often a numeric id, not the
    /// user name, so users stay a placeholder.
    pub fn infer(findings: &[Finding]) -> Target {
        findings
            .iter()
            .filter_map(|f| f.principal.as_ref())
            .find_map(|p| {
                let assumed = p.kind.as_deref() == Some("AssumedRoleUser");
                let role = p.name.as_deref()?.split_once(':')?.0;
                if assumed {
                    Target::named(PrincipalKind::Role, role).ok()
                } else {
                    None
                }
            })
            .unwrap_or(Target::placeholder(PrincipalKind::User))
    }

    /// The name, or the placeholder when none is known.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.kind.placeholder())
    }

    /// The kind and the name (`user alice`), as the page and core's sentences name the principal.
    pub fn described(&self) -> String {
        format!("{} {}", self.kind.as_str(), self.display_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Kind, Principal};

    #[test]
    fn a_target_is_described_by_kind_and_name_or_placeholder() {
        let named = Target { kind: PrincipalKind::Role, name: Some("backup".into()) };
        assert_eq!(named.described(), "role backup");
        assert_eq!(Target { kind: PrincipalKind::User, name: None }.described(), "user <user-name>");
    }

    #[test]
    fn parses_the_three_kinds_and_placeholders() {
        assert_eq!(Target::parse("user:alice").unwrap(), Target::named(PrincipalKind::User, "alice").unwrap());
        assert_eq!(Target::parse("Group:ops-team").unwrap().kind, PrincipalKind::Group);
        assert_eq!(Target::parse("role").unwrap(), Target::placeholder(PrincipalKind::Role));
        assert_eq!(Target::parse("role:").unwrap().display_name(), "<role-name>");
    }

    #[test]
    fn refuses_unknown_kinds_and_unsafe_names() {
        assert!(matches!(Target::parse("bucket:x"), Err(TargetError::UnknownKind { .. })));
        assert!(matches!(Target::parse("user:a b"), Err(TargetError::BadName { .. })));
        assert!(matches!(Target::parse("user:x'; rm -rf /"), Err(TargetError::BadName { .. })));
        assert!(Target::parse(&format!("user:{}", "a".repeat(65))).is_err());
    }

    #[test]
    fn infers_an_assumed_role_but_not_a_numeric_user() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.principal = Some(Principal {
            kind: Some("AssumedRoleUser".into()),
            name: Some("ecs-admin:session-1".into()),
            account: Some("1234".into()),
        });
        assert_eq!(Target::infer(&[f.clone()]), Target::named(PrincipalKind::Role, "ecs-admin").unwrap());
        f.principal = Some(Principal { kind: Some("SubUser".into()), name: Some("2034".into()), account: None });
        assert_eq!(Target::infer(&[f]), Target::placeholder(PrincipalKind::User));
    }
}
