//! The contract's short grant: system policies and a custom policy, for missing permissions only.
//! (The least-privilege builder in `policy` will replace [`custom_policy`]; it stays one small function until then.)

use crate::catalog::PolicyKind;
use crate::finding::{Finding, Grant, Kind};
use crate::policy::{PolicyDocument, Statement};
use crate::Catalog;

/// The grant for a finding: empty unless a RAM grant can fix it.
pub fn grant(f: &Finding, catalog: &Catalog) -> Grant {
    if f.kind != Kind::MissingPermission {
        return Grant::default();
    }
    let system_policies = f.product.as_deref().map(|p| read_only_and_full(p, catalog)).unwrap_or_default();
    let custom_policy = (!f.actions.is_empty()).then(|| custom_policy(&f.actions, f.resource.as_deref()).to_value());
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

/// `Allow` of exactly the denied actions, on the ARN the error names or `*`. An OSS bucket ARN widens to the
/// bucket's objects for object actions.
pub fn custom_policy(actions: &[String], resource: Option<&str>) -> PolicyDocument {
    let resource = match resource {
        Some(arn) if arn.starts_with("acs:oss:") && !arn.contains('/') && actions.iter().any(|a| a.contains("Object")) => format!("{arn}/*"),
        Some(arn) => arn.to_string(),
        None => "*".to_string(),
    };
    PolicyDocument::new(vec![Statement::allow(actions.iter().cloned(), [resource])])
}
