//! Fields → errors. Fields of one `{…}` object or `<Error>` element always go together; other fields join the
//! error of their paragraph: an error opens at what states one (a code, an `AuthAction`, an EC, a known sentence, a
//! header only Alibaba Cloud prints, a code-shaped word the catalog documents, an Alibaba Cloud host) and takes the fields that follow
//! until the next one; what was seen before it in the paragraph (a Terraform header and resource type, an
//! exception's class name, a Packer builder) joins it. A header opens a new error only after an error that stands.
//!
//! An error reaches at most [`MAX_ERROR_LINES`] lines on either side of the line it opened on. That bound is what
//! lets the prefilter ([`super::scan`]) read only the lines around what can open an error: whatever lies further
//! from every opening cannot join one.

use super::phrases::Phrase;
use super::{Field, Key, RawError, Reading};
use crate::text::Text;

/// Most context fields kept for errors that carry no product of their own.
pub const MAX_CONTEXT: usize = 256;

/// How many lines an error reaches from the line it opened on: fields later than this start no part of it, and
/// fields seen earlier than this before it do not join it. A `{…}` object is one structure for the readers only
/// this many lines long too ([`super::fields`]). SDK error blocks, Terraform diagnostics and OSS XML bodies are a
/// few lines to a few dozen; a longer run of lines is a log going on, not one error.
pub const MAX_ERROR_LINES: usize = 48;

/// Pending fields past this count are pruned of those out of reach (bounds memory on a long quiet paragraph).
const PENDING_PRUNE_AT: usize = 1024;

struct Open {
    raw: RawError,
    para: u32,
    /// The line the error opened on: it reaches [`MAX_ERROR_LINES`] from there.
    open_line: usize,
    code: Option<String>,
    code_line: usize,
    /// A code, an `AuthAction`, or a sentence that is an error by itself.
    anchored: bool,
    /// A network failure sentence (counts only next to an Alibaba Cloud host).
    network: bool,
    /// A code-shaped word in prose: kept, for `diagnose` to judge, but no header opens a new error after it.
    candidate: bool,
    /// A failure status ([`Key::HttpFailure`]): the error stands, but as for a candidate no header opens a new one
    /// after it (an HTTP client's `Request failed with status code 403` and the body it carries are one error).
    failure: bool,
    /// The error before this one, held back while this one may prove to be its body ([`restated`]), and the
    /// container whose request id decides.
    held: Option<(Box<Open>, Option<usize>)>,
}

/// Groups the fields found in `text` into errors, each with the fields that belong to it. A code-shaped word in
/// prose ([`Key::CodeCandidate`]) opens an error only when `documented` says it is a code (the catalog knows it).
pub fn assemble(text: &Text, mut found: Vec<Field>, documented: &dyn Fn(&str) -> bool) -> Reading {
    found.sort_by_key(|f| f.start);
    let mut errors = Vec::new();
    let mut assembler = Assembler::new(text, documented);
    assembler.push(found, &mut |raw, _| errors.push(raw));
    let context = assembler.finish(&mut |raw, _| errors.push(raw));
    Reading { errors, context }
}

/// [`assemble`] a piece at a time: fields given in text order, each error handed on as soon as no later field
/// can change it, so a long text's errors need not all be held at once.
pub struct Assembler<'a> {
    text: &'a Text<'a>,
    documented: &'a dyn Fn(&str) -> bool,
    /// Product hints and other clouds' marks so far: the first [`MAX_CONTEXT`] are the reading's context.
    context: Vec<Field>,
    /// The error fields join.
    current: Option<Open>,
    /// Fields not (yet) in an error, with their lines: the next error of their paragraph takes those in its reach.
    pending: Vec<(usize, Field)>,
    pending_para: u32,
    /// The unit being gathered: one field, or every consecutive field of the same container.
    unit: Vec<Field>,
    /// The line of the last field added.
    near: usize,
}

/// Where an error is handed on: the error, and the context so far (complete once it holds [`MAX_CONTEXT`]).
pub type Emit<'e> = dyn FnMut(RawError, &[Field]) + 'e;

impl<'a> Assembler<'a> {
    /// An assembler for fields read from `text`.
    pub fn new(text: &'a Text<'a>, documented: &'a dyn Fn(&str) -> bool) -> Self {
        Assembler {
            text,
            documented,
            context: Vec::new(),
            current: None,
            pending: Vec::new(),
            pending_para: u32::MAX,
            unit: Vec::new(),
            near: 0,
        }
    }

    /// Adds fields sorted by start, all starting at or after those given before.
    pub fn push(&mut self, fields: Vec<Field>, emit: &mut Emit) {
        for f in fields {
            if self.context.len() < MAX_CONTEXT && names(&f) {
                self.context.push(f.clone());
            }
            let joins = f.container.is_some() && self.unit.first().is_some_and(|u| u.container == f.container);
            if !joins && !self.unit.is_empty() {
                self.add_unit(emit);
            }
            self.unit.push(f);
        }
    }

    /// Hands on the last error; returns the context.
    pub fn finish(mut self, emit: &mut Emit) -> Vec<Field> {
        if !self.unit.is_empty() {
            self.add_unit(emit);
        }
        if let Some(e) = self.current.take() {
            close(e, &self.context, emit);
        }
        self.context
    }

    /// Adds the gathered unit (and empties it, keeping its room for the next one).
    fn add_unit(&mut self, emit: &mut Emit) {
        let mut unit = std::mem::take(&mut self.unit);
        let (text, documented) = (self.text, self.documented);
        // Fields come in text order: each line is found from the one before.
        self.near = text.line_of_near(self.near, unit[0].start);
        let line = self.near;
        let para = text.para_of_line(line);
        if self.current.as_ref().is_some_and(|e| e.para != para || line > e.open_line + MAX_ERROR_LINES) {
            close(self.current.take().expect("checked above"), &self.context, emit);
        }
        if self.pending_para != para {
            self.pending.clear();
            self.pending_para = para;
        }
        let code = unit.iter().find(|f| f.key == Key::Code).map(|f| f.value.clone());
        let header = unit.iter().any(|f| f.key == Key::Header);
        let candidate = unit.iter().any(|f| f.key == Key::CodeCandidate && documented(&f.value));
        let anchor = code.is_some()
            || unit.iter().any(|f| !matches!(f.key, Key::CodeCandidate | Key::HttpFailure) && is_anchor(f));
        let opening = match &self.current {
            // An Alibaba Cloud host opens one too: an error that stands only with a network failure beside it.
            None => unit.iter().any(|f| opens(f, documented)),
            Some(open) => match (&code, &open.code) {
                _ if header && open.anchored => true,
                // A wrapper's code (`SDK.…`) is followed by the code of the error it carries: the same error.
                (Some(c), Some(oc)) => !c.eq_ignore_ascii_case(oc) && open.code_line != line && !is_wrapper_code(oc),
                _ => false,
            },
        };
        // A header of the open error's own code may be that error's body, if it holds none yet: decided once its
        // request id is read.
        let restating = header
            && opening
            && self.current.as_ref().is_some_and(|o| {
                code.as_ref().is_some_and(|c| o.code.as_ref() == Some(c)) && !o.raw.fields.iter().any(is_body)
            });
        if opening {
            // What came before in the paragraph joins, as far back as the error reaches.
            let stale = self.pending.partition_point(|(l, _)| l + MAX_ERROR_LINES < line);
            let mut fields: Vec<Field> = self.pending.drain(..).skip(stale).map(|(_, f)| f).collect();
            drop_superseded_requests(&mut fields);
            // A network failure before the host it names (`Post "https://sts…": EOF`, `Could not resolve host: …`).
            let network = fields.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::Network.name());
            let opened = Open {
                raw: RawError { fields, start: usize::MAX, end: 0 },
                para,
                open_line: line,
                code: None,
                code_line: line,
                anchored: false,
                network,
                candidate: false,
                failure: false,
                held: None,
            };
            match self.current.replace(opened) {
                Some(e) if restating => {
                    let container = unit.iter().find(|f| f.key == Key::Header).and_then(|f| f.container);
                    self.current.as_mut().expect("just opened").held = Some((Box::new(e), container));
                }
                Some(e) => close(e, &self.context, emit),
                None => {}
            }
        }
        match &mut self.current {
            Some(open) => {
                if open.code.is_none() {
                    if let Some(c) = code {
                        open.code = Some(c);
                        open.code_line = line;
                    }
                }
                open.anchored |= anchor;
                open.candidate |= candidate;
                open.failure |= unit.iter().any(|f| f.key == Key::HttpFailure);
                open.network |= unit.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::Network.name());
                open.para = para;
                if let Some((held, container)) = open.held.take() {
                    match restated(&held, container, &unit) {
                        Some(true) => merge_into(open, *held),
                        Some(false) => close(*held, &self.context, emit),
                        None => open.held = Some((held, container)),
                    }
                }
                open.raw.fields.append(&mut unit);
            }
            None => {
                let near = &mut self.near;
                self.pending.extend(unit.drain(..).map(|f| {
                    *near = text.line_of_near(*near, f.start);
                    (*near, f)
                }));
                // A long paragraph with no error in it: forget what no error can reach any more.
                if self.pending.len() > PENDING_PRUNE_AT {
                    let stale = self.pending.partition_point(|(l, _)| l + MAX_ERROR_LINES < line);
                    self.pending.drain(..stale);
                }
            }
        }
        self.unit = unit;
    }
}

/// Of the request names (`ecs.DescribeInstances`: a product and the API right after its dot) seen before an error,
/// only the last joins it: a log names each request it sends, and the one named last before the error (on the
/// error's own line, `failed to execute sdk request 'slb.UploadServerCertificate': SDKError: …`) is the one that
/// failed; those named earlier answered.
fn drop_superseded_requests(fields: &mut Vec<Field>) {
    let request_at = |fields: &[Field], k: usize| {
        let (p, a) = (&fields[k], fields.get(k + 1)?);
        (p.key == Key::ProductContext && a.key == Key::Api && a.start == p.end + 1).then_some(p.start)
    };
    let Some(last) = (0..fields.len()).rev().find_map(|k| request_at(fields, k)) else { return };
    let stale: Vec<usize> = (0..fields.len()).filter_map(|k| request_at(fields, k)).filter(|&at| at < last).collect();
    if stale.is_empty() {
        return;
    }
    let mut k = 0;
    while k < fields.len() {
        if request_at(fields, k).is_some_and(|at| stale.contains(&at)) {
            fields.drain(k..k + 2);
        } else {
            k += 1;
        }
    }
}

/// Rule `body-restates-header`: an error's body printed again under it is that error, not a new one. OSS's Java SDK
/// prints an `OSSException` as a block of its own (`[ErrorCode]: …`, `[RequestId]: …`, `[HostId]: …`) and then,
/// after `[ResponseError]:`, the very `<Error>` XML OSS answered, whose EC only the body holds. A header of the code
/// of an error with no body yet opens an error that holds it back; the body's request id (read in the header's `container`)
/// decides: the held error's own (`Some(true)`: one error), another (`Some(false)`: two), none yet (`None`). A body
/// with no request id to compare is never taken for the error above it.
fn restated(held: &Open, container: Option<usize>, unit: &[Field]) -> Option<bool> {
    let request = unit.iter().find(|f| f.key == Key::RequestId && f.container == container)?;
    Some(held.raw.fields.iter().any(|f| f.key == Key::RequestId && f.value.eq_ignore_ascii_case(&request.value)))
}

/// Whether a field opens an error's `<Error>` body.
fn is_body(f: &Field) -> bool {
    f.key == Key::Header && f.value == "xml-error"
}

/// Folds the held error into the error that restated it: its fields first, as they came first. What it held in
/// turn stays held, to be handed on first.
fn merge_into(open: &mut Open, mut held: Open) {
    open.held = held.held.take();
    let mut fields = held.raw.fields;
    fields.append(&mut open.raw.fields);
    open.raw.fields = fields;
    open.anchored |= held.anchored;
    open.candidate |= held.candidate;
    open.failure |= held.failure;
    open.network |= held.network;
}

/// Hands on an error no later field joins, if it stands as one.
fn close(mut e: Open, context: &[Field], emit: &mut Emit) {
    if let Some((held, _)) = e.held.take() {
        close(*held, context, emit);
    }
    let stands = e.anchored
        || e.candidate
        || e.failure
        || (e.network && e.raw.fields.iter().any(|f| matches!(f.key, Key::Host | Key::HostId)));
    if stands {
        e.raw.start = e.raw.fields.iter().map(|f| f.start).min().unwrap_or(0);
        e.raw.end = e.raw.fields.iter().map(|f| f.end).max().unwrap_or(0);
        emit(e.raw, context);
    }
}

/// Codes that wrap another error rather than state one (`SDK.CanNotResolveEndpoint` around a credential error).
/// A number is one too when a named code follows it: gateways print their numeric family first and the service's
/// code after it (Alipay's `"code":"40004"` then `"sub_code":"isv.…"`); alone, a number is the code.
pub fn is_wrapper_code(code: &str) -> bool {
    // HTTP clients name their exceptions after the status's reason phrase (`Excon::Error::BadRequest`,
    // `InternalServerError`): the server's own code inside is the error.
    const WRAPPERS: &[&str] = &[
        "ServerError",
        "ClientError",
        "ServerException",
        "ClientException",
        "TeaError",
        "UnknownError",
        "Unknown",
        "BadRequest",
        "InternalServerError",
        "ServiceUnavailable",
        "BadGateway",
        "GatewayTimeout",
    ];
    code.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sdk."))
        || WRAPPERS.iter().any(|w| w.eq_ignore_ascii_case(code))
        || (!code.is_empty() && code.bytes().all(|c| c.is_ascii_digit()))
}

/// How strongly an assembled error stands on its own, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    /// Only a code-shaped word in prose: an error only if the catalog documents the word.
    Candidate,
    /// Only fallback words ([`Phrase::weak`]) or a failure status ([`Key::HttpFailure`]): an error only if the
    /// text holds no stronger one.
    Weak,
    /// A code, an `AuthAction`, an EC, a header or a sentence that is an error by itself.
    Strong,
}

/// What anchors an assembled error.
pub fn anchor_of(raw: &RawError) -> Anchor {
    let strong = raw.fields.iter().any(|f| f.key == Key::Code || (is_anchor(f) && !weak(f)))
        || (raw.fields.iter().any(|f| f.key == Key::Phrase && f.value == Phrase::Network.name())
            && raw.fields.iter().any(|f| matches!(f.key, Key::Host | Key::HostId)));
    if strong {
        Anchor::Strong
    } else if raw.fields.iter().any(weak) {
        Anchor::Weak
    } else {
        Anchor::Candidate
    }
}

/// Whether a field anchors an error only as a fallback: fallback words ([`Phrase::weak`]), or a failure status
/// with no code.
fn weak(f: &Field) -> bool {
    match f.key {
        Key::HttpFailure => true,
        Key::Phrase => Phrase::from_name(&f.value).is_some_and(Phrase::weak),
        _ => false,
    }
}

/// Whether a field opens an error where none is open. No other field changes the [`Reading`] unless one of these
/// is within [`MAX_ERROR_LINES`] of it, or it [`names`] a product: the prefilter ([`super::scan`]) reads around
/// these alone.
pub fn opens(f: &Field, documented: &dyn Fn(&str) -> bool) -> bool {
    match f.key {
        Key::Code | Key::Host | Key::HostId => true,
        Key::CodeCandidate => documented(&f.value),
        _ => is_anchor(f),
    }
}

/// Whether a field names a product (or another cloud) for the whole text: the first [`MAX_CONTEXT`] are the
/// reading's context.
pub fn names(f: &Field) -> bool {
    matches!(f.key, Key::ProductHint | Key::ProductContext | Key::OtherCloud)
}

fn is_anchor(f: &Field) -> bool {
    match f.key {
        Key::AuthAction | Key::Ec | Key::HttpFailure => true,
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
    fn the_request_named_last_before_an_error_is_its_request() {
        let s = "[DEBUG] sdk request 'ecs.DescribeInstances'\nfailed to execute sdk request 'slb.UploadServerCertificate': SDKError: Code: Forbidden.RAM Message: x\n";
        let r = read(&Text::new(s));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(
            r.errors[0].all(Key::Api).map(|f| f.value.as_str()).collect::<Vec<_>>(),
            ["UploadServerCertificate"]
        );
        assert_eq!(r.errors[0].value(Key::ProductContext), Some("slb"));
        // With none on the error's line, the earlier one is the error's request.
        let s = "[DEBUG] sdk request 'ecs.DescribeInstances'\nSDKError: Code: Forbidden.RAM Message: x\n";
        assert_eq!(read(&Text::new(s)).errors[0].value(Key::Api), Some("DescribeInstances"));
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
    fn an_error_reaches_max_error_lines_and_no_further() {
        use super::MAX_ERROR_LINES;
        let read_with_gap = |gap: usize| {
            let s = format!("ErrorCode: Forbidden.RAM\n{}RequestId: R1\n", "quiet line\n".repeat(gap - 1));
            read(&Text::new(&s)).errors[0].value(Key::RequestId).map(str::to_string)
        };
        // The field `MAX_ERROR_LINES` lines after the code joins its error; one line further it does not.
        assert_eq!(read_with_gap(MAX_ERROR_LINES).as_deref(), Some("R1"));
        assert_eq!(read_with_gap(MAX_ERROR_LINES + 1), None);
        // And before it: context that far back joins, one line further back it does not.
        let before = |gap: usize| {
            let s = format!("RequestId: R0\n{}ErrorCode: Forbidden.RAM\n", "quiet line\n".repeat(gap - 1));
            read(&Text::new(&s)).errors[0].value(Key::RequestId).map(str::to_string)
        };
        assert_eq!(before(MAX_ERROR_LINES).as_deref(), Some("R0"));
        assert_eq!(before(MAX_ERROR_LINES + 1), None);
    }

    #[test]
    fn a_failure_status_alone_is_a_weak_error_and_one_with_the_body_it_carries() {
        use super::{anchor_of, Anchor};
        let r = read(&Text::new("Error: Request failed with status code 403\n"));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(anchor_of(&r.errors[0]), Anchor::Weak);
        let s = "{\n  \"method\": \"PUT\",\n  \"message\": \"Request failed with status code 403\",\n  \"body\": \"<?xml version=\\\"1.0\\\"?>\\n<Error>\\n  <Code>AccessDenied</Code>\\n</Error>\"\n}\n";
        let r = read(&Text::new(s));
        assert_eq!(r.errors.len(), 1, "{s}");
        assert_eq!(anchor_of(&r.errors[0]), Anchor::Strong);
        assert_eq!(r.errors[0].value(Key::Method), Some("PUT"));
    }

    #[test]
    fn a_body_that_restates_the_header_above_it_is_its_error() {
        let java = |body_request: &str, body_code: &str| {
            format!(
                "com.aliyun.oss.OSSException: Request failed.\n[ErrorCode]: AccessDenied\n[RequestId]: R1\n[HostId]: b.oss-cn-hangzhou.aliyuncs.com\n[ResponseError]:\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{body_code}</Code>\n  <Message>Request failed.</Message>\n  <RequestId>{body_request}</RequestId>\n  <EC>0003-00000501</EC>\n</Error>\n"
            )
        };
        let r = read(&Text::new(&java("R1", "AccessDenied")));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].value(Key::Ec), Some("0003-00000501"));
        // Another request's error, or another code, is another error.
        assert_eq!(read(&Text::new(&java("R2", "AccessDenied"))).errors.len(), 2);
        assert_eq!(read(&Text::new(&java("R1", "NoSuchKey"))).errors.len(), 2);
        // Two whole prints of one code, one after the other: the second body is not the first error's (it has one).
        let two_prints = format!("{}{}", java("R1", "AccessDenied"), java("R1", "AccessDenied").replace("R1", "R2"));
        let r = read(&Text::new(&two_prints));
        assert_eq!(r.errors.len(), 2, "{two_prints}");
        // Two XML bodies of one code, one after the other, are two requests' errors.
        let two = "<Error><Code>AccessDenied</Code><RequestId>R1</RequestId></Error>\n<Error><Code>AccessDenied</Code><RequestId>R2</RequestId></Error>\n";
        assert_eq!(read(&Text::new(two)).errors.len(), 2);
    }

    #[test]
    fn plain_prose_is_no_error() {
        let r = read(&Text::new("The build timed out. Error: connection refused while fetching crates.\n"));
        assert!(r.errors.is_empty());
    }
}
