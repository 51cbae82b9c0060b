//! Fields → errors. Fields of one `{…}` object or `<Error>` element always go together; other fields join the
//! error of their paragraph: an error opens at a header line (`SDK.ServerError`, Terraform's `[ERROR] … Failed!!!`),
//! at a code, or at a known sentence, and takes the fields that follow until the next one; context seen before
//! (a Terraform resource type, a Packer builder) joins the next error of the same paragraph.

use super::phrases::Phrase;
use super::{Field, Key, RawError, Reading};
use crate::text::Text;

/// Most context fields kept for errors that carry no product of their own.
const MAX_CONTEXT: usize = 256;

struct Open {
    raw: RawError,
    para: u32,
    code: Option<String>,
    code_line: usize,
    /// A code, an `AuthAction`, or a sentence that is an error by itself.
    anchored: bool,
    /// A network failure sentence (counts only next to an Alibaba Cloud host).
    network: bool,
    /// A code-shaped word in prose: kept, for `diagnose` to judge, but no header opens a new error after it.
    candidate: bool,
}

/// Groups the fields found in `text` into errors, each with the fields that belong to it.
pub fn assemble(text: &Text, mut found: Vec<Field>) -> Reading {
    found.sort_by_key(|f| f.start);
    let context: Vec<Field> = found
        .iter()
        .filter(|f| matches!(f.key, Key::ProductHint | Key::ProductContext | Key::OtherCloud))
        .take(MAX_CONTEXT)
        .cloned()
        .collect();
    let mut errors: Vec<Open> = Vec::new();
    let mut pending: Vec<Field> = Vec::new();
    let mut pending_para = u32::MAX;
    let mut current: Option<usize> = None;
    let mut rest = found.into_iter().peekable();
    while let Some(first) = rest.next() {
        // A unit: one field, or every consecutive field of the same container.
        let mut unit = vec![first];
        if let Some(c) = unit[0].container {
            while rest.peek().is_some_and(|f| f.container == Some(c)) {
                unit.extend(rest.next());
            }
        }
        let para = text.para_of(unit[0].start);
        let line = text.line_of(unit[0].start);
        if current.is_some_and(|e| errors[e].para != para) {
            current = None;
        }
        if pending_para != para {
            pending.clear();
            pending_para = para;
        }
        let code = unit.iter().find(|f| f.key == Key::Code).map(|f| f.value.clone());
        let header = unit.iter().any(|f| f.key == Key::Header);
        let candidate = unit.iter().any(|f| f.key == Key::CodeCandidate);
        let anchor = code.is_some() || unit.iter().any(|f| f.key != Key::CodeCandidate && is_anchor(f));
        let opens = match current {
            None => anchor || header || candidate,
            Some(e) => {
                let open = &errors[e];
                match (&code, &open.code) {
                    _ if header && open.anchored => true,
                    // A wrapper's code (`SDK.…`) is followed by the code of the error it carries: the same error.
                    (Some(c), Some(oc)) => {
                        !c.eq_ignore_ascii_case(oc) && open.code_line != line && !is_wrapper_code(oc)
                    }
                    _ => false,
                }
            }
        };
        if opens {
            errors.push(Open {
                raw: RawError { fields: std::mem::take(&mut pending), start: usize::MAX, end: 0 },
                para,
                code: None,
                code_line: line,
                anchored: false,
                network: false,
                candidate: false,
            });
            current = Some(errors.len() - 1);
        }
        match current {
            Some(e) => {
                let open = &mut errors[e];
                if open.code.is_none() {
                    if let Some(c) = code {
                        open.code = Some(c);
                        open.code_line = line;
                    }
                }
                open.anchored |= anchor;
                open.candidate |= candidate;
                open.network |= unit.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::Network.name());
                open.para = para;
                open.raw.fields.extend(unit);
            }
            None => pending.extend(unit),
        }
    }
    let errors = errors
        .into_iter()
        .filter(|e| {
            e.anchored
                || e.candidate
                || (e.network && e.raw.fields.iter().any(|f| matches!(f.key, Key::Host | Key::HostId)))
        })
        .map(|mut e| {
            e.raw.start = e.raw.fields.iter().map(|f| f.start).min().unwrap_or(0);
            e.raw.end = e.raw.fields.iter().map(|f| f.end).max().unwrap_or(0);
            e.raw
        })
        .collect();
    Reading { errors, context }
}

/// Codes that wrap another error rather than state one (`SDK.CanNotResolveEndpoint` around a credential error).
pub fn is_wrapper_code(code: &str) -> bool {
    const WRAPPERS: &[&str] =
        &["ServerError", "ClientError", "ServerException", "ClientException", "TeaError", "UnknownError", "Unknown"];
    code.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sdk."))
        || WRAPPERS.iter().any(|w| w.eq_ignore_ascii_case(code))
}

/// How strongly an assembled error stands on its own, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    /// Only a code-shaped word in prose: an error only if the catalog documents the word.
    Candidate,
    /// Only fallback words ([`Phrase::weak`]): an error only if the text holds no stronger one.
    Weak,
    /// A code, an `AuthAction`, an EC, a header or a sentence that is an error by itself.
    Strong,
}

/// What anchors an assembled error.
pub fn anchor_of(raw: &RawError) -> Anchor {
    let strong = raw.fields.iter().any(|f| {
        f.key == Key::Code
            || (is_anchor(f) && !(f.key == Key::Phrase && Phrase::from_name(&f.value).is_some_and(Phrase::weak)))
    }) || (raw.fields.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::Network.name())
        && raw.fields.iter().any(|f| matches!(f.key, Key::Host | Key::HostId)));
    if strong {
        Anchor::Strong
    } else if raw.fields.iter().any(|f| f.key == Key::Phrase && Phrase::from_name(&f.value).is_some_and(Phrase::weak)) {
        Anchor::Weak
    } else {
        Anchor::Candidate
    }
}

fn is_anchor(f: &Field) -> bool {
    match f.key {
        Key::AuthAction | Key::Ec => true,
        // `SDK.ServerError`, `Aliyun API Error:`: these lines only ever open an error of Alibaba Cloud's.
        Key::Header => matches!(f.value.as_str(), "go-sdk" | "aliyungo"),
        Key::Phrase => Phrase::from_name(&f.value).is_some_and(Phrase::anchors),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::read::{read, Key};
    use crate::text::Text;

    #[test]
    fn one_error_per_block_and_context_joins_the_next_error() {
        let s = "2019/10/08 14:53:34 Aliyun API Error: RequestId: A Status Code: 404 Code: InvalidAccessKeyId.NotFound Message: x\n\
                 2019/10/08 14:56:06 Aliyun API Error: RequestId: B Status Code: 404 Code: InvalidAccessKeyId.NotFound Message: x\n";
        let r = read(&Text::new(s));
        assert_eq!(r.errors.len(), 2);
        assert_eq!(r.errors[0].value(Key::RequestId), Some("A"));
        assert_eq!(r.errors[1].value(Key::RequestId), Some("B"));
    }

    #[test]
    fn terraform_header_and_sdk_block_are_one_error() {
        let s = "Error: [ERROR] terraform-provider-alicloud/alicloud/service_alicloud_ecs.go:369: Resource  DescribeAvailableResource Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: InvalidParameter\nRequestId: F6\nMessage: The specified parameter \"SecurityToken.Expired\" is not valid.\n";
        let r = read(&Text::new(s));
        assert_eq!(r.errors.len(), 1);
        let e = &r.errors[0];
        assert_eq!(e.value(Key::Api), Some("DescribeAvailableResource"));
        assert_eq!(e.value(Key::ProductContext), Some("alicloud_ecs"));
        assert_eq!(e.value(Key::Code), Some("InvalidParameter"));
    }

    #[test]
    fn plain_prose_is_no_error() {
        let r = read(&Text::new("The build timed out. Error: connection refused while fetching crates.\n"));
        assert!(r.errors.is_empty());
    }
}
