//! The workbench's journeys in headless Chromium against the real proxy: many errors and one grant, the
//! whole-state share link, hostile input, downloads beside each copy button, the crash banner, and cards that
//! keep what the user is doing when a late catalog shard arrives.
//!
//! `#[ignore]`d like the other browser tests: `cargo xtask test` builds the page and runs them.

use ram_doctor_core::redact::{redact, RedactOptions};
use ram_doctor_core::share::{decode, outgoing, ShareState};
use ram_doctor_e2e::{Browser, Viewport};
use serde_json::{json, Value};

/// A 30-character AccessKey secret shape (not a real key) that must never reach a link or storage.
const FAKE_SECRET: &str = "Zq8Xw3Lm0Np5Rs7Tu9Vb2Cd4Ef6Gh1";

/// One refused request, as the API returns it.
fn forbidden(request_id: &str, action: &str) -> String {
    format!(
        r#"{{"RequestId":"{request_id}","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{{"AuthAction":"{action}","AuthPrincipalType":"SubUser","AuthPrincipalOwnerId":"1234567890123456","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}}}}"#
    )
}

/// One refused request followed by the client's configuration, AccessKey secret included.
fn error_with_secret() -> String {
    format!("{}\nAccessKeySecret: {FAKE_SECRET}", forbidden("7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F", "ecs:StopInstance"))
}

/// A log: three refusals of one action (three requests) and one of another product's, a paragraph each.
fn log_with_repeats() -> String {
    [
        forbidden("6A1F0C2E-0001-4A3B-9C1D-2E3F4A5B6C7D", "ecs:DescribeInstances"),
        forbidden("6A1F0C2E-0002-4A3B-9C1D-2E3F4A5B6C7D", "ecs:DescribeInstances"),
        forbidden("6A1F0C2E-0003-4A3B-9C1D-2E3F4A5B6C7D", "rds:DescribeDBInstances"),
        forbidden("6A1F0C2E-0004-4A3B-9C1D-2E3F4A5B6C7D", "ecs:DescribeInstances"),
    ]
    .iter()
    .enumerate()
    .map(|(n, e)| format!("2026-12-06 10:00:0{n} ERROR request failed: {e}"))
    .collect::<Vec<_>>()
    .join("\n\n")
}

/// The state the address bar's link carries, read with core's decoder.
async fn link_state(browser: &Browser) -> ShareState {
    let url = browser.url().await.expect("url");
    let fragment = url.split_once('#').map(|(_, f)| f.to_string()).unwrap_or_default();
    decode(&fragment).expect("the page writes readable links").expect("a link")
}

async fn assert_no_page_errors(browser: &Browser) {
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
}

/// The text of the fix in the JSON format.
async fn fix_json(browser: &Browser) -> String {
    browser.click("#fix-tab-json").await.expect("JSON tab");
    browser.text("#fix-output").await.expect("fix output")
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn many_errors_give_one_table_and_one_grant_with_rows_left_out() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    browser.diagnose(&log_with_repeats()).await.expect("a final diagnosis");
    let rows = browser.texts("#errors tbody tr").await.expect("rows");
    assert_eq!(rows.len(), 2, "a repeated error is one row: {rows:?}");
    assert!(rows[0].contains("ecs:DescribeInstances") && rows[0].contains("×3"), "{}", rows[0]);
    assert!(rows[1].contains("rds:DescribeDBInstances") && rows[1].contains("×1"), "{}", rows[1]);
    assert!(rows[0].contains("Missing permission") && rows[0].contains("ecs"), "kind and product: {}", rows[0]);

    // One grant for both products.
    let both = fix_json(&browser).await;
    assert!(both.contains("ecs:DescribeInstances") && both.contains("rds:DescribeDBInstances"), "{both}");

    // Leaving the RDS row out: the grant updates, and the link remembers it.
    browser.click("#error-keep-1").await.expect("untick");
    let mut ecs_only = String::new();
    for _ in 0..50 {
        ecs_only = browser.text("#fix-output").await.expect("fix output");
        if !ecs_only.contains("rds:") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ecs_only.contains("ecs:DescribeInstances") && !ecs_only.contains("rds:"), "{ecs_only}");
    assert_eq!(link_state(&browser).await.left_out, [1]);
    let checked =
        browser.run("return document.querySelector('#error-keep-1').checked;", vec![]).await.expect("checked");
    assert_eq!(checked, json!(false));

    // The link brings the table back with the same row left out.
    let url = browser.url().await.expect("url");
    browser.leave().await.expect("leave");
    browser.goto(&url).await.expect("open the link");
    browser.wait_for("#errors #error-keep-1").await.expect("table");
    let restored = fix_json(&browser).await;
    assert!(!restored.contains("rds:") && restored.contains("ecs:DescribeInstances"), "{restored}");
    browser.screenshot("workbench-many-errors").await.expect("screenshot");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn the_link_carries_the_whole_state_and_old_links_still_open() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    let pasted = error_with_secret();
    browser.diagnose(&pasted).await.expect("a final diagnosis");
    browser
        .run(
            "const s = document.querySelector('#target-kind'); s.value = 'role'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .expect("kind");
    browser.type_text("#target-name", "ops-runner").await.expect("name");
    browser.click("#fix-tab-terraform").await.expect("terraform");
    browser.click("#lang-toggle").await.expect("Chinese");

    let url = browser.url().await.expect("url");
    // Versioned, naming the catalog shards its diagnosis reads in clear (RAM codes only) before the state.
    assert!(url.contains("#v=2&c="), "versioned: {url}");
    assert!(!url.contains(FAKE_SECRET), "{url}");
    let state = link_state(&browser).await;
    assert_eq!(state.text, redact(&pasted, &RedactOptions::default()).text, "the text as core redacts it");
    let shards = state.shards.clone().expect("the link names its shards");
    assert!(url.contains(&format!("#v=2&c={}&s=", shards.join(","))), "{url}");
    assert_eq!(
        (
            state.target_kind.map(|k| k.as_str()),
            state.target_name.as_deref(),
            state.format.as_deref(),
            state.lang.as_deref()
        ),
        (Some("role"), Some("ops-runner"), Some("terraform"), Some("zh"))
    );
    // The preview lists what the link carries besides the text, with the credential cut and the ids masked.
    browser.click("#share-preview summary").await.expect("open the preview");
    let preview = browser.text(".share__preview-text").await.expect("preview");
    assert_eq!(preview, state.text, "the preview is exactly the link's text");
    assert!(!preview.contains("1234567890123456") && preview.contains("************3456"), "{preview}");
    let items = browser.text("#share-state").await.expect("state items");
    assert!(items.contains("role:ops-runner") && items.contains("terraform"), "{items}");
    // The toggle reveals account ids (never the secret).
    browser.click("#share-reveal-ids").await.expect("reveal");
    let revealed = browser.text(".share__preview-text").await.expect("preview");
    assert!(revealed.contains("1234567890123456") && !revealed.contains(FAKE_SECRET), "{revealed}");
    browser.click("#share-reveal-ids").await.expect("mask again");

    // A fresh visit restores every choice.
    browser.leave().await.expect("leave");
    browser.goto(&url).await.expect("open the link");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("diagnosis");
    assert_eq!(browser.value("#target-name").await.expect("name"), "ops-runner");
    assert_eq!(browser.value("#target-kind").await.expect("kind"), "role");
    let active = browser
        .run("return document.querySelector('#fix-tab-terraform').getAttribute('aria-selected');", vec![])
        .await
        .expect("tab");
    assert_eq!(active, json!("true"));
    let lang = browser.run("return document.documentElement.lang;", vec![]).await.expect("lang");
    assert_eq!(lang, json!("zh-CN"));
    assert!(browser.text("#fix-output").await.expect("output").contains("alicloud_ram"), "the Terraform output");

    // A link of the first format (`t=` raw deflate, `l=`) still opens.
    let old = "TYzBCYBADARbSQFiH5YRclEDmj2S3MPuPfDjbxiG2TzHvpuYelHXuC3T4LlQv5RTSeDFUlTn5AujEYtgzJrbbW5ZwYWgAh3BUz8YX4wIzQ5v5sd_vb4";
    browser.leave().await.expect("leave");
    browser.goto(&format!("{}#t={old}&l=en", browser.base_url)).await.expect("old link");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("diagnosis");
    assert!(
        browser.value("#input").await.expect("input").starts_with("Insufficient permissions"),
        "the old link's text"
    );
    assert!(!browser.has("#link-error").await.expect("query"));
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn hostile_pastes_and_links_render_as_text_and_the_page_keeps_working() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    let payload = r#"<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Forbidden.RAM ecs:DescribeInstances"#;
    browser.diagnose(payload).await.expect("a final diagnosis");
    let pwned = || {
        browser.run(
            "return window.__pwned === undefined && document.querySelectorAll('main img, main script').length === 0;",
            vec![],
        )
    };
    assert_eq!(pwned().await.expect("check"), json!(true), "the paste ran as markup");
    browser.click("#share-preview summary").await.expect("preview");
    assert!(
        browser.text(".share__preview-text").await.expect("preview").contains("<img src=x onerror="),
        "shown as text"
    );

    // The same payload arriving in a link.
    let link = outgoing(&ShareState { text: payload.to_string(), ..ShareState::default() }, &RedactOptions::default())
        .fragment()
        .unwrap();
    browser.leave().await.expect("leave");
    browser.goto(&format!("{}#{link}", browser.base_url)).await.expect("hostile link");
    browser.wait_for("#results[data-state='ready']").await.expect("results");
    assert_eq!(browser.value("#input").await.expect("input"), payload);
    assert_eq!(pwned().await.expect("check"), json!(true), "the link ran as markup");

    // Broken links: a clear message each, and the page still diagnoses.
    let good =
        outgoing(&ShareState { text: "Forbidden.RAM".into(), ..ShareState::default() }, &RedactOptions::default())
            .fragment()
            .unwrap();
    let mut corrupted = good.clone().into_bytes();
    let at = corrupted.len() - 10;
    corrupted[at] = if corrupted[at] == b'A' { b'B' } else { b'A' };
    let corrupted = String::from_utf8(corrupted).unwrap();
    for (fragment, says) in [
        (good[..good.len() - 9].to_string(), "incomplete"),
        (corrupted, "damaged"),
        (format!("v=2&s={}", "A".repeat(1_000_000)), "characters long"),
        ("v=9&s=AAAA".to_string(), "version 9"),
    ] {
        browser.leave().await.expect("leave");
        browser.goto(&format!("{}#{fragment}", browser.base_url)).await.expect("broken link");
        let message = browser.text("#link-error").await.expect("a message");
        assert!(message.contains(says), "{fragment:.40}: {message}");
        browser
            .diagnose(&forbidden("7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F", "ecs:StopInstance"))
            .await
            .expect("a final diagnosis");
        assert!(browser.has(".finding").await.expect("query"), "the page still works after {says}");
    }
    // A broken link typed over a page with text: the message, and the text stays.
    let before = browser.value("#input").await.expect("input");
    browser.run("location.hash = 'v=2&s=%%%';", vec![]).await.expect("hash");
    browser.wait_for("#link-error").await.expect("message");
    assert_eq!(browser.value("#input").await.expect("input"), before);

    // A 10 MB paste: read up to the limit, said so, and the page answers the next paste.
    let line = "2026-12-06 10:00:00 INFO nothing to see here, just a long log line of some service\n";
    let huge = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    browser.paste("#input", &huge).await.expect("paste 10 MB");
    let too_long = browser.text("#input-too-long").await.expect("a message");
    assert!(too_long.contains("10.0 MB"), "{too_long}");
    assert!(browser.text("#share-error").await.expect("no link").contains("bytes"), "no link for 10 MB");
    // Binary garbage.
    let garbage: String = (0u32..4000).map(|i| char::from_u32(i % 32).unwrap_or('\u{FFFD}')).collect();
    browser.paste("#input", &garbage).await.expect("paste garbage");
    browser.wait_for("#input-binary").await.expect("binary message");
    browser
        .diagnose(&forbidden("7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F", "ecs:StopInstance"))
        .await
        .expect("a final diagnosis");
    assert!(browser.has(".finding").await.expect("query"));
    assert!(!browser.has("#input-binary, #input-too-long").await.expect("query"), "the notices go with the text");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// (file name, decoded contents) of every download link inside `css`.
async fn downloads(browser: &Browser, css: &str) -> Vec<(String, String)> {
    let found = browser
        .run(
            "return [...document.querySelectorAll(arguments[0] + ' a[download]')].map(a => [a.getAttribute('download'), \
             decodeURIComponent(a.getAttribute('href').replace(/^data:[^,]*,/, ''))]);",
            vec![json!(css)],
        )
        .await
        .expect("downloads");
    serde_json::from_value(found).expect("pairs")
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn every_output_downloads_with_its_extension() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    browser
        .diagnose(&forbidden("7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F", "ecs:StopInstance"))
        .await
        .expect("a final diagnosis");
    let policy = downloads(&browser, "#finding-0 .grant").await;
    assert_eq!(policy.len(), 1, "{policy:?}");
    assert!(policy[0].0.ends_with(".json"));
    assert_eq!(policy[0].1, browser.text("#custom-policy").await.expect("policy"), "the file is the policy shown");
    serde_json::from_str::<Value>(&policy[0].1).expect("the file is JSON");
    for (tab, extensions) in [
        ("console", vec!["md"]),
        ("cli", vec!["sh", "ps1"]),
        ("terraform", vec!["tf"]),
        ("ros", vec!["yaml", "json"]),
        ("json", vec!["json"]),
    ] {
        browser.click(&format!("#fix-tab-{tab}")).await.expect("tab");
        let files = downloads(&browser, "#fix").await;
        let got: Vec<&str> = files.iter().map(|(name, _)| name.rsplit('.').next().unwrap()).collect();
        assert_eq!(got, extensions, "{tab}");
        assert!(
            files.iter().all(|(_, text)| text.contains("ecs:StopInstance") || tab == "console"),
            "{tab}: {files:?}"
        );
    }
    let link = downloads(&browser, "#share").await;
    assert_eq!(link, [("ram-doctor-link.txt".to_string(), browser.value("#share-link").await.expect("link"))]);
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_crash_shows_a_banner_that_reloads_keeping_the_text_without_secrets() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    let pasted = error_with_secret();
    browser.diagnose(&pasted).await.expect("a final diagnosis");
    let stored = || browser.run("return sessionStorage.length;", vec![]);
    assert_eq!(stored().await.expect("storage"), json!(0), "nothing stored before a crash");
    browser.run("try { window.wasmBindings.ram_doctor_panic_for_tests(); } catch (e) {}", vec![]).await.expect("panic");
    browser.wait_for("#panic-banner").await.expect("the banner");
    assert_eq!(stored().await.expect("storage"), json!(0), "nothing stored until the button is pressed");
    browser.click("#panic-reload").await.expect("reload");
    // The reload: wait for a fresh page (no banner) with the text back, minus the secret.
    let mut restored = String::new();
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let fresh = browser
            .run("return !document.querySelector('#panic-banner') && !!document.querySelector('#input');", vec![])
            .await;
        if fresh.is_ok_and(|f| f == json!(true)) {
            restored = browser.value("#input").await.expect("input");
            break;
        }
    }
    assert_eq!(
        restored,
        redact(&pasted, &RedactOptions { reveal_ids: true }).text,
        "the text came back, its secret cut"
    );
    assert_eq!(stored().await.expect("storage"), json!(0), "the stash lives for that one reload");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("diagnosed again");
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_late_shard_updates_the_cards_without_recreating_the_picker() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    // Every fetch from now on (the catalog shards) arrives 1.5 s late, and is counted when it does.
    browser
        .run(
            "window.__arrived = 0; const f = window.fetch; window.fetch = (...a) => new Promise(r => \
             setTimeout(() => { r(f(...a)); window.__arrived += 1; }, 1500));",
            vec![],
        )
        .await
        .expect("slow fetch");
    // An RDS error (its shard is fetched to measure the RDS policies) and, in its own paragraph, one whose
    // product must be chosen.
    let rds = forbidden("6A1F0C2E-0003-4A3B-9C1D-2E3F4A5B6C7D", "rds:DescribeDBInstances");
    let text = format!("{rds}\n\nMoving snapshots from ECS to OSS\n权限不足，请联系主账号管理员授权");
    browser.paste("#input", &text).await.expect("paste");
    browser.click("#diagnose").await.expect("diagnose");
    let picker = ".picker__input";
    browser.wait_for(picker).await.expect("the picker");
    let arrived = || browser.run("return window.__arrived;", vec![]);
    assert_eq!(arrived().await.expect("count"), json!(0), "the shard is still on its way");
    browser
        .run("document.querySelector('.picker__input').closest('article').__mark = 1;", vec![])
        .await
        .expect("mark the card");
    browser.click(picker).await.expect("focus");
    browser.type_text(picker, "ec").await.expect("type");
    browser.wait_for(".system-policy[data-covers='yes']").await.expect("the late shard measures the RDS policies");
    browser.wait_for("#results[data-state='ready']").await.expect("settled");
    assert!(arrived().await.expect("count").as_u64() > Some(0), "a shard arrived while the user typed");
    let same = browser
        .run(
            "const input = document.querySelector(arguments[0]); \
             return [input.closest('article').__mark === 1, document.activeElement === input, input.value];",
            vec![json!(picker)],
        )
        .await
        .expect("after");
    assert_eq!(same, json!([true, true, "ec"]), "the card, the focus and the typed query stay");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}
