//! A small YAML writer for JSON values, enough for ROS templates: block style, every string quoted
//! (single quotes when the text is one printable line, else JSON-style double quotes, which YAML reads
//! the same way), so no value is ever re-typed by the YAML reader (`'1'` stays a string, `on` is no bool).

use serde_json::Value;

fn quote(s: &str) -> String {
    if s.chars().any(|c| c.is_control()) {
        serde_json::to_string(s).expect("a string always serializes")
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn key(k: &str) -> String {
    let plain =
        k.starts_with(|c: char| c.is_ascii_alphabetic()) && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        k.to_string()
    } else {
        quote(k)
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(quote(s)),
        Value::Array(a) if a.is_empty() => Some("[]".to_string()),
        Value::Object(o) if o.is_empty() => Some("{}".to_string()),
        _ => None,
    }
}

fn write(v: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match scalar(v) {
                    Some(s) => out.push_str(&format!("{pad}{}: {s}\n", key(k))),
                    None => {
                        out.push_str(&format!("{pad}{}:\n", key(k)));
                        write(v, indent + 1, out);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match scalar(item) {
                    Some(s) => out.push_str(&format!("{pad}- {s}\n")),
                    None => {
                        // The item's block, with its first line after "- " and the rest aligned under it.
                        let mut inner = String::new();
                        write(item, indent + 1, &mut inner);
                        let body = inner.trim_start();
                        out.push_str(&format!("{pad}- {body}"));
                    }
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other).unwrap_or_default())),
    }
}

/// `v` as a YAML document.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write(v, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_lists_of_maps_keep_their_shape() {
        let v = json!({"A": [{"B": "x", "C": ["1", "it's"]}, "y"], "D": {}, "acs:Key": "on"});
        assert_eq!(
            to_yaml(&v),
            "A:\n  - B: 'x'\n    C:\n      - '1'\n      - 'it''s'\n  - 'y'\nD: {}\n'acs:Key': 'on'\n"
        );
    }
}
