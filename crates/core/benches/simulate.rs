//! Decisions per second for a 20-statement policy set with conditions (target: ≥ 1,000,000/s natively).
//!
//! A plain `harness = false` bench so it runs on stable without extra crates; `cargo xtask bench` runs it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ram_doctor_core::policy::simulate::{CompiledPolicy, PolicySet, Request};

/// Twenty statements over four policies: exact, prefix and general wildcards, every operator family, a Deny.
fn policy_set() -> PolicySet {
    let statements = [
        r#"{"Effect":"Allow","Action":["ecs:Describe*","ecs:List*"],"Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"ecs:StopInstance","Resource":"acs:ecs:cn-hangzhou:123456789012:instance/i-*","Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}}"#,
        r#"{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:123456789012:instance/*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}"#,
        r#"{"Effect":"Allow","Action":["oss:GetObject","oss:PutObject"],"Resource":"acs:oss:*:*:my-bucket/*","Condition":{"StringLike":{"oss:Prefix":"home/*"}}}"#,
        r#"{"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:my-bucket","Condition":{"StringEquals":{"oss:Delimiter":"/"}}}"#,
        r#"{"Effect":"Allow","Action":"rds:*","Resource":"acs:rds:cn-shanghai:123456789012:dbinstance/rm-*","Condition":{"DateLessThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"}}}"#,
        r#"{"Effect":"Allow","Action":"vpc:Describe*","Resource":"*","Condition":{"NumericLessThanEquals":{"vpc:MaxResults":"100"}}}"#,
        r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"acs:kms:*:123456789012:key/*","Condition":{"ForAnyValue:StringEquals":{"acs:TagKeys":["team","env"]}}}"#,
        r#"{"Effect":"Allow","Action":"slb:*Listener*","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"acs:UserAgent":"Terraform"}}}"#,
        r#"{"Effect":"Allow","Action":"cms:Get*","Resource":"*","Condition":{"DateGreaterThan":{"acs:CurrentTime":"2020-01-01T00:00:00Z"}}}"#,
        r#"{"Effect":"Allow","Action":"log:PostLogStoreLogs","Resource":"acs:log:*:*:project/app-*/logstore/*"}"#,
        r#"{"Effect":"Allow","Action":"hbr:CreateBackupPlan","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"true"}}}"#,
        r#"{"Effect":"Allow","Action":"cs:DescribeClusters","Resource":"*","Condition":{"StringNotEquals":{"acs:SourceVpc":"vpc-bad"}}}"#,
        r#"{"Effect":"Allow","Action":"ram:PassRole","Resource":"acs:ram::123456789012:role/ecs-*"}"#,
        r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::123456789012:role/deploy","Condition":{"NotIpAddress":{"acs:SourceIp":"192.0.2.0/24"}}}"#,
        r#"{"Effect":"Allow","Action":"fc:Invoke?unction","Resource":"acs:fc:*:*:services/*/functions/*"}"#,
        r#"{"Effect":"Allow","Action":"ecs:RunCommand","Resource":"*","Condition":{"ForAllValues:StringLike":{"ecs:CommandType":["Run*"]}}}"#,
        r#"{"Effect":"Deny","Action":"ecs:DeleteInstance","Resource":"*","Condition":{"StringNotLike":{"acs:ResourceTag/env":"dev*"}}}"#,
        r#"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":["0.0.0.0/0","::/0"]}}}"#,
        r#"{"Effect":"Deny","Action":"oss:DeleteBucket","Resource":"*"}"#,
    ];
    let policies = statements
        .chunks(5)
        .map(|chunk| {
            let text = format!(r#"{{"Version":"1","Statement":[{}]}}"#, chunk.join(","));
            CompiledPolicy::from_json(&text).expect("the bench policies compile")
        })
        .collect();
    PolicySet::new(policies)
}

/// A mix of allowed, implicitly denied and explicitly denied requests with realistic context.
fn requests() -> Vec<Request> {
    let ctx = |r: Request| {
        r.with("acs:SourceIp", "10.1.2.3")
            .with("acs:SecureTransport", "true")
            .with("acs:CurrentTime", "2026-11-29T18:00:00Z")
    };
    vec![
        ctx(Request::new("ecs:DescribeInstances", "*")),
        ctx(Request::new("ecs:StopInstance", "acs:ecs:cn-hangzhou:123456789012:instance/i-abc")),
        ctx(Request::new("ECS:StartInstance", "acs:ecs:cn-beijing:123456789012:instance/i-xyz")),
        ctx(Request::new("oss:GetObject", "acs:oss:*:*:my-bucket/home/a.txt")).with("oss:Prefix", "home/a"),
        ctx(Request::new("rds:CreateAccount", "acs:rds:cn-shanghai:123456789012:dbinstance/rm-1")),
        ctx(Request::new("ecs:DeleteInstance", "acs:ecs:cn-hangzhou:123456789012:instance/i-abc"))
            .with("acs:ResourceTag/env", "prod"),
        ctx(Request::new("kms:Decrypt", "acs:kms:cn-hangzhou:123456789012:key/k-1")).with("acs:TagKeys", "team"),
        ctx(Request::new("fc:InvokeFunction", "acs:fc:cn-hangzhou:1:services/s/functions/f")),
        ctx(Request::new("ims:CreateUser", "*")),
        ctx(Request::new("oss:DeleteBucket", "acs:oss:*:*:my-bucket")),
    ]
}

fn measure(name: &str, requests: &[Request], decide: impl Fn(&Request) -> bool) {
    // Warm up, then run for about a second.
    let mut allowed = 0usize;
    for r in requests.iter().cycle().take(10_000) {
        allowed += usize::from(decide(black_box(r)));
    }
    let start = Instant::now();
    let mut decisions = 0u64;
    while start.elapsed() < Duration::from_secs(1) {
        for r in requests.iter().cycle().take(10_000) {
            allowed += usize::from(decide(black_box(r)));
        }
        decisions += 10_000;
    }
    let per_second = decisions as f64 / start.elapsed().as_secs_f64();
    black_box(allowed);
    println!("{name:<40} {:>12.0} decisions/s  ({:.0} ns each)", per_second, 1e9 / per_second);
}

fn main() {
    let set = policy_set();
    let requests = requests();
    let allowed: Vec<bool> = requests.iter().map(|r| set.is_allowed(r)).collect();
    // Guard against measuring a policy set that decides everything the same way.
    assert!(
        allowed.iter().any(|a| *a) && allowed.iter().any(|a| !*a),
        "bench set must both allow and deny: {allowed:?}"
    );
    println!("policy simulation: 20 statements in 4 policies, {} request shapes", requests.len());
    measure("PolicySet::is_allowed", &requests, |r| set.is_allowed(r));
    measure("PolicySet::simulate (with deciding list)", &requests, |r| set.simulate(r).allowed);
}
