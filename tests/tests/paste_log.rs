//! Paste → diagnosis of a 1 MB log: a log pasted into the page's box (the whole value at once, then one `input`
//! event, as a paste does), timed in the page from the paste to the first frame showing the final diagnosis.
//! The page diagnoses after the typing pause (`DEBOUNCE` in `src/app.rs`, 250 ms), so that pause is in the time.
//!
//! `cargo xtask test` runs it once on a log made here, to prove the path; `cargo xtask bench` sets
//! `RAM_DOCTOR_PASTE_LOG` to its generated 1 MB log and `RAM_DOCTOR_PASTES` to the number of pastes (each in a
//! fresh page), and reads the `paste-diagnosis: {…}` lines this prints.

use std::fmt::Write;

use ram_doctor_e2e::samples::ECS_FORBIDDEN;
use ram_doctor_e2e::{Browser, Viewport};
use serde_json::{json, Value};

/// The page's limit for a diagnosed text (`MAX_DIAGNOSED_BYTES` in `src/input_check.rs`): the log stays within it.
const LOG_BYTES: usize = 1024 * 1024;

/// Pastes the log and, in the page, waits for the final diagnosis: `{ms, findings}` or `{error}`.
const PASTE_AND_TIME: &str = r##"
const text = arguments[0], done = arguments[arguments.length - 1];
const shown = "#results[data-state='ready'] .finding, #results[data-state='ready'] #no-error";
if (document.querySelector(shown)) { done({ error: "results were shown before the paste" }); return; }
const input = document.querySelector("#input");
input.focus();
const start = performance.now();
input.value = text;
input.dispatchEvent(new Event("input", { bubbles: true }));
const poll = () => {
  if (document.querySelector(shown)) {
    // The frame that shows it.
    requestAnimationFrame(() => done({
      ms: performance.now() - start,
      findings: document.querySelectorAll("#results .finding").length,
    }));
  } else if (performance.now() - start > 25000) {
    done({ error: "no diagnosis 25 s after the paste" });
  } else {
    requestAnimationFrame(poll);
  }
};
requestAnimationFrame(poll);
"##;

/// A log of application lines with the ECS error in its middle, just under [`LOG_BYTES`].
fn made_log() -> String {
    let mut log = String::with_capacity(LOG_BYTES);
    let mut n = 0u32;
    let line = |log: &mut String, n: u32| {
        let _ = writeln!(
            log,
            "2026-03-14T09:{:02}:{:02}.{:03}Z INFO  [worker-{}] c.e.shop.OrderService - handled order {n:08} in {} ms",
            n / 60 % 60,
            n % 60,
            n % 1000,
            n % 16,
            n % 900
        );
    };
    while log.len() < LOG_BYTES / 2 {
        line(&mut log, n);
        n += 1;
    }
    log.push_str(ECS_FORBIDDEN);
    log.push('\n');
    while log.len() < LOG_BYTES - 200 {
        line(&mut log, n);
        n += 1;
    }
    log
}

/// Waits until the page has mounted (its `main` ran and drew the empty page).
async fn wait_mounted(browser: &Browser) {
    let mounted = "return performance.getEntriesByName('ram-doctor:mounted', 'mark').length > 0;";
    for _ in 0..400 {
        if browser.run(mounted, vec![]).await.expect("mark") == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the page never mounted");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_pasted_1_mb_log_is_diagnosed_and_timed() {
    let given = std::env::var_os("RAM_DOCTOR_PASTE_LOG");
    let log = match &given {
        Some(path) => std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")),
        None => made_log(),
    };
    assert!(log.len() <= LOG_BYTES && log.len() > LOG_BYTES * 9 / 10, "{} bytes", log.len());
    let pastes: usize = std::env::var("RAM_DOCTOR_PASTES").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    for _ in 0..pastes {
        let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
        browser.wait_for("#input").await.expect("the input box");
        wait_mounted(&browser).await;
        let timed = browser.run_async(PASTE_AND_TIME, vec![json!(log)]).await.expect("paste and time");
        assert!(timed["error"].is_null(), "{timed}");
        assert!(timed["findings"].as_u64().is_some_and(|n| n > 0), "no finding for the log: {timed}");
        // The whole log was diagnosed: no notice that only its start was read.
        assert!(!browser.has("#input-too-long").await.expect("query"), "the log was cut");
        if given.is_none() {
            let actions = browser.texts(".finding .actions").await.expect("the findings' actions");
            assert!(actions.iter().any(|a| a.contains("ecs:DescribeInstances")), "{actions:?}");
        }
        println!("paste-diagnosis: {timed}");
        browser.close().await.expect("close");
    }
}
