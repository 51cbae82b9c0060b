//! Live gap analysis: for a principal's attached policies (its own and its groups', as RAM returns them), which
//! of a diagnosis's needs they allow today, which they deny and by which statement, and what a grant plan changes.
//! Decided by the simulator, so the page, the CLI and the emulator agree.

use serde::{Deserialize, Serialize};

use crate::api::PolicyType;
use crate::catalog::Catalog;
use crate::finding::Finding;
use crate::finding::Localized;
use crate::grant::GrantPlan;
use crate::policy::build::{build, BuildOptions, Need};
use crate::policy::simulate::{CompiledPolicy, Context, PolicySet, Request, StatementRef};

/// How a policy reaches the principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum Via {
    /// Attached to the user or role itself.
    Direct,
    /// Attached to a group the user belongs to.
    Group(String),
    /// Not attached yet: the plan would add it.
    Plan,
}

/// One attached policy with its default version's document (from `ListPoliciesFor…` + `GetPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedDocument {
    /// The policy's name.
    pub policy_name: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// The default version's id (`v3`), when known.
    pub version: Option<String>,
    /// Attached to the principal directly, or through a group.
    pub via: Via,
    /// The JSON document as RAM returns it.
    pub document: String,
}

/// A policy the plan would attach (or, for a custom policy already attached under that name, its new version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPolicy {
    /// The policy's name.
    pub policy_name: String,
    /// System or custom (a planned custom policy already attached is replaced by a new version).
    pub policy_type: PolicyType,
    /// The JSON document it would hold.
    pub document: String,
}

/// Which of the plan's two alternatives to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanChoice {
    /// The least-privilege custom policies.
    CustomPolicies,
    /// The narrowest system policy of each product.
    SystemPolicies,
}

/// The policies `choice` would attach, and the system policies left out because the catalog lacks their
/// document (their effect cannot be simulated).
pub fn planned_policies(plan: &GrantPlan, choice: PlanChoice, catalog: &Catalog) -> (Vec<PlannedPolicy>, Vec<String>) {
    match choice {
        PlanChoice::CustomPolicies => {
            let planned = plan
                .custom_policies
                .iter()
                .map(|c| PlannedPolicy {
                    policy_name: c.name.to_string(),
                    policy_type: PolicyType::Custom,
                    document: c.document.to_compact_json(),
                })
                .collect();
            (planned, Vec::new())
        }
        PlanChoice::SystemPolicies => {
            let (mut planned, mut unknown) = (Vec::new(), Vec::new());
            for p in plan.narrowest_system_policies() {
                match catalog.system_policy(&p.name).and_then(|s| s.document.as_ref()) {
                    Some(doc) => planned.push(PlannedPolicy {
                        policy_name: p.name.clone(),
                        policy_type: PolicyType::System,
                        document: doc.to_string(),
                    }),
                    None => unknown.push(p.name.clone()),
                }
            }
            (planned, unknown)
        }
    }
}

/// A statement that decided, named so a person can find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSource {
    /// The policy's name.
    pub policy_name: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// Its version (`v3`), when known.
    pub version: Option<String>,
    /// Attached directly, through a group, or planned.
    pub via: Via,
    /// Index in the policy's `Statement` list, from 0 (words count from 1).
    pub statement: usize,
}

/// The simulator's decision for one action, with the statements behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "decision")]
pub enum Verdict {
    /// Allowed by the statements in `by`.
    Allowed {
        /// The `Allow` statements that match.
        by: Vec<StatementSource>,
    },
    /// No statement allows it (deny by default).
    ImplicitDeny,
    /// A `Deny` statement matches: no `Allow` can override it.
    ExplicitDeny {
        /// The `Deny` statements that match.
        by: Vec<StatementSource>,
    },
}

/// What the plan does for one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Allowed today: nothing to do.
    AlreadyAllowed,
    /// Denied today, allowed with the plan.
    NowAllowed,
    /// Denied today and still denied with the plan (it does not cover the action).
    StillDenied,
    /// A `Deny` statement decides, today and with the plan: a grant cannot fix it.
    BlockedByDeny,
}

/// One needed action on one resource: today, with the plan, and in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionGap {
    /// The RAM action (`oss:GetObject`).
    pub action: String,
    /// The resource ARN it is needed on.
    pub resource: String,
    /// The decision with the policies attached today.
    pub today: Verdict,
    /// The decision with the plan applied.
    pub with_plan: Verdict,
    /// What the plan changes.
    pub change: Change,
    /// The line a person reads, in English and Chinese.
    pub words: Localized,
}

/// An attached or planned policy the simulator cannot read; it is left out, so the verdicts may be too strict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadablePolicy {
    /// The policy's name.
    pub policy_name: String,
    /// Attached directly, through a group, or planned.
    pub via: Via,
    /// Where and why (line, column, JSON Pointer).
    pub problem: String,
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// One row per needed action on its resource.
    pub actions: Vec<ActionGap>,
    /// The policies left out of the simulation.
    pub unreadable: Vec<UnreadablePolicy>,
    /// One sentence on the whole result, in English and Chinese.
    pub summary: Localized,
}

/// A compiled policy and where it came from.
struct Source {
    policy_name: String,
    policy_type: PolicyType,
    version: Option<String>,
    via: Via,
}

/// Compiles the documents that read; the others go to `unreadable`.
fn compile_all(docs: Vec<(Source, &str)>, unreadable: &mut Vec<UnreadablePolicy>) -> (PolicySet, Vec<Source>) {
    let (mut set, mut sources) = (PolicySet::new(Vec::new()), Vec::new());
    for (source, text) in docs {
        match CompiledPolicy::from_json(text) {
            Ok(p) => {
                set.push_identity(p);
                sources.push(source);
            }
            Err(e) => unreadable.push(UnreadablePolicy {
                policy_name: source.policy_name,
                via: source.via,
                problem: e.to_string(),
            }),
        }
    }
    (set, sources)
}

fn verdict(set: &PolicySet, sources: &[Source], request: &Request) -> Verdict {
    let d = set.simulate(request);
    let by = |refs: &[StatementRef]| {
        refs.iter()
            .filter_map(|r| {
                let s = sources.get(r.policy)?;
                Some(StatementSource {
                    policy_name: s.policy_name.clone(),
                    policy_type: s.policy_type,
                    version: s.version.clone(),
                    via: s.via.clone(),
                    statement: r.statement,
                })
            })
            .collect()
    };
    match d.reason {
        crate::policy::Reason::Allowed => Verdict::Allowed { by: by(&d.deciding) },
        crate::policy::Reason::ExplicitDeny(_) => Verdict::ExplicitDeny { by: by(&d.deciding) },
        crate::policy::Reason::ImplicitDeny(_) => Verdict::ImplicitDeny,
    }
}

/// What each finding needs, as the gap asks it. A need without an ARN is asked on the resource the
/// least-privilege builder would grant (the error's region and account), so "allowed with the plan" means what
/// the plan grants, and the page and the CLI ask the same question. Only denials are asked about: a finding of
/// another kind (throttling, a bad signature) may name the call it failed on, but no policy decides it.
pub fn needs(findings: &[Finding], catalog: &Catalog) -> Vec<Need> {
    findings
        .iter()
        .filter(|f| f.kind.wants_grant() || f.kind == crate::Kind::ExplicitDeny)
        .filter_map(Need::from_finding)
        .map(|mut need| {
            if need.resource.is_none() {
                need.resource =
                    build(std::slice::from_ref(&need), &BuildOptions::default(), catalog).ok().and_then(|built| {
                        built.first()?.document.statements.first()?.resource.as_ref()?.iter().next().map(str::to_string)
                    });
            }
            need
        })
        .collect()
}

/// Decides every action of `needs` against `attached`, then against `attached` changed by `planned` (a planned
/// custom policy replaces an attached one of the same name: it becomes its new default version). `context`
/// carries the request's condition keys, `acs:CurrentTime` included (core has no clock).
pub fn analyse(attached: &[AttachedDocument], needs: &[Need], planned: &[PlannedPolicy], context: &Context) -> Gap {
    let mut unreadable = Vec::new();
    fn source(a: &AttachedDocument) -> (Source, &str) {
        (
            Source {
                policy_name: a.policy_name.clone(),
                policy_type: a.policy_type,
                version: a.version.clone(),
                via: a.via.clone(),
            },
            a.document.as_str(),
        )
    }
    let (today_set, today_sources) = compile_all(attached.iter().map(source).collect(), &mut unreadable);
    let replaced = |a: &AttachedDocument| {
        a.policy_type == PolicyType::Custom
            && planned.iter().any(|p| p.policy_type == PolicyType::Custom && p.policy_name == a.policy_name)
    };
    let mut after: Vec<(Source, &str)> = attached.iter().filter(|a| !replaced(a)).map(source).collect();
    after.extend(planned.iter().map(|p| {
        (
            Source { policy_name: p.policy_name.clone(), policy_type: p.policy_type, version: None, via: Via::Plan },
            p.document.as_str(),
        )
    }));
    let mut unreadable_after = Vec::new();
    let (plan_set, plan_sources) = compile_all(after, &mut unreadable_after);
    // Attached documents that fail fail both times: report each once, plus the planned ones.
    unreadable.extend(unreadable_after.into_iter().filter(|u| u.via == Via::Plan));

    let mut seen: Vec<(String, String)> = Vec::new();
    let mut actions = Vec::new();
    for need in needs {
        let resource = need.resource.clone().unwrap_or_else(|| "*".into());
        for action in &need.actions {
            if seen.iter().any(|(a, r)| a.eq_ignore_ascii_case(action) && *r == resource) {
                continue;
            }
            seen.push((action.clone(), resource.clone()));
            let request = Request { action: action.clone(), resource: resource.clone(), context: context.clone() };
            let today = verdict(&today_set, &today_sources, &request);
            let with_plan = verdict(&plan_set, &plan_sources, &request);
            let change = match (&today, &with_plan) {
                (Verdict::Allowed { .. }, _) => Change::AlreadyAllowed,
                (_, Verdict::Allowed { .. }) => Change::NowAllowed,
                (_, Verdict::ExplicitDeny { .. }) => Change::BlockedByDeny,
                _ => Change::StillDenied,
            };
            let words = describe(action, &resource, &today, &with_plan, change);
            actions.push(ActionGap {
                action: action.clone(),
                resource: resource.clone(),
                today,
                with_plan,
                change,
                words,
            });
        }
    }
    let summary = summarize(&actions, &unreadable);
    Gap { actions, unreadable, summary }
}

/// "statement 2 of custom policy P (attached to group G)" in both languages.
fn statement_words(s: &StatementSource) -> Localized {
    let (kind_en, kind_zh) = match s.policy_type {
        PolicyType::System => ("system policy", "系统策略"),
        PolicyType::Custom => ("custom policy", "自定义策略"),
    };
    let version = s.version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
    let (via_en, via_zh) = match &s.via {
        Via::Direct => ("attached directly".to_string(), "直接授权".to_string()),
        Via::Group(g) => (format!("through group {g}"), format!("通过用户组 {g}")),
        Via::Plan => ("planned".to_string(), "计划授予".to_string()),
    };
    let n = s.statement + 1;
    Localized {
        en: format!("statement {n} of {kind_en} {}{version} ({via_en})", s.policy_name),
        zh: format!("{kind_zh} {}{version}（{via_zh}）的第 {n} 条语句", s.policy_name),
    }
}

fn joined(by: &[StatementSource]) -> Localized {
    let words: Vec<Localized> = by.iter().map(statement_words).collect();
    Localized {
        en: words.iter().map(|w| w.en.as_str()).collect::<Vec<_>>().join("; "),
        zh: words.iter().map(|w| w.zh.as_str()).collect::<Vec<_>>().join("；"),
    }
}

fn describe(action: &str, resource: &str, today: &Verdict, with_plan: &Verdict, change: Change) -> Localized {
    let now = match today {
        Verdict::Allowed { by } => {
            let w = joined(by);
            Localized { en: format!("allowed today by {}", w.en), zh: format!("目前已由{}允许", w.zh) }
        }
        Verdict::ImplicitDeny => Localized {
            en: "denied today: no attached policy allows it".into(),
            zh: "目前被拒绝：没有任何已授权的策略允许此操作".into(),
        },
        Verdict::ExplicitDeny { by } => {
            let w = joined(by);
            Localized { en: format!("denied today by {}", w.en), zh: format!("目前被{}显式拒绝", w.zh) }
        }
    };
    let then = match (change, with_plan) {
        (Change::AlreadyAllowed, _) => Localized { en: "nothing to change".into(), zh: "无需更改".into() },
        (Change::NowAllowed, Verdict::Allowed { by }) => {
            let w = joined(by);
            Localized {
                en: format!("the plan allows it by {}", w.en), zh: format!("授权计划通过{}允许此操作", w.zh)
            }
        }
        (Change::BlockedByDeny, _) => Localized {
            en: "a Deny wins over any Allow: the plan cannot fix this; remove or narrow that Deny statement".into(),
            zh: "Deny 优先于任何 Allow：授权计划无法解决，请删除或收窄该 Deny 语句".into(),
        },
        _ => Localized { en: "the plan does not allow it".into(), zh: "授权计划未允许此操作".into() },
    };
    Localized {
        en: format!("{action} on {resource}: {}; {}.", now.en, then.en),
        zh: format!("{action}（资源 {resource}）：{}；{}。", now.zh, then.zh),
    }
}

fn summarize(actions: &[ActionGap], unreadable: &[UnreadablePolicy]) -> Localized {
    let total = actions.len();
    let today = actions.iter().filter(|a| a.change == Change::AlreadyAllowed).count();
    let after = today + actions.iter().filter(|a| a.change == Change::NowAllowed).count();
    let blocked = actions.iter().filter(|a| a.change == Change::BlockedByDeny).count();
    let mut en = format!("{today} of {total} needed actions are allowed today; with the plan, {after} of {total}.");
    let mut zh = format!("所需的 {total} 个操作中，目前允许 {today} 个；执行授权计划后允许 {after} 个。");
    if blocked > 0 {
        en.push_str(&format!(" {blocked} are blocked by a Deny statement that no grant can override."));
        zh.push_str(&format!("其中 {blocked} 个被 Deny 语句拒绝，任何授权都无法覆盖。"));
    }
    if !unreadable.is_empty() {
        let names: Vec<&str> = unreadable.iter().map(|u| u.policy_name.as_str()).collect();
        en.push_str(&format!(" Not simulated (unreadable document): {}.", names.join(", ")));
        zh.push_str(&format!("以下策略文档无法解析，未参与模拟：{}。", names.join("、")));
    }
    Localized { en, zh }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_need_without_an_arn_is_asked_on_the_region_and_account_the_error_names() {
        let denied = r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","AuthPrincipalOwnerId":"1234567890123456"}}"#;
        let findings = crate::diagnose(denied, &Catalog::empty()).findings;
        let needs = needs(&findings, &Catalog::empty());
        let resource = needs[0].resource.as_deref().expect("a resource");
        assert!(resource.starts_with("acs:ecs:") && resource.contains("1234567890123456"), "{resource}");
    }

    #[test]
    fn only_denials_are_needs_even_when_another_error_names_its_call() {
        let denied = r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances"}}"#;
        let mut findings = crate::diagnose(denied, &Catalog::empty()).findings;
        assert_eq!(needs(&findings, &Catalog::empty()).len(), 1);
        for kind in [crate::Kind::Other, crate::Kind::Signature, crate::Kind::BadCredentials, crate::Kind::NotActivated]
        {
            findings[0].kind = kind;
            assert!(needs(&findings, &Catalog::empty()).is_empty(), "{kind:?} is not asked about");
        }
        findings[0].kind = crate::Kind::ExplicitDeny;
        assert_eq!(needs(&findings, &Catalog::empty()).len(), 1, "a deny is asked about: which policy denies");
    }
    use super::*;

    fn attached(name: &str, policy_type: PolicyType, via: Via, document: &str) -> AttachedDocument {
        AttachedDocument {
            policy_name: name.into(),
            policy_type,
            version: Some("v1".into()),
            via,
            document: document.into(),
        }
    }

    fn need(actions: &[&str], resource: Option<&str>) -> Need {
        Need {
            actions: actions.iter().map(|a| a.to_string()).collect(),
            resource: resource.map(Into::into),
            ..Need::default()
        }
    }

    const ECS_READ: &str =
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}"#;
    const DENY_STOP: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"},
        {"Effect":"Deny","Action":"ecs:StopInstance","Resource":"acs:ecs:*:*:instance/*"}]}"#;
    const PLAN_STOP: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:StopInstance","ecs:StartInstance"],"Resource":"*"}]}"#;

    fn statement(name: &str, statement: usize) -> StatementSource {
        StatementSource {
            policy_name: name.into(),
            policy_type: PolicyType::Custom,
            version: Some("v1".into()),
            via: Via::Direct,
            statement,
        }
    }

    fn planned(name: &str, document: &str) -> PlannedPolicy {
        PlannedPolicy { policy_name: name.into(), policy_type: PolicyType::Custom, document: document.into() }
    }

    #[test]
    fn allowed_denied_and_fixed_with_their_statements() {
        let docs = [
            attached("AliyunECSReadOnlyAccess", PolicyType::System, Via::Direct, ECS_READ),
            attached("ops", PolicyType::Custom, Via::Group("dev".into()), DENY_STOP),
        ];
        let needs = [
            need(&["ecs:DescribeInstances"], None),
            need(&["ecs:StartInstance", "ecs:StopInstance"], Some("acs:ecs:cn-hangzhou:1:instance/i-1")),
        ];
        let gap = analyse(&docs, &needs, &[planned("RamDoctor-ecs", PLAN_STOP)], &Context::default());
        let changes: Vec<(&str, Change)> = gap.actions.iter().map(|a| (a.action.as_str(), a.change)).collect();
        assert_eq!(
            changes,
            [
                ("ecs:DescribeInstances", Change::AlreadyAllowed),
                ("ecs:StartInstance", Change::NowAllowed),
                ("ecs:StopInstance", Change::BlockedByDeny)
            ]
        );
        let Verdict::Allowed { by } = &gap.actions[0].today else { panic!("{:?}", gap.actions[0]) };
        assert_eq!(
            (by[0].policy_name.as_str(), by[0].statement, &by[0].via),
            ("AliyunECSReadOnlyAccess", 0, &Via::Direct)
        );
        assert_eq!(gap.actions[1].today, Verdict::ImplicitDeny);
        let Verdict::Allowed { by } = &gap.actions[1].with_plan else { panic!() };
        assert_eq!((by[0].policy_name.as_str(), &by[0].via), ("RamDoctor-ecs", &Via::Plan));
        let Verdict::ExplicitDeny { by } = &gap.actions[2].today else { panic!() };
        assert_eq!((by[0].policy_name.as_str(), by[0].statement), ("ops", 1));
        assert!(
            gap.actions[2].words.en.contains("denied today by statement 2 of custom policy ops v1 (through group dev)"),
            "{}",
            gap.actions[2].words.en
        );
        assert!(gap.actions[2].words.zh.contains("用户组 dev"), "{}", gap.actions[2].words.zh);
        assert!(
            gap.summary.en.starts_with("1 of 3 needed actions are allowed today; with the plan, 2 of 3."),
            "{}",
            gap.summary.en
        );
        assert!(gap.summary.en.contains("1 are blocked by a Deny"));
    }

    #[test]
    fn a_new_version_replaces_the_attached_document() {
        // The plan adds a version to `ops` that drops the Deny: the old document no longer counts.
        let stop = [need(&["ecs:StopInstance"], Some("acs:ecs:cn-hangzhou:1:instance/i-1"))];
        let docs = [attached("ops", PolicyType::Custom, Via::Direct, DENY_STOP)];
        let gap = analyse(&docs, &stop, &[planned("ops", PLAN_STOP)], &Context::default());
        assert_eq!(gap.actions[0].today, Verdict::ExplicitDeny { by: vec![statement("ops", 1)] });
        assert_eq!(gap.actions[0].change, Change::NowAllowed);
        // A system policy of the same name is never replaced by a custom one.
        let docs = [attached("ops", PolicyType::System, Via::Direct, DENY_STOP)];
        let gap = analyse(&docs, &stop, &[planned("ops", PLAN_STOP)], &Context::default());
        assert_eq!(gap.actions[0].change, Change::BlockedByDeny);
    }

    #[test]
    fn conditions_use_the_given_context() {
        let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#;
        let docs = [attached("office", PolicyType::Custom, Via::Direct, doc)];
        let needs = [need(&["ecs:StopInstance"], None)];
        let mut inside = Context::default();
        inside.add("acs:SourceIp", "10.1.2.3");
        assert_eq!(analyse(&docs, &needs, &[], &inside).actions[0].change, Change::AlreadyAllowed);
        let gap = analyse(&docs, &needs, &[], &Context::default());
        assert_eq!(gap.actions[0].change, Change::StillDenied);
        assert!(gap.actions[0].words.en.ends_with("the plan does not allow it."), "{}", gap.actions[0].words.en);
    }

    #[test]
    fn unreadable_documents_are_reported_not_fatal() {
        let docs = [
            attached("broken", PolicyType::Custom, Via::Direct, "{\"Version\":"),
            attached("ok", PolicyType::Custom, Via::Direct, ECS_READ),
        ];
        let gap = analyse(
            &docs,
            &[need(&["ecs:DescribeInstances", "ecs:DescribeInstances"], None)],
            &[planned("bad-plan", "[]")],
            &Context::default(),
        );
        assert_eq!(gap.actions.len(), 1, "the same action is decided once");
        assert_eq!(gap.actions[0].change, Change::AlreadyAllowed);
        let names: Vec<(&str, &Via)> = gap.unreadable.iter().map(|u| (u.policy_name.as_str(), &u.via)).collect();
        assert_eq!(names, [("broken", &Via::Direct), ("bad-plan", &Via::Plan)]);
        assert!(gap.unreadable[0].problem.starts_with("1:"), "{}", gap.unreadable[0].problem);
        assert!(gap.summary.en.contains("Not simulated (unreadable document): broken, bad-plan."));
    }

    #[test]
    fn from_a_diagnosis_to_the_plan_that_fixes_it() {
        // A pasted denial → its needs and the grant plan → the gap with the plan's custom policy.
        let text = r#"{"Code":"NoPermission","Message":"You are not authorized to do this action. Resource: acs:ram:*:1968:user/alice Action: ram:AttachPolicyToUser",
            "AccessDeniedDetail":{"AuthAction":"ram:AttachPolicyToUser","NoPermissionType":"ImplicitDeny"}}"#;
        let catalog = Catalog::empty();
        let diagnosis = crate::diagnose(text, &catalog);
        let needs: Vec<Need> = diagnosis.findings.iter().filter_map(Need::from_finding).collect();
        assert_eq!(needs.len(), 1, "{diagnosis:#?}");
        let plan =
            GrantPlan::from_findings(&diagnosis.findings, &catalog, &crate::grant::PlanOptions::default()).unwrap();
        let (planned, unknown) = planned_policies(&plan, PlanChoice::CustomPolicies, &catalog);
        assert_eq!((planned.len(), unknown.len()), (1, 0));
        let docs = [attached(
            "reader",
            PolicyType::Custom,
            Via::Direct,
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]}"#,
        )];
        let gap = analyse(&docs, &needs, &planned, &Context::default());
        let got: Vec<(&str, &Verdict, Change)> =
            gap.actions.iter().map(|a| (a.action.as_str(), &a.today, a.change)).collect();
        assert_eq!(got, [("ram:AttachPolicyToUser", &Verdict::ImplicitDeny, Change::NowAllowed)]);
        // The system alternative: without documents in the catalog, its policies cannot be simulated and say so.
        let (planned, unknown) = planned_policies(&plan, PlanChoice::SystemPolicies, &catalog);
        assert_eq!(planned.len(), 0);
        assert_eq!(unknown.len(), plan.narrowest_system_policies().len());
    }
}
