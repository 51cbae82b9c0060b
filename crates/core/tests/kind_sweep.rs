//! Sweeps over documented classes of text: every error code the catalog classifies as a permission or credential
//! error, pasted as an SDK prints it and by its message alone, must give the class the catalog documents; codes
//! of classes no grant fixes (throttling, quota, stock, parameters, state) must give `other` and no grant, even
//! when their code holds a refusal word.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use common::full_catalog;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::report::Grant;
use ram_doctor_core::{diagnose, Catalog, Kind};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A documented code: its name, message, and the kind the catalog gives it.
struct Documented {
    code: String,
    message: Option<String>,
    kind: Option<String>,
}

/// The classified codes of `data/index.json` (`[code, statuses, message, products, kind]` rows).
fn classified() -> Vec<Documented> {
    let index: serde_json::Value = serde_json::from_slice(&fs::read(data().join("index.json")).unwrap()).unwrap();
    index["errors"].as_array().unwrap().iter().map(row).collect()
}

/// Every code of every shard (`[code, statuses, message]` rows), once each.
fn every_code() -> Vec<Documented> {
    let mut seen = BTreeMap::new();
    for entry in fs::read_dir(data().join("shards")).unwrap() {
        let shard: serde_json::Value = serde_json::from_slice(&fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for r in shard["errors"].as_array().into_iter().flatten() {
            let d = row(r);
            seen.entry(d.code.clone()).or_insert(d);
        }
    }
    seen.into_values().collect()
}

fn row(r: &serde_json::Value) -> Documented {
    Documented {
        code: r[0].as_str().unwrap().to_string(),
        message: r[2].as_str().map(str::to_string),
        kind: r.get(4).and_then(|k| k.as_str()).map(str::to_string),
    }
}

/// A documented message with its placeholders filled as a service would (`%s` → a name, `%d` → a number); `None`
/// when nothing but placeholders and punctuation is left.
fn filled(message: &str) -> Option<String> {
    // The source cuts long messages with `…`: the cut word is no word of the message (`ram:Cre…`).
    let message = match message.strip_suffix('…') {
        Some(cut) => cut.rsplit_once(' ').map_or(cut, |(whole, _)| whole),
        None => message,
    };
    let m = message.replace("%s", "example").replace("%d", "1");
    let bare = message.replace("%s", "").replace("%d", "");
    bare.chars().any(char::is_alphabetic).then_some(m)
}

/// The first finding's kind for `text`, and whether its plan recommends a policy.
fn kind_and_grant(text: &str, catalog: &Catalog) -> (Kind, bool) {
    let d = diagnose(text, catalog);
    let Some(f) = d.findings.first() else {
        return (Kind::Other, false);
    };
    let grant = Grant::from_plan(&GrantPlan::for_finding(f, catalog).expect("default options"));
    (f.kind, !grant.system_policies.is_empty() || grant.custom_policy.is_some())
}

/// The kinds a paste of a permission or credential code may be swept for.
const SWEPT: &[&str] =
    &["missing-permission", "explicit-deny", "bad-credentials", "token-expired", "signature", "not-activated"];

/// Documented permission and credential codes whose message alone does not say the class (the code carries it).
const MESSAGE_ALONE_EXCEPTIONS: &[(&str, &str)] = &[
    ("ExplicitDeny", "the message is RAM's implicit-deny sentence; only the code says a Deny matched"),
    ("RAM_USER_NOT_FOUND_BY_ACCESSKEY", "the message is a placeholder and \"please check and try again\""),
    ("Forbidden.DI.NoPrivilege", "\"No access.\" says nothing of what refused"),
    ("iot.common.AuthActionPermissionDeny", "\"The authorization fails.\" is said of logins too"),
    ("ActionUnauthorized", "\"not available for you\" is said of actions a region or edition lacks"),
    ("UnauthorizedOperation", "\"Failed to verify your access permissions\" does not say the check refused"),
    (
        "BusinessError.Dictionary.InvalidDictionaryOrNoPermission",
        "the message gives two causes, a missing album or a missing permission",
    ),
    ("UserNotOpen", "\"account is not open elasticsearch\" names neither a service nor a product"),
    ("RDMemberNoPermission", "the message lists two causes: the service not enabled, or not the admin account"),
];

/// Documented codes whose SDK paste the engine is allowed to read as another class, with the reason.
const PASTE_EXCEPTIONS: &[(&str, &str)] = &[(
    "RDMemberNoPermission",
    "the message lists two causes, the resource directory service not enabled or not the admin account; the engine \
     takes the first, the catalog the code",
)];

/// How the SDKs print a server's error: bare `Code:`/`Message:` lines, the Go SDK's `ErrorCode:`/`Message:` lines, the Python core SDK's
/// `ServerException`, the Tea SDKs' (Python, Java, Node) `code: 403, … request id:` form with its `Response:` body.
const SDK_FORMS: &[&str] = &[
    "Code: {code}\nMessage: {message}",
    "SDK.ServerError\nErrorCode: {code}\nRecommend: https://api.aliyun.com/troubleshoot?q={code}\nRequestId: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77\nMessage: {message}",
    "aliyunsdkcore.acs_exception.exceptions.ServerException: HTTP Status: 403 Error:{code} {message} RequestID: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77",
    "Tea.exceptions.TeaException: Error: {code} code: 403, {message} request id: 6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77 Response: {'RequestId': '6C7B3F0A-1F1B-5E64-9D4A-3E0F2C9B1A77', 'Code': '{code}', 'Message': '{message}'}",
];

#[test]
fn documented_permission_and_credential_codes_give_their_class() {
    let catalog = full_catalog();
    let mut pasted = Vec::new();
    let mut alone = Vec::new();
    let (mut n_pasted, mut n_alone) = (0, 0);
    for d in classified() {
        let Some(kind) = d.kind.as_deref().filter(|k| SWEPT.contains(k)) else { continue };
        let message = d.message.as_deref().and_then(filled);
        for form in SDK_FORMS {
            n_pasted += 1;
            let text = form.replace("{code}", &d.code).replace("{message}", message.as_deref().unwrap_or(""));
            let (got, _) = kind_and_grant(&text, catalog);
            if got.as_str() != kind && !PASTE_EXCEPTIONS.iter().any(|(c, _)| *c == d.code) {
                pasted.push(format!("{} [{kind} → {}] {text:?}", d.code, got.as_str()));
            }
        }
        if let Some(m) = message {
            n_alone += 1;
            let (got, _) = kind_and_grant(&m, catalog);
            if got.as_str() != kind && !MESSAGE_ALONE_EXCEPTIONS.iter().any(|(c, _)| *c == d.code) {
                alone.push(format!("{} [{kind} → {}] {m:?}", d.code, got.as_str()));
            }
        }
    }
    eprintln!("pasted: {}/{n_pasted} agree ({} listed exceptions)", n_pasted - pasted.len(), PASTE_EXCEPTIONS.len());
    eprintln!(
        "message alone: {}/{n_alone} agree ({} listed exceptions)",
        n_alone - alone.len(),
        MESSAGE_ALONE_EXCEPTIONS.len()
    );
    assert!(pasted.is_empty() && alone.is_empty(), "pasted:\n{}\nalone:\n{}", pasted.join("\n"), alone.join("\n"));
}

/// Words that name a class no grant fixes, as a code's dotted part opens or closes with them.
const NOT_A_GRANT: &[&str] =
    &["throttl", "quota", "stock", "invalidparameter", "invalidstatus", "status", "limitexceed"];

/// Refusal words a code may hold whatever its class.
const REFUSAL: &[&str] = &["forbidden", "accessdenied", "denied", "unauthorized", "nopermission", "notauthorized"];

#[test]
fn codes_of_classes_no_grant_fixes_give_other_and_no_grant() {
    let catalog = full_catalog();
    let mut wrong = Vec::new();
    let mut n = 0;
    for d in every_code() {
        let c = d.code.to_ascii_lowercase();
        let parts: Vec<&str> = c.split(['.', '_']).collect();
        let class = parts.iter().any(|p| NOT_A_GRANT.iter().any(|w| p.starts_with(w) || p.ends_with(w)));
        if !class || !REFUSAL.iter().any(|w| c.contains(w)) {
            continue;
        }
        // A parameter or state code whose message says a permission is missing is a permission error after all
        // (`InvalidParameter.KMS.KeyId.Forbidden`: "You are not authorized to access the specified KMSKeyId.").
        let message = d.message.as_deref().unwrap_or("").to_ascii_lowercase();
        if ["permission", "not authorized to", "no right"].iter().any(|w| message.contains(w)) {
            continue;
        }
        n += 1;
        let text = match d.message.as_deref().and_then(filled) {
            Some(m) => format!("Code: {}\nMessage: {m}", d.code),
            None => format!("Code: {}", d.code),
        };
        let (kind, grant) = kind_and_grant(&text, catalog);
        if kind != Kind::Other || grant {
            wrong.push(format!("{} [{} grant={grant}] {text:?}", d.code, kind.as_str()));
        }
    }
    eprintln!("not-a-grant classes: {}/{n} give other", n - wrong.len());
    assert!(n > 20, "the sweep found the class ({n})");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The fixed messages of the official credentials libraries (credentials for Go, Java, Python, Node and .NET), the
/// aliyun CLI's profile checks and the old core SDKs, about keys, tokens, profiles, the ECS metadata service's
/// role credentials and OIDC token files that are missing, empty, unreadable or invalid: nothing valid to sign
/// with. Placeholders filled as the library would.
const CREDENTIAL_MESSAGES: &[&str] = &[
    // credentials-go: the environment, the config checks, the credentials file, the CLI profile, the chain.
    "ALIBABA_CLOUD_ACCESS_KEY_ID cannot be empty",
    "ALIBABA_CLOUD_ACCESS_KEY_ID or ALIBABA_CLOUD_ACCESS_KEY_Id cannot be empty",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET cannot be empty",
    "AccessKeyId cannot be empty",
    "AccessKeySecret cannot be empty",
    "SecurityToken cannot be empty",
    "RoleArn cannot be empty",
    "RoleSessionName cannot be empty",
    "OIDCProviderArn cannot be empty",
    "BearerToken cannot be empty",
    "PrivateKeyFile cannot be empty",
    "PublicKeyId cannot be empty",
    "ALIBABA_CLOUD_CREDENTIALS_FILE cannot be empty",
    "The default credential file path is invalid",
    "Missing required access_key_id option in profile for access_key",
    "Missing required access_key_secret option in profile for ram_role_arn",
    "Missing required security_token option in profile for sts",
    "Missing required role_arn option in profile for ram_role_arn",
    "Missing required role_name option in profile for ecs_ram_role",
    "access_key_id cannot be empty",
    "access_key_secret cannot be empty",
    "security_token cannot be empty",
    "role_arn cannot be empty",
    "role_session_name cannot be empty",
    "role_name cannot be empty",
    "bearer_token cannot be empty",
    "invalid type option, support: access_key, sts, ecs_ram_role, ram_role_arn, rsa_key_pair",
    "the OIDCTokenFilePath is empty",
    "the OIDCProviderARN is empty",
    "the RoleArn is empty",
    "unable to get profile with 'default'",
    "no any configured profiles in '/root/.aliyun/config.json'",
    "reading aliyun cli config from '/root/.aliyun/config.json' failed open /root/.aliyun/config.json: no such file or directory",
    "unsupported profile mode 'CloudSSO'",
    "no credential found",
    "unable to get credentials from any of the providers in the chain: the OIDCTokenFilePath is empty",
    "refresh Ecs sts token err, httpStatus: 404, message = Not Found",
    "refresh Ecs sts token err, Code is not Success",
    "get role name failed: http://100.100.100.200/latest/meta-data/ram/security-credentials/ 404",
    "IMDS credentials is disabled",
    // credentials-python.
    "CredentialException: Environment variable accessKeyId cannot be empty",
    "CredentialException: Environment variable accessKeySecret cannot be empty",
    "CredentialException: unable to open credentials file: /root/.aliyun/config.json",
    "CredentialException: failed to parse credential form cli credentials file: /root/.aliyun/config.json",
    "CredentialException: unsupported profile mode 'CloudSSO' form cli credentials file",
    "CredentialException: Failed to get RAM session credentials from ECS metadata service. HttpCode=404",
    "CredentialException: unable to load credentials from any of the providers in the chain: []",
    "ValueError: role_arn or environment variable ALIBABA_CLOUD_ROLE_ARN cannot be empty",
    "ValueError: oidc_provider_arn or environment variable ALIBABA_CLOUD_OIDC_PROVIDER_ARN cannot be empty",
    "ValueError: oidc_token_file_path or environment variable ALIBABA_CLOUD_OIDC_TOKEN_FILE cannot be empty",
    // credentials-java.
    "com.aliyun.credentials.exception.CredentialException: not found credentials",
    "CredentialException: The role name was not found in the instance",
    "CredentialException: Failed to connect ECS Metadata Service: java.net.SocketTimeoutException: connect timed out",
    "CredentialException: roleArn does not exist and env ALIBABA_CLOUD_ROLE_ARN is null.",
    "CredentialException: OIDCProviderArn does not exist and env ALIBABA_CLOUD_OIDC_PROVIDER_ARN is null.",
    "CredentialException: OIDCTokenFilePath does not exist and env ALIBABA_CLOUD_OIDC_TOKEN_FILE is null.",
    "IllegalArgumentException: RoleArn or environment variable ALIBABA_CLOUD_ROLE_ARN cannot be empty.",
    "IllegalArgumentException: OIDCTokenFilePath or environment variable ALIBABA_CLOUD_OIDC_TOKEN_FILE cannot be empty.",
    // credentials-nodejs.
    "Error: Environment variable credentialFile cannot be empty",
    "Error: Missing required type option in credentialFile",
    "Error: unable to get credentials from enviroment variables, Access key ID must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_ID)",
    "Error: unable to get credentials from enviroment variables, Access key secret must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_SECRET)",
    "Error: get sts token failed, httpStatus: 404, message = Not Found",
    // credentials for .NET.
    "Aliyun.Credentials.Exceptions.CredentialException: Environment variable accessKeyId cannot be empty",
    // The aliyun CLI's profile checks.
    "ERROR: access_key_id is not configured for profile 'default'. Run `aliyun configure --profile default --mode AK` to set it",
    "ERROR: sts_token is not configured for profile 'default'. Run `aliyun configure --profile default --mode StsToken` to set it",
    "ERROR: ram_role_arn is not configured for profile 'default'. Run `aliyun configure --profile default --mode RamRoleArn` to set it",
    "ERROR: oidc_token_file is not configured for profile 'default'. Run `aliyun configure --profile default --mode OIDC` to set it",
    "ERROR: profile default is not configure yet, run `aliyun configure --profile default` first",
    "AccessKeyId/AccessKeySecret is empty! run `aliyun configure` first",
    "can not load the source profile: default",
    // The old core SDKs: Python's `SDK.InvalidCredential`, Go's unsupported credential and instance-role lookups.
    "aliyunsdkcore.acs_exception.exceptions.ClientException: SDK.InvalidCredential Need a ak&secret pair or public_key_id&private_key pair to auth.",
    "[SDK.UnsupportedCredential] Specified credential (type = *credentials.Foo) is not supported, please check",
    "unable to retrieve role name, it may be unset",
    "received 404 getting security credentials for my-ecs-role",
];

/// Fixed messages that say a temporary credential of Alibaba Cloud's expired (the aliyun CLI's CloudSSO sign-in).
const EXPIRED_MESSAGES: &[&str] = &[
    "CloudSSO access token is expired, please re-login with command: aliyun configure --profile sso",
    "CloudSSO访问令牌已过期，请通过命令：aliyun configure --profile sso 重新登录",
];

#[test]
fn credentials_libraries_fixed_messages_are_bad_credentials() {
    let catalog = full_catalog();
    let mut wrong = Vec::new();
    for (messages, want) in [(CREDENTIAL_MESSAGES, Kind::BadCredentials), (EXPIRED_MESSAGES, Kind::TokenExpired)] {
        for m in messages {
            let (kind, grant) = kind_and_grant(m, catalog);
            if kind != want || grant {
                wrong.push(format!("[{} grant={grant}] {m}", kind.as_str()));
            }
        }
    }
    let n = CREDENTIAL_MESSAGES.len() + EXPIRED_MESSAGES.len();
    eprintln!("credential messages: {}/{n} agree", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// STS's federated sign-ins each get their own words: a SAML refusal is no OIDC one.
#[test]
fn saml_refusals_are_explained_as_saml() {
    let catalog = full_catalog();
    for (code, kind) in [
        ("AuthenticationFail.SAMLAssertion.Expired", Kind::TokenExpired),
        ("AuthenticationFail.SAMLProvider.NotExist", Kind::AssumeRole),
        ("AuthenticationFail.OIDCToken.Expired", Kind::TokenExpired),
    ] {
        let d = diagnose(&format!("ErrorCode: {code}\nMessage: x"), catalog);
        let f = &d.findings[0];
        assert_eq!(f.kind, kind, "{code}");
        let saml = code.contains("SAML");
        assert_eq!(f.explanation.contains("AssumeRoleWithSAML"), saml, "{code}: {}", f.explanation);
        assert_eq!(f.explanation.contains("OIDC"), !saml, "{code}: {}", f.explanation);
        assert_eq!(f.explanation_zh.contains("SAML"), saml, "{code}: {}", f.explanation_zh);
    }
}

/// Words of a code's dotted part that name a class no grant fixes: a limit, stock, a payment, a thing's state.
const NO_GRANT_CLASS: &[&str] = &[
    "throttl",
    "quota",
    "stock",
    "limitexceed",
    "indebt",
    "arrearage",
    "insufficientbalance",
    "invalidstatus",
    "incorrectstatus",
    "locked",
    "notfound",
    "notexist",
];

/// Codes of those classes whose message reads as another class, with the reason.
const NO_GRANT_EXCEPTIONS: &[(&str, &str)] = &[
    ("DeviceCredentialNotFound", "IoT's device credential, worded as a missing credential"),
    (
        "InvalidBucket.NotFound",
        "\"The bucket does not belong to you\" is also OSS's refusal of another account's bucket",
    ),
    ("InvalidDomain.NotFound", "\"does not belong to you\" is also the refusal of another account's resource"),
];

/// Every documented code of those classes, by its message alone and pasted with it: `other`, and never a grant.
#[test]
fn messages_of_classes_no_grant_fixes_get_no_grant() {
    let catalog = full_catalog();
    let classified: Vec<String> = classified().into_iter().map(|d| d.code).collect();
    let (mut n, mut wrong) = (0, Vec::new());
    for d in every_code() {
        let c = d.code.to_ascii_lowercase();
        if !c.split(['.', '_']).any(|p| NO_GRANT_CLASS.iter().any(|w| p.starts_with(w) || p.ends_with(w))) {
            continue;
        }
        // Codes the catalog classifies have their own sweep; a role that does not exist, a service not activated
        // and a permission the message says is missing are their own classes whatever the code's state word.
        if classified.contains(&d.code) {
            continue;
        }
        let Some(m) = d.message.as_deref().and_then(filled) else { continue };
        let lower = m.to_ascii_lowercase();
        let other_class = ["permission", "not authorized to", "no right", "role", "activat", "not open", "enable"];
        if other_class.iter().any(|w| lower.contains(w)) || NO_GRANT_EXCEPTIONS.iter().any(|(c, _)| *c == d.code) {
            continue;
        }
        for text in [m.clone(), format!("Code: {}\nMessage: {m}", d.code)] {
            n += 1;
            let (kind, grant) = kind_and_grant(&text, catalog);
            if kind != Kind::Other || grant {
                wrong.push(format!("{} [{} grant={grant}] {text:?}", d.code, kind.as_str()));
            }
        }
    }
    eprintln!("no-grant class messages: {}/{n} give other", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The documented sentences that a caller may not create a service's linked role say, alone, that the role is
/// missing (NAS, CEN, SLB, Cloud Config, Lindorm word it so).
#[test]
fn a_service_linked_role_the_caller_may_not_create_is_missing() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for d in classified() {
        let Some(m) = d.message.as_deref().and_then(filled) else { continue };
        let lower = m.to_ascii_lowercase();
        if d.kind.as_deref() != Some("service-role-missing")
            || !lower.contains("create service linked role") && !lower.contains("create the service linked role")
        {
            continue;
        }
        n += 1;
        let (kind, _) = kind_and_grant(&m, catalog);
        if kind != Kind::ServiceRoleMissing {
            wrong.push(format!("{} [{}] {m:?}", d.code, kind.as_str()));
        }
    }
    eprintln!("service linked role sentences: {}/{n} give service-role-missing", n - wrong.len());
    assert!(n >= 5 && wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The documented sentences that name a service's own role as what the operation needs (ECS's `AssumeRoleError`:
/// "Requires a RAM role of Aliyun…DefaultRole before …"; its image import and export's `NoSetRoletoECSServiceAcount`
/// and `OSS_AUTHORIZED_FAILED`: "ECS service account … please attach a role …"; Cloud Backup's
/// `CrossAccountBackupSlrNotExist`: "AliyunServiceRoleFor… doesn't exist, please create this role.").
const OWN_ROLE_NEEDED: &[&str] = &["requires a ram role", "please attach a role", "please create this role"];

/// Every documented code whose message names its service's own role as needed, pasted in each SDK's print and by its
/// message alone, is a missing service role, of the product that documents it; the same sentence beside RAM's
/// refusal of the caller (`Forbidden.RAM` with its sentence) stays the caller's missing permission.
#[test]
fn a_service_role_named_as_needed_is_missing() {
    let catalog = full_catalog();
    let (mut n, mut wrong) = (0, Vec::new());
    for entry in fs::read_dir(data().join("shards")).unwrap() {
        let path = entry.unwrap().path();
        let shard: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        let product = shard["ram_code"].as_str().unwrap_or_default().to_string();
        for d in shard["errors"].as_array().into_iter().flatten().map(row) {
            let Some(m) = d.message.as_deref().and_then(filled) else { continue };
            if !OWN_ROLE_NEEDED.iter().any(|w| m.to_ascii_lowercase().contains(w)) {
                continue;
            }
            let mut texts: Vec<String> =
                SDK_FORMS.iter().map(|f| f.replace("{code}", &d.code).replace("{message}", &m)).collect();
            texts.push(m.clone());
            for text in texts {
                n += 1;
                let diagnosis = diagnose(&text, catalog);
                let Some(f) = diagnosis.findings.first() else {
                    wrong.push(format!("{} [no finding] {text:?}", d.code));
                    continue;
                };
                let product_ok = text == m || f.product.as_deref() == Some(product.as_str());
                if f.kind != Kind::ServiceRoleMissing || !product_ok {
                    wrong.push(format!("{} [{} {:?}] {text:?}", d.code, f.kind.as_str(), f.product));
                }
            }
            // Negative control: RAM's refusal of the caller, the sentence only beside it.
            let refused = format!(
                "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.\n\nNote: {m}"
            );
            let (kind, _) = kind_and_grant(&refused, catalog);
            if kind != Kind::MissingPermission {
                wrong.push(format!("{} beside Forbidden.RAM [{}]", d.code, kind.as_str()));
            }
        }
    }
    eprintln!("own role needed: {}/{n} give service-role-missing", n - wrong.len());
    assert!(n >= 15 && wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The same words where no service's own role is named stay what they were: a role the request must name (FC's
/// `InvalidArgument`), a caller's refused `AssumeRole` on a role of its own, a Kubernetes service account's role
/// (AWS IRSA's words).
#[test]
fn a_role_that_is_no_service_s_own_is_not_a_missing_service_role() {
    let catalog = full_catalog();
    for text in [
        "FCInvalidArgumentError: POST /services failed with 400. requestid: 1-2-3, message: Role is required for turning on logging.",
        "Role is required for turning on logging.",
        "ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM. please create this role: acs:ram::123:role/deployer",
        "WARNING: no IAM role for service account default; please attach a role to the Kubernetes service account to use IRSA",
    ] {
        let d = diagnose(text, catalog);
        assert!(d.findings.iter().all(|f| f.kind != Kind::ServiceRoleMissing), "{text}\n{d:#?}");
    }
}
