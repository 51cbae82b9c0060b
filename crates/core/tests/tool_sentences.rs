//! Message-only pastes of the fixed sentences one tool, client or product prints (lego's Alibaba Cloud DNS provider,
//! Packer's alicloud-ecs builder, Serverless Devs, the RocketMQ (ONS) client and broker, the ECS metadata client,
//! Model Studio and its DashScope SDKs, OSS): each gives a finding of its kind and product, with the sentence's printer as the product's reason (in
//! English and Chinese), and no grant where the kind is no permission one. The same words beside a genuine RAM
//! refusal leave the refusal's finding; the words in ordinary prose, or another tool's, name no Alibaba Cloud
//! product.

mod common;

use common::{full_catalog, refusal_lost};
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::read::phrases::printed_sentences;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Kind};

/// Each printed sentence as its tool prints it (placeholders filled in), the kind and product it gives.
const PRINTED: &[(&str, Kind, &str)] = &[
    (
        "fun deploy: message: The service or function doesn't belong to you..",
        Kind::Other,
        "fc",
    ),
    (r#"{"ErrorCode": "AccessDenied", "ErrorMessage": "The service or function does not belong to you."}"#, Kind::Other, "fc"),
    ("java.lang.IllegalArgumentException: Disallow set ak information in OSS URI", Kind::Other, "oss"),
    (
        "cannot get ACME client alicloud: some credentials information are missing: ALICLOUD_ACCESS_KEY,ALICLOUD_SECRET_KEY",
        Kind::BadCredentials,
        "alidns",
    ),
    (
        "Error: some credentials information are missing: ALICLOUD_ACCESS_KEY,ALICLOUD_SECRET_KEY",
        Kind::BadCredentials,
        "alidns",
    ),
    (
        "[Mon Sep  2 10:07:00 CST 2019] You don't specify aliyun api key and secret yet.",
        Kind::BadCredentials,
        "alidns",
    ),
    (
        "Error creating machine: Error with pre-create check: \"worker-1 | aliyunecs driver requires the --aliyunecs-access-key-id option\"",
        Kind::BadCredentials,
        "ecs",
    ),
    ("aliyunecs driver requires the --aliyunecs-secret-key option", Kind::BadCredentials, "ecs"),
    (
        "acme: error presenting token: alicloud: zone example.com. not found in AliDNS for domain _acme-challenge.www.example.com.",
        Kind::Other,
        "alidns",
    ),
    (
        "==> alicloud-ecs: No alicloud image was found matching filters: ubuntu_22_04_x64_20G_alibase_20240322.vhd",
        Kind::Other,
        "ecs",
    ),
    (
        "Invalid format of role arn: arn:role/fc-default, it should start with 'acs:ram::'",
        Kind::Other,
        "fc",
    ),
    (
        "com.aliyun.openservices.ons.api.impl.authority.exception.AuthenticationException: get user info by accesskey from ALIYUN failed.",
        Kind::BadCredentials,
        "mq",
    ),
    (
        "AuthenticationException: signature validate failed.the resource to be operated doesn't exist.",
        Kind::Other,
        "mq",
    ),
    (
        "level=fatal msg=\"Get role name error: Aliyun Metadata API Error: Status Code: 404\"",
        Kind::BadCredentials,
        "ecs",
    ),
    ("{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}", Kind::BadCredentials, "sfm"),
    // The ONS broker's remark and the ONS client's own checks: no AccessKey configured.
    (
        "RemotingCommand{code:1,remark:\"com.aliyun.openservices.ons.api.impl.authority.exception.AuthenticationException: com.alibaba.ons.open.exception.OnsException: __accessKey is blank.\"}",
        Kind::BadCredentials,
        "mq",
    ),
    ("ONSClientException: AccessKey is blank unexpectedly, please set it.", Kind::BadCredentials, "mq"),
    ("SecretKey is blank unexpectedly, please set it.", Kind::BadCredentials, "mq"),
    // OSS: a signed URL without its query-string signature's parameters, in both spellings OSS's documentation has.
    (
        "curl oss url报错：Query string authentication requires the Signature, Expires and OSSAccessKeyId parameters",
        Kind::Signature,
        "oss",
    ),
    (
        "<Message>Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters</Message>",
        Kind::Signature,
        "oss",
    ),
    // OSS's S3-compatible API refuses an S3 SDK's aws-chunked upload.
    ("NotImplemented: Aws MultiChunkedEncoding STREAMING-UNSIGNED-PAYLOAD-TRAILER is not supported.", Kind::Signature, "oss"),
    ("Aws MultiChunkedEncoding is not supported", Kind::Signature, "oss"),
    // OSS's error-center pages on signed URLs past their expiry.
    ("访问图片提示 URL签名已过期", Kind::TokenExpired, "oss"),
    ("403: The signature in the request URL has expired.", Kind::TokenExpired, "oss"),
    ("ffmpeg push failed: The signature in the LiveChannel request expires.", Kind::TokenExpired, "oss"),
    ("The signature in the LiveChannel request has expired.", Kind::TokenExpired, "oss"),
    // Model Studio's `Arrearage` (OpenAI-compatible and DashScope shapes) and the DashScope SDK with no API key.
    (
        "{'error': {'code': 'Arrearage', 'param': None, 'message': 'Access denied, please make sure your account is in good standing.', 'type': 'Arrearage'}}",
        Kind::Other,
        "sfm",
    ),
    ("Failed to get a response: Arrearage - Access denied, please make sure your account is in good standing.", Kind::Other, "sfm"),
    // Its error-code page's own typo.
    ("Access denied, plesase make sure your account is in good standing.", Kind::Other, "sfm"),
    (
        "dashscope.common.error.AuthenticationError: No api key provided. You can set by dashscope.api_key = your_api_key in code, or you can set it via environment variable DASHSCOPE_API_KEY= your_api_key.",
        Kind::BadCredentials,
        "sfm",
    ),
];

/// How people paste a tool's line: alone, in a log line, after a question in Chinese.
const WRAPPINGS: &[&str] = &["{m}", "2024-05-01T12:00:00Z ERROR {m}", "部署时报错了，请问怎么解决？\n{m}"];

/// The first finding's kind, product, product reason (English, Chinese) and whether its plan grants anything.
fn first(text: &str, catalog: &Catalog) -> Option<(Kind, Option<String>, String, String, bool)> {
    let f = diagnose(text, catalog).findings.into_iter().next()?;
    let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
    let granted = !grant.system_policies.is_empty() || grant.custom_policy.is_some();
    let (en, zh) = f.product_reason.clone().map(|r| (r.en, r.zh)).unwrap_or_default();
    Some((f.kind, f.product.clone(), en, zh, granted))
}

#[test]
fn every_printed_sentence_has_a_paste_in_the_sweep() {
    let missing: Vec<&str> = printed_sentences()
        .map(|(needle, _)| needle)
        .filter(|needle| !PRINTED.iter().any(|(text, _, _)| text.to_ascii_lowercase().contains(needle)))
        .collect();
    assert!(missing.is_empty(), "printed sentences with no paste in PRINTED: {missing:?}");
}

#[test]
fn printed_sentences_alone_and_wrapped_give_their_kind_product_and_printer() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for &(m, kind, product) in PRINTED {
        let tool = printed_sentences()
            .find(|(needle, _)| m.to_ascii_lowercase().contains(needle))
            .map(|(_, p)| p.tool)
            .expect("every paste holds a printed sentence");
        for w in WRAPPINGS {
            n += 1;
            let text = w.replace("{m}", m);
            let got = first(&text, catalog);
            let ok = got.as_ref().is_some_and(|(k, p, en, zh, granted)| {
                *k == kind
                    && p.as_deref() == Some(product)
                    && en.contains(tool)
                    && zh.contains(tool)
                    && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    && !granted
            });
            if !ok {
                wrong.push(format!("{got:?} {text:?}"));
            }
        }
    }
    eprintln!("printed sentences: {}/{n} give their kind, product and printer", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_printed_sentence_beside_a_ram_refusal_leaves_the_refusal() {
    let wrong = refusal_lost(PRINTED.iter().map(|(m, _, _)| m.to_string()));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The same words printed by other tools or written in prose: no Alibaba Cloud product.
const NOT_THE_TOOL: &[&str] = &[
    // lego's other DNS providers share the credentials sentence and the zone lookup's words.
    "cloudflare: some credentials information are missing: CF_API_EMAIL,CF_API_KEY",
    "some credentials information are missing: DO_AUTH_TOKEN",
    "route53: zone example.com. not found in Route 53 for domain example.com",
    // Packer's Amazon builder.
    "==> amazon-ebs: No AMI was found matching filters: ubuntu/images/*",
    // Prose about role ARNs and metadata services of other clouds.
    "The role arn you pasted is not correct, please check the IAM console.",
    "EC2 Metadata API Error: Status Code: 404",
    // S3's own query-string message (its parameter `AWSAccessKeyId`), other products' "blank" keys, an account's
    // standing in other services' prose.
    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
    "accessKey is blank.",
    "Your account is in good standing. You have access to all features.",
    "Error: Unable to create deployment. Please make sure your account is in good standing and try again. (vercel)",
    // acme.sh's other DNS hooks and docker-machine's other drivers.
    "You don't specify cloudflare api key and email yet.",
    "amazonec2 driver requires the --amazonec2-access-key option",
];

#[test]
fn the_words_without_the_tool_name_no_alibaba_product() {
    let catalog = full_catalog();
    let mut wrong = Vec::new();
    for text in NOT_THE_TOOL {
        for f in diagnose(text, catalog).findings {
            if f.other_cloud.is_none() && f.product.is_some() {
                wrong.push(format!("[{} {:?}] {text:?}", f.kind.as_str(), f.product));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// ROS's refusal of a role ARN that names no role (`The role arn … is not correct`): a template to fix, the product
/// the host names; an ARN after the same words without the verdict is no error.
#[test]
fn a_role_arn_ros_refuses_is_a_template_error() {
    let catalog = full_catalog();
    let text = "The role arn acs:fc:::services/car/functions/core is not correct: : , URL: http://ros.aliyuncs.com/";
    let (kind, product, _, _, granted) = first(text, catalog).expect("a finding");
    assert_eq!((kind, product.as_deref(), granted), (Kind::Other, Some("ros"), false));
    assert!(first("The role arn acs:ram::123456789012:role/deployer is used by the pipeline.", catalog).is_none());
}

/// ECS's stock sentence (`OperationDenied.NoStock`: "The resource is out of usage."), which RDS prints too: no grant,
/// ECS first and RDS offered after it.
#[test]
fn the_stock_sentence_alone_is_ecs_or_rds_and_no_grant() {
    let catalog = full_catalog();
    for text in ["The resource is out of usage.", "I am getting \"The resource is out of usage\" every time."] {
        let f = diagnose(text, catalog).findings.into_iter().next().expect("a finding");
        let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
        assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, Some("ecs")), "{text}");
        assert!(f.likely_products.iter().any(|g| g.product == "rds"), "{text}");
        assert!(grant.system_policies.is_empty() && grant.custom_policy.is_none(), "{text}");
    }
}

/// A refused `docker login` whose registry host is masked: Container Registry when the paste names it, another
/// registry when nothing does.
#[test]
fn a_refused_login_is_container_registry_s_when_the_paste_names_it() {
    let catalog = full_catalog();
    let refused = "Error response from daemon: Get \"https://***/v2/\": unauthorized: authentication required";
    for named in [
        "推送到阿里云容器镜像服务失败",
        "阿里云镜像服务出现认证问题",
        "docker login to Alibaba Cloud Container Registry (ACR) failed",
    ] {
        let f = diagnose(&format!("{named}\n{refused}"), catalog).findings.into_iter().next().expect("a finding");
        assert_eq!((f.kind, f.product.as_deref(), f.other_cloud.as_deref()), (Kind::BadCredentials, Some("cr"), None));
    }
    for unnamed in ["", "镜像服务出现认证问题\n", "docker login to our registry failed\n"] {
        let f = diagnose(&format!("{unnamed}{refused}"), catalog).findings.into_iter().next().expect("a finding");
        assert_eq!((f.product.as_deref(), f.other_cloud.is_some()), (None, true), "{unnamed:?}");
    }
}

/// A refused login that names its registry's host is that host's: another registry's for any host outside Alibaba
/// Cloud's domains, whatever the words around call it (Azure's and GitHub's registries are "ACR" and "Container
/// Registry" too, a self-hosted one on ECS is a `镜像服务`); Container Registry's for its own hosts. Without a
/// host, "ACR" and "Container Registry" name Container Registry only beside an Alibaba Cloud mark.
#[test]
fn a_refused_login_naming_another_registry_s_host_is_not_container_registry_s() {
    let catalog = full_catalog();
    let words = [
        "",
        "Pushing to our ACR failed\n",
        "Login to Container Registry fails in CI\n",
        "我们在阿里云 ECS 上自建了镜像服务\n",
        "阿里云容器镜像服务登录失败\n",
    ];
    let refusals = [
        "Error response from daemon: Get \"https://{h}/v2/\": unauthorized: authentication required",
        "Error response from daemon: login attempt to https://{h}/v2/ failed with status: 401 Unauthorized",
        "$ docker login -u ci --password-stdin {h}\nError response from daemon: unauthorized: incorrect username or password",
        "$ podman login --username=bot {h}:5000\nError: unauthorized: authentication required",
        "Logging into {h}...\nError: Error response from daemon: unauthorized: authentication required",
    ];
    let other = ["ghcr.io", "team.azurecr.io", "docker.io", "registry.corp.example", "quay.io", "10.0.3.7"];
    let alibaba = ["registry.cn-beijing.aliyuncs.com", "prod-registry.cn-shenzhen.cr.aliyuncs.com"];
    for (w, r) in words.iter().flat_map(|w| refusals.iter().map(move |r| (w, r))) {
        for h in other {
            let text = format!("{w}{}", r.replace("{h}", h));
            let f = diagnose(&text, catalog).findings.into_iter().next().expect("a finding");
            assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, None), "{text}");
            assert!(f.other_cloud.is_some(), "{text}");
            let grant = Grant::from_plan(&GrantPlan::for_finding(&f, catalog).expect("default options"));
            assert!(grant.system_policies.is_empty() && grant.custom_policy.is_none(), "{text}");
        }
        for h in alibaba {
            let text = format!("{w}{}", r.replace("{h}", h));
            let f = diagnose(&text, catalog).findings.into_iter().next().expect("a finding");
            assert_eq!((f.product.as_deref(), f.other_cloud.as_deref()), (Some("cr"), None), "{text}");
        }
    }
    // Masked or variable hosts name none: the words decide, "ACR" and "Container Registry" only with a mark.
    for h in ["***", "$REGISTRY", "${{ env.REGISTRY }}"] {
        let refused = format!(
            "$ docker login -u ci -p $PASS {h}\nError response from daemon: unauthorized: authentication required"
        );
        for (w, cr) in [
            ("Pushing to our ACR failed\n", false),
            ("Login to GitHub Container Registry fails\n", false),
            ("自建的 Harbor 镜像服务\n", false),
            ("Pushing to Alibaba Cloud ACR failed\n", true),
            ("阿里云镜像服务出现认证问题\n", true),
        ] {
            let text = format!("{w}{refused}");
            let f = diagnose(&text, catalog).findings.into_iter().next().expect("a finding");
            assert_eq!(f.product.as_deref() == Some("cr"), cr, "{text}: {f:?}");
            assert_eq!(f.other_cloud.is_some(), !cr, "{text}");
        }
    }
}

/// `镜像服务` alone (ECS's images, a self-hosted registry) names no Container Registry on an Alibaba Cloud error's
/// lines; its Chinese name does.
#[test]
fn a_bare_image_service_word_is_not_container_registry_s() {
    let catalog = full_catalog();
    let refusal = r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","RequestId":"A1B2"}"#;
    let f = diagnose(&format!("镜像服务调用失败：{refusal}"), catalog).findings.into_iter().next().expect("a finding");
    assert_ne!(f.product.as_deref(), Some("cr"), "{f:?}");
    let f =
        diagnose(&format!("容器镜像服务调用失败：{refusal}"), catalog).findings.into_iter().next().expect("a finding");
    assert_eq!(f.product.as_deref(), Some("cr"), "{f:?}");
}

/// Short Message Service's first API answered at `sms.aliyuncs.com`, which the catalog no longer lists.
#[test]
fn the_retired_sms_endpoint_is_short_message_service() {
    let catalog = full_catalog();
    let text = r#"{"RequestId":"6BD15D2C-F0E7-4FEA-B573-D0F3C8BF7939","HostId":"sms.aliyuncs.com","Code":"Forbidden","Message":"User not authorized to operate on the specified resource."}"#;
    let f = diagnose(text, catalog).findings.into_iter().next().expect("a finding");
    assert_eq!(f.product.as_deref(), Some("dysms"));
}

/// A code only one product documents names that product when it stands in prose too (KMS's FAQ titles).
#[test]
fn a_documented_code_in_prose_names_its_only_product() {
    let catalog = full_catalog();
    let f = diagnose("解密时为何出现 Forbidden.KeyNotFound 的错误？", catalog)
        .findings
        .into_iter()
        .next()
        .expect("a finding");
    assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, Some("kms")));
}

/// Model Studio's `AccessDenied.Unpurchased`, which the catalog lacks, names Model Studio; its sentence alone is
/// not activated, its product left to the words around.
#[test]
fn model_studio_s_unpurchased_code_names_it() {
    let catalog = full_catalog();
    let text = r#"Error: 403: {"message":"Access to model denied. Please make sure you are eligible for using the model.","type":"AccessDenied.Unpurchased","code":"AccessDenied.Unpurchased"}"#;
    let (kind, product, _, _, granted) = first(text, catalog).expect("a finding");
    assert_eq!((kind, product.as_deref(), granted), (Kind::NotActivated, Some("sfm"), false));
    let (kind, _, _, _, _) = first("403 Access to model denied.", catalog).expect("a finding");
    assert_eq!(kind, Kind::NotActivated);
}

/// A sentence's documented code printed just before it (`{code} - {message}`) is the error's code; the code in other
/// words before the sentence, or another code there, is not.
#[test]
fn a_sentence_s_own_code_printed_before_it_is_the_code() {
    let catalog = full_catalog();
    let code = |text: &str| diagnose(text, catalog).findings.into_iter().next().and_then(|f| f.code);
    for text in [
        "Exception: DashScope embedding error: InvalidApiKey - Invalid API-key provided.",
        "InvalidApiKey: Invalid API-key provided.",
        "[InvalidApiKey] Invalid API-key provided.",
    ] {
        assert_eq!(code(text).as_deref(), Some("InvalidApiKey"), "{text}");
    }
    for text in [
        "Invalid API-key provided.",
        "InvalidApiKeys - Invalid API-key provided.",
        "InvalidApiKey was the code; then Invalid API-key provided.",
    ] {
        assert_ne!(code(text).as_deref(), Some("InvalidApiKey"), "{text}");
    }
}

/// Log Service's mobile SDKs name themselves in their version and user agent (`sls-ios-sdk_v2.2.8`,
/// `sls-android-sdk/2.7.0`), pod and packages: an Alibaba Cloud mark that names Log Service, so general signature
/// words beside it are Log Service's signature error; the same words alone say nothing.
#[test]
fn log_service_s_mobile_sdk_names_name_log_service() {
    let catalog = full_catalog();
    let names = [
        "版本号：sls-ios-sdk_v2.2.8",
        "sls-android-sdk/2.7.0",
        "pod 'AliyunLogProducer'",
        "com.aliyun.sls.android.producer",
    ];
    let words = ["发送日志失败，返回结果401，提示签名错误", "send failed: signature failed"];
    let mut wrong = Vec::new();
    for (name, w) in names.iter().flat_map(|n| words.iter().map(move |w| (n, w))) {
        let text = format!("{name}\n{w}");
        let f = diagnose(&text, catalog).findings.into_iter().next();
        if f.as_ref().map(|f| (f.kind, f.product.as_deref())) != Some((Kind::Signature, Some("log"))) {
            wrong.push(format!("{:?} {text:?}", f.map(|f| (f.kind.as_str(), f.product))));
        }
    }
    for w in words {
        if let Some(f) = diagnose(w, catalog).findings.into_iter().next() {
            wrong.push(format!("[{} {:?}] {w:?}", f.kind.as_str(), f.product));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
