//! Sweeps of the classes of actions `diagnose::action` decides beyond the API an error states:
//!
//! - **OSS copies**: OSS's permission table gives CopyObject and UploadPartCopy no action of their own but
//!   `oss:GetObject` on the source and `oss:PutObject` on the destination; named in any wrapping, or shown as a PUT
//!   whose headers name its source (`x-oss-copy-source`), a copy needs both. Controls: the same PUT without the
//!   header is an upload alone; the header beside another product's error changes nothing.
//! - **Steampipe tables**: a query of a table named after a Terraform resource type (`select * from alicloud_vpc`)
//!   lists what exists; it is never the type's create call. Control: the same type in a Terraform error is.
//! - **The provider's `<step> got (an) error`**: the step's words are an API of the error's product. Controls:
//!   words that are no API, or no product known, give nothing.
//! - **`<Api>接口`, `<Api> fail`**: an API named as an interface in Chinese prose, or before an embedded SDK's `fail`.
//!   Controls: a one-word or non-API word before them gives nothing; an Alibaba Cloud finding stays as it was.
//! - **One-word names**: a command word where an API name would stand (`aliyuncli oss List`) is no action.

use ram_doctor_core::diagnose::sdk_methods::{snake, OSS_METHODS};
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

mod common;

fn catalog() -> &'static Catalog {
    common::full_catalog()
}

fn first(text: &str) -> Finding {
    diagnose(text, catalog()).findings.into_iter().next().unwrap_or_else(|| panic!("no finding for {text}"))
}

/// What OSS's permission table gives a copy: the source's read, the destination's write.
const COPY: [&str; 2] = ["oss:GetObject", "oss:PutObject"];

/// OSS's refusal as its XML body.
const OSS_DENIED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>You have no right to access this object because of bucket acl.</Message>\n  <RequestId>5C3D9175B6FC201293AD4890</RequestId>\n  <HostId>dest-bucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>";

/// The OSS SDK for Go's error.
const OSS_GO: &str = "oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You have no right to access this object because of bucket acl.\", RequestId=5C3D9175B6FC201293AD4890";

#[test]
fn an_oss_copy_in_every_form_needs_the_sources_read_and_the_destinations_write() {
    let mut texts = vec![
        format!("operation error CopyObject: Error returned by Service.\n{OSS_DENIED}"),
        format!("operation error UploadPartCopy: Error returned by Service.\n{OSS_DENIED}"),
        format!("CopyObjectRequest request = new CopyObjectRequest(src, srcKey, dst, dstKey);\n{OSS_DENIED}"),
        format!("调用CopyObject接口失败\n{OSS_DENIED}"),
    ];
    // A PUT whose headers name the source, as an SDK's debug log or the request a signature error echoes shows it.
    for path in ["/dir/dest.txt", "/dest.bin?partNumber=3&uploadId=0004B999EF5A239BB9138C6227D6****"] {
        for header in ["x-oss-copy-source: /src-bucket/a.txt", "X-Oss-Copy-Source: /src-bucket/a%20b.txt"] {
            texts.push(format!(
                "PUT {path} HTTP/1.1\nHost: dest-bucket.oss-cn-hangzhou.aliyuncs.com\n{header}\nDate: Mon, 07 Dec 2026 10:00:00 GMT\n< HTTP/1.1 403 Forbidden\n{OSS_DENIED}"
            ));
        }
    }
    // Every SDK method that sends a copy.
    for row in OSS_METHODS.iter().filter(|r| r.operation.contains("Copy")) {
        for method in row.methods.iter().filter(|m| m.len() > 4) {
            texts.push(format!("err = bucket.{method}(\"src\", \"dst\")\n{OSS_GO}"));
            texts.push(format!("result = bucket.{}('src', 'dst')\n{OSS_GO}", snake(method)));
        }
    }
    assert!(texts.len() > 15, "{}", texts.len());
    for text in &texts {
        let f = first(text);
        assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("oss")), "{text}");
        assert_eq!(f.actions, COPY, "{text}");
        assert!(f.api.as_deref().is_some_and(|a| a.ends_with("Copy") || a == "CopyObject"), "{text}: {:?}", f.api);
    }
}

#[test]
fn an_upload_is_no_copy_and_the_header_beside_another_product_changes_nothing() {
    for (path, want) in
        [("/dir/dest.txt", "oss:PutObject"), ("/dest.bin?partNumber=3&uploadId=0004B9", "oss:PutObject")]
    {
        let text = format!(
            "PUT {path} HTTP/1.1\nHost: dest-bucket.oss-cn-hangzhou.aliyuncs.com\nContent-Type: text/plain\n< HTTP/1.1 403 Forbidden\n{OSS_DENIED}"
        );
        assert_eq!(first(&text).actions, [want], "{text}");
    }
    let text = format!("operation error PutObject: Error returned by Service.\n{OSS_DENIED}");
    assert_eq!(first(&text).actions, ["oss:PutObject"]);
    let text = format!("operation error GetObject: x-oss-copy-source was not set\n{OSS_DENIED}");
    assert_eq!(first(&text).actions, ["oss:GetObject"]);
    // Another product's error keeps its own call.
    let text = "x-oss-copy-source: /src/a.txt\nDescribeInstances failed: {\"RequestId\":\"1\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\"}";
    let f = first(text);
    assert_eq!(
        (f.kind, f.code.as_deref(), f.product.as_deref()),
        (Kind::MissingPermission, Some("Forbidden.RAM"), Some("ecs"))
    );
    assert_eq!(f.actions, ["ecs:DescribeInstances"]);
}

/// The gateway's refusal as the aliyun CLI and the Steampipe plugin print it.
const SDK_REFUSED: &str = "Error: SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM\nRequestId: FADE5107-8909-594E-A28E-7384395ADC25\nMessage: User not authorized to operate on the specified resource.";

#[test]
fn a_steampipe_table_is_never_its_terraform_types_create_call() {
    let (mut queried, mut created) = (0, 0);
    let mut types: Vec<&str> = catalog().terraform_types().collect();
    types.sort_unstable();
    for t in types {
        let Some((ram_code, api)) = catalog().terraform_create_api(t) else { continue };
        let create = format!("{ram_code}:{api}");
        for query in [
            format!("> select * from {t}"),
            format!("select id, name from {t} where region = 'cn-hangzhou';"),
            format!("select a.id from alicloud_account a JOIN {t} b on true"),
        ] {
            let text = format!("{query}\n{SDK_REFUSED}");
            let f = first(&text);
            assert_eq!((f.kind, f.code.as_deref()), (Kind::MissingPermission, Some("Forbidden.RAM")), "{text}");
            assert_ne!(f.actions.first(), Some(&create), "{text}");
            queried += 1;
        }
        // Control: the same type in a Terraform error is its create call.
        let text = format!("* {t}.default: Error creating: Code: Forbidden.RAM, Message: User not authorized to operate on the specified resource.");
        if first(&text).actions.first() == Some(&create) {
            created += 1;
        }
    }
    assert!(queried > 1000, "{queried}");
    assert!(created * 10 > queried / 3 * 9, "{created} of {} Terraform errors give the create call", queried / 3);
}

/// An old provider's error (aliyungo's `common.Error`), answered by ECS.
fn got_error(step: &str, got: &str) -> String {
    format!("* alicloud_instance.web: {step} {got}: &common.Error{{ErrorResponse:common.ErrorResponse{{Response:common.Response{{RequestId:\"4EDB304B-9710-4D6C-BA5D-CD4F347073B6\"}}, HostId:\"ecs.ap-northeast-1.aliyuncs.com\", Code:\"Forbidden.RAM\", Message:\"User not authorized to operate on the specified resource.\"}}, StatusCode:403}}")
}

#[test]
fn the_providers_step_before_got_an_error_is_its_api() {
    let apis: Vec<_> = catalog().apis_of("ecs").expect("ECS").into_iter().map(|(_, a)| a).collect();
    let mut right = 0;
    let mut wrong = Vec::new();
    for a in apis.iter().filter(|a| snake(&a.name).contains('_')) {
        let words = snake(&a.name).replace('_', " ");
        let step = words[..1].to_ascii_uppercase() + &words[1..];
        for got in ["got an error", "got error", "got a error"] {
            let f = first(&got_error(&step, got));
            if f.actions.first() == Some(&a.action) {
                right += 1;
            } else {
                wrong.push(format!("{step} {got}: {:?}", f.actions));
            }
        }
    }
    assert!(wrong.len() * 50 < right, "{right} right, wrong:\n{}", wrong.join("\n"));
    assert!(right > 500, "{right}");
    // Controls: words that are no API; no product known.
    // (Without the resource's address: rule `terraform-create` would give its create call.)
    let f =
        first(&got_error("Frobnicate the widgets", "got an error").replace("* alicloud_instance.web: ", "[ERROR] "));
    assert_eq!((f.kind, f.product.as_deref(), f.actions.first()), (Kind::MissingPermission, Some("ecs"), None));
    let f = first("Modify instance attribute got error: Code: Forbidden.RAM, Message: User not authorized to operate on the specified resource.");
    assert_eq!((f.kind, f.actions.first()), (Kind::MissingPermission, None));
}

#[test]
fn an_api_named_as_an_interface_or_before_fail_is_its_product_call() {
    let apis: Vec<_> = catalog().apis_of("alidns").expect("DNS").into_iter().map(|(_, a)| a).collect();
    let body = "{\"RequestId\":\"FE1FD5FA-BBC7-54D7-8F4C-4B68465D27EE\",\"HostId\":\"alidns.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\"}";
    let mut n = 0;
    for a in apis.iter().filter(|a| snake(&a.name).contains('_')) {
        for text in [format!("{}接口返回内容: {body}", a.name), format!("{} 接口：{body}", a.name), format!("{} fail,code:Forbidden.RAM,message:User not authorized to operate on the specified resource.,host:alidns.aliyuncs.com", a.name)] {
            let f = first(&text);
            assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("alidns")), "{text}");
            assert_eq!(f.actions.first(), Some(&a.action), "{text}");
            n += 1;
        }
    }
    assert!(n > 100, "{n}");
    // With no product around, an API only STS has names both (`AssumeRole接口调用次数限制` over a throttling sentence).
    let f = first("AssumeRole接口调用次数限制：每秒最多调用100次。\nRequest was denied due to user flow control");
    assert_eq!(
        (f.kind, f.product.as_deref(), f.actions.first().map(String::as_str)),
        (Kind::Other, Some("sts"), Some("sts:AssumeRole"))
    );
    // Controls: no API before the word.
    for text in [
        format!("云解析接口返回内容: {body}"),
        format!("Domain接口返回内容: {body}"),
        format!("DescribeFrobnicators 接口：{body}"),
    ] {
        let f = first(&text);
        assert_eq!(
            (f.kind, f.product.as_deref(), f.actions.first()),
            (Kind::MissingPermission, Some("alidns"), None),
            "{text}"
        );
    }
}

#[test]
fn a_command_word_is_no_api() {
    let text = "`aliyuncli oss List oss://my-bucket/user1-folder` returns AccessDenied 403.\n<Error><Code>AccessDenied</Code><Message>Access denied.</Message><HostId>my-bucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    let f = first(text);
    assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("oss")));
    assert!(f.actions.iter().all(|a| a != "oss:List"), "{:?}", f.actions);
}

/// A refusal's own sentence (`…, or you are not allowed to modify this resource.`) is no phase of the run: the
/// provider's `Error creating` keeps the create call, for every resource type the catalog maps.
#[test]
fn a_refusal_that_says_modify_keeps_the_create_phase() {
    let (mut n, mut kept, mut lost) = (0, 0, Vec::new());
    let mut types: Vec<&str> = catalog().terraform_types().collect();
    types.sort_unstable();
    for t in types {
        let Some((ram_code, api)) = catalog().terraform_create_api(t) else { continue };
        let create = format!("{ram_code}:{api}");
        let error = format!("Error: [ERROR] terraform-provider-alicloud/alicloud/resource_{t}.go:610: {t}.default: Error creating: Forbidden.RAM: User not authorized to operate on the specified resource");
        if first(&format!("{error}.")).actions.first() != Some(&create) {
            continue;
        }
        n += 1;
        let text = format!("{error}, or you are not allowed to modify this resource.");
        let got = first(&text).actions;
        if got.first() == Some(&create) {
            kept += 1;
        } else {
            lost.push(format!("{text}: {got:?}"));
        }
        // Controls: the provider's other phases, and its own steps other than the create API's, are no create call.
        let step =
            if api.starts_with("Modify") { "Describe attribute got error" } else { "Modify attribute got error" };
        for phase in ["Error modifying", "Error reading", "Error updating", "Error deleting", step] {
            let text = format!(
                "* {t}.default: {phase}: Forbidden.RAM: User not authorized to operate on the specified resource."
            );
            assert_ne!(first(&text).actions.first(), Some(&create), "{text}");
        }
    }
    assert!(n > 300, "{n}");
    assert_eq!(kept, n, "{}", lost.join("\n"));
}

/// `x-oss-copy-source` makes a PUT a copy only as a header of the request the error answers: not in an earlier log
/// line, nor inside another header's value.
#[test]
fn the_copy_header_counts_only_as_a_header_of_the_errors_request() {
    for (path, want) in [("/b.txt", "oss:PutObject"), ("/dest.bin?partNumber=3&uploadId=0004B9", "oss:PutObject")] {
        for before in [
            "copied via x-oss-copy-source earlier ok\n".to_string(),
            "PUT /a.txt HTTP/1.1\nx-oss-copy-source: /src/a.txt\n< HTTP/1.1 200 OK\n".to_string(),
        ] {
            let text = format!("{before}PUT {path} HTTP/1.1\n{OSS_DENIED}");
            assert_eq!(first(&text).actions, [want], "{text}");
        }
        let text = format!("PUT {path} HTTP/1.1\nHost: bkt.oss-cn-hangzhou.aliyuncs.com\nx-oss-meta-note: not x-oss-copy-source\n{OSS_DENIED}");
        assert_eq!(first(&text).actions, [want], "{text}");
        // The header as a header: on its own line, indented, or as a quoted key of a logged header map.
        for header in ["  x-oss-copy-source: /src/a.txt", "headers: {\"x-oss-copy-source\": \"/src/a.txt\"}"] {
            let text = format!("PUT {path} HTTP/1.1\n{header}\n{OSS_DENIED}");
            assert_eq!(first(&text).actions, COPY, "{text}");
        }
    }
}

/// A console's refusal in Chinese (every wording the console phrase row reads) that quotes the action it lacks in
/// the same sentence, in every quote the readers know: the quoted action is the call's. Controls: the same sentence
/// with no action quoted names none; a code beside it keeps the code's own reading.
#[test]
fn a_console_refusal_quoting_its_action_names_it() {
    let refusals =
        ["暂无权限查看所有实例", "权限不足", "无权限", "没有权限", "无访问权限", "无操作权限", "当前用户没有查看权限"];
    let quotes = [("“", "”"), ("\"", "\""), ("'", "'"), ("`", "`"), ("‘", "’"), ("「", "」")];
    let mut n = 0;
    for refusal in refusals {
        for (open, close) in quotes {
            for action in ["hologram:ListInstances", "ecs:DescribeInstances", "oss:ListBuckets"] {
                let text = format!(
                    "提示{refusal}，请让主账号前往RAM中心授予当前用户{open}xxx/*{close}资源的{open}{action}{close}权限。"
                );
                let f = first(&text);
                assert_eq!(f.actions, [action], "{text}");
                assert_eq!(f.product.as_deref(), action.split(':').next(), "{text}");
                n += 1;
            }
        }
        // No action quoted: none is named.
        let text = format!("提示{refusal}，请让主账号前往RAM中心授予当前用户“xxx/*”资源的权限。");
        assert!(first(&text).actions.is_empty(), "{text}");
    }
    assert!(n >= 100, "{n}");
    // An Alibaba Cloud error with its own code and action: the sentence's quoted action does not replace it.
    let text = "{\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource.\",\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:DescribeInstances\"}}\n无权限，需要“vpc:DescribeVpcs”权限。";
    assert_eq!(first(text).actions.first().map(String::as_str), Some("ecs:DescribeInstances"));
}
