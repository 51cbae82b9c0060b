//! Readers: turn error text into [`RawError`]s — fields with the byte spans that stated them. No catalog, no policy.
//!
//! People paste mixtures: a Terraform header around a Go SDK block, a Tea error whose `Data:` is JSON, an OSS XML
//! body escaped inside a Node stack. So the readers do not each claim a whole block; each one recognises its own
//! syntax wherever it occurs and emits [`Field`]s, and [`group`] assembles fields into errors by structure
//! (the same `{…}` or `<Error>` element, the same line, the same paragraph).
//!
//! - [`fields`]: `Key: value`, `"Key": "value"`, `{u'Key': u'v'}`, `Key:"v"` (Go `%#v`), `Key=v` (OSS SDK), `[Key]: v`,
//!   `map[k:v …]` (Go), `Code : Message` (.NET / Java v1), `Error:Code` (Python aliyunsdkcore), `Error [<Code>Error]:`
//!   (ali-oss in Node), `Code: message` over `status code: …` (AWS Go), `400 Code.Dotted Message` (error-code tables),
//!   numeric `code:` values that are no HTTP status, Google's lower-camel `reason`.
//! - [`xml`]: `<Error><Code>…</Code>…<AccessDeniedDetail>…</AccessDeniedDetail></Error>` (OSS).
//! - [`headers`]: lines that open an error (`SDK.ServerError`, `Aliyun API Error:`, Terraform `[ERROR] … <Api> Failed!!!`,
//!   `ERROR:` of the `aliyun` CLI, `…Exception:`, `FC<Code>Error:`), the API they name, and product hints around them
//!   (Terraform resource types and file names, Packer builders, SDK package names, hosts, `product=` links).
//! - [`phrases`]: known sentences (English and Chinese) that say what happened even without a code, and the
//!   action/resource they carry (`Resource: … Action: …`, `perform 'fc:X' on resource '…'`, `for action cs:X`).
//! - [`api`]: API names in every wrapping (`operation error PutBucket:`, `UpdateDomainRecord error.status 400`,
//!   `node CreateLogStore.js`) and REST requests (`POST /services failed`), one table row per wrapping.
//! - [`code`]: whether a token has an error code's shape, at the level the words around it set.
//! - [`prose`]: code-shaped tokens standing in sentences about an error (`提示UserDisable`) or alone on a line, numbers
//!   after a code word (`报错“10013”`, `错误码 5005`), and bare OSS ECs.

pub mod api;
pub mod code;
pub mod fields;
pub mod generic;
pub mod group;
pub mod headers;
pub mod phrases;
pub mod prose;
pub mod scan;
pub mod xml;

use crate::text::Text;

pub use code::ONE_WORD_CODES;

/// What a field says. The names are the engine's, not any one format's: `ErrorCode`, `code`, `error_code`, `Code`
/// and `<Code>` are all [`Key::Code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// The error code (`Forbidden.RAM`).
    Code,
    /// The error message.
    Message,
    /// The request id, to quote to Alibaba Cloud support.
    RequestId,
    /// `HostId`: the endpoint that answered (`ecs.cn-hangzhou.aliyuncs.com`, `bucket.oss-cn-hangzhou.aliyuncs.com`).
    HostId,
    /// Any other Alibaba Cloud host seen in a URL near the error.
    Host,
    /// A link to the service's diagnosis page.
    Recommend,
    /// HTTP status (`HttpStatus`, `StatusCode`, `Status Code`, `HTTP Status`, a numeric `code:` of Tea errors).
    Status,
    /// A 4xx or 5xx HTTP status a request is said to have failed with (`Request failed with status code 403`,
    /// `POST /services failed with 500`, a status line `401 Unauthorized`): with nothing stronger in the text, an
    /// error of its own, so a paste of one such sentence still gets a finding.
    HttpFailure,
    /// OSS error code family (`EC`: `0003-00000201`).
    Ec,
    /// `AuthAction`: the RAM action denied.
    AuthAction,
    /// `AuthResource`: the resource it was denied on.
    AuthResource,
    /// `AuthPrincipalType`: `SubUser`, `AssumedRoleUser` …
    AuthPrincipalType,
    /// `AuthPrincipalOwnerId`: the caller's account.
    AuthPrincipalOwnerId,
    /// `AuthPrincipalDisplayName`: the caller (a user id, or a role and session).
    AuthPrincipalDisplayName,
    /// `NoPermissionType`: implicit or explicit deny.
    NoPermissionType,
    /// `PolicyType`: the layer whose policies refused.
    PolicyType,
    /// `EncodedDiagnosticMessage`: what `DecodeDiagnosticMessage` expands.
    EncodedDiagnosticMessage,
    /// A RAM action named in a message (`Action: ram:CreateRole`, `perform 'fc:GetService'`).
    Action,
    /// A resource ARN named in a message.
    Resource,
    /// The API that failed (`DescribeInstances`), from a Terraform header, an `Action=` parameter, an SDK class name.
    Api,
    /// A CamelCase word standing where an API name would (`UpdateDomainRecord error.status 400`, `node
    /// CreateLogStore.js`); the API only when the catalog knows it for the error's product.
    ApiCandidate,
    /// The path (and query) of a REST request (`/services`, `/?comp=add&metaQuery`), mapped with its
    /// [`Key::Method`] to an API through the catalog.
    RequestPath,
    /// A product named by structure around the error (a `product=` link, an SDK package, a Terraform resource type,
    /// a Packer builder, a `server: AliyunOSS` header, the OSS XML shape). The value is a product code or RAM code.
    ProductHint,
    /// A product suggested by context rather than stated: a Terraform resource type or provider file
    /// (`alicloud_cs_serverless_kubernetes`), a Packer builder (`alicloud-ecs` → `alicloud_ecs`), an ACME client
    /// (→ `alidns`), the OSS XML shape. Used when nothing stronger names the product.
    ProductContext,
    /// A service role named near the error (`AliyunECIContainerGroupRole`, `AliyunServiceRoleForECS`).
    RoleName,
    /// The string-to-sign the server computed, as quoted in a signature error.
    ServerStringToSign,
    /// A string-to-sign from the user's own logs, to compare with the server's.
    ClientStringToSign,
    /// `RegionId` / region from a host.
    Region,
    /// The HTTP method of the failed request (`"method": "PUT"`).
    Method,
    /// A line that opens an error block (value: which kind of header).
    Header,
    /// A code-shaped token standing in prose on a line about an error (`提示UserDisable`); the code only when the
    /// catalog documents it.
    CodeCandidate,
    /// A known sentence; the value is the [`phrases::Phrase`] name.
    Phrase,
    /// A sign that the error comes from another cloud; the value names the cloud.
    OtherCloud,
}

/// One fact read from the text, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// What the field says.
    pub key: Key,
    /// The value, unquoted and unescaped.
    pub value: String,
    /// Byte span of the value in the input (for highlighting).
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Structure the field was read from: the same id for all fields of one `{…}` object or `<Error>` element.
    pub container: Option<usize>,
}

impl Field {
    /// A field with no container.
    pub fn new(key: Key, value: impl Into<String>, start: usize, end: usize) -> Self {
        Field { key, value: value.into(), start, end, container: None }
    }
}

/// One error as the text states it: its fields, nothing concluded yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawError {
    /// Its fields, in text order.
    pub fields: Vec<Field>,
    /// Byte span of the whole error in the input.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl RawError {
    /// The first field with this key.
    pub fn get(&self, key: Key) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The first value with this key.
    pub fn value(&self, key: Key) -> Option<&str> {
        self.get(key).map(|f| f.value.as_str())
    }

    /// All fields with this key, in text order.
    pub fn all(&self, key: Key) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(move |f| f.key == key)
    }

    /// Whether any field with this key has this value (ASCII case-insensitive).
    pub fn has(&self, key: Key, value: &str) -> bool {
        self.all(key).any(|f| f.value.eq_ignore_ascii_case(value))
    }

    /// Whether `f` stands inside one of the error's messages (a sentence quoted in the message, not on a line beside).
    pub fn in_message(&self, f: &Field) -> bool {
        self.all(Key::Message).any(|m| m.start <= f.start && f.end <= m.end)
    }

    /// Every message-like text of the error, lowercased, for classification: messages and phrases.
    pub fn message_text(&self) -> String {
        let mut s = String::new();
        for f in self.fields.iter().filter(|f| matches!(f.key, Key::Message | Key::Phrase)) {
            s.push_str(&f.value.to_lowercase());
            s.push('\n');
        }
        s
    }
}

/// Everything read from one text.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The errors, in text order.
    pub errors: Vec<RawError>,
    /// Product hints and other clouds' marks anywhere in the text, for errors that carry none themselves.
    pub context: Vec<Field>,
}

/// Reads every error in the text with no catalog at hand: every code-shaped word in prose counts as a code.
pub fn read(text: &Text) -> Reading {
    read_with(text, &|_| true)
}

/// Reads every error in the text; `documented` says which code-shaped words in prose are codes (`diagnose` asks
/// the catalog). The reading path: the readers run only within reach of the lines where an error can open
/// ([`scan::read`]), which tests hold equal to [`read_all`].
pub fn read_with(text: &Text, documented: &dyn Fn(&str) -> bool) -> Reading {
    scan::read(text, documented)
}

/// Reads every error with every reader over every byte: what [`scan`] must agree with.
pub fn read_all(text: &Text, documented: &dyn Fn(&str) -> bool) -> Reading {
    let mut found = Vec::new();
    read_fields(text, &mut found);
    group::assemble(text, found, documented)
}

/// Every reader's fields, unassembled.
fn read_fields(text: &Text, found: &mut Vec<Field>) {
    read_fields_but_generic(text, found);
    generic::scan(text, found);
    prose::scan(text, found);
}

/// The readers before the sentence-level fallback ([`generic`]), which reads what they left (the prefilter runs
/// it on the lines holding its words alone), and after which [`prose`] reads.
fn read_fields_but_generic(text: &Text, found: &mut Vec<Field>) {
    fields::scan(text, found);
    xml::scan(text, found);
    headers::scan(text, found);
    phrases::scan(text, found);
    api::scan(text, found);
}
