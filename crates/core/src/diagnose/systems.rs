//! Errors of other systems that share Alibaba Cloud RAM's words (other clouds, databases, the operating system, a
//! CDN, the Alibaba group's other platforms): one table of named rules, each naming the system (in both languages),
//! the shape that identifies it, and how Alibaba Cloud's own signs overrule it.
//!
//! The rule of thumb: another system's structure or code in the error itself identifies it; loose prose words
//! beside an Alibaba Cloud error do not. Words ([`Shape::Words`], [`Shape::Refusal`]) are found by the reader's one
//! automaton ([`crate::read::headers::MARKS`]) and come here as [`Key::OtherCloud`] fields; shapes of the error's
//! lines and code are read here.

use crate::read::{Field, Key, RawError};
use crate::Catalog;

/// A system an error can come from instead of Alibaba Cloud RAM: its name on the page, in English and Chinese.
#[derive(Debug, PartialEq, Eq)]
pub struct System {
    /// Its name in English.
    pub en: &'static str,
    /// Its name in Chinese.
    pub zh: &'static str,
    /// Whether it stands beside Alibaba Cloud in one paste (a cluster, a database, the local disk, the Alibaba
    /// group's other platforms, whose names carry Alibaba's words): Alibaba Cloud's marks elsewhere in the text do
    /// not overrule it. Its signs that no rule reads (other readers' fields) stand by this.
    pub beside: bool,
}

/// What overrules a rule's finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overrule {
    /// Nothing in the error overrules the system's own structure or code (its lines, fields, code shape). Its words
    /// (a database's refusal sentence, a host) are the error's own only on the line of the error's code or message
    /// and where the error carries none of Alibaba Cloud's fields; elsewhere in the error's span (a stack frame, a
    /// comment, the next log line) they are context, which Alibaba Cloud's error overrules.
    Never,
    /// Nothing, not even when the system is known by its words: a check only that system prints, in its own
    /// product's error (MaxCompute's label check in an `ODPS-` error).
    Nothing,
    /// Alibaba Cloud's signs in the error itself, or RAM's own permission sentence in it ("You are not authorized to
    /// do this action", the console's 您没有权限…): words and lines that stand beside a RAM refusal (Windows' bare
    /// refusal line, a name users give things, a webhook's or another API's host on a neighbouring line).
    AlibabaSentence,
    /// Alibaba Cloud's signs in the error itself ([`alibaba_says`]: its host, an `AuthAction`, an SMS `isv.` code, a
    /// RAM sentence only Alibaba Cloud prints, a code naming RAM, OSS's own words): another system's sentence that
    /// may stand quoted inside a genuine Alibaba Cloud error, or its names on the line leading into one.
    AlibabaError,
    /// Any Alibaba Cloud mark in the text: clouds whose S3- or IAM-compatible clients talk to Alibaba Cloud too.
    AlibabaMark,
    /// Read only on the error's own lines and the line leading into them (never as a word of the context), and
    /// overruled by any Alibaba Cloud mark in the text or OSS named there ([`oss_named`]: the word `OSS`, an OSS
    /// host, OSS's documented messages, an `EC`): stores and clouds whose XML error is OSS's shape, named in prose
    /// beside it by people who moved from them to OSS ("we migrated from MinIO to OSS", 之前用的 COS，现在切到 OSS).
    OssNamed,
    /// Alibaba Cloud's host answering in the error itself (its `HostId` or `Host`, an endpoint host on the error's
    /// lines), whether the word stands in the error or in its context. Not an `EC`: TOS's errors and its error-code
    /// pages carry an `EC` of OSS's shape (`0002-00000031`) beside an opaque `HostId`.
    AlibabaHost,
}

/// What identifies a rule's system.
pub enum Shape {
    /// Words anywhere in the text (ASCII case ignored): hosts, SDK names, the system's own labels.
    Words(&'static [&'static str]),
    /// The system's fixed refusal sentences: each is an error by itself, of that system.
    Refusal(&'static [&'static str]),
    /// A shape of the error's lines (its SDK's print, a line of its own).
    Lines(fn(&str) -> bool),
    /// A shape of the error's lines and the line leading into them (`COS 上传失败：` above the XML error).
    LeadIn(fn(&str) -> bool),
    /// A shape of the error's body, read from a little before the error (a pretty-printed response opens lines
    /// above the code the reader found): its response structure, a page's parts.
    Body(fn(&str) -> bool),
    /// A shape of the error's code.
    Code(fn(&str) -> bool),
    /// A shape of the error's lines read against the catalog's codes (RAM's service codes).
    Codes(fn(&str, &Catalog) -> bool),
    /// A shape of the error's fields (and its lines).
    Fields(fn(&RawError, &str) -> bool),
    /// A shape several S3-compatible clouds share (AWS's SDK prints, an opaque `HostId`): the cloud the text names
    /// beside it, else this rule's system.
    Family(fn(&RawError, &str) -> bool),
}

/// A named rule: which system, by what shape, overruled by what.
pub struct Rule {
    /// The rule's name, for tests and reports.
    pub name: &'static str,
    /// The system it identifies.
    pub system: &'static System,
    /// What identifies it.
    pub shape: Shape,
    /// What overrules it.
    pub overrule: Overrule,
}

macro_rules! system {
    ($id:ident, $en:expr, $zh:expr, $beside:expr) => {
        #[doc = concat!("The system named \"", $en, "\".")]
        pub const $id: System = System { en: $en, zh: $zh, beside: $beside };
    };
}

system!(AWS, "AWS", "AWS", false);
system!(AWS_OR_HUAWEI_IAM, "AWS or Huawei Cloud (IAM)", "AWS 或华为云（IAM）", false);
system!(AZURE, "Azure", "Azure", false);
system!(AZURE_STORAGE, "Azure (Storage)", "Azure（存储）", false);
system!(GOOGLE, "Google Cloud", "谷歌云", false);
system!(TENCENT, "Tencent Cloud", "腾讯云", false);
system!(TENCENT_COS, "Tencent Cloud (COS)", "腾讯云（COS）", false);
system!(HUAWEI, "Huawei Cloud", "华为云", false);
system!(HUAWEI_OBS, "Huawei Cloud (OBS)", "华为云（OBS）", false);
system!(VOLCANO, "Volcano Engine (ByteDance)", "火山引擎（字节跳动）", false);
system!(KINGSOFT, "Kingsoft Cloud", "金山云", false);
system!(JD, "JD Cloud", "京东云", false);
system!(CTYUN, "China Telecom Cloud", "天翼云", false);
system!(QINIU, "Qiniu Cloud", "七牛云", false);
system!(BAIDU, "Baidu AI Cloud", "百度智能云", false);
system!(QINGCLOUD, "QingCloud", "青云 QingCloud", false);
system!(OVHCLOUD, "OVHcloud", "OVHcloud", false);
system!(
    S3_COMPATIBLE,
    "a self-hosted S3-compatible object store (MinIO, Ceph RGW, SeaweedFS or another)",
    "自建的 S3 兼容对象存储（MinIO、Ceph RGW、SeaweedFS 等）",
    false
);
system!(
    AI_API,
    "an AI model API that is not Alibaba Cloud's (OpenAI or another vendor)",
    "非阿里云的大模型 API（OpenAI 或其他厂商）",
    false
);
system!(
    WECHAT,
    "WeChat's open platform (mini programs, official accounts, WeCom)",
    "微信开放平台（小程序、公众号、企业微信）",
    false
);
system!(AKAMAI, "a CDN or web firewall (Akamai)", "CDN 或 Web 防火墙（Akamai）", false);
system!(
    NACOS,
    "Nacos's own accounts (the server's auth, not RAM)",
    "Nacos 自身的账号鉴权（服务端的用户名密码，不是 RAM）",
    true
);
system!(
    ROCKETMQ_ACL,
    "Apache RocketMQ's own ACL (the broker's accounts)",
    "Apache RocketMQ 自身的 ACL（Broker 账号）",
    false
);
system!(
    OTHER_REGISTRY,
    "a container registry that is not Alibaba Cloud's (Docker Hub or a mirror)",
    "非阿里云的容器镜像仓库（Docker Hub 或镜像站）",
    false
);
system!(DOCKER_HUB, "Docker Hub", "Docker Hub", true);
system!(
    KUBERNETES,
    "Kubernetes (the API server's RBAC or admission checks)",
    "Kubernetes（API Server 的 RBAC 或准入检查）",
    true
);
system!(HIVE, "Apache Hive's own authorization (its GRANTs)", "Apache Hive 自身的授权（Hive 的 GRANT）", true);
system!(GITHUB, "GitHub", "GitHub", true);
system!(SSH, "SSH", "SSH", true);
system!(LOCAL_FILES, "the operating system's file permissions", "操作系统的文件权限", true);
system!(WINDOWS, "Windows (the operating system's access control)", "Windows（操作系统的访问控制）", true);
system!(
    ALIYUN_DRIVE,
    "Aliyun Drive (an Alibaba-group consumer platform with its own tokens)",
    "阿里云盘（阿里巴巴集团的个人网盘，使用自己的令牌）",
    true
);
system!(DINGTALK, "DingTalk open platform", "钉钉开放平台", true);
system!(ALIPAY_TAOBAO, "Alipay/Taobao open platform", "支付宝/淘宝开放平台", true);
system!(ALIPAY, "Alipay open platform", "支付宝开放平台", true);
system!(TAOBAO, "Taobao open platform", "淘宝开放平台", true);
system!(AMAP, "AMap open platform", "高德开放平台", true);
system!(EZVIZ, "EZVIZ open platform (its own AccessTokens)", "萤石开放平台（使用自己的 AccessToken）", true);
system!(
    DJANGO_REST,
    "a web app's own permissions (Django REST framework)",
    "Web 应用自身的权限（Django REST framework）",
    true
);
system!(
    MYSQL,
    "the database's own accounts and privileges (MySQL protocol)",
    "数据库自身的账号与权限（MySQL 协议）",
    true
);
system!(
    POSTGRES,
    "the database's own accounts and privileges (PostgreSQL)",
    "数据库自身的账号与权限（PostgreSQL）",
    true
);
system!(
    SQL_SERVER,
    "the database's own accounts and privileges (SQL Server)",
    "数据库自身的账号与权限（SQL Server）",
    true
);
system!(MONGODB, "the database's own accounts and privileges (MongoDB)", "数据库自身的账号与权限（MongoDB）", true);
system!(REDIS, "the database's own accounts and privileges (Redis)", "数据库自身的账号与权限（Redis）", true);
system!(DB_ALLOW_LIST, "the database's IP allow-list (whitelist)", "数据库的 IP 白名单", true);
system!(
    MAXCOMPUTE_LABEL,
    "MaxCompute's label-based security (LabelSecurity: a GRANT LABEL in MaxCompute)",
    "MaxCompute 的 Label 权限控制（LabelSecurity：在 MaxCompute 中执行 GRANT LABEL）",
    true
);

/// Every system the rules name.
pub const SYSTEMS: &[&System] = &[
    &AWS,
    &AWS_OR_HUAWEI_IAM,
    &AZURE,
    &AZURE_STORAGE,
    &GOOGLE,
    &TENCENT,
    &TENCENT_COS,
    &HUAWEI,
    &HUAWEI_OBS,
    &VOLCANO,
    &KINGSOFT,
    &JD,
    &CTYUN,
    &QINIU,
    &BAIDU,
    &QINGCLOUD,
    &OVHCLOUD,
    &S3_COMPATIBLE,
    &AI_API,
    &WECHAT,
    &AKAMAI,
    &NACOS,
    &ROCKETMQ_ACL,
    &OTHER_REGISTRY,
    &DOCKER_HUB,
    &KUBERNETES,
    &HIVE,
    &GITHUB,
    &SSH,
    &LOCAL_FILES,
    &WINDOWS,
    &ALIYUN_DRIVE,
    &DINGTALK,
    &ALIPAY_TAOBAO,
    &ALIPAY,
    &TAOBAO,
    &AMAP,
    &EZVIZ,
    &DJANGO_REST,
    &MYSQL,
    &POSTGRES,
    &SQL_SERVER,
    &MONGODB,
    &REDIS,
    &DB_ALLOW_LIST,
    &MAXCOMPUTE_LABEL,
];

use Overrule::{AlibabaError, AlibabaHost, AlibabaMark, AlibabaSentence, Never, Nothing, OssNamed};
use Shape::{Body, Code, Codes, Family, Fields, LeadIn, Lines, Refusal, Words};

/// The rules, in the order they are asked (the error's own shapes before the words of the context).
pub const RULES: &[Rule] = &[
    // --- AWS ---
    // AWS's own names: ARNs, hosts, headers, SDK and Terraform names. S3- and IAM-compatible clients talk to
    // OSS and RAM too, so any Alibaba Cloud mark overrules them.
    Rule {
        name: "aws-names",
        system: &AWS,
        shape: Words(&[
            "arn:aws:",
            "x-amz-",
            "botocore",
            "AWS Secret Access Key",
            "AWS Access Key Id",
            "(Service: Amazon",
            "sts:AssumeRoleWithWebIdentity",
            "* aws_",
            "S3ServiceException",
            "@aws-sdk/",
            "aws-sdk-",
            "AWS_SDK_LOAD_CONFIG",
            // The service's name, and STS's APIs Alibaba Cloud's STS does not have (its federation is
            // AssumeRoleWithSAML and AssumeRoleWithOIDC).
            "AWS Identity and Access Management",
            "AssumeRoleWithWebIdentity",
            "GetSessionToken",
            "GetFederationToken",
            "DecodeAuthorizationMessage",
        ]),
        overrule: AlibabaMark,
    },
    // AWS's hosts: the request went to AWS. OSS's own fields or host in the error overrule them; a documented OSS
    // message does not (S3 answers an expired presigned URL with the same `AccessDenied` and "Request has expired").
    Rule {
        name: "aws-hosts",
        system: &AWS,
        shape: Words(&["amazonaws.com", "amazonwebservices.com"]),
        overrule: AlibabaError,
    },
    // AWS's SDKs' and services' fixed sentences: the credentials chain, an expired token, a missing
    // service-linked role (ECS/EKS).
    Rule {
        name: "aws-refusals",
        system: &AWS,
        shape: Refusal(&[
            "Unable to locate credentials",
            "security token included in the request is expired",
            "unable to assume the service linked role",
            "Missing credentials in config",
            // The Go SDK v1's empty credentials chain (`NoCredentialProviders: no valid providers in chain`).
            "no valid providers in chain",
            // S3's `ExpiredToken` (OSS words its own "The security token you provided has expired").
            "provided token has expired",
            // EC2's `UnauthorizedOperation` (and other services' refusals that STS's DecodeAuthorizationMessage
            // decodes) end in an encoded message; Alibaba Cloud names its own `EncodedDiagnosticMessage`.
            "Encoded authorization failure message",
            // IAM's implicit deny as AWS's Chinese documentation words it ("because no identity-based / resource-based
            // policy allows the … action"): RAM has no identity-based wording in its refusals.
            "没有基于身份的策略允许",
            "没有基于资源的策略允许",
        ]),
        overrule: AlibabaMark,
    },
    // AWS AppSync's GraphQL error object (`errorType`, `errorInfo`) with its authorization types' refusals.
    // Refusal words, not a parse of the shape: the reader's automaton finds the error by them (a body with no other
    // code or sentence the reader knows).
    Rule {
        name: "aws-appsync-unauthorized",
        system: &AWS,
        shape: Refusal(&[
            "\"errorType\": \"Unauthorized\"",
            "\"errorType\":\"Unauthorized\"",
            "\"errorType\": \"UnauthorizedException\"",
            "\"errorType\":\"UnauthorizedException\"",
        ]),
        overrule: AlibabaMark,
    },
    // AWS's and Huawei Cloud's IAM wording; Alibaba Cloud states an explicit deny in `NoPermissionType`.
    Rule {
        name: "iam-explicit-deny",
        system: &AWS_OR_HUAWEI_IAM,
        shape: Refusal(&["with an explicit deny in"]),
        overrule: AlibabaMark,
    },
    // Their implicit deny names the policy type that allows nothing (AWS's IAM troubleshooting page lists
    // identity-based, resource-based, permissions boundary, session, service control, resource control and VPC
    // endpoint policies; Huawei Cloud's IAM words it the same); Alibaba Cloud states it in `NoPermissionType`.
    Rule {
        name: "iam-implicit-deny",
        system: &AWS_OR_HUAWEI_IAM,
        shape: Refusal(&[
            "because no identity-based policy allows",
            "because no resource-based policy allows",
            "because no permissions boundary allows",
            "because no session policy allows",
            "because no service control policy allows",
            "because no resource control policy allows",
            "because no VPC endpoint policy allows",
        ]),
        overrule: AlibabaMark,
    },
    // --- Azure, Google ---
    // Azure Storage's message ends with its own request id and time (`RequestId:<guid>` then `Time:…`).
    Rule {
        name: "azure-storage-message",
        system: &AZURE_STORAGE,
        shape: Lines(azure_storage_message),
        overrule: Never,
    },
    // Azure Resource Manager's host, its authorization code and namespace, Entra ID's `AADSTS` codes.
    Rule {
        name: "azure-names",
        system: &AZURE,
        shape: Words(&["management.azure.com", "AuthorizationFailed", "Microsoft.Authorization"]),
        overrule: AlibabaMark,
    },
    // Azure's SDKs and the integrations named after them: Azure's package names are `azure-<service>`,
    // `azure.<service>`, `@azure/<service>`, `com.azure.<service>` (its SDK guidelines), and a plugin wrapping one
    // is named the same way (`azure_cognitive_…`). Azure's CI (`azure-pipelines`, `azure-devops`) runs other
    // clouds' tools: not the refusing system. Read on the error's lines and the line leading into them (a logger's
    // line, the stack frame above the exception), never further: a traceback's other frames, a `pip install` line
    // above an `oss2` error name code that ran beside the refusing system. Alibaba Cloud's error overrules them.
    Rule { name: "azure-packages", system: &AZURE, shape: LeadIn(azure_package), overrule: AlibabaError },
    // Microsoft Entra ID's sign-in errors (`AADSTS7000215: Invalid client secret provided.`).
    Rule { name: "azure-entra-code", system: &AZURE, shape: Refusal(&["AADSTS"]), overrule: AlibabaMark },
    // Google's API error shape: the gRPC status name in the JSON error's `status` (`"status": "PERMISSION_DENIED"`).
    Rule {
        name: "google-status",
        system: &GOOGLE,
        shape: Refusal(&[
            "\"status\": \"PERMISSION_DENIED\"",
            "\"status\":\"PERMISSION_DENIED\"",
            "\"status\": \"UNAUTHENTICATED\"",
            "\"status\":\"UNAUTHENTICATED\"",
        ]),
        overrule: AlibabaMark,
    },
    // Google's hosts, service accounts and Go client's error print.
    Rule {
        name: "google-names",
        system: &GOOGLE,
        shape: Words(&["googleapi: Error", "googleapis.com", "gserviceaccount.com", "(gcloud."]),
        overrule: AlibabaMark,
    },
    // Google Cloud IAM's refusal names a permission of three dotted parts (`… does not have storage.objects.get
    // access to …`); RAM's actions are `product:Action`.
    Rule { name: "google-iam-permission", system: &GOOGLE, shape: Lines(google_permission), overrule: AlibabaMark },
    // --- Tencent Cloud ---
    // COS's error carries a `TraceId` (XML `<TraceId>`, the Go SDK's `…, TraceId: …)`, the Python SDK's dict);
    // OSS's never does (it names its `HostId`).
    Rule { name: "tencent-cos-trace-id", system: &TENCENT_COS, shape: Fields(cos_trace_id), overrule: Never },
    // Tencent Cloud API 3.0 wraps every error in `{"Response":{"Error":{…}}}`.
    Rule { name: "tencent-api3-shape", system: &TENCENT, shape: Body(tencent_api3_shape), overrule: Never },
    // Tencent Cloud's `AuthFailure.` codes are its own (no Alibaba Cloud product lists one).
    Rule { name: "tencent-auth-failure-code", system: &TENCENT, shape: Code(tencent_auth_failure), overrule: Never },
    // Tencent Cloud's names: resource ARNs (`qcs::`), hosts, SDKs (`TencentCloudSDKException`, Go's
    // `[TencentCloudSDKError]`), COS SDKs, TSF's Java package, CAM's wording.
    Rule {
        name: "tencent-names",
        system: &TENCENT,
        shape: Words(&[
            "qcs::",
            "myqcloud.com",
            "qcloud.com",
            "tencentcloud",
            "TencentCloudSDKError",
            "CAM policies",
            "CAM policy",
            "qcloud_cos",
            "CosServiceError",
            "CosServiceException",
            "CosClientError",
            "com.qcloud.cos",
            "com.tencent.tsf",
        ]),
        overrule: AlibabaMark,
    },
    // COS's own response headers (`x-cos-request-id`, `x-cos-trace-id`, the signed `x-cos-security-token`) on the
    // error's lines or the line leading into them: the request went to COS, whose XML error is OSS's shape
    // (`AccessDenied`). Alibaba Cloud's error overrules them (a log of uploads to both clouds): OSS's host
    // answering, RAM's own refusal, OSS's own words.
    Rule { name: "tencent-cos-headers", system: &TENCENT_COS, shape: LeadIn(cos_header), overrule: AlibabaError },
    // COS named in capitals on the error's lines or the line leading into them (`访问 COS 时返回 403`, "COS
    // bucket"): Tencent Cloud's object storage, whose XML error is OSS's and S3's shape; OSS is never called so, but
    // people who moved from COS to OSS name both.
    Rule { name: "tencent-cos-named", system: &TENCENT_COS, shape: LeadIn(cos_named), overrule: OssNamed },
    // Tencent Cloud API 2.0's common refusals 4101–4103 ("子账号未被主账号授权访问该接口/特定资源") and the same refusal
    // naming Tencent's `SecretId` (Alibaba Cloud's key is an AccessKey ID, and RAM speaks of RAM users).
    Rule {
        name: "tencent-cam-zh-refusal",
        system: &TENCENT,
        shape: Refusal(&["未被主账号授权访问", "SecretId没有被主账户授权", "SecretId没有被主账号授权"]),
        overrule: AlibabaMark,
    },
    // CAM's refusal: `you are not authorized to perform operation (cvm:DescribeInstances)`.
    // Its own structure: only Alibaba Cloud's signs in the error itself overrule it (a path or a note that names
    // Alibaba Cloud elsewhere in the paste does not).
    Rule {
        name: "tencent-cam-refusal",
        system: &TENCENT,
        shape: Refusal(&["not authorized to perform operation ("]),
        overrule: AlibabaError,
    },
    // --- Volcano Engine ---
    // Volcano Engine's OpenAPI error: `{"ResponseMetadata":{…,"Error":{"Code":…}}}` — the error inside the
    // metadata (boto3's dict puts `Error` beside `ResponseMetadata`, as an S3 client talking to OSS prints).
    Rule { name: "volcano-response-metadata", system: &VOLCANO, shape: Body(volcano_shape), overrule: Never },
    // Volcano Engine's and BytePlus's hosts and SDKs (`volcengine`, TOS at `volces.com`, TOS's exceptions), its
    // Chinese names (火山引擎, its model platform 火山方舟) and the Doubao (豆包) models and apps it serves.
    Rule {
        name: "volcano-names",
        system: &VOLCANO,
        shape: Words(&[
            "volcengine",
            "volces.com",
            "byteplusapi.com",
            "TosServerError",
            "TosClientError",
            "火山引擎",
            "火山方舟",
        ]),
        overrule: AlibabaMark,
    },
    // Volcano Engine IAM's refusal names its resource by a TRN (`trn:${ServiceCode}:${Region}:${AccountId}:…`, its
    // IAM documentation); Alibaba Cloud's are ARNs (`acs:`). Its service codes (`cr`, `ecs`, `vpc`) are Alibaba
    // Cloud's names too, so the action alone does not say whose the refusal is.
    Rule { name: "volcano-trn-resource", system: &VOLCANO, shape: Lines(volcano_trn), overrule: AlibabaError },
    // TOS's own request headers and signed-URL parameters (`x-tos-date`, `X-Tos-Expires`): the request went to
    // TOS, whose error codes copy OSS's `EC`s (`0002-00000031`) — so an EC beside them does not overrule them, but
    // OSS's host answering in the error does (a log of uploads to both clouds, a proxy forwarding TOS's headers).
    Rule { name: "volcano-tos-headers", system: &VOLCANO, shape: Words(&["x-tos-"]), overrule: AlibabaHost },
    // The Doubao (豆包) models Volcano Engine serves, named in the error's own lines: apps listing several providers'
    // models print the name beside Model Studio's, so the DashScope SDK's or host's name in the error overrules it.
    Rule { name: "volcano-models", system: &VOLCANO, shape: Lines(doubao_model), overrule: AlibabaMark },
    // Volcano Engine Ark's (火山方舟) documented model-API codes, which no Alibaba Cloud product lists: the model
    // not activated, an overdue account, an endpoint or model not found or closed, an endpoint's rate limits.
    Rule { name: "volcano-ark-codes", system: &VOLCANO, shape: Code(ark_code), overrule: Never },
    // Ark's documented message for `ModelNotOpen` points at its own console.
    Rule {
        name: "volcano-ark-console",
        system: &VOLCANO,
        shape: Refusal(&["activate the model service in the Ark Console"]),
        overrule: AlibabaError,
    },
    // --- Huawei Cloud ---
    // `APIGW.0301`, `CDN.00010198`: a service prefix and a number is Huawei Cloud's code shape, never Alibaba's.
    Rule { name: "huawei-code-shape", system: &HUAWEI, shape: Code(huawei_code), overrule: Never },
    // Huawei Cloud's hosts and SDKs, and IAM's sentence (`is not authorized to perform action `).
    Rule {
        name: "huawei-names",
        system: &HUAWEI,
        shape: Words(&["myhuaweicloud.com", "huaweicloud", "华为云"]),
        overrule: AlibabaMark,
    },
    Rule {
        name: "huawei-iam-refusal",
        system: &HUAWEI,
        shape: Refusal(&["is not authorized to perform action "]),
        overrule: AlibabaMark,
    },
    // OBS's SDKs: the Go SDK's print, the Java SDK's exception and package, its headers.
    Rule {
        name: "huawei-obs-sdk",
        system: &HUAWEI_OBS,
        shape: Refusal(&["obs: service returned error", "ObsException", "com.obs.services", "esdk-obs", "x-obs-"]),
        overrule: AlibabaMark,
    },
    // --- Other clouds of China ---
    // Kingsoft Cloud: its hosts (`ksyuncs.com`) and KS3's SDKs.
    Rule {
        name: "kingsoft-names",
        system: &KINGSOFT,
        shape: Words(&["ksyun", "Ks3ServiceException", "Ks3ClientException", "ks3.exception"]),
        overrule: AlibabaMark,
    },
    // Baidu AI Cloud: its SDKs (`baidubce`, `BceServerError`) and BOS's hosts.
    Rule {
        name: "baidu-names",
        system: &BAIDU,
        shape: Words(&["baidubce", "bcebos.com", "BceServerError", "BceServiceException", "BceClientException"]),
        overrule: AlibabaMark,
    },
    // Baidu's model SDKs' error classes (the ERNIE Bot SDK's `erniebot.errors.InvalidTokenError`, Qianfan's
    // `qianfan.errors.APIError`): the error's own print, overruled only by Alibaba Cloud's signs in the error.
    Rule {
        name: "baidu-ai-sdk-errors",
        system: &BAIDU,
        shape: Refusal(&["erniebot.errors.", "qianfan.errors."]),
        overrule: AlibabaError,
    },
    Rule { name: "jd-names", system: &JD, shape: Words(&["jdcloud"]), overrule: AlibabaMark },
    Rule { name: "ctyun-names", system: &CTYUN, shape: Words(&["ctyun"]), overrule: AlibabaMark },
    // Names read as the error's own only on its code or message line (`Never`): Data Online Migration takes Qiniu
    // or QingStor as its source, and a config line may name another AI vendor's host, above RAM's own refusal.
    // Qiniu: its SDKs and hosts (`qiniucs.com`, `qiniup.com`), the upload API's `qbox.me`, its Chinese name.
    Rule { name: "qiniu-names", system: &QINIU, shape: Words(&["qiniu", "qbox.me", "七牛"]), overrule: Never },
    // QingCloud: its SDKs' print (`QingCloud Error: Code (1200), Message (AuthFailure, …)`) and its hosts.
    Rule { name: "qingcloud-names", system: &QINGCLOUD, shape: Words(&["qingcloud"]), overrule: Never },
    // The QingCloud SDK's error print (`QingCloud Error: Code (1200), Message (AuthFailure, …)`, its `ret_code` and
    // message): an error by itself.
    Rule {
        name: "qingcloud-sdk-error",
        system: &QINGCLOUD,
        shape: Refusal(&["QingCloud Error: Code ("]),
        overrule: Never,
    },
    // --- Other clouds ---
    // OVHcloud's API clients (go-ovh, python-ovh and the Terraform provider built on them) print
    // `OVHcloud API error (status code 403): Client::Forbidden: "…" (X-OVH-Query-Id: EU.ext-1.…)`: the print,
    // its query-id header and its API hosts. Its `Client::`/`Server::` class is the code ([`printed_code`]).
    Rule {
        name: "ovh-api-error",
        system: &OVHCLOUD,
        shape: Refusal(&["OVHcloud API error (status code", "X-OVH-Query-Id"]),
        overrule: AlibabaError,
    },
    Rule {
        name: "ovh-names",
        system: &OVHCLOUD,
        shape: Words(&["eu.api.ovh.com", "ca.api.ovh.com", "api.us.ovhcloud.com", "go-ovh", "python-ovh"]),
        overrule: AlibabaMark,
    },
    // --- Self-hosted S3-compatible stores ---
    // The MinIO client's error print (`mc: <ERROR> Unable to list folder. Access Denied.`): `mc` talks to OSS too,
    // so any Alibaba Cloud mark (an `aliyuncs.com` alias) overrules it.
    Rule {
        name: "minio-client-error",
        system: &S3_COMPATIBLE,
        shape: Refusal(&["mc: <ERROR>"]),
        overrule: AlibabaMark,
    },
    // The stores' own names: MinIO (its SDKs are pointed at OSS too), versitygw, SeaweedFS, RustFS, Ceph's RADOS
    // Gateway, on the error's own lines. An Alibaba Cloud mark or OSS named there overrules them.
    Rule {
        name: "s3-compatible-names",
        system: &S3_COMPATIBLE,
        shape: Words(&["minio", "versitygw", "seaweedfs", "rustfs", "radosgw", "ceph rgw", "ceph-rgw"]),
        overrule: OssNamed,
    },
    // --- AI model APIs ---
    // OpenAI's refusal of a key points at its own key page; Model Studio's OpenAI-compatible mode answers the same
    // `invalid_api_key` code without it (its own, bad credentials).
    Rule {
        name: "openai-key-refusal",
        system: &AI_API,
        shape: Refusal(&["find your api key at https://platform.openai.com"]),
        overrule: AlibabaError,
    },
    // Other vendors' model API hosts: an OpenAI-style client pointed there.
    Rule {
        name: "ai-api-hosts",
        system: &AI_API,
        shape: Words(&[
            "api.openai.com",
            "openai.azure.com",
            "api.anthropic.com",
            "api.deepseek.com",
            "api.moonshot.cn",
            "open.bigmodel.cn",
            "api.groq.com",
        ]),
        overrule: Never,
    },
    // --- WeChat ---
    // WeChat's server API hosts (the official-account and mini-program API, WeCom's) and the mini programs' cloud
    // development API (`wx.cloud.init`, `wx.cloud.callFunction`): their `errcode`s and tokens are WeChat's own. Only
    // Alibaba Cloud's signs in the error overrule them (an SMS answer logged after a WeChat call).
    Rule {
        name: "wechat-names",
        system: &WECHAT,
        shape: Words(&["api.weixin.qq.com", "qyapi.weixin.qq.com", "wx.cloud."]),
        overrule: AlibabaError,
    },
    // The mini programs' base library refuses a cloud call before `wx.cloud.init` with a fixed sentence.
    Rule {
        name: "wechat-cloud-init",
        system: &WECHAT,
        shape: Refusal(&["please call wx.cloud.init first"]),
        overrule: AlibabaError,
    },
    // --- S3-family shapes ---
    // The AWS SDKs' own print: Go v1's `Code: message` over `status code: 403, request id: …` (Volcano Engine's
    // Go SDK is built on it), JavaScript v2's files in a stack trace, Java v2's exception tail, the query
    // protocol's fault side.
    Rule { name: "aws-sdk-print", system: &AWS, shape: Family(aws_sdk_print), overrule: AlibabaMark },
    // The standalone PHP `S3` class's warning (`S3::putObject(): [Code] message`): people point that class at OSS
    // too, so OSS's own documented sentences and codes in the error overrule it.
    Rule { name: "php-s3-class", system: &AWS, shape: Family(php_s3_class_print), overrule: AlibabaMark },
    // Ceph RGW's request id (`tx` + 21 hex digits, `-`, the time in hex, `-`, the instance and zone group:
    // `tx00000a1b2c3d4e5f6a7b8-0065a8f0c2-1017-default`); OSS's are 24 upper-case hex digits.
    Rule { name: "ceph-rgw-request-id", system: &S3_COMPATIBLE, shape: Family(rgw_request_id), overrule: Never },
    // Alibaba Cloud's `HostId` is the host that answered; S3 (and OBS) put a long opaque id there.
    Rule { name: "opaque-host-id", system: &AWS, shape: Family(opaque_host_id), overrule: Never },
    // --- IAM sentences of AWS and Huawei Cloud (after other clouds' structures and AWS's SDK prints: Volcano
    // Engine's IAM words them the same inside its own response) ---
    // The implicit deny's sentence with any policy type (Huawei Cloud's OBS and IAM pages print it as a template,
    // `because no <policy_type> policy allows the <action> action`).
    Rule {
        name: "iam-implicit-deny-shape",
        system: &AWS_OR_HUAWEI_IAM,
        shape: Lines(iam_implicit_deny),
        overrule: AlibabaMark,
    },
    // Their refusal names the action after `perform: `; a service prefix that is no Alibaba Cloud RAM code
    // (`secretsmanager:`, `s3:`, `iam:`) is theirs.
    Rule {
        name: "iam-foreign-action",
        system: &AWS_OR_HUAWEI_IAM,
        shape: Codes(foreign_action),
        overrule: AlibabaMark,
    },
    // --- A CDN ---
    // Akamai's block page: "You don't have permission to access … on this server." with its `Reference #`.
    Rule { name: "akamai-reference", system: &AKAMAI, shape: Body(akamai_page), overrule: AlibabaError },
    Rule {
        name: "akamai-errors-host",
        system: &AKAMAI,
        shape: Refusal(&["errors.edgesuite.net", "errors&#46;edgesuite&#46;net"]),
        overrule: AlibabaError,
    },
    // --- Registries and configuration centres ---
    // Nacos's own auth (its auth plugin's `AccessException`: no or a wrong username/password, no token), a
    // self-hosted server or an MSE instance's engine; an Alibaba Cloud error's own fields or host overrule it.
    Rule {
        name: "nacos-auth",
        system: &NACOS,
        shape: Refusal(&["unknown user!", "user not found!"]),
        overrule: AlibabaError,
    },
    // --- Message queues ---
    // Apache RocketMQ's broker ACL (`plain_acl.yml` accounts): its package and `AclException` sentences. An
    // Alibaba Cloud RocketMQ instance's endpoint overrules them.
    Rule {
        name: "rocketmq-acl",
        system: &ROCKETMQ_ACL,
        shape: Refusal(&[
            "org.apache.rocketmq.acl",
            "org.apache.rocketmq.auth",
            "No accessKey is configured",
            "No acl config for ",
            "Check signature failed for accessKey",
        ]),
        overrule: AlibabaMark,
    },
    // --- Registries ---
    // Docker's refusal of a pull or push: the registry's own accounts (an Alibaba Cloud registry's host overrules).
    Rule {
        name: "docker-pull-denied",
        system: &OTHER_REGISTRY,
        shape: Refusal(&[
            "pull access denied for",
            "may require 'docker login'",
            "requested access to the resource is denied",
        ]),
        overrule: AlibabaMark,
    },
    // The Docker distribution registry's own log (logrus fields `err.code=`, `http.request.uri=`): a self-hosted
    // registry reporting its storage driver's refusal. OSS's driver prints OSS's own words (an Alibaba Cloud mark).
    Rule {
        name: "distribution-registry-log",
        system: &OTHER_REGISTRY,
        shape: Lines(distribution_log),
        overrule: AlibabaMark,
    },
    // Docker Hub's hosts: `docker login` with an empty registry variable talks to Docker's registry (a CI variable
    // named after Container Registry does not overrule it). A push to an Alibaba Cloud registry's host in the error
    // beside them (a base image pulled from Docker Hub) is Container Registry's.
    Rule {
        name: "docker-hub-hosts",
        system: &DOCKER_HUB,
        shape: Words(&["registry-1.docker.io", "index.docker.io"]),
        overrule: AlibabaError,
    },
    // --- Clusters, code hosts, logins ---
    // Kubernetes RBAC: `pods is forbidden: User … cannot list resource "pods" in API group "" …`.
    Rule {
        name: "kubernetes-rbac",
        system: &KUBERNETES,
        shape: Refusal(&[" is forbidden: User ", "Error from server (Forbidden)", "in API group"]),
        overrule: Never,
    },
    // The API server's admission plugins refuse with `<resource> "<name>" is forbidden: <reason>`: NamespaceLifecycle
    // (a namespace being deleted), ResourceQuota, PodSecurity and PodSecurityPolicy, ServiceAccount. No RBAC or RAM
    // grant changes them (ACK's clusters print them too).
    Rule {
        name: "kubernetes-admission",
        system: &KUBERNETES,
        shape: Refusal(&[
            "unable to create new content in namespace",
            "forbidden: exceeded quota:",
            "forbidden: failed quota:",
            "forbidden: violates PodSecurity",
            "forbidden: unable to validate against any pod security policy",
            "forbidden: error looking up service account",
        ]),
        overrule: Never,
    },
    // GitHub: the Actions token lacks a scope, a push is refused, Octokit's wrong token.
    Rule {
        name: "github-refusals",
        system: &GITHUB,
        shape: Refusal(&[
            "Resource not accessible by integration",
            "remote: Permission to ",
            "HttpError: Bad credentials",
        ]),
        overrule: Never,
    },
    Rule { name: "github-host", system: &GITHUB, shape: Words(&["api.github.com"]), overrule: Never },
    Rule { name: "ssh-publickey", system: &SSH, shape: Refusal(&["Permission denied (publickey"]), overrule: Never },
    // --- The operating system ---
    // Python's and Node's refusals of a local file.
    Rule {
        name: "local-file-errno",
        system: &LOCAL_FILES,
        shape: Refusal(&["[Errno 13] Permission denied", "EACCES: permission denied"]),
        overrule: Never,
    },
    // Windows' own error 5 (`[WinError 5]`, `System error 5 has occurred.`, Chinese Windows' `发生系统错误 5。`).
    Rule {
        name: "windows-error-5",
        system: &WINDOWS,
        shape: Refusal(&[
            "[WinError 5]",
            "System error 5 has occurred",
            "发生系统错误 5",
            "UnauthorizedAccessException",
        ]),
        overrule: Never,
    },
    // Windows' bare refusal on a line of its own (`Access is denied.`, `拒绝访问。`); quoted inside an Alibaba Cloud
    // error it is that error's words.
    Rule {
        name: "windows-access-denied-line",
        system: &WINDOWS,
        shape: Lines(windows_line),
        overrule: AlibabaSentence,
    },
    // --- The Alibaba group's other platforms ---
    // Aliyun Drive (阿里云盘): its API hosts (`openapi.alipan.com`, `api.aliyundrive.com`, the `alicloudccp.com`
    // storage behind it) and its open platform's SDK paths.
    Rule {
        name: "aliyun-drive",
        system: &ALIYUN_DRIVE,
        shape: Words(&["aliyundrive.com", "aliyundrive.net", "alipan.com", "alicloudccp.com", "/adrive/v1.0/"]),
        overrule: Never,
    },
    // Aliyun Drive's bare names are also names users give their own buckets, users, classes and paths: they name
    // the drive only as the context of an error with no Alibaba Cloud sign.
    Rule {
        name: "aliyun-drive-names",
        system: &ALIYUN_DRIVE,
        shape: Words(&["aliyundrive", "aliyunpan", "阿里云盘"]),
        overrule: AlibabaSentence,
    },
    // The open platform's codes Drive and Photo Service's engine shares (`ForbiddenNoPermission.File`, "No
    // Permission to access resource File") and the drive's own (a frozen or over-capacity drive): its host
    // (`aliyunpds.com`) makes them Drive and Photo Service's.
    Rule { name: "aliyun-drive-codes", system: &ALIYUN_DRIVE, shape: Code(aliyun_drive_code), overrule: AlibabaError },
    Rule { name: "dingtalk-host", system: &DINGTALK, shape: Refusal(&["dingtalk.com"]), overrule: AlibabaSentence },
    // TOP's refusals with its numeric code before them (`12 Insufficient user permissions`, `"code":12,"msg":…`,
    // `errorcode=12 message=…`): code 12's sentence alone is plain English ("Insufficient user permissions to
    // operate on the specified resource" is a RAM refusal's wording too), its code beside it is TOP's.
    Rule { name: "taobao-top-code", system: &TAOBAO, shape: Lines(top_coded), overrule: AlibabaError },
    // The Alipay/Taobao open platforms' answer: a `sub_code` of their lower-case families
    // (`isv.insufficient-isv-permissions`, `aop.invalid-auth-token`). SMS's `isv.` codes are upper-case.
    // Any lower-case dashed token of the families on the error's lines counts, so Alibaba Cloud's error overrules it.
    Rule {
        name: "alipay-taobao-sub-code",
        system: &ALIPAY_TAOBAO,
        shape: Fields(open_platform_code),
        overrule: AlibabaError,
    },
    Rule {
        name: "alipay-names",
        system: &ALIPAY,
        shape: Refusal(&[
            "openapi.alipay.com",
            "alipaydev.com",
            "com.alipay.api.AlipayApiException",
            "AlipayApiException",
        ]),
        overrule: AlibabaError,
    },
    // The Taobao open platform's (TOP's) documented top-level refusals that name its own parties (codes 11 and 13:
    // the ISV's, the partner's permissions), which AliExpress's and Alidayu's APIs share; SMS has no such message.
    Rule {
        name: "taobao-top-refusals",
        system: &TAOBAO,
        shape: Refusal(&["Insufficient isv permissions", "Insufficient partner permissions"]),
        overrule: AlibabaError,
    },
    // Alipay's gateway answers a page-redirect call (`alipay.trade.page.pay`) with an HTML page for the user:
    // 调试错误，请回到请求来源地，重新发起请求。错误代码 <code> 错误原因: <reason>.
    Rule {
        name: "alipay-gateway-page",
        system: &ALIPAY,
        shape: Refusal(&["请回到请求来源地"]),
        overrule: AlibabaError,
    },
    Rule {
        name: "taobao-names",
        system: &TAOBAO,
        shape: Refusal(&["gw.api.taobao.com", "eco.taobao.com", "com.taobao.api.ApiException"]),
        overrule: AlibabaError,
    },
    // The open platforms' SDK packages in a stack frame (`at com.alipay.api.internal…`) name the code that ran, not
    // the system that refused: words of the context.
    Rule {
        name: "open-platform-packages",
        system: &ALIPAY_TAOBAO,
        shape: Words(&["com.alipay.api", "com.taobao.api"]),
        overrule: AlibabaSentence,
    },
    Rule { name: "amap-host", system: &AMAP, shape: Refusal(&["restapi.amap.com"]), overrule: AlibabaSentence },
    // The EZVIZ (萤石) camera platform: its open API's host and its SDKs; its AccessTokens and sub-account tokens
    // are its own (its refusals are worded like the console's 无权限). Alibaba Cloud's signs in the error overrule.
    Rule {
        name: "ezviz-names",
        system: &EZVIZ,
        shape: Words(&["open.ys7.com", "EZUIKit", "EZOpenSDK"]),
        overrule: AlibabaError,
    },
    // --- Web apps and databases ---
    // Django REST framework's fixed refusal (`PermissionDenied`'s default detail) in its `{"detail": …}` body.
    Rule {
        name: "django-rest-detail",
        system: &DJANGO_REST,
        shape: Refusal(&[
            "detail\":\"you do not have permission to perform this action",
            "detail\": \"you do not have permission to perform this action",
        ]),
        overrule: Never,
    },
    // MySQL-protocol servers' privilege errors (1044, 1045, 1142, 1143, 1227, 1370) and their sentences as drivers
    // print them: the database's own accounts and GRANTs, RDS's and PolarDB's too.
    Rule {
        name: "mysql-privileges",
        system: &MYSQL,
        shape: Refusal(&[
            "error 1044 (42000)",
            "error 1045 (28000)",
            "error 1142 (42000)",
            "error 1143 (42000)",
            "error 1227 (42000)",
            "error 1370 (42000)",
            "Access denied for user '",
            "command denied to user '",
        ]),
        overrule: Never,
    },
    // PostgreSQL's privilege and login errors (SQLSTATE 42501, 28P01).
    Rule {
        name: "postgres-privileges",
        system: &POSTGRES,
        shape: Refusal(&[
            "permission denied for table",
            "permission denied for relation",
            "permission denied for schema",
            "permission denied for database",
            "permission denied for sequence",
            "permission denied for function",
            "password authentication failed for user",
            "must be owner of table",
            // The other objects' refusals of `aclcheck_error` and the role attributes' (`CREATEDB`, `CREATEROLE`).
            "permission denied for view",
            "permission denied for materialized view",
            "permission denied for foreign table",
            "permission denied for tablespace",
            "permission denied for large object",
            "permission denied for procedure",
            "permission denied to create database",
            "permission denied to create role",
        ]),
        overrule: Never,
    },
    // SQL Server's permission and login errors (229 and 300 "The SELECT permission was denied on the object", 262
    // "CREATE DATABASE permission denied in database", 916 "is not able to access the database … under the current
    // security context", 18456 "Login failed for user"), RDS SQL Server's too.
    Rule {
        name: "sqlserver-privileges",
        system: &SQL_SERVER,
        shape: Refusal(&[
            "permission was denied on the object",
            "permission was denied on object",
            "permission denied in database '",
            "under the current security context",
            "Login failed for user '",
        ]),
        overrule: Never,
    },
    // MongoDB's refusals (codes 13 `Unauthorized`, 18 `AuthenticationFailed`) and its drivers' names.
    Rule {
        name: "mongodb-privileges",
        system: &MONGODB,
        shape: Refusal(&[
            "to execute command {",
            "MongoServerError",
            "pymongo.errors",
            "com.mongodb.Mongo",
            "\"codeName\":\"Unauthorized\"",
            "\"codeName\": \"Unauthorized\"",
            "\"codeName\":\"AuthenticationFailed\"",
            "\"codeName\": \"AuthenticationFailed\"",
            "'codeName': 'Unauthorized'",
            "'codeName': 'AuthenticationFailed'",
        ]),
        overrule: Never,
    },
    // Redis's refusals: no `AUTH`, a wrong password, an ACL user without the command.
    Rule {
        name: "redis-auth",
        system: &REDIS,
        shape: Refusal(&[
            "NOAUTH Authentication required",
            "WRONGPASS invalid username-password pair",
            "NOPERM this user has no permissions",
            "NOPERM User ",
            "ERR invalid password",
            "ERR Client sent AUTH, but no password is set",
        ]),
        overrule: Never,
    },
    // A database refusing the client's address: PostgreSQL's `pg_hba.conf`, MySQL's host check, Tair/Redis's
    // `illegal address` (ApsaraDB's whitelist).
    Rule {
        name: "database-allow-list",
        system: &DB_ALLOW_LIST,
        shape: Refusal(&[
            "no pg_hba.conf entry for host",
            "is not allowed to connect to this MySQL server",
            "is not allowed to connect to this MariaDB server",
            "ERR illegal address",
        ]),
        overrule: Never,
    },
    // Apache Hive's authorization: the legacy provider's `No privilege 'Select' found for inputs { database:d,
    // table:t}` and the SQL-standard authorizer's `HiveAccessControlException Permission denied: Principal [...] does
    // not have following privileges for operation`. Hive's own GRANTs fix them (E-MapReduce's Hive too).
    Rule {
        name: "hive-privileges",
        system: &HIVE,
        shape: Refusal(&["HiveAccessControlException", "following privileges for operation"]),
        overrule: Never,
    },
    Rule { name: "hive-no-privilege", system: &HIVE, shape: Lines(hive_no_privilege), overrule: Never },
    // --- MaxCompute's own label check ---
    // MaxCompute's LabelSecurity: the column's sensitivity label is above the user's access label. The fix is
    // MaxCompute's `GRANT LABEL`, not a RAM grant; its Alibaba Cloud marks (`ODPS-`, `acs:odps`) do not overrule it.
    Rule {
        name: "maxcompute-label",
        system: &MAXCOMPUTE_LABEL,
        shape: Refusal(&["LabelSecurity", "LABEL is not enough"]),
        overrule: Nothing,
    },
    // A column's label named in MaxCompute's access-denied error (`ODPS-0420095`): "column label", 列级别 … label.
    // The words alone name a column's label in any product (an authorization failure that prints one is not it).
    Rule { name: "maxcompute-label-column", system: &MAXCOMPUTE_LABEL, shape: Lines(label_column), overrule: Nothing },
];

/// The words of every [`Shape::Words`] and [`Shape::Refusal`] rule, each with its system's name and whether it is
/// an error by itself, for the reader's automaton.
pub fn words() -> impl Iterator<Item = (&'static str, &'static str, bool)> {
    RULES.iter().flat_map(|r| {
        let (words, refusal): (&[&str], bool) = match r.shape {
            Words(w) => (w, false),
            Refusal(w) => (w, true),
            _ => (&[], false),
        };
        words.iter().map(move |w| (*w, r.system.en, refusal))
    })
}

/// Another system's code as its own client prints it, where a wrapper's code stands first or the reader finds
/// none: the first of [`CODE_PRINTS`] that answers on the error's lines, else Alipay's gateway page's code on the
/// line after them (`after`: the text after the error; the page prints its code under its refusal line).
pub fn printed_code<'a>(lines: &'a str, after: &'a str) -> Option<&'a str> {
    let next = || {
        let rest = after.get(crate::text::line_end(after, 0, 512)..).unwrap_or("");
        let rest = rest.trim_start_matches(['\r', '\n']);
        crate::text::slice(rest, 0, crate::text::line_end(rest, 0, 512))
    };
    CODE_PRINTS.iter().find_map(|(_, print)| print(lines)).or_else(|| alipay_page_code(next()))
}

/// A system's code print: the code it finds on the error's lines.
pub type CodePrint = fn(&str) -> Option<&str>;

/// The other systems' code prints, named, in the order they are asked.
pub const CODE_PRINTS: &[(&str, CodePrint)] = &[
    // OVHcloud's class (`OVHcloud API error (status code 403): Client::Forbidden: "…"`), the Tencent Cloud Go SDK's
    // `[TencentCloudSDKError] Code=AuthFailure.SignatureFailure, Message=…` inside a gRPC `code = InvalidArgument`.
    ("wrapper-print", wrapper_print),
    // TOP's numeric code before its documented message (`11 Insufficient isv permissions`, `"code":11,"msg":"…"`,
    // the Python SDK's `errorcode=11 message=…`).
    ("taobao-top-code", top_code),
    // The Alipay/Taobao open platforms' `sub_code` family (`isv.self-invoke-forbidden`, `aop.invalid-auth-token`).
    ("open-platform-sub-code", open_platform_token),
    // Alipay's gateway page: `错误代码 invalid-signature 错误原因: …`.
    ("alipay-gateway-page-code", alipay_page_code),
    // Apache RocketMQ's ACL: `AclException: [10015:signature-failed] …` (its status code, then its status word).
    ("rocketmq-acl-code", rocketmq_acl_code),
    // AWS AppSync's GraphQL error: `"errorType": "Unauthorized"`.
    ("appsync-error-type", appsync_error_type),
    // Huawei Cloud's service-and-number code quoted as a JSON value (`"CBC.0150"`, `"APIGW.0301"`).
    ("huawei-quoted-code", huawei_quoted_code),
];

/// The token after the first `label` on the lines (after any of `skip`): the bytes `part` takes, and what follows.
fn token_after<'a>(lines: &'a str, label: &str, skip: &[char], part: fn(&u8) -> bool) -> Option<(&'a str, &'a str)> {
    let at = crate::text::find_all(lines, label).next()? + label.len();
    Some(token(&lines[at..], skip, part))
}

/// The token at the start of `rest` (after any of `skip`): the bytes `part` takes, and what follows.
fn token<'a>(rest: &'a str, skip: &[char], part: fn(&u8) -> bool) -> (&'a str, &'a str) {
    let rest = rest.trim_start_matches(skip);
    rest.split_at(rest.bytes().take_while(part).count())
}

fn wrapper_print(lines: &str) -> Option<&str> {
    fn code_part(c: &u8) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, b'.' | b':' | b'_')
    }
    // The code, closed by `:` or `,` (a trailing `:` is the separator, not the code's).
    fn closed(lines: &str) -> Option<&str> {
        let (token, rest) = token(lines, &[], code_part);
        let code = token.trim_end_matches(':');
        let closed = code.len() < token.len() || rest.starts_with(',');
        (closed && code.starts_with(|c: char| c.is_ascii_uppercase())).then_some(code)
    }
    token_after(lines, "OVHcloud API error (status code ", &[], u8::is_ascii_digit)
        .and_then(|(_, rest)| closed(rest.strip_prefix("): ")?))
        .or_else(|| closed(token_after(lines, "[TencentCloudSDKError] Code=", &[], |_| false)?.1))
}

/// TOP's documented top-level messages of its permission refusals, after `Insufficient ` (any case).
const TOP_MESSAGES: &[&str] = &["isv permissions", "user permissions", "partner permissions"];

/// Whether TOP's numeric code stands before one of its refusals ([`top_code`]).
fn top_coded(lines: &str) -> bool {
    top_code(lines).is_some()
}

fn top_code(lines: &str) -> Option<&str> {
    // One search for the word every message opens with (`Insufficient`, `insufficient`), no lower-cased copy: the
    // code prints run on every other cloud's error.
    crate::text::find_all(lines, "nsufficient ").find_map(|n| {
        let at = n.checked_sub(1).filter(|&i| lines.as_bytes()[i].eq_ignore_ascii_case(&b'i'))?;
        let rest = lines.get(n + "nsufficient ".len()..)?;
        TOP_MESSAGES.iter().any(|m| rest.get(..m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m))).then_some(())?;
        // Back over the key of the message and its separators to the number before it.
        let before = lines[..at].trim_end_matches([' ', '"', '\'', ':', '=', ',', '\t']);
        let key = ["msg", "message", "Message"].iter().find_map(|k| before.strip_suffix(k)).unwrap_or(before);
        let before = key.trim_end_matches([' ', '"', '\'', ':', '=', ',', '\t']);
        let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
        let code = &before[before.len() - digits..];
        let alone = !before[..before.len() - digits].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.');
        ((1..=5).contains(&digits) && alone).then_some(code)
    })
}

/// The open platforms' families: `isv.`, `aop.`, `isp.`, then lower-case words joined by dashes.
fn open_platform_family(code: &str) -> bool {
    ["isv.", "aop.", "isp."].iter().any(|p| {
        code.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase()) && rest.contains('-'))
    })
}

/// The first open-platform code standing as a token of its own on the lines.
fn open_platform_token(lines: &str) -> Option<&str> {
    static FAMILIES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(["isv.", "aop.", "isp."]).expect("three literals"));
    let b = lines.as_bytes();
    let part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_');
    // One automaton's pass for the three prefixes (the shapes run on every error), not a check at every dot.
    FAMILIES
        .find_iter(b)
        .map(|m| m.start())
        .filter(|&at| at == 0 || !part(b[at - 1]))
        .map(|at| {
            let len = b[at..].iter().take_while(|&&c| part(c)).count();
            lines[at..at + len].trim_end_matches(['.', '-'])
        })
        .find(|t| open_platform_family(t))
}

fn alipay_page_code(lines: &str) -> Option<&str> {
    let part = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
    let (code, _) = token_after(lines, "错误代码", &[' ', ':', '：', '\u{3000}'], part)?;
    (code.len() > 2 && code.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(code)
}

fn rocketmq_acl_code(lines: &str) -> Option<&str> {
    let (digits, rest) = token_after(lines, "AclException: [", &[], u8::is_ascii_digit)?;
    (!digits.is_empty() && rest.starts_with(':')).then_some(digits)
}

fn appsync_error_type(lines: &str) -> Option<&str> {
    let part = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b':' | b'.');
    let (_, value) = token_after(lines, "\"errorType\":", &[' ', '\t', '\r', '\n'], |_| false)?;
    let (kind, rest) = token(value.strip_prefix('"')?, &[], part);
    (!kind.is_empty() && rest.starts_with('"')).then_some(kind)
}

fn huawei_quoted_code(lines: &str) -> Option<&str> {
    lines.split('"').skip(1).step_by(2).find(|t| huawei_code(t))
}

/// The action another system's refusal prints, kept as it prints it: AWS's call print ([`aws_call_action`]),
/// Tencent Cloud CAM's `not authorized to perform operation (cvm:RebootInstances)`, Azure Resource Manager's
/// `does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read'`.
pub fn printed_action(system: &str, lines: &str, body: &str) -> Option<String> {
    let between = |open: &str, close: char, ok: fn(&str) -> bool| {
        crate::text::find_all(lines, open).find_map(|at| {
            let rest = &lines[at + open.len()..];
            let action = &rest[..rest.find(close)?];
            ok(action).then(|| action.to_string())
        })
    };
    match system {
        s if s == AWS.en => aws_call_action(lines, body),
        s if s == VOLCANO.en => volcano_action(body),
        s if s == TENCENT.en => between("perform operation (", ')', |a| {
            a.split_once(':').is_some_and(|(svc, op)| {
                !svc.is_empty()
                    && svc.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && crate::read::fields::is_api_name(op)
            })
        }),
        s if s == AZURE.en => between("perform action '", '\'', |a| {
            a.starts_with("Microsoft.") && a.contains('/') && a.len() <= 200 && !a.contains(char::is_whitespace)
        }),
        _ => None,
    }
}

/// STS's documented APIs: an AWS call print naming one is STS's action (`sts:AssumeRole`).
const AWS_STS_APIS: &[&str] = &[
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithWebIdentity",
    "AssumeRoot",
    "DecodeAuthorizationMessage",
    "GetAccessKeyInfo",
    "GetCallerIdentity",
    "GetFederationToken",
    "GetSessionToken",
];

/// IAM's role APIs (no other AWS service has them): `iam:CreateRole`.
const AWS_IAM_ROLE_APIS: &[&str] = &[
    "CreateRole",
    "GetRole",
    "DeleteRole",
    "UpdateRole",
    "ListRoles",
    "AttachRolePolicy",
    "DetachRolePolicy",
    "PutRolePolicy",
    "CreateServiceLinkedRole",
    "PassRole",
];

/// The action an AWS call print names, kept as AWS prints it (boto3's and the CLI's `An error occurred (Code) when
/// calling the GetBucketLocation operation`): the operation with its service's prefix, where the operation says
/// the service (STS's APIs, IAM's role APIs, S3's bucket and object APIs where the error's body names S3: `aws s3
/// ls`, `s3.py`, `s3://`).
pub fn aws_call_action(lines: &str, body: &str) -> Option<String> {
    let op = boto_operation(lines).or_else(|| go_v2_operation(lines)).or_else(|| aws_refused_action(lines));
    let op = match op? {
        Called::Op(op) => op,
        Called::Action(action) => return Some(action.to_string()),
    };
    let names_s3 = || has_word(&body.to_ascii_lowercase(), "s3", b"");
    let service = if AWS_STS_APIS.contains(&op) {
        "sts"
    } else if AWS_IAM_ROLE_APIS.contains(&op) {
        "iam"
    } else if (op.contains("Bucket") || op.contains("Object")) && names_s3() {
        "s3"
    } else {
        return None;
    };
    Some(format!("{service}:{op}"))
}

/// What an AWS print names: an operation, or a whole action (`sts:AssumeRoleWithWebIdentity`).
enum Called<'a> {
    Op(&'a str),
    Action(&'a str),
}

/// boto3's and the CLI's `An error occurred (Code) when calling the GetBucketLocation operation`.
fn boto_operation(lines: &str) -> Option<Called<'_>> {
    const AT: &str = ") when calling the ";
    let at = crate::text::find_all(lines, AT).next()? + AT.len();
    let op = lines[at..].split(' ').next()?;
    (lines[at + op.len()..].starts_with(" operation") && crate::read::fields::is_api_name(op)).then_some(Called::Op(op))
}

/// Go v2's (smithy-go's) `operation error STS: AssumeRole, https response error …`: the service's id, then the
/// operation, then a comma (OSS's own Go SDK v2 prints `operation error PutBucket: Error returned by Service.`) — where
/// its `api error` is AWS's refusal (`AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`): a wrong key or
/// a redirect names no action to grant.
fn go_v2_operation(lines: &str) -> Option<Called<'_>> {
    const AT: &str = "operation error ";
    crate::text::find_all(lines, AT).find_map(|at| {
        let rest = &lines[at + AT.len()..];
        let (service, rest) = rest.split_once(": ")?;
        let op = &rest[..rest.find(',')?];
        let code = rest.split_once("api error ")?.1;
        let code = &code[..code.find(':')?];
        if !(code.starts_with("AccessDenied") || code == "UnauthorizedOperation") {
            return None;
        }
        let service_id = !service.is_empty()
            && service.len() <= 40
            && service.bytes().all(|c| c.is_ascii_alphanumeric() || c == b' ');
        (service_id && crate::read::fields::is_api_name(op)).then_some(Called::Op(op))
    })
}

/// AWS's refusal naming its action whole: STS's `Not authorized to perform sts:AssumeRoleWithWebIdentity`, IAM's
/// `is not authorized to perform: s3:GetObject on resource`.
fn aws_refused_action(lines: &str) -> Option<Called<'_>> {
    const AT: &str = "uthorized to perform";
    crate::text::find_all(lines, AT).find_map(|at| {
        let rest = lines[at + AT.len()..].strip_prefix(':').unwrap_or(&lines[at + AT.len()..]);
        let rest = rest.strip_prefix(' ')?;
        let action = &rest[..rest.find(|c: char| c.is_whitespace() || c == '"' || c == '\\').unwrap_or(rest.len())];
        let (svc, op) = action.split_once(':')?;
        let svc_ok = !svc.is_empty() && svc.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        (svc_ok && crate::read::fields::is_api_name(op)).then_some(Called::Action(action))
    })
}

/// Volcano Engine's OpenAPI error names its API in the response metadata: `"Action": "SubmitRefreshTask"`.
fn volcano_action(body: &str) -> Option<String> {
    const AT: &str = "\"Action\"";
    crate::text::find_all(body, AT).find_map(|at| {
        let rest = body[at + AT.len()..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
        let action = &rest[..rest.find('"')?];
        crate::read::fields::is_api_name(action).then(|| action.to_string())
    })
}

/// The Chinese name of `system`; a name no rule gives stays as it is.
pub fn zh(system: &str) -> &str {
    SYSTEMS.iter().find(|s| s.en == system).map_or(system, |s| s.zh)
}

/// What the decision reads.
pub struct Seen<'a> {
    /// The error.
    pub raw: &'a RawError,
    /// The text's context fields.
    pub context: &'a [Field],
    /// The whole text (fields' spans index it).
    pub text: &'a str,
    /// The lines the error spans.
    pub lines: &'a str,
    /// The error's body: its lines and up to 1 KB before them.
    pub body: &'a str,
    /// Whether the text carries an Alibaba Cloud mark, or the error's code stands with its documented message.
    pub alibaba_mark: bool,
    /// The catalog (its endpoint hosts, its documented codes).
    pub catalog: &'a Catalog,
    /// The signs of `context`'s fields, read once for all errors.
    pub signs: &'a ContextSigns,
}

/// The sign ([`sign_of`]) of each field of a reading's context, read once: every error asks the context for another
/// system's words, and the reader only appends to it (up to [`crate::read::group::MAX_CONTEXT`] fields). Reading
/// each field's sign again for every error was 2.6 % of the CPU time on an error-dense log (`perf`, dense5.log).
#[derive(Default)]
pub struct ContextSigns {
    /// Each field's span, and its system and how it stands (`None` for a field that is no other system's word).
    signs: std::cell::RefCell<Vec<Sign>>,
}

impl ContextSigns {
    /// The signs of `context`'s fields, in order: those read before kept while their fields stand where they did.
    fn of(&self, context: &[Field], text: &str) -> std::cell::Ref<'_, [Sign]> {
        {
            let mut signs = self.signs.borrow_mut();
            let kept = signs.len() <= context.len() && signs.iter().zip(context).all(|(s, f)| s.0 == (f.start, f.end));
            if !kept {
                signs.clear();
            }
            let from = signs.len();
            signs.extend(context[from..].iter().map(|f| {
                let sign = (f.key == Key::OtherCloud).then(|| sign_of(f, text)).flatten();
                ((f.start, f.end), sign.map(|(system, overrule, _)| (system, overrule)))
            }));
        }
        std::cell::Ref::map(self.signs.borrow(), Vec::as_slice)
    }
}

/// A context field's span, and the system it names and how that stands.
type Sign = ((usize, usize), Option<(&'static System, Overrule)>);

/// The system another than Alibaba Cloud RAM the error comes from, if any: the error's own words, then its shapes
/// in the rules' order, then the words of the context.
pub fn other_system(seen: &Seen) -> Option<&'static System> {
    // Read once, and only when a sign asks (most errors show none).
    let alibaba = std::cell::OnceCell::new();
    let alibaba_error = || *alibaba.get_or_init(|| alibaba_error(seen));
    let alibaba_said = || alibaba_error() || seen.raw.fields.iter().any(alibaba_phrase);
    let stands = |overrule: Overrule, in_error: bool| match overrule {
        Overrule::Nothing => true,
        Overrule::Never => in_error || !alibaba_said(),
        Overrule::AlibabaSentence => !alibaba_said(),
        // Alibaba Cloud's own fields (not anyone's XML envelope or `ERROR:` line), or a RAM sentence only Alibaba
        // Cloud prints anywhere in the error (not "not authorized to perform", which every cloud prints): another
        // system's words in or beside it (Nacos's "user not found!" on the line after a Forbidden.RAM block) yield.
        Overrule::AlibabaError => !alibaba_says(seen),
        Overrule::AlibabaMark => !seen.alibaba_mark && (in_error || !alibaba_error()),
        Overrule::OssNamed => in_error && !seen.alibaba_mark && !alibaba_own_error(seen) && !oss_named(seen),
        Overrule::AlibabaHost => !alibaba_answered(seen),
    };
    let marked = |(_, sign): &Sign| {
        let (system, overrule) = (*sign)?;
        stands(overrule, false).then_some(system)
    };
    // The error's own words: a rule's word (a host, an SDK's name) before a sign other readers give (a code that
    // is also an AWS exception's name: gsutil prints `AccessDeniedException: 403`). A word that stands beside
    // Alibaba Cloud is the error's own only on the line of its code or message, and Alibaba Cloud's fields there
    // overrule it; elsewhere in the error's span (a stack frame, a comment, the next log line) it is context.
    let own = |by_word: bool| {
        seen.raw.all(Key::OtherCloud).find_map(|f| {
            let (system, overrule, word) = sign_of(f, seen.text)?;
            let in_error = match overrule {
                Overrule::Never if word => in_host_field(seen.raw, f) || own_word_line(seen, line_of(seen.text, f)),
                _ => true,
            };
            (word == by_word && stands(overrule, in_error)).then_some(system)
        })
    };
    if let Some(system) = own(true).or_else(|| own(false)) {
        return Some(system);
    }
    let signs = seen.signs.of(seen.context, seen.text);
    for rule in RULES {
        let found = match rule.shape {
            Words(_) | Refusal(_) => false,
            Lines(f) => f(seen.lines),
            // A lead-in that names Alibaba Cloud too (`export AZURE_CLIENT_ID=… ALIBABA_CLOUD_ACCESS_KEY_ID=…`)
            // names both clouds: not the refusing one.
            LeadIn(f) => f(seen.lines) || (f(lead_in(seen)) && !crate::marks::has_alibaba_mark(lead_in(seen))),
            Body(f) => f(seen.body),
            Code(f) => seen.raw.value(Key::Code).is_some_and(f),
            Codes(f) => f(seen.lines, seen.catalog),
            Fields(f) => f(seen.raw, seen.lines),
            Family(f) => f(seen.raw, seen.lines),
        };
        if found && stands(rule.overrule, true) {
            if let Family(_) = rule.shape {
                // An S3-compatible cloud the text names is the one that answered.
                let named = signs.iter().filter_map(marked).find(|s| !s.beside);
                return Some(named.unwrap_or(rule.system));
            }
            return Some(rule.system);
        }
    }
    signs.iter().find_map(marked)
}

/// The system a field names and how it stands: the rule whose word it is, else the system's own standing (fields
/// other readers give: Huawei's error shape, AWS's call print, a local file's refusal).
///
/// Asked of every context field for every error (up to [`crate::read::group::MAX_CONTEXT`] each): the system and
/// its word rules are found by the field's value in one map built once, not by a pass over [`RULES`] comparing
/// names (`sign_of` was 1.7 % of the CPU time on an error-dense log, `perf`, dense5.log).
fn sign_of(f: &Field, text: &str) -> Option<(&'static System, Overrule, bool)> {
    let (system, rules) = by_name().get(f.value.as_str())?;
    let span = text.get(f.start..f.end).unwrap_or("");
    let by_word = rules
        .iter()
        .find(|r| matches!(r.shape, Words(w) | Refusal(w) if w.iter().any(|w| w.eq_ignore_ascii_case(span))));
    if let Some(r) = by_word {
        return Some((r.system, r.overrule, true));
    }
    let system = (*system)?;
    Some((system, if system.beside { Overrule::Never } else { Overrule::AlibabaMark }, false))
}

/// Each system's English name: the first system of [`SYSTEMS`] so named, and the [`Shape::Words`] and
/// [`Shape::Refusal`] rules that name it, in [`RULES`]' order.
type ByName = rustc_hash::FxHashMap<&'static str, (Option<&'static System>, Vec<&'static Rule>)>;

fn by_name() -> &'static ByName {
    static MAP: std::sync::OnceLock<ByName> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = ByName::default();
        for s in SYSTEMS.iter().copied() {
            map.entry(s.en).or_default().0.get_or_insert(s);
        }
        for r in RULES.iter().filter(|r| matches!(r.shape, Words(_) | Refusal(_))) {
            map.entry(r.system.en).or_default().1.push(r);
        }
        map
    })
}

/// The line `f` stands on, as a range of the text.
fn line_of(text: &str, f: &Field) -> (usize, usize) {
    let start = text.get(..f.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let end = text.get(f.end..).and_then(|t| t.find('\n')).map_or(text.len(), |i| f.end + i);
    (start, end)
}

/// Whether another system's word on `line` is the error's own: the line holds the error's code or message (its
/// Alibaba Cloud sentence when it prints neither; an error with none of these has only its own lines) and none of
/// Alibaba Cloud's fields (of headers, only its SDKs' prints: an XML envelope or an `ERROR:` line is anyone's).
fn own_word_line(seen: &Seen, (start, end): (usize, usize)) -> bool {
    let on = |a: &&Field| a.start < end && a.end >= start;
    let fields = &seen.raw.fields;
    let mut anchors = fields.iter().filter(|a| matches!(a.key, Key::Code | Key::Message)).peekable();
    let anchored = if anchors.peek().is_some() {
        anchors.any(|a| on(&a))
    } else {
        let mut phrases = fields.iter().filter(|a| alibaba_phrase(a)).peekable();
        phrases.peek().is_none() || phrases.any(|a| on(&a))
    };
    anchored
        && !fields
            .iter()
            .filter(on)
            .any(|a| (alibaba_field(seen, a) || alibaba_phrase(a)) && (a.key != Key::Header || sdk_header(a)))
}

/// RAM's own permission sentences (read/phrases.rs): its documented English ([`ram_sentence`]) or the console's
/// Chinese banner (您没有权限…, 权限不足), which other platforms of the group print too (`ISV权限不足`).
fn alibaba_phrase(f: &Field) -> bool {
    use crate::read::phrases::Phrase;
    ram_sentence(f) || (f.key == Key::Phrase && Phrase::from_name(&f.value) == Some(Phrase::Console))
}

/// RAM's documented English refusals: "You are not authorized to do this action", "User not authorized to operate
/// on the specified resource", an STS session policy's refusal, "You should be authorized by RAM".
fn ram_sentence(f: &Field) -> bool {
    use crate::read::phrases::Phrase;
    f.key == Key::Phrase
        && matches!(
            Phrase::from_name(&f.value),
            Some(Phrase::NotAuthorized | Phrase::SessionPolicy | Phrase::CallerMayNotAssume)
        )
}

/// RAM's refusals that only Alibaba Cloud prints, lowercase: NoPermission's "You are not authorized to do this
/// action. You should be authorized by RAM.", Forbidden.RAM's "User not authorized to operate on the specified
/// resource, or this API doesn't support RAM.", and the sentences naming RAM or an STS token's authorizer
/// ("denied by STS or RAM", "Access denied by authorizer's policy"). Generic refusals ("not authorized to perform",
/// "you do not have permission", "has no permission") are every cloud's: they are not here.
const ALIBABA_ONLY_SENTENCES: &[&str] = &[
    "you should be authorized by ram",
    "you are not authorized to do this action",
    "user not authorized to operate on the specified resource",
    "this api doesn't support ram",
    "this api doesn’t support ram",
    "denied by sts or ram",
    "rejected by ram",
    "access denied by authorizer's policy",
    "access denied by authorizer’s policy",
];

/// Whether `f` is one of RAM's sentences ([`ram_sentence`]) in a wording only Alibaba Cloud prints
/// ([`ALIBABA_ONLY_SENTENCES`]).
fn alibaba_only_sentence(seen: &Seen, f: &Field) -> bool {
    ram_sentence(f)
        && seen
            .text
            .get(f.start..f.end)
            .is_some_and(|span| ALIBABA_ONLY_SENTENCES.iter().any(|n| crate::text::contains_ignore_ascii_case(span, n)))
}

/// Alibaba Cloud's SDKs' headers: Tea's print, Function Compute's.
fn sdk_header(f: &Field) -> bool {
    matches!(f.value.as_str(), "tea" | "fc")
}

/// Whether `f` lies inside the error's `Host` or `HostId`: the host that answered is its system's, by structure.
fn in_host_field(raw: &RawError, f: &Field) -> bool {
    raw.fields.iter().any(|h| matches!(h.key, Key::Host | Key::HostId) && h.start <= f.start && f.end <= h.end)
}

/// Whether `f` is one of Alibaba Cloud's own fields in the error: the host that answered, a troubleshooting link,
/// an `AuthAction`, an OSS `EC`, its SDKs' headers (Tea's print), an SMS `isv.` code, a documented code where the
/// text carries Alibaba Cloud's marks.
fn alibaba_field(seen: &Seen, f: &Field) -> bool {
    let raw = seen.raw;
    // A host field that is another system's host (Aliyun Drive's, AWS's) is that system's, not Alibaba Cloud's
    // (the word may have been read as the context's, the host's line standing outside the error's span).
    let others = || {
        let context = seen.context.iter().filter(|c| c.key == Key::OtherCloud);
        raw.all(Key::OtherCloud).chain(context).any(|o| o.start < f.end && f.start < o.end)
    };
    match f.key {
        Key::HostId => !opaque(&f.value) && !others(),
        Key::Host => !others(),
        Key::Recommend | Key::Ec | Key::ProductHint | Key::AuthAction => true,
        Key::Header => f.value != "exception",
        Key::Code => sms_code(&f.value) || (seen.alibaba_mark && seen.catalog.error_code(&f.value).is_some()),
        _ => false,
    }
}

/// Whether the error itself is Alibaba Cloud's: its own fields ([`alibaba_field`]) or a host of the catalog's
/// endpoint domains on its lines.
fn alibaba_error(seen: &Seen) -> bool {
    seen.raw.fields.iter().any(|f| alibaba_field(seen, f)) || alibaba_host(seen.lines, seen.catalog)
}

/// Whether the error itself says it is Alibaba Cloud's: its own fields or host ([`alibaba_own_error`]), a RAM
/// sentence only Alibaba Cloud prints ([`alibaba_only_sentence`]), a code naming RAM (`Forbidden.RAM`,
/// `NoPermission.RAM.SlrCreate`), OSS's own words or fields ([`oss_answers`]: an `EC`, "because of bucket acl").
fn alibaba_says(seen: &Seen) -> bool {
    let names_ram = |f: &Field| f.key == Key::Code && f.value.split('.').skip(1).any(|part| part == "RAM");
    alibaba_own_error(seen)
        || seen.raw.fields.iter().any(|f| names_ram(f) || alibaba_only_sentence(seen, f))
        || oss_answers(seen.raw, seen.lines)
}

/// [`alibaba_error`] without the headers anyone prints (an XML error envelope, an `ERROR:` line): only Alibaba
/// Cloud's SDKs' prints and Terraform's `got a error` count among them.
fn alibaba_own_error(seen: &Seen) -> bool {
    let own_header = |f: &Field| f.key != Key::Header || sdk_header(f) || f.value == "terraform";
    seen.raw.fields.iter().any(|f| own_header(f) && alibaba_field(seen, f)) || alibaba_host(seen.lines, seen.catalog)
}

/// Whether a line names a host of Alibaba Cloud's endpoint domains or one the catalog lists.
pub fn alibaba_host(lines: &str, catalog: &Catalog) -> bool {
    lines
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .filter(|t| t.len() > 4 && t.contains('.'))
        .any(|t| {
            let host = crate::catalog::bare_host(t);
            crate::catalog::in_cloud_domain(&host) || catalog.product_by_host(&host).is_some()
        })
}

/// Short Message Service's (and Voice's) codes: `isv.` and an upper-case family (`isv.BUSINESS_LIMIT_CONTROL`).
fn sms_code(code: &str) -> bool {
    code.strip_prefix("isv.").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// An opaque `HostId`: no dot, long (S3's and OBS's base64 ids).
fn opaque(host_id: &str) -> bool {
    !host_id.contains('.') && host_id.len() >= 20
}

fn opaque_host_id(raw: &RawError, _: &str) -> bool {
    raw.all(Key::HostId).any(|h| opaque(&h.value))
}

/// The Alibaba-group drive platform's codes: the `ForbiddenNoPermission.<resource>` family, and the drive's own.
fn aliyun_drive_code(code: &str) -> bool {
    code.strip_prefix("ForbiddenNoPermission.").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
        || [
            "UserNotAllowedAccessResource",
            "UserNotAllowedAccessDrive",
            "ExceedCapacityForbidden",
            "ForbiddenFileInTheRecycleBin",
        ]
        .contains(&code)
}

/// IAM's implicit deny of AWS and Huawei Cloud: `is not authorized to perform` and, further on the line,
/// `because no … policy allows` or `… boundary allows` (the policy type in a few words).
fn iam_implicit_deny(lines: &str) -> bool {
    // One search over the lines, not a searcher built for each line (callgrind: 70 M instructions on the 5 MB
    // dense log).
    crate::text::find_all(lines, "is not authorized to perform").any(|at| {
        let rest = &lines[at..];
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        rest.find("because no ").is_some_and(|b| {
            let after = &rest[b + "because no ".len()..];
            after
                .find(" allows")
                .is_some_and(|a| a <= 48 && ["policy", "boundary"].iter().any(|t| after[..a].ends_with(t)))
        })
    })
}

/// IAM's refusal (`is not authorized to perform: svc:Action`) whose service prefix is no Alibaba Cloud RAM code.
fn foreign_action(lines: &str, catalog: &Catalog) -> bool {
    const AT: &str = "is not authorized to perform: ";
    crate::text::find_all(lines, AT).any(|at| {
        let rest = &lines[at + AT.len()..];
        let Some((service, action)) = rest.split_once(':') else { return false };
        (2..=32).contains(&service.len())
            && service.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
            && action.starts_with(|c: char| c.is_ascii_uppercase() || c == '*')
            && !catalog.known_ram_code(service)
    })
}

/// Google Cloud IAM's refusal: `does not have` a permission of three or more dotted lower-camel parts
/// (`storage.objects.get`, `resourcemanager.projects.get`) then `access to` or `permission`.
fn google_permission(lines: &str) -> bool {
    const AT: &str = "does not have ";
    crate::text::find_all(lines, AT).any(|at| {
        let rest = &lines[at + AT.len()..];
        let word = rest.split(' ').next().unwrap_or("");
        let parts: Vec<&str> = word.split('.').collect();
        parts.len() >= 3
            && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphabetic()))
            && parts[0].bytes().all(|c| c.is_ascii_lowercase())
            && [" access to", " permission"].iter().any(|t| rest[word.len()..].starts_with(t))
    })
}

/// Volcano Engine Ark's own codes: `ModelNotOpen`, `AccountOverdueError`, and the `InvalidEndpointOrModel.`,
/// `InvalidEndpoint.` and endpoint/foundation-model `RateLimitExceeded.` families.
fn ark_code(code: &str) -> bool {
    matches!(code, "ModelNotOpen" | "AccountOverdueError")
        || [
            "InvalidEndpointOrModel.",
            "InvalidEndpoint.",
            "RateLimitExceeded.Endpoint",
            "RateLimitExceeded.FoundationModel",
        ]
        .iter()
        .any(|p| code.strip_prefix(p).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase())))
}

/// A TRN (`trn:<service>:`), or a refusal's `resource:` naming one.
fn volcano_trn(lines: &str) -> bool {
    let b = lines.as_bytes();
    crate::text::find_all(lines, "trn").any(|at| {
        let rest = &lines[at + 3..];
        // The word before, compared in place (no lower-cased copy of everything before each hit).
        let after_resource = || {
            let before = lines[..at].trim_end_matches([' ', ':']).as_bytes();
            before.len() >= 8 && before[before.len() - 8..].eq_ignore_ascii_case(b"resource")
        };
        let service = rest.strip_prefix(':').map_or(0, |r| {
            r.bytes().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_' || *c == b'-').count()
        });
        let alone = at == 0 || !b[at - 1].is_ascii_alphanumeric();
        let token = service > 0 && rest[1 + service..].starts_with(':');
        alone && (token || (rest.starts_with([':', ' ']) && after_resource()))
    })
}

/// Hive's legacy authorization provider: `No privilege '<privilege>' found for inputs` (or `outputs`).
fn hive_no_privilege(lines: &str) -> bool {
    const AT: &str = "No privilege '";
    // From the rare `'` (the shapes run on every error).
    crate::text::memchr_all(lines.as_bytes(), b'\'').any(|q| {
        let Some(at) = (q + 1).checked_sub(AT.len()).filter(|&at| lines.get(at..=q) == Some(AT)) else { return false };
        let rest = &lines[at + AT.len()..];
        let word = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        word > 0 && ["' found for inputs", "' found for outputs"].iter().any(|t| rest[word..].starts_with(t))
    })
}

/// The Docker distribution registry's log line: its error fields beside its request's.
fn distribution_log(lines: &str) -> bool {
    crate::text::find_all(lines, "err.code=").next().is_some()
        && crate::text::find_all(lines, "http.request.uri=").next().is_some()
}

/// An identifier of Azure's namespace (`azure-storage-blob`, `azure.identity`, `@azure/identity`,
/// `custom_components.azure_…`): `azure` standing alone before `.`, `-`, `_` or `/` and a letter, not Azure's CI.
fn azure_package(body: &str) -> bool {
    let b = body.as_bytes();
    // From the rare `z` (one pass), not a substring search per case: the shapes run on every error.
    memchr::memchr2_iter(b'z', b'Z', b).any(|z| {
        let Some(start) = z.checked_sub(1).filter(|&s| matches!(b[s], b'a' | b'A')) else { return false };
        let at = z;
        if !b[at..].get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"zure")) {
            return false;
        }
        let alone = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        let rest = &b[at + 4..];
        let joined = rest.len() > 1 && matches!(rest[0], b'.' | b'-' | b'_' | b'/') && rest[1].is_ascii_alphabetic();
        let ci = |w: &[u8]| rest.len() > w.len() && rest[1..=w.len()].eq_ignore_ascii_case(w);
        alone && joined && !ci(b"pipelines") && !ci(b"devops")
    })
}

fn tencent_auth_failure(code: &str) -> bool {
    code.to_ascii_lowercase().starts_with("authfailure.")
}

fn huawei_code(code: &str) -> bool {
    code.split_once('.').is_some_and(|(service, number)| {
        service.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && number.len() >= 4
            && number.bytes().all(|c| c.is_ascii_digit())
    })
}

/// The Alipay/Taobao open platforms' answer: a lower-case `isv.` code (SMS's are upper-case), or a `sub_code` /
/// `subCode` of their families, lower-case and dashed after the dot (`isv.insufficient-isv-permissions`,
/// `aop.invalid-auth-token`, `isp.unknow-error`).
fn open_platform_code(raw: &RawError, lines: &str) -> bool {
    // A `sub_code`'s value is such a token on the lines ([`open_platform_token`]).
    let lower_isv = |c: &str| c.strip_prefix("isv.").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_lowercase()));
    raw.all(Key::Code).any(|c| lower_isv(&c.value) || open_platform_family(&c.value))
        || open_platform_token(lines).is_some()
}

/// Whether `after` (what follows a key) is `:{"Error":`, blanks and line breaks allowed between.
pub fn opens_error_object(after: &str) -> bool {
    let mut rest = after;
    [":", "{", "\"Error\"", ":"].iter().all(|part| {
        rest = rest.trim_start();
        rest.strip_prefix(part).map(|r| rest = r).is_some()
    })
}

fn tencent_api3_shape(lines: &str) -> bool {
    crate::text::find_all(lines, "\"Response\"").any(|at| opens_error_object(&lines[at + "\"Response\"".len()..]))
}

/// Volcano Engine's error: an `"Error":{` key directly inside the `"ResponseMetadata"` object.
fn volcano_shape(lines: &str) -> bool {
    crate::text::find_all(lines, "\"ResponseMetadata\"").any(|at| {
        let rest = lines[at + "\"ResponseMetadata\"".len()..].trim_start();
        let Some(body) = rest.strip_prefix(':').map(str::trim_start).and_then(|r| r.strip_prefix('{')) else {
            return false;
        };
        // Walk the object at depth 1 (strings skipped), bounded, looking for its `"Error"` key.
        let (mut depth, mut in_string, mut escaped) = (1usize, false, false);
        for (i, c) in body.char_indices().take(4096) {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' if in_string => in_string = false,
                '"' => {
                    if depth == 1 && body[i..].starts_with("\"Error\"") && opens_error_object_value(&body[i + 7..]) {
                        return true;
                    }
                    in_string = true;
                }
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        false
    })
}

/// Whether `after` is `: {`, blanks allowed.
fn opens_error_object_value(after: &str) -> bool {
    after.trim_start().strip_prefix(':').is_some_and(|r| r.trim_start().starts_with('{'))
}

/// A COS response header (`x-cos-request-id`, `X-Cos-Trace-Id`): `x-cos-` standing alone, then a name.
fn cos_header(lines: &str) -> bool {
    let b = lines.as_bytes();
    // From the rare `-cos-` in any case (one pass per spelling), not a lower-cased copy: the shapes run on every error.
    ["-cos-", "-Cos-", "-COS-"].iter().any(|w| {
        crate::text::find_all(lines, w).any(|at| {
            let x = at.checked_sub(1).filter(|&x| b[x].eq_ignore_ascii_case(&b'x'));
            let alone = x.is_some_and(|x| x == 0 || !(b[x - 1].is_ascii_alphanumeric() || b[x - 1] == b'-'));
            alone && b.get(at + w.len()).is_some_and(u8::is_ascii_alphabetic)
        })
    })
}

/// COS named in capitals as a word of its own (`访问 COS 时`, `COS bucket`); `cos_`, `Cos`, `qcos` are not.
fn cos_named(lines: &str) -> bool {
    has_word(lines, "COS", b"_-")
}

/// Whether `word` stands in `hay` as a word of its own: no ASCII letter or digit, nor one of `joiners`, touches it
/// on either side (`COS` in `访问 COS 时` but not in `qcos` or `COS_KEY`; `s3` in `aws s3 ls` but not in `s3cmd`).
fn has_word(hay: &str, word: &str, joiners: &[u8]) -> bool {
    let b = hay.as_bytes();
    let joins = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || joiners.contains(c));
    crate::text::find_all(hay, word).any(|at| (at == 0 || !joins(at - 1)) && !joins(at + word.len()))
}

/// The last line with words before the error's first line (at most its last 1 KB): the lead-in that names what
/// failed (`COS 上传失败：`, "We migrated from MinIO to OSS. Now the upload fails:").
fn lead_in<'a>(seen: &Seen<'a>) -> &'a str {
    let text = seen.text;
    let start = text.get(..seen.raw.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let before = text.get(..start).unwrap_or("").trim_end();
    let from = before.rfind('\n').map_or(0, |i| i + 1).max(before.len().saturating_sub(1024));
    crate::text::slice(before, from, before.len())
}

/// Whether OSS answered or is named on the error's lines or its lead-in ([`lead_in`]): its own fields
/// ([`oss_fields`]), the word `OSS` (`ossutil` is no such word, an `oss://` URL is), its documented messages
/// ([`OSS_OWN_SENTENCES`]), an Alibaba Cloud host.
fn oss_named(seen: &Seen) -> bool {
    let said = |s: &str| {
        let lower = s.to_ascii_lowercase();
        has_word(&lower, "oss", b"_-")
            || OSS_OWN_SENTENCES.iter().any(|w| lower.contains(w))
            || alibaba_host(s, seen.catalog)
    };
    oss_fields(seen.raw) || said(seen.lines) || said(lead_in(seen))
}

/// Whether Alibaba Cloud's host answered in the error: its `HostId` or `Host` field, or an endpoint host on its lines.
fn alibaba_answered(seen: &Seen) -> bool {
    let host = |f: &Field| !opaque(&f.value) && alibaba_host(&f.value, seen.catalog);
    seen.raw.all(Key::HostId).chain(seen.raw.all(Key::Host)).any(host) || alibaba_host(seen.lines, seen.catalog)
}

/// Ceph RGW's request id (`tx` + 21 hex digits, `-`, 8 or more hex digits of time, `-`), in the error's XML or
/// its SDK's print.
fn rgw_request_id(raw: &RawError, lines: &str) -> bool {
    let shaped = |id: &str| {
        let Some(rest) = id.strip_prefix("tx") else { return false };
        let hex = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_hexdigit());
        let mut parts = rest.splitn(3, '-');
        let (a, t, tail) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        a.len() == 21 && hex(a) && t.len() >= 8 && hex(t) && !tail.is_empty()
    };
    raw.value(Key::RequestId).is_some_and(shaped)
        || crate::text::find_all(lines, "<RequestId>tx").any(|at| {
            let id = &lines[at + "<RequestId>".len()..];
            shaped(&id[..id.find('<').unwrap_or(id.len())])
        })
}

fn cos_trace_id(raw: &RawError, lines: &str) -> bool {
    raw.get(Key::HostId).is_none() && ["<TraceId>", ", TraceId: ", "'traceid': '"].iter().any(|t| lines.contains(t))
}

/// Whether the lines hold what only AWS prints around an error.
fn aws_sdk_print(_: &RawError, lines: &str) -> bool {
    let go_v1 = crate::text::find_all(lines, "status code: ").any(|at| {
        let rest = &lines.as_bytes()[at + "status code: ".len()..];
        rest.len() > 3 && rest[..3].iter().all(u8::is_ascii_digit) && rest[3..].starts_with(b", request id: ")
    });
    // AWS's query-protocol error body (STS, IAM…): `{"Error":{"Code":…,"Type":"Sender"}}`, `<Type>Sender</Type>`;
    // Alibaba Cloud's errors carry no fault side.
    let query_protocol =
        ["\"Type\":\"Sender\"", "\"Type\": \"Sender\"", "<Type>Sender</Type>", "<Type>Receiver</Type>"]
            .iter()
            .any(|t| lines.contains(t));
    // Java v2's exception tail: `(Service: S3, Status Code: 403, Request ID: …)` (v1's says `Service: Amazon …;`).
    let java_v2 = crate::text::find_all(lines, "(Service: ").any(|at| {
        let rest = &lines[at + "(Service: ".len()..];
        let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        name > 0 && rest[name..].starts_with(", Status Code: ")
    });
    // Go v2's (smithy-go's) response error: `https response error StatusCode: 403, RequestID: …`. OSS's own Go SDK v2
    // prints `Error returned by Service.` and `Http Status Code: 403.` instead.
    let go_v2 = crate::text::find_all(lines, "https response error StatusCode: ").any(|at| {
        let rest = &lines.as_bytes()[at + "https response error StatusCode: ".len()..];
        rest.len() > 3 && rest[..3].iter().all(u8::is_ascii_digit) && rest[3..].starts_with(b", RequestID: ")
    });
    go_v1 || go_v2 || query_protocol || java_v2 || lines.contains("node_modules/aws-sdk/")
}

/// Whether the error's lines name a Doubao model and not Model Studio's DashScope (its SDKs, its API host).
fn doubao_model(lines: &str) -> bool {
    ["doubao", "豆包"].iter().any(|w| crate::text::contains_ignore_ascii_case(lines, w))
        && !crate::text::contains_ignore_ascii_case(lines, "dashscope")
}

/// OSS's documented messages that S3 words otherwise, lower-case: `AccessDenied` for a bucket ACL ("You have no
/// right to access this object because of bucket acl."), `InvalidAccessKeyId` ("The OSS Access Key Id you provided
/// does not exist in our records."; S3 says "AWS"), a signed URL's `OSSAccessKeyId` parameter.
const OSS_OWN_SENTENCES: &[&str] = &["because of bucket acl", "the oss access key id you provided", "ossaccesskeyid"];

/// Whether OSS's own words answer in the error: [`OSS_OWN_SENTENCES`] on its lines, or its fields ([`oss_fields`]).
fn oss_answers(raw: &RawError, lines: &str) -> bool {
    OSS_OWN_SENTENCES.iter().any(|w| crate::text::contains_ignore_ascii_case(lines, w)) || oss_fields(raw)
}

/// Whether the error carries OSS's own fields: an `EC`, a code only OSS documents.
fn oss_fields(raw: &RawError) -> bool {
    raw.get(Key::Ec).is_some() || raw.value(Key::Code).is_some_and(crate::diagnose::product::uncatalogued_oss_code)
}

/// Whether the PHP `S3` class printed the error ([`php_s3_class`]) and OSS's own words ([`OSS_OWN_SENTENCES`], a
/// code only OSS documents, an OSS `EC`) do not answer in it.
fn php_s3_class_print(raw: &RawError, lines: &str) -> bool {
    let oss = oss_answers(raw, lines);
    // OSS words these two codes' messages otherwise ("You have no right to access this object.", "AccessDenied by
    // bucket policy."): only S3's own message for them says S3 answered.
    let s3_words = if lines.contains("(): [AccessDenied]") || raw.value(Key::Code) == Some("AccessDenied") {
        lines.contains("] Access Denied")
    } else if lines.contains("(): [InvalidAccessKeyId]") || raw.value(Key::Code) == Some("InvalidAccessKeyId") {
        lines.contains("The AWS Access Key Id")
    } else {
        true
    };
    php_s3_class(lines) && !oss && s3_words
}

/// The standalone PHP `S3` class (amazon-s3-php-class and its forks) raises `S3::method(): [Code] message`.
fn php_s3_class(lines: &str) -> bool {
    crate::text::find_all(lines, "S3::").any(|at| {
        let rest = &lines[at + "S3::".len()..];
        let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        name > 0 && rest.as_bytes()[0].is_ascii_lowercase() && rest[name..].starts_with("(): [")
    })
}

/// Whether the lines hold Azure Storage's message tail: `RequestId:` and a lower-case GUID, then `Time:`.
fn azure_storage_message(lines: &str) -> bool {
    crate::text::find_all(lines, "RequestId:").any(|at| {
        let rest = &lines[at + "RequestId:".len()..];
        let guid = rest.get(..36).is_some_and(|g| {
            g.bytes().enumerate().all(|(i, c)| {
                if matches!(i, 8 | 13 | 18 | 23) {
                    c == b'-'
                } else {
                    c.is_ascii_digit() || (b'a'..=b'f').contains(&c)
                }
            })
        });
        // `Time:` on the next line, or after a blank where the message is printed on one line.
        let tail = rest.get(36..).unwrap_or("");
        let time = tail.trim_start_matches(['\r', '\n', ' ']);
        guid && time.len() < tail.len() && time.starts_with("Time:")
    })
}

/// Akamai's page: the refusal sentence and its `Reference #` (plain or HTML-escaped).
fn akamai_page(lines: &str) -> bool {
    let has = |w: &str| crate::text::contains_ignore_ascii_case(lines, w);
    (has("don't have permission to access") || has("don&#39;t have permission to access"))
        && (has("reference #") || has("reference&#32;&#35;"))
}

/// Windows' refusal standing as a line of its own, or quoted whole (an error report's `“Access is denied.”`). In
/// straight quotes it counts only in prose: as a key's value (`"Message":"Access is denied."`, `'msg': "…"`) it is a
/// service's JSON or dict answer, whose code and message say whose it is.
fn windows_line(lines: &str) -> bool {
    const QUOTED: &[&str] = &["“Access is denied.”", "「Access is denied.」", "“拒绝访问。”", "「拒绝访问。」"];
    const STRAIGHT: &str = "\"Access is denied.\"";
    let in_prose = |(at, _): (usize, &str)| {
        let key = lines[..at].trim_end().strip_suffix(':').map(str::trim_end);
        !key.is_some_and(|k| k.ends_with(['"', '\'']))
    };
    lines.lines().any(|l| matches!(l.trim(), "Access is denied." | "拒绝访问。"))
        || QUOTED.iter().any(|q| lines.contains(q))
        || lines.match_indices(STRAIGHT).any(in_prose)
}

/// A column's label (`column label`, `列级别` … `label`) in MaxCompute's access-denied error (`ODPS-0420095`).
fn label_column(lines: &str) -> bool {
    // The code first: one exact search turns away every other error.
    lines.contains("ODPS-0420095")
        && (crate::text::contains_ignore_ascii_case(lines, "column label")
            || (lines.contains("列级别") && crate::text::contains_ignore_ascii_case(lines, "label")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tencent_wrappers_are_read_with_any_blanks_between() {
        assert!(opens_error_object(":{\"Error\":{"));
        assert!(opens_error_object(": {\r\n\t\"Error\" : {"));
        assert!(!opens_error_object(": {\"Data\": {\"Error\": null}}"));
    }

    #[test]
    fn volcano_engines_error_stands_inside_its_metadata() {
        assert!(volcano_shape(r#"{"ResponseMetadata":{"RequestId":"1","Error":{"Code":"AccessDenied"}}}"#));
        assert!(volcano_shape("{\"ResponseMetadata\" : {\n \"Action\": \"X\",\n \"Error\" : {\"Code\": \"X\"}}}"));
        // boto3's dict and an S3 client's JSON put `Error` beside the metadata, not inside it.
        assert!(!volcano_shape(r#"{"ResponseMetadata":{"RequestId":"1","HTTPStatusCode":403},"Error":{"Code":"X"}}"#));
        // A key merely named so inside a nested object, or a string holding the words.
        assert!(!volcano_shape(r#"{"ResponseMetadata":{"Extra":{"Error":{"Code":"X"}}}}"#));
        assert!(!volcano_shape(r#"{"ResponseMetadata":{"Note":"\"Error\":{"}}"#));
    }

    #[test]
    fn arks_codes_are_its_own_families() {
        for code in
            ["ModelNotOpen", "AccountOverdueError", "InvalidEndpointOrModel.NotFound", "InvalidEndpoint.ClosedEndpoint"]
        {
            assert!(ark_code(code), "{code}");
        }
        assert!(ark_code("RateLimitExceeded.EndpointRPMExceeded"));
        // Alibaba Cloud's codes that begin alike (PolarDB's, RDS's), a bare family, a generic throttle.
        for code in
            ["InvalidEndpointConfig.Malformed", "InvalidEndpointType.Format", "InvalidEndpoint.", "Throttling.User"]
        {
            assert!(!ark_code(code), "{code}");
        }
        assert!(!ark_code("RateLimitExceeded") && !ark_code("AccessDenied"));
    }

    #[test]
    fn the_php_s3_class_prints_its_method_then_the_code() {
        assert!(php_s3_class("Warning: S3::getBucket(): [RequestTimeTooSkewed] The difference"));
        assert!(php_s3_class("S3::putObject(): [AccessDenied] Access Denied"));
        // A class constant, another call form, a path.
        assert!(!php_s3_class("S3::ACL_PRIVATE") && !php_s3_class("S3::getBucket($b)") && !php_s3_class("/lib/S3::x"));
    }

    #[test]
    fn open_platform_codes_are_lower_case_families() {
        let raw = RawError::default();
        assert!(open_platform_code(&raw, r#""sub_code":"isv.insufficient-isv-permissions""#));
        assert!(open_platform_code(&raw, "subCode: aop.invalid-auth-token"));
        // SMS's codes are upper-case: Alibaba Cloud's.
        assert!(!open_platform_code(
            &raw,
            r#""Code":"isv.RAM_PERMISSION_DENY","sub_code":"isv.BUSINESS_LIMIT_CONTROL""#
        ));
        assert!(sms_code("isv.RAM_PERMISSION_DENY") && !sms_code("isv.missing-method"));
    }

    #[test]
    fn alibaba_hosts_are_the_catalogs_endpoint_domains() {
        let c = Catalog::empty();
        for line in [
            "POST https://ecs-vpc.cn-hangzhou.aliyun-inc.com/?Action=X",
            "host: b.oss-cn-hangzhou.aliyuncs.com",
            "see hbr.console.aliyun.com",
            "ecs.ap-southeast-1.alibabacloud.com",
        ] {
            assert!(alibaba_host(line, &c), "{line}");
        }
        for line in ["cn-beijing-data.aliyundrive.net", "obs.cn-north-4.myhuaweicloud.com", "aliyuncs.com.evil.io"] {
            assert!(!alibaba_host(line, &c), "{line}");
        }
    }

    #[test]
    fn iams_implicit_deny_names_a_policy_type_in_a_few_words() {
        assert!(iam_implicit_deny("User: u is not authorized to perform: s3:GetObject because no resource-based policy allows the s3:GetObject action"));
        assert!(iam_implicit_deny(
            "User: <u> is not authorized to perform: <a> because no <policy_type> policy allows the <a> action."
        ));
        // The words on different lines, or far apart, are no such sentence.
        assert!(!iam_implicit_deny("is not authorized to perform this\nbecause no policy allows it"));
        assert!(!iam_implicit_deny("because no identity-based policy allows it; later: is not authorized to perform"));
        assert!(!iam_implicit_deny(
            "u is not authorized to perform x because no one in the team who set up the account allows it"
        ));
    }

    #[test]
    fn a_foreign_action_is_a_service_prefix_then_an_action() {
        let c = Catalog::empty();
        assert!(foreign_action("User: u is not authorized to perform: secretsmanager:ListSecrets", &c));
        assert!(foreign_action("is not authorized to perform: s3:*", &c));
        // Not `service:Action`: a sentence, a resource, an upper-case service.
        assert!(!foreign_action("is not authorized to perform: the operation", &c));
        assert!(!foreign_action("is not authorized to perform: acs:ram::1:role/x", &c));
        assert!(!foreign_action("is not authorized to perform: OSS:GetObject", &c));
    }

    #[test]
    fn googles_permissions_have_three_dotted_parts() {
        assert!(google_permission("x does not have storage.objects.get access to the object"));
        assert!(google_permission("x does not have resourcemanager.projects.setIamPolicy access to project p"));
        assert!(!google_permission("x does not have oss:GetObject access to b"));
        assert!(!google_permission("x does not have access to the bucket"));
        assert!(!google_permission("the file does not have a.txt access to it"));
    }

    #[test]
    fn the_drive_platforms_codes_are_its_family_and_its_own() {
        assert!(aliyun_drive_code("ForbiddenNoPermission.File") && aliyun_drive_code("UserNotAllowedAccessResource"));
        assert!(!aliyun_drive_code("ForbiddenNoPermission.") && !aliyun_drive_code("Forbidden.RAM"));
        assert!(!aliyun_drive_code("NoPermission"));
    }

    #[test]
    fn windows_refusal_stands_alone_or_quoted_whole() {
        assert!(windows_line("x\nAccess is denied.\n") && windows_line("日志显示“Access is denied.”"));
        assert!(
            !windows_line("Message: Access is denied. Please check") && !windows_line("“Access is denied for user”")
        );
        // Straight quotes: in prose, not as a JSON or dict value.
        assert!(windows_line("could not read C:\\data: \"Access is denied.\""));
        assert!(!windows_line(r#"{"Code":"Forbidden","Message":"Access is denied."}"#));
        assert!(!windows_line("{'error': \"Access is denied.\"}") && !windows_line("\"msg\" : \"Access is denied.\""));
    }

    #[test]
    fn a_column_label_is_maxcomputes_only_in_its_access_denied_error() {
        assert!(label_column("ODPS-0420095: Access Denied - column label of t.c is higher than your label"));
        assert!(label_column("ODPS-0420095: Access Denied - 没有列级别的访问权限，请申请 Label 授权"));
        // An authorization failure whose tips print a column's label is a RAM or ACL permission.
        assert!(!label_column("ODPS-0130013:Authorization Failed [4019] ... column label of t is 2"));
        assert!(!label_column("column label 列级别 label"));
    }

    #[test]
    fn a_word_stands_with_no_letter_digit_or_joiner_touching_it() {
        assert!(has_word("访问 COS 时", "COS", b"_-") && has_word("COS", "COS", b"_-"));
        assert!(has_word("aws s3 ls", "s3", b"") && has_word("s3://b", "s3", b"") && has_word("s3-x", "s3", b""));
        assert!(!has_word("qcos COS_KEY", "COS", b"_-") && !has_word("COS-1", "COS", b"_-"));
        assert!(!has_word("s3cmd vs3", "s3", b"") && !has_word("", "s3", b""));
    }

    #[test]
    fn a_trn_is_a_service_code_after_its_prefix_or_a_refusals_resource() {
        assert!(volcano_trn("perform: cr:SetUser on resource: trn:cr:cn-beijing:1:instance/x"));
        assert!(volcano_trn("on resource:trn cn-****:instance/****") && volcano_trn("\"trn:iam::1:user/Bob\""));
        // Not a TRN: a word ending in `trn`, no service code, a name with `trn` in it.
        assert!(!volcano_trn("pattrn:x:y") && !volcano_trn("trn:") && !volcano_trn("the trn build"));
    }

    #[test]
    fn hives_legacy_refusal_names_a_privilege_for_inputs_or_outputs() {
        assert!(hive_no_privilege("Authorization failed:No privilege 'Create' found for outputs { database:d}"));
        assert!(hive_no_privilege("No privilege 'Select' found for inputs { database:default, table:t}"));
        assert!(!hive_no_privilege("No privilege 'odps:CreateTable' on {acs:odps:*:projects/p}"));
        assert!(!hive_no_privilege("No privilege '' found for outputs"));
    }

    #[test]
    fn the_registrys_log_has_its_error_and_request_fields() {
        assert!(distribution_log("err.code=UNKNOWN err.detail=\"Access Denied\" http.request.uri=\"/v2/\""));
        assert!(!distribution_log("err.code=UNKNOWN err.detail=\"Access Denied\"") && !distribution_log("uri=/v2/"));
    }

    #[test]
    fn azures_packages_are_azure_joined_to_a_name() {
        for body in
            ["custom_components.azure_cognitive_speech", "@azure/identity", "com.azure.storage", "AZURE_CLIENT_ID"]
        {
            assert!(azure_package(body), "{body}");
        }
        for body in ["azure-pipelines.yml", "Azure DevOps", "azure_devops_agent", "azurerm", "lazure-x", "azure"] {
            assert!(!azure_package(body), "{body}");
        }
    }

    #[test]
    fn codes_are_read_from_each_systems_print() {
        let code = |lines| printed_code(lines, "");
        assert_eq!(code("阿里大鱼报 11 Insufficient isv permissions"), Some("11"));
        assert_eq!(code(r#"{"code":12,"msg":"Insufficient user permissions"}"#), Some("12"));
        assert_eq!(code("errorcode=11 message=Insufficient isv permissions"), Some("11"));
        // A number inside a word or a version is no TOP code.
        assert_eq!(top_code("v1.11 Insufficient isv permissions"), None);
        assert_eq!(
            code("Error:Insufficient Permissions - isv.self-invoke-forbidden"),
            Some("isv.self-invoke-forbidden")
        );
        // SMS's upper-case codes and a dotted word are not the open platforms' families.
        assert_eq!(open_platform_token("isv.BUSINESS_LIMIT_CONTROL and misv.a-b and isv.x"), None);
        assert_eq!(
            printed_code("调试错误，请回到请求来源地，重新发起请求。", "\n错误代码 invalid-app-id 错误原因"),
            Some("invalid-app-id")
        );
        assert_eq!(
            code("调试错误 错误代码 missing-signature-config 错误原因: 验签出错"),
            Some("missing-signature-config")
        );
        assert_eq!(code("AclException: [10015:signature-failed] unable"), Some("10015"));
        assert_eq!(code("AclException: [signature-failed]"), None);
        assert_eq!(code(r#""errorType": "Unauthorized","#), Some("Unauthorized"));
        assert_eq!(code(r#"{"class":"CBC.0150","code":403}"#), Some("CBC.0150"));
        assert_eq!(code(r#"{"version":"1.2","name":"TLS.1"}"#), None);
    }

    #[test]
    fn actions_are_kept_as_each_cloud_prints_them() {
        let tencent =
            "not authorized to perform operation (cvm:RebootInstances) resource (qcs::cvm:ap-guangzhou:uin/1)";
        assert_eq!(printed_action(TENCENT.en, tencent, "").as_deref(), Some("cvm:RebootInstances"));
        let azure = "does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope";
        assert_eq!(printed_action(AZURE.en, azure, "").as_deref(), Some("Microsoft.Resources/subscriptions/read"));
        // Only the cloud whose print it is, and only an action's shape.
        assert_eq!(printed_action(HUAWEI.en, tencent, ""), None);
        assert_eq!(printed_action(TENCENT.en, "perform operation (see the docs)", ""), None);
        assert_eq!(printed_action(AZURE.en, "perform action 'delete the group' over", ""), None);
    }

    #[test]
    fn every_rule_names_a_listed_system_and_every_system_is_used() {
        for r in RULES {
            assert!(SYSTEMS.iter().any(|s| std::ptr::eq(*s, r.system) || *s == r.system), "{}", r.name);
        }
        for s in SYSTEMS {
            assert!(RULES.iter().any(|r| r.system == *s), "{} has no rule", s.en);
            assert_eq!(zh(s.en), s.zh);
        }
    }
}
