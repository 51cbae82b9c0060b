//! Typed calls: every request signs into the action, version, host and parameters the API documents; response
//! bodies in the documented shapes parse; error bodies diagnose like pasted errors.

use super::ram::*;
use super::*;
use crate::finding::Kind;
use crate::grant::target::PrincipalKind;
use crate::sign::{read_received, Received, Secret};
use crate::{diagnose, Catalog};

fn creds() -> Credentials {
    Credentials::new("LTAIapi", "api-secret")
}

fn at() -> Timestamp {
    Timestamp::parse("2024-05-01T10:00:00Z").unwrap()
}

/// Signs `request` with default options and checks what a server would read from it.
fn check<A: Api>(request: &A, action: &str, host: &str, version: &str, params: &[(&str, &str)]) {
    let signed = signed_request(request, &ApiOptions::default(), &creds(), at(), "nonce-1").unwrap();
    assert_eq!((signed.method.as_str(), signed.host.as_str()), ("POST", host), "{action}");
    let (path, raw_query) = signed.path_and_query.split_once('?').unwrap_or((&signed.path_and_query, ""));
    let got = read_received(&Received {
        method: &signed.method,
        path,
        raw_query,
        headers: &signed.headers,
        body: &signed.body,
    })
    .unwrap();
    assert!(got.verify(&Secret::new("api-secret")), "{action}");
    assert_eq!((got.action.as_deref(), got.version.as_deref()), (Some(action), Some(version)));
    let want: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut sorted = want.clone();
    sorted.sort();
    assert_eq!(got.params, sorted, "{action}");
}

#[test]
fn every_request_names_its_action_product_and_parameters() {
    const RAM: (&str, &str) = ("ram.aliyuncs.com", "2015-05-01");
    let user = || "alice".to_string();
    let pname = || "P1".to_string();
    check(&sts::GetCallerIdentity {}, "GetCallerIdentity", "sts.aliyuncs.com", "2015-04-01", &[]);
    let assume = sts::AssumeRole {
        role_arn: "acs:ram::1:role/r".into(),
        role_session_name: "s".into(),
        policy: None,
        duration_seconds: Some(900),
        external_id: None,
    };
    check(
        &assume,
        "AssumeRole",
        "sts.aliyuncs.com",
        "2015-04-01",
        &[("DurationSeconds", "900"), ("RoleArn", "acs:ram::1:role/r"), ("RoleSessionName", "s")],
    );
    check(&ims::GetUser { user_id: "2000".into() }, "GetUser", "ims.aliyuncs.com", "2019-08-15", &[("UserId", "2000")]);
    check(&GetUser { user_name: user() }, "GetUser", RAM.0, RAM.1, &[("UserName", "alice")]);
    check(&ListUsers { marker: Some("m".into()), max_items: None }, "ListUsers", RAM.0, RAM.1, &[("Marker", "m")]);
    check(&ListGroupsForUser { user_name: user() }, "ListGroupsForUser", RAM.0, RAM.1, &[("UserName", "alice")]);
    check(&GetRole { role_name: "r".into() }, "GetRole", RAM.0, RAM.1, &[("RoleName", "r")]);
    check(&ListPoliciesForUser { user_name: user() }, "ListPoliciesForUser", RAM.0, RAM.1, &[("UserName", "alice")]);
    check(
        &ListPoliciesForGroup { group_name: "g".into() },
        "ListPoliciesForGroup",
        RAM.0,
        RAM.1,
        &[("GroupName", "g")],
    );
    check(&ListPoliciesForRole { role_name: "r".into() }, "ListPoliciesForRole", RAM.0, RAM.1, &[("RoleName", "r")]);
    let typed = [("PolicyName", "P1"), ("PolicyType", "Custom")];
    check(&GetPolicy { policy_type: PolicyType::Custom, policy_name: pname() }, "GetPolicy", RAM.0, RAM.1, &typed);
    check(
        &ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: pname() },
        "ListPolicyVersions",
        RAM.0,
        RAM.1,
        &typed,
    );
    check(
        &GetPolicyVersion {
            policy_type: PolicyType::System,
            policy_name: "AliyunECSFullAccess".into(),
            version_id: "v1".into(),
        },
        "GetPolicyVersion",
        RAM.0,
        RAM.1,
        &[("PolicyName", "AliyunECSFullAccess"), ("PolicyType", "System"), ("VersionId", "v1")],
    );
    let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}"#;
    check(
        &CreatePolicy { policy_name: pname(), policy_document: doc.into(), description: Some("by RAM Doctor".into()) },
        "CreatePolicy",
        RAM.0,
        RAM.1,
        &[("Description", "by RAM Doctor"), ("PolicyDocument", doc), ("PolicyName", "P1")],
    );
    check(
        &CreatePolicyVersion {
            policy_name: pname(),
            policy_document: doc.into(),
            set_as_default: true,
            rotate_strategy: None,
        },
        "CreatePolicyVersion",
        RAM.0,
        RAM.1,
        &[("PolicyDocument", doc), ("PolicyName", "P1"), ("SetAsDefault", "true")],
    );
    check(
        &DeletePolicyVersion { policy_name: pname(), version_id: "v2".into() },
        "DeletePolicyVersion",
        RAM.0,
        RAM.1,
        &[("PolicyName", "P1"), ("VersionId", "v2")],
    );
    for (kind, attach, detach, param) in [
        (PrincipalKind::User, "AttachPolicyToUser", "DetachPolicyFromUser", "UserName"),
        (PrincipalKind::Group, "AttachPolicyToGroup", "DetachPolicyFromGroup", "GroupName"),
        (PrincipalKind::Role, "AttachPolicyToRole", "DetachPolicyFromRole", "RoleName"),
    ] {
        let params = [(param, "who"), ("PolicyName", "P1"), ("PolicyType", "Custom")];
        let attachment =
            PolicyAttachment { policy_type: PolicyType::Custom, policy_name: pname(), kind, name: "who".into() };
        check(&AttachPolicy(attachment.clone()), attach, RAM.0, RAM.1, &params);
        check(&DetachPolicy(attachment), detach, RAM.0, RAM.1, &params);
    }
    check(
        &DecodeDiagnosticMessage { encoded_diagnostic_message: "AQEAAAAAY+gzDZ==".into() },
        "DecodeDiagnosticMessage",
        RAM.0,
        RAM.1,
        &[("EncodedDiagnosticMessage", "AQEAAAAAY+gzDZ==")],
    );
}

#[test]
fn hosts_and_algorithm_are_overridable() {
    let options = ApiOptions {
        algorithm: Algorithm::Rpc,
        sts_host: "sts.cn-hangzhou.aliyuncs.com".into(),
        ..ApiOptions::default()
    };
    let s = signed_request(&sts::GetCallerIdentity {}, &options, &creds(), at(), "n").unwrap();
    assert_eq!(s.url().split('?').next(), Some("https://sts.cn-hangzhou.aliyuncs.com/"));
    assert!(s.authorization.is_none() && s.path_and_query.contains("Signature="));
}

// Response bodies in the shapes of the API metadata's examples (values shortened).

#[test]
fn caller_identity_keeps_the_api_field_names() {
    let body = br#"{"IdentityType":"RAMUser","AccountId":"1968132000120000","RequestId":"3C87","PrincipalId":"288774244375210000",
        "UserId":"216959339000000","Arn":"acs:ram::1968132000120000:user/admin"}"#;
    let id = parse_response::<sts::GetCallerIdentity>(200, body).unwrap();
    assert_eq!((id.identity_type.as_str(), id.user_name(), id.role_name()), ("RAMUser", Some("admin"), None));
    let out = serde_json::to_value(&id).unwrap();
    assert_eq!(out["AccountId"], "1968132000120000");
    assert_eq!(out["UserId"], "216959339000000");
    let role = parse_response::<sts::GetCallerIdentity>(
        200,
        br#"{"IdentityType":"AssumedRoleUser","AccountId":"1","PrincipalId":"3:s","RoleId":"3","Arn":"acs:ram::1:assumed-role/ops/s","RequestId":"x"}"#,
    )
    .unwrap();
    assert_eq!(role.role_name(), Some("ops"));
}

#[test]
fn assume_role_credentials_stay_secret() {
    let body = br#"{"RequestId":"6894","AssumedRoleUser":{"AssumedRoleId":"344:alice","Arn":"acs:ram::1:role/adminrole/alice"},
        "Credentials":{"SecurityToken":"tok-canary","Expiration":"2015-04-09T11:52:19Z","AccessKeySecret":"sec-canary","AccessKeyId":"STS.L4a"}}"#;
    let r = parse_response::<sts::AssumeRole>(200, body).unwrap();
    let c = r.credentials.to_credentials();
    assert_eq!((c.access_key_id.as_str(), c.access_key_secret.expose()), ("STS.L4a", "sec-canary"));
    assert_eq!(c.security_token.as_ref().map(Secret::expose), Some("tok-canary"));
    let shown = format!("{r:?}");
    assert!(!shown.contains("sec-canary") && !shown.contains("tok-canary"), "{shown}");
}

#[test]
fn wrapped_lists_parse_into_plain_lists() {
    let users = parse_response::<ListUsers>(
        200,
        br#"{"RequestId":"4B45","IsTruncated":true,"Marker":"EXAMPLE","Users":{"User":[{"UserName":"zhangq","UserId":"2073","CreateDate":"2015-01-23T12:33:18Z"}]}}"#,
    )
    .unwrap();
    assert!(users.is_truncated);
    assert_eq!(
        (users.users.len(), users.users[0].user_name.as_str(), users.marker.as_deref()),
        (1, "zhangq", Some("EXAMPLE"))
    );
    let policies = parse_response::<ListPoliciesForUser>(
        200,
        br#"{"Policies":{"Policy":[{"DefaultVersion":"v1","PolicyName":"OSS-Administrator","AttachDate":"2015-01-23T12:33:18Z","PolicyType":"Custom"},
            {"PolicyName":"AliyunECSReadOnlyAccess","PolicyType":"System","DefaultVersion":"v1"}]},"RequestId":"7B8A"}"#,
    )
    .unwrap();
    let names: Vec<(&str, PolicyType)> =
        policies.policies.iter().map(|p| (p.policy_name.as_str(), p.policy_type)).collect();
    assert_eq!(names, [("OSS-Administrator", PolicyType::Custom), ("AliyunECSReadOnlyAccess", PolicyType::System)]);
    let empty = parse_response::<ListGroupsForUser>(200, br#"{"RequestId":"DA77","Groups":{"Group":[]}}"#).unwrap();
    assert!(empty.groups.is_empty());
    let versions = parse_response::<ListPolicyVersions>(
        200,
        br#"{"RequestId":"7B8A","PolicyVersions":{"PolicyVersion":[{"IsDefaultVersion":false,"PolicyDocument":"{}","VersionId":"v3","CreateDate":"2015-02-26T01:25:52Z"}]}}"#,
    )
    .unwrap();
    assert_eq!(versions.policy_versions[0].version_id, "v3");
    // Written back in the same wrapped shape (what an emulator answers).
    let out = serde_json::to_value(&users).unwrap();
    assert_eq!(out["Users"]["User"][0]["UserName"], "zhangq");
    assert!(out["Users"]["User"][0].get("Email").is_none(), "absent fields stay absent: {out}");
    assert_eq!(serde_json::from_value::<ListUsersResponse>(out).unwrap(), users);
}

/// The wrapped-list reader against what it replaced (an optional `BTreeMap` of lists, its first value): the same
/// list or the same refusal for `null`, an empty map, several keys in either order, a repeated key, a non-list.
#[test]
fn wrapped_lists_read_as_an_optional_map_of_lists_would() {
    let user = |name: &str| format!(r#"{{"UserName":"{name}","UserId":"1"}}"#);
    let (a, b, c) = (user("a"), user("b"), user("c"));
    let inners = [
        "null".to_string(),
        "{}".to_string(),
        format!(r#"{{"User":[{a}]}}"#),
        format!(r#"{{"Z":[{a}],"User":[{b}]}}"#),
        format!(r#"{{"User":[{b}],"A":[{a}]}}"#),
        format!(r#"{{"User":[{a}],"User":[{b},{c}]}}"#),
        format!(r#"{{"User":{a}}}"#),
        "[]".to_string(),
        "7".to_string(),
    ];
    for inner in inners {
        let ours = serde_json::from_str::<ListUsersResponse>(&format!(r#"{{"Users":{inner}}}"#)).map(|r| r.users);
        let map: Result<Option<std::collections::BTreeMap<String, Vec<User>>>, _> = serde_json::from_str(&inner);
        let theirs = map.map(|m| m.and_then(|m| m.into_values().next()).unwrap_or_default());
        assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{inner}");
        assert_eq!(ours.is_err(), theirs.is_err(), "{inner}");
    }
    // Missing altogether: empty too.
    assert!(serde_json::from_str::<ListUsersResponse>("{}").unwrap().users.is_empty());
}

#[test]
fn policies_and_roles_parse_with_their_documents() {
    let p = parse_response::<GetPolicy>(
        200,
        br#"{"Policy":{"DefaultVersion":"v1","PolicyName":"OSS-Administrator","PolicyType":"Custom","AttachmentCount":0},"RequestId":"6978",
            "DefaultPolicyVersion":{"IsDefaultVersion":true,"PolicyDocument":"{\"Version\":\"1\",\"Statement\":[]}","VersionId":"v1"}}"#,
    )
    .unwrap();
    assert_eq!(p.policy.attachment_count, Some(0));
    assert_eq!(p.default_policy_version.unwrap().policy_document, r#"{"Version":"1","Statement":[]}"#);
    let r = parse_response::<GetRole>(
        200,
        br#"{"Role":{"RoleName":"ECSAdmin","RoleId":"9012","Arn":"acs:ram::1:role/ECSAdmin","MaxSessionDuration":3600,"AssumeRolePolicyDocument":"{}"},"RequestId":"04F0"}"#,
    )
    .unwrap();
    assert_eq!((r.role.role_name.as_str(), r.role.max_session_duration), ("ECSAdmin", Some(3600)));
    let v = parse_response::<CreatePolicyVersion>(
        200,
        br#"{"PolicyVersion":{"IsDefaultVersion":true,"PolicyDocument":"{}","VersionId":"v2","CreateDate":"2015-01-23T12:33:18Z"},"RequestId":"9B34"}"#,
    )
    .unwrap();
    assert!(v.policy_version.is_default_version);
    assert_eq!(parse_response::<AttachPolicy>(200, br#"{"RequestId":"6978"}"#).unwrap().request_id, "6978");
}

#[test]
fn decoded_diagnostic_messages_parse() {
    let body = br#"{"RequestId":"D233","DecodedDiagnosticMessage":{"ExplicitDeny":true,"NoPermissionPolicyType":"AccountLevelIdentityBasedPolicy",
        "AuthAction":"ram:DecodeDiagnosticMessage","AuthResource":"*","AuthPrincipal":{"AuthPrincipalType":"SubUser","AuthPrincipalOwnerId":"1968",
        "AuthPrincipalDisplayName":"2887"},"AuthConditions":[{"ConditionKey":"acs:SourceIp","ConditionValues":["1.2.3.4"]}],
        "MatchedPolicies":[{"Effect":"Deny","PolicyIdentifier":"MyPolicyName","PolicyType":"Custom","PolicyVersion":"v1","AttachedEntityType":"RamUser","AttachedScope":"Account"}]}}"#;
    let d = parse_response::<DecodeDiagnosticMessage>(200, body).unwrap().decoded_diagnostic_message;
    assert!(d.explicit_deny);
    assert_eq!(d.auth_principal.auth_principal_display_name.as_deref(), Some("2887"));
    assert_eq!(d.auth_conditions[0].condition_values, ["1.2.3.4"]);
    assert_eq!(d.matched_policies[0].policy_identifier.as_deref(), Some("MyPolicyName"));
}

#[test]
fn ims_gives_the_user_name_behind_an_id() {
    let body = br#"{"RequestId":"1","User":{"UserPrincipalName":"alice@1968.onaliyun.com","UserId":"2887","DisplayName":"Alice"}}"#;
    let u = parse_response::<ims::GetUser>(200, body).unwrap().user;
    assert_eq!((u.user_name(), u.user_id.as_str()), ("alice", "2887"));
}

/// An error response, diagnosed by the engine from [`ApiError::diagnosable_text`].
fn diagnosed<A: Api>(status: u16, body: &str) -> (ApiError, Kind) {
    let err = parse_response::<A>(status, body.as_bytes()).unwrap_err();
    let d = diagnose(&err.diagnosable_text(), &Catalog::empty());
    assert_eq!(d.findings.len(), 1, "{}\n{d:#?}", err.diagnosable_text());
    (err, d.findings[0].kind)
}

#[test]
fn error_responses_are_diagnosed_like_pasted_errors() {
    let attach = r#"{"RequestId":"5F1A","HostId":"ram.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action. Resource: acs:ram:*:1968:policy/P1 Action: ram:AttachPolicyToUser",
        "Recommend":"https://api.aliyun.com/troubleshoot?q=NoPermission","AccessDeniedDetail":{"AuthAction":"ram:AttachPolicyToUser","AuthPrincipalType":"SubUser",
        "AuthPrincipalOwnerId":"1968","AuthPrincipalDisplayName":"2887","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy",
        "EncodedDiagnosticMessage":"AQEAAAAAY+gzDZ=="}}"#;
    let (err, kind) = diagnosed::<AttachPolicy>(403, attach);
    assert_eq!(kind, Kind::MissingPermission);
    let ApiError::Service(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.code.as_str(), e.request_id.as_deref(), e.status), ("NoPermission", Some("5F1A"), 403));
    assert_eq!(e.access_denied_detail.as_ref().unwrap()["AuthAction"], "ram:AttachPolicyToUser");
    let d = diagnose(&err.diagnosable_text(), &Catalog::empty());
    assert_eq!(d.findings[0].actions, ["ram:AttachPolicyToUser"]);

    let deny = attach.replace("ImplicitDeny", "ExplicitDeny");
    assert_eq!(diagnosed::<AttachPolicy>(403, &deny).1, Kind::ExplicitDeny);
    let signature = r#"{"RequestId":"A1","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\nabc"}"#;
    assert_eq!(diagnosed::<GetUser>(400, signature).1, Kind::Signature);
    let key =
        r#"{"RequestId":"A2","Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."}"#;
    assert_eq!(diagnosed::<sts::GetCallerIdentity>(404, key).1, Kind::BadCredentials);
    let token =
        r#"{"RequestId":"A3","Code":"InvalidSecurityToken.Expired","Message":"Specified SecurityToken is expired."}"#;
    assert_eq!(diagnosed::<ListUsers>(400, token).1, Kind::TokenExpired);
}

#[test]
fn unreadable_bodies_say_so_without_panicking() {
    for (status, body) in [(500, "<html>Bad gateway</html>"), (200, "{\"RequestId\":"), (502, ""), (200, "[1,2]")] {
        let err = parse_response::<GetUser>(status, body.as_bytes()).unwrap_err();
        assert!(matches!(&err, ApiError::Unreadable { status: s, .. } if *s == status), "{err:?}");
        assert!(
            err.diagnosable_text().starts_with(&format!("HTTP {status} from ram.aliyuncs.com")),
            "{}",
            err.diagnosable_text()
        );
    }
    // An error status with a JSON body that has no Code still counts as the service's error.
    let err = parse_response::<GetUser>(503, br#"{"Message":"busy"}"#).unwrap_err();
    assert!(matches!(&err, ApiError::Service(e) if e.code == "HTTP503" && e.message == "busy"), "{err:?}");
    // A body of the wrong shape for the call.
    let err =
        parse_response::<GetPolicy>(200, br#"{"RequestId":"x","Policy":{"PolicyName":"p","PolicyType":"Weird"}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("cannot be read"), "{err}");
}
