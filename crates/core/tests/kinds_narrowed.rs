//! The kinds12 rules narrowed to their documented classes (review 12): Function Compute's "unable to access object
//! … in bucket …", ECS's "The role for … is not set to the ECS service.", STS's `AssumeRole` refused in words, a
//! service role's own policy named as not authorized, a dotted code alone on a paste's last line. Each class still
//! holds in its documented shape; the review's pastes (the same words in other shapes) keep the finding they had
//! before these rules.

mod common;

use common::first_kind_code_grant as first;
use common::FORBIDDEN_RAM;
use ram_doctor_core::read::phrases::names_own_role_as_needed;
use ram_doctor_core::Kind;

/// A reader's failure worded "unable to access object" with no bucket after it is no refusal: no finding, no grant.
/// Function Compute's documented shape still is one.
#[test]
fn unable_to_access_object_is_a_refusal_only_in_function_compute_s_shape() {
    for text in [
        "flink job failed: java.io.IOException: Unable to access object oss://bucket/checkpoints/chk-12 (timeout)",
        "ERROR: unable to access object \"data/2024.parquet\": connection reset by peer",
    ] {
        assert_eq!(first(text), None, "{text}");
    }
    let fc = "ErrorCode: AccessDenied, ErrorMessage: unable to access object 'code.zip' in bucket 'my-code'";
    assert!(matches!(first(fc), Some((Kind::MissingPermission, Some(c), _)) if c == "AccessDenied"), "{:?}", first(fc));
}

/// "is not set to the" is ECS's CloudBox sentence only as ECS words it: a setting not set to a value (an
/// environment variable, a field's default) names no service role.
#[test]
fn not_set_to_the_is_a_service_role_only_in_ecs_s_shape() {
    let env = "Error: ALIBABA_CLOUD_ROLE_ARN is not set to the value the credentials service expects";
    assert!(matches!(first(env), Some((Kind::BadCredentials, None, false))), "{:?}", first(env));
    let field = "The role field is not set to the default. Restart the service.";
    assert_eq!(first(field), None);
    assert!(!names_own_role_as_needed(env));
    assert!(!names_own_role_as_needed(field));
    assert!(names_own_role_as_needed("The role for cloud box image import is not set to the ECS service."));
}

/// AssumeRole reported as succeeded, or named in another sentence than the refusal, or beside another API or a
/// product in the refusal's sentence, is not what was refused: the refusal stays the caller's missing permission.
/// Named as refused in the refusal's own sentence it still is a refused AssumeRole.
#[test]
fn assume_role_that_succeeded_or_stands_apart_is_not_the_refusal() {
    for text in [
        "调用 AssumeRole 成功，拿到临时凭证后调用 DescribeInstances 一直提示无权限",
        "AssumeRole 成功了，然后用临时密钥上传文件到 OSS 时提示没有权限",
        "2024-05-01 10:00:01 INFO credentials: AssumeRole ok, role=acs:ram::123456:role/deployer\n\
         2024-05-01 10:00:02 ERROR upload failed: You have no permission to perform this operation",
        "2024-05-01 10:00:01 INFO AssumeRole succeeded for acs:ram::123456:role/deployer, session ci-42\n\
         2024-05-01 10:00:02 INFO listing instances\n\
         2024-05-01 10:00:03 ERROR you do not have permission to perform this operation",
        "We call AssumeRole first. Then ListInstances says: you do not have permission.",
        "AssumeRole works fine; the ECS console says 没有权限",
    ] {
        assert!(matches!(first(text), Some((Kind::MissingPermission, None, _))), "{:?} {text:?}", first(text));
    }
    let logged = "2024-05-01 10:00:01 INFO credentials: AssumeRole ok, role=acs:ram::123456:role/deployer\n\
                  2024-05-01 10:00:02 ERROR ErrorCode: Forbidden.RAM Message: User not authorized to operate on the \
                  specified resource, or this API does not support RAM.";
    assert!(matches!(first(logged), Some((Kind::MissingPermission, Some(c), _)) if c == "Forbidden.RAM"));
    for text in [
        "AssumeRole 调用失败，提示没有权限",
        "AssumeRole not successful: you do not have permission.",
        "Calling AssumeRole fails: access denied.",
    ] {
        assert!(matches!(first(text), Some((Kind::AssumeRole, None, _))), "{:?} {text:?}", first(text));
    }
    let beside = format!("{FORBIDDEN_RAM}\nAssumeRole failed: access denied.");
    assert!(matches!(first(&beside), Some((Kind::MissingPermission, _, _))), "{:?}", first(&beside));
}

/// A service role's own policy merely named (granted to a user, attached) beside a refusal is no missing service
/// role: the refusal stays the caller's. Named as not authorized or missing it still is one.
#[test]
fn a_service_role_policy_merely_named_is_no_missing_service_role() {
    for text in [
        "我给 RAM 用户授权了 AliyunECSAccessingHBRRolePolicy 还是提示没有权限访问 ECS 实例",
        "The RAM user has AliyunOSSFullAccess and AliyunECSInstanceForYundunSystemRolePolicy attached but still gets \
         \"no permission\" when opening the OSS console.",
    ] {
        assert!(matches!(first(text), Some((Kind::MissingPermission, None, true))), "{:?} {text:?}", first(text));
    }
    for text in [
        "安装客户端失败：缺少 AliyunECSAccessingHBRRolePolicy 权限",
        "The AliyunECSAccessingHBRRolePolicy policy is not authorized, access denied.",
    ] {
        assert!(matches!(first(text), Some((Kind::ServiceRoleMissing, None, false))), "{:?} {text:?}", first(text));
    }
}

/// A dotted word under a refusal is a name from its trace, not the code: the refusal keeps its finding. Alone, or
/// under one line that is no error (a question, a heading), it still is the code.
#[test]
fn a_dotted_word_under_a_refusal_is_no_code() {
    for text in [
        "permission denied when calling the api\nTeaException.Unretryable",
        "访问被拒绝\nConfig.Load",
        "ecs DescribeInstances 报 403 Forbidden 无权限\nPlease.Help",
        "提示没有权限访问该资源\nTea.TeaException",
    ] {
        assert!(matches!(first(text), Some((Kind::MissingPermission, None, _))), "{:?} {text:?}", first(text));
    }
    for text in ["After deploy the pod logs show\nThrottling.User", "Throttling.User\n"] {
        assert!(matches!(first(text), Some((Kind::Other, Some(c), false)) if c == "Throttling.User"), "{text:?}");
    }
    assert!(matches!(first("## 用户问题 ：\n Forbidden.RAM  \n"), Some((_, Some(c), _)) if c == "Forbidden.RAM"));
}
