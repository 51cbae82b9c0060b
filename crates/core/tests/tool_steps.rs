//! Sweep: every tool step of `diagnose::tool_steps` (a tool's own words for the step it failed at, read from its
//! source), printed the ways tools print it — on the error's line (`<step>: SDK.ServerError …`) and on the log line
//! above the error — beside genuine Alibaba Cloud errors: the gateway's `Forbidden.RAM` (Go SDK block),
//! `NoPermission` (a JSON body), `InvalidAccessKeyId.NotFound` (a key error), and OSS's own `AccessDenied` and
//! `InvalidAccessKeyId` for OSS steps. The finding must name the step's product and the API the step calls.
//! Negative controls: an API the text names wins over the step; the words without an Alibaba Cloud error give no
//! finding; words every provider of a tool shares never name the product by themselves.

use ram_doctor_core::catalog::ApiLookup;
use ram_doctor_core::diagnose::tool_steps::{ToolStep, TOOL_STEPS};
use ram_doctor_core::{diagnose, Kind};

mod common;

/// The genuine errors a step's words stand beside, with the kind each is: (name, text, kind). Where the words
/// alone do not name the product, the error's recommended link does (`…/troubleshoot?q=<code>&product=Ecs`, as the
/// SDKs print it).
fn errors(step: &ToolStep, with_product: bool) -> Vec<(&'static str, String, Kind)> {
    if step.ram_code == "oss" {
        return vec![
            (
                "oss-access-denied",
                "oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You have no right to access this bucket.\", RequestId=5C9F6CBDB007B7575C5395BA".to_string(),
                Kind::MissingPermission,
            ),
            (
                "oss-invalid-key",
                "oss: service returned error: StatusCode=403, ErrorCode=InvalidAccessKeyId, ErrorMessage=\"The OSS Access Key Id you provided does not exist in our records.\", RequestId=5C9F6CBDB007B7575C5395BA".to_string(),
                Kind::BadCredentials,
            ),
        ];
    }
    let link = |code: &str| {
        if !with_product {
            format!("https://error-center.aliyun.com/status/search?Keyword={code}&source=PopGw")
        } else {
            let product = step.ram_code[..1].to_ascii_uppercase() + &step.ram_code[1..];
            format!("https://next.api.aliyun.com/troubleshoot?q={code}&product={product}")
        }
    };
    vec![
        (
            "forbidden-ram",
            format!("SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: {}\nRequestId: 3AA02328-385B-3322-8DBE-6510A35A8CE6\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.", link("Forbidden.RAM")),
            Kind::MissingPermission,
        ),
        (
            "no-permission",
            format!("{{\"RequestId\":\"3AA02328-385B-3322-8DBE-6510A35A8CE6\",\"Code\":\"NoPermission\",\"Message\":\"您没有权限执行此操作，请联系主账号为您授权。\",\"Recommend\":\"{}\"}}", link("NoPermission")),
            Kind::MissingPermission,
        ),
        (
            "key-not-found",
            format!("SDK.ServerError\nErrorCode: InvalidAccessKeyId.NotFound\nRecommend: {}\nRequestId: 3B9EA20D-E083-57CE-A32E-2E661945E266\nMessage: Specified access key is not found.", link("InvalidAccessKeyId.NotFound")),
            Kind::BadCredentials,
        ),
    ]
}

/// The step's words as the tool prints them, its placeholders filled in (a name's end too: `alicloud-disk-essd`).
fn printed(step: &ToolStep) -> String {
    let words = step.words.replace('*', " \"demo-1\" ");
    if words.ends_with('-') {
        words + "essd\""
    } else {
        words
    }
}

/// The ways a tool prints its step around the error: on the error's line, and on the log line above it.
fn wrappings(step: &ToolStep, error: &str) -> Vec<(&'static str, String)> {
    let words = printed(step);
    vec![
        ("inline", format!("E1227 07:21:44.769752 10 controller.go:253] {words}: {error}")),
        ("line-above", format!("2024-03-01T10:00:00Z ERROR {words} ...\n\n  {error}")),
    ]
}

#[test]
fn every_step_api_is_in_the_catalog() {
    let catalog = common::full_catalog();
    for s in TOOL_STEPS {
        for api in s.apis {
            assert!(matches!(catalog.api(s.ram_code, api), ApiLookup::Found(..)), "{}: {}:{api}", s.tool, s.ram_code);
        }
    }
}

#[test]
fn every_step_names_its_product_and_api() {
    let catalog = common::full_catalog();
    let mut failures = Vec::new();
    let mut cases = 0;
    for step in TOOL_STEPS {
        for (name, error, kind) in errors(step, !step.names_product) {
            for (form, text) in wrappings(step, &error) {
                cases += 1;
                let d = diagnose(&text, catalog);
                let f = d.findings.first();
                let want = format!("{}:{}", step.ram_code, step.api(kind));
                let got = f.map(|f| (f.kind, f.product.clone(), f.actions.first().cloned()));
                if got != Some((kind, Some(step.ram_code.to_string()), Some(want.clone()))) {
                    failures.push(format!(
                        "{} “{}” [{name}/{form}]: want {kind:?} {want}, got {got:?}",
                        step.tool, step.words
                    ));
                    continue;
                }
                // The finding says why the action is this one, in both languages.
                let f = f.expect("a finding");
                if !f.explanation.contains(&want) || !f.explanation_zh.contains(&want) {
                    failures.push(format!(
                        "{} “{}” [{name}/{form}]: no reason in {:?}",
                        step.tool, step.words, f.explanation
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {cases} cases fail:\n{}", failures.len(), failures.join("\n"));
    assert!(cases >= 200, "{cases} cases");
}

#[test]
fn an_api_the_text_names_wins_over_the_step() {
    let catalog = common::full_catalog();
    let mut failures = Vec::new();
    for step in TOOL_STEPS {
        // Another API of the same product, named where the tool names its calls (`failed to call <Api>`), and a
        // request name of another product (`ecs.DescribeInstances`) in the error itself.
        let other = TOOL_STEPS
            .iter()
            .flat_map(|s| s.apis.iter().map(move |a| (s.ram_code, *a)))
            .find(|(p, a)| *p == step.ram_code && !step.apis.contains(a));
        let (_, error, _) = errors(step, !step.names_product).remove(0);
        let mut texts = Vec::new();
        if let Some((p, api)) = other {
            let text = format!("{}: failed to call {api}: {error}", printed(step));
            texts.push((text, format!("{p}:{api}")));
        }
        if step.ram_code != "ecs" && step.ram_code != "oss" {
            let text = format!("{}: [ecs.DescribeInstances] ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.", printed(step));
            texts.push((text, "ecs:DescribeInstances".to_string()));
        }
        for (text, want) in texts {
            let d = diagnose(&text, catalog);
            let got = d.findings.first().and_then(|f| f.actions.first().cloned());
            if got.as_deref() != Some(want.as_str()) {
                failures.push(format!("{} “{}”: want {want}, got {got:?}\n{text}", step.tool, step.words));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_words_without_an_alibaba_cloud_error_give_no_finding() {
    let catalog = common::full_catalog();
    for step in TOOL_STEPS {
        for tail in ["dial tcp 10.0.0.1:443: i/o timeout", "context deadline exceeded", "connection reset by peer"] {
            let text = format!("E1227 07:21:44.769752 10 controller.go:253] {}: {tail}", printed(step));
            let d = diagnose(&text, catalog);
            assert!(d.findings.is_empty(), "{} “{}”: {:?}", step.tool, step.words, d.findings);
        }
    }
}

#[test]
fn shared_words_never_name_the_product_alone() {
    let catalog = common::full_catalog();
    for step in TOOL_STEPS.iter().filter(|s| !s.names_product) {
        let (_, error, _) = errors(step, false).remove(0);
        let text = format!("{}: {error}", printed(step));
        let d = diagnose(&text, catalog);
        let f = d.findings.first().expect("the error is still found");
        let from_step = f.actions.first().is_some_and(|a| step.apis.iter().any(|api| a.ends_with(&format!(":{api}"))));
        assert!(!from_step, "{} “{}”: {:?} {:?}", step.tool, step.words, f.product, f.actions);
    }
}

/// A step's own error, as a tool's log line prints it: `<step>: SDK.ServerError ErrorCode: … Message: …` (or OSS's
/// error for an OSS step), with the API the finding must name for it.
fn own_error(step: &ToolStep) -> (String, String) {
    let error = if step.ram_code == "oss" {
        "oss: service returned error: StatusCode=409, ErrorCode=BucketAlreadyExists, ErrorMessage=\"The requested bucket name is not available.\", RequestId=5C9F6CBDB007B7575C5395BA"
    } else {
        "SDK.ServerError ErrorCode: IncorrectInstanceStatus Message: Current instance status does not support this operation."
    };
    let line = format!("E1201 10:00:02.000000 1 controller.go:12] {}: {error}", printed(step));
    (line, format!("{}:{}", step.ram_code, step.api(Kind::Other)))
}

/// A genuine error of no step beside it: the gateway's `Forbidden.RAM` as a Go SDK prints it, on one log line or
/// as a block.
const NEIGHBOURS: &[&str] = &[
    "E1201 10:00:01.000000 1 sync.go:40] SDK.ServerError ErrorCode: Forbidden.RAM Message: User not authorized to operate on the specified resource, or this API does not support RAM. RequestId: 3AA02328-385B-3322-8DBE-6510A35A8CE6",
    "2026-12-01T10:00:01Z E sync SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://error-center.aliyun.com/status/search?Keyword=Forbidden.RAM&source=PopGw\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.",
];

/// Regression: the lines around an error reached into the error beside it, so a step's words gave its API to a
/// neighbouring error: the line after an error (the next error's `cannot delete redis instance: …`), and the lines
/// above one (the previous error's `cannot create RDS instance: …`, three lines up). A step stands for its own
/// error only, which still names its API.
#[test]
fn a_step_stays_with_its_own_error() {
    let catalog = common::full_catalog();
    let mut failures = Vec::new();
    let mut cases = 0;
    for step in TOOL_STEPS.iter().filter(|s| s.names_product) {
        let (own, want) = own_error(step);
        for neighbour in NEIGHBOURS {
            for (order, text) in [("before", format!("{neighbour}\n{own}")), ("after", format!("{own}\n{neighbour}"))] {
                cases += 1;
                let d = diagnose(&text, catalog);
                let actions =
                    |code: &str| d.findings.iter().find(|f| f.code.as_deref() == Some(code)).map(|f| f.actions.clone());
                let (own_actions, neighbour_actions) = (
                    actions(if step.ram_code == "oss" { "BucketAlreadyExists" } else { "IncorrectInstanceStatus" }),
                    actions("Forbidden.RAM"),
                );
                let neighbour_took = neighbour_actions.as_ref().is_none_or(|a| a.contains(&want));
                if neighbour_took || own_actions.as_ref().is_none_or(|a| !a.contains(&want)) {
                    failures.push(format!(
                        "{} “{}” [neighbour {order}]: own {own_actions:?}, neighbour {neighbour_actions:?}\n{text}",
                        step.tool, step.words
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {cases} cases fail:\n{}", failures.len(), failures.join("\n\n"));
}

/// Regression: a tool that logs each step before its call (the Serverless Framework's Alibaba Cloud plugin:
/// `Serverless: Creating log project <name>...`, then `Serverless: Created log project <name>`) had every step of
/// the deploy stand around the error, and the longest words won. The step logged nearest before the error is the
/// one that failed; a step the tool logged any later line after (its `Created …`, the next step) had ended.
#[test]
fn the_step_in_progress_failed_not_the_steps_done() {
    let catalog = common::full_catalog();
    let mut failures = Vec::new();
    let mut cases = 0;
    for (tool, _) in diagnose::tool_steps::STEP_LOGS {
        let rows: Vec<&ToolStep> = TOOL_STEPS.iter().filter(|s| s.tool == *tool).collect();
        for done in &rows {
            let done_line = format!("{} demo-1...\n{} demo-1", done.words, done.words.replace("Creating", "Created"));
            for failed in rows.iter().filter(|s| s.words != done.words && s.ram_code != "oss") {
                let (_, error, kind) = errors(failed, false).remove(0);
                let want = format!("{}:{}", failed.ram_code, failed.api(kind));
                // The step done, then the step that failed; and the step done, then a line the table has no row
                // for (`Serverless: Uploading …`), so no step is known.
                let texts = [
                    (format!("{done_line}\n{} demo-2...\n  Error ----------\n  {error}", failed.words), Some(want)),
                    (format!("{done_line}\nServerless: Uploading demo-2.zip...\n  Error ----------\n  {error}"), None),
                ];
                for (text, want) in texts {
                    cases += 1;
                    let d = diagnose(&text, catalog);
                    let got = d.findings.first().and_then(|f| f.actions.first().cloned());
                    let ok = match &want {
                        Some(w) => got.as_ref() == Some(w),
                        None => got.as_ref().is_none_or(|g| !done.apis.iter().any(|a| g.ends_with(&format!(":{a}")))),
                    };
                    if !ok {
                        failures.push(format!("want {want:?}, got {got:?}\n{text}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {cases} cases fail:\n{}", failures.len(), failures.join("\n\n"));
    assert!(cases >= 20, "{cases} cases");
}
