//! The kind of a finding, decided by a table of named rules read top to bottom: the first rule that applies
//! decides. Each rule looks at the same [`Signals`] (the code, the known sentences, the layer, what the catalog
//! says about the code) and has its own example in the tests below.

use crate::catalog::Catalog;
use crate::finding::{Kind, Layer};
use crate::read::phrases::Phrase;
use crate::read::{Key, RawError};

/// What the rules look at, computed once per error.
pub struct Signals<'a> {
    /// The error the rules decide about.
    pub raw: &'a RawError,
    /// The code, lower-cased (`""` when the error has none).
    pub code: String,
    /// The known phrases found in its messages.
    pub phrases: &'a [Phrase],
    /// Messages and sentences, lower-cased.
    pub message: String,
    /// The layer `PolicyType` or the message names.
    pub layer: Option<Layer>,
    /// The error comes from STS (its host, the AssumeRole API, an STS marker).
    pub sts: bool,
    /// The kind the catalog's error table gives the code.
    pub catalog_kind: Option<Kind>,
    /// The code names a service role the catalog knows, or its documented message names the service's own role as
    /// what the operation needs.
    pub names_service_role: bool,
    /// The lines the error spans, as pasted (`""` until `diagnose` sets them): where a codeless sentence names what
    /// it is about.
    pub lines: &'a str,
    /// The error has no code and its lines name a policy the catalog lists as a service role's own
    /// (`AliyunECSAccessingHBRRolePolicy`); set by `diagnose`.
    pub names_role_policy: bool,
    /// The paste shows the key is temporary (an `STS.` AccessKey id, a security token, the ECS metadata
    /// service's credentials path): an unknown temporary key is one that expired.
    pub temporary_key: bool,
    /// The catalog the code was read against (which API names and product codes it knows).
    pub catalog: &'a Catalog,
}

impl<'a> Signals<'a> {
    /// Whether the service says it does not know the AccessKey: the one case where [`Signals::temporary_key`]
    /// decides anything, so the words around an error are searched for it only then.
    pub fn key_unknown(&self) -> bool {
        self.code_starts(&["invalidaccesskeyid"]) || self.has(Phrase::AccessKeyNotFound)
    }

    /// Reads the signals of one error.
    pub fn new(raw: &'a RawError, code: Option<&str>, phrases: &'a [Phrase], catalog: &'a Catalog) -> Self {
        let sts =
            raw.all(Key::HostId).chain(raw.all(Key::Host)).any(|h| h.value.to_ascii_lowercase().starts_with("sts."))
                || raw.has(Key::Api, "AssumeRole")
                || raw.has(Key::ProductHint, "sts");
        let documented = code.and_then(|c| catalog.error_code(c));
        Signals {
            raw,
            code: code.unwrap_or("").to_ascii_lowercase(),
            phrases,
            message: raw.message_text(),
            layer: layer(raw, phrases),
            sts,
            catalog_kind: documented.and_then(|e| e.kind),
            names_service_role: code.is_some_and(|c| catalog.service_role_for_error(c).is_some())
                || documented
                    .and_then(|e| e.message.as_deref())
                    .is_some_and(crate::read::phrases::names_own_role_as_needed),
            lines: "",
            names_role_policy: false,
            temporary_key: false,
            catalog,
        }
    }

    fn has(&self, p: Phrase) -> bool {
        self.phrases.contains(&p)
    }

    fn has_any(&self, ps: &[Phrase]) -> bool {
        ps.iter().any(|&p| self.has(p))
    }

    fn code_starts(&self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.code.starts_with(p))
    }

    fn code_contains(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.code.contains(w))
    }

    /// A code that means "a policy did not allow this" (or no code and a sentence that says so).
    fn permission(&self) -> bool {
        if self.code.is_empty() {
            self.phrases.iter().any(says_not_allowed)
                || self.has(Phrase::AccessDeniedWords)
                || self.raw.get(Key::AuthAction).is_some()
        } else {
            is_permission_code(&self.code)
                || matches!(
                    self.catalog_kind,
                    Some(Kind::MissingPermission | Kind::ExplicitDeny)
                )
                // `AUTHENTICATION_FAILED` with "权限不足": an auth-family code the catalog does not know, whose
                // message says a permission is missing.
                || (self.catalog_kind.is_none() && self.code.contains("auth") && self.has_any(&[Phrase::NotAuthorized, Phrase::Console]))
                // A refusal-family code with RAM's sentence (`Forbidden.LoadBalancer`: "Authentication is failed for
                // lb-…", `Lindorm.Errorcode.OperationDenied`: "You are not authorized to operate…"), the catalog
                // knowing the code or not.
                || ((self.code.starts_with("forbidden") || self.code.contains("operationdenied"))
                    && !names_a_condition(&self.code)
                    && self.has(Phrase::NotAuthorized))
        }
    }
}

/// Whether `lines` name a system policy the catalog lists for a service role or a service-linked role
/// (`AliyunECSAccessingHBRRolePolicy`, attached to Cloud Backup's `AliyunECSAccessingHBRRole`) as the thing not
/// authorized or missing (Cloud Backup's FAQ: "the … policy is not authorized"; `缺少 …`, `… 权限不足`): such a
/// policy is the service's, never a caller's. A policy merely named (granted to a user, attached) is not it.
pub fn names_role_policy(lines: &str, catalog: &Catalog) -> bool {
    lines.match_indices("Aliyun").any(|(at, _)| {
        let word: &str = lines[at..].split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or_default();
        catalog.system_policy(word).is_some_and(|p| p.scope.ends_with("role-policy"))
            && named_as_missing(lines, at, at + word.len())
    })
}

/// How a sentence says the policy just before is not granted (lower case; after an optional "policy"/"策略", "is").
const NOT_GRANTED_AFTER: &[&str] = &[
    "not authorized",
    "not been authorized",
    "not granted",
    "not been granted",
    "not attached",
    "missing",
    "权限不足",
    "未授权",
    "没有授权",
    "未被授权",
    "未添加",
    "缺失",
];

/// How a sentence says the policy just after is missing (lower case; before an optional "the").
const MISSING_BEFORE: &[&str] = &["缺少", "缺失", "missing", "lacks", "lacking", "未授权", "没有授权"];

/// Whether the words right beside a name at `start..end` on its line say it is not granted or missing.
fn named_as_missing(lines: &str, start: usize, end: usize) -> bool {
    let after = crate::text::slice(lines, end, crate::text::line_end(lines, end, 60)).to_ascii_lowercase();
    let mut after = after.trim_start();
    for filler in ["policy", "策略", "is ", "has ", "was "] {
        after = after.strip_prefix(filler).unwrap_or(after).trim_start();
    }
    let line_start = lines[..start].rfind('\n').map_or(0, |n| n + 1);
    let from = crate::text::floor_boundary(lines, start.saturating_sub(24)).max(line_start);
    let before = lines[from..start].to_ascii_lowercase();
    let before = before.trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before).trim_end_matches([' ', '：', ':']);
    NOT_GRANTED_AFTER.iter().any(|w| after.starts_with(w)) || MISSING_BEFORE.iter().any(|w| before.ends_with(w))
}

/// Whether the words around an error show its AccessKey is a temporary one: an `STS.` AccessKey id, a security
/// token sent or configured with a value, or the ECS metadata service's path that hands out an instance role's
/// temporary keys. A token's name alone (an empty config field, a variable) shows nothing.
pub fn shows_temporary_key(text: &str) -> bool {
    let sts_key_id = text.match_indices("STS.").any(|(at, _)| {
        let id = text[at + 4..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        id >= 12 && !text[..at].ends_with(|c: char| c.is_ascii_alphanumeric())
    });
    sts_key_id
        || crate::text::contains_ignore_ascii_case(text, "/ram/security-credentials")
        || TOKEN_NAMES.iter().any(|name| token_with_value(text, name))
}

/// How a security token is named in headers, configs, SDK fields and CLI profiles (lowercase).
const TOKEN_NAMES: &[&str] =
    &["securitytoken", "security-token", "security_token", "ststoken", "sts_token", "sts-token"];

/// The shortest value taken for a token: STS tokens run to hundreds of characters; `None`, a variable or an
/// environment lookup are shorter. A value cut short by whoever pasted it still opens with `CAIS`, as every STS
/// token does.
const MIN_TOKEN_VALUE: usize = 16;

/// Whether `name` (lowercase) stands in `text`, in any ASCII case, followed by a value: past a separator
/// (`:`, `=`, `>`, quotes, blanks, on the same line), at least [`MIN_TOKEN_VALUE`] characters of a token's
/// alphabet, or a cut value opening with `CAIS`.
fn token_with_value(text: &str, name: &str) -> bool {
    let (h, n) = (text.as_bytes(), name.as_bytes());
    memchr::memchr2_iter(n[0], n[0].to_ascii_uppercase(), h).any(|i| {
        let Some(after) = h.get(i + n.len()..).filter(|_| h[i..i + n.len()].eq_ignore_ascii_case(n)) else {
            return false;
        };
        let gap = after.iter().take_while(|b| matches!(b, b':' | b'=' | b'>' | b'"' | b'\'' | b' ' | b'\t')).count();
        let value = after[gap..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-'))
            .count();
        gap > 0 && (value >= MIN_TOKEN_VALUE || after[gap..].starts_with(b"CAIS"))
    })
}

/// Whether a sentence says a policy did not allow the request.
fn says_not_allowed(p: &Phrase) -> bool {
    use Phrase::*;
    matches!(
        p,
        NotAuthorized
            | Console
            | SessionPolicy
            | BucketPolicy
            | BucketAcl
            | ExplicitDeny
            | PolicyDenied
            | GenericLacksPermission
    )
}

/// A rule's verdict: the kind and, where known, the layer that refused.
pub type Verdict = (Kind, Option<Layer>);

/// A named rule: `None` when it does not apply.
pub struct Rule {
    /// The rule's name, in tests and in a finding's evidence.
    pub name: &'static str,
    /// The rule itself.
    pub decide: fn(&Signals) -> Option<Verdict>,
}

/// The rules, strongest first. Credentials and signatures come before permissions (a bad key is refused before
/// any policy is read); errors that share permission words but are not permission errors come before the
/// permission rules, so `AccessDenied` for a wrong endpoint never gets a grant.
pub const RULES: &[Rule] = &[
    Rule { name: "oss-documented-ec", decide: oss_documented_ec },
    Rule { name: "sts-federation-refused", decide: sts_federation_refused },
    Rule { name: "token-expired", decide: token_expired },
    Rule { name: "temporary-key-unknown", decide: temporary_key_unknown },
    Rule { name: "log-service-inactive", decide: log_service_inactive },
    Rule { name: "access-key-unknown-or-disabled", decide: access_key },
    Rule { name: "security-token-invalid-or-missing", decide: security_token },
    Rule { name: "credentials-missing", decide: credentials_missing },
    Rule { name: "signature-mismatch-or-clock", decide: signature },
    Rule { name: "signed-url-expired", decide: signed_url_expired },
    Rule { name: "service-role-missing", decide: service_role_missing },
    Rule { name: "assume-role-refused", decide: assume_role_refused },
    Rule { name: "assume-role-code", decide: assume_role_code },
    Rule { name: "trust-policy-layer", decide: trust_policy_layer },
    Rule { name: "assume-role-refused-in-words", decide: assume_role_in_words },
    Rule { name: "not-activated", decide: not_activated },
    Rule { name: "wrong-endpoint-or-addressing", decide: wrong_endpoint },
    Rule { name: "refused-by-the-request-not-the-caller", decide: refused_request },
    Rule { name: "content-or-verification", decide: content_or_verification },
    Rule { name: "parameter-missing", decide: parameter_missing },
    Rule { name: "rate-limited", decide: rate_limited },
    Rule { name: "quota-stock-state-or-payment", decide: quota_stock_state_payment },
    Rule { name: "denied-for-a-missing-resource", decide: denied_for_missing_resource },
    Rule { name: "stated-action-lacking", decide: stated_action_lacking },
    Rule { name: "not-a-permission-code", decide: not_a_permission },
    Rule { name: "sts-refused-without-action", decide: sts_without_action },
    Rule { name: "explicit-deny", decide: explicit_deny },
    Rule { name: "missing-permission", decide: missing_permission },
];

/// The kind and layer of an error, and the rule that decided.
pub fn classify(s: &Signals) -> (Kind, Option<Layer>, &'static str) {
    for rule in RULES {
        if let Some((kind, layer)) = (rule.decide)(s) {
            return (kind, layer, rule.name);
        }
    }
    (Kind::Other, None, "none")
}

/// An EC OSS's error center documents ([`super::oss_ec::OSS_EC`]) says what the error is: its row's kind and layer,
/// whatever sentence stands beside it. Only where the error's code is OSS's own (none printed, the row's code, or
/// a code another row gives): an EC beside another product's code (`Forbidden.RAM`) is not that error's. A row of
/// a missing allow is OSS's general refusal (`0003-00000001` stands beside every kind of 403): the sentence and
/// the permission rules below decide it, on the code it implies.
fn oss_documented_ec(s: &Signals) -> Option<Verdict> {
    let row = super::oss_ec::of(s.raw).filter(|r| r.kind != Kind::MissingPermission)?;
    let oss_code = |c: &str| c.eq_ignore_ascii_case(&s.code);
    let own = s.code.is_empty()
        || super::oss_ec::OSS_EC.iter().filter_map(|r| r.code).any(oss_code)
        || super::oss_ec::family_code(row.ec).is_some_and(oss_code);
    own.then_some((row.kind, row.layer.or(s.layer).filter(|_| permission_kind(row.kind))))
}

fn permission_kind(kind: Kind) -> bool {
    matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny)
}

/// An AccessKey the service does not know, where the paste shows the key is a temporary one: STS keys stop
/// existing when their token expires. Not OSS's `InvalidAccessKeyId` ("The OSS Access Key Id you provided does not
/// exist in our records"): OSS's page for that message with STS credentials names four causes — the parent key
/// disabled, the token missing from the request, the parent key sent for the STS one, the credentials expired — so
/// its code's own reading (bad credentials) stands.
fn temporary_key_unknown(s: &Signals) -> Option<Verdict> {
    let oss_own = s.code == "invalidaccesskeyid" || s.message.contains("oss access key id");
    let unknown = s.key_unknown() && !oss_own;
    // OSS says so when the token was not sent at all ("The Security Token may be lost").
    let other_cause = s.has_any(&[Phrase::AccessKeyDisabled, Phrase::TokenMissing, Phrase::TokenInvalid]);
    (unknown && s.temporary_key && !other_cause).then_some((Kind::TokenExpired, None))
}

/// STS refused a federated sign-in (`AssumeRoleWithOIDC`, `AssumeRoleWithSAML`): its `AuthenticationFail.` codes
/// about the OIDC token or provider ("No such OIDC Provider registered", `AuthenticationFail.OIDCToken.Expired`), as
/// the STS error-code table lists them. The role cannot be assumed; an OIDC token that expired is a token to
/// read again (`AuthenticationFail.OIDCToken.Expired`: "This JsonWebToken is expired.").
fn sts_federation_refused(s: &Signals) -> Option<Verdict> {
    if !(is_federation_code(&s.code) || s.has(Phrase::FederationRefused)) {
        return None;
    }
    let expired = s.code.ends_with(".expired") || s.message.contains("is expired");
    Some((if expired { Kind::TokenExpired } else { Kind::AssumeRole }, None))
}

/// An STS token that expired. An OAuth access token's code (`AccessTokenExpired`: Aliyun Drive's open platform, an
/// app's own login) is none: Alibaba Cloud's temporary credentials expire as `…SecurityToken.Expired`, and no grant
/// or STS call renews another platform's login.
fn token_expired(s: &Signals) -> Option<Verdict> {
    // The aliyun CLI's CloudSSO sign-in is Alibaba Cloud's own access token. A JSON Web Token is a web app's login.
    let access_token = |t: &str| {
        (t.contains("accesstoken") || t.contains("access token") || t.contains("jwt"))
            && !t.contains("securitytoken")
            && !t.contains("cloudsso")
    };
    let candidate = s.raw.all(Key::CodeCandidate).any(|c| access_token(&c.value.to_ascii_lowercase()));
    if access_token(&s.code) || (s.code.is_empty() && (candidate || access_token(&s.message))) {
        return None;
    }
    let code = s.code.ends_with("securitytoken.expired")
        || s.code == "expiredtoken"
        || s.code_contains(&["tokenexpired", "securitytokenexpired"]);
    (code || s.has_any(&[Phrase::TokenExpired, Phrase::GenericTokenExpired])).then_some((Kind::TokenExpired, None))
}

/// Log Service's "AccessKeyId … is inactive" means the service is not activated, whatever code wraps it.
fn log_service_inactive(s: &Signals) -> Option<Verdict> {
    s.has(Phrase::LogServiceInactive).then_some((Kind::NotActivated, None))
}

fn access_key(s: &Signals) -> Option<Verdict> {
    ((s.code_starts(&["invalidaccesskey"])
        || s.code_contains(&[
            "accesskeydisabled",
            "accesskeynotfound",
            "accesskey.disabled",
            "accesskey.notfound",
            // Model Studio's API keys (`InvalidApiKey`, `invalid_api_key` in its OpenAI-compatible mode).
            "invalidapikey",
            "invalid_api_key",
        ]))
        || s.has_any(&[Phrase::AccessKeyNotFound, Phrase::AccessKeyDisabled, Phrase::LoginRefused])
        // An API key refused in general words, where no code is printed.
        || (s.code.is_empty() && s.has(Phrase::ApiKeyWords)))
    .then_some((Kind::BadCredentials, None))
}

fn security_token(s: &Signals) -> Option<Verdict> {
    let code = s.code_starts(&["invalidsecuritytoken", "missingsecuritytoken", "accesskeyidandsecuritytokennotmatch"]);
    (code || s.has_any(&[Phrase::TokenMissing, Phrase::TokenInvalid])).then_some((Kind::BadCredentials, None))
}

fn credentials_missing(s: &Signals) -> Option<Verdict> {
    let code = s.code_starts(&[
        "sdk.invalidcredential",
        "sdk.credential",
        "credentialexception",
        "invalidcredentials",
        "missingcredential",
        // The POP gateway's `MissingAccessKeyId`: the request carried no AccessKey id at all.
        "missingaccesskeyid",
        // The Go core SDK: a credential of a type it cannot sign with.
        "sdk.unsupportedcredential",
    ]);
    // A browser session that is not signed in (`Frontend.Business.NeedLogin`, `System.NotLogin`): the console's
    // web APIs answer so before any policy is read.
    let session = s.code_contains(&["needlogin", "notlogin"]);
    // RAM's refusal of a caller (`Forbidden.RAM`, `NoPermission`, a stated action) answers a signed request: a
    // sentence of missing credentials beside it (an earlier log line) is not this error's. A bare `AccessDenied`
    // is what OSS answers an anonymous request too (its bucket ACL): the missing key stays the cause.
    let caller_refused = is_permission_code(&s.code)
        && (s.code.starts_with("forbidden") || s.code.starts_with("nopermission") || states_action(s.raw, s.catalog));
    let sentence = s.has_any(&[Phrase::CredentialsMissing, Phrase::GenericCredentialsMissing]) && !caller_refused;
    (code || session || sentence).then_some((Kind::BadCredentials, None))
}

fn signature(s: &Signals) -> Option<Verdict> {
    let code = (s.code == "signaturedoesnotmatch" || s.code == "signaturenotmatch")
        || s.code == "requesttimetooskewed"
        || s.code_starts(&[
            "incompletesignature",
            "invalidsignature",
            "invalidtimestamp",
            "illegaltimestamp",
            "signaturenonceused",
        ]);
    // General words of a refused signature or time count only where no code is printed: a code says more.
    let words = s.code.is_empty() && s.has_any(&[Phrase::SignatureWords, Phrase::ClockWords]);
    (code || words || s.has_any(&[Phrase::SignatureMismatch, Phrase::ClockSkew])).then_some((Kind::Signature, None))
}

fn signed_url_expired(s: &Signals) -> Option<Verdict> {
    s.has(Phrase::RequestExpired).then_some((Kind::TokenExpired, None))
}

fn service_role_missing(s: &Signals) -> Option<Verdict> {
    let c = &s.code;
    // A deletion task of a role (`EntityNotExist.ServiceLinkedRole.DeletionTask`) is the task's matter, not the role's.
    let role_code = !c.contains("deletiontask")
        && (c.starts_with("nopermission.aliyunservicerole")
            || (c.starts_with("entitynotexist.") && c.contains("role") && c != "entitynotexist.role")
            || c.contains("rolenotattach")
            || c.contains("servicelinkedrole")
            || c.contains("servicerole")
            || s.names_service_role);
    // A service's own role (`AliyunServiceRoleFor…`, `Aliyun…DefaultRole`) that does not exist: the service
    // cannot act, whatever API reported it; not the caller's AssumeRole.
    let own_role_missing = (c == "entitynotexist.role" || s.has_any(&[Phrase::RoleNotExist, Phrase::StsRoleNotExist]))
        && (s.raw.all(Key::RoleName).any(|r| crate::read::phrases::is_service_role_name(&r.value))
            || s.message.contains("role/aliyun")
            || s.raw.all(Key::Resource).any(|r| r.value.to_ascii_lowercase().contains(":role/aliyun")));
    // `EntityNotExist.Role` with the products' documented "The role does not exist." and none of STS's signs (its
    // host or API, the role's ARN, its "The role not exists: acs:ram::…"): the product's own role is missing (CDN,
    // E-HPC, RDS, SMC, VOD… list the code for the role they act with).
    let product_role_missing = c == "entitynotexist.role"
        && !s.sts
        && !s.message.contains("acs:ram:")
        && !s.message.contains("role not exists")
        && !s.has(Phrase::StsRoleNotExist)
        && s.raw.get(Key::RoleName).is_none();
    let sentence = s.has(Phrase::ServiceRole)
        && !s.message.contains("sts:assumerole")
        && (c.is_empty()
            || is_permission_code(c)
            || c.contains("role")
            || c.contains("authoriz")
            || matches!(s.catalog_kind, Some(Kind::MissingPermission | Kind::ServiceRoleMissing)));
    let required = s.has(Phrase::GenericRoleRequired);
    // A service role's own policy named as not authorized or missing (Cloud Backup's FAQ: the client cannot install
    // while `AliyunECSAccessingHBRRolePolicy` is not authorized): the service's role lacks its policy.
    // With no code only: beside RAM's refusal of the caller the policy is a hint, and the caller's refusal decides.
    let role_policy_refused = s.names_role_policy
        && c.is_empty()
        && (s.phrases.iter().any(says_not_allowed) || s.has(Phrase::AccessDeniedWords));
    // RAM's refusal of the caller (a permission code with its sentence) with the role's page named only beside its
    // message (a hint on another line): the caller's refusal decides.
    let caller_refused = is_permission_code(c) && s.has(Phrase::NotAuthorized);
    let named_missing = s.has(Phrase::ServiceRoleNotExist)
        && (!caller_refused || phrase_in_message(s.raw, Phrase::ServiceRoleNotExist));
    // A sentence about a service's (default) role beside a stated denied action (`没有 ram:PassRole 权限…默认角色
    // Aliyun…DefaultRole`): the caller lacks that action, the role is only what it was for.
    let action_denied = states_action(s.raw, s.catalog);
    (role_code
        || own_role_missing
        || product_role_missing
        || ((sentence || required || role_policy_refused) && !action_denied)
        || named_missing)
        .then_some((Kind::ServiceRoleMissing, s.layer))
}

/// Whether a phrase of `p` stands inside one of the error's messages.
fn phrase_in_message(raw: &RawError, p: Phrase) -> bool {
    raw.all(Key::Phrase).filter(|f| f.value == p.name()).any(|f| raw.in_message(f))
}

fn assume_role_refused(s: &Signals) -> Option<Verdict> {
    if s.has(Phrase::TrustPolicy) {
        return Some((Kind::AssumeRole, Some(Layer::TrustPolicy)));
    }
    s.has_any(&[Phrase::CallerMayNotAssume, Phrase::RootMayNotAssume])
        .then_some((Kind::AssumeRole, Some(Layer::Identity)))
}

fn assume_role_code(s: &Signals) -> Option<Verdict> {
    let role_missing = s.code == "entitynotexist.role"
        || (s.code.is_empty() && s.has(Phrase::RoleNotExist))
        || s.has(Phrase::StsRoleNotExist);
    let grammar = s.code.starts_with("invalidparameter.policygrammar") && s.sts;
    (role_missing || grammar || s.raw.has(Key::AuthAction, "sts:AssumeRole")).then_some((Kind::AssumeRole, s.layer))
}

/// No code, a refusal in words (RAM's, the console's: "no permission", 无权限), and the words name STS's
/// `AssumeRole` call as what was refused (`AssumeRole一直提示无权限`): the role could not be assumed (the caller's
/// `sts:AssumeRole` or the role's trust policy, as the STS FAQ's AssumeRole table has it). A RAM action stated
/// beside it (`ecs:DescribeInstances` refused after the role was assumed) is the one refused instead.
///
/// Only where one sentence says both: AssumeRole named (not reported as succeeded: `AssumeRole ok`, `调用 AssumeRole
/// 成功`) and the refusal, with no other API (`DescribeInstances`) nor product (`OSS`) named in it — those are what
/// was refused after the role was assumed.
fn assume_role_in_words(s: &Signals) -> Option<Verdict> {
    // The cheap checks first: most errors carry a code, or no refusal in words.
    if !s.code.is_empty() || !(s.phrases.iter().any(says_not_allowed) || s.has(Phrase::AccessDeniedWords)) {
        return None;
    }
    if states_action(s.raw, s.catalog) && !s.raw.has(Key::Action, "sts:AssumeRole") {
        return None;
    }
    let words = if s.lines.is_empty() { s.message.as_str() } else { s.lines };
    if !crate::text::contains_ignore_ascii_case(words, "assumerole") {
        return None;
    }
    sentences(words).any(|sentence| assume_role_refused_in(sentence, s.catalog)).then_some((Kind::AssumeRole, s.layer))
}

/// A sentence's ends: lines, and the stops of English and Chinese prose (a comma keeps a sentence whole).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '。', '；', ';', '!', '?', '！', '？']).flat_map(|l| l.split(". "))
}

/// Whether one sentence names AssumeRole as refused: named as a call of its own and not reported as succeeded, a
/// refusal in it, and no other RAM action, API or product named in it.
fn assume_role_refused_in(sentence: &str, catalog: &Catalog) -> bool {
    let lower = sentence.to_ascii_lowercase();
    if !names_assume_role(&lower) || assume_role_succeeded(&lower) {
        return false;
    }
    let mut found = Vec::new();
    crate::read::phrases::scan(&crate::text::Text::new(sentence), &mut found);
    let refused = found
        .iter()
        .filter(|f| f.key == Key::Phrase)
        .filter_map(|f| Phrase::from_name(&f.value))
        .any(|p| says_not_allowed(&p) || p == Phrase::AccessDeniedWords);
    refused && !names_something_else(sentence, catalog)
}

/// Whether the lower-cased sentence reports an AssumeRole call as done (`AssumeRole ok`, `AssumeRole succeeded`,
/// `AssumeRole 成功了`, `调用 AssumeRole 成功`) in the clause after it, not negated (`未成功`, `not successful`).
fn assume_role_succeeded(lower: &str) -> bool {
    lower.match_indices("assumerole").any(|(at, w)| {
        let rest = &lower[at + w.len()..];
        let clause = &rest[..rest.find([',', '，', '.', '、']).unwrap_or(rest.len())];
        let clause = crate::text::slice(clause, 0, 40);
        let ok = clause.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| t == "ok")
            || ["succeed", "success", "成功", "worked"].iter().any(|w| clause.contains(w));
        let negated = ["不成功", "未成功", "没成功", "没有成功", "not succe", "unsuccess", "fail", "失败"]
            .iter()
            .any(|w| clause.contains(w));
        ok && !negated
    })
}

/// Whether a sentence names a RAM action (`ecs:DescribeInstances`), an API the catalog knows other than
/// AssumeRole's family, or a product by its code in capitals (`OSS`, `ECS`) other than STS and RAM: what was refused.
fn names_something_else(sentence: &str, catalog: &Catalog) -> bool {
    sentence
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '*' | '_' | '-')))
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
        .any(|t| {
            let lower = t.to_ascii_lowercase();
            if lower.starts_with("assumerole") || lower == "sts:assumerole" {
                return false;
            }
            let action = crate::read::generic::is_bare_action(t);
            let api = t.starts_with(|c: char| c.is_ascii_uppercase())
                && t.bytes().all(|c| c.is_ascii_alphanumeric())
                && t.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
                && !catalog.ram_codes_with_api(t).is_empty();
            let product = (2..=10).contains(&t.len())
                && t.bytes().all(|c| c.is_ascii_uppercase())
                && !matches!(lower.as_str(), "sts" | "ram")
                && catalog.product(&lower).is_some();
            action || api || product
        })
}

/// Whether lower-cased words name STS's `AssumeRole` call as a word of its own: not `AssumeRoleWithOIDC` (a
/// federated sign-in) nor a name holding it (`AliyunSTSAssumeRoleAccess`).
fn names_assume_role(words: &str) -> bool {
    words.match_indices("assumerole").any(|(at, w)| {
        let before = words[..at].chars().next_back();
        let after = words[at + w.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn trust_policy_layer(s: &Signals) -> Option<Verdict> {
    (s.layer == Some(Layer::TrustPolicy)).then_some((Kind::AssumeRole, s.layer))
}

fn not_activated(s: &Signals) -> Option<Verdict> {
    let code = s.code_contains(&[
        "notactivated",
        "notopen",
        "notpurchase",
        "notenable",
        "notactive",
        "unactivated",
        "notsubscribe",
        "unsubscribe",
        "notbuy",
        "un_subscript",
        "unsubscript",
        "notsubscription",
        // Not bought: Model Studio's `AccessDenied.Unpurchased`, Security Center's `NeedBuy`.
        "unpurchase",
        "needbuy",
    ]) || s.code == "inactive";
    // A state check's code (`InvalidStatus.StatusNotEnabled`: "The physical connection status is invalid.") names
    // the resource's state, not the service's.
    let code = code && !s.code_contains(&["invalidstatus", "incorrectstatus"]);
    let sentence = s.has_any(&[Phrase::NotActivated, Phrase::ServiceNotActivated]);
    let sentence_counts = s.code.is_empty()
        || is_permission_code(&s.code)
        || s.code.contains("inactive")
        || s.has(Phrase::ServiceNotActivated);
    (code || (sentence && sentence_counts)).then_some((Kind::NotActivated, None))
}

fn wrong_endpoint(s: &Signals) -> Option<Verdict> {
    let code = matches!(
        s.code.as_str(),
        "publicendpointforbidden"
            | "secondleveldomainforbidden"
            | "sdk.canotresolveendpoint"
            | "sdk.cannotresolveendpoint"
    ) || s.code_starts(&["sdk.endpoint", "invalidregionid", "sdk.invalidregionid"]);
    (code || s.has(Phrase::WrongEndpoint)).then_some((Kind::Other, None))
}

/// Refusals of the request's shape, whoever sends it: OSS's CORS rules for a browser's origin, its hotlink
/// protection (the `Referer` header; its ECs decide in [`oss_documented_ec`]), a media URL's signing or referer rules (FFmpeg's
/// "Server returned 403"), the ECS metadata service refusing a credentials provider, a connector refusing a key
/// written into an OSS URI. No RAM policy is read.
fn refused_request(s: &Signals) -> Option<Verdict> {
    s.has_any(&[
        Phrase::CorsRefused,
        Phrase::RefererRefused,
        Phrase::MediaUrlRefused,
        Phrase::MetadataServiceRefused,
        Phrase::KeyInUriRefused,
    ])
    .then_some((Kind::Other, None))
}

/// A product's own verdict on the content or the account, not on the caller's rights: content moderation
/// (Model Studio's `DataInspectionFailed`), real-name verification not passed. A permission code with a
/// sentence that merely mentions verification stays a permission error.
fn content_or_verification(s: &Signals) -> Option<Verdict> {
    let code = s.code_contains(&["datainspection", "realname", "userverification", "contentrisk"]);
    let sentence = s.has_any(&[Phrase::ContentModeration, Phrase::RealNameVerification])
        && (s.code.is_empty() || !is_permission_code(&s.code));
    (code || sentence).then_some((Kind::Other, None))
}

/// A required parameter not sent ("You must specify CertName."): the request is to be fixed, whoever sends it. A
/// permission code, or RAM's and the console's refusal beside it, still decides.
fn parameter_missing(s: &Signals) -> Option<Verdict> {
    let refused =
        [Phrase::NotAuthorized, Phrase::Console, Phrase::SessionPolicy, Phrase::BucketPolicy, Phrase::BucketAcl];
    (s.has(Phrase::MissingParameter) && !is_permission_code(&s.code) && !s.has_any(&refused))
        .then_some((Kind::Other, None))
}

fn rate_limited(s: &Signals) -> Option<Verdict> {
    (s.code.starts_with("throttling")
        || s.code_contains(&["flowcontrol", "toomanyrequests", "ratelimit", "limit_control", "limit_requests"])
        || (s.has(Phrase::Throttling) && !is_permission_code(&s.code)))
    .then_some((Kind::Other, None))
}

fn quota_stock_state_payment(s: &Signals) -> Option<Verdict> {
    // `OperationDenied…` is mostly a state check (ECS, VPC), but some products answer it with RAM's own sentence
    // (`Lindorm.Errorcode.OperationDenied`: "You are not authorized to operate on the specified resource.").
    let state_denial = s.code.contains("operationdenied") && !s.has(Phrase::NotAuthorized);
    let code = is_payment_code(&s.code)
        || state_denial
        || s.code_contains(&[
            "quota",
            "outofstock",
            "nostock",
            "stock",
            "incorrect",
            "invalidstatus",
            "operation.conflict",
            "userdisable",
            "accountdisable",
            "riskcontrol",
            "notsupportram",
            "exceed",
        ]);
    let sentence = s.has_any(&[Phrase::Overdue, Phrase::OutOfStock, Phrase::AccountDisabled]);
    // A state or limit sentence ("… has been forbidden", "limit exceeded") beside a permission code is the
    // policy's refusal worded loosely (or a limit named beside it).
    let state = s.has_any(&[Phrase::ResourceState, Phrase::Quota]) && !is_permission_code(&s.code);
    (code || sentence || state).then_some((Kind::Other, None))
}

/// A bare refusal code whose message says the resource does not exist (or was never created): the service
/// refuses what it cannot find, and no grant makes it exist.
fn denied_for_missing_resource(s: &Signals) -> Option<Verdict> {
    let bare_refusal = matches!(s.code.as_str(), "accessdenied" | "forbidden");
    let stated = s.raw.get(Key::AuthAction).is_some() || s.raw.get(Key::Action).is_some();
    (bare_refusal && s.has(Phrase::NotExist) && !stated && !s.phrases.iter().any(says_not_allowed))
        .then_some((Kind::Other, None))
}

/// A message that names the RAM action an identity lacks (`the service role does not have
/// 'vpc:DescribeVSwitchAttributes' permission`), whatever parameter or argument code wraps it: that action is missing.
/// Where the message also says a policy denied it explicitly (MaxCompute's `ODPS-0130013` [4011]: "You have NO
/// privilege 'odps:Select' on {…}. Explicitly denied by policy."), a Deny statement refused it: no grant helps.
fn stated_action_lacking(s: &Signals) -> Option<Verdict> {
    let about_permission =
        ["permission", "privilege", "authoriz", "权限", "授权"].iter().any(|w| s.message.contains(w));
    let kind = if s.has(Phrase::ExplicitDeny) { Kind::ExplicitDeny } else { Kind::MissingPermission };
    (!s.permission() && about_permission && states_action(s.raw, s.catalog)).then_some((kind, s.layer))
}

fn not_a_permission(s: &Signals) -> Option<Verdict> {
    (!s.permission()).then(|| (s.catalog_kind.filter(|k| *k != Kind::MissingPermission).unwrap_or(Kind::Other), None))
}

fn sts_without_action(s: &Signals) -> Option<Verdict> {
    let no_action = s.raw.get(Key::AuthAction).is_none() && s.raw.get(Key::Action).is_none();
    (s.sts && s.code.starts_with("nopermission") && no_action).then_some((Kind::AssumeRole, Some(Layer::Identity)))
}

fn explicit_deny(s: &Signals) -> Option<Verdict> {
    if s.has(Phrase::PolicyDenied) && s.raw.get(Key::NoPermissionType).is_none() {
        let bucket = s.message.contains("bucket");
        return Some((
            Kind::ExplicitDeny,
            s.layer.or(Some(if bucket { Layer::ResourcePolicy } else { Layer::Identity })),
        ));
    }
    let explicit = s.raw.has(Key::NoPermissionType, "ExplicitDeny")
        || s.code.contains("explicitdeny")
        || s.has(Phrase::ExplicitDeny)
        || (s.has(Phrase::BucketPolicy) && s.raw.get(Key::NoPermissionType).is_none());
    explicit.then_some((Kind::ExplicitDeny, s.layer.or(Some(Layer::Identity))))
}

fn missing_permission(s: &Signals) -> Option<Verdict> {
    Some((Kind::MissingPermission, s.layer))
}

/// The refusal code families the API gateway answers for every product (lower case prefixes); `NoPermission…`
/// without a dot is caught by [`is_permission_code`]'s word test.
pub(crate) const GATEWAY_REFUSALS: &[&str] = &[
    "forbidden.ram",
    "forbbiden.ram",
    "forbidden.access",
    "forbidden.nopermission",
    "forbidden.unauthorized",
    "forbidden.subuser",
    "nopermission.",
    "accessdenied",
];

/// Code families the API gateway answers for every product besides its refusals ([`GATEWAY_REFUSALS`]): risk
/// control, key and token checks, a missing role (lower case prefixes).
const GATEWAY_ALSO: &[&str] =
    &["forbidden.riskcontrol", "unauthorized", "invalidaccesskeyid", "invalidsecuritytoken", "entitynotexist.role"];

/// Whether a code (any case) is one the API gateway answers for every product: its refusals ([`GATEWAY_REFUSALS`]:
/// `Forbidden.RAM`, `NoPermission.…`, `AccessDenied…`) and its other checks ([`GATEWAY_ALSO`]: risk control, keys,
/// tokens, a missing role). Whichever products' tables happen to list such a code, it names none of them.
pub fn is_gateway_code(code: &str) -> bool {
    let starts = |g: &&str| code.get(..g.len()).is_some_and(|p| p.eq_ignore_ascii_case(g));
    GATEWAY_REFUSALS.iter().chain(GATEWAY_ALSO).any(starts)
}

/// Whether the error states a RAM action other than creating a service-linked role (`AuthAction`, an action read
/// from a sentence, or `ram:PassRole` standing in its message, its name capitalized): that action is what the
/// caller lacks. `ram:CreateServiceLinkedRole` denied is the service role's own matter.
fn states_action(raw: &RawError, catalog: &Catalog) -> bool {
    let counts = |t: &str| !t.eq_ignore_ascii_case("ram:CreateServiceLinkedRole");
    raw.all(Key::AuthAction).any(|a| counts(&a.value))
        || raw.all(Key::Action).any(|a| counts(&a.value) && real_action(&a.value, catalog))
        || actions_in_messages(raw, catalog).iter().any(|a| counts(&a.value))
}

/// The RAM actions standing bare in the error's messages (`当前用户没有 ram:PassRole 权限`, `the service role does
/// not have 'vpc:DescribeVSwitchAttributes' permission`), once each, as [`Key::Action`] fields spanning the message
/// that states them: what the caller lacks where no `AuthAction` says it. Only a real action
/// ([`real_action_in_words`]): prose glued at a colon (`Authorization failed:No privilege`) names none.
pub fn actions_in_messages(raw: &RawError, catalog: &Catalog) -> Vec<crate::read::Field> {
    let mut found: Vec<crate::read::Field> = Vec::new();
    for m in raw.all(Key::Message) {
        let words = m.value.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '*' | '_' | '-')));
        for t in words.map(|t| t.trim_end_matches(':')) {
            if real_action_in_words(t, catalog) && !found.iter().any(|f| f.value == t) {
                found.push(crate::read::Field::new(Key::Action, t, m.start, m.end));
            }
        }
    }
    found
}

/// Whether a word standing bare in prose is a RAM action: shaped as one ([`crate::read::generic::is_bare_action`])
/// and a real action ([`real_action`]). A word before a colon is often prose (`failed:No`, `denied:Access`).
fn real_action_in_words(t: &str, catalog: &Catalog) -> bool {
    crate::read::generic::is_bare_action(t) && real_action(t, catalog)
}

/// Words of prose glued to a value at a colon in a log line (`Authorization failed:No privilege`,
/// `denied:Access`, `status:Denied`): a status or outcome, never the service code of a RAM action (RAM's actions are
/// `<service code>:<API>`, the code a product's noun: `ecs`, `dyvms`, `bssapi`). One the catalog knows as a
/// product's code is kept.
const PROSE_BEFORE_COLON: &[&str] =
    &["failed", "denied", "status", "refused", "rejected", "forbidden", "unauthorized", "result", "cause", "detail"];

/// Whether an action read from the text (`ecs:DescribeInstances`, `dyvms:SingleCallByTts`, `oss:*`) is a RAM
/// action by its shape: its service code lower case ([`crate::read::fields::is_ram_action`]) and no prose word
/// ([`PROSE_BEFORE_COLON`]) unless the catalog knows it, its name a wildcard or shaped as an API
/// ([`crate::read::fields::is_api_name`]: `failed:No` is none). Services the catalog lacks (Voice's `dyvms`,
/// billing's `bssapi`, `ims`, `modelstudio`) are RAM's too: the catalog names products, not every RAM code.
pub fn real_action(t: &str, catalog: &Catalog) -> bool {
    t.split_once(':').is_some_and(|(svc, name)| {
        crate::read::fields::is_ram_action(t)
            && svc.starts_with(|c: char| c.is_ascii_lowercase())
            && (name.ends_with('*') || crate::read::fields::is_api_name(name))
            && (!PROSE_BEFORE_COLON.contains(&svc) || super::product::names_product(catalog, svc))
    })
}

/// Which federated sign-in STS refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Federation {
    /// `AssumeRoleWithOIDC`: an OIDC provider and a JSON Web Token.
    Oidc,
    /// `AssumeRoleWithSAML`: a SAML provider and an assertion from the identity provider.
    Saml,
}

/// The federated sign-in a code (lower-cased) names, when it is one of STS's refusals: `AuthenticationFail.` about
/// OIDC or SAML.
pub fn federation_of_code(c: &str) -> Option<Federation> {
    if !c.starts_with("authenticationfail.") {
        return None;
    }
    if c.contains("saml") {
        Some(Federation::Saml)
    } else if c.contains("oidc") {
        Some(Federation::Oidc)
    } else {
        None
    }
}

/// Whether a code (lower-cased) is one of STS's federated sign-in refusals: `AuthenticationFail.` about OIDC or SAML.
pub fn is_federation_code(c: &str) -> bool {
    federation_of_code(c).is_some()
}

/// Codes that mean "a policy did not allow this".
pub fn is_permission_code(c: &str) -> bool {
    // Go's `http.StatusForbidden` printed as the code: a bare 403.
    if c == "statusforbidden" {
        return true;
    }
    if matches!(c, "forbidden.riskcontrol" | "forbidden.notsupportram") || names_a_condition(c) {
        return false;
    }
    // A parameter error (`InvalidParameter.KMSKeyId.CMKUnauthorized`: "The CMK needs to be added ECS tag.") names
    // what is wrong with a value, whatever refusal word follows; its message says when a permission is missing.
    if c.starts_with("invalidparam") {
        return false;
    }
    c == "forbidden"
        || c.starts_with("forbidden.ram")
        // ACK's `ForbiddenGrantPermissions`, `ForbiddenQueryClusterNamespace`; pop-core's `ForbiddenRAM`.
        || (c.starts_with("forbidden") && !c.contains('.') && !c.contains("riskcontrol"))
        || GATEWAY_REFUSALS.iter().any(|g| c.starts_with(g))
        || c.starts_with("bucketnotbelongto")
        || c.contains("notauthorized")
        || c.contains("unauthorized")
        || c.contains("permissiondenied")
        || c.contains("nopermission")
        || c.contains("insufficient-isv-permissions")
        // MaxCompute: `ODPS-0420095: Access Denied` is its authorization failure.
        || c.starts_with("odps-0420095")
        || c.contains("explicitdeny")
}

/// Whether a code (lower-cased) names an overdue payment or too small a balance (`InDebt`, `Arrearage`,
/// `InsufficientBalance`); a load balancer's codes (`Forbidden.LoadBalancer`) are no balance.
pub(crate) fn is_payment_code(c: &str) -> bool {
    ["indebt", "overdue", "arrearage"].iter().any(|w| c.contains(w))
        || c.match_indices("balance").any(|(at, w)| !c[at + w.len()..].starts_with('r'))
}

/// Whether a code (lower-cased) names a condition no grant changes, though it holds a refusal word: a thing's
/// state at its end (`ForbiddenDriveNotValid`, `…NotFound`, `…Expired`), an invalid part after its first dot
/// (CDN's URL authentication, `Unauthorized.InvalidToken`), or a value, place or size the account is not offered
/// (ECS's `InvalidInstanceType.ValueUnauthorized`, `UnauthorizedZone`, NAS's `PermissionDenied.ThroughputTooSmall`).
/// The catalog's classifier (`xtask`) uses it too.
pub fn names_a_condition(c: &str) -> bool {
    const STATE_ENDS: &[&str] = &["notvalid", "invalid", "notfound", "notexist", "expired", "locked", "deleted"];
    const CONDITIONS: &[&str] = &[
        "valueunauthorized",
        "codeunauthorized",
        "instancetype",
        "throughput",
        "capacity",
        "quota",
        "throttl",
        "nostock",
    ];
    // Short words that also stand inside product names (`Forbidden.PrivatezoneServiceNotAuthorize`): a condition
    // only where they open or close a dot-separated part (`UnauthorizedZone`, `Region.NotSupported`, `…Status`).
    const PART_WORDS: &[&str] = &["zone", "region", "status"];
    STATE_ENDS.iter().any(|w| c.ends_with(w))
        || c.split('.')
            .skip(1)
            .any(|seg| seg.starts_with("invalid") && !seg.contains("privilege") && !seg.contains("permission"))
        || CONDITIONS.iter().any(|w| c.contains(w))
        || c.split('.').any(|part| PART_WORDS.iter().any(|w| part.starts_with(w) || part.ends_with(w)))
}

/// The layer from `PolicyType`, else from the message.
fn layer(raw: &RawError, phrases: &[Phrase]) -> Option<Layer> {
    if let Some(pt) = raw.value(Key::PolicyType) {
        let pt = pt.to_ascii_lowercase();
        for (word, layer) in [
            ("control", Layer::ControlPolicy),
            ("session", Layer::SessionPolicy),
            ("assumerole", Layer::TrustPolicy),
            ("trust", Layer::TrustPolicy),
            ("resourcebased", Layer::ResourcePolicy),
            ("bucket", Layer::ResourcePolicy),
            ("identity", Layer::Identity),
        ] {
            if pt.contains(word) {
                return Some(layer);
            }
        }
    }
    let has = |p: Phrase| phrases.contains(&p);
    if has(Phrase::SessionPolicy) {
        Some(Layer::SessionPolicy)
    } else if has(Phrase::ControlPolicy) {
        Some(Layer::ControlPolicy)
    } else if has(Phrase::BucketPolicy) && raw.get(Key::NoPermissionType).is_none() {
        Some(Layer::ResourcePolicy)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{self, Reading};
    use crate::text::Text;

    /// One example per rule: the text, and the kind the rule gives it.
    const EXAMPLES: &[(&str, &str, Kind)] = &[
        ("oss-documented-ec", "<Error><Code>AccessDenied</Code><Message>x</Message><EC>0003-00000501</EC></Error>", Kind::Other),
        ("sts-federation-refused", "ErrorCode: AuthenticationFail.NoPermission\nMessage: No such OIDC Provider registered.", Kind::AssumeRole),
        ("token-expired", "ErrorCode: InvalidSecurityToken.Expired\nMessage: Specified SecurityToken is expired.", Kind::TokenExpired),
        ("temporary-key-unknown", r#"{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found.","AccessKeyId":"STS.NUexampleKeyId12"}"#, Kind::TokenExpired),
        ("log-service-inactive", "InvalidAccessKeyIdError: AccessKeyId LTAIexample is inactive", Kind::NotActivated),
        ("access-key-unknown-or-disabled", "ErrorCode: InvalidAccessKeyId.Inactive\nMessage: Specified access key is disabled.", Kind::BadCredentials),
        ("security-token-invalid-or-missing", "ErrorCode: MissingSecurityToken\nMessage: SecurityToken is mandatory for this action.", Kind::BadCredentials),
        ("credentials-missing", "panic: No credential found, please set ALIBABA_CLOUD_ACCESS_KEY_ID", Kind::BadCredentials),
        ("signature-mismatch-or-clock", "ErrorCode: SignatureDoesNotMatch\nMessage: Specified signature is not matched with our calculation.", Kind::Signature),
        ("signed-url-expired", "<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>", Kind::TokenExpired),
        ("service-role-missing", "ErrorCode: EntityNotExist.Role\nMessage: The role not exists: acs:ram::123:role/AliyunServiceRoleForECS", Kind::ServiceRoleMissing),
        ("assume-role-refused", "ErrorCode: NoPermission\nMessage: Roles may not be assumed by root accounts.", Kind::AssumeRole),
        ("assume-role-code", "ErrorCode: EntityNotExist.Role\nMessage: The role not exists: acs:ram::123:role/deployer", Kind::AssumeRole),
        ("trust-policy-layer", r#"{"Code":"NoPermission","AccessDeniedDetail":{"PolicyType":"AssumeRolePolicy","NoPermissionType":"ImplicitDeny"}}"#, Kind::AssumeRole),
        ("assume-role-refused-in-words", "We picked the wrong type of role, so AssumeRole kept saying you do not have permission.", Kind::AssumeRole),
        ("not-activated", "ErrorCode: ServiceNotOpen\nMessage: x", Kind::NotActivated),
        ("wrong-endpoint-or-addressing", "<Error><Code>AccessDenied</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message></Error>", Kind::Other),
        ("refused-by-the-request-not-the-caller", "<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>", Kind::Other),
        ("content-or-verification", r#"{"code":"DataInspectionFailed","message":"Input data may contain inappropriate content."}"#, Kind::Other),
        ("parameter-missing", "ErrorCode: CertName.MissingParameter\nMessage: You must specify CertName.\nHostId: cdn.aliyuncs.com", Kind::Other),
        ("rate-limited", "ErrorCode: Throttling.User\nMessage: Request was denied due to user flow control.", Kind::Other),
        ("quota-stock-state-or-payment", "<Error><Code>InDebt</Code><Message>Current user is indebted.</Message></Error>", Kind::Other),
        ("denied-for-a-missing-resource", "ErrorCode: AccessDenied\nMessage: check failed, maybe the resource was not created", Kind::Other),
        ("stated-action-lacking", "ErrorCode: InvalidArgument\nMessage: The VSwitch may not exist or the service role does not have 'vpc:DescribeVSwitchAttributes' permission.", Kind::MissingPermission),
        ("not-a-permission-code", "ErrorCode: InvalidInstanceId.NotFound\nMessage: The specified InstanceId does not exist.", Kind::Other),
        ("sts-refused-without-action", r#"{"HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"x"}"#, Kind::AssumeRole),
        ("explicit-deny", r#"{"Code":"NoPermission","AccessDeniedDetail":{"AuthAction":"oss:PutObject","NoPermissionType":"ExplicitDeny"}}"#, Kind::ExplicitDeny),
        ("missing-permission", "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource.", Kind::MissingPermission),
    ];

    fn decide(text: &str) -> (Kind, &'static str) {
        let reading: Reading = read::read(&Text::new(text));
        assert_eq!(reading.errors.len(), 1, "{text}");
        let raw = &reading.errors[0];
        let phrases: Vec<Phrase> = raw.all(Key::Phrase).filter_map(|f| Phrase::from_name(&f.value)).collect();
        let catalog = Catalog::empty();
        let mut s = Signals::new(raw, raw.value(Key::Code), &phrases, &catalog);
        s.temporary_key = shows_temporary_key(text);
        s.lines = text;
        let (kind, _, rule) = classify(&s);
        (kind, rule)
    }

    #[test]
    fn gateway_codes_are_the_refusals_and_checks_every_product_answers() {
        for code in [
            "Forbidden.RAM",
            "forbidden.ram",
            "NoPermission.Role",
            "AccessDenied",
            "Forbidden.RiskControl",
            "InvalidAccessKeyId.NotFound",
            "InvalidSecurityToken.Expired",
            "EntityNotExist.Role",
            "Unauthorized",
        ] {
            assert!(is_gateway_code(code), "{code}");
        }
        for code in ["Forbidden.Wkbench.ProjectNoPermission", "QuotaExceeded.Vpc", "EntityNotExist.User", "Forb", ""] {
            assert!(!is_gateway_code(code), "{code}");
        }
    }

    #[test]
    fn every_rule_decides_its_example() {
        for rule in RULES {
            let (_, text, kind) = EXAMPLES
                .iter()
                .find(|(name, _, _)| *name == rule.name)
                .unwrap_or_else(|| panic!("rule {} has no example", rule.name));
            assert_eq!(decide(text), (*kind, rule.name), "{text}");
        }
        assert_eq!(EXAMPLES.len(), RULES.len(), "one example per rule");
    }

    /// MaxCompute's authorization failure that names the action: a policy's explicit Deny ([4011]) is no missing
    /// grant; the same failure without it ([4019]) is.
    #[test]
    fn a_stated_action_explicitly_denied_is_an_explicit_deny() {
        let denied = "FAILED: ODPS-0130013:Authorization Failed [4011], You have NO privilege 'odps:Select' on {acs:odps:*:projects/p/tables/t}. Explicitly denied by policy. Context ID:1.";
        assert_eq!(decide(denied), (Kind::ExplicitDeny, "stated-action-lacking"));
        let lacking = "FAILED: ODPS-0130013:Authorization Failed [4019], You have NO privilege 'odps:Select' on {acs:odps:*:projects/p/tables/t}. Context ID:1.";
        assert_eq!(decide(lacking), (Kind::MissingPermission, "stated-action-lacking"));
    }

    /// Words inside another word, and families whose refusal word names a value or a state, decide nothing.
    #[test]
    fn a_code_s_family_outweighs_a_word_inside_it() {
        assert!(is_payment_code("insufficientbalance") && is_payment_code("indebt"));
        assert!(!is_payment_code("forbidden.loadbalancer"));
        for (text, kind) in [
            ("ErrorCode: Forbidden.LoadBalancer\nMessage: Authentication is failed for lb-x.", Kind::MissingPermission),
            ("ErrorCode: ExplicitDeny\nMessage: The user is not authorized to operate on the specified resource.", Kind::ExplicitDeny),
            ("ErrorCode: InvalidParameter.KMSKeyId.CMKUnauthorized\nMessage: The CMK needs to be added ECS tag.", Kind::Other),
            ("ErrorCode: InvalidStatus.StatusNotEnabled\nMessage: The physical connection status is invalid.", Kind::Other),
            ("ErrorCode: EntityNotExist.ServiceLinkedRole.DeletionTask\nMessage: The deletion task for the given ID does not exist.", Kind::Other),
            ("ErrorCode: Lindorm.Errorcode.OperationDenied\nMessage: You are not authorized to operate on the specified resource.", Kind::MissingPermission),
            ("ErrorCode: OperationDenied.NotGrantedByNodeOwner\nMessage: The node owner is not authorized.", Kind::Other),
            ("CloudSSO access token is expired, please re-login with command: aliyun configure --profile sso", Kind::TokenExpired),
        ] {
            assert_eq!(decide(text).0, kind, "{text}");
        }
    }

    #[test]
    fn an_expired_oidc_token_is_a_token_to_read_again() {
        let text = "ErrorCode: AuthenticationFail.OIDCToken.Expired\nMessage: This JsonWebToken is expired.";
        assert_eq!(decide(text), (Kind::TokenExpired, "sts-federation-refused"));
        let text = "ErrorCode: AuthenticationFail.OIDCToken.AudienceNotMatch\nMessage: Invalid audience.";
        assert_eq!(decide(text), (Kind::AssumeRole, "sts-federation-refused"));
    }

    #[test]
    fn the_products_own_role_code_without_stss_signs_is_a_missing_service_role() {
        assert_eq!(decide("400 EntityNotExist.Role The role does not exist.").0, Kind::ServiceRoleMissing);
        // STS names the role's ARN: the caller's AssumeRole.
        let sts = "ErrorCode: EntityNotExist.Role\nMessage: The role not exists: acs:ram::123:role/deployer";
        assert_eq!(decide(sts).0, Kind::AssumeRole);
    }

    #[test]
    fn not_bought_is_not_activated_and_hotlink_protection_is_the_requests() {
        let text = r#"{"code":"AccessDenied.Unpurchased","message":"Access to model denied."}"#;
        assert_eq!(decide(text), (Kind::NotActivated, "not-activated"));
        for text in [
            "<Error><Code>AccessDenied</Code><Message>You are denied by bucket referer policy.</Message><EC>0003-00000503</EC></Error>",
            "<Error><Code>AccessDenied</Code><Message>x</Message><EC>0003-00000501</EC></Error>",
        ] {
            assert_eq!(decide(text), (Kind::Other, "oss-documented-ec"), "{text}");
        }
        for text in ["请求被 Bucket 防盗链配置拒绝", "You are denied by bucket referer policy."] {
            assert_eq!(decide(text), (Kind::Other, "refused-by-the-request-not-the-caller"), "{text}");
        }
    }

    #[test]
    fn condition_words_inside_a_product_name_are_no_condition() {
        assert!(!names_a_condition("forbidden.privatezoneservicenotauthorize"));
        assert!(names_a_condition("unauthorizedzone"));
        assert!(names_a_condition("forbidden.regionnotsupported"));
        assert!(names_a_condition("incorrectinstancestatus"));
    }

    #[test]
    fn a_denied_action_beside_a_default_role_is_the_missing_permission() {
        let text = "ErrorCode: Forbidden.RAM\nMessage: 当前用户没有 ram:PassRole 权限，无法将默认角色 AliyunEMRDefaultRole 传递给集群。";
        assert_eq!(decide(text).0, Kind::MissingPermission);
    }

    #[test]
    fn general_limit_and_state_words_give_way_to_a_permission_code() {
        for text in [
            "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource: the retry limit exceeded.",
            "ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource. Request rate limit exceeded after retries.",
            "ErrorCode: Forbidden.RAM\nMessage: This operation on the project has been forbidden for the RAM user.",
        ] {
            assert_eq!(decide(text).0, Kind::MissingPermission, "{text}");
        }
        assert_eq!(decide("ErrorCode: QuotaExceeded\nMessage: Daily limit exceeded.").0, Kind::Other);
    }

    #[test]
    fn only_a_token_with_a_value_shows_a_temporary_key() {
        let unknown = "ErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found.";
        // A config dump with an empty token field, and a variable named for one: the key is a long-term one.
        for around in [
            "config: {AccessKeyId:LTAI5tExampleKeyId AccessKeySecret:<redacted> SecurityToken: RegionId:cn-hangzhou}",
            "client = AcsClient(ak, secret, region_id, security_token=os.environ.get('TOKEN'))",
        ] {
            assert!(!shows_temporary_key(around), "{around}");
            assert_eq!(decide(&format!("{around}\n{unknown}")).0, Kind::BadCredentials, "{around}");
        }
        // A token sent with the request, a profile holding one, an `STS.` key id.
        for around in [
            "x-oss-security-token: CAIS8QF1q6Ft5B2yfSjIr5bSEsnNupxX0qGhZEXjkmM2Y7xOu6jqtTz2IHtKdXRvAOsZsvs=",
            "{\"mode\": \"StsToken\", \"sts_token\": \"CAIS+gF1q6Ft5B2yfSjIr5b\"}",
            "AccessKeyId: STS.NUgYrLnoC37mZZCNnAbez",
        ] {
            assert!(shows_temporary_key(around), "{around}");
        }
    }

    #[test]
    fn codes_in_other_spellings_keep_their_family() {
        for (text, kind) in [
            ("ErrorCode: Forbidden.AccessKeyDisabled\nMessage: The AccessKey is disabled.", Kind::BadCredentials),
            ("ErrorCode: ServiceNotEnable\nMessage: x", Kind::NotActivated),
            ("ErrorCode: ForbiddenGrantPermissions\nMessage: x", Kind::MissingPermission),
            ("ErrorCode: Forbidden.RiskControl\nMessage: x", Kind::Other),
            (
                "<Error><Code>AccessDenied</Code><Message>The bucket you visit is not belong to you.</Message></Error>",
                Kind::MissingPermission,
            ),
        ] {
            assert_eq!(decide(text).0, kind, "{text}");
        }
    }

    #[test]
    fn plain_words_alone_are_a_fallback_finding() {
        for (text, kind) in [
            ("Access denied", Kind::MissingPermission),
            ("操作失败：没有权限", Kind::MissingPermission),
            ("The request was denied by the RAM policy", Kind::ExplicitDeny),
            ("您的请求被Bucket Policy策略所拒绝", Kind::ExplicitDeny),
            ("The specified project does not exist", Kind::Other),
            ("当前账号已被禁用", Kind::Other),
            ("额度不足", Kind::Other),
        ] {
            assert_eq!(decide(text).0, kind, "{text}");
        }
    }

    /// Documented sentences that decide the kind whatever code wraps them.
    #[test]
    fn documented_sentences_decide_the_kind() {
        for (text, kind) in [
            // DTS, DMS: the service's default role is not authorized yet.
            ("Error code: Abnormal.RamCheckUserRole\nError message: You have not authorized the DTS default role \"AliyunDTSDefaultRole\".", Kind::ServiceRoleMissing),
            // CDN and Live: `…ServiceNotFound` with "does not open … service".
            ("HTTP Status: 403 Error:CdnServiceNotFound Your account does not open CDN service yet.", Kind::NotActivated),
            // OSS: a request at a bucket's root or the region's endpoint, not a missing grant.
            ("<Error><Code>AccessDenied</Code><Message>You are forbidden to list buckets.</Message></Error>", Kind::Other),
            // Function Compute: the endpoint's account id is not the AccessKey's account.
            ("FCAccessDeniedError: GET /services/s failed with 403. message: The service or function doesn't belong to you.", Kind::Other),
            // RocketMQ (ONS): the broker's permission validator.
            ("AuthenticationException: valid permission failed., com.alibaba.ons.open.auth.validator.PermissionValidator", Kind::MissingPermission),
            ("Error response from daemon: Get \"https://registry.cn-hangzhou.aliyuncs.com/v2/\": unauthorized: incorrect username or password", Kind::BadCredentials),
            // OSS: a signature it cannot read, or none at all.
            ("Error Code: InvalidArgument.\nMessage: Authorization header is invalid..", Kind::Signature),
            // Tablestore; the POP gateway's `IncompleteSignature` message quoted alone.
            ("OTSAuthFailed: Signature mismatch.", Kind::Signature),
            ("The request signature does not conform to Aliyun standards.", Kind::Signature),
            // Products' sentences that the service is not turned on; OpenSearch's 5005.
            ("The Log Service is not enabled for your account.", Kind::NotActivated),
            ("该服务未激活，请先激活服务", Kind::NotActivated),
            ("5005 User is not in open", Kind::NotActivated),
            // Not bought, in English and Chinese (Security Center's `NeedBuy`: "This service shoule be purchased first.").
            ("This service shoule be purchased first.", Kind::NotActivated),
            ("该功能未购买，请先购买", Kind::NotActivated),
            // UBSMS, which says which services an account has turned on.
            ("| UbsmsInvalidBid | Your account partner does not have KMS Service |", Kind::NotActivated),
            ("AuthenticationException: check from ubsms failed. enable=false", Kind::NotActivated),
            // The credentials libraries' fixed messages: nothing (or no role) to sign with.
            ("CredentialException: Environment variable accessKeyId cannot be empty", Kind::BadCredentials),
            ("ValueError: oidc_token_file_path or environment variable ALIBABA_CLOUD_OIDC_TOKEN_FILE cannot be empty", Kind::BadCredentials),
            ("CredentialException: Failed to get RAM session credentials from ECS metadata service. HttpCode=404", Kind::BadCredentials),
            // Model Studio's API key.
            (r#"{"code":"InvalidApiKey","message":"Invalid API-key provided."}"#, Kind::BadCredentials),
            // MaxCompute's project ACL.
            ("Authorization Failed [4002], You don't exist in project p.", Kind::MissingPermission),
            ("<Error><Code>AccessDenied</Code><Message>Anonymous access is forbidden for this operation.</Message></Error>", Kind::Signature),
            // MNS's `RamAuthError`.
            ("ErrorCode: RamAuthError\nMessage: action rejected by RAM.", Kind::MissingPermission),
            // The POP gateway's clock-skew message; OSS's signed URL without its signature's parameters.
            ("Specified time stamp or date value is expired.", Kind::Signature),
            ("<Error><Code>AccessDenied</Code><Message>Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters</Message></Error>", Kind::Signature),
            // OSS's EC table: STS credentials that expired, a security token that is not valid (in Chinese).
            ("The temporary access credentials included in the request expire.", Kind::TokenExpired),
            ("请求中提供了无效的STS安全令牌。", Kind::BadCredentials),
            ("Error: The specified parameter AccessKeyId is not valid", Kind::BadCredentials),
            ("ErrorCode: MissingAccessKeyId\nMessage: x", Kind::BadCredentials),
            // Model Studio's model the account is not entitled to.
            ("403 Access to model denied. Please make sure you are eligible for using the model.", Kind::NotActivated),
            // The console's web APIs to a browser that is not signed in; a provider's credentials mode unknown.
            (r#"{"code":"System.NotLogin","message":"用户未登录"}"#, Kind::BadCredentials),
            ("error: Invalid type option, support: access_key, sts, ecs_ram_role", Kind::BadCredentials),
            // OSS's 0003-00000301: the STS token's session policy, an implicit deny.
            ("The request is denied by the policy that is configured for the security token generated by STS.", Kind::MissingPermission),
            // HTTP's reason phrase after its status is no refusal sentence: the status alone says no policy refused.
            ("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://example.com/v1/items", Kind::Other),
            ("< HTTP/1.1 403 Forbidden", Kind::Other),
        ] {
            assert_eq!(decide(text).0, kind, "{text}");
        }
    }

    /// General signature, clock and API-key words (beside an Alibaba Cloud mark) decide only where no code is
    /// printed: a code says more.
    #[test]
    fn general_words_decide_only_without_a_code() {
        for (text, kind) in [
            ("aliyun-python-sdk-core: 签名失败", Kind::Signature),
            ("aliyun-python-sdk-core: timestamp expired", Kind::Signature),
            ("dashscope.aliyuncs.com: Invalid API key", Kind::BadCredentials),
            ("ErrorCode: Forbidden.RAM\nMessage: aliyun signature failed for the request", Kind::MissingPermission),
            ("ErrorCode: Forbidden.RAM\nMessage: aliyun: invalid api key", Kind::MissingPermission),
        ] {
            assert_eq!(decide(text).0, kind, "{text}");
        }
        // A JSON Web Token is a web app's login, not an STS token.
        assert_ne!(decide(r#"{"message": "jwt token has expired", "host": "x.aliyuncs.com"}"#).0, Kind::TokenExpired);
    }

    #[test]
    fn another_platforms_access_token_is_no_sts_token() {
        assert_eq!(
            decide("ErrorCode: AccessTokenExpired\nMessage: token has expired"),
            (Kind::Other, "not-a-permission-code")
        );
        assert_eq!(decide("ErrorCode: SecurityTokenExpired\nMessage: x").0, Kind::TokenExpired);
        // Named in the message only, its code no documented one.
        assert_ne!(decide("Failed to refresh: AccessTokenExpired: the access token has expired").0, Kind::TokenExpired);
    }

    /// A service's own role that does not exist, named in the sentence however it is worded.
    #[test]
    fn a_named_service_role_that_does_not_exist_is_missing() {
        for text in [
            "400 EntityNotExist.AliyunDRDSDefaultRole The role AliyunDRDSDefaultRole not exists",
            "Error: The role AliyunMNSLoggingRole does not exist.",
            "The role does not exist: AliyunCSManagedAutoScalerRole",
            "角色 AliyunOOSDefaultRole 不存在",
            "服务关联角色不存在，请先创建服务关联角色",
            "请先完成云资源访问授权",
            "ErrorCode: UserNotAuthorizeEss\nMessage: Ess should be authorized in ram to operate user ecs resource.",
            "Your account has not authorized the migration service's RAM role yet.",
        ] {
            assert_eq!(decide(text).0, Kind::ServiceRoleMissing, "{text}");
        }
        // Not authorized, with no role named: no service role sentence.
        assert_ne!(
            decide("ErrorCode: NoPermission\nMessage: The user has not authorized this application.").0,
            Kind::ServiceRoleMissing
        );
        // A role the user made, not a service's: the caller's AssumeRole.
        assert_eq!(decide("The role deployer does not exist.").0, Kind::Other);
        // STS's answer naming the role's ARN: the caller's AssumeRole, an error by itself.
        assert_eq!(
            decide("The role not exists: acs:ram::123456789012:role/deployer"),
            (Kind::AssumeRole, "assume-role-code")
        );
    }

    #[test]
    fn an_unknown_key_is_an_expired_one_only_when_the_paste_shows_it_temporary() {
        let unknown =
            "ErrorCode: InvalidAccessKeyId\nMessage: The OSS Access Key Id you provided does not exist in our records.";
        assert_eq!(decide(unknown).0, Kind::BadCredentials);
        // OSS's own `InvalidAccessKeyId` beside a token or an `STS.` key: its page names four causes, expiry one.
        for around in ["x-oss-security-token: CAIS...", "<OSSAccessKeyId>STS.NUexampleKeyId12</OSSAccessKeyId>"] {
            assert_eq!(decide(&format!("{unknown}\n{around}")).0, Kind::BadCredentials, "{around}");
        }
        // The gateway's unknown key beside a token: the temporary key expired.
        let pop = r#"{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found.""#;
        assert_eq!(decide(&format!(r#"{pop},"SecurityToken":"CAIS8QF1q6Ft5B2y"}}"#)).0, Kind::TokenExpired);
        assert_eq!(decide(&format!("{pop}}}")).0, Kind::BadCredentials);
        // OSS saying the token was not sent: the token is missing, not expired.
        let lost = "<Error><Code>InvalidAccessKeyId</Code><Message>The OSS Access Key Id you provided does not exist in our records. The Security Token may be lost to specify that it is a STS Access Id.</Message><OSSAccessKeyId>STS.NUexampleKeyId12</OSSAccessKeyId></Error>";
        assert_eq!(decide(lost).0, Kind::BadCredentials);
    }

    #[test]
    fn permission_words_of_other_errors_get_no_permission_kind() {
        for text in [
            "<Error><Code>AccessDenied</Code><Message>Please use virtual hosted style to access.</Message></Error>",
            "ErrorCode: OperationDenied.NoStock\nMessage: The resource is out of stock in the specified zone.",
            "ErrorCode: QuotaExceeded\nMessage: Living instances quota exceeded.",
            // Model Studio: the account's payment standing, its rate limit, its content moderation.
            r#"{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing."}"#,
            r#"{"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later."}"#,
            "Output data may contain inappropriate content.",
            // Real-name verification, whatever refusal word its code holds.
            "ErrorCode: Forbidden.UserNotRealNameAuthentication\nMessage: This operation is not allowed, because you have not passed the real-name verification.",
            // Log Service's disabled project; a daily limit.
            "project my-project has been forbidden",
            r#"{"errorCode":"ProjectForbidden","errorMessage":"Project my-project has been forbidden"}"#,
            r#"{"error": {"code": 403, "message": "Daily Limit Exceeded"}}"#,
            // A value, place or state named by a code that holds a refusal word.
            "ErrorCode: InvalidInstanceType.ValueUnauthorized\nMessage: The specified InstanceType is not authorized.",
            "ErrorCode: Unauthorized.InvalidToken\nMessage: Token authentication failed.",
            "HttpError status=403 code=ForbiddenDriveNotValid message=Request failed with status code 403",
            // The request's shape: CORS, a media URL, the metadata service.
            "<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>",
            "[HLSStream]: read error 0x 165 Server returned 403 Forbidden (access denied)",
            "Failed to get token from ECS Metadata Service. HttpCode=405",
        ] {
            assert_eq!(decide(text).0, Kind::Other, "{text}");
        }
    }
}
