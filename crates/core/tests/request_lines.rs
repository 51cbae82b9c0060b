//! Sweeps of the calls a paste shows beside the error rather than in its fields:
//!
//! - **OSS request lines** (rule `oss-request-line`): every OSS API the catalog knows with a method and a path, as
//!   the OSS API reference prints its request examples (`PUT /?logging HTTP/1.1` and `Host: bucket.oss-…`) above an
//!   OSS error that is no signature error, names its RAM action. Controls: the same request on another product's host
//!   gives no OSS action; another product's error under the request keeps its own.
//! - **Presigned OSS URLs**: a URL on a bucket's host signed in any of OSS's three ways (V1 `Signature`, V4
//!   `x-oss-signature`, S3-compatible `X-Amz-Signature`), printed without a method, is the object's read. Control: the
//!   same URL unsigned names no call.
//! - **A V1 string-to-sign that lost its line breaks**: its first word the method, its last `/` word the resource.
//! - **The aliyun CLI's global flags before the product word** (`aliyun --region cn-beijing cr
//!   GetAuthorizationToken`): every flag of the CLI's own list, with and without its value. Controls: an unknown flag
//!   there reads no command; the command's words beside a genuine Alibaba Cloud error keep that error's action.

use ram_doctor_core::read::headers::CLI_GLOBAL_FLAGS;
use ram_doctor_core::{diagnose, Finding, Kind};

mod common;

fn first(text: &str) -> Finding {
    diagnose(text, common::full_catalog()).findings.into_iter().next().unwrap_or_else(|| panic!("no finding: {text}"))
}

/// OSS's answer to a request it rejects for a parameter (its XML body, with the EC OSS adds).
const OSS_INVALID: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>InvalidArgument</Code>\n  <Message>The argument is invalid.</Message>\n  <RequestId>5C3D9175B6FC201293AD4890</RequestId>\n  <EC>0016-00000001</EC>\n</Error>";

/// The OSS APIs answered on the service host, not a bucket's.
const SERVICE: &[&str] = &[
    "ListBuckets",
    "DescribeRegions",
    "PutPublicAccessBlock",
    "GetPublicAccessBlock",
    "DeletePublicAccessBlock",
    "InitUserAntiDDosInfo",
    "UpdateUserAntiDDosInfo",
];

/// Calls whose documented request carries a query the metadata's path leaves out (so the bare path names another
/// call), or shares its method and path with another call's of another action: the request line cannot tell.
const UNTOLD: &[&str] = &[
    "UploadPart",
    "CompleteMultipartUpload",
    "AbortMultipartUpload",
    "ListParts",
    "CompleteBucketWorm",
    "ExtendBucketWorm",
    "GetBucketInventory",
    "PutBucketInventory",
    "DeleteBucketInventory",
    "GetStyle",
    "PutStyle",
    "DeleteStyle",
    "GetBucketReplicationProgress",
    "CreateSelectObjectMeta",
    "SelectObject",
    "PutLiveChannel",
    "PutLiveChannelStatus",
];

#[test]
fn every_oss_request_line_with_its_host_names_the_call() {
    let catalog = common::full_catalog();
    // Same method and path: the request alone cannot tell these apart.
    let (apis, shape) = common::oss_request_shapes(catalog);
    let (mut right, mut missed) = (0, Vec::new());
    for a in apis.iter().filter(|a| a.method.is_some() && a.path.is_some() && !UNTOLD.contains(&a.name.as_str())) {
        let method = a.method.as_deref().unwrap().to_ascii_uppercase();
        let allowed = &shape[&(method.clone(), a.path.clone().unwrap())];
        let path = a.path.as_deref().unwrap().replace("{key}", "dir/a.txt").replace("{channel}", "live1");
        let host = if SERVICE.contains(&a.name.as_str()) {
            "oss-cn-beijing.aliyuncs.com"
        } else {
            "examplebucket.oss-cn-beijing.aliyuncs.com"
        };
        let text = format!(
            "{method} {path} HTTP/1.1\nHost: {host}\nDate: Mon, 07 Dec 2026 10:00:00 GMT\nAuthorization: SignatureValue\n\nOSS returns the following error:\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/xml\n\n{OSS_INVALID}"
        );
        let f = first(&text);
        assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, Some("oss")), "{}: {text}", a.name);
        match f.actions.first() {
            Some(action) if allowed.contains(action) => right += 1,
            got => missed.push(format!("{} {method} {path}: {got:?}, wanted one of {allowed:?}", a.name)),
        }
    }
    assert!(missed.is_empty(), "{right} right, {} missed:\n{}", missed.len(), missed.join("\n"));
    assert!(right >= 140, "{right}");
}

#[test]
fn a_request_line_on_another_products_host_or_under_another_products_error_names_no_oss_call() {
    // The same request on ECS's host: OSS's rule reads only OSS's hosts.
    let text = format!("PUT /?logging HTTP/1.1\nHost: ecs.cn-beijing.aliyuncs.com\n\n{OSS_INVALID}");
    let f = first(&text);
    assert!(f.actions.iter().all(|a| !a.starts_with("oss:")) || f.product.as_deref() != Some("oss"), "{f:?}");
    assert!(f.actions.is_empty(), "{:?}", f.actions);
    // An ECS refusal under an OSS request line keeps ECS's product and its own action.
    let text = "PUT /?logging HTTP/1.1\nHost: examplebucket.oss-cn-beijing.aliyuncs.com\n\n{\"RequestId\":\"1\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource, or this API doesn't support RAM.\",\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:DescribeInstances\"}}";
    let f = first(text);
    assert_eq!(
        (f.product.as_deref(), f.actions.as_slice()),
        (Some("ecs"), ["ecs:DescribeInstances".to_string()].as_slice())
    );
}

/// OSS's answer to an expired presigned URL (its error page 0002-00000069).
const OSS_EXPIRED: &str = "<Error>\n<Code>AccessDenied</Code>\n<Message>Request has expired.</Message>\n<RequestId>66FC13BB71255431313F2EF9</RequestId>\n<HostId>examplebucket.oss-cn-shanghai.aliyuncs.com</HostId>\n<EC>0002-00000069</EC>\n</Error>";

#[test]
fn a_presigned_url_signed_any_of_osss_ways_is_the_objects_read() {
    let url = "https://examplebucket.oss-cn-shanghai.aliyuncs.com/dir/a.png";
    let queries = [
        "OSSAccessKeyId=LTAI5tExample&Expires=1719742980&Signature=RzIFLGjB9hNi1CEp8JOFTxCl27I%3D",
        "x-oss-process=image/resize,w_100&OSSAccessKeyId=LTAI5tExample&Expires=1719742980&Signature=RzIF%3D",
        "OSSAccessKeyId=STS.NSyFfZZv&Expires=1649330912&Signature=ygvRqN1r%3D&security-token=CAIS",
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI5tExample%2F20261207%2Fcn-shanghai%2Foss%2Faliyun_v4_request&x-oss-date=20261207T100000Z&x-oss-expires=3600&x-oss-signature=0f1e2d",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=LTAI5tExample%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261207T100000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=ab2c",
    ];
    for q in queries {
        for shown in [format!("失效链接如下：\n{url}?{q}\n报错信息如下：\n"), format!("URL=\"{url}?{q}\"\n")]
        {
            let text = format!("{shown}{OSS_EXPIRED}");
            let f = first(&text);
            assert_eq!(f.product.as_deref(), Some("oss"), "{text}");
            assert_eq!(f.actions, ["oss:GetObject"], "{text}");
        }
        // The request line of the same URL, as OSS's error pages print it.
        let text = format!(
            "GET /dir/a.png?{q} HTTP/1.0\nDate: Tue, 20 Dec 2022 08:48:18 GMT\nHost: examplebucket.oss-cn-shanghai.aliyuncs.com\n\n{OSS_EXPIRED}"
        );
        assert_eq!(first(&text).actions, ["oss:GetObject"], "{text}");
    }
    // Unsigned and without a method: no call is shown.
    let text = format!("{url}?versionId=CAEQ\n{OSS_EXPIRED}");
    assert!(first(&text).actions.is_empty(), "{text}");
    // A method printed before a signed URL is the call's (a presigned upload).
    let text = format!("PUT {url}?{}\n{OSS_EXPIRED}", queries[0]);
    assert_eq!(first(&text).actions, ["oss:PutObject"], "{text}");
}

#[test]
fn a_v1_string_to_sign_that_lost_its_line_breaks_keeps_its_method_and_resource() {
    let cases = [
        ("GET 1606281461607 /examplebucket/months.png?security-token=CAIS6AF1q6Ft5B2y", "oss:GetObject"),
        ("PUT  image/jpg Tue, 08 Nov 2016 08:55:03 GMT /examplebucket/a.jpg", "oss:PutObject"),
        ("DELETE   Tue, 08 Nov 2016 08:55:03 GMT /examplebucket/a.jpg", "oss:DeleteObject"),
        ("PUT   Tue, 08 Nov 2016 08:55:03 GMT x-oss-date:Tue /examplebucket/?acl", "oss:PutBucketAcl"),
        ("GET   Tue, 08 Nov 2016 08:55:03 GMT /examplebucket/", "oss:ListObjects"),
    ];
    for (sts, want) in cases {
        let text = format!(
            "<Error>\n<Code>SignatureDoesNotMatch</Code>\n<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>\n<RequestId>5FBDED044506783032388E99</RequestId>\n<HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n<StringToSign>{sts}</StringToSign>\n</Error>"
        );
        let f = first(&text);
        assert_eq!((f.kind, f.product.as_deref()), (Kind::Signature, Some("oss")), "{text}");
        assert_eq!(f.actions, [want], "{text}");
    }
}

/// The CLI's answer to a call a RAM user may not make.
const FORBIDDEN: &str = "ERROR: SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://error-center.aliyun.com/status/search?Keyword=Forbidden.RAM\nRequestId: 77C730C7-CE62-51FD-AC39-2658DCF9EE05\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.";

#[test]
fn every_global_flag_before_the_product_word_keeps_the_command() {
    assert!(CLI_GLOBAL_FLAGS.len() >= 20);
    for &(flag, takes_value) in CLI_GLOBAL_FLAGS {
        let forms: Vec<String> = if takes_value {
            vec![format!("{flag} v1"), format!("{flag} \"$V\""), format!("{flag}=v1")]
        } else {
            vec![flag.to_string()]
        };
        for form in forms {
            for (cmd, want) in [
                (format!("aliyun {form} ecs DescribeInstances --RegionId cn-beijing"), "ecs:DescribeInstances"),
                (format!("$ aliyun {form} --region cn-beijing vpc DescribeVpcs"), "vpc:DescribeVpcs"),
            ] {
                let f = first(&format!("{cmd}\n{FORBIDDEN}"));
                assert_eq!(f.actions, [want], "{cmd}");
            }
        }
    }
}

#[test]
fn an_unknown_flag_reads_no_command_and_an_alibaba_error_keeps_its_action() {
    // Not the CLI's: the words after it are no product and API.
    let f = first(&format!("aliyun --bogus x ecs DescribeInstances\n{FORBIDDEN}"));
    assert!(f.actions.is_empty(), "{:?}", f.actions);
    // The command above an error that names its own action: the error's stands.
    let text = "aliyun --region cn-beijing ecs DescribeInstances\n{\"RequestId\":\"1\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource, or this API doesn't support RAM.\",\"AccessDeniedDetail\":{\"AuthAction\":\"vpc:DescribeVpcs\"}}";
    let f = first(text);
    assert_eq!((f.kind, f.actions.as_slice()), (Kind::MissingPermission, ["vpc:DescribeVpcs".to_string()].as_slice()));
}

#[test]
fn the_only_request_line_of_a_text_is_the_one_its_oss_error_answers_wherever_it_stands() {
    // OSS's error pages describe the problem, then print the request.
    let request = "GET /test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=LTAI****%2F20221220%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20221220T084818Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=ab2***st HTTP/1.0\nDate: Tue, 20 Dec 2022 08:48:18 GMT\nHost: oss-example.oss-cn-hangzhou.aliyuncs.com\nx-oss-s3-compat: true";
    let text = format!("{OSS_EXPIRED}\n\nExample request:\n\n{request}\n");
    assert_eq!(first(&text).actions, ["oss:GetObject"], "{text}");
    let text = format!("{OSS_EXPIRED}\n\nPUT /?logging HTTP/1.1\nHost: examplebucket.oss-cn-beijing.aliyuncs.com\n");
    assert_eq!(first(&text).actions, ["oss:PutBucketLogging"], "{text}");
    // Two requests after the error: which one it answers is not shown.
    let text = format!(
        "{OSS_EXPIRED}\n\n{request}\n\nPUT /?logging HTTP/1.1\nHost: examplebucket.oss-cn-beijing.aliyuncs.com\n"
    );
    assert!(first(&text).actions.is_empty(), "{text}");
}
