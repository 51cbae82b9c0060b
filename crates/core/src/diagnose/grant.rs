//! The contract's short grant: system policies and a custom policy, for missing permissions only.

use crate::catalog::PolicyKind;
use crate::finding::{Finding, Grant, Kind};
use crate::policy::build::{build, BuildOptions, Need};
use crate::Catalog;

/// The grant for a finding: empty unless a RAM grant can fix it.
pub fn grant(f: &Finding, catalog: &Catalog) -> Grant {
    if f.kind != Kind::MissingPermission {
        return Grant::default();
    }
    let system_policies = f.product.as_deref().map(|p| read_only_and_full(p, catalog)).unwrap_or_default();
    let custom_policy = custom_policy(f, catalog);
    Grant { system_policies, custom_policy }
}

/// The product's ReadOnly system policy, then its Full one (both listed even for writes: the explanation says
/// when ReadOnly is not enough).
fn read_only_and_full(ram_code: &str, catalog: &Catalog) -> Vec<String> {
    [PolicyKind::ReadOnly, PolicyKind::Full]
        .into_iter()
        .filter_map(|kind| catalog.primary_policy(ram_code, kind).or_else(|| catalog.system_policies(ram_code).into_iter().find(|p| p.kind == kind)))
        .map(|p| p.name.clone())
        .collect()
}

/// The least-privilege policy for the finding, from the policy builder with its default options (exact scope,
/// one policy): the same document the grant plan starts from.
fn custom_policy(f: &Finding, catalog: &Catalog) -> Option<serde_json::Value> {
    let need = Need::from_finding(f)?;
    let built = build(&[need], &BuildOptions::default(), catalog).ok()?;
    built.into_iter().next().map(|b| b.document.to_value())
}
