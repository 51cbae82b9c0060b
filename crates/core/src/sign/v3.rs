//! Alibaba Cloud's V3 signature, `ACS3-HMAC-SHA256`: a canonical request hashed with SHA-256, signed with
//! HMAC-SHA256 under the AccessKey secret, sent in the `Authorization` header.
//!
//! Every step is a function of what travels on the wire (method, path, query pairs, headers, body), so a client
//! signing and a server verifying run the same code.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::encode::canonical_query;
use super::SignError;

/// The algorithm's name: the first word of `Authorization` and the first line of the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lower-case hex SHA-256 of the body: the last line of the canonical request and `x-acs-content-sha256`.
pub fn hashed_payload(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*`.
pub fn is_signed_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "host" || name == "content-type" || name.starts_with("x-acs-")
}

/// The names of the headers a signer signs: the signed kinds, lower-cased, sorted, without repeats.
pub fn signed_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> =
        headers.iter().filter(|(n, _)| is_signed_header(n)).map(|(n, _)| n.to_ascii_lowercase()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// `name:value\n` for each name in `signed` (lower case, sorted), values trimmed; a header sent twice has its
/// values joined by `,`. A name with no header gets an empty value, so a verifier's hash differs instead of failing.
pub fn canonical_headers(headers: &[(String, String)], signed: &[String]) -> String {
    let mut out = String::new();
    for name in signed {
        let values: Vec<&str> =
            headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()).collect();
        out.push_str(name);
        out.push(':');
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out
}

/// The canonical request: method, path, canonical query, canonical headers, a blank line (each header line ends
/// in `\n` and the lines are joined by `\n`), the signed header names joined by `;`, and the hashed payload.
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed: &[String],
    hashed_payload: &str,
) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_ascii_uppercase(),
        if path.is_empty() { "/" } else { path },
        canonical_query(query),
        canonical_headers(headers, signed),
        signed.join(";"),
        hashed_payload
    )
}

/// `ACS3-HMAC-SHA256\n` followed by the hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())))
}

/// Lower-case hex HMAC-SHA256 of the string to sign, keyed by the AccessKey secret.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The `Authorization` header's value.
pub fn authorization(access_key_id: &str, signed: &[String], signature: &str) -> String {
    format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={},Signature={signature}", signed.join(";"))
}

/// The parts of a received `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The AccessKey id it names.
    pub access_key_id: String,
    /// Lower case, in the order given.
    pub signed_headers: Vec<String>,
    /// The signature, hex.
    pub signature: String,
}

impl Authorization {
    /// Reads `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`.
    pub fn parse(value: &str) -> Result<Self, SignError> {
        let rest = value
            .trim()
            .strip_prefix(ALGORITHM)
            .ok_or_else(|| SignError::BadAuthorization { reason: format!("it does not start with {ALGORITHM}") })?;
        let (mut id, mut names, mut sig) = (None, None, None);
        for part in rest.split(',') {
            let (key, val) = part.trim().split_once('=').ok_or_else(|| SignError::BadAuthorization {
                reason: format!("\"{}\" is not KEY=VALUE", part.trim()),
            })?;
            match key {
                "Credential" => id = Some(val.to_string()),
                "SignedHeaders" => names = Some(val.split(';').map(str::to_ascii_lowercase).collect::<Vec<_>>()),
                "Signature" => sig = Some(val.to_string()),
                other => return Err(SignError::BadAuthorization { reason: format!("unknown field \"{other}\"") }),
            }
        }
        let missing = |field: &str| SignError::BadAuthorization { reason: format!("no {field}") };
        Ok(Authorization {
            access_key_id: id.ok_or_else(|| missing("Credential"))?,
            signed_headers: names.ok_or_else(|| missing("SignedHeaders"))?,
            signature: sig.ok_or_else(|| missing("Signature"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// The official worked example (ECS RunInstances, `signature-test-vectors.md` §2), step by step.
    #[test]
    fn reproduces_the_official_example() {
        let query =
            pairs(&[("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")]);
        let headers = pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("user-agent", "not signed"),
        ]);
        let signed = signed_header_names(&headers);
        assert_eq!(
            signed.join(";"),
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
        );
        let payload = hashed_payload(b"");
        assert_eq!(payload, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        let canonical = canonical_request("POST", "/", &query, &headers, &signed, &payload);
        let expected = "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n\
x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n\
host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(canonical, expected);
        let sts = string_to_sign(&canonical);
        assert_eq!(sts, "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        let sig = signature("YourAccessKeySecret", &sts);
        assert_eq!(sig, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
        let auth = authorization("YourAccessKeyId", &signed, &sig);
        assert_eq!(
            auth,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;\
x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
        let parsed = Authorization::parse(&auth).unwrap();
        assert_eq!(
            (parsed.access_key_id.as_str(), parsed.signed_headers, parsed.signature),
            ("YourAccessKeyId", signed, sig)
        );
    }

    #[test]
    fn header_values_are_trimmed_and_repeats_joined() {
        let headers = pairs(&[("X-Acs-Foo", "  a "), ("x-acs-foo", "b"), ("Host", "h")]);
        let signed = signed_header_names(&headers);
        assert_eq!(signed, ["host", "x-acs-foo"]);
        assert_eq!(canonical_headers(&headers, &signed), "host:h\nx-acs-foo:a,b\n");
    }

    #[test]
    fn bad_authorization_headers_say_why() {
        for (value, reason) in [
            ("HMAC-SHA1 x", "it does not start with ACS3-HMAC-SHA256"),
            ("ACS3-HMAC-SHA256 Credential=a,Signature=b", "no SignedHeaders"),
            ("ACS3-HMAC-SHA256 Credential=a,Bogus", "\"Bogus\" is not KEY=VALUE"),
            ("ACS3-HMAC-SHA256 Credential=a,Foo=b", "unknown field \"Foo\""),
        ] {
            assert_eq!(
                Authorization::parse(value),
                Err(SignError::BadAuthorization { reason: reason.into() }),
                "{value}"
            );
        }
    }
}
