//! Journeys 2 and 3 of the workbench: adjust the custom policy in its editor (controls and JSON in sync both
//! ways, the checks with their spans and one-click fixes), and try the edited policy in the simulator.
//!
//! `#[ignore]`d like every browser journey: `cargo xtask test` builds the page and runs them.

use ram_doctor_e2e::samples::ECS_FORBIDDEN;
use ram_doctor_e2e::{Browser, Viewport};
use serde_json::{json, Value};

const NEEDED: &str = "ecs:DescribeInstances";
const EDITOR: &str = "#editor-0-0";
const JSON_AREA: &str = "#policy-json-0-0";

/// Diagnoses the ECS error, waits until the page has settled and opens the first card's policy editor.
async fn open_editor(browser: &Browser) {
    browser.paste("#input", ECS_FORBIDDEN).await.expect("paste");
    browser.click("#diagnose").await.expect("diagnose");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("a final diagnosis");
    browser.wait_until_settled().await.expect("the results settle");
    browser.click(&format!("{EDITOR} summary")).await.expect("open the editor");
}

/// Polls `script` (which returns a value) until `done` accepts it; panics with the last value after 5 s.
async fn eventually(browser: &Browser, script: &str, args: Vec<Value>, done: impl Fn(&Value) -> bool) -> Value {
    let mut last = Value::Null;
    for _ in 0..50 {
        last = browser.run(script, args.clone()).await.expect("script");
        if done(&last) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("never happened: {script} → {last}");
}

/// The editor's JSON, parsed.
async fn policy(browser: &Browser) -> Value {
    let text = browser.value(JSON_AREA).await.expect("the JSON");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the editor holds JSON ({e}): {text}"))
}

/// Every action the policy's statements allow.
fn actions(policy: &Value) -> Vec<String> {
    let statements = policy["Statement"].as_array().cloned().unwrap_or_default();
    statements
        .iter()
        .flat_map(|s| s["Action"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect()
}

/// Whether the checkbox (or other input) matching `css` is checked right now.
async fn checked(browser: &Browser, css: &str) -> bool {
    browser.wait_for(css).await.expect("the checkbox");
    browser.run("return document.querySelector(arguments[0]).checked;", vec![json!(css)]).await.expect("checked")
        == Value::Bool(true)
}

/// Sets the value of the input or `<select>` matching `css` and commits it, as a user's choice, Enter or Tab
/// does (one `change` event).
async fn commit(browser: &Browser, css: &str, value: &str) {
    browser
        .run(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(css), json!(value)],
        )
        .await
        .expect("commit");
}

async fn assert_no_page_errors(browser: &Browser) {
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
}

/// An ECS action the built page's catalog marks as inferred (its level guessed from the API's verb).
fn inferred_ecs_action() -> Option<String> {
    let dist = std::env::var_os("RAM_DOCTOR_DIST")?;
    let shard: Value =
        serde_json::from_slice(&std::fs::read(std::path::Path::new(&dist).join("shards/ecs.json")).ok()?).ok()?;
    // A shard's API rows: [product, name, access level, inferred, …].
    let row = shard["apis"].as_array()?.iter().find(|row| row[3] == Value::Bool(true) && row[2] != "none")?;
    Some(format!("ecs:{}", row[1].as_str()?))
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn ticking_an_extra_action_updates_the_json_and_every_rendering() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    assert!(
        checked(&browser, &format!("{EDITOR} .editor__tick[data-action='{NEEDED}']")).await,
        "the needed action is ticked"
    );
    assert_eq!(
        browser.run("return document.querySelector('textarea').id;", vec![]).await.expect("first textarea"),
        json!("input"),
        "the paste box stays the page's first text area"
    );

    // The list offers the product's actions grouped by access level; a search narrows it.
    browser.wait_for(&format!("{EDITOR} .action-group[data-group='read']")).await.expect("the read group");
    browser.paste("#action-search-0-0", "StartInstance").await.expect("search");
    let extra =
        format!("{EDITOR} .action-group[data-group='write'] .editor__add-tick[data-action='ecs:StartInstance']");
    browser.click(&extra).await.expect("tick ecs:StartInstance");
    eventually(&browser, &format!("return document.querySelector('{JSON_AREA}').value;"), vec![], |v| {
        v.as_str().is_some_and(|t| t.contains("ecs:StartInstance"))
    })
    .await;
    let edited = policy(&browser).await;
    assert_eq!(
        actions(&edited),
        vec![NEEDED.to_string(), "ecs:StartInstance".into()],
        "one statement grants both: {edited}"
    );
    assert!(
        checked(&browser, &format!("{EDITOR} .editor__tick[data-action='ecs:StartInstance']")).await,
        "now listed as ticked"
    );
    browser.scroll_to(EDITOR).await.expect("scroll");
    browser.screenshot("policy-editor").await.expect("screenshot");

    // The card's policy and the fix panel's renderings carry the edit.
    let shown: Value =
        serde_json::from_str(&browser.text("#custom-policy").await.expect("custom policy")).expect("JSON");
    assert_eq!(shown, edited, "the card shows the edited policy");
    browser.click("#fix-tab-json").await.expect("JSON tab");
    let output = browser.text("#fix-output").await.expect("fix output");
    assert!(output.contains("ecs:StartInstance"), "the JSON rendering carries the edit: {output}");
    browser.click("#fix-tab-terraform").await.expect("Terraform tab");
    let output = browser.text("#fix-output").await.expect("fix output");
    assert!(output.contains("ecs:StartInstance"), "the Terraform rendering carries the edit: {output}");

    // Unticking takes it out again.
    browser.click(&format!("{EDITOR} .editor__tick[data-action='ecs:StartInstance']")).await.expect("untick");
    let back = eventually(&browser, &format!("return document.querySelector('{JSON_AREA}').value;"), vec![], |v| {
        v.as_str().is_some_and(|t| !t.contains("ecs:StartInstance"))
    })
    .await;
    assert!(back.as_str().unwrap().contains(NEEDED));

    // An action whose level the catalog only inferred is marked so.
    if let Some(action) = inferred_ecs_action() {
        let name = action.trim_start_matches("ecs:").to_string();
        browser.paste("#action-search-0-0", &name).await.expect("search");
        let mark = format!("{EDITOR} .editor__add-tick[data-action='{action}'] ~ .editor__inferred");
        browser.wait_for(&mark).await.unwrap_or_else(|_| panic!("{action} is marked inferred"));
    }
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn editing_the_json_updates_the_controls() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    assert_eq!(browser.value("#scope-0-0").await.expect("scope"), "exact", "the built policy is the exact scope");
    let mut edited = policy(&browser).await;
    edited["Statement"][0]["Action"] = json!([NEEDED, "ecs:StopInstance"]);
    edited["Statement"][0]["Resource"] = json!(["*"]);
    edited["Statement"][0]["Condition"] =
        json!({"Bool": {"acs:SecureTransport": ["true"]}, "IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}});
    browser.paste(JSON_AREA, &serde_json::to_string_pretty(&edited).unwrap()).await.expect("edit the JSON");

    browser
        .wait_for(&format!("{EDITOR} .editor__tick[data-action='ecs:StopInstance']"))
        .await
        .expect("the added action is listed");
    assert!(checked(&browser, &format!("{EDITOR} .editor__tick[data-action='ecs:StopInstance']")).await);
    assert_eq!(browser.value("#scope-0-0").await.expect("scope"), "any", "Resource * is the any scope");
    assert!(checked(&browser, &format!("{EDITOR} .editor__https")).await, "HTTPS only follows the condition");
    assert!(!checked(&browser, &format!("{EDITOR} .editor__mfa")).await);
    assert_eq!(browser.value("#source-ip-0-0").await.expect("source ip"), "203.0.113.0/24");

    // And the controls write back: back to the exact scope, then a source IP that is not one.
    commit(&browser, "#scope-0-0", "exact").await;
    let narrowed = eventually(&browser, &format!("return document.querySelector('{JSON_AREA}').value;"), vec![], |v| {
        v.as_str().is_some_and(|t| !t.contains("\"*\""))
    })
    .await;
    let narrowed: Value = serde_json::from_str(narrowed.as_str().unwrap()).expect("JSON");
    let resource = narrowed["Statement"][0]["Resource"][0].as_str().unwrap_or_default().to_string();
    assert!(
        resource.starts_with("acs:ecs:") && resource.contains("1234567890123456"),
        "scoped to the account: {narrowed}"
    );
    assert_eq!(narrowed["Statement"][0]["Condition"], edited["Statement"][0]["Condition"], "the conditions stay");
    let before = browser.value(JSON_AREA).await.expect("JSON");
    commit(&browser, "#source-ip-0-0", "10.0.0.300").await;
    let error = browser.text(&format!("{EDITOR} .editor__condition-error")).await.expect("a clear error");
    assert!(error.contains("10.0.0.300"), "error: {error}");
    assert_eq!(browser.value(JSON_AREA).await.expect("JSON"), before, "a bad value changes nothing");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_broken_json_shows_where_and_keeps_the_text() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    let broken = "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": [\"ecs:DescribeInstances\",]}\n  ]\n}";
    browser.paste(JSON_AREA, broken).await.expect("break the JSON");
    let error = browser.wait_for(&format!("{EDITOR} .editor__error[data-line]")).await.expect("the parse error");
    assert_eq!(error.attr("data-line").await.expect("line").as_deref(), Some("4"), "the error is on line 4");
    let message = error.text().await.expect("message");
    assert!(message.contains("line 4"), "the message says where: {message}");
    assert_eq!(browser.value(JSON_AREA).await.expect("JSON"), broken, "the text is kept as typed");
    let disabled = browser
        .run(&format!("return document.querySelector('{EDITOR} .editor__controls').disabled;"), vec![])
        .await
        .expect("disabled");
    assert_eq!(disabled, json!(true), "the controls wait for JSON they can read");
    assert!(
        checked(&browser, &format!("{EDITOR} .editor__tick[data-action='{NEEDED}']")).await,
        "and still show the last good policy"
    );
    let marked = browser
        .run(
            &format!("return [...document.querySelectorAll('{EDITOR} .editor__mark')].map(m => m.dataset.id);"),
            vec![],
        )
        .await
        .expect("marks");
    assert!(
        marked.as_array().is_some_and(|m| m.contains(&json!("RAM001"))),
        "the JSON error's span is marked: {marked}"
    );
    assert!(browser.has(&format!("{EDITOR} .problem[data-id='RAM001'][data-severity='error']")).await.expect("query"));
    browser.screenshot("policy-editor-broken").await.expect("screenshot");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn a_check_fires_and_its_one_click_fix_resolves_it() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    browser.wait_for(&format!("{EDITOR} .problems__none")).await.expect("the built policy passes every check");
    let text = browser.value(JSON_AREA).await.expect("JSON");
    browser.paste(JSON_AREA, &text.replace("\"Allow\"", "\"allow\"")).await.expect("misspell Effect");

    let problem = format!("{EDITOR} .problem[data-id='RAM004']");
    let item = browser.wait_for(&problem).await.expect("RAM004 fires");
    assert_eq!(item.attr("data-severity").await.expect("severity").as_deref(), Some("error"));
    let shown = item.text().await.expect("problem text");
    assert!(shown.contains("RAM004") && shown.contains("Allow"), "id and message: {shown}");
    let title = browser.text(&format!("{problem} .problem__title")).await.expect("the check's title");
    assert!(title.contains("Effect"), "the check says what it finds: {title}");
    let mark = browser
        .run(
            &format!("return document.querySelector(\"{EDITOR} .editor__mark[data-id='RAM004']\").textContent;"),
            vec![],
        )
        .await
        .expect("mark");
    assert_eq!(mark, json!("\"allow\""), "exactly the bad value is marked");

    // In Chinese the check says what is wrong in Chinese (core's words, as `ram-doctor lint --zh` prints them).
    let english = browser.text(&format!("{problem} .problem__message")).await.expect("message");
    browser.click("#lang-toggle").await.expect("中文");
    let script = format!("return document.querySelector(\"{problem} .problem__message\").textContent;");
    let chinese = eventually(&browser, &script, vec![], |v| v.as_str().is_some_and(|m| m.contains("区分大小写"))).await;
    assert!(english.contains("case-sensitive") && chinese != json!(english), "{english} / {chinese}");

    browser.click(&format!("{problem} .problem__fix")).await.expect("fix it");
    browser.wait_for(&format!("{EDITOR} .problems__none")).await.expect("the problem is gone");
    assert_eq!(browser.value(JSON_AREA).await.expect("JSON"), text, "the fix restores the policy");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// Waits for the simulator's answer to be `allowed` (or denied) and returns its deciding statements' text.
async fn verdict(browser: &Browser, allowed: bool) -> String {
    let answer = format!("#simulator-0 .verdict[data-allowed='{allowed}']");
    browser.wait_for(&answer).await.unwrap_or_else(|_| panic!("the simulator answers allowed={allowed}"));
    browser.texts(&format!("{answer} .verdict__statement")).await.expect("statements").join("\n")
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn the_simulator_tries_the_edited_policy() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    browser.click("#simulator-0 summary").await.expect("open the simulator");
    assert_eq!(browser.value("#try-action-0").await.expect("action"), NEEDED, "pre-filled with the need");
    verdict(&browser, true).await;

    browser.paste("#try-action-0", "ecs:StartInstance").await.expect("another action");
    assert_eq!(verdict(&browser, false).await, "", "not granted yet: nothing decides");
    browser.paste("#action-search-0-0", "StartInstance").await.expect("search");
    let tick = format!("{EDITOR} .editor__add-tick[data-action='ecs:StartInstance']");
    browser.click(&tick).await.expect("tick it");
    let statement = verdict(&browser, true).await;
    assert!(statement.contains("ecs:StartInstance") && statement.contains("Allow"), "statement: {statement}");

    // HTTPS only: a request without acs:SecureTransport is denied, one over HTTPS allowed.
    browser.click(&format!("{EDITOR} .editor__https")).await.expect("HTTPS only");
    verdict(&browser, false).await;
    browser.paste("#try-context-0", "acs:SecureTransport=true").await.expect("context");
    let statement = verdict(&browser, true).await;
    assert!(statement.contains("acs:SecureTransport"), "the deciding statement has the condition: {statement}");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn an_edit_survives_the_language_switch_and_fits_a_phone() {
    let browser = Browser::open(Viewport::PHONE).await.expect("browser");
    open_editor(&browser).await;
    browser.paste("#action-search-0-0", "StartInstance").await.expect("search");
    browser.click(&format!("{EDITOR} .editor__add-tick[data-action='ecs:StartInstance']")).await.expect("tick it");
    let edited = eventually(&browser, &format!("return document.querySelector('{JSON_AREA}').value;"), vec![], |v| {
        v.as_str().is_some_and(|t| t.contains("ecs:StartInstance"))
    })
    .await;

    // The same editor element before and after the switch: marked here, found marked there.
    browser.run(&format!("document.querySelector('{EDITOR}').dataset.before = 'switch';"), vec![]).await.expect("mark");
    browser.click("#lang-toggle").await.expect("中文");
    eventually(&browser, &format!("return document.querySelector('{EDITOR} summary').textContent;"), vec![], |v| {
        v == "调整此策略"
    })
    .await;
    browser.wait_until_settled().await.expect("the results settle");
    let still = browser
        .run(&format!("const e = document.querySelector('{EDITOR}'); return [e.open, e.dataset.before || ''];"), vec![])
        .await
        .expect("the editor's state");
    assert_eq!(still[0], json!(true), "the open editor stays open in the other language: {still}");
    assert_eq!(still[1], json!("switch"), "it is the same editor, not one drawn anew: {still}");
    assert_eq!(browser.value(JSON_AREA).await.expect("JSON"), edited.as_str().unwrap(), "the edit is kept");
    let search = browser.value("#action-search-0-0").await.expect("the search field");
    assert_eq!(search, "StartInstance", "what was typed in the editor stays too");
    let legends = browser
        .run(
            &format!("return [...document.querySelectorAll('{EDITOR} .action-group legend')].map(l => l.textContent);"),
            vec![],
        )
        .await
        .expect("groups");
    assert!(legends.as_array().is_some_and(|l| l.contains(&json!("写入"))), "group names in Chinese: {legends}");

    // On a phone the JSON sits under the controls and nothing is wider than the screen.
    let overflow = browser
        .run("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
        .await
        .expect("width");
    assert_eq!(overflow, json!(0), "the page does not scroll sideways");
    let below = browser
        .run(
            &format!(
                "const c = document.querySelector('{EDITOR} .editor__controls').getBoundingClientRect(); \
                 const j = document.querySelector('{EDITOR} .editor__source').getBoundingClientRect(); return j.top >= c.bottom;"
            ),
            vec![],
        )
        .await
        .expect("layout");
    assert_eq!(below, json!(true), "the JSON is under the controls");
    browser.scroll_to(EDITOR).await.expect("scroll");
    browser.screenshot("policy-editor-phone-zh").await.expect("screenshot");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page and Chromium: run `cargo xtask test`"]
async fn an_edited_policy_travels_in_the_share_link() {
    let browser = Browser::open(Viewport::DESKTOP).await.expect("browser");
    open_editor(&browser).await;
    let before = browser.run("return location.href;", vec![]).await.expect("the link before the edit");
    browser.wait_for(&format!("{EDITOR} .action-group[data-group='write']")).await.expect("the write group");
    browser.paste("#action-search-0-0", "StartInstance").await.expect("search");
    browser
        .click(&format!(
            "{EDITOR} .action-group[data-group='write'] .editor__add-tick[data-action='ecs:StartInstance']"
        ))
        .await
        .expect("tick ecs:StartInstance");
    // The preview shows the edited policy the link carries, and the address bar holds the new link.
    let preview = eventually(
        &browser,
        "const p = document.querySelector('#share-policy'); return p ? p.textContent : '';",
        vec![],
        |v| v.as_str().is_some_and(|t| t.contains("ecs:StartInstance")),
    )
    .await;
    assert!(preview.as_str().unwrap().contains(NEEDED), "{preview}");
    let link = eventually(&browser, "return location.href;", vec![], |v| *v != before).await;
    let link = link.as_str().expect("a URL").to_string();
    assert!(link.contains('#') && !link.contains("StartInstance"), "a compressed fragment: {link}");

    // Opened afresh (nothing in memory but the link): the card's policy is the edited one.
    browser.leave().await.expect("leave");
    browser.goto(&link).await.expect("open the link");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("the shared diagnosis");
    let shown = eventually(
        &browser,
        "const p = document.querySelector('#custom-policy'); return p ? p.textContent : '';",
        vec![],
        |v| v.as_str().is_some_and(|t| t.contains("ecs:StartInstance")),
    )
    .await;
    let shown: Value = serde_json::from_str(shown.as_str().unwrap()).expect("JSON");
    assert_eq!(actions(&shown), vec![NEEDED.to_string(), "ecs:StartInstance".into()], "{shown}");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}
