//! `ram-doctor sign [--algorithm v3|rpc] --method POST --host ram.aliyuncs.com --action CreatePolicy
//! --version 2015-05-01 [--param KEY=VALUE]… [--body-file F] [--date 2023-10-26T10:22:32Z] [--nonce N] [--json]
//! [--compare 'server string to sign']`: shows how a request is signed, to debug `SignatureDoesNotMatch`.
//!
//! The AccessKey comes from the environment (see `credentials.rs`). Exit codes: 0 when signed, 2 on bad input.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use ram_doctor_core::sign::{compare_strings_to_sign, sign, Algorithm, Body, Call, Timestamp, FORM_CONTENT_TYPE};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum AlgorithmArg {
    /// ACS3-HMAC-SHA256 in the Authorization header.
    V3,
    /// HMAC-SHA1 in the Signature parameter (SignatureVersion=1.0).
    Rpc,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "v3")]
    pub algorithm: AlgorithmArg,
    /// GET or POST.
    #[arg(long)]
    pub method: String,
    /// The product's host, e.g. ram.aliyuncs.com.
    #[arg(long)]
    pub host: String,
    /// The API, e.g. CreatePolicy.
    #[arg(long)]
    pub action: String,
    /// The API version, e.g. 2015-05-01.
    #[arg(long)]
    pub version: String,
    /// A query parameter, `KEY=VALUE`, given raw (the tool encodes it); repeat for several.
    #[arg(long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// A form body (`application/x-www-form-urlencoded`, `a=1&b=2`) sent and signed with the request.
    #[arg(long, value_name = "F")]
    pub body_file: Option<PathBuf>,
    /// The signing time (UTC), default now.
    #[arg(long, value_name = "2023-10-26T10:22:32Z")]
    pub date: Option<String>,
    /// The signature nonce, default random.
    #[arg(long, value_name = "N")]
    pub nonce: Option<String>,
    /// The server's string to sign (or the whole SignatureDoesNotMatch message): says where they first differ.
    #[arg(long, value_name = "SERVER_STRING_TO_SIGN")]
    pub compare: Option<String>,
    /// Print {canonical_request, string_to_sign, signature, authorization} as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match show(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => crate::input::fail(&e),
    }
}

/// 128 random bits in hex, from the standard library's randomly keyed hasher (no extra crate for one nonce).
fn random_nonce() -> String {
    let half = || {
        let mut h = RandomState::new().build_hasher();
        h.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        h.finish()
    };
    format!("{:016x}{:016x}", half(), half())
}

fn now() -> Result<Timestamp, String> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| format!("the system clock is before 1970: {e}"))?
        .as_secs();
    Ok(Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX)))
}

fn show(args: &Args) -> Result<(), String> {
    let params = args
        .params
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| format!("--param wants KEY=VALUE, got \"{p}\""))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let body = match &args.body_file {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Some(Body { content_type: FORM_CONTENT_TYPE.to_string(), bytes })
        }
        None => None,
    };
    let time = match &args.date {
        Some(d) => Timestamp::parse(d).map_err(|e| format!("--date: {e}"))?,
        None => now()?,
    };
    let nonce = args.nonce.clone().unwrap_or_else(random_nonce);
    let credentials = crate::credentials::from_env()?;
    let algorithm = match args.algorithm {
        AlgorithmArg::V3 => Algorithm::V3,
        AlgorithmArg::Rpc => Algorithm::Rpc,
    };
    let call = Call {
        method: args.method.clone(),
        host: args.host.clone(),
        action: args.action.clone(),
        version: args.version.clone(),
        params,
        body,
    };
    let signed = sign(&call, algorithm, &credentials, time, &nonce).map_err(|e| e.to_string())?;
    let comparison = args.compare.as_deref().map(|server| compare_strings_to_sign(&signed.string_to_sign, server));
    if args.json {
        let mut out = serde_json::json!({
            "canonical_request": signed.canonical_request,
            "string_to_sign": signed.string_to_sign,
            "signature": signed.signature,
            "authorization": signed.authorization,
        });
        if let Some(c) = &comparison {
            out["comparison"] = serde_json::json!({ "same": *c == ram_doctor_core::sign::Comparison::Same, "explanation": c.explain() });
        }
        println!("{}", serde_json::to_string_pretty(&out).expect("strings always serialize"));
        return Ok(());
    }
    let canonical_title = match algorithm {
        Algorithm::V3 => "Canonical request",
        Algorithm::Rpc => "Canonicalized query string",
    };
    println!("{canonical_title}:\n{}\n", signed.canonical_request);
    println!("String to sign:\n{}\n", signed.string_to_sign);
    println!("Signature: {}", signed.signature);
    if let Some(auth) = &signed.authorization {
        println!("Authorization: {auth}");
    }
    println!("{} {}", signed.method, signed.url());
    if let Some(c) = comparison {
        println!("\n{}", c.explain().en);
    }
    Ok(())
}
