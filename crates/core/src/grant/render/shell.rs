//! Quoting `aliyun` CLI calls so that the exact argument reaches the CLI, in bash and in PowerShell.
//!
//! PowerShell's own quoting of native-command arguments changed between versions (5.1 and 7.3+ pass
//! embedded `"` differently), so PowerShell lines use the stop-parsing token `--%`: everything after it
//! reaches `aliyun.exe` verbatim, and is quoted by the Windows command-line rules (`\"` inside `"…"`), which
//! every PowerShell version leaves alone. After `--%` PowerShell still expands `%NAME%` and stops at `|`;
//! [`powershell_line`] reports such arguments so the renderer can warn.

use crate::grant::plan::CliCall;

/// Characters that never need quoting in bash.
fn is_bash_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | ':' | '/' | '@' | '=' | '+')
}

/// One bash word: as is when safe, else in single quotes (`'` written as `'\''`).
pub fn bash_quote(arg: &str) -> String {
    if !arg.is_empty() && arg.chars().all(is_bash_safe) {
        return arg.to_string();
    }
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// One argument by the Windows command-line rules (`CommandLineToArgvW`, the C runtime, Go's `os.Args`):
/// quoted when it has spaces, tabs or quotes; `"` as `\"`; backslashes doubled only before a quote.
pub fn windows_quote(arg: &str) -> String {
    if !arg.is_empty() && !arg.chars().any(|c| matches!(c, ' ' | '\t' | '"')) {
        return arg.to_string();
    }
    let mut out = String::from("\"");
    let mut backslashes = 0usize;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.push_str(&"\\".repeat(backslashes * 2 + 1));
                out.push('"');
                backslashes = 0;
            }
            _ => {
                out.push_str(&"\\".repeat(backslashes));
                out.push(c);
                backslashes = 0;
            }
        }
    }
    out.push_str(&"\\".repeat(backslashes * 2));
    out.push('"');
    out
}

fn words(call: &CliCall) -> Vec<&str> {
    let mut w = vec![call.product.as_str(), call.api.as_str()];
    for (k, v) in &call.args {
        w.push(k);
        w.push(v);
    }
    w
}

/// `aliyun ram Api --Name 'value' …` for bash.
pub fn bash_line(call: &CliCall) -> String {
    let mut line = String::from("aliyun");
    for w in words(call) {
        line.push(' ');
        line.push_str(&bash_quote(w));
    }
    line
}

/// `aliyun --% ram Api --Name "value" …` for PowerShell, and whether an argument holds a character that
/// PowerShell still interprets after `--%` (`%` or `|`), which the reader must check by hand.
pub fn powershell_line(call: &CliCall) -> (String, bool) {
    let mut line = String::from("aliyun --%");
    let mut risky = false;
    for w in words(call) {
        risky |= w.contains('%') || w.contains('|');
        line.push(' ');
        line.push_str(&windows_quote(w));
    }
    (line, risky)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_quotes_only_what_needs_it() {
        assert_eq!(bash_quote("AliyunECSFullAccess"), "AliyunECSFullAccess");
        assert_eq!(bash_quote("<user-name>"), "'<user-name>'");
        assert_eq!(bash_quote("it's"), r"'it'\''s'");
        assert_eq!(bash_quote(""), "''");
    }

    #[test]
    fn windows_quoting_follows_the_backslash_rules() {
        assert_eq!(windows_quote("plain"), "plain");
        assert_eq!(windows_quote(r#"{"a":"b"}"#), r#""{\"a\":\"b\"}""#);
        assert_eq!(windows_quote(r#"a\"b"#), r#""a\\\"b""#);
        assert_eq!(windows_quote(r"a b\"), r#""a b\\""#);
        assert_eq!(windows_quote(""), r#""""#);
    }
}
