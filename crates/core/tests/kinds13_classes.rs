//! Sweeps and negative controls for the kind and action classes of session 13: the `OperationDenied.*` family's
//! "The operation is not permitted due to …" (a resource's state, type or billing), MaxCompute's `ODPS-0420095`
//! for a project feature left off ("… is not allowed in project config"), the POP gateway's `MissingParameter` for
//! the request's `SecurityToken`, and actions read from words, which must be a known product's API.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{first_kind_code_grant, full_catalog, refusal_lost};
use ram_doctor_core::{diagnose, Kind};

/// Every `(code, message)` of the shards whose message says "The operation is not permitted due to …".
fn not_permitted_due_to() -> Vec<(String, String)> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/shards");
    let mut out = Vec::new();
    for entry in fs::read_dir(data).unwrap() {
        let shard: serde_json::Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for r in shard["errors"].as_array().into_iter().flatten() {
            let (Some(code), Some(message)) = (r[0].as_str(), r[2].as_str()) else { continue };
            if message.to_ascii_lowercase().contains("operation is not permitted due to") {
                out.push((code.to_string(), message.to_string()));
            }
        }
    }
    out
}

/// The documented `OperationDenied.*` family, by its message alone (as an SDK's `ClientException` prints it) and
/// with its code: a resource's state, type or billing refuses the call, whoever makes it — `other`, no grant.
#[test]
fn the_operation_not_permitted_due_to_a_condition_is_no_permission_error() {
    let rows = not_permitted_due_to();
    assert!(rows.len() >= 40, "{}", rows.len());
    let mut wrong = Vec::new();
    for (code, message) in &rows {
        for text in [
            format!("Exception 'ClientException' with message '{message}'\nin /www/vendor/aliyun-openapi-php-sdk/aliyun-php-sdk-core/DefaultAcsClient.php:108"),
            format!("SDK.ServerError\nErrorCode: {code}\nMessage: {message}"),
        ] {
            match first_kind_code_grant(&text) {
                Some((Kind::Other, _, false)) => {}
                got => wrong.push(format!("{got:?} {text:?}")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}\n{}", wrong.len(), wrong.join("\n"));
    // Beside a genuine refusal, the refusal keeps its finding.
    let lost = refusal_lost(rows.iter().map(|(_, m)| m.clone()));
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// MaxCompute's permission FAQ: `ODPS-0420095: Access Denied - Volumes is not allowed in project config.` is a
/// feature of the project left off (activate OSS, apply for volumes): not activated, no grant. The same code for a
/// privilege the user lacks (the code's own page: "You have no privilege 'odps:CreateInstance' on {…}") still gets
/// its grant.
#[test]
fn a_maxcompute_feature_left_off_is_not_activated() {
    let feature = "ODPS-0420095: Access Denied - Volumes is not allowed in project config.";
    for text in [
        format!("[403] com.aliyun.odps.OdpsException: {feature}\n\tat com.aliyun.odps.rest.RestClient.handleErrorResponse(RestClient.java:382)"),
        format!("odps.errors.NoPermission: {feature}"),
        format!("FAILED: {feature}"),
    ] {
        assert_eq!(first_kind_code_grant(&text), Some((Kind::NotActivated, Some("ODPS-0420095".into()), false)), "{text}");
    }
    let privilege = "[403] com.aliyun.odps.OdpsException: ODPS-0420095: Access Denied - You have no privilege 'odps:CreateInstance' on {acs:odps:*:projects/p}";
    let d = diagnose(privilege, full_catalog());
    let f = &d.findings[0];
    assert_eq!((f.kind, f.actions.clone()), (Kind::MissingPermission, vec!["odps:CreateInstance".to_string()]));
    let member = "ODPS-0420095: Access Denied - You don't exist in project p.";
    assert_eq!(first_kind_code_grant(member).map(|(k, _, _)| k), Some(Kind::MissingPermission));
    let lost = refusal_lost([feature.to_string()]);
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// The POP gateway's `MissingParameter` names the parameter left out ("The input parameter \"SecurityToken\" that
/// is mandatory for processing this request is not supplied."): the security token of an STS key is a credential
/// (bad credentials, no grant); any other parameter is a request to fix (`other`).
#[test]
fn a_missing_security_token_parameter_is_a_credential_error() {
    let token = "The input parameter \"SecurityToken\" that is mandatory for processing this request is not supplied.";
    for text in [
        format!("HTTP Status: 400 Error:MissingParameter {token} RequestID: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77"),
        format!("SDK.ServerError\nErrorCode: MissingParameter\nMessage: {token}"),
        format!("ErrorCode : MissingParameter\nErrorMessage : {token}"),
    ] {
        assert_eq!(
            first_kind_code_grant(&text),
            Some((Kind::BadCredentials, Some("MissingParameter".into()), false)),
            "{text}"
        );
    }
    for parameter in ["RegionId", "InstanceId", "SecurityGroupId", "DeploymentSetId"] {
        let text = format!("SDK.ServerError\nErrorCode: MissingParameter\nMessage: The input parameter \"{parameter}\" that is mandatory for processing this request is not supplied.");
        assert_eq!(first_kind_code_grant(&text).map(|(k, _, g)| (k, g)), Some((Kind::Other, false)), "{text}");
    }
    let lost = refusal_lost([format!("Error:MissingParameter {token}")]);
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// Words glued at a colon (`Authorization failed:No privilege`, `denied:Access`) are no action: an action read from
/// words is shaped as a RAM action, whichever system's error it stands in. Controls: real actions in the same sentences, for many products, are kept.
#[test]
fn an_action_from_words_is_a_known_products_api() {
    let catalog = full_catalog();
    for glued in ["failed:No", "denied:Access", "error:Forbidden", "status:Denied", "failed:Permission"] {
        let text = format!(
            "Aliyun OSS error\nAuthorization {glued} privilege 'Create' found for outputs. You have no privilege."
        );
        let d = diagnose(&text, catalog);
        assert!(d.findings.iter().all(|f| f.actions.iter().all(|a| a != glued)), "{text}: {:?}", d.findings);
    }
    let mut checked = 0;
    for p in catalog.products().iter().take(80) {
        let Some(apis) = catalog.apis_of(&p.ram_code) else { continue };
        let Some(action) = apis
            .iter()
            .map(|(_, a)| a.action.clone())
            .find(|a| a.split_once(':').is_some_and(|(svc, name)| svc == p.ram_code && name.len() >= 6))
        else {
            continue;
        };
        let text =
            format!("ErrorCode: InvalidParameter\nMessage: The service role does not have '{action}' permission.");
        let d = diagnose(&text, catalog);
        assert_eq!(d.findings.first().map(|f| f.actions.clone()), Some(vec![action.clone()]), "{text}");
        checked += 1;
    }
    assert!(checked >= 40, "{checked}");
}

/// RAM codes of services the catalog lists no product for (Voice's `dyvms`, billing's `bssapi`, `efc`, Model Studio's `modelstudio` and `bailiancontrol`, `ims`): their actions stated
/// in the documented refusal shapes are still the action the caller lacks, and get their grant.
#[test]
fn an_action_of_a_service_the_catalog_lacks_is_kept() {
    let catalog = full_catalog();
    let actions = [
        "dyvms:SingleCallByTts",
        "bssapi:QueryBill",
        "bssapi:QueryAccountBalance",
        "efc:ListClusters",
        "modelstudio:ListWorkspaces",
        "bailiancontrol:CreateToken",
        "ims:GetUser",
    ];
    for action in actions {
        let svc = action.split_once(':').unwrap().0;
        assert!(catalog.products().iter().all(|p| p.ram_code != svc), "{svc}: a product's code, no test of the class");
        for text in [
            format!("Error: You are not authorized to perform action: {action} on resource acs:{svc}:*:123:*"),
            format!(
                r#"{{"Code":"NoPermission","Message":"You are not authorized to do this action. Action: {action}","RequestId":"1"}}"#
            ),
            format!(
                r#"{{"code":"AccessDenied","message":"Access denied: you are not authorized to perform {action}. Please ask the account owner to grant you the permission."}}"#
            ),
            format!("Error: The user is not authorized to perform {action}. Code: NoPermission"),
            format!("Code: NotAuthorized Message: 您没有权限执行该操作 {action}，请联系主账号授权"),
        ] {
            let d = diagnose(&text, catalog);
            let f = &d.findings[0];
            assert_eq!((f.kind, f.actions.clone()), (Kind::MissingPermission, vec![action.to_string()]), "{text}");
            assert_eq!(first_kind_code_grant(&text).map(|(_, _, g)| g), Some(true), "{text}");
        }
    }
}

/// OSS's bucket-ACL refusal, as an SDK prints it after a signed URL was used.
const OSS_REFUSAL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>You have no right to access this object because of bucket acl.</Message>\n  <RequestId>65F1234567890ABCDEF01234</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>";

fn first_action(text: &str) -> Option<String> {
    diagnose(text, full_catalog()).findings.first().and_then(|f| f.actions.first().cloned())
}

/// Every OSS SDK's signed-URL call takes the HTTP method it signs for (GET by default): signed for a PUT, the URL
/// uploads (`oss:PutObject`); signed with no method or GET, it reads (`oss:GetObject`).
#[test]
fn a_url_signed_for_a_write_is_an_upload() {
    let calls = [
        ("url = bucket.sign_url('{M}', 'dir/a.txt', 3600)", "GET"),
        ("signedURL, err := bucket.SignURL(objectName, oss.HTTP{m}, 60)", "Get"),
        ("GeneratePresignedUrlRequest request = new GeneratePresignedUrlRequest(bucketName, objectName, HttpMethod.{M});\nURL signedUrl = ossClient.generatePresignedUrl(request);", "GET"),
        ("$signedUrl = $ossClient->signUrl($bucket, $object, 3600, \"{M}\");", "GET"),
        ("var uri = client.GeneratePresignedUri(new GeneratePresignedUriRequest(bucketName, key, SignHttpMethod.{m}));", "Get"),
        ("const url = client.signatureUrl('dir/a.txt', { method: '{M}', expires: 3600 });", "GET"),
    ];
    for (call, read) in calls {
        let write = call.replace("{M}", "PUT").replace("{m}", "Put");
        let text = format!("{write}\nrequests.put(url, data=body)\n{OSS_REFUSAL}");
        assert_eq!(first_action(&text).as_deref(), Some("oss:PutObject"), "{text}");
        let get = call.replace("{M}", read).replace("{m}", read);
        let text = format!("{get}\n{OSS_REFUSAL}");
        assert_eq!(first_action(&text).as_deref(), Some("oss:GetObject"), "{text}");
    }
}

/// A signed-URL call's name in prose, or a call whose arguments name no write method, is no upload, whatever
/// English "put"/"POST" stands near it: the method is read only as the SDKs spell it, inside the call's parentheses.
#[test]
fn a_signing_call_named_in_prose_is_no_upload() {
    let signature = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    for name in ["bucket.sign_url", "SignatureUrl", "signatureUrl", "generatePresignedUrl", "SignURL", "signUrl"] {
        for said in [
            format!("I generated a link with {name} and put it in the img src, the browser shows"),
            format!("The download link from {name} fails; we put a CDN in front."),
            format!("{name}(name, {{expires: 3600}}) // then POST the form and put it on our server"),
            format!("url = {name}(\"GET\", key, 3600)  # later we put the report"),
        ] {
            for error in [OSS_REFUSAL, signature] {
                let text = format!("{said}\n{error}");
                assert_ne!(first_action(&text).as_deref(), Some("oss:PutObject"), "{text}");
            }
        }
    }
}

/// A presigned URL printed without its method (V1's `Signature`, V4's `x-oss-signature`, the S3-compatible
/// `X-Amz-Signature`): the GET of a link, unless words near it speak of a write ("After the upload finished I
/// opened…", 上传): then the method is unknown and no action is given, never an upload guessed from prose.
#[test]
fn a_presigned_url_said_to_write_is_an_upload() {
    let host = "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt";
    for query in [
        "OSSAccessKeyId=LTAIexample&Expires=1700000000&Signature=abc%2Fdef",
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAIexample%2F20250101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20250101T000000Z&x-oss-expires=3600&x-oss-signature=abcdef0123",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=abcdef0123",
    ] {
        for (said, action) in [
            ("Uploading via presigned URL:", None),
            ("用签名URL上传文件报错：", None),
            ("After the upload finished I opened the presigned link", None),
            ("Opening the presigned URL:", Some("oss:GetObject")),
        ] {
            let text = format!("{said}\n{host}?{query}\n{OSS_REFUSAL}");
            assert_eq!(first_action(&text).as_deref(), action, "{text}");
        }
    }
}

/// The first finding's kind, product and whether a policy is recommended.
fn kind_product_grant(text: &str) -> Option<(Kind, Option<String>, bool)> {
    let product = diagnose(text, full_catalog()).findings.first().and_then(|f| f.product.clone());
    first_kind_code_grant(text).map(|(k, _, g)| (k, product, g))
}

/// E-MapReduce's OSS connector refuses an AccessKey written into an `oss://` URI (its maintainers: set it in the job's
/// configuration): the client's own rule, about OSS, no grant — whatever wraps it.
#[test]
fn a_key_in_an_oss_uri_is_refused_by_the_connector() {
    let sentence = "Disallow set ak information in OSS URI";
    for text in [
        format!("Exception in thread \"main\" java.lang.IllegalArgumentException: {sentence}.\n\tat com.aliyun.fs.oss.nat.NativeOssFileSystem.initialize(NativeOssFileSystem.java:120)"),
        format!("为什么我按照示例在本地运行时候，出现异常：{sentence}"),
        format!("py4j.protocol.Py4JJavaError: An error occurred while calling o42.textFile.\n: java.io.IOException: {sentence}"),
    ] {
        assert_eq!(kind_product_grant(&text), Some((Kind::Other, Some("oss".into()), false)), "{text}");
    }
    let lost = refusal_lost([format!("java.lang.IllegalArgumentException: {sentence}")]);
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// Function Compute's `AccessDenied` "The service or function doesn't belong to you" (the account id in the
/// endpoint is not the key's account) is Function Compute's, in every client's print, and no grant; FC's refusal of
/// a missing permission still names its action.
#[test]
fn a_function_not_belonging_to_the_caller_is_function_computes_wrong_account() {
    for message in ["The service or function doesn't belong to you.", "The service or function does not belong to you."]
    {
        for text in [
            format!("FCAccessDeniedError: GET /services/video-wrapper failed with 403. requestid: c39a5ca9-c896-ac44-fe6a-230ab01bfc87, message: {message}."),
            format!("Error: {{\n    \"HttpStatus\": 403,\n    \"ErrorCode\": \"AccessDenied\",\n    \"ErrorMessage\": \"{message}\"\n}}"),
            format!("配置成子用户 accountid，会提示 `message: {message}.`"),
        ] {
            assert_eq!(kind_product_grant(&text), Some((Kind::Other, Some("fc".into()), false)), "{text}");
        }
        let lost = refusal_lost([format!("FCAccessDeniedError: message: {message}")]);
        assert!(lost.is_empty(), "{}", lost.join("\n"));
    }
    let refusal = "FCAccessDeniedError: POST /services failed with 403. requestid: ebcca6d9-fca4-4a8e-b380-ea2968d04be7, message: the caller is not authorized to perform 'fc:CreateService' on resource 'acs:fc:cn-shanghai:123:services/*'.";
    let d = diagnose(refusal, full_catalog());
    let f = &d.findings[0];
    assert_eq!((f.kind, f.actions.clone()), (Kind::MissingPermission, vec!["fc:CreateService".to_string()]));
}
