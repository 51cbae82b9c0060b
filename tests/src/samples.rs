//! Errors the journeys paste, as users meet them (shared by the accessibility test and the screenshots).

/// An ECS API error with `AccessDeniedDetail`, as the API returns it.
pub const ECS_FORBIDDEN: &str = r#"{
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
    "PolicyType": "AccountLevelIdentityBasedPolicy"
  }
}"#;

/// The Cloud Backup console's message, with the page context a user pastes along with it.
pub const HBR_CONSOLE: &str =
    "Cloud Backup (HBR) console, Backup Vaults page:\nInsufficient permissions, please contact \
                               the cloud account administrator to grant you the corresponding permissions.";

/// The console's sentence alone.
pub const BARE_CONSOLE: &str =
    "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.";

/// The console's sentence in Chinese near two products: the engine offers both and chooses neither, so the card
/// asks which one with the product picker.
pub const TWO_PRODUCTS_CONSOLE: &str = "Moving snapshots from ECS to OSS\n权限不足，请联系主账号管理员授权";
