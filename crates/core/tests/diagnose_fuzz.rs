//! Bounded fuzzing of the engine in plain `cargo test`: arbitrary bytes, token soups built from the syntax the
//! readers react to, and mutated fixtures. The engine must never panic, every evidence span must lie on char
//! boundaries inside the input, and only the kinds a grant can fix may carry one.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use ram_doctor_core::{diagnose, Catalog, Diagnosis, Report};

fn check(text: &str, d: &Diagnosis) -> Result<(), TestCaseError> {
    let report = Report::new(d, &Catalog::empty()).expect("default plan options");
    for f in &report.findings {
        if !f.finding.kind.wants_grant() {
            prop_assert!(
                f.grant.custom_policy.is_none() && f.grant.system_policies.is_empty(),
                "{:?} got a grant",
                f.finding.kind
            );
        }
    }
    for f in &d.findings {
        for e in &f.evidence {
            prop_assert!(e.start <= e.end && e.end <= text.len(), "span {e:?} outside {} bytes", text.len());
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "span {e:?} splits a char");
        }
        prop_assert!(!f.explanation.is_empty());
    }
    prop_assert!(serde_json::to_string(&report).is_ok());
    Ok(())
}

/// Every committed fixture text.
fn fixtures() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
        let mut texts = Vec::new();
        for dir in ["formats", "real-world"] {
            let mut files: Vec<_> = fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            texts.extend(files.iter().map(|p| fs::read_to_string(p).unwrap()));
        }
        texts
    })
}

/// Pieces of syntax the scanners react to.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "\\\"",
    "\\\\\\\"",
    "\\n",
    "\n",
    "\n\n",
    " ",
    ":",
    " : ",
    "=",
    ",",
    "u'",
    "map[",
    "<Error>",
    "</Error>",
    "<Code>",
    "</Code>",
    "<Message>",
    "Code",
    "ErrorCode: ",
    "\"Code\":",
    "Message: ",
    "RequestId: ",
    "HostId: ",
    "AccessDeniedDetail: ",
    "AuthAction:",
    "ecs:DescribeInstances",
    "Forbidden.RAM",
    "NoPermission",
    "Error:",
    "SDK.ServerError",
    "Failed!!!",
    "got an error:",
    "Aliyun API Error:",
    "FCAccessDeniedError:",
    ".aliyuncs.com",
    "oss-cn-hangzhou",
    "acs:ram:*:1:role/*",
    "Resource: ",
    "Action: ",
    "not authorized to perform '",
    "on resource '",
    "权限不足",
    "无权限",
    "请联系主账号",
    "é",
    "😀",
    "\u{0}",
    "%22Aliyun",
    "AliyunXRole",
    "product=",
    "aliyun ecs ",
    "alicloud_",
    "arn:aws:",
    "server string to sign is:",
    "I/flutter ( 1): ",
    "│ ",
    "2024-01-01 00:00:00 ",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|t| t.concat())
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1..256usize).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut b = text.as_bytes().to_vec();
    for m in mutations {
        let len = b.len().max(1);
        match m {
            Mutation::Insert(at, bytes) => {
                let at = at % (b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(b.len());
                b.drain(at.min(end)..end);
            }
            Mutation::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(b.len());
                let piece: Vec<u8> = b[at.min(end)..end].to_vec();
                b.splice(end..end, piece);
            }
            Mutation::Truncate(at) => b.truncate(at % (b.len() + 1)),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let d = diagnose(&text, &Catalog::empty());
        check(&text, &d)?;
    }

    #[test]
    fn token_soup(text in soup()) {
        let d = diagnose(&text, &Catalog::empty());
        check(&text, &d)?;
    }

    #[test]
    fn mutated_fixtures(pick in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let texts = fixtures();
        let text = mutate(&texts[pick.index(texts.len())], &mutations);
        let d = diagnose(&text, &Catalog::empty());
        check(&text, &d)?;
    }
}
