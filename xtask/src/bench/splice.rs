//! `BENCHMARKS.md` is half generated, half written by hand: the bench owns only the lines between a
//! `<!-- bench:KEY begin -->` line and its `<!-- bench:KEY end -->` line and replaces them in place; every other
//! line (each section's History of hand-run steps) is kept byte for byte.

use std::fmt;

/// One generated part of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The marker's name: `bench:KEY`.
    pub key: &'static str,
    /// The `## ` heading a part gets when the file has no markers for it yet (it is then appended at the end).
    pub heading: &'static str,
    pub body: String,
}

/// Why the file's markers cannot be trusted: nothing is written then, so no hand-written line is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpliceError {
    /// A begin marker with no end marker after it.
    Unclosed { key: &'static str, line: usize },
    /// An end marker with no begin marker before it.
    Unopened { key: &'static str, line: usize },
    /// A marker that appears twice: which pair the bench owns would be a guess.
    Repeated { key: &'static str, line: usize },
    /// A part's markers inside another part's: replacing one would drop or duplicate the other.
    Nested { key: &'static str, inside: &'static str, line: usize },
}

impl fmt::Display for SpliceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpliceError::Unclosed { key, line } => {
                write!(f, "line {line}: `{}` has no `{}` after it", begin(key), end(key))
            }
            SpliceError::Unopened { key, line } => {
                write!(f, "line {line}: `{}` has no `{}` before it", end(key), begin(key))
            }
            SpliceError::Repeated { key, line } => write!(f, "line {line}: a second marker of `bench:{key}`"),
            SpliceError::Nested { key, inside, line } => {
                write!(f, "line {line}: `bench:{key}` stands inside `bench:{inside}`")
            }
        }
    }
}

fn begin(key: &str) -> String {
    format!("<!-- bench:{key} begin -->")
}

fn end(key: &str) -> String {
    format!("<!-- bench:{key} end -->")
}

/// The file with each part's lines replaced, and the keys that had no markers (appended at the end, under
/// their heading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    pub text: String,
    pub appended: Vec<&'static str>,
}

/// Replaces what lies between each part's markers in `doc` (markers are whole lines), appends parts that have
/// none, and refuses — changing nothing — when a part's markers are unpaired, out of order or repeated.
pub fn splice(doc: &str, parts: &[Part]) -> Result<Spliced, SpliceError> {
    // (byte offset of the line, its end including '\n', its 1-based number, the line without its break)
    let mut lines = Vec::new();
    let mut at = 0;
    for (number, line) in doc.split_inclusive('\n').enumerate() {
        lines.push((at, at + line.len(), number + 1, line.trim_end_matches(['\n', '\r']).trim()));
        at += line.len();
    }
    // Each part's span to replace: from the end of its begin line to the start of its end line.
    let mut spans = Vec::new();
    let mut appended = Vec::new();
    for part in parts {
        let find = |marker: &str| -> Result<Option<(usize, usize, usize)>, SpliceError> {
            let mut found = lines.iter().filter(|l| l.3 == marker);
            let first = found.next().map(|l| (l.0, l.1, l.2));
            match found.next() {
                Some(second) => Err(SpliceError::Repeated { key: part.key, line: second.2 }),
                None => Ok(first),
            }
        };
        match (find(&begin(part.key))?, find(&end(part.key))?) {
            (None, None) => appended.push(part),
            (Some(b), Some(e)) if b.2 < e.2 => spans.push((b.1, e.0, b.2, part)),
            (Some(b), _) => return Err(SpliceError::Unclosed { key: part.key, line: b.2 }),
            (None, Some(e)) => return Err(SpliceError::Unopened { key: part.key, line: e.2 }),
        }
    }
    spans.sort_by_key(|s| s.0);
    for pair in spans.windows(2) {
        if pair[1].0 < pair[0].1 {
            return Err(SpliceError::Nested { key: pair[1].3.key, inside: pair[0].3.key, line: pair[1].2 });
        }
    }
    let mut text = String::with_capacity(doc.len());
    let mut kept_from = 0;
    for (from, to, _, part) in spans {
        text.push_str(&doc[kept_from..from]);
        text.push_str(part.body.trim_matches('\n'));
        text.push('\n');
        kept_from = to;
    }
    text.push_str(&doc[kept_from..]);
    for part in &appended {
        let kept = text.trim_end_matches('\n').len();
        text.truncate(kept);
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let body = part.body.trim_matches('\n');
        text.push_str(&format!("## {}\n\n{}\n{body}\n{}\n", part.heading, begin(part.key), end(part.key)));
    }
    Ok(Spliced { text, appended: appended.iter().map(|p| p.key).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(key: &'static str, body: &str) -> Part {
        Part { key, heading: "Heading", body: body.to_string() }
    }

    const DOC: &str = "# Benchmarks\n\n## Weight\n\n<!-- bench:weight begin -->\nold table\nold note\n<!-- bench:weight end -->\n\n### History\n\nkept step, by hand\n\n## Relay\n\n<!-- bench:relay begin -->\n<!-- bench:relay end -->\n\n### History\n\nanother step\n";

    #[test]
    fn replaces_only_the_lines_between_markers() {
        let out = splice(DOC, &[part("relay", "relay table\n"), part("weight", "new table")]).unwrap();
        assert!(out.appended.is_empty());
        assert_eq!(
            out.text,
            DOC.replace("old table\nold note\n", "new table\n")
                .replace("begin -->\n<!-- bench:relay end", "begin -->\nrelay table\n<!-- bench:relay end")
        );
        // Run again with the same figures: the same file.
        assert_eq!(
            splice(&out.text, &[part("relay", "relay table"), part("weight", "new table")]).unwrap().text,
            out.text
        );
    }

    #[test]
    fn a_part_without_markers_is_appended_and_nothing_is_dropped() {
        let out = splice(DOC, &[part("scan", "scan table")]).unwrap();
        assert_eq!(out.appended, vec!["scan"]);
        assert!(out.text.starts_with(DOC.trim_end()), "{}", out.text);
        assert!(out.text.ends_with(
            "another step\n\n## Heading\n\n<!-- bench:scan begin -->\nscan table\n<!-- bench:scan end -->\n"
        ));
        let from_nothing = splice("", &[part("scan", "t")]).unwrap().text;
        assert_eq!(from_nothing, "## Heading\n\n<!-- bench:scan begin -->\nt\n<!-- bench:scan end -->\n");
    }

    #[test]
    fn unpaired_or_repeated_markers_are_refused_with_their_line() {
        let unclosed = DOC.replace("<!-- bench:weight end -->\n", "");
        assert_eq!(splice(&unclosed, &[part("weight", "x")]), Err(SpliceError::Unclosed { key: "weight", line: 5 }));
        let unopened = DOC.replace("<!-- bench:weight begin -->\n", "");
        assert_eq!(splice(&unopened, &[part("weight", "x")]), Err(SpliceError::Unopened { key: "weight", line: 7 }));
        let swapped = DOC
            .replace("<!-- bench:weight begin -->", "TMP")
            .replace("<!-- bench:weight end -->", "<!-- bench:weight begin -->")
            .replace("TMP", "<!-- bench:weight end -->");
        assert_eq!(splice(&swapped, &[part("weight", "x")]), Err(SpliceError::Unclosed { key: "weight", line: 8 }));
        let twice = format!("{DOC}<!-- bench:relay end -->\n");
        assert_eq!(splice(&twice, &[part("relay", "x")]), Err(SpliceError::Repeated { key: "relay", line: 22 }));
        assert!(SpliceError::Unclosed { key: "weight", line: 5 }.to_string().contains("<!-- bench:weight end -->"));
        let nested = "<!-- bench:weight begin -->\n<!-- bench:relay begin -->\nx\n<!-- bench:relay end -->\n<!-- bench:weight end -->\n";
        assert_eq!(
            splice(nested, &[part("weight", "w"), part("relay", "r")]),
            Err(SpliceError::Nested { key: "relay", inside: "weight", line: 2 })
        );
    }

    #[test]
    fn the_committed_file_has_one_pair_of_markers_for_every_part_the_bench_writes() {
        let doc = std::fs::read_to_string(crate::run::workspace_root().join("BENCHMARKS.md")).unwrap();
        let parts: Vec<Part> =
            super::super::PARTS.iter().map(|&(key, heading)| Part { key, heading, body: String::new() }).collect();
        let out = splice(&doc, &parts).unwrap_or_else(|e| panic!("BENCHMARKS.md: {e}"));
        assert!(out.appended.is_empty(), "BENCHMARKS.md has no markers for {:?}", out.appended);
    }
}
