//! `ram-doctor sign`, run as the real binary: the official vectors, STS tokens, `--compare`, and no secret in
//! any output.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// A secret distinctive enough that finding it anywhere in the output is a leak.
const SECRET: &str = "zQ9-leak-canary-secret-7Xw";

/// The binary with only the given AccessKey variables set.
fn sign(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ram-doctor"));
    cmd.arg("sign").args(args);
    for var in ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied()).output().expect("the binary runs")
}

fn key(secret: &str) -> Vec<(&'static str, String)> {
    vec![
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAItestid".to_string()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret.to_string()),
    ]
}

fn sign_with(secret: &str, args: &[&str]) -> Output {
    let env = key(secret);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    sign(&env, args)
}

fn all_output(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", all_output(out));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

const CREATE_POLICY: &[&str] = &[
    "--method",
    "POST",
    "--host",
    "ram.aliyuncs.com",
    "--action",
    "CreatePolicy",
    "--version",
    "2015-05-01",
    "--param",
    "PolicyName=ram doctor*~/%",
    "--param",
    "PolicyDocument={\"Version\":\"1\",\"Statement\":[]}",
    "--date",
    "2023-10-26T10:22:32Z",
    "--nonce",
    "n-1",
];

#[test]
fn v3_reproduces_the_official_example() {
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "YourAccessKeyId"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "YourAccessKeySecret"),
    ];
    let out = sign(
        &env,
        &[
            "--method",
            "POST",
            "--host",
            "ecs.cn-shanghai.aliyuncs.com",
            "--action",
            "RunInstances",
            "--version",
            "2014-05-26",
            "--param",
            "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            "--param",
            "RegionId=cn-shanghai",
            "--date",
            "2023-10-26T10:22:32Z",
            "--nonce",
            "3156853299f313e23d1673dc12e1703d",
            "--json",
        ],
    );
    let v = json(&out);
    assert_eq!(
        v["string_to_sign"],
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(v["signature"], "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    assert_eq!(
        v["authorization"],
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;\
x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
    assert!(v["canonical_request"].as_str().unwrap().starts_with("POST\n/\nImageId=win2019"));
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["canonical_request", "string_to_sign", "signature", "authorization"]);
}

#[test]
fn rpc_reproduces_the_official_example() {
    let env = [("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")];
    let args = [
        "--algorithm",
        "rpc",
        "--method",
        "GET",
        "--host",
        "ecs.aliyuncs.com",
        "--action",
        "DescribeRegions",
        "--version",
        "2014-05-26",
        "--param",
        "Format=XML",
        "--date",
        "2016-02-23T12:46:24Z",
        "--nonce",
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "--json",
    ];
    let v = json(&sign(&env, &args));
    assert_eq!(v["signature"], "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    assert_eq!(v["authorization"], Value::Null);
    assert_eq!(
        v["canonical_request"],
        "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1\
&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
    );
    let post: Vec<&str> = args.iter().map(|a| if *a == "GET" { "POST" } else { a }).collect();
    assert_eq!(json(&sign(&env, &post))["signature"], "MxbnVAM4w6sft9xjVpe/GCKueuk=");
}

#[test]
fn sts_token_is_signed() {
    let mut env = key(SECRET);
    env.push(("ALIBABA_CLOUD_SECURITY_TOKEN", "sts-token-value".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let v = json(&sign(&env, &[CREATE_POLICY, &["--json"]].concat()));
    assert!(v["canonical_request"].as_str().unwrap().contains("\nx-acs-security-token:sts-token-value\n"), "{v}");
    assert!(v["authorization"].as_str().unwrap().contains("x-acs-security-token"));
    let rpc = json(&sign(&env, &[CREATE_POLICY, &["--algorithm", "rpc", "--json"]].concat()));
    assert!(rpc["canonical_request"].as_str().unwrap().contains("SecurityToken=sts-token-value"));
}

#[test]
fn compare_tells_a_wrong_secret_from_a_canonicalisation_difference() {
    let ours = json(&sign_with(SECRET, &[CREATE_POLICY, &["--json"]].concat()));
    let ours_sts = ours["string_to_sign"].as_str().unwrap();
    // The server quoting the same string to sign: the secret is wrong.
    let message =
        format!("Specified signature is not matched with our calculation. server string to sign is:{ours_sts}");
    let out = sign_with(SECRET, &[CREATE_POLICY, &["--compare", &message]].concat());
    assert!(out.status.success());
    assert!(all_output(&out).contains("AccessKey secret is wrong"), "{}", all_output(&out));
    // The server having canonicalised another request: where they differ.
    let other = json(&sign_with(SECRET, &[CREATE_POLICY, &["--param", "Description=x", "--json"]].concat()));
    let out = sign_with(SECRET, &[CREATE_POLICY, &["--compare", other["string_to_sign"].as_str().unwrap()]].concat());
    assert!(all_output(&out).contains("first differ at line 2, column 1"), "{}", all_output(&out));
    let v = json(&sign_with(
        SECRET,
        &[CREATE_POLICY, &["--json", "--compare", other["string_to_sign"].as_str().unwrap()]].concat(),
    ));
    assert_eq!(v["comparison"]["same"], false);
    assert!(v["comparison"]["explanation"]["zh"].as_str().unwrap().contains("第 2 行"));
}

#[test]
fn a_form_body_is_signed() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sign");
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("body.txt");
    std::fs::write(&body, "PolicyName=a&PolicyDocument=%7B%7D").unwrap();
    let with_body =
        json(&sign_with(SECRET, &[CREATE_POLICY, &["--json", "--body-file", body.to_str().unwrap()]].concat()));
    let canonical = with_body["canonical_request"].as_str().unwrap();
    assert!(canonical.contains("\ncontent-type:application/x-www-form-urlencoded\n"), "{canonical}");
    let without = json(&sign_with(SECRET, &[CREATE_POLICY, &["--json"]].concat()));
    assert_ne!(with_body["signature"], without["signature"]);
    let rpc = json(&sign_with(
        SECRET,
        &[CREATE_POLICY, &["--json", "--algorithm", "rpc", "--body-file", body.to_str().unwrap()]].concat(),
    ));
    assert!(rpc["canonical_request"].as_str().unwrap().contains("PolicyDocument=%7B%7D"));
}

#[test]
fn bad_input_is_refused_clearly() {
    let out = sign(&[], CREATE_POLICY);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        all_output(&out).contains("ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
        "{}",
        all_output(&out)
    );
    for (args, says) in [
        (replacing("2023-10-26T10:22:32Z", "yesterday"), "--date: \"yesterday\" is not a UTC time"),
        (
            replacing("ram.aliyuncs.com", "https://ram.aliyuncs.com/"),
            "\"https://ram.aliyuncs.com/\" is not a host name",
        ),
        (replacing("POST", "PUT"), "method \"PUT\" is not GET or POST"),
        ([CREATE_POLICY, &["--param", "novalue"]].concat(), "--param wants KEY=VALUE"),
        ([CREATE_POLICY, &["--body-file", "/nonexistent/body"]].concat(), "cannot read /nonexistent/body"),
    ] {
        let out = sign_with(SECRET, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(all_output(&out).contains(says), "{args:?}: {}", all_output(&out));
    }
}

/// The CreatePolicy arguments with one value replaced.
fn replacing(from: &str, to: &'static str) -> Vec<&'static str> {
    CREATE_POLICY.iter().map(|a| if *a == from { to } else { a }).collect()
}

#[test]
fn the_secret_never_appears_in_any_output() {
    let runs: Vec<Vec<&str>> = vec![
        CREATE_POLICY.to_vec(),
        [CREATE_POLICY, &["--json"]].concat(),
        [CREATE_POLICY, &["--algorithm", "rpc"]].concat(),
        [CREATE_POLICY, &["--algorithm", "rpc", "--json"]].concat(),
        [CREATE_POLICY, &["--compare", "ACS3-HMAC-SHA256\n00"]].concat(),
        replacing("2023-10-26T10:22:32Z", "bad"),
        vec!["--help"],
    ];
    for args in runs {
        let out = sign_with(SECRET, &args);
        let text = all_output(&out);
        assert!(!text.is_empty(), "{args:?}");
        assert!(!text.contains(SECRET), "{args:?} leaked the secret: {text}");
    }
}
