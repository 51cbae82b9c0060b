//! OSS's error center: every error OSS answers carries an EC (`<EC>0003-00000201</EC>`, the `x-oss-ec` header,
//! an SDK's `EC:` / `"ec":` field), a two-digit family and a number, each documented with the code and message OSS
//! prints beside it, its cause and its fix. This table holds the documented ECs whose cause is who may do what
//! (the access-control family) or who is calling (the authentication family): an EC read anywhere in an error
//! gives that row's kind, and the code OSS prints with it where the paste shows none.
//!
//! Rows come from OSS's error-center pages (help.aliyun.com / alibabacloud.com `oss/support/<EC>`); an EC not
//! listed keeps the reading of its family ([`family_code`]).

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
}

const fn row(ec: &'static str, code: &'static str, kind: Kind) -> OssEc {
    OssEc { ec, code: Some(code), kind, layer: None }
}

/// A row whose page shows no code beside the EC.
const fn uncoded(ec: &'static str, kind: Kind) -> OssEc {
    OssEc { ec, code: None, kind, layer: None }
}

impl OssEc {
    const fn in_layer(self, layer: Layer) -> OssEc {
        OssEc { layer: Some(layer), ..self }
    }
}

/// The documented ECs, one row each.
pub const OSS_EC: &[OssEc] = &[
    // 03-ACCESS_CONTROL, who may do what.
    // Missing permission: no policy of any layer allows the action (the request may carry a wrong key too).
    row("0003-00000001", "AccessDenied", Kind::MissingPermission),
    // Explicit denies: a bucket policy's `Deny` statement, a RAM policy's, or both sides'.
    row("0003-00000101", "AccessDenied", Kind::ExplicitDeny).in_layer(Layer::ResourcePolicy),
    row("0003-00000201", "AccessDenied", Kind::ExplicitDeny).in_layer(Layer::Identity),
    // The RAM policies hold no allow (and no deny) for the action.
    row("0003-00000202", "AccessDenied", Kind::MissingPermission).in_layer(Layer::Identity),
    row("0003-00000203", "AccessDenied", Kind::ExplicitDeny),
    // The policy passed with the STS token (the session policy) leaves the action out.
    row("0003-00000301", "AccessDenied", Kind::MissingPermission).in_layer(Layer::SessionPolicy),
    // Other refusals of this family, not a RAM grant's matter. A bucket operation sent with no signature (anonymous)
    // or with one OSS cannot verify: the request's authentication.
    row("0003-00000002", "AccessDenied", Kind::Signature),
    // The VPC's own endpoint policy keeps the client's VPC from the bucket: the VPC policy is edited, not RAM.
    row("0003-00000401", "AccessDenied", Kind::Other),
    // Hotlink protection: the `Referer` is empty, on the blacklist, or off the whitelist.
    row("0003-00000501", "AccessDenied", Kind::Other),
    row("0003-00000502", "AccessDenied", Kind::Other),
    row("0003-00000503", "AccessDenied", Kind::Other),
    // 02-AUTH, who is calling.
    // Token expired: the STS credentials sent with the request are past their expiry.
    row("0002-00000007", "SecurityTokenExpired", Kind::TokenExpired),
    // Bad credentials: the AccessKey id OSS reads from the signature is malformed, unknown, or disabled (in the
    // console, or outside the IP ranges the key is limited to); OSS's 403 table prints `InvalidAccessKeyId` for each.
    row("0002-00000901", "InvalidAccessKeyId", Kind::BadCredentials),
    row("0002-00000902", "InvalidAccessKeyId", Kind::BadCredentials),
    row("0002-00000903", "InvalidAccessKeyId", Kind::BadCredentials),
    row("0002-00000904", "InvalidAccessKeyId", Kind::BadCredentials),
    // Signature: the V1 signature, the V4 signature, the request's date (missing, malformed, too far from the
    // server's clock), a V4 credential scope's sign date (header, URL, PostObject form, RTMP URL).
    row("0002-00000040", "SignatureDoesNotMatch", Kind::Signature),
    row("0002-00000201", "SignatureDoesNotMatch", Kind::Signature),
    uncoded("0002-00000212", Kind::Signature),
    uncoded("0002-00000223", Kind::Signature),
    uncoded("0002-00000502", Kind::Signature),
    row("0002-00000503", "AccessDenied", Kind::Signature),
    row("0002-00000504", "RequestTimeTooSkewed", Kind::Signature),
    uncoded("0002-00000702", Kind::Signature),
    uncoded("0002-00000709", Kind::Signature),
    uncoded("0002-00000810", Kind::Signature),
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
    }
}
