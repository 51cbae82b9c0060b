//! Live journeys: the page signs calls with keys typed into it, the real proxy relays them (its `--upstream`
//! override) to the real emulator playing RAM, STS and IMS. Keys are made up per run.
//!
//! `#[ignore]`d like the other browser tests; `cargo xtask test` runs them with RAM_DOCTOR_DIST,
//! RAM_DOCTOR_PROXY_BIN and RAM_DOCTOR_EMULATOR_BIN set.

use ram_doctor_core::api::ram::{CreatePolicy, CreatePolicyVersion};
use ram_doctor_core::api::{parse_response, signed_request, Api, ApiOptions};
use ram_doctor_core::sign::{Credentials, Timestamp};
use ram_doctor_e2e::{AccessKey, Browser, Emulator, Viewport};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const ACCOUNT: &str = "1234567890123456";
/// The seeded user who lacks `ecs:DescribeInstances`, and its numeric id (what a denial names).
const USER: &str = "dev-alice";
const USER_ID: &str = "204588330455123456";
const DENIED: &str = "ecs:DescribeInstances";
const WAIT_ATTEMPTS: usize = 150;

/// The account: the denied user, and a user whose key may only read RAM.
fn state(reader: &AccessKey) -> Value {
    json!({
        "account_id": ACCOUNT,
        "users": [
            { "name": USER, "id": USER_ID, "policies": [{ "type": "System", "name": "AliyunOSSReadOnlyAccess" }] },
            { "name": "ram-reader", "access_keys": [reader.id], "policies": [{ "type": "System", "name": "AliyunRAMReadOnlyAccess" }] }
        ]
    })
}

/// The error the user got, as ECS returns it.
fn denial() -> String {
    json!({
        "RequestId": "0B7E1C2D-3F4A-5B6C-8D9E-0A1B2C3D4E5F",
        "HostId": "ecs.cn-hangzhou.aliyuncs.com",
        "Code": "Forbidden.RAM",
        "Message": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        "AccessDeniedDetail": {
            "AuthAction": DENIED, "AuthPrincipalType": "SubUser", "AuthPrincipalDisplayName": USER_ID,
            "AuthPrincipalOwnerId": ACCOUNT, "NoPermissionType": "ImplicitDeny", "PolicyType": "AccountLevelIdentityBasedPolicy"
        }
    })
    .to_string()
}

async fn enter_key(browser: &Browser, id: &str, secret: &str) {
    browser.paste("#key-id", id).await.expect("key id");
    browser.paste("#key-secret", secret).await.expect("key secret");
}

/// Waits until `script` (returning a boolean) is true, polling.
async fn wait_until(browser: &Browser, script: &str, what: &str) {
    for _ in 0..WAIT_ATTEMPTS {
        if browser.run(script, vec![]).await.expect("script") == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The confirm button's `data-hash`: the SHA-256 of what the shown change binds to.
async fn confirmed_hash(browser: &Browser) -> String {
    let confirm = browser.wait_for("#apply-confirm").await.expect("confirm button");
    confirm.attr("data-hash").await.expect("hash").expect("the button carries the shown change's hash")
}

/// SHA-256 as lowercase hex, as the page computes it.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The two keys, the emulator seeded with them (and `faults`), and the page open on the relay to it.
struct Live {
    admin: AccessKey,
    reader: AccessKey,
    emulator: Emulator,
    browser: Browser,
}

async fn open(faults: &[&str]) -> Live {
    let (admin, reader) = (AccessKey::random(), AccessKey::random());
    let emulator = Emulator::start(&[&admin, &reader], &state(&reader), faults).expect("emulator");
    let browser = Browser::open_live(Viewport::DESKTOP, &emulator).await.expect("browser");
    Live { admin, reader, emulator, browser }
}

async fn emulator_state(emulator: &Emulator) -> Value {
    reqwest::get(format!("{}/__emulator/state", emulator.url()))
        .await
        .expect("the emulator answers")
        .json()
        .await
        .expect("its state is JSON")
}

async fn assert_no_page_errors(browser: &Browser) {
    let errors = browser.page_errors().await.expect("page errors readable");
    assert!(errors.is_empty(), "the page raised errors: {errors:?}");
}

/// Everything the browser keeps or shows outside the tab's memory: storage, cookies, IndexedDB, the URL and the
/// share link; plus the proxy's log. None may hold the key.
async fn assert_key_left_no_trace(browser: &Browser, keys: &[&AccessKey]) {
    let kept = browser
        .run(
            "const dump = s => JSON.stringify(Object.keys(s).map(k => [k, s.getItem(k)])); \
             const share = document.querySelector('#share-link'); \
             const out = [dump(localStorage), dump(sessionStorage), document.cookie, location.href, share ? share.value : '']; \
             return out.join('\\n');",
            vec![],
        )
        .await
        .expect("storage readable");
    let databases = browser
        .run("return indexedDB.databases ? indexedDB.databases().then(d => JSON.stringify(d)) : '[]';", vec![])
        .await
        .unwrap_or(Value::String("[]".into()));
    let log = browser.proxy_log();
    assert!(log.contains("/relay/") || log.contains("ram.aliyuncs.com"), "the proxy logged the relayed calls: {log}");
    for key in keys {
        for (what, place) in [
            ("storage, cookies, URL or share link", kept.to_string()),
            ("IndexedDB", databases.to_string()),
            ("the proxy's log", log.clone()),
        ] {
            assert!(!place.contains(&key.secret), "the secret leaked into {what}");
            assert!(!place.contains(&key.id), "the AccessKey ID leaked into {what}");
        }
    }
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn who_am_i_then_the_gap_then_apply_makes_the_action_allowed() {
    let Live { admin, reader, emulator, browser } = open(&[]).await;
    browser.diagnose(&denial()).await.expect("a final diagnosis");
    enter_key(&browser, &admin.id, &admin.secret).await;

    browser.click("#whoami-button").await.expect("who am I");
    assert_eq!(browser.text("#whoami-result .whoami__account").await.expect("account"), ACCOUNT);
    let in_error = browser.text("#whoami-result .whoami__in-error").await.expect("the error's user");
    assert_eq!(in_error, format!("user {USER}"), "IMS turned the id into the name");

    browser.click("#gap-button").await.expect("gap");
    assert_eq!(browser.text("#gap-target").await.expect("target"), format!("user {USER}"));
    let attached = browser.texts("#gap-result .gap__policy").await.expect("attached");
    assert!(attached.iter().any(|p| p.contains("AliyunOSSReadOnlyAccess")), "attached: {attached:?}");
    let denied = format!(".verdict[data-action='{DENIED}']");
    let outcome = browser.wait_for(&denied).await.expect("verdict").attr("data-outcome").await.expect("outcome");
    assert_eq!(outcome.as_deref(), Some("implicit-deny"));
    browser.screenshot("live-gap").await.expect("screenshot");

    browser.click("#apply-plan").await.expect("plan the change");
    let shown_hash = confirmed_hash(&browser).await;
    let steps = browser.texts("#apply-diff .change__step").await.expect("steps");
    assert_eq!(steps.len(), 2, "create, then attach: {steps:?}");
    assert!(steps[1].contains(USER), "attach to the user: {steps:?}");
    let shown = browser.text("#apply-document").await.expect("document");
    assert!(shown.contains(DENIED) && shown.lines().all(|l| l.starts_with("+ ")), "a new document, all added: {shown}");
    // Nothing is sent before the confirmation.
    let before = emulator_state(&emulator).await;
    assert!(before["policies"].as_array().is_none_or(|p| p.is_empty()), "no custom policy yet: {before}");
    browser.screenshot("live-apply-diff").await.expect("screenshot");

    browser.click("#apply-confirm").await.expect("confirm");
    browser.wait_for("#apply-done").await.expect("applied");
    browser
        .wait_for(&format!("{denied}[data-outcome='allowed']"))
        .await
        .expect("the gap, computed again, shows the action allowed");

    let after = emulator_state(&emulator).await;
    let policies = after["policies"].as_array().expect("policies");
    assert_eq!(policies.len(), 1, "exactly one custom policy: {after}");
    let name = policies[0]["name"].as_str().expect("name");
    let versions = policies[0]["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 1);
    let stored = versions[0]["document"].as_str().expect("document text");
    let stored_hash: String = sha256_hex(stored.as_bytes());
    assert_eq!(stored_hash, shown_hash, "the emulator holds exactly the confirmed document");
    let user = after["users"].as_array().expect("users").iter().find(|u| u["name"] == USER).expect("the user").clone();
    let mut attachments: Vec<(String, String)> = user["policies"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|p| (p["type"].as_str().unwrap_or("").to_string(), p["name"].as_str().unwrap_or("").to_string()))
        .collect();
    attachments.sort();
    assert_eq!(
        attachments,
        [("Custom".to_string(), name.to_string()), ("System".to_string(), "AliyunOSSReadOnlyAccess".to_string())],
        "the confirmed attachment and nothing else"
    );
    browser.screenshot("live-applied").await.expect("screenshot");

    // Planning again finds the policy in place: nothing left to send.
    browser.click("#apply-plan").await.expect("plan again");
    wait_until(
        &browser,
        "const b = document.querySelector('#apply-confirm'); return !!b && b.disabled;",
        "a no-op plan",
    )
    .await;

    browser.click("#forget-key").await.expect("forget");
    assert_eq!(browser.value("#key-secret").await.expect("secret field"), "");
    assert!(browser.has("#need-key").await.expect("query"), "a forgotten key disables the live tools");
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// The denial diagnosed, the gap asked and the change planned and confirmed with `key` (which may only read RAM,
/// so the apply is refused).
async fn apply_with(browser: &Browser, key: &AccessKey) {
    browser.diagnose(&denial()).await.expect("a final diagnosis");
    enter_key(browser, &key.id, &key.secret).await;
    browser.click("#gap-button").await.expect("gap (reads are allowed)");
    browser.wait_for("#gap-result .verdict").await.expect("verdicts");
    browser.click("#apply-plan").await.expect("plan");
    browser.click("#apply-confirm").await.expect("confirm");
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn a_denied_apply_shows_the_diagnosed_no_permission_which_decodes() {
    let Live { admin, reader, emulator, browser } = open(&[]).await;
    apply_with(&browser, &reader).await;
    let failed = browser.wait_for(".call-error[data-action='CreatePolicy']").await.expect("the failed call");
    let title = failed.text().await.expect("text");
    assert!(title.contains("NoPermission"), "the code is shown: {title}");
    let finding = browser.wait_for(".call-error .finding").await.expect("the failure is diagnosed");
    let actions = finding.text().await.expect("finding");
    assert!(actions.contains("ram:CreatePolicy"), "the finding names the missing action: {actions}");
    assert!(browser.has(".call-error .finding .grant").await.expect("query"), "with the grant an admin must give");
    let state = emulator_state(&emulator).await;
    assert!(state["policies"].as_array().is_none_or(|p| p.is_empty()), "nothing was created: {state}");
    browser.screenshot("live-denied-apply").await.expect("screenshot");

    // The denial's EncodedDiagnosticMessage, pasted and decoded with a key that may decode.
    let answer = browser
        .run(
            "return document.querySelector(\".call-error[data-action='CreatePolicy'] .call-error__text\").textContent;",
            vec![],
        )
        .await
        .expect("answer");
    browser.diagnose(answer.as_str().expect("text")).await.expect("a final diagnosis");
    enter_key(&browser, &admin.id, &admin.secret).await;
    browser.click("#decode-button").await.expect("decode");
    let action = browser.text("#decoded .decoded__value[data-field='AuthAction']").await.expect("decoded action");
    assert_eq!(action, "ram:CreatePolicy");
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// The denied apply's card carries the grant an administrator must give, with its policy editor: switching the
/// language redraws words only, so the open editor (and what is typed in it) stays as it is.
#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn an_open_editor_in_a_failed_calls_card_stays_open_across_the_language_switch() {
    let Live { admin: _admin, reader, emulator: _emulator, browser } = open(&[]).await;
    apply_with(&browser, &reader).await;
    const EDITOR: &str = "#apply .call-error details.policy-editor";
    browser.wait_for(&format!("{EDITOR} summary")).await.expect("the failed call's card has a policy editor");
    browser.click(&format!("{EDITOR} summary")).await.expect("open it");
    let search = format!("{EDITOR} .editor__search");
    browser.paste(&search, "Policy").await.expect("type a search");
    browser.run(&format!("document.querySelector('{EDITOR}').dataset.before = 'switch';"), vec![]).await.expect("mark");

    browser.click("#lang-toggle").await.expect("中文");
    wait_until(
        &browser,
        "return document.querySelector(\".call-error[data-action='CreatePolicy'] .call-error__title\").textContent.includes('失败');",
        "the card in Chinese",
    )
    .await;
    let still = browser
        .run(&format!("const e = document.querySelector('{EDITOR}'); return [e.open, e.dataset.before || ''];"), vec![])
        .await
        .expect("the editor's state");
    assert_eq!(still, json!([true, "switch"]), "the same editor, still open");
    assert_eq!(browser.value(&search).await.expect("search"), "Policy", "what was typed stays");
    let summary = browser.text(&format!("{EDITOR} summary")).await.expect("summary");
    assert_eq!(summary, "调整此策略", "its words follow the language");
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn a_wrong_secret_shows_the_diagnosed_signature_mismatch() {
    let Live { admin, reader, emulator: _emulator, browser } = open(&[]).await;
    let wrong = AccessKey::random();
    enter_key(&browser, &admin.id, &wrong.secret).await;
    browser.click("#whoami-button").await.expect("who am I");
    let failed = browser.text(".call-error[data-action='GetCallerIdentity']").await.expect("failure");
    assert!(failed.contains("SignatureDoesNotMatch"), "{failed}");
    let kind =
        browser.wait_for(".call-error .finding").await.expect("diagnosed").attr("data-kind").await.expect("kind");
    assert_eq!(kind.as_deref(), Some("signature"), "a signature mismatch is its own kind of finding");
    assert!(
        !browser.has(".call-error .finding .system-policy").await.expect("query"),
        "no policy fixes a wrong secret"
    );
    browser.screenshot("live-wrong-secret").await.expect("screenshot");
    assert_key_left_no_trace(&browser, &[&admin, &reader, &wrong]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn upstream_faults_are_diagnosed_and_the_page_keeps_working() {
    // Longer than the relay's upstream timeout (20 s), shorter than the page's (30 s).
    let faults = ["GetCallerIdentity:status=500", "GetUser:garbage", "ListPoliciesForUser:latency=22000"];
    let Live { admin, reader, browser, emulator: _emulator } = open(&faults).await;
    browser.diagnose(&denial()).await.expect("a final diagnosis");
    enter_key(&browser, &admin.id, &admin.secret).await;

    // 500: the service's error, diagnosed.
    browser.click("#whoami-button").await.expect("who am I");
    let failed = browser.text(".call-error[data-action='GetCallerIdentity'] .call-error__title").await.expect("500");
    assert!(failed.contains("500"), "the status is shown: {failed}");

    // Garbage: IMS answers something that is not JSON.
    browser.click("#gap-button").await.expect("gap");
    let failed = browser.text("#gap .call-error[data-action='GetUser'] .call-error__title").await.expect("garbage");
    assert!(failed.contains("not the API's JSON"), "an unreadable answer says so: {failed}");

    // A timeout: the relay gives up on a slow upstream and says so.
    browser.paste("#target-name", USER).await.expect("name the user");
    browser.click("#gap-button").await.expect("gap again");
    wait_until(
        &browser,
        "return !!document.querySelector(\"#gap .call-error[data-action='ListPoliciesForUser']\");",
        "the timed-out call",
    )
    .await;
    let failed =
        browser.text("#gap .call-error[data-action='ListPoliciesForUser'] .call-error__title").await.expect("timeout");
    assert!(failed.contains("504") || failed.to_lowercase().contains("time"), "a timeout is named: {failed}");
    browser.screenshot("live-fault").await.expect("screenshot");

    // The page still works: the buttons are usable again and a new paste is diagnosed.
    let disabled = browser.run("return document.querySelector('#gap-button').disabled;", vec![]).await.expect("state");
    assert_eq!(disabled, Value::Bool(false));
    browser.diagnose("Deployed 1.4.2, all green.").await.expect("a final diagnosis");
    assert!(browser.has("#no-error").await.expect("query"));
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// Sends one typed call to the emulator directly, signed with core's signer (as the CLI would), for setting up
/// state the page then meets.
async fn call_emulator<A: Api>(emulator: &Emulator, key: &AccessKey, request: &A) -> A::Response {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs() as i64;
    let credentials = Credentials::new(key.id.clone(), key.secret.clone());
    let nonce = AccessKey::random().secret;
    let signed = signed_request(request, &ApiOptions::default(), &credentials, Timestamp::from_unix(now), &nonce)
        .expect("a signable call");
    let mut http = reqwest::Client::new().post(format!("{}{}", emulator.url(), signed.path_and_query));
    for (name, value) in &signed.headers {
        http = http.header(name.as_str(), value.as_str());
    }
    let response = http.body(signed.body.clone()).send().await.expect("the emulator answers");
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("a body");
    parse_response::<A>(status, &body).unwrap_or_else(|e| panic!("{} failed: {e}", request.action()))
}

/// The policy a planned step of kind `step` (`create`, `attach`…) is about.
async fn policy_of_step(browser: &Browser, step: &str) -> String {
    let shown = browser.wait_for(&format!(".change__step[data-step='{step}']")).await.expect("the planned step");
    shown.attr("data-policy").await.expect("attribute").expect("the step names its policy")
}

/// The denial diagnosed, the gap with `key`, and the change planned: the name of the policy apply would create.
async fn planned_policy_name(browser: &Browser, key: &AccessKey) -> String {
    browser.diagnose(&denial()).await.expect("a final diagnosis");
    enter_key(browser, &key.id, &key.secret).await;
    browser.click("#gap-button").await.expect("gap");
    browser.wait_for("#gap-result .verdict").await.expect("verdicts");
    browser.click("#apply-plan").await.expect("plan");
    policy_of_step(browser, "create").await
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn a_name_clash_at_the_version_limit_adds_a_version_only_after_consent() {
    let Live { admin, reader, emulator, browser } = open(&[]).await;
    let name = planned_policy_name(&browser, &admin).await;

    // Meanwhile someone made a different policy under that name, with RAM's maximum of 5 versions (v1 default).
    let other = |n: usize| {
        json!({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "oss:GetObject", "Resource": format!("acs:oss:*:*:bucket-{n}/*")}]})
            .to_string()
    };
    let create = CreatePolicy { policy_name: name.clone(), policy_document: other(1), description: None };
    call_emulator(&emulator, &admin, &create).await;
    for n in 2..=5 {
        let version = CreatePolicyVersion {
            policy_name: name.clone(),
            policy_document: other(n),
            set_as_default: false,
            rotate_strategy: None,
        };
        call_emulator(&emulator, &admin, &version).await;
    }

    browser.click("#apply-plan").await.expect("plan again");
    browser.wait_for("#apply-clash").await.expect("the clash is shown, not overwritten");
    assert!(!browser.has("#apply-confirm").await.expect("query"), "nothing to confirm before a choice");
    browser.click("#apply-new-version").await.expect("new version");
    let limit = browser.text("#apply-limit").await.expect("the limit is explained");
    assert!(limit.contains("v2"), "the oldest non-default version is named: {limit}");
    let before = emulator_state(&emulator).await;
    assert_eq!(before["policies"][0]["versions"].as_array().map(Vec::len), Some(5), "nothing deleted without consent");
    browser.click("#apply-limit-consent").await.expect("consent");
    let steps: Vec<String> = browser.texts("#apply-diff .change__step").await.expect("steps");
    assert!(steps[0].contains("v2") && steps.len() == 3, "delete v2, add the version, attach: {steps:?}");
    let hash = confirmed_hash(&browser).await;
    browser.screenshot("live-version-limit").await.expect("screenshot");
    browser.click("#apply-confirm").await.expect("confirm");
    browser.wait_for("#apply-done").await.expect("applied");
    browser
        .wait_for(&format!(".verdict[data-action='{DENIED}'][data-outcome='allowed']"))
        .await
        .expect("the new default version allows the action");

    let after = emulator_state(&emulator).await;
    let policy = &after["policies"][0];
    let ids: Vec<&str> =
        policy["versions"].as_array().expect("versions").iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, ["v1", "v3", "v4", "v5", "v6"], "exactly v2 was deleted and v6 added");
    assert_eq!(policy["default_version"], "v6");
    let stored = policy["versions"][4]["document"].as_str().expect("document");
    let stored_hash: String = sha256_hex(stored.as_bytes());
    assert_eq!(stored_hash, hash, "the new version is exactly the confirmed document");
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn demo_mode_offers_its_keys_and_error_on_the_page() {
    let (admin, reader) = (AccessKey::random(), AccessKey::random());
    let emulator = Emulator::start(&[&admin, &reader], &state(&reader), &[]).expect("emulator");
    // What `cargo xtask serve --demo` writes next to the page.
    let dist = ram_doctor_e2e::dist_copy("demo").expect("a copy of the page");
    let demo = json!({
        "keys": [
            { "label": "account (may apply)", "access_key_id": admin.id, "access_key_secret": admin.secret },
            { "label": "ram-reader (read-only)", "access_key_id": reader.id, "access_key_secret": reader.secret }
        ],
        "error": denial(),
    });
    std::fs::write(dist.join("demo.json"), demo.to_string()).expect("demo.json");
    // On a phone: the keys, the answers and the gap wrap instead of widening the page.
    let browser = Browser::open_live_from(Viewport::PHONE, &emulator, &dist).await.expect("browser");
    let shown = browser.text("#demo").await.expect("the demo box");
    assert!(shown.contains(&admin.id) && shown.contains(&reader.id), "the demo keys are shown: {shown}");
    browser.click("#demo-error").await.expect("paste the demo error");
    browser.wait_for("#results[data-state='ready'] .finding").await.expect("the demo error is diagnosed");
    browser.click("#demo-key-0").await.expect("use the account key");
    assert_eq!(browser.value("#key-id").await.expect("key id"), admin.id);
    browser.click("#whoami-button").await.expect("who am I");
    assert_eq!(browser.text("#whoami-result .whoami__type").await.expect("type"), "Account");
    browser.click("#gap-button").await.expect("gap");
    browser
        .wait_for(&format!(".verdict[data-action='{DENIED}'][data-outcome='implicit-deny']"))
        .await
        .expect("the gap");
    let widths =
        browser.run("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await.expect("widths");
    assert_eq!(widths[0], widths[1], "the live panel fits the phone's width");
    browser.scroll_to("#live").await.expect("scroll");
    browser.screenshot("live-demo-phone").await.expect("screenshot");
    // The demo keys are made up and shown on purpose; still, the page keeps them out of its storage and URL.
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn a_name_clash_can_take_a_new_name_leaving_the_other_policy_alone() {
    let Live { admin, reader, emulator, browser } = open(&[]).await;
    let name = planned_policy_name(&browser, &admin).await;
    let theirs =
        json!({"Version": "1", "Statement": [{"Effect": "Deny", "Action": "oss:DeleteBucket", "Resource": "*"}]})
            .to_string();
    let create = CreatePolicy { policy_name: name.clone(), policy_document: theirs.clone(), description: None };
    call_emulator(&emulator, &admin, &create).await;

    browser.click("#apply-plan").await.expect("plan again");
    browser.click("#apply-new-name").await.expect("new name");
    let renamed = policy_of_step(&browser, "create").await;
    assert_eq!(renamed, format!("{name}-2"));
    browser.click("#apply-confirm").await.expect("confirm");
    browser.wait_for("#apply-done").await.expect("applied");
    browser
        .wait_for(&format!(".verdict[data-action='{DENIED}'][data-outcome='allowed']"))
        .await
        .expect("allowed with the renamed policy");
    let after = emulator_state(&emulator).await;
    let policies = after["policies"].as_array().expect("policies");
    let original = policies.iter().find(|p| p["name"] == name.as_str()).expect("the other policy is still there");
    assert_eq!(original["versions"].as_array().map(Vec::len), Some(1), "and untouched: {original}");
    assert_eq!(original["versions"][0]["document"].as_str(), Some(theirs.as_str()));
    assert!(policies.iter().any(|p| p["name"] == renamed.as_str()), "the new policy exists: {after}");
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}

/// The console's bare sentence names no action: no custom policy can be written, so apply offers the product's
/// system policies. The confirmation binds to the chosen name; changing the choice after planning sends nothing.
#[tokio::test]
#[ignore = "needs the built page, the proxy, the emulator and Chromium: run `cargo xtask test`"]
async fn the_bare_console_sentence_attaches_the_chosen_system_policy_after_confirmation() {
    let Live { admin, reader, emulator, browser } = open(&[]).await;
    browser
        .diagnose(
            "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding \
         permissions.",
        )
        .await
        .expect("a final diagnosis");
    enter_key(&browser, &admin.id, &admin.secret).await;
    browser.paste("#target-name", USER).await.expect("name the user");
    browser.click("#gap-button").await.expect("gap");
    assert_eq!(browser.text("#gap-target").await.expect("target"), format!("user {USER}"));

    let options = browser.texts("#apply-system .apply__system-option").await.expect("system policies");
    assert!(
        options.len() >= 2
            && options[0].contains("AliyunHBRReadOnlyAccess")
            && options.iter().any(|o| o.contains("AliyunHBRFullAccess")),
        "the narrowest first, then the others: {options:?}"
    );
    browser.click("#apply-plan").await.expect("plan");
    let steps = browser.texts("#apply-diff .change__step").await.expect("steps");
    assert_eq!(steps.len(), 1, "only the attachment: {steps:?}");
    assert!(
        steps[0].contains("AliyunHBRReadOnlyAccess") && steps[0].contains("system policy") && steps[0].contains(USER),
        "{steps:?}"
    );
    let hash = confirmed_hash(&browser).await;
    let name_hash: String = sha256_hex(b"AliyunHBRReadOnlyAccess");
    assert_eq!(hash, name_hash, "the confirmation binds to the chosen policy");

    // Another choice after planning makes the shown change stale: nothing is sent.
    let full = options.iter().position(|o| o.contains("AliyunHBRFullAccess")).expect("full access offered");
    browser.click(&format!("#apply-system-{full}")).await.expect("choose another");
    browser.wait_for("#apply-stale").await.expect("the shown change is stale");
    let untouched = emulator_state(&emulator).await;
    let user = |state: &Value| {
        state["users"].as_array().expect("users").iter().find(|u| u["name"] == USER).cloned().expect("user")
    };
    assert_eq!(user(&untouched)["policies"].as_array().map(Vec::len), Some(1), "nothing attached yet: {untouched}");

    // Planned again with the new choice and confirmed: exactly that system policy is attached, nothing created.
    browser.click("#apply-plan").await.expect("plan again");
    let steps = browser.texts("#apply-diff .change__step").await.expect("steps");
    assert!(steps[0].contains("AliyunHBRFullAccess"), "{steps:?}");
    browser.click("#apply-confirm").await.expect("confirm");
    browser.wait_for("#apply-done").await.expect("applied");
    let after = emulator_state(&emulator).await;
    assert!(after["policies"].as_array().is_none_or(|p| p.is_empty()), "no custom policy: {after}");
    let attached: Vec<String> = user(&after)["policies"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|p| format!("{}:{}", p["type"].as_str().unwrap_or(""), p["name"].as_str().unwrap_or("")))
        .collect();
    assert!(attached.contains(&"System:AliyunHBRFullAccess".to_string()), "{attached:?}");
    assert!(!attached.iter().any(|a| a.contains("HBRReadOnly")), "the stale choice was never sent: {attached:?}");
    assert_key_left_no_trace(&browser, &[&admin, &reader]).await;
    assert_no_page_errors(&browser).await;
    browser.close().await.expect("close");
}
