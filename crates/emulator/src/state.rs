//! The account the emulator serves: users, groups and memberships, roles with trust policies, custom policies with
//! versions, and attachments. Pure: every change takes the server's time as text, and RAM's rules (name shapes,
//! the 5-version limit, the default version) are checked here. The same types are the `--state` file's format.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

pub use ram_doctor_core::api::PolicyType;
use ram_doctor_core::Catalog;

use crate::error::{Entity, Failure};

/// RAM's limit on versions of one custom policy.
pub const MAX_POLICY_VERSIONS: usize = 5;
/// RAM's limit on a policy document's length, in characters.
pub const MAX_DOCUMENT_CHARS: usize = 6144;

/// The whole account: what `--state` seeds and `GET /__emulator/state` shows. AccessKey secrets are not part of
/// it: they come only from `--access-key` (the state file names which user owns an AccessKey ID).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    #[serde(default = "default_account_id")]
    pub account_id: String,
    #[serde(default)]
    pub users: Vec<User>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub policies: Vec<CustomPolicy>,
    /// Numbers handed out so far, for new ids.
    #[serde(default, skip_serializing)]
    serial: u64,
}

fn default_account_id() -> String {
    "1000000000000001".into()
}

impl Default for Account {
    fn default() -> Self {
        Account {
            account_id: default_account_id(),
            users: vec![],
            groups: vec![],
            roles: vec![],
            policies: vec![],
            serial: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub created: String,
    /// AccessKey IDs this user owns (their secrets come from `--access-key`).
    #[serde(default)]
    pub access_keys: Vec<String>,
    /// Names of the groups the user belongs to, with the join date.
    #[serde(default)]
    pub groups: Vec<Membership>,
    #[serde(default)]
    pub policies: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub group: String,
    #[serde(default)]
    pub joined: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub policies: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub name: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub description: String,
    /// The trust policy (`AssumeRolePolicyDocument`), as JSON text (a JSON object is accepted in the file).
    #[serde(deserialize_with = "document_text")]
    pub trust_policy: String,
    #[serde(default = "default_max_session")]
    pub max_session_duration: u32,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub policies: Vec<Attachment>,
}

fn default_max_session() -> u32 {
    3600
}

/// Reads the `PolicyType` parameter: `System` (from the catalog) or `Custom` (this account's).
pub fn parse_policy_type(value: &str) -> Result<PolicyType, Failure> {
    match value {
        "System" => Ok(PolicyType::System),
        "Custom" => Ok(PolicyType::Custom),
        other => Err(invalid(
            "InvalidParameter.PolicyType",
            format!("The parameter PolicyType must be System or Custom, not \"{other}\"."),
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    pub name: String,
    #[serde(default)]
    pub attached: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomPolicy {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub updated: String,
    /// `v1`, `v2`…
    #[serde(default = "first_version")]
    pub default_version: String,
    pub versions: Vec<PolicyVersion>,
}

fn first_version() -> String {
    "v1".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyVersion {
    pub id: String,
    #[serde(deserialize_with = "document_text")]
    pub document: String,
    #[serde(default)]
    pub created: String,
}

/// A document given as JSON text or as a JSON object (kept as compact text).
fn document_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        other => other.to_string(),
    })
}

/// Who a policy is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    User,
    Group,
    Role,
}

impl Target {
    pub fn entity(self) -> Entity {
        match self {
            Target::User => Entity::User,
            Target::Group => Entity::Group,
            Target::Role => Entity::Role,
        }
    }
}

fn invalid(code: &str, message: String) -> Failure {
    Failure::InvalidParameter { code: code.into(), message }
}

/// RAM's name rule: 1..=max characters from the allowed set; `Param` names the parameter in the code.
fn check_name(param: &str, value: &str, max: usize, allowed: fn(char) -> bool) -> Result<(), Failure> {
    let chars = value.chars().count();
    if chars == 0 || chars > max {
        return Err(invalid(
            &format!("InvalidParameter.{param}.Length"),
            format!("The length of {param} must be 1 to {max} characters."),
        ));
    }
    if !value.chars().all(allowed) {
        return Err(invalid(
            &format!("InvalidParameter.{param}.InvalidChars"),
            format!("{param} contains characters that are not allowed: {value}"),
        ));
    }
    Ok(())
}

fn principal_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn policy_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// A policy document RAM accepts: at most 6,144 characters and a valid policy.
pub fn check_document(text: &str) -> Result<(), Failure> {
    if text.is_empty() || text.chars().count() > MAX_DOCUMENT_CHARS {
        return Err(Failure::PolicyDocumentLength);
    }
    ram_doctor_core::policy::parse_document(text).map_err(|e| Failure::MalformedPolicyDocument(e.to_string()))?;
    Ok(())
}

impl Account {
    /// Fills what a state file may leave out: ids, dates, the version counter. Names must be unique.
    pub fn complete(mut self, now: &str) -> Result<Account, String> {
        let names = [
            ("user", self.users.iter().map(|u| &u.name).collect::<Vec<_>>()),
            ("group", self.groups.iter().map(|g| &g.name).collect()),
            ("role", self.roles.iter().map(|r| &r.name).collect()),
            ("policy", self.policies.iter().map(|p| &p.name).collect()),
        ];
        for (kind, list) in names {
            if let Some((i, name)) = list.iter().enumerate().find(|(i, n)| list[..*i].contains(n)) {
                return Err(format!("{kind} {name} is listed twice (entry {})", i + 1));
            }
        }
        let fill = |s: &mut String, v: &str| {
            if s.is_empty() {
                *s = v.to_string();
            }
        };
        let mut serial = self.serial;
        let principals = (self.users.iter_mut().map(|u| ("2", &mut u.id, &mut u.created, &mut u.policies)))
            .chain(self.groups.iter_mut().map(|g| ("g-", &mut g.id, &mut g.created, &mut g.policies)))
            .chain(self.roles.iter_mut().map(|r| ("3", &mut r.id, &mut r.created, &mut r.policies)));
        for (prefix, id, created, policies) in principals {
            if id.is_empty() {
                serial += 1;
                *id = numbered(prefix, serial);
            }
            fill(created, now);
            policies.iter_mut().for_each(|a| fill(&mut a.attached, now));
        }
        for u in &mut self.users {
            u.groups.iter_mut().for_each(|m| fill(&mut m.joined, now));
        }
        for p in &mut self.policies {
            fill(&mut p.created, now);
            fill(&mut p.updated, now);
            p.versions.iter_mut().for_each(|v| fill(&mut v.created, now));
            if p.versions.len() > MAX_POLICY_VERSIONS {
                return Err(format!(
                    "policy {} has {} versions; RAM keeps at most {MAX_POLICY_VERSIONS}",
                    p.name,
                    p.versions.len()
                ));
            }
            if !p.versions.iter().any(|v| v.id == p.default_version) {
                return Err(format!(
                    "policy {}: its default version {} is not among its versions",
                    p.name, p.default_version
                ));
            }
        }
        for u in &self.users {
            if let Some(m) = u.groups.iter().find(|m| !self.groups.iter().any(|g| g.name == m.group)) {
                return Err(format!("user {} is in group {}, which is not listed", u.name, m.group));
            }
        }
        self.serial = serial;
        Ok(self)
    }

    fn new_id(&mut self, prefix: &str) -> String {
        self.serial += 1;
        numbered(prefix, self.serial)
    }

    pub fn user(&self, name: &str) -> Result<&User, Failure> {
        self.users.iter().find(|u| u.name == name).ok_or_else(|| not_exist(Entity::User, name))
    }

    pub fn user_by_id(&self, id: &str) -> Result<&User, Failure> {
        self.users.iter().find(|u| u.id == id).ok_or_else(|| not_exist(Entity::User, id))
    }

    /// The user who owns an AccessKey ID, if any (else the key is the account's own).
    pub fn key_owner(&self, access_key_id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.access_keys.iter().any(|k| k == access_key_id))
    }

    pub fn group(&self, name: &str) -> Result<&Group, Failure> {
        self.groups.iter().find(|g| g.name == name).ok_or_else(|| not_exist(Entity::Group, name))
    }

    pub fn role(&self, name: &str) -> Result<&Role, Failure> {
        self.roles.iter().find(|r| r.name.eq_ignore_ascii_case(name)).ok_or_else(|| not_exist(Entity::Role, name))
    }

    pub fn policy(&self, name: &str) -> Result<&CustomPolicy, Failure> {
        self.policies.iter().find(|p| p.name == name).ok_or_else(|| not_exist(Entity::Policy, name))
    }

    fn policy_mut(&mut self, name: &str) -> Result<&mut CustomPolicy, Failure> {
        self.policies.iter_mut().find(|p| p.name == name).ok_or_else(|| not_exist(Entity::Policy, name))
    }

    pub fn create_user(&mut self, name: &str, display_name: &str, comments: &str, now: &str) -> Result<&User, Failure> {
        check_name("UserName", name, 64, principal_name_char)?;
        if self.users.iter().any(|u| u.name == name) {
            return Err(Failure::EntityAlreadyExists { entity: Entity::User, name: name.into() });
        }
        let id = self.new_id("2");
        let display_name = if display_name.is_empty() { name } else { display_name };
        self.users.push(User {
            name: name.into(),
            id,
            display_name: display_name.into(),
            comments: comments.into(),
            created: now.into(),
            access_keys: vec![],
            groups: vec![],
            policies: vec![],
        });
        Ok(self.users.last().expect("just pushed"))
    }

    pub fn create_group(&mut self, name: &str, comments: &str, now: &str) -> Result<&Group, Failure> {
        check_name("GroupName", name, 64, principal_name_char)?;
        if self.groups.iter().any(|g| g.name == name) {
            return Err(Failure::EntityAlreadyExists { entity: Entity::Group, name: name.into() });
        }
        let id = self.new_id("g-");
        self.groups.push(Group {
            name: name.into(),
            id,
            comments: comments.into(),
            created: now.into(),
            policies: vec![],
        });
        Ok(self.groups.last().expect("just pushed"))
    }

    pub fn add_user_to_group(&mut self, user: &str, group: &str, now: &str) -> Result<(), Failure> {
        self.group(group)?;
        self.user(user)?;
        let u = self.users.iter_mut().find(|u| u.name == user).expect("checked above");
        if u.groups.iter().any(|m| m.group == group) {
            return Err(Failure::UserAlreadyInGroup);
        }
        u.groups.push(Membership { group: group.into(), joined: now.into() });
        Ok(())
    }

    pub fn create_role(
        &mut self,
        name: &str,
        trust_policy: &str,
        description: &str,
        max_session: Option<u32>,
        now: &str,
    ) -> Result<&Role, Failure> {
        check_name("RoleName", name, 64, principal_name_char)?;
        if self.roles.iter().any(|r| r.name.eq_ignore_ascii_case(name)) {
            return Err(Failure::EntityAlreadyExists { entity: Entity::Role, name: name.into() });
        }
        serde_json::from_str::<Value>(trust_policy)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| Failure::MalformedPolicyDocument("AssumeRolePolicyDocument is not a JSON object".into()))?;
        let max_session_duration = match max_session {
            None => default_max_session(),
            Some(s) if (3600..=43200).contains(&s) => s,
            Some(_) => {
                return Err(invalid(
                    "InvalidParameter.MaxSessionDuration",
                    "MaxSessionDuration must be 3600 to 43200 seconds.".into(),
                ))
            }
        };
        let id = self.new_id("3");
        self.roles.push(Role {
            name: name.into(),
            id,
            description: description.into(),
            trust_policy: trust_policy.into(),
            max_session_duration,
            created: now.into(),
            policies: vec![],
        });
        Ok(self.roles.last().expect("just pushed"))
    }

    pub fn create_policy(
        &mut self,
        name: &str,
        document: &str,
        description: &str,
        now: &str,
    ) -> Result<&CustomPolicy, Failure> {
        check_name("PolicyName", name, 128, policy_name_char)?;
        if self.policies.iter().any(|p| p.name == name) {
            return Err(Failure::EntityAlreadyExists { entity: Entity::Policy, name: name.into() });
        }
        check_document(document)?;
        self.policies.push(CustomPolicy {
            name: name.into(),
            description: description.into(),
            created: now.into(),
            updated: now.into(),
            default_version: first_version(),
            versions: vec![PolicyVersion { id: first_version(), document: document.into(), created: now.into() }],
        });
        Ok(self.policies.last().expect("just pushed"))
    }

    /// A new version; with `rotate`, the oldest non-default version makes room when 5 exist.
    pub fn create_policy_version(
        &mut self,
        name: &str,
        document: &str,
        set_default: bool,
        rotate: bool,
        now: &str,
    ) -> Result<&PolicyVersion, Failure> {
        let policy = self.policy_mut(name)?;
        check_document(document)?;
        if policy.versions.len() >= MAX_POLICY_VERSIONS {
            if !rotate {
                return Err(Failure::PolicyVersionLimit);
            }
            let oldest =
                policy.versions.iter().position(|v| v.id != policy.default_version).expect("5 versions, one default");
            policy.versions.remove(oldest);
        }
        let number =
            policy.versions.iter().filter_map(|v| v.id.strip_prefix('v')?.parse::<u32>().ok()).max().unwrap_or(0) + 1;
        let id = format!("v{number}");
        policy.versions.push(PolicyVersion { id: id.clone(), document: document.into(), created: now.into() });
        policy.updated = now.into();
        if set_default {
            policy.default_version = id;
        }
        Ok(policy.versions.last().expect("just pushed"))
    }

    pub fn delete_policy_version(&mut self, name: &str, version: &str) -> Result<(), Failure> {
        let policy = self.policy_mut(name)?;
        let at = policy
            .versions
            .iter()
            .position(|v| v.id == version)
            .ok_or_else(|| Failure::PolicyVersionNotExist(version.into()))?;
        if policy.default_version == version {
            return Err(Failure::DeleteDefaultVersion);
        }
        policy.versions.remove(at);
        Ok(())
    }

    pub fn set_default_policy_version(&mut self, name: &str, version: &str, now: &str) -> Result<(), Failure> {
        let policy = self.policy_mut(name)?;
        if !policy.versions.iter().any(|v| v.id == version) {
            return Err(Failure::PolicyVersionNotExist(version.into()));
        }
        policy.default_version = version.into();
        policy.updated = now.into();
        Ok(())
    }

    fn attachments_mut(&mut self, target: Target, name: &str) -> Result<&mut Vec<Attachment>, Failure> {
        let found = match target {
            Target::User => self.users.iter_mut().find(|u| u.name == name).map(|u| &mut u.policies),
            Target::Group => self.groups.iter_mut().find(|g| g.name == name).map(|g| &mut g.policies),
            Target::Role => self.roles.iter_mut().find(|r| r.name.eq_ignore_ascii_case(name)).map(|r| &mut r.policies),
        };
        found.ok_or_else(|| not_exist(target.entity(), name))
    }

    /// The policies attached directly to a user, group or role.
    pub fn attachments(&self, target: Target, name: &str) -> Result<&[Attachment], Failure> {
        Ok(match target {
            Target::User => &self.user(name)?.policies,
            Target::Group => &self.group(name)?.policies,
            Target::Role => &self.role(name)?.policies,
        })
    }

    /// Whether a policy of this type and name exists (system policies: in the catalog).
    pub fn policy_exists(&self, policy_type: PolicyType, name: &str, catalog: &Catalog) -> bool {
        match policy_type {
            PolicyType::System => catalog.system_policy(name).is_some(),
            PolicyType::Custom => self.policies.iter().any(|p| p.name == name),
        }
    }

    pub fn attach(
        &mut self,
        target: Target,
        name: &str,
        policy_type: PolicyType,
        policy: &str,
        catalog: &Catalog,
        now: &str,
    ) -> Result<(), Failure> {
        if !self.policy_exists(policy_type, policy, catalog) {
            return Err(not_exist(Entity::Policy, policy));
        }
        let list = self.attachments_mut(target, name)?;
        if list.iter().any(|a| a.policy_type == policy_type && a.name == policy) {
            return Err(Failure::AttachmentExists { to: target.entity(), policy: policy.into() });
        }
        list.push(Attachment { policy_type, name: policy.into(), attached: now.into() });
        Ok(())
    }

    pub fn detach(
        &mut self,
        target: Target,
        name: &str,
        policy_type: PolicyType,
        policy: &str,
        catalog: &Catalog,
    ) -> Result<(), Failure> {
        if !self.policy_exists(policy_type, policy, catalog) {
            return Err(not_exist(Entity::Policy, policy));
        }
        let list = self.attachments_mut(target, name)?;
        let at = list
            .iter()
            .position(|a| a.policy_type == policy_type && a.name == policy)
            .ok_or_else(|| Failure::AttachmentNotExist { to: target.entity(), policy: policy.into() })?;
        list.remove(at);
        Ok(())
    }

    /// How many users, groups and roles a custom policy is attached to.
    pub fn attachment_count(&self, policy: &str) -> usize {
        let is = |a: &Attachment| a.policy_type == PolicyType::Custom && a.name == policy;
        self.users.iter().flat_map(|u| &u.policies).filter(|a| is(a)).count()
            + self.groups.iter().flat_map(|g| &g.policies).filter(|a| is(a)).count()
            + self.roles.iter().flat_map(|r| &r.policies).filter(|a| is(a)).count()
    }

    /// The default version's document of a custom policy.
    pub fn default_document(&self, name: &str) -> Option<&str> {
        let p = self.policies.iter().find(|p| p.name == name)?;
        p.versions.iter().find(|v| v.id == p.default_version).map(|v| v.document.as_str())
    }
}

/// An id like RAM's: a prefix and a 15-digit number (`2000000000000001`, `g-000000000000002`).
fn numbered(prefix: &str, serial: u64) -> String {
    format!("{prefix}{serial:015}")
}

fn not_exist(entity: Entity, name: &str) -> Failure {
    Failure::EntityNotExist { entity, name: name.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}"#;
    const NOW: &str = "2026-01-01T00:00:00Z";

    fn codes<T: std::fmt::Debug>(r: Result<T, Failure>) -> String {
        r.unwrap_err().code()
    }

    #[test]
    fn policy_versions_limit_default_and_rotation() {
        let mut a = Account::default();
        a.create_policy("p", DOC, "", NOW).unwrap();
        assert_eq!(codes(a.create_policy("p", DOC, "", NOW)), "EntityAlreadyExists.Policy");
        for _ in 0..4 {
            a.create_policy_version("p", DOC, false, false, NOW).unwrap();
        }
        assert_eq!(codes(a.create_policy_version("p", DOC, true, false, NOW)), "LimitExceeded.Policy.Version");
        assert_eq!(codes(a.delete_policy_version("p", "v1")), "DeleteConflict.PolicyVersion.DefaultVersion");
        assert_eq!(codes(a.delete_policy_version("p", "v9")), "EntityNotExist.Policy.Version");
        let v = a.create_policy_version("p", DOC, true, true, NOW).unwrap().id.clone();
        assert_eq!(v, "v6");
        let p = a.policy("p").unwrap();
        assert_eq!(p.default_version, "v6");
        let ids: Vec<&str> = p.versions.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["v1", "v3", "v4", "v5", "v6"], "v2, the oldest non-default version, made room");
    }

    #[test]
    fn documents_are_checked() {
        let mut a = Account::default();
        let long = format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"ecs:{}","Resource":"*"}}]}}"#,
            "A".repeat(MAX_DOCUMENT_CHARS)
        );
        assert_eq!(codes(a.create_policy("p", &long, "", NOW)), "InvalidParameter.PolicyDocument.Length");
        assert_eq!(
            codes(a.create_policy("p", r#"{"Version":"1","Statement":[{"Effect":"Maybe"}]}"#, "", NOW)),
            "MalformedPolicyDocument"
        );
        assert_eq!(codes(a.create_policy("bad name", DOC, "", NOW)), "InvalidParameter.PolicyName.InvalidChars");
        assert!(a.policies.is_empty());
    }

    #[test]
    fn attachments_and_memberships() {
        let catalog = Catalog::embedded().unwrap();
        let mut a = Account::default();
        assert_eq!(
            codes(a.attach(Target::User, "alice", PolicyType::System, "AliyunECSReadOnlyAccess", &catalog, NOW)),
            "EntityNotExist.User"
        );
        a.create_user("alice", "", "", NOW).unwrap();
        assert_eq!(codes(a.create_user("alice", "", "", NOW)), "EntityAlreadyExists.User");
        assert_eq!(
            codes(a.attach(Target::User, "alice", PolicyType::System, "NoSuchPolicy", &catalog, NOW)),
            "EntityNotExist.Policy"
        );
        a.attach(Target::User, "alice", PolicyType::System, "AliyunECSReadOnlyAccess", &catalog, NOW).unwrap();
        assert_eq!(
            codes(a.attach(Target::User, "alice", PolicyType::System, "AliyunECSReadOnlyAccess", &catalog, NOW)),
            "EntityAlreadyExists.User.Policy"
        );
        a.detach(Target::User, "alice", PolicyType::System, "AliyunECSReadOnlyAccess", &catalog).unwrap();
        assert_eq!(
            codes(a.detach(Target::User, "alice", PolicyType::System, "AliyunECSReadOnlyAccess", &catalog)),
            "EntityNotExist.User.Policy"
        );
        assert_eq!(codes(a.add_user_to_group("alice", "dev", NOW)), "EntityNotExist.Group");
        a.create_group("dev", "", NOW).unwrap();
        a.add_user_to_group("alice", "dev", NOW).unwrap();
        assert_eq!(codes(a.add_user_to_group("alice", "dev", NOW)), "EntityAlreadyExists.User.Group");
    }

    #[test]
    fn a_state_file_is_completed_and_checked() {
        let text = r#"{"users":[{"name":"alice","access_keys":["AK1"],"groups":[{"group":"dev"}],
            "policies":[{"type":"Custom","name":"p"}]}],"groups":[{"name":"dev"}],
            "policies":[{"name":"p","versions":[{"id":"v1","document":{"Version":"1","Statement":[]}}]}]}"#;
        let a: Account = serde_json::from_str(text).unwrap();
        let a = a.complete(NOW).unwrap();
        assert_eq!(a.key_owner("AK1").unwrap().name, "alice");
        assert_eq!(a.default_document("p"), Some(r#"{"Version":"1","Statement":[]}"#));
        assert!(!a.users[0].id.is_empty());
        let bad: Account = serde_json::from_str(r#"{"users":[{"name":"bob","groups":[{"group":"none"}]}]}"#).unwrap();
        assert!(bad.complete(NOW).unwrap_err().contains("group none"));
        let v = |i: u32| format!(r#"{{"id":"v{i}","document":"{{}}"}}"#);
        let six =
            format!(r#"{{"policies":[{{"name":"p","versions":[{}]}}]}}"#, (1..=6).map(v).collect::<Vec<_>>().join(","));
        let six: Account = serde_json::from_str(&six).unwrap();
        assert!(six.complete(NOW).unwrap_err().contains("at most 5"));
        assert!(serde_json::from_str::<Account>(r#"{"user":[]}"#).is_err(), "unknown fields are refused");
    }
}
