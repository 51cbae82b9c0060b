//! Comparing our string to sign with the one a `SignatureDoesNotMatch` error quotes, to tell a wrong secret from
//! a request canonicalised differently from how it was sent.

use crate::finding::Localized;

/// Words Alibaba Cloud puts before its string to sign in `SignatureDoesNotMatch` messages.
const SERVER_PREFIX: &str = "server string to sign is:";

/// The `Message` of Alibaba Cloud's `SignatureDoesNotMatch`, quoting the server's string to sign (what an
/// emulator answers, and what [`compare_strings_to_sign`] reads back).
pub fn signature_mismatch_message(server_string_to_sign: &str) -> String {
    format!("Specified signature is not matched with our calculation. {SERVER_PREFIX}{server_string_to_sign}")
}

/// The outcome of [`compare_strings_to_sign`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// Identical: the request was signed as sent, so the secret does not belong to the AccessKey ID.
    Same,
    /// They first differ here (1-based line and column, counted in characters).
    Differs {
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
        /// Ours from there to the end of the line (at most 60 characters).
        ours: String,
        /// The server's, likewise.
        server: String,
    },
}

/// Compares the two strings; `server` may be the whole error message, from which the quoted string is taken.
pub fn compare_strings_to_sign(ours: &str, server: &str) -> Comparison {
    let server = match server.find(SERVER_PREFIX) {
        Some(at) => &server[at + SERVER_PREFIX.len()..],
        None => server,
    };
    // A pasted message may wrap the quote in spaces or a newline, or end with a full stop; a string to sign does
    // not start or end with white space.
    let server = server.trim();
    if ours == server {
        return Comparison::Same;
    }
    let (mut line, mut column) = (1, 1);
    let (mut a, mut b) = (ours.chars().peekable(), server.chars().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x == y => {
                if *x == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
                a.next();
                b.next();
            }
            _ => break,
        }
    }
    let rest = |it: std::iter::Peekable<std::str::Chars>| it.take_while(|c| *c != '\n').take(60).collect::<String>();
    Comparison::Differs { line, column, ours: rest(a), server: rest(b) }
}

impl Comparison {
    /// What the comparison means, for the CLI and the page.
    pub fn explain(&self) -> Localized {
        match self {
            Comparison::Same => Localized {
                en: "The strings to sign are identical: the request was signed as the server read it, so the \
AccessKey secret is wrong (or belongs to another AccessKey ID)."
                    .into(),
                zh: "两个待签名字符串完全相同：请求的签名方式与服务端一致，因此是 AccessKey Secret 错误（或它不属于该 AccessKey ID）。"
                    .into(),
            },
            Comparison::Differs { line, column, ours, server } => Localized {
                en: format!(
                    "The strings to sign first differ at line {line}, column {column}: ours has \"{ours}\", the server's \
has \"{server}\". The request was canonicalised differently from how it was sent: check the encoding of the \
parameters, the headers a proxy may change, the body, and the method."
                ),
                zh: format!(
                    "两个待签名字符串在第 {line} 行第 {column} 列首次不同：本地为“{ours}”，服务端为“{server}”。\
请求的规范化方式与实际发送的内容不一致：请检查参数编码、可能被代理修改的请求头、请求体以及请求方法。"
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_strings_mean_a_wrong_secret() {
        let msg = "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&A%3D1";
        assert_eq!(signature_mismatch_message("GET&%2F&A%3D1"), msg);
        assert_eq!(compare_strings_to_sign("GET&%2F&A%3D1", msg), Comparison::Same);
        // A V3 string to sign spans two lines; quoted in a message it still compares whole.
        let v3 = "ACS3-HMAC-SHA256\n7ea0";
        assert_eq!(compare_strings_to_sign(v3, &signature_mismatch_message(v3)), Comparison::Same);
        assert!(Comparison::Same.explain().en.contains("secret is wrong"));
    }

    #[test]
    fn finds_the_first_difference() {
        let ours = "ACS3-HMAC-SHA256\nabc123";
        let c = compare_strings_to_sign(ours, "ACS3-HMAC-SHA256\nabd999\n");
        assert_eq!(c, Comparison::Differs { line: 2, column: 3, ours: "c123".into(), server: "d999".into() });
        assert!(c.explain().zh.contains("第 2 行第 3 列"));
        // One string a prefix of the other: the difference is where the shorter ends.
        let c = compare_strings_to_sign("POST&%2F&A", "POST&%2F&A%26B");
        assert_eq!(c, Comparison::Differs { line: 1, column: 11, ours: String::new(), server: "%26B".into() });
    }
}
