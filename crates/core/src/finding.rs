//! What the engine concluded about one error: the types every other layer reads.
//!
//! Facts only: what the error says and what the engine concluded from it. What to grant is the grant plan's
//! ([`crate::grant::GrantPlan`]); [`crate::report`] puts the two together as the JSON contract of
//! `ram-doctor diagnose --json`, whose fields may be added, never renamed or removed.

use serde::{Deserialize, Serialize};

/// Everything found in one pasted text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// One finding per distinct error, in the order they appear in the text.
    pub findings: Vec<Finding>,
    /// Catalog shards (product codes) that would sharpen this diagnosis but were not loaded.
    /// The page fetches them and diagnoses again; the CLI has every shard and leaves this empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wanted_shards: Vec<String>,
}

/// Why the request failed, in the categories a user acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// No policy allows the action (implicit deny).
    MissingPermission,
    /// A `Deny` statement matched, in whatever layer.
    ExplicitDeny,
    /// AssumeRole failed: the caller may not assume, or the role's trust policy refuses.
    AssumeRole,
    /// A service-linked role or service role the product needs does not exist or is not authorized.
    ServiceRoleMissing,
    /// The AccessKey does not exist, is disabled, or does not belong here.
    BadCredentials,
    /// The request signature is wrong (secret, signing code, clock or encoding).
    Signature,
    /// An STS token or signed URL has expired.
    TokenExpired,
    /// The product is not activated or not purchased for the account.
    NotActivated,
    /// An error that is not about permissions or credentials; it never gets a grant.
    Other,
}

impl Kind {
    /// The stable kebab-case name used in JSON and share links.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MissingPermission => "missing-permission",
            Kind::ExplicitDeny => "explicit-deny",
            Kind::AssumeRole => "assume-role",
            Kind::ServiceRoleMissing => "service-role-missing",
            Kind::BadCredentials => "bad-credentials",
            Kind::Signature => "signature",
            Kind::TokenExpired => "token-expired",
            Kind::NotActivated => "not-activated",
            Kind::Other => "other",
        }
    }

    /// Whether a grant to a RAM identity can be part of the fix: the missing permission itself, the caller's
    /// `sts:AssumeRole` for a refused AssumeRole, `ram:CreateServiceLinkedRole` for whoever creates a missing
    /// service role. The other kinds are fixed by something else (a Deny removed, a key, a clock, a signature,
    /// an activation, the request itself).
    pub fn wants_grant(self) -> bool {
        matches!(self, Kind::MissingPermission | Kind::AssumeRole | Kind::ServiceRoleMissing)
    }

    /// Whether the request's credentials were refused (the key, its signature, or its token), which every API of
    /// every product answers alike: such an error says nothing about which product or API was called.
    pub fn is_credential_error(self) -> bool {
        matches!(self, Kind::BadCredentials | Kind::Signature | Kind::TokenExpired)
    }
}

/// Who was denied, as far as the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// `SubUser`, `AssumedRoleUser`, `Federated`, `RootUser`… as the error spells it.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Display name: a user id, `RoleName:SessionName`, or `saml-provider/X`.
    pub name: Option<String>,
    /// The owning account id.
    pub account: Option<String>,
}

/// The policy layer that refused the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// The identity's own policies (account or resource-group level) lack an allow or hold a deny.
    Identity,
    /// A Resource Directory control policy.
    ControlPolicy,
    /// The STS session policy passed to AssumeRole.
    SessionPolicy,
    /// The role's trust policy.
    TrustPolicy,
    /// A resource-based policy such as an OSS bucket policy.
    ResourcePolicy,
}

/// How sure the engine is of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Guessed from surrounding words only.
    Low,
    /// Inferred from partial structure (an API name, a host, a message pattern).
    Medium,
    /// Stated by the error itself (`AccessDeniedDetail`, an explicit code).
    High,
}

/// Which part of the input said what: byte offsets into the original text, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The finding field this span supports (`code`, `action`, `principal`, `request_id`…).
    pub field: String,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// A product the finding may be about, when the text does not say for sure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductGuess {
    /// RAM code, e.g. `hbr`.
    pub product: String,
    /// Why it was guessed (the words that matched).
    pub reason: String,
    /// The same in Simplified Chinese.
    #[serde(default)]
    pub reason_zh: String,
}

/// Text in both languages the page speaks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

/// One distinct error found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What went wrong: a missing permission, an explicit deny, a credential problem …
    pub kind: Kind,
    /// The error code as the service returned it (`Forbidden.RAM`, `NoPermission`, `AccessDenied`…).
    pub code: Option<String>,
    /// When the text prints no code: the code the documented sentence it quotes comes with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_code: Option<String>,
    /// The product's RAM code (the action prefix), e.g. `ecs`, `hbr`.
    pub product: Option<String>,
    /// RAM actions that were denied, e.g. `ecs:DescribeInstances`.
    pub actions: Vec<String>,
    /// The resource ARN, when the error names one.
    pub resource: Option<String>,
    /// Who was refused, when the error says.
    pub principal: Option<Principal>,
    /// `PolicyType` as the error spells it, e.g. `AccountLevelIdentityBasedPolicy`.
    pub policy_type: Option<String>,
    /// The layer that refused, derived from `NoPermissionType` + `PolicyType` or the message.
    #[serde(default)]
    pub layer: Option<Layer>,
    /// The id to quote to Alibaba Cloud support.
    pub request_id: Option<String>,
    /// The region the call went to, when the text says.
    #[serde(default)]
    pub region: Option<String>,
    /// The API that failed, when named (`DescribeInstances`).
    #[serde(default)]
    pub api: Option<String>,
    /// `EncodedDiagnosticMessage`, which `ram:DecodeDiagnosticMessage` expands.
    #[serde(default)]
    pub encoded_diagnostic_message: Option<String>,
    /// How sure the reading is.
    pub confidence: Confidence,
    /// What the finding rests on, for the user to check.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// True when `actions` were inferred (`product:Api` from an API name the catalog could not confirm).
    #[serde(default)]
    pub actions_inferred: bool,
    /// The cloud the error comes from when it is not Alibaba Cloud (`AWS`, `Azure`, `Huawei Cloud`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_cloud: Option<String>,
    /// Products this may be about when `product` could not be known, most likely first.
    #[serde(default)]
    pub likely_products: Vec<ProductGuess>,
    /// Why `product` is this product, in both languages: what in the text named it ("from the endpoint host …",
    /// "named by the sentence …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_reason: Option<Localized>,
    /// One or two sentences in English: what happened and the next step.
    pub explanation: String,
    /// The same in Simplified Chinese.
    #[serde(default)]
    pub explanation_zh: String,
    /// How many refused requests the text holds for this error (a log repeating it): the page's table counts them.
    #[serde(default = "once", skip_serializing_if = "is_once")]
    pub repeats: usize,
}

fn once() -> usize {
    1
}

fn is_once(n: &usize) -> bool {
    *n == 1
}

impl Finding {
    /// An empty finding of the given kind, for readers and tests to fill in.
    pub fn new(kind: Kind) -> Self {
        Finding {
            kind,
            code: None,
            implied_code: None,
            product: None,
            actions: Vec::new(),
            resource: None,
            principal: None,
            policy_type: None,
            layer: None,
            request_id: None,
            region: None,
            api: None,
            encoded_diagnostic_message: None,
            confidence: Confidence::Medium,
            evidence: Vec::new(),
            actions_inferred: false,
            other_cloud: None,
            likely_products: Vec::new(),
            product_reason: None,
            explanation: String::new(),
            explanation_zh: String::new(),
            repeats: 1,
        }
    }
}
