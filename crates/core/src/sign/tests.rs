//! Signing and verifying through the same functions: a signed request read back as received verifies.

use proptest::prelude::*;

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn call(params: Vec<(String, String)>) -> Call {
    Call {
        method: "POST".into(),
        host: "ram.aliyuncs.com".into(),
        action: "CreatePolicy".into(),
        version: "2015-05-01".into(),
        params,
        body: None,
    }
}

fn at() -> Timestamp {
    Timestamp::parse("2023-10-26T10:22:32Z").unwrap()
}

/// Splits a signed request into what a server receives, and reads it back.
fn receive(signed: &SignedRequest) -> Presented {
    let (path, raw_query) = signed.path_and_query.split_once('?').unwrap_or((&signed.path_and_query, ""));
    read_received(&Received { method: &signed.method, path, raw_query, headers: &signed.headers, body: &signed.body })
        .unwrap()
}

#[test]
fn v3_whole_request_matches_the_official_example() {
    // The official example's call, through the one-shot signer: the same signature as the step-by-step vector.
    let c = Call {
        method: "POST".into(),
        host: "ecs.cn-shanghai.aliyuncs.com".into(),
        action: "RunInstances".into(),
        version: "2014-05-26".into(),
        params: pairs(&[
            ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            ("RegionId", "cn-shanghai"),
        ]),
        body: None,
    };
    let creds = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    let s = sign(&c, Algorithm::V3, &creds, at(), "3156853299f313e23d1673dc12e1703d").unwrap();
    assert_eq!(s.signature, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    assert_eq!(
        s.url(),
        "https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
    );
    let p = receive(&s);
    assert_eq!(
        (p.algorithm, p.action.as_deref(), p.access_key_id.as_str()),
        (Algorithm::V3, Some("RunInstances"), "YourAccessKeyId")
    );
    assert!(p.verify(&Secret::new("YourAccessKeySecret")));
    assert!(!p.verify(&Secret::new("YourAccessKeySecreT")));
}

#[test]
fn rpc_whole_request_matches_the_official_example() {
    // The official example asked for XML: a parameter given replaces the common `Format=JSON`.
    let c = Call {
        method: "GET".into(),
        host: "ecs.aliyuncs.com".into(),
        action: "DescribeRegions".into(),
        version: "2014-05-26".into(),
        params: pairs(&[("Format", "XML")]),
        body: None,
    };
    let creds = Credentials::new("testid", "testsecret");
    let time = Timestamp::parse("2016-02-23T12:46:24Z").unwrap();
    let s = sign(&c, Algorithm::Rpc, &creds, time, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf").unwrap();
    assert_eq!(s.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    assert_eq!(s.path_and_query.matches("Format=").count(), 1);
    assert!(s.authorization.is_none());
    assert!(s.path_and_query.ends_with(&format!("&Signature={}", encode::percent_encode(&s.signature))));
    let p = receive(&s);
    assert_eq!(
        (p.algorithm, p.nonce.as_deref(), p.timestamp.as_deref()),
        (Algorithm::Rpc, Some("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), Some("2016-02-23T12:46:24Z"))
    );
    assert!(p.verify(&Secret::new("testsecret")));
}

#[test]
fn sts_credentials_add_the_token_to_what_is_signed() {
    let creds = Credentials::new("STS.id", "sec").with_security_token("the-token");
    let v3 = sign(&call(vec![]), Algorithm::V3, &creds, at(), "n1").unwrap();
    assert!(v3.headers.contains(&("x-acs-security-token".into(), "the-token".into())));
    assert!(v3.canonical_request.contains("\nx-acs-security-token:the-token\n"));
    assert!(v3.authorization.as_deref().unwrap().contains("x-acs-signature-nonce;x-acs-version"));
    let p = receive(&v3);
    assert_eq!(p.security_token.as_ref().map(Secret::expose), Some("the-token"));
    assert!(p.verify(&creds.access_key_secret));
    let rpc = sign(&call(vec![]), Algorithm::Rpc, &creds, at(), "n1").unwrap();
    assert!(rpc.canonical_request.contains("SecurityToken=the-token"));
    assert!(receive(&rpc).verify(&creds.access_key_secret));
}

#[test]
fn a_changed_request_no_longer_verifies_and_shows_where() {
    let creds = Credentials::new("id", "sec");
    let s = sign(&call(pairs(&[("PolicyName", "p1")])), Algorithm::V3, &creds, at(), "n1").unwrap();
    let mut tampered = s.clone();
    tampered.path_and_query = tampered.path_and_query.replace("p1", "p2");
    let p = receive(&tampered);
    assert!(!p.verify(&creds.access_key_secret));
    assert_ne!(p.string_to_sign, s.string_to_sign);
    assert!(matches!(
        compare_strings_to_sign(&s.string_to_sign, &p.string_to_sign),
        Comparison::Differs { line: 2, .. }
    ));
}

#[test]
fn form_bodies_are_signed_by_both_algorithms() {
    let mut c = call(vec![]);
    c.body = Some(Body::form(&pairs(&[("PolicyDocument", "{\"Version\":\"1\"}"), ("PolicyName", "a b")])));
    let creds = Credentials::new("id", "sec");
    for alg in [Algorithm::V3, Algorithm::Rpc] {
        let s = sign(&c, alg, &creds, at(), "n").unwrap();
        let p = receive(&s);
        assert!(p.verify(&creds.access_key_secret), "{alg:?}");
        assert!(p.params.contains(&("PolicyName".into(), "a b".into())), "{alg:?}");
        let mut changed = s.clone();
        changed.body = b"PolicyName=other".to_vec();
        assert!(!receive(&changed).verify(&creds.access_key_secret), "{alg:?}");
    }
    c.body = Some(Body { content_type: "application/json".into(), bytes: b"{}".to_vec() });
    assert_eq!(
        sign(&c, Algorithm::Rpc, &creds, at(), "n"),
        Err(SignError::RpcBodyNotForm { content_type: "application/json".into() })
    );
    assert!(sign(&c, Algorithm::V3, &creds, at(), "n").is_ok());
}

#[test]
fn bad_calls_are_refused_with_the_reason() {
    let creds = Credentials::new("id", "sec");
    let with = |f: &dyn Fn(&mut Call)| {
        let mut c = call(vec![]);
        f(&mut c);
        sign(&c, Algorithm::V3, &creds, at(), "n").unwrap_err()
    };
    assert_eq!(with(&|c| c.method = "DELETE".into()), SignError::BadMethod { method: "DELETE".into() });
    assert_eq!(
        with(&|c| c.host = "https://ram.aliyuncs.com/".into()),
        SignError::BadHost { host: "https://ram.aliyuncs.com/".into() }
    );
    assert_eq!(
        with(&|c| c.host = "ram.aliyuncs.com:443".into()),
        SignError::BadHost { host: "ram.aliyuncs.com:443".into() }
    );
    assert_eq!(with(&|c| c.host = String::new()), SignError::Empty { what: "host" });
    assert_eq!(with(&|c| c.action = " ".into()), SignError::Empty { what: "action" });
    assert_eq!(sign(&call(vec![]), Algorithm::V3, &creds, at(), ""), Err(SignError::Empty { what: "nonce" }));
    assert_eq!("v4".parse::<Algorithm>(), Err(SignError::UnknownAlgorithm { name: "v4".into() }));
    let unsigned = Received { method: "GET", path: "/", raw_query: "Action=GetUser", headers: &[], body: b"" };
    assert_eq!(read_received(&unsigned), Err(SignError::Unsigned));
}

/// Parameter text with the characters canonicalisation must get right.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(" ".to_string()),
            Just("*".to_string()),
            Just("~".to_string()),
            Just("/".to_string()),
            Just("%".to_string()),
            Just("+".to_string()),
            Just("&".to_string()),
            Just("=".to_string()),
            Just("中文".to_string()),
            Just("é".to_string()),
            "[a-zA-Z0-9._-]{1,4}"
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn parameter_maps_round_trip_through_canonicalisation(
        // Lower-case first letters keep clear of the RPC common parameters (`Action`, `Signature` …).
        params in proptest::collection::btree_map("[a-z][A-Za-z0-9._~-]{0,8}", tricky(), 0..8),
        alg in prop_oneof![Just(Algorithm::V3), Just(Algorithm::Rpc)],
    ) {
        let params: Vec<(String, String)> = params.into_iter().collect();
        // The canonical query string decodes back to exactly the parameters, sorted.
        let decoded = encode::parse_query(&encode::canonical_query(&params));
        prop_assert_eq!(&decoded, &params);
        // A whole signed request, as received, verifies, and the server's strings equal the client's.
        let creds = Credentials::new("id", "secret");
        let s = sign(&call(params.clone()), alg, &creds, at(), "nonce").unwrap();
        let p = receive(&s);
        prop_assert_eq!(&p.string_to_sign, &s.string_to_sign);
        prop_assert!(p.verify(&creds.access_key_secret));
        for kv in &params {
            prop_assert!(p.params.contains(kv));
        }
    }
}
