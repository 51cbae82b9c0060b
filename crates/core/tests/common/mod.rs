//! What several test files share: the committed catalog with every shard loaded.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use ram_doctor_core::{diagnose, Catalog, Kind};

/// `data/index.json` and every shard, loaded once per test binary.
pub fn full_catalog() -> &'static Catalog {
    static FULL: OnceLock<Catalog> = OnceLock::new();
    FULL.get_or_init(|| {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let mut c =
            Catalog::from_index(&fs::read(data.join("index.json")).expect("data/index.json is committed")).unwrap();
        for code in c.shard_codes().into_iter().map(str::to_string).collect::<Vec<_>>() {
            c.add_shard(&code, &fs::read(data.join(Catalog::shard_path(&code))).unwrap()).unwrap();
        }
        c
    })
}

/// Each Terraform resource type of the committed index with the products it calls, in the index's order.
#[allow(dead_code)]
pub fn terraform_types() -> Vec<(String, Vec<String>)> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/index.json");
    let index: serde_json::Value = serde_json::from_slice(&fs::read(data).unwrap()).unwrap();
    index["terraform"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| {
            let products = row[1].as_array()?.iter().map(|p| p.as_str().map(str::to_string)).collect::<Option<_>>()?;
            Some((row[0].as_str()?.to_string(), products))
        })
        .collect()
}

/// A genuine RAM refusal (`Forbidden.RAM` in the Go SDK's print): what words beside it must leave its finding.
#[allow(dead_code)]
pub const FORBIDDEN_RAM: &str = "SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM\nRequestId: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77\nMessage: User not authorized to operate on the specified resource.";

/// Each line put after and before [`FORBIDDEN_RAM`]: the texts whose refusal no longer gives a missing permission,
/// with the kind it gave.
#[allow(dead_code)]
pub fn refusal_lost(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut wrong = Vec::new();
    for line in lines {
        for text in [format!("{FORBIDDEN_RAM}\n\n{line}"), format!("{line}\n\n{FORBIDDEN_RAM}")] {
            let d = diagnose(&text, full_catalog());
            let f = d.findings.iter().find(|f| f.code.as_deref() == Some("Forbidden.RAM"));
            if f.map(|f| f.kind) != Some(Kind::MissingPermission) {
                wrong.push(format!("[{:?}] {text:?}", f.map(|f| f.kind.as_str())));
            }
        }
    }
    wrong
}

/// The first finding's kind and code for `text`, and whether its plan recommends a policy.
#[allow(dead_code)] // each test file uses what it needs of this module
pub fn first_kind_code_grant(text: &str) -> Option<(ram_doctor_core::Kind, Option<String>, bool)> {
    use ram_doctor_core::grant::GrantPlan;
    use ram_doctor_core::report::Grant;
    let catalog = full_catalog();
    let d = ram_doctor_core::diagnose(text, catalog);
    let f = d.findings.first()?;
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, catalog).expect("default options"));
    Some((f.kind, f.code.clone(), !grant.system_policies.is_empty() || grant.custom_policy.is_some()))
}

/// (upper-case method, path) → the actions a request of that shape may be.
#[allow(dead_code)]
pub type RequestShapes = BTreeMap<(String, String), BTreeSet<String>>;

/// OSS's APIs that have a method and path in the catalog, and for each (upper-case method, path) the actions it may
/// be: requests of the same shape cannot be told apart by the request alone.
#[allow(dead_code)] // each test file uses what it needs of this module
pub fn oss_request_shapes(catalog: &Catalog) -> (Vec<&ram_doctor_core::catalog::Api>, RequestShapes) {
    let apis: Vec<_> = catalog.apis_of("oss").expect("the OSS shard").into_iter().map(|(_, a)| a).collect();
    let mut shape = RequestShapes::new();
    for a in &apis {
        if let (Some(m), Some(p)) = (&a.method, &a.path) {
            shape.entry((m.to_ascii_uppercase(), p.clone())).or_default().insert(a.action.clone());
        }
    }
    (apis, shape)
}
