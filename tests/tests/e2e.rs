//! Journeys through the real page in headless Chromium, served by the real proxy binary.
//!
//! `#[ignore]`d so plain `cargo test` stays fast and needs no browser; `cargo xtask test` builds the page and
//! the proxy and runs them with `--ignored`, setting RAM_DOCTOR_DIST and RAM_DOCTOR_PROXY_BIN.

use ram_doctor_e2e::{Browser, Viewport};

/// A 30-character AccessKey secret shape (not a real key) that must never reach the share link.
const FAKE_SECRET: &str = "Zq8Xw3Lm0Np5Rs7Tu9Vb2Cd4Ef6Gh1";

/// Fails the test if the page raised an uncaught error (a Rust panic in the wasm shows up as one).
async fn assert_no_page_errors(browser: &Browser) {
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn text_without_an_error_says_so_and_empty_input_gives_a_hint() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");

    let hint = browser.text("#hint").await.expect("hint on an empty page");
    assert!(hint.contains("Paste an error"), "hint: {hint}");

    browser
        .paste("#input", "Deployed version 1.4.2 to production at 10:31. All health checks green, 0 errors.")
        .await
        .expect("paste");
    let none = browser.text("#no-error").await.expect("no-error notice");
    assert!(none.contains("No Alibaba Cloud error found"), "notice: {none}");
    assert!(!browser.has(".finding").await.expect("query"), "no finding for plain text");

    // Garbage of every kind still leaves the page standing.
    browser.paste("#input", "{\"Code\": \u{0}\u{7f} ]]]] <Error><Code>").await.expect("paste garbage");
    browser.wait_for("#no-error, .finding").await.expect("a result for garbage");
    assert!(browser.has("#input").await.expect("query") && browser.has("#diagnose").await.expect("query"));
    browser.screenshot("no-error").await.expect("screenshot");

    browser.paste("#input", "   \n  ").await.expect("paste blanks");
    browser.wait_for("#hint").await.expect("blank text is empty input");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn share_link_carries_the_text_without_secrets() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    let pasted = format!(
        "{{\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\",\
         \"AccessDeniedDetail\":{{\"AuthAction\":\"ecs:DescribeInstances\"}}}}\nAccessKeySecret: {FAKE_SECRET}\n权限不足"
    );
    browser.paste("#input", &pasted).await.expect("paste");
    browser.click("#diagnose").await.expect("diagnose");
    let link = browser.value("#share-link").await.expect("share link");
    assert!(link.starts_with(&browser.base_url) && link.contains("#t="), "link: {link}");
    assert!(!link.contains(FAKE_SECRET), "the secret leaked into the link: {link}");
    assert_eq!(browser.url().await.expect("url"), link, "the address bar holds the share link");
    let results_before = browser.text("#results").await.expect("results");

    // A new visit with the link shows the same text (minus the secret) and the same diagnosis.
    browser.leave().await.expect("leave");
    browser.goto(&link).await.expect("open the link");
    let restored = browser.value("#input").await.expect("input");
    assert!(!restored.contains(FAKE_SECRET), "secret came back: {restored}");
    assert_eq!(restored, pasted.replace(FAKE_SECRET, "<redacted>"));
    let results_after = browser.text("#results").await.expect("results");
    assert_eq!(results_after, results_before);
    browser.screenshot("share-link").await.expect("screenshot");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn language_toggle_switches_the_ui_to_chinese() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    let english = browser.text("#diagnose").await.expect("button");
    browser.click("#lang-toggle").await.expect("toggle");
    let chinese = browser.text("#diagnose").await.expect("button");
    assert_eq!((english.as_str(), chinese.as_str()), ("Diagnose", "诊断"));
    browser.paste("#input", "hello").await.expect("paste");
    let none = browser.text("#no-error").await.expect("notice");
    assert!(none.contains("未发现阿里云错误"), "notice: {none}");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn page_fits_a_phone() {
    let browser = Browser::open(Viewport::PHONE).await.expect("browser");
    browser.click("#example-api-json").await.expect("example");
    browser.wait_for("#no-error, .finding").await.expect("result");
    let widths = browser
        .run("return [document.documentElement.scrollWidth, window.innerWidth];", vec![])
        .await
        .expect("widths");
    let (scroll, inner) = (widths[0].as_u64().unwrap_or(u64::MAX), widths[1].as_u64().unwrap_or(0));
    assert!(inner <= 400, "the window is phone-sized ({inner}px)");
    assert!(scroll <= inner, "the page scrolls sideways at {inner}px: {scroll}px wide");
    browser.screenshot("phone").await.expect("screenshot");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}
