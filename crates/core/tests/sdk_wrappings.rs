//! Sweep: every way the official SDKs and tools print a server error, with codes of every shape and messages in
//! English and Chinese, inside log noise. The engine must read the code each one prints — and where one error
//! wraps another (an endpoint-resolution error caused by a server error, Terraform's header around an SDK's
//! block), the innermost code.
//!
//! Each wrapping names the source file whose format it follows (repository and path, read through the public
//! code index); the format strings here are written from those, not copied.

mod common;

use ram_doctor_core::diagnose;

/// What a wrapping is given: the error's parts.
struct Parts<'a> {
    code: &'a str,
    message: &'a str,
    status: u16,
    request_id: &'a str,
}

/// One way a tool prints a server error.
struct Wrapping {
    name: &'static str,
    /// Where the format comes from (repository and path).
    source: &'static str,
    print: fn(&Parts) -> String,
}

/// A JSON string's body: quotes and backslashes escaped.
fn json_escaped(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A text as one JSON string's body: quotes, backslashes and line breaks escaped.
fn json_line(s: &str) -> String {
    json_escaped(s).replace('\n', "\\n").replace('\t', "\\t")
}

/// A JSON string's body as Python's `json.dumps` writes it by default: non-ASCII characters as `\uXXXX`.
fn ascii_json(s: &str) -> String {
    json_escaped(s)
        .encode_utf16()
        .map(|u| if u < 0x80 { char::from(u as u8).to_string() } else { format!("\\u{u:04x}") })
        .collect()
}

/// The `Recommend` link every OpenAPI error body carries.
fn recommend(p: &Parts) -> String {
    format!("https://api.aliyun.com/troubleshoot?q={}&product=Ecs&requestId={}", p.code, p.request_id)
}

/// The error body the gateway answers with (RPC style), as compact JSON.
fn body_json(p: &Parts) -> String {
    format!(
        r#"{{"Code":"{}","HostId":"ecs.cn-hangzhou.aliyuncs.com","Message":"{}","Recommend":"{}","RequestId":"{}","statusCode":{}}}"#,
        p.code,
        json_escaped(p.message),
        recommend(p),
        p.request_id,
        p.status
    )
}

/// The message the Tea/Darabonba OpenAPI clients build from the body: status, message, request id.
fn tea_message(p: &Parts) -> String {
    format!("code: {}, {} request id: {}", p.status, p.message, p.request_id)
}

/// The Go Tea `SDKError` block (the message line holds the Tea message, `Data:` the body as JSON).
fn go_sdk_error(p: &Parts) -> String {
    format!(
        "SDKError:\n   StatusCode: {}\n   Code: {}\n   Message: {}\n   Data: {}\n",
        p.status,
        p.code,
        tea_message(p),
        body_json(p)
    )
}

/// The old Go SDK's `SDK.ServerError` block.
fn go_server_error(p: &Parts) -> String {
    format!(
        "SDK.ServerError\nErrorCode: {}\nRecommend: {}\nRequestId: {}\nMessage: {}",
        p.code,
        recommend(p),
        p.request_id,
        p.message
    )
}

/// Errors that wrap another: the code the engine must read is the inner one's, not the wrapper's.
const NESTED: &[Wrapping] = &[
    Wrapping {
        name: "go-sdk-endpoint-cause",
        source: "aliyun/alibaba-cloud-sdk-go sdk/errors/client_error.go (\"[code] message\" + \"\\ncaused by:\\n\" + origin)",
        print: |p| {
            format!(
                "[SDK.CanNotResolveEndpoint] Can not resolve endpoint(param = RegionId: cn-hangzhou, Product: ecs), please check your accessKey with secret, and read the user guide\ncaused by:\n{}",
                go_server_error(p)
            )
        },
    },
    Wrapping {
        name: "go-sdk-unparsed-body",
        source: "aliyun/alibaba-cloud-sdk-go sdk/errors/server_error.go (NewServerError: the raw body as Message when it names no Code)",
        print: |p| {
            format!(
                "SDK.ServerError\nErrorCode: \nRecommend: \nRequestId: \nMessage: {{\"code\":\"{}\",\"message\":\"{}\",\"requestId\":\"{}\"}}",
                p.code,
                json_escaped(p.message),
                p.request_id
            )
        },
    },
    Wrapping {
        name: "cli-endpoint-cause",
        source: "aliyun/aliyun-cli (`ERROR: ` + the Go SDK's client error and its cause)",
        print: |p| {
            format!(
                "ERROR: [SDK.CanNotResolveEndpoint] Can not resolve endpoint(param = RegionId: cn-beijing, Product: ecs), please check your accessKey with secret\ncaused by:\n{}",
                go_server_error(p)
            )
        },
    },
];

const WRAPPINGS: &[Wrapping] = &[
    Wrapping {
        name: "python-tea",
        source: "aliyun/tea-python Tea/exceptions.py (__str__) + aliyun/darabonba-openapi python/alibabacloud_tea_openapi/client.py",
        print: |p| {
            format!(
                "Traceback (most recent call last):\n  File \"/app/sync.py\", line 42, in main\n    resp = client.describe_instances_with_options(req, runtime)\nTea.exceptions.TeaException: Error: {} {} Response: {{'RequestId': '{}', 'HostId': 'ecs.cn-hangzhou.aliyuncs.com', 'Code': '{}', 'Message': '{}', 'Recommend': '{}', 'statusCode': {}}}",
                p.code,
                tea_message(p),
                p.request_id,
                p.code,
                p.message,
                recommend(p),
                p.status
            )
        },
    },
    Wrapping {
        name: "python-darabonba-v2",
        source: "aliyun/darabonba-openapi python/alibabacloud_tea_openapi/exceptions/_client.py (DaraException __str__)",
        print: |p| {
            format!(
                "alibabacloud_tea_openapi.exceptions._client.ClientException: Error: {} {} Response: {{'Code': '{}', 'Message': '{}', 'RequestId': '{}', 'statusCode': {}}}",
                p.code,
                tea_message(p),
                p.code,
                p.message,
                p.request_id,
                p.status
            )
        },
    },
    Wrapping {
        name: "go-tea",
        source: "alibabacloud-go/tea tea/tea.go (SDKError.Error)",
        print: |p| format!("2024/05/01 10:00:02 describe instances: {}", go_sdk_error(p)),
    },
    Wrapping {
        name: "cpp-darabonba",
        source: "aliyun/darabonba-openapi cpp (ResponseException: \"SDKError:\\n   StatusCode: …, Code: …, Message: …\")",
        print: |p| format!("SDKError:\n   StatusCode: {}, Code: {}, Message: {}", p.status, p.code, tea_message(p)),
    },
    Wrapping {
        name: "java-tea+recommend",
        source: "aliyun/tea-java src/main/java/com/aliyun/tea/TeaException.java (getMessage), OpenAPI Explorer sample printing getData().get(\"Recommend\")",
        print: |p| {
            format!(
                "com.aliyun.tea.TeaException: {}\n\tat com.aliyun.teaopenapi.Client.doRPCRequest(Client.java:311)\n\tat com.example.Sample.main(Sample.java:40)\n{}",
                tea_message(p),
                recommend(p)
            )
        },
    },
    Wrapping {
        name: "node-tea",
        source: "aliyun/tea-typescript src/error.ts (BaseError: `${code}: ${message}`, name ResponseError)",
        print: |p| {
            format!(
                "ResponseError: {}: {}\n    at Client.doRPCRequest (/app/node_modules/@alicloud/openapi-client/dist/client.js:283:23)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5) {{\n  code: '{}',\n  statusCode: {},\n  data: {{ RequestId: '{}', Code: '{}', statusCode: {} }}\n}}",
                p.code,
                tea_message(p),
                p.code,
                p.status,
                p.request_id,
                p.code,
                p.status
            )
        },
    },
    Wrapping {
        name: "node-tea-old",
        source: "aliyun/tea-typescript src/tea.ts (newError: new Error(`${code}: ${message}`))",
        print: |p| {
            format!(
                "Error: {}: {}\n    at Object.newError (/app/node_modules/@alicloud/tea-typescript/dist/tea.js:90:12)",
                p.code,
                tea_message(p)
            )
        },
    },
    Wrapping {
        name: "node-pop-core",
        source: "aliyun/openapi-core-nodejs-sdk lib/rpc.js (err.name = Code + 'Error', message + ', URL: ')",
        print: |p| {
            format!(
                "{}Error: {}, URL: https://ecs.aliyuncs.com/?AccessKeyId=LTAI5tExample&Action=DescribeInstances&Format=JSON&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&Version=2014-05-26\n    at /app/node_modules/@alicloud/pop-core/lib/rpc.js:180:21",
                p.code, p.message
            )
        },
    },
    Wrapping {
        name: "python-core",
        source: "aliyun/aliyun-openapi-python-sdk aliyun-python-sdk-core/aliyunsdkcore/acs_exception/exceptions.py (ServerException __str__)",
        print: |p| {
            format!(
                "aliyunsdkcore.acs_exception.exceptions.ServerException: HTTP Status: {} Error:{} {} RequestID: {}",
                p.status, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "java-core",
        source: "aliyun/aliyun-openapi-java-sdk aliyun-java-sdk-core/src/main/java/com/aliyuncs/exceptions/ClientException.java (\"code : msg\" + \"\\r\\nRequestId : \")",
        print: |p| {
            format!(
                "com.aliyuncs.exceptions.ServerException: {} : {}\r\nRequestId : {}\r\n\tat com.aliyuncs.DefaultAcsClient.parseAcsResponse(DefaultAcsClient.java:258)",
                p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "php-client",
        source: "aliyun/openapi-sdk-php-client src/Exception/ServerException.php (\"code: message RequestId: id\")",
        print: |p| {
            format!(
                "PHP Fatal error:  Uncaught AlibabaCloud\\Client\\Exception\\ServerException: {}: {} RequestId: {} in /app/vendor/alibabacloud/client/src/Result/Result.php:72",
                p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "go-sdk",
        source: "aliyun/alibaba-cloud-sdk-go sdk/errors/server_error.go (ServerError.Error)",
        print: |p| format!("level=error msg=\"call failed\"\n{}", go_server_error(p)),
    },
    Wrapping {
        name: "go-sdk-hostid",
        source: "aliyun/alibaba-cloud-sdk-go sdk/errors/server_error.go (later: HostId and RespHeaders lines)",
        print: |p| {
            format!(
                "SDK.ServerError\nErrorCode: {}\nRecommend: {}\nRequestId: {}\nHostId: ecs.cn-hangzhou.aliyuncs.com\nMessage: {}\nRespHeaders: map[Access-Control-Allow-Origin:[*] Content-Type:[application/json;charset=utf-8] X-Acs-Request-Id:[{}]]",
                p.code,
                recommend(p),
                p.request_id,
                p.message,
                p.request_id
            )
        },
    },
    Wrapping {
        name: "aliyun-cli",
        source: "aliyun/aliyun-cli (prints the Go SDK's ServerError after `ERROR: `)",
        print: |p| format!("$ aliyun ecs DescribeInstances --RegionId cn-hangzhou\nERROR: {}", go_server_error(p)),
    },
    Wrapping {
        name: "go-oss",
        source: "aliyun/aliyun-oss-go-sdk oss/error.go (ServiceError.Error)",
        print: |p| {
            format!(
                "Error: oss: service returned error: StatusCode={}, ErrorCode={}, ErrorMessage=\"{}\", RequestId={}, Ec=0003-00000001",
                p.status, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "go-oss-v2",
        source: "aliyun/alibabacloud-oss-go-sdk-v2 oss/errors.go (ServiceError.Error: `Error Code: X.` lines), ossutil 2",
        print: |p| {
            format!(
                "Error: operation error PutObject: Error returned by Service.\nHttp Status Code: {}.\nError Code: {}.\nRequest Id: {}.\nMessage: {}.\nEC: 0003-00000001.\nTimestamp: 2024-05-01 10:00:02 +0000 UTC.\nRequest Endpoint: PUT https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt.",
                p.status, p.code, p.request_id, p.message
            )
        },
    },
    Wrapping {
        name: "java-oss",
        source: "aliyun/aliyun-oss-java-sdk src/main/java/com/aliyun/oss/ServiceException.java (getMessage: [ErrorCode]/[RequestId]/[HostId]/[ResponseError])",
        print: |p| {
            format!(
                "com.aliyun.oss.OSSException: {}\n[ErrorCode]: {}\n[RequestId]: {}\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n[ResponseError]:\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{}</Code>\n  <Message>{}</Message>\n  <RequestId>{}</RequestId>\n</Error>",
                p.message, p.code, p.request_id, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "python-oss2",
        source: "aliyun/aliyun-oss-python-sdk oss2/exceptions.py (ServerError __str__: status, x-oss-request-id, details)",
        print: |p| {
            format!(
                "oss2.exceptions.ServerError: {{'status': {}, 'x-oss-request-id': '{}', 'details': {{'Code': '{}', 'Message': '{}', 'RequestId': '{}', 'HostId': 'examplebucket.oss-cn-hangzhou.aliyuncs.com'}}}}",
                p.status, p.request_id, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "node-ali-oss",
        source: "ali-sdk/ali-oss lib/common/client/requestError.js (err.name = code + 'Error')",
        print: |p| {
            format!(
                "{}Error: {}\n    at Client.requestError (/app/node_modules/ali-oss/lib/common/client/requestError.js:93:11) {{\n  status: {},\n  code: '{}',\n  requestId: '{}',\n  host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com'\n}}",
                p.code, p.message, p.status, p.code, p.request_id
            )
        },
    },
    Wrapping {
        name: "python-sls",
        source: "aliyun/aliyun-log-python-sdk aliyun/log/logexception.py (__str__: json.dumps of errorCode/errorMessage/requestId, keys sorted, non-ASCII escaped)",
        print: |p| {
            format!(
                "aliyun.log.logexception.LogException: {{\"errorCode\": \"{}\", \"errorMessage\": \"{}\", \"requestId\": \"{}\"}}",
                p.code,
                ascii_json(p.message),
                p.request_id
            )
        },
    },
    Wrapping {
        name: "java-sls",
        source: "aliyun/aliyun-log-java-sdk src/main/java/com/aliyun/openservices/log/exception/LogException.java (toString)",
        print: |p| {
            format!(
                "LogException{{httpCode={}, errorCode='{}', message='{}', requestId='{}'}}\n\tat com.aliyun.openservices.log.Client.ErrorCheck(Client.java:2563)",
                p.status, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "terraform-sls",
        source: "aliyun/terraform-provider-alicloud alicloud/errors.go ([SDK aliyun-log-go-sdk ERROR] around the SLS Go SDK's error)",
        print: |p| {
            format!(
                "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_log_store.go:196: Resource alicloud_log_store CreateLogStore Failed!!! [SDK aliyun-log-go-sdk ERROR]:\n{{\n    \"httpCode\": {},\n    \"errorCode\": \"{}\",\n    \"errorMessage\": \"{}\",\n    \"requestID\": \"{}\"\n}}",
                p.status,
                p.code,
                json_escaped(p.message),
                p.request_id
            )
        },
    },
    Wrapping {
        name: "terraform-oss",
        source: "aliyun/terraform-provider-alicloud alicloud/errors.go ([SDK aliyun-oss-go-sdk ERROR] around the OSS Go SDK's ServiceError)",
        print: |p| {
            format!(
                "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_oss_bucket.go:612: Resource examplebucket PutBucket Failed!!! [SDK aliyun-oss-go-sdk ERROR]:\noss: service returned error: StatusCode={}, ErrorCode={}, ErrorMessage=\"{}\", RequestId={}",
                p.status, p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "terraform-old-got-an-error",
        source: "aliyun/terraform-provider-alicloud (0.x: `<Api> got an error: %#v` of denverdino/aliyungo's common.Error)",
        print: |p| {
            format!(
                "* alicloud_vpc.main: CreateVpc got an error: &common.Error{{ErrorResponse:common.ErrorResponse{{Response:common.Response{{RequestId:\"{}\"}}, HostId:\"vpc.aliyuncs.com\", Code:\"{}\", Message:\"{}\"}}, StatusCode:{}}}",
                p.request_id,
                p.code,
                json_escaped(p.message),
                p.status
            )
        },
    },
    Wrapping {
        name: "go-sls",
        source: "aliyun/aliyun-log-go-sdk error.go (Error.String: indented JSON of httpCode/errorCode/errorMessage/requestID)",
        print: |p| {
            format!(
                "failed to create logstore: {{\n    \"httpCode\": {},\n    \"errorCode\": \"{}\",\n    \"errorMessage\": \"{}\",\n    \"requestID\": \"{}\"\n}}",
                p.status,
                p.code,
                json_escaped(p.message),
                p.request_id
            )
        },
    },
    Wrapping {
        name: "node-sls",
        source: "ShanChain/ali-log-nodejs Exception.js (toString: ErrorCode/ErrorMessage/RequestId block)",
        print: |p| {
            format!(
                "Aliyun_Log_Exception: \n{{\n    ErrorCode: {},\n    ErrorMessage: {}\n    RequestId: {}\n}}",
                p.code, p.message, p.request_id
            )
        },
    },
    Wrapping {
        name: "terraform",
        source: "aliyun/terraform-provider-alicloud alicloud/errors.go (DefaultErrorMsg \"Resource %s %s Failed!!! %s\", [SDK alibaba-cloud-sdk-go ERROR])",
        print: |p| {
            format!(
                "╷\n│ Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_instance.go:541: Resource alicloud_instance RunInstances Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\n│ {}\n│\n│   with alicloud_instance.web,\n│   on main.tf line 12, in resource \"alicloud_instance\" \"web\":\n╵",
                go_server_error(p).replace('\n', "\n│ ")
            )
        },
    },
    Wrapping {
        name: "terraform-tea",
        source: "aliyun/terraform-provider-alicloud alicloud/errors.go (WrapErrorf around a Tea SDKError)",
        print: |p| {
            format!(
                "Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_vpc.go:273: Resource alicloud_vpc CreateVpc Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\n{}",
                go_sdk_error(p)
            )
        },
    },
    Wrapping {
        name: "terraform-old",
        source: "aliyun/terraform-provider-alicloud (0.x: `* alicloud_x.y: …: &common.Error{…}` from denverdino/aliyungo common/client.go)",
        print: |p| {
            format!(
                "Error applying plan:\n\n1 error(s) occurred:\n\n* alicloud_instance.web: Error creating Aliyun ecs instance: &common.Error{{ErrorResponse:common.ErrorResponse{{Response:common.Response{{RequestId:\"{}\"}}, HostId:\"ecs.aliyuncs.com\", Code:\"{}\", Message:\"{}\"}}, StatusCode:{}}}",
                p.request_id,
                p.code,
                json_escaped(p.message),
                p.status
            )
        },
    },
    Wrapping {
        name: "java-odps",
        source: "aliyun/aliyun-odps-java-sdk odps-sdk/odps-sdk-core/src/main/java/com/aliyun/odps/rest/ErrorMessage.java (toString: RequestId=…,Code=…,Message=…)",
        print: |p| {
            format!(
                "com.aliyun.odps.OdpsException: RequestId={},Code={},Message={}\n\tat com.aliyun.odps.rest.RestClient.handleErrorResponse(RestClient.java:427)",
                p.request_id, p.code, p.message
            )
        },
    },
    Wrapping {
        name: "json-log-go-sdk",
        source: "a structured (zap/logrus JSON) log line holding the Go SDK's ServerError as a JSON string",
        print: |p| format!(r#"{{"level":"error","ts":1714557602.1,"msg":"describe instances","error":"{}"}}"#, json_line(&go_server_error(p))),
    },
    Wrapping {
        name: "json-log-go-tea",
        source: "a structured (zap/logrus JSON) log line holding the Go Tea SDKError as a JSON string",
        print: |p| format!(r#"{{"level":"error","ts":1714557602.1,"msg":"describe instances","error":"{}"}}"#, json_line(&go_sdk_error(p))),
    },
    Wrapping {
        name: "json-log-python-core",
        source: "a JSON log record (python-json-logger) holding aliyunsdkcore's ServerException text",
        print: |p| {
            let exc = format!(
                "Traceback (most recent call last):\n  File \"/app/job.py\", line 9, in run\naliyunsdkcore.acs_exception.exceptions.ServerException: HTTP Status: {} Error:{} {} RequestID: {}",
                p.status, p.code, p.message, p.request_id
            );
            format!(r#"{{"asctime": "2024-05-01 10:00:02", "levelname": "ERROR", "message": "sync failed", "exc_info": "{}"}}"#, json_line(&exc))
        },
    },
    Wrapping {
        name: "json-log-java-oss",
        source: "a JSON log record (logstash-logback-encoder) holding OSSException's message and stack",
        print: |p| {
            let exc = format!(
                "com.aliyun.oss.OSSException: {}\n[ErrorCode]: {}\n[RequestId]: {}\n[HostId]: examplebucket.oss-cn-hangzhou.aliyuncs.com\n\tat com.aliyun.oss.common.utils.ExceptionFactory.createOSSException(ExceptionFactory.java:114)",
                p.message, p.code, p.request_id
            );
            format!(r#"{{"@timestamp":"2024-05-01T10:00:02.950Z","level":"ERROR","logger_name":"c.e.Upload","message":"upload failed","stack_trace":"{}"}}"#, json_line(&exc))
        },
    },
    Wrapping {
        name: "rest-json-body",
        source: "the OpenAPI gateway's error body (RPC style), as logged",
        print: |p| format!("HTTP/1.1 {} \nContent-Type: application/json;charset=utf-8\n\n{}", p.status, body_json(p)),
    },
    Wrapping {
        name: "roa-json-body",
        source: "ROA products' lower-camel error body (code/message/requestId), as Tea ROA clients read it",
        print: |p| {
            format!(
                "request failed: {{\"code\":\"{}\",\"message\":\"{}\",\"requestId\":\"{}\"}}",
                p.code,
                json_escaped(p.message),
                p.request_id
            )
        },
    },
];

/// Codes of every shape, each with the product family whose error it is.
const CODES: &[&str] = &[
    "Forbidden.RAM",
    "NoPermission",
    "InvalidAccessKeyId.NotFound",
    "ODPS-0420095",
    "Unauthorized",
    "SLSUnauthorized",
    "notAuthorized",
    "Forbidden.AccessDenied.Ram",
    "Forbidden",
    "InvalidParameter.UserName.InvalidChars",
    "QuotaExceeded.Vpc",
    "accessDenied",
];

const MESSAGES: &[&str] = &[
    "You are not authorized to do this action. You should be authorized by RAM.",
    "Access denied by policy: you are not allowed to call ListUsers.",
    "当前用户没有权限执行该操作，请联系主账号授权。",
];

/// Log lines around the error, as a service's log has them.
fn in_noise(error: &str) -> String {
    format!(
        "2024-05-01 10:00:00,101 INFO  [main] c.e.sync.Job - starting inventory sync for 3 regions\n\
         2024-05-01 10:00:01,733 DEBUG [main] c.e.http.Pool - connection pool ready (max=16)\n\
         {error}\n\
         2024-05-01 10:00:02,950 WARN  [main] c.e.sync.Job - retrying in 2s (attempt 1 of 3)\n\
         2024-05-01 10:00:05,004 INFO  [main] c.e.sync.Job - giving up\n"
    )
}

fn parts<'a>(code: &'a str, message: &'a str) -> Parts<'a> {
    Parts { code, message, status: 403, request_id: "7B3C9A2E-1F4D-5E6A-8B7C-0D1E2F3A4B5C" }
}

#[test]
fn every_wrapping_prints_a_code_the_engine_reads() {
    sweep(WRAPPINGS, CODES, MESSAGES);
}

#[test]
fn the_innermost_code_wins_over_a_wrapper() {
    sweep(NESTED, CODES, MESSAGES);
}

/// The core SDKs' client errors (no server answered), with their own `SDK.` codes.
const CLIENT: &[Wrapping] = &[
    Wrapping {
        name: "python-core-client",
        source: "aliyun/aliyun-openapi-python-sdk aliyun-python-sdk-core/aliyunsdkcore/acs_exception/exceptions.py (ClientException __str__: \"code message\")",
        print: |p| format!("aliyunsdkcore.acs_exception.exceptions.ClientException: {} {}", p.code, p.message),
    },
    Wrapping {
        name: "java-core-client",
        source: "aliyun/aliyun-openapi-java-sdk aliyun-java-sdk-core/src/main/java/com/aliyuncs/exceptions/ClientException.java (\"code : msg\")",
        print: |p| format!("com.aliyuncs.exceptions.ClientException: {} : {}", p.code, p.message),
    },
    Wrapping {
        name: "go-sdk-client",
        source: "aliyun/alibaba-cloud-sdk-go sdk/errors/client_error.go (ClientError.Error: \"[code] message\")",
        print: |p| format!("[{}] {}", p.code, p.message),
    },
];

const CLIENT_CODES: &[&str] = &["SDK.InvalidRegionId", "SDK.CanNotResolveEndpoint", "SDK.TimeoutError"];

const CLIENT_MESSAGES: &[&str] = &["Can not find endpoint to access.", "无法找到可访问的接入点。"];

#[test]
fn client_errors_print_their_code() {
    sweep(CLIENT, CLIENT_CODES, CLIENT_MESSAGES);
}

/// (wrapping, code): truly ambiguous members, left out with the reason.
const AMBIGUOUS: &[(&str, &str, &str)] = &[(
    "node-pop-core",
    "SLSUnauthorized",
    "pop-core versions that drop a dotted code's dots print `ForbiddenRAMError` for `Forbidden.RAM` \
     (tests/fixtures/errors/formats/node-pop-core.txt): an undotted CamelCase name is the code only when the catalog \
     documents it, and `SLSUnauthorized` is undocumented",
)];

/// `@alicloud/pop-core`'s ROA client: its error class is the code (any shape) and `Error`, after the `Error: ` a
/// runner prints.
const POP_CORE_ROA: &[Wrapping] = &[
    Wrapping {
        name: "node-pop-core-roa",
        source: "aliyun/openapi-core-nodejs-sdk lib/roa.js (err.name = code + 'Error', `code: ${statusCode}, ${message}, requestid: …`), printed by a GitHub Action's core.setFailed (`Error: ` before it)",
        print: |p| {
            format!(
                "Error: Failed to get kubeconfig file for cluster: {}Error: code: {}, {}, requestid: {}\nError: {}Error: code: {}, {}, requestid: {}",
                p.code, p.status, p.message, p.request_id, p.code, p.status, p.message, p.request_id
            )
        },
    },
];

#[test]
fn pop_core_roa_errors_give_their_code() {
    sweep(POP_CORE_ROA, CODES, MESSAGES);
}

/// Every code in every message through each wrapping, inside log noise: the first finding's code must be it.
fn sweep(wrappings: &[Wrapping], codes: &[&str], messages: &[&str]) {
    let catalog = common::full_catalog();
    let mut misses = Vec::new();
    let mut total = 0;
    for w in wrappings {
        for code in codes {
            if AMBIGUOUS.iter().any(|(n, c, _)| *n == w.name && c == code) {
                continue;
            }
            for message in messages {
                total += 1;
                let text = in_noise(&(w.print)(&parts(code, message)));
                let d = diagnose(&text, catalog);
                let got = d.findings.first().and_then(|f| f.code.clone());
                if got.as_deref() != Some(*code) {
                    // `SWEEP_DUMP=dir` keeps each misread text, to run through `ram-doctor diagnose`.
                    if let Some(dir) = std::env::var_os("SWEEP_DUMP").filter(|d| !d.is_empty()) {
                        let file = format!("{}-{}-{}.txt", w.name, code, message.len());
                        std::fs::write(std::path::Path::new(&dir).join(file), &text).unwrap();
                    }
                    misses.push(format!(
                        "{:<20} {:<28} {:<6} got {:?} ({})",
                        w.name,
                        code,
                        &message[..6],
                        got,
                        w.source
                    ));
                }
            }
        }
    }
    eprintln!("sdk wrappings: {} of {total} read right", total - misses.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(misses.is_empty(), "{} of {total} misread (each with its format's source)", misses.len());
}

/// The wrapping never changes what the error is: each code and message gets one kind through every wrapping.
#[test]
fn the_kind_does_not_depend_on_the_wrapping() {
    let catalog = common::full_catalog();
    let mut split = Vec::new();
    for code in CODES {
        for message in MESSAGES {
            let mut kinds = std::collections::BTreeMap::<String, Vec<&str>>::new();
            for w in WRAPPINGS {
                if AMBIGUOUS.iter().any(|(n, c, _)| *n == w.name && c == code) {
                    continue;
                }
                let d = diagnose(&in_noise(&(w.print)(&parts(code, message))), catalog);
                let kind = d.findings.first().map_or("none".to_string(), |f| format!("{:?}", f.kind));
                kinds.entry(kind).or_default().push(w.name);
            }
            if kinds.len() > 1 {
                split.push(format!("{code} / {}: {kinds:?}", &message[..6]));
            }
        }
    }
    for s in &split {
        eprintln!("  {s}");
    }
    assert!(
        split.is_empty(),
        "{} of {} code × message pairs change kind with the wrapping",
        split.len(),
        CODES.len() * MESSAGES.len()
    );
}
