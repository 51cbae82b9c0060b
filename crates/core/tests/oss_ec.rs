//! OSS's error-center ECs: every documented row of [`OSS_EC`], printed in each shape people paste it in (OSS's XML
//! body, the Java, Go and Python SDKs' prints, a JSON body, a log line, Chinese prose, the EC alone), gives the
//! row's kind and the code OSS prints with it, and no grant where the row is no permission error. OSS's messages
//! pasted without their code give the same. Numbers shaped like an EC that are not one read as nothing, and an EC
//! beside another product's genuine code leaves that code's finding alone.

mod common;

use common::full_catalog;
use ram_doctor_core::diagnose::oss_ec::{OssEc, OSS_EC};
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

/// Shapes that print the code beside the EC (`{code}`, `{ec}`).
const WITH_CODE: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>Request failed.</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <EC>{ec}</EC>\n</Error>",
    "Error: oss: service returned error: StatusCode=403, ErrorCode={code}, ErrorMessage=\"Request failed.\", RequestId=65AF5037E6D0953470000000, Ec={ec}",
    "oss2.exceptions.ServerError: {'status': 403, 'x-oss-request-id': '65AF5037E6D0953470000000', 'details': {'Code': '{code}', 'Message': 'Request failed.', 'RequestId': '65AF5037E6D0953470000000', 'HostId': 'examplebucket.oss-cn-hangzhou.aliyuncs.com', 'EC': '{ec}'}}",
    r#"{"code":"{code}","message":"Request failed.","requestId":"65AF5037E6D0953470000000","ec":"{ec}"}"#,
];

/// The Java SDK's `OSSException` print (`ServiceException.getMessage`): the message, its header block
/// (`[ErrorCode]`, `[RequestId]`, `[HostId]`) and, after `[ResponseError]`, the XML body OSS answered, whose EC
/// only the body holds: one error, the row's. As thrown (`Exception in thread …`, stack frames after it) and as
/// logged (`getMessage()` alone, no `<?xml` prolog).
const JAVA: &[&str] = &[
    "com.aliyun.oss.OSSException: Request failed.\n[ErrorCode]: {code}\n[RequestId]: 65AF5037E6D0953470000000\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n[ResponseError]:\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>Request failed.</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <EC>{ec}</EC>\n  <RecommendDoc>https://api.aliyun.com/troubleshoot?q={ec}</RecommendDoc>\n</Error>",
    "Exception in thread \"main\" com.aliyun.oss.OSSException: Request failed.\n[ErrorCode]: {code}\n[RequestId]: 65AF5037E6D0953470000000\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n[ResponseError]:\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>Request failed.</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <EC>{ec}</EC>\n</Error>\n\tat com.aliyun.oss.common.utils.ExceptionFactory.createOSSException(ExceptionFactory.java:151)\n\tat com.aliyun.oss.internal.OSSErrorResponseHandler.handle(OSSErrorResponseHandler.java:114)\n\tat com.aliyun.oss.OSSClient.putObject(OSSClient.java:503)",
    "2024-05-01 12:00:00.123 ERROR 4711 --- [main] c.e.UploadService : upload failed: Request failed.\n[ErrorCode]: {code}\n[RequestId]: 65AF5037E6D0953470000000\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n[ResponseError]:\n<Error>\n  <Code>{code}</Code>\n  <Message>Request failed.</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <EC>{ec}</EC>\n</Error>",
];

/// Shapes that print the EC with no code: a console screenshot's text, a log line, Chinese prose, the EC alone.
const EC_ONLY: &[&str] = &[
    "{ec}",
    "2024-05-01 12:00:00 ERROR upload to OSS failed, EC: {ec}",
    "上传文件到 OSS 报错 EC：{ec}，请问怎么解决？",
    "报错 EC：{ec}",
];

/// The first finding, and whether its plan recommends a policy.
fn first(text: &str, catalog: &Catalog) -> Option<(Finding, bool)> {
    let f = diagnose(text, catalog).findings.into_iter().next()?;
    let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
    Some((f, !grant.system_policies.is_empty() || grant.custom_policy.is_some()))
}

fn permission(kind: Kind) -> bool {
    matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny)
}

/// Whether `text` gives `kind` with `code` printed or implied (any code where `None`), and no grant for a kind
/// that is no permission one.
fn agrees(text: &str, kind: Kind, code: Option<&str>, catalog: &Catalog) -> Result<(), String> {
    let Some((f, granted)) = first(text, catalog) else { return Err(format!("no finding: {text:?}")) };
    let codes = [f.code.as_deref(), f.implied_code.as_deref()];
    let code_ok = code.is_none_or(|c| codes.contains(&Some(c)));
    if f.kind != kind || !code_ok || (granted && !permission(kind)) {
        return Err(format!("[{} {codes:?} grant={granted}] {text:?}", f.kind.as_str()));
    }
    Ok(())
}

#[test]
fn every_documented_ec_in_every_shape_gives_its_row() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for &OssEc { ec, code, kind, .. } in OSS_EC {
        // Where the page shows no code, OSS's general refusal stands in for it in the shapes that print one.
        let printed = code.unwrap_or("AccessDenied");
        let shapes =
            WITH_CODE.iter().map(|w| w.replace("{code}", printed)).chain(EC_ONLY.iter().map(|w| w.to_string()));
        for text in shapes.map(|w| w.replace("{ec}", ec)) {
            n += 1;
            if let Err(e) = agrees(&text, kind, code, catalog) {
                wrong.push(e);
            }
        }
        for java in JAVA.iter().map(|w| w.replace("{code}", printed).replace("{ec}", ec)) {
            n += 1;
            let found = diagnose(&java, catalog).findings.len();
            if found != 1 {
                wrong.push(format!("[java: {found} findings] {java:?}"));
            } else if let Err(e) = agrees(&java, kind, code, catalog) {
                wrong.push(e);
            }
        }
    }
    assert!(n >= OSS_EC.len() * 11);
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// The explicit-deny rows name the layer whose `Deny` statement refused, and no row refused by a policy that is
/// not the caller's (a bucket policy, a VPC policy) gets a grant: no grant to the caller lifts it.
#[test]
fn explicit_deny_rows_name_their_layer() {
    let catalog = full_catalog();
    for r in OSS_EC.iter().filter(|r| r.kind == Kind::ExplicitDeny && r.layer.is_some()) {
        let text =
            format!("<Error><Code>AccessDenied</Code><Message>Request failed.</Message><EC>{}</EC></Error>", r.ec);
        let (f, granted) = first(&text, catalog).expect("a finding");
        assert_eq!(f.layer, r.layer, "{text}");
        assert!(!granted, "{text}");
    }
}

/// The convention of the dev sets' labels (eval/README.md): an EC printed without any code gives the code its row
/// documents (OSS prints the two together), never the EC, and the EC itself only where its page shows no code. Every
/// row, in every shape that prints the EC alone.
#[test]
fn a_bare_ec_gives_the_code_its_row_documents() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for r in OSS_EC {
        for text in EC_ONLY.iter().map(|w| w.replace("{ec}", r.ec)) {
            n += 1;
            let Some((f, _)) = first(&text, catalog) else {
                wrong.push(format!("no finding: {text:?}"));
                continue;
            };
            if f.code.as_deref() != Some(r.code.unwrap_or(r.ec)) || f.implied_code.is_some() {
                wrong.push(format!("[{:?} {:?}] {text:?}", f.code, f.implied_code));
            }
        }
    }
    assert_eq!(n, OSS_EC.len() * EC_ONLY.len());
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// OSS's own `InvalidAccessKeyId` ("The OSS Access Key Id you provided does not exist in our records") beside
/// anything that shows the key is a temporary one (an `STS.` key id in the body, a security token header, the ECS
/// metadata credentials path of ossutil's config) stays bad credentials with no grant: OSS's page for the message
/// with STS credentials names four causes (the parent key disabled, the token not sent, the parent key sent for the
/// STS one, the credentials expired), expiry only one. Negative controls: OSS's `SecurityTokenExpired` beside the
/// same words is still an expired token, and the gateway's `InvalidAccessKeyId.NotFound` beside a token still an
/// expired temporary key.
#[test]
fn oss_unknown_key_beside_a_temporary_one_is_bad_credentials() {
    let catalog = full_catalog();
    let temporary = [
        "<OSSAccessKeyId>STS.NUexampleKeyId1234</OSSAccessKeyId>",
        "x-oss-security-token: CAIS8QF1q6Ft5B2yfSjIr5bSEsnNupxX0qGhZEXjkmM2",
        "ecsAk=http://100.100.100.200/latest/meta-data/Ram/security-credentials/EcsRole",
    ];
    let oss = [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n{around}\n</Error>",
        "Error: oss: service returned error: StatusCode=403, ErrorCode={code}, ErrorMessage=\"{message}\", RequestId=65AF5037E6D0953470000000\n{around}",
        "{around}\n上传失败：{message}",
    ];
    let cases = [
        (
            "InvalidAccessKeyId",
            "The OSS Access Key Id you provided does not exist in our records.",
            Kind::BadCredentials,
        ),
        ("SecurityTokenExpired", "The security token you provided has expired.", Kind::TokenExpired),
    ];
    let (mut n, mut wrong) = (0, Vec::new());
    for (code, message, kind) in cases {
        for shape in oss {
            for around in temporary {
                n += 1;
                let text = shape.replace("{code}", code).replace("{message}", message).replace("{around}", around);
                let Some((f, granted)) = first(&text, catalog) else {
                    wrong.push(format!("no finding: {text:?}"));
                    continue;
                };
                if f.kind != kind || granted {
                    wrong.push(format!("[{} grant={granted}] {text:?}", f.kind.as_str()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
    let pop =
        "ErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found.\nRequestId: 3C6C-4F8A";
    let (f, granted) = first(&format!("{pop}\nSecurityToken: CAIS8QF1q6Ft5B2yfSjIr5b"), catalog).expect("a finding");
    assert_eq!((f.kind, granted), (Kind::TokenExpired, false));
}

/// OSS's messages users paste without their code, alone and in a log line or Chinese prose.
#[test]
fn oss_messages_alone_give_their_kind_and_code() {
    let catalog = full_catalog();
    let rows: &[(&str, Kind, &str)] = &[
        ("OSS authentication requires a valid Date.", Kind::Signature, "AccessDenied"),
        ("Invalid according to Policy: Policy expired.", Kind::TokenExpired, "AccessDenied"),
        ("The bucket you access does not belong to you.", Kind::MissingPermission, "BucketNotBelongTo"),
        ("You have no right to access this object because of bucket acl.", Kind::MissingPermission, "AccessDenied"),
        (
            "The difference between the request time and the current time is too large.",
            Kind::Signature,
            "RequestTimeTooSkewed",
        ),
        (
            "The temporary access credentials included in the request expire.",
            Kind::TokenExpired,
            "SecurityTokenExpired",
        ),
        ("The security token included in the request is invalid.", Kind::BadCredentials, "InvalidSecurityToken"),
        ("The security token in the request is invalid.", Kind::BadCredentials, "InvalidSecurityToken"),
    ];
    let mut wrong = Vec::new();
    for &(m, kind, code) in rows {
        for w in ["{m}", "2024-05-01 12:00:00 ERROR [main] upload failed: {m}", "上传时报错：{m} 请问怎么办？"]
        {
            if let Err(e) = agrees(&w.replace("{m}", m), kind, Some(code), catalog) {
                wrong.push(e);
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// OSS's error-center pages' words for a signed URL past its expiry (an OSS V1/V2 URL in Chinese, an S3-compatible V4
/// one, a LiveChannel ingest URL), pasted alone, in a log line or in Chinese prose: an expired token of OSS's, no
/// code (the pages name none), no grant. Negative control: beside a genuine `Forbidden.RAM`, that refusal stays a
/// missing permission.
#[test]
fn oss_signed_url_expiry_pages_are_an_expired_token_of_oss() {
    let catalog = full_catalog();
    let sentences = [
        "URL签名已过期。",
        "The signature in the request URL has expired.",
        "The signature in the LiveChannel request expires.",
        "The signature in the LiveChannel request has expired.",
    ];
    let mut wrong = Vec::new();
    let mut lines = Vec::new();
    for m in sentences {
        for w in ["{m}", "2024-05-01 12:00:00 ERROR [main] download failed: {m}", "访问文件时报错：{m} 请问怎么办？"]
        {
            let text = w.replace("{m}", m);
            match first(&text, catalog) {
                Some((f, false)) if f.kind == Kind::TokenExpired && f.product.as_deref() == Some("oss") => {}
                Some((f, granted)) => {
                    wrong.push(format!("[{} {:?} grant={granted}] {text:?}", f.kind.as_str(), f.product))
                }
                None => wrong.push(format!("no finding: {text:?}")),
            }
            lines.push(text);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let lost = common::refusal_lost(lines);
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// Numbers shaped like an EC that are none (a phone number, a date, an order id) read as no OSS error.
#[test]
fn numbers_that_only_look_like_an_ec_are_none() {
    let catalog = full_catalog();
    for text in [
        "订单号 20240501-00000203 已发货，客服电话 0571-88158090，日期 2024-05-01。",
        "Order 2024-00000203 shipped on 2024-05-01; call 0003-0000020 for help.",
        "Invoice 00031-00000203 was paid.",
    ] {
        let findings = diagnose(text, catalog).findings;
        assert!(
            findings.is_empty(),
            "{text}: {:?}",
            findings.iter().map(|f| (&f.code, &f.implied_code)).collect::<Vec<_>>()
        );
    }
}

/// An EC of any row beside another product's genuine `Forbidden.RAM` leaves that error's finding as it is.
#[test]
fn an_ec_beside_another_products_code_changes_nothing() {
    let catalog = full_catalog();
    let base = "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 3C6C-4F8A";
    let (alone, _) = first(base, catalog).expect("a finding");
    assert_eq!((alone.kind, alone.code.as_deref()), (Kind::MissingPermission, Some("Forbidden.RAM")));
    for r in OSS_EC {
        let text = format!("{base}\nEC: {}", r.ec);
        let (f, _) = first(&text, catalog).expect("a finding");
        assert_eq!((f.kind, f.code.as_deref()), (alone.kind, alone.code.as_deref()), "{text}");
    }
}

/// Negative controls for the Java print: what follows it and is another error stays another error. Another
/// request's XML body after a header block (its `[ResponseError]` left out), and another product's genuine
/// `Forbidden.RAM` after a whole print, each keep their own finding beside the print's.
#[test]
fn another_error_after_a_java_print_stays_another_error() {
    let catalog = full_catalog();
    let codes = |text: &str| -> Vec<(Kind, Option<String>)> {
        diagnose(text, catalog).findings.into_iter().map(|f| (f.kind, f.code)).collect()
    };
    // A header block of one request, then the XML of another request with another code and EC.
    let text = "com.aliyun.oss.OSSException: The specified key does not exist.\n[ErrorCode]: NoSuchKey\n[RequestId]: 65AF5037E6D0953470000001\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>Request failed.</Message>\n  <RequestId>65AF5037E6D0953470000002</RequestId>\n  <EC>0003-00000201</EC>\n</Error>";
    let found = codes(text);
    assert!(found.contains(&(Kind::Other, Some("NoSuchKey".into()))), "{found:?}");
    assert!(found.contains(&(Kind::ExplicitDeny, Some("AccessDenied".into()))), "{found:?}");
    // Two whole prints of one code, two requests, one after the other: each keeps its own EC's kind.
    let deny = JAVA[0].replace("{code}", "AccessDenied").replace("{ec}", "0003-00000201");
    let referer =
        JAVA[0].replace("{code}", "AccessDenied").replace("{ec}", "0003-00000501").replace("0000000", "0000009");
    let found = codes(&format!("{referer}\n{deny}"));
    assert!(found.contains(&(Kind::Other, Some("AccessDenied".into()))), "{found:?}");
    assert!(found.contains(&(Kind::ExplicitDeny, Some("AccessDenied".into()))), "{found:?}");
    // Every row's whole print, then ECS's genuine refusal: the row's finding and ECS's, side by side.
    let ecs = "\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 3C6C-4F8A\nHostId: ecs.aliyuncs.com";
    for r in OSS_EC.iter().filter(|r| r.code.is_some()) {
        let java = JAVA[0].replace("{code}", r.code.unwrap()).replace("{ec}", r.ec);
        let d = diagnose(&format!("{java}\n{ecs}"), catalog);
        let kinds: Vec<_> = d.findings.iter().map(|f| (f.kind, f.code.as_deref(), f.product.as_deref())).collect();
        assert!(kinds.iter().any(|k| k.0 == r.kind && k.1 == r.code), "{}: {kinds:?}", r.ec);
        assert!(kinds.iter().any(|k| k.1 == Some("Forbidden.RAM") && k.2 == Some("ecs")), "{}: {kinds:?}", r.ec);
    }
}

/// Sweep: every refusal OSS documents with the action it lacks for a tool ([`OSS_REFUSALS`]), by its code or by
/// its message under `AccessDenied`, in the shapes users paste (the XML body, the Java SDK's print, the message in
/// a log line or in Chinese prose), under a line naming the tool: a missing permission naming that action, with a
/// grant. Negative controls: the same texts without the tool are still a missing permission but name no call (the
/// bucket call made is not known); the request the error echoes names the call instead; another product's genuine
/// refusal beside the sentence keeps its own action.
#[test]
fn oss_refusals_name_the_action_oss_documents_for_their_tool() {
    use ram_doctor_core::diagnose::oss_ec::OSS_REFUSALS;
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for r in OSS_REFUSALS {
        let message = {
            let mut m = r.message.to_string();
            m[..1].make_ascii_uppercase();
            m + "."
        };
        let mut texts = vec![
            format!("2024-05-01 12:00:00 ERROR [main] sync failed: {message}"),
            format!("用 RAM 用户访问 OSS 时报错：{message} 请问怎么解决？"),
        ];
        for code in r.code.iter().copied().chain(["AccessDenied"]) {
            texts.push(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n  <RequestId>65AF5037E6D0953470000000</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>"));
            texts.push(
                JAVA[0].replace("{code}", code).replace("Request failed.", &message).replace("{ec}", "0003-00000001"),
            );
        }
        for text in texts {
            for (with_tool, text) in
                [(true, format!("Signing in to {} with a RAM user's AccessKey:\n{text}", r.tool)), (false, text)]
            {
                n += 1;
                let Some((f, granted)) = first(&text, catalog) else {
                    wrong.push(format!("no finding: {text:?}"));
                    continue;
                };
                let action_ok = if with_tool { f.actions == [r.action] } else { f.actions.is_empty() };
                if f.kind != Kind::MissingPermission || !action_ok || !granted {
                    wrong.push(format!("[{} {:?} grant={granted}] {text:?}", f.kind.as_str(), f.actions));
                }
            }
        }
    }
    assert!(n >= OSS_REFUSALS.len() * 10);
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
    // The request line names the call: that is the action, not the documented one.
    let text = "ossbrowser\nGET https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?acl\n<Error><Code>AccessDenied</Code><Message>The bucket you access does not belong to you.</Message><RequestId>1</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    assert_eq!(first(text, catalog).expect("a finding").0.actions, ["oss:GetBucketAcl"]);
    // ECS's own refusal beside the sentence keeps ECS's action.
    let text = "ossbrowser: The bucket you access does not belong to you.\n{\"RequestId\":\"1\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\",\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:DescribeInstances\"}}";
    let d = diagnose(text, catalog);
    let ecs = d.findings.iter().find(|f| f.product.as_deref() == Some("ecs")).expect("ECS's finding");
    assert_eq!(ecs.actions, ["ecs:DescribeInstances"]);
}

/// An EC the table does not know, in every shape that prints one, changes nothing: a genuine OSS error's code and
/// sentence decide as they do without it (its family still implies `AccessDenied` where no code is printed).
#[test]
fn an_unknown_ec_changes_nothing() {
    let catalog = full_catalog();
    let unknown = ["0002-00009999", "0003-00009999", "0016-00000001"];
    assert!(unknown.iter().all(|ec| OSS_EC.iter().all(|r| r.ec != *ec)));
    let genuine: &[(&str, &str)] = &[
        ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."),
        ("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records."),
        ("AccessDenied", "You have no right to access this object because of bucket acl."),
        ("AccessDenied", "You are denied by bucket referer policy."),
        ("SecurityTokenExpired", "The security token you provided has expired."),
    ];
    let (mut n, mut wrong) = (0, Vec::new());
    for &(code, message) in genuine {
        for shape in WITH_CODE {
            let shape = shape.replace("Request failed.", message).replace("{code}", code);
            let strip = |s: &str| s.replace(", Ec={ec}", "").replace("\n  <EC>{ec}</EC>", "");
            let Some((alone, _)) = first(&strip(&shape), catalog) else { continue };
            for ec in unknown {
                n += 1;
                let Some((f, granted)) = first(&shape.replace("{ec}", ec), catalog) else {
                    wrong.push(format!("no finding: {ec} {shape:?}"));
                    continue;
                };
                if (f.kind, &f.code) != (alone.kind, &alone.code) || (granted && !permission(f.kind)) {
                    wrong.push(format!(
                        "[{} {:?}] vs [{} {:?}] {ec} {shape:?}",
                        f.kind.as_str(),
                        f.code,
                        alone.kind.as_str(),
                        alone.code
                    ));
                }
            }
        }
    }
    assert!(n >= genuine.len() * 2 * unknown.len(), "{n}");
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
}
