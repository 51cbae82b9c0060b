//! Accessibility: axe-core (the pinned npm package the xtask installs, injected into the page under test) finds
//! no serious or critical violation, nor headings out of order, in any of the page's main states — light and dark, English and Chinese,
//! desktop and phone, and the live panel in demo mode — and the main journey works with the keyboard alone.
//!
//! `#[ignore]`d like the other browser tests; `cargo xtask test` runs them with RAM_DOCTOR_AXE set as well.

use ram_doctor_e2e::keys::{ENTER, TAB};
use ram_doctor_e2e::samples::ECS_FORBIDDEN;
use ram_doctor_e2e::{AccessKey, Browser, Emulator, PageState, Viewport};
use serde_json::{json, Value};

/// Fails with every violation axe finds on the page as it is now that the bar forbids (serious, critical, and
/// `heading-order`): rule, impact, targets.
async fn assert_accessible(browser: &Browser, state: &str) {
    let violations = browser.axe().await.expect("axe-core runs in the page");
    // The lesser ones are worth reading in the test's output, not worth failing over.
    for minor in violations.iter().filter(|v| !v.fails()) {
        eprintln!("{state}: {minor}");
    }
    let failing: Vec<String> = violations.iter().filter(|v| v.fails()).map(ToString::to_string).collect();
    assert!(failing.is_empty(), "{state}: axe-core reports\n  {}", failing.join("\n  "));
}

/// Every main state, reached from a fresh load in `viewport`, in Chinese when `chinese`.
async fn check_every_state(viewport: Viewport, chinese: bool, label: &str) {
    let browser = Browser::open(viewport).await.expect("browser");
    let dark = browser.run("return matchMedia('(prefers-color-scheme: dark)').matches;", vec![]).await.expect("media");
    assert_eq!(dark, viewport.dark, "the browser asks for the {} scheme", if viewport.dark { "dark" } else { "light" });
    for state in PageState::ALL {
        browser.leave().await.expect("leave");
        browser.goto(&browser.base_url.clone()).await.expect("fresh page");
        if chinese {
            browser.switch_language().await.expect("to Chinese");
            let lang = browser.run("return document.documentElement.lang;", vec![]).await.expect("lang");
            assert_eq!(lang, "zh-CN", "the page is in Chinese");
        }
        state.reach(&browser).await.unwrap_or_else(|e| panic!("{label}, {}: {e}", state.name()));
        assert_accessible(&browser, &format!("{label}, {}", state.name())).await;
    }
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn axe_reports_a_field_without_a_label_and_faint_text() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    // (Styled through the DOM: the page's CSP ignores style attributes.)
    browser
        .run(
            "const main = document.querySelector('main'); \
             main.insertAdjacentHTML('beforeend', '<input id=\"unlabelled\" type=\"text\">'); \
             main.insertAdjacentHTML('beforeend', '<p id=\"faint\">faint text</p>'); \
             Object.assign(document.querySelector('#faint').style, { color: '#ccc', background: '#fff' });",
            vec![],
        )
        .await
        .expect("add two faults");
    let violations = browser.axe().await.expect("axe-core runs in the page");
    let found = |id: &str, target: &str| {
        violations.iter().any(|v| v.id == id && v.is_serious() && v.targets.iter().any(|t| t == target))
    };
    assert!(found("label", "#unlabelled"), "axe names the field without a label: {violations:?}");
    assert!(found("color-contrast", "#faint"), "axe names the faint text: {violations:?}");

    // A heading that skips a level (h1 → h4) is moderate, and still fails the bar.
    browser
        .run("document.querySelector('main').insertAdjacentHTML('afterbegin', '<h4 id=\"skipped\">deep</h4>');", vec![])
        .await
        .expect("add a skipped heading level");
    let violations = browser.axe().await.expect("axe-core runs in the page");
    let skipped = violations.iter().find(|v| v.id == "heading-order" && v.targets.iter().any(|t| t == "#skipped"));
    assert!(skipped.is_some_and(|v| v.fails() && !v.is_serious()), "axe names the skipped level: {violations:?}");
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn every_main_state_passes_axe_in_english() {
    check_every_state(Viewport::DESKTOP, false, "desktop, English").await;
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn every_main_state_passes_axe_in_chinese() {
    check_every_state(Viewport::DESKTOP, true, "desktop, Chinese").await;
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn every_main_state_passes_axe_in_the_dark_theme() {
    check_every_state(Viewport::DESKTOP_DARK, false, "desktop, dark").await;
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn every_main_state_passes_axe_on_a_phone() {
    check_every_state(Viewport::PHONE, false, "phone").await;
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator, axe-core and Chromium: run `cargo xtask test`"]
async fn the_live_panel_in_demo_mode_passes_axe() {
    let (admin, reader) = (AccessKey::random(), AccessKey::random());
    let state = json!({
        "account_id": "1234567890123456",
        "users": [
            { "name": "dev-alice", "id": "204588330455123456", "policies": [{ "type": "System", "name": "AliyunOSSReadOnlyAccess" }] },
            { "name": "ram-reader", "access_keys": [reader.id], "policies": [{ "type": "System", "name": "AliyunRAMReadOnlyAccess" }] }
        ]
    });
    let emulator = Emulator::start(&[&admin, &reader], &state, &[]).expect("emulator");
    // What `cargo xtask serve --demo` writes next to the page.
    let dist = ram_doctor_e2e::dist_copy("a11y-demo").expect("a copy of the page");
    let demo = json!({
        "keys": [
            { "label": "account (may apply)", "access_key_id": admin.id, "access_key_secret": admin.secret },
            { "label": "ram-reader (read-only)", "access_key_id": reader.id, "access_key_secret": reader.secret }
        ],
        "error": ECS_FORBIDDEN,
    });
    std::fs::write(dist.join("demo.json"), demo.to_string()).expect("demo.json");
    for viewport in [Viewport::DESKTOP, Viewport::DESKTOP_DARK] {
        let browser = Browser::open_live_from(viewport, &emulator, &dist).await.expect("browser");
        browser.wait_for("#demo").await.expect("the demo box");
        assert_accessible(&browser, "live panel, demo keys").await;
        browser.click("#demo-error").await.expect("paste the demo error");
        browser.wait_for_diagnosis().await.expect("the demo error is diagnosed");
        browser.click("#demo-key-0").await.expect("use the account key");
        browser.click("#whoami-button").await.expect("who am I");
        browser.wait_for("#whoami-result .whoami__type").await.expect("who am I answers");
        browser.click("#gap-button").await.expect("gap");
        browser.wait_for("#gap-result .verdict").await.expect("the gap");
        browser.click("#apply-plan").await.expect("plan the change");
        browser.wait_for("#apply-confirm").await.expect("the change, shown before it is made");
        browser.click("#key-policy summary").await.expect("open the key's policy");
        assert_accessible(&browser, &format!("live panel, who am I, gap and change (dark: {})", viewport.dark)).await;
        browser.close().await.expect("close");
    }
    let _ = std::fs::remove_dir_all(&dist);
}

/// What has the focus: its id (or tag and classes), and whether a focus indicator is drawn around it.
const FOCUSED: &str = r#"
const el = document.activeElement;
const style = getComputedStyle(el);
const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
const shadowed = style.boxShadow !== 'none';
return { selector: el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.'),
         matches: el.matches(arguments[0]), visible: outlined || shadowed };
"#;

/// Presses Tab until the focus is on an element matching `css`; every element the focus passes shows a focus
/// indicator. Returns how many presses it took.
async fn tab_to(browser: &Browser, css: &str) -> usize {
    let mut path = Vec::new();
    for presses in 1..=60 {
        browser.press(TAB).await.expect("Tab");
        let focused: Value = browser.run(FOCUSED, vec![json!(css)]).await.expect("the focused element");
        let selector = focused["selector"].as_str().unwrap_or_default().to_string();
        assert_eq!(focused["visible"], true, "{selector} has the focus but shows no focus indicator (after {path:?})");
        path.push(selector);
        if focused["matches"] == true {
            return presses;
        }
    }
    panic!("Tab never reached {css}; the focus went through {path:?}");
}

#[tokio::test]
#[ignore = "needs the built page, axe-core and Chromium: run `cargo xtask test`"]
async fn the_main_journey_works_with_the_keyboard_alone() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    // From the top of the page: the paste box comes within the first few stops.
    let presses = tab_to(&browser, "#input").await;
    assert!(presses <= 3, "the paste box is the first thing after the header ({presses} Tabs)");
    browser.press(ECS_FORBIDDEN).await.expect("type the error");
    tab_to(&browser, "#diagnose").await;
    browser.press(ENTER).await.expect("Enter on Diagnose");
    browser.wait_for_diagnosis().await.expect("a diagnosis");
    browser.wait_until_settled().await.expect("the cards settle");
    // On to the custom policy's copy button, through the finding card (its scrolling evidence included).
    tab_to(&browser, "#finding-0 .code-block .copy").await;
    browser.press(ENTER).await.expect("Enter on Copy");
    let copied = browser.text("#finding-0 .code-block .copy--done").await.expect("the copy button confirms");
    assert_eq!(copied, "Copied");
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
    browser.close().await.expect("close");
}
