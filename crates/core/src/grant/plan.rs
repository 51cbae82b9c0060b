//! The grant plan: what to create, what to attach, and what to do instead when no grant can help.
//! Built once from the findings; every renderer prints this plan and derives nothing on its own.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, PolicyKind, ServiceRole};
use crate::finding::{Finding, Kind, Layer, Localized};
use crate::grant::name::PolicyName;
use crate::grant::steps;
use crate::grant::target::Target;
use crate::policy::build::{build, system_policy_coverage, system_policy_reach, BuildError, BuildOptions, Need, Note};
use crate::policy::{Condition, PolicyDocument, ValueList};

/// RAM's limit on a custom policy document, in characters of its compact JSON (the checks' RAM012 limit).
pub use crate::policy::check::MAX_POLICY_CHARS as POLICY_DOCUMENT_LIMIT;

/// What the user chose: who gets the grant, the custom policy's name, and how the builder scopes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// `None`: inferred from the findings (an assumed role's name), else a RAM user placeholder.
    pub target: Option<Target>,
    /// `None`: a generated, stable name. With several policies (per product), the second and later get
    /// `-2`, `-3`… appended.
    pub policy_name: Option<PolicyName>,
    /// Scope, conditions, read actions, per-product policies: handed to the least-privilege builder.
    pub build: BuildOptions,
    /// The product the user chose (RAM code) for findings that name none
    /// ([`Finding::needs_product_choice`]): their plan is built as if the text had named it.
    pub product: Option<String>,
}

/// Why no plan could be built: an option the builder refuses (a source IP or an expiry that does not parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError(pub BuildError);

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for PlanError {}

/// A system policy to attach, with one line on what it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemPolicyGrant {
    /// The policy's name (`AliyunOSSReadOnlyAccess`).
    pub name: String,
    /// RAM code of the product it covers: one policy per product is needed.
    pub product: Option<String>,
    /// What it grants, in English and Chinese.
    pub explanation: Localized,
    /// Whether its document allows everything needed; `None` when the catalog lacks the document.
    #[serde(default)]
    pub covers: Option<bool>,
    /// How many of the product's actions it allows beyond the need; `None` when unknown.
    #[serde(default)]
    pub extra_actions: Option<usize>,
    /// How many of the product's actions it allows, and how many the product has: what it allows when no
    /// action is known to compare it with; `None` when the product's actions are not loaded.
    #[serde(default)]
    pub reach: Option<(usize, usize)>,
}

impl SystemPolicyGrant {
    /// How the policy compares with what was denied, in both languages; with no action to compare, how much of
    /// the product it allows; `None` when nothing can be said.
    pub fn coverage_note(&self) -> Option<Localized> {
        let product = self.product.as_deref().unwrap_or("the product");
        let note = match (self.covers, self.extra_actions) {
            (Some(false), _) => Localized {
                en: "Does not allow everything that was denied.".into(),
                zh: "不能允许所有被拒绝的操作。".into(),
            },
            (Some(true), Some(0)) => Localized {
                en: "Allows what was denied and nothing more.".into(),
                zh: "恰好允许被拒绝的操作，不多不少。".into(),
            },
            (Some(true), Some(n)) => Localized {
                en: format!("Allows what was denied, and {n} more actions of {product}."),
                zh: format!("允许被拒绝的操作，另外还允许 {product} 的 {n} 个其他操作。"),
            },
            (Some(true), None) => {
                Localized { en: "Allows what was denied.".into(), zh: "允许被拒绝的操作。".into() }
            }
            (None, _) => match self.reach {
                Some((allowed, all)) => Localized {
                    en: format!("Allows {allowed} of the {all} actions of {product}."),
                    zh: format!("允许 {product} 全部 {all} 个操作中的 {allowed} 个。"),
                },
                None => return None,
            },
        };
        Some(note)
    }
}

/// A custom policy to create (or, when it exists, to add as its new default version) and attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomPolicy {
    /// The name to create it under (checked against RAM's rules).
    pub name: PolicyName,
    /// The least-privilege document.
    pub document: PolicyDocument,
    /// What the builder had to widen, or added, and why (shown beside the document).
    pub notes: Vec<Note>,
}

impl CustomPolicy {
    /// Characters of the compact document: what RAM counts against [`POLICY_DOCUMENT_LIMIT`].
    pub fn size(&self) -> usize {
        self.document.to_compact_json().chars().count()
    }
}

/// A service-linked role to create, or a service role to create and authorize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRoleFix {
    /// The role's name (`AliyunServiceRoleForECS`), when known.
    pub role_name: Option<String>,
    /// The service principal (`rds-ecs-service.rds.aliyuncs.com`): `ServiceName` of `CreateServiceLinkedRole`.
    pub service_name: Option<String>,
    /// RAM code of the product that needs the role.
    pub product: Option<String>,
    /// True for a service-linked role (`CreateServiceLinkedRole`), false for a service role to authorize.
    pub linked: bool,
    /// The system policy a service role carries.
    pub role_policy: Option<String>,
    /// The product's one-click authorization page, only when the catalog has a complete address.
    pub authorize_url: Option<String>,
    /// How the product's documentation says to authorize a service role (English, as the source words it).
    #[serde(default)]
    pub how_to_authorize: Option<String>,
}

impl ServiceRoleFix {
    /// The trust policy that lets the service assume its service role (`<service-name>` when unknown).
    pub fn trust_policy(&self) -> serde_json::Value {
        let service = self.service_name.as_deref().unwrap_or("<service-name>");
        serde_json::json!({
            "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": [service]}}],
            "Version": "1"
        })
    }
}

/// One `aliyun` CLI call, unquoted: the CLI renderer quotes it for bash and PowerShell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CliCall {
    /// `ram`, `sts`…
    pub product: String,
    /// `UpdateRole`…
    pub api: String,
    /// `(--Name, value)` pairs, in order.
    pub args: Vec<(String, String)>,
}

impl CliCall {
    /// A call of `product`'s `api` with `(--Name, value)` pairs.
    pub fn new(product: &str, api: &str, args: &[(&str, &str)]) -> Self {
        CliCall {
            product: product.to_string(),
            api: api.to_string(),
            args: args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }
}

/// What kind of non-grant fix a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// The AccessKey is disabled or gone: create a new one.
    RotateAccessKey,
    /// The request's time is too far from the server's: set the clock right.
    FixClockSkew,
    /// The signature does not match: check the secret and how the request is signed.
    FixSignature,
    /// The STS token expired or is malformed: get new temporary credentials.
    RefreshStsToken,
    /// The role's trust policy does not let the caller assume it.
    FixTrustPolicy,
    /// A control policy of the resource directory denies it: only its administrator can change that.
    AskResourceDirectoryAdmin,
    /// The session policy passed to `AssumeRole` does not allow it.
    FixSessionPolicy,
    /// A `Deny` statement decides: it must be removed or narrowed, a grant cannot help.
    RemoveExplicitDeny,
    /// A resource's own policy (a bucket policy …) denies it.
    FixResourcePolicy,
    /// The product is not activated for the account.
    ActivateService,
    /// The error is not about permissions.
    NotAPermissionError,
    /// A permission is missing but the text does not say which: find out before granting.
    IdentifyDeniedAction,
}

/// A fix that is not a grant: words in both languages, the CLI calls that do it, and a document to use
/// (a trust policy) where there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What kind of fix.
    pub kind: StepKind,
    /// One line on what to do, in English and Chinese.
    pub title: Localized,
    /// The details, a paragraph each.
    pub details: Vec<Localized>,
    /// The `aliyun` CLI calls that do it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CliCall>,
    /// A document to use (a trust policy), where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<serde_json::Value>,
}

/// Everything to do for a set of findings, for one target principal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrantPlan {
    /// The user, group or role to grant to.
    pub target: Target,
    /// System policies, grouped by product, narrowest first within a product: attaching one per product
    /// ([`GrantPlan::narrowest_system_policies`]) fixes the missing permissions.
    pub system_policies: Vec<SystemPolicyGrant>,
    /// Least-privilege custom policies: the alternative to the system policies.
    pub custom_policies: Vec<CustomPolicy>,
    /// The service roles the products need.
    pub service_roles: Vec<ServiceRoleFix>,
    /// The fixes that are not a grant.
    pub steps: Vec<Step>,
}

impl GrantPlan {
    /// Builds the plan for `findings`. Kinds a grant cannot fix become [`Step`]s; the grant itself is a
    /// custom policy for the denied actions and the product's system policies.
    pub fn from_findings(
        findings: &[Finding],
        catalog: &Catalog,
        options: &PlanOptions,
    ) -> Result<GrantPlan, PlanError> {
        let chosen: Vec<Finding>;
        let findings = match &options.product {
            Some(code) => {
                chosen = findings.iter().cloned().map(|f| f.with_chosen_product(code)).collect();
                &chosen[..]
            }
            None => findings,
        };
        let target = options.target.clone().unwrap_or_else(|| Target::infer(findings));
        let mut plan = GrantPlan {
            target,
            system_policies: Vec::new(),
            custom_policies: Vec::new(),
            service_roles: Vec::new(),
            steps: Vec::new(),
        };
        let mut needs: Vec<Need> = Vec::new();
        // `ram:CreateServiceLinkedRole` needs, each limited to its service by a condition.
        let mut linked_role_needs: Vec<(Need, Option<String>)> = Vec::new();
        // Products with a denied write: their ReadOnly policies would not fix the error.
        let writing: Vec<Option<String>> = findings
            .iter()
            .filter(|f| f.kind == Kind::MissingPermission && f.actions.iter().any(|a| !is_read_action(a, catalog)))
            .map(product_code)
            .collect();
        for f in findings {
            match (f.kind, f.layer) {
                (Kind::MissingPermission, Some(Layer::ControlPolicy))
                | (Kind::ExplicitDeny, Some(Layer::ControlPolicy)) => {
                    plan.push_step(steps::ask_resource_directory_admin(f))
                }
                (Kind::MissingPermission, Some(Layer::SessionPolicy))
                | (Kind::ExplicitDeny, Some(Layer::SessionPolicy)) => plan.push_step(steps::fix_session_policy(f)),
                (Kind::MissingPermission, Some(Layer::TrustPolicy)) | (Kind::AssumeRole, Some(Layer::TrustPolicy)) => {
                    plan.push_step(steps::fix_trust_policy(f))
                }
                (Kind::MissingPermission, _) => {
                    let need = need_of(f);
                    let before = plan.system_policies.len();
                    let writes = writing.contains(&product_code(f));
                    plan.add_system_policies(f, catalog, writes);
                    if need.is_none() && plan.system_policies.len() == before {
                        plan.push_step(steps::identify_denied_action(f));
                    }
                    needs.extend(need);
                }
                (Kind::ExplicitDeny, Some(Layer::ResourcePolicy)) => plan.push_step(steps::fix_resource_policy(f)),
                (Kind::ExplicitDeny, _) => plan.push_step(steps::remove_explicit_deny(f)),
                (Kind::AssumeRole, _) => {
                    // Either side may refuse: the caller needs sts:AssumeRole, the role must trust the caller.
                    needs.extend(need_of(f));
                    plan.push_step(steps::fix_trust_policy(f));
                }
                (Kind::ServiceRoleMissing, _) => {
                    let fix = service_role_fix(f, catalog);
                    linked_role_needs.extend(need_of(f).map(|n| (n, fix.service_name.clone())));
                    if !plan.service_roles.contains(&fix) {
                        plan.service_roles.push(fix);
                    }
                }
                (Kind::BadCredentials, _) => plan.push_step(steps::rotate_access_key(f, &plan.target)),
                (Kind::Signature, _) => plan.push_step(steps::fix_signature(f)),
                (Kind::TokenExpired, _) => plan.push_step(steps::refresh_sts_token(f)),
                (Kind::NotActivated, _) => plan.push_step(steps::activate_service(f, catalog)),
                (Kind::Other, _) => plan.push_step(steps::not_a_permission_error(f)),
            }
        }
        plan.measure_system_policies(&needs, catalog);
        plan.custom_policies = custom_policies(&needs, &linked_role_needs, options, catalog)?;
        Ok(plan)
    }

    /// The plan for one finding alone, with the default options: what that finding's own grant shows (its
    /// card on the page, the `grant` field of `diagnose --json`).
    pub fn for_finding(finding: &Finding, catalog: &Catalog) -> Result<GrantPlan, PlanError> {
        GrantPlan::from_findings(std::slice::from_ref(finding), catalog, &PlanOptions::default())
    }

    /// True when the plan has nothing to do (no error, or nothing that any change would fix).
    pub fn is_empty(&self) -> bool {
        self.system_policies.is_empty()
            && self.custom_policies.is_empty()
            && self.service_roles.is_empty()
            && self.steps.is_empty()
    }

    fn push_step(&mut self, step: Step) {
        if !self.steps.contains(&step) {
            self.steps.push(step);
        }
    }

    /// Whether anything is attached to the target (so a placeholder name must be filled in).
    pub fn attaches_to_target(&self) -> bool {
        !self.custom_policies.is_empty() || !self.system_policies.is_empty()
    }

    /// The products whose system policies cannot be measured yet (how much each allows, against the need)
    /// because their actions are not loaded: the shards the page fetches so that the comparison appears.
    pub fn shards_to_measure(&self, catalog: &Catalog) -> Vec<String> {
        let mut codes: Vec<String> = self
            .system_policies
            .iter()
            .filter_map(|p| p.product.clone())
            .filter(|code| catalog.apis_of(code).is_none())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The first system policy of each product: the narrowest set that fixes every missing permission.
    pub fn narrowest_system_policies(&self) -> Vec<&SystemPolicyGrant> {
        let mut seen: Vec<&Option<String>> = Vec::new();
        self.system_policies
            .iter()
            .filter(|p| {
                let first = !seen.contains(&&p.product);
                seen.push(&p.product);
                first
            })
            .collect()
    }

    /// Compares each system policy with the need (where the catalog has its document) and drops those that
    /// would not fix the error.
    fn measure_system_policies(&mut self, needs: &[Need], catalog: &Catalog) {
        for c in system_policy_coverage(needs, catalog) {
            if let Some(p) = self.system_policies.iter_mut().find(|p| p.name == c.policy) {
                p.covers = c.covers;
                p.extra_actions = c.extra_actions;
            }
        }
        self.system_policies.retain(|p| p.covers != Some(false));
    }

    /// The product's main ReadOnly and Full system policies from the catalog, kept together by product,
    /// ReadOnly first (the narrower); ReadOnly is left out when the product has a denied write (`writes`):
    /// a read-only policy never allows one.
    fn add_system_policies(&mut self, f: &Finding, catalog: &Catalog, writes: bool) {
        let Some(code) = product_code(f) else { return };
        for kind in [PolicyKind::ReadOnly, PolicyKind::Full] {
            if writes && kind == PolicyKind::ReadOnly {
                continue;
            }
            let Some(policy) = main_policy(&code, kind, catalog) else { continue };
            if self.system_policies.iter().any(|p| p.name == policy.name) {
                continue;
            }
            let explanation =
                steps::system_policy_explanation(&policy.name, policy.description.clone(), Some(&code), catalog);
            let grant = SystemPolicyGrant {
                name: policy.name.clone(),
                product: Some(code.clone()),
                explanation,
                covers: None,
                extra_actions: None,
                reach: system_policy_reach(policy, &code, catalog),
            };
            // After the last policy of the same product, so that each product's policies stay together.
            let at = self
                .system_policies
                .iter()
                .rposition(|p| p.product.as_ref() == Some(&code))
                .map_or(self.system_policies.len(), |i| i + 1);
            self.system_policies.insert(at, grant);
        }
    }
}

/// The product's main policy of `kind` (`AliyunECSReadOnlyAccess`, not `AliyunECSWorkbenchReadOnlyAccess`), else
/// its first policy of that kind when the data marks none as main.
fn main_policy<'c>(code: &str, kind: PolicyKind, catalog: &'c Catalog) -> Option<&'c crate::catalog::SystemPolicy> {
    catalog.primary_policy(code, kind).or_else(|| catalog.system_policies(code).into_iter().find(|p| p.kind == kind))
}

/// The product's RAM code: the finding's, or the prefix of its first action.
pub(crate) fn product_code(f: &Finding) -> Option<String> {
    f.product.clone().or_else(|| f.actions.iter().find_map(|a| a.split_once(':').map(|(c, _)| c.to_ascii_lowercase())))
}

/// Whether an action only reads: the catalog's access level, else the API verb.
fn is_read_action(action: &str, catalog: &Catalog) -> bool {
    if let crate::catalog::ApiLookup::Found(_, api) = catalog.action(action) {
        return api.access.is_read();
    }
    let verb = action.split_once(':').map_or(action, |(_, v)| v);
    ["Describe", "List", "Get", "Query", "Check", "Search"].iter().any(|p| verb.starts_with(p))
}

/// The custom policies: the builder's for the needs (per product when one would be too long for RAM), with
/// each `ram:CreateServiceLinkedRole` limited to its service, named as chosen or generated.
fn custom_policies(
    needs: &[Need],
    linked_role_needs: &[(Need, Option<String>)],
    options: &PlanOptions,
    catalog: &Catalog,
) -> Result<Vec<CustomPolicy>, PlanError> {
    let mut built = built_policies(needs, &options.build, catalog)?;
    // Too long for one policy: one per product usually fits (each can be up to the limit).
    let too_large =
        |p: &crate::policy::BuiltPolicy| p.document.to_compact_json().chars().count() > POLICY_DOCUMENT_LIMIT;
    if !options.build.per_product && built.iter().any(too_large) {
        built = built_policies(needs, &BuildOptions { per_product: true, ..options.build.clone() }, catalog)?;
    }
    for (need, service) in linked_role_needs {
        for mut policy in built_policies(std::slice::from_ref(need), &options.build, catalog)? {
            if let Some(service) = service {
                for st in &mut policy.document.statements {
                    add_service_name_condition(st.condition.get_or_insert_with(Condition::new), service);
                }
            }
            match built.first_mut() {
                Some(first) => {
                    first.document.statements.extend(policy.document.statements);
                    for note in policy.notes {
                        if !first.notes.contains(&note) {
                            first.notes.push(note);
                        }
                    }
                }
                None => built.push(policy),
            }
        }
    }
    let named = built.into_iter().enumerate().map(|(i, policy)| {
        let name = match &options.policy_name {
            Some(chosen) if i == 0 => chosen.clone(),
            Some(chosen) => chosen.with_suffix(&(i + 1).to_string()),
            None => PolicyName::generate(&policy.document),
        };
        CustomPolicy { name, document: policy.document, notes: policy.notes }
    });
    Ok(named.collect())
}

/// What a finding asks the builder for, keeping only well-formed `code:Name` actions.
fn need_of(f: &Finding) -> Option<Need> {
    let mut need = Need::from_finding(f)?;
    need.actions.retain(|a| a.split_once(':').is_some_and(|(c, n)| !c.is_empty() && !n.is_empty()));
    (!need.actions.is_empty()).then_some(need)
}

/// The builder's policies for `needs`; none when there is nothing to grant.
fn built_policies(
    needs: &[Need],
    options: &BuildOptions,
    catalog: &Catalog,
) -> Result<Vec<crate::policy::BuiltPolicy>, PlanError> {
    match build(needs, options, catalog) {
        Ok(policies) => Ok(policies),
        Err(BuildError::NothingToGrant) => Ok(Vec::new()),
        Err(e) => Err(PlanError(e)),
    }
}

/// Adds `StringEquals ram:ServiceName = service`: the user may create only this service's linked role.
fn add_service_name_condition(condition: &mut Condition, service: &str) {
    condition
        .entry("StringEquals".to_string())
        .or_default()
        .insert("ram:ServiceName".to_string(), ValueList(vec![service.to_string()]));
}

/// The role to create for a `service-role-missing` finding: the catalog's entry for the error code, else
/// the product's first role, else what the code names (`EntityNotExist.Role.AliyunXRole`).
fn service_role_fix(f: &Finding, catalog: &Catalog) -> ServiceRoleFix {
    let code = f.code.as_deref().unwrap_or("");
    let product = product_code(f);
    let known: Option<&ServiceRole> = catalog
        .service_role_for_error(code)
        .or_else(|| product.as_deref().and_then(|p| catalog.service_roles(p).into_iter().next()));
    match known {
        Some(role) => ServiceRoleFix {
            role_name: Some(role.role_name.clone()),
            service_name: role.service_principal.clone(),
            product: Some(role.product.clone()),
            linked: role.linked,
            role_policy: role.policy.clone(),
            authorize_url: role.how_to_authorize.as_deref().and_then(complete_console_url),
            how_to_authorize: role.how_to_authorize.clone().filter(|_| !role.linked),
        },
        None => {
            let role_name = code.rsplit('.').next().filter(|n| n.starts_with("Aliyun") && n.contains("Role"));
            ServiceRoleFix {
                role_name: role_name.map(str::to_string),
                service_name: None,
                product,
                linked: role_name.is_some_and(|n| n.starts_with("AliyunServiceRoleFor")),
                role_policy: None,
                authorize_url: None,
                how_to_authorize: None,
            }
        }
    }
}

/// The first `https://` address in a how-to text, only when it is complete (sources often elide with `...`).
fn complete_console_url(text: &str) -> Option<String> {
    let start = text.find("https://")?;
    let url: String = text[start..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ')' | ';')).collect();
    (!url.contains("...") && !url.contains('…')).then_some(url)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Principal;

    pub(crate) fn missing(actions: &[&str], resource: Option<&str>) -> Finding {
        let mut f = Finding::new(Kind::MissingPermission);
        f.code = Some("Forbidden.RAM".into());
        f.actions = actions.iter().map(|a| a.to_string()).collect();
        f.resource = resource.map(str::to_string);
        f
    }

    #[test]
    fn the_builder_makes_one_policy_for_every_denied_action() {
        let arn = "acs:ecs:cn-hangzhou:123:instance/i-1";
        let findings = [
            missing(&["ecs:DescribeInstances"], None),
            missing(&["ecs:StopInstance"], Some(arn)),
            missing(&["ecs:DescribeRegions", "ecs:DescribeInstances"], None),
        ];
        let plan = GrantPlan::from_findings(&findings, &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert_eq!(plan.custom_policies.len(), 1);
        let policy = crate::policy::CompiledPolicy::compile(&plan.custom_policies[0].document).unwrap();
        let set = crate::policy::PolicySet::new(vec![policy]);
        use crate::policy::Request;
        assert!(set.is_allowed(&Request::new("ecs:StopInstance", arn)));
        assert!(!set.is_allowed(&Request::new("ecs:StopInstance", "acs:ecs:cn-hangzhou:123:instance/i-2")));
        assert!(set.is_allowed(&Request::new("ecs:DescribeRegions", "*")));
        assert!(!plan.custom_policies[0].notes.is_empty(), "the wildcard for the unscoped reads is explained");
    }

    #[test]
    fn a_chosen_product_gives_a_bare_finding_its_policies_and_leaves_a_named_one_alone() {
        let bare = Finding::new(Kind::MissingPermission);
        let options = PlanOptions { product: Some("ecs".into()), ..PlanOptions::default() };
        let plan = GrantPlan::from_findings(std::slice::from_ref(&bare), &sample_catalog(), &options).unwrap();
        let offered: Vec<&str> = plan.system_policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(offered, ["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]);
        let named = missing(&["hbr:DescribeVaults"], None);
        let plan = GrantPlan::from_findings(&[named], &sample_catalog(), &options).unwrap();
        assert!(plan.system_policies.iter().all(|p| p.product.as_deref() == Some("hbr")), "{plan:?}");
    }

    #[test]
    fn per_product_policies_get_numbered_names() {
        let findings = [missing(&["ecs:DescribeInstances"], None), missing(&["oss:GetObject"], None)];
        let options = PlanOptions {
            policy_name: Some(PolicyName::parse("team-grant").unwrap()),
            build: BuildOptions { per_product: true, ..BuildOptions::default() },
            ..PlanOptions::default()
        };
        let plan = GrantPlan::from_findings(&findings, &Catalog::empty(), &options).unwrap();
        let names: Vec<&str> = plan.custom_policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["team-grant", "team-grant-2"]);
    }

    #[test]
    fn a_policy_too_long_for_ram_is_split_per_product() {
        let actions =
            |code: &str| (0..120).map(|i| format!("{code}:DescribeSomethingRatherLong{i:03}")).collect::<Vec<_>>();
        let mut ecs = missing(&[], None);
        ecs.actions = actions("ecs");
        let mut rds = missing(&[], None);
        rds.actions = actions("rds");
        let plan = GrantPlan::from_findings(&[ecs, rds], &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert_eq!(plan.custom_policies.len(), 2);
        assert!(plan.custom_policies.iter().all(|p| p.size() <= POLICY_DOCUMENT_LIMIT));
        let names: Vec<&str> = plan.custom_policies.iter().map(|p| p.name.as_str()).collect();
        assert!(names[0].starts_with("RamDoctor-ecs-") && names[1].starts_with("RamDoctor-rds-"), "{names:?}");
    }

    #[test]
    fn a_bad_source_ip_is_refused() {
        let options = PlanOptions {
            build: BuildOptions {
                conditions: crate::policy::build::Conditions {
                    source_ips: vec!["10.0.0.300".into()],
                    ..Default::default()
                },
                ..BuildOptions::default()
            },
            ..PlanOptions::default()
        };
        let err = GrantPlan::from_findings(&[missing(&["ecs:DescribeInstances"], None)], &Catalog::empty(), &options);
        assert!(matches!(err, Err(PlanError(BuildError::BadSourceIp(_)))));
    }

    /// The products' ReadOnly and Full policies, without documents (the tests' own small catalog).
    pub(crate) fn sample_catalog() -> Catalog {
        Catalog::from_index(include_bytes!("../../tests/catalog/sample-index.json")).expect("the sample index loads")
    }

    fn names(findings: &[Finding]) -> Vec<String> {
        let plan = GrantPlan::from_findings(findings, &sample_catalog(), &PlanOptions::default()).unwrap();
        plan.system_policies.into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn a_read_ranks_read_only_first_and_a_write_gets_no_read_only() {
        assert_eq!(
            names(&[missing(&["hbr:DescribeVaults"], None)]),
            ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"]
        );
        assert_eq!(names(&[missing(&["hbr:CreateBackupPlan"], None)]), ["AliyunHBRFullAccess"]);
    }

    #[test]
    fn one_system_policy_per_product_and_no_read_only_for_a_product_with_a_write() {
        let (read, rds, write) = (
            missing(&["ecs:DescribeInstances"], None),
            missing(&["rds:DescribeDBInstances"], None),
            missing(&["ecs:StopInstance"], None),
        );
        let plan = GrantPlan::from_findings(&[read, rds, write], &sample_catalog(), &PlanOptions::default()).unwrap();
        let all: Vec<&str> = plan.system_policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(all, ["AliyunECSFullAccess", "AliyunRDSReadOnlyAccess", "AliyunRDSFullAccess"]);
        let narrow: Vec<&str> = plan.narrowest_system_policies().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(narrow, ["AliyunECSFullAccess", "AliyunRDSReadOnlyAccess"]);
    }

    #[test]
    fn a_product_without_an_action_offers_both_with_what_each_allows() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.product = Some("hbr".into());
        let plan = GrantPlan::for_finding(&f, &sample_catalog()).unwrap();
        let offered: Vec<(&str, &str)> =
            plan.system_policies.iter().map(|p| (p.name.as_str(), p.explanation.en.as_str())).collect();
        assert_eq!(
            offered,
            [
                ("AliyunHBRReadOnlyAccess", "Provides read-only access to Cloud Backup (HBR)."),
                ("AliyunHBRFullAccess", "Provides full access to Cloud Backup (HBR)."),
            ]
        );
        assert!(
            plan.system_policies.iter().all(|p| p.covers.is_none() && p.coverage_note().is_none()),
            "nothing to measure against"
        );
        assert!(plan.custom_policies.is_empty() && plan.steps.is_empty());
    }

    #[test]
    fn unmeasured_products_ask_for_their_shard_until_it_is_loaded() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.product = Some("hbr".into());
        let mut catalog = Catalog::from_index(include_bytes!("../../../../data/index.json")).unwrap();
        assert_eq!(GrantPlan::for_finding(&f, &catalog).unwrap().shards_to_measure(&catalog), ["hbr"]);
        catalog.add_shard("hbr", include_bytes!("../../../../data/shards/hbr.json")).unwrap();
        let plan = GrantPlan::for_finding(&f, &catalog).unwrap();
        assert!(plan.shards_to_measure(&catalog).is_empty());
        assert!(plan.system_policies.iter().all(|p| p.reach.is_some()), "{plan:?}");
    }

    #[test]
    fn coverage_notes_say_what_the_policy_allows_beyond_the_need() {
        let grant = |covers, extra_actions| SystemPolicyGrant {
            name: "AliyunECSFullAccess".into(),
            product: Some("ecs".into()),
            explanation: Localized::default(),
            covers,
            extra_actions,
            reach: Some((40, 300)),
        };
        let en = |g: SystemPolicyGrant| g.coverage_note().map(|n| n.en);
        assert_eq!(
            en(grant(Some(true), Some(211))).as_deref(),
            Some("Allows what was denied, and 211 more actions of ecs.")
        );
        assert_eq!(en(grant(Some(true), Some(0))).as_deref(), Some("Allows what was denied and nothing more."));
        assert_eq!(en(grant(Some(false), None)).as_deref(), Some("Does not allow everything that was denied."));
        assert_eq!(
            en(grant(None, None)).as_deref(),
            Some("Allows 40 of the 300 actions of ecs."),
            "no need: its reach"
        );
    }

    #[test]
    fn a_chosen_name_wins_and_the_generated_one_is_stable() {
        let findings = [missing(&["oss:GetObject"], Some("acs:oss:*:*:bucket/key"))];
        let generated = GrantPlan::from_findings(&findings, &Catalog::empty(), &PlanOptions::default()).unwrap();
        let again = GrantPlan::from_findings(&findings, &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert_eq!(generated.custom_policies[0].name, again.custom_policies[0].name);
        let chosen = PlanOptions { policy_name: Some(PolicyName::parse("my-oss-read").unwrap()), ..Default::default() };
        let plan = GrantPlan::from_findings(&findings, &Catalog::empty(), &chosen).unwrap();
        assert_eq!(plan.custom_policies[0].name.as_str(), "my-oss-read");
    }

    #[test]
    fn non_grant_kinds_become_steps_only() {
        let kinds = [Kind::BadCredentials, Kind::Signature, Kind::TokenExpired, Kind::NotActivated, Kind::Other];
        for kind in kinds {
            let plan =
                GrantPlan::from_findings(&[Finding::new(kind)], &Catalog::empty(), &PlanOptions::default()).unwrap();
            assert!(plan.custom_policies.is_empty() && plan.system_policies.is_empty(), "{kind:?}");
            assert_eq!(plan.steps.len(), 1, "{kind:?}");
        }
    }

    #[test]
    fn only_the_kinds_that_want_a_grant_get_one() {
        use Kind::*;
        let kinds = [
            MissingPermission,
            ExplicitDeny,
            AssumeRole,
            ServiceRoleMissing,
            BadCredentials,
            Signature,
            TokenExpired,
            NotActivated,
            Other,
        ];
        for kind in kinds {
            let action = match kind {
                AssumeRole => "sts:AssumeRole",
                ServiceRoleMissing => "ram:CreateServiceLinkedRole",
                _ => "ecs:DescribeInstances",
            };
            let mut f = missing(&[action], None);
            f.kind = kind;
            let plan = GrantPlan::for_finding(&f, &sample_catalog()).unwrap();
            let granted = !plan.custom_policies.is_empty() || !plan.system_policies.is_empty();
            assert_eq!(granted, kind.wants_grant(), "{kind:?}: {plan:?}");
        }
    }

    #[test]
    fn an_unknown_denial_asks_what_was_denied() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.explanation = "Which console page showed this?".into();
        let plan = GrantPlan::from_findings(&[f], &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert!(plan.custom_policies.is_empty() && plan.system_policies.is_empty());
        assert_eq!(plan.steps[0].kind, StepKind::IdentifyDeniedAction);
        assert!(plan.steps[0].details.iter().any(|d| d.en == "Which console page showed this?"));
    }

    #[test]
    fn control_policy_deny_asks_the_admin_and_grants_nothing() {
        let mut f = missing(&["ecs:RunInstances"], None);
        f.kind = Kind::ExplicitDeny;
        f.layer = Some(Layer::ControlPolicy);
        f.principal =
            Some(Principal { kind: Some("SubUser".into()), name: Some("2001".into()), account: Some("1001".into()) });
        let plan = GrantPlan::from_findings(&[f], &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert!(plan.custom_policies.is_empty());
        assert_eq!(plan.steps[0].kind, StepKind::AskResourceDirectoryAdmin);
        assert!(plan.steps[0].details.iter().any(|d| d.en.contains("ecs:RunInstances") && d.en.contains("1001")));
    }

    #[test]
    fn service_linked_role_from_the_error_code_with_a_scoped_grant() {
        let mut f = Finding::new(Kind::ServiceRoleMissing);
        f.code = Some("NoPermission.AliyunServiceRoleForRds".into());
        f.actions = vec!["ram:CreateServiceLinkedRole".into()];
        let plan = GrantPlan::from_findings(&[f], &Catalog::empty(), &PlanOptions::default()).unwrap();
        assert_eq!(plan.service_roles[0].role_name.as_deref(), Some("AliyunServiceRoleForRds"));
        assert!(plan.service_roles[0].linked);
        assert_eq!(
            plan.custom_policies[0].document.statements[0].condition, None,
            "no service name known, no condition"
        );
    }

    #[test]
    fn a_known_service_limits_create_service_linked_role_to_it() {
        let mut need = missing(&["ecs:DescribeInstances"], None);
        need.principal = Some(Principal { kind: None, name: None, account: Some("1001".into()) });
        let mut linked = need.clone();
        linked.actions = vec!["ram:CreateServiceLinkedRole".into()];
        let built = built_policies(&[need_of(&need).unwrap()], &BuildOptions::default(), &Catalog::empty()).unwrap();
        assert_eq!(built.len(), 1);
        let mut slr = built_policies(&[need_of(&linked).unwrap()], &BuildOptions::default(), &Catalog::empty())
            .unwrap()
            .remove(0);
        for st in &mut slr.document.statements {
            add_service_name_condition(
                st.condition.get_or_insert_with(Condition::new),
                "rds-ecs-service.rds.aliyuncs.com",
            );
        }
        let cond = slr.document.statements[0].condition.as_ref().unwrap();
        assert_eq!(cond["StringEquals"]["ram:ServiceName"].0, ["rds-ecs-service.rds.aliyuncs.com"]);
    }

    #[test]
    fn only_complete_console_urls_are_kept() {
        assert_eq!(
            complete_console_url("see https://ram.console.aliyun.com/role/authorize?x=1 ; more").as_deref(),
            Some("https://ram.console.aliyun.com/role/authorize?x=1")
        );
        assert_eq!(complete_console_url("https://ram.console.aliyun.com/#/role/authorize?request={...}"), None);
    }
}
