//! The action a finding names when the error states none: from the API the text names, the REST request it
//! shows, or the code it prints, always resolved against the catalog. A fact for every kind of error (the grant
//! plan decides whether the kind wants a grant); marked inferred wherever the text does not name the API itself.

use std::collections::BTreeSet;

use crate::catalog::{AccessLevel, Api, ApiLookup};
use crate::finding::Kind;
use crate::read::api::has_two_words;
use crate::read::fields::is_api_name;
use crate::read::{Field, Key, RawError};
use crate::Catalog;

/// What the rules see.
pub struct Inputs<'a> {
    /// The error.
    pub raw: &'a RawError,
    /// Its kind.
    pub kind: Kind,
    /// The RAM code of its product, when known.
    pub product: Option<&'a str>,
    /// Its code, when known.
    pub code: Option<&'a str>,
    /// The words around the error (the paste, or its paragraphs near the error when long), where the API a tool
    /// called may stand on a line of its own (`aliyun ess CreateScalingGroup …` above the error it printed).
    pub around: &'a str,
    /// The lines the error itself spans: what says which phase of a tool's run failed.
    pub lines: &'a str,
    /// The tool steps whose words stand on the error's lines or the few around them.
    pub steps: &'a [&'static super::tool_steps::ToolStep],
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The words of the text that may name an API, found once for all its errors.
    pub api_words: &'a ApiWords<'a>,
}

/// An action decided, and on what grounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The RAM action (`alidns:UpdateDomainRecord`).
    pub action: String,
    /// The API it stands for, when one is named or found.
    pub api: Option<String>,
    /// True when the text does not name the API itself (a path, a code, a word where an API name would stand).
    pub inferred: bool,
    /// The API's access level, when the catalog knows it.
    pub access: Option<AccessLevel>,
    /// The span that led to it.
    pub span: Option<(usize, usize)>,
    /// The rule that decided.
    pub rule: &'static str,
}

/// One rule: its name and how it decides (`None`: it does not apply). Shards it needs and lacks go in `wanted`.
type Rule = (&'static str, fn(&Inputs, &mut BTreeSet<String>) -> Option<Decided>);

/// The rule of code families, the one whose action also names the product (`isv.SMS_…` is SMS's).
pub const CODE_FAMILY: &str = "code-family";

/// The rule of a tool's own step ([`super::tool_steps`]), whose reason the finding says in words.
pub const TOOL_STEP: &str = "tool-step";

/// The rules, strongest first; the first that decides wins.
const RULES: &[Rule] = &[
    ("federated-assume-role", federated_assume_role),
    ("assume-role-kind", assume_role_kind),
    ("named-api", named_api),
    ("api-candidate", api_candidate),
    ("rest-request", rest_request),
    ("roa-unlisted-request", super::roa::unlisted_request_rule),
    ("roa-cli-command", super::roa::cli_command),
    ("roa-string-to-sign", super::roa::string_to_sign),
    ("roa-request-url", super::roa::request_url),
    ("roa-request-line", super::roa::request_line),
    ("oss-string-to-sign", oss_string_to_sign),
    ("oss-request-line", oss_request_line),
    ("rpc-string-to-sign", rpc_string_to_sign),
    ("oss-refusal", oss_refusal),
    ("oss-bucket-host", oss_bucket_host),
    ("oss-url-signed-for-write", oss_url_signed_for_write),
    ("oss-sdk-method", super::sdk_methods::oss_sdk_method),
    ("api-written-otherwise", super::sdk_methods::api_written_otherwise),
    ("api-near-error", api_near_error),
    ("terraform-create", terraform_create),
    (TOOL_STEP, tool_step),
    (CODE_FAMILY, code_family),
    ("code-listed-once", code_listed_once),
];

/// The action of an error that states none.
pub fn decide(inputs: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let d = RULES.iter().find_map(|(name, rule)| rule(inputs, wanted).map(|d| Decided { rule: name, ..d }))?;
    Some(oss_copy(inputs, d))
}

/// OSS's copies, each with the request it is told from ([`OSS_COPY_SOURCE`] among its headers): CopyObject is a
/// `PUT /{key}`, UploadPartCopy a `PUT /{key}?partNumber=…&uploadId=…` (the OSS API reference), the same requests as
/// PutObject and UploadPart.
const OSS_COPIES: &[(&str, &str)] = &[("CopyObject", "PutObject"), ("UploadPartCopy", "UploadPart")];

/// The header that makes a PUT a copy, naming its source (the OSS API reference: CopyObject, UploadPartCopy).
const OSS_COPY_SOURCE: &str = "x-oss-copy-source";

/// The RAM actions of an OSS copy, the source's read first: OSS's permission table for CopyObject and UploadPartCopy
/// names `oss:GetObject` (the source) and `oss:PutObject` (the destination), and no action named after the API.
pub const OSS_COPY_ACTIONS: [&str; 2] = ["oss:GetObject", "oss:PutObject"];

/// A copy decided ([`OSS_COPIES`], by its name or by a PUT whose headers around the error name its source) needs
/// both [`OSS_COPY_ACTIONS`]: the first is the decision's action, [`also_needs`] the rest.
fn oss_copy(i: &Inputs, mut d: Decided) -> Decided {
    let Some(api) = d.api.as_deref().filter(|_| d.action.starts_with("oss:")) else { return d };
    let named = OSS_COPIES.iter().find(|(copy, _)| *copy == api);
    let by_header =
        || OSS_COPIES.iter().find(|(_, plain)| *plain == api).filter(|_| names_copy_source(super::roa::near(i)));
    if let Some((copy, _)) = named.or_else(by_header) {
        d.api = Some(copy.to_string());
        d.action = OSS_COPY_ACTIONS[0].to_string();
        d.inferred = true;
    }
    d
}

/// The methods a request line starts with (`PUT /key HTTP/1.1`), which begin the request an error answers.
pub(super) const REQUEST_METHODS: &[&str] = &["GET ", "PUT ", "POST ", "DELETE ", "HEAD ", "PATCH ", "OPTIONS "];

/// A line of a request as sent, without its indent or curl's `> ` (`curl -v` marks what it sent so).
fn sent(line: &str) -> &str {
    let line = line.trim_start();
    line.strip_prefix('>').map_or(line, str::trim_start)
}

/// Whether the request the error answers (the text from the last request line before it, else all of `near`)
/// carries [`OSS_COPY_SOURCE`] as a header: a line starting with `x-oss-copy-source:` (after optional whitespace,
/// as a debug log prints headers), or a quoted key `"x-oss-copy-source"` (a logged header map). The words in an
/// earlier log line or inside another header's value are no header.
fn names_copy_source(near: &str) -> bool {
    let request_start = near
        .match_indices('\n')
        .map(|(at, _)| at + 1)
        .rfind(|&at| REQUEST_METHODS.iter().any(|m| sent(&near[at..]).starts_with(m)))
        .unwrap_or(0);
    let starts_ci = |t: &str, p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    near[request_start..].lines().any(|line| {
        let line = sent(line);
        let header = starts_ci(line, OSS_COPY_SOURCE) && line[OSS_COPY_SOURCE.len()..].trim_start().starts_with(':');
        let quoted = line.match_indices('"').any(|(at, _)| {
            starts_ci(&line[at + 1..], OSS_COPY_SOURCE) && line[at + 1 + OSS_COPY_SOURCE.len()..].starts_with('"')
        });
        header || quoted
    })
}

/// The actions a decision needs beyond its own: an OSS copy's write of its destination.
pub fn also_needs(d: &Decided) -> &'static [&'static str] {
    let copy = d.api.as_deref().is_some_and(|a| OSS_COPIES.iter().any(|(c, _)| *c == a));
    if copy && d.action == OSS_COPY_ACTIONS[0] {
        &OSS_COPY_ACTIONS[1..]
    } else {
        &[]
    }
}

pub(super) fn decided(api: &Api, inferred: bool, span: Option<(usize, usize)>) -> Decided {
    Decided {
        action: api.action.clone(),
        api: Some(api.name.clone()),
        inferred,
        access: Some(api.access),
        span,
        rule: "",
    }
}

/// STS's federated sign-in and the word its codes and messages use for it: `AuthenticationFail.OIDCToken.Expired`,
/// "No such OIDC Provider registered", `InvalidParameter.SAMLAssertion` (the STS error codes:
/// https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-errorcodes).
const FEDERATION: &[(&str, &str)] = &[("oidc", "AssumeRoleWithOIDC"), ("saml", "AssumeRoleWithSAML")];

/// An STS error (or an assume-role one) whose code or message names OIDC or SAML is about that federated API.
/// RAM's own provider management (`EntityNotExist.OIDCProvider` from `ram:GetOIDCProvider`) is RAM's, not STS's.
fn federated_assume_role(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("sts") && i.kind != Kind::AssumeRole {
        return None;
    }
    let said = |word: &str| {
        i.code.is_some_and(|c| c.to_ascii_lowercase().contains(word))
            || i.raw.all(Key::Message).any(|m| m.value.to_ascii_lowercase().contains(word))
    };
    let (_, api) = FEDERATION.iter().find(|(word, _)| said(word))?;
    Some(inferred(i.catalog, "sts", api, None))
}

/// An assume-role error is about `sts:AssumeRole`.
fn assume_role_kind(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    (i.kind == Kind::AssumeRole).then(|| Decided {
        action: "sts:AssumeRole".to_string(),
        api: None,
        inferred: false,
        access: None,
        span: None,
        rule: "",
    })
}

/// An API the text names as the one called (a Terraform header, `Action=`, an SDK request class, `operation error
/// X:`): the catalog's action for it in the error's product, else in the one product that has an API of that name;
/// the product's code and the name when the catalog knows neither (inferred; a name of two words or more).
fn named_api(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    // An SDK's own method (`bucket.PutObjectFromFile`, `client.DescribeInstancesWithChan`) is no API's name as
    // written: the rules of [`super::sdk_methods`] read it.
    let named = || i.raw.all(Key::Api).filter(|f| !super::sdk_methods::is_sdk_spelling(i.product, &f.value));
    let first = named().next()?;
    for f in named() {
        let found = match i.product.map(|p| i.catalog.api(p, &f.value)) {
            Some(ApiLookup::Found(_, api)) => Some(api),
            Some(ApiLookup::ShardMissing(shard)) => {
                wanted.insert(shard);
                break;
            }
            _ => api_of_one_product(i.catalog, &f.value),
        };
        if let Some(api) = found {
            return Some(decided(api, false, Some((f.start, f.end))));
        }
    }
    // A one-word name (`aliyuncli oss List`) is a command, not an API the catalog lacks.
    let product = i.product.filter(|_| has_two_words(&first.value))?;
    Some(Decided {
        action: format!("{product}:{}", first.value),
        api: Some(first.value.clone()),
        inferred: true,
        access: None,
        span: Some((first.start, first.end)),
        rule: "",
    })
}

/// A word standing where an API name would (`UpdateDomainRecord error.status 400`, a stack frame's method): only
/// an API the catalog knows for the error's product; or, when no product is known or the error is a credential
/// error (whose product is only the gateway that checked the key), a name of two words or more that one product
/// alone has.
fn api_candidate(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    if let Some(product) = i.product {
        for f in i.raw.all(Key::ApiCandidate).filter(|f| !super::sdk_methods::is_sdk_spelling(i.product, &f.value)) {
            match i.catalog.api(product, &f.value) {
                ApiLookup::Found(_, api) => return Some(decided(api, true, Some((f.start, f.end)))),
                ApiLookup::ShardMissing(shard) => {
                    wanted.insert(shard);
                    return None;
                }
                ApiLookup::Unknown => {}
            }
        }
    }
    if i.product.is_some() && !i.kind.is_credential_error() {
        return None;
    }
    i.raw
        .all(Key::ApiCandidate)
        .filter(|f| has_two_words(&f.value))
        .find_map(|f| api_of_one_product(i.catalog, &f.value).map(|api| decided(api, true, Some((f.start, f.end)))))
}

/// The provider's words for the phase of creating a resource (`alicloud_db_instance.default: Error creating: …`):
/// on the error's lines they decide creation, whatever else the lines say (a refusal's own "…, or you are not
/// allowed to modify this resource.").
const CREATING: &str = "error creating";

/// Words that put a Terraform error in another phase than creating the resource, each the start of a word: the
/// provider's (`Error reading …`, `Error updating …`, `Error modifying …`, `Error deleting …`) and Terraform's own
/// (`destroy`, `Refreshing state…`, `importing`). Not `modify` itself: refusals say "not allowed to modify".
const NOT_CREATING: &[&str] = &["reading", "deleting", "destroy", "updating", "modifying", "refresh", "importing"];

/// The provider's words after a step it failed at (`Modify instance attribute got error: …`, `Create vpc got an
/// error: …`).
const STEP_FAILED: &[&str] = &[" got error", " got an error", " got a error"];

/// Whether a Terraform error's lines put it in the phase of creating the resource whose create API is `create`:
/// the provider's own step (`<Step> got (an) error`) when its lines show one, creating when its verb is `Create` or
/// the create API's; else [`CREATING`] decides creation; else any of [`NOT_CREATING`] another phase.
fn creating(lines: &str, create: &str) -> bool {
    let lower = lines.to_ascii_lowercase();
    // The create API's first word: `Allocate` of `AllocateEipAddress`.
    let verb_end =
        create.char_indices().skip(1).find(|(_, c)| !c.is_ascii_lowercase()).map_or(create.len(), |(at, _)| at);
    let create_verb = &create[..verb_end];
    let step = STEP_FAILED.iter().filter_map(|g| lower.find(g)).min().map(|at| {
        let clause = lower[..at].rsplit([':', '\n', '*']).next().unwrap_or("").trim_start();
        clause.split_whitespace().next().unwrap_or("")
    });
    if let Some(verb) = step.filter(|v| !v.is_empty()) {
        return verb == "create" || verb.eq_ignore_ascii_case(create_verb);
    }
    if lower.contains(CREATING) {
        return true;
    }
    let word_start = |at: usize| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
    !NOT_CREATING.iter().any(|w| lower.match_indices(w).any(|(at, _)| word_start(at)))
}

/// Words a resource type follows where it names a table, not a Terraform resource: Steampipe's Alibaba Cloud
/// plugin names its tables after the provider's types (`select * from alicloud_vpc`), and a query lists what exists
/// with the product's describe calls, never the create call.
const QUERIED_AFTER: &[&str] = &["from", "join"];

/// Whether the resource type at `start` stands where a SQL query names a table ([`QUERIED_AFTER`]).
fn queried(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    QUERIED_AFTER.iter().any(|w| {
        before.len() >= w.len()
            && before.as_bytes()[before.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            && !before.as_bytes().get(before.len().wrapping_sub(w.len() + 1)).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// A Terraform error that names its resource type and no API (`* alicloud_db_instance.default: Error creating …`):
/// the API the provider's create function makes the resource with (from `terraform-resource-apis.tsv`), unless the
/// error's own lines put it in another phase (`Error reading …`; an apply's progress lines around it, `Reading…`
/// of other resources, do not), or the type names a queried table ([`queried`]). The API must be the error's
/// product's, when it has one.
fn terraform_create(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let text = i.api_words.text();
    let (f, (ram_code, name)) = i
        .raw
        .all(Key::ProductContext)
        .filter(|f| !queried(text, f.start))
        .find_map(|f| i.catalog.terraform_create_api(&f.value).map(|found| (f, found)))?;
    if i.product.is_some_and(|p| !p.eq_ignore_ascii_case(ram_code)) {
        return None;
    }
    if !creating(i.lines, name) {
        return None;
    }
    let span = Some((f.start, f.end));
    match i.catalog.api(ram_code, name) {
        ApiLookup::Found(_, api) => Some(decided(api, true, span)),
        ApiLookup::ShardMissing(shard) => {
            wanted.insert(shard);
            None
        }
        ApiLookup::Unknown => Some(inferred(i.catalog, ram_code, name, span)),
    }
}

/// A tool's own words for the step it failed at (`cannot create RDS instance: SDK.ServerError …`, `failed on
/// describe private zones: …`): the API that step calls ([`super::tool_steps`]), when the row's product is the
/// error's, or the error has none and the words name it. Below every API the text names (the rules above), so a
/// request name, `Action=` or SDK class printed in the error wins over the step.
fn tool_step(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let step = super::tool_steps::choose(i.steps, i.product)?;
    let name = step.api(i.kind);
    match i.catalog.api(step.ram_code, name) {
        ApiLookup::Found(_, api) => Some(decided(api, true, None)),
        ApiLookup::ShardMissing(shard) => {
            wanted.insert(shard);
            None
        }
        ApiLookup::Unknown => Some(inferred(i.catalog, step.ram_code, name, None)),
    }
}

/// A REST request (`POST /services`): the product's API with that method and path shape. An OSS request's
/// (`PUT https://bucket.oss-cn-hangzhou.aliyuncs.com/key?acl`, an SDK's log line) goes by [`oss_api`], with the bucket
/// told by its host.
fn rest_request(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let product = i.product?;
    let (method, path) = request_of(i.raw)?;
    let api = if product == "oss" {
        let bucket = i.raw.all(Key::Host).chain(i.raw.all(Key::HostId)).find_map(|h| oss_host_has_bucket(&h.value));
        oss_api(i.catalog, &method.value, &path.value, bucket, wanted)?
    } else {
        api_for_request(i.catalog, product, &method.value, &path.value, wanted)?
    };
    Some(decided(api, true, Some((method.start, path.end))))
}

/// The REST request an error answers, of those its fields hold (a session that ran several commands, `aliyun cs GET
/// /clusters` and then `aliyun cs GET /k8s/c1/user_config`, prints each above what it got): the last one standing
/// before the error's code or message, else the first; with the method printed last before its path.
pub(super) fn request_of(raw: &RawError) -> Option<(&Field, &Field)> {
    let said = raw.all(Key::Code).chain(raw.all(Key::Message)).map(|f| f.start).min().unwrap_or(usize::MAX);
    let path = raw.all(Key::RequestPath).filter(|p| p.end <= said).last().or_else(|| raw.get(Key::RequestPath))?;
    let method = raw.all(Key::Method).filter(|m| m.end <= path.start).last().or_else(|| raw.get(Key::Method))?;
    Some((method, path))
}

/// Whether an OSS host is a bucket's (`bucket.oss-cn-hangzhou.aliyuncs.com`: true) or the region's service host
/// (`oss-cn-hangzhou.aliyuncs.com`: false); `None` for another host.
fn oss_host_has_bucket(host: &str) -> Option<bool> {
    let h = host.to_ascii_lowercase();
    // A bucket's own name may start with `oss-` too (`oss-logs.oss-cn-hangzhou.…`): the label after it decides.
    if h.split_once('.').is_some_and(|(_, rest)| rest.starts_with("oss-")) {
        return Some(true);
    }
    h.starts_with("oss-").then_some(false)
}

/// Rule `oss-string-to-sign`: the call an OSS signature error echoes. V1 (`<StringToSign>`: `PUT\n\napplication/json\n
/// <date>\n/bucket/key?acl`): its first line's method and last line's canonical resource. V4 (`<StringToSign>` starts
/// `OSS4-HMAC-SHA256` and holds only a hash; the `<CanonicalRequest>` beside it: method, `/bucket/key`, the canonical
/// query `acl=`, headers): its first three lines. Both as the OSS signature documentation builds them.
fn oss_string_to_sign(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    // The XML reader stops at the fields it knows: the element may stand after the error's last one.
    if let Some((method, resource)) = oss_canonical_request(i.lines).or_else(|| oss_canonical_request(i.around)) {
        let api = oss_resource_api(i.catalog, &method, &resource, wanted)?;
        return Some(decided(api, true, None));
    }
    let f = i.raw.get(Key::ClientStringToSign).or_else(|| i.raw.get(Key::ServerStringToSign))?;
    let value = crate::text::unescape(&f.value);
    let (method, resource) = v1_method_and_resource(&value)?;
    let api = oss_resource_api(i.catalog, method, resource, wanted)?;
    Some(decided(api, true, Some((f.start, f.end))))
}

/// The method and canonical resource of an OSS V1 string-to-sign: its first line and its last, as OSS builds it
/// (`VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedOSSHeaders CanonicalizedResource`). A paste that lost the
/// line breaks (`GET 1606281461607 /bucket/key?security-token=…`: the lines joined by spaces) keeps the method as its
/// first word and the resource as its last word starting with `/` (no header, date or content type does).
fn v1_method_and_resource(value: &str) -> Option<(&str, &str)> {
    let mut lines = value.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    match lines.next_back() {
        Some(last) => Some((first, last)),
        None => {
            let method = first.split_whitespace().next()?;
            let resource = first.split_whitespace().skip(1).filter(|w| w.starts_with('/')).last()?;
            Some((method, resource))
        }
    }
}

/// The query parameters that make an OSS URL presigned: V1's `Signature` (beside `OSSAccessKeyId` and `Expires`),
/// V4's `x-oss-signature` and the S3-compatible V4's `X-Amz-Signature` (OSS's signature documentation; its error
/// pages 0002-00000418 and 0002-00000423 show such URLs). A presigned URL given no method is a GET: opened in a
/// browser or fetched, as the object's read.
const OSS_PRESIGNED: &[&str] = &["signature", "x-oss-signature", "x-amz-signature"];

/// Where a write's spelling ([`WRITES`]) counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Said {
    /// In the arguments of an OSS SDK's signed-URL call: the method it signs for.
    InCall,
    /// In the words near a presigned URL printed without its method.
    InWords,
}

/// Spellings that say a write, with where each counts. In a signed-URL call (each SDK's signed-URL method takes the
/// HTTP method it signs for; GET is their default): Python's and PHP's `'PUT'`/`"PUT"`, ali-oss's `{ method: 'PUT' }`,
/// Go's `oss.HTTPPut`, Java's `HttpMethod.PUT`, .NET's `SignHttpMethod.Put`, matched as written (a bare "put" of prose
/// is none). Near a presigned URL: `PUT 的时候返回 403`, "Uploading via presigned URL", 上传/直传 — words that only
/// stand near a URL given no method leave its method unknown (no action), never make it an upload.
const WRITES: &[(&str, Said)] = &[
    ("'PUT'", Said::InCall),
    ("\"PUT\"", Said::InCall),
    ("'POST'", Said::InCall),
    ("\"POST\"", Said::InCall),
    ("HTTPPut", Said::InCall),
    ("HTTPPost", Said::InCall),
    ("HttpMethod.PUT", Said::InCall),
    ("HttpMethod.POST", Said::InCall),
    ("HttpMethod.Put", Said::InCall),
    ("HttpMethod.Post", Said::InCall),
    ("PUT", Said::InWords),
    ("POST", Said::InWords),
    ("upload", Said::InWords),
    ("uploading", Said::InWords),
    ("上传", Said::InWords),
    ("直传", Said::InWords),
];

/// Whether `near` holds a [`WRITES`] word ([`Said::InWords`]) outside its URLs (a key `uploads/a.jpg` says nothing of
/// the method): ASCII ones whole, in any case but the methods' upper case.
fn tells_write(near: &str) -> bool {
    let word = |t: &str, w: &str| {
        let method = w.bytes().all(|c| c.is_ascii_uppercase());
        t.split(|c: char| !c.is_ascii_alphanumeric()).any(|x| if method { x == w } else { x.eq_ignore_ascii_case(w) })
    };
    let words = || WRITES.iter().filter(|(_, said)| *said == Said::InWords).map(|(w, _)| *w);
    near.split_whitespace()
        .filter(|t| !t.contains("://"))
        .any(|t| words().any(|w| if w.is_ascii() { word(t, w) } else { t.contains(w) }))
}

/// How far after a signed-URL call's `(` its arguments are read (bytes; to the first `)` before that).
const SIGNED_ARGS: usize = 240;

/// Rule `oss-url-signed-for-write`: an OSS SDK's signed-URL call near the error ([`super::sdk_methods::OSS_METHODS`]'s
/// row of `SignURL`, `sign_url`, `signatureUrl`, `generatePresignedUrl`, and Java's `GeneratePresignedUrlRequest`
/// that opens with it), its name right before its `(`, given a write method in its arguments ([`WRITES`],
/// [`Said::InCall`]): the URL was signed for the upload, so using it is a PutObject, not the GET a signed URL is by
/// default. The name mentioned in prose (`bucket.sign_url and put it …`) is no call.
fn oss_url_signed_for_write(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    let row = super::sdk_methods::OSS_METHODS.iter().find(|r| r.methods.contains(&"SignURL"))?;
    let near = super::roa::near(i);
    let b = near.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // Every call has its `(`: one fast scan for them, the word before each asked.
    for open in memchr::memchr_iter(b'(', b) {
        let start = b[..open].iter().rposition(|&c| !is_word(c)).map_or(0, |p| p + 1);
        let token = &near[start..open];
        if token.is_empty() || !row.methods.iter().any(|m| opens_with_method(token, m)) {
            continue;
        }
        let args = crate::text::slice(near, open + 1, open + 1 + SIGNED_ARGS);
        let args = args.split(')').next().unwrap_or("");
        if WRITES.iter().any(|(w, said)| *said == Said::InCall && args.contains(w)) {
            return Some(inferred(i.catalog, "oss", "PutObject", None));
        }
    }
    None
}

/// Whether `token` opens with `method` in any ASCII case, Python's underscores skipped (`sign_url` opens with
/// `SignURL`, `GeneratePresignedUrlRequest` with `GeneratePresignedUrl`).
fn opens_with_method(token: &str, method: &str) -> bool {
    let mut letters = token.bytes().filter(|&c| c != b'_');
    method.bytes().all(|m| letters.next().is_some_and(|c| c.eq_ignore_ascii_case(&m)))
}

/// Rule `oss-request-line`: the OSS request an error answers, as printed without the fields of the error's own
/// reader: an HTTP request line and its `Host:` header (`PUT /?logging HTTP/1.1`, `Host: bucket.oss-cn-beijing.
/// aliyuncs.com`, the OSS API reference's request examples, an SDK's debug dump) before the error, or the only one
/// the text shows ([`super::roa::sole_http_request`]), or a URL on a bucket's host with
/// the method printed before it (`PUT https://bucket.oss-…/key`), or with none when the URL is presigned
/// ([`OSS_PRESIGNED`]). The host must be OSS's: a bucket's or the region's service host.
fn oss_request_line(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    let near = super::roa::near(i);
    let request = super::roa::http_request(near).or_else(|| super::roa::sole_http_request(i.around));
    if let Some((method, path, host)) = request {
        if let Some(bucket) = oss_host_has_bucket(host) {
            return Some(decided(oss_api(i.catalog, method, path, Some(bucket), wanted)?, true, None));
        }
    }
    for h in i.raw.all(Key::Host).chain(i.raw.all(Key::HostId)) {
        if oss_host_has_bucket(&h.value) != Some(true) {
            continue;
        }
        let Some((before, path)) = super::roa::url_path_after(near, &h.value) else { continue };
        let query = path.split_once('?').map_or("", |(_, q)| q);
        let presigned = query.split('&').any(|kv| {
            let key = kv.split_once('=').map_or(kv, |(k, _)| k);
            OSS_PRESIGNED.iter().any(|p| key.eq_ignore_ascii_case(p))
        });
        // A presigned URL with no method before it is the GET a link is opened with, unless words near it speak
        // of a write (上传, "upload"): then its method is unknown, no action.
        let method =
            super::roa::method_before(before).or_else(|| (presigned && !tells_write(near)).then(|| "GET".to_string()));
        let Some(method) = method else { continue };
        let api = oss_api(i.catalog, &method, path, Some(true), wanted)?;
        return Some(decided(api, true, Some((h.start, h.end))));
    }
    None
}

/// The method and canonical resource (`/bucket/key?acl`) of an OSS V4 `<CanonicalRequest>` in `text`: its first line the method, its second the URI (percent-encoded), its third the sorted
/// query (`acl=`, `partNumber=1&uploadId=…`; empty when none).
fn oss_canonical_request(text: &str) -> Option<(String, String)> {
    const OPEN: &str = "<CanonicalRequest>";
    let start = text.find(OPEN)? + OPEN.len();
    let end = start + text[start..].find("</CanonicalRequest>")?;
    let value = crate::text::unescape(&text[start..end]);
    let mut parts = value.lines().map(str::trim);
    let method = parts.next().filter(|m| !m.is_empty() && m.bytes().all(|c| c.is_ascii_uppercase()))?;
    let uri = parts.next().filter(|u| u.starts_with('/'))?;
    let query = parts.next().unwrap_or("");
    // `acl=` and `acl` are the same sub-resource; a header line (`host:…`) is no query.
    let query = if query.contains(':') { "" } else { query };
    let resource = if query.is_empty() { uri.to_string() } else { format!("{uri}?{query}") };
    Some((method.to_string(), resource))
}

/// The OSS API of a canonical resource: `/` is the service's (ListBuckets), `/bucket/…` the bucket's; the path on the
/// bucket's own host (`/key?sub`) goes to [`oss_api`].
fn oss_resource_api<'c>(
    catalog: &'c Catalog,
    method: &str,
    resource: &str,
    wanted: &mut BTreeSet<String>,
) -> Option<&'c Api> {
    let rest = resource.strip_prefix('/')?;
    let bucket = !rest.is_empty() && !rest.starts_with('?');
    // `/bucket/key?sub` → `/key?sub`.
    let after = if bucket { &rest[rest.find(['/', '?']).unwrap_or(rest.len())..] } else { rest };
    let path = if after.starts_with('/') { after.to_string() } else { format!("/{after}") };
    oss_api(catalog, method, &path, Some(bucket), wanted)
}

/// OSS query parameters that are not sub-resources, so never name another API (the OSS API reference's request
/// parameters: multipart part numbers, versions, append positions, response header overrides, list paging, a
/// presigned URL's signature; `x-oss-` ones are read as such by [`api_for_request`]).
const OSS_PARAMETERS: &[&str] = &[
    "partnumber",
    "versionid",
    "position",
    "response-",
    "security-token",
    "ossaccesskeyid",
    "expires",
    "signature",
    "x-amz-",
    "prefix",
    "delimiter",
    "marker",
    "max-keys",
    "encoding-type",
    "continuation-token",
    "start-after",
    "fetch-owner",
    "key-marker",
    "upload-id-marker",
    "max-uploads",
    "max-parts",
    "part-number-marker",
    "version-id-marker",
];

/// The multipart calls an `uploadId` in the query tells apart, by method, where the API metadata's paths do not
/// (`PUT /{key}` is PutObject's too): OSS API reference, multipart upload.
const OSS_UPLOAD_ID_APIS: &[(&str, &str)] = &[
    ("PUT", "UploadPart"),
    ("POST", "CompleteMultipartUpload"),
    ("DELETE", "AbortMultipartUpload"),
    ("GET", "ListParts"),
];

/// Requests OSS's API reference documents that the API metadata gives no method and path of their own: the method,
/// whether an object is addressed (else the bucket's root), the one sub-resource or parameter (`key` or
/// `key=value`, decoded; empty: none) and the API. `POST /?delete` is DeleteMultipleObjects (`oss:DeleteObject`), a
/// bare `POST /` a browser form's PostObject (`oss:PutObject`); `POST /{key}?x-oss-process=csv/select` is
/// SelectObject and `…/meta` CreateSelectObjectMeta (both `oss:GetObject`), which the metadata gives as `POST /{key}`.
const OSS_UNLISTED_REQUESTS: &[(&str, bool, &str, &str)] = &[
    ("POST", false, "delete", "DeleteMultipleObjects"),
    ("POST", false, "", "PostObject"),
    ("POST", true, "x-oss-process=csv/select", "SelectObject"),
    ("POST", true, "x-oss-process=json/select", "SelectObject"),
    ("POST", true, "x-oss-process=csv/meta", "CreateSelectObjectMeta"),
    ("POST", true, "x-oss-process=json/meta", "CreateSelectObjectMeta"),
];

/// Rule `oss-request`: the OSS API of a method and a path on the bucket's host (`/key?acl`), `bucket` telling
/// whether a bucket was addressed (when known). Parameters ([`OSS_PARAMETERS`]) are left out; an `uploadId` names
/// its multipart call; `GET /` is ListObjects on a bucket and ListBuckets on the service; the documented requests
/// the metadata gives no path of their own go by [`OSS_UNLISTED_REQUESTS`]; the rest is
/// [`api_for_request`] over the catalog's methods and paths (which the operations table maps to RAM actions:
/// `PutBucketTags` → `oss:PutBucketTagging`).
fn oss_api<'c>(
    catalog: &'c Catalog,
    method: &str,
    path: &str,
    bucket: Option<bool>,
    wanted: &mut BTreeSet<String>,
) -> Option<&'c Api> {
    let method = method.to_ascii_uppercase();
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let keys: Vec<&str> = q.split('&').filter(|kv| !kv.is_empty()).collect();
    let key_of = |kv: &str| kv.split_once('=').map_or(kv, |(k, _)| k).to_ascii_lowercase();
    let by_name = |name: &str, wanted: &mut BTreeSet<String>| match catalog.api("oss", name) {
        ApiLookup::Found(_, api) => Some(api),
        ApiLookup::ShardMissing(shard) => {
            wanted.insert(shard);
            None
        }
        ApiLookup::Unknown => None,
    };
    let object = !p.trim_start_matches('/').is_empty();
    if object && keys.iter().any(|kv| key_of(kv) == "uploadid") {
        let (_, name) = OSS_UPLOAD_ID_APIS.iter().find(|(m, _)| *m == method)?;
        return by_name(name, wanted);
    }
    let sub: Vec<&str> =
        keys.into_iter().filter(|kv| !OSS_PARAMETERS.iter().any(|k| key_of(kv).starts_with(k))).collect();
    if !object && sub.is_empty() && method == "GET" {
        return by_name(if bucket? { "ListObjects" } else { "ListBuckets" }, wanted);
    }
    if sub.len() <= 1 && (object || bucket != Some(false)) {
        let kv = sub.first().map(|kv| crate::text::percent_decode(kv).to_ascii_lowercase()).unwrap_or_default();
        let unlisted = OSS_UNLISTED_REQUESTS.iter().find(|&&(m, o, s, _)| {
            m == method && o == object && if s.contains('=') { kv == s } else { key_of(&kv) == s }
        });
        if let Some((_, _, _, name)) = unlisted {
            return by_name(name, wanted);
        }
    }
    let path = if sub.is_empty() { p.to_string() } else { format!("{p}?{}", sub.join("&")) };
    let mut found = apis_for_request(catalog, "oss", &method, &path, wanted);
    // The same request is a bucket's API on a bucket's host and the account's on the service host
    // (`PUT /?publicAccessBlock`: PutBucketPublicAccessBlock, PutPublicAccessBlock); an access point's is told only by
    // a header, so never by the request line.
    if found.len() > 1 {
        if let Some(bucket) = bucket {
            found.retain(|a| a.name.contains("Bucket") == bucket && (bucket || !a.name.contains("AccessPoint")));
        }
    }
    match found.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// The call an RPC string-to-sign signs (`POST&%2F&AccessKeyId%3D…%26Action%3DSendSms%26…%26Version%3D2017-05-25`,
/// which the gateway echoes in its signature errors): the field, and the request's `Action` and `Version`.
pub fn rpc_signed_call(raw: &RawError) -> Option<(&Field, String, Option<String>)> {
    let f = raw.get(Key::ServerStringToSign).or_else(|| raw.get(Key::ClientStringToSign))?;
    // The string ends where the message goes on (`…Version%3D2014-05-26, URL: /)`): it has no space or comma.
    let value = f.value.trim_start();
    let value = &value[..value.find([' ', ',', '"', '\n']).unwrap_or(value.len())];
    let mut parts = value.splitn(3, '&');
    if !matches!(parts.next()?, "GET" | "POST") {
        return None;
    }
    parts.next()?;
    // The canonical query is percent-encoded once more as a whole: decoded once, it is `Name=value&…`.
    let query = crate::text::percent_decode(parts.next()?);
    let param =
        |name: &str| query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')).map(str::to_string);
    let action = param("Action").filter(|a| is_api_name(a))?;
    Some((f, action, param("Version")))
}

/// Rule `rpc-string-to-sign`: the API an RPC string-to-sign names, in the error's product.
fn rpc_string_to_sign(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let (f, name, _) = rpc_signed_call(i.raw)?;
    let product = i.product?;
    match i.catalog.api(product, &name) {
        ApiLookup::Found(_, api) => Some(decided(api, false, Some((f.start, f.end)))),
        ApiLookup::ShardMissing(shard) => {
            wanted.insert(shard);
            None
        }
        _ => None,
    }
}

/// Rule `oss-refusal`: an OSS refusal whose documentation names the action it lacks for a tool the paste names
/// ([`super::oss_ec::OSS_REFUSALS`]: `BucketNotBelongTo` in ossbrowser → `oss:GetBucketInfo`), by its code or its
/// message. Below the request the error echoes, which names the call itself.
fn oss_refusal(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    let r = super::oss_ec::refusal(i.code, i.lines, i.around)?;
    let (_, api) = r.action.split_once(':')?;
    Some(inferred(i.catalog, "oss", api, None))
}

/// The OSS object action of a request to a bucket's host, from its HTTP method (an uploader's log: `"method":
/// "PUT"`, `"url": "https://bucket.oss-cn-shenzhen.aliyuncs.com/key"`).
fn oss_bucket_host(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    let method = i.raw.value(Key::Method)?.to_ascii_uppercase();
    let bucket_host = i.raw.all(Key::Host).chain(i.raw.all(Key::HostId)).any(|h| {
        let h = h.value.to_ascii_lowercase();
        h.split_once('.').is_some_and(|(bucket, rest)| !bucket.starts_with("oss-") && rest.starts_with("oss-"))
    });
    if !bucket_host {
        return None;
    }
    let action = match method.as_str() {
        "PUT" | "POST" => "oss:PutObject",
        "GET" | "HEAD" => "oss:GetObject",
        "DELETE" => "oss:DeleteObject",
        _ => return None,
    };
    Some(Decided { action: action.to_string(), api: None, inferred: true, access: None, span: None, rule: "" })
}

/// The first word around the error that is an API of the error's product (`AllocatePublicIpAddress for instance
/// got error`, `aliyun ess CreateScalingGroup` on the line above, a `describeUserDomains(` call): names of two words
/// or more, read as written or with the first letter raised (Java and JavaScript method names), never the code's
/// own words. Only an API the catalog knows for that product counts, so prose words never do.
fn api_near_error(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let Some(product) = i.product else { return request_class(i) };
    if i.catalog.apis_of(product).is_none() {
        if let ApiLookup::ShardMissing(shard) = i.catalog.api(product, "-") {
            wanted.insert(shard);
        }
        return None;
    }
    let code = i.code.unwrap_or("");
    // The product's known words looked up once, not per word; the words found to name none of its APIs noted after
    // (a word met twice before then is asked of the catalog twice, with the same answer).
    let mut none = Vec::new();
    let found = {
        let no_api = i.api_words.no_api.borrow();
        let known = no_api.get(product);
        i.api_words.find_map(i.around, |w| {
            // A word longer than the code cannot be in it (and `contains` would prepare a search for it).
            let stem = api_stem(w).filter(|_| w.len() > code.len() || !code.contains(w))?;
            if known.is_some_and(|words| words.contains(w)) {
                return None;
            }
            let name = w[..1].to_ascii_uppercase() + &stem[1..];
            match i.catalog.api(product, &name) {
                // Exact case after the first letter: `createscalinggroup` in a URL is no API name.
                ApiLookup::Found(_, api) if api.name == name => Some(decided(api, true, None)),
                _ => {
                    none.push(w);
                    None
                }
            }
        })
    };
    if !none.is_empty() {
        let mut no_api = i.api_words.no_api.borrow_mut();
        let words = no_api.entry(product.to_string()).or_default();
        words.extend(none.into_iter().map(str::to_string));
    }
    found
}

/// Camel-case words only (cheap to test before any lookup): an API name has two words or more.
fn may_name_api(w: &str) -> bool {
    (6..=80).contains(&w.len()) && w.as_bytes()[0].is_ascii_alphabetic() && has_two_words(w)
}

/// The words of a text that may name an API ([`may_name_api`]; runs of ASCII letters and digits), found once as the
/// errors ask for them: every error reads the 4 KB around it, and a dense log's errors share most of theirs.
/// Reading them again for each error was 3 % of the CPU time on an error-dense log (`perf`, dense5.log).
///
/// The words each product's catalog has no API for are kept too: a dense log's errors ask the catalog about the
/// same words again and again (43 thousand asks of it, 2 thousand instructions each, on a 3 MB error-dense log:
/// `valgrind --tool=callgrind`, dense3.log).
pub struct ApiWords<'t> {
    text: &'t str,
    /// Where the words found start (at a word's start), how far the text is read from there (at a word's start
    /// or past a word), and the words found, as spans in order. An error past that point starts them again: a long
    /// log with few errors is not read from its start for each.
    found: std::cell::RefCell<Found>,
    /// For each product, the words near an error that name none of its APIs.
    no_api: std::cell::RefCell<rustc_hash::FxHashMap<String, rustc_hash::FxHashSet<String>>>,
}

/// Where the words found start, how far the text is read, the words' spans.
type Found = (usize, usize, Vec<(usize, usize)>);

impl<'t> ApiWords<'t> {
    /// None found yet in `text`.
    pub fn new(text: &'t str) -> Self {
        ApiWords { text, found: Default::default(), no_api: Default::default() }
    }

    /// The whole text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The first `f` gives of the words of `around` (a slice of the text) that may name an API, in order: exactly
    /// `ascii_words(around).filter(may_name_api)`, a word cut by the slice's ends cut too.
    fn find_map<'a, T>(&self, around: &'a str, f: impl FnMut(&'a str) -> Option<T>) -> Option<T>
    where
        't: 'a,
    {
        let (text, b) = (self.text, self.text.as_bytes());
        let a = (around.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let e = a.wrapping_add(around.len());
        if a > text.len() || e > text.len() {
            // Not a slice of the text: read it whole.
            return ascii_words(around).filter(|w| may_name_api(w)).take(4096).find_map(f);
        }
        let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let run_end = |i: usize| b[i..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |n| i + n);
        let mut found = self.found.borrow_mut();
        let (from, read, words) = &mut *found;
        if a > *read {
            *from = b[..a].iter().rposition(|c| !c.is_ascii_alphanumeric()).map_or(0, |n| n + 1);
            *read = *from;
            words.clear();
        } else if a < *from {
            // Before the words found: read it whole.
            drop(found);
            return ascii_words(around).filter(|w| may_name_api(w)).take(4096).find_map(f);
        }
        // Every whole word starting before `e`.
        while *read < e {
            let Some(start) = b[*read..].iter().position(u8::is_ascii_alphanumeric).map(|n| *read + n) else {
                *read = b.len();
                break;
            };
            if start >= e {
                *read = start;
                break;
            }
            let end = run_end(start);
            if may_name_api(&text[start..end]) {
                words.push((start, end));
            }
            *read = end;
        }
        // A word the slice's start cuts, the whole words inside, a word its end cuts.
        let head = (a > 0 && a < e && alnum(a - 1) && alnum(a)).then(|| (a, run_end(a).min(e)));
        let inside_from = words.partition_point(|&(start, _)| start < a);
        let inside = words[inside_from..].iter().copied().take_while(|&(_, end)| end <= e);
        let tail_start = (e < b.len() && e > a && alnum(e - 1) && alnum(e))
            .then(|| b[a..e].iter().rposition(|c| !c.is_ascii_alphanumeric()).map_or(a, |n| a + n + 1))
            .filter(|&start| head.is_none_or(|(h, _)| h != start));
        let tail = tail_start.map(|start| (start, e));
        let cut = |span: &(usize, usize)| may_name_api(&text[span.0..span.1]);
        let spans: Vec<(usize, usize)> =
            head.into_iter().filter(cut).chain(inside).chain(tail.into_iter().filter(cut)).collect();
        drop(found);
        spans.into_iter().map(|(start, end)| &text[start..end]).take(4096).find_map(f)
    }
}

/// The API name a word around an error can be, its SDK class's `Request` cut off (`describeInstancesRequest` →
/// `describeInstances`): two words or more, with a lower-case letter after the first. Tested on the slice, so the
/// thousands of words of a long paste cost no allocation until one has an API's shape.
fn api_stem(w: &str) -> Option<&str> {
    let stem = w.strip_suffix("Request").unwrap_or(w);
    let rest = stem.as_bytes().get(1..)?;
    let shaped = stem.len() >= 3
        && stem.as_bytes()[0].is_ascii_alphabetic()
        && rest.iter().all(u8::is_ascii_alphanumeric)
        && rest.iter().any(u8::is_ascii_uppercase)
        && rest.iter().any(u8::is_ascii_lowercase);
    shaped.then_some(stem)
}

/// The pieces of `s` between characters that are not ASCII letters or digits, empty ones included: exactly
/// `s.split(|c: char| !c.is_ascii_alphanumeric())`, read byte by byte. Every error reads the 4 KB around it so; the
/// split by `char` decoded each one and was 2.5 % of the CPU time on an error-dense log (`perf`, dense5.log).
fn ascii_words(s: &str) -> impl Iterator<Item = &str> + '_ {
    let b = s.as_bytes();
    let (mut from, mut i, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        while i < b.len() {
            let c = b[i];
            i += 1;
            if c.is_ascii_alphanumeric() {
                continue;
            }
            if c & 0xC0 == 0x80 {
                // A character's continuation byte: the piece after it starts past it.
                from = i;
                continue;
            }
            let piece = &s[from..i - 1];
            from = i;
            return Some(piece);
        }
        if done {
            return None;
        }
        done = true;
        Some(&s[from..])
    })
}

/// With no product yet: an SDK request class (`DescribeUserDomainsRequest`) around the error whose API only one
/// product has names both (every SDK names its request classes `<Api>Request`).
fn request_class(i: &Inputs) -> Option<Decided> {
    let words = ascii_words(i.around);
    words.take(4096).filter_map(|w| w.strip_suffix("Request")).find_map(|api| {
        if !is_api_name(api) || !has_two_words(api) {
            return None;
        }
        api_of_one_product(i.catalog, api).map(|found| decided(found, true, None))
    })
}

/// The API of this name when only one product's loaded APIs have it.
fn api_of_one_product<'c>(catalog: &'c Catalog, name: &str) -> Option<&'c Api> {
    match catalog.ram_codes_with_api(name).as_slice() {
        [only] => match catalog.api(only, name) {
            ApiLookup::Found(_, api) => Some(api),
            _ => None,
        },
        _ => None,
    }
}

/// A family of codes a product documents as one API's errors.
struct CodeFamily {
    /// What the codes start with.
    prefix: &'static str,
    /// The product's RAM code.
    ram_code: &'static str,
    /// The API whose errors they are.
    api: &'static str,
    /// Whether the prefix alone says the product; otherwise the error must already be the product's.
    names_product: bool,
}

/// The code families, most specific first.
const CODE_FAMILIES: &[CodeFamily] = &[
    // The SMS API error codes (`isv.SMS_SIGNATURE_ILLEGAL`, `isv.SMS_TEMPLATE_ILLEGAL` …) are SendSms's:
    // https://help.aliyun.com/zh/sms/developer-reference/api-error-codes
    CodeFamily { prefix: "isv.SMS_", ram_code: "dysms", api: "SendSms", names_product: true },
    // SMS's other `isv.` codes (`isv.MOBILE_NUMBER_ILLEGAL`, `isv.BUSINESS_LIMIT_CONTROL`) too; the Voice service
    // shares some, so only on an error already SMS's.
    CodeFamily { prefix: "isv.", ram_code: "dysms", api: "SendSms", names_product: false },
];

/// A code of a family one API documents (`isv.SMS_CONTENT_ILLEGAL` → `dysms:SendSms`).
fn code_family(i: &Inputs, _: &mut BTreeSet<String>) -> Option<Decided> {
    let code = i.code?;
    let family = CODE_FAMILIES.iter().find(|c| {
        code.starts_with(c.prefix)
            && match i.product {
                Some(p) => p.eq_ignore_ascii_case(c.ram_code),
                None => c.names_product,
            }
    })?;
    Some(inferred(i.catalog, family.ram_code, family.api, None))
}

/// The action `<ram_code>:<api>` decided from what the text implies, with the API's access level when the
/// catalog knows it.
pub(super) fn inferred(catalog: &Catalog, ram_code: &str, api: &str, span: Option<(usize, usize)>) -> Decided {
    let access = match catalog.api(ram_code, api) {
        ApiLookup::Found(_, found) => Some(found.access),
        _ => None,
    };
    Decided { action: format!("{ram_code}:{api}"), api: Some(api.to_string()), inferred: true, access, span, rule: "" }
}

/// A code that only one API of the product lists (`InvalidParameter.RoleArn` is STS's `AssumeRole`'s), or one API
/// and its variants named after it (`AssumeRole`, `AssumeRoleWithSAML`). Not the gateway's permission and
/// credential codes, which every API may return, nor a code that tells the account's state (a product not opened,
/// a key, a signature, a token): every API answers it, whichever API's documentation happens to list it.
fn code_listed_once(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let (product, code) = (i.product?, i.code?);
    if i.catalog.error_code(code).is_some_and(|e| e.kind.is_some()) {
        return None;
    }
    if i.kind == Kind::NotActivated || i.kind.is_credential_error() {
        return None;
    }
    let Some(apis) = i.catalog.apis_of(product) else {
        if let ApiLookup::ShardMissing(shard) = i.catalog.api(product, "-") {
            wanted.insert(shard);
        }
        return None;
    };
    let listing: Vec<&Api> =
        apis.into_iter().map(|(_, a)| a).filter(|a| a.errors.iter().any(|e| e.eq_ignore_ascii_case(code))).collect();
    let base = listing.iter().min_by_key(|a| a.name.len())?;
    listing.iter().all(|a| a.name.starts_with(&base.name)).then(|| decided(base, true, None))
}

/// The API of `ram_code` a REST request stands for: the same method, the path's segments matching the API's
/// (a `{param}` takes one segment, a last `{key}` the rest; a leading `/2021-04-06` version is left out on both
/// sides), every query key the API's path names present. The most specific match wins; a tie goes to the API
/// whose name starts with the method's verb (`PUT /{key}`: `PutObject`, not `CopyObject`), else nothing.
fn api_for_request<'c>(
    catalog: &'c Catalog,
    ram_code: &str,
    method: &str,
    path: &str,
    wanted: &mut BTreeSet<String>,
) -> Option<&'c Api> {
    match apis_for_request(catalog, ram_code, method, path, wanted).as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// The APIs [`api_for_request`] finds equally good for a request (one when it decides).
pub(super) fn apis_for_request<'c>(
    catalog: &'c Catalog,
    ram_code: &str,
    method: &str,
    path: &str,
    wanted: &mut BTreeSet<String>,
) -> Vec<&'c Api> {
    let Some(apis) = catalog.apis_of(ram_code) else {
        if let ApiLookup::ShardMissing(shard) = catalog.api(ram_code, "-") {
            wanted.insert(shard);
        }
        return Vec::new();
    };
    let (req_path, req_query) = split_request(path);
    let mut best: Vec<(&Api, (usize, usize))> = Vec::new();
    for (_, api) in apis {
        let (Some(m), Some(p)) = (&api.method, &api.path) else { continue };
        if !m.eq_ignore_ascii_case(method) {
            continue;
        }
        let (api_path, api_query) = split_request(p);
        let Some(literal) = segments_match(&api_path, &req_path) else { continue };
        let query_ok = api_query.iter().all(|(k, v)| {
            req_query.iter().any(|(rk, rv)| rk.eq_ignore_ascii_case(k) && (v.is_empty() || rv.eq_ignore_ascii_case(v)))
        });
        // OSS names its sub-resources in the query: a request naming one the API does not (`?acl` on `PUT /`) is
        // another API's; the API's own parameters there (`wormId`, `inventoryId`) are not. Elsewhere the query holds
        // ordinary parameters.
        let own = |rk: &str| {
            api_query.iter().any(|(k, _)| k.eq_ignore_ascii_case(rk))
                || api.resource_params.iter().any(|k| k.eq_ignore_ascii_case(rk))
        };
        let extra = ram_code.eq_ignore_ascii_case("oss")
            && req_query.iter().any(|(rk, _)| !rk.starts_with("x-oss-") && !own(rk));
        if !query_ok || extra {
            continue;
        }
        let score = (api_query.len(), literal);
        match best.first().map(|b| b.1) {
            Some(s) if s > score => {}
            Some(s) if s == score => best.push((api, score)),
            _ => best = vec![(api, score)],
        }
    }
    if best.len() > 1 {
        let verb = method[..1].to_ascii_uppercase() + &method[1..].to_ascii_lowercase();
        if best.iter().any(|(a, _)| a.name.starts_with(&verb)) {
            best.retain(|(a, _)| a.name.starts_with(&verb));
        }
    }
    let mut found: Vec<&Api> = best.into_iter().map(|(a, _)| a).collect();
    found.dedup_by(|a, b| a.name == b.name);
    found
}

/// A path without its leading API version, as segments, and its query as `(key, value)` pairs.
pub(super) fn split_request(path: &str) -> (Vec<&str>, Vec<(&str, &str)>) {
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let mut segments: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    let is_version = |s: &str| {
        s.len() == 10
            && s.bytes().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() })
    };
    if segments.first().is_some_and(|s| is_version(s)) {
        segments.remove(0);
    }
    let query = q.split('&').filter(|s| !s.is_empty()).map(|kv| kv.split_once('=').unwrap_or((kv, ""))).collect();
    (segments, query)
}

/// Whether a request's segments fit an API's path; the count of literal segments matched when they do.
pub(super) fn segments_match(api: &[&str], req: &[&str]) -> Option<usize> {
    let param = |s: &str| s.starts_with('{') && s.ends_with('}');
    // OSS's `/{key}` takes the whole object key, slashes included.
    let tail = api.last().is_some_and(|s| param(s) && s.eq_ignore_ascii_case("{key}"));
    let fits = if tail { req.len() >= api.len() } else { req.len() == api.len() };
    if !fits {
        return None;
    }
    let mut literal = 0;
    for (a, r) in api.iter().zip(req) {
        if param(a) {
            continue;
        }
        if !a.eq_ignore_ascii_case(r) {
            return None;
        }
        literal += 1;
    }
    Some(literal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_words_of_a_slice_are_its_own_words_read_whole() {
        let text = "DescribeInstances failed：调用CreateScalingGroup出错 describeUserDomainsRequest x AbcdefGhij\n\
                    ListUsersRequestWithAVeryLongNameThatGoesOnAndOnPastEightyBytesOfLettersAndDigitsTooLongToBeAnApiName \
                    é GetObject,PutBucketAcl;createscalinggroup 12345Abcdef AbCdEf";
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        // Slices asked in text order (some past the words found), backwards (before them), overlapping, cutting
        // words at either end.
        let forwards: Vec<(usize, usize)> = bounds.iter().enumerate().map(|(n, &a)| (n, a)).collect();
        let asks = forwards.iter().chain(forwards.iter().rev()).step_by(2).chain(forwards.iter().step_by(5));
        let words = ApiWords::new(text);
        for &(n, a) in asks {
            for &e in bounds[n..].iter().step_by(3) {
                let around = &text[a..e];
                let want: Vec<&str> = ascii_words(around).filter(|w| may_name_api(w)).collect();
                let mut got = Vec::new();
                assert_eq!(
                    words.find_map(around, |w| -> Option<()> {
                        got.push(w.to_string());
                        None
                    }),
                    None
                );
                assert_eq!(got, want, "{a}..{e}");
            }
        }
        // A slice of another string is read whole.
        let other = String::from("x DescribeRegions y");
        assert_eq!(words.find_map(&other, |w| Some(w.to_string())), Some("DescribeRegions".to_string()));
    }

    #[test]
    fn ascii_words_are_the_split_by_char_of_std() {
        for s in [
            "",
            "a",
            "-",
            "a-",
            "-a",
            "DescribeInstancesRequest req = new(); 调用CreateScalingGroup失败：报错",
            "中",
            "x中y—z…",
            "é CreateBucket\t\r\nGetObject  , ",
            "emoji 😀 ListUsers😀ok",
        ] {
            let want: Vec<&str> = s.split(|c: char| !c.is_ascii_alphanumeric()).collect();
            assert_eq!(ascii_words(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn an_rpc_string_to_sign_names_its_call() {
        let text = "StandardError (Code: IncompleteSignature, Message: The request signature does not conform to Aliyun standards. server string to sign is:POST&%2F&AccessKeyId%3Dak%26Action%3DDescribeRegions%26Format%3DJSON%26Version%3D2014-05-26, URL: /)";
        let reading = crate::read::read(&crate::text::Text::new(text));
        let raw = reading.errors.first().expect("an error");
        let (_, api, version) = rpc_signed_call(raw).unwrap_or_else(|| panic!("{raw:?}"));
        assert_eq!((api.as_str(), version.as_deref()), ("DescribeRegions", Some("2014-05-26")));
    }

    #[test]
    fn an_oss_v4_canonical_request_gives_its_method_and_resource() {
        let xml = "<CanonicalRequest>PUT\\n/bucket/dir/a.txt\\nacl=\\nhost:bucket.oss-cn-hangzhou.aliyuncs.com\\n</CanonicalRequest>";
        assert_eq!(oss_canonical_request(xml), Some(("PUT".to_string(), "/bucket/dir/a.txt?acl=".to_string())));
        // No query: the third line is empty, or already a header.
        let xml = "<CanonicalRequest>GET\n/bucket/\n\nhost:b\n</CanonicalRequest>";
        assert_eq!(oss_canonical_request(xml), Some(("GET".to_string(), "/bucket/".to_string())));
        assert_eq!(oss_canonical_request("<CanonicalRequest>get\n/b/\n</CanonicalRequest>"), None);
        assert_eq!(oss_host_has_bucket("bucket.oss-cn-hangzhou.aliyuncs.com"), Some(true));
        assert_eq!(oss_host_has_bucket("oss-cn-hangzhou.aliyuncs.com"), Some(false));
        assert_eq!(oss_host_has_bucket("oss-logs.oss-cn-hangzhou.aliyuncs.com"), Some(true));
        assert_eq!(oss_host_has_bucket("ecs.aliyuncs.com"), None);
    }

    #[test]
    fn paths_match_by_shape_and_version_is_left_out() {
        let (a, _) = split_request("/2021-04-06/services/{serviceName}");
        let (r, _) = split_request("/services/svc");
        assert_eq!(segments_match(&a, &r), Some(1));
        let (a, _) = split_request("/{key}");
        let (r, _) = split_request("/dir/file.json");
        assert_eq!(segments_match(&a, &r), Some(0));
        let (a, _) = split_request("/services");
        let (r, _) = split_request("/functions");
        assert_eq!(segments_match(&a, &r), None);
        assert_eq!(split_request("/?metaQuery&comp=add").1, vec![("metaQuery", ""), ("comp", "add")]);
    }

    #[test]
    fn an_api_stem_is_shaped_on_the_word_itself() {
        assert_eq!(api_stem("DescribeScalingGroups"), Some("DescribeScalingGroups"));
        assert_eq!(api_stem("describeInstancesRequest"), Some("describeInstances"));
        assert_eq!(api_stem("CreateLogStoreRequest"), Some("CreateLogStore"));
        // One word, no lower case after the first letter, or nothing left once `Request` is cut: no API.
        for w in ["Describe", "HTTPSTATUS", "XRequest", "Request", "aBC", "ListUsers-2"] {
            assert_eq!(api_stem(w), None, "{w}");
        }
    }
}
