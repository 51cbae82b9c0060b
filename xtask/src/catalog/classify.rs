//! The two judgements the generator makes where the sources are silent: which finding kind a
//! permission/credential error code belongs to, and the access level of an API the metadata leaves blank.

use std::collections::BTreeMap;

use ram_doctor_core::catalog::AccessLevel;
use ram_doctor_core::diagnose::rules::names_a_condition;
use ram_doctor_core::Kind;

/// The finding kind of an error code, from its code and message; `None` when it is not about permissions or
/// credentials. Conservative: a code must name the problem, or its message must say it in RAM's usual words.
pub fn error_kind(code: &str, message: Option<&str>) -> Option<Kind> {
    let c = code.to_ascii_lowercase();
    let m = message.unwrap_or("").to_ascii_lowercase();
    let has = |s: &str, words: &[&str]| words.iter().any(|w| s.contains(w));
    // Rate limits, quotas and state checks say "denied" too; none is fixed by a grant or a key.
    if has(&c, &["throttl", "quota", "flowlimit", "flowcontrol"]) || has(&m, &["throttl", "quota"]) {
        return None;
    }
    if has(&c, &["explicitdeny"]) || has(&m, &["explicit deny", "explicitly denied"]) {
        return Some(Kind::ExplicitDeny);
    }
    // Parameter errors of the APIs that manage roles and signatures are not about the caller's rights.
    let parameter_error = c.starts_with("invalidparameter") || c.starts_with("invalid.") || c.contains("deletiontask");
    if !has(&c, &["sms", "idempotence"])
        && (has(
            &c,
            &[
                "signaturedoesnotmatch",
                "signaturenotmatch",
                "incompletesignature",
                "signaturenonceused",
                "invalidsignature",
                "signaturemismatch",
            ],
        ) || c.starts_with("invalidtimestamp"))
    {
        return Some(Kind::Signature);
    }
    let token = has(&c, &["securitytoken", "ststoken"]) || has(&m, &["security token", "sts token"]);
    if token && (c.contains("expire") || m.contains("expire")) {
        return Some(Kind::TokenExpired);
    }
    if has(
        &c,
        &[
            "invalidaccesskeyid",
            "invalidaccesskey",
            "accesskeyid.notfound",
            "accesskeynotfound",
            "accesskey.notfound",
            "not_found_by_accesskey",
            "not.found.by.accesskey",
            "invalidsecuritytoken",
            "temporaryaccesskey",
            "accesskeydisabled",
            "inactiveaccesskey",
        ],
    ) || (m.contains("accesskey")
        && has(&m, &["not found", "does not exist", "disabled", "inactive", "is invalid", "not exist"]))
    {
        return Some(Kind::BadCredentials);
    }
    if has(&c, &["assumerole", "stsnotauthorize"]) && !parameter_error {
        return Some(Kind::AssumeRole);
    }
    let slr_segment = c.split(['.', '_']).any(|seg| seg == "slr" || seg.ends_with("slrpermission"));
    // A service, not the caller, lacks access: its own role is not authorized yet (Auto Scaling's
    // `UserNotAuthorizeEss`, "Ess should be authorized in ram…"; "ECS service have no right to access your KMS").
    let service_lacks = has(
        &m,
        &[
            "should be authorized in ram",
            "service have no right",
            "service has no right",
            "service has no permission",
            "service cannot access",
        ],
    );
    // `User.Role.NotExist` and the like are roles inside a product (workspaces, organizations), not RAM roles.
    let product_role = c.starts_with("user.");
    if !parameter_error
        && !product_role
        && (slr_segment
            || has(&c, &["servicelinkedrole", "servicerole", "entitynotexist.role", "rolenotexist", "role.notexist"])
            || has(&m, &["service linked role", "service-linked role", "servicelinkedrole", "slr role"])
            || service_lacks)
    {
        return Some(Kind::ServiceRoleMissing);
    }
    let not_open_code = has(
        &c,
        &["notopen", "notactivated", "unactivated", "servicedisabled", "notsubscribed", "notpurchased", "notenabled"],
    );
    let not_open_words = has(&m, &["activat", "not open", "subscri", "purchase", "enable"]);
    let about_service = has(&m, &["service", "product", "account"]) && !has(&m, &["zone", "region", "device"]);
    // A sentence that says the service is not activated or subscribed decides, whatever the code
    // (`OptInRequired.FlowLog`: "Ensure that you have subscribed to the service…", `Forbidden.Access`: "Please
    // first activate DataWorks Enterprise Edition…").
    let not_open_sentence = has(
        &m,
        &[
            "have subscribed to the service",
            "has not activated",
            "have not activated",
            "first activate",
            "has not been activated",
            "is not activated",
            // ECS's `InvalidAccountStatus.SnapshotServiceUnavailable`: "Snapshot service has not been opened yet."
            "has not been opened",
        ],
    );
    // Someone who "has not activated" something names a service (`Forbidden.NetworkPath`: "The current user has not
    // activated NIS and is not authorized to use the path analysis interface."); the passive forms need the word.
    let actor_not_activated = has(&m, &["has not activated", "have not activated"]);
    if (not_open_code && not_open_words || not_open_sentence) && (about_service || actor_not_activated) {
        return Some(Kind::NotActivated);
    }
    let permission_code = has(
        &c,
        &[
            "nopermission",
            "permissiondeny",
            "permissiondenied",
            "permission.denied",
            "permission.deny",
            "permission_deny",
            "notauthorized",
            "notauthorize",
            "forbidden.ram",
            "accessdenied",
            "subnotpermission",
            "notpermission",
            "permissioninsufficient",
            "insufficientpermission",
            "actionunauthorized",
            "unauthorizedoperation",
            "permission.notallow",
            "noprivilege",
        ],
    ) || ["ram_permission", "ram.permission", "rampermission"].iter().any(|w| starts_word(&c, w))
        || c == "unauthorized"
        || c == "forbidden"
        || c.ends_with("accessdeniedexception")
        || c.ends_with("permissiondeny");
    let permission_words = has(
        &m,
        &[
            "not authorized",
            "unauthorized",
            "no permission",
            "not have permission",
            "not have the permission",
            "not have the ram permission",
            "permission is denied",
            "permission denied",
            "access is denied",
            "access denied",
            "insufficient permission",
            "no right",
            "not permission",
            "not allowed to perform",
            "no auth",
            "have no permissions",
            "no permissions",
            "is denied",
            // ALB and NLB: "Authentication is failed for <resource id>" (RAM's check on that resource).
            "authentication is failed for",
        ],
    );
    // Codes about resource state or availability use "not authorized" for things no grant fixes.
    let not_a_grant = has(
        &c,
        &[
            "zone",
            "region",
            "instancetype",
            "rowlevel",
            "lock",
            "status",
            "nostock",
            "valueunauthorized",
            "spot",
            "machine",
        ],
    ) || names_a_condition(&c)
        || has(
            &m,
            &["sold out", "status", "locked", "row level", "marketplace", "throughput", "capacity", "task action"],
        );
    // `OperationDenied…` codes are state checks; only RAM's own sentence makes one a permission error
    // (`OperationDenied.NotGrantedByNodeOwner`: "The node owner is not authorized." is CEN's cross-account grant).
    let state_denial = c.contains("operationdenied")
        && !has(&m, &["not authorized to perform", "not authorized to operate", "you are not authorized"]);
    if state_denial {
        return None;
    }
    if permission_code && !not_a_grant {
        return Some(Kind::MissingPermission);
    }
    if permission_words && !not_a_grant && has(&m, &["ram", "permission", "authoriz", "authentication is failed for"]) {
        return Some(Kind::MissingPermission);
    }
    None
}

/// Whether `word` occurs in `text` at the start of a word (`isp.RAM_PERMISSION_DENY`, not `InvalidParam.Permissions`).
fn starts_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| !text[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric()))
}

/// Access levels inferred from the first word of an API's name (`Describe`, `Create`, `List`…).
///
/// The table is learned from the source itself: for each leading word, the level most APIs that state one
/// have (at least three of them, two thirds agreeing). Words the source never settles fall back to fixed rules.
pub struct VerbTable {
    learned: BTreeMap<String, AccessLevel>,
}

impl VerbTable {
    pub fn learn<'a>(known: impl Iterator<Item = (&'a str, AccessLevel)>) -> VerbTable {
        let mut counts: BTreeMap<String, BTreeMap<&'static str, (usize, AccessLevel)>> = BTreeMap::new();
        for (name, level) in known {
            let entry = counts.entry(leading_word(name)).or_default().entry(level.as_str()).or_insert((0, level));
            entry.0 += 1;
        }
        let learned = counts
            .into_iter()
            .filter_map(|(verb, levels)| {
                let total: usize = levels.values().map(|(n, _)| n).sum();
                // Highest count wins; ties go to the alphabetically first level name, so the table is stable.
                let (n, level) = levels
                    .values()
                    .fold((0, AccessLevel::None), |best, &(n, l)| if n > best.0 { (n, l) } else { best });
                (total >= 3 && n * 3 >= total * 2).then_some((verb, level))
            })
            .collect();
        VerbTable { learned }
    }

    /// The inferred level for `name`, using the source's read/write class when the verb says nothing.
    pub fn infer(&self, name: &str, rw: Option<&str>) -> AccessLevel {
        let verb = leading_word(name);
        if let Some(level) = self.learned.get(&verb) {
            return *level;
        }
        if let Some(level) = fixed_rule(&verb) {
            return level;
        }
        match rw {
            Some("read") => AccessLevel::Get,
            // Unknown verbs are assumed to write: a grant that is too narrow fails loudly, a too-wide one does not.
            _ => AccessLevel::Update,
        }
    }

    pub fn len(&self) -> usize {
        self.learned.len()
    }
}

fn fixed_rule(verb: &str) -> Option<AccessLevel> {
    Some(match verb {
        "list" => AccessLevel::List,
        "describe" | "get" | "query" | "check" | "search" | "fetch" | "preview" | "show" | "count" | "download"
        | "browse" | "read" | "head" | "select" | "batchget" | "estimate" | "inquire" | "verify" | "validate" => {
            AccessLevel::Get
        }
        "create" | "add" | "allocate" | "register" | "import" | "submit" | "generate" | "apply" | "copy" | "clone"
        | "insert" | "upload" | "new" | "open" | "purchase" | "buy" | "init" | "initialize" => AccessLevel::Create,
        "delete" | "remove" | "release" | "purge" | "destroy" | "terminate" | "revoke" | "drop" | "deregister"
        | "unregister" | "clear" | "clean" => AccessLevel::Delete,
        _ => return None,
    })
}

/// `DescribeInstances` → `describe`; `get_object` → `get`; the whole name when it is one word.
pub fn leading_word(name: &str) -> String {
    let mut word = String::new();
    for (i, ch) in name.chars().enumerate() {
        if i > 0 && (ch.is_ascii_uppercase() || !ch.is_ascii_alphabetic()) {
            break;
        }
        word.push(ch.to_ascii_lowercase());
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_common_codes() {
        assert_eq!(
            error_kind("Forbidden.RAM", Some("Ram user does not have permission")),
            Some(Kind::MissingPermission)
        );
        assert_eq!(error_kind("NoPermission", Some("caller has no permission")), Some(Kind::MissingPermission));
        assert_eq!(
            error_kind("SignatureDoesNotMatch", Some("The specified signature is invalid.")),
            Some(Kind::Signature)
        );
        assert_eq!(
            error_kind("InvalidAccessKeyId.NotFound", Some("Specified access key is not found.")),
            Some(Kind::BadCredentials)
        );
        assert_eq!(
            error_kind("InvalidSecurityToken.Expired", Some("Specified SecurityToken is expired.")),
            Some(Kind::TokenExpired)
        );
        assert_eq!(
            error_kind(
                "NoPermission.SLR",
                Some("The RAM user does not have the permission to create service linked role.")
            ),
            Some(Kind::ServiceRoleMissing)
        );
        assert_eq!(error_kind("Throttling", Some("Request was denied due to request throttling.")), None);
        assert_eq!(error_kind("OperationDenied.NoStock", Some("The requested resource is sold out")), None);
        assert_eq!(error_kind("UnauthorizedZone", Some("The specified zone of %s is not authorized.")), None);
        assert_eq!(
            error_kind("ServiceDisabled", Some("You have not activated the ACM service.")),
            Some(Kind::NotActivated)
        );
        assert_eq!(
            error_kind(
                "InvalidAccountStatus.SnapshotServiceUnavailable",
                Some("Snapshot service has not been opened yet.")
            ),
            Some(Kind::NotActivated)
        );
        assert_eq!(error_kind("InvalidParameter", Some("The parameter is invalid.")), None);
        assert_eq!(
            error_kind("PermissionDenied.ThroughputTooSmall", Some("Throughput of protocol service too small.")),
            None
        );
        assert_eq!(error_kind("IdempotenceSignatureMismatch", Some("The idempotence token of request is same")), None);
        assert_eq!(
            error_kind(
                "InvalidParameter.AssumeRolePolicyDocument.Length",
                Some("The maximum length of the trust policy document of the role is exceeded.")
            ),
            None
        );
        assert_eq!(error_kind("User.Role.NotExist", Some("User role not exist: %s.")), None);
        assert_eq!(
            error_kind("UserNotAuthorizeEss", Some("Ess should be authorized in ram to operate user ecs resource.")),
            Some(Kind::ServiceRoleMissing)
        );
        assert_eq!(
            error_kind(
                "OptInRequired.FlowLog",
                Some("You are not authorized to use the requested service of flowLog. Ensure that you have subscribed to the service you are trying to use.")
            ),
            Some(Kind::NotActivated)
        );
        assert_eq!(
            error_kind("InvalidInstanceType.ValueUnauthorized", Some("The specified InstanceType is not authorized.")),
            None
        );
        assert_eq!(error_kind("Unauthorized.InvalidToken", Some("Token authentication failed.")), None);
        assert_eq!(
            error_kind("Forbidden.LoadBalancer", Some("Authentication is failed for %s.")),
            Some(Kind::MissingPermission)
        );
        assert_eq!(error_kind("Forbidden.DI.NoPrivilege", Some("No access.")), Some(Kind::MissingPermission));
        assert_eq!(error_kind("RAMNotAuthorize", Some("%s")), Some(Kind::MissingPermission));
        assert_eq!(
            error_kind("NoPermission.Price", Some("The operation requires price permission.")),
            Some(Kind::MissingPermission)
        );
        // A user who has not activated a service, whatever the sentence adds.
        assert_eq!(
            error_kind(
                "Forbidden.NetworkPath",
                Some(
                    "The current user has not activated NIS and is not authorized to use the path analysis interface."
                )
            ),
            Some(Kind::NotActivated)
        );
        // State checks that say "not authorized" of something no grant changes; RAM's own sentence still counts.
        assert_eq!(
            error_kind("OperationDenied.NotGrantedByNodeOwner", Some("The node owner is not authorized.")),
            None
        );
        assert_eq!(
            error_kind("OperationDeniedAccount", Some("You are not authorized to perform this operation.")),
            Some(Kind::MissingPermission)
        );
        assert_eq!(error_kind("NotInFlowController", Some("Sorry,no permission.")), None);
        assert_eq!(
            error_kind(
                "InvalidParam.Permissions",
                Some("The specified parameter Permissions cannot coexist with other parameters.")
            ),
            None
        );
    }

    #[test]
    fn splits_the_leading_word() {
        assert_eq!(leading_word("DescribeInstances"), "describe");
        assert_eq!(leading_word("get_object"), "get");
        assert_eq!(leading_word("List"), "list");
    }

    #[test]
    fn learns_verbs_by_majority() {
        let known =
            [("DescribeA", AccessLevel::Get), ("DescribeB", AccessLevel::Get), ("DescribeC", AccessLevel::List)];
        let table = VerbTable::learn(known.iter().map(|(n, l)| (*n, *l)));
        assert_eq!(table.infer("DescribeZ", None), AccessLevel::Get);
        assert_eq!(table.infer("FrobnicateZ", Some("read")), AccessLevel::Get);
        assert_eq!(table.infer("FrobnicateZ", None), AccessLevel::Update);
    }
}
