//! Which product a finding names, one test per rule of `diagnose::product` and the action rule that reads the
//! words around an error, with the committed catalog. Texts are written for the rule, not taken from a paste.

use ram_doctor_core::{diagnose, Catalog, Finding};

mod common;

fn catalog() -> &'static Catalog {
    common::full_catalog()
}

fn first(text: &str) -> Finding {
    let d = diagnose(text, catalog());
    d.findings.into_iter().next().unwrap_or_else(|| panic!("no finding for {text}"))
}

fn product(text: &str) -> Option<String> {
    first(text).product
}

const DENIED: &str = "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.";

#[test]
fn a_one_word_alias_needs_an_alibaba_cloud_mark() {
    // A self-hosted database's own refusal: "mysql" is the software, not ApsaraDB RDS.
    let local =
        "$ mysql -u root -p\nERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)";
    assert_eq!(product(local), None);
    let pg = "psql: error: FATAL: permission denied for database app\nPostgreSQL 15 on Debian, access denied";
    assert_eq!(product(pg), None);
    // An English word that is also an alias names nothing by itself.
    assert_eq!(product("Domains page: access denied. You are not authorized to change this setting."), None);
    // The same words with an Alibaba Cloud mark (an endpoint, an SDK package) name the product.
    let hosted = format!("mysql -h rm-bp1x.mysql.rds.aliyuncs.com failed\n{DENIED}");
    assert_eq!(product(&hosted).as_deref(), Some("rds"));
    assert_eq!(product(&format!("aliyun-python-sdk: MySQL backup job\n{DENIED}")).as_deref(), Some("rds"));
}

#[test]
fn alias_in_text_names_the_product() {
    // A name of several words, or with a hyphen inside, in any case.
    assert_eq!(product(&format!("Creating a cluster in the E-HPC console:\n{DENIED}")).as_deref(), Some("ehpc"));
    assert_eq!(product(&format!("Restoring with Cloud Backup fails:\n{DENIED}")).as_deref(), Some("hbr"));
    // A single capitalised word only as written.
    assert_eq!(product(&format!("Yunxiao pipeline step failed:\n{DENIED}")).as_deref(), Some("rdc"));
    assert_eq!(product(&format!("yunxiao pipeline step failed:\n{DENIED}")), None);
    // The Chinese part of a name.
    let f = first(&format!("调用开放搜索接口报错：\n{DENIED}"));
    assert_eq!(f.product.as_deref(), Some("opensearch"));
    assert!(f.product_reason.is_some_and(|r| r.zh.contains("开放搜索")));
    // Names from the generator's `names.tsv`: a Chinese name, with or without spaces around its Latin part.
    assert_eq!(product(&format!("云效流水线部署失败：\n{DENIED}")).as_deref(), Some("rdc"));
    assert_eq!(product(&format!("连接云数据库 MongoDB 版时：\n{DENIED}")).as_deref(), Some("dds"));
}

#[test]
fn a_name_several_products_share_names_none_of_them() {
    // ALB, NLB and GWLB are documented as "SLB" too; the code's own product keeps it, their aliases tie nothing.
    let f = first(&format!("SLB listener update:\n{DENIED}"));
    assert_eq!(f.product.as_deref(), Some("slb"));
    assert!(f.likely_products.iter().all(|g| g.product == "slb"), "{:?}", f.likely_products);
    // "Server Load Balancer" is ALB's and SLB's: it names neither.
    assert_eq!(product(&format!("Server Load Balancer listener update:\n{DENIED}")), None);
}

#[test]
fn the_first_resource_word_names_the_product() {
    let text = "Fail to scale out the scaling group (code:\"InvalidParameter.Foo\", msg:\"The SystemDisk.Category of the disk is not valid.\")";
    assert_eq!(product(text).as_deref(), Some("ess"));
    // A word inside another only at a change of case: `LogStoreQuotaExceeded` holds a logstore, `subdisks` no disk.
    assert_eq!(
        product("{\"errorCode\":\"LogStoreQuotaExceeded\",\"errorMessage\":\"quota exceeded\"}").as_deref(),
        Some("log")
    );
}

#[test]
fn an_api_of_the_product_near_the_error_is_its_action() {
    let text = "$ aliyun ess EnableScalingGroup --ScalingGroupId asg-1\n\nERROR: SDK.ServerError\nErrorCode: IncorrectScalingGroupStatus\nRequestId: R-1\nMessage: The current status of the specified scaling group does not support this action.";
    let f = first(text);
    assert_eq!(f.product.as_deref(), Some("ess"));
    assert_eq!(f.actions.first().map(String::as_str), Some("ess:EnableScalingGroup"));
    assert!(f.actions_inferred);
    // A Java-style method name with its first letter lowered.
    let text = "[DEBUG] allocatePublicIpAddress for instance got error: HostId: ecs.aliyuncs.com, Code: IncorrectInstanceStatus, Message: The current status of the resource does not support this operation.";
    assert_eq!(first(text).actions.first().map(String::as_str), Some("ecs:AllocatePublicIpAddress"));
    // Words that are no API of the product name nothing.
    let text = "ProcessingRequest failed\nHostId: ecs.aliyuncs.com, Code: IncorrectInstanceStatus, Message: The current status of the resource does not support this operation.";
    assert!(first(text).actions.is_empty());
}

#[test]
fn a_code_only_one_product_documents_names_it() {
    // Classified and qualified: the product's own permission code.
    let f = first("com.aliyun.tea.TeaException: code: 401, InvalidParam.NoPermission request");
    assert_eq!(f.product.as_deref(), Some("rdc"));
    // The gateway's codes name nothing, whichever product's table lists them.
    assert_eq!(product(DENIED), None);
    assert_eq!(product("ErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found."), None);
}

#[test]
fn a_service_role_the_error_names_is_its_products() {
    let f = first("Code: InvalidParameter\nMessage: The role AliyunDRDSDefaultRole is not valid for this instance.");
    assert_eq!(f.product.as_deref(), Some("drds"));
    // A role in the caller's ARN is who called, not what was denied.
    let text = "ErrorCode: Forbidden.RAM\nMessage: User acs:ram::123:assumed-role/AliyunCSDefaultRole/sess is not authorized to operate on the specified resource.";
    assert_eq!(product(text), None);
}

#[test]
fn an_sdk_request_class_names_the_api_and_its_product() {
    let text = "DescribeUserDomainsRequest request = new DescribeUserDomainsRequest();\ncom.aliyuncs.exceptions.ClientException: Forbidden.RAM : User not authorized to operate on the specified resource, or this API does not support RAM.";
    let f = first(text);
    assert_eq!(f.product.as_deref(), Some("cdn"));
    assert_eq!(f.actions.first().map(String::as_str), Some("cdn:DescribeUserDomains"));
}

#[test]
fn sdk_package_names_in_every_language_name_the_product() {
    // The package's product code is the OpenAPI code; the finding names the RAM code (`sls` → `log`, `devops` → `rdc`).
    for (line, want) in [
        ("pip install aliyun-python-sdk-cdn==3.8.0", "cdn"),
        ("File \"/site-packages/aliyunsdkcdn/request/v20180510/X.py\"", "cdn"),
        ("from alibabacloud_sls20201230.client import Client", "log"),
        ("\tat com.aliyuncs.cdn.model.v20180510.Foo", "cdn"),
        ("\tat com.aliyun.devops20210625.Client.foo(Client.java:1)", "rdc"),
        ("   at Aliyun.Acs.Cdn.Model.V20180510.Foo", "cdn"),
        ("   at AlibabaCloud.SDK.Sls20201230.Client.Foo()", "log"),
        ("    at node_modules/@alicloud/sls20201230/dist/client.js:1", "log"),
        ("github.com/aliyun/alibaba-cloud-sdk-go/services/cdn.(*Client).Foo", "cdn"),
        ("github.com/alibabacloud-go/sls-20201230/v5/client.(*Client).Foo", "log"),
        ("#0 vendor/AlibabaCloud\\Cdn\\V20180510\\Foo.php(12)", "cdn"),
        ("\"class\":\"AlibabaCloud\\\\Cdn\\\\V20180510\\\\Foo\"", "cdn"),
        ("#0 AlibabaCloud\\SDK\\Sls\\V20201230\\Sls->foo()", "log"),
    ] {
        assert_eq!(product(&format!("{line}\n{DENIED}")).as_deref(), Some(want), "{line}");
    }
    // The SDK's core package names no product.
    assert_eq!(product(&format!("pip install aliyun-python-sdk-core-v3\n{DENIED}")), None);
}

/// Hosts name a product only when the catalog knows the code their endpoint label stands for.
#[test]
fn an_endpoint_label_no_product_goes_by_names_none() {
    let d = ram_doctor_core::diagnose(
        "401 Invalid API-key provided.\nBase URL: https://token-plan.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1",
        common::full_catalog(),
    );
    assert!(d.findings.iter().all(|f| f.product.as_deref() != Some("token-plan")), "{d:?}");
}

/// Chinese product names from `names.tsv` name the product a console sentence is about.
#[test]
fn chinese_product_names_name_the_console() {
    let d = ram_doctor_core::diagnose(
        "使用RAM子账号登录云安全中心并进行操作时，提示“当前操作未被授权”。",
        common::full_catalog(),
    );
    assert_eq!(d.findings.first().and_then(|f| f.product.as_deref()), Some("yundun-sas"), "{d:?}");
}

/// Rule `name-in-message`: with nothing named around it, a product's name in the error's own message names it; a
/// name two products under one RAM code share (Function Compute 2.0 and 3.0) names that code.
#[test]
fn a_product_named_in_the_message_itself() {
    assert_eq!(
        product("ErrorCode: Forbidden\nMessage: You are not authorized to use Function Compute.").as_deref(),
        Some("fc")
    );
    assert_eq!(catalog().name_owners("Function Compute"), 1);
    // The gateway's own sentence names RAM, the permission system, not a product.
    assert_eq!(
        product("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM."),
        None
    );
}

/// Rule `code-of-few-products`: a product's own code that a few products document ranks them, names none, and
/// says so; the gateway's codes rank nothing.
#[test]
fn a_code_a_few_products_share_ranks_them() {
    let f =
        first("ErrorCode: Forbidden.CrossBorder\nMessage: User not authorized to create cross border routerInterface.");
    assert_eq!(f.product, None);
    let ranked: Vec<&str> = f.likely_products.iter().map(|g| g.product.as_str()).collect();
    assert_eq!(ranked, ["ecs", "vpc"]);
    assert!(f.likely_products[0].reason.contains("2 products"), "{:?}", f.likely_products[0]);
    let f = first("ErrorCode: AccessDenied\nMessage: You are not authorized to access this space.");
    assert!(f.likely_products.iter().all(|g| !g.reason.contains("documented by")), "{:?}", f.likely_products);
}

/// Rule `permission-system-not-named-by-words`: RAM and STS named in prose are the permission system and the
/// issuer of the caller's credentials; their APIs still name them.
#[test]
fn ram_and_sts_named_in_words_are_not_the_product() {
    for text in [
        "403 NoPermission The current operation is not authorized. Grant permissions in the Resource Access Management (RAM) console and try again.",
        "The request is denied by the policy attached to the security token issued by Security Token Service (STS).",
        "The STS temporary credentials in the request have expired.",
        "用STS临时凭证上传失败: Code: MissingSecurityToken, Message: SecurityToken is mandatory for this action.",
    ] {
        assert!(!matches!(product(text).as_deref(), Some("ram" | "sts")), "{text}: {:?}", product(text));
    }
    assert_eq!(
        product("Code: NoPermission\nMessage: You are not authorized to do this action. Action: sts:AssumeRole")
            .as_deref(),
        Some("sts")
    );
}

/// Rule `rpc-string-to-sign`: the RPC string-to-sign the gateway quotes carries the request's Action and Version;
/// the version names the product (ECS's 2014-05-26), and the action is the call's.
#[test]
fn an_rpc_string_to_sign_names_the_product_and_the_call() {
    let f = first("Code: SignatureDoesNotMatch\nMessage: Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3Dkey%26Action%3DDescribeRegions%26Format%3DJSON%26Version%3D2014-05-26");
    assert_eq!(f.product.as_deref(), Some("ecs"));
    assert_eq!(f.actions, ["ecs:DescribeRegions"]);
}

/// Rule `ros-type`: a ROS resource type's namespace names the product, by its code or by the few names ROS gives
/// otherwise.
#[test]
fn a_ros_type_names_its_product() {
    let text = |ty: &str| format!("CREATE_FAILED: resource Main ({ty}) failed:\n{DENIED}");
    assert_eq!(product(&text("ALIYUN::ECS::Instance")).as_deref(), Some("ecs"));
    assert_eq!(product(&text("ALIYUN::REDIS::Instance")).as_deref(), Some("kvstore"));
    assert_eq!(product(&text("ALIYUN::MONGODB::Instance")).as_deref(), Some("dds"));
    assert_eq!(product(&text("ALIYUN::SLS::Project")).as_deref(), Some("log"));
    // Not a type: no `::` after the namespace.
    assert_eq!(product(&text("ALIYUN::")), None);
}

#[test]
fn words_around_name_the_product_of_every_kind() {
    // A key, signature, account-state or throttling error is still one product's: the user wants to know whose.
    let signature = first("Our Tablestore client log shows \"ErrorCode: SignatureDoesNotMatch\" on every write");
    assert_eq!(signature.product.as_deref(), Some("ots"));
    let key = first("调用函数计算时报错：InvalidAccessKeyId.NotFound Specified access key is not found.");
    assert_eq!(key.product.as_deref(), Some("fc"));
    let throttled =
        first("Calling the EDAS API from a script:\nThrottling.User: Request was denied due to user flow control.");
    assert_eq!(throttled.product.as_deref(), Some("edas"));
    // Nothing named around it: none.
    assert_eq!(product("ErrorCode: SignatureDoesNotMatch"), None);
}

#[test]
fn an_error_the_client_raised_names_no_product() {
    // No request left the client: the product it meant to call (or "ECS" of the metadata service) did not answer.
    let missing = "Deploying to CDN:\nCode: InvalidCredentials\nMessage: Please set up the credentials correctly.";
    assert_eq!(product(missing), None);
    assert_eq!(product("Failed to get token from ECS Metadata Service. HttpCode=403"), None);
}

#[test]
fn a_latin_name_and_a_short_chinese_name_name_the_product() {
    let f = first("Quick BI embedding fails:\nInvalidAccessKeyId.NotFound : Specified access key is not found.");
    assert_eq!(f.product.as_deref(), Some("quickbi-public"));
    // 短信 is how users say 短信服务 (阿里云短信).
    assert_eq!(product("阿里云短信接口报错:SignatureDoesNotMatch").as_deref(), Some("dysms"));
}

#[test]
fn a_sentence_only_one_product_prints_outranks_the_words_around() {
    // The words name the queue service the user thinks of; the documented sentence is SMS's own answer.
    let text = "换成 MNS 的 endpoint 之后仍然提示：未开通云通信产品的阿里云客户";
    let f = first(text);
    assert_eq!(f.product.as_deref(), Some("dysms"));
    assert!(f.likely_products.iter().any(|g| g.product == "mns"), "the words' product stays offered");
}
