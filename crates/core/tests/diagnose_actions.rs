//! The action a finding names when the error states none, one test per rule of `diagnose::action` and per
//! wrapping of `read::api`, with the committed catalog: the API called is a fact for every kind of error, while
//! the grant stays the plan's, which gives none to errors a grant cannot fix.

use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

mod common;

fn catalog() -> &'static Catalog {
    common::full_catalog()
}

fn first(text: &str) -> Finding {
    let d = diagnose(text, catalog());
    d.findings.into_iter().next().unwrap_or_else(|| panic!("no finding for {text}"))
}

/// The first action, whether it was inferred, and the kind.
fn action(text: &str) -> (Option<String>, bool, Kind) {
    let f = first(text);
    (f.actions.first().cloned(), f.actions_inferred, f.kind)
}

fn no_grant(f: &Finding) -> bool {
    let plan = GrantPlan::for_finding(f, catalog()).expect("default options");
    let grant = Grant::from_plan(&plan);
    plan.system_policies.is_empty()
        && plan.custom_policies.is_empty()
        && grant.system_policies.is_empty()
        && grant.custom_policy.is_none()
}

#[test]
fn a_terraform_api_is_the_action_whatever_the_kind() {
    let text = "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_vpc.go:120: Resource alicloud_vpc CreateVpc Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: QuotaExceeded.Vpc\nRecommend: https://error-center.aliyun.com/status/search?Keyword=QuotaExceeded.Vpc\nRequestId: R-1\nMessage: The number of VPCs exceeds the quota.";
    let f = first(text);
    assert_eq!((f.kind, f.actions.first().map(String::as_str)), (Kind::Other, Some("vpc:CreateVpc")));
    assert_eq!(f.api.as_deref(), Some("CreateVpc"));
    assert!(!f.actions_inferred);
    // A fact, not a grant: the plan gives none to an error that is not about permissions.
    assert!(no_grant(&f));
}

#[test]
fn the_go_sdk_v2_operation_names_the_api() {
    let text = "operation error GetBucketAcl: Error returned by Service.\nHttp Status Code: 403.\nError Code: AccessDenied.\nMessage: You have no right to access this bucket.\nEC: 0003-00000001.";
    assert_eq!(action(text).0.as_deref(), Some("oss:GetBucketAcl"));
}

#[test]
fn an_api_name_leading_a_failure_is_taken_only_when_the_catalog_knows_it() {
    let text = r#"DeleteDomainRecord error.status 400, Error:{"RequestId":"R-2","HostId":"alidns.aliyuncs.com","Code":"DomainRecordNotBelongToUser","Message":"The DNS record does not belong to the user."}"#;
    assert_eq!(action(text), (Some("alidns:DeleteDomainRecord".into()), true, first(text).kind));
    let zh = r#"调用DescribeDomainRecords接口失败：{"HostId":"alidns.aliyuncs.com","Code":"InvalidDomainName.NoExist","Message":"The specified domain name does not exist."}"#;
    assert_eq!(action(zh).0.as_deref(), Some("alidns:DescribeDomainRecords"));
    // A word the product has no API of, and an API name no product is known for: no action.
    let unknown = r#"SyncRecords error.status 400, Error:{"HostId":"alidns.aliyuncs.com","Code":"InvalidDomainName.NoExist","Message":"x"}"#;
    assert_eq!(action(unknown).0, None);
    assert_eq!(action("CreateInstance failed: ErrorCode: InvalidParameter\nMessage: x").0, None);
    // With no product known, a name only one product has names both.
    let f = first("UpdateDomainRecord error.status 400, Error:{\"Code\":\"DomainRecordDuplicate\",\"Message\":\"x\"}");
    assert_eq!(f.actions.first().map(String::as_str), Some("alidns:UpdateDomainRecord"));
    assert_eq!(f.product.as_deref(), Some("alidns"));
    // A credential error's product is the gateway that checked the key: the API named tells the product.
    let f = first("调用ListAccessKeys报错：\nAliyun API Error: RequestId: R-8 Status Code: 400 Code: MissingSecurityToken Message: SecurityToken is mandatory for this action.");
    assert_eq!((f.kind, f.actions.first().map(String::as_str)), (Kind::BadCredentials, Some("ram:ListAccessKeys")));
    // Another product's API name beside a known product's error is not taken.
    let f = first("ListAccessKeys failed: {\"HostId\":\"alidns.aliyuncs.com\",\"Code\":\"InvalidDomainName.NoExist\",\"Message\":\"x\"}");
    assert_eq!(f.actions.first(), None);
}

#[test]
fn a_script_named_after_its_api() {
    let text = "$ node DeleteLogStore.js\nerror: { 404: {\"errorCode\":\"LogStoreNotExist\",\"errorMessage\":\"logstore my-store does not exist\"} }";
    assert_eq!(action(text), (Some("log:DeleteLogStore".into()), true, Kind::Other));
    let hosted = "$ node DeleteLogStore.js\nerror: {\"errorCode\":\"LogStoreNotExist\",\"errorMessage\":\"x\",\"host\":\"p.cn-hangzhou.log.aliyuncs.com\"}";
    assert_eq!(action(hosted).0.as_deref(), Some("log:DeleteLogStore"));
}

#[test]
fn a_signed_url_names_its_action() {
    let text = "SDK.ServerError\nErrorCode: Throttling.User\nMessage: Request was denied due to user flow control.\nURL: https://ecs-vpc.cn-beijing.aliyuncs.com/?AccessKeyId=x&Action=DescribeSecurityGroups&Format=JSON&Version=2014-05-26";
    let f = first(text);
    assert_eq!((f.kind, f.actions.first().map(String::as_str)), (Kind::Other, Some("ecs:DescribeSecurityGroups")));
    assert!(no_grant(&f));
}

#[test]
fn a_rest_request_maps_to_its_api() {
    let text =
        "FCServiceNotFoundError: GET /services/my-svc failed with 404. requestid: R-3, message: Service not found.";
    assert_eq!(action(text), (Some("fc:GetService".into()), true, Kind::Other));
    let text = "FCInvalidArgumentError: POST /services/my-svc/functions failed with 400. requestid: R-4, message: x";
    assert_eq!(action(text).0.as_deref(), Some("fc:CreateFunction"));
    // OSS sub-resources in the query pick the API; the method's own verb breaks a tie (`PUT /{key}`).
    let oss =
        "Error Code: AccessDenied.\nMessage: x\nRequest Endpoint: PUT https://b.oss-cn-hangzhou.aliyuncs.com/?acl.";
    assert_eq!(action(oss).0.as_deref(), Some("oss:PutBucketAcl"));
    let oss = "Error Code: AccessDenied.\nMessage: x\nRequest Endpoint: PUT https://b.oss-cn-hangzhou.aliyuncs.com/dir/a.txt.";
    assert_eq!(action(oss).0.as_deref(), Some("oss:PutObject"));
}

#[test]
fn an_oss_string_to_sign_names_the_object_api() {
    let text = "oss2.exceptions.SignatureDoesNotMatch: {'status': 403, 'details': {'Code': 'SignatureDoesNotMatch', 'Message': 'The request signature we calculated does not match the signature you provided.', 'StringToSign': 'DELETE\\n\\n\\nMon, 01 Jan 2024 00:00:00 GMT\\n/my-bucket/dir/old.log'}}";
    let f = first(text);
    assert_eq!((f.kind, f.actions.first().map(String::as_str)), (Kind::Signature, Some("oss:DeleteObject")));
    assert!(f.actions_inferred && no_grant(&f));
}

#[test]
fn an_sms_code_is_send_sms() {
    let f = first(r#"{"Message":"模板不合法(不存在或被拉黑)","RequestId":"R-5","Code":"isv.SMS_TEMPLATE_ILLEGAL"}"#);
    assert_eq!((f.product.as_deref(), f.actions.first().map(String::as_str)), (Some("dysms"), Some("dysms:SendSms")));
    assert!(f.actions_inferred && no_grant(&f));
    // Another `isv.` code only on an error already SMS's: the Voice service prints some of them too.
    let f = first(r#"{"Message":"触发分钟级流控","Code":"isv.BUSINESS_LIMIT_CONTROL"}"#);
    assert_eq!((f.product.as_deref(), f.actions.first().map(String::as_str)), (Some("dysms"), Some("dysms:SendSms")));
    let f = first(r#"{"Message":"该被叫号触发被叫流控","Code":"isv.BUSINESS_LIMIT_CONTROL"}"#);
    assert_ne!(f.actions.first().map(String::as_str), Some("dysms:SendSms"));
}

#[test]
fn a_code_only_one_api_lists_names_it() {
    let f = first(
        "ErrorCode: InvalidParameter.DurationSeconds\nMessage: The Min/Max value of DurationSeconds is 15min/1hr.",
    );
    assert_eq!(f.actions.first().map(String::as_str), Some("sts:AssumeRole"));
    assert!(f.actions_inferred);
    // The gateway's permission codes belong to every API: no action from them.
    let f = first(
        r#"{"HostId":"sts.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource."}"#,
    );
    assert_eq!(f.actions.first(), None);
    // A product not opened is the account's state: every API answers it, whichever one's documentation lists it.
    let f =
        first("HTTP Status: 403 Error:CdnServiceNotFound Your account does not open CDN service yet. RequestID: R-9");
    assert_eq!((f.kind, f.actions.first()), (Kind::NotActivated, None));
}

#[test]
fn a_stack_frame_names_the_api_of_the_product() {
    let text = "com.aliyun.oss.OSSException: The specified key does not exist.\n[ErrorCode]: NoSuchKey\n[RequestId]: R-6\n\tat com.aliyun.oss.common.utils.ExceptionFactory.createOSSException(ExceptionFactory.java:1)\n\tat com.aliyun.oss.OSSClient.getObject(OSSClient.java:2)";
    assert_eq!(action(text).0.as_deref(), Some("oss:GetObject"));
}

#[test]
fn a_missing_service_role_keeps_the_role_as_its_need() {
    // The API called is not what the fix grants: a missing service role's grant is the role's creation.
    let text = "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_ecs_instance.go:1: Resource alicloud_instance RunInstances Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: NoPermission.RAM.SlrCreate\nMessage: The service-linked role for ECS does not exist and you have no permission to create it.";
    let f = first(text);
    assert_eq!((f.kind, f.api.as_deref()), (Kind::ServiceRoleMissing, Some("RunInstances")));
    assert!(f.actions.iter().all(|a| a != "ecs:RunInstances"), "{:?}", f.actions);
    let plan = GrantPlan::for_finding(&f, catalog()).expect("default options");
    let granted: Vec<String> = plan.custom_policies.iter().map(|p| format!("{:?}", p.document)).collect();
    assert!(granted.iter().all(|d| !d.contains("ecs:RunInstances")), "{granted:?}");
}

#[test]
fn an_ossutil_command_names_the_oss_api() {
    let text = "$ ossutil cp ./report.csv oss://my-bucket/reports/report.csv\nError: oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You have no right to access this object because of bucket acl.\", RequestId=R-7";
    let f = first(text);
    assert_eq!((f.kind, f.actions.first().map(String::as_str)), (Kind::MissingPermission, Some("oss:PutObject")));
}

/// Rule `federated-assume-role`: STS's `AuthenticationFail.` codes are STS's, and one that names OIDC is about
/// `AssumeRoleWithOIDC`; RAM's own OIDC-provider errors stay RAM's.
#[test]
fn oidc_sign_in_refusals_are_sts_assume_role_with_oidc() {
    let f = first("ErrorCode: AuthenticationFail.OIDCToken.Expired\nMessage: This JsonWebToken is expired.");
    assert_eq!(f.product.as_deref(), Some("sts"));
    assert_eq!(f.actions, vec!["sts:AssumeRoleWithOIDC"]);
    let f = first("ErrorCode: AuthenticationFail.NoPermission\nMessage: No such OIDC Provider registered.");
    assert_eq!(
        (f.product.as_deref(), f.actions.first().map(String::as_str)),
        (Some("sts"), Some("sts:AssumeRoleWithOIDC"))
    );
    let f = first("SDK.ServerError\nErrorCode: EntityNotExist.OIDCProvider\nHostId: ram.aliyuncs.com\nMessage: The OIDC provider does not exist.");
    assert_ne!(f.product.as_deref(), Some("sts"));
    assert!(!f.actions.iter().any(|a| a.starts_with("sts:")), "{:?}", f.actions);
}

/// Rule `terraform-create`: a Terraform error naming its resource type and no API is about the API that creates
/// the resource (from the provider's create function), unless it happened while reading, updating or deleting.
#[test]
fn a_terraform_resource_without_an_api_is_its_create_call() {
    let new = "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_ecs_disk.go:212: Resource alicloud_ecs_disk Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.";
    assert_eq!(action(new), (Some("ecs:CreateDisk".to_string()), true, Kind::MissingPermission));
    let old = "* alicloud_db_instance.default: Error creating Alicloud db instance: Code: Forbidden.RAM, Message: User not authorized to operate on the specified resource.";
    assert_eq!(action(old).0.as_deref(), Some("rds:CreateDBInstance"));
    let reading = "* alicloud_db_instance.default: Error reading Alicloud db instance: Code: Forbidden.RAM, Message: User not authorized to operate on the specified resource.";
    assert_ne!(action(reading).0.as_deref(), Some("rds:CreateDBInstance"));
    // An apply's progress lines about other resources (`Reading...`, `Refreshing state...`) are not the error's
    // phase: only the error's own lines are.
    let apply = format!(
        "data.alicloud_zones.default: Reading...\nalicloud_vpc.default: Refreshing state... [id=vpc-1]\nalicloud_ecs_disk.default: Creating...\n\n{new}"
    );
    assert_eq!(action(&apply).0.as_deref(), Some("ecs:CreateDisk"));
}

/// OSS operations whose RAM action is not named after them (OSS's table of APIs and actions, through the
/// generator's `operations.tsv`): the SDKs' `CreateBucket` is `oss:PutBucket`, a `HeadObject` needs `oss:GetObject`.
#[test]
fn an_oss_operation_needs_the_action_oss_documents() {
    use ram_doctor_core::catalog::ApiLookup;
    for (operation, action) in [
        ("CreateBucket", "oss:PutBucket"),
        ("HeadObject", "oss:GetObject"),
        ("UploadPart", "oss:PutObject"),
        ("DeleteMultipleObjects", "oss:DeleteObject"),
        ("PutBucketTags", "oss:PutBucketTagging"),
    ] {
        match catalog().api("oss", operation) {
            ApiLookup::Found(_, api) => assert_eq!(api.action, action, "{operation}"),
            other => panic!("{operation}: {other:?}"),
        }
    }
    // An API named after its action keeps it.
    assert!(matches!(catalog().api("oss", "GetObject"), ApiLookup::Found(_, a) if a.action == "oss:GetObject"));
    let text = "$ aliyun oss CreateBucket --BucketName b\nERROR: SDK.ServerError\nErrorCode: AccessDenied\nMessage: You have no right to access this bucket.";
    assert_eq!(action(text).0.as_deref(), Some("oss:PutBucket"));
}
