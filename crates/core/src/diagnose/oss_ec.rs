//! OSS's error center: every error OSS answers carries an EC (`<EC>0003-00000201</EC>`, the `x-oss-ec` header,
//! an SDK's `EC:` / `"ec":` field), a two-digit family and a number, each documented with the code and message OSS
//! prints beside it, its cause and its fix. This table holds the documented ECs whose cause is who may do what
//! (the access-control family) or who is calling (the authentication family): an EC read anywhere in an error
//! gives that row's kind, and the code OSS prints with it where the paste shows none.
//!
//! Rows come from OSS's error-center pages (help.aliyun.com / alibabacloud.com `oss/support/<EC>`, each row's
//! [`OssEc::page`]); an EC not listed keeps the reading of its family ([`family_code`]) and changes no kind.

use crate::finding::{Kind, Layer};
use crate::read::{Key, RawError};

/// One documented EC: the code OSS prints with it (where its page gives one) and what the error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OssEc {
    /// The EC as OSS prints it (`0003-00000201`).
    pub ec: &'static str,
    /// The error code OSS prints beside it.
    pub code: Option<&'static str>,
    /// What the error is; only the permission kinds ever get a grant.
    pub kind: Kind,
    /// The layer a permission row names.
    pub layer: Option<Layer>,
    /// Where the row's error-center page is: the page is this folder and the EC ([`OssEc::page`]).
    pub site: &'static str,
}

/// The folders of OSS's error-center pages, one per EC: alibabacloud.com's and help.aliyun.com's, in English and
/// Chinese.
const INTL: &str = "https://www.alibabacloud.com/help/en/oss/support/";
const INTL_GUIDE: &str = "https://www.alibabacloud.com/help/en/oss/user-guide/";
const CN_EN: &str = "https://help.aliyun.com/en/oss/user-guide/";
const CN_ZH: &str = "https://help.aliyun.com/zh/oss/support/";

const fn row(ec: &'static str, code: &'static str, kind: Kind, site: &'static str) -> OssEc {
    OssEc { ec, code: Some(code), kind, layer: None, site }
}

/// A row whose page shows no code beside the EC.
const fn uncoded(ec: &'static str, kind: Kind, site: &'static str) -> OssEc {
    OssEc { ec, code: None, kind, layer: None, site }
}

impl OssEc {
    const fn in_layer(self, layer: Layer) -> OssEc {
        OssEc { layer: Some(layer), ..self }
    }

    /// The error-center page the row is read from.
    pub fn page(&self) -> String {
        format!("{}{}", self.site, self.ec)
    }
}

/// The documented ECs, one row each.
pub const OSS_EC: &[OssEc] = &[
    // 03-ACCESS_CONTROL, who may do what.
    // Missing permission: no policy of any layer allows the action (the request may carry a wrong key too).
    row("0003-00000001", "AccessDenied", Kind::MissingPermission, INTL),
    // Explicit denies: a bucket policy's `Deny` statement, a RAM policy's, or both sides'.
    row("0003-00000101", "AccessDenied", Kind::ExplicitDeny, CN_ZH).in_layer(Layer::ResourcePolicy),
    row("0003-00000201", "AccessDenied", Kind::ExplicitDeny, INTL).in_layer(Layer::Identity),
    // The RAM policies hold no allow (and no deny) for the action.
    row("0003-00000202", "AccessDenied", Kind::MissingPermission, CN_EN).in_layer(Layer::Identity),
    row("0003-00000203", "AccessDenied", Kind::ExplicitDeny, CN_EN),
    // A batch operation matched a `Deny` statement of the bucket policy or of the requester's RAM policy.
    row("0003-00000204", "AccessDenied", Kind::ExplicitDeny, CN_EN),
    // The policy passed with the STS token (the session policy) leaves the action out.
    row("0003-00000301", "AccessDenied", Kind::MissingPermission, INTL).in_layer(Layer::SessionPolicy),
    // Other refusals of this family, not a RAM grant's matter. A bucket operation sent with no signature (anonymous)
    // or with one OSS cannot verify: the request's authentication.
    row("0003-00000002", "AccessDenied", Kind::Signature, INTL),
    // The VPC's own endpoint policy keeps the client's VPC from the bucket: a guardrail policy beside the caller's
    // (its page's example is a VPC policy whose `Allow` leaves the bucket out). Like a control policy's refusal, no
    // grant to the caller lifts it: the VPC policy is edited, a refusal by a policy that is not the caller's.
    row("0003-00000401", "AccessDenied", Kind::ExplicitDeny, INTL).in_layer(Layer::ResourcePolicy),
    // Hotlink protection: the `Referer` is empty, on the blacklist, or off the whitelist.
    row("0003-00000501", "AccessDenied", Kind::Other, CN_EN),
    row("0003-00000502", "AccessDenied", Kind::Other, INTL),
    row("0003-00000503", "AccessDenied", Kind::Other, INTL),
    // 02-AUTH, who is calling.
    // Token expired: the STS credentials sent with the request are past their expiry.
    row("0002-00000007", "SecurityTokenExpired", Kind::TokenExpired, INTL),
    // Bad credentials: the AccessKey id OSS reads from the signature is malformed, unknown, or disabled (in the
    // console, or outside the IP ranges the key is limited to); OSS's 403 table prints `InvalidAccessKeyId` for each.
    row("0002-00000901", "InvalidAccessKeyId", Kind::BadCredentials, INTL),
    row("0002-00000902", "InvalidAccessKeyId", Kind::BadCredentials, INTL),
    row("0002-00000903", "InvalidAccessKeyId", Kind::BadCredentials, CN_EN),
    row("0002-00000904", "InvalidAccessKeyId", Kind::BadCredentials, CN_EN),
    // Signature: the V1 signature, the V4 signature, the request's date (missing, malformed, too far from the
    // server's clock), a V4 credential scope's sign date (header, URL, PostObject form, RTMP URL).
    row("0002-00000040", "SignatureDoesNotMatch", Kind::Signature, INTL),
    row("0002-00000201", "SignatureDoesNotMatch", Kind::Signature, CN_ZH),
    uncoded("0002-00000212", Kind::Signature, INTL),
    uncoded("0002-00000223", Kind::Signature, INTL),
    uncoded("0002-00000502", Kind::Signature, INTL),
    row("0002-00000503", "AccessDenied", Kind::Signature, INTL),
    row("0002-00000504", "RequestTimeTooSkewed", Kind::Signature, INTL),
    uncoded("0002-00000702", Kind::Signature, INTL),
    uncoded("0002-00000709", Kind::Signature, INTL),
    uncoded("0002-00000810", Kind::Signature, INTL),
    // A signature OSS recomputes differently: one limited to IP ranges the caller is outside of (its page names
    // `SignatureDoesNotMatch`), Amazon S3-compatible V2 and V4 signatures (V4 chunked too), a PostObject signature
    // in the wrong form field; a V4 signed URL used before the start its `x-oss-date` sets (the client's clock).
    row("0002-00000602", "SignatureDoesNotMatch", Kind::Signature, CN_EN),
    uncoded("0002-00000307", Kind::Signature, CN_EN),
    uncoded("0002-00000429", Kind::Signature, CN_EN),
    uncoded("0002-00000430", Kind::Signature, CN_ZH),
    uncoded("0002-00000705", Kind::Signature, CN_EN),
    uncoded("0002-00000235", Kind::Signature, INTL),
    // Amazon S3-compatible V4 signatures OSS cannot read: an algorithm other than `AWS4-HMAC-SHA256`, an
    // `Authorization` header's `Signature` or a URL's `X-Amz-Signature` not 64 hex characters, an `X-Amz-Credential`
    // scope not in its form, an `X-Amz-Content-SHA256` that is no payload hash; a LiveChannel (RTMP ingest) URL's
    // `Signature` OSS recomputes differently.
    // A V4 `Authorization` header whose credential scope names a region other than the bucket's (a region given
    // with its `oss-` prefix, the endpoint changed without the signing region): OSS prints `InvalidArgument`,
    // "Invalid signing region in Authorization header.". The client's signing region is the fix.
    row("0002-00000226", "InvalidArgument", Kind::Signature, INTL),
    uncoded("0002-00000402", Kind::Signature, INTL),
    uncoded("0002-00000408", Kind::Signature, INTL),
    uncoded("0002-00000423", Kind::Signature, INTL),
    uncoded("0002-00000425", Kind::Signature, INTL),
    uncoded("0002-00000427", Kind::Signature, INTL),
    uncoded("0002-00000807", Kind::Signature, INTL),
    // Expired: a signed URL past its `Expires` / `x-oss-expires` (OSS's own signature), past `X-Amz-Date` plus
    // `X-Amz-Expires` (Amazon S3-compatible V4), a LiveChannel URL past its `Expires`: a URL to sign again, as a token
    // to fetch again.
    uncoded("0002-00000069", Kind::TokenExpired, CN_ZH),
    uncoded("0002-00000418", Kind::TokenExpired, INTL),
    uncoded("0002-00000805", Kind::TokenExpired, INTL),
    // Bad credentials: the AccessKey id sent as an STS one is not one STS issued (a RAM user's key sent with a
    // security token, or an STS key past its life); the AccessKey id in a V2 or V4 `Authorization` header is malformed
    // (a stray `\r`); the security token does not match the one STS returned with the key (OSS's 403 table prints
    // `InvalidSecurityToken`, "The security token you provided is invalid", for it).
    uncoded("0002-00000002", Kind::BadCredentials, CN_ZH),
    // An STS AccessKey id sent without its security token (OSS prints `InvalidAccessKeyId`, "The Security Token may be
    // lost"), or with a token and key pair from two different AssumeRole answers.
    row("0002-00000003", "InvalidAccessKeyId", Kind::BadCredentials, CN_EN),
    uncoded("0002-00000004", Kind::BadCredentials, INTL),
    uncoded("0002-00000107", Kind::BadCredentials, INTL),
    uncoded("0002-00000206", Kind::BadCredentials, INTL),
    row("0002-00000006", "InvalidSecurityToken", Kind::BadCredentials, INTL),
    row("0002-00000008", "InvalidSecurityToken", Kind::BadCredentials, CN_EN),
    // The request leaves out an argument of its signature: the AccessKey id of a PostObject form or an Amazon
    // S3-compatible URL, a signed URL's expiry (missing or not a number). The request is fixed, not a grant.
    uncoded("0002-00000707", Kind::Other, INTL_GUIDE),
    uncoded("0002-00000304", Kind::Other, INTL_GUIDE),
    uncoded("0002-00000301", Kind::Other, INTL),
    uncoded("0002-00000070", Kind::Other, INTL),
    // A LiveChannel URL without its `Expires`, with one that is not a Unix time, or without its `Signature`.
    uncoded("0002-00000803", Kind::Other, CN_EN),
    uncoded("0002-00000804", Kind::Other, INTL),
    uncoded("0002-00000806", Kind::Other, INTL),
    // A way of signing OSS does not take here: STS credentials for an operation or region that takes none, Amazon
    // S3-compatible V2 or V4 signing not enabled for the account, V2 for a PostObject form. The client signs
    // another way (or support enables the mode); no grant helps.
    uncoded("0002-00000001", Kind::Other, INTL),
    uncoded("0002-00000032", Kind::Other, CN_EN),
    uncoded("0002-00000033", Kind::Other, CN_EN),
    uncoded("0002-00000714", Kind::Other, INTL),
    // Addressing, not access: a bucket request sent to the region's endpoint with the bucket in the path (path
    // style, the default of many Amazon S3 clients given a custom endpoint). OSS takes only the bucket's own
    // domain (`BucketName.Endpoint`, virtual-hosted style) and prints `SecondLevelDomainForbidden` with a 403; the
    // client's addressing is the fix, no grant.
    row("0003-00001401", "SecondLevelDomainForbidden", Kind::Other, CN_ZH),
    // Other families whose page says what the error is. 06, a PostObject form: its policy has no `expiration`.
    uncoded("0006-00000208", Kind::Other, INTL),
    // 48: a redirect rule to the public network reached through OSS's default domain, blocked for buckets made
    // after 2024-08-05 (a custom domain is the fix).
    row("0048-00000300", "ExternalRedirectForbidden", Kind::Other, CN_ZH),
];

/// An OSS refusal whose documentation names the action the caller lacks, though OSS prints none with it, where
/// the paste shows the tool it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OssRefusal {
    /// The code that alone tells the refusal, where OSS gives it one of its own.
    pub code: Option<&'static str>,
    /// The message OSS prints with it, lower-case (matched without ASCII case).
    pub message: &'static str,
    /// The tool the documentation names, lower-case: the paste must name it too.
    pub tool: &'static str,
    /// The RAM action the documentation says is missing.
    pub action: &'static str,
}

/// OSS's refusals that name their action (its error-center pages).
pub const OSS_REFUSALS: &[OssRefusal] = &[
    // `BucketNotBelongTo`, "The bucket you access does not belong to you" (OSS's 403 table; also printed as
    // `AccessDenied`): a bucket call by a caller that does not own the bucket and may not make it. OSS's page for EC
    // 0003-00000001 names the call for one tool: a RAM user signing in to ossbrowser lacks `oss:GetBucketInfo`.
    // Elsewhere it is whatever bucket call was made (an operator tagging its bucket, Velero listing its backups),
    // which only the request names.
    OssRefusal {
        code: Some("BucketNotBelongTo"),
        message: "the bucket you access does not belong to you",
        tool: "ossbrowser",
        action: "oss:GetBucketInfo",
    },
];

/// The documented refusal an OSS error is, by its own code or the message in `lines` (the error's text), where
/// `around` (the words around it) names the row's tool.
pub fn refusal(code: Option<&str>, lines: &str, around: &str) -> Option<&'static OssRefusal> {
    let lower = lines.to_ascii_lowercase();
    let told = |r: &&OssRefusal| {
        r.code.is_some_and(|rc| code.is_some_and(|c| rc.eq_ignore_ascii_case(c))) || lower.contains(r.message)
    };
    OSS_REFUSALS.iter().filter(told).find(|r| around.to_ascii_lowercase().contains(r.tool))
}

/// The documented row of an EC.
pub fn lookup(ec: &str) -> Option<&'static OssEc> {
    OSS_EC.iter().find(|r| r.ec == ec.trim())
}

/// The first EC the error prints that the table documents.
pub fn of(raw: &RawError) -> Option<&'static OssEc> {
    raw.all(Key::Ec).find_map(|f| lookup(&f.value))
}

/// The code an undocumented EC's family implies: OSS's access-control family (`0003-`) is its access denials.
pub fn family_code(ec: &str) -> Option<&'static str> {
    ec.starts_with("0003-").then_some("AccessDenied")
}

/// The code of an error that prints an EC and no code: the code the EC's row documents (OSS prints the two together
/// in every answer), else the EC itself, the one code the paste shows.
pub fn code_of_bare_ec(raw: &RawError) -> Option<String> {
    of(raw).and_then(|r| r.code).or_else(|| raw.value(Key::Ec)).map(str::to_string)
}

/// The code the error's EC implies where none is printed: its row's, else its family's.
pub fn implied_code(raw: &RawError) -> Option<&'static str> {
    match of(raw) {
        Some(r) => r.code,
        None => raw.all(Key::Ec).find_map(|f| family_code(&f.value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_an_ec_once() {
        for (n, r) in OSS_EC.iter().enumerate() {
            let b = r.ec.as_bytes();
            assert!(b.len() == 13 && b[4] == b'-' && r.ec.starts_with("00"), "{}", r.ec);
            assert!(OSS_EC[n + 1..].iter().all(|o| o.ec != r.ec), "{} twice", r.ec);
        }
    }

    #[test]
    fn every_row_names_its_error_center_page() {
        for r in OSS_EC {
            assert!([INTL, INTL_GUIDE, CN_EN, CN_ZH].contains(&r.site), "{}", r.ec);
            assert_eq!(r.page().rsplit('/').next(), Some(r.ec));
        }
    }

    #[test]
    fn only_permission_rows_name_a_layer() {
        for r in OSS_EC.iter().filter(|r| r.layer.is_some()) {
            assert!(matches!(r.kind, Kind::MissingPermission | Kind::ExplicitDeny), "{}", r.ec);
        }
    }

    #[test]
    fn a_refusal_is_found_by_its_code_or_its_message_beside_its_tool() {
        let by_code = refusal(Some("bucketnotbelongto"), "", "ossbrowser 2.0").map(|r| r.action);
        assert_eq!(by_code, Some("oss:GetBucketInfo"));
        let message = "<Message>The bucket you access does not belong to you.</Message>";
        assert_eq!(
            refusal(Some("AccessDenied"), message, "OSSBrowser login").map(|r| r.action),
            Some("oss:GetBucketInfo")
        );
        // Without its tool the message names no call; another refusal beside the tool is not this one.
        assert!(refusal(Some("AccessDenied"), message, "velero backup location").is_none());
        assert!(refusal(
            Some("AccessDenied"),
            "You have no right to access this object because of bucket acl.",
            "ossbrowser"
        )
        .is_none());
        for r in OSS_REFUSALS {
            assert_eq!((r.message, r.tool), (&*r.message.to_ascii_lowercase(), &*r.tool.to_ascii_lowercase()));
            assert!(r.action.starts_with("oss:"), "{}", r.action);
        }
    }

    #[test]
    fn lookup_and_family() {
        assert_eq!(lookup("0003-00000101").map(|r| r.kind), Some(Kind::ExplicitDeny));
        assert_eq!(lookup("0002-00000040").and_then(|r| r.code), Some("SignatureDoesNotMatch"));
        assert!(lookup("0003-00009999").is_none());
        assert_eq!(family_code("0003-00009999"), Some("AccessDenied"));
        assert_eq!(family_code("0016-00000001"), None);
        // An access-control EC that is no refusal keeps its own code, not the family's.
        let addressing = lookup("0003-00001401");
        assert_eq!(addressing.map(|r| (r.kind, r.code)), Some((Kind::Other, Some("SecondLevelDomainForbidden"))));
    }
}
