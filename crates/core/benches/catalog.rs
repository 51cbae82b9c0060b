//! Catalog load time and lookups per second (the engine asks per input block, so lookups must be hash probes).
//!
//! A plain `harness = false` bench on stable; `cargo xtask bench` runs it natively and as wasm (the page loads
//! the index in wasm), and prints the catalog's sizes.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ram_doctor_core::catalog::{ApiLookup, Catalog};
use ram_doctor_core::grant::{merged_plan, GrantPlan, PlanOptions};
use ram_doctor_core::redact::RedactOptions;
use ram_doctor_core::share::{self, ShareState};

/// The index and the largest shard, compiled in so the wasm build needs no file system.
const INDEX: &[u8] = include_bytes!("../../../data/index.json");
const ECS: &[u8] = include_bytes!("../../../data/shards/ecs.json");

/// An ECS API error with `AccessDeniedDetail` (`Forbidden.RAM`), the shape of the page's example that its
/// first-load benchmark opens as a share link: the startup work on it (diagnosis, plans, the link written back)
/// is timed here in core.
const SHARED_TEXT: &str = include_str!("../tests/fixtures/errors/formats/api-json-access-denied-detail.txt");

#[cfg(not(target_os = "wasi"))]
fn data(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `f` over `inputs` for about a second and prints the rate.
fn measure<T>(label: &str, inputs: &[T], mut f: impl FnMut(&T) -> bool) {
    let start = Instant::now();
    let mut calls = 0u64;
    let mut hits = 0u64;
    while start.elapsed() < Duration::from_secs(1) {
        for input in inputs {
            hits += u64::from(black_box(f(input)));
            calls += 1;
        }
    }
    let rate = calls as f64 / start.elapsed().as_secs_f64();
    println!("  {label:<40} {rate:>14.0} lookups/s ({hits} hits of {calls})");
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("  {label:<40} {:>11.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    out
}

fn main() {
    println!("catalog:");
    // The first load includes the runtime warming up (in wasm: V8 tiering up); the second is the steady cost.
    time("load index.json (first)", || Catalog::from_index(INDEX).expect("index loads"));
    let mut catalog = time("load index.json (again)", || Catalog::from_index(INDEX).expect("index loads"));
    time("add the largest shard (ecs)", || catalog.add_shard("ecs", ECS).expect("ecs shard loads"));
    // What the page does with a share link once its index and shard are read (the first call builds the readers'
    // automata).
    let diagnosis = time("diagnose the shared text (first)", || ram_doctor_core::diagnose(SHARED_TEXT, &catalog));
    time("diagnose the shared text (again)", || ram_doctor_core::diagnose(SHARED_TEXT, &catalog));
    let options = PlanOptions::default();
    time("its findings' plans", || {
        diagnosis
            .findings
            .iter()
            .map(|f| GrantPlan::from_findings(std::slice::from_ref(f), &catalog, &options))
            .collect::<Vec<_>>()
    });
    time("its merged plan", || merged_plan(&diagnosis.findings, &[], &catalog, &options).is_ok());
    time("its share link (redacted, compressed)", || {
        let state = ShareState { text: SHARED_TEXT.to_string(), ..ShareState::default() };
        share::outgoing(&state, &RedactOptions::default()).fragment().is_ok()
    });
    #[cfg(not(target_os = "wasi"))]
    {
        let codes: Vec<String> = catalog.shard_codes().into_iter().map(str::to_string).collect();
        let shards: Vec<(String, Vec<u8>)> = codes.iter().map(|c| (c.clone(), data(&Catalog::shard_path(c)))).collect();
        time("add every shard", || {
            for (code, bytes) in &shards {
                catalog.add_shard(code, bytes).expect("shard loads");
            }
        });
    }
    let hosts = [
        "ecs.cn-hangzhou.aliyuncs.com",
        "mybucket.oss-cn-hangzhou.aliyuncs.com",
        "alidns.aliyuncs.com",
        "hbr.console.aliyun.com",
        "example.com",
    ];
    measure("product_by_host", &hosts, |h| catalog.product_by_host(h).is_some());
    let actions =
        ["ecs:DescribeInstances", "hbr:CreateBackupPlan", "oss:GetObject", "log:GetLogStore", "nosuch:Action"];
    measure("action", &actions, |a| matches!(catalog.action(a), ApiLookup::Found(..)));
    let apis =
        [("Ecs", "DescribeInstances"), ("sls", "GetLogStore"), ("alidns", "AddDomainRecord"), ("kms", "NoSuchApi")];
    measure("api", &apis, |(p, a)| matches!(catalog.api(p, a), ApiLookup::Found(..)));
    let codes = ["Forbidden.RAM", "NoPermission", "InvalidInstanceId.NotFound", "NoSuch.Code"];
    measure("error_code", &codes, |c| catalog.error_code(c).is_some());
    measure("policies_granting", &actions, |a| !catalog.policies_granting(a).is_empty());
    let texts = [
        "云备份",
        "Cloud Backup",
        "ecs",
        "ErrorCode: Forbidden.RAM Message: User not authorized to operate on the specified resource, or this API doesn't support RAM. RequestId: 5E4B9C1A-1234 while calling Elastic Compute Service from Terraform",
    ];
    measure("search_products", &texts, |t| !catalog.search_products(t).is_empty());
}
