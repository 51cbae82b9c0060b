//! Sweep: the call an OSS error echoes names its RAM action (rules `oss-string-to-sign` and `oss-request`). For every
//! OSS API the catalog knows with a method and a path, the request is built the way OSS's signature documentation
//! builds it, in both signature versions: V1's `<StringToSign>` ends with the canonical resource `/bucket/key?sub`;
//! V4's `<StringToSign>` holds only a hash, and the `<CanonicalRequest>` beside it starts with the method, the URI
//! and the sorted query (`acl=`). Object keys carry `+` and `%2F`. Each must give the API's RAM action (through the
//! operations table: `PutBucketTags` → `oss:PutBucketTagging`), or, where the documented request has the same
//! method and path as another API's (`PUT /{key}`: PutObject, CopyObject, UploadPart), one of theirs.

use std::collections::BTreeSet;

use ram_doctor_core::catalog::Api;
use ram_doctor_core::{diagnose, Kind};

mod common;

/// The multipart calls whose documented request carries `uploadId` (OSS API reference), which the metadata's
/// paths leave out.
const UPLOAD_ID: &[&str] = &["UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload", "ListParts"];

/// Parameters the documented requests carry in the query beside their sub-resource, which the metadata's paths
/// leave out (OSS API reference): the retention policy's id, the inventory's, the image style's, the rule's.
const QUERY_PARAMETERS: &[(&str, &str)] = &[
    ("CompleteBucketWorm", "wormId=1666E2CFB2B3418"),
    ("ExtendBucketWorm", "wormId=1666E2CFB2B3418"),
    ("GetBucketInventory", "inventoryId=report1"),
    ("PutBucketInventory", "inventoryId=report1"),
    ("DeleteBucketInventory", "inventoryId=report1"),
    ("GetStyle", "styleName=imagestyle"),
    ("PutStyle", "styleName=imagestyle"),
    ("DeleteStyle", "styleName=imagestyle"),
    ("GetBucketReplicationProgress", "rule-id=test_replication_1"),
];

/// The APIs OSS answers on its service host (no bucket in the canonical resource).
const SERVICE: &[&str] = &[
    "ListBuckets",
    "DescribeRegions",
    "PutPublicAccessBlock",
    "GetPublicAccessBlock",
    "DeletePublicAccessBlock",
    "InitUserAntiDDosInfo",
    "UpdateUserAntiDDosInfo",
];

/// An OSS signature error's XML body with a V1 string-to-sign.
fn v1(method: &str, resource: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  <Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>\n  <RequestId>1</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <StringToSign>{method}\n\napplication/octet-stream\nWed, 06 Dec 2026 10:00:00 GMT\n{resource}</StringToSign>\n</Error>"
    )
}

/// The same with a V4 string-to-sign and its canonical request.
fn v4(method: &str, uri: &str, query: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  <Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>\n  <RequestId>1</RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <StringToSign>OSS4-HMAC-SHA256\n20261206T100000Z\n20261206/cn-hangzhou/oss/aliyun_v4_request\n0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0</StringToSign>\n  <CanonicalRequest>{method}\n{uri}\n{query}\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20261206T100000Z\n\n\nUNSIGNED-PAYLOAD</CanonicalRequest>\n</Error>"
    )
}

/// `/{key}?acl` with its placeholders filled (`{key}` an encoded key with a folder), the query's own parameters
/// ([`QUERY_PARAMETERS`]) and the multipart `uploadId` where the call documents one: the path part and the query's
/// `key[=value]` pairs.
fn filled(api: &Api) -> (String, Vec<String>) {
    let path = api.path.as_deref().unwrap_or("/");
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let p = p.replace("{key}", "dir/a+b%2Fc.txt").replace("{channel}", "live1").replace("{playlist}", "list.m3u8");
    let mut query: Vec<String> = q.split('&').filter(|s| !s.is_empty()).map(str::to_string).collect();
    query.extend(QUERY_PARAMETERS.iter().filter(|(name, _)| *name == api.name).map(|(_, kv)| kv.to_string()));
    if UPLOAD_ID.contains(&api.name.as_str()) {
        query.push("uploadId=0004B9894A22E5B1888A1E29F823****".to_string());
        if api.name == "UploadPart" {
            query.push("partNumber=1".to_string());
        }
    }
    (p, query)
}

#[test]
fn every_documented_oss_request_names_its_action_in_both_signature_versions() {
    let catalog = common::full_catalog();
    // Same method and path: the request alone cannot tell these apart.
    let (apis, shape) = common::oss_request_shapes(catalog);
    let (mut right, mut missed) = (0, Vec::new());
    for a in apis.iter().filter(|a| a.method.is_some() && a.path.is_some()) {
        let method = a.method.as_deref().unwrap().to_ascii_uppercase();
        let mut allowed = shape[&(method.clone(), a.path.clone().unwrap())].clone();
        if UPLOAD_ID.contains(&a.name.as_str()) {
            allowed = BTreeSet::from([a.action.clone()]);
        }
        let (path, mut query) = filled(a);
        let bucket = if SERVICE.contains(&a.name.as_str()) { "" } else { "/examplebucket" };
        let v1_resource = {
            let base = format!("{bucket}{path}");
            if query.is_empty() {
                base
            } else {
                format!("{base}?{}", query.join("&"))
            }
        };
        query.sort();
        let v4_query: Vec<String> =
            query.iter().map(|kv| if kv.contains('=') { kv.clone() } else { format!("{kv}=") }).collect();
        for (form, text) in
            [("v1", v1(&method, &v1_resource)), ("v4", v4(&method, &format!("{bucket}{path}"), &v4_query.join("&")))]
        {
            let d = diagnose(&text, catalog);
            let f = &d.findings[0];
            assert_eq!((f.kind, f.product.as_deref()), (Kind::Signature, Some("oss")), "{}: {text}", a.name);
            match f.actions.first() {
                Some(action) if allowed.contains(action) => right += 1,
                got => {
                    missed.push(format!("{form} {} {method} {v1_resource}: {got:?}, wanted one of {allowed:?}", a.name))
                }
            }
        }
    }
    assert!(missed.len() <= EXCEPTIONS.len() * 2, "{right} right, {} missed:\n{}", missed.len(), missed.join("\n"));
    for m in &missed {
        assert!(EXCEPTIONS.iter().any(|(name, _)| m.split(' ').nth(1) == Some(*name)), "{m}");
    }
    assert!(right >= 300, "{right}");
    eprintln!("{right} right, {} missed (exceptions)", missed.len());
}

/// APIs whose documented request has the same method and path as others' whose RAM actions differ, so the request
/// cannot say which (the catalog's paths and the operations table agree on that): each with why.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("CreateSelectObjectMeta", "`POST /{key}` is SelectObject's too; the real call's `x-oss-process=csv/meta` is left out of the metadata's path"),
    ("SelectObject", "`POST /{key}`, as CreateSelectObjectMeta (its `x-oss-process=csv/select` left out likewise)"),
    ("PutLiveChannel", "`PUT /{channel}?live` is PutLiveChannelStatus's too (whose `status=` the metadata's path leaves out)"),
    ("PutLiveChannelStatus", "as PutLiveChannel"),
];

#[test]
fn an_sdk_log_line_names_the_call_for_every_kind() {
    let catalog = common::full_catalog();
    // An object that does not exist is no permission error: the call is still a fact, and no grant follows.
    let text = "GET https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt?versionId=CAEQ\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>1</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    let f = &diagnose(text, catalog).findings[0];
    assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, Some("oss")));
    assert_eq!(f.actions, ["oss:GetObject"]);
    let text = "DELETE https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?cors\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>1</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    let f = &diagnose(text, catalog).findings[0];
    assert_eq!(f.actions, ["oss:DeleteBucketCors"]);
    // `GET /` on the region's service host lists the buckets; on a bucket's host, its objects.
    let text = "GET https://oss-cn-hangzhou.aliyuncs.com/\n<Error><Code>AccessDenied</Code><Message>The bucket you access does not belong to you.</Message><RequestId>1</RequestId><HostId>oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    assert_eq!(diagnose(text, catalog).findings[0].actions, ["oss:ListBuckets"]);
    let text = "GET https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?prefix=dir%2F&max-keys=100\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>1</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>";
    assert_eq!(diagnose(text, catalog).findings[0].actions, ["oss:ListObjects"]);
}

#[test]
fn another_products_error_beside_an_oss_request_keeps_its_own_call() {
    let catalog = common::full_catalog();
    // An ECS refusal printed under an OSS request line: the ECS error's product and action stand.
    let text = "GET https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt\n{\"RequestId\":\"1\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the specified resource, or this API doesn't support RAM.\",\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:DescribeInstances\"}}";
    let f = &diagnose(text, catalog).findings[0];
    assert_eq!(
        (f.product.as_deref(), f.actions.as_slice()),
        (Some("ecs"), ["ecs:DescribeInstances".to_string()].as_slice())
    );
    // A canonical request whose first line is no method is not read as one.
    let text = v4("put", "/examplebucket/a.txt", "");
    assert!(diagnose(&text, catalog).findings[0].actions.is_empty());
}

/// Every OSS operation whose RAM action is not named after it (the operations table, from OSS's table of APIs and
/// actions), with the request OSS's API reference documents for it: the method, whether a bucket is addressed, and
/// the path and query on the bucket's host. SDK names of one request (`DeleteObjects`, `CreateBucket`) share it.
const RENAMED: &[(&str, &str, bool, &str)] = &[
    ("GetService", "GET", false, "/"),
    ("CreateBucket", "PUT", true, "/"),
    ("GetBucket", "GET", true, "/"),
    ("GetBucketV2", "GET", true, "/?list-type=2"),
    ("ListObjectsV2", "GET", true, "/?list-type=2&prefix=dir%2F"),
    ("HeadObject", "HEAD", true, "/dir/a.txt"),
    ("GetObjectMeta", "HEAD", true, "/dir/a.txt?objectMeta"),
    ("GetObjectMetadata", "HEAD", true, "/dir/a.txt?objectMeta"),
    ("GetSymlink", "GET", true, "/dir/a.txt?symlink"),
    ("SelectObject", "POST", true, "/dir/a.csv?x-oss-process=csv%2Fselect"),
    ("CreateSelectObjectMeta", "POST", true, "/dir/a.csv?x-oss-process=csv%2Fmeta"),
    ("AppendObject", "POST", true, "/dir/a.txt?append&position=0"),
    ("PostObject", "POST", true, "/"),
    ("PutSymlink", "PUT", true, "/dir/a.txt?symlink"),
    ("InitiateMultipartUpload", "POST", true, "/dir/a.txt?uploads"),
    ("UploadPart", "PUT", true, "/dir/a.txt?partNumber=1&uploadId=0004B9894A22E5B1888A1E29F823"),
    ("CompleteMultipartUpload", "POST", true, "/dir/a.txt?uploadId=0004B9894A22E5B1888A1E29F823"),
    ("DeleteMultipleObjects", "POST", true, "/?delete"),
    ("DeleteObjects", "POST", true, "/?delete"),
    ("PutBucketTags", "PUT", true, "/?tagging"),
    ("GetBucketTags", "GET", true, "/?tagging"),
    ("DeleteBucketTags", "DELETE", true, "/?tagging"),
];

/// Sweep: each renamed operation's documented request, as an SDK's request line above OSS's refusal and as the V4
/// canonical request of a signature error, gives the action OSS documents for the operation (`POST /?delete`:
/// `oss:DeleteObject`, not the `oss:PutObject` a POST to a bucket otherwise reads as). The table covers every OSS
/// row of the operations table; its POSTs that do upload (`PostObject`, `?append`, `?uploads`) are the controls.
#[test]
fn every_renamed_oss_operation_gives_the_action_oss_documents() {
    use ram_doctor_core::catalog::ApiLookup;
    let catalog = common::full_catalog();
    let table = include_str!("../../../xtask/src/catalog/operations.tsv");
    for row in table.lines().skip(1).filter(|l| l.starts_with("oss\t")) {
        let operation = row.split('\t').nth(1).expect("an operation");
        assert!(RENAMED.iter().any(|r| r.0 == operation), "{operation} has no documented request here");
    }
    let mut wrong = Vec::new();
    for &(operation, method, bucket, path) in RENAMED {
        let ApiLookup::Found(_, api) = catalog.api("oss", operation) else { panic!("{operation}: not in the catalog") };
        let host = if bucket { "examplebucket.oss-cn-hangzhou.aliyuncs.com" } else { "oss-cn-hangzhou.aliyuncs.com" };
        let line = format!("{method} https://{host}{path}\n<Error><Code>AccessDenied</Code><Message>You have no right to access this object because of bucket acl.</Message><RequestId>1</RequestId><HostId>{host}</HostId></Error>");
        let (p, q) = path.split_once('?').unwrap_or((path, ""));
        let mut query: Vec<String> = q
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| if kv.contains('=') { kv.into() } else { format!("{kv}=") })
            .collect();
        query.sort();
        let uri = if bucket { format!("/examplebucket{p}") } else { p.to_string() };
        for (form, text) in [("request line", line), ("v4", v4(method, &uri, &query.join("&")))] {
            let f = &diagnose(&text, catalog).findings[0];
            if f.actions != [api.action.clone()] {
                wrong.push(format!("{form} {operation} {method} {path}: {:?}, wanted {}", f.actions, api.action));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
