//! The gap as the page asks core for it: the diagnosis's needs (a need without a resource is asked on the
//! resource the least-privilege builder would grant, the error's region and account), today's attached
//! documents, and the plan's custom policies.

use ram_doctor_core::gap::{analyse, planned_policies, AttachedDocument, Gap, PlanChoice};
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::policy::build::{build, BuildOptions, Need};
use ram_doctor_core::policy::simulate::Context;
use ram_doctor_core::{Catalog, Finding};

/// What each finding needs. The builder scopes a grant for a need without an ARN to the error's region and
/// account; asking the simulator about that same resource makes "allowed with the plan" mean what the plan grants.
pub fn needs(findings: &[Finding], catalog: &Catalog) -> Vec<Need> {
    findings
        .iter()
        .filter_map(Need::from_finding)
        .map(|mut need| {
            if need.resource.is_none() {
                need.resource = build(std::slice::from_ref(&need), &BuildOptions::default(), catalog)
                    .ok()
                    .and_then(|built| granted_resource(&built.first()?.document));
            }
            need
        })
        .collect()
}

fn granted_resource(document: &ram_doctor_core::policy::PolicyDocument) -> Option<String> {
    document.statements.first()?.resource.as_ref()?.iter().next().map(str::to_string)
}

/// The gap for `attached` today and with the plan's custom policies, at `now` (`acs:CurrentTime`).
pub fn live_gap(
    attached: &[AttachedDocument],
    findings: &[Finding],
    plan: Option<&GrantPlan>,
    catalog: &Catalog,
    now: &str,
) -> Gap {
    let planned = plan.map(|p| planned_policies(p, PlanChoice::CustomPolicies, catalog).0).unwrap_or_default();
    let mut context = Context::default();
    context.add("acs:CurrentTime", now);
    analyse(attached, &needs(findings, catalog), &planned, &context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ram_doctor_core::api::PolicyType;
    use ram_doctor_core::diagnose;
    use ram_doctor_core::gap::{Change, Verdict, Via};
    use ram_doctor_core::grant::PlanOptions;

    const DENIED: &str = r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","AuthPrincipalType":"SubUser","AuthPrincipalDisplayName":"2045","AuthPrincipalOwnerId":"1234567890123456","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}}"#;
    const NOW: &str = "2026-12-06T12:00:00Z";

    fn attached(name: &str, policy_type: PolicyType, document: &str) -> AttachedDocument {
        AttachedDocument {
            policy_name: name.into(),
            policy_type,
            version: Some("v1".into()),
            via: Via::Direct,
            document: document.into(),
        }
    }

    fn oss_read() -> AttachedDocument {
        let doc =
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*","oss:List*"],"Resource":"*"}]}"#;
        attached("AliyunOSSReadOnlyAccess", PolicyType::System, doc)
    }

    #[test]
    fn denied_today_and_allowed_once_the_plans_policy_is_attached() {
        let catalog = Catalog::empty();
        let findings = diagnose(DENIED, &catalog).findings;
        let plan = GrantPlan::from_findings(&findings, &catalog, &PlanOptions::default()).expect("a plan");
        let today = live_gap(&[oss_read()], &findings, Some(&plan), &catalog, NOW);
        assert_eq!(today.actions.len(), 1);
        assert_eq!(today.actions[0].today, Verdict::ImplicitDeny);
        assert_eq!(today.actions[0].change, Change::NowAllowed, "{:?}", today.actions[0].words);

        // After apply: the plan's document is attached under its name.
        let custom = &plan.custom_policies[0];
        let applied = attached(custom.name.as_str(), PolicyType::Custom, &custom.document.to_pretty_json());
        let after = live_gap(&[oss_read(), applied], &findings, Some(&plan), &catalog, NOW);
        assert!(matches!(after.actions[0].today, Verdict::Allowed { .. }), "{:?}", after.actions[0].words);
        assert_eq!(after.actions[0].change, Change::AlreadyAllowed);
    }

    #[test]
    fn a_need_without_an_arn_is_asked_on_the_region_and_account_the_error_names() {
        let findings = diagnose(DENIED, &Catalog::empty()).findings;
        let needs = needs(&findings, &Catalog::empty());
        let resource = needs[0].resource.as_deref().expect("a resource");
        assert!(resource.starts_with("acs:ecs:") && resource.contains("1234567890123456"), "{resource}");
    }
}
