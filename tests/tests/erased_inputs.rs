//! Form state through redraws. The page is built with `--cfg erase_components`, and tachys then redraws an element
//! in place by removing every attribute it set and setting each again; these journeys choose an identity kind (the
//! fix panel's `<select>`) and a system policy (apply's radios), redraw the page around them (language, format,
//! a new diagnosis, a policy edit, a share link, another product) and check that what is shown checked or
//! selected is still what the page will use.
//!
//! `#[ignore]`d like every browser journey: `cargo xtask test` builds the page and runs them.

use ram_doctor_e2e::keys::ENTER;
use ram_doctor_e2e::samples::{ECS_FORBIDDEN, TWO_PRODUCTS_CONSOLE};
use ram_doctor_e2e::{AccessKey, Browser, Emulator, Viewport};
use serde_json::{json, Value};

const KIND: &str = "#target-kind";
/// The denied user the live journey names, seeded in the emulator.
const USER: &str = "dev-alice";

async fn run(browser: &Browser, script: &str, args: Vec<Value>) -> Value {
    browser.run(script, args).await.unwrap_or_else(|e| panic!("script failed ({e}): {script}"))
}

/// Polls `script` until it returns `true`; panics with `what` after 10 s.
async fn wait_until(browser: &Browser, script: &str, args: Vec<Value>, what: &str) {
    for _ in 0..100 {
        if run(browser, script, args.clone()).await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Chooses `value` in the `<select>` as a user does (the option becomes selected, one `change` event).
async fn choose_kind(browser: &Browser, value: &str) {
    let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
                  el.dispatchEvent(new Event('change', { bubbles: true }));";
    run(browser, script, vec![json!(KIND), json!(value)]).await;
}

/// The identity kind shown selected is `kind`, and it is the one the page uses: the name box beside it is
/// labelled for that kind (its label follows the page's state, not the `<select>`).
async fn assert_kind_shown(browser: &Browser, kind: &str, after: &str) {
    browser.wait_for(KIND).await.expect("the identity kind");
    let shown = run(
        browser,
        "const select = document.querySelector(arguments[0]); \
         const chosen = [...select.options].filter(o => o.selected); \
         return { value: select.value, chosen: chosen.map(o => o.value), text: chosen.map(o => o.textContent.trim()), \
                  used: document.querySelector('#target-name').getAttribute('aria-label') };",
        vec![json!(KIND)],
    )
    .await;
    assert_eq!(shown["value"], kind, "after {after}, the kind shown is still {kind}: {shown}");
    assert_eq!(shown["chosen"], json!([kind]), "after {after}, one option is selected: {shown}");
    assert_eq!(shown["text"][0], shown["used"], "after {after}, the kind shown is the kind used: {shown}");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn the_chosen_identity_kind_survives_every_redraw() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    browser.diagnose(ECS_FORBIDDEN).await.expect("a final diagnosis");
    browser.wait_until_settled().await.expect("the results settle");
    choose_kind(&browser, "role").await;
    assert_kind_shown(&browser, "role", "choosing it").await;

    browser.switch_language().await.expect("中文");
    assert_kind_shown(&browser, "role", "switching to Chinese").await;
    browser.switch_language().await.expect("English");
    assert_kind_shown(&browser, "role", "switching back to English").await;

    browser.click("#fix-tab-terraform").await.expect("Terraform tab");
    assert_kind_shown(&browser, "role", "another format").await;

    browser.click("#diagnose").await.expect("diagnose again");
    browser.wait_for_diagnosis().await.expect("a final diagnosis");
    assert_kind_shown(&browser, "role", "diagnosing again").await;

    // A text with no plan hides the fix panel; the error again brings it back with the kind kept.
    browser.diagnose("nothing went wrong here").await.expect("no error");
    browser.diagnose(ECS_FORBIDDEN).await.expect("a final diagnosis");
    browser.wait_until_settled().await.expect("the results settle");
    assert_kind_shown(&browser, "role", "a diagnosis with no plan and back").await;

    browser.click("#editor-0-0 summary").await.expect("open the editor");
    browser.paste("#action-search-0-0", "StartInstance").await.expect("search");
    browser
        .click("#editor-0-0 .editor__add-tick[data-action='ecs:StartInstance']")
        .await
        .expect("tick ecs:StartInstance");
    wait_until(
        &browser,
        "return document.querySelector('#fix-output').textContent.includes('ecs:StartInstance');",
        vec![],
        "the edit in the fix",
    )
    .await;
    assert_kind_shown(&browser, "role", "editing the policy").await;

    // A share link opened on the page sets the kind from the page's state, after the user picked another.
    let link = run(&browser, "return location.hash;", vec![]).await;
    assert!(link.as_str().is_some_and(|h| h.len() > 1), "the address bar carries the state: {link}");
    choose_kind(&browser, "group").await;
    assert_kind_shown(&browser, "group", "choosing another").await;
    choose_kind(&browser, "user").await;
    assert_kind_shown(&browser, "user", "choosing a third").await;
    let user_label =
        run(&browser, "return document.querySelector('#target-name').getAttribute('aria-label');", vec![]).await;
    run(&browser, "location.hash = arguments[0];", vec![link]).await;
    wait_until(
        &browser,
        "return document.querySelector('#target-name').getAttribute('aria-label') !== arguments[0];",
        vec![user_label],
        "the link's kind",
    )
    .await;
    assert_kind_shown(&browser, "role", "opening a link").await;

    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
    browser.close().await.expect("close");
}

/// The indexes of apply's system-policy radios that are checked, and the policy names beside them.
async fn checked_radios(browser: &Browser) -> Value {
    run(
        browser,
        "const radios = [...document.querySelectorAll('#apply-system input')]; \
         const on = radios.filter(r => r.checked); \
         return { checked: on.map(r => radios.indexOf(r)), names: on.map(r => r.value), \
                  group: [...document.getElementsByName('apply-system')].filter(r => r.checked).length, \
                  radios: radios.length };",
        vec![],
    )
    .await
}

/// Exactly the radio of `name` is checked, in its group too.
async fn assert_policy_shown(browser: &Browser, name: &str, after: &str) {
    browser.wait_for("#apply-system input").await.expect("the system policies");
    let shown = checked_radios(browser).await;
    assert_eq!(shown["names"], json!([name]), "after {after}, {name} is still the one checked: {shown}");
    assert_eq!(shown["group"], 1, "after {after}, one radio of the group is checked: {shown}");
}

/// Chooses `code` in the product picker of the first finding, by typing it and pressing Enter.
async fn pick_product(browser: &Browser, code: &str) {
    let picker = "#product-picker-0";
    browser.click(picker).await.expect("focus the picker");
    browser.paste(picker, code).await.expect("type the product");
    browser.type_text(picker, ENTER).await.expect("enter");
    wait_until(
        browser,
        "return document.querySelector(arguments[0]).value.includes(arguments[1]);",
        vec![json!(picker), json!(code)],
        "the chosen product",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn the_chosen_system_policy_survives_every_redraw() {
    let admin = AccessKey::random();
    let state = json!({
        "account_id": "1234567890123456",
        "users": [
            { "name": USER, "id": "204588330455123456", "policies": [] },
            { "name": "admin", "access_keys": [admin.id], "policies": [{ "type": "System", "name": "AdministratorAccess" }] }
        ]
    });
    let emulator = Emulator::start(&[&admin], &state, &[]).expect("emulator");
    let browser = Browser::open_live(Viewport::DESKTOP, &emulator).await.expect("browser");
    // The console's sentence near two products: the picker chooses, and apply offers that product's system
    // policies (no action is known, so no custom policy).
    browser.diagnose(TWO_PRODUCTS_CONSOLE).await.expect("a final diagnosis");
    browser.wait_until_settled().await.expect("the results settle");
    pick_product(&browser, "ecs").await;
    browser.paste("#key-id", &admin.id).await.expect("key id");
    browser.paste("#key-secret", &admin.secret).await.expect("key secret");
    browser.paste("#target-name", USER).await.expect("name the user");
    browser.click("#gap-button").await.expect("gap");
    browser.wait_for("#apply-system input").await.expect("the system policies");
    let offered = checked_radios(&browser).await;
    assert!(offered["radios"].as_u64().is_some_and(|n| n >= 2), "a choice to make: {offered}");

    browser.click("#apply-system-1").await.expect("choose the second");
    let chosen = checked_radios(&browser).await["names"][0].as_str().expect("a chosen policy").to_string();
    assert_policy_shown(&browser, &chosen, "choosing it").await;

    browser.switch_language().await.expect("中文");
    assert_policy_shown(&browser, &chosen, "switching to Chinese").await;
    browser.switch_language().await.expect("English");
    assert_policy_shown(&browser, &chosen, "switching back to English").await;

    browser.click("#fix-tab-cli").await.expect("CLI tab");
    assert_policy_shown(&browser, &chosen, "another format").await;

    browser.click("#diagnose").await.expect("diagnose again");
    browser.wait_for_diagnosis().await.expect("a final diagnosis");
    assert_policy_shown(&browser, &chosen, "diagnosing again").await;

    browser.click("#gap-button").await.expect("gap again");
    assert_policy_shown(&browser, &chosen, "computing the gap again").await;

    // Another product redraws the radios in place (the same elements: each attribute, `name` too, removed and
    // set again, with the other product's names); coming back shows the same choice.
    pick_product(&browser, "oss").await;
    wait_until(
        &browser,
        "return [...document.querySelectorAll('#apply-system input')].some(r => r.value.includes('OSS'));",
        vec![],
        "the other product's policies",
    )
    .await;
    let other = checked_radios(&browser).await;
    assert_eq!(other["group"], 1, "another product: one radio checked: {other}");
    pick_product(&browser, "ecs").await;
    wait_until(
        &browser,
        "return [...document.querySelectorAll('#apply-system input')].some(r => r.value.includes('ECS'));",
        vec![],
        "the first product's policies",
    )
    .await;
    assert_policy_shown(&browser, &chosen, "another product and back").await;

    // What is shown checked is what apply plans.
    browser.click("#apply-plan").await.expect("plan");
    let steps = browser.texts("#apply-diff .change__step").await.expect("steps");
    assert!(steps.len() == 1 && steps[0].contains(&chosen), "apply plans the checked policy {chosen}: {steps:?}");

    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
    browser.close().await.expect("close");
}
