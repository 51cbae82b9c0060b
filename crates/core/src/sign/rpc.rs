//! The older RPC signature (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`): every parameter, common ones
//! included, goes into a canonicalized query string; `METHOD&%2F&` + its encoding is signed with HMAC-SHA1 under
//! `secret&`, and the Base64 result travels as the `Signature` parameter.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::encode::{canonical_query, percent_encode};

/// The parameter that carries the signature; a verifier leaves it out of the canonical string.
pub const SIGNATURE_PARAM: &str = "Signature";

/// The canonicalized query string of every parameter except `Signature`.
pub fn canonicalized_query(params: &[(String, String)]) -> String {
    let signed: Vec<(String, String)> = params.iter().filter(|(k, _)| k != SIGNATURE_PARAM).cloned().collect();
    canonical_query(&signed)
}

/// `METHOD&%2F&` + the encoded canonicalized query string.
pub fn string_to_sign(method: &str, canonicalized_query: &str) -> String {
    format!("{}&{}&{}", method.to_ascii_uppercase(), percent_encode("/"), percent_encode(canonicalized_query))
}

/// Base64 HMAC-SHA1 of the string to sign, keyed by the secret followed by `&`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac =
        Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The official RPC example (DescribeRegions, `signature-test-vectors.md` §1).
    #[test]
    fn reproduces_the_official_example() {
        let params: Vec<(String, String)> = [
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Version", "2014-05-26"),
            ("Signature", "ignored by the canonical form"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let canonical = canonicalized_query(&params);
        let sts = string_to_sign("GET", &canonical);
        assert_eq!(
            sts,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1\
%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
%26Version%3D2014-05-26"
        );
        assert_eq!(signature("testsecret", &sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        assert_eq!(signature("testsecret", &string_to_sign("post", &canonical)), "MxbnVAM4w6sft9xjVpe/GCKueuk=");
    }
}
