//! The API a paste names without printing its name in CamelCase, two classes of it (rules of
//! [`super::action::RULES`], below those that read an API the text states):
//!
//! - **An OSS SDK's own method** (rule `oss-sdk-method`): every OSS SDK names its methods after the OSS operations, but
//!   many of them add to the name (`PutObjectFromFile`, `GetObjectToFile`), shorten it (ali-oss's `put`, `copy`,
//!   `list`) or call a helper that makes the operation (`uploadFile`, `signatureUrl`, `doesBucketExist`). A paste
//!   prints the method where it calls it (`bucket.PutObjectFromFile(…)`), in a stack frame, or before the SDK's error
//!   (`PutObjectFromFile:oss: service returned error: …`). [`OSS_METHODS`] maps each to the operation it sends, read
//!   from the SDKs' sources; the RAM action is the catalog's for that operation, but for a copy (below).
//! - **An API of the error's product written the way a tool prints it** (rule `api-written-otherwise`): snake case
//!   (`create_disk` in a BOSH CPI, `describe_instances_request` of a Python module, `describe_instances_async`), kebab
//!   case (`describe-instances`), spaced words before a failure (`Create Disk error:`, `create disk failed`, `failed to
//!   create disk`), and the Go and .NET SDKs' suffixed methods (`DescribeInstancesWithChan`, `…WithCallback`,
//!   `…Async`). Only against the APIs of the product the finding already has, and only a whole API name of two words
//!   or more, so `create` or `upload` alone never name one.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::action::{Decided, Inputs};
use crate::catalog::ApiLookup;
use crate::Catalog;

/// One OSS operation and the SDK methods that send it.
#[derive(Debug)]
pub struct OssMethod {
    /// The operation, as the OSS API reference names it.
    pub operation: &'static str,
    /// The methods, written in CamelCase (Go, .NET); case is ignored, so Java's, PHP's and ali-oss's `putObject`
    /// match too, and Python's names are the same words in snake case (`put_object_from_file`). A name of one word
    /// (ali-oss's `put`, `copy`) counts only called on an OSS client ([`RECEIVERS`]).
    pub methods: &'static [&'static str],
    /// The RAM action when it is not the catalog's for the operation.
    pub action: Option<&'static str>,
}

const fn m(operation: &'static str, methods: &'static [&'static str]) -> OssMethod {
    OssMethod { operation, methods, action: None }
}

/// The OSS SDK methods whose names are not the operation's, by the operation they send. Sources: Go
/// (aliyun/aliyun-oss-go-sdk `oss/bucket.go`, `client.go`, `upload.go`, `download.go`, `multicopy.go`,
/// `multipart.go`), Java (aliyun/aliyun-oss-java-sdk `OSSClient.java`), Python (aliyun/aliyun-oss-python-sdk
/// `oss2/api.py`, `oss2/resumable.py`), Node (ali-sdk/ali-oss `lib/object.js`, `lib/common/object/*.js`,
/// `lib/managed-upload.js`), PHP (aliyun/aliyun-oss-php-sdk `OssClient.php`), .NET (aliyun/aliyun-oss-csharp-sdk
/// `OssClient.cs`).
pub const OSS_METHODS: &[OssMethod] = &[
    // Simple uploads: Go `PutObjectFromFile`, `PutObjectWithURL`, `PutObjectFromFileWithURL`, `DoPutObject`; Python
    // `put_object_from_file`, `put_object_with_url`, `put_object_with_url_from_file`; PHP `uploadFile` (a PutObject
    // of a local file); ali-oss `put`, `putStream`.
    m(
        "PutObject",
        &[
            "PutObjectFromFile",
            "PutObjectWithURL",
            "PutObjectFromFileWithURL",
            "PutObjectWithUrlFromFile",
            "DoPutObject",
            "UploadFile",
            "PutStream",
            "put",
        ],
    ),
    // Multipart and resumable uploads start with InitiateMultipartUpload (OSS authorizes every multipart call as
    // `oss:PutObject`): Go `UploadFile`'s parts (`UploadPartFromFile`), Python `init_multipart_upload` and
    // `resumable_upload`, ali-oss `initMultipartUpload` and `multipartUpload`, PHP `multiuploadFile`, .NET
    // `ResumableUploadObject`.
    m(
        "InitiateMultipartUpload",
        &["InitMultipartUpload", "MultipartUpload", "ResumableUpload", "ResumableUploadObject", "MultiuploadFile"],
    ),
    m("UploadPart", &["UploadPartFromFile"]),
    // Appends: ali-oss `append`, PHP `appendFile`.
    m("AppendObject", &["AppendFile", "append"]),
    // Downloads: Go `GetObjectToFile`, `GetObjectWithURL`, `GetObjectToFileWithURL`, `DoGetObject`, resumable
    // `DownloadFile` (Java `downloadFile` too); Python `get_object_to_file`, `get_object_with_url`,
    // `get_object_with_url_to_file`, `resumable_download`; .NET `ResumableDownloadObject`; ali-oss `get`, `getStream`.
    m(
        "GetObject",
        &[
            "GetObjectToFile",
            "GetObjectWithURL",
            "GetObjectToFileWithURL",
            "GetObjectWithUrlToFile",
            "DoGetObject",
            "DownloadFile",
            "ResumableDownload",
            "ResumableDownloadObject",
            "GetStream",
            "get",
        ],
    ),
    // Signed URLs: Go `SignURL`, Python `sign_url`, PHP `signUrl`, ali-oss `signatureUrl` and `asyncSignatureUrl`, Java
    // `generatePresignedUrl`, .NET `GeneratePresignedUri`. The URL is refused when used, with the method it was signed
    // for: GET unless the call says otherwise (every SDK's default, and what a signed link is for).
    m("GetObject", &["SignURL", "SignatureUrl", "AsyncSignatureUrl", "GeneratePresignedUrl", "GeneratePresignedUri"]),
    // An object's metadata (`oss:GetObject`): Go `GetObjectDetailedMeta` (HEAD) and `IsObjectExist` (GetObjectMeta);
    // Java, PHP, .NET `doesObjectExist` (HEAD); Python `object_exists` (GetObjectMeta); Java and PHP
    // `getSimplifiedObjectMeta`; ali-oss `head`.
    m("HeadObject", &["GetObjectDetailedMeta", "DoesObjectExist", "head"]),
    m("GetObjectMeta", &["IsObjectExist", "ObjectExists", "GetSimplifiedObjectMeta"]),
    // A copy needs `oss:GetObject` on the source and `oss:PutObject` on the destination (OSS's permission table for
    // CopyObject and UploadPartCopy). The rule gives the source's read: a caller that copies usually writes already
    // (the same right an upload needs), and the source may be another bucket's. Go `CopyObject`, `CopyObjectTo`,
    // `CopyObjectFrom`, multipart `CopyFile`; ali-oss `copy`, `multipartUploadCopy`; .NET `ResumableCopyObject`; every
    // SDK's `copyObject` / `copy_object`.
    OssMethod {
        operation: "CopyObject",
        methods: &["CopyObject", "CopyObjectTo", "CopyObjectFrom", "copy"],
        action: Some("oss:GetObject"),
    },
    OssMethod {
        operation: "UploadPartCopy",
        methods: &["UploadPartCopy", "CopyFile", "MultipartUploadCopy", "ResumableCopyObject"],
        action: Some("oss:GetObject"),
    },
    // Deletes: ali-oss `delete`, Java `deleteVersion`; many at once: ali-oss `deleteMulti`, Python
    // `batch_delete_objects`, Go `DeleteObjectVersions`.
    m("DeleteObject", &["DeleteVersion", "delete"]),
    m("DeleteMultipleObjects", &["DeleteMulti", "BatchDeleteObjects", "DeleteObjectVersions"]),
    // Listings: ali-oss `list`, `listV2`; versions: Java `listVersions`, ali-oss `getBucketVersions`.
    m("ListObjects", &["list"]),
    m("ListObjectsV2", &["ListV2"]),
    m("ListObjectVersions", &["ListVersions", "GetBucketVersions"]),
    m("ListParts", &["ListUploadedParts"]),
    m("ListMultipartUploads", &["ListUploads"]),
    // Whether a bucket exists: Go `IsBucketExist` lists the buckets by prefix; Java and PHP `doesBucketExist` read
    // the bucket's ACL.
    m("ListBuckets", &["IsBucketExist"]),
    m("GetBucketAcl", &["DoesBucketExist"]),
    // ACLs: Go `SetObjectACL`, Java and .NET `setObjectAcl`, ali-oss `putACL` / `getACL`.
    m("PutObjectAcl", &["SetObjectAcl", "PutACL"]),
    m("GetObjectAcl", &["GetACL"]),
    // Bucket configuration writers: Go, Java and .NET name them `SetBucket…` (the API reference's `PutBucket…`).
    m("PutBucketAcl", &["SetBucketAcl"]),
    m("PutBucketLifecycle", &["SetBucketLifecycle"]),
    m("PutBucketCors", &["SetBucketCors"]),
    m("PutBucketReferer", &["SetBucketReferer"]),
    m("PutBucketLogging", &["SetBucketLogging"]),
    m("PutBucketWebsite", &["SetBucketWebsite"]),
    m("PutBucketVersioning", &["SetBucketVersioning"]),
    m("PutBucketPolicy", &["SetBucketPolicy"]),
    m("PutBucketEncryption", &["SetBucketEncryption"]),
    m("PutBucketTags", &["SetBucketTagging"]),
    // Every SDK's `createBucket` / `create_bucket` (PutBucket in the API reference).
    m("PutBucket", &["CreateBucket"]),
    // Symlinks (.NET `CreateSymlink`), archive restores (ali-oss `restore`).
    m("PutSymlink", &["CreateSymlink"]),
    m("RestoreObject", &["restore"]),
    // SelectObject's metadata: Java `createSelectObjectMetadata`, Go `CreateSelectCsvObjectMeta` /
    // `CreateSelectJsonObjectMeta`.
    m(
        "CreateSelectObjectMeta",
        &["CreateSelectObjectMetadata", "CreateSelectCsvObjectMeta", "CreateSelectJsonObjectMeta"],
    ),
];

/// What a one-word method (ali-oss's `put`, `get`, `copy`) must be called on in code: exactly one of the names the
/// OSS SDKs' documentation gives its client (ASCII case ignored): ali-oss's `client` (`const client = new OSS(…)`)
/// and its older samples' `store`, egg-oss's `app.oss` / `ctx.oss`, Java's and PHP's `ossClient`, Go's and Python's
/// `bucket`. A name that only holds one of these words (`httpClient`, `apiClient`, `bucketList`) is another object's.
/// A stack frame (`at Client.put (…)`, `at async Client.put`) counts only when it is ali-oss's own (its line names
/// `ali-oss`).
const RECEIVERS: &[&str] = &["client", "store", "oss", "ossclient", "bucket"];

/// `PutObjectFromFile` → `put_object_from_file`, `SignURL` → `sign_url` (Python's spelling of the same words).
pub fn snake(name: &str) -> String {
    let b = name.as_bytes();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let after_lower = b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit();
            let acronym_ends = b[i - 1].is_ascii_uppercase() && b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            if after_lower || acronym_ends {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase() as char);
    }
    out
}

/// Whether a method name is one word (`put`, `copy`): called only on an OSS client.
fn one_word(method: &str) -> bool {
    !method.bytes().skip(1).any(|c| c.is_ascii_uppercase())
}

/// Every method's spellings in one automaton (ASCII case ignored), each with its row and method.
fn oss_automaton() -> &'static (AhoCorasick, Vec<(usize, usize)>) {
    static AC: OnceLock<(AhoCorasick, Vec<(usize, usize)>)> = OnceLock::new();
    AC.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut rows = Vec::new();
        for (r, row) in OSS_METHODS.iter().enumerate() {
            for (n, method) in row.methods.iter().enumerate() {
                // Each name also after a dot (`client.copy`, `bucket.PutObjectFromFile`): the search takes the
                // leftmost match, so a one-word name after its dot (`.put`, only ever called on a client) must not
                // hide a longer one standing there.
                let names =
                    if one_word(method) { vec![method.to_string()] } else { vec![method.to_string(), snake(method)] };
                for name in names {
                    if !one_word(method) {
                        patterns.push(name.clone());
                        rows.push((r, n));
                    }
                    patterns.push(format!(".{name}"));
                    rows.push((r, n));
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the SDK methods are valid needles");
        (ac, rows)
    })
}

fn ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The row of the first OSS SDK method in `text` ([`oss_methods_in`]).
pub fn oss_method_in(text: &str) -> Option<&'static OssMethod> {
    oss_methods_in(text).next().map(|(_, row)| row)
}

/// Every OSS SDK method in `text`, in text order with where it starts, standing as a whole identifier; a one-word
/// method only called on an OSS client ([`RECEIVERS`]: `client.copy(`, ali-oss's frame `at Client.get (…ali-oss…)`),
/// not followed by more of a name (`client.get.bind`).
fn oss_methods_in(text: &str) -> impl Iterator<Item = (usize, &'static OssMethod)> + '_ {
    let (ac, rows) = oss_automaton();
    let b = text.as_bytes();
    ac.find_iter(text).filter_map(move |hit| {
        let (s, e) = (hit.start(), hit.end());
        let (r, n) = rows[hit.pattern().as_usize()];
        let row = &OSS_METHODS[r];
        let dotted = b[s] == b'.';
        if (s > 0 && !dotted && ident_byte(b[s - 1])) || b.get(e).is_some_and(|&c| ident_byte(c)) {
            return None;
        }
        if one_word(row.methods[n]) && (b.get(e) == Some(&b'.') || !on_oss_client(text, s)) {
            return None;
        }
        Some((s, row))
    })
}

/// Whether the call whose `.method` starts at `dot` is made on an OSS client ([`RECEIVERS`]).
fn on_oss_client(text: &str, dot: usize) -> bool {
    let b = text.as_bytes();
    let recv_start = b[..dot].iter().rposition(|&c| !ident_byte(c)).map_or(0, |p| p + 1);
    let receiver = &text[recv_start..dot];
    let line_start = text[..recv_start].rfind('\n').map_or(0, |n| n + 1);
    let head = text[line_start..recv_start].trim_start();
    if head == "at " || head == "at async " {
        let line_end = text[dot..].find('\n').map_or(text.len(), |n| dot + n);
        return text[dot..line_end].contains("ali-oss");
    }
    RECEIVERS.iter().any(|w| receiver.eq_ignore_ascii_case(w))
}

/// Where an error's own stack frames end: after its lines, the lines right below them that are frames (`at …`, as
/// Node, Java and .NET print them).
fn frames_end(text: &str, lines_end: usize) -> usize {
    let mut end = lines_end;
    for line in text[lines_end..].split_inclusive('\n').take(64) {
        let t = line.trim();
        let rest_of_last_line = t.is_empty() && end == lines_end;
        if !rest_of_last_line && !t.starts_with("at ") {
            break;
        }
        end += line.len();
    }
    end
}

/// The OSS SDK method an error was sent by, in `text` (the words around the error, whose lines are `lines`): the
/// first in a stack frame (`at …`) of the error's lines or of the frames right below them (the innermost call the
/// SDK printed), else the nearest before the error's end (the call above it that failed, not the earlier ones that
/// did not: the error's lines may hold the code above it), else the first after.
fn oss_method_of_error(text: &str, lines: &str) -> Option<&'static OssMethod> {
    let (t, l) = (text.as_ptr() as usize, lines.as_ptr() as usize);
    let (start, end) = if l >= t && l + lines.len() <= t + text.len() {
        (l - t, l - t + lines.len())
    } else {
        (text.len(), text.len())
    };
    let own_end = frames_end(text, end);
    let mut before = None;
    let mut after = None;
    for (at, row) in oss_methods_in(text) {
        if at >= own_end {
            after = after.or(Some(row));
            break;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        if at >= start && text[line_start..at].trim_start().starts_with("at ") {
            return Some(row);
        }
        before = Some(row);
    }
    before.or(after)
}

/// Whether `name`, read as an API name on an error of `product`, is an SDK's spelling the rules here read: an OSS
/// SDK's method of more than one word ([`OSS_METHODS`]: `bucket.PutObjectFromFile` names no API of its own, and a
/// copy's action is not the catalog's), or a method with an SDK's suffix (`DescribeInstancesWithChan`).
pub fn is_sdk_spelling(product: Option<&str>, name: &str) -> bool {
    let oss_method = || {
        product == Some("oss")
            && OSS_METHODS.iter().any(|row| row.methods.iter().any(|m| !one_word(m) && m.eq_ignore_ascii_case(name)))
    };
    oss_method() || camel_with_suffix(name).is_some()
}

/// Rule `oss-sdk-method`: on an OSS error, the operation of the OSS SDK method it was sent by, printed near it
/// ([`near`], [`OSS_METHODS`], [`oss_method_of_error`]).
pub fn oss_sdk_method(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    if i.product != Some("oss") {
        return None;
    }
    let row = oss_method_of_error(near(i), i.lines)?;
    let (action, access) = match (row.action, i.catalog.api("oss", row.operation)) {
        (_, ApiLookup::ShardMissing(shard)) => {
            wanted.insert(shard);
            return None;
        }
        (Some(action), _) => (action.to_string(), access_of(i.catalog, action)),
        (None, ApiLookup::Found(_, api)) => (api.action.clone(), Some(api.access)),
        (None, ApiLookup::Unknown) => (format!("oss:{}", row.operation), None),
    };
    Some(Decided { action, api: Some(row.operation.to_string()), inferred: true, access, span: None, rule: "" })
}

/// The access level of a RAM action the catalog knows.
fn access_of(catalog: &Catalog, action: &str) -> Option<crate::catalog::AccessLevel> {
    match catalog.action(action) {
        ApiLookup::Found(_, api) => Some(api.access),
        _ => None,
    }
}

/// The words SDKs put after an API's name in a method or class of their own, as snake-case parts: Python's request
/// modules (`describe_instances_request`), the Tea SDKs' asynchronous methods (`describe_instances_async`, .NET's
/// `DescribeInstancesAsync`), the Go SDK's (`alibaba-cloud-sdk-go`) `DescribeInstancesWithChan` and
/// `DescribeInstancesWithCallback`, and `…_with_options` (read as an API already, by the Tea wrapping).
const SUFFIXES: &[&[&str]] =
    &[&["request"], &["async"], &["with", "options"], &["with", "chan"], &["with", "callback"]];

/// Words that say a step failed, after the step's words (`Create Disk error:`, `create disk failed`).
const FAILED_AFTER: &[&str] = &["error", "failed", "failure", "fail", "fails", "exception"];

/// Words that say a step failed, before the step's words (`failed to create disk`, `unable to describe instances`).
const FAILED_BEFORE: &[&[&str]] = &[&["failed", "to"], &["unable", "to"], &["cannot"], &["could", "not"]];

/// The most words an API name is read from (`Describe DB Instance Attribute`); at least two.
const MAX_WORDS: usize = 12;

/// At most this many names are looked up per error (a long log's words are many).
const MAX_LOOKUPS: usize = 256;

/// Rule `api-written-otherwise`: an API of the error's product written as a tool or SDK prints it ([`self`]): the
/// error's lines first (spaced words beside a failure), then the identifiers near the error ([`near`]).
pub fn api_written_otherwise(i: &Inputs, wanted: &mut BTreeSet<String>) -> Option<Decided> {
    let product = i.product?;
    let mut budget = MAX_LOOKUPS;
    let mut find = |name: &str| {
        if budget == 0 {
            return None;
        }
        budget -= 1;
        match i.catalog.api(product, name) {
            ApiLookup::Found(_, api) => Some(api),
            ApiLookup::ShardMissing(shard) => {
                wanted.insert(shard);
                budget = 0;
                None
            }
            ApiLookup::Unknown => None,
        }
    };
    // A tool's own step (rule `tool-step`) says it better, with its reason; the spaced words are the error's own.
    let step = super::tool_steps::choose(i.steps, i.product).is_some();
    let spaced = if step { None } else { spaced_api(i.lines, &mut find) };
    let api = spaced.or_else(|| identifiers_api(near(i), &mut find))?;
    Some(Decided {
        action: api.action.clone(),
        api: Some(api.name.clone()),
        inferred: true,
        access: Some(api.access),
        span: None,
        rule: "",
    })
}

/// How far before and after the error's lines a long log's SDK calls and stack frames are read (a traceback above
/// the error, a stack below it): less than the 4 KB around each of its errors, which every error of an error-dense
/// log would read again. A paste no longer than [`WHOLE_PASTE`] is read whole (its code block may stand anywhere).
const NEAR: (usize, usize) = (512, 256);

/// The longest text read whole for each of its errors (what `diagnose` gives as the words around an error).
const WHOLE_PASTE: usize = 8192;

/// Where the rules here read an error's SDK calls: the whole paste when short, else the error's lines and [`NEAR`]
/// bytes either side of them.
fn near<'t>(i: &Inputs<'t>) -> &'t str {
    let (around, lines) = (i.around, i.lines);
    let (a, l) = (around.as_ptr() as usize, lines.as_ptr() as usize);
    if i.api_words.text().len() <= WHOLE_PASTE || l < a || l + lines.len() > a + around.len() {
        return around;
    }
    let (start, end) = (l - a, l - a + lines.len());
    crate::text::slice(around, start.saturating_sub(NEAR.0), end.saturating_add(NEAR.1))
}

/// The words of `text` (runs of ASCII letters and digits starting with a letter), with whether each stands one
/// space after the one before.
fn words(text: &str) -> Vec<(&str, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_end = usize::MAX;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if b[start].is_ascii_alphabetic() {
            let joined = prev_end != usize::MAX && start == prev_end + 1 && b[prev_end] == b' ';
            out.push((&text[start..i], joined));
        } else {
            out.push(("", false));
        }
        prev_end = i;
    }
    out
}

/// An API written in spaced words right before a failure word (`Create Disk error`) or right after one
/// (`failed to create disk`): the longest run of two words or more, one space apart, that is an API's whole name.
fn spaced_api<'c, F>(text: &str, find: &mut F) -> Option<&'c crate::catalog::Api>
where
    F: FnMut(&str) -> Option<&'c crate::catalog::Api>,
{
    let w = words(text);
    let is = |i: usize, word: &str| w.get(i).is_some_and(|(x, _)| x.eq_ignore_ascii_case(word));
    let try_run = |from: usize, to: usize, find: &mut F| {
        // Every word after the first stands one space after the one before.
        if to > w.len() || w[from..to].iter().any(|(x, _)| x.is_empty()) || !w[from + 1..to].iter().all(|(_, j)| *j) {
            return None;
        }
        find(&w[from..to].iter().map(|(x, _)| *x).collect::<String>())
    };
    for (k, &(word, joined)) in w.iter().enumerate() {
        // Every failure word starts with one of these letters: most words are passed over at their first byte.
        if !matches!(word.as_bytes().first().map(|c| c | 0x20), Some(b'e' | b'f' | b'c' | b'u')) {
            continue;
        }
        if joined && FAILED_AFTER.iter().any(|f| word.eq_ignore_ascii_case(f)) {
            // `Modify instance attribute got error:` (the Terraform provider's step words): the step ends before
            // "got".
            let end = if k > 0 && is(k - 1, "got") && w[k - 1].1 { k - 1 } else { k };
            for n in (2..=MAX_WORDS.min(end)).rev() {
                if let Some(api) = try_run(end - n, end, find) {
                    return Some(api);
                }
            }
        }
        for before in FAILED_BEFORE {
            if before.iter().enumerate().all(|(j, f)| is(k + j, f)) {
                let from = k + before.len();
                for n in (2..=MAX_WORDS).rev() {
                    if let Some(api) = try_run(from, from + n, find) {
                        return Some(api);
                    }
                }
            }
        }
    }
    None
}

/// The first identifier of `text` that is an API's name written in snake or kebab case (`create_disk`,
/// `describe-instances`, `describe_instances_request`) or in CamelCase with an SDK's suffix
/// (`DescribeInstancesWithChan`): its parts joined, the suffix left out, two parts or more.
fn identifiers_api<'c, F>(text: &str, find: &mut F) -> Option<&'c crate::catalog::Api>
where
    F: FnMut(&str) -> Option<&'c crate::catalog::Api>,
{
    let b = text.as_bytes();
    let part = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    // Only the identifiers holding a separator or an SDK suffix's `With` / `Async`, found by those bytes and not
    // word by word (every error of a long log reads the 4 KB around it), in text order.
    static SUFFIX_STARTS: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let [with, asynchronous] =
        SUFFIX_STARTS.get_or_init(|| [memchr::memmem::Finder::new("With"), memchr::memmem::Finder::new("Async")]);
    let marks = memchr::memchr2_iter(b'_', b'-', b).chain(with.find_iter(b)).chain(asynchronous.find_iter(b));
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut read_to = 0;
    let mut last_sep = true;
    for at in marks {
        // The separators come first and in order; the suffixes after them, in order too.
        if last_sep && !matches!(b[at], b'_' | b'-') {
            (last_sep, read_to) = (false, 0);
        }
        if at < read_to {
            continue;
        }
        let start = b[..at].iter().rposition(|&c| !part(c)).map_or(0, |p| p + 1);
        let end = b[at..].iter().position(|&c| !part(c)).map_or(b.len(), |p| at + p);
        read_to = end;
        spans.push((start, end));
    }
    spans.sort_unstable();
    spans.dedup();
    spans.into_iter().find_map(|(start, end)| {
        let word = text[start..end].trim_matches(['_', '-']);
        if word.len() > 100 || !word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) || !may_be_spelled(word) {
            return None;
        }
        api_of_identifier(word).and_then(|name| find(&name))
    })
}

/// The suffixes [`SUFFIXES`] as CamelCase methods end with them (`DescribeInstancesWithChan`).
const CAMEL_SUFFIXES: &[&str] = &["Async", "WithChan", "WithCallback", "WithOptions"];

/// A quick look, with no allocation, at whether an identifier has the shape [`api_of_identifier`] reads: parts of
/// one separator each starting with a letter, or a CamelCase name ending with an SDK suffix. Most words of a long
/// log have neither.
fn may_be_spelled(word: &str) -> bool {
    let b = word.as_bytes();
    let sep = match (b.contains(&b'_'), b.contains(&b'-')) {
        (true, false) => b'_',
        (false, true) => b'-',
        (false, false) => return CAMEL_SUFFIXES.iter().any(|s| word.len() > s.len() + 4 && word.ends_with(s)),
        (true, true) => return false,
    };
    // Each part a word: letters, a version's digits only at its end (`list_objects_v2`), so ids (`lb-uf6ouq…`) and
    // dates are no names.
    word.split(sep as char).all(|p| {
        let letters = p.bytes().take_while(u8::is_ascii_alphabetic).count();
        letters > 0 && letters <= 24 && p.bytes().skip(letters).all(|c| c.is_ascii_digit())
    })
}

/// The API name an identifier may write, its SDK suffix left out: `create_disk` → `createdisk` (looked up ignoring
/// case), `DescribeInstancesWithChan` → `DescribeInstances`; `None` for one word, a mix of separators or a plain
/// CamelCase word (read as an API already by the rules above).
fn api_of_identifier(word: &str) -> Option<String> {
    let sep = match (word.contains('_'), word.contains('-')) {
        (true, false) => '_',
        (false, true) => '-',
        (false, false) => return camel_with_suffix(word),
        (true, true) => return None,
    };
    let mut parts: Vec<&str> = word.split(sep).collect();
    if parts.iter().any(|p| p.is_empty() || !p.as_bytes()[0].is_ascii_alphabetic()) {
        return None;
    }
    strip_suffix(&mut parts, |p, s| p.eq_ignore_ascii_case(s));
    (2..=MAX_WORDS).contains(&parts.len()).then(|| parts.concat())
}

/// Cuts the SDK suffixes ([`SUFFIXES`]) off `parts`, compared by `same`: `…_with_options_async` loses both.
fn strip_suffix(parts: &mut Vec<&str>, same: impl Fn(&str, &str) -> bool) {
    while let Some(suffix) = SUFFIXES.iter().find(|suffix| {
        parts.len() > suffix.len()
            && parts[parts.len() - suffix.len()..].iter().zip(suffix.iter()).all(|(p, s)| same(p, s))
    }) {
        parts.truncate(parts.len() - suffix.len());
    }
}

/// `DescribeInstancesWithChan` → `describeinstances`: a CamelCase word with an SDK suffix, cut (looked up ignoring
/// case); `None` without one (`…Request` is read by the rules above).
fn camel_with_suffix(word: &str) -> Option<String> {
    if word.len() > 100 || !word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    if !CAMEL_SUFFIXES.iter().any(|s| word.ends_with(s)) || !word.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let snake = snake(word);
    let mut parts: Vec<&str> = snake.split('_').collect();
    let before = parts.len();
    strip_suffix(&mut parts, |p, s| p == s && s != "request");
    (parts.len() < before && (2..=MAX_WORDS).contains(&parts.len())).then(|| parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_the_methods() {
        assert_eq!(snake("PutObjectFromFile"), "put_object_from_file");
        assert_eq!(snake("SignURL"), "sign_url");
        assert_eq!(snake("GetObjectWithURL"), "get_object_with_url");
        assert_eq!(snake("ListV2"), "list_v2");
        assert_eq!(snake("DescribeDBInstances"), "describe_db_instances");
    }

    #[test]
    fn identifiers_written_otherwise() {
        let of = |w: &str| api_of_identifier(w);
        assert_eq!(of("create_disk").as_deref(), Some("createdisk"));
        assert_eq!(of("describe-instances").as_deref(), Some("describeinstances"));
        assert_eq!(of("describe_instances_request").as_deref(), Some("describeinstances"));
        assert_eq!(of("describe_instances_with_options_async").as_deref(), Some("describeinstances"));
        assert_eq!(of("DescribeInstancesWithChan").as_deref(), Some("describeinstances"));
        assert_eq!(of("DescribeInstancesAsync").as_deref(), Some("describeinstances"));
        assert_eq!(of("SwitchDBInstanceHAWithChan").as_deref(), Some("switchdbinstanceha"));
        // One word, a plain CamelCase name, a Request class (read above), a mix of separators: none.
        for w in ["create", "upload_", "DescribeInstances", "DescribeInstancesRequest", "create_disk-x", "Async"] {
            assert_eq!(of(w.trim_matches(['_', '-'])), None, "{w}");
        }
    }

    #[test]
    fn one_word_methods_only_on_an_oss_client() {
        let op = |t: &str| oss_method_in(t).map(|r| r.operation);
        assert_eq!(op("client.copy throw 403"), Some("CopyObject"));
        assert_eq!(op("at Client.get (/app/node_modules/ali-oss/lib/object.js:1:1)"), Some("GetObject"));
        assert_eq!(op("await this.ossClient.put(name, file)"), Some("PutObject"));
        for t in [
            "map.get(key)",
            "copy the file",
            "client.get.bind(client)",
            "requests.put(url)",
            "get",
            "httpClient.get(url)",
            "apiClient.delete(id)",
            "bucketList.copy()",
            "at async Client.get (/app/node_modules/undici/lib/client.js:1:1)",
        ] {
            assert_eq!(op(t), None, "{t}");
        }
        // Longer names stand anywhere, whole.
        assert_eq!(op("PutObjectFromFile:oss: service returned error"), Some("PutObject"));
        assert_eq!(op("bucket.put_object_from_file('k', 'f')"), Some("PutObject"));
        assert_eq!(op("MyPutObjectFromFileHelper"), None);
    }
}
