//! Which product an error is about: stated (an action prefix, an ARN), structural (the host that answered, an SDK
//! package, a `product=` link, the OSS XML shape), or contextual (Terraform resource types, Packer builders, product
//! names near a console message).

use std::sync::OnceLock;

use super::reason::Reason;
use crate::finding::{Kind, ProductGuess};
use crate::read::phrases::Phrase;
use crate::read::{Field, Key, RawError};
use crate::text::{self, Text};
use crate::Catalog;

/// The product chosen for an error, the span that said so, and why.
pub struct Pick {
    pub ram_code: String,
    pub start: usize,
    pub end: usize,
    pub reason: Reason,
}

impl Pick {
    fn at(ram_code: String, f: &Field, reason: Reason) -> Self {
        Pick { ram_code, start: f.start, end: f.end, reason }
    }
}

/// The product of an error, strongest evidence first; `context` is the whole text's hints (for a lone error);
/// `steps` the tool steps whose words stand around the error ([`super::tool_steps::standing_in`]).
pub fn pick(
    raw: &RawError,
    kind: Kind,
    context: &[Field],
    text: &str,
    lines: &str,
    steps: &[&'static super::tool_steps::ToolStep],
    catalog: &Catalog,
) -> Option<Pick> {
    // A missing service role belongs to the product that needs it, whatever action the message names.
    if kind == Kind::ServiceRoleMissing {
        if let Some(code) = raw.get(Key::Code) {
            if let Some(role) = catalog.service_role_for_error(&code.value) {
                return Some(Pick::at(role.product.clone(), code, Reason::ServiceRole(role.role_name.clone())));
            }
            if let Some((_, name)) = code.value.split_once('.') {
                if let Some(p) = role_product(name, catalog) {
                    return Some(Pick::at(p, code, Reason::ServiceRole(name.to_string())));
                }
            }
        }
        // `The role not exists: acs:ram::1:role/aliyuncsdefaultrole.`: the role's name in the ARN, without the
        // sentence's closing punctuation.
        for f in raw.all(Key::Resource).chain(raw.all(Key::Message)) {
            if let Some((_, name)) = f.value.split_once(":role/") {
                let name = name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).next();
                if let Some(role) = name.and_then(|n| catalog.service_role(n)) {
                    return Some(Pick::at(role.product.clone(), f, Reason::ServiceRole(role.role_name.clone())));
                }
            }
        }
        for f in raw.all(Key::RoleName) {
            if let Some(p) = role_product(&f.value, catalog) {
                return Some(Pick::at(p, f, Reason::ServiceRole(f.value.clone())));
            }
        }
        // Rule `role-code-names-product`: a code only one product documents for its missing service role
        // (`NoSetRoletoECSServiceAcount`, "ECS service account have no right to access your OSS" is ECS's, whose
        // import needs the role; not OSS's, whose bucket the message names). Never the gateway's codes.
        for f in raw.all(Key::Code).take(4) {
            if crate::diagnose::rules::is_gateway_code(&f.value.to_ascii_lowercase()) {
                continue;
            }
            if let Some(p) = catalog.sole_code_owner(&f.value) {
                return Some(Pick::at(p, f, Reason::Code(f.value.clone())));
            }
        }
    }
    // Rule `answer-shape`: a response or SDK error shape only one product prints says that product answered,
    // whatever role it then failed to assume or resource it named.
    let shape = answer_shape(lines, raw.value(Key::Code), catalog);
    // Only a shape that ranks above hosts (Function Compute's SDK sentence) answers for a refused AssumeRole; SLS's
    // body shape never overrides STS.
    let (shape, below_hosts) = match shape {
        Some((_, _, true)) => (None, shape),
        _ => (shape, None),
    };
    if let (Some((needle, p, _)), Kind::AssumeRole) = (shape, kind) {
        return Some(shape_pick(raw, needle, p));
    }
    // Rule `service-may-not-assume`: a service told it may not assume the role it was given (Function Compute's
    // "No permission to assume the role '<arn>' for you", answered to a call of its own API) is that service's
    // refusal: neither STS, which the caller never called, nor RAM, whose role ARN the message names, is the product.
    let service_assumes = service_may_not_assume(raw, text);
    // A refused AssumeRole is STS's, whatever role ARN the message names.
    if kind == Kind::AssumeRole
        && !service_assumes
        && raw.all(Key::AuthAction).chain(raw.all(Key::Action)).all(|a| a.value.starts_with("sts:"))
    {
        if let Some(f) = raw.get(Key::Code).or(raw.fields.first()) {
            return Some(Pick::at("sts".to_string(), f, Reason::Action("sts:AssumeRole".to_string())));
        }
    }
    for f in raw.all(Key::AuthAction).chain(raw.all(Key::Action)).filter(|_| !service_assumes) {
        // A RAM code the catalog does not know (`nosuchproduct:ListInstances`) names no product.
        if let Some((p, _)) = f.value.split_once(':').filter(|(p, _)| names_product(catalog, p)) {
            return Some(Pick::at(p.to_ascii_lowercase(), f, Reason::Action(f.value.clone())));
        }
    }
    for f in raw.all(Key::AuthResource).chain(raw.all(Key::Resource)).filter(|_| !service_assumes) {
        if let Some(svc) = f.value.strip_prefix("acs:").and_then(|r| r.split(':').next()).filter(|s| !s.is_empty()) {
            return Some(Pick::at(svc.to_ascii_lowercase(), f, Reason::ResourceArn(f.value.clone())));
        }
    }
    for f in raw.all(Key::HostId) {
        if let Some(p) = host_product(&f.value, catalog) {
            return Some(Pick::at(p, f, Reason::Host(f.value.clone())));
        }
    }
    // A service role the catalog knows, named by the error's code or message (`EntityNotExist.AliyunDRDSDefaultRole`,
    // "the role AliyunServiceRoleForCEN …"): the product that owns the role. Not a role in an ARN (`assumed-role/
    // AliyunCSDefaultRole/…` is who called, not what was denied).
    for f in raw.all(Key::RoleName) {
        let Some(role) = catalog.service_role(&f.value) else { continue };
        let said = raw
            .all(Key::Code)
            .chain(raw.all(Key::Message))
            .any(|m| m.value.find(f.value.as_str()).is_some_and(|at| !m.value[..at].ends_with('/')));
        if said {
            return Some(Pick::at(role.product.clone(), f, Reason::ServiceRole(role.role_name.clone())));
        }
    }
    // One service checking the caller's access to another's resource: the resource's product was denied.
    // The first few messages say it; an error with thousands of fields (one long line) is not read further.
    for f in raw.all(Key::Message).take(8) {
        if let Some((word, p)) = resource_word(&f.value) {
            return Some(Pick::at(p.to_string(), f, Reason::Marker(word.to_string())));
        }
    }
    // Below the resource words: FC answering that the caller may not reach a logstore is Simple Log Service's refusal.
    if let Some((needle, p, _)) = shape {
        return Some(shape_pick(raw, needle, p));
    }
    // Rule `not-activated-names-service`: a product not activated is the one the error's own words name before
    // "service" (OSS's `UbsmsInvalidBid`, "Your account partner does not have KMS Service": KMS is what to activate,
    // though OSS answered), above the owner of an OSS code; below hosts, resource words and answer shapes, and never
    // over a code whose prefix is one product's own (`isv.`, `OTS…`).
    let own_prefix =
        raw.all(Key::Code).any(|f| !uncatalogued_oss_code(&f.value) && code_prefix_product(&f.value).is_some());
    if kind == Kind::NotActivated && !own_prefix {
        if let Some((word, p)) = code_before_service(text::slice(text, raw.start, raw.end), catalog) {
            return Some(Pick {
                ram_code: p,
                start: raw.start,
                end: raw.end,
                reason: Reason::Marker(word.to_string()),
            });
        }
    }
    // Code prefixes only one product uses (`isv.…` of the SMS and Voice services, `SLS…`).
    // A code the catalog lists for one other product is that product's (Cloud SIEM's `SLS.Ship.Error`): rule
    // `code-names-product` below.
    // OSS's codes the catalog lacks count where the error states them only as a word of its prose.
    let uncatalogued = raw.all(Key::CodeCandidate).filter(|f| uncatalogued_oss_code(&f.value));
    for f in raw.all(Key::Code).take(8).chain(uncatalogued.take(1)) {
        if let Some(p) = code_prefix_product(&f.value) {
            if catalog.sole_code_owner(&f.value).is_some_and(|o| o != p) {
                continue;
            }
            let p = if p == "dysms" && is_about_calls(raw, lines) { VOICE } else { p };
            return Some(Pick::at(p.to_string(), f, Reason::Marker(f.value.clone())));
        }
    }
    // Rule `tool-sentence`: a fixed sentence only one tool, client or product prints, about one product (lego's
    // `alicloud: some credentials information are missing`, Packer's `No alicloud image was found matching filters`).
    if let Some((f, p)) = raw.all(Key::Phrase).find_map(|f| Some((f, crate::read::phrases::printer(text, f)?))) {
        let sentence = text.get(f.start..f.end).unwrap_or_default().to_string();
        let reason = Reason::ToolSentence { tool: p.tool.to_string(), sentence };
        return Some(Pick::at(p.ram_code.to_string(), f, reason));
    }
    if let Some(f) = raw.all(Key::ProductHint).next() {
        return Some(Pick::at(code_product(&f.value, catalog), f, Reason::Marker(f.value.clone())));
    }
    for f in raw.all(Key::Host) {
        if let Some(p) = host_product(&f.value, catalog) {
            return Some(Pick::at(p, f, Reason::Host(f.value.clone())));
        }
    }
    // Simple Log Service's body shape: below every host, stated action, code prefix and hint the error carries.
    if let Some((needle, p, _)) = below_hosts {
        return Some(shape_pick(raw, needle, p));
    }
    if let Some(pick) = rpc_call_product(raw, catalog) {
        return Some(pick);
    }
    if let Some(pick) = own_code(raw, context, catalog) {
        return Some(pick);
    }
    if let Some(pick) = stated_action(raw, lines, catalog) {
        return Some(pick);
    }
    // An `<Error>` XML body with nothing else to go on: OSS is the service that answers in this shape.
    if let Some(f) = raw.all(Key::Header).find(|f| f.value == "xml-error") {
        return Some(Pick::at("oss".to_string(), f, Reason::OssXml));
    }
    // "FnF service is not enabled": the message names the product's code before the word "service".
    if let Some((word, p)) = code_before_service(lines, catalog) {
        return Some(Pick { ram_code: p, start: raw.start, end: raw.end, reason: Reason::Marker(word.to_string()) });
    }
    let api = raw.value(Key::Api);
    for f in raw.all(Key::ProductContext) {
        if let Some(p) = context_product(&f.value, api, catalog) {
            return Some(Pick::at(p, f, context_reason(f, text)));
        }
    }
    for key in [Key::ProductHint, Key::ProductContext] {
        for f in context.iter().filter(|f| f.key == key) {
            let (p, reason) = if key == Key::ProductHint {
                (Some(code_product(&f.value, catalog)), Reason::Marker(f.value.clone()))
            } else {
                (context_product(&f.value, api, catalog), context_reason(f, text))
            };
            if let Some(p) = p {
                return Some(Pick::at(p, f, reason));
            }
        }
    }
    // An API name alone (`DescribeVSwitches`), when only one product's loaded APIs have it.
    if let Some(f) = raw.get(Key::Api) {
        let owners = catalog.ram_codes_with_api(&f.value);
        if let [only] = owners.as_slice() {
            return Some(Pick::at(only.to_string(), f, Reason::Api(f.value.clone())));
        }
        if let Some((p, named)) = shared_api_owner_named(&owners, lines) {
            return Some(Pick::at(p.to_string(), f, Reason::SharedApiNamed { api: f.value.clone(), named }));
        }
    }
    // Rule `tool-step`: a tool's own words for the step it failed at, when they name the product (`failed on
    // describe private zones` is PrivateZone's): below every API, host or code the text states.
    if let Some(s) = super::tool_steps::choose(steps, None) {
        let reason = Reason::ToolStep { tool: s.tool.to_string(), words: s.shown_words() };
        return Some(Pick { ram_code: s.ram_code.to_string(), start: raw.start, end: raw.end, reason });
    }
    // A code-shaped word in prose counts when the catalog documents it (`TeaException: code: 401, <Code> request`).
    for f in raw.all(Key::Code).take(8).chain(raw.all(Key::CodeCandidate).take(8)) {
        if let Some(p) = documented_code_product(&f.value, &raw.message_text(), catalog) {
            return Some(Pick::at(p, f, Reason::Marker(f.value.clone())));
        }
    }
    None
}

/// Whether a RAM code may name a product: one the catalog knows; any, with a catalog that knows none (nothing to
/// judge by).
pub(crate) fn names_product(catalog: &Catalog, ram_code: &str) -> bool {
    catalog.known_ram_code(ram_code) || catalog.ram_codes().next().is_none()
}

/// Whether the error is a service's own refusal to assume the role it was given: its `sts:AssumeRole` read from the
/// sentence a service prints ("No permission to assume the role … for you"), not from a refusal STS printed.
pub(crate) fn service_may_not_assume(raw: &RawError, text: &str) -> bool {
    raw.all(Key::Action).any(|f| {
        f.value == "sts:AssumeRole"
            && text.get(f.start..f.end).is_some_and(|t| t.eq_ignore_ascii_case("no permission to assume the role"))
    })
}

/// One product's own error shape: what marks it in the error's lines, every mark needed, and the product.
struct AnswerShape {
    marks: &'static [&'static str],
    /// Words that say another product's record holds the same marks.
    not: &'static [&'static str],
    /// Whether the product's codes in this shape may have a dot (`Forbidden.RAM`, the OpenAPI gateway's).
    dotted_codes: bool,
    /// What else the error must show besides the marks (the lines, the error's code, the catalog).
    also: fn(&str, Option<&str>, &Catalog) -> bool,
    /// Whether the shape ranks below the hosts, stated actions and code prefixes an error carries (key names other
    /// printers share), not above them (a sentence only the product's own SDK prints).
    below_hosts: bool,
    /// What the reason shows.
    shown: &'static str,
    product: &'static str,
}

/// Rule `answer-shape`: error shapes only one product prints, each read from its documentation or SDK source.
const ANSWER_SHAPES: &[AnswerShape] = &[
    // Simple Log Service's error body (its API reference, "Error codes": `{"errorCode": …, "errorMessage": …}`, in
    // lower camel case; Function Compute's `ErrorCode`/`ErrorMessage` are capitalised), raw or JSON-escaped. Not in
    // an ActionTrail event record, whose `errorCode`/`errorMessage` stand beside the `eventSource` that answered, nor
    // with a dotted code (the OpenAPI gateway's `Forbidden.RAM`): SLS's documented codes are single words
    // (`Unauthorized`, `SignatureNotMatch`). Other printers (application logs, Java web handlers) use these key names
    // too, so the body counts only with one of SLS's documented codes or its own resource words, and below any host
    // or stated action.
    AnswerShape {
        marks: &[r#""errorCode""#, r#""errorMessage""#],
        shown: "errorCode/errorMessage",
        not: &["eventSource"],
        dotted_codes: false,
        also: sls_own,
        below_hosts: true,
        product: "log",
    },
    AnswerShape {
        marks: &[r#"\"errorCode\""#, r#"\"errorMessage\""#],
        shown: "errorCode/errorMessage",
        not: &["eventSource"],
        dotted_codes: false,
        also: sls_own,
        below_hosts: true,
        product: "log",
    },
    // Function Compute's Node.js SDK (`@alicloud/fc2`, which Serverless Devs and funcraft use): `POST /services failed
    // with 403. requestid: <id>, message: <ErrorMessage>.` (`lib/client.js`, its request function).
    AnswerShape {
        marks: &[" failed with ", ". requestid: ", ", message: "],
        shown: "failed with … requestid:",
        not: &[],
        dotted_codes: true,
        also: |lines, _, _| fc_status_follows(lines),
        below_hosts: false,
        product: "fc",
    },
    // MaxCompute's Java SDK (`odps-sdk`): its request signers (`com.aliyun.odps.account.AliyunRequestSigner`,
    // `ApsaraRequestSigner`) refuse an empty key with `AccessId should not be empty.`; no other SDK spells its key
    // `AccessId` in this sentence.
    AnswerShape {
        marks: &["AccessId should not be empty"],
        shown: "AccessId should not be empty",
        not: &[],
        dotted_codes: true,
        also: |_, _, _| true,
        below_hosts: false,
        product: "odps",
    },
    // MaxCompute's refusal of a source address its project's IP allowlist lacks (its "Manage IP address whitelists";
    // Hologres's foreign-table FAQ quotes it: `Access denied by project ip white list: sourceIP:'…' is not in white
    // list. project: …`), whichever service (Hologres, a Log Service shipper) made the call.
    AnswerShape {
        marks: &["Access denied by project ip white list"],
        shown: "Access denied by project ip white list",
        not: &[],
        dotted_codes: true,
        also: |_, _, _| true,
        below_hosts: false,
        product: "odps",
    },
];

/// Simple Log Service's common error codes (its API reference, "Error codes"), the ones its body shape may carry.
/// The gateway's `Forbidden`/`NoPermission` are not among them.
const SLS_CODES: &[&str] = &[
    "SignatureNotMatch",
    "ProjectNotExist",
    "ProjectAlreadyExist",
    "ProjectForbidden",
    "LogStoreNotExist",
    "LogStoreAlreadyExist",
    "LogStoreWithoutShard",
    "ShardNotExist",
    "InvalidCompressType",
    "InvalidBodyRawSize",
    "InvalidAPIVersion",
    "MissingBodyRawSize",
    "MissingAPIVersion",
    "PostBodyInvalid",
    "PostBodyTooLarge",
    "PostBodyUncompressError",
    "WriteQuotaExceed",
    "ReadQuotaExceed",
    "ShardWriteQuotaExceed",
    "ShardReadQuotaExceed",
];

/// Simple Log Service's own resource words (`logstore`, `project`), in any case.
const SLS_WORDS: &[&str] = &["logstore", "project"];

/// Whether an `errorCode`/`errorMessage` body is SLS's own: no other product's `product:Action` stated in it, and one
/// of SLS's documented codes ([`SLS_CODES`], or one the catalog lists for it) or its resource words.
fn sls_own(lines: &str, code: Option<&str>, catalog: &Catalog) -> bool {
    if other_product_action(lines, "log", catalog) {
        return false;
    }
    let documented = code.is_some_and(|c| {
        SLS_CODES.iter().any(|k| k.eq_ignore_ascii_case(c)) || catalog.sole_code_owner(c).as_deref() == Some("log")
    });
    documented || SLS_WORDS.iter().any(|w| text::contains_ignore_ascii_case(lines, w))
}

/// The `product:Action` words (`hologram:ListInstances`, `oss:PutObject`) standing in `lines`, each with its
/// product: a RAM code the catalog knows, a colon, and an action that starts with a capital (or is `*`).
fn action_words<'l>(lines: &'l str, catalog: &'l Catalog) -> impl Iterator<Item = (&'l str, &'l str)> + 'l {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '*';
    lines.split(move |c: char| !is_part(c)).filter_map(move |w| {
        let (p, a) = w.split_once(':')?;
        let ok = a.starts_with(|c: char| c.is_ascii_uppercase() || c == '*')
            && a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'*')
            && catalog.known_ram_code(&p.to_ascii_lowercase());
        ok.then_some((p, w))
    })
}

/// Rule `stated-action-names-product`: a RAM action written out in the error's lines (a console's "请授予 …
/// “hologram:ListInstances” 权限", a denial that quotes the action) that the readers did not take as the error's
/// field names the product it belongs to, below every host, code and stated field; not when the lines write
/// actions of several products.
fn stated_action(raw: &RawError, lines: &str, catalog: &Catalog) -> Option<Pick> {
    // Another cloud's ARN (`arn:aws:iam::…`; Alibaba Cloud's start `acs:`) says the action is that cloud's.
    if lines.contains("arn:") || raw.all(Key::OtherCloud).next().is_some() {
        return None;
    }
    // Not an action the user says they already hold (`The RAM user already has ram:ListUsers; the console …`).
    let mut found = action_words(lines, catalog).filter(|(p, _)| {
        let at = p.as_ptr() as usize - lines.as_ptr() as usize;
        let head = &lines[..at];
        let clause = head.rfind(['\n', '。', '；', ';', '.']).map_or(head, |i| &head[i..]);
        !crate::read::generic::tells_granted(clause)
    });
    let (product, action) = found.next()?;
    if found.any(|(p, _)| !p.eq_ignore_ascii_case(product)) {
        return None;
    }
    let reason = Reason::Action(action.to_string());
    Some(Pick { ram_code: product.to_ascii_lowercase(), start: raw.start, end: raw.end, reason })
}

/// Whether the lines state an action (`ecs:DescribeInstances`) of a catalog product other than `own`.
fn other_product_action(lines: &str, own: &str, catalog: &Catalog) -> bool {
    lines.split(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '*')).any(|w| {
        w.split_once(':').is_some_and(|(p, a)| {
            !p.eq_ignore_ascii_case(own)
                && a.starts_with(|c: char| c.is_ascii_uppercase())
                && catalog.known_ram_code(&p.to_ascii_lowercase())
        })
    })
}

/// The product whose own error shape the error's lines show ([`ANSWER_SHAPES`]), with what showed it and whether it
/// ranks below hosts.
fn answer_shape(lines: &str, code: Option<&str>, catalog: &Catalog) -> Option<(&'static str, &'static str, bool)> {
    let dotted = code.is_some_and(|c| c.contains('.'));
    ANSWER_SHAPES
        .iter()
        .find(|s| {
            s.marks.iter().all(|m| lines.contains(m))
                && (s.dotted_codes || !dotted)
                && !s.not.iter().any(|m| lines.contains(m))
                && (s.also)(lines, code, catalog)
        })
        .map(|s| (s.shown, s.product, s.below_hosts))
}

/// The pick of an answer shape: the whole error, marked by what showed the shape.
fn shape_pick(raw: &RawError, needle: &str, product: &str) -> Pick {
    Pick { ram_code: product.to_string(), start: raw.start, end: raw.end, reason: Reason::Marker(needle.to_string()) }
}

/// Whether ` failed with ` is followed by a three-digit status and `. requestid: ` (the FC SDK's words exactly).
fn fc_status_follows(lines: &str) -> bool {
    text::find_all(lines, " failed with ").any(|at| {
        let rest = &lines[at + " failed with ".len()..];
        rest.len() > 3 && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit) && rest[3..].starts_with(". requestid: ")
    })
}

/// Rule `rpc-string-to-sign`: the product whose API version (`Version=2014-05-26`, ECS's) the signed request of an
/// RPC string-to-sign carries; when products share the version, the one of them that has the request's `Action`.
fn rpc_call_product(raw: &RawError, catalog: &Catalog) -> Option<Pick> {
    let (f, api, version) = super::action::rpc_signed_call(raw)?;
    let version = version?;
    let with_version: Vec<&str> =
        catalog.products().iter().filter(|p| p.versions.contains(&version)).map(|p| p.ram_code.as_str()).collect();
    let product = match with_version.as_slice() {
        [only] => only.to_string(),
        [] => return None,
        several => {
            let with_api = catalog.ram_codes_with_api(&api);
            match several.iter().filter(|c| with_api.contains(c)).collect::<Vec<_>>().as_slice() {
                [only] => only.to_string(),
                _ => return None,
            }
        }
    };
    Some(Pick::at(product, f, Reason::Marker(format!("Action={api}, Version={version}"))))
}

/// Rule `code-of-one-product`: the product of a code only one product documents. An ordinary code counts when the
/// text shows its documented message too (`InvalidParameter.RoleSessionName`, "The parameter RoleSessionName is
/// wrongly formed." is STS's); a permission or account-state code the catalog classifies counts by itself when a
/// qualifier makes it the product's own (`InvalidParam.NoPermission` is DevOps's). The gateway's codes
/// (`Forbidden.RAM`, `NoPermission`, `AccessDenied…`) and key, signature and token codes never do: every product
/// answers them, whichever product's table happens to list them.
fn documented_code_product(code: &str, message: &str, catalog: &Catalog) -> Option<String> {
    let e = catalog.error_code(code)?;
    let lower = code.to_ascii_lowercase();
    let shows_message = e
        .message
        .as_deref()
        .is_some_and(|m| m.len() >= 12 && message.contains(&m.trim_end_matches('.').to_lowercase()));
    let own = match e.kind {
        None => shows_message && !crate::diagnose::rules::is_permission_code(&lower),
        Some(kind) => !kind.is_credential_error() && !names_no_product(&lower),
    };
    let mut products: Vec<String> = e.products.iter().map(|p| code_product(p, catalog)).collect();
    products.sort_unstable();
    products.dedup();
    match products.as_slice() {
        [only] if own => Some(only.clone()),
        _ => None,
    }
}

/// Rule `code-names-product`: a code only one product documents (`QuotaExceed.PostPaidDisk` is ECS's,
/// `Forbidden.KeyNotFound` KMS's) names that product, for every kind of error: the product is a fact even when no
/// grant follows. It ranks below what says which service answered (the endpoint host, the gateway's echo of the
/// signed call, an SDK package; OpenAPI's gateway routes a request by its host, so the host's product is the one that
/// answered, whatever product's documentation lists the code), an API the text names that another product has,
/// and a Terraform resource type the text names whose calls (as the catalog lists them) go to other products only
/// (rule `terraform-calls-other-product`: `alicloud_slb_attachment` calls SLB alone, so its
/// `InvalidLoadBalancerId.NotFound` is SLB's whatever VPC's table lists it); and above the words around the message. Never the gateway's codes nor key, signature and token codes (every
/// product answers them), a code without a dot (`ServiceError`, `QpsOverLimit`: too generic to be one product's
/// whoever lists it), a code with a placeholder, or a generic one ([`Catalog::code_is_generic`]).
fn own_code(raw: &RawError, context: &[Field], catalog: &Catalog) -> Option<Pick> {
    // A code the catalog documents counts as a word of the prose too (`解密时为何出现 Forbidden.KeyNotFound 的错误`).
    let f = raw.all(Key::Code).take(8).chain(raw.all(Key::CodeCandidate).take(8)).find(|f| {
        let lower = f.value.to_ascii_lowercase();
        !names_no_product(&lower)
            && !f.value.contains('%')
            && catalog.error_code(&f.value).is_some_and(|e| !e.kind.is_some_and(|k| k.is_credential_error()))
            && !catalog.code_is_generic(&f.value)
    })?;
    let product = catalog.sole_code_owner(&f.value)?;
    // An API the text names that only other products have: that product answered (`code_is_generic` aside, a
    // product's documentation lists only some of the codes it returns).
    let other_api = raw.all(Key::Api).any(|a| {
        let with = catalog.ram_codes_with_api(&a.value);
        !with.is_empty() && !with.contains(&product.as_str())
    });
    let stated = raw.all(Key::ProductContext).chain(context.iter().filter(|c| c.key == Key::ProductContext));
    let other_resource = stated
        .filter_map(|c| catalog.terraform_products(&c.value))
        .any(|calls| !calls.iter().any(|p| p.eq_ignore_ascii_case(&product)));
    (!other_api && !other_resource).then(|| Pick::at(product, f, Reason::Code(f.value.clone())))
}

/// Rule `shared-api-owner-named`: an API several products have (`CreateLoadBalancer`: SLB, ALB, NLB, GWLB) names
/// the one of them whose code the error's own lines write as a name; not when they write several owners' codes, and
/// never RAM or STS, the permission system every error talks about (rule `permission-system-not-named-by-words`).
/// In capitals (`NLB`) the code is a name wherever it stands, unless it is a word that is never a product
/// ([`not_a_product`]). Written otherwise (`nlb`) it is a name only where the words make it one
/// ([`lower_code_named`]: beside an API verb, `create nlb error`, or in the product's host or SDK package) and of
/// three letters or more: many RAM
/// codes are ordinary words (`config`, `stream`, `domain`) that a sentence uses as such (`error while reading
/// config`, `ensure stream consumer`).
fn shared_api_owner_named<'c>(owners: &[&'c str], lines: &str) -> Option<(&'c str, String)> {
    if owners.len() < 2 {
        return None;
    }
    let b = lines.as_bytes();
    // Where words start, found once for every owner (an API like `TagResources` has dozens).
    let starts: Vec<usize> = (0..b.len())
        .filter(|&i| b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
        .collect();
    // Each owner the lines write as a word: as a name (`Some(true)`), or only as a word a sentence may use.
    let mut written = owners.iter().filter(|p| !PERMISSION_SYSTEM.contains(p)).filter_map(|&p| {
        let mut as_word = None;
        for &at in &starts {
            let end = at + p.len();
            let Some(w) = b.get(at..end).filter(|w| w.eq_ignore_ascii_case(p.as_bytes())) else { continue };
            if b.get(end).is_some_and(u8::is_ascii_alphanumeric) && !lower_code_named(b, at, end) {
                continue;
            }
            if w.iter().all(|c| !c.is_ascii_lowercase()) {
                if !not_a_product(&lines[at..end]) {
                    return Some((p, lines[at..end].to_string(), true));
                }
            } else if p.len() >= 3 && !not_a_product(p) {
                as_word = Some(as_word.unwrap_or(false) || lower_code_named(b, at, end));
            }
        }
        as_word.map(|named| (p, p.to_string(), named))
    });
    match (written.next(), written.next()) {
        (Some((p, word, true)), None) => Some((p, word)),
        _ => None,
    }
}

/// Whether a RAM code not in capitals, at `b[at..end]`, is written as a product's name: beside a verb an API name
/// starts with (`create nlb error`, `nlb create failed`, `delete_alb`), or in the product's endpoint host
/// (`nlb.cn-hangzhou.aliyuncs.com`) or versioned SDK package (`alibabacloud_nlb20220430`, `nlb-20220430`).
fn lower_code_named(b: &[u8], at: usize, end: usize) -> bool {
    /// Verbs that open Alibaba Cloud API names, as a tool's message says the step (`create`, `describe`).
    const VERBS: &[&str] = &[
        "create",
        "delete",
        "describe",
        "list",
        "get",
        "update",
        "modify",
        "add",
        "remove",
        "attach",
        "detach",
        "query",
        "enable",
        "disable",
        "start",
        "stop",
        "release",
        "bind",
        "unbind",
        "associate",
        "unassociate",
    ];
    let joiner = |c: &u8| matches!(c, b' ' | b'_' | b'-');
    let is_verb = |w: &[u8]| VERBS.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(w));
    let rest = &b[end..];
    // A versioned package: the code then the API version's date (`20220430`), joined or after `-`.
    let date = rest.strip_prefix(b"-").unwrap_or(rest);
    if date.len() >= 8 && date.starts_with(b"20") && date[..8].iter().all(u8::is_ascii_digit) {
        return true;
    }
    if rest.first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    // The endpoint host: `.` after the code, `aliyuncs.com` before the token ends.
    if rest.first() == Some(&b'.') {
        let token =
            rest.iter().position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'"' | b'\'')).unwrap_or(rest.len());
        if memchr::memmem::find(&rest[..token], b".aliyuncs.com").is_some() {
            return true;
        }
    }
    // The word after (past spaces, `_` or `-`), and the word before.
    let after = rest.iter().position(|c| !joiner(c)).unwrap_or(rest.len());
    let next = &rest[after..];
    let next = &next[..next.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(next.len())];
    let head = &b[..at];
    let gap = head.iter().rposition(|c| !joiner(c)).map_or(0, |i| i + 1);
    let prev = &head[..gap];
    let prev = &prev[prev.iter().rposition(|c| !c.is_ascii_alphabetic()).map_or(0, |i| i + 1)..];
    (after > 0 && is_verb(next)) || (gap < at && is_verb(prev))
}

/// Whether a word is never a product's name ([`NOT_PRODUCT_WORDS`]): in capitals, those marked so; written
/// otherwise, every one.
fn not_a_product(word: &str) -> bool {
    let capitals = !word.bytes().any(|c| c.is_ascii_lowercase());
    NOT_PRODUCT_WORDS.iter().any(|(w, case)| (!capitals || *case == Stop::AnyCase) && w.eq_ignore_ascii_case(word))
}

/// When a word of [`NOT_PRODUCT_WORDS`] is no product's name.
#[derive(PartialEq, Eq)]
enum Stop {
    /// In capitals too (`API`, `HTTP`, `RAM`: the words of every error and log).
    AnyCase,
    /// Unless in capitals: a RAM code that is an ordinary English word (`log`, `push`, `config`, `domain`) names its
    /// product as `LOG`, `CONFIG`, never as the word of a sentence.
    NotInCapitals,
}

/// Words that are never a product's name in a pasted error, and when.
const NOT_PRODUCT_WORDS: &[(&str, Stop)] = &[
    ("ram", Stop::AnyCase),
    ("api", Stop::AnyCase),
    ("sdk", Stop::AnyCase),
    ("http", Stop::AnyCase),
    ("https", Stop::AnyCase),
    ("url", Stop::AnyCase),
    ("uri", Stop::AnyCase),
    ("id", Stop::AnyCase),
    ("json", Stop::AnyCase),
    ("xml", Stop::AnyCase),
    ("error", Stop::AnyCase),
    ("warn", Stop::AnyCase),
    ("info", Stop::AnyCase),
    ("debug", Stop::AnyCase),
    ("get", Stop::AnyCase),
    ("post", Stop::AnyCase),
    ("put", Stop::AnyCase),
    ("delete", Stop::AnyCase),
    ("head", Stop::AnyCase),
    ("patch", Stop::AnyCase),
    ("ok", Stop::AnyCase),
    ("gmt", Stop::AnyCase),
    ("utc", Stop::AnyCase),
    ("cst", Stop::AnyCase),
    ("ak", Stop::AnyCase),
    ("sk", Stop::AnyCase),
    ("rpc", Stop::AnyCase),
    ("roa", Stop::AnyCase),
    ("tls", Stop::AnyCase),
    ("ssl", Stop::AnyCase),
    ("cli", Stop::AnyCase),
    ("ui", Stop::AnyCase),
    ("aws", Stop::AnyCase),
    ("gcp", Stop::AnyCase),
    ("eof", Stop::AnyCase),
    ("io", Stop::AnyCase),
    ("os", Stop::AnyCase),
    ("pid", Stop::AnyCase),
    ("cpu", Stop::AnyCase),
    ("todo", Stop::AnyCase),
    ("faq", Stop::AnyCase),
    ("ttl", Stop::AnyCase),
    ("ip", Stop::AnyCase),
    ("mfa", Stop::AnyCase),
    ("sso", Stop::AnyCase),
    ("sdks", Stop::AnyCase),
    ("arn", Stop::AnyCase),
    ("failed", Stop::AnyCase),
    ("and", Stop::AnyCase),
    ("or", Stop::AnyCase),
    ("not", Stop::AnyCase),
    ("the", Stop::AnyCase),
    ("trace", Stop::AnyCase),
    ("fatal", Stop::AnyCase),
    ("log", Stop::NotInCapitals),
    ("live", Stop::NotInCapitals),
    ("push", Stop::NotInCapitals),
    ("tag", Stop::NotInCapitals),
    ("ice", Stop::NotInCapitals),
    ("opt", Stop::NotInCapitals),
    ("imp", Stop::NotInCapitals),
    ("grace", Stop::NotInCapitals),
    ("devs", Stop::NotInCapitals),
    ("config", Stop::NotInCapitals),
    ("stream", Stop::NotInCapitals),
    ("domain", Stop::NotInCapitals),
    ("arms", Stop::NotInCapitals),
    ("composer", Stop::NotInCapitals),
    ("agency", Stop::NotInCapitals),
    ("hologram", Stop::NotInCapitals),
    ("quotas", Stop::NotInCapitals),
    ("notifications", Stop::NotInCapitals),
    ("avatar", Stop::NotInCapitals),
    ("status", Stop::NotInCapitals),
    ("governance", Stop::NotInCapitals),
];

/// Whether a lower-case code names no product by itself: one with no dot (a bare `AccessDenied`), or one the API
/// gateway answers for every product ([`crate::diagnose::rules::is_gateway_code`]: `Forbidden.RAM`, a key or token
/// code), whichever products' tables happen to list it.
fn names_no_product(lower: &str) -> bool {
    !lower.contains('.') || crate::diagnose::rules::is_gateway_code(lower)
}

/// Rule `client-side-names-no-product`: an error the client raised before sending anything (its credential
/// providers found no key, the ECS metadata service refused them, an `SDK.…` code) was answered by no product, so
/// the products the words around it name (the one the user meant to call, "ECS" of the metadata service) are not
/// the error's.
pub fn sent_nothing(code: Option<&str>, phrases: &[Phrase]) -> bool {
    const CODES: &[&str] = &["sdk.", "credentialexception", "invalidcredentials", "missingcredential"];
    const PHRASES: &[Phrase] =
        &[Phrase::CredentialsMissing, Phrase::GenericCredentialsMissing, Phrase::MetadataServiceRefused];
    let lower = code.unwrap_or_default().to_ascii_lowercase();
    CODES.iter().any(|c| lower.starts_with(c)) || phrases.iter().any(|p| PHRASES.contains(p))
}

/// The Voice Messaging Service's RAM code, as the catalog knows it (its OpenAPI product `dyvmsapi`).
const VOICE: &str = "dyvmsapi";

/// Rule `voice-shares-sms-codes`: whether an error is about phone calls (the Voice service shares the `isv.` codes
/// with SMS): its message, or its own lines (`语音服务报错isv.BUSINESS_LIMIT_CONTROL`, the product's Chinese name
/// before the code), speak of calls or voice.
fn is_about_calls(raw: &RawError, lines: &str) -> bool {
    const WORDS: &[&str] = &["被叫", "主叫", "呼叫", "语音", "callee", "voice"];
    let message = raw.message_text();
    let lines = lines.to_lowercase();
    WORDS.iter().any(|w| message.contains(w) || lines.contains(w))
}

/// Resource words in a message (or an error's lines) that name the product owning the resource (`the logstore 'x'`).
pub fn resource_word(message: &str) -> Option<(&'static str, &'static str)> {
    const WORDS: &[(&str, &str)] = &[
        ("logstore", "log"),
        ("log store", "log"),
        ("repository", "cr"),
        ("bucket", "oss"),
        ("disk", "ecs"),
        ("snapshot", "ecs"),
        ("dns record", "alidns"),
        // Auto Scaling's scaling groups (`failed to get scaling groups [asg-…]`, cluster-autoscaler).
        ("scaling group", "ess"),
        ("伸缩组", "ess"),
        ("domain record", "alidns"),
        ("镜像仓库", "cr"),
        // Container Registry by its Chinese name, or as users call it (`阿里云镜像服务`). Not a bare `镜像服务`: a
        // self-hosted registry (`自建的 Harbor 镜像服务`) and ECS's images are called so too.
        ("容器镜像服务", "cr"),
        ("阿里云镜像服务", "cr"),
        ("推镜像", "cr"),
        ("推送镜像", "cr"),
        ("拉取镜像", "cr"),
        ("push image", "cr"),
        ("pull image", "cr"),
    ];
    // The word that comes first in the message names the resource it is about (`Fail to create Instances into
    // scaling group (… SystemDisk.Category …)` is Auto Scaling's).
    // The words' searchers, built once: this runs for every error's lines, and building them each time was a
    // percent of the CPU time on an error-dense log (`perf`, eval dense log).
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| WORDS.iter().map(|(w, _)| memchr::memmem::Finder::new(w)).collect());
    let lower = message.to_ascii_lowercase();
    WORDS
        .iter()
        .copied()
        .zip(finders)
        .filter_map(|((w, p), finder)| first_word_at(message, &lower, finder).map(|at| (at, w, p)))
        .min_by_key(|x| x.0)
        .map(|(_, w, p)| (w, p))
}

/// Where the word `finder` looks for (lower case) first stands in `s` as a word of its own, any case: spaces,
/// punctuation or a change of case around it (`LogStoreInfoInvalid` holds `logstore`, `subdisks` holds no `disk`),
/// a plural `s` allowed. `lower` is `s` in ASCII lower case (same offsets), made once by the caller for all its
/// words.
fn first_word_at(s: &str, lower: &str, finder: &memchr::memmem::Finder) -> Option<usize> {
    let b = s.as_bytes();
    let word = finder.needle();
    let found = finder.find_iter(lower.as_bytes()).find(|&at| {
        let starts_upper = b[at].is_ascii_uppercase();
        let before = at == 0 || !b[at - 1].is_ascii_alphanumeric() || (starts_upper && b[at - 1].is_ascii_lowercase());
        let end = at + word.len();
        let end = if b.get(end) == Some(&b's') { end + 1 } else { end };
        let after = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric() || (starts_upper && c.is_ascii_uppercase()));
        before && after
    });
    found
}

/// The product of a code prefix only it uses (or of a code the catalog lacks that one product documents,
/// [`UNCATALOGUED_CODES`]): SMS's `isv.`, Simple Log Service's `SLS…`, MaxCompute's `ODPS-`, WAF's
/// `Waf.`, Tablestore's `OTS…`, and
/// STS's `AuthenticationFail.` (its federated sign-in refusals, `AuthenticationFail.OIDCToken.Expired`,
/// `AuthenticationFail.NoPermission` "No such OIDC Provider registered":
/// https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-errorcodes; CDN's `AuthenticationFailed`
/// is another word).
fn code_prefix_product(code: &str) -> Option<&'static str> {
    const PREFIXES: &[(&str, &str)] = &[
        ("isv.", "dysms"),
        ("SLS", "log"),
        ("ODPS-", "odps"),
        ("AuthenticationFail.", "sts"),
        // WAF 3.0's codes (`Waf.Instance.NotFound`), which no other product's documentation uses.
        ("Waf.", "yundun-waf"),
        // Tablestore's data-plane codes (`OTSAuthFailed`, `OTSObjectNotExist`), from its error-code reference.
        ("OTS", "ots"),
    ];
    if uncatalogued_oss_code(code) {
        return Some("oss");
    }
    if let Some((_, p)) = UNCATALOGUED_CODES.iter().find(|(c, _)| *c == code) {
        return Some(p);
    }
    PREFIXES.iter().find(|(p, _)| code.starts_with(p)).map(|(_, product)| *product)
}

/// OSS's documented 403 codes that the catalog's error tables (read from the OpenAPI products' pages) lack: OSS's
/// own "HTTP 403" reference lists them. Each is OSS's; a word of the text that spells one is that code. What they
/// mean is the kind rules' matter (`SecondLevelDomainForbidden`: path-style addressing, not a permission).
const OSS_UNCATALOGUED_CODES: &[&str] = &[
    "SecondLevelDomainForbidden",
    "AbnormalBucketOwnerStatus",
    "BucketDisable",
    "CnameDenied",
    "InDebtOverdue",
    "UbsmsInvalidBid",
    "InvalidSecurityToken",
    "SecurityTokenExpired",
];

/// Codes other products document that the catalog (read from the OpenAPI metadata) lacks, each one product's own:
/// Model Studio's (`sfm`) model-service codes, from its error-code table (`AccessDenied.Unpurchased`: the account
/// is not entitled to the model).
const UNCATALOGUED_CODES: &[(&str, &str)] = &[("AccessDenied.Unpurchased", "sfm")];

/// Whether `code` is one of [`OSS_UNCATALOGUED_CODES`] (exactly as OSS spells it).
pub(crate) fn uncatalogued_oss_code(code: &str) -> bool {
    OSS_UNCATALOGUED_CODES.contains(&code)
}

/// The product an SDK's name for it (a request name's `waf.ModifyDomain`, a Tea client's `ecs20140526`) means when
/// it is no code the catalog knows: the product code followed by one of that product's API versions, else the one
/// product that goes by that name (`waf` is WAF's, whose code is `waf-openapi` and RAM code `yundun-waf`).
fn sdk_product(name: &str, catalog: &Catalog) -> Option<String> {
    if catalog.product(name).is_some() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if let Some((code, date)) = lower.split_at_checked(lower.len().saturating_sub(8)) {
        let version = date.get(..4).zip(date.get(4..6)).zip(date.get(6..)).map(|((y, m), d)| format!("{y}-{m}-{d}"));
        if let (Some(p), Some(v)) = (catalog.product(code), version) {
            if p.versions.contains(&v) {
                return Some(p.ram_code.clone());
            }
        }
    }
    let mut named = catalog.products().iter().filter(|p| p.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)));
    match (named.next(), named.next()) {
        (Some(p), None) => Some(p.ram_code.clone()),
        _ => None,
    }
}

/// A product code or RAM code as the catalog knows it (`Dysmsapi` → `dysms`), else lowercased.
fn code_product(code: &str, catalog: &Catalog) -> String {
    catalog.product(code).map_or_else(|| code.to_ascii_lowercase(), |p| p.ram_code.clone())
}

/// The product serving a host, when the catalog knows it ([`Catalog::product_by_host`]): a first label no product
/// goes by (`token-plan.<region>.maas.aliyuncs.com`) names none. Without a catalog (the page before its index is
/// read), the host's first endpoint label is taken as written.
pub fn host_product(host: &str, catalog: &Catalog) -> Option<String> {
    if host.contains('*') {
        return None;
    }
    if let Some((_, p)) = RETIRED_HOSTS.iter().find(|(h, _)| host.eq_ignore_ascii_case(h)) {
        return Some(p.to_string());
    }
    if catalog.products().is_empty() {
        let host = crate::catalog::bare_host(host);
        return crate::catalog::endpoint_codes(&host).next().map(str::to_string);
    }
    catalog.product_by_host(host).map(|p| p.ram_code.clone())
}

/// Rule `retired-endpoint`: endpoints a product answered at before its current API, which the catalog (read from
/// today's metadata) no longer lists, and old SDKs and scripts still call: Short Message Service's first API
/// (`sms.aliyuncs.com`, `SingleSendSms`, version 2016-09-27), replaced by `dysmsapi.aliyuncs.com`.
/// Also endpoints a product's own SDK still maps that the catalog's endpoint list lacks: Alibaba Cloud DNS's central
/// `dns.aliyuncs.com` (the `alidns-20150109` SDK's endpoint map, and the DDNS clients that call it).
const RETIRED_HOSTS: &[(&str, &str)] = &[("sms.aliyuncs.com", "dysms"), ("dns.aliyuncs.com", "alidns")];

/// The product behind a Terraform resource type or provider file (`alicloud_cs_serverless_kubernetes`,
/// `alicloud_instance_types`, `alicloud_ecs` from the Packer builder `alicloud-ecs`), or a plain code.
/// A resource type the catalog knows gives the product it calls that has the failed API, else the one it
/// creates its resource with.
fn context_product(v: &str, api: Option<&str>, catalog: &Catalog) -> Option<String> {
    if let Some(namespace) = v.strip_prefix("ALIYUN::") {
        return ros_product(namespace, catalog);
    }
    let Some(rest) = v.strip_prefix("alicloud_") else {
        return Some(sdk_product(v, catalog).unwrap_or_else(|| code_product(v, catalog)));
    };
    if let Some(products) = catalog.terraform_products(v) {
        let with_api = api.and_then(|api| {
            products.iter().find(|p| matches!(catalog.api(p, api), crate::catalog::ApiLookup::Found(..)))
        });
        if let Some(p) = with_api.or(products.first()) {
            return Some(p.clone());
        }
    }
    let parts: Vec<&str> = rest.split('_').filter(|p| !p.is_empty()).collect();
    // Longest prefix the catalog knows: `cs_serverless_kubernetes` → `cs`.
    for n in (1..=parts.len().min(3)).rev() {
        let candidate = parts[..n].join("_");
        if let Some(p) = catalog.product(&candidate) {
            return Some(p.ram_code.clone());
        }
    }
    // Terraform names whose first word is not the service's code.
    let first = *parts.first()?;
    let alias = match first {
        "instance" | "instances" | "disk" | "disks" | "image" | "images" | "security" | "key" | "ecs" | "zones"
        | "launch" | "auto" => "ecs",
        "db" => "rds",
        "vswitch" | "vswitches" | "route" | "nat" | "vpc" | "vpcs" | "eip" | "network" | "havip" | "forward"
        | "snat" => "vpc",
        "kvstore" => "kvstore",
        "dns" | "alidns" => "alidns",
        "log" => "log",
        "fc" => "fc",
        "cs" => "cs",
        "ram" => "ram",
        "oss" => "oss",
        "slb" => "slb",
        "cdn" => "cdn",
        "cms" => "cms",
        "cr" => "cr",
        "nas" => "nas",
        "kms" => "kms",
        "mongodb" => "dds",
        "polardb" => "polardb",
        "ots" => "ots",
        "sls" => "log",
        "ess" => "ess",
        "actiontrail" => "actiontrail",
        "ros" => "ros",
        "hbr" => "hbr",
        _ => return None,
    };
    Some(code_product(alias, catalog))
}

/// Why a context field names its product: a tool's name or a ROS type is a marker, the rest are Terraform's (or a
/// Packer builder's).
fn context_reason(f: &Field, text: &str) -> Reason {
    let v = f.value.as_str();
    // A tool's or SDK's name stands for its product's code (`sls-ios-sdk` → `log`): the name written is the reason.
    let bare_code = !v.contains('_') && !v.contains("::");
    let written = text.get(f.start..f.end).filter(|w| bare_code && !w.eq_ignore_ascii_case(v));
    if let Some(w) = written {
        Reason::Marker(w.to_string())
    } else if v.starts_with("ALIYUN::") {
        Reason::Marker(v.to_string())
    } else {
        Reason::Terraform(v.to_string())
    }
}

/// Rule `ros-type`: the product of a ROS resource type's namespace (`ALIYUN::ECS::Instance`): a product's code, or
/// one of the namespaces ROS names otherwise (`ALIYUN::REDIS::Instance` is Tair/Redis, `kvstore`).
fn ros_product(namespace: &str, catalog: &Catalog) -> Option<String> {
    const NAMESPACES: &[(&str, &str)] =
        &[("REDIS", "kvstore"), ("MONGODB", "dds"), ("DNS", "alidns"), ("KAFKA", "alikafka"), ("FC3", "fc")];
    let code = NAMESPACES.iter().find(|(n, _)| *n == namespace).map_or(namespace, |(_, c)| c);
    catalog.product(code).map(|p| p.ram_code.clone())
}

/// The product of a service role name: `AliyunECIContainerGroupRole` → `eci`, `AliyunServiceRoleForECS` → `ecs`,
/// `AliyunCSManagedLogRole` → `cs`.
fn role_product(name: &str, catalog: &Catalog) -> Option<String> {
    if let Some(role) = catalog.service_role(name) {
        return Some(role.product.clone());
    }
    // Not in the catalog: the product's initials follow `Aliyun` (or `AliyunServiceRoleFor`).
    let rest = name.strip_prefix("Aliyun")?;
    let rest = rest.split_once("RoleFor").map_or(rest, |(_, r)| r);
    let b = rest.as_bytes();
    let mut n = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if n > 1 && b.get(n).is_some_and(u8::is_ascii_lowercase) {
        n -= 1;
    }
    if n < 2 {
        return None;
    }
    Some(code_product(&rest[..n], catalog))
}

/// Whether the words around an error are searched for its product ([`likely`]) when it names none: when it rests on
/// a fallback sentence ([`Phrase::generic`]), which says nothing else; when a product answered it (an Alibaba Cloud
/// error the client sent, not another cloud's or one the client raised before sending anything, [`sent_nothing`]);
/// and always for the kinds whose fix is a grant or a product to activate, which need the product. `other_cloud`
/// says another cloud's error.
pub fn searches_words_around(kind: Kind, code: Option<&str>, phrases: &[Phrase], other_cloud: bool) -> bool {
    let fallback = phrases.iter().any(|p| p.generic());
    let answered = !other_cloud && !sent_nothing(code, phrases);
    let needs_product = matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny | Kind::NotActivated);
    fallback || answered || needs_product
}

/// Products a message may be about, ranked by the words around it; and the one that is clear, if any.
pub fn likely(raw: &RawError, text: &Text, catalog: &Catalog) -> (Vec<ProductGuess>, Option<(String, Reason)>) {
    let (start, end) = if text.len() <= 8192 { (0, text.len()) } else { text.paragraph_around(raw.start, 3000) };
    let window = words_around(raw, text::slice(text.as_str(), start, end), start);
    let window = window.as_str();
    let marked = alibaba_mark(raw, text::slice(text.as_str(), start, end), catalog);
    let mut scored: Scored = Vec::new();
    for f in raw.all(Key::Host) {
        if let Some(p) = host_product(&f.value, catalog) {
            add(&mut scored, p, Reason::Host(f.value.clone()), 3);
        }
    }
    // Rule `host-in-words-around`: an endpoint host anywhere in the words around (a client's `:host => "ecs.aliyuncs.com"`
    // dump, a URL in a log line, one percent-encoded in a redirect's query) names the product that answered.
    // The host is read as a host, not as words (`pai.…aliyuncs.com` is PAI's endpoint, not the word "PAI").
    let mut unhosted: Option<Vec<u8>> = None;
    for (at, host) in hosts_in(window) {
        if let Some(p) = host_product(host, catalog) {
            add(&mut scored, p, Reason::Host(host.to_string()), 3);
        }
        unhosted.get_or_insert_with(|| window.as_bytes().to_vec())[at..at + host.len()].fill(b' ');
    }
    let unhosted = unhosted.map(|b| String::from_utf8(b).unwrap_or_default());
    words_name(unhosted.as_deref().unwrap_or(window), marked, catalog, &mut scored);
    apis_named(lines_around(text.as_str(), raw.start, raw.end), catalog, &mut scored);
    // Rule `name-in-message`: with nothing named around it, a product's name in the error's own message
    // ("You are not authorized to use Function Compute").
    if scored.is_empty() {
        let spans = raw.fields.iter().filter(|f| matches!(f.key, Key::Message | Key::Phrase));
        let message = spans.map(|f| text::slice(text.as_str(), f.start, f.end)).collect::<Vec<_>>().join("\n");
        words_name(&message, marked, catalog, &mut scored);
    }
    // Rule `code-of-few-products`: a code a few products document (not the gateway's, which every product lists)
    // ranks them, below any name, and never alone decides: the finding says the code is shared.
    for f in raw.all(Key::Code).take(2) {
        let Some(e) = catalog.error_code(&f.value) else { continue };
        if names_no_product(&f.value.to_ascii_lowercase()) || e.kind.is_some_and(|k| k.is_credential_error()) {
            continue;
        }
        let mut owners: Vec<String> = Vec::new();
        for p in e.products.iter().map(|p| code_product(p, catalog)) {
            if !owners.contains(&p) {
                owners.push(p);
            }
        }
        if (2..=MAX_SHARING).contains(&owners.len()) {
            // Rule `shared-code-owner-named`: the error's own message names one of the code's owners by its code, in
            // any case (`QuotaExceed.AfterpayInstance`, "create ecs vcpu quota per region"): that one, as a name.
            let message = raw.message_text().to_ascii_lowercase();
            let mut named = owners.iter().filter(|p| has_word(&message, p));
            if let (Some(p), None) = (named.next(), named.next()) {
                add(&mut scored, p.clone(), Reason::Words(p.to_ascii_uppercase()), 3);
            }
            let shared = owners.len();
            for p in owners {
                add(&mut scored, p, Reason::SharedCode { code: f.value.clone(), shared }, 1);
            }
        }
    }
    scored.sort_by_key(|s| std::cmp::Reverse(s.2));
    let clear = match scored.as_slice() {
        [only] if only.2 >= 2 => Some((only.0.clone(), only.1.clone())),
        [top, next, ..] if top.2 >= 2 && top.2 > next.2 => Some((top.0.clone(), top.1.clone())),
        _ => None,
    };
    let guesses = scored.into_iter().map(|(product, reason, _)| guess(product, &reason)).collect();
    (guesses, clear)
}

/// The `*.aliyuncs.com` hosts standing in `s`, each read backwards from its domain over a host's characters; a
/// percent-encoded slash before it (`%2F%2Fros.aliyuncs.com`) is not part of it.
fn hosts_in(s: &str) -> impl Iterator<Item = (usize, &str)> {
    const DOMAIN: &str = ".aliyuncs.com";
    text::find_all(s, DOMAIN).filter_map(move |at| {
        let b = s.as_bytes();
        let end = at + DOMAIN.len();
        let mut start = at;
        while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.' || b[start - 1] == b'-') {
            start -= 1;
        }
        if start > 0 && b[start - 1] == b'%' && b.len() > start + 2 && b[start..start + 2].eq_ignore_ascii_case(b"2f") {
            start += 2;
        }
        (start < at).then(|| (start, &s[start..end]))
    })
}

/// The most products a shared code is offered for: a code more list is the gateway's or a generic one.
const MAX_SHARING: usize = 4;

/// Products named, each with the reason and the score it ranks by.
type Scored = Vec<(String, Reason, u8)>;

/// Adds a product named, keeping its best reason.
fn add(scored: &mut Scored, code: String, reason: Reason, score: u8) {
    match scored.iter_mut().find(|(c, _, _)| *c == code) {
        Some(existing) if existing.2 < score => {
            existing.1 = reason;
            existing.2 = score;
        }
        Some(_) => {}
        None => scored.push((code, reason, score)),
    }
}

/// Rule `permission-system-not-named-by-words`: RAM and STS, named in words ("grant permissions in the Resource
/// Access Management (RAM) console", "the security token generated by Security Token Service (STS)", "STS
/// temporary credentials", "an AccessKey ID starting with STS."), are the permission system and the issuer of the
/// caller's credentials, which every product's errors talk about; they are the product called only when one of
/// their APIs, endpoints, codes or sentences says so, which the other rules read.
const PERMISSION_SYSTEM: [&str; 2] = ["ram", "sts"];

/// The products whose names, aliases or acronyms stand in `window` as words, each with its reason and score.
fn words_name(window: &str, marked: bool, catalog: &Catalog, scored: &mut Scored) {
    let lower = window.to_lowercase();
    let lower = lower.as_str();
    // Rule `latin-name-in-chinese`: an English name written inside Chinese prose (`测试Quick BI安全增强`) is searched as
    // words of its own; a Chinese name matches with or without the spaces around its Latin part (`Serverless 应用引擎`).
    let spaced = latin_apart(window);
    let tight: Option<String> = (!window.is_ascii()).then(|| window.chars().filter(|c| *c != ' ').collect());
    for p in catalog.search_products(&spaced).into_iter().take(8) {
        let short = p.name_en.split(" (").next().unwrap_or(&p.name_en);
        // A "name" that is only the code (`status`, for a product the source names no better) is an acronym at
        // most: as an ordinary word in a log line it names nothing.
        let real_name =
            !short.is_empty() && !short.eq_ignore_ascii_case(&p.ram_code) && !short.eq_ignore_ascii_case(&p.code);
        // Whole words only: "alicloud config" does not name Cloud Config.
        let named_zh = p.name_zh.as_deref().filter(|z| {
            let tight_name = || z.chars().filter(|c| *c != ' ').collect::<String>();
            !z.is_empty() && (window.contains(z) || tight.as_deref().is_some_and(|t| t.contains(&tight_name())))
        });
        let named_en = real_name && has_word(lower, &short.to_lowercase());
        let named = named_en || named_zh.is_some();
        let acronym = [p.ram_code.as_str(), p.code.as_str()].iter().any(|c| has_word(window, &c.to_ascii_uppercase()))
            || p.name_en.split_once(" (").is_some_and(|(_, a)| has_word(window, a.trim_end_matches(')')));
        // A product is offered only when its name or code stands in the text as a word; partial matches
        // ("account", "backup" inside other words) name too many products to help.
        let (score, reason) = if named {
            (3, Reason::Words(named_zh.filter(|_| !named_en).unwrap_or(short).to_string()))
        } else if let Some((alias, score)) = alias_named(p, window, lower, marked, catalog) {
            (score, Reason::Words(alias.to_string()))
        } else if acronym {
            (2, Reason::Words(p.ram_code.to_ascii_uppercase()))
        } else {
            continue;
        };
        if PERMISSION_SYSTEM.contains(&p.ram_code.as_str()) {
            continue;
        }
        add(scored, p.ram_code.clone(), reason, score);
    }
    for word in acronyms(window) {
        if let Some(p) = catalog.product(word).filter(|p| !PERMISSION_SYSTEM.contains(&p.ram_code.as_str())) {
            add(scored, p.ram_code.clone(), Reason::Words(word.to_string()), 2);
        }
    }
    drop_nested_names(lower, scored);
}

/// `window` with a space wherever an ASCII letter or digit meets a character past ASCII (`测试Quick BI安全` → `测试 Quick
/// BI 安全`), so that the catalog's search, which splits words at spaces and punctuation, reads the Latin run as words;
/// an ASCII window as it is.
fn latin_apart(window: &str) -> std::borrow::Cow<'_, str> {
    if window.is_ascii() {
        return std::borrow::Cow::Borrowed(window);
    }
    let mut out = String::with_capacity(window.len() + 16);
    let mut prev: Option<char> = None;
    for c in window.chars() {
        if let Some(p) = prev {
            let meet = (p.is_ascii_alphanumeric() && !c.is_ascii()) || (!p.is_ascii() && c.is_ascii_alphanumeric());
            if meet {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The error's lines and the few lines around it (at most [`API_LINES`] lines before and after, [`API_REACH`] bytes
/// each way): where a paste says which API it called. Not the whole paragraph: in a log, other errors' APIs stand
/// there.
fn lines_around(s: &str, start: usize, end: usize) -> &str {
    let start = text::floor_boundary(s, start.min(s.len()));
    let from = text::floor_boundary(s, start.saturating_sub(API_REACH));
    let mut begin = start;
    for _ in 0..API_LINES {
        // A line that is a log record of its own starts the error's record: the lines above are other records'.
        if (begin == 0 || s.as_bytes()[begin - 1] == b'\n') && is_log_record(line_at(s, begin)) {
            break;
        }
        let head = &s[from..begin];
        match head.strip_suffix('\n').unwrap_or(head).rfind('\n') {
            Some(i) => begin = from + i + 1,
            None => {
                begin = from;
                break;
            }
        }
    }
    let end = text::floor_boundary(s, end.min(s.len())).max(begin);
    let to = text::floor_boundary(s, (end + API_REACH).min(s.len()));
    let mut after = to;
    for (n, (i, _)) in s[end..to].match_indices('\n').enumerate() {
        if n == API_LINES || is_log_record(line_at(s, end + i + 1)) {
            after = end + i;
            break;
        }
    }
    &s[begin..after]
}

/// The line of `s` starting at `at`.
fn line_at(s: &str, at: usize) -> &str {
    let rest = &s[at..];
    rest.find('\n').map_or(rest, |i| &rest[..i])
}

/// Levels a log record starts with (`INFO listing instances`, `[ERROR] …`).
const LOG_LEVELS: &[&str] = &["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL"];

/// Whether a line is a log record of its own: it starts with a timestamp or logcat prefix ([`text::log_prefix_len`];
/// not Terraform's box drawing, which frames one diagnostic over many lines) or a level.
fn is_log_record(line: &str) -> bool {
    let framed = ['│', '╷', '╵'].iter().any(|c| line.starts_with(*c));
    let level = line.trim_start().trim_start_matches('[');
    let leveled = LOG_LEVELS.iter().any(|l| {
        level.strip_prefix(l).is_some_and(|r| r.is_empty() || r.starts_with(|c: char| !c.is_ascii_alphanumeric()))
    });
    (!framed && text::log_prefix_len(line) > 0) || leveled
}

/// How many lines before and after an error [`lines_around`] reads, and how far each way at most.
const API_LINES: usize = 4;
const API_REACH: usize = 600;

/// Rule `api-in-words-around`: an API name standing in the error's lines or the few around it as a word of its own (`AssumeRole接口调用次数
/// 限制`, "AssumeRole一直提示无权限"), exact case, that only one product's APIs have, names that product, as a name
/// does (score 2: a product's name, score 3, outranks it). A name several products share (`DescribeRegions`) names
/// none. Only words shaped like an API: a capital, then lower case, and another capital further on; not the action
/// of a written-out `product:Action`.
fn apis_named(window: &str, catalog: &Catalog, scored: &mut Scored) {
    let api_shaped = |w: &&str| {
        let b = w.as_bytes();
        b.len() >= 6
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_lowercase()
            && b[2..].iter().any(u8::is_ascii_uppercase)
            && b.iter().all(u8::is_ascii_alphanumeric)
    };
    // The action of a written-out `product:Action` is the stated-action rule's, not an API name of its own.
    let after_colon = |w: &&str| {
        let at = w.as_ptr() as usize - window.as_ptr() as usize;
        at > 0 && window.as_bytes()[at - 1] == b':'
    };
    let words = window
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| api_shaped(w) && !after_colon(w) && !succeeded(window, w));
    // Several APIs named (steps of a procedure, a log's earlier calls) leave open which one failed: none names it.
    let mut named: Option<(&str, Vec<&str>)> = None;
    for w in words.take(64) {
        if named.as_ref().is_some_and(|(n, _)| *n == w) {
            continue;
        }
        let codes = catalog.ram_codes_with_api(w);
        if codes.is_empty() {
            continue;
        }
        if named.is_some() {
            return;
        }
        named = Some((w, codes));
    }
    if let Some((w, [only])) = named.as_ref().map(|(w, c)| (*w, c.as_slice())) {
        add(scored, only.to_string(), Reason::Api(w.to_string()), 2);
    }
}

/// Words after an API name saying the call went through (`AssumeRole ok`, `AssumeRole succeeded for …`,
/// `AssumeRole 成功`): that call is not the one that failed.
const SUCCEEDED: &[&str] = &["ok", "succeeded", "success", "successful", "successfully", "worked", "成功"];

/// Whether the API word `w` (a slice of `window`) is followed, in its clause, by [`SUCCEEDED`] words.
fn succeeded(window: &str, w: &str) -> bool {
    let at = w.as_ptr() as usize - window.as_ptr() as usize + w.len();
    let rest = &window[at..text::floor_boundary(window, (at + 24).min(window.len()))];
    let clause = rest.split(['\n', ',', '，', '。', ';', '；']).next().unwrap_or_default().to_ascii_lowercase();
    clause.contains("成功") || clause.split(|c: char| !c.is_ascii_alphanumeric()).any(|x| SUCCEEDED.contains(&x))
}

/// Rule `longest-name-wins`: a product's name that stands in the text only inside another product's longer name
/// ("Message Service" inside "Short Message Service", "PostgreSQL" inside "AnalyticDB for PostgreSQL", "Security
/// Center" inside "Data Security Center") is part of that name, not a name of its own. In a text past ASCII, names
/// and text are compared without spaces (`OpenSearch 开源兼容版` is the Chinese name `OpenSearch开源兼容版`).
fn drop_nested_names(lower: &str, scored: &mut Scored) {
    let tight = |s: &str| if lower.is_ascii() { s.to_string() } else { s.chars().filter(|c| *c != ' ').collect() };
    let lower = &tight(lower);
    let words: Vec<String> = scored
        .iter()
        .map(|(_, r, _)| if let Reason::Words(w) = r { tight(&w.to_lowercase()) } else { String::new() })
        .collect();
    let count = |w: &str| text::find_all(lower, w).count();
    let nested = |short: &str| {
        !short.is_empty()
            && words.iter().any(|long| {
                long.len() > short.len() && long.contains(short) && {
                    let (inside, longs) = (text::find_all(long, short).count(), count(long));
                    longs > 0 && count(short) == inside * longs
                }
            })
    };
    let keep: Vec<bool> = words.iter().map(|w| !nested(w)).collect();
    let mut i = 0;
    scored.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Rule `alias-in-text`: another documented name of the product (`Cloud Backup`, `E-HPC`, `Yunxiao`, `开放搜索`)
/// standing in the text as a word of its own, with the score it ranks by: 3 for a name of several words or with
/// capitals, digits or a hyphen inside (`OpenSearch`), which no sentence uses by chance; 2 for a single capitalised
/// word, matched with its case (`Bailian`); never a lower-case word (an ordinary word names nothing), a word the
/// acronym rule refuses (`RAM`), or a name several products share (`Server Load Balancer`: ALB and SLB).
/// Rule `alias-needs-mark`: a one-word Latin alias that is not an acronym (`MySQL`, `PostgreSQL`, `Elasticsearch`,
/// `Domains`) is as often the open-source software a product hosts or an English word: it counts only in a paste
/// that is `marked` as Alibaba Cloud's ([`alibaba_mark`]).
fn alias_named<'p>(
    p: &'p crate::catalog::Product,
    window: &str,
    lower: &str,
    marked: bool,
    catalog: &Catalog,
) -> Option<(&'p str, u8)> {
    p.aliases.iter().find_map(|alias| {
        let name = alias.split(" (").next().unwrap_or(alias).trim();
        let one_word = name.is_ascii() && !name.contains(' ') && name.bytes().any(|c| c.is_ascii_lowercase());
        if one_word && !marked {
            return None;
        }
        let score = if !name.is_ascii() {
            // A Chinese name as written, spaces or none between its Chinese and Latin parts (`云数据库 MongoDB 版`).
            let lower_name = name.to_lowercase();
            let tight: String = lower_name.chars().filter(|c| *c != ' ').collect();
            let stands = lower.contains(&lower_name) || lower.replace(' ', "").contains(&tight);
            return (stands && name.chars().count() >= 2 && catalog.name_owners(name) == 1).then_some((name, 3));
        } else if name.contains(' ')
            || name.bytes().skip(1).any(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
        {
            let all_caps = !name.bytes().any(|c| c.is_ascii_lowercase());
            let stands = if all_caps { has_word(window, name) } else { has_word(lower, &name.to_lowercase()) };
            (stands && !not_a_product(name)).then_some(if all_caps { 2 } else { 3 })?
        } else if name.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            has_word(window, name).then_some(2)?
        } else {
            return None;
        };
        (catalog.name_owners(name) == 1).then_some((name, score))
    })
}

/// Whether a paste is Alibaba Cloud's by more than a product's alias: an Alibaba Cloud host, a RAM action or ARN, a
/// service's product link, a code the catalog documents, or one of [`crate::marks::ALIBABA_MARKS`] in the words around.
fn alibaba_mark(raw: &RawError, around: &str, catalog: &Catalog) -> bool {
    const KEYS: &[Key] = &[
        Key::HostId,
        Key::Host,
        Key::Recommend,
        Key::AuthAction,
        Key::AuthResource,
        Key::EncodedDiagnosticMessage,
        Key::ProductHint,
    ];
    raw.fields.iter().any(|f| KEYS.contains(&f.key))
        || raw.all(Key::Code).any(|f| catalog.error_code(&f.value).is_some())
        || crate::marks::has_alibaba_mark(around)
}

/// A product code standing as a word right before "service" (`FnF service is not enabled`, `OSS service`): the
/// product the sentence is about. Codes that are ordinary words (`config service`) need their capitals.
pub fn code_before_service<'t>(lines: &'t str, catalog: &Catalog) -> Option<(&'t str, String)> {
    let lower = lines.to_ascii_lowercase();
    let found = text::find_all(&lower, " service").find_map(|at| {
        // After the last character that is not part of the word, whatever its width (`服务错误: oss:…`).
        let word_start = lower[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &lines[word_start..at];
        let capitalised = word.bytes().any(|c| c.is_ascii_uppercase());
        if word.len() < 2 || !capitalised {
            return None;
        }
        catalog.product(&word.to_ascii_lowercase()).map(|p| (word, p.ram_code.clone()))
    });
    found
}

/// A ranked product with its reason in both languages.
pub fn guess(product: String, reason: &Reason) -> ProductGuess {
    let words = reason.words();
    ProductGuess { product, reason: words.en, reason_zh: words.zh }
}

/// The text around an error without what the error itself says (its code, message, known sentences): those
/// name RAM ("…doesn't support RAM") rather than the product the user was looking at.
fn words_around(raw: &RawError, window: &str, offset: usize) -> String {
    let mut bytes = window.as_bytes().to_vec();
    // A fallback sentence ([`crate::read::generic`]) is the whole message; the product it names stays.
    let generic = |f: &Field| {
        f.key == Key::Phrase && crate::read::phrases::Phrase::from_name(&f.value).is_some_and(|p| p.generic())
    };
    for f in raw
        .fields
        .iter()
        .filter(|f| matches!(f.key, Key::Code | Key::Message | Key::Phrase | Key::Recommend) && !generic(f))
    {
        let (a, b) = (f.start.saturating_sub(offset).min(bytes.len()), f.end.saturating_sub(offset).min(bytes.len()));
        bytes[a..b].fill(b' ');
    }
    // Spans sit on char boundaries, so blanking whole spans keeps the text valid; be lenient anyway.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Upper-case words of 2–10 letters that may name a product (`CDN预热失败` → `CDN`), minus common non-product words.
pub fn acronyms(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if b[i].is_ascii_uppercase() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let start = i;
                while i < b.len() && b[i].is_ascii_uppercase() {
                    i += 1;
                }
                let boundary = i == b.len() || !(b[i].is_ascii_alphanumeric() || b[i] == b'_');
                let w = &s[start..i];
                if boundary && (2..=10).contains(&w.len()) && !not_a_product(w) {
                    return Some(w);
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// Whether `word` appears in `s` with no letter or digit on either side.
fn has_word(s: &str, word: &str) -> bool {
    !word.is_empty()
        && text::find_all(s, word).any(|at| {
            let b = s.as_bytes();
            let before = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            let after = b.get(at + word.len()).is_none_or(|c| !c.is_ascii_alphanumeric());
            before && after
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines around an error stop at a line that is a log record of its own, before and after; continuation
    /// lines of the error's own record (and Terraform's framed lines) stay.
    #[test]
    fn the_lines_around_stop_at_other_log_records() {
        let around = |s: &str, err: &str| {
            let at = s.find(err).unwrap();
            lines_around(s, at, at + err.len()).to_string()
        };
        for before in
            ["2024-05-01 10:00:01 INFO AssumeRole", "[INFO] AssumeRole", "INFO: AssumeRole", "WARN AssumeRole"]
        {
            for after in ["2024-05-01 10:00:04 INFO StartInstance", "[DEBUG] StartInstance"] {
                let s = format!("{before}\n2024-05-01 10:00:03 ERROR denied\n  caused by: no permission\n{after}");
                assert_eq!(around(&s, "denied"), "2024-05-01 10:00:03 ERROR denied\n  caused by: no permission", "{s}");
            }
        }
        // Prose and framed lines are no records: read as before.
        let s = "Calling AssumeRole keeps failing:\nYou are not authorized.";
        assert_eq!(around(s, "You are"), s);
        let s = "│ Error: AssumeRole\n│ denied";
        assert_eq!(around(s, "denied"), s);
        assert!(!is_log_record("INFORMATION about AssumeRole") && is_log_record("ERROR"));
    }

    #[test]
    fn the_words_around_are_searched_unless_no_product_answered() {
        let search = |kind, code, phrases: &[Phrase], other| searches_words_around(kind, code, phrases, other);
        // A product answered: searched, whatever the kind.
        assert!(search(Kind::Other, Some("Throttling.User"), &[], false));
        // Another cloud's error, or one the client raised before sending: no product answered it.
        assert!(!search(Kind::Other, Some("AccessDenied"), &[], true));
        assert!(!search(Kind::BadCredentials, Some("SDK.InvalidCredentials"), &[], false));
        assert!(!search(Kind::BadCredentials, None, &[Phrase::CredentialsMissing], false));
        // A grant or an activation needs the product even so.
        assert!(search(Kind::MissingPermission, Some("SDK.ServerError"), &[], false));
        assert!(search(Kind::NotActivated, None, &[Phrase::MetadataServiceRefused], false));
        // A fallback sentence says nothing else: its words around are all there is.
        assert!(search(Kind::BadCredentials, None, &[Phrase::GenericCredentialsMissing], false));
    }

    #[test]
    fn a_wide_character_before_the_word_is_stepped_over() {
        // The fuzzer's find: replacement characters (3 bytes each) right before `service`.
        let c = Catalog::empty();
        assert_eq!(code_before_service("服务错误: oss:\u{fffd}\u{fffd} service returned error", &c), None);
        assert_eq!(code_before_service("\u{fffd}FnF service is not enabled", &c), None, "no catalog, no product");
    }

    #[test]
    fn a_resource_word_is_found_in_the_lowered_text_at_the_original_offsets() {
        let s = "PutLogs: LogStoreInfoInvalid for subdisks";
        let lower = s.to_ascii_lowercase();
        let at = |w: &str| first_word_at(s, &lower, &memchr::memmem::Finder::new(w));
        assert_eq!(at("logstore"), Some(9));
        assert_eq!(at("disk"), None);
        assert_eq!(
            resource_word("Fail to create Instances into scaling group (SystemDisk.Category)"),
            Some(("scaling group", "ess"))
        );
    }

    #[test]
    fn the_gateways_refusals_are_one_list_for_kind_and_product() {
        let c = Catalog::from_index(include_bytes!("../../../../data/index.json")).expect("the committed index loads");
        for g in crate::diagnose::rules::GATEWAY_REFUSALS {
            let code = format!("{}Denied", g.trim_end_matches('.'));
            assert!(crate::diagnose::rules::is_permission_code(&code), "{code}");
        }
        // A gateway refusal names no product, whichever product's table lists it; a product's own refusal does.
        assert_eq!(documented_code_product("Forbidden.RAM", "", &c), None);
        assert_eq!(documented_code_product("Forbidden.RiskControl", "", &c), None);
        assert_eq!(
            documented_code_product("Forbidden.Wkbench.ProjectNoPermission", "", &c).as_deref(),
            Some("dataworks")
        );
    }

    #[test]
    fn hosts_roles_and_terraform_names() {
        let c = Catalog::from_index(include_bytes!("../../../../data/index.json")).expect("the committed index loads");
        assert_eq!(host_product("mybucket.oss-cn-hangzhou.aliyuncs.com", &c).as_deref(), Some("oss"));
        assert_eq!(host_product("ecs-cn-hangzhou.aliyuncs.com", &c).as_deref(), Some("ecs"));
        assert_eq!(host_product("hbr.console.aliyun.com", &c).as_deref(), Some("hbr"));
        assert_eq!(host_product("api.aliyun.com", &c), None);
        // Alibaba Cloud DNS's central endpoint, which its SDK maps and the catalog's endpoint list lacks.
        assert_eq!(host_product("dns.aliyuncs.com", &c).as_deref(), Some("alidns"));
        assert_eq!(
            hosts_in("x :host => \"ecs.aliyuncs.com\", origin=https%3A%2F%2Fros.aliyuncs.com%2F")
                .map(|(_, h)| h)
                .collect::<Vec<_>>(),
            ["ecs.aliyuncs.com", "ros.aliyuncs.com"]
        );
        assert_eq!(host_product("registry.cn-beijing.aliyuncs.com", &c).as_deref(), Some("cr"));
        assert_eq!(host_product("registry-vpc.cn-shanghai.aliyuncs.com", &c).as_deref(), Some("cr"));
        assert_eq!(host_product("acme-registry.cn-hangzhou.cr.aliyuncs.com", &c).as_deref(), Some("cr"));
        assert_eq!(host_product("ecs-vpc.cn-shanghai.aliyuncs.com", &c).as_deref(), Some("ecs"));
        assert_eq!(host_product("oss-cn-hangzhou-internal.aliyuncs.com", &c).as_deref(), Some("oss"));
        // A first label no product goes by names nothing, nor does a host outside Alibaba Cloud's domains.
        assert_eq!(host_product("token-plan.ap-southeast-1.maas.aliyuncs.com", &c), None);
        assert_eq!(host_product("ecs.example.com", &c), None);
        assert_eq!(host_product("*.aliyuncs.com", &c), None);
        assert_eq!(role_product("AliyunECIContainerGroupRole", &c).as_deref(), Some("eci"));
        assert_eq!(role_product("AliyunCSManagedLogRole", &c).as_deref(), Some("cs"));
        assert_eq!(role_product("AliyunServiceRoleForECS", &c).as_deref(), Some("ecs"));
        assert_eq!(context_product("alicloud_instance_types", None, &c).as_deref(), Some("ecs"));
        assert_eq!(context_product("alicloud_db_instance", None, &c).as_deref(), Some("rds"));
        assert_eq!(acronyms("CDN预热失败: Forbidden.RAM : this API doesn't support RAM").collect::<Vec<_>>(), ["CDN"]);
    }
}
