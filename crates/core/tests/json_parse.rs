//! Core's JSON reader (`json::parse`) against serde_json's `from_slice::<Value>`: the same value for any JSON,
//! an error wherever serde_json refuses, and never a panic (deep nesting included).

use proptest::prelude::*;
use ram_doctor_core::json::{parse, JsonError};
use serde_json::Value;

fn same_as_serde(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mine = parse(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(theirs) => prop_assert!(
            mine.as_ref().is_ok_and(|mine| same(mine, &theirs)),
            "{:?}: {mine:?}, serde_json {theirs:?}",
            String::from_utf8_lossy(bytes)
        ),
        Err(e) => prop_assert!(mine.is_err(), "serde_json refuses {:?} ({e})", String::from_utf8_lossy(bytes)),
    }
    Ok(())
}

/// Equal, but for the last bit of a fraction: core reads decimals correctly rounded, serde_json (without its
/// `float_roundtrip` feature) sometimes one bit off.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= x.abs() * 4.0 * f64::EPSILON
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z\"\\\\é云]{0,4}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any value, compact or pretty, reads back as serde_json reads it.
    #[test]
    fn written_values_read_back(value in json_value()) {
        same_as_serde(serde_json::to_string(&value).unwrap().as_bytes())?;
        same_as_serde(serde_json::to_string_pretty(&value).unwrap().as_bytes())?;
    }

    /// A written value cut short or with one byte changed: read as serde_json reads it, or refused when it is.
    #[test]
    fn damaged_values_are_refused_as_serde_refuses_them(value in json_value(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b" \t\n\"\\/,:[]{}0123456789.eE+-tfnulraxu\x01\xff".to_vec()), cut in any::<bool>()) {
        let mut bytes = serde_json::to_vec(&value).unwrap();
        let at = at.index(bytes.len());
        if cut { bytes.truncate(at) } else { bytes[at] = byte }
        same_as_serde(&bytes)?;
    }

    /// Short texts of JSON's own characters: numbers, escapes and words in every arrangement.
    #[test]
    fn token_soup_reads_as_serde_reads_it(text in "[ 0-9.eE+\\-\"\\\\ubdfnrt/truefalsnl\\[\\]{},:]{0,16}") {
        same_as_serde(text.as_bytes())?;
    }
}

#[test]
fn escapes_numbers_and_surrogates() {
    for text in [
        r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00云""#,
        // Each number alone: in one array a refused number (1e400) would hide every other difference.
        "0",
        "-0",
        "-0.0",
        "1.5",
        "-2.5e-3",
        "1E+2",
        "18446744073709551615",
        "-9223372036854775808",
        "18446744073709551616",
        "1e400",
        "[0,-0,1.5]",
        r#""\ud800""#,
        r#""\ud800\u0041""#,
        r#""\udc00""#,
        "01",
        "1.",
        "-",
        "\"\u{1}\"",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\":1,\"a\":2}",
        " true ",
        "nul",
    ] {
        same_as_serde(text.as_bytes()).unwrap();
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    assert_eq!(parse(deep.as_bytes()).unwrap_err().message, "recursion limit exceeded");
    // Around serde_json's own limit, refused exactly where it refuses.
    for depth in [100, 126, 127, 128, 129] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        same_as_serde(nested.as_bytes()).unwrap();
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        same_as_serde(objects.as_bytes()).unwrap();
    }
}

#[test]
fn errors_say_where() {
    assert_eq!(
        parse(b"{\"a\": [1,\n  2 x]}"),
        Err(JsonError { line: 2, column: 5, message: "expected `,` or `]`".to_string() })
    );
    assert_eq!(parse(b"[1] 2").unwrap_err().to_string(), "trailing characters at line 1 column 5");
    assert_eq!(parse(b"\"\xff\"").unwrap_err().column, 2);
}
