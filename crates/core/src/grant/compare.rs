//! The two ways to grant a missing permission, side by side: the recommended system policy with how much more
//! it grants than the need, next to the least-privilege custom policy, and one plain sentence on when to choose
//! which. Read from the plan only, so the comparison never disagrees with the grant it sits beside.

use serde::{Deserialize, Serialize};

use crate::finding::Localized;
use crate::grant::plan::{GrantPlan, SystemPolicyGrant};
use crate::policy::Effect;

/// One system policy as an option: the plan's entry and how it compares with the need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemOption {
    /// The policy, as the plan offers it.
    pub policy: SystemPolicyGrant,
    /// How many actions it grants and how many are needed ("grants 212 actions, 1 needed"); with no action
    /// to compare, how much of the product it allows; `None` when nothing is known.
    pub over_grant: Option<Localized>,
}

/// Which situation the comparison is in: each has its own advice (see [`ADVICE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Situation {
    /// The system policy allows the need and nothing more.
    ExactFit,
    /// The system policy allows more than the need; the custom policy allows only the need.
    SystemGrantsMore,
    /// A custom policy exists, but the system policy's document is not known to measure it.
    Unmeasured,
    /// No action is known, so no custom policy: only the product's ReadOnly and Full policies.
    NoActionKnown,
}

/// The advice for each situation, in both languages. `{product}` is the product's RAM code.
pub const ADVICE: &[(Situation, &str, &str)] = &[
    (
        Situation::ExactFit,
        "The system policy allows exactly what was denied: attach it, and Alibaba Cloud keeps it up to date.",
        "该系统策略恰好允许被拒绝的操作：直接授权即可，阿里云会维护它。",
    ),
    (
        Situation::SystemGrantsMore,
        "Choose the custom policy to grant only what was denied (least privilege). Choose the system policy only \
         when this identity will soon need much more of {product} and you accept the wider access.",
        "如只需授予被拒绝的操作（最小权限），请选择自定义策略。只有当该身份很快需要 {product} 的更多操作、且你接受更大的权限范围时，才选择系统策略。",
    ),
    (
        Situation::Unmeasured,
        "The custom policy grants only what was denied; the system policy's exact reach is not known here. \
         Prefer the custom policy unless this identity needs broad access to {product}.",
        "自定义策略只授予被拒绝的操作；此处无法得知系统策略的确切范围。除非该身份需要 {product} 的广泛权限，否则优先选择自定义策略。",
    ),
    (
        Situation::NoActionKnown,
        "The text does not say which action was denied, so there is no least-privilege policy yet. Choose ReadOnly \
         if this identity only views {product}; choose Full if it also creates, changes or deletes.",
        "原文没有说明被拒绝的是哪个操作，因此暂时无法给出最小权限策略。如果该身份只查看 {product}，选择只读（ReadOnly）；如果还需要创建、修改或删除，选择完全（Full）。",
    ),
];

/// The system policies and the custom policy of a plan, compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// With a custom policy: the recommended (narrowest) system policy of each product. Without one: all the
    /// product's system policies (ReadOnly and Full), each with what it allows.
    pub system: Vec<SystemOption>,
    /// How many actions the custom policies allow; `None` when there is no custom policy.
    pub custom_actions: Option<usize>,
    /// What the custom policy grants ("Grants only the 1 action needed."); `None` without one.
    pub custom_note: Option<Localized>,
    /// Which alternative fits the need, which [`Self::advice`] explains.
    pub situation: Situation,
    /// When to choose which, in both languages.
    pub advice: Localized,
}

impl GrantPlan {
    /// The options compared; `None` when the plan has no system policy to weigh (nothing to choose between).
    pub fn compare_options(&self) -> Option<Comparison> {
        if self.system_policies.is_empty() {
            return None;
        }
        let custom_actions = (!self.custom_policies.is_empty()).then(|| self.allowed_actions(None));
        let picked: Vec<&SystemPolicyGrant> = match custom_actions {
            Some(_) => self.narrowest_system_policies(),
            None => self.system_policies.iter().collect(),
        };
        let system: Vec<SystemOption> = picked
            .into_iter()
            .map(|p| SystemOption {
                policy: p.clone(),
                over_grant: over_grant(p, self.allowed_actions(p.product.as_deref())),
            })
            .collect();
        let situation = match custom_actions {
            None => Situation::NoActionKnown,
            Some(_) if system.iter().all(|o| o.policy.covers == Some(true) && o.policy.extra_actions == Some(0)) => {
                Situation::ExactFit
            }
            Some(_) if system.iter().any(|o| o.policy.extra_actions.is_some_and(|n| n > 0)) => {
                Situation::SystemGrantsMore
            }
            Some(_) => Situation::Unmeasured,
        };
        let product = system.iter().find_map(|o| o.policy.product.clone()).unwrap_or_else(|| "the product".to_string());
        let custom_note = custom_actions.map(|n| Localized {
            en: format!("Grants only the {n} action{} needed.", if n == 1 { "" } else { "s" }),
            zh: format!("只授予所需的 {n} 个操作。"),
        });
        Some(Comparison { system, custom_actions, custom_note, situation, advice: advice(situation, &product) })
    }

    /// Distinct actions the custom policies allow, of `product` only when given (its RAM code).
    fn allowed_actions(&self, product: Option<&str>) -> usize {
        let mut actions: Vec<&str> = self
            .custom_policies
            .iter()
            .flat_map(|p| &p.document.statements)
            .filter(|s| s.effect == Effect::Allow)
            .flat_map(|s| s.action.iter().flat_map(|a| a.iter()))
            .filter(|a| product.is_none_or(|code| a.split_once(':').is_some_and(|(c, _)| c.eq_ignore_ascii_case(code))))
            .collect();
        actions.sort_unstable();
        actions.dedup();
        actions.len()
    }
}

/// "Grants N actions, M needed" when the policy was measured against the need, else its reach.
fn over_grant(p: &SystemPolicyGrant, needed: usize) -> Option<Localized> {
    match (p.covers, p.extra_actions) {
        (Some(true), Some(extra)) if needed > 0 => {
            let granted = needed + extra;
            Some(Localized {
                en: format!("Grants {granted} actions, {needed} needed."),
                zh: format!("授予 {granted} 个操作，实际需要 {needed} 个。"),
            })
        }
        _ => p.coverage_note(),
    }
}

/// The advice of `situation` from [`ADVICE`], with the product filled in.
fn advice(situation: Situation, product: &str) -> Localized {
    let (_, en, zh) = ADVICE.iter().find(|(s, _, _)| *s == situation).expect("every situation has advice");
    Localized { en: en.replace("{product}", product), zh: zh.replace("{product}", product) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Kind};
    use crate::Catalog;

    fn sample_catalog() -> Catalog {
        Catalog::from_index(include_bytes!("../../tests/catalog/sample-index.json")).expect("the sample index loads")
    }

    fn grant(
        name: &str,
        covers: Option<bool>,
        extra: Option<usize>,
        reach: Option<(usize, usize)>,
    ) -> SystemPolicyGrant {
        SystemPolicyGrant {
            name: name.into(),
            product: Some("ecs".into()),
            explanation: Localized::default(),
            covers,
            extra_actions: extra,
            reach,
        }
    }

    fn plan_with(system: Vec<SystemPolicyGrant>, actions: &[&str]) -> GrantPlan {
        let mut f = Finding::new(Kind::MissingPermission);
        f.actions = actions.iter().map(|a| a.to_string()).collect();
        let mut plan = GrantPlan::for_finding(&f, &Catalog::empty()).unwrap();
        plan.system_policies = system;
        plan
    }

    #[test]
    fn every_situation_has_advice_in_both_languages() {
        for s in [Situation::ExactFit, Situation::SystemGrantsMore, Situation::Unmeasured, Situation::NoActionKnown] {
            let a = advice(s, "ecs");
            assert!(
                !a.en.is_empty() && !a.zh.is_empty() && !a.en.contains("{product}") && !a.zh.contains("{product}"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_wide_system_policy_says_how_much_it_grants_against_the_need() {
        let plan =
            plan_with(vec![grant("AliyunECSFullAccess", Some(true), Some(211), None)], &["ecs:DescribeInstances"]);
        let c = plan.compare_options().unwrap();
        assert_eq!(c.situation, Situation::SystemGrantsMore);
        assert_eq!(c.custom_actions, Some(1));
        assert_eq!(c.custom_note.unwrap().en, "Grants only the 1 action needed.");
        assert_eq!(c.system[0].over_grant.as_ref().unwrap().en, "Grants 212 actions, 1 needed.");
        assert!(c.advice.en.contains("custom policy") && c.advice.en.contains("ecs"), "{}", c.advice.en);
    }

    #[test]
    fn an_exact_system_policy_is_advised_and_an_unmeasured_one_is_not() {
        let exact =
            plan_with(vec![grant("AliyunECSReadOnlyAccess", Some(true), Some(0), None)], &["ecs:DescribeInstances"]);
        assert_eq!(exact.compare_options().unwrap().situation, Situation::ExactFit);
        let unknown = plan_with(vec![grant("AliyunECSReadOnlyAccess", None, None, None)], &["ecs:DescribeInstances"]);
        assert_eq!(unknown.compare_options().unwrap().situation, Situation::Unmeasured);
    }

    #[test]
    fn only_the_recommended_system_policy_stands_beside_a_custom_policy() {
        let plan = plan_with(
            vec![grant("AliyunECSReadOnlyAccess", None, None, None), grant("AliyunECSFullAccess", None, None, None)],
            &["ecs:DescribeInstances"],
        );
        let names: Vec<String> = plan.compare_options().unwrap().system.into_iter().map(|o| o.policy.name).collect();
        assert_eq!(names, ["AliyunECSReadOnlyAccess"]);
    }

    #[test]
    fn a_bare_product_compares_read_only_with_full() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.product = Some("hbr".into());
        let c = GrantPlan::for_finding(&f, &sample_catalog()).unwrap().compare_options().unwrap();
        let names: Vec<&str> = c.system.iter().map(|o| o.policy.name.as_str()).collect();
        assert_eq!(names, ["AliyunHBRReadOnlyAccess", "AliyunHBRFullAccess"]);
        assert_eq!(c.situation, Situation::NoActionKnown);
        assert_eq!(c.custom_actions, None);
        assert!(c.advice.en.contains("ReadOnly") && c.advice.en.contains("hbr"), "{}", c.advice.en);
    }

    #[test]
    fn nothing_to_compare_without_a_system_policy() {
        assert_eq!(plan_with(Vec::new(), &["ecs:DescribeInstances"]).compare_options(), None);
    }
}
