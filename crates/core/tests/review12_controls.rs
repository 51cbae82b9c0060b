//! Sweeps and negative controls for the narrowed context rules: a log record of its own is not the error's words
//! (`api-in-words-around`), an API said to have succeeded or one of several named steps is not the failed call, a
//! console's refusal takes only a quoted action and none the user says they already hold, a presigned URL the words
//! say was written to is no read, and a licence or trial that ran out is no token's expiry.

use ram_doctor_core::{diagnose, Catalog, Finding};

mod common;

fn first(text: &str) -> Option<Finding> {
    diagnose(text, common::full_catalog()).findings.into_iter().next()
}

fn product(text: &str) -> Option<String> {
    first(text).and_then(|f| f.product)
}

/// A refusal that names no product: what the words around it decide.
const REFUSAL: &str = "You are not authorized to do this operation.";

/// One API of each of up to `n` products that only that product has, shaped like an API.
fn sole_apis(catalog: &Catalog, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in catalog.products() {
        let Some(apis) = catalog.apis_of(&p.ram_code) else { continue };
        let found = apis.iter().map(|(_, a)| a.name.clone()).find(|api| {
            let b = api.as_bytes();
            b.len() >= 6
                && b[0].is_ascii_uppercase()
                && b[1].is_ascii_lowercase()
                && b[2..].iter().any(u8::is_ascii_uppercase)
                && b.iter().all(u8::is_ascii_alphanumeric)
                && catalog.ram_codes_with_api(api) == [p.ram_code.as_str()]
        });
        if let Some(api) = found {
            out.push((p.ram_code.clone(), api));
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// An API in the error's own record, or in prose before it, still names the failed call (controls for the log-record
/// and succeeded-call limits of `api-in-words-around`).
#[test]
fn an_api_in_the_errors_own_record_still_names_the_call() {
    let apis = sole_apis(common::full_catalog(), 60);
    assert!(apis.len() >= 40, "{}", apis.len());
    for (p, api) in &apis {
        for text in [
            format!("2024-05-01 10:00:03 ERROR {api} failed: {REFUSAL}"),
            format!("Calling {api} keeps failing:\n{REFUSAL}"),
        ] {
            assert_eq!(product(&text).as_deref(), Some(p.as_str()), "{text}");
        }
    }
}

/// An API said to have gone through (ok, succeeded, 成功) is not the one that failed; the same API said to fail is.
#[test]
fn an_api_that_succeeded_is_not_the_failed_call() {
    let apis = sole_apis(common::full_catalog(), 60);
    for (p, api) in &apis {
        for said in ["ok", "succeeded", "成功", "worked"] {
            let text = format!("{api} {said}，然后：\n{REFUSAL}");
            assert_ne!(product(&text).as_deref(), Some(p.as_str()), "{text}");
        }
        let text = format!("{api} 一直失败：\n{REFUSAL}");
        assert_eq!(product(&text).as_deref(), Some(p.as_str()), "{text}");
    }
    // The review's pastes: AssumeRole succeeded in an earlier log record.
    for text in [
        "2024-05-01 10:00:01 INFO AssumeRole succeeded for acs:ram::123456:role/deployer, session ci-42\n2024-05-01 10:00:02 INFO listing instances\n2024-05-01 10:00:03 ERROR you do not have permission to perform this operation",
        "2024-05-01 10:00:01 INFO credentials: AssumeRole ok, role=acs:ram::123456:role/deployer\n2024-05-01 10:00:02 ERROR ErrorCode: Forbidden.RAM Message: User not authorized to operate on the specified resource, or this API does not support RAM. RequestId: 4C4F5A0E-1111-2222-3333-444455556666",
    ] {
        let f = first(text).expect(text);
        assert_eq!(f.product, None, "{text}");
        assert!(f.actions.is_empty(), "{text}");
    }
}

/// Several APIs named as steps leave open which one failed: none names the product or the call.
#[test]
fn several_apis_named_as_steps_name_no_call() {
    let apis = sole_apis(common::full_catalog(), 40);
    for pair in apis.windows(2) {
        let ((_, a), (_, b)) = (&pair[0], &pair[1]);
        let text = format!("We followed the docs: first {a}, then {b}. The second step fails:\n{REFUSAL}");
        assert_eq!(product(&text), None, "{text}");
    }
    let text = "We followed the docs: first CreateInstance, then AllocatePublicIpAddress, then StartInstance.\nThe third step fails:\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.";
    let f = first(text).expect(text);
    assert_eq!((f.product, f.actions.is_empty()), (None, true), "{text}");
}

/// A console's refusal beside an action the user says they already hold: the action is not the call's, and the
/// product the words name stands. Controls: a quoted action in the refusal's request still names the call.
#[test]
fn an_action_the_user_already_holds_is_not_the_consoles_call() {
    for held in
        ["ecs:DescribeInstances", "ram:ListUsers", "oss:ListBuckets", "vpc:DescribeVpcs", "slb:DescribeLoadBalancers"]
    {
        for text in [
            format!("已经给子账号授予了 {held}，打开 RDS 控制台还是提示无权限"),
            format!("已给子账号 “{held}” 权限，打开 RDS 控制台还是提示无权限"),
            format!("The RAM user already has {held}; the console still says insufficient permissions on the RDS instance list page"),
        ] {
            let f = first(&text).expect(&text);
            assert_eq!(f.product.as_deref(), Some("rds"), "{text}");
            assert!(!f.actions.iter().any(|a| a == held), "{text}");
        }
        let text = format!("暂无权限，请授予当前用户“{held}”权限");
        assert_eq!(first(&text).expect(&text).actions, [held], "{text}");
    }
    // A RAM code the catalog does not know names no product.
    assert_eq!(product("暂无权限，请授予当前用户“nosuchproduct:ListInstances”权限"), None);
}

/// A presigned URL given no method, in words that say it was written to, is no read; without such words it is.
#[test]
fn a_presigned_url_the_words_say_was_written_is_no_read() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>You have no right to access this object because of bucket acl.</Message>\n  <RequestId>65A1B2C3D4E5F6A7B8C9D0E1</RequestId>\n  <HostId>mybucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>";
    let url = "https://mybucket.oss-cn-hangzhou.aliyuncs.com/uploads/a.jpg?OSSAccessKeyId=LTAI5tExample&Expires=1700000000&Signature=abc%3D";
    for said in [
        "前端用签名URL直传文件，PUT 的时候返回 403：",
        "用签名URL上传文件返回 403：",
        "Uploading with a signed URL fails:",
        "POST with the signed URL fails:",
    ] {
        let text = format!("{said}\n{url}\n{xml}");
        let f = first(&text).expect(&text);
        assert_eq!(f.product.as_deref(), Some("oss"), "{text}");
        assert!(!f.actions.iter().any(|a| a == "oss:GetObject"), "{text}");
    }
    for said in ["用签名URL访问图片返回 403：", "Opening the signed URL fails:"] {
        let text = format!("{said}\n{url}\n{xml}");
        assert_eq!(first(&text).expect(&text).actions, ["oss:GetObject"], "{text}");
    }
}

/// A product's licence or trial that ran out is no token's expiry; an STS token's or an upload's authorization is.
#[test]
fn a_licence_that_ran_out_is_no_expired_token() {
    for text in [
        "Quick BI 控制台提示：您的产品授权已过期，请联系管理员续费",
        "试用授权过期了，Dataphin 打不开",
        "许可授权已过期",
    ] {
        let kind = first(text).map(|f| f.kind);
        assert_ne!(kind, Some(ram_doctor_core::Kind::TokenExpired), "{text}");
    }
    for text in ["上传大文件时中途出现授权过期", "STS 临时授权已过期", "提示OSS令牌已过期"]
    {
        assert_eq!(first(text).map(|f| f.kind), Some(ram_doctor_core::Kind::TokenExpired), "{text}");
    }
    // 所有没有 (every … without) says something is lacking; 有没有 asks.
    let f = first("所有没有授权的子账号访问 OSS 都会失败").expect("a finding");
    assert_eq!(f.product.as_deref(), Some("oss"));
    assert!(first("上传过程中有没有更新授权的方法？").is_none());
}
