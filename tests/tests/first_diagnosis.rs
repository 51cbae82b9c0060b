//! Time to first diagnosis: a share link of a `Forbidden.RAM` error (the page's ECS API example) opened in a cold browser (fresh profile:
//! nothing cached, no compiled wasm), from navigation start to the first frame showing the final diagnosis, as
//! the page marks it with the Performance API (`index.html`: `ram-doctor:diagnosis-shown`).
//!
//! `cargo xtask test` runs it with a few loads to prove the path and the marks; `cargo xtask bench` runs it with
//! `RAM_DOCTOR_COLD_LOADS=10` and reads the `first-diagnosis: {…}` lines it prints.

use ram_doctor_e2e::{Browser, Viewport};
use serde_json::Value;

/// The env var that sets how many cold loads to time.
const LOADS_ENV: &str = "RAM_DOCTOR_COLD_LOADS";

/// The page's own marks and the loads of its files, in ms since navigation start (null when absent).
const TIMINGS: &str = r#"
const mark = n => { const e = performance.getEntriesByName(n, "mark")[0]; return e ? e.startTime : null; };
const loaded = test => {
  const ends = performance.getEntriesByType("resource").filter(r => test(new URL(r.name).pathname)).map(r => r.responseEnd);
  return ends.length ? Math.max(...ends) : null;
};
return {
  wasm_loaded: loaded(p => p.endsWith("_bg.wasm")),
  index_loaded: loaded(p => p.endsWith("/index.json")),
  wasm_started: mark("ram-doctor:wasm-started"),
  index_read: mark("ram-doctor:index-read"),
  share_diagnosed: mark("ram-doctor:share-diagnosed"),
  shards_read: mark("ram-doctor:shards-read"),
  mounted: mark("ram-doctor:mounted"),
  shards_loaded: loaded(p => p.includes("/shards/")),
  shown: mark("ram-doctor:diagnosis-shown"),
  marks: performance.getEntriesByType("mark").map(m => [m.name, Math.round(m.startTime)]),
  shard_fetches: performance.getEntriesByType("resource").filter(r => new URL(r.name).pathname.includes("/shards/"))
    .map(r => r.initiatorType),
};"#;

/// The share link the page makes for its example `id` (in a browser of its own, closed before the cold loads).
async fn share_fragment(id: &str) -> String {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    browser.click(&format!("#example-{id}")).await.expect("the example");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("a diagnosis");
    let link = browser.value("#share-link").await.expect("share link");
    browser.close().await.expect("close");
    let hash = link.find('#').expect("the link has a fragment");
    link[hash..].to_string()
}

/// Polls until the page has marked the diagnosis shown (the load's timings), or gives up after 20 s.
async fn timings(browser: &Browser) -> Value {
    for _ in 0..400 {
        let t = browser.run(TIMINGS, vec![]).await.expect("timings");
        if t["shown"].is_number() {
            return t;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the page never marked the diagnosis shown");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_share_link_opened_cold_shows_its_diagnosis_and_marks_when() {
    let loads: usize = std::env::var(LOADS_ENV).ok().and_then(|n| n.parse().ok()).unwrap_or(2);
    // The ECS API example: `Forbidden.RAM` with `AccessDeniedDetail`.
    let fragment = share_fragment("api-json").await;
    assert!(fragment.starts_with("#v=2&c=ecs&s="), "the link names the ECS shard in clear: {fragment}");
    let mut findings = Vec::new();
    for _ in 0..loads {
        let browser = Browser::open_cold(Viewport::DESKTOP, &fragment).await.expect("cold browser");
        let t = timings(&browser).await;
        let at = |key: &str| t[key].as_f64().unwrap_or_else(|| panic!("no {key} in {t}"));
        // Each step happened, in order.
        for (before, after) in [
            ("wasm_loaded", "wasm_started"),
            ("wasm_started", "index_read"),
            ("index_read", "shards_read"),
            ("shards_loaded", "shards_read"),
            ("shards_read", "mounted"),
            ("mounted", "shown"),
        ] {
            assert!(at(before) <= at(after), "{before} after {after}: {t}");
        }
        // The link names its shard, so the page fetched it once, from `index.html`'s preload (before the wasm
        // ran), and diagnosed only once, in the page (no first diagnosis to find out which shards).
        assert_eq!(t["shard_fetches"], serde_json::json!(["link"]), "{t}");
        assert!(t["share_diagnosed"].is_null(), "{t}");
        // The diagnosis the mark stands for is the final one (no shard still loading), for the ECS action.
        assert!(browser.has("#results[data-state='ready'] .finding").await.expect("query"), "{t}");
        findings.push(browser.text(".finding .actions").await.expect("the finding's actions"));
        println!("first-diagnosis: {t}");
        browser.close().await.expect("close");
    }
    assert!(findings.iter().all(|f| f.contains("ecs:DescribeInstances")), "{findings:?}");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_link_that_does_not_name_its_shards_still_opens_with_the_final_diagnosis() {
    // A link written before links named their shards: the same state without `c=`.
    let fragment = share_fragment("api-json").await.replacen("&c=ecs", "", 1);
    assert!(fragment.starts_with("#v=2&s="), "{fragment}");
    let browser = Browser::open_cold(Viewport::DESKTOP, &fragment).await.expect("cold browser");
    let t = timings(&browser).await;
    // The page diagnosed the text with the index to learn which shards it needs, then read them before mounting.
    let at = |key: &str| t[key].as_f64().unwrap_or_else(|| panic!("no {key} in {t}"));
    for (before, after) in
        [("index_read", "share_diagnosed"), ("share_diagnosed", "shards_loaded"), ("shards_read", "mounted")]
    {
        assert!(at(before) <= at(after), "{before} after {after}: {t}");
    }
    assert!(browser.text(".finding .actions").await.expect("the finding's actions").contains("ecs:DescribeInstances"));
    browser.close().await.expect("close");
}
