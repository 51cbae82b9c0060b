//! Live gap analysis with the committed catalog: a system policy whose document the catalog holds is simulated
//! like any attached policy.

use std::fs;
use std::path::PathBuf;

use ram_doctor_core::gap::{analyse, planned_policies, Change, PlanChoice, Verdict, Via};
use ram_doctor_core::grant::{GrantPlan, PlanOptions};
use ram_doctor_core::policy::build::Need;
use ram_doctor_core::policy::simulate::Context;
use ram_doctor_core::{diagnose, Catalog};

#[test]
fn the_system_alternative_is_simulated_from_the_catalog_document() {
    let index = fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json"))
        .expect("data/index.json is committed");
    let catalog = Catalog::from_index(&index).unwrap();
    let text = r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.",
        "AccessDeniedDetail":{"AuthAction":"alb:CreateLoadBalancer","NoPermissionType":"ImplicitDeny"}}"#;
    let diagnosis = diagnose(text, &catalog);
    let needs: Vec<Need> = diagnosis.findings.iter().filter_map(Need::from_finding).collect();
    let plan = GrantPlan::from_findings(&diagnosis.findings, &catalog, &PlanOptions::default()).unwrap();
    let (planned, unknown) = planned_policies(&plan, PlanChoice::SystemPolicies, &catalog);
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(planned.iter().map(|p| p.policy_name.as_str()).collect::<Vec<_>>(), ["AliyunALBFullAccess"]);
    let gap = analyse(&[], &needs, &planned, &Context::default());
    assert_eq!(gap.actions.len(), 1);
    assert_eq!((gap.actions[0].today.clone(), gap.actions[0].change), (Verdict::ImplicitDeny, Change::NowAllowed));
    let Verdict::Allowed { by } = &gap.actions[0].with_plan else { panic!("{:?}", gap.actions[0]) };
    assert_eq!((by[0].policy_name.as_str(), &by[0].via), ("AliyunALBFullAccess", &Via::Plan));
}
