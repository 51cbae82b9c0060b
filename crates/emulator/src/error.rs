//! Every way a call can fail, with Alibaba Cloud's error code, HTTP status and message for each: one table, so a
//! code is spelled once and each has its test.

use serde_json::{json, Map, Value};

use ram_doctor_core::sign::signature_mismatch_message;

/// The kind of RAM entity an error names (`EntityNotExist.User`, `EntityAlreadyExists.Group`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    User,
    Group,
    Role,
    Policy,
}

impl Entity {
    /// The word RAM uses in codes (`User`) and messages (`user`).
    pub fn name(self) -> &'static str {
        match self {
            Entity::User => "User",
            Entity::Group => "Group",
            Entity::Role => "Role",
            Entity::Policy => "Policy",
        }
    }
}

/// Why a call failed. Secrets never enter a variant: the string to sign holds only what the client sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No (or an unreadable) signature.
    IncompleteSignature(String),
    InvalidAccessKeyIdNotFound,
    /// The timestamp is outside the 15-minute window around the server's clock.
    TimeStampExpired,
    TimeStampFormat(String),
    /// The signature differs from the server's: the message quotes the server's string to sign.
    SignatureDoesNotMatch {
        server_string_to_sign: String,
    },
    SignatureNonceUsed,
    MissingSecurityToken,
    SecurityTokenExpired,
    SecurityTokenMismatch,
    /// A required parameter is absent.
    MissingParameter(&'static str),
    /// A common parameter every call carries is absent (`Version`, `SignatureMethod`): the gateway's
    /// `Missing{Name}` code.
    MissingCommon(&'static str),
    /// The RPC signature's method is not `HMAC-SHA1`.
    InvalidSignatureMethod(String),
    /// The RPC signature's version is not `1.0`.
    InvalidSignatureVersion(String),
    /// `InvalidParameter.<Param>[.<Detail>]` with its message.
    InvalidParameter {
        code: String,
        message: String,
    },
    InvalidAction(String),
    InvalidVersion(String),
    EntityNotExist {
        entity: Entity,
        name: String,
    },
    EntityAlreadyExists {
        entity: Entity,
        name: String,
    },
    /// A policy is (not) attached to a user/group/role: `EntityAlreadyExists.User.Policy`, `EntityNotExist.Role.Policy`.
    AttachmentExists {
        to: Entity,
        policy: String,
    },
    AttachmentNotExist {
        to: Entity,
        policy: String,
    },
    UserAlreadyInGroup,
    PolicyVersionNotExist(String),
    PolicyVersionLimit,
    DeleteDefaultVersion,
    PolicyDocumentLength,
    MalformedPolicyDocument(String),
    RootAssumeRole,
    /// The role's trust policy does not name the caller.
    TrustPolicyDenies,
    /// The simulator denied the call; the detail is the `AccessDeniedDetail` object.
    NoPermission {
        resource: String,
        action: String,
        detail: Value,
    },
    DiagnosticNotFound,
    /// Fault mode: a server error chosen by the test.
    Injected(u16),
}

impl Failure {
    /// The error code, as Alibaba Cloud spells it.
    pub fn code(&self) -> String {
        use Failure::*;
        match self {
            IncompleteSignature(_) => "IncompleteSignature".into(),
            InvalidAccessKeyIdNotFound => "InvalidAccessKeyId.NotFound".into(),
            TimeStampExpired => "InvalidTimeStamp.Expired".into(),
            TimeStampFormat(_) => "InvalidTimeStamp.Format".into(),
            SignatureDoesNotMatch { .. } => "SignatureDoesNotMatch".into(),
            SignatureNonceUsed => "SignatureNonceUsed".into(),
            MissingSecurityToken => "MissingSecurityToken".into(),
            SecurityTokenExpired => "InvalidSecurityToken.Expired".into(),
            SecurityTokenMismatch => "InvalidSecurityToken.MismatchWithAccessKey".into(),
            MissingParameter(_) => "MissingParameter".into(),
            MissingCommon(name) => format!("Missing{name}"),
            InvalidSignatureMethod(_) => "InvalidSignatureMethod".into(),
            InvalidSignatureVersion(_) => "InvalidSignatureVersion".into(),
            InvalidParameter { code, .. } => code.clone(),
            InvalidAction(_) => "InvalidAction.NotFound".into(),
            InvalidVersion(_) => "InvalidVersion".into(),
            EntityNotExist { entity, .. } => format!("EntityNotExist.{}", entity.name()),
            EntityAlreadyExists { entity, .. } => format!("EntityAlreadyExists.{}", entity.name()),
            AttachmentExists { to, .. } => format!("EntityAlreadyExists.{}.Policy", to.name()),
            AttachmentNotExist { to, .. } => format!("EntityNotExist.{}.Policy", to.name()),
            UserAlreadyInGroup => "EntityAlreadyExists.User.Group".into(),
            PolicyVersionNotExist(_) => "EntityNotExist.Policy.Version".into(),
            PolicyVersionLimit => "LimitExceeded.Policy.Version".into(),
            DeleteDefaultVersion => "DeleteConflict.PolicyVersion.DefaultVersion".into(),
            PolicyDocumentLength => "InvalidParameter.PolicyDocument.Length".into(),
            MalformedPolicyDocument(_) => "MalformedPolicyDocument".into(),
            RootAssumeRole | TrustPolicyDenies | NoPermission { .. } => "NoPermission".into(),
            DiagnosticNotFound => "EntityNotExist".into(),
            Injected(429) => "Throttling".into(),
            Injected(500) => "InternalError".into(),
            Injected(502..=504) => "ServiceUnavailable".into(),
            Injected(_) => "UnknownError".into(),
        }
    }

    /// The HTTP status Alibaba Cloud answers with.
    pub fn status(&self) -> u16 {
        use Failure::*;
        match self {
            InvalidAccessKeyIdNotFound
            | EntityNotExist { .. }
            | AttachmentNotExist { .. }
            | PolicyVersionNotExist(_)
            | DiagnosticNotFound => 404,
            InvalidAction(_) => 404,
            EntityAlreadyExists { .. } | AttachmentExists { .. } | UserAlreadyInGroup => 409,
            PolicyVersionLimit => 409,
            DeleteDefaultVersion => 409,
            RootAssumeRole | TrustPolicyDenies | NoPermission { .. } => 403,
            SignatureDoesNotMatch { .. } | SecurityTokenExpired | SecurityTokenMismatch => 400,
            Injected(status) => *status,
            _ => 400,
        }
    }

    /// The human message.
    pub fn message(&self) -> String {
        use Failure::*;
        match self {
            IncompleteSignature(why) => {
                format!("The request signature does not conform to Aliyun standards. {why}")
            }
            InvalidAccessKeyIdNotFound => "Specified access key is not found.".into(),
            TimeStampExpired => "Specified time stamp or date header is expired.".into(),
            TimeStampFormat(v) => {
                format!("Specified time stamp or date header is not in the ISO 8601 format: {v}")
            }
            SignatureDoesNotMatch { server_string_to_sign } => signature_mismatch_message(server_string_to_sign),
            SignatureNonceUsed => "Specified signature nonce was used already.".into(),
            MissingSecurityToken => "SecurityToken is mandatory for this action.".into(),
            SecurityTokenExpired => "Specified SecurityToken is expired.".into(),
            SecurityTokenMismatch => "Specified SecurityToken mismatch with the AccessKey.".into(),
            MissingParameter(name) => {
                format!("The input parameter \"{name}\" that is mandatory for processing this request is not supplied.")
            }
            MissingCommon(name) => format!("{name} is mandatory for this action."),
            InvalidSignatureMethod(method) => format!("Specified signature method is not valid: {method}"),
            InvalidSignatureVersion(version) => {
                format!("Specified parameter SignatureVersion is not valid: {version}")
            }
            InvalidParameter { message, .. } => message.clone(),
            InvalidAction(action) => {
                format!("Specified api is not found, please check your url and method: {action}")
            }
            InvalidVersion(version) => {
                format!("Specified parameter Version is not valid: {version}")
            }
            EntityNotExist { entity, name } => format!("The {} does not exist: {name}", entity.name().to_lowercase()),
            EntityAlreadyExists { entity, name } => {
                format!("The {} already exists: {name}", entity.name().to_lowercase())
            }
            AttachmentExists { to, policy } => {
                format!("The policy {policy} has already been attached to the {}.", to.name().to_lowercase())
            }
            AttachmentNotExist { to, policy } => {
                format!("The policy {policy} is not attached to the {}.", to.name().to_lowercase())
            }
            UserAlreadyInGroup => "The user has already been added to the group.".into(),
            PolicyVersionNotExist(v) => format!("The policy version does not exist: {v}"),
            PolicyVersionLimit => "The number of policy versions exceeds the limit of 5.".into(),
            DeleteDefaultVersion => "The default version of a policy cannot be deleted.".into(),
            PolicyDocumentLength => "The length of the policy document exceeds the limit of 6144 characters.".into(),
            MalformedPolicyDocument(why) => format!("The policy document is malformed: {why}"),
            RootAssumeRole => "Roles may not be assumed by root accounts.".into(),
            TrustPolicyDenies => "You are not authorized to do this action. You should be authorized by RAM.".into(),
            NoPermission { resource, action, .. } => {
                format!("You are not authorized to do this action. Resource: {resource} Action: {action}")
            }
            DiagnosticNotFound => "The specific DecodedDiagnosticMessage cannot be found.".into(),
            Injected(_) => "The request processing has failed due to some unknown error, exception or failure.".into(),
        }
    }

    /// The JSON error body: `RequestId`, `HostId`, `Code`, `Message`, `Recommend`, and `AccessDeniedDetail` for
    /// permission errors.
    pub fn body(&self, request_id: &str, host: &str, product: &str) -> Value {
        let code = self.code();
        let mut body = Map::new();
        body.insert("RequestId".into(), json!(request_id));
        body.insert("HostId".into(), json!(host));
        body.insert("Code".into(), json!(code));
        body.insert("Message".into(), json!(self.message()));
        body.insert(
            "Recommend".into(),
            json!(format!("https://api.aliyun.com/troubleshoot?q={code}&product={product}&requestId={request_id}")),
        );
        if let Failure::NoPermission { detail, .. } = self {
            body.insert("AccessDeniedDetail".into(), detail.clone());
        }
        Value::Object(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_alibaba_fields_and_quotes_the_string_to_sign() {
        let f = Failure::SignatureDoesNotMatch { server_string_to_sign: "POST&%2F&Action%3DX".into() };
        let body = f.body("RID", "ram.aliyuncs.com", "Ram");
        assert_eq!(body["Code"], "SignatureDoesNotMatch");
        assert_eq!(body["HostId"], "ram.aliyuncs.com");
        assert!(body["Message"].as_str().unwrap().ends_with("server string to sign is:POST&%2F&Action%3DX"));
        assert!(body["Recommend"].as_str().unwrap().contains("requestId=RID"));
        assert!(body.get("AccessDeniedDetail").is_none());
        assert_eq!(f.status(), 400);
    }

    #[test]
    fn injected_statuses_have_codes_alibaba_uses_for_them() {
        let code = |s| Failure::Injected(s).code();
        assert_eq!(
            [code(429), code(500), code(503), code(418)],
            ["Throttling", "InternalError", "ServiceUnavailable", "UnknownError"]
        );
        assert_eq!(Failure::Injected(503).status(), 503);
    }

    #[test]
    fn common_parameter_errors_are_the_gateways_client_errors() {
        let missing = Failure::MissingCommon("SignatureVersion");
        assert_eq!((missing.code(), missing.status()), ("MissingSignatureVersion".to_string(), 400));
        assert_eq!(missing.message(), "SignatureVersion is mandatory for this action.");
        let method = Failure::InvalidSignatureMethod("HMAC-SHA256".into());
        assert_eq!((method.code(), method.status()), ("InvalidSignatureMethod".to_string(), 400));
        assert!(method.message().contains("HMAC-SHA256"));
        let version = Failure::InvalidSignatureVersion("2.0".into());
        assert_eq!((version.code(), version.status()), ("InvalidSignatureVersion".to_string(), 400));
    }

    #[test]
    fn entity_codes_name_the_entity() {
        assert_eq!(Failure::EntityNotExist { entity: Entity::User, name: "a".into() }.code(), "EntityNotExist.User");
        assert_eq!(
            Failure::AttachmentExists { to: Entity::Role, policy: "p".into() }.code(),
            "EntityAlreadyExists.Role.Policy"
        );
        assert_eq!(Failure::EntityAlreadyExists { entity: Entity::Policy, name: "p".into() }.status(), 409);
    }
}
