//! Known sentences, in English and Chinese, that say what happened even when no code is printed (console banners,
//! SDK messages quoted in app logs), and the action and resource some of them carry:
//! `not authorized to perform 'fc:GetService' on resource 'acs:fc:…'`, `STSToken policy Forbidden for action cs:X`,
//! `No permission perform sts:AssumeRole on this Role`.
//!
//! A phrase field's value is the [`Phrase`] name; `diagnose` reads meaning from it, and [`Phrase::anchors`] says
//! whether the sentence alone is an error worth a finding.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::fields::is_ram_action;
use super::headers::{mark, MARKS};
use super::{Field, Key};
use crate::text::Text;

/// What a known sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    /// "User not authorized to operate on the specified resource", "You are not authorized to do this action".
    NotAuthorized,
    /// The console banner: "Insufficient permissions, please contact…", 权限不足, 无权限, 您没有权限…
    Console,
    /// "STSToken policy Forbidden for action …", "Access denied by authorizer's policy": the STS session policy.
    SessionPolicy,
    /// "Access denied by bucket policy".
    BucketPolicy,
    /// "because of bucket acl".
    BucketAcl,
    /// "explicitly denied", "explicit deny".
    ExplicitDeny,
    /// "check control policies".
    ControlPolicy,
    /// STS: "You should be authorized by RAM" (the caller lacks `sts:AssumeRole`).
    CallerMayNotAssume,
    /// STS: "Roles may not be assumed by root accounts".
    RootMayNotAssume,
    /// STS: "No permission perform sts:AssumeRole on this Role" (the trust policy).
    TrustPolicy,
    /// Service-linked / service roles: "ram:CreateServiceLinkedRole", "service role authorization".
    ServiceRole,
    /// The AccessKey id is unknown.
    AccessKeyNotFound,
    /// The AccessKey is disabled.
    AccessKeyDisabled,
    /// A registry refused `docker login`'s user name or password (Container Registry and Docker Hub alike; the
    /// host beside it says which registry answered).
    LoginRefused,
    /// "The Security Token may be lost" / missing STS token.
    TokenMissing,
    /// The signature does not match the server's.
    SignatureMismatch,
    /// Clock skew: the timestamp is too far from the server's.
    ClockSkew,
    /// OSS signed URL: "Request has expired".
    RequestExpired,
    /// The STS token expired.
    TokenExpired,
    /// "not activated", "not enabled", "is inactive": qualifies an error found otherwise.
    NotActivated,
    /// 未开通, "has not been activated": says on its own that a service is not activated.
    ServiceNotActivated,
    /// Timeouts, DNS failures, refused connections.
    Network,
    /// Flow control.
    Throttling,
    /// "The security token you provided is invalid" (malformed, or not this key's).
    TokenInvalid,
    /// The SDK's credential providers found no AccessKey (or an empty one) before sending anything.
    CredentialsMissing,
    /// "The role not exists", "role does not exist".
    RoleNotExist,
    /// STS's AssumeRole answer for a `RoleArn` that names no role, the ARN after it ("The role not exists:
    /// acs:ram::…:role/…", the STS FAQ's `EntityNotExist.Role`): an error by itself, unlike a role's words alone.
    StsRoleNotExist,
    /// OSS: the bucket must be addressed at its own endpoint, or in virtual-hosted style.
    WrongEndpoint,
    /// Overdue payment, insufficient balance (欠费, 余额不足).
    Overdue,
    /// Out of stock in the zone (库存不足).
    OutOfStock,
    /// A required parameter was not sent: the products' documented "You must specify CertName." (144 codes of the
    /// catalog word it so, `CertName.MissingParameter` among them). A request to fix, not a permission.
    MissingParameter,
    /// A quota or limit is reached (配额).
    Quota,
    /// The resource's state does not allow the operation (Log Service: "Project … has been forbidden", a project
    /// the service disabled).
    ResourceState,
    /// Another cloud's or system's refusal (Kubernetes RBAC, AWS STS); found by the header reader with the system.
    OtherSystemDenied,
    /// Plain words of a refusal: "access denied", "permission denied", "forbidden", 拒绝访问. A fallback.
    AccessDeniedWords,
    /// A policy refused it: "denied by … policy", 被…策略所拒绝, 显式拒绝. A fallback.
    PolicyDenied,
    /// "does not exist", 不存在: a resource, record or project that is not there. A fallback.
    NotExist,
    /// A user or account that is disabled (账号已被禁用). A fallback.
    AccountDisabled,
    /// Log Service answers "AccessKeyId … is inactive" when the service is not activated for the account.
    LogServiceInactive,
    /// A service's own role (`Aliyun…DefaultRole`, `AliyunServiceRoleFor…`, 服务关联角色) that does not exist, or
    /// that the account has not authorized yet (the console's 云资源访问授权 page).
    ServiceRoleNotExist,
    /// A content-moderation verdict on the request or answer (Model Studio's `DataInspectionFailed`: "may contain
    /// inappropriate content"): the content was refused, not the caller.
    ContentModeration,
    /// The account has not passed real-name verification (实名认证), which some operations require.
    RealNameVerification,
    /// OSS refused a browser's cross-origin request: the bucket's CORS rules do not allow it.
    CorsRefused,
    /// OSS's hotlink protection refused the request's `Referer` ("You are denied by bucket referer policy",
    /// 防盗链): the bucket's referer rules, not a RAM policy.
    RefererRefused,
    /// STS refused a federated sign-in (`AssumeRoleWithOIDC`): the OIDC provider is not registered, or the OIDC
    /// token failed its checks.
    FederationRefused,
    /// A media player or downloader (FFmpeg's `Server returned 403 Forbidden (access denied)`) was refused a URL:
    /// the URL's signing, expiry or referer rules, not a RAM policy.
    MediaUrlRefused,
    /// A credentials provider could not get its session token from the ECS metadata service (IMDS hardening,
    /// a proxy, a container without the metadata route): nothing was sent to a cloud API.
    MetadataServiceRefused,
    /// A client refused an AccessKey written into an OSS URI (`oss://id:secret@bucket…`): E-MapReduce's OSS connector
    /// takes the key from the job's configuration only. Nothing was sent to OSS.
    KeyInUriRefused,
    /// A signature refused in words other systems print too ("signature failed", 签名错误): read only beside an
    /// Alibaba Cloud mark, and only where no code is printed.
    SignatureWords,
    /// A request's timestamp refused in general words ("timestamp expired", 请求时间过期): as [`Phrase::SignatureWords`].
    ClockWords,
    /// An API key refused in general words ("invalid API key"): as [`Phrase::SignatureWords`].
    ApiKeyWords,
    /// Fallback ([`super::generic`]): a lack word near a permission word ("lacks the permission", 没有…授权).
    GenericLacksPermission,
    /// Fallback: a token or credential word near "expired" (令牌已过期).
    GenericTokenExpired,
    /// Fallback: "role is required", 需要角色: a service needs a role it has not been given.
    GenericRoleRequired,
    /// Fallback: credentials not configured ("credentials not found", "no credential", 凭证未配置).
    GenericCredentialsMissing,
    /// A tool or service refused what it was given, in fixed words of its own: a name it found nothing for (Packer's
    /// "No alicloud image was found matching filters", lego's "zone … not found in AliDNS"), a value in the wrong
    /// format ("Invalid format of role arn"). The input is to be fixed; no grant helps.
    InputRefused,
}

impl Phrase {
    /// The phrase's stable name (`not-authorized`), as [`Key::Phrase`](super::Key::Phrase) values carry it.
    pub fn name(self) -> &'static str {
        match self {
            Phrase::NotAuthorized => "not-authorized",
            Phrase::Console => "console",
            Phrase::SessionPolicy => "session-policy",
            Phrase::BucketPolicy => "bucket-policy",
            Phrase::BucketAcl => "bucket-acl",
            Phrase::ExplicitDeny => "explicit-deny",
            Phrase::ControlPolicy => "control-policy",
            Phrase::CallerMayNotAssume => "caller-may-not-assume",
            Phrase::RootMayNotAssume => "root-may-not-assume",
            Phrase::TrustPolicy => "trust-policy",
            Phrase::ServiceRole => "service-role",
            Phrase::AccessKeyNotFound => "access-key-not-found",
            Phrase::AccessKeyDisabled => "access-key-disabled",
            Phrase::LoginRefused => "login-refused",
            Phrase::TokenMissing => "token-missing",
            Phrase::SignatureMismatch => "signature-mismatch",
            Phrase::ClockSkew => "clock-skew",
            Phrase::RequestExpired => "request-expired",
            Phrase::TokenExpired => "token-expired",
            Phrase::NotActivated => "not-activated",
            Phrase::ServiceNotActivated => "service-not-activated",
            Phrase::Network => "network",
            Phrase::Throttling => "throttling",
            Phrase::CredentialsMissing => "credentials-missing",
            Phrase::TokenInvalid => "token-invalid",
            Phrase::RoleNotExist => "role-not-exist",
            Phrase::StsRoleNotExist => "sts-role-not-exist",
            Phrase::WrongEndpoint => "wrong-endpoint",
            Phrase::Overdue => "overdue",
            Phrase::OutOfStock => "out-of-stock",
            Phrase::MissingParameter => "missing-parameter",
            Phrase::Quota => "quota",
            Phrase::ResourceState => "resource-state",
            Phrase::OtherSystemDenied => "other-system-denied",
            Phrase::AccessDeniedWords => "access-denied-words",
            Phrase::PolicyDenied => "policy-denied",
            Phrase::NotExist => "not-exist",
            Phrase::AccountDisabled => "account-disabled",
            Phrase::LogServiceInactive => "log-service-inactive",
            Phrase::ServiceRoleNotExist => "service-role-not-exist",
            Phrase::ContentModeration => "content-moderation",
            Phrase::RealNameVerification => "real-name-verification",
            Phrase::CorsRefused => "cors-refused",
            Phrase::RefererRefused => "referer-refused",
            Phrase::FederationRefused => "federation-refused",
            Phrase::MediaUrlRefused => "media-url-refused",
            Phrase::MetadataServiceRefused => "metadata-service-refused",
            Phrase::KeyInUriRefused => "key-in-uri-refused",
            Phrase::SignatureWords => "signature-words",
            Phrase::ClockWords => "clock-words",
            Phrase::ApiKeyWords => "api-key-words",
            Phrase::GenericLacksPermission => "generic-lacks-permission",
            Phrase::GenericTokenExpired => "generic-token-expired",
            Phrase::GenericRoleRequired => "generic-role-required",
            Phrase::GenericCredentialsMissing => "generic-credentials-missing",
            Phrase::InputRefused => "input-refused",
        }
    }

    /// The phrase of a stable name; `None` for an unknown name.
    pub fn from_name(name: &str) -> Option<Phrase> {
        ALL.iter().copied().find(|p| p.name() == name)
    }

    /// Whether the sentence alone is an error (a finding even without a code). Words like "not enabled" or
    /// "timeout" only qualify an error found otherwise; a network failure counts when an Alibaba Cloud host is near.
    pub fn anchors(self) -> bool {
        !matches!(
            self,
            Phrase::NotActivated | Phrase::Network | Phrase::ControlPolicy | Phrase::ServiceRole | Phrase::RoleNotExist
        )
    }

    /// Whether the sentence makes a finding only as a fallback: when the text holds no stronger error (a code, a
    /// documented sentence), since the same words stand in many texts that are not Alibaba Cloud's errors.
    pub fn weak(self) -> bool {
        matches!(
            self,
            Phrase::AccessDeniedWords
                | Phrase::PolicyDenied
                | Phrase::NotExist
                | Phrase::AccountDisabled
                | Phrase::Quota
                | Phrase::ResourceState
                | Phrase::GenericLacksPermission
                | Phrase::GenericTokenExpired
                | Phrase::GenericRoleRequired
                | Phrase::GenericCredentialsMissing
                | Phrase::RealNameVerification
                | Phrase::SignatureWords
                | Phrase::ClockWords
                | Phrase::ApiKeyWords
        )
    }

    /// Whether the phrase comes from the sentence-level fallback ([`super::generic`]): a finding resting on it
    /// has low confidence.
    pub fn generic(self) -> bool {
        matches!(
            self,
            Phrase::GenericLacksPermission
                | Phrase::GenericTokenExpired
                | Phrase::GenericRoleRequired
                | Phrase::GenericCredentialsMissing
        )
    }
}

const ALL: &[Phrase] = &[
    Phrase::NotAuthorized,
    Phrase::Console,
    Phrase::SessionPolicy,
    Phrase::BucketPolicy,
    Phrase::BucketAcl,
    Phrase::ExplicitDeny,
    Phrase::ControlPolicy,
    Phrase::CallerMayNotAssume,
    Phrase::RootMayNotAssume,
    Phrase::TrustPolicy,
    Phrase::ServiceRole,
    Phrase::AccessKeyNotFound,
    Phrase::AccessKeyDisabled,
    Phrase::LoginRefused,
    Phrase::TokenMissing,
    Phrase::SignatureMismatch,
    Phrase::ClockSkew,
    Phrase::RequestExpired,
    Phrase::TokenExpired,
    Phrase::NotActivated,
    Phrase::ServiceNotActivated,
    Phrase::Network,
    Phrase::Throttling,
    Phrase::CredentialsMissing,
    Phrase::TokenInvalid,
    Phrase::RoleNotExist,
    Phrase::StsRoleNotExist,
    Phrase::WrongEndpoint,
    Phrase::Overdue,
    Phrase::OutOfStock,
    Phrase::MissingParameter,
    Phrase::Quota,
    Phrase::ResourceState,
    Phrase::OtherSystemDenied,
    Phrase::AccessDeniedWords,
    Phrase::PolicyDenied,
    Phrase::NotExist,
    Phrase::AccountDisabled,
    Phrase::LogServiceInactive,
    Phrase::ServiceRoleNotExist,
    Phrase::ContentModeration,
    Phrase::RealNameVerification,
    Phrase::CorsRefused,
    Phrase::RefererRefused,
    Phrase::FederationRefused,
    Phrase::MediaUrlRefused,
    Phrase::MetadataServiceRefused,
    Phrase::KeyInUriRefused,
    Phrase::SignatureWords,
    Phrase::ClockWords,
    Phrase::ApiKeyWords,
    Phrase::GenericLacksPermission,
    Phrase::GenericTokenExpired,
    Phrase::GenericRoleRequired,
    Phrase::GenericCredentialsMissing,
    Phrase::InputRefused,
];

/// How much a sentence says alone about whose error it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// Wording only Alibaba Cloud's services and SDKs print (`Specified signature is not matched with our
    /// calculation`): the sentence alone is theirs.
    Own,
    /// Words other systems print too (`signature failed`, 签名错误, `invalid API key`): they count only where the
    /// paste carries an Alibaba Cloud mark ([`alibaba_near`]); without one they are some other system's.
    NeedsMark,
}

/// A known sentence: what it says, the error code its documentation gives it (where one does), how much it says
/// alone, and the tool or product that prints it (where only one does).
#[derive(Debug, Clone, Copy)]
struct Sentence {
    needle: &'static str,
    phrase: Phrase,
    code: Option<&'static str>,
    strength: Strength,
    printer: Option<Printer>,
}

/// The one tool, client or product that prints a sentence, read from its source or documentation, and the product
/// its sentence is about (rule `tool-sentence` of [`crate::diagnose`]'s product choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printer {
    /// The tool, client or product, as its users call it (`lego (alidns)`).
    pub tool: &'static str,
    /// The RAM code of the product the sentence is about.
    pub ram_code: &'static str,
}

/// A sentence only Alibaba Cloud prints, with no code of its own.
const fn says(needle: &'static str, phrase: Phrase) -> Sentence {
    Sentence { needle, phrase, code: None, strength: Strength::Own, printer: None }
}

impl Sentence {
    /// The code the documentation gives the sentence: a message-only paste's finding implies it.
    const fn implies(self, code: &'static str) -> Sentence {
        Sentence { code: Some(code), ..self }
    }

    /// Words other systems print too: they count only beside an Alibaba Cloud mark.
    const fn needs_mark(self) -> Sentence {
        Sentence { strength: Strength::NeedsMark, ..self }
    }

    /// Only `tool` prints the sentence, and it is about the product `ram_code`.
    const fn printed_by(self, tool: &'static str, ram_code: &'static str) -> Sentence {
        Sentence { printer: Some(Printer { tool, ram_code }), ..self }
    }
}

/// Sentences, matched without ASCII case. Longer ones win where they overlap.
const SENTENCES: &[Sentence] = &[
    says("user not authorized to operate on the specified resource", Phrase::NotAuthorized).implies("Forbidden.RAM"),
    says("you are not authorized to do this action", Phrase::NotAuthorized),
    says("this api doesn't support ram", Phrase::NotAuthorized).implies("Forbidden.RAM"),
    says("you are not authorized to operate", Phrase::NotAuthorized),
    says("not authorized to perform", Phrase::NotAuthorized),
    says("you are not allowed to perform this action", Phrase::NotAuthorized),
    says("you have no right to access", Phrase::NotAuthorized),
    says("you do not have permission", Phrase::NotAuthorized),
    says("you don't have permission", Phrase::NotAuthorized),
    says("do not have the permission", Phrase::NotAuthorized),
    says("does not have permission", Phrase::NotAuthorized),
    says("has no permission", Phrase::NotAuthorized),
    says("has no right to access", Phrase::NotAuthorized),
    says("not authorized to do", Phrase::NotAuthorized),
    says("have no privilege", Phrase::NotAuthorized),
    says("not been authorized for the api", Phrase::NotAuthorized),
    says("denied by sts or ram", Phrase::NotAuthorized),
    says("does not have management permissions", Phrase::NotAuthorized),
    says("no permission to access", Phrase::NotAuthorized),
    // MaxCompute/KMS Java clients: `This operation for acs:kms:…:key/… is forbidden by permission system.`
    says("is forbidden by permission system", Phrase::NotAuthorized),
    // ApsaraMQ for RocketMQ (ONS): the broker's permission validator refused the AccessKey on the topic or group.
    says("valid permission failed", Phrase::NotAuthorized),
    says("risk of leakage of this accesskey", Phrase::AccessKeyDisabled),
    says("security token you provided has expired", Phrase::TokenExpired).implies("SecurityTokenExpired"),
    says("is inactive to this service", Phrase::ServiceNotActivated),
    says("invalid access_key_id", Phrase::CredentialsMissing),
    says("\"accesskeyid\" that is mandatory", Phrase::CredentialsMissing),
    // The POP gateway's `MissingParameter` ("The input parameter \"SecurityToken\" that is mandatory for processing
    // this request is not supplied."): a request signed with an STS key that left its token behind.
    says("\"securitytoken\" that is mandatory", Phrase::TokenMissing),
    says("establish security credentials", Phrase::CredentialsMissing),
    says("request throttling", Phrase::Throttling),
    says("流控", Phrase::Throttling),
    says("not belong to you", Phrase::NotAuthorized),
    says("forbidden by kms", Phrase::NotAuthorized).implies("AccessDenied"),
    says("security token you provided is invalid", Phrase::TokenInvalid).implies("InvalidSecurityToken"),
    says("security token you provided does not match", Phrase::TokenInvalid)
        .implies("AccessKeyIdAndSecurityTokenNotMatch"),
    says("does not exist in our records", Phrase::AccessKeyNotFound),
    // Docker's daemon wording (`unauthorized: incorrect username or password`), not any login form's.
    says("unauthorized: incorrect username or password", Phrase::LoginRefused),
    says("unauthorized: authentication required", Phrase::LoginRefused),
    says("daemon: unauthorized", Phrase::LoginRefused),
    // `docker login`'s own wording: "login attempt to http://host/v2/ failed with status: 401 Unauthorized".
    says("login attempt to", Phrase::LoginRefused),
    // OSS: the `Authorization` header is not in a form it reads (a V4 signature sent to an endpoint that takes V1).
    says("authorization header is invalid", Phrase::SignatureMismatch),
    // OSS (EC 0002-00000226): a V4 signature scoped to a region other than the bucket's.
    says("invalid signing region", Phrase::SignatureMismatch).implies("InvalidArgument"),
    // OSS: a request that carried no signature OSS recognised reached a private resource.
    says("anonymous access is forbidden", Phrase::SignatureMismatch).implies("AccessDenied"),
    says("insufficient permissions", Phrase::Console),
    says("contact the cloud account administrator", Phrase::Console),
    says("权限不足", Phrase::Console),
    says("无权限", Phrase::Console),
    says("没有权限", Phrase::Console),
    says("暂无权限", Phrase::Console),
    says("无访问权限", Phrase::Console),
    says("无操作权限", Phrase::Console),
    says("当前用户没有", Phrase::Console),
    says("请联系主账号", Phrase::Console),
    says("未授权", Phrase::Console),
    says("policy forbidden for action", Phrase::SessionPolicy),
    says("access denied by authorizer's policy", Phrase::SessionPolicy).implies("AccessDenied"),
    // Typed or rendered with a typographic apostrophe.
    says("access denied by authorizer’s policy", Phrase::SessionPolicy).implies("AccessDenied"),
    says("this api doesn’t support ram", Phrase::NotAuthorized),
    says("you don’t have permission", Phrase::NotAuthorized),
    says("access denied by bucket policy", Phrase::BucketPolicy).implies("AccessDenied"),
    says("because of bucket acl", Phrase::BucketAcl).implies("AccessDenied"),
    says("explicitly denied", Phrase::ExplicitDeny),
    says("explicit deny", Phrase::ExplicitDeny),
    says("check control policies", Phrase::ControlPolicy),
    says("you should be authorized by ram", Phrase::CallerMayNotAssume).implies("NoPermission"),
    says("roles may not be assumed by root accounts", Phrase::RootMayNotAssume).implies("NoPermission"),
    says("no permission perform sts:assumerole", Phrase::TrustPolicy).implies("NoPermission"),
    says("createservicelinkedrole", Phrase::ServiceRole),
    says("service linked role", Phrase::ServiceRole),
    says("service-linked role", Phrase::ServiceRole),
    says("ramrole authorization", Phrase::ServiceRole),
    says("service role", Phrase::ServiceRole),
    says("/role/authorize", Phrase::ServiceRole),
    says("specified access key is not found", Phrase::AccessKeyNotFound).implies("InvalidAccessKeyId.NotFound"),
    says("access key id you provided does not exist", Phrase::AccessKeyNotFound).implies("InvalidAccessKeyId"),
    says("accesskeyid is not found", Phrase::AccessKeyNotFound),
    says("specified access key is disabled", Phrase::AccessKeyDisabled).implies("InvalidAccessKeyId.Inactive"),
    says("access key is disabled", Phrase::AccessKeyDisabled),
    says("accesskey is disabled", Phrase::AccessKeyDisabled),
    says("accesskeyid is disabled", Phrase::AccessKeyDisabled),
    says("access key id you provided is disabled", Phrase::AccessKeyDisabled).implies("InvalidAccessKeyId"),
    says("accesskey has been disabled", Phrase::AccessKeyDisabled),
    says("security token may be lost", Phrase::TokenMissing).implies("InvalidAccessKeyId"),
    says("specified signature is not matched", Phrase::SignatureMismatch).implies("SignatureDoesNotMatch"),
    says("signature we calculated does not match", Phrase::SignatureMismatch).implies("SignatureDoesNotMatch"),
    says("specified time stamp or date header is expired", Phrase::ClockSkew).implies("InvalidTimeStamp.Expired"),
    says("difference between the request time and the current time is too large", Phrase::ClockSkew)
        .implies("RequestTimeTooSkewed"),
    says("request has expired", Phrase::RequestExpired).implies("AccessDenied"),
    says("securitytoken.expired", Phrase::TokenExpired),
    says("security token has expired", Phrase::TokenExpired),
    says("security token is expired", Phrase::TokenExpired),
    says("securitytoken is expired", Phrase::TokenExpired).implies("InvalidSecurityToken.Expired"),
    // Any web app's login token says so too: Alibaba Cloud's only beside its mark.
    says("token has expired", Phrase::TokenExpired).needs_mark(),
    says("sts token is expired", Phrase::TokenExpired),
    says("not enabled", Phrase::NotActivated),
    says("not activated", Phrase::NotActivated),
    says("has not been activated", Phrase::ServiceNotActivated),
    says("service is not activated", Phrase::ServiceNotActivated),
    says("not opened", Phrase::NotActivated),
    says("not been opened", Phrase::NotActivated),
    says("is inactive", Phrase::NotActivated),
    says("not purchased", Phrase::NotActivated),
    says("not subscribed", Phrase::NotActivated),
    says("service is not open", Phrase::ServiceNotActivated),
    says("未开通", Phrase::ServiceNotActivated),
    says("没有开通", Phrase::ServiceNotActivated),
    says("尚未开通", Phrase::ServiceNotActivated),
    says("readtimeout", Phrase::Network),
    says("connecttimeout", Phrase::Network),
    says("timed out", Phrase::Network),
    says("i/o timeout", Phrase::Network),
    says("no such host", Phrase::Network),
    says("connection refused", Phrase::Network),
    says("connection reset", Phrase::Network),
    says("econnreset", Phrase::Network),
    says("econnrefused", Phrase::Network),
    says("etimedout", Phrase::Network),
    says("enotfound", Phrase::Network),
    says("flow control", Phrase::Throttling),
    // libcurl's transport failures (its error-code list, `CURLE_*`, and `curl_easy_strerror`'s words, as ossfs, the
    // OSS C SDK and PHP print them): the request got no answer. Network words count only beside a host.
    says("curle_couldnt_resolve_proxy", Phrase::Network),
    says("curle_couldnt_resolve_host", Phrase::Network),
    says("curle_couldnt_connect", Phrase::Network),
    says("curle_operation_timedout", Phrase::Network),
    says("curle_ssl_connect_error", Phrase::Network),
    says("curle_got_nothing", Phrase::Network),
    says("curle_send_error", Phrase::Network),
    says("curle_recv_error", Phrase::Network),
    says("couldn't resolve host", Phrase::Network),
    says("could not resolve host", Phrase::Network),
    says("couldn't connect to server", Phrase::Network),
    says("failed to connect to", Phrase::Network),
    says("failure when receiving data from the peer", Phrase::Network),
    says("failed sending data to the peer", Phrase::Network),
    says("server returned nothing (no headers, no data)", Phrase::Network),
    // Go's HTTP client fails a call only when no answer came (net/http: "a non-2xx status code doesn't cause an
    // error"): its `*url.Error` prints the method, capitalised, and the quoted URL (`Post "https://sts…": EOF`),
    // read only in that case ([`go_url_error`]).
    says("get \"http", Phrase::Network),
    says("post \"http", Phrase::Network),
    says("put \"http", Phrase::Network),
    says("delete \"http", Phrase::Network),
    says("head \"http", Phrase::Network),
    says("patch \"http", Phrase::Network),
    // A service's linked role the caller may not create (NAS's `SubAccount.No…SLRPermission`, CEN's and SLB's
    // `NoPermission.AliyunServiceRoleFor…`, Cloud Config's): the role is missing, and this sentence says so alone.
    says("not authorized to create the service linked role", Phrase::ServiceRoleNotExist),
    says("not have the permission to create service linked role", Phrase::ServiceRoleNotExist),
    says("no permission to create service linked role", Phrase::ServiceRoleNotExist),
    // A service's default role that the account has not authorized yet (DTS, DMS, Data Integration consoles):
    // `You have not authorized the DTS default role "AliyunDTSDefaultRole"`.
    says("default role", Phrase::ServiceRole),
    // The SDKs' credential providers (Go credentials, Java/Python/Node Tea, the aliyun CLI): nothing to sign with.
    says("no credential found", Phrase::CredentialsMissing),
    says("unable to load credentials", Phrase::CredentialsMissing),
    says("unable to get credentials", Phrase::CredentialsMissing),
    says("could not find credentials", Phrase::CredentialsMissing),
    says("can not find credentials", Phrase::CredentialsMissing),
    says("cannot find credentials", Phrase::CredentialsMissing),
    says("failed to get credentials", Phrase::CredentialsMissing),
    says("accesskeyid is mandatory", Phrase::CredentialsMissing).implies("MissingAccessKeyId"),
    // The credentials file the default provider chain reads could not be read or parsed.
    says("alibaba_cloud_credentials_file", Phrase::CredentialsMissing),
    says("error loading credentials", Phrase::CredentialsMissing),
    says("access key id is required", Phrase::CredentialsMissing),
    // The credentials libraries' own messages (Go, Python; their FAQs list them): a field, variable, file or
    // profile the provider needs is empty or unreadable, or the instance gave it no role's credentials.
    // Settings named empty, unset or not configured ("AccessKeyId cannot be empty", "RoleArn or environment variable
    // ALIBABA_CLOUD_ROLE_ARN cannot be empty") are one class: [`CREDENTIAL_SETTINGS`] × [`SETTING_VERDICTS`].
    // Profiles, credentials files and the instance's role, as the libraries and the aliyun CLI word them.
    says("unable to open credentials file", Phrase::CredentialsMissing),
    says("the default credential file path is invalid", Phrase::CredentialsMissing),
    says("missing required type option", Phrase::CredentialsMissing),
    says("unable to get profile with", Phrase::CredentialsMissing),
    says("no any configured profiles", Phrase::CredentialsMissing),
    says("can not load the source profile", Phrase::CredentialsMissing),
    says("reading aliyun cli config from", Phrase::CredentialsMissing),
    says("is not configure yet", Phrase::CredentialsMissing),
    says("the role name was not found in the instance", Phrase::CredentialsMissing),
    says("failed to connect ecs metadata service", Phrase::CredentialsMissing),
    says("get role name failed", Phrase::CredentialsMissing),
    says("unable to retrieve role name", Phrase::CredentialsMissing),
    says("getting security credentials for", Phrase::CredentialsMissing),
    says("get sts token failed, httpstatus", Phrase::CredentialsMissing),
    // The old core SDKs: Python's `SDK.InvalidCredential`, Go's `SDK.UnsupportedCredential`.
    says("need a ak&secret pair", Phrase::CredentialsMissing),
    says("specified credential (type =", Phrase::CredentialsMissing),
    // The OSS mobile SDKs' federation (STS) credential provider got no token from the app's token server.
    says("can't get a federation token", Phrase::CredentialsMissing),
    says("can’t get a federation token", Phrase::CredentialsMissing),
    // MaxCompute's Java SDK signer (and DataWorks' grant that calls it) with no AccessKey configured.
    says("accessid should not be empty", Phrase::CredentialsMissing),
    // The aliyun CLI's CloudSSO sign-in, whose access token lasts a few hours.
    says("cloudsso access token is expired", Phrase::TokenExpired),
    says("cloudsso访问令牌已过期", Phrase::TokenExpired),
    says("failed to parse credential form cli credentials file", Phrase::CredentialsMissing),
    says("unsupported profile mode", Phrase::CredentialsMissing),
    says("failed to get ram session credentials from ecs metadata service", Phrase::CredentialsMissing),
    says("refresh ecs sts token err", Phrase::CredentialsMissing),
    says("imds credentials is disabled", Phrase::CredentialsMissing),
    // STS's answer with the ARN after it; without one, the words alone ([`refine`]).
    says("role not exists", Phrase::StsRoleNotExist).implies("EntityNotExist.Role"),
    says("role does not exist", Phrase::RoleNotExist),
    says("role is not exist", Phrase::RoleNotExist),
    says("must be addressed using the specified endpoint", Phrase::WrongEndpoint),
    says("please use virtual hosted style to access", Phrase::WrongEndpoint),
    says("send all future requests to this endpoint", Phrase::WrongEndpoint),
    // OSS documents this refusal of a request at a bucket's root (a CDN back-to-origin, an S3 client at the region's
    // endpoint): the request is addressed wrongly, no grant fixes it.
    says("you are forbidden to list buckets", Phrase::WrongEndpoint),
    // Function Compute's `AccessDenied` (fcli, funcraft's `FCAccessDeniedError`): the account id in the endpoint
    // (`<accountId>.<region>.fc.aliyuncs.com`) is not the AccessKey's account. Only Function Compute says it.
    says("service or function doesn't belong to you", Phrase::WrongEndpoint).printed_by("Function Compute", "fc"),
    says("service or function does not belong to you", Phrase::WrongEndpoint).printed_by("Function Compute", "fc"),
    says("can not resolve endpoint", Phrase::WrongEndpoint),
    says("can not find endpoint", Phrase::WrongEndpoint),
    says("cannot resolve endpoint", Phrase::WrongEndpoint),
    says("user is indebted", Phrase::Overdue),
    says("overdue payment", Phrase::Overdue),
    says("account is overdue", Phrase::Overdue),
    says("has an overdue", Phrase::Overdue),
    says("insufficient balance", Phrase::Overdue),
    says("not enough balance", Phrase::Overdue),
    says("not have enough balance", Phrase::Overdue),
    says("balance is not enough", Phrase::Overdue),
    says("balance is insufficient", Phrase::Overdue),
    says("account balance", Phrase::Overdue),
    says("欠费", Phrase::Overdue),
    says("余额不足", Phrase::Overdue),
    says("out of stock", Phrase::OutOfStock),
    says("no stock", Phrase::OutOfStock),
    says("库存不足", Phrase::OutOfStock),
    // Other tools say so too (the AWS CLI's "You must specify a region"): only beside an Alibaba Cloud mark.
    says("you must specify", Phrase::MissingParameter).needs_mark(),
    says("quota exceeded", Phrase::Quota),
    says("exceeded the quota", Phrase::Quota),
    says("exceeds the quota", Phrase::Quota),
    says("quota is exceeded", Phrase::Quota),
    says("配额不足", Phrase::Quota),
    says("超出配额", Phrase::Quota),
    says("current status of the resource does not support", Phrase::ResourceState),
    says("status does not support this operation", Phrase::ResourceState),
    // The database and ECS products' `OperationDenied.*` family ("The operation is not permitted due to status of
    // instance.", "… due to pay type of instance.", "… due to the deletion lock of cluster."): the resource's state,
    // type or billing refuses the call, whoever makes it.
    says("operation is not permitted due to", Phrase::ResourceState),
    // MaxCompute's `ODPS-0420095` for a project feature left off ("Access Denied - Volumes is not allowed in project
    // config."; its permission FAQ: activate OSS and apply for the volume feature): no grant turns a feature on.
    says("is not allowed in project config", Phrase::ServiceNotActivated),
    says("未购买", Phrase::ServiceNotActivated),
    says("没有购买", Phrase::ServiceNotActivated),
    says("请先购买", Phrase::ServiceNotActivated),
    says("未订阅", Phrase::ServiceNotActivated),
    says("has not been purchased", Phrase::ServiceNotActivated),
    says("have not purchased", Phrase::ServiceNotActivated),
    says("has not purchased", Phrase::ServiceNotActivated),
    says("be purchased first", Phrase::ServiceNotActivated),
    says("尚未购买", Phrase::ServiceNotActivated),
    says("请先开通", Phrase::ServiceNotActivated),
    says("you have not activated", Phrase::ServiceNotActivated),
    says("has not activated", Phrase::ServiceNotActivated),
    says("not activated yet", Phrase::ServiceNotActivated),
    // CDN, Live and DCDN: `Your account does not open CDN service yet.` (`…ServiceNotFound`).
    says("account does not open", Phrase::ServiceNotActivated),
    says("has not opened the service", Phrase::ServiceNotActivated),
    says("have not opened the service", Phrase::ServiceNotActivated),
    // Products' "not enabled" sentences that say on their own the account has not turned the service on.
    says("is not enabled for your account", Phrase::ServiceNotActivated),
    says("have not enabled the service", Phrase::ServiceNotActivated),
    says("has not enabled the service", Phrase::ServiceNotActivated),
    says("service is not enabled", Phrase::ServiceNotActivated),
    says("service has not been enabled", Phrase::ServiceNotActivated),
    says("服务未激活", Phrase::ServiceNotActivated),
    // UBSMS, the check of which services an account has turned on: OSS's `UbsmsInvalidBid` ("Your account partner
    // does not have KMS Service"), RocketMQ's "check from ubsms failed. enable=false".
    says("ubsms", Phrase::ServiceNotActivated),
    // OSS's `UbsmsInvalidBid` message ("Your account partner does not have KMS Service"), pasted without its code.
    says("account partner does not have", Phrase::ServiceNotActivated).implies("UbsmsInvalidBid"),
    // Model Studio's `InvalidApiKey` ("Invalid API-key provided."): its API key is unknown.
    says("invalid api-key provided", Phrase::AccessKeyNotFound)
        .implies("InvalidApiKey")
        .printed_by("Model Studio", "sfm"),
    // Tablestore's `OTSAuthFailed` with "Signature mismatch."
    says("signature mismatch", Phrase::SignatureMismatch),
    // MaxCompute's project ACL: "Authorization Failed [4002], You don't exist in project …".
    says("you don't exist in project", Phrase::NotAuthorized),
    // OpenSearch's "User is not in open" (error 5005): the account has not activated the service.
    says("user is not in open", Phrase::ServiceNotActivated),
    // The POP gateway's `IncompleteSignature` message.
    says("does not conform to aliyun standards", Phrase::SignatureMismatch).implies("IncompleteSignature"),
    // Auto Scaling's `UserNotAuthorizeEss`: "Ess should be authorized in ram to operate user ecs resource" — the
    // service's own role is not authorized yet.
    says("should be authorized in ram", Phrase::ServiceRole),
    // A service's own role that does not exist or is not authorized yet, in Chinese.
    says("云资源访问授权", Phrase::ServiceRoleNotExist),
    // The console's link to that page ("Cloud Resource Access Authorization"), which creates the roles it names.
    says("ram.console.aliyun.com/role/authorize", Phrase::ServiceRoleNotExist),
    says("默认角色", Phrase::ServiceRole),
    says("服务关联角色", Phrase::ServiceRole),
    says("服务关联角色不存在", Phrase::ServiceRoleNotExist),
    says("服务角色不存在", Phrase::ServiceRoleNotExist),
    says("角色不存在", Phrase::RoleNotExist),
    // Model Studio (DashScope) `DataInspectionFailed`, and content-moderation refusals in Chinese.
    says("may contain inappropriate content", Phrase::ContentModeration),
    says("datainspectionfailed", Phrase::ContentModeration),
    says("不适当的内容", Phrase::ContentModeration),
    says("不适当内容", Phrase::ContentModeration),
    // Real-name verification the account has not passed (`Forbidden.NoRealNameAuthentication`,
    // `Forbidden.UserNotRealNameAuthentication`, `EnterpriseRealNameVerificationError`).
    says("real-name verification", Phrase::RealNameVerification),
    says("real name verification", Phrase::RealNameVerification),
    says("real name authentication", Phrase::RealNameVerification),
    says("realname authentication", Phrase::RealNameVerification),
    says("未实名认证", Phrase::RealNameVerification),
    says("实名认证", Phrase::RealNameVerification),
    // OSS's CORS refusal (`AccessForbidden`: "CORSResponse: This CORS request is not allowed").
    says("cors request is not allowed", Phrase::CorsRefused),
    // OSS's hotlink protection (ECs 0003-00000501..503), in English and Chinese.
    says("denied by bucket referer policy", Phrase::RefererRefused).implies("AccessDenied"),
    says("denied by hotlink protection", Phrase::RefererRefused),
    says("防盗链", Phrase::RefererRefused),
    // STS's AssumeRoleWithOIDC refusals (its error-code table): the provider is not registered, the token is bad.
    says("no such oidc provider registered", Phrase::FederationRefused),
    says("authenticationfail.oidctoken", Phrase::FederationRefused),
    says("oidc token validate failed", Phrase::FederationRefused),
    // A service (Function Compute) may not assume the role it was given: the role's trust policy does not name it.
    says("no permission to assume the role", Phrase::TrustPolicy),
    says("corsresponse", Phrase::CorsRefused),
    // FFmpeg's HTTP reader (players, transcoders) refused a media URL.
    says("server returned 403 forbidden", Phrase::MediaUrlRefused),
    says("server returned 401 unauthorized", Phrase::MediaUrlRefused),
    // The credentials providers' IMDSv2 step (`Failed to get token from ECS Metadata Service. HttpCode=405`).
    says("failed to get token from ecs metadata service", Phrase::MetadataServiceRefused),
    // E-MapReduce's OSS connector (aliyun-emapreduce-datasources, since its 2017 change that stopped reading keys
    // from `oss://` URIs): set `fs.oss.accessKeyId` and `fs.oss.accessKeySecret` in the job's configuration instead.
    says("disallow set ak information in oss uri", Phrase::KeyInUriRefused)
        .printed_by("E-MapReduce OSS connector", "oss"),
    // Model Studio's `Arrearage`: "Access denied, please make sure your account is in good standing." Its error-code
    // page words it so (with the typo "plesase"); the bare tail is other services' prose too, and names no product.
    says("access denied, please make sure your account is in good standing", Phrase::Overdue)
        .implies("Arrearage")
        .printed_by("Model Studio", "sfm"),
    says("access denied, plesase make sure your account is in good standing", Phrase::Overdue)
        .implies("Arrearage")
        .printed_by("Model Studio", "sfm"),
    says("account is in good standing", Phrase::Overdue),
    // The DashScope SDKs before any call (Model Studio's error-code page): no API key was set.
    says("you can set by dashscope.api_key", Phrase::CredentialsMissing).printed_by("Model Studio", "sfm"),
    says("outstanding payment", Phrase::Overdue),
    says("欠费停机", Phrase::Overdue),
    // ECS and VPC: "The operation is forbidden because of financialLocked." (an account locked for payment).
    says("financiallocked", Phrase::Overdue),
    says("financial locked", Phrase::Overdue),
    // SMC's "Your Account Haven't Authorized For SMC RAM Role" and other services' "has not authorized … role":
    // the account has not authorized the service's own role (kept only with a role after it on the line).
    says("haven't authorized", Phrase::ServiceRoleNotExist),
    says("have not authorized", Phrase::ServiceRoleNotExist),
    says("hasn't authorized", Phrase::ServiceRoleNotExist),
    says("has not authorized", Phrase::ServiceRoleNotExist),
    // A service's own role named as what the operation needs or lacks (ECS's `AssumeRoleError`: "Requires a RAM role
    // of Aliyun…DefaultRole before …"; Cloud Backup's `CrossAccountBackupSlrNotExist`: "AliyunServiceRoleFor… doesn't
    // exist, please create this role."): kept only with a service role's name on the line (after, before).
    says("requires a ram role", Phrase::ServiceRoleNotExist),
    says("please create this role", Phrase::ServiceRoleNotExist),
    // ECS's `NoSetRoletoECSServiceAcount` and `OSS_AUTHORIZED_FAILED` (image import and export): "ECS service account
    // Have no right to access your OSS. please attach a role of access your oss to ECS service account." — the
    // service's own principal needs its role; kept only with "ECS service account" on the line.
    says("please attach a role", Phrase::ServiceRoleNotExist),
    // ECS's `InvalidOperation.CloudBoxImageImportRoleRequired`: "The role for cloud box image import is not set to
    // the ECS service." — kept only in that shape: "the role for …" before it on the line, and a product's name in
    // capitals then "service" right after it (a setting "not set to the value the credentials service expects" is not).
    says("is not set to the", Phrase::ServiceRoleNotExist),
    // VPC, ALB, NLB and their kin (their error-code tables): "Authentication is failed for <resource>", RAM's check.
    says("authentication is failed for", Phrase::NotAuthorized),
    says("not have sufficient access", Phrase::NotAuthorized),
    says("donot have sufficient access", Phrase::NotAuthorized),
    says("unauthorized to operate", Phrase::NotAuthorized),
    says("unauthorized to perform", Phrase::NotAuthorized),
    says("unauthorized to access", Phrase::NotAuthorized),
    // VPC's `OptInRequired.*`: "Ensure that you have subscribed to the service you are trying to use."
    says("have subscribed to the service", Phrase::ServiceNotActivated),
    // A service or product named beside "not open" (`The user has not open transit router service.`); alone the
    // words say nothing (`could not open file`), see [`about_a_service`].
    says("not open", Phrase::NotActivated),
    // The POP gateway's `IncompleteSignature`, `SignatureDoesNotMatch` and `SignatureNonceUsed` messages.
    says("request signature is invalid", Phrase::SignatureMismatch).implies("IncompleteSignature"),
    says("specified signature is invalid", Phrase::SignatureMismatch).implies("SignatureDoesNotMatch"),
    says("signature nonce was used", Phrase::SignatureMismatch).implies("SignatureNonceUsed"),
    // MNS's `RamAuthError` (its common error-code table): "action rejected by RAM."
    says("rejected by ram", Phrase::NotAuthorized),
    // The POP gateway's `InvalidTimeStamp.Expired` message (the OSS one says "date header").
    says("specified time stamp or date value is expired", Phrase::ClockSkew).implies("InvalidTimeStamp.Expired"),
    // OSS: a signed URL missing its query-string signature's parameters.
    says("query-string authentication requires", Phrase::SignatureMismatch).implies("AccessDenied"),
    // The same message naming OSS's own parameter (`OSSAccessKeyId`; S3's names `AWSAccessKeyId`), hyphenated or not
    // as OSS's documentation writes it: OSS's alone.
    says("query-string authentication requires the signature, expires and ossaccesskeyid", Phrase::SignatureMismatch)
        .implies("AccessDenied")
        .printed_by("OSS", "oss"),
    says("query string authentication requires the signature, expires and ossaccesskeyid", Phrase::SignatureMismatch)
        .implies("AccessDenied")
        .printed_by("OSS", "oss"),
    // OSS's S3-compatible API ("Use Amazon S3 SDKs to access OSS") answers `NotImplemented: Aws MultiChunkedEncoding
    // … is not supported` to an S3 SDK's `aws-chunked` upload, SigV4's streaming (chunked) signature or checksum
    // trailer: the client's signing mode is to change, no grant helps.
    says("aws multichunkedencoding", Phrase::SignatureMismatch).printed_by("OSS", "oss"),
    // OSS's EC 0002-00000007 (its EC table): the STS credentials sent with the request expired.
    says("temporary access credentials included in the request expire", Phrase::TokenExpired)
        .implies("SecurityTokenExpired"),
    // OSS's messages users paste without their code (its 403 table, its error center's authentication family): a
    // signed request with no valid `Date` (EC 0002-00000503), a PostObject form whose policy's `expiration` passed,
    // a bucket of another account (`BucketNotBelongTo`).
    says("oss authentication requires a valid date", Phrase::ClockSkew).implies("AccessDenied"),
    says("invalid according to policy: policy expired", Phrase::RequestExpired).implies("AccessDenied"),
    says("the bucket you access does not belong to you", Phrase::NotAuthorized).implies("BucketNotBelongTo"),
    // OSS's error-center pages describe their ECs in these words (pasted with or without the EC): the security token
    // sent does not match the STS key (0002-00000006, 0002-00000008: `InvalidSecurityToken`), a signed URL past its
    // expiry (0002-00000069 in Chinese, 0002-00000418 for an S3-compatible V4 URL, 0002-00000805 for a LiveChannel
    // one: the pages name no code).
    says("security token included in the request is invalid", Phrase::TokenInvalid).implies("InvalidSecurityToken"),
    says("security token in the request is invalid", Phrase::TokenInvalid).implies("InvalidSecurityToken"),
    says("url签名已过期", Phrase::RequestExpired).printed_by("OSS", "oss"),
    says("signature in the request url has expired", Phrase::RequestExpired).printed_by("OSS", "oss"),
    says("signature in the livechannel request expires", Phrase::RequestExpired).printed_by("OSS", "oss"),
    says("signature in the livechannel request has expired", Phrase::RequestExpired).printed_by("OSS", "oss"),
    // OSS's EC table in Chinese: the STS security token sent is not valid.
    says("无效的sts安全令牌", Phrase::TokenInvalid),
    says("安全令牌无效", Phrase::TokenInvalid),
    // The POP gateway's message for an AccessKey id that is malformed (a stray newline or encoding in it).
    says("parameter accesskeyid is not valid", Phrase::AccessKeyNotFound),
    // Model Studio's `AccessDenied.Unpurchased` (its error-code table): the account is not entitled to the model.
    says("access to model denied", Phrase::ServiceNotActivated),
    says("eligible for using the model", Phrase::ServiceNotActivated),
    // The console's and its web APIs' answer to a browser session that is not signed in.
    says("账号未登录", Phrase::CredentialsMissing),
    says("用户未登录", Phrase::CredentialsMissing),
    // The Terraform and Pulumi providers' credential configuration names no mode they know.
    says("invalid type option, support: access_key", Phrase::CredentialsMissing),
    // Log Service's `ProjectForbidden`: the project is disabled (usually for an overdue payment).
    says("has been forbidden", Phrase::ResourceState),
    // Rate and daily limits in other words (Model Studio's "Requests rate limit exceeded", "Daily Limit Exceeded").
    says("rate limit exceeded", Phrase::Throttling),
    says("limit exceeded", Phrase::Quota),
    says("exceeded the limit", Phrase::Quota),
    says("reached the upper limit", Phrase::Quota),
    // The STS FAQ's AssumeRole table: `MissingSecurityToken`, an STS key sent without its token.
    says("securitytoken is mandatory", Phrase::TokenMissing).implies("MissingSecurityToken"),
    // Signatures refused in words other systems print too (JWT libraries, payment APIs, Android's package manager
    // in Chinese): Alibaba Cloud's only beside its mark.
    says("signature failed", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("signature verification failed", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("signature does not match", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("signature not match", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("invalid signature", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("签名不匹配", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("签名错误", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("签名失败", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("签名验证失败", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    says("签名无效", Phrase::SignatureWords).needs_mark().implies("SignatureDoesNotMatch"),
    // A request's time refused in general words (message queues and web apps print them of their own timestamps).
    says("timestamp expired", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("timestamp is expired", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("timestamp has expired", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("时间戳过期", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("时间戳已过期", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("请求时间过期", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    says("请求已过期", Phrase::ClockWords).needs_mark().implies("InvalidTimeStamp.Expired"),
    // An API key refused in general words (every AI and payment API prints them; Model Studio's OpenAI-compatible
    // endpoint answers `Incorrect API key provided`): Model Studio's `InvalidApiKey` only beside Alibaba Cloud's mark.
    says("invalid api key", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("invalid api-key", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("invalid apikey", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("incorrect api key provided", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("api key is invalid", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("api-key is invalid", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("apikey is invalid", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("api key not valid", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("api key is not valid", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("api key无效", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    says("apikey无效", Phrase::ApiKeyWords).needs_mark().implies("InvalidApiKey"),
    // Tools' and clients' own fixed sentences, each read from its source, with the product it is about.
    // lego's DNS providers share `some credentials information are missing: <VARIABLES>` (platform/config/env);
    // its Alibaba Cloud DNS provider (providers/dns/alidns, Traefik and Caddy print it through lego) wraps it in
    // `alicloud: ` and names its `ALICLOUD_…` variables: the provider had no AccessKey.
    says("alicloud: some credentials information are missing", Phrase::CredentialsMissing)
        .printed_by("lego (alidns)", "alidns"),
    says("some credentials information are missing: alicloud_", Phrase::CredentialsMissing)
        .printed_by("lego (alidns)", "alidns"),
    // acme.sh's Alibaba Cloud DNS hook (dnsapi/dns_ali.sh) before any call: `Ali_Key`/`Ali_Secret` are not set.
    says("you don't specify aliyun api key and secret yet", Phrase::CredentialsMissing)
        .printed_by("acme.sh (dns_ali)", "alidns"),
    // docker-machine's Alibaba Cloud ECS driver (docker-machine-driver-aliyunecs) before any call: no AccessKey.
    says("aliyunecs driver requires the --aliyunecs-access-key", Phrase::CredentialsMissing)
        .printed_by("docker-machine (aliyunecs)", "ecs"),
    says("aliyunecs driver requires the --aliyunecs-secret-key", Phrase::CredentialsMissing)
        .printed_by("docker-machine (aliyunecs)", "ecs"),
    // lego's and the cert-manager AliDNS webhooks' zone lookup (DescribeDomains) found no zone of that name in the
    // account: `zone <zone> not found in AliDNS for domain <domain>`.
    says("not found in alidns", Phrase::InputRefused).printed_by("lego (alidns)", "alidns"),
    // Packer's alicloud-ecs builder (hashicorp/packer-plugin-alicloud step_check_source_image.go): DescribeImages
    // found no image by the `source_image` given.
    says("no alicloud image was found matching filters", Phrase::InputRefused)
        .printed_by("Packer (alicloud-ecs)", "ecs"),
    // Serverless Devs' FC component and funcraft check a role ARN's form before any call (`Invalid format of role
    // arn: <arn>, it should start with 'acs:ram::'`).
    says("invalid format of role arn", Phrase::InputRefused).printed_by("Serverless Devs (fc)", "fc"),
    // ROS refuses a template whose `RoleArn`-like value is no ARN of a role (`The role arn acs:fc:::… is not
    // correct`), read only with those words after the ARN ([`hit`]).
    says("the role arn acs:", Phrase::InputRefused),
    // The commercial RocketMQ (ONS) broker's authentication service (its `AuthenticationException` messages): it
    // could not find the account of the AccessKey sent; after `signature validate failed.`, the topic or group named
    // does not exist at that endpoint.
    says("get user info by accesskey", Phrase::AccessKeyNotFound)
        .printed_by("ApsaraMQ for RocketMQ (ONS) client", "mq"),
    says("the resource to be operated doesn't exist", Phrase::InputRefused)
        .printed_by("ApsaraMQ for RocketMQ (ONS) client", "mq"),
    // The ONS broker's remark to a request that carried no AccessKey (`OnsException: __accessKey is blank.`), and the
    // ONS client's own check before connecting (`ONSClientException: AccessKey is blank unexpectedly, please set it.`).
    says("__accesskey is blank", Phrase::CredentialsMissing).printed_by("ApsaraMQ for RocketMQ (ONS) client", "mq"),
    says("accesskey is blank unexpectedly", Phrase::CredentialsMissing)
        .printed_by("ApsaraMQ for RocketMQ (ONS) client", "mq"),
    says("secretkey is blank unexpectedly", Phrase::CredentialsMissing)
        .printed_by("ApsaraMQ for RocketMQ (ONS) client", "mq"),
    // The metadata client of denverdino/aliyungo (the FlexVolume and CSI plugins, cloud-provider-alibaba-cloud):
    // the ECS metadata service answered 404 for the instance's RAM role: no role is attached to the instance.
    says("aliyun metadata api error: status code: 404", Phrase::CredentialsMissing)
        .printed_by("ECS metadata client (aliyungo)", "ecs"),
    // Function Compute's CreateFunction (its API page; the FC SDKs print it as `ErrorCode: AccessDenied, ErrorMessage:
    // unable to access object '…' in bucket '…'`): the caller may not read the OSS code package it named. Kept only
    // in that shape, a bucket named after it on the line (a reader's timeout or reset says the same first words).
    says("unable to access object", Phrase::NotAuthorized).implies("AccessDenied"),
    // ECS's (and RDS's, ACK's) `OperationDenied.NoStock` message: no stock of the resource in the zone.
    says("the resource is out of usage", Phrase::OutOfStock),
    // Fallbacks (see [`Phrase::weak`]): refusals in plain words, English and Chinese.
    says("access denied", Phrase::AccessDeniedWords),
    says("access is denied", Phrase::AccessDeniedWords),
    says("permission denied", Phrase::AccessDeniedWords),
    says("forbidden", Phrase::AccessDeniedWords),
    says("not authorized", Phrase::AccessDeniedWords),
    says("not authorised", Phrase::AccessDeniedWords),
    says("permission is denied", Phrase::AccessDeniedWords),
    says("is unauthorized", Phrase::AccessDeniedWords),
    says("not permitted", Phrase::AccessDeniedWords),
    says("not allowed to access", Phrase::AccessDeniedWords),
    says("not allowed to perform", Phrase::AccessDeniedWords),
    says("have no access to", Phrase::AccessDeniedWords),
    says("no auth to", Phrase::AccessDeniedWords),
    says("apply for permission", Phrase::AccessDeniedWords),
    says("拒绝访问", Phrase::AccessDeniedWords),
    says("访问被拒绝", Phrase::AccessDeniedWords),
    says("拒绝", Phrase::AccessDeniedWords),
    // "denied by … policy": which one is decided in `scan` by the words that follow.
    says("denied by", Phrase::AccessDeniedWords),
    says("策略所拒绝", Phrase::PolicyDenied),
    says("策略拒绝", Phrase::PolicyDenied),
    says("显式拒绝", Phrase::PolicyDenied),
    says("does not exist", Phrase::NotExist),
    says("not exist", Phrase::NotExist),
    says("不存在", Phrase::NotExist),
    says("not created", Phrase::NotExist),
    says("额度", Phrase::Quota),
    says("recharge", Phrase::Overdue),
    says("充值", Phrase::Overdue),
    says("user is disabled", Phrase::AccountDisabled),
    says("user has been disabled", Phrase::AccountDisabled),
    says("account is disabled", Phrase::AccountDisabled),
    says("account has been disabled", Phrase::AccountDisabled),
    says("账号已被禁用", Phrase::AccountDisabled),
    says("账号被禁用", Phrase::AccountDisabled),
    says("账户已被禁用", Phrase::AccountDisabled),
    says("用户已被禁用", Phrase::AccountDisabled),
    says("用户被禁用", Phrase::AccountDisabled),
];

/// What the credentials libraries (Go, Java, Python, Node, .NET), the aliyun CLI and the old core SDKs read to
/// sign a request, each name with its words run together: it stands in a text however they are joined
/// (`AccessKeyId`, `access_key_id`, `Access key ID`, `ALIBABA_CLOUD_ACCESS_KEY_ID`, `oidc_token_file_path`).
const CREDENTIAL_SETTINGS: &[&str] = &[
    "accesskeyid",
    "accesskeysecret",
    "accesskey",
    "securitytoken",
    "ststoken",
    "bearertoken",
    "rolearn",
    "rolesessionname",
    "rolename",
    "oidcproviderarn",
    "oidctokenfile",
    "oidctokenfilepath",
    "privatekeyfile",
    "publickeyid",
    "credentialfile",
    "credentialsfile",
    "credentialsuri",
    "sourceprofile",
];

/// The settings among [`CREDENTIAL_SETTINGS`] that are a key or a token themselves, whose value can be refused.
const CREDENTIAL_VALUES: &[&str] = &["accesskeyid", "accesskeysecret", "accesskey", "securitytoken", "ststoken"];

/// A verdict the libraries print after a setting's name, and what it says of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Empty, unset or not configured: the library had nothing to sign with (`RoleArn cannot be empty`,
    /// `access_key_id is not configured for profile 'default'`, `roleArn does not exist and env … is null`).
    Missing,
    /// The key's or token's value is refused (`The temporary accessKey is invalid`, `AccessKey ID LTAI… is invalid`).
    Invalid,
    /// `Missing required access_key_id option in profile`: the setting's name follows.
    MissingBefore,
}

/// The verdicts, matched without ASCII case; each counts only beside a setting's name ([`verdict_holds`]).
const SETTING_VERDICTS: &[(&str, Verdict)] = &[
    ("cannot be empty", Verdict::Missing),
    ("can not be empty", Verdict::Missing),
    ("must not be empty", Verdict::Missing),
    ("is empty", Verdict::Missing),
    ("cannot be null", Verdict::Missing),
    ("can not be unset", Verdict::Missing),
    ("is not configured", Verdict::Missing),
    ("does not exist and env", Verdict::Missing),
    ("must be specified", Verdict::Missing),
    ("is invalid", Verdict::Invalid),
    ("is not valid", Verdict::Invalid),
    ("missing required", Verdict::MissingBefore),
];

/// A setting's name, its words run together and lower-cased, as the tail of `before` (what a verdict follows)
/// or the head of `after`: `ALIBABA_CLOUD_ROLE_ARN`, `'accessKeyId'`, `Access key ID` all end in one.
fn names_setting(words: &str, names: &[&str], tail: bool) -> bool {
    let joined: String = words.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    names.iter().any(|n| if tail { joined.ends_with(n) } else { joined.starts_with(n) })
}

/// Whether one of `names` stands anywhere in `words`, their words run together (`Access Key Id` holds `accesskey`).
fn names_setting_within(words: &str, names: &[&str]) -> bool {
    let joined: String = words.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    names.iter().any(|n| joined.contains(n))
}

/// Whether a verdict found at `start..end` speaks of a credential setting: its name ends the words just before
/// (on the same line), or, for a key's value refused, ends them but for the value itself (`AccessKeyId LTAI… is
/// invalid`); `missing required` takes the name after it.
fn verdict_holds(s: &str, verdict: Verdict, start: usize, end: usize) -> bool {
    let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
    let before = crate::text::slice(s, line_start.max(start.saturating_sub(48)), start).trim_end();
    match verdict {
        Verdict::Missing => names_setting(before, CREDENTIAL_SETTINGS, true),
        Verdict::Invalid => {
            let but_value = before.rsplit_once(' ').map_or("", |(head, _)| head);
            names_setting(before, CREDENTIAL_VALUES, true) || names_setting(but_value, CREDENTIAL_VALUES, true)
        }
        Verdict::MissingBefore => {
            let after = crate::text::slice(s, end, crate::text::line_end(s, end, 40));
            names_setting(after.split_whitespace().next().unwrap_or(""), CREDENTIAL_SETTINGS, false)
        }
    }
}

/// The phrase a verdict about the setting before `start` gives: a token refused is an invalid token, a key refused an unknown
/// key, and any setting missing is credentials missing.
fn verdict_phrase(s: &str, verdict: Verdict, start: usize) -> Phrase {
    match verdict {
        Verdict::Invalid => {
            let before = crate::text::slice(s, start.saturating_sub(48), start).to_ascii_lowercase();
            if before.contains("token") {
                Phrase::TokenInvalid
            } else {
                Phrase::AccessKeyNotFound
            }
        }
        Verdict::Missing | Verdict::MissingBefore => Phrase::CredentialsMissing,
    }
}

/// Whether the sentence around `start..end` names a service or product (`The Cdt service is not opened`,
/// `This product service is not opened`, 服务): "not enabled" and its kin then say the account has not turned it
/// on. A zone, region or device not enabled is the resource's matter.
fn about_a_service(s: &str, start: usize, end: usize) -> bool {
    let from = s[..start].rfind(['.', '\n', ';', '。']).map_or(0, |n| n + 1).max(start.saturating_sub(80));
    let to = s[end..].find(['.', '\n', ';', '。']).map_or(s.len(), |n| end + n).min(end + 80);
    let sentence = crate::text::slice(s, from, to).to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| sentence.contains(w));
    has(&["service", "product", "服务", "产品"]) && !has(&["zone", "region", "device", "versioning"])
}

/// Texts shorter than this are searched with automata quick to build: a pasted error's first diagnosis does not
/// pay for building those long texts, logs, are searched with (the headers' DFAs, the sentences' deeper NFA: see
/// [`automaton`]), built the first time one comes. Both find the same matches.
pub(super) const DFA_FROM_BYTES: usize = 64 * 1024;

/// One automaton for the sentences and for the ecosystem's marks ([`super::headers::MARKS`]), whose patterns
/// follow the sentences': for a text of `len` bytes under [`DFA_FROM_BYTES`] a contiguous NFA dense near its root
/// only, else one dense [`LONG_DENSE_DEPTH`] deep.
///
/// Not a DFA for long texts, as before: its build was 181 M instructions a run of the CLI on an error-dense log
/// (4.5 %; the sentences are many) and it scanned the log in 93 M; the deeper NFA scans it in 211 M, and this
/// reader's whole cost fell from 289 M to 251 M (`valgrind --tool=callgrind`, dense5.log; depth 6 the best of 3, 6,
/// 12 and 24).
fn automaton(len: usize) -> &'static AhoCorasick {
    static SHORT: OnceLock<AhoCorasick> = OnceLock::new();
    static LONG: OnceLock<AhoCorasick> = OnceLock::new();
    if len < DFA_FROM_BYTES {
        SHORT.get_or_init(|| build(SHORT_DENSE_DEPTH))
    } else {
        LONG.get_or_init(|| build(LONG_DENSE_DEPTH))
    }
}

/// How deep a short text's NFA keeps dense transitions: the crate's default, quickest to build.
const SHORT_DENSE_DEPTH: usize = 3;

/// How deep a long text's NFA keeps dense transitions: a log's bytes mostly stay near the root, where dense
/// transitions are looked up at once.
const LONG_DENSE_DEPTH: usize = 6;

fn build(dense_depth: usize) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .dense_depth(dense_depth)
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(needles())
        .expect("the sentences are valid needles")
}

/// Every sentence and mark this reader looks for (case-insensitively): the prefilter ([`super::scan`]) looks too.
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    SENTENCES
        .iter()
        .map(|row| row.needle)
        .chain(SETTING_VERDICTS.iter().map(|(n, _)| *n))
        .chain(MARKS.iter().map(|(n, _)| *n))
}

/// Appends a [`Key::Phrase`] field per known sentence, and the actions and resources the sentences carry.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    for m in automaton(s.len()).find_iter(s) {
        hit(s, m.pattern().as_usize(), m.start(), m.end(), out);
    }
}

/// Reads what needle number `pattern` of [`needles`] found at `start..end`.
pub(super) fn hit(s: &str, pattern: usize, start: usize, end: usize, out: &mut Vec<Field>) {
    let Some(&Sentence { needle, phrase, strength, code, .. }) = SENTENCES.get(pattern) else {
        let verdict = pattern - SENTENCES.len();
        if let Some(&(_, verdict)) = SETTING_VERDICTS.get(verdict) {
            if verdict_holds(s, verdict, start, end) {
                out.push(Field::new(Key::Phrase, verdict_phrase(s, verdict, start).name(), start, end));
            }
            return;
        }
        let (_, found) = MARKS[verdict - SETTING_VERDICTS.len()];
        mark(s, found, start, end, out);
        return;
    };
    if strength == Strength::NeedsMark && (!alibaba_near(s, start, end) || sms_signature(s, start)) {
        return;
    }
    if needle == "not open" && !about_a_service(s, start, end) {
        return;
    }
    if needle == "forbidden" && reason_phrase(s, start) {
        return;
    }
    if needle == "unable to access object" && !line_has(s, end, " in bucket") {
        return;
    }
    if needle == "the role arn acs:" && !line_has(s, end, " is not correct") {
        return;
    }
    if needle.ends_with(" \"http") && !go_url_error(s, start, needle) {
        return;
    }
    if needle.ends_with(" authorized") && phrase == Phrase::ServiceRoleNotExist && !role_after(s, end) {
        return;
    }
    if !own_role_sentence_holds(s, needle, start, end) {
        return;
    }
    let row_phrase = phrase;
    let phrase = refine(s, needle, phrase, start, end);
    out.push(Field::new(Key::Phrase, phrase.name(), start, end));
    // The sentence's documented code printed just before it (`InvalidApiKey - Invalid API-key provided.`): the code.
    if let Some(c) = code.filter(|_| phrase == row_phrase) {
        if let Some(a) = code_just_before(s, start, c) {
            out.push(Field::new(Key::Code, c, a, a + c.len()));
        }
    }
    if phrase == Phrase::LogServiceInactive {
        out.push(Field::new(Key::ProductHint, "log", start, end));
    }
    if phrase == Phrase::OtherSystemDenied {
        out.push(Field::new(Key::OtherCloud, LOCAL_FILES, start, end));
    }
    match needle {
        // `…not authorized to perform: 'fc:GetService' on resource: 'acs:fc:…'` (FC, and AWS's wording).
        "not authorized to perform" => {
            if let Some((a, b)) = action_after(s, end) {
                out.push(Field::new(Key::Action, &s[a..b], a, b));
                let window = crate::text::slice(s, b, b + 40);
                if let Some(p) = window.to_ascii_lowercase().find("on resource") {
                    if let Some((ra, rb)) = quoted_or_word_after(s, b + p + "on resource".len()) {
                        out.push(Field::new(Key::Resource, &s[ra..rb], ra, rb));
                    }
                }
            }
        }
        "not authorized to do" | "have no privilege" | "not been authorized for the api" => {
            if let Some((a, b)) = action_after(s, end) {
                out.push(Field::new(Key::Action, &s[a..b], a, b));
            }
        }
        "role not exists" => {
            if let Some((a, b)) = quoted_or_word_after(s, end) {
                if s[a..b].starts_with("acs:ram:") {
                    let b = a + s[a..b].trim_end_matches(['.', ',']).len();
                    out.push(Field::new(Key::Resource, &s[a..b], a, b));
                }
            }
        }
        "policy forbidden for action" => {
            if let Some((a, b)) = action_after(s, end) {
                out.push(Field::new(Key::Action, &s[a..b], a, b));
            }
        }
        "is forbidden by permission system" => {
            if let Some((a, b)) = arn_before(s, start) {
                out.push(Field::new(Key::Resource, &s[a..b], a, b));
            }
        }
        "no permission perform sts:assumerole" => {
            let a = end - "sts:assumerole".len();
            out.push(Field::new(Key::Action, "sts:AssumeRole", a, end));
        }
        "no permission to assume the role" => {
            out.push(Field::new(Key::Action, "sts:AssumeRole", start, end));
            if let Some((a, b)) = quoted_or_word_after(s, end) {
                if s[a..b].starts_with("acs:ram:") {
                    out.push(Field::new(Key::Resource, &s[a..b], a, b));
                }
            }
        }
        "no such oidc provider registered" | "authenticationfail.oidctoken" | "oidc token validate failed" => {
            out.push(Field::new(Key::Action, "sts:AssumeRoleWithOIDC", start, end));
        }
        "createservicelinkedrole" if s[..start].ends_with("ram:") => {
            out.push(Field::new(Key::Action, "ram:CreateServiceLinkedRole", start - 4, end));
        }
        _ => {}
    }
}

/// How far before and after a sentence that needs a mark ([`Strength::NeedsMark`]) the mark is looked for, in
/// bytes: the whole of a pasted error (a traceback names the SDK's files above its message), the stretch around the
/// sentence in a long log. A bounded look: a log full of such words stays fast. Never more than
/// [`super::scan::MARGIN`] lines either way, which every window the reading path reads around a sentence holds, so
/// a long log's reading and the whole text's agree.
const MARK_REACH: (usize, usize) = (1536, 512);

/// Whether an Alibaba Cloud mark stands near `start..end`: one of [`crate::marks::ALIBABA_MARKS`] (the endpoint
/// domain, SDK, CLI and Terraform names, ARNs) or the name of one of the ecosystem's tools ([`MARKS`]' tools), all
/// looked for in one pass.
fn alibaba_near(s: &str, start: usize, end: usize) -> bool {
    static FINDER: OnceLock<AhoCorasick> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        let tools = MARKS.iter().filter(|(_, m)| matches!(m, super::headers::Mark::Tool(_))).map(|(n, _)| *n);
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(crate::marks::ALIBABA_MARKS.iter().copied().chain(tools))
            .expect("the marks are valid needles")
    });
    let lines = super::scan::MARGIN - 1;
    let (b, lo, hi) = (s.as_bytes(), start.saturating_sub(MARK_REACH.0), end.saturating_add(MARK_REACH.1).min(s.len()));
    let lo = memchr::memrchr_iter(b'\n', &b[lo..start]).nth(lines).map_or(lo, |i| lo + i + 1);
    let hi = memchr::memchr_iter(b'\n', &b[end..hi]).nth(lines).map_or(hi, |i| end + i);
    finder.is_match(crate::text::slice(s, lo, hi))
}

/// Whether a signature word at `at` speaks of an SMS signature (Short Message Service's 短信签名, the sender's name
/// a message carries), not a request's: its line names SMS.
fn sms_signature(s: &str, at: usize) -> bool {
    let from = crate::text::floor_boundary(s, at.saturating_sub(120));
    let line = &s[s[from..at].rfind('\n').map_or(from, |n| from + n + 1)..crate::text::line_end(s, at, 120)];
    line.contains("短信") || crate::text::contains_ignore_ascii_case(line, "sms")
}

/// The code the documentation gives the sentence a [`Key::Phrase`] field was read from (`Specified access key is
/// not found` → `InvalidAccessKeyId.NotFound`), when the sentence still means what its row says: what a
/// message-only paste implies.
pub fn implied_code(text: &str, f: &Field) -> Option<&'static str> {
    let matched = text.get(f.start..f.end).filter(|_| f.key == Key::Phrase)?;
    SENTENCES
        .iter()
        .find(|row| row.code.is_some() && row.phrase.name() == f.value && row.needle.eq_ignore_ascii_case(matched))
        .and_then(|row| row.code)
}

/// Where `code` stands right before a sentence at `start`, past a separator of a few characters (` - `, `: `, a
/// quote or a bracket) and as a whole word: a `{code} - {message}` print of the sentence's own documented code.
fn code_just_before(s: &str, start: usize, code: &str) -> Option<usize> {
    let from = crate::text::floor_boundary(s, start.saturating_sub(code.len() + 6));
    let gap = s[from..start].trim_end_matches([' ', '-', ':', '–', '—', '"', '\'', ',', '(', '[', ']', ')', '：']);
    let before = gap.strip_suffix(code)?;
    let whole = !before.ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'));
    // Only separators between the code and the sentence, never another word.
    let separated = start - (from + gap.len()) <= 4;
    (whole && separated).then_some(from + before.len())
}

/// Whether an HTTP method before a quoted URL at `start` is Go's `*url.Error`: the method as Go writes it (`Post`,
/// first letter capital, the rest small) at a word's start, not a request line (`POST "…`) or a word's tail.
fn go_url_error(s: &str, start: usize, needle: &str) -> bool {
    let method = &s.as_bytes()[start..start + needle.find(' ').unwrap_or(0)];
    let starts_word = !s[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    starts_word && method.first().is_some_and(u8::is_ascii_uppercase) && method[1..].iter().all(u8::is_ascii_lowercase)
}

/// Whether `words` (lower case) follow `end` on its line, within 200 bytes.
fn line_has(s: &str, end: usize, words: &str) -> bool {
    crate::text::slice(s, end, crate::text::line_end(s, end, 200)).to_ascii_lowercase().contains(words)
}

/// Every sentence of the table that only one tool, client or product prints, as its row words it (lower case),
/// with its printer: what the sweep tests run over.
pub fn printed_sentences() -> impl Iterator<Item = (&'static str, Printer)> {
    SENTENCES.iter().filter_map(|row| Some((row.needle, row.printer?)))
}

/// The tool or product that prints the sentence a [`Key::Phrase`] field was read from, when only one does.
pub fn printer(text: &str, f: &Field) -> Option<Printer> {
    let matched = text.get(f.start..f.end).filter(|_| f.key == Key::Phrase)?;
    SENTENCES.iter().find(|row| row.printer.is_some() && row.needle.eq_ignore_ascii_case(matched))?.printer
}

/// What a needle means where its neighbours decide: "denied by" followed by a policy is a policy's refusal;
/// "is inactive" after `AccessKeyId <id>` is Log Service's not-activated answer (the key itself is fine: the
/// SLS maintainers say so, and the POP gateway and OSS word a disabled key differently).
fn refine(s: &str, needle: &str, phrase: Phrase, start: usize, end: usize) -> Phrase {
    match needle {
        "denied by" | "access denied" | "access is denied" => {
            let after = crate::text::slice(s, end, crate::text::line_end(s, end, 60)).to_ascii_lowercase();
            let by = needle == "denied by" || after.trim_start().starts_with("by ");
            // OSS's EC 0003-00000301: "denied by the policy that is configured for the security token generated by
            // Security Token Service": the STS session policy did not allow it (an implicit deny).
            if by && after.contains("polic") && (after.contains("security token") || after.contains("sts token")) {
                Phrase::SessionPolicy
            } else if by && after.contains("polic") {
                Phrase::PolicyDenied
            } else {
                phrase
            }
        }
        "is inactive" => {
            let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
            let before = crate::text::slice(s, line_start.max(start.saturating_sub(80)), start).to_ascii_lowercase();
            let key_then_id = before.rfind("accesskeyid ").is_some_and(|at| {
                let id = before[at + "accesskeyid ".len()..].trim();
                !id.is_empty() && !id.contains(' ')
            });
            if key_then_id {
                Phrase::LogServiceInactive
            } else {
                phrase
            }
        }
        // `The role AliyunDRDSDefaultRole not exists`, `角色 AliyunOOSDefaultRole 不存在`: a service's own role.
        "not exist"
        | "does not exist"
        | "不存在"
        | "角色不存在"
        | "role not exists"
        | "role does not exist"
        | "role is not exist"
            if service_role_before(s, end) || service_role_after(s, end) =>
        {
            Phrase::ServiceRoleNotExist
        }
        "role not exists" if !quoted_or_word_after(s, end).is_some_and(|(a, _)| s[a..].starts_with("acs:ram:")) => {
            Phrase::RoleNotExist
        }
        // Go's file errors, `mkdir .ossutil_checkpoint: permission denied`: the local file system refused a tool.
        "permission denied" if local_file_operation(s, start) => Phrase::OtherSystemDenied,
        "策略所拒绝" | "策略拒绝" => {
            let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
            let before = crate::text::slice(s, line_start.max(start.saturating_sub(60)), start).to_ascii_lowercase();
            if before.contains("bucket") {
                Phrase::BucketPolicy
            } else {
                phrase
            }
        }
        // The POP gateway says it of every id it cannot find (`The specified NatGatewayId does not exist in our
        // records.`); only an access key's is an unknown key (`The Access Key ID provided…`, OSS's `…Access Key Id
        // you provided…`).
        "does not exist in our records" => {
            let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
            let before = crate::text::slice(s, line_start.max(start.saturating_sub(60)), start);
            if names_setting_within(before, &["accesskey"]) {
                phrase
            } else {
                Phrase::NotExist
            }
        }
        "not enabled" | "not activated" | "not opened" | "not been opened" | "not open" | "not purchased"
        | "not subscribed"
            if about_a_service(s, start, end) =>
        {
            Phrase::ServiceNotActivated
        }
        _ => phrase,
    }
}

/// Whether `Forbidden` at `at` is HTTP's reason phrase after its status (`HTTP/1.1 403 Forbidden`, Python requests'
/// `403 Client Error: Forbidden for url`): the status says a request failed (the prose reader's `HttpFailure`), not
/// that a policy refused it — any 403 carries the word, a bad signature's too.
fn reason_phrase(s: &str, at: usize) -> bool {
    let from = crate::text::floor_boundary(s, at.saturating_sub(24));
    let before = s[from..at].trim_end_matches([' ', ':']).to_ascii_lowercase();
    before.ends_with("403") || before.ends_with("403 client error")
}

/// Whether a role is named after `at` on its line (`… haven't authorized for SMC RAM role`).
fn role_after(s: &str, at: usize) -> bool {
    crate::text::slice(s, at, crate::text::line_end(s, at, 80)).to_ascii_lowercase().contains("role")
}

/// Whether a sentence that names a service's own role as needed stands where it says so: "requires a ram role"
/// with a service role's name after it on the line, "please create this role" with one before it, "please attach a
/// role" on a line naming ECS's own service account (`NoSetRoletoECSServiceAcount`'s words; a Kubernetes service
/// account is not it). Other sentences hold.
fn own_role_sentence_holds(s: &str, needle: &str, start: usize, end: usize) -> bool {
    match needle {
        "requires a ram role" => {
            let rest = crate::text::slice(s, end, crate::text::line_end(s, end, 160));
            rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '_')).any(names_service_role)
        }
        "please create this role" => service_role_before(s, start),
        "is not set to the" => {
            let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
            let before = crate::text::slice(s, line_start, start).to_ascii_lowercase();
            let rest = crate::text::slice(s, end, crate::text::line_end(s, end, 60));
            let mut words = rest.split_whitespace();
            let product = words.next().is_some_and(|w| {
                (2..=10).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
            let service = words.next().is_some_and(|w| w.trim_end_matches(['.', ',']).eq_ignore_ascii_case("service"));
            before.contains("role for ") && product && service
        }
        "please attach a role" => {
            let line_start = s[..start].rfind('\n').map_or(0, |n| n + 1);
            let line = crate::text::slice(s, line_start, crate::text::line_end(s, end, 200));
            line.to_ascii_lowercase().contains("ecs service account")
        }
        _ => true,
    }
}

/// Whether a product's documented message for a code names the service's own role as what the operation needs
/// (ECS's `NoSetRoletoECSServiceAcount`: "… please attach a role of access your oss to ECS service account."): the
/// code then says so even printed without its message.
pub fn names_own_role_as_needed(message: &str) -> bool {
    // Asked of every catalogued code's message: only one naming a role and holding a sentence of the class is read
    // (a plain substring test first; the full scan builds the short automaton).
    if !crate::text::contains_ignore_ascii_case(message, "role") {
        return false;
    }
    let lower = message.to_ascii_lowercase();
    if !SENTENCES.iter().any(|row| row.phrase == Phrase::ServiceRoleNotExist && lower.contains(row.needle))
        && !OWN_ROLE_REFINED.iter().any(|n| lower.contains(n))
    {
        return false;
    }
    let mut found = Vec::new();
    scan(&Text::new(message), &mut found);
    found.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::ServiceRoleNotExist.name())
}

/// The needles [`refine`] turns into [`Phrase::ServiceRoleNotExist`] beside a service role's name.
const OWN_ROLE_REFINED: &[&str] = &["not exist", "不存在"];

/// Whether a service role's name (`Aliyun…Role`, `AliyunServiceRoleFor…`, a `role/aliyun…` ARN) stands on the line
/// just before `at`, the end of the sentence's match (which may start inside the name: `…LoggingRole not exists`):
/// the role that does not exist is a service's own.
fn service_role_before(s: &str, at: usize) -> bool {
    let from = crate::text::floor_boundary(s, at.saturating_sub(120));
    let line = &s[s[from..at].rfind('\n').map_or(from, |n| from + n + 1)..at];
    line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '_')).any(names_service_role)
}

/// Whether a word (a role name, or an ARN ending in one) is a service's role: `Aliyun…Role`,
/// `AliyunServiceRoleFor…`.
fn names_service_role(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']);
    is_service_role_name(w.rsplit('/').next().unwrap_or(w))
}

/// Whether a role name is one Alibaba Cloud services create for themselves: `AliyunServiceRoleFor…` (service-linked),
/// `Aliyun…DefaultRole`, `Aliyun…Role`, `Aliyun…Managed…`.
pub fn is_service_role_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("aliyun")
        && (lower.starts_with("aliyunservicerolefor") || lower.contains("managed") || lower.ends_with("role"))
}

/// Whether the word right after `at` (past a `:`) names a service role: `The role does not exist: Aliyun…Role`.
fn service_role_after(s: &str, at: usize) -> bool {
    quoted_or_word_after(s, at).is_some_and(|(a, b)| names_service_role(&s[a..b]))
}

/// The last `acs:` ARN on the line before `at` (`This operation for acs:kms:…:key/x is forbidden…`).
fn arn_before(s: &str, at: usize) -> Option<(usize, usize)> {
    let from = crate::text::floor_boundary(s, at.saturating_sub(400));
    let line_start = s[from..at].rfind('\n').map_or(from, |n| from + n + 1);
    let a = line_start + s[line_start..at].rfind("acs:")?;
    let len = s[a..at].find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | ',' | ')')).unwrap_or(at - a);
    let arn = s[a..a + len].trim_end_matches('.');
    (arn.split(':').nth(1).is_some_and(|svc| !svc.is_empty())).then_some((a, a + arn.len()))
}

/// What refuses a local file operation: the system's file permissions, not a cloud.
const LOCAL_FILES: &str = "the operating system's file permissions";

/// Whether `permission denied` at `at` ends a Go or C file error: `<op> <path>: ` right before it, the operation one
/// of the file system's (`open`, `mkdir`, `stat`…).
fn local_file_operation(s: &str, at: usize) -> bool {
    const OPS: &[&str] = &["open", "mkdir", "stat", "lstat", "chmod", "chown", "remove", "rename", "unlink", "create"];
    let from = crate::text::floor_boundary(s, at.saturating_sub(300));
    let line = &s[s[from..at].rfind('\n').map_or(from, |n| from + n + 1)..at];
    let Some(before) = line.strip_suffix(": ") else { return false };
    // The path is one word; the operation the word before it.
    let mut words = before.rsplit(' ');
    let (Some(path), Some(op)) = (words.next(), words.next()) else { return false };
    !path.is_empty() && OPS.contains(&op.trim_start_matches(|c: char| !c.is_ascii_alphabetic()))
}

/// A RAM action right after `at` (spaces, `:` and quotes skipped).
fn action_after(s: &str, at: usize) -> Option<(usize, usize)> {
    // A refusal wrapped after its `perform:` (`… is not authorized to perform: ⏎ ecr:GetAuthorizationToken`).
    let wrapped = s[at..].bytes().take(4).take_while(|c| matches!(c, b' ' | b':' | b'\r' | b'\n')).count();
    let (a, b) = quoted_or_word_after(s, at + wrapped)?;
    let t = s[a..b].trim_end_matches(['.', ',']);
    // Markdown's bold closing a quoted refusal (`**… perform sts:AssumeRoleWithWebIdentity**`): a wildcard is one `*`.
    let t = t.strip_suffix("**").unwrap_or(t);
    is_ram_action(t).then_some((a, a + t.len()))
}

/// The quoted string or the word after `at`, with spaces and a `:` skipped.
fn quoted_or_word_after(s: &str, at: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = at;
    while i < b.len() && i - at < 4 && matches!(b[i], b' ' | b':') {
        i += 1;
    }
    let quote = b.get(i).copied().filter(|c| matches!(c, b'\'' | b'"' | b'`'));
    if quote.is_some() {
        i += 1;
    }
    let start = i;
    while i < b.len() && i - start < 512 {
        let c = b[i];
        if Some(c) == quote || c.is_ascii_whitespace() || (quote.is_none() && matches!(c, b'\'' | b'"' | b',' | b')')) {
            break;
        }
        i += 1;
    }
    let end = crate::text::floor_boundary(s, i);
    (end > start).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The automata of short texts and of long ones find the same sentences and marks at the same places.
    #[test]
    fn short_and_long_texts_find_the_same_matches() {
        let needles: Vec<&str> = needles().collect();
        // Every needle, upper-cased and run together with its neighbours, so overlaps and case both count.
        let text = needles.iter().map(|n| n.to_uppercase()).collect::<Vec<_>>().join(" x ");
        let spans =
            |ac: &AhoCorasick| ac.find_iter(&text).map(|m| (m.start(), m.end(), m.pattern())).collect::<Vec<_>>();
        let (nfa, dfa) = (automaton(0), automaton(DFA_FROM_BYTES));
        assert!(!std::ptr::eq(nfa, dfa), "two automata");
        let found = spans(nfa);
        assert!(found.len() >= needles.len() / 2, "{} matches for {} needles", found.len(), needles.len());
        assert_eq!(found, spans(dfa));
    }

    fn phrases_of(text: &str) -> Vec<Phrase> {
        let mut out = Vec::new();
        scan(&Text::new(text), &mut out);
        out.iter().filter(|f| f.key == Key::Phrase).filter_map(|f| Phrase::from_name(&f.value)).collect()
    }

    /// A verdict counts beside a credential setting's name however it is spelled, and nowhere else.
    #[test]
    fn credential_settings_with_a_verdict_are_one_class() {
        for (text, phrase) in [
            ("RoleArn cannot be empty", Phrase::CredentialsMissing),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID or ALIBABA_CLOUD_ACCESS_KEY_Id cannot be empty", Phrase::CredentialsMissing),
            ("Access key ID must be specified via environment variable", Phrase::CredentialsMissing),
            ("oidc_token_file is not configured for profile 'default'", Phrase::CredentialsMissing),
            ("roleArn does not exist and env ALIBABA_CLOUD_ROLE_ARN is null.", Phrase::CredentialsMissing),
            ("Missing required access_key_id option in profile for access_key", Phrase::CredentialsMissing),
            ("The temporary accessKey is invalid.", Phrase::AccessKeyNotFound),
            ("The AccessKey ID LTAI5tExample is invalid.", Phrase::AccessKeyNotFound),
            ("The SecurityToken is invalid.", Phrase::TokenInvalid),
        ] {
            assert_eq!(phrases_of(text), [phrase], "{text}");
        }
        for text in [
            "bucket name cannot be empty",
            "The specified parameter \"SecurityToken.Expired\" is not valid.",
            "Missing required parameter Name",
            "The policy document is invalid.",
        ] {
            assert!(!phrases_of(text).contains(&Phrase::CredentialsMissing), "{text}");
            assert!(!phrases_of(text).contains(&Phrase::AccessKeyNotFound), "{text}");
        }
    }

    /// "Not enabled" and its kin say a service is not activated when the sentence names a service or product.
    #[test]
    fn not_open_names_a_service_or_says_nothing() {
        for text in [
            "The operation failed because the Cdt service is not opened.",
            "The user has not open transit router service.",
            "ResourceCenter service of the specified account is not enabled.",
        ] {
            assert!(phrases_of(text).contains(&Phrase::ServiceNotActivated), "{text}");
        }
        assert!(phrases_of("could not open file /tmp/x").is_empty());
        assert!(!phrases_of("The zone is not enabled for this service.").contains(&Phrase::ServiceNotActivated));
    }

    /// Words other systems print too count only beside an Alibaba Cloud mark (its name, an endpoint host, an SDK's
    /// or a tool's name), and a signature word about an SMS signature (短信签名) never.
    #[test]
    fn general_words_need_an_alibaba_cloud_mark() {
        for text in ["签名错误", "signature failed", "timestamp expired", "Invalid API key", "Error: token has expired"]
        {
            assert!(phrases_of(text).is_empty(), "{text}");
        }
        for (text, phrase) in [
            ("aliyun-python-sdk-core: 签名错误", Phrase::SignatureWords),
            ("POST https://ecs.cn-hangzhou.aliyuncs.com/ signature failed", Phrase::SignatureWords),
            ("ossutil: timestamp expired", Phrase::ClockWords),
            ("阿里云百炼：Invalid API key", Phrase::ApiKeyWords),
            ("alibabacloud_credentials: token has expired", Phrase::TokenExpired),
        ] {
            assert_eq!(phrases_of(text), [phrase], "{text}");
        }
        assert!(phrases_of("阿里云短信发送失败：签名错误").is_empty());
    }

    /// A sentence's row gives its documented code while the sentence still means what the row says.
    #[test]
    fn a_sentence_implies_its_documented_code() {
        let implied = |text: &str| {
            let mut out = Vec::new();
            scan(&Text::new(text), &mut out);
            out.iter().find_map(|f| implied_code(text, f))
        };
        assert_eq!(implied("Specified access key is not found."), Some("InvalidAccessKeyId.NotFound"));
        assert_eq!(implied("SPECIFIED SIGNATURE IS NOT MATCHED with our calculation"), Some("SignatureDoesNotMatch"));
        assert_eq!(implied("aliyun: 请求时间过期"), Some("InvalidTimeStamp.Expired"));
        // No code documented for the sentence; a field of another phrase than its row's.
        assert_eq!(implied("该服务未开通"), None);
        let text = "Specified access key is not found.";
        let other = Field::new(Key::Phrase, Phrase::NotExist.name(), 0, "Specified access key is not found".len());
        assert_eq!(implied_code(text, &other), None);
    }

    /// Only an access key's id "does not exist in our records" is an unknown key.
    #[test]
    fn not_in_our_records_is_an_unknown_key_only_after_an_access_key() {
        assert_eq!(
            phrases_of("The OSS Access Key Id you provided does not exist in our records."),
            [Phrase::AccessKeyNotFound]
        );
        assert_eq!(phrases_of("The specified NatGatewayId does not exist in our records."), [Phrase::NotExist]);
    }
}
