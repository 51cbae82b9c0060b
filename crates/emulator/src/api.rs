//! The APIs the emulator answers: one table row per API with its product, the RAM action and resources it needs,
//! and the function that runs it against the account and returns Alibaba Cloud's JSON shape.

use serde::Serialize;
use serde_json::{json, Value};

use ram_doctor_core::api::{ims, ram, sts};
use ram_doctor_core::sign::{Secret, Timestamp};
use ram_doctor_core::Catalog;

use crate::auth::{AccessKey, KeyKind, Keys};
use crate::authz::{system_document, Caller};
use crate::error::{Entity, Failure};
use crate::state::{
    check_document, parse_policy_type, Account, Attachment, CustomPolicy, PolicyType, PolicyVersion, Role, Target, User,
};

pub use ram_doctor_core::api::Product;

/// The products one emulator serves, with their catalog code and the name `Recommend` links use (their
/// versions and endpoints are core's).
const PRODUCTS: [(Product, &str, &str); 3] =
    [(Product::Ram, "ram", "Ram"), (Product::Sts, "sts", "Sts"), (Product::Ims, "ims", "Ims")];

/// The product's name in `Recommend` links.
pub fn label(product: Product) -> &'static str {
    PRODUCTS.iter().find(|r| r.0 == product).map_or("Ram", |r| r.2)
}

/// The product a `Host` header names (`sts.cn-hangzhou.aliyuncs.com` is STS), by the catalog's endpoints.
pub fn product_by_host(host: &str, catalog: &Catalog) -> Option<Product> {
    let bare =
        host.rsplit_once(':').filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit())).map_or(host, |(h, _)| h);
    let code = catalog.product_by_host(bare)?.code.to_ascii_lowercase();
    PRODUCTS.iter().find(|r| r.1 == code).map(|r| r.0)
}

/// The product whose API version this is.
pub fn product_by_version(version: &str) -> Option<Product> {
    PRODUCTS.iter().map(|r| r.0).find(|p| p.version() == version)
}

/// A call's parameters, decoded.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    pub fn require(&self, name: &'static str) -> Result<&str, Failure> {
        self.get(name).ok_or(Failure::MissingParameter(name))
    }

    fn or_empty(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    fn policy_type(&self) -> Result<PolicyType, Failure> {
        parse_policy_type(self.require("PolicyType")?)
    }
}

/// What a running API may touch.
pub struct Ctx<'a> {
    pub account: &'a mut Account,
    pub keys: &'a mut Keys,
    pub catalog: &'a Catalog,
    pub caller: &'a Caller,
    /// Seconds since the epoch, by the server's clock.
    pub now: i64,
    /// Decoded diagnostic messages by their encoded form.
    pub diagnostics: &'a std::collections::HashMap<String, ram::DecodedDiagnosticMessage>,
    /// Random bytes for new credentials.
    pub random: &'a dyn Fn() -> [u8; 16],
}

impl Ctx<'_> {
    fn now_text(&self) -> String {
        Timestamp::from_unix(self.now).to_iso8601()
    }
}

type Run = fn(&mut Ctx, &Params) -> Result<Value, Failure>;
type Resources = fn(&Params, &str) -> Result<Vec<String>, Failure>;

/// One API: where it lives, what it needs, what it does.
pub struct Api {
    pub product: Product,
    pub name: &'static str,
    /// The RAM action checked before running, with the resources it acts on; `None`: any caller may call it.
    pub authorize: Option<(&'static str, Resources)>,
    pub run: Run,
}

fn arn(account: &str, kind: &str, name: &str) -> String {
    format!("acs:ram:*:{account}:{kind}/{name}")
}

fn on_user(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![arn(acct, "user", p.require("UserName")?)])
}
fn on_group(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![arn(acct, "group", p.require("GroupName")?)])
}
fn on_role(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![arn(acct, "role", p.require("RoleName")?)])
}
fn on_policy(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![arn(acct, "policy", p.require("PolicyName")?)])
}
fn on_all_users(_: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![arn(acct, "user", "*")])
}
fn on_anything(_: &Params, _: &str) -> Result<Vec<String>, Failure> {
    Ok(vec!["*".into()])
}
fn on_policy_and_user(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok([on_policy(p, acct)?, on_user(p, acct)?].concat())
}
fn on_policy_and_group(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok([on_policy(p, acct)?, on_group(p, acct)?].concat())
}
fn on_policy_and_role(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok([on_policy(p, acct)?, on_role(p, acct)?].concat())
}
fn on_group_and_user(p: &Params, acct: &str) -> Result<Vec<String>, Failure> {
    Ok([on_group(p, acct)?, on_user(p, acct)?].concat())
}
fn on_role_arn(p: &Params, _: &str) -> Result<Vec<String>, Failure> {
    Ok(vec![p.require("RoleArn")?.to_string()])
}

/// Every API served. The RAM action of each is `ram:<Name>` / `sts:<Name>` as the catalog lists it.
pub const APIS: &[Api] = &[
    Api { product: Product::Sts, name: "GetCallerIdentity", authorize: None, run: get_caller_identity },
    Api {
        product: Product::Sts,
        name: "AssumeRole",
        authorize: Some(("sts:AssumeRole", on_role_arn)),
        run: assume_role,
    },
    Api { product: Product::Ram, name: "CreateUser", authorize: Some(("ram:CreateUser", on_user)), run: create_user },
    Api { product: Product::Ram, name: "GetUser", authorize: Some(("ram:GetUser", on_user)), run: get_user },
    Api { product: Product::Ram, name: "ListUsers", authorize: Some(("ram:ListUsers", on_all_users)), run: list_users },
    Api {
        product: Product::Ram,
        name: "CreateGroup",
        authorize: Some(("ram:CreateGroup", on_group)),
        run: create_group,
    },
    Api {
        product: Product::Ram,
        name: "AddUserToGroup",
        authorize: Some(("ram:AddUserToGroup", on_group_and_user)),
        run: add_user_to_group,
    },
    Api {
        product: Product::Ram,
        name: "ListGroupsForUser",
        authorize: Some(("ram:ListGroupsForUser", on_user)),
        run: list_groups_for_user,
    },
    Api { product: Product::Ram, name: "CreateRole", authorize: Some(("ram:CreateRole", on_role)), run: create_role },
    Api { product: Product::Ram, name: "GetRole", authorize: Some(("ram:GetRole", on_role)), run: get_role },
    Api {
        product: Product::Ram,
        name: "CreatePolicy",
        authorize: Some(("ram:CreatePolicy", on_policy)),
        run: create_policy,
    },
    Api { product: Product::Ram, name: "GetPolicy", authorize: Some(("ram:GetPolicy", on_policy)), run: get_policy },
    Api {
        product: Product::Ram,
        name: "GetPolicyVersion",
        authorize: Some(("ram:GetPolicyVersion", on_policy)),
        run: get_policy_version,
    },
    Api {
        product: Product::Ram,
        name: "ListPolicyVersions",
        authorize: Some(("ram:ListPolicyVersions", on_policy)),
        run: list_policy_versions,
    },
    Api {
        product: Product::Ram,
        name: "CreatePolicyVersion",
        authorize: Some(("ram:CreatePolicyVersion", on_policy)),
        run: create_policy_version,
    },
    Api {
        product: Product::Ram,
        name: "DeletePolicyVersion",
        authorize: Some(("ram:DeletePolicyVersion", on_policy)),
        run: delete_policy_version,
    },
    Api {
        product: Product::Ram,
        name: "SetDefaultPolicyVersion",
        authorize: Some(("ram:SetDefaultPolicyVersion", on_policy)),
        run: set_default_policy_version,
    },
    Api {
        product: Product::Ram,
        name: "AttachPolicyToUser",
        authorize: Some(("ram:AttachPolicyToUser", on_policy_and_user)),
        run: attach_to_user,
    },
    Api {
        product: Product::Ram,
        name: "AttachPolicyToGroup",
        authorize: Some(("ram:AttachPolicyToGroup", on_policy_and_group)),
        run: attach_to_group,
    },
    Api {
        product: Product::Ram,
        name: "AttachPolicyToRole",
        authorize: Some(("ram:AttachPolicyToRole", on_policy_and_role)),
        run: attach_to_role,
    },
    Api {
        product: Product::Ram,
        name: "DetachPolicyFromUser",
        authorize: Some(("ram:DetachPolicyFromUser", on_policy_and_user)),
        run: detach_from_user,
    },
    Api {
        product: Product::Ram,
        name: "DetachPolicyFromGroup",
        authorize: Some(("ram:DetachPolicyFromGroup", on_policy_and_group)),
        run: detach_from_group,
    },
    Api {
        product: Product::Ram,
        name: "DetachPolicyFromRole",
        authorize: Some(("ram:DetachPolicyFromRole", on_policy_and_role)),
        run: detach_from_role,
    },
    Api {
        product: Product::Ram,
        name: "ListPoliciesForUser",
        authorize: Some(("ram:ListPoliciesForUser", on_user)),
        run: list_policies_for_user,
    },
    Api {
        product: Product::Ram,
        name: "ListPoliciesForGroup",
        authorize: Some(("ram:ListPoliciesForGroup", on_group)),
        run: list_policies_for_group,
    },
    Api {
        product: Product::Ram,
        name: "ListPoliciesForRole",
        authorize: Some(("ram:ListPoliciesForRole", on_role)),
        run: list_policies_for_role,
    },
    Api {
        product: Product::Ram,
        name: "DecodeDiagnosticMessage",
        authorize: Some(("ram:DecodeDiagnosticMessage", on_anything)),
        run: decode_diagnostic_message,
    },
    Api { product: Product::Ims, name: "GetUser", authorize: Some(("ram:GetUser", on_all_users)), run: ims_get_user },
];

/// The API a product serves under this action name.
pub fn find(product: Product, action: &str) -> Option<&'static Api> {
    APIS.iter().find(|a| a.product == product && a.name == action)
}

/// The answer in its API's shape: core's response type, serialized (its `RequestId` is filled in by the server).
fn answer<T: Serialize>(response: T) -> Result<Value, Failure> {
    Ok(serde_json::to_value(response).expect("response types serialize"))
}

/// `Some` for a field RAM shows, `None` for one it leaves out (empty).
fn shown(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn user_of(u: &User) -> ram::User {
    ram::User {
        user_name: u.name.clone(),
        user_id: u.id.clone(),
        display_name: shown(&u.display_name),
        comments: shown(&u.comments),
        create_date: shown(&u.created),
        update_date: shown(&u.created),
        ..Default::default()
    }
}

fn role_of(r: &Role, account: &str) -> ram::Role {
    ram::Role {
        role_name: r.name.clone(),
        role_id: r.id.clone(),
        arn: format!("acs:ram::{account}:role/{}", r.name.to_lowercase()),
        description: Some(r.description.clone()),
        assume_role_policy_document: Some(r.trust_policy.clone()),
        max_session_duration: Some(u64::from(r.max_session_duration)),
        create_date: shown(&r.created),
        update_date: shown(&r.created),
    }
}

fn version_of(v: &PolicyVersion, default: &str) -> ram::PolicyVersion {
    ram::PolicyVersion {
        version_id: v.id.clone(),
        is_default_version: v.id == default,
        policy_document: v.document.clone(),
        create_date: shown(&v.created),
    }
}

fn custom_policy_of(p: &CustomPolicy) -> ram::Policy {
    ram::Policy {
        policy_name: p.name.clone(),
        policy_type: PolicyType::Custom,
        default_version: Some(p.default_version.clone()),
        description: Some(p.description.clone()),
        attachment_count: None,
        create_date: shown(&p.created),
        update_date: shown(&p.updated),
    }
}

fn get_caller_identity(c: &mut Ctx, _: &Params) -> Result<Value, Failure> {
    let account_id = c.account.account_id.clone();
    let arn = c.caller.principal_arn(&account_id);
    let (identity_type, principal_id, user_id, role_id, arn) = match c.caller {
        Caller::Root => ("Account", account_id.clone(), Some(account_id.clone()), None, arn),
        Caller::User { id, .. } => ("RAMUser", id.clone(), Some(id.clone()), None, arn),
        Caller::AssumedRole { role, role_id, session, .. } => (
            "AssumedRoleUser",
            format!("{role_id}:{session}"),
            None,
            Some(role_id.clone()),
            format!("acs:ram::{account_id}:assumed-role/{}/{session}", role.to_lowercase()),
        ),
    };
    answer(sts::CallerIdentity {
        identity_type: identity_type.into(),
        account_id,
        principal_id,
        user_id,
        role_id,
        arn,
        request_id: String::new(),
    })
}

/// Whether a trust policy lets this principal assume the role: an `Allow` of `sts:AssumeRole` naming it (or its
/// account's root, or `*`) under `Principal.RAM`.
pub fn trusts(trust_policy: &str, principal_arn: &str, account: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<Value>(trust_policy) else {
        return false;
    };
    let as_list = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    };
    let root = format!("acs:ram::{account}:root");
    let statements = match &doc["Statement"] {
        Value::Array(s) => s.clone(),
        one @ Value::Object(_) => vec![one.clone()],
        _ => Vec::new(),
    };
    statements.iter().any(|st| {
        st["Effect"] == "Allow"
            && as_list(&st["Action"])
                .iter()
                .any(|a| a.eq_ignore_ascii_case("sts:AssumeRole") || a == "sts:*" || a == "*")
            && as_list(&st["Principal"]["RAM"])
                .iter()
                .any(|p| p == "*" || p.eq_ignore_ascii_case(principal_arn) || *p == root || *p == account)
    })
}

fn random_text(c: &Ctx, bytes: usize) -> String {
    use base64::Engine;
    let mut out = Vec::new();
    while out.len() < bytes {
        out.extend_from_slice(&(c.random)());
    }
    out.truncate(bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(out)
}

fn assume_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let acct = c.account.account_id.clone();
    let role_arn = p.require("RoleArn")?;
    let session = p.require("RoleSessionName")?;
    let bad = |param: &str, message: &str| Failure::InvalidParameter {
        code: format!("InvalidParameter.{param}"),
        message: message.into(),
    };
    let role_name = role_arn
        .strip_prefix("acs:ram::")
        .and_then(|rest| rest.split_once(":role/"))
        .ok_or_else(|| bad("RoleArn", "The parameter RoleArn is wrongly formed."))?;
    let session_ok = (2..=64).contains(&session.len())
        && session.chars().all(|ch| ch.is_ascii_alphanumeric() || "_.@-".contains(ch));
    if !session_ok {
        return Err(bad("RoleSessionName", "The parameter RoleSessionName is wrongly formed."));
    }
    let not_found = || Failure::EntityNotExist { entity: Entity::Role, name: role_arn.to_string() };
    if role_name.0 != acct {
        return Err(not_found());
    }
    let role = c.account.role(role_name.1).map_err(|_| not_found())?.clone();
    if *c.caller == Caller::Root {
        return Err(Failure::RootAssumeRole);
    }
    if !trusts(&role.trust_policy, &c.caller.principal_arn(&acct), &acct) {
        return Err(Failure::TrustPolicyDenies);
    }
    let duration: i64 = match p.get("DurationSeconds") {
        None => 3600,
        Some(d) => d
            .parse()
            .ok()
            .filter(|d| (900..=i64::from(role.max_session_duration)).contains(d))
            .ok_or_else(|| bad("DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr."))?,
    };
    let session_policy = match p.get("Policy") {
        None => None,
        Some(text) if text.len() > 2048 => {
            return Err(bad("PolicySize", "The size of Policy must be smaller than 2048 bytes."))
        }
        Some(text) => {
            check_document(text)
                .map_err(|_| bad("PolicyGrammar", "The parameter Policy has not passed grammar check."))?;
            Some(text.to_string())
        }
    };
    let id = format!("STS.{}", random_text(c, 18));
    let secret = random_text(c, 30);
    let token = random_text(c, 96);
    let expires = c.now + duration;
    let kind = KeyKind::Sts {
        token: Secret::new(token.clone()),
        expires,
        role: role.name.clone(),
        role_id: role.id.clone(),
        session: session.to_string(),
        session_policy,
    };
    c.keys.insert(id.clone(), AccessKey { secret: Secret::new(secret.clone()), kind });
    let user = sts::AssumedRoleUser {
        assumed_role_id: format!("{}:{session}", role.id),
        arn: format!("acs:ram::{acct}:assumed-role/{}/{session}", role.name.to_lowercase()),
    };
    // Core's AssumeRoleResponse holds the secret in a `Secret`, which never serializes: the credentials are
    // written here, the one place that hands a secret out.
    Ok(json!({
        "Credentials": {
            "AccessKeyId": id,
            "AccessKeySecret": secret,
            "SecurityToken": token,
            "Expiration": Timestamp::from_unix(expires).to_iso8601(),
        },
        "AssumedRoleUser": user,
    }))
}

fn create_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    let user =
        c.account.create_user(p.require("UserName")?, p.or_empty("DisplayName"), p.or_empty("Comments"), &now)?;
    answer(ram::GetUserResponse { request_id: String::new(), user: user_of(user) })
}

fn get_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    answer(ram::GetUserResponse { request_id: String::new(), user: user_of(c.account.user(p.require("UserName")?)?) })
}

fn list_users(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let max: usize = match p.get("MaxItems") {
        None => 100,
        Some(m) => m.parse().ok().filter(|m| (1..=1000).contains(m)).ok_or_else(|| Failure::InvalidParameter {
            code: "InvalidParameter.MaxItems".into(),
            message: "MaxItems must be 1 to 1000.".into(),
        })?,
    };
    let start: usize = p.get("Marker").and_then(|m| m.parse().ok()).unwrap_or(0);
    let users: Vec<ram::User> = c.account.users.iter().skip(start).take(max).map(user_of).collect();
    let next = start + users.len();
    let is_truncated = next < c.account.users.len();
    answer(ram::ListUsersResponse {
        request_id: String::new(),
        is_truncated,
        marker: is_truncated.then(|| next.to_string()),
        users,
    })
}

fn create_group(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    let g = c.account.create_group(p.require("GroupName")?, p.or_empty("Comments"), &now)?;
    // Core has no type for a created group (the CLI never creates one): RAM's shape, written out.
    Ok(json!({"Group": {"GroupId": g.id, "GroupName": g.name, "Comments": g.comments, "CreateDate": g.created}}))
}

fn add_user_to_group(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    c.account.add_user_to_group(p.require("UserName")?, p.require("GroupName")?, &now)?;
    answer(ram::RequestOnly::default())
}

fn list_groups_for_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let user = c.account.user(p.require("UserName")?)?;
    let groups = user
        .groups
        .iter()
        .filter_map(|m| {
            let g = c.account.group(&m.group).ok()?;
            Some(ram::GroupMembership {
                group_name: g.name.clone(),
                group_id: Some(g.id.clone()),
                comments: Some(g.comments.clone()),
                join_date: shown(&m.joined),
            })
        })
        .collect();
    answer(ram::ListGroupsForUserResponse { request_id: String::new(), groups })
}

fn create_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    let max = match p.get("MaxSessionDuration") {
        None => None,
        Some(m) => Some(m.parse().map_err(|_| Failure::InvalidParameter {
            code: "InvalidParameter.MaxSessionDuration".into(),
            message: "MaxSessionDuration must be a number of seconds.".into(),
        })?),
    };
    let acct = c.account.account_id.clone();
    let role = c.account.create_role(
        p.require("RoleName")?,
        p.require("AssumeRolePolicyDocument")?,
        p.or_empty("Description"),
        max,
        &now,
    )?;
    answer(ram::GetRoleResponse { request_id: String::new(), role: role_of(role, &acct) })
}

fn get_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let role = role_of(c.account.role(p.require("RoleName")?)?, &c.account.account_id);
    answer(ram::GetRoleResponse { request_id: String::new(), role })
}

fn create_policy(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    let policy = c.account.create_policy(
        p.require("PolicyName")?,
        p.require("PolicyDocument")?,
        p.or_empty("Description"),
        &now,
    )?;
    let policy = ram::Policy { update_date: None, ..custom_policy_of(policy) };
    answer(ram::CreatePolicyResponse { request_id: String::new(), policy })
}

/// A system policy and its one version (`v1`, the document the emulator enforces).
fn system_policy(c: &Ctx, name: &str) -> Result<(ram::Policy, ram::PolicyVersion), Failure> {
    let policy = c
        .catalog
        .system_policy(name)
        .ok_or_else(|| Failure::EntityNotExist { entity: Entity::Policy, name: name.into() })?;
    let fields = ram::Policy {
        policy_name: policy.name.clone(),
        policy_type: PolicyType::System,
        default_version: Some("v1".into()),
        description: Some(policy.description.clone().unwrap_or_default()),
        attachment_count: None,
        create_date: None,
        update_date: None,
    };
    let version = ram::PolicyVersion {
        version_id: "v1".into(),
        is_default_version: true,
        policy_document: system_document(policy, c.catalog),
        create_date: None,
    };
    Ok((fields, version))
}

fn get_policy(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let name = p.require("PolicyName")?;
    let (policy, version) = match p.policy_type()? {
        PolicyType::System => system_policy(c, name)?,
        PolicyType::Custom => {
            let policy = c.account.policy(name)?;
            let default =
                policy.versions.iter().find(|v| v.id == policy.default_version).expect("the default version exists");
            let count = c.account.attachment_count(name) as u64;
            (
                ram::Policy { attachment_count: Some(count), ..custom_policy_of(policy) },
                version_of(default, &policy.default_version),
            )
        }
    };
    answer(ram::GetPolicyResponse { request_id: String::new(), policy, default_policy_version: Some(version) })
}

/// The versions of a policy of either type.
fn versions(c: &Ctx, p: &Params) -> Result<Vec<ram::PolicyVersion>, Failure> {
    let name = p.require("PolicyName")?;
    Ok(match p.policy_type()? {
        PolicyType::System => vec![system_policy(c, name)?.1],
        PolicyType::Custom => {
            let policy = c.account.policy(name)?;
            policy.versions.iter().map(|v| version_of(v, &policy.default_version)).collect()
        }
    })
}

fn get_policy_version(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let wanted = p.require("VersionId")?;
    let found = versions(c, p)?.into_iter().find(|v| v.version_id == wanted);
    let policy_version = found.ok_or_else(|| Failure::PolicyVersionNotExist(wanted.into()))?;
    answer(ram::PolicyVersionResponse { request_id: String::new(), policy_version })
}

fn list_policy_versions(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    answer(ram::ListPolicyVersionsResponse { request_id: String::new(), policy_versions: versions(c, p)? })
}

fn create_policy_version(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    let rotate = match p.get("RotateStrategy") {
        None | Some("None") => false,
        Some("DeleteOldestNonDefaultVersionWhenLimitExceeded") => true,
        Some(other) => {
            return Err(Failure::InvalidParameter {
                code: "InvalidParameter.RotateStrategy".into(),
                message: format!(
                    "RotateStrategy must be None or DeleteOldestNonDefaultVersionWhenLimitExceeded, not \"{other}\"."
                ),
            })
        }
    };
    let name = p.require("PolicyName")?;
    let version = c
        .account
        .create_policy_version(name, p.require("PolicyDocument")?, p.flag("SetAsDefault"), rotate, &now)?
        .clone();
    let default = c.account.policy(name)?.default_version.clone();
    answer(ram::PolicyVersionResponse { request_id: String::new(), policy_version: version_of(&version, &default) })
}

fn delete_policy_version(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    c.account.delete_policy_version(p.require("PolicyName")?, p.require("VersionId")?)?;
    answer(ram::RequestOnly::default())
}

fn set_default_policy_version(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let now = c.now_text();
    c.account.set_default_policy_version(p.require("PolicyName")?, p.require("VersionId")?, &now)?;
    answer(ram::RequestOnly::default())
}

/// The parameter naming the target of an attachment.
fn target_param(target: Target) -> &'static str {
    match target {
        Target::User => "UserName",
        Target::Group => "GroupName",
        Target::Role => "RoleName",
    }
}

fn attach(c: &mut Ctx, p: &Params, target: Target) -> Result<Value, Failure> {
    let now = c.now_text();
    let (kind, name) = (p.policy_type()?, p.require("PolicyName")?);
    c.account.attach(target, p.require(target_param(target))?, kind, name, c.catalog, &now)?;
    answer(ram::RequestOnly::default())
}

fn detach(c: &mut Ctx, p: &Params, target: Target) -> Result<Value, Failure> {
    let (kind, name) = (p.policy_type()?, p.require("PolicyName")?);
    c.account.detach(target, p.require(target_param(target))?, kind, name, c.catalog)?;
    answer(ram::RequestOnly::default())
}

fn list_policies(c: &mut Ctx, p: &Params, target: Target) -> Result<Value, Failure> {
    let attached: Vec<Attachment> = c.account.attachments(target, p.require(target_param(target))?)?.to_vec();
    let policies = attached
        .iter()
        .map(|a| {
            let (description, default) = match a.policy_type {
                PolicyType::Custom => c
                    .account
                    .policy(&a.name)
                    .map(|p| (p.description.clone(), p.default_version.clone()))
                    .unwrap_or_default(),
                PolicyType::System => (
                    c.catalog.system_policy(&a.name).and_then(|s| s.description.clone()).unwrap_or_default(),
                    "v1".into(),
                ),
            };
            ram::AttachedPolicy {
                policy_name: a.name.clone(),
                policy_type: a.policy_type,
                default_version: Some(default),
                description: Some(description),
                attach_date: shown(&a.attached),
            }
        })
        .collect();
    answer(ram::ListPoliciesResponse { request_id: String::new(), policies })
}

fn attach_to_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    attach(c, p, Target::User)
}
fn attach_to_group(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    attach(c, p, Target::Group)
}
fn attach_to_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    attach(c, p, Target::Role)
}
fn detach_from_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    detach(c, p, Target::User)
}
fn detach_from_group(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    detach(c, p, Target::Group)
}
fn detach_from_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    detach(c, p, Target::Role)
}
fn list_policies_for_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    list_policies(c, p, Target::User)
}
fn list_policies_for_group(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    list_policies(c, p, Target::Group)
}
fn list_policies_for_role(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    list_policies(c, p, Target::Role)
}

fn decode_diagnostic_message(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let encoded = p.require("EncodedDiagnosticMessage")?;
    let decoded = c.diagnostics.get(encoded).ok_or(Failure::DiagnosticNotFound)?;
    answer(ram::DecodeDiagnosticMessageResponse {
        request_id: String::new(),
        decoded_diagnostic_message: decoded.clone(),
    })
}

fn ims_get_user(c: &mut Ctx, p: &Params) -> Result<Value, Failure> {
    let acct = c.account.account_id.clone();
    let user = if let Some(id) = p.get("UserId") {
        c.account.user_by_id(id)?
    } else if let Some(upn) = p.get("UserPrincipalName") {
        let name = upn.split_once('@').map_or(upn, |(n, _)| n);
        c.account.user(name)?
    } else if let Some(key) = p.get("UserAccessKeyId") {
        c.account.key_owner(key).ok_or_else(|| Failure::EntityNotExist { entity: Entity::User, name: key.into() })?
    } else {
        return Err(Failure::MissingParameter("UserId"));
    };
    let user = ims::ImsUser {
        user_principal_name: format!("{}@{acct}.onaliyun.com", user.name),
        user_id: user.id.clone(),
        display_name: shown(&user.display_name),
        comments: shown(&user.comments),
        create_date: shown(&user.created),
        update_date: shown(&user.created),
        ..Default::default()
    };
    answer(ims::GetUserResponse { request_id: String::new(), user })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_route_by_host_or_version() {
        let catalog = Catalog::embedded().unwrap();
        assert_eq!(product_by_host("ram.aliyuncs.com", &catalog), Some(Product::Ram));
        assert_eq!(product_by_host("sts.cn-hangzhou.aliyuncs.com:443", &catalog), Some(Product::Sts));
        assert_eq!(product_by_host("ims.aliyuncs.com", &catalog), Some(Product::Ims));
        assert_eq!(product_by_host("127.0.0.1:8080", &catalog), None);
        assert_eq!(product_by_host("ecs.aliyuncs.com", &catalog), None, "a product the emulator does not serve");
        assert_eq!(product_by_version("2019-08-15"), Some(Product::Ims));
        assert_eq!(product_by_version("2014-05-26"), None);
        assert!(std::ptr::fn_addr_eq(find(Product::Ims, "GetUser").unwrap().run, ims_get_user as Run));
        assert!(std::ptr::fn_addr_eq(find(Product::Ram, "GetUser").unwrap().run, get_user as Run));
    }

    #[test]
    fn every_api_names_a_known_action() {
        let catalog = Catalog::embedded().unwrap();
        for api in APIS {
            if let Some((action, _)) = api.authorize {
                assert!(
                    matches!(catalog.action(action), ram_doctor_core::catalog::ApiLookup::Found(..)),
                    "{action} is not in the catalog"
                );
            }
        }
    }

    #[test]
    fn trust_policies_name_principals() {
        let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1:root"]}}]}"#;
        assert!(trusts(doc, "acs:ram::1:user/alice", "1"));
        assert!(!trusts(doc, "acs:ram::2:user/alice", "2"));
        let one = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1:user/bob"}}]}"#;
        assert!(trusts(one, "acs:ram::1:user/bob", "1"));
        assert!(!trusts(one, "acs:ram::1:user/alice", "1"));
    }
}
