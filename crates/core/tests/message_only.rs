//! Message-only pastes: one documented sentence with no code gives the kind and the code its documentation ties
//! to it (the finding's `implied_code`), alone and in the wrappings people paste it in (a log line, Chinese prose,
//! a stack). Words other systems print too need an Alibaba Cloud mark; other systems' key, signature and expiry
//! errors give no Alibaba Cloud finding; and a sentence beside a genuine code never overrides the code.

mod common;

use common::full_catalog;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

/// Sentences only Alibaba Cloud prints, from its documentation: the kind they give alone and the code the
/// documentation ties to them.
const OWN: &[(&str, Kind, &str)] = &[
    // The POP gateway's common codes.
    ("Specified signature is not matched with our calculation.", Kind::Signature, "SignatureDoesNotMatch"),
    ("The request signature is invalid.", Kind::Signature, "IncompleteSignature"),
    ("The request signature does not conform to Aliyun standards.", Kind::Signature, "IncompleteSignature"),
    ("Specified signature nonce was used already.", Kind::Signature, "SignatureNonceUsed"),
    ("Specified time stamp or date header is expired.", Kind::Signature, "InvalidTimeStamp.Expired"),
    ("Specified time stamp or date value is expired.", Kind::Signature, "InvalidTimeStamp.Expired"),
    ("Specified access key is not found.", Kind::BadCredentials, "InvalidAccessKeyId.NotFound"),
    ("Specified access key is disabled.", Kind::BadCredentials, "InvalidAccessKeyId.Inactive"),
    ("AccessKeyId is mandatory for this action.", Kind::BadCredentials, "MissingAccessKeyId"),
    ("Specified SecurityToken is expired.", Kind::TokenExpired, "InvalidSecurityToken.Expired"),
    // The STS FAQ's AssumeRole table.
    ("SecurityToken is mandatory for this action.", Kind::BadCredentials, "MissingSecurityToken"),
    ("Roles may not be assumed by root accounts.", Kind::AssumeRole, "NoPermission"),
    ("You are not authorized to do this action. You should be authorized by RAM.", Kind::AssumeRole, "NoPermission"),
    ("No permission perform sts:AssumeRole on this Role. Maybe you are not in the trust policy.", Kind::AssumeRole, "NoPermission"),
    ("The role not exists: acs:ram::123456789012:role/deployer", Kind::AssumeRole, "EntityNotExist.Role"),
    // OSS's 403 table and its ECs.
    (
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        Kind::Signature,
        "SignatureDoesNotMatch",
    ),
    ("The difference between the request time and the current time is too large.", Kind::Signature, "RequestTimeTooSkewed"),
    ("Request has expired.", Kind::TokenExpired, "AccessDenied"),
    ("The OSS Access Key Id you provided does not exist in our records.", Kind::BadCredentials, "InvalidAccessKeyId"),
    ("The OSS Access Key Id you provided is disabled.", Kind::BadCredentials, "InvalidAccessKeyId"),
    ("The security token you provided is invalid.", Kind::BadCredentials, "InvalidSecurityToken"),
    ("The security token you provided has expired.", Kind::TokenExpired, "SecurityTokenExpired"),
    ("The OSS access key id and security token you provided does not match.", Kind::BadCredentials, "AccessKeyIdAndSecurityTokenNotMatch"),
    ("Anonymous access is forbidden for this operation.", Kind::Signature, "AccessDenied"),
    ("Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters", Kind::Signature, "AccessDenied"),
    ("Access denied by bucket policy.", Kind::ExplicitDeny, "AccessDenied"),
    ("You have no right to access this object because of bucket acl.", Kind::MissingPermission, "AccessDenied"),
    ("Access denied by authorizer's policy.", Kind::MissingPermission, "AccessDenied"),
    ("This request is forbidden by kms.", Kind::MissingPermission, "AccessDenied"),
    ("You are denied by bucket referer policy.", Kind::Other, "AccessDenied"),
    ("Your account partner does not have KMS Service", Kind::NotActivated, "UbsmsInvalidBid"),
    // Model Studio (DashScope).
    ("Invalid API-key provided.", Kind::BadCredentials, "InvalidApiKey"),
];

/// Products' fixed sentences that the account has not activated or bought the service, English and Chinese: no
/// code of their own, the kind alone.
const NOT_ACTIVATED: &[&str] = &[
    "The Log Service is not enabled for your account.",
    "You have not activated the Function Compute service.",
    "The [cdn] service is not activated.",
    "Your account does not open CDN service yet.",
    "The product is not purchased.",
    "This service shoule be purchased first.",
    "ApsaraDB RDS has not been purchased.",
    "您的账号尚未开通函数计算服务，请先开通",
    "该用户未开通OSS服务",
    "产品未开通，请先开通产品",
    "该功能未购买，请先购买",
    "该服务未激活，请先激活服务",
];

/// Words other systems print too: with an Alibaba Cloud mark in the paste, the kind and code below; without,
/// nothing of Alibaba Cloud's.
const NEEDS_MARK: &[(&str, Kind, &str)] = &[
    ("signature failed", Kind::Signature, "SignatureDoesNotMatch"),
    ("Signature verification failed", Kind::Signature, "SignatureDoesNotMatch"),
    ("invalid signature", Kind::Signature, "SignatureDoesNotMatch"),
    ("签名不匹配", Kind::Signature, "SignatureDoesNotMatch"),
    ("签名错误", Kind::Signature, "SignatureDoesNotMatch"),
    ("签名失败", Kind::Signature, "SignatureDoesNotMatch"),
    ("签名验证失败", Kind::Signature, "SignatureDoesNotMatch"),
    ("timestamp expired", Kind::Signature, "InvalidTimeStamp.Expired"),
    ("时间戳已过期", Kind::Signature, "InvalidTimeStamp.Expired"),
    ("请求时间过期", Kind::Signature, "InvalidTimeStamp.Expired"),
    ("Invalid API key", Kind::BadCredentials, "InvalidApiKey"),
    ("Incorrect API key provided.", Kind::BadCredentials, "InvalidApiKey"),
    ("API key is invalid", Kind::BadCredentials, "InvalidApiKey"),
    ("apikey无效", Kind::BadCredentials, "InvalidApiKey"),
];

/// How a sentence stands in a paste with no mark of its own: alone, in an application's log line, in Chinese prose,
/// over a stack frame.
const PLAIN: &[&str] = &[
    "{m}",
    "2024-05-01 12:00:00.123 ERROR [main] c.e.UploadService - upload failed: {m}",
    "调用接口时报错：{m} 请问这是什么原因？",
    "Error: {m}\n    at upload (/app/src/upload.js:42:11)",
];

/// The same with an Alibaba Cloud mark: an SDK's package, an endpoint host, the name in Chinese.
const MARKED: &[&str] = &[
    "aliyunsdkcore error: {m}",
    "2024-05-01 12:00:00 ERROR POST https://ecs.cn-hangzhou.aliyuncs.com/ failed: {m}",
    "调用阿里云 API 时报错：{m}，请问怎么解决？",
];

/// The first finding, and whether its plan recommends a policy.
fn first(text: &str, catalog: &Catalog) -> Option<(Finding, bool)> {
    let f = diagnose(text, catalog).findings.into_iter().next()?;
    let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
    let granted = !grant.system_policies.is_empty() || grant.custom_policy.is_some();
    Some((f, granted))
}

/// Whether `text` gives `kind` with `code` implied (or printed), and no grant where the kind is no permission one.
fn agrees(text: &str, kind: Kind, code: &str, catalog: &Catalog) -> Result<(), String> {
    let Some((f, granted)) = first(text, catalog) else { return Err(format!("no finding: {text:?}")) };
    let got = f.code.as_deref().or(f.implied_code.as_deref());
    let permission = matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny | Kind::AssumeRole);
    if f.kind != kind || got != Some(code) || (granted && !permission) {
        return Err(format!("[{} {got:?} grant={granted}] {text:?}", f.kind.as_str()));
    }
    Ok(())
}

#[test]
fn documented_sentences_alone_and_wrapped_give_their_kind_and_code() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    let rows = OWN.iter().map(|r| (r, PLAIN)).chain(NEEDS_MARK.iter().map(|r| (r, MARKED)));
    for (&(m, kind, code), wrappings) in rows {
        for w in wrappings {
            n += 1;
            if let Err(e) = agrees(&w.replace("{m}", m), kind, code, catalog) {
                wrong.push(e);
            }
        }
    }
    eprintln!("message-only sentences: {}/{n} give their kind and code", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn products_not_activated_sentences_alone_and_wrapped_are_not_activated() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for m in NOT_ACTIVATED {
        for w in PLAIN {
            n += 1;
            let text = w.replace("{m}", m);
            match first(&text, catalog) {
                Some((f, false)) if f.kind == Kind::NotActivated => {}
                got => wrong.push(format!("[{:?}] {text:?}", got.map(|(f, g)| (f.kind.as_str(), g)))),
            }
        }
    }
    eprintln!("not-activated sentences: {}/{n} give not-activated and no grant", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An Alibaba Cloud finding of a kind that names a cause (not `other`), or a grant: what words without a mark must
/// never give.
fn claims_alibaba(text: &str, catalog: &Catalog) -> Option<String> {
    let (f, granted) = first(text, catalog)?;
    (granted || (f.kind != Kind::Other && f.other_cloud.is_none()))
        .then(|| format!("[{} {:?} grant={granted}] {text:?}", f.kind.as_str(), f.implied_code))
}

#[test]
fn general_words_without_a_mark_are_no_alibaba_finding() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for &(m, _, _) in NEEDS_MARK {
        for w in PLAIN {
            n += 1;
            wrong.extend(claims_alibaba(&w.replace("{m}", m), catalog));
        }
    }
    eprintln!("general words without a mark: {}/{n} give no Alibaba Cloud finding", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Other systems' key, signature and expiry errors, as their libraries and tools print them.
const OTHER_SYSTEMS: &[&str] = &[
    // OpenAI's and Stripe's API keys.
    "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-abc. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
    "stripe.error.AuthenticationError: Invalid API Key provided: sk_test_****1234",
    "Error: Invalid API key. Please check your API key and try again.",
    // WeChat Pay's signature refusal.
    "微信支付下单失败：签名错误，请检查签名参数和方法是否都符合签名算法要求",
    "{\"return_code\":\"FAIL\",\"return_msg\":\"签名错误\"}",
    // Android's package manager.
    "Failure [INSTALL_PARSE_FAILED_NO_CERTIFICATES: Failed to collect certificates from /data/app/vmdl.tmp/base.apk]",
    "Failure [INSTALL_FAILED_UPDATE_INCOMPATIBLE: Package com.example signatures do not match previously installed version; ignoring!]",
    "安装失败：签名不一致，请卸载旧版本后重试",
    // Kafka's record expiry and timestamps.
    "org.apache.kafka.common.errors.TimeoutException: Expiring 3 record(s) for orders-0:120001 ms has passed since batch creation",
    "kafka: record timestamp expired, dropping message",
    // A web app's JSON Web Token.
    "jsonwebtoken.ExpiredJwtException: JWT expired at 2024-05-01T12:00:00Z. Current time: 2024-05-01T13:00:00Z",
    "JsonWebTokenError: invalid signature",
    "TokenExpiredError: jwt expired",
    // An allow-list and a missing file, in any app.
    "ERROR 1130 (HY000): access from 10.0.0.8 refused: ip whitelist check failed",
    "FileNotFoundError: the config file doesn't exist: /etc/app/config.yaml",
];

#[test]
fn other_systems_key_signature_and_expiry_errors_are_no_alibaba_finding() {
    let catalog = full_catalog();
    let wrong: Vec<String> = OTHER_SYSTEMS.iter().filter_map(|t| claims_alibaba(t, catalog)).collect();
    eprintln!(
        "other systems: {}/{} give no Alibaba Cloud finding",
        OTHER_SYSTEMS.len() - wrong.len(),
        OTHER_SYSTEMS.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A genuine `Forbidden.RAM` as the Go SDK prints it, with a log line after it.
const FORBIDDEN_RAM: &str = "SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM\nRequestId: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77\nMessage: User not authorized to operate on the specified resource.\n{line}";

#[test]
fn a_sentence_beside_a_genuine_code_does_not_override_it() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    let lines = [PLAIN[1], MARKED[1], PLAIN[2]];
    for &(m, _, _) in OWN.iter().chain(NEEDS_MARK) {
        for line in lines {
            n += 2;
            let after = FORBIDDEN_RAM.replace("{line}", &line.replace("{m}", m));
            let before = format!("{}\n{}", line.replace("{m}", m), FORBIDDEN_RAM.replace("\n{line}", ""));
            for text in [after, before] {
                let d = diagnose(&text, catalog);
                let f = d.findings.iter().find(|f| f.code.as_deref() == Some("Forbidden.RAM"));
                if f.map(|f| f.kind) != Some(Kind::MissingPermission) {
                    wrong.push(format!("[{:?}] {text:?}", f.map(|f| f.kind.as_str())));
                }
            }
        }
    }
    eprintln!("beside Forbidden.RAM: {}/{n} keep the code's finding", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A long log reads a sentence that needs a mark the same through the reading path's windows as over the whole
/// text, whatever stands between the mark and the sentence (short lines, blank lines, long ones), and reads it only
/// within reach of the mark.
#[test]
fn a_long_logs_windows_read_marked_words_as_the_whole_text_does() {
    use ram_doctor_core::read::{read_all, scan};
    use ram_doctor_core::text::Text;
    let filler = ["", "x", "2026-03-14T09:12:33.120Z INFO  [main] c.e.Job - processed batch 12 of 40 in 31 ms"];
    let mut checked = 0;
    for line in filler {
        for between in [0, 5, 30, 47, 48, 60, 200] {
            // Over 64 KB so the reading path reads windows; the mark, then `between` lines, then the sentence.
            let mut text = format!("{}\n", filler[2]).repeat(900);
            text.push_str("at aliyunsdkcore.client.AcsClient.do_action(client.py:500)\n");
            for _ in 0..between {
                text.push_str(line);
                text.push('\n');
            }
            text.push_str("ERROR upload failed: 签名错误\n");
            text.push_str(&format!("{}\n", filler[2]).repeat(300));
            let t = Text::new(&text);
            let every = |_: &str| true;
            let (all, windowed) = (read_all(&t, &every), scan::read_windows(&t, &every));
            assert_eq!(all.errors, windowed.errors, "{between} lines of {line:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 21);
    // Right after the mark the words are read; past the reach they are not.
    let catalog = full_catalog();
    let near = "at aliyunsdkcore.client.AcsClient.do_action(client.py:500)\nERROR upload failed: 签名错误";
    assert_eq!(first(near, catalog).map(|(f, _)| f.kind), Some(Kind::Signature));
    let far = format!(
        "at aliyunsdkcore.client.AcsClient.do_action(client.py:500)\n{}ERROR upload failed: 签名错误",
        "x\n".repeat(60)
    );
    assert_eq!(first(&far, catalog).map(|(f, _)| f.kind), None);
}
