//! The JSON contract of `ram-doctor diagnose --json`: each finding's facts with its grant beside them, the
//! grant filled from the finding's own [`GrantPlan`] — the same plan the page shows, so the two never differ.
//!
//! Fields may be added, never renamed or removed: `grant.system_policies` (names, in the plan's order of
//! preference) and `grant.custom_policy` (a document or `null`) keep their shapes; how each system policy
//! compares with the need, the service roles and the steps that are not a grant sit beside them.

use serde::{Deserialize, Serialize};

use crate::grant::{GrantPlan, PlanError, ServiceRoleFix, Step, SystemPolicyGrant};
use crate::{Catalog, Diagnosis, Finding};

/// Everything found in one pasted text, each finding with its grant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// One entry per distinct error, in the order they appear in the text.
    pub findings: Vec<ReportedFinding>,
    /// Catalog shards that would sharpen the diagnosis but were not loaded (see [`Diagnosis::wanted_shards`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wanted_shards: Vec<String>,
}

/// A finding's facts, flattened, and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedFinding {
    /// What was found.
    #[serde(flatten)]
    pub finding: Finding,
    /// What to grant for it.
    pub grant: Grant,
}

/// The short form of one finding's [`GrantPlan`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    /// System policy names in the plan's order of preference: per product, the narrowest first. A policy that
    /// would not allow what was denied (ReadOnly for a write) is never listed.
    pub system_policies: Vec<String>,
    /// The least-privilege custom policy document, when an action is known.
    pub custom_policy: Option<serde_json::Value>,
    /// The same system policies, in the same order, with what each allows, whether it covers the need and how
    /// many more actions it allows (`null` where unknown).
    #[serde(default)]
    pub system_policy_coverage: Vec<SystemPolicyGrant>,
    /// Service roles to create or authorize.
    #[serde(default)]
    pub service_roles: Vec<ServiceRoleFix>,
    /// What to do that is not a grant (rotate a key, fix a trust policy, find out what was denied…).
    #[serde(default)]
    pub steps: Vec<Step>,
}

impl Grant {
    /// The short form of `plan`. A plan too long for one policy is split per product; the contract's single
    /// document is the first of them (one finding rarely needs more).
    pub fn from_plan(plan: &GrantPlan) -> Grant {
        Grant {
            system_policies: plan.system_policies.iter().map(|p| p.name.clone()).collect(),
            custom_policy: plan.custom_policies.first().map(|p| p.document.to_value()),
            system_policy_coverage: plan.system_policies.clone(),
            service_roles: plan.service_roles.clone(),
            steps: plan.steps.clone(),
        }
    }
}

impl Report {
    /// Each finding of `diagnosis` with the grant of its own plan (default options).
    pub fn new(diagnosis: &Diagnosis, catalog: &Catalog) -> Result<Report, PlanError> {
        let findings = diagnosis
            .findings
            .iter()
            .map(|f| {
                Ok(ReportedFinding {
                    finding: f.clone(),
                    grant: Grant::from_plan(&GrantPlan::for_finding(f, catalog)?),
                })
            })
            .collect::<Result<_, PlanError>>()?;
        Ok(Report { findings, wanted_shards: diagnosis.wanted_shards.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    fn sample_catalog() -> Catalog {
        Catalog::from_index(include_bytes!("../tests/catalog/sample-index.json")).expect("the sample index loads")
    }

    fn missing(action: &str) -> Finding {
        let mut f = Finding::new(Kind::MissingPermission);
        f.code = Some("Forbidden.RAM".into());
        f.product = action.split_once(':').map(|(c, _)| c.to_string());
        f.actions = vec![action.to_string()];
        f
    }

    fn report(findings: Vec<Finding>) -> serde_json::Value {
        let diagnosis = Diagnosis { findings, wanted_shards: vec![] };
        serde_json::to_value(Report::new(&diagnosis, &sample_catalog()).unwrap()).unwrap()
    }

    #[test]
    fn the_contract_keeps_its_fields_and_shapes() {
        let v = report(vec![missing("ecs:DescribeInstances")]);
        let f = &v["findings"][0];
        // The finding's facts stay at the top level of each entry, as before the grant moved to the plan.
        for key in [
            "kind",
            "code",
            "product",
            "actions",
            "resource",
            "principal",
            "policy_type",
            "request_id",
            "confidence",
            "explanation",
            "grant",
        ] {
            assert!(f.get(key).is_some(), "{key} missing from {f}");
        }
        assert_eq!(f["kind"], "missing-permission");
        let grant = &f["grant"];
        assert_eq!(grant["system_policies"], serde_json::json!(["AliyunECSReadOnlyAccess", "AliyunECSFullAccess"]));
        assert_eq!(grant["custom_policy"]["Statement"][0]["Action"][0], "ecs:DescribeInstances");
        let coverage = grant["system_policy_coverage"].as_array().unwrap();
        assert_eq!(coverage.len(), 2);
        assert_eq!(coverage[1]["name"], "AliyunECSFullAccess");
        assert_eq!(coverage[1]["covers"], true);
        assert!(coverage.iter().all(|c| c["explanation"]["en"].is_string() && c["explanation"]["zh"].is_string()));
        assert!(v.get("wanted_shards").is_none(), "left out when empty, as before");
        // And it reads back.
        let back: Report = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), v);
    }

    #[test]
    fn a_write_is_never_offered_a_read_only_policy() {
        let v = report(vec![missing("ecs:StopInstance")]);
        assert_eq!(v["findings"][0]["grant"]["system_policies"], serde_json::json!(["AliyunECSFullAccess"]));
    }

    #[test]
    fn no_grant_for_a_key_problem_but_its_step() {
        let mut f = Finding::new(Kind::BadCredentials);
        f.code = Some("InvalidAccessKeyId.NotFound".into());
        let v = report(vec![f]);
        let grant = &v["findings"][0]["grant"];
        assert_eq!(grant["system_policies"], serde_json::json!([]));
        assert_eq!(grant["custom_policy"], serde_json::Value::Null);
        assert_eq!(grant["steps"][0]["kind"], "rotate-access-key");
    }

    #[test]
    fn each_finding_gets_its_own_grant() {
        let v = report(vec![missing("ecs:StopInstance"), missing("ecs:DescribeInstances")]);
        // Planned together, the write would drop ECS ReadOnly for both; planned alone, the read keeps it.
        assert_eq!(v["findings"][0]["grant"]["system_policies"], serde_json::json!(["AliyunECSFullAccess"]));
        assert_eq!(v["findings"][1]["grant"]["system_policies"][0], "AliyunECSReadOnlyAccess");
    }
}
