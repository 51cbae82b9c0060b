//! Example errors the page offers as one-click tries. Shapes as the services print them (ids shortened).

/// A labelled example text.
pub struct Example {
    /// Stable id suffix for the button (`#example-<id>`).
    pub id: &'static str,
    pub label_en: &'static str,
    pub label_zh: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: [Example; 5] = [
    Example {
        id: "api-json",
        label_en: "ECS API (JSON)",
        label_zh: "ECS API（JSON）",
        text: r#"{
  "RequestId": "7E1A4C5B-2F4D-5B7A-9C3E-0A1B2C3D4E5F",
  "HostId": "ecs.cn-hangzhou.aliyuncs.com",
  "Code": "Forbidden.RAM",
  "Message": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  "AccessDeniedDetail": {
    "AuthAction": "ecs:DescribeInstances",
    "AuthPrincipalType": "SubUser",
    "AuthPrincipalDisplayName": "204588330455123456",
    "AuthPrincipalOwnerId": "1234567890123456",
    "NoPermissionType": "ImplicitDeny",
    "PolicyType": "AccountLevelIdentityBasedPolicy",
    "EncodedDiagnosticMessage": "AQEAAAAAZ3h0ZXN0LWRpYWdub3N0aWMtbWVzc2FnZQ=="
  }
}"#,
    },
    Example {
        id: "console-hbr",
        label_en: "Cloud Backup console",
        label_zh: "云备份控制台",
        text: "Cloud Backup (HBR) console: Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.",
    },
    Example {
        id: "console-zh",
        label_en: "Console (Chinese)",
        label_zh: "控制台（中文）",
        text: "云备份 HBR 控制台提示：权限不足，请联系主账号管理员授权。",
    },
    Example {
        id: "ram-cli",
        label_en: "RAM via Terraform",
        label_zh: "Terraform 调用 RAM",
        text: "Error: [ERROR] terraform-provider-alicloud/alicloud/service_alicloud_ram.go:444: Resource rds-admin ListAccessKeys Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: NoPermission\nRecommend: https://error-center.aliyun.com/status/search?Keyword=NoPermission&source=PopGw\nRequestId: D24CA09B-5F54-579A-AEF1-1244A3CF8DEB\nMessage: You are not authorized to do this action. Resource: acs:ram:*:5497401873779705:user/rds-admin Action: ram:ListAccessKeys",
    },
    Example {
        id: "bad-key",
        label_en: "Wrong AccessKey",
        label_zh: "AccessKey 错误",
        text: "Aliyun.Acs.Core.Exceptions.ClientException: InvalidAccessKeyId.NotFound : Specified access key is not found. + [ RequestId : 0E0AC82F-B026-5C39-91F4-B7E63A2D1332 ]",
    },
];
