//! Session 13's classes of other systems' errors that share Alibaba Cloud's words: Tencent Cloud CAM's and COS's,
//! Azure Resource Manager's and Azure's SDKs', Volcano Engine IAM's (TRN resources), the Taobao (TOP) and Alipay open
//! platforms', Kubernetes admission's, Hive's, Apache RocketMQ's ACL, AWS AppSync's, Huawei Cloud's quoted codes and
//! the Docker registry's own log. Each class's documented shapes must give that system's finding — kind `other`, no
//! grant, the code and action as the system prints them — and the same words beside a genuine Alibaba Cloud error
//! must leave Alibaba Cloud's finding, with its grant.

mod common;

use common::full_catalog;
use ram_doctor_core::diagnose::systems::{self, System};
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

fn grants(f: &Finding, catalog: &Catalog) -> bool {
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, catalog).expect("default options"));
    !grant.system_policies.is_empty() || grant.custom_policy.is_some()
}

/// One documented shape of a class: the text, its system, the code and the action it prints.
struct Case {
    text: &'static str,
    system: &'static System,
    code: Option<&'static str>,
    action: Option<&'static str>,
}

const fn case(
    text: &'static str,
    system: &'static System,
    code: Option<&'static str>,
    action: Option<&'static str>,
) -> Case {
    Case { text, system, code, action }
}

const CASES: &[Case] = &[
    // Tencent Cloud CAM's refusal through its SDKs: `operation (<service>:<Action>)` is the action.
    case(
        "[TencentCloudSDKException] code:UnauthorizedOperation message:You are not authorized to perform operation (cvm:RebootInstances) resource (qcs::cvm:ap-guangzhou:uin/1:instance/ins-1) has no permission.",
        &systems::TENCENT,
        Some("UnauthorizedOperation"),
        Some("cvm:RebootInstances"),
    ),
    case(
        r#"{"Response":{"Error":{"Code":"UnauthorizedOperation","Message":"you are not authorized to perform operation (cam:ListUsers)\nresource (qcs::cam::uin/1:uin/2) has no permission\n"},"RequestId":"a-1"}}"#,
        &systems::TENCENT,
        Some("UnauthorizedOperation"),
        Some("cam:ListUsers"),
    ),
    case(
        "[TencentCloudSDKError] Code=UnauthorizedOperation, Message=you are not authorized to perform operation (cdb:DescribeDBInstances), RequestId=7f2",
        &systems::TENCENT,
        Some("UnauthorizedOperation"),
        Some("cdb:DescribeDBInstances"),
    ),
    // COS's response headers: COS answered, whatever the XML error's code.
    case(
        "AccessDenied: Access Denied x-cos-request-id: NjFlMmNl x-cos-trace-id: OGVmYzZi",
        &systems::TENCENT_COS,
        Some("AccessDenied"),
        None,
    ),
    // Azure Resource Manager's `AuthorizationFailed`: the action quoted after `perform action`.
    case(
        r#"status code 403, {"error":{"code":"AuthorizationFailed","message":"The client 'a@b.com' with object id '0000' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/1/resourcegroups/rg' or the scope is invalid."}}"#,
        &systems::AZURE,
        Some("AuthorizationFailed"),
        Some("Microsoft.Resources/subscriptions/resourcegroups/read"),
    ),
    case(
        "Code=\"AuthorizationFailed\" Message=\"The client 'sp' with object id '1' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/1'.\"",
        &systems::AZURE,
        Some("AuthorizationFailed"),
        Some("Microsoft.Authorization/roleAssignments/write"),
    ),
    // Azure's SDK packages and the plugins named after them.
    case(
        "Logger: custom_components.azure_tts.tts\nSource: custom_components/azure_tts/tts.py:41\n\nGet token failed, reason: Access Denied",
        &systems::AZURE,
        None,
        None,
    ),
    // Volcano Engine IAM: the action its refusal names stays as printed (its service codes are Alibaba's names too).
    case(
        "AccessDenied: User is not authorized to perform: cr:SetUser on resource: trn:cr:cn-beijing:2100000001:instance/cr-1",
        &systems::VOLCANO,
        Some("AccessDenied"),
        Some("cr:SetUser"),
    ),
    case(
        "{\"Code\":\"AccessDenied\",\"Message\":\"User is not authorized to perform: ecs:RunInstances on resource: trn:ecs:cn-beijing:2000000001:instance/*\"}",
        &systems::VOLCANO,
        Some("AccessDenied"),
        Some("ecs:RunInstances"),
    ),
    // TOP's numeric codes before their documented messages.
    case("阿里大鱼一直报 11 Insufficient isv permissions 错误", &systems::TAOBAO, Some("11"), None),
    case(
        r#"{"error_response":{"code":12,"msg":"Insufficient user permissions","sub_code":"isv.permission-user-forbidden"}}"#,
        &systems::TAOBAO,
        Some("12"),
        None,
    ),
    case(
        "errorcode=11 message=Insufficient isv permissions subcode=isv.permission-api-package-limit",
        &systems::TAOBAO,
        Some("11"),
        None,
    ),
    // Alipay's sub codes, keyed or not, and its gateway page's code on the line under its refusal.
    case(
        "扫码支付下单Get Alipay API Error:Insufficient Permissions - isv.self-invoke-forbidden",
        &systems::ALIPAY_TAOBAO,
        Some("isv.self-invoke-forbidden"),
        None,
    ),
    case(
        "调试错误，请回到请求来源地，重新发起请求。\n错误代码 invalid-signature 错误原因: 验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配",
        &systems::ALIPAY,
        Some("invalid-signature"),
        None,
    ),
    case(
        "无法生成支付地址\n调试错误，请回到请求来源地，重新发起请求。\n错误代码 missing-signature-config 错误原因: 验签出错, 未配置对应签名算法的公钥或者证书",
        &systems::ALIPAY,
        Some("missing-signature-config"),
        None,
    ),
    // Apache RocketMQ's ACL: its status code inside the brackets.
    case(
        "Caused by: org.apache.rocketmq.acl.common.AclException: [10015:signature-failed] unable to calculate a request signature. error=Algorithm HmacSHA1 not available",
        &systems::ROCKETMQ_ACL,
        Some("10015"),
        None,
    ),
    // AWS AppSync's GraphQL error type.
    case(
        "{\"errors\":[{\"errorType\":\"Unauthorized\",\"message\":\"Unable to assume role arn:aws:iam::1:role/appsync-ds.\"}]}",
        &systems::AWS,
        Some("Unauthorized"),
        None,
    ),
    // Huawei Cloud's code quoted in a wrapper's JSON (a multi-cloud manager's print).
    case(
        r#"GetBalance: {"error":{"class":"CBC.0150","code":403,"details":"Access denied.","request":{"url":"https://bss.myhuaweicloud.com/v2/accounts/customer-accounts/balances"}}}"#,
        &systems::HUAWEI,
        Some("CBC.0150"),
        None,
    ),
    // Kubernetes admission and Hive: their own refusals; no code of theirs.
    case(
        "Error from server (Forbidden): configmaps \"c\" is forbidden: unable to create new content in namespace ns because it is being terminated",
        &systems::KUBERNETES,
        None,
        None,
    ),
    case(
        "FAILED: HiveAccessControlException Permission denied: Principal [name=etl, type=USER] does not have following privileges for operation CREATETABLE",
        &systems::HIVE,
        None,
        None,
    ),
];

#[test]
fn other_systems_print_their_own_code_and_action_and_get_no_grant() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for c in CASES {
        let d = diagnose(c.text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {}", c.text));
            continue;
        };
        let got = (f.other_cloud.as_deref(), f.code.as_deref(), f.actions.first().map(String::as_str));
        if got != (Some(c.system.en), c.code, c.action) || f.kind != Kind::Other || grants(f, catalog) {
            failures.push(format!("{got:?} {:?} grant={}: {}", f.kind, grants(f, catalog), c.text));
        }
    }
    eprintln!("other platforms: {} texts", CASES.len());
    assert!(failures.is_empty(), "{} of {} texts:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

/// The same words beside (or inside) a genuine Alibaba Cloud error: the first finding stays Alibaba Cloud's — no
/// other system, its kind, its product, and a missing permission keeps its grant.
#[test]
fn alibaba_errors_with_the_same_words_stay_alibaba_clouds() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, kind, product) in [
        // OSS's own `AccessDenied` naming `oss:PutObject`, in a log that uploaded to COS before.
        (
            "x-cos-request-id: NjFlMmNl (the old COS upload)\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>5C3D9175B6FC201293AD4890</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>",
            Kind::MissingPermission,
            Some("oss"),
        ),
        // Container Registry's own refusal of `cr:` actions (Volcano Engine's service code is the same word).
        (
            "ErrorCode: Forbidden.RAM\nHostId: cr.cn-hangzhou.aliyuncs.com\nMessage: User not authorized to operate on the specified resource.\nAuthAction: cr:GetAuthorizationToken",
            Kind::MissingPermission,
            Some("cr"),
        ),
        // SMS's upper-case `isv.` code from dysms, beside the Taobao platform's name for the old SMS product.
        (
            "阿里大鱼迁移到阿里云短信后报错：\n{\"Code\":\"isv.RAM_PERMISSION_DENY\",\"Message\":\"RAM权限DENY\",\"RequestId\":\"1\"} https://dysmsapi.aliyuncs.com",
            // (SMS's `RAM_PERMISSION_DENY` is read as kind `other` with or without the words beside it.)
            Kind::Other,
            Some("dysms"),
        ),
        // An Alibaba Cloud error in an Azure Pipelines job.
        (
            "##[section]Starting: azure-pipelines.yml deploy\nSDK.ServerError\nErrorCode: Forbidden.RAM\nHostId: ecs.cn-hangzhou.aliyuncs.com\nMessage: User not authorized to operate on the specified resource.\nAuthAction: ecs:DescribeInstances",
            Kind::MissingPermission,
            Some("ecs"),
        ),
        // MaxCompute's privilege refusal: Hive's look-alike, Alibaba Cloud's own.
        (
            "FAILED: ODPS-0130013:Authorization Failed [4019], You have NO privilege 'odps:CreateTable' on {acs:odps:*:projects/p}. Context ID:1.",
            Kind::MissingPermission,
            Some("odps"),
        ),
        // A TRN-like word in a name beside RAM's own refusal.
        (
            "deploy job trn:build:42 failed\nErrorCode: Forbidden.RAM\nHostId: ecs.cn-hangzhou.aliyuncs.com\nMessage: User not authorized to operate on the specified resource.\nAuthAction: ecs:RunInstances",
            Kind::MissingPermission,
            Some("ecs"),
        ),
    ] {
        let d = diagnose(text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        let lost = f.other_cloud.is_some()
            || f.kind != kind
            || f.product.as_deref() != product
            || (kind == Kind::MissingPermission && !grants(f, catalog));
        if lost {
            failures.push(format!("{:?} {:?} {:?} grant={}: {text}", f.other_cloud, f.kind, f.product, grants(f, catalog)));
        }
    }
    assert!(failures.is_empty(), "{} texts:\n{}", failures.len(), failures.join("\n"));
}

/// Azure's package names, COS's headers, TOP's plain-English sentence and an open-platform token on the line leading
/// into (or inside) a genuine Alibaba Cloud error: Alibaba Cloud's code, RAM's sentence or OSS's own words overrule
/// them — the finding stays Alibaba Cloud's, and one that names its product keeps its grant.
#[test]
fn alibaba_errors_under_azure_cos_and_open_platform_words_keep_their_finding_and_grant() {
    let catalog = full_catalog();
    let oss_acl = "{'status': 403, 'details': {'Code': 'AccessDenied', 'Message': 'You have no right to access this object because of bucket acl.'}}";
    let no_permission =
        "ERROR: SDK.ServerError\nErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.";
    let forbidden_ram = r#"{"Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","RequestId":"AB"}"#;
    let ecs_block = "ErrorCode: Forbidden.RAM\nHostId: ecs.cn-hangzhou.aliyuncs.com\nMessage: User not authorized to operate on the specified resource.\nAuthAction: ecs:DescribeInstances";
    let cases: Vec<(String, Kind, bool)> = vec![
        // An Azure SDK frame or install line right above an OSS or RAM error.
        (format!("pip install azure-storage-blob oss2\noss2.exceptions.AccessDenied: {oss_acl}"), Kind::MissingPermission, true),
        (
            format!("  File \"/opt/venv/lib/python3.10/site-packages/azure/core/pipeline/policies.py\", line 3, in send\noss2.exceptions.AccessDenied: {oss_acl}"),
            Kind::MissingPermission,
            true,
        ),
        (
            format!("Traceback (most recent call last):\n  File \"/opt/venv/site-packages/azure/core/pipeline/policies.py\", line 3, in send\n  File \"sync.py\", line 40, in <module>\n    bucket.put_object(key, data)\noss2.exceptions.AccessDenied: {oss_acl}"),
            Kind::MissingPermission,
            true,
        ),
        (format!("File \"/usr/lib/python3/site-packages/airflow/providers/microsoft/azure/hooks/wasb.py\", line 12\n{no_permission}"), Kind::AssumeRole, true),
        (format!("using @azure/identity for the other tenant\n{forbidden_ram}"), Kind::MissingPermission, false),
        (format!("using @azure/identity for the other tenant\n{ecs_block}"), Kind::MissingPermission, true),
        (
            "export AZURE_CLIENT_ID=xxx ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI\nError: AccessDenied\nMessage: The bucket you access does not belong to you.".to_string(),
            Kind::MissingPermission,
            true,
        ),
        // COS's headers on the line leading into (or swallowed by) an aliyun CLI's or SDK's error.
        (format!("upload to cos ok: x-cos-request-id: NjA=\naliyun ecs DescribeInstances\n{no_permission}"), Kind::AssumeRole, true),
        ("sync both clouds; cos headers: x-cos-request-id: NjA\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 1234".to_string(), Kind::MissingPermission, false),
        (format!("upload to cos ok: x-cos-request-id: NjA=\n{ecs_block}"), Kind::MissingPermission, true),
        // TOP's code-12 sentence is plain English inside a Forbidden.RAM block.
        ("ErrorCode: Forbidden.RAM\nMessage: Insufficient user permissions to operate on the specified resource.".to_string(), Kind::MissingPermission, false),
        (
            "ErrorCode: Forbidden.RAM\nHostId: ecs.cn-hangzhou.aliyuncs.com\nMessage: Insufficient user permissions to operate on the specified resource.\nAuthAction: ecs:DescribeInstances".to_string(),
            Kind::MissingPermission,
            true,
        ),
        // An open platform's lower-case `isv.` token on a genuine RAM error's lines.
        (format!("after isv.invalid-signature was fixed the OpenAPI call fails: {forbidden_ram}"), Kind::MissingPermission, false),
        (format!("{ecs_block}\n(was isv.permission-api-package-limit on the Taobao side)"), Kind::MissingPermission, true),
    ];
    let mut failures = Vec::new();
    for (text, kind, grant) in &cases {
        let d = diagnose(text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        if f.other_cloud.is_some() || f.kind != *kind || (*grant && !grants(f, catalog)) {
            failures.push(format!("{:?} {:?} grant={}: {text}", f.other_cloud, f.kind, grants(f, catalog)));
        }
    }
    assert!(failures.is_empty(), "{} of {} texts:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
