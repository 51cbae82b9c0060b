//! Many errors, one grant: the rows of the page's error table (one per distinct error, with how often the text
//! repeats it) and the one plan for the rows the user keeps in the grant.
//!
//! The merged plan is built from the kept findings together rather than by gluing their separate plans: the
//! builder then unions the actions of each product into one policy, keeps every resource as scoped as its error
//! named it, lists each system policy once, and measures each against the whole need (two plans' "allows 3
//! more actions" cannot be added up).

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::finding::{Finding, Kind};
use crate::grant::plan::{product_code, GrantPlan, PlanError, PlanOptions};

/// One row of the error table: what a finding says, compactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRow {
    /// The finding's index in the diagnosis (also what a link's left-out rows name).
    pub finding: usize,
    /// What went wrong.
    pub kind: Kind,
    /// The product's RAM code: the finding's, else the prefix of its first action.
    pub product: Option<String>,
    /// The denied actions, else the API that failed; empty when the error names neither.
    pub actions: Vec<String>,
    /// How many refused requests the text holds for this error (1 when it appears once).
    pub repeats: usize,
}

/// The table's rows, in the order of the findings.
pub fn error_rows(findings: &[Finding]) -> Vec<ErrorRow> {
    findings
        .iter()
        .enumerate()
        .map(|(finding, f)| ErrorRow {
            finding,
            kind: f.kind,
            product: product_code(f),
            actions: if f.actions.is_empty() { f.api.iter().cloned().collect() } else { f.actions.clone() },
            repeats: f.repeats.max(1),
        })
        .collect()
}

/// The one plan for every finding except those whose index is in `left_out` (indexes beyond the findings are
/// ignored: a link may name rows of an older diagnosis).
pub fn merged_plan(
    findings: &[Finding],
    left_out: &[usize],
    catalog: &Catalog,
    options: &PlanOptions,
) -> Result<GrantPlan, PlanError> {
    let kept: Vec<Finding> =
        findings.iter().enumerate().filter(|(i, _)| !left_out.contains(i)).map(|(_, f)| f.clone()).collect();
    GrantPlan::from_findings(&kept, catalog, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grant::plan::tests::{missing, sample_catalog};
    use crate::policy::Effect;

    fn plan(findings: &[Finding], left_out: &[usize]) -> GrantPlan {
        merged_plan(findings, left_out, &sample_catalog(), &PlanOptions::default()).expect("plans")
    }

    /// Every allowed action of the plan's custom policies, with the resources of its statement.
    fn granted(plan: &GrantPlan) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for policy in &plan.custom_policies {
            for st in policy.document.statements.iter().filter(|s| s.effect == Effect::Allow) {
                let resources: Vec<String> = st.resource.iter().flat_map(|r| r.iter().map(str::to_string)).collect();
                for action in st.action.iter().flat_map(|a| a.iter()) {
                    out.push((action.to_string(), resources.clone()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn error(request_id: &str, action: &str) -> String {
        format!(
            r#"{{"RequestId":"{request_id}","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{{"AuthAction":"{action}","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}}}}"#
        )
    }

    #[test]
    fn a_repeated_error_is_one_row_counting_its_requests() {
        let text = [
            error("11111111-AAAA-4000-8000-000000000001", "ecs:DescribeInstances"),
            error("11111111-AAAA-4000-8000-000000000002", "ecs:DescribeInstances"),
            error("11111111-AAAA-4000-8000-000000000003", "ecs:DescribeInstances"),
            error("11111111-AAAA-4000-8000-000000000004", "rds:DescribeDBInstances"),
        ]
        .iter()
        .enumerate()
        .map(|(n, e)| format!("2026-12-06 15:0{n}:00 ERROR call failed: {e}"))
        .collect::<Vec<_>>()
        .join("\n\n");
        let d = crate::diagnose(&text, &Catalog::empty());
        let rows = error_rows(&d.findings);
        let summary: Vec<(Option<&str>, Vec<&str>, usize)> = rows
            .iter()
            .map(|r| (r.product.as_deref(), r.actions.iter().map(String::as_str).collect(), r.repeats))
            .collect();
        assert_eq!(
            summary,
            [(Some("ecs"), vec!["ecs:DescribeInstances"], 3), (Some("rds"), vec!["rds:DescribeDBInstances"], 1)]
        );
        // One request printed twice (a message line and its JSON) is not a repeat.
        let once = error("22222222-AAAA-4000-8000-000000000001", "ecs:StopInstance");
        let twice = format!("ERROR {once}\n\nERROR {once}");
        assert_eq!(error_rows(&crate::diagnose(&twice, &Catalog::empty()).findings)[0].repeats, 1);
    }

    #[test]
    fn a_row_without_actions_shows_the_failed_api() {
        let mut f = Finding::new(Kind::MissingPermission);
        f.product = Some("ecs".into());
        f.api = Some("DescribeInstances".into());
        let row = &error_rows(&[f])[0];
        assert_eq!(
            (row.product.as_deref(), row.actions.as_slice()),
            (Some("ecs"), ["DescribeInstances".to_string()].as_slice())
        );
    }

    #[test]
    fn actions_are_unioned_per_product_in_one_policy() {
        let arn = "acs:ecs:cn-hangzhou:1234567890123456:instance/i-1";
        let findings = [
            missing(&["ecs:StopInstance"], Some(arn)),
            missing(&["ecs:StartInstance"], Some(arn)),
            missing(&["ecs:StopInstance"], Some(arn)),
        ];
        let plan = plan(&findings, &[]);
        assert_eq!(plan.custom_policies.len(), 1);
        assert_eq!(
            granted(&plan),
            [
                ("ecs:StartInstance".to_string(), vec![arn.to_string()]),
                ("ecs:StopInstance".to_string(), vec![arn.to_string()])
            ]
        );
        assert_eq!(plan.custom_policies[0].document.statements.len(), 1, "same resource, one statement");
    }

    #[test]
    fn resources_stay_scoped_to_each_error() {
        let (a, b) = ("acs:oss:*:1234567890123456:bucket-a/*", "acs:oss:*:1234567890123456:bucket-b/*");
        let plan = plan(&[missing(&["oss:GetObject"], Some(a)), missing(&["oss:PutObject"], Some(b))], &[]);
        let granted = granted(&plan);
        assert_eq!(
            granted,
            [("oss:GetObject".to_string(), vec![a.to_string()]), ("oss:PutObject".to_string(), vec![b.to_string()])]
        );
        assert!(granted.iter().all(|(_, r)| !r.contains(&"*".to_string())), "no resource widened: {granted:?}");
    }

    #[test]
    fn system_policies_appear_once() {
        let findings = [
            missing(&["ecs:DescribeInstances"], None),
            missing(&["ecs:DescribeRegions"], None),
            missing(&["rds:DescribeDBInstances"], None),
        ];
        let names: Vec<String> = plan(&findings, &[]).system_policies.into_iter().map(|p| p.name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
        assert!(
            names.contains(&"AliyunECSReadOnlyAccess".to_string())
                && names.contains(&"AliyunRDSReadOnlyAccess".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn a_left_out_row_leaves_the_grant() {
        let findings = [missing(&["ecs:DescribeInstances"], None), missing(&["rds:DescribeDBInstances"], None)];
        let without_rds = plan(&findings, &[1]);
        assert_eq!(granted(&without_rds).into_iter().map(|(a, _)| a).collect::<Vec<_>>(), ["ecs:DescribeInstances"]);
        assert!(
            without_rds.system_policies.iter().all(|p| p.product.as_deref() == Some("ecs")),
            "{:?}",
            without_rds.system_policies
        );
        assert!(plan(&findings, &[0, 1]).is_empty(), "every row left out: nothing to do");
        assert_eq!(plan(&findings, &[7]), plan(&findings, &[]), "a row the diagnosis lacks changes nothing");
    }
}
