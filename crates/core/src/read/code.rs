//! Whether a token is an error code by its shape: one classifier, [`is_code`], asked at the [`Level`] the words
//! around the token set. The more those words say that a code stands there, the more shapes pass: after `错误码：`
//! any shape a documented code takes does, while a bare word before `: ` must be dotted or CamelCase to be taken
//! for one, and a word in a sentence is only a candidate the catalog must document.
//!
//! The shapes, from Alibaba Cloud's documented codes (`data/shards`): dotted (`Forbidden.RAM`, most of them),
//! CamelCase (`SignatureDoesNotMatch`), led by an acronym (`SLSUnauthorized`), lower camel (`notAuthorized`), lower
//! dotted (IoT's `iot.rule.StopRuleFailed`), upper snake (`BIZ_TOPIC_UPDATE_CONFIG_ERROR`), a product's prefix and
//! number (`ODPS-0420095`), letters and a number (`Error3009`, `ERR404`), and the one-word codes of the permission
//! and credential families ([`ONE_WORD_CODES`]). Never one by its shape: a class's qualified name
//! (`com.aliyun.tea.TeaException`, `c.a.b.Logger`), a file name (`main.go`), an SDK's label (`RequestId`,
//! [`LABELS`]), a version (`V1.2.3`), a host, a plain word (`Unknown`, but after a code key); a bare class name
//! (`TeaException`) only where a code word or the catalog says it is the code.

use crate::text;

/// One-word codes of the permission and credential families. Printed without a dot, they are still codes:
/// no prose or built-in error class uses them as a label (`NoPermission: …`, `UnauthorizedError:`).
pub const ONE_WORD_CODES: &[&str] = &[
    "Unauthorized",
    "NoPermission",
    "Forbidden",
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidSecurityToken",
    "MissingSecurityToken",
    "NotAuthorized",
    "Throttling",
    "UnauthorizedOperation",
    "AccessForbidden",
    "InvalidAccessKeySecret",
];

/// Labels the SDKs print before a value: shaped like codes, never one.
pub const LABELS: &[&str] = &[
    "ErrorCode",
    "ErrorMessage",
    "RequestId",
    "HostId",
    "AccessDeniedDetail",
    "AuthAction",
    "AuthPrincipalType",
    "AuthPrincipalDisplayName",
    "AuthPrincipalOwnerId",
    "NoPermissionType",
    "PolicyType",
    "StatusCode",
    "HttpStatus",
    "EncodedDiagnosticMessage",
    "AccessKeyId",
    "AccessKeySecret",
    "SecurityToken",
    "RegionId",
];

/// Where a token stands, which sets the shapes that make it a code there. Each level names its readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A code word names it (`错误码：X`, `error code X`, `ErrorCode：X`, a troubleshooting link's `q=X`), or Chinese
    /// prose's full-width colon puts it as a value (`返回：X`, a candidate the catalog must document;
    /// [`super::prose`]): every shape a documented code takes, class names too (CloudMonitor documents
    /// `AccessDeniedException`); no label, plain word, version or file name.
    Named,
    /// Words around say a code stands there, but a class's name could stand there too (the Tea SDKs' `X code: 403,`,
    /// the core SDKs' `X : message`, `@alicloud/pop-core`'s `XError: …, URL:`; [`super::fields`], [`super::headers`]):
    /// dotted or cased (`Forbidden.RAM`, `SLSUnauthorized`, `notAuthorized`), a product's prefix and number
    /// (`ODPS-0420095`) or a one-word family code, never `…Error` or `…Exception` (`SDK.TimeoutError` aside), a file
    /// name, a version or a package-qualified name.
    Stated,
    /// A bare word with a code's punctuation after it (`X: `, `X:Y`, `| X |`, `api error X:`; [`super::fields`]):
    /// a capital first, and dotted or of two capitals and a lower-case letter (`Forbidden.RAM`, `NoPermission`).
    Keyless,
    /// A code strong enough to open a line before `: ` or to follow a status in a table row (`400 X.Y Message`,
    /// [`super::fields`]): two or three dotted parts, each with a capital first, not an SDK's or a class's name.
    Dotted,
    /// A CamelCase code opening its line (`BasicServiceNotActivated: The NLP API…`, ali-oss's `Error [XError]:`):
    /// [`Level::Keyless`]'s shape of letters and digits only, not a class name.
    Camel,
    /// A word of a one-word code family ([`ONE_WORD_CODES`]): a code even bare before `:` or ` : `.
    Family,
    /// The name a Tea SDK for Node gives its error (`InvalidAccessKeyId.NotFoundError:`, [`super::headers`]), less
    /// its `Error`: dotted with a capital opening every part, or a family code; no JavaScript built-in error shares
    /// those.
    ErrorName,
    /// The code cell of an error-code table (`| X | The service is… |`, [`super::fields`]): [`Level::Keyless`]'s
    /// shapes, a family code, or upper snake (`USER_NOT_EXIST`); a table's code cell holds no class name.
    TableCell,
    /// The value of a code key (`"Code": "X"`, `ErrorCode: X`, [`super::fields`]; `错误码：X`, [`super::headers`]):
    /// any code-like word but a plain lower-case one (`code: it is fine` is prose), a version, a host, a class
    /// named with its package or a label (`错误码：RequestId`). A capital-led word passes: the key says it is the
    /// code, and products document such (`Unknown`, `Timeout`).
    Keyed,
    /// The value of Google's `reason` key (`dailyLimitExceeded`): lower camel; an event's reason (`scaleUp`) is
    /// told apart by the object around it.
    Reason,
    /// A word in a sentence about an error (`提示UserDisable`, [`super::prose`]): CamelCase of two words or more, or
    /// dotted, six bytes at least; a candidate only, which `diagnose` takes when the catalog documents it.
    Candidate,
}

/// Whether `t` has a code's shape at `level`.
pub fn is_code(t: &str, level: Level) -> bool {
    match level {
        Level::Named => (candidate(t) || stated(t) || named_only(t)) && !is_label(t),
        Level::Stated => stated(t),
        Level::Keyless => keyless(t),
        Level::Dotted => dotted(t),
        Level::Camel => keyless(t) && !is_class_name(t) && t.bytes().all(|c| c.is_ascii_alphanumeric()),
        Level::Family => ONE_WORD_CODES.contains(&t),
        Level::ErrorName => error_name(t),
        Level::TableCell => keyless(t) || ONE_WORD_CODES.contains(&t) || upper_snake(t),
        Level::Keyed => {
            text::is_code_like(t)
                && (t.as_bytes()[0].is_ascii_uppercase() || t.contains(['.', '_']) || lower_camel(t))
                && !is_version(t)
                && !is_host(t)
                && !is_qualified_class(t)
                && !is_label(t)
        }
        Level::Reason => lower_camel(t),
        Level::Candidate => candidate(t),
    }
}

/// `…Error`, `…Exception`: a class's name.
pub fn is_class_name(t: &str) -> bool {
    t.ends_with("Error") || t.ends_with("Exception")
}

/// One of the SDKs' [`LABELS`] (ASCII case ignored).
pub fn is_label(t: &str) -> bool {
    LABELS.iter().any(|l| l.eq_ignore_ascii_case(t))
}

/// Whether a lower-case letter stands right before a capital (`UserDisable`, `notAuthorized`).
fn hump(b: &[u8]) -> bool {
    b.windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// [`Level::Stated`].
fn stated(t: &str) -> bool {
    let b = t.as_bytes();
    // Every shape below holds an ASCII capital: most words of a log hold none, and leave here at once.
    if b.len() < 4 || !b.iter().any(u8::is_ascii_uppercase) || !text::is_code_like(t) {
        return false;
    }
    let cased = b[1..].iter().any(u8::is_ascii_uppercase) && b.iter().any(u8::is_ascii_lowercase);
    let shaped =
        cased || (b[0].is_ascii_uppercase() && t.contains('.')) || prefixed_number(t) || ONE_WORD_CODES.contains(&t);
    shaped
        // The SDKs' own codes may end so (`SDK.TimeoutError`); other such names are classes'.
        && (!is_class_name(t) || t.starts_with("SDK."))
        && !text::is_file_name(t)
        && !is_version(t)
        // `c.a.c.s.b.DefaultAlicomMessagePuller`: a logger's package-qualified name, not a lower-camel code.
        && (!b[0].is_ascii_lowercase() || !t.contains('.'))
}

/// `ODPS-0420095`: a product's capital prefix, a dash and three digits or more.
fn prefixed_number(t: &str) -> bool {
    t.split_once('-').is_some_and(|(prefix, number)| {
        prefix.len() >= 2
            && prefix.bytes().all(|c| c.is_ascii_uppercase())
            && number.len() >= 3
            && number.bytes().all(|c| c.is_ascii_digit())
    })
}

/// The shapes only a code word makes a code (with [`Level::Stated`]'s and [`Level::Candidate`]'s): upper snake
/// (`BIZ_TOPIC_UPDATE_CONFIG_ERROR`), letters and a number (`Error3009`, `ERR404`), lower dotted
/// (`iot.rule.StopRuleFailed`), lower camel ending as a class would (`codeSizeError`: JavaScript's classes are
/// upper camel). Elsewhere they are a constant's name, a word with a version, a package: only
/// where a code word names one is it surely a code.
fn named_only(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() < 4 || !b.iter().any(u8::is_ascii_uppercase) || !text::is_code_like(t) || text::is_file_name(t) {
        return false;
    }
    let with_number = b.iter().any(u8::is_ascii_digit) && b.iter().all(u8::is_ascii_alphanumeric);
    upper_snake(t) || with_number || lower_dotted(t) || lower_camel(t)
}

/// `USER_NOT_EXIST`: capitals and digits in words joined by `_`.
fn upper_snake(t: &str) -> bool {
    t.contains('_') && t.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

/// `iot.rule.StopRuleFailed`, `iot.messagebroker.OFFLINE`, `iot.system.SystemException`: lower-case namespaces
/// before the code, and no class's qualified name.
fn lower_dotted(t: &str) -> bool {
    t.as_bytes()[0].is_ascii_lowercase() && t.contains('.') && !is_qualified_class(t)
}

/// `com.aliyun.tea.TeaException`, `java.lang.NullPointerException`, `c.a.c.s.b.DefaultAlicomMessagePuller`: a class
/// named with its package, whose first label is a Java package root or which a logger abbreviates to letters.
fn is_qualified_class(t: &str) -> bool {
    const PACKAGE_ROOTS: &[&str] = &["com", "org", "net", "java", "javax", "io", "cn", "android", "kotlin"];
    t.split_once('.').is_some_and(|(first, _)| {
        first.bytes().all(|c| c.is_ascii_lowercase())
            && (PACKAGE_ROOTS.contains(&first) || t.split('.').any(|label| label.len() == 1))
    })
}

/// [`Level::Keyless`].
fn keyless(t: &str) -> bool {
    let caps = t.bytes().filter(u8::is_ascii_uppercase).count();
    t.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && (t.contains('.') || (caps >= 2 && t.bytes().any(|c| c.is_ascii_lowercase())))
        && !is_version(t)
        && !text::is_file_name(t)
}

/// `ecs.cn-hangzhou.aliyuncs.com`: a host, lower-case labels under a top-level domain no code ends with.
fn is_host(t: &str) -> bool {
    const TOP_LEVEL: &[&str] = &["com", "cn", "net", "org", "io"];
    t.rsplit_once('.').is_some_and(|(_, tld)| TOP_LEVEL.contains(&tld))
        && t.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-'))
}

/// `V1.2.3`: a version, capital `V` and dotted numbers, which no code is.
fn is_version(t: &str) -> bool {
    t.strip_prefix(['V', 'v']).is_some_and(|n| {
        n.contains('.') && n.split('.').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// [`Level::Dotted`].
fn dotted(t: &str) -> bool {
    let parts = t.split('.').count();
    (2..=3).contains(&parts)
        && t.split('.').all(|p| p.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
        && !t.starts_with("SDK.")
        && !is_class_name(t)
        && !text::is_file_name(t)
}

/// A plain capitalised word (`Insufficient`, `Something`): a sentence's first word, not a code, unless a one-word
/// family's ([`ONE_WORD_CODES`]: `Forbidden`, `Throttling`) or another documented code written as one plain word
/// ([`PLAIN_WORD_CODES`]: `Arrearage`). Where only a label stands before it (`Error:X …`), such a word opens the
/// message.
pub fn is_plain_word(t: &str) -> bool {
    let b = t.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b[1..].iter().all(u8::is_ascii_lowercase)
        && !ONE_WORD_CODES.contains(&t)
        && !PLAIN_WORD_CODES.contains(&t)
}

/// Documented Alibaba Cloud error codes that are one capitalised word, which `Error:` opens as the code
/// (`Error:Arrearage Your account has an outstanding payment.`). Only words the vendors document as a code: a plain
/// word that is no code (`Error:Insufficient Permissions`, `Error:Unknown host`) still opens the message, so codes
/// that are as common as sentence openers (`Unknown`, `Success`, `Error`, `Code`, `Method`) stay out.
const PLAIN_WORD_CODES: &[&str] = &[
    // Overdue payment: Model Studio's and many products' `Arrearage` (rule `in-debt`).
    "Arrearage",
    // The request timed out (the catalog's AI services: `facebody`, `imageenhan`, `eais`).
    "Timeout",
    // LinkWAN's request dropped while processing.
    "Abandoned",
    // Smart Access Gateway's device being upgraded.
    "Upgrading",
    // ECS's and VPC's documented misspellings of `Forbidden`.
    "Forbbiden",
    "Forbindden",
];

/// [`Level::ErrorName`].
fn error_name(t: &str) -> bool {
    let dotted = t.contains('.')
        && !t.starts_with("SDK.")
        && t.split('.').all(|p| p.as_bytes().first().is_some_and(u8::is_ascii_uppercase));
    (dotted && !text::is_file_name(t)) || ONE_WORD_CODES.contains(&t)
}

/// [`Level::Reason`]: lower camel case, at least one hump, letters and digits only.
fn lower_camel(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 4 && b[0].is_ascii_lowercase() && b.iter().all(u8::is_ascii_alphanumeric) && hump(b)
}

/// [`Level::Candidate`].
fn candidate(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() < 6 || b.len() > 96 || !b[0].is_ascii_uppercase() || !text::is_code_like(t) {
        return false;
    }
    let dotted = || t.split_once('.').is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_alphabetic()));
    (hump(b) || dotted()) && !is_label(t) && !text::is_file_name(t)
}
