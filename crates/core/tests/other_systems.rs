//! Sweep over the other systems' rules ([`ram_doctor_core::diagnose::systems::RULES`]): every rule's documented
//! error texts, in the wrappings users paste, must be said to come from that system — kind `other`, no grant —
//! and the negative controls (the same words beside a genuine Alibaba Cloud error) must stay Alibaba Cloud's.

mod common;

use std::collections::BTreeSet;

use common::full_catalog;
use ram_doctor_core::diagnose::systems::RULES;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Finding, Kind};

/// Each rule's documented texts: the vendor's documented error response or SDK print, as users paste them.
const TEXTS: &[(&str, &[&str])] = &[
    (
        "aws-names",
        &[
            "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied",
            "S3ServiceException [AccessDenied]: Access Denied\n    at throwDefaultError (node_modules/@aws-sdk/smithy-client/dist-cjs/index.js:838:20)",
            "com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 9A2B7C)",
            "Error: AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::b\"",
            // STS's APIs Alibaba Cloud's STS lacks, the service's name (English and Chinese pastes).
            "AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity",
            "调用 AssumeRoleWithWebIdentity 时报错：AccessDenied，未授权",
            "AccessDenied: Cannot call GetSessionToken with session credentials",
            "AccessDenied: Cannot call GetFederationToken with session credentials",
            "我通过 AWS Identity and Access Management (IAM) 角色调用时收到 AccessDenied 错误",
        ],
    ),
    (
        "aws-hosts",
        &[
            "PUT https://s3-us-west-1.amazonaws.com/b/k 403\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
            // S3's expired presigned URL: the same code and message as OSS's, the request sent to AWS.
            "Request URL: https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIAEXAMPLE&Expires=1541396225&Signature=x\n\nthe PUT gives\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Expires>2018-11-05T05:37:05Z</Expires><ServerTime>2018-11-05T06:00:00Z</ServerTime></Error>",
        ],
    ),
    (
        "aws-refusals",
        &[
            "botocore.exceptions.NoCredentialsError: Unable to locate credentials",
            "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
            "Error: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1",
            "CreateCluster Invalid Request: Unable to assume the service linked role. Please verify that the ECS service linked role exists.",
            // S3's expired session token, as an XML body and as the PHP SDK prints it.
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message><RequestId>XXX</RequestId></Error>",
            "ExpiredToken (client): The provided token has expired. - <Error><Code>ExpiredToken</Code></Error>",
            // EC2's `UnauthorizedOperation` with its encoded message: the CLI's print, the console's, a JSON body.
            "An error occurred (UnauthorizedOperation) when calling the StartInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: TU8IMEXAMPLE",
            "Launch Failed - You are not authorized to perform this operation. Encoded authorization failure message: 4GIOHlTkIaWHQD0Q0m6X-abcdefghijklmn",
            r#"{"code": "UnauthorizedOperation", "message": "You are not authorized to perform this operation. Encoded authorization failure message: Q92aQ6EXAMPLE"}"#,
            // IAM's implicit deny in AWS's Chinese documentation.
            "错误：“用户 ci 无权执行以下操作：对资源 key/1 进行 kms:Decrypt，因为没有基于身份的策略允许 kms:Decrypt 操作”",
            "AccessDenied：用户 ci 无权执行 s3:GetObject，因为没有基于资源的策略允许 s3:GetObject 操作",
        ],
    ),
    (
        "iam-explicit-deny",
        &[
            "User: ci-deployer is not authorized to perform: iam:PassRole on resource: role/deploy with an explicit deny in a service control policy",
            "AccessDenied: User: svc is not authorized to perform: kms:Decrypt on resource: key/1 with an explicit deny in an identity-based policy",
        ],
    ),
    (
        "iam-implicit-deny",
        &[
            "AccessDenied: User: svc is not authorized to perform: kms:Decrypt on resource: key/1 because no identity-based policy allows the kms:Decrypt action",
            "User: role/app is not authorized to perform: ecs:RunInstances because no permissions boundary allows the ecs:RunInstances action",
            "AccessDenied: User: ci is not authorized to perform: rds:DescribeDBInstances because no service control policy allows the rds:DescribeDBInstances action",
            "Forbidden: User: ops is not authorized to perform: ecs:cloudServers:list on resource: * because no session policy allows the ecs:cloudServers:list action.",
        ],
    ),
    (
        "iam-implicit-deny-shape",
        &[
            "AccessDenied. User: <user> is not authorized to perform: <action> on resource: <resource> because no <policy_type> policy allows the <action> action.",
            "{\"error_code\":\"Forbidden\",\"error_msg\":\"User: ops is not authorized to perform: ecs:servers:list on resource: * because no trust policy allows the ecs:servers:list action.\"}",
        ],
    ),
    (
        "iam-foreign-action",
        &[
            "Amazon.SecretsManager.AmazonSecretsManagerException: User: ci is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/db",
            "AccessDenied: User: deploy is not authorized to perform: iam:CreateServiceLinkedRole on resource: role/x",
            "Error: AccessDenied: User: build is not authorized to perform: s3:PutObject on resource: b/k",
        ],
    ),
    (
        "azure-storage-message",
        &[
            "<Error><Code>AuthorizationFailure</Code><Message>This request is not authorized to perform this operation.\nRequestId:c4d5a070-d01e-003e-59d2-42f3f1000000\nTime:2022-03-28T18:33:21.4933565Z</Message></Error>",
            "<Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nRequestId:0a1b2c3d-0001-0002-0003-0a1b2c3d4e5f\nTime:2023-01-01T00:00:00.0000000Z</Message></Error>",
            // The message printed on one line.
            "<Error>\n<Code>AuthenticationFailed</Code>\n<Message>\nServer failed to authenticate the request. RequestId:0a1b2c3d-0001-0002-0003-0a1b2c3d4e5f Time:2023-01-01T00:00:00.0000000Z\n</Message>\n</Error>",
        ],
    ),
    (
        "azure-names",
        &[
            r#"{"error":{"code":"AuthorizationFailed","message":"The client 'ci' with object id '1' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/1' or the scope is invalid."}}"#,
            "Code: AuthorizationFailed\nMessage: The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write'\nPUT https://management.azure.com/subscriptions/1/providers/Microsoft.Authorization/roleAssignments/2",
        ],
    ),
    (
        "azure-entra-code",
        &[
            "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.",
            "ClientAuthenticationError: AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.",
        ],
    ),
    (
        "google-status",
        &[
            r#"{"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}"#,
            r#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#,
        ],
    ),
    (
        "google-names",
        &[
            "googleapi: Error 403: Permission 'storage.objects.get' denied on resource (or it may not exist)., forbidden",
            "AccessDeniedException: 403 ci@proj.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object.",
            "ERROR: (gcloud.storage.cp) HTTPError 403: <Error><Code>AccessDenied</Code><Message>Access denied.</Message></Error>",
        ],
    ),
    (
        "google-iam-permission",
        &[
            "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>ci@example.com does not have storage.objects.get access to the Google Cloud Storage object.</Details></Error>",
            "Error 403: builder does not have storage.buckets.list access to the Google Cloud project., forbidden",
            "AccessDenied: svc does not have storage.objects.list access to the Google Cloud Storage bucket.",
        ],
    ),
    (
        "tencent-cos-trace-id",
        &[
            "<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>NWFkYjNi</RequestId><TraceId>OGVmYzZi</TraceId></Error>",
            "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>AccessDenied</Code>\n\t<Message>Access Denied.</Message>\n\t<Resource>/k</Resource>\n\t<RequestId>NjA5YjE0</RequestId>\n\t<TraceId>OGVmYzZi</TraceId>\n</Error>",
            "Error: 403 AccessDenied(Message: Access Denied., RequestId: NjA5YjE0, TraceId: OGVmYzZi)",
        ],
    ),
    (
        "tencent-api3-shape",
        &[
            r#"{"Response":{"Error":{"Code":"UnauthorizedOperation","Message":"请求未授权。"},"RequestId":"r"}}"#,
            "{\n  \"Response\": {\n    \"Error\": {\n      \"Code\": \"UnauthorizedOperation\",\n      \"Message\": \"you are not authorized\"\n    },\n    \"RequestId\": \"r\"\n  }\n}",
        ],
    ),
    (
        "tencent-auth-failure-code",
        &[
            "Code: AuthFailure.SignatureFailure\nMessage: The provided credentials could not be validated. Please check your signature is correct.",
            "AuthFailure.SecretIdNotFound: The SecretId is not found, please ensure that your SecretId is correct.",
        ],
    ),
    (
        "tencent-names",
        &[
            "[TencentCloudSDKError] Code=UnauthorizedOperation, Message=you are not authorized, RequestId=7a8b",
            "[TencentCloudSDKException]message:AuthFailure.SecretIdNotFound-The SecretId is not found requestId:7a8b",
            "qcloud_cos.cos_exception.CosServiceError: {'code': 'AccessDenied', 'message': 'Access Denied.', 'resource': 'b-125/k', 'requestid': 'NjA5', 'traceid': 'OGVm'}",
            "com.qcloud.cos.exception.CosServiceException: Access Denied. (Status Code: 403; Error Code: AccessDenied; Request ID: NjA5)",
            "Error: AccessDenied\nPUT https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k 403",
        ],
    ),
    (
        "tencent-cam-refusal",
        &[
            "[request id:7a8b]you are not authorized to perform operation (cvm:DescribeInstances)\nresource (qcs::cvm:ap-guangzhou:uin/100000000001:instance/*) has no permission",
            "UnauthorizedOperation: you are not authorized to perform operation (tsf:DescribeSimpleApplications)\nresource (qcs::tsf:ap-guangzhou:uin/100000000001:application/*) has no permission",
            // Alibaba Cloud named elsewhere in the paste (a local folder's name) is no sign of the error's own.
            "[request id:7a8b]you are not authorized to perform operation (tcb:DescribeEnvs)\nresource (qcs::tcb:ap-shanghai::env/e-1) has no permission\n\nlocalPath: D:\\sync\\阿里云\\site",
        ],
    ),
    (
        "tencent-cos-named",
        &[
            "访问 COS 时返回403错误码\n<Code>AccessDenied</Code>\n<Message>Access Denied.</Message>",
            "Uploading to the COS bucket failed:\n<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message></Error>",
            "COS 上传失败：\n<Error><Code>InvalidAccessKeyId</Code><Message>The access key Id format you provided is invalid.</Message></Error>",
            // The lead-in above a blank line, and COS on the error's own line.
            "Upload to COS failed:\n\n<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>",
            "COS returned <Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message></Error>",
        ],
    ),
    (
        "tencent-cam-zh-refusal",
        &[
            r#"{"code":4101,"message":"子账号未被主账号授权访问该接口","codeDesc":"UnauthorizedOperation"}"#,
            "4102 未授权访问资源：子账号未被主账号授权访问特定资源，请联系主帐号管理员开通资源权限。",
            "5s › frontend › 请求中的SecretId没有被主账户授权访问本接口。",
        ],
    ),
    (
        "volcano-response-metadata",
        &[
            r#"{"ResponseMetadata":{"RequestId":"202010201722300102","Action":"ListUsers","Version":"2018-01-01","Service":"iam","Region":"cn-north-1","Error":{"Code":"AccessDenied","Message":"User is not authorized to perform: iam:ListUsers"}}}"#,
            "{\n    \"ResponseMetadata\": {\n        \"RequestId\": \"202010201722300102\",\n        \"Action\": \"DescribeInstances\",\n        \"Version\": \"2020-04-01\",\n        \"Service\": \"ecs\",\n        \"Region\": \"cn-beijing\",\n        \"Error\": {\n            \"Code\": \"SignatureDoesNotMatch\",\n            \"Message\": \"The request signature we calculated does not match the signature you provided.\"\n        }\n    }\n}",
            r#"request failed: {"ResponseMetadata": {"RequestId": "2024", "Action": "GetUser", "Version": "2018-01-01", "Service": "iam", "Region": "cn-north-1", "Error": {"Code": "InvalidAccessKey", "Message": "The access key is invalid."}}}"#,
        ],
    ),
    (
        "volcano-names",
        &[
            "volcenginesdkcore.rest.ApiException: (403)\nReason: Forbidden\nHTTP response body: AccessDenied",
            "tos.exceptions.TosServerError: {'message': 'server exception', 'code': 'AccessDenied', 'request_id': '1a2b', 'status_code': 403}",
            "Error: AccessDenied: Access Denied\nPUT https://b.tos-cn-beijing.volces.com/k",
            // Its Chinese names.
            "调用火山引擎接口报错：AccessDenied，没有权限",
            "火山方舟返回 403：无权限访问该模型",
        ],
    ),
    (
        "volcano-tos-headers",
        &[
            // TOS's signed-URL parameter and its headers beside an EC-style error (TOS's codes mirror OSS's `EC`s).
            "<Error><Code>AccessDenied</Code><Message>Request has expired</Message><EC>0002-00000031</EC></Error>\nGET /k?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=0",
            "0002-00000031\n问题描述\nURL 参数 X-Tos-Expires 取值非法。",
            // The page's paragraphs apart: the header word is the error's context, and an EC does not overrule it.
            "0002-00000031\n\n问题描述\n\nURL 参数 X-Tos-Expires 取值非法。\n\n问题原因\n\nURL 签名中的 X-Tos-Expires 参数取值非法。",
            "PUT /k 403\nx-tos-request-id: 1a2b\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
            // TOS's documented error response: its headers, an opaque `HostId` and an `EC` of OSS's shape.
            "HTTP/1.1 403 Forbidden\nserver: TosServer\nx-tos-request-id: 580c15f00eca4e70d84e3c4e036d0b64-ac12\nx-tos-ec: 0003-00000001\n{\"Error\":{\"Code\":\"AccessDenied\",\"RequestId\":\"580c15f00eca4e70d84e3c4e036d0b64-ac12\",\"HostId\":\"kElQBDtQvIsxwFYgDlZVQQszhbHt1234\",\"Message\":\"Access Denied\",\"EC\":\"0003-00000001\"}}",
        ],
    ),
    (
        "volcano-models",
        &[
            // The Doubao models and apps it serves.
            "我已经开通豆包语音了，还是报错“未开通或无权限”",
            "Error code: 403 - {'error': {'code': 'AccessDenied', 'message': 'You do not have access to the model doubao-pro-32k.'}}",
        ],
    ),
    (
        "volcano-ark-codes",
        &[
            // Ark's documented codes in its OpenAI-style error body, as OpenAI's Python client prints it.
            "openai.NotFoundError: Error code: 404 - {'error': {'code': 'ModelNotOpen', 'message': 'Your account 2100000000 has not activated the model m-1. Request id: 0217', 'param': '', 'type': 'NotFound'}}",
            "openai.PermissionDeniedError: Error code: 403 - {'error': {'code': 'AccountOverdueError', 'message': 'The request failed because your account has an overdue balance. Request id: 0217', 'param': '', 'type': 'Forbidden'}}",
            r#"{"error":{"code":"InvalidEndpointOrModel.NotFound","message":"The model or endpoint ep-2024 does not exist or you do not have access to it. Request id: 0217","param":"","type":"NotFound"}}"#,
            r#"{"error":{"code":"InvalidEndpointOrModel.ModelIDAccessDisabled","message":"Accessing the model via Model ID is not allowed for your account. Please use a custom endpoint ID instead. Request id: 0217","type":"NotFound"}}"#,
            r#"{"error":{"code":"InvalidEndpoint.ClosedEndpoint","message":"The request targeted an endpoint that is currently closed or temporarily unavailable. Request ID: 0217","type":"BadRequest"}}"#,
            r#"{"error":{"code":"InvalidEndpoint.NotFound","message":"The request targeted an endpoint that does not exist or is invalid. Request ID: 0217","type":"NotFound"}}"#,
            r#"{"error":{"code":"RateLimitExceeded.EndpointTPMExceeded","message":"The Tokens Per Minute (TPM) limit of the associated endpoint for your account has been exceeded. Request ID: 0217","type":"TooManyRequests"}}"#,
            r#"{"error":{"code":"RateLimitExceeded.FoundationModelRPMExceeded","message":"The Requests Per Minute (RPM) limit of the foundation model has been exceeded. Request ID: 0217","type":"TooManyRequests"}}"#,
        ],
    ),
    (
        "volcano-ark-console",
        &[
            "Error code: 404 - {'error': {'code': 'NotFound', 'message': 'Your account 2100000000 has not activated the model m-1. Please activate the model service in the Ark Console. Request id: 0217'}}",
        ],
    ),
    (
        "huawei-code-shape",
        &[
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail","request_id":"1a2b"}"#,
            r#"{"error_msg":"The API does not exist or has not been published in the environment","error_code":"APIGW.0101","request_id":"1a2b"}"#,
        ],
    ),
    (
        "huawei-names",
        &[
            "huaweicloudsdkcore.exceptions.exceptions.ClientRequestException: {\"status_code\": 403, \"request_id\": \"1a2b\", \"error_code\": \"Forbidden\", \"error_msg\": \"You do not have permission\"}",
            "Error: Forbidden\nPOST https://iam.myhuaweicloud.com/v3/auth/tokens 403",
        ],
    ),
    (
        "huawei-iam-refusal",
        &["Forbidden: User: ci is not authorized to perform action ecs:servers:list on resource *"],
    ),
    (
        "huawei-obs-sdk",
        &[
            "obs: service returned error: Status=403 Forbidden, Code=AccessDenied, Message=Access Denied, RequestId=0000018A1B2C",
            "com.obs.services.exception.ObsException: Error message:Request Error.OBS servcie Error Message. -- ResponseCode: 403, ResponseStatus: Forbidden, XML Error Message: <Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
        ],
    ),
    (
        "kingsoft-names",
        &[
            "com.ksyun.ks3.exception.Ks3ServiceException: [RequestId:1a2b, Resource:/b/k, ErrorCode:AccessDenied, ErrorMessage:Access Denied]",
            "Error: AccessDenied\nPUT https://ks3-cn-beijing.ksyuncs.com/b/k 403",
        ],
    ),
    (
        "baidu-names",
        &[
            "baidubce.exception.BceServerError: Access denied.",
            "com.baidubce.BceServiceException: Access denied. (Status Code: 403; Error Code: AccessDenied; Request ID: 1a2b)",
            "Error: AccessDenied\nPUT https://bj.bcebos.com/b/k 403",
        ],
    ),
    (
        "baidu-ai-sdk-errors",
        &[
            "erniebot.errors.InvalidTokenError: 无权限，请检查访问令牌(access token)",
            "erniebot.errors.PermissionError: 没有权限调用该模型",
            "qianfan.errors.APIError: api return error, code: 110, msg: Access token invalid or no longer valid",
        ],
    ),
    ("jd-names", &["Error: AccessDenied\nPUT https://s3.cn-north-1.jdcloud-oss.com/b/k 403"]),
    ("ctyun-names", &["Error: AccessDenied\nPUT https://oos-cn.ctyunapi.cn/b/k 403 (ctyun)"]),
    (
        "qiniu-names",
        &[
            "Error: AccessDenied\nPUT https://b.s3.cn-east-1.qiniucs.com/k 403 (qiniu)",
            "七牛云上传出错：token expired 25201 seconds ago\nStatusCodeError: 401 - \"{\\\"error\\\":\\\"token expired 25201 seconds ago\\\"}\"",
            "Error: AccessDenied: access denied\nPUT https://upload.qbox.me 403 (七牛云存储)",
        ],
    ),
    (
        "qingcloud-sdk-error",
        &[
            "QingCloud Error: Code (1400), Message (PermissionDenied, resource [i-abc] lack permission)",
            "F0610 01:49:30.300176 1 controllermanager.go:117] Cloud provider could not be initialized: could not init cloud provider \"qingcloud\": QingCloud Error: Code (1200), Message (AuthFailure, illegal access key [AKEXAMPLE])",
            "Error: QingCloud Error: Code (1300), Message (ResourceNotFound, resource [lb-abc] not found)",
        ],
    ),
    (
        "ovh-api-error",
        &[
            "Error: waiting for gateway: OVHcloud API error (status code 403): Client::Forbidden: \"This call has not been granted\" (X-OVH-Query-Id: EU.ext-1.abc.123.def)",
            "error: calling Get /cloud/project/p/kube: OVHcloud API error (status code 401): Client::Unauthorized: \"Invalid credentials\"",
            "403 Forbidden (X-OVH-Query-Id: EU.ext-3.669795c6.3806160.fcc36c62): This call has not been granted",
        ],
    ),
    (
        "ovh-names",
        &["Error: 403 Forbidden: This call has not been granted\nGET https://eu.api.ovh.com/1.0/domain/zone"],
    ),
    (
        "minio-client-error",
        &[
            "$ mc ls test/argo-wf\nmc: <ERROR> Unable to list folder. Access Denied.",
            "mc: <ERROR> Unable to get service info. Access Denied.",
            "mc: <ERROR> Unable to upload `a.txt`. The Access Key Id you provided does not exist in our records.",
        ],
    ),
    (
        "s3-compatible-names",
        &[
            "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message><Resource>/b/k</Resource><RequestId>17A1B2C3D4E5F6A7</RequestId></Error>\n(MinIO server on 192.168.1.5:9000)",
            "versitygw: <Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>",
            "SeaweedFS s3 gateway returned 403: AccessDenied",
            "rustfs: Access Denied.",
            "radosgw: <Error><Code>AccessDenied</Code><BucketName>b</BucketName></Error>",
            "MinIO 上传失败：\n<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>",
        ],
    ),
    (
        "ceph-rgw-request-id",
        &[
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><BucketName>b</BucketName><RequestId>tx00000a1b2c3d4e5f6a7b8-0065a8f0c2-1017-default</RequestId><HostId>1017-default-default</HostId></Error>",
            "<Error><Code>SignatureDoesNotMatch</Code><RequestId>tx000000000000000000001-005f0c5a1b-1017-default</RequestId></Error>",
        ],
    ),
    (
        "qingcloud-names",
        &[
            "Error: permission denied (qingcloud provider)",
            r#"{"code":"permission_denied","message":"permission denied","request_id":"a1","url":"https://docs.qingcloud.com/object_storage/api/object/get.html"}"#,
        ],
    ),
    (
        "openai-key-refusal",
        &[
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
            r#"{"message":"Incorrect API key provided: sk-x. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}"#,
        ],
    ),
    (
        "ai-api-hosts",
        &[
            "POST https://api.deepseek.com/chat/completions 401 {\"error\":{\"message\":\"Authentication Fails (no such user)\",\"type\":\"authentication_error\",\"code\":\"invalid_request_error\"}}",
            "httpx.HTTPStatusError: Client error '401 Unauthorized' for url 'https://api.moonshot.cn/v1/chat/completions'\n{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}",
            "Error code: 401 - {'error': {'message': 'Invalid API Key', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}} (base_url=https://api.groq.com/openai/v1)",
        ],
    ),
    (
        "wechat-names",
        &[
            r#"{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}
POST https://api.weixin.qq.com/cgi-bin/message/custom/send"#,
            r#"GET https://qyapi.weixin.qq.com/cgi-bin/user/get → {"errcode":60011,"errmsg":"no privilege to access/modify contact/party/agent"}"#,
            "wx.cloud.callFunction fail: errCode: -404011 cloud function execution error | errMsg: permission denied",
        ],
    ),
    (
        "wechat-cloud-init",
        &[
            "Error: errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first",
            "thirdScriptError\nCloud API isn't enabled, please call wx.cloud.init first\n    at WAService.js:2:1",
        ],
    ),
    (
        "aws-sdk-print",
        &[
            "Error: AccessDenied: Access Denied\n\tstatus code: 403, request id: 7A1B, host id: x0Yz",
            "UnauthorizedOperation: You are not authorized to perform this operation.\n    at Request.extractError (/app/node_modules/aws-sdk/lib/services/ec2.js:50:35)",
            r#"{"Error":{"Code":"AccessDenied","Message":"Roles may not be assumed by root accounts.","Type":"Sender"}}"#,
            // Java v2's exception tail.
            "software.amazon.awssdk.services.s3.model.S3Exception: Access Denied. (Service: S3, Status Code: 403, Request ID: 1875A693E7ED3C60)",
            "put object failed: `Access Denied. (Service: S3, Status Code: 403, Request ID: 1875A6) (SDK Attempt Count: 1)`",
            "StsException: Access Denied (Service: Sts, Status Code: 403, Request ID: 9c1e)",
        ],
    ),
    (
        "php-s3-class",
        &[
            // The PHP `S3` class's warnings, in S3's words.
            "Warning: S3::getBucket(): [RequestTimeTooSkewed] The difference between the request time and the current time is too large. in /srv/lib/S3.php on line 126",
            "Warning: S3::putObject(): [AccessDenied] Access Denied in /srv/lib/S3.php on line 357",
            "S3::deleteObject(): [SignatureDoesNotMatch] The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            "Warning: S3::getBucket(): [InvalidAccessKeyId] The AWS Access Key Id you provided does not exist in our records. in /srv/lib/S3.php on line 126",
        ],
    ),
    (
        "opaque-host-id",
        &["<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>7A1B2C3D</RequestId><HostId>x0YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789</HostId></Error>"],
    ),
    (
        "akamai-reference",
        &[
            "Access Denied\nYou don't have permission to access \"http://www.example.com/api/\" on this server.\nReference #18.6f2d1402.1700000000.1a2b3c4d",
            "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don't have permission to access \"http&#58;&#47;&#47;www&#46;example&#46;com&#47;\" on this server.<P>Reference&#32;&#35;18&#46;6f2d1402</BODY></HTML>",
        ],
    ),
    (
        "akamai-errors-host",
        &["403 Forbidden: Access Denied. https://errors.edgesuite.net/18.6f2d1402.1700000000.1a2b3c4d"],
    ),
    (
        "nacos-auth",
        &[
            "com.alibaba.nacos.api.exception.NacosException: user not found!",
            "<html><body><h1>Whitelabel Error Page</h1><div>There was an unexpected error (type=Forbidden, status=403).</div><div>unknown user!</div></body></html>",
            "ErrCode:403, ErrMsg:unknown user!",
        ],
    ),
    (
        "rocketmq-acl",
        &[
            "org.apache.rocketmq.client.exception.MQBrokerException: CODE: 1  DESC: org.apache.rocketmq.acl.common.AclException: No accessKey is configured, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:512)",
            "CODE: 1  DESC: AclException: No acl config for rocketmq2",
            "MQBrokerException: CODE: 1 DESC: Check signature failed for accessKey=rocketmq2",
        ],
    ),
    (
        "docker-pull-denied",
        &[
            "Error response from daemon: pull access denied for myapp, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
            "The push refers to repository [docker.io/library/myapp]\ndenied: requested access to the resource is denied",
        ],
    ),
    (
        "docker-hub-hosts",
        &["Error response from daemon: Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password"],
    ),
    (
        "kubernetes-rbac",
        &[
            "Error from server (Forbidden): pods is forbidden: User \"ci\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
            "pods is forbidden: cannot list resource \"pods\" in API group \"\" in the namespace \"x\"",
        ],
    ),
    (
        "github-refusals",
        &[
            "HttpError: Resource not accessible by integration",
            "remote: Permission to owner/repo.git denied to someone.\nfatal: unable to access 'https://github.com/owner/repo.git/': The requested URL returned error: 403",
            "HttpError: Bad credentials",
        ],
    ),
    ("github-host", &["Error: 403 Forbidden\nGET https://api.github.com/repos/o/r/actions/secrets"]),
    ("ssh-publickey", &["git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository."]),
    (
        "local-file-errno",
        &[
            "PermissionError: [Errno 13] Permission denied: '/root/.aliyun/config.json'",
            "Error: EACCES: permission denied, open '/home/u/.aliyun/config.json'",
        ],
    ),
    (
        "windows-error-5",
        &[
            "PermissionError: [WinError 5] Access is denied: 'C:\\\\Users\\\\u\\\\.aliyun'",
            "System error 5 has occurred.\n\nAccess is denied.",
            "发生系统错误 5。\n\n拒绝访问。",
            "System.UnauthorizedAccessException: Access to the path 'C:\\app\\logs' is denied.",
        ],
    ),
    (
        "windows-access-denied-line",
        &[
            "C:\\> sc stop wuauserv\n[SC] OpenService FAILED 5:\n\nAccess is denied.",
            // Quoted whole in a report.
            "同步本地文件夹失败，日志里显示“Access is denied.”",
            "The agent could not read C:\\data: \"Access is denied.\"",
        ],
    ),
    (
        "aliyun-drive",
        &[
            "POST https://openapi.alipan.com/adrive/v1.0/user/getDriveInfo\n{\"code\":\"AccessTokenInvalid\",\"message\":\"AccessToken is invalid. ErrValidateTokenFailed\"}",
            "<Error><Code>SignatureDoesNotMatch</Code><Message>x</Message><HostId>cn-beijing-data.aliyundrive.net</HostId></Error>",
        ],
    ),
    (
        "aliyun-drive-codes",
        &[
            "upload failed: {'code': 'ForbiddenNoPermission.File', 'message': 'No Permission to access resource File'}",
            r#"{"code":"UserNotAllowedAccessResource","message":"user not allowed access resource for violation"}"#,
            r#"failed link: {"code":"ExceedCapacityForbidden","message":"exceed capacity"}"#,
        ],
    ),
    (
        "aliyun-drive-names",
        &["阿里云盘签到失败: {\"code\":\"AccessTokenInvalid\",\"message\":\"not login\",\"requestId\":\"0a0080e2\"}"],
    ),
    ("dingtalk-host", &["{\"errcode\":60011,\"errmsg\":\"no permission\"}\nPOST https://oapi.dingtalk.com/topapi/v2/user/get"]),
    (
        "alipay-taobao-sub-code",
        &[
            r#"{"alipay_trade_query_response":{"code":"40006","msg":"Insufficient Permissions","sub_code":"isv.insufficient-isv-permissions","sub_msg":"ISV权限不足"},"sign":"x"}"#,
            r#"{"alipay_user_info_share_response":{"code":"20001","msg":"Insufficient Token Permissions","sub_code":"aop.invalid-auth-token","sub_msg":"无效的访问令牌"}}"#,
            // The sub code printed after the gateway's message, with no key (PHP payment libraries' print).
            "Get Alipay API Error:Insufficient Permissions - isv.insufficient-isv-permissions",
        ],
    ),
    (
        "alipay-names",
        &[
            "com.alipay.api.AlipayApiException: Insufficient Permissions",
            "Error: Insufficient Permissions\nPOST https://openapi.alipay.com/gateway.do",
        ],
    ),
    ("taobao-names", &["com.taobao.api.ApiException: Insufficient isv permissions"]),
    (
        "open-platform-packages",
        &["Exception in thread \"main\" java.lang.IllegalStateException: 403 Forbidden\n\tat com.alipay.api.internal.util.WebUtils.doPost(WebUtils.java:120)"],
    ),
    (
        "amap-host",
        &["GET https://restapi.amap.com/v3/geocode/geo?key=x\n{\"status\":\"0\",\"info\":\"INVALID_USER_KEY\",\"infocode\":\"10001\"}"],
    ),
    (
        "ezviz-names",
        &[
            "POST https://open.ys7.com/api/lapp/device/list\n{\"code\":\"10002\",\"msg\":\"accessToken异常或过期\"}",
            "EZUIKit 播放失败：{\"code\":\"10002\",\"msg\":\"accessToken异常或过期\"}",
            "EZOpenSDK 返回：子账户token无权限请求",
        ],
    ),
    ("django-rest-detail", &[r#"{"detail": "You do not have permission to perform this action."}"#]),
    (
        "mysql-privileges",
        &[
            "mysql -h rm-x.mysql.rds.aliyuncs.com\nERROR 1045 (28000): Access denied for user 'app'@'10.0.0.1' (using password: YES)",
            "ERROR 1142 (42000): SELECT command denied to user 'ro'@'%' for table 'orders'",
            "java.sql.SQLException: Access denied for user 'root'@'172.16.0.5' (using password: YES)",
            "pymysql.err.OperationalError: (1045, \"Access denied for user 'u'@'1.2.3.4' (using password: YES)\")",
            "Error 1227 (42000): Access denied; you need (at least one of) the SUPER privilege(s) for this operation",
        ],
    ),
    (
        "postgres-privileges",
        &[
            "ERROR:  permission denied for table orders",
            "psycopg2.errors.InsufficientPrivilege: permission denied for schema public",
            "FATAL:  password authentication failed for user \"app\"",
            "org.postgresql.util.PSQLException: ERROR: permission denied for relation users",
            "ERROR:  must be owner of table t",
            "ERROR:  permission denied for view v_orders",
            "ERROR:  permission denied to create database",
        ],
    ),
    (
        "sqlserver-privileges",
        &[
            "Msg 229, Level 14, State 5, Line 1\nThe SELECT permission was denied on the object 'orders', database 'shop', schema 'dbo'.",
            "Msg 262, Level 14, State 1, Line 1\nCREATE DATABASE permission denied in database 'master'.",
            "Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'app'.",
            "The server principal \"app\" is not able to access the database \"shop\" under the current security context.",
        ],
    ),
    (
        "mongodb-privileges",
        &[
            "MongoServerError: not authorized on admin to execute command { listDatabases: 1, $db: \"admin\" }",
            "pymongo.errors.OperationFailure: command find requires authentication, full error: {'ok': 0.0, 'errmsg': 'command find requires authentication', 'code': 13, 'codeName': 'Unauthorized'}",
            "com.mongodb.MongoCommandException: Command failed with error 13 (Unauthorized): 'not authorized on db to execute command { find: \"c\" }'",
            r#"{"ok":0,"errmsg":"Authentication failed.","code":18,"codeName":"AuthenticationFailed"}"#,
        ],
    ),
    (
        "redis-auth",
        &[
            "(error) NOAUTH Authentication required.",
            "ReplyError: WRONGPASS invalid username-password pair or user is disabled.",
            "(error) NOPERM this user has no permissions to run the 'flushall' command",
            "redis.exceptions.ResponseError: ERR invalid password",
        ],
    ),
    (
        "database-allow-list",
        &[
            "FATAL:  no pg_hba.conf entry for host \"1.2.3.4\", user \"app\", database \"db\", SSL off",
            "ERROR 1130 (HY000): Host '1.2.3.4' is not allowed to connect to this MySQL server",
            "(error) ERR illegal address: 1.2.3.4:5678",
        ],
    ),
    (
        "maxcompute-label",
        &[
            "FAILED: ODPS-0420095: Access Denied - Your LABEL is not enough to access column: [phone] of table p.t, LabelSecurity is enabled",
            "Quick BI 查询报表报错: Your LABEL is not enough to access column",
        ],
    ),
    (
        "azure-packages",
        &[
            "Logger: custom_components.azure_tts.tts\nSource: custom_components/azure_tts/tts.py:41\n\nGet token failed, reason: Access Denied",
            "  File \"/usr/lib/python3.11/site-packages/azure/cognitiveservices/speech/speech.py\", line 1040, in speak_text\nRuntimeError: Access Denied",
            "[azure.identity] ERROR 403 Forbidden: Access denied for the requested scope",
            "at com.azure.storage.blob.BlobClient.uploadWithResponse(BlobClient.java:224)\n403 Forbidden: Access Denied",
        ],
    ),
    (
        "tencent-cos-headers",
        &[
            "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>\nx-cos-request-id: NjE2NzQ1YjFfOWQ1",
            "HTTP/1.1 403 Forbidden\nx-cos-request-id: NjFlMmNl\nx-cos-trace-id: OGVmYzZi\n\n<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message></Error>",
            "AccessDenied: Access Denied x-cos-request-id: NjFlMmNlYzBf x-cos-trace-id: OGVmYzZiMmQz",
        ],
    ),
    (
        "volcano-trn-resource",
        &[
            "AccessDenied: User is not authorized to perform: cr:SetUser on resource: trn:cr:cn-beijing:2100000001:instance/cr-test",
            "报错信息：AccessDenied Code:403 User is not authorized to perform: ecs:RunInstances on resource:trn:ecs:cn-beijing:2000000001:instance/*",
            "{\"Code\":\"AccessDenied\",\"Message\":\"User is not authorized to perform: vpc:CreateVpc on resource: trn:vpc:cn-shanghai:2000000001:vpc/*\"}",
            "报错描述:User is not authorized to perform: cr:GetAuthorizationToken on resource:trn cn-****:instance/****",
        ],
    ),
    (
        "aws-appsync-unauthorized",
        &[
            "{\"data\":{\"listTodos\":null},\"errors\":[{\"path\":[\"listTodos\"],\"data\":null,\"errorType\":\"Unauthorized\",\"errorInfo\":null,\"message\":\"Not Authorized to access listTodos on type Query\"}]}",
            "{\n  \"errors\": [\n    {\n      \"errorType\": \"UnauthorizedException\",\n      \"message\": \"You are not authorized to make this call.\"\n    }\n  ]\n}",
        ],
    ),
    (
        "kubernetes-admission",
        &[
            "Error from server (Forbidden): error when creating \"deploy.yaml\": deployments.apps \"web\" is forbidden: unable to create new content in namespace prod because it is being terminated",
            "Error creating: pods \"web-7d4\" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=2, used: limits.cpu=8, limited: limits.cpu=8",
            "Error creating: pods \"web-7d4\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false",
            "Error creating: pods \"job-1\" is forbidden: error looking up service account ci/deployer: serviceaccount \"deployer\" not found",
            "Error creating: pods \"x-1\" is forbidden: unable to validate against any pod security policy: []",
        ],
    ),
    (
        "hive-privileges",
        &[
            "Error: Error while compiling statement: FAILED: HiveAccessControlException Permission denied: Principal [name=etl, type=USER] does not have following privileges for operation CREATETABLE [[OBJECT OWNERSHIP] on Object [type=DATABASE, name=default]] (state=42000,code=40000)",
            "org.apache.hadoop.hive.ql.security.authorization.plugin.HiveAccessControlException: Permission denied: Principal [name=app, type=USER] does not have following privileges for operation QUERY [[SELECT] on Object [type=TABLE_OR_VIEW, name=db.t]]",
        ],
    ),
    (
        "hive-no-privilege",
        &[
            "Authorization failed:No privilege 'Select' found for inputs { database:default, table:orders}. Use SHOW GRANT to get more details.",
            "Error: Error while compiling statement: No privilege 'Drop' found for outputs { database:default, table:hive_demo} (state=42000,code=403)",
            "FAILED: Authorization failed:No privilege 'Create' found for outputs { database:sales}. Use show grant to get more details.",
        ],
    ),
    (
        "taobao-top-refusals",
        &[
            "{\"error_response\":{\"code\":11,\"msg\":\"Insufficient isv permissions\",\"sub_code\":\"isv.permission-api-package-limit\",\"request_id\":\"2swi5veg\"}}",
            "调用淘宝客接口报错：11 Insufficient ISV Permissions",
            "AliExpress API error: 13 Insufficient partner permissions",
        ],
    ),
    (
        "taobao-top-code",
        &[
            "errorcode=12 message=Insufficient user permissions subcode=isv.permission-user-forbidden",
            "{\"error_response\":{\"code\":12,\"msg\":\"Insufficient user permissions\",\"request_id\":\"1\"}}",
            "TOP 返回 12 Insufficient user permissions",
        ],
    ),
    (
        "alipay-gateway-page",
        &[
            "调试错误，请回到请求来源地，重新发起请求。\n错误代码 invalid-signature 错误原因: 验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配",
            "支付宝页面显示：调试错误，请回到请求来源地，重新发起请求。\n错误代码 invalid-app-id 错误原因: 无效的AppID参数",
            "调试错误，请回到请求来源地，重新发起请求。错误代码 insufficient-isv-permissions 错误原因: ISV权限不足",
        ],
    ),
    (
        "distribution-registry-log",
        &[
            "time=\"2023-01-05T10:00:00Z\" level=error msg=\"response completed with error\" err.code=unknown err.detail=\"Access Denied\" err.message=\"unknown error\" http.request.method=PUT http.request.uri=\"/v2/app/blobs/uploads/1\" service=registry",
            "level=error msg=\"An error occured\" err.code=UNKNOWN err.detail=\"Forbidden: Access Denied\" http.request.host=registry.local http.request.uri=\"/v2/web/manifests/latest\"",
        ],
    ),
    (
        "maxcompute-label-column",
        &[
            "com.aliyun.odps.OdpsException: ODPS-0420095: Access Denied - column label of t.phone is higher than your label",
            "ODPS-0420095: Access Denied - 没有列级别的访问权限，请申请该列的 Label 授权",
        ],
    ),
];

/// Whether the plan for `f` recommends any policy.
/// When a missing permission must keep its grant in a negative control.
#[derive(Clone, Copy, PartialEq)]
enum Grants {
    /// Only where the control names the product.
    WithProduct,
    /// Always.
    Always,
}

/// A negative control's check: the text's first finding is Alibaba Cloud's (no other system), of the kind and
/// product given (and never `other` for [`Grants::WithProduct`] controls), and a missing permission
/// keeps its grant; what went wrong, if anything.
fn alibaba_finding_lost(
    text: &str,
    kind: Option<Kind>,
    product: Option<&str>,
    grants_when: Grants,
    catalog: &Catalog,
) -> Option<String> {
    let d = diagnose(text, catalog);
    let Some(f) = d.findings.first() else { return Some(format!("no finding: {text}")) };
    let kind_ok = kind.is_none_or(|k| f.kind == k) && (grants_when == Grants::Always || f.kind != Kind::Other);
    let product_ok = product.is_none_or(|p| f.product.as_deref() == Some(p));
    let grant_needed = f.kind == Kind::MissingPermission && (grants_when == Grants::Always || product.is_some());
    let grant_ok = !grant_needed || grants(f, catalog);
    (f.other_cloud.is_some() || !kind_ok || !product_ok || !grant_ok)
        .then(|| format!("{:?} {:?} {:?} grant={}: {text}", f.other_cloud, f.kind, f.product, grants(f, catalog)))
}

fn grants(f: &Finding, catalog: &Catalog) -> bool {
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, catalog).expect("default options"));
    !grant.system_policies.is_empty() || grant.custom_policy.is_some()
}

#[test]
fn every_rule_has_documented_texts() {
    let named: BTreeSet<&str> = TEXTS.iter().map(|(n, _)| *n).collect();
    let rules: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(rules.len(), RULES.len(), "rule names are unique");
    assert_eq!(named, rules, "every rule has its texts, and every text's rule exists");
}

#[test]
fn every_systems_documented_errors_are_its_own() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    let mut swept = 0;
    for (name, texts) in TEXTS {
        let rule = RULES.iter().find(|r| r.name == *name).expect("a rule of that name");
        for text in *texts {
            swept += 1;
            let d = diagnose(text, catalog);
            let Some(f) = d.findings.first() else {
                failures.push(format!("[{name}] no finding: {text}"));
                continue;
            };
            if f.other_cloud.as_deref() != Some(rule.system.en) || f.kind != Kind::Other || grants(f, catalog) {
                failures.push(format!(
                    "[{name}] {:?} {:?} grant={} (want {}): {text}",
                    f.other_cloud,
                    f.kind,
                    grants(f, catalog),
                    rule.system.en
                ));
            }
            if !f.explanation_zh.contains(rule.system.zh) {
                failures.push(format!("[{name}] Chinese words lack {}: {}", rule.system.zh, f.explanation_zh));
            }
        }
    }
    eprintln!("other systems: {swept} texts over {} rules", RULES.len());
    assert!(failures.is_empty(), "{} of {swept} texts:\n{}", failures.len(), failures.join("\n"));
}

/// The same words beside a genuine Alibaba Cloud error: it stays Alibaba Cloud's, with its grant.
#[test]
fn alibaba_errors_beside_other_systems_words_stay_alibaba_clouds() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    // Missing-permission errors with an Alibaba Cloud host: a missing-permission finding with its grant.
    for text in [
        // A quoted Windows refusal.
        r#"{"HostId":"ecs.cn-hangzhou.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource. \"Access is denied.\"","RequestId":"R-1"}"#,
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\nAccess is denied.",
        // AWS's IAM wording in an Alibaba Cloud error.
        "SDK.ServerError\nErrorCode: NoPermission\nHostId: ram.aliyuncs.com\nMessage: You are not authorized to do this action. User: ci is not authorized to perform: ram:CreateRole",
        // A host on aliyun-inc.com (a catalog endpoint domain, not aliyuncs.com), with a Windows line beside.
        "POST https://ecs-vpc.cn-hangzhou.aliyun-inc.com/?Action=DescribeInstances failed\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nAccess is denied.",
        // A host of another endpoint domain the catalog lists (Drive and Photo Service's).
        "POST https://cn-hangzhou.admin.aliyunpds.com/v2/user/list failed\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nAccess is denied.",
        // Tencent Cloud's Chinese refusal quoted on the next line.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\n# 腾讯云那边报的是：子账号未被主账号授权访问该接口",
        // "ip whitelist" in prose.
        "ErrorCode: NoPermission\nMessage: You are not authorized to do this action. Please check the ip whitelist.\nHostId: ram.aliyuncs.com\nAction: ram:ListUsers",
    ] {
        let d = diagnose(text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        if f.other_cloud.is_some() || f.kind != Kind::MissingPermission || !grants(f, catalog) {
            failures.push(format!("{:?} {:?} grant={}: {text}", f.other_cloud, f.kind, grants(f, catalog)));
        }
    }
    // Alibaba Cloud codes beside another system's words or a look-alike shape: Alibaba Cloud's finding.
    for (text, kind, product) in [
        // SMS's upper-case `isv.` code beside Alipay's words and host.
        (
            "调用支付宝 openapi.alipay.com 成功后发短信失败\n{\"Message\":\"RAM权限DENY\",\"RequestId\":\"R-1\",\"Code\":\"isv.RAM_PERMISSION_DENY\"}",
            None,
            Some("dysms"),
        ),
        (r#"{"Message":"RAM权限DENY","RequestId":"R-1","Code":"isv.RAM_PERMISSION_DENY","sub_msg":"Alipay"}"#, None, Some("dysms")),
        // boto3's dict against OSS: `ResponseMetadata` beside `Error`, not Volcano Engine's shape.
        (
            "{'Error': {'Code': 'SignatureDoesNotMatch', 'Message': 'The request signature we calculated does not match the signature you provided.'}, 'ResponseMetadata': {'RequestId': '65A8F0C2', 'HostId': 'b.oss-cn-hangzhou.aliyuncs.com', 'HTTPStatusCode': 403}}",
            Some(Kind::Signature),
            None,
        ),
        (
            r#"{"ResponseMetadata": {"RequestId": "65A8F0C2", "HTTPStatusCode": 403}, "Error": {"Code": "SignatureDoesNotMatch", "Message": "The request signature we calculated does not match the signature you provided."}, "HostId": "b.oss-cn-hangzhou.aliyuncs.com"}"#,
            Some(Kind::Signature),
            None,
        ),
        (
            r#"{"ResponseMetadata":{"RequestId":"R-1"},"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found.","HostId":"ecs.aliyuncs.com"}"#,
            Some(Kind::BadCredentials),
            None,
        ),
        // Docker pulling from Container Registry: the registry is Alibaba Cloud's.
        (
            "Error response from daemon: pull access denied for registry.cn-hangzhou.aliyuncs.com/ns/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
            None,
            Some("cr"),
        ),
        (
            "The push refers to repository [registry.cn-hangzhou.aliyuncs.com/ns/app]\ndenied: requested access to the resource is denied",
            None,
            Some("cr"),
        ),
        // A MaxCompute permission that is not the label check.
        (
            "ODPS-0420095: Access Denied - You have no privilege 'odps:CreateInstance' on {acs:odps:*:projects/maxcompute_dev}",
            None,
            Some("odps"),
        ),
        // Another system's word inside a longer word is not its word (`JobsException` holds `ObsException`).
        (
            "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\n    at com.example.batch.JobsException.run(JobsException.java:12)",
            Some(Kind::MissingPermission),
            None,
        ),
        // OSS's own expired token: its words are not S3's `ExpiredToken` sentence.
        (
            "<Error><Code>SecurityTokenExpired</Code><Message>The security token you provided has expired.</Message><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId></Error>",
            Some(Kind::TokenExpired),
            Some("oss"),
        ),
        // AWS's Java v2 client talking to OSS: the endpoint is Alibaba Cloud's.
        (
            "S3Exception: Access Denied (Service: S3, Status Code: 403, Request ID: 65A8F0C2)\nendpoint: https://oss-cn-hangzhou.aliyuncs.com",
            None,
            Some("oss"),
        ),
        // Model Studio's OpenAI-compatible mode through OpenAI's client: its own key refusal, no OpenAI key page.
        (
            "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided. ', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}, 'request_id': 'a1b2'}\nbase_url=https://dashscope.aliyuncs.com/compatible-mode/v1",
            Some(Kind::BadCredentials),
            Some("sfm"),
        ),
        // Another vendor's host in the config history, Model Studio's answer now.
        (
            "was api.openai.com, now https://dashscope.aliyuncs.com/compatible-mode/v1\n{\"error\": {\"code\": \"invalid_api_key\", \"message\": \"Invalid API-key provided.\"}}",
            Some(Kind::BadCredentials),
            Some("sfm"),
        ),
        // Drive and Photo Service (a catalog product) shares Aliyun Drive's codes: its host says which.
        (
            "POST https://cn-hangzhou.api.aliyunpds.com/v2/file/list\n{\"code\":\"AccessTokenInvalid\",\"message\":\"AccessToken is invalid.\"}",
            None,
            None,
        ),
    ] {
        let d = diagnose(text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        let kind_ok = kind.is_none_or(|k| f.kind == k);
        let product_ok = product.is_none_or(|p| f.product.as_deref() == Some(p));
        if f.other_cloud.is_some() || !kind_ok || !product_ok {
            failures.push(format!("{:?} {:?} {:?}: {text}", f.other_cloud, f.kind, f.product));
        }
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}

/// The reviewer's classes: a genuine Alibaba Cloud permission error with another system's loose words on a
/// neighbouring line (a stack frame, a comment, the next log line) or in a name users chose (a bucket, a RAM user,
/// a class). The error stays Alibaba Cloud's: a finding without another system, of its kind, with its grant.
#[test]
fn alibaba_errors_with_other_systems_words_on_neighbouring_lines_keep_their_grant() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, product) in [
        // A database's refusal in a comment line under an RDS error.
        ("SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.\nRequestId: 3E1D7C55-8A42-4F0B-9C3D-71A2B6E4F019\n# note: mysql said: Access denied for user 'report'@'%' on the old box", Some("rds")),
        // ossutil's OSS error (its `Ec`), Windows' error 5 on the next line.
        ("Error: oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You have no right to access this object because of bucket acl.\", RequestId=6571C0FFEE12AB34CD56EF78, Ec=0003-00000001\n[WinError 5] Access is denied: 'D:\\\\cache\\\\tmp.part'", Some("oss")),
        // A user whose name holds Aliyun Drive's name, under an ECS error's `Host`.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHost: ecs.cn-shanghai.aliyuncs.com\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F60718\nUser: aliyunpan-nightly", Some("ecs")),
        // A bucket named after Aliyun Drive, in the OSS error's resource.
        ("{\"Code\":\"AccessDenied\",\"Message\":\"You have no right to access this object because of bucket acl.\",\"RequestId\":\"6571C0FFEE12AB34CD56EF79\",\"HostId\":\"aliyundrive-archive.oss-cn-beijing.aliyuncs.com\",\"Resource\":\"acs:oss:*:*:aliyundrive-archive/2024/x.zip\"}", Some("oss")),
        // ossutil listing such a bucket.
        ("$ aliyun oss ls oss://aliyunpan-backups\nError: oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage=\"You do not have read acl permission on this object.\", RequestId=6571C0FFEE12AB34CD56EF7A, Ec=0003-00000001", Some("oss")),
        // A MongoDB log line, then OSS's refusal on the next log line (its own finding).
        ("2025-02-11 08:14:03 ERROR [db] MongoServerError: not authorized on reports to execute command { find: \"jobs\" }\n2025-02-11 08:14:04 ERROR [oss] AccessDenied: You have no right to access this object because of bucket acl. RequestId: 6571C0FFEE12AB34CD56EF7B, Ec=0003-00000001", Some("oss")),
        // The Java OSS SDK's exception with a user's class named after Aliyun Drive in a frame.
        ("com.aliyun.oss.OSSException: You have no right to access this object because of bucket acl.\n[ErrorCode]: AccessDenied\n[RequestId]: 6571C0FFEE12AB34CD56EF7C\n[HostId]: media.oss-cn-hangzhou.aliyuncs.com\n\tat com.aliyun.oss.common.utils.ExceptionFactory.createOSSException(ExceptionFactory.java:104)\n\tat com.example.sync.AliyunDriveMirror.push(AliyunDriveMirror.java:55)", Some("oss")),
        // .NET's OSS exception, a Windows refusal of a local path on another line (its own finding).
        ("Aliyun.OSS.Common.OssException: You have no right to access this object because of bucket acl.\n   at Aliyun.OSS.Common.Handlers.ErrorHandler.Handle(ServiceResponse response)\n   at Example.Jobs.Export.Run() in C:\\build\\Export.cs:line 17\nearlier: System.UnauthorizedAccessException: Access to the path 'C:\\temp\\out.csv' is denied.", Some("oss")),
        // RDS console's refusal, a database's refusal quoted after it on the same line.
        ("RDS 控制台：您没有权限执行 ModifySecurityIps 操作，请联系主账号授权。附应用日志 Access denied for user 'svc'@'%'", Some("rds")),
        // A MaxCompute authorization failure whose tips name a column's label.
        ("FAILED: ODPS-0130013:Authorization exception - Authorization Failed [4019], You have NO privilege 'odps:Select' on {acs:odps:*:projects/sales/tables/orders}. Context ID:7f1e. --->Tips: Pricipal:RAM$analyst@demo.onaliyun.com; column label of orders.amount is 1", Some("odps")),
        // Data Online Migration from Qiniu or QingStor: the source named above RAM's refusal.
        ("在线迁移服务创建迁移任务失败（源：七牛云 Kodo，目标：OSS）\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.\nRequestId: 6B2C1D3E-0000-4A5B-8C9D-112233445566", None),
        // An OSS error (its `Ec`) under a Node refusal of a local file.
        ("Error: EACCES: permission denied, open '/home/ci/.npmrc'\nOSS: AccessDenied You have no right to access this object because of bucket acl. RequestId: 6571C0FFEE12AB34CD56EF7D Ec: 0003-00000001", Some("oss")),
    ] {
        let d = diagnose(text, catalog);
        let found = d.findings.iter().find(|f| f.kind != Kind::Other);
        let ok = found.is_some_and(|f| {
            f.other_cloud.is_none() && grants(f, catalog) && product.is_none_or(|p| f.product.as_deref() == Some(p))
        });
        if !ok {
            let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind, &f.product)).collect();
            failures.push(format!("{got:?}: {text}"));
        }
    }
    // No product to grant on (no host, no product's name): the finding stays Alibaba Cloud's permission error.
    for text in [
        // Tea's NoPermission, a path named after Aliyun Drive in the traceback.
        "Traceback (most recent call last):\n  File \"/opt/aliyunpan-sync/main.py\", line 31, in run\n    client.describe_instances(req)\nTea.exceptions.TeaException: Error: NoPermission code: 403, You are not authorized to do this action. You should be authorized by RAM. request id: 4C2B9E10-7D3A-4F61-8B25-0E9A1D3C5F72",
        // Tea's NoPermission, a frame whose name starts like MongoDB's error class.
        "Error: NoPermission code: 403, You are not authorized to do this action. You should be authorized by RAM. request id: 4C2B9E10-7D3A-4F61-8B25-0E9A1D3C5F73\n    at Client.doRPCRequest (/app/node_modules/@alicloud/openapi-client/dist/client.js:301:27)\n    at MongoServerErrorMapper.wrap (/app/lib/errors.js:12:3)",
        // Java Tea's NoPermission print with an Alipay SDK frame below.
        "com.aliyun.tea.TeaException: code: 403, You are not authorized to do this action. You should be authorized by RAM. request id: 4C2B9E10-7D3A-4F61-8B25-0E9A1D3C5F74\n\tat com.aliyun.teaopenapi.Client.doRPCRequest(Client.java:318)\n\tat com.alipay.api.internal.util.AlipayLogger.logBizError(AlipayLogger.java:77)",
        // A RAM user named after Aliyun Drive, in the console's sentence with its code.
        "RAM 用户 aliyunpan-robot 调用 DescribeRegions 报错：您没有权限执行此操作 (Forbidden.RAM)",
        // The console's refusal naming the action, a RAM user named in Chinese after Aliyun Drive.
        "您没有权限执行 ecs:StopInstance 操作。RAM 用户：阿里云盘同步助手",
        // The console's refusal of RAM, the machine's Windows named, Windows' bare refusal line below.
        "无权限访问：当前 RAM 用户没有 ecs:DescribeDisks 权限。操作系统 Windows Server 2022\nAccess is denied.",
        // Another system's words on a line after a Forbidden.RAM block: a local file's errno.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F60719\n  File \"/srv/job.py\", line 9: PermissionError: [Errno 13] Permission denied: '/var/log/job.log'",
        // … DingTalk's robot URL.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F6071A\nalert sent to https://oapi.dingtalk.com/robot/send?access_token=abc",
        // … AMap's API host.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F6071B\ngeocoded via https://restapi.amap.com/v3/geocode/geo first",
        // … GitHub's API host.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F6071C\nrelease notes fetched from https://api.github.com/repos/example/tool/releases",
        // … QingStor named as Data Online Migration's source above it.
        "migrate qingcloud qingstor -> oss\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.\nRequestId: 6B2C1D3E-0000-4A5B-8C9D-112233445567",
        // … the QingCloud SDK's print on a note line under it.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 6B2C1D3E-0000-4A5B-8C9D-112233445569\n# the old cluster said: QingCloud Error: Code (1400), Message (PermissionDenied, x)",
        // Another AI vendor's host on a config line above RAM's refusal.
        "# fallback model: https://api.openai.com/v1\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.\nRequestId: 6B2C1D3E-0000-4A5B-8C9D-112233445568",
        // … Kubernetes' `in API group`.
        "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 0B7E4A21-5C3D-4E8F-A1B2-C3D4E5F6071D\nthe operator watches deployments in API group \"apps\"",
    ] {
        let d = diagnose(text, catalog);
        let first = d.findings.first();
        if !first.is_some_and(|f| f.other_cloud.is_none() && f.kind != Kind::Other) {
            let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
            failures.push(format!("{got:?}: {text}"));
        }
    }
    // A push to Container Registry whose base image came from Docker Hub: the registry that refused is Alibaba
    // Cloud's.
    let text = "$ docker push registry.cn-shanghai.aliyuncs.com/team/api:2.3\nThe push refers to repository [registry.cn-shanghai.aliyuncs.com/team/api]\ndenied: requested access to the resource is denied\n# built FROM index.docker.io/library/python:3.12";
    let d = diagnose(text, catalog);
    if !d.findings.first().is_some_and(|f| f.other_cloud.is_none() && f.product.as_deref() == Some("cr")) {
        failures.push(format!("{:?}: {text}", d.findings.first().map(|f| &f.other_cloud)));
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}

/// The words of session 10's rules (AWS's hosts and STS APIs, IAM's implicit deny, Google's permission names,
/// Nacos's auth, the drive platform's codes, Tencent CAM's refusal, EZVIZ's SDKs, Windows' quoted refusal) beside a genuine
/// Alibaba Cloud error: the first finding stays Alibaba Cloud's (no other system, not `other`), of its kind and
/// product, and a missing permission with its product keeps its grant.
#[test]
fn alibaba_errors_beside_shared_iam_and_platform_words_keep_their_finding() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, kind, product) in [
        // An OSS refusal (its `EC`, its host) under a note naming S3's host.
        ("# moved off s3.amazonaws.com last week\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>6571C0FFEE12AB34CD56EF80</RequestId><HostId>media.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>", Some(Kind::MissingPermission), Some("oss")),
        // RAM's refusal with AWS's implicit-deny sentence quoted on a note line.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\n# on AWS the same call said: because no identity-based policy allows the ec2:RunInstances action", Some(Kind::MissingPermission), Some("ecs")),
        // STS's NoPermission, AWS's federation API named in a note.
        ("ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.\nHostId: sts.aliyuncs.com\n# the AWS equivalent is AssumeRoleWithWebIdentity", None, Some("sts")),
        // RAM's refusal naming a RAM action after `perform: ` (a known RAM code).
        ("ErrorCode: NoPermission\nMessage: User: ci is not authorized to perform: ram:CreateRole\nHostId: ram.aliyuncs.com", None, Some("ram")),
        // Drive and Photo Service's own answer of the shared code family: its host says which.
        ("POST https://cn-hangzhou.api.aliyunpds.com/v2/file/get\n{\"code\":\"ForbiddenNoPermission.File\",\"message\":\"No Permission to access resource File\"}", None, None),
        // Tencent CAM's refusal quoted under RAM's, in the error's lines.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource. (was: you are not authorized to perform operation (cvm:DescribeInstances))\nHostId: ecs.cn-hangzhou.aliyuncs.com", Some(Kind::MissingPermission), Some("ecs")),
        // Google's permission sentence on a line after RAM's refusal of an OSS call.
        ("<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>6571C0FFEE12AB34CD56EF81</RequestId><HostId>media.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>\n# GCS had said: ci does not have storage.objects.get access to the object", Some(Kind::MissingPermission), Some("oss")),
        // The console's refusal quoting Windows' sentence.
        ("RAM 控制台提示：您没有权限执行 ecs:StopInstance 操作 (Forbidden.RAM)，“Access is denied.”", Some(Kind::MissingPermission), None),
        // The camera platform's SDK named on a note line under RAM's refusal of an ECS call (its host).
        ("POST https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeInstances\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\n# the player page embeds EZUIKit", Some(Kind::MissingPermission), Some("ecs")),
        // Nacos's refusal on a line after RAM's refusal of an MSE call (its host in the error).
        ("POST https://mse.cn-hangzhou.aliyuncs.com/?Action=ListClusters\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 6B2C1D3E-0000-4A5B-8C9D-112233445569\nthen the config client: user not found!", Some(Kind::MissingPermission), Some("mse")),
    ] {
        failures.extend(alibaba_finding_lost(text, kind, product, Grants::WithProduct, catalog));
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}

/// Volcano Engine's names and Ark's words, WeChat's hosts, the PHP `S3` class's print and EC2's encoded message beside
/// a genuine Alibaba Cloud error (and OSS's own S3-compatible words): the error stays Alibaba Cloud's.
#[test]
fn alibaba_errors_beside_ark_wechat_and_s3_client_words_stay_alibaba_clouds() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, kind, product) in [
        // Volcano Engine's names on a note line under RAM's refusal of an ECS call.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\n# 之前用的是火山引擎的豆包模型，火山方舟上没这个问题", Some(Kind::MissingPermission), Some("ecs")),
        // Model Studio's key refusal, the config naming a Doubao model it replaced.
        ("model: doubao-pro-32k -> qwen-plus\nbase_url=https://dashscope.aliyuncs.com/compatible-mode/v1\n{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\",\"request_id\":\"a1b2\"}", Some(Kind::BadCredentials), Some("sfm")),
        // The PHP `S3` class talking to OSS: OSS's own message and endpoint.
        ("Warning: S3::getBucket(): [AccessDenied] You have no right to access this object because of bucket acl. in /srv/lib/S3.php on line 126\nS3::setEndpoint('oss-cn-hangzhou.aliyuncs.com')", None, Some("oss")),
        // The PHP `S3` class talking to OSS, OSS's own documented messages alone in its warning (no endpoint printed).
        ("Warning: S3::putObject(): [AccessDenied] You have no right to access this object because of bucket acl. in /srv/lib/S3.php on line 358", Some(Kind::MissingPermission), Some("oss")),
        ("Warning: S3::getBucket(): [InvalidAccessKeyId] The OSS Access Key Id you provided does not exist in our records. in /srv/lib/S3.php on line 126", Some(Kind::BadCredentials), Some("oss")),
        // OSS's other AccessDenied messages, in the same class's print.
        ("Warning: S3::putObject(): [AccessDenied] You have no right to access this object. in /var/www/S3.php on line 358", Some(Kind::MissingPermission), Some("oss")),
        ("Warning: S3::putObject(): [AccessDenied] AccessDenied by bucket policy. in /var/www/S3.php on line 358", Some(Kind::ExplicitDeny), Some("oss")),
        ("Warning: S3::getObject(): [AccessDenied] Anonymous user has no right to access this bucket. in /var/www/S3.php on line 358", Some(Kind::MissingPermission), Some("oss")),
        // Model Studio's key refusal by the DashScope SDK, an app's model list naming a Doubao model on the line above.
        ("[models] loaded: qwen-max, doubao-pro-32k, deepseek-v3\nERROR dashscope call failed: status_code=401, code=InvalidApiKey, message=Invalid API-key provided.", Some(Kind::BadCredentials), Some("sfm")),
        ("provider list: 豆包, 通义千问\nERROR dashscope call failed: status_code=401, code=InvalidApiKey, message=Invalid API-key provided.", Some(Kind::BadCredentials), Some("sfm")),
        // OSS's own clock-skew answer (the same code and sentence as S3's).
        ("<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestId>6571C0FFEE12AB34CD56EF90</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0002-00000504</EC></Error>", Some(Kind::Signature), Some("oss")),
        // An OSS V1 signed URL in the S3-compatible form (`AWSAccessKeyId`), OSS's refusal.
        ("GET https://b.oss-cn-hangzhou.aliyuncs.com/k.zip?AWSAccessKeyId=LTAI5tEXAMPLE&Expires=1700000000&Signature=x\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>6571C0FFEE12AB34CD56EF91</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>", Some(Kind::MissingPermission), Some("oss")),
        // RAM's refusal with its own encoded diagnostic message.
        ("ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.\nEncodedDiagnosticMessage: AQEAAAAAaEXAMPLE\nHostId: ram.aliyuncs.com", None, None),
        // EC2's encoded-message sentence quoted on a note line under RAM's refusal of an ECS call.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\n# on AWS it said: Encoded authorization failure message: abc", Some(Kind::MissingPermission), Some("ecs")),
        // SMS's refusal after a WeChat API call in the same log.
        ("POST https://api.weixin.qq.com/cgi-bin/message/template/send ok\n{\"Message\":\"RAM权限DENY\",\"RequestId\":\"R-1\",\"Code\":\"isv.RAM_PERMISSION_DENY\"}", None, Some("dysms")),
    ] {
        failures.extend(alibaba_finding_lost(text, kind, product, Grants::Always, catalog));
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}

/// AWS's host on a line of the context, then a refusal in words every cloud prints (EC2's `UnauthorizedOperation`,
/// IAM's and STS's `AccessDenied` sentences): the generic sentence is not RAM's, so the host says whose error it
/// is. Beside RAM's sentences only Alibaba Cloud prints, the host yields: the error is Alibaba Cloud's.
#[test]
fn generic_refusals_under_an_aws_host_stay_aws_and_ram_only_sentences_stay_alibaba_clouds() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for host in
        ["https://sts.eu-central-1.amazonaws.com", "ec2.ap-southeast-2.amazonaws.com", "https://iam.amazonaws.com/"]
    {
        for sentence in [
            "An error occurred (UnauthorizedOperation): You are not authorized to perform this operation.",
            "Error: AccessDenied: You do not have permission to call this API.",
            "AccessDeniedException: The caller has no permission for this request.",
            "AccessDenied - not authorized to perform the requested action",
        ] {
            let text = format!("region endpoint = {host}\n\n{sentence}");
            let d = diagnose(&text, catalog);
            let ok = d
                .findings
                .first()
                .is_some_and(|f| f.kind == Kind::Other && f.other_cloud.as_deref().is_some_and(|c| c.contains("AWS")));
            if !ok {
                let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
                failures.push(format!("{got:?}: {text}"));
            }
        }
        // Negative controls: RAM's own sentences under the same host line.
        for sentence in [
            "ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.",
            "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource, or this API doesn't support RAM.",
            "code: 403, Access denied by authorizer's policy. request id: 5D1A7C2E-9B3F-4E21-A6C8-1F0E2D3C4B5A",
        ] {
            let text = format!("region endpoint = {host}\n\n{sentence}");
            let d = diagnose(&text, catalog);
            if !d.findings.first().is_some_and(|f| f.other_cloud.is_none() && f.kind != Kind::Other) {
                let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
                failures.push(format!("control {got:?}: {text}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// `"Access is denied."` as the value of a JSON or dict key is a service's answer (its code says whose), not
/// Windows' refusal quoted in prose; in prose, straight or typographic quotes, it stays Windows'.
#[test]
fn access_is_denied_as_a_json_value_is_not_windows() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for text in [
        r#"{"RequestId":"7E1F0A2B-3C4D-4E5F-9A8B-7C6D5E4F3A2B","Code":"Forbidden","Message":"Access is denied."}"#,
        r#"{"code": "AccessDenied", "message": "Access is denied.", "requestId": "2B8C4D6E-1F3A-4B5C-8D7E-9F0A1B2C3D4E"}"#,
        "resp = {'Code': 'Forbidden.RAM', 'Message': \"Access is denied.\"}",
    ] {
        let d = diagnose(text, catalog);
        if !d.findings.first().is_some_and(|f| f.other_cloud.is_none() && f.kind != Kind::Other) {
            let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
            failures.push(format!("{got:?}: {text}"));
        }
    }
    for text in
        ["The sync client logged \"Access is denied.\" for D:\\share", "备份客户端报告“Access is denied.”，文件读不到"]
    {
        let d = diagnose(text, catalog);
        let ok = d
            .findings
            .first()
            .is_some_and(|f| f.kind == Kind::Other && f.other_cloud.as_deref().is_some_and(|c| c.contains("Windows")));
        if !ok {
            let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
            failures.push(format!("windows {got:?}: {text}"));
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// Another system's refusal on a line after a RAM refusal only Alibaba Cloud prints, with no host in the error
/// (Nacos's `user not found!` / `unknown user!`): RAM's sentence says whose the error is (Alibaba Cloud's finding,
/// not `other`); the word yields.
#[test]
fn ram_only_sentences_overrule_another_systems_refusal_in_the_same_error() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (head, tail) in [
        (
            "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nRequestId: 3F2E1D0C-5B4A-4938-8776-655443322110",
            "then the registry client said: unknown user!",
        ),
        (
            "Error: NoPermission code: 403, You are not authorized to do this action. You should be authorized by RAM. request id: 3F2E1D0C-5B4A-4938-8776-655443322111",
            "nacos config listener: user not found!",
        ),
    ] {
        let text = format!("{head}\n{tail}");
        let d = diagnose(&text, catalog);
        if !d.findings.first().is_some_and(|f| f.other_cloud.is_none() && f.kind != Kind::Other) {
            let got: Vec<_> = d.findings.iter().map(|f| (&f.other_cloud, f.kind)).collect();
            failures.push(format!("{got:?}: {text}"));
        }
    }
    // Without RAM's sentence the refusal stays Nacos's.
    let d = diagnose("caused by nacos client: user not found!", catalog);
    assert!(
        d.findings.first().is_some_and(|f| f.kind == Kind::Other && f.other_cloud.is_some()),
        "Nacos's own refusal: {:?}",
        d.findings.first().map(|f| (&f.other_cloud, f.kind))
    );
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// Self-hosted S3-compatible stores' words (MinIO's client and SDKs, Ceph RGW), OVHcloud's print, SQL Server's
/// refusals and COS named beside a genuine Alibaba Cloud error: the error stays Alibaba Cloud's, with its grant.
#[test]
fn alibaba_errors_beside_s3_compatible_ovh_and_sql_server_words_stay_alibaba_clouds() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, kind, product) in [
        // MinIO's Go SDK pointed at OSS: OSS's own message, EC and host.
        ("minio-go PutObject failed:\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>6571C0FFEE12AB34CD56EF92</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>", Some(Kind::MissingPermission), Some("oss")),
        // The MinIO client with an alias on OSS's endpoint.
        ("$ mc alias set oss https://oss-cn-hangzhou.aliyuncs.com LTAI5tEXAMPLE secret\n$ mc ls oss/b\nmc: <ERROR> Unable to list folder. You have no right to access this object because of bucket acl.", None, Some("oss")),
        // OVHcloud's print on a note line under RAM's refusal of an ECS call.
        ("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\nHostId: ecs.cn-hangzhou.aliyuncs.com\n# the OVH provider said: OVHcloud API error (status code 403): Client::Forbidden", Some(Kind::MissingPermission), Some("ecs")),
        // SQL Server's login refusal on a line before RAM's refusal of an RDS call.
        ("app log: Login failed for user 'app'.\nPOST https://rds.aliyuncs.com/?Action=CreateDatabase\nErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.", Some(Kind::MissingPermission), Some("rds")),
        // COS named on a note line under OSS's refusal.
        ("<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>6571C0FFEE12AB34CD56EF93</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>\n# migrated from COS last month", Some(Kind::MissingPermission), Some("oss")),
    ] {
        failures.extend(alibaba_finding_lost(text, kind, product, Grants::Always, catalog));
    }
    // boto3 against OSS: the call print's operation is not read as an AWS action.
    let text = "endpoint_url='https://oss-cn-hangzhou.aliyuncs.com'\nbotocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetBucketLocation operation: You have no right to access this object because of bucket acl.";
    let d = diagnose(text, catalog);
    let f = d.findings.first().expect("a finding");
    if f.other_cloud.is_some() || f.actions.iter().any(|a| a.starts_with("s3:")) {
        failures.push(format!("{:?} {:?}: {text}", f.other_cloud, f.actions));
    }
    assert!(failures.is_empty(), "{} negative controls failed:\n{}", failures.len(), failures.join("\n"));
}

/// Another cloud's finding keeps the action and code its own print states (AWS's call print with its operation's
/// service, IAM's refusal wrapped or in Markdown's bold, OVHcloud's class, Tencent's SDK code inside a gRPC status),
/// and an operation whose service the print does not say stays without one.
#[test]
fn other_clouds_keep_their_printed_action_and_code() {
    let catalog = full_catalog();
    let mut failures = Vec::new();
    for (text, action, code) in [
        ("botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the CreateRole operation: The security token included in the request is expired", Some("iam:CreateRole"), Some("ExpiredToken")),
        ("An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.", Some("sts:AssumeRole"), Some("AccessDenied")),
        ("ERROR s3.py L43: Failed to get bucket location: An error occurred (AccessDenied) when calling the GetBucketLocation operation: Access Denied", Some("s3:GetBucketLocation"), Some("AccessDenied")),
        ("$ aws s3 ls\n\nAn error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: The AWS Access Key Id you provided does not exist in our records.", Some("s3:ListBuckets"), Some("InvalidAccessKeyId")),
        // EC2's operation: the print does not say the service.
        ("An error occurred (UnauthorizedOperation) when calling the DescribeInstances operation: You are not authorized to perform this operation.", None, Some("UnauthorizedOperation")),
        // A bucket operation where nothing names S3.
        ("An error occurred (AccessDenied) when calling the CreateBucket operation: Access Denied (arn:aws:iam::1:user/ci)", None, Some("AccessDenied")),
        ("User: arn:aws:iam::123456789012:user/ci is not authorized to perform: \necr:GetAuthorizationToken on resource: *", Some("ecr:GetAuthorizationToken"), None),
        ("Could not assume role with OIDC: **Not authorized to perform sts:AssumeRoleWithWebIdentity**", Some("sts:AssumeRoleWithWebIdentity"), None),
        ("Error: OVHcloud API error (status code 403): Client::Forbidden: \"User not granted for this request\" (X-OVH-Query-Id: EU.ext-1.a.b.c)", None, Some("Client::Forbidden")),
        ("GRPC error: rpc error: code = InvalidArgument desc = [TencentCloudSDKError] Code=AuthFailure.SignatureFailure, Message=请求签名验证失败, RequestId=fe2b", None, Some("AuthFailure.SignatureFailure")),
    ] {
        let d = diagnose(text, catalog);
        let Some(f) = d.findings.first() else {
            failures.push(format!("no finding: {text}"));
            continue;
        };
        let got = (f.actions.first().map(String::as_str), f.code.as_deref());
        if f.other_cloud.is_none() || f.kind != Kind::Other || grants(f, catalog) || got != (action, code) {
            failures.push(format!("{:?} {:?} {got:?}: {text}", f.other_cloud, f.kind));
        }
    }
    assert!(failures.is_empty(), "{} texts:\n{}", failures.len(), failures.join("\n"));
}

/// MinIO, COS and TOS named beside OSS's own error: people who moved from those stores to OSS name both, a log of
/// uploads to two clouds prints TOS's headers above OSS's answer. The word `OSS`, OSS's documented message or OSS's
/// host in the error keeps the finding Alibaba Cloud's, with its grant (the findings before these rules).
#[test]
fn oss_errors_beside_minio_cos_and_tos_words_stay_osss() {
    let catalog = full_catalog();
    let oss_xml = "<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>65A1B2C3D4E5F6A7B8C9D0E1</RequestId>";
    let mut failures = Vec::new();
    for text in [
        format!("We migrated from MinIO to OSS last week. Now the upload fails:\n{oss_xml}</Error>"),
        format!("之前用的 COS，现在切到 OSS 了，上传时返回：\n{oss_xml}</Error>"),
        // MinIO named beside OSS's documented message with no other sign of OSS.
        format!("minio-go client, upload fails:\n{oss_xml}</Error>"),
        // The proxy names TOS's headers in the error's lead-in; OSS's host answered.
        "Our proxy forwards x-tos- headers but the backend is OSS:\n<Error><Code>AccessDenied</Code><Message>AccessDenied</Message><RequestId>65A1B2C3D4E5F6A7B8C9D0E1</RequestId><HostId>mybucket.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>".to_string(),
    ] {
        failures.extend(alibaba_finding_lost(&text, Some(Kind::MissingPermission), Some("oss"), Grants::Always, catalog));
    }
    // A TOS upload logged before an OSS upload whose error OSS's host answered: OSS's, with the upload's action.
    let text = format!("[uploader] tos: PUT https://b1.tos-cn-beijing.volces.com/a.txt x-tos-date: 20240101T000000Z -> 200\n[uploader] oss: PUT https://b2.oss-cn-hangzhou.aliyuncs.com/a.txt\n{oss_xml}<HostId>b2.oss-cn-hangzhou.aliyuncs.com</HostId><EC>0003-00000001</EC></Error>");
    failures.extend(alibaba_finding_lost(&text, Some(Kind::MissingPermission), Some("oss"), Grants::Always, catalog));
    let d = diagnose(&text, catalog);
    if d.findings.first().is_none_or(|f| f.actions != ["oss:PutObject"]) {
        failures.push(format!("not oss:PutObject: {text}"));
    }
    // The same words with no sign of OSS stay the other store's: the rules still read them.
    for (text, system) in [
        ("We moved the bucket to our MinIO cluster. Now the upload fails:\n<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>\n(MinIO server on 10.0.0.5:9000)", "a self-hosted"),
        ("访问 COS 时返回403错误码\n<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>", "Tencent Cloud (COS)"),
        ("PUT /k 403\nx-tos-request-id: 1a2b\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><EC>0003-00000001</EC></Error>", "Volcano Engine"),
    ] {
        let d = diagnose(text, catalog);
        if d.findings.first().is_none_or(|f| !f.other_cloud.as_deref().is_some_and(|c| c.starts_with(system))) {
            failures.push(format!("not {system}: {text}"));
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// MinIO and COS words read only on the error's own lines and its lead-in: a word of the context (a paragraph
/// above, a note far below) does not claim a plain S3-shaped error.
#[test]
fn minio_and_cos_words_of_the_context_do_not_claim_an_error() {
    let catalog = full_catalog();
    let xml = "<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>65A1B2C3D4E5F6A7B8C9D0E1</RequestId></Error>";
    let mut failures = Vec::new();
    for text in [
        format!("Our old stack ran on COS.\n\nThe new pipeline writes with ossutil.\nIt stopped today.\nThe upload step printed:\n{xml}"),
        format!("Old notes: MinIO was retired in March.\n\nToday's upload:\n{xml}"),
    ] {
        let d = diagnose(&text, catalog);
        if d.findings.first().is_none_or(|f| f.other_cloud.is_some()) {
            failures.push(text);
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}
