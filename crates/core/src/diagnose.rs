//! Raw errors + catalog → findings. The only place that decides a finding's kind.
//!
//! Order of evidence, strongest first: what the error states (`AccessDeniedDetail`, an action or ARN in the message),
//! what its structure says (the code, the host that answered, the API in a Terraform header), then context
//! (a Terraform resource type, a Packer builder, product names near a console message).

mod action;
mod explain;
pub mod oss_ec;
mod product;
pub mod reason;
mod roa;
pub mod rules;
pub mod sdk_methods;
pub mod systems;
pub mod tool_steps;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::catalog::AccessLevel;
use crate::catalog::ProductSentence;
use crate::finding::{Confidence, Evidence, Finding, Kind, Localized, Principal};
use crate::read::group::Anchor;
use crate::read::phrases::Phrase;
use crate::read::{self, Field, Key, RawError};
use crate::text::Text;
use crate::{Catalog, Diagnosis};
use reason::Reason;

/// Reads every error in `text` and explains each one.
pub fn diagnose(text: &str, catalog: &Catalog) -> Diagnosis {
    let t = Text::new(text);
    let documented = |word: &str| catalog.error_code(word).is_some() || product::uncatalogued_oss_code(word);
    let mut run = Run {
        text: &t,
        catalog,
        queue: VecDeque::new(),
        weak: Vec::new(),
        strong: false,
        groups: 0,
        wrapper: None,
        findings: Findings::default(),
        wanted: BTreeSet::new(),
        budget: Budget { product_searches: MAX_PRODUCT_SEARCHES },
        // An Alibaba Cloud mark overrules other clouds' marks; read once per text.
        alibaba_mark: crate::marks::has_alibaba_mark(text),
        signs: systems::ContextSigns::default(),
        api_words: action::ApiWords::new(t.as_str()),
        previous: None,
    };
    let context = read::scan::read_each(&t, &documented, &mut |raw, context| run.take(raw, context));
    run.finish(&context)
}

/// The errors of a reading explained in text order as it hands them on, holding back only what later text can
/// still change: an error's wrapping of the next, whether the text has one error alone (which lets it take the
/// whole text's context), the context itself until it is complete, and errors resting on fallback words (kept
/// only when the text holds nothing stronger). A long log's errors are not all held at once.
struct Run<'a> {
    text: &'a Text<'a>,
    catalog: &'a Catalog,
    /// Errors that stand on their own, not yet explained, each with whether it wraps the next one.
    queue: VecDeque<(RawError, bool)>,
    /// Errors resting on fallback words alone, while no stronger one has come.
    weak: Vec<RawError>,
    /// Whether an error that stands on its own has come.
    strong: bool,
    /// How many errors that stand on their own have come, less the wrappers among them.
    groups: usize,
    wrapper: Option<(Finding, Option<Reason>)>,
    findings: Findings,
    wanted: BTreeSet<String>,
    budget: Budget,
    /// Whether the text carries an Alibaba Cloud mark anywhere.
    alibaba_mark: bool,
    /// The signs of the context's fields, read as the context grows.
    signs: systems::ContextSigns,
    /// The words of the text that may name an API, found as the errors ask.
    api_words: action::ApiWords<'a>,
    /// Where the last error explained stands (a wrapper's, once its cause is explained).
    previous: Option<(usize, usize)>,
}

impl Run<'_> {
    /// Takes the next error of the reading, with the context so far.
    fn take(&mut self, raw: RawError, context: &[Field]) {
        match anchor(&raw, self.catalog) {
            Anchor::Strong => {
                self.strong = true;
                self.weak = Vec::new();
                self.queue_up(raw);
                // Once the context is complete and the text has two errors, nothing later changes how those
                // before the last are explained.
                if context.len() >= read::group::MAX_CONTEXT && self.groups >= 2 {
                    self.explain_queued(1, false, context);
                }
            }
            Anchor::Weak if !self.strong => self.weak.push(raw),
            _ => {}
        }
    }

    /// Queues a kept error, noting whether the one before wraps it.
    fn queue_up(&mut self, raw: RawError) {
        let wrapped = self.queue.back_mut().is_some_and(|(outer, wraps)| {
            *wraps = caused_by(self.text, outer, &raw);
            *wraps
        });
        if !wrapped {
            self.groups += 1;
        }
        self.queue.push_back((raw, false));
    }

    /// Explains the queued errors but the last `leave`.
    fn explain_queued(&mut self, leave: usize, alone: bool, context: &[Field]) {
        while self.queue.len() > leave {
            let (raw, wraps) = self.queue.pop_front().expect("longer than leave");
            let next = self.queue.front().filter(|_| !wraps).map(|(n, _)| n.start);
            let between = (self.previous, next);
            if !wraps {
                self.previous = Some((raw.start, raw.end));
            }
            let (mut finding, mut reason) = explain_error(
                &raw,
                Scope {
                    alone,
                    alibaba_mark: self.alibaba_mark,
                    signs: &self.signs,
                    api_words: &self.api_words,
                    between,
                },
                context,
                self.text,
                self.catalog,
                &mut self.wanted,
                &mut self.budget,
            );
            // The innermost error wins: the wrapper lends it only the product it named.
            if let Some((outer, outer_reason)) = self.wrapper.take() {
                if finding.product.is_none() && outer.other_cloud.is_none() {
                    finding.product = outer.product;
                    finding.product_reason = outer.product_reason;
                    reason = reason.or(outer_reason);
                }
            }
            if wraps {
                self.wrapper = Some((finding, reason));
                continue;
            }
            self.findings.add(finding, reason);
        }
    }

    /// Explains what is left once the whole text is read.
    fn finish(mut self, context: &[Field]) -> Diagnosis {
        if !self.strong {
            for raw in std::mem::take(&mut self.weak) {
                self.queue_up(raw);
            }
        }
        let alone = self.groups == 1;
        self.explain_queued(0, alone, context);
        Diagnosis { findings: self.findings.list, wanted_shards: self.wanted.into_iter().collect() }
    }
}

/// Whether `outer` wraps `inner`: a "caused by" stands between them (SDKs print the cause after the wrapper,
/// an endpoint-resolution error after a credential error) and the inner one prints its own code.
fn caused_by(text: &Text, outer: &RawError, inner: &RawError) -> bool {
    let between = crate::text::slice(text.as_str(), outer.start, inner.start.min(outer.start + 4096));
    inner.get(Key::Code).is_some() && crate::text::contains_ignore_ascii_case(between, "caused by")
}

/// How strongly an error stands: one resting on a code-shaped word in prose stands on its own when the catalog
/// documents the word (else it is dropped); one resting on fallback words is kept only when the text holds
/// nothing stronger.
fn anchor(raw: &RawError, catalog: &Catalog) -> Anchor {
    match read::group::anchor_of(raw) {
        Anchor::Strong => Anchor::Strong,
        _ if documented_candidate(raw, catalog).is_some() => Anchor::Strong,
        weak_or_candidate => weak_or_candidate,
    }
}

/// The first code-shaped word of the error's prose that the catalog documents as an error code.
fn documented_candidate<'r>(raw: &'r RawError, catalog: &Catalog) -> Option<&'r str> {
    raw.all(Key::CodeCandidate)
        .map(|f| f.value.as_str())
        .find(|c| catalog.error_code(c).is_some() || product::uncatalogued_oss_code(c))
}

/// Whether one of the error's codes stands with the message the catalog documents for it (compared without case and
/// a closing stop, up to a table's next cell).
fn documented_with_its_message(raw: &RawError, catalog: &Catalog) -> bool {
    let norm = |m: &str| m.split(" |").next().unwrap_or(m).trim().trim_end_matches('.').to_ascii_lowercase();
    raw.all(Key::Code)
        .filter_map(|c| catalog.error_code(&c.value)?.message.as_deref().map(norm))
        .any(|documented| !documented.contains('%') && raw.all(Key::Message).any(|m| norm(&m.value) == documented))
}

/// The code an OSS EC implies when none is printed: its error-center row's, else its family's.
fn code_from_ec(raw: &RawError) -> Option<String> {
    oss_ec::implied_code(raw).map(str::to_string)
}

/// Product searches over the words around a message cost a pass over the catalog's names each; a text with
/// thousands of bare console messages gets them for its first few only.
const MAX_PRODUCT_SEARCHES: usize = 32;

/// What an error is explained against besides its own words.
struct Scope<'s> {
    /// The text holds this error alone, so it may take the whole text's context.
    alone: bool,
    /// The text carries an Alibaba Cloud mark somewhere.
    alibaba_mark: bool,
    /// The signs of the context's fields, read once for all errors.
    signs: &'s systems::ContextSigns,
    /// The words of the text that may name an API, found once for all errors.
    api_words: &'s action::ApiWords<'s>,
    /// Where the errors beside it stand: the span of the one before and the start of the one after (none when
    /// there is none, or when it wraps this one or this one wraps it).
    between: (Option<(usize, usize)>, Option<usize>),
}

struct Budget {
    product_searches: usize,
}

/// Why a finding names its product, and its action when a tool's step decided it ([`reason::tool_step_action`]).
#[derive(Default)]
struct Why {
    product: Option<Reason>,
    action: Option<Localized>,
}

/// One raw error → one finding, and why it names its product (put in words only for a finding kept).
fn explain_error(
    raw: &RawError,
    scope: Scope<'_>,
    context: &[Field],
    text: &Text,
    catalog: &Catalog,
    wanted: &mut BTreeSet<String>,
    budget: &mut Budget,
) -> (Finding, Option<Reason>) {
    let Scope { alone, alibaba_mark, signs, api_words, between } = scope;
    // The error's own lines, which most rules below read.
    let lines = error_lines(text, raw);
    // The tool steps whose words stand around the error.
    let (from, to) = step_window(text, raw, between);
    let window = crate::text::slice(text.as_str(), from, to);
    let base = crate::text::floor_boundary(text.as_str(), from.min(text.len()));
    let error = (raw.start.saturating_sub(base), raw.end.min(to).saturating_sub(base));
    let steps = tool_steps::Hits::of(window).standing_in(window, error);
    let mut why = Why::default();
    // A code printed with the very message a product documents for it is that product's, whatever other cloud
    // shares the code's name (CloudMonitor's `AccessDeniedException`: "You donot have sufficient access…").
    let documented_pair = alibaba_mark || documented_with_its_message(raw, catalog);
    let seen = systems::Seen {
        raw,
        context,
        text: text.as_str(),
        lines,
        body: error_body(text, raw),
        alibaba_mark: documented_pair,
        catalog,
        signs,
    };
    let other_cloud = systems::other_system(&seen).map(|s| s.en.to_string());
    // Documented sentences in the error's lines: they imply a code when none is printed, and name products.
    let sentences = if other_cloud.is_none() { catalog.sentences_in(lines) } else { Vec::new() };
    let stated_code = innermost_code(raw).or_else(|| documented_candidate(raw, catalog).map(str::to_string));
    // A documented sentence of another code on a line of its own after a documented code, outside its message, is
    // not that code's error: the code decides (a log line's "Request has expired" under a `Forbidden.RAM` block).
    let beside = |f: &&Field| {
        let after_the_codes = raw
            .all(Key::Code)
            .all(|c| c.end <= f.start && crate::text::slice(text.as_str(), c.end, f.start).contains('\n'));
        stated_code.as_deref().filter(|c| catalog.error_code(c).is_some()).is_some_and(|c| {
            after_the_codes
                && read::phrases::implied_code(text.as_str(), f).is_some_and(|i| !i.eq_ignore_ascii_case(c))
                && !raw.in_message(f)
        })
    };
    let phrases: Vec<Phrase> =
        raw.all(Key::Phrase).filter(|f| !beside(f)).filter_map(|f| Phrase::from_name(&f.value)).collect();
    let implied_code = if stated_code.is_none() {
        code_from_ec(raw).or_else(|| sentences.iter().find_map(|s| s.code.clone()))
    } else {
        None
    };
    let (mut kind, layer) = match &other_cloud {
        Some(_) => (Kind::Other, None),
        None => {
            let code = stated_code.as_deref().or(implied_code.as_deref());
            let mut signals = rules::Signals::new(raw, code, &phrases, catalog);
            signals.temporary_key = signals.key_unknown() && rules::shows_temporary_key(near_error(text, raw));
            signals.lines = lines;
            signals.names_role_policy = code.is_none() && rules::names_role_policy(signals.lines, catalog);
            let (kind, layer, _rule) = rules::classify(&signals);
            (kind, layer)
        }
    };
    let mut f = Finding::new(kind);
    // A bare OSS EC printed without any code: the code its row documents, else the EC itself (its family implies
    // `AccessDenied`).
    f.code = stated_code.or_else(|| raw.get(Key::Code).is_none().then(|| oss_ec::code_of_bare_ec(raw)).flatten());
    // Another cloud's client's own code print stands before a wrapper's code (a gRPC status around Tencent's SDK).
    if let Some(code) =
        other_cloud.as_ref().and_then(|_| systems::printed_code(lines, text.as_str().get(raw.end..).unwrap_or("")))
    {
        f.code = Some(code.to_string());
    }
    // Another cloud's codes are not in the catalog: its code-shaped word is still the code it printed.
    if f.code.is_none() && other_cloud.is_some() {
        // The one a `:` or `)` closes (`ExpiredToken: The provided token…`, boto's `(AccessDenied) when calling`).
        // Class names (`PermissionError:`, `S3ServiceException:`) are not codes.
        let closed =
            |c: &&Field| text.as_str()[c.end..].starts_with([':', ')']) && !read::code::is_class_name(&c.value);
        f.code = raw.all(Key::CodeCandidate).find(closed).map(|c| c.value.clone());
    }
    // Else the code the documentation gives a sentence of the message (`Specified access key is not found`).
    f.implied_code = implied_code.filter(|i| f.code.as_ref() != Some(i)).or_else(|| {
        let message_only = f.code.is_none() && other_cloud.is_none();
        let implied = |p: &Field| read::phrases::implied_code(text.as_str(), p).map(str::to_string);
        raw.all(Key::Phrase).filter(|_| message_only).find_map(implied)
    });
    f.other_cloud = other_cloud;
    f.layer = layer;
    f.request_id = raw.value(Key::RequestId).map(str::to_string);
    f.policy_type = raw.value(Key::PolicyType).map(str::to_string);
    f.encoded_diagnostic_message = raw.value(Key::EncodedDiagnosticMessage).map(str::to_string);
    f.principal = principal(raw, &phrases);
    f.api = raw.value(Key::Api).map(str::to_string);

    let context = if alone { context } else { &[] };
    let pick = if f.other_cloud.is_some() {
        None
    } else {
        product::pick(raw, kind, context, text.as_str(), lines, &steps, catalog)
    };
    // A registry refusing a login where no host names the registry: Container Registry when the paste names it
    // (`容器镜像服务`, `ACR`, "push to the image repository" beside an Alibaba Cloud mark), else not Alibaba Cloud's
    // (Docker Hub, a mirror).
    let refused_login = pick.is_none() && f.other_cloud.is_none() && phrases.contains(&Phrase::LoginRefused);
    let pick = match pick {
        None if refused_login => registry_named(raw, text, alibaba_mark, catalog),
        pick => pick,
    };
    if pick.is_none() && refused_login {
        f.other_cloud = Some(systems::OTHER_REGISTRY.en.to_string());
        (kind, f.kind, f.layer) = (Kind::Other, Kind::Other, None);
    }
    if let Some(p) = &pick {
        f.product = Some(p.ram_code.clone());
        why.product = Some(p.reason.clone());
        f.evidence.push(evidence("product", p.start, p.end));
    }
    f.region = region(raw);
    f.resource = if f.other_cloud.is_some() { None } else { resource(raw, text, f.product.as_deref(), kind) };

    // Actions: stated, or decided from the API, request or code the text shows (a fact for every kind). A
    // permission error's message may name the action bare (`没有 ram:PassRole 权限`).
    // An action read from words must be shaped as a real one (`dyvms:SingleCallByTts`, AWS's `s3:GetObject`), not
    // prose glued at a colon (`Authorization failed:No privilege`), whichever system printed it.
    let real = |a: &&Field| rules::real_action(&a.value, catalog);
    let mut stated: Vec<Field> = raw.all(Key::AuthAction).chain(raw.all(Key::Action).filter(real)).cloned().collect();
    if stated.is_empty() && matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny) {
        stated = rules::actions_in_messages(raw, catalog);
    }
    // Another cloud's refusal or call print names its action: kept as that cloud prints it.
    if stated.is_empty() {
        let body = || error_body(text, raw);
        if let Some(action) = f.other_cloud.as_deref().and_then(|s| systems::printed_action(s, lines, body())) {
            f.actions = vec![action];
        }
    }
    let mut access = match stated.first() {
        Some(first) => {
            let mut seen = BTreeSet::new();
            f.actions =
                stated.iter().map(|a| a.value.clone()).filter(|a| seen.insert(a.to_ascii_lowercase())).collect();
            f.evidence.push(evidence("action", first.start, first.end));
            // A service's own refusal to assume its role (rule `service-may-not-assume`) is not STS's.
            if f.product.is_none() && f.other_cloud.is_none() && !product::service_may_not_assume(raw, text.as_str()) {
                // A RAM code the catalog does not know (`nosuchproduct:ListInstances`) names no product.
                f.product = first
                    .value
                    .split_once(':')
                    .map(|(p, _)| p.to_string())
                    .filter(|p| product::names_product(catalog, p));
                why.product = f.product.as_ref().map(|_| Reason::Action(first.value.clone()));
            }
            catalog.access_level(&first.value).map(|(level, _)| level)
        }
        None => decide_action(&mut f, raw, text, Clues { steps: &steps, api_words }, catalog, wanted, &mut why),
    };
    let product_before_fallbacks = f.product.clone();

    // Without a stated product, rank the products the words around the message name; take one only when it is clear.
    // Every kind of Alibaba Cloud error: whose key, signature, quota or throttle it is matters to the user as much.
    if f.product.is_none()
        && product::searches_words_around(kind, f.code.as_deref(), &phrases, f.other_cloud.is_some())
        && budget.product_searches > 0
    {
        budget.product_searches -= 1;
        let (guesses, clear) = product::likely(raw, text, catalog);
        f.likely_products = guesses;
        // A documented sentence only one product prints is that product's answer, whatever the words around name.
        let own_sentence = sentences.iter().any(|s| s.products.len() == 1);
        if let Some((product, reason)) = clear.filter(|_| !own_sentence) {
            f.product = Some(product);
            why.product = Some(reason);
        }
    }
    // Still no product: a documented sentence names it (the words around, if any, stay offered after it).
    let mut from_sentence = false;
    if f.product.is_none() && f.other_cloud.is_none() {
        if let Some(s) = sentences.iter().find(|s| !s.products.is_empty()) {
            from_sentence = true;
            product_from_sentence(&mut f, s, raw);
        }
    }
    // Still none: a resource word on the error's own lines ("The DNS record does not exist", "the logstore …").
    if f.product.is_none() && f.other_cloud.is_none() {
        if let Some((word, p)) = product::resource_word(lines) {
            f.product = Some(p.to_string());
            why.product = Some(Reason::Marker(word.to_string()));
        }
    }

    // A product found only by the fallbacks above can still resolve the API the text names.
    if stated.is_empty() && f.actions.is_empty() && f.product != product_before_fallbacks {
        access = decide_action(&mut f, raw, text, Clues { steps: &steps, api_words }, catalog, wanted, &mut why);
    }
    let writes = match access {
        Some(level) => !level.is_read() && level != AccessLevel::None,
        None => f.actions.first().is_some_and(|a| !verb_reads(a.split_once(':').map_or(a.as_str(), |(_, n)| n))),
    };

    for (key, name) in [
        (Key::Code, "code"),
        (Key::Message, "message"),
        (Key::RequestId, "request_id"),
        (Key::AuthPrincipalDisplayName, "principal"),
        (Key::AuthPrincipalType, "principal"),
        (Key::AuthResource, "resource"),
        (Key::Resource, "resource"),
        (Key::PolicyType, "policy_type"),
        (Key::NoPermissionType, "policy_type"),
        (Key::Phrase, "message"),
    ] {
        if let Some(field) = raw.get(key) {
            f.evidence.push(evidence(name, field.start, field.end));
        }
    }
    f.confidence = confidence(&f, raw, &phrases, from_sentence);
    let facts = explain::Facts {
        finding: &f,
        phrases: &phrases,
        writes,
        string_to_sign: string_to_sign_difference(raw),
        service_role: raw
            .value(Key::RoleName)
            .map(str::to_string)
            .or_else(|| f.code.as_deref().and_then(|c| catalog.service_role_for_error(c)).map(|r| r.role_name.clone())),
        ec: raw.value(Key::Ec),
    };
    let (mut en, mut zh) = explain::explain(&facts);
    if let Some(said) = why.action {
        for (text, add) in [(&mut en, said.en), (&mut zh, said.zh)] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&add);
        }
    }
    f.explanation = en;
    f.explanation_zh = zh;
    (f, why.product)
}

/// What around an error may name its API when it states none: the tool steps standing by it, the text's API words.
#[derive(Clone, Copy)]
struct Clues<'s> {
    steps: &'s [&'static tool_steps::ToolStep],
    api_words: &'s action::ApiWords<'s>,
}

/// The action of an error that states none ([`action::decide`]), put on the finding; its access level when known.
/// A missing service role's action is the role's creation (stated, or left to the plan), not the API called.
fn decide_action(
    f: &mut Finding,
    raw: &RawError,
    text: &Text,
    Clues { steps, api_words }: Clues,
    catalog: &Catalog,
    wanted: &mut BTreeSet<String>,
    why: &mut Why,
) -> Option<AccessLevel> {
    // A missing service role's need is the role; another cloud's or the local system's error called no Alibaba
    // Cloud API at all (`ossutil cp` failing to make its local checkpoint folder).
    if f.kind == Kind::ServiceRoleMissing || f.other_cloud.is_some() {
        return None;
    }
    let (around, lines) = (around(text, raw), error_lines(text, raw));
    let inputs = action::Inputs {
        raw,
        kind: f.kind,
        product: f.product.as_deref(),
        code: f.code.as_deref(),
        around,
        lines,
        steps,
        catalog,
        api_words,
    };
    let d = action::decide(&inputs, wanted)?;
    if d.rule == action::TOOL_STEP {
        if let Some(s) = tool_steps::choose(steps, inputs.product) {
            why.action = Some(reason::tool_step_action(s.tool, &s.shown_words(), &d.action));
        }
    }
    // An action found with no product yet names it: a code family's (`isv.SMS_…`), an API only one product has.
    if f.product.is_none() && f.other_cloud.is_none() {
        let reason = match (&d.api, d.rule) {
            (_, action::CODE_FAMILY) => f.code.clone().map(Reason::Marker),
            (Some(api), _) => Some(Reason::Api(api.clone())),
            (None, _) => None,
        };
        if reason.is_some() {
            f.product = d.action.split_once(':').map(|(p, _)| p.to_string());
            why.product = reason;
        }
    }
    let more = action::also_needs(&d);
    f.actions = std::iter::once(d.action).chain(more.iter().map(|a| a.to_string())).collect();
    f.actions_inferred = d.inferred;
    f.api = d.api.or(f.api.take());
    if let Some((start, end)) = d.span {
        f.evidence.push(evidence("api", start, end));
    }
    d.access
}

/// The product a documented sentence names; when several products print it, all of them ranked, and the
/// finding says the sentence is shared.
fn product_from_sentence(f: &mut Finding, s: &ProductSentence, raw: &RawError) {
    let reason = Reason::Sentence { sentence: s.text.clone(), shared: s.products.len() };
    f.product = s.products.first().cloned();
    f.product_reason = Some(reason.words());
    let words = std::mem::take(&mut f.likely_products);
    if s.products.len() > 1 || !words.is_empty() {
        f.likely_products = s.products.iter().map(|p| product::guess(p.clone(), &reason)).collect();
        f.likely_products.extend(words.into_iter().filter(|g| !s.products.contains(&g.product)));
    }
    f.evidence.push(evidence("product", raw.start, raw.end));
}

/// Rule `registry-named`: Container Registry, for a refused `docker login` whose host is masked or left out, when
/// the words around name it beside an Alibaba Cloud mark: its names (`容器镜像服务`, `ACR`, `Container Registry`:
/// Azure's, GitHub's, Tencent's and Huawei's registries are called so too), or a registry word
/// ([`product::resource_word`]: 镜像仓库, 阿里云镜像服务, "push image"). A login that names its registry's host
/// ([`registry_hosts`]) is that host's: Container Registry's only under Alibaba Cloud's domains (`ghcr.io`,
/// `*.azurecr.io`, a self-hosted Harbor are not, whatever the words around say).
fn registry_named(raw: &RawError, text: &Text, alibaba_mark: bool, catalog: &Catalog) -> Option<product::Pick> {
    let words = around(text, raw);
    let named: Vec<String> = registry_hosts(words).filter(|h| !masked_host(h)).collect();
    let alibaba = |h: &&String| crate::catalog::in_cloud_domain(h) || catalog.product_by_host(h).is_some();
    if let Some(host) = named.iter().find(alibaba) {
        return Some(product::Pick {
            ram_code: "cr".to_string(),
            start: raw.start,
            end: raw.end,
            reason: Reason::Host(host.clone()),
        });
    }
    if !named.is_empty() || !alibaba_mark {
        return None;
    }
    let (_, clear) = product::likely(raw, text, catalog);
    let reason = match clear {
        Some((p, reason)) if p == "cr" => reason,
        _ => match product::resource_word(words) {
            Some((word, "cr")) => Reason::Marker(word.to_string()),
            _ => return None,
        },
    };
    Some(product::Pick { ram_code: "cr".to_string(), start: raw.start, end: raw.end, reason })
}

/// The registry hosts a login names, as Docker's clients print them (lower case, no scheme or port): the daemon's
/// request (`Get "https://HOST/v2/"`, `login attempt to https://HOST/v2/ failed`), the command's argument
/// (`docker login [flags] HOST`, podman's, nerdctl's, buildah's and `helm registry login` alike) and
/// docker/login-action's `Logging into HOST...`.
fn registry_hosts(words: &str) -> impl Iterator<Item = String> + '_ {
    const COMMANDS: &[&str] =
        &["docker login", "podman login", "nerdctl login", "buildah login", "helm registry login", "logging into "];
    // Flags that take the next word as their value.
    const VALUED: &[&str] = &["-u", "-p", "--username", "--password", "--authfile", "--cert-dir"];
    let lower = words.to_ascii_lowercase();
    let requests: Vec<String> = lower
        .match_indices("/v2/")
        .filter_map(|(at, _)| {
            let before = &lower[..at];
            let start = before.rfind("://")? + 3;
            let host = &before[start..];
            (!host.is_empty() && !host.contains(|c: char| c.is_whitespace() || c == '"' || c == '/'))
                .then(|| crate::catalog::bare_host(host))
        })
        .collect();
    let commands: Vec<String> = lower
        .lines()
        .filter_map(|line| {
            let rest = COMMANDS.iter().find_map(|c| line.find(c).map(|at| &line[at + c.len()..]))?;
            let mut args = rest.split_whitespace().take_while(|w| !matches!(*w, "|" | "&&" | ";" | "<" | "<<<"));
            while let Some(w) = args.next() {
                if VALUED.contains(&w) {
                    args.next();
                } else if !w.starts_with('-') {
                    let w = w.trim_matches(|c: char| matches!(c, '"' | '\'' | '.' | ';'));
                    return Some(crate::catalog::bare_host(w));
                }
            }
            None
        })
        .collect();
    requests.into_iter().chain(commands)
}

/// A host a CI log masked (`***`) or a variable stands for (`$REGISTRY`, `${{ env.REGISTRY }}`): it names none.
fn masked_host(host: &str) -> bool {
    host.is_empty() || host.contains(['*', '$', '{', '%', '<']) || (!host.contains('.') && host != "localhost")
}

/// The words around an error: the whole paste when short, else the 2 KB before and after it.
fn around<'t>(text: &'t Text, raw: &RawError) -> &'t str {
    if text.len() <= 8192 {
        return text.as_str();
    }
    crate::text::slice(text.as_str(), raw.start.saturating_sub(2048), raw.end.saturating_add(2048))
}

/// The words near an error (2 KB either side of it, 8 KB in all, paragraph breaks or not: a tool prints its
/// config after the error): where what it was sent with (its AccessKey id, its token) is printed. Bounded, so a
/// log of many errors costs no pass over the whole text per error.
fn near_error<'t>(text: &'t Text, raw: &RawError) -> &'t str {
    let a = raw.start.saturating_sub(2048);
    crate::text::slice(text.as_str(), a, raw.end.saturating_add(2048).min(a + 8192))
}

/// The lines an error spans (at most 4 KB), where a documented sentence may stand.
fn error_lines<'t>(text: &'t Text, raw: &RawError) -> &'t str {
    let s = text.as_str();
    let (a, _) = text.line_range(text.line_of(raw.start));
    let (_, b) = text.line_range(text.line_of(raw.end.saturating_sub(1).max(raw.start)));
    crate::text::slice(s, a, b.min(a + 4096))
}

/// The error's lines with up to four lines before them (a tool's log line above the error it wraps, at most 1 KB)
/// and the one after (acme.sh prints its step after the DNS hook's message): where a tool names its failed step.
/// Never past the errors beside it (`between`: the span of the one before, the start of the one after), whose
/// steps are theirs; the line an error starts on is its own (a reader may run the error above into it).
fn step_window(text: &Text, raw: &RawError, between: (Option<(usize, usize)>, Option<usize>)) -> (usize, usize) {
    let first = text.line_of(raw.start);
    let last = text.line_of(raw.end.saturating_sub(1).max(raw.start));
    let (a, _) = text.line_range(first.saturating_sub(4));
    let (_, b) = text.line_range((last + 1).min(text.line_count().saturating_sub(1)));
    let own_line = text.line_range(first).0;
    let low = between.0.map_or(0, |(start, end)| if start < own_line { end.min(own_line) } else { end });
    let high = between.1.map_or(text.len(), |next| {
        let its_line = text.line_range(text.line_of(next)).0;
        if its_line > raw.start {
            its_line
        } else {
            next
        }
    });
    let from = a.max(raw.start.saturating_sub(1024)).max(low.min(raw.start));
    (from, b.min(raw.end.saturating_add(4096)).min(high.max(raw.start)))
}

/// The error's body: its lines, up to 1 KB before them and 512 bytes after, whole lines (a pretty-printed
/// response opens lines above the code the reader found; a page's reference follows its refusal).
fn error_body<'t>(text: &'t Text, raw: &RawError) -> &'t str {
    let s = text.as_str();
    let (a, _) = text.line_range(text.line_of(raw.start.saturating_sub(1024)));
    let last = raw.end.saturating_add(512).min(s.len()).saturating_sub(1).max(raw.start);
    let (_, b) = text.line_range(text.line_of(last));
    crate::text::slice(s, a.max(raw.start.saturating_sub(1024)), b.min(raw.end.saturating_add(4096)))
}

/// The code of the error: the innermost one where a wrapper (`SDK.…`, `ServerError`) carries another, so an
/// endpoint or client error caused by a credential error reads as the credential error.
fn innermost_code(raw: &RawError) -> Option<String> {
    // A JSON or XML body is the server's own answer; a code printed on a line around it is the tool's label.
    let line_code = raw.all(Key::Code).next()?;
    if line_code.container.is_none() && !read::group::is_wrapper_code(&line_code.value) {
        if let Some(body) = raw.all(Key::Code).find(|f| f.container.is_some()) {
            return Some(body.value.clone());
        }
    }
    if !read::group::is_wrapper_code(&line_code.value) {
        return Some(line_code.value.clone());
    }
    let inner = raw.all(Key::Code).skip(1).filter(|c| !read::group::is_wrapper_code(&c.value)).last();
    Some(inner.unwrap_or(line_code).value.clone())
}

fn principal(raw: &RawError, phrases: &[Phrase]) -> Option<Principal> {
    let p = Principal {
        kind: raw.value(Key::AuthPrincipalType).map(str::to_string),
        name: raw.value(Key::AuthPrincipalDisplayName).map(str::to_string),
        account: raw.value(Key::AuthPrincipalOwnerId).map(str::to_string),
    };
    if p.kind.is_none() && phrases.contains(&Phrase::RootMayNotAssume) {
        return Some(Principal { kind: Some("RootUser".to_string()), ..p });
    }
    // Only a role session carries an STS session policy.
    if p.kind.is_none() && phrases.contains(&Phrase::SessionPolicy) {
        return Some(Principal { kind: Some("AssumedRoleUser".to_string()), ..p });
    }
    (p != Principal::default()).then_some(p)
}

/// The resource ARN the error names; for an OSS access denial, the bucket from the endpoint that answered.
fn resource(raw: &RawError, text: &Text, product: Option<&str>, kind: Kind) -> Option<String> {
    if let Some(r) = raw.value(Key::AuthResource).or_else(|| raw.value(Key::Resource)) {
        return Some(r.to_string());
    }
    if product == Some("oss") && matches!(kind, Kind::MissingPermission | Kind::ExplicitDeny) {
        // The host that answered, else a request to the bucket itself (`POST https://b.oss-cn-hangzhou…/?metaQuery`;
        // a request for an object names more than the bucket).
        let bucket_request = |h: &&crate::read::Field| {
            let after = &text.as_str()[h.end..];
            after.starts_with("/?") || after.starts_with('?') || after.starts_with("/ ") || after.starts_with("/.")
        };
        return raw.all(Key::HostId).chain(raw.all(Key::Host).filter(bucket_request)).find_map(|h| {
            let (bucket, rest) = h.value.split_once('.')?;
            let bucket_host = rest.to_ascii_lowercase().starts_with("oss-")
                && !bucket.to_ascii_lowercase().starts_with("oss-")
                && !bucket.is_empty()
                && !bucket.contains('*');
            bucket_host.then(|| format!("acs:oss:*:*:{bucket}"))
        });
    }
    None
}

/// The region from a `RegionId` or the endpoint (`ecs.cn-hangzhou.aliyuncs.com`, `bucket.oss-cn-beijing.aliyuncs.com`).
fn region(raw: &RawError) -> Option<String> {
    if let Some(r) = raw.value(Key::Region) {
        return Some(r.to_string());
    }
    let hosts = raw.all(Key::HostId).chain(raw.all(Key::Host));
    for h in hosts {
        for label in h.value.to_ascii_lowercase().split('.') {
            let label = label.strip_prefix("oss-").unwrap_or(label);
            let mut parts = label.split('-');
            let geo = parts.next().unwrap_or("");
            if matches!(geo, "cn" | "ap" | "us" | "eu" | "me" | "na" | "sa" | "af") && parts.next().is_some() {
                return Some(label.to_string());
            }
        }
    }
    None
}

/// Whether an API name reads (for the "ReadOnly is not enough" hint when the catalog has no access level).
fn verb_reads(api: &str) -> bool {
    ["Describe", "List", "Get", "Query", "Check", "Search", "Head", "Preview", "Validate"]
        .iter()
        .any(|v| api.starts_with(v))
}

/// How sure the finding is. A product inferred from a sentence alone is at most medium: the sentence is
/// documented as the product's, but the page that showed it is not in the text.
fn confidence(f: &Finding, raw: &RawError, phrases: &[Phrase], from_sentence: bool) -> Confidence {
    if raw.get(Key::AuthAction).is_some() || (f.code.is_some() && raw.get(Key::Action).is_some()) {
        return Confidence::High;
    }
    // A documented sentence outweighs the generic words it opens with ("没有足够的权限，请联系云账号管理员…").
    if from_sentence {
        return if f.likely_products.is_empty() { Confidence::Medium } else { Confidence::Low };
    }
    if f.code.is_none() && phrases.iter().any(|p| p.generic()) {
        return Confidence::Low;
    }
    if f.code.is_some() || (f.product.is_some() && !phrases.contains(&Phrase::Console)) {
        return Confidence::Medium;
    }
    Confidence::Low
}

/// Where the server's string-to-sign and the user's first differ: (byte offset, server's text there, user's).
fn string_to_sign_difference(raw: &RawError) -> Option<(usize, String, String)> {
    let server = raw.value(Key::ServerStringToSign)?;
    let client = raw.value(Key::ClientStringToSign)?;
    let at = server.bytes().zip(client.bytes()).position(|(a, b)| a != b).unwrap_or(server.len().min(client.len()));
    if server == client {
        return None;
    }
    let show = |s: &str| crate::text::slice(s, at, at + 24).to_string();
    Some((at, show(server), show(client)))
}

fn evidence(field: &str, start: usize, end: usize) -> Evidence {
    Evidence { field: field.to_string(), start, end }
}

/// What makes two findings the same error: kind, code, first action and product.
type FindingKey = (Kind, Option<String>, Option<String>, Option<String>);

/// Findings in text order, one per distinct error: the same kind, code, first action and product seen again adds
/// nothing but fills fields the first sighting lacked.
#[derive(Default)]
struct Findings {
    list: Vec<Finding>,
    index: HashMap<FindingKey, usize>,
    /// The same without the code: an error printed twice, once with its code and once without (a message line,
    /// then the stack's error class), is one error.
    uncoded: HashMap<(Kind, Option<String>, Option<String>), usize>,
    /// Each finding's request ids: another request id is another request refused the same way (a repeat);
    /// the same error printed twice for one request is not.
    request_ids: Vec<HashSet<String>>,
}

impl Findings {
    fn add(&mut self, mut f: Finding, reason: Option<Reason>) {
        let key = (f.kind, f.code.clone(), f.actions.first().cloned(), f.product.clone());
        let loose = || (f.kind, f.actions.first().cloned(), f.product.clone());
        let same = self.index.get(&key).copied().or_else(|| {
            let &i = self.uncoded.get(&loose())?;
            (self.list[i].code.is_none() || f.code.is_none()).then_some(i)
        });
        match same {
            Some(i) => {
                if let Some(id) = &f.request_id {
                    let ids = &mut self.request_ids[i];
                    if !ids.contains(id) {
                        ids.insert(id.clone());
                        self.list[i].repeats = ids.len();
                    }
                }
                let g = &mut self.list[i];
                if g.code.is_none() && f.code.is_some() {
                    g.code = f.code.clone();
                    g.implied_code = None;
                    self.index.insert(key, i);
                }
                g.resource = g.resource.take().or(f.resource);
                g.principal = g.principal.take().or(f.principal);
                g.request_id = g.request_id.take().or(f.request_id);
                g.region = g.region.take().or(f.region);
                g.api = g.api.take().or(f.api);
            }
            None => {
                if f.product_reason.is_none() {
                    f.product_reason = reason.map(|r| r.words());
                }
                self.index.insert(key, self.list.len());
                self.uncoded.entry(loose()).or_insert(self.list.len());
                self.request_ids.push(f.request_id.iter().cloned().collect());
                self.list.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Layer;

    /// The finding's grant, from its own plan: the `grant` of `diagnose --json`.
    fn grant_of(f: &Finding) -> crate::report::Grant {
        crate::report::Grant::from_plan(&crate::grant::GrantPlan::for_finding(f, &Catalog::empty()).unwrap())
    }

    fn one(text: &str) -> Finding {
        let d = diagnose(text, &Catalog::empty());
        assert_eq!(d.findings.len(), 1, "{text}\n{d:#?}");
        d.findings.into_iter().next().unwrap()
    }

    #[test]
    fn forbidden_ram_with_access_denied_detail() {
        let f = one(
            r#"{"RequestId":"R1","HostId":"ecs.cn-hangzhou.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource, or this API doesn't support RAM.","AccessDeniedDetail":{"AuthAction":"ecs:DescribeInstances","AuthPrincipalType":"SubUser","AuthPrincipalOwnerId":"1234","AuthPrincipalDisplayName":"2345","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy","EncodedDiagnosticMessage":"AQE="}}"#,
        );
        assert_eq!(f.kind, Kind::MissingPermission);
        assert_eq!(f.code.as_deref(), Some("Forbidden.RAM"));
        assert_eq!(f.product.as_deref(), Some("ecs"));
        assert_eq!(f.actions, vec!["ecs:DescribeInstances"]);
        let p = f.principal.clone().unwrap();
        assert_eq!(
            (p.kind.as_deref(), p.name.as_deref(), p.account.as_deref()),
            (Some("SubUser"), Some("2345"), Some("1234"))
        );
        assert_eq!(f.layer, Some(Layer::Identity));
        assert_eq!(f.request_id.as_deref(), Some("R1"));
        assert_eq!(f.region.as_deref(), Some("cn-hangzhou"));
        assert_eq!(f.confidence, Confidence::High);
        let policy = grant_of(&f).custom_policy.unwrap();
        assert_eq!(policy["Statement"][0]["Action"][0], "ecs:DescribeInstances");
        // The builder scopes to the region and account the error shows.
        assert_eq!(policy["Statement"][0]["Resource"][0], "acs:ecs:cn-hangzhou:1234:*");
    }

    #[test]
    fn explicit_deny_gets_no_grant() {
        let f = one(
            r#"{"Code":"NoPermission","accessDeniedDetail":{"authAction":"oss:PutObject","noPermissionType":"ExplicitDeny","policyType":"ControlPolicy"}}"#,
        );
        assert_eq!(f.kind, Kind::ExplicitDeny);
        assert_eq!(f.layer, Some(Layer::ControlPolicy));
        let grant = grant_of(&f);
        assert!(grant.custom_policy.is_none() && grant.system_policies.is_empty());
        assert!(f.explanation.contains("control policy"), "{}", f.explanation);
    }

    #[test]
    fn console_message_alone_asks_which_product() {
        for text in [
            "Insufficient permissions, please contact the cloud account administrator to grant you the corresponding permissions.",
            "权限不足，请联系主账号管理员授权",
        ] {
            let f = one(text);
            assert_eq!(f.kind, Kind::MissingPermission);
            assert_eq!(f.product, None);
            assert!(f.likely_products.is_empty());
            assert!(f.explanation.contains("console page"), "{}", f.explanation);
            assert!(!f.explanation_zh.is_empty());
        }
    }

    #[test]
    fn credential_signature_and_token_errors_are_not_grants() {
        for (text, kind) in [
            ("ErrorCode: InvalidAccessKeyId.NotFound\nMessage: Specified access key is not found.", Kind::BadCredentials),
            ("SDK.ServerError\nErrorCode: SignatureDoesNotMatch\nMessage: Specified signature is not matched with our calculation.", Kind::Signature),
            ("SDK.ServerError\nErrorCode: InvalidTimeStamp.Expired\nMessage: Specified time stamp or date header is expired.", Kind::Signature),
            ("SDK.ServerError\nErrorCode: InvalidSecurityToken.Expired\nMessage: Specified SecurityToken is expired.", Kind::TokenExpired),
            ("SDK.ServerError\nErrorCode: Throttling.User\nMessage: Request was denied due to user flow control.", Kind::Other),
        ] {
            let f = one(text);
            assert_eq!(f.kind, kind, "{text}");
            let grant = grant_of(&f);
            assert!(grant.system_policies.is_empty() && grant.custom_policy.is_none(), "{text}");
        }
    }

    #[test]
    fn sts_assume_role_cases() {
        let f = one(
            r#"{"RequestId":"784B","HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"Roles may not be assumed by root accounts."}"#,
        );
        assert_eq!(f.kind, Kind::AssumeRole);
        assert_eq!(f.principal.unwrap().kind.as_deref(), Some("RootUser"));
        let f = one("ErrorCode: NoPermission\nMessage: No permission perform sts:AssumeRole on this Role. Maybe the role belongs to another account.");
        assert_eq!((f.kind, f.layer), (Kind::AssumeRole, Some(Layer::TrustPolicy)));
        let f = one(
            r#"{"HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action. You should be authorized by RAM."}"#,
        );
        assert_eq!(f.kind, Kind::AssumeRole);
        assert_eq!(f.actions, vec!["sts:AssumeRole"]);
    }

    #[test]
    fn action_and_resource_from_the_message() {
        let f = one(
            r#"{"HttpStatus": 403, "RequestId": "75ED", "HostId": "ram.aliyuncs.com", "Code": "NoPermission", "Message": "You are not authorized to do this action. Resource: acs:ram:*:1986901577758888:role/* Action: ram:CreateRole"}"#,
        );
        assert_eq!(f.kind, Kind::MissingPermission);
        assert_eq!(f.actions, vec!["ram:CreateRole"]);
        assert_eq!(f.resource.as_deref(), Some("acs:ram:*:1986901577758888:role/*"));
        assert_eq!(
            grant_of(&f).custom_policy.unwrap()["Statement"][0]["Resource"][0],
            "acs:ram:*:1986901577758888:role/*"
        );
    }

    #[test]
    fn aws_sdk_names_are_aws_unless_alibaba_cloud_is_named() {
        let f = one("err: S3ServiceException\nExpiredToken: The provided token has expired.\n at de_CommandError (node_modules/@aws-sdk/client-s3/index.js)");
        assert_eq!(f.other_cloud.as_deref(), Some("AWS"));
        assert_eq!(f.code.as_deref(), Some("ExpiredToken"));
        let f = one("CreateCluster Invalid Request: Unable to assume the service linked role. Please verify that the ECS service linked role exists.");
        assert_eq!((f.kind, f.other_cloud.as_deref(), f.code.as_deref()), (Kind::Other, Some("AWS"), None));
        // An S3 client pointed at OSS: the Alibaba Cloud host overrules the AWS SDK's name.
        let f = one("S3ServiceException: AccessDenied: You have no right to access this object. host: b.oss-cn-hangzhou.aliyuncs.com");
        assert_eq!(f.other_cloud, None);
    }

    #[test]
    fn other_systems_denials_are_named() {
        let f = one("pods is forbidden: cannot list resource \"pods\" in API group \"\" in the namespace \"x\"");
        assert_eq!(f.other_cloud.as_deref(), Some(systems::KUBERNETES.en));
        let f = one("HttpError: Resource not accessible by integration");
        assert_eq!((f.kind, f.other_cloud.as_deref()), (Kind::Other, Some("GitHub")));
    }

    #[test]
    fn any_alibaba_error_body_gives_a_finding() {
        let f = one(
            r#"{"RequestId": "R-1", "HostId": "dataworks.cn-shanghai.aliyuncs.com", "Code": "5801488441564725286", "Message": "未找到节点"}"#,
        );
        assert_eq!((f.kind, f.code.as_deref()), (Kind::Other, Some("5801488441564725286")));
        assert!(grant_of(&f).system_policies.is_empty());
    }

    #[test]
    fn the_cause_wins_over_its_wrapper() {
        let d = diagnose(
            "[SDK.CanNotResolveEndpoint] Can not resolve endpoint(param = {\"Product\":\"pvtz\",\"LocationProduct\":\"pvtz\"}), please check your accessKey with secret\n \ncaused by:\nSDK.ServerError\nErrorCode: MissingAccessKeyId\nRequestId: R-1\nMessage: AccessKeyId is mandatory for this action.",
            &Catalog::empty(),
        );
        assert_eq!(d.findings.len(), 1, "{d:#?}");
        assert_eq!(d.findings[0].kind, Kind::BadCredentials);
        assert_eq!(d.findings[0].code.as_deref(), Some("MissingAccessKeyId"));
    }

    #[test]
    fn message_only_sentences_fall_back_on_their_words() {
        for (text, kind) in [
            ("The sub-account lacks the permission to list instances", Kind::MissingPermission),
            ("当前账号没有该操作的授权", Kind::MissingPermission),
            ("点击开始之后提示令牌已过期", Kind::TokenExpired),
            ("The role AliyunFCDefaultRole is required for turning on logging.", Kind::ServiceRoleMissing),
            ("credentials not found in the default profile", Kind::BadCredentials),
        ] {
            let f = one(text);
            assert_eq!(f.kind, kind, "{text}");
            assert_eq!(f.confidence, Confidence::Low, "{text}");
        }
        // A role the request must name (FC's `InvalidArgument`) is a parameter, no service's own role.
        let d = diagnose("Role is required for turning on logging.", &Catalog::empty());
        assert!(d.findings.iter().all(|f| f.kind != Kind::ServiceRoleMissing), "{d:#?}");
    }

    #[test]
    fn decoded_diagnostic_with_explicit_deny_is_an_explicit_deny() {
        let f = one(
            r#"{"DecodedDiagnosticMessage": {"ExplicitDeny": true, "AuthAction": "ram:ListUsers", "AuthResource": "*"}}"#,
        );
        assert_eq!(f.kind, Kind::ExplicitDeny);
    }

    #[test]
    fn other_clouds_are_said_so() {
        let f = one("An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\"");
        assert_eq!(f.kind, Kind::Other);
        assert_eq!(f.other_cloud.as_deref(), Some("AWS"));
        assert!(f.explanation.contains("AWS"));
    }

    #[test]
    fn other_systems_fixed_refusals_are_theirs() {
        for (text, system) in [
            // AWS's query protocol names the fault's side; Alibaba Cloud's errors never do.
            (
                r#"{"Error":{"Code":"AccessDenied","Message":"Roles may not be assumed by root accounts.","Type":"Sender"}}"#,
                "AWS",
            ),
            // Django REST framework's default refusal.
            (r#"{"detail": "You do not have permission to perform this action."}"#, "Django REST framework"),
            // A MySQL-protocol server's GRANTs, RDS's included: an Alibaba Cloud mark does not make them RAM's.
            (
                "mysql -h rm-x.mysql.rds.aliyuncs.com
ERROR 1045 (28000): Access denied for user 'app'@'10.0.0.1'",
                "MySQL protocol",
            ),
            ("ERROR 1142 (42000): SELECT command denied to user 'ro'@'%' for table 'orders'", "MySQL protocol"),
        ] {
            let f = one(text);
            assert_eq!(f.kind, Kind::Other, "{text}");
            assert!(f.other_cloud.as_deref().is_some_and(|c| c.contains(system)), "{text}: {:?}", f.other_cloud);
        }
    }

    #[test]
    fn alibaba_marks_overrule_other_clouds_wording() {
        // IAM-style wording from an S3-compatible client, answered by OSS (its host in `HostId`).
        let f = one("<Error><Code>AccessDenied</Code><Message>User: bob is not allowed to call oss:PutObject with an explicit deny in a bucket policy</Message><RequestId>65A8F0C2E1B7</RequestId><HostId>media.oss-cn-shanghai.aliyuncs.com</HostId></Error>");
        assert_eq!(f.other_cloud, None, "{f:#?}");
        assert_ne!(f.kind, Kind::Other);
        // Without an Alibaba Cloud sign it stays the other system's, named in Chinese in the Chinese text.
        let f = one("User: ci-deployer is not authorized to perform: iam:PassRole on resource: role/deploy with an explicit deny in a service control policy");
        assert_eq!(f.other_cloud.as_deref(), Some("AWS or Huawei Cloud (IAM)"));
        assert!(f.explanation_zh.contains("AWS 或华为云"), "{}", f.explanation_zh);
        assert!(!f.explanation.contains("'s own"), "{}", f.explanation);
    }

    #[test]
    fn context_words_name_the_product() {
        for (text, product) in [
            // A tool's name after `_` (a .NET namespace of a DDNS client).
            ("ClientException: Forbidden.RAM : User not authorized to operate on the specified resource.\n   at aliyun_ddns.Updater.Get()", "alidns"),
            ("$ aliyuncli oss List oss://b/p\nErrorCode: AccessDenied\nMessage: x", "oss"),
            ("E0101 solver.go:56] Get hosted zone example.cn. error: SDK.ServerError\nErrorCode: Forbidden.RAM\nMessage: x", "alidns"),
            // SMS and Voice share the `isv.` codes; a message about calls is the Voice service's.
            (r#"{"Message":"该被叫号触发被叫流控","Code":"isv.BUSINESS_LIMIT_CONTROL"}"#, "dyvmsapi"),
            (r#"{"Message":"触发分钟级流控","Code":"isv.BUSINESS_LIMIT_CONTROL"}"#, "dysms"),
            ("Code: AUTHENTICATION_FAILED, Message: user jurisdiction error. 子账号推镜像权限不足", "cr"),
            ("Code: AccessDenied, Message: The DNS record does not belong to this account", "alidns"),
            ("MQ_INST_1_x topic T: ErrorCode: AccessDenied\nMessage: x", "mq"),
            // A message-only paste: the resource word on the error's line.
            ("失败！原因为\nThe DNS record does not exist in your account.", "alidns"),
        ] {
            assert_eq!(one(text).product.as_deref(), Some(product), "{text}");
        }
    }

    #[test]
    fn codes_are_read_as_alibaba_cloud_spells_them() {
        assert_eq!(one("ErrorCode: InvalidParameter.RoleSessionNameErrorMessage: The parameter RoleSessionName is wrongly formed.").code.as_deref(), Some("InvalidParameter.RoleSessionName"));
        // gRPC's `code = Unknown` is no code; the credentials file is the matter.
        let f = one("rpc error: code = Unknown desc = error loading environment from ALIBABA_CLOUD_CREDENTIALS_FILE (/credentials/cloud)");
        assert_eq!((f.kind, f.code), (Kind::BadCredentials, None));
        // A bare OSS EC: the code its row documents, else the EC itself, the one code the paste states.
        let f = one("0003-00000101\n您的请求被Bucket Policy策略所拒绝。");
        assert_eq!((f.kind, f.code.as_deref(), f.implied_code), (Kind::ExplicitDeny, Some("AccessDenied"), None));
        let f = one("0002-00000418\nThe signature in the request URL has expired.");
        assert_eq!((f.kind, f.code.as_deref()), (Kind::TokenExpired, Some("0002-00000418")));
        // `Code: message` opening a line, the code CamelCase (Python's exception text).
        let f = one("BasicServiceNotActivated: The NLP API (Version : base) service has not been activated.");
        assert_eq!((f.kind, f.code.as_deref()), (Kind::NotActivated, Some("BasicServiceNotActivated")));
        // The core SDKs' bracketed client code, when no server error caused it.
        let f = one("[SDK.CanNotResolveEndpoint] Can not resolve endpoint(param = {\"Product\":\"Ess\",\"LocationProduct\":\"ess\"}), please check the user guide");
        assert_eq!(
            (f.kind, f.code.as_deref(), f.product.as_deref()),
            (Kind::Other, Some("SDK.CanNotResolveEndpoint"), Some("ess"))
        );
        // An auth-family code whose message says a permission is missing.
        assert_eq!(
            one("Code: AUTHENTICATION_FAILED, Message: user jurisdiction error. 权限不足").kind,
            Kind::MissingPermission
        );
    }

    #[test]
    fn the_api_and_the_resource_named_in_prose() {
        // The v2 Go SDKs name the operation: the action of a refusal at a bucket's host.
        let f = one("operation error OpenMetaQuery: Error returned by Service.\nHttp Status Code: 403.\nError Code: AccessDenied.\nMessage: The bucket you access does not belong to you..\nRequest Endpoint: POST https://b.oss-cn-hangzhou.aliyuncs.com/?metaQuery.");
        assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("oss")));
        assert_eq!(f.actions, vec!["oss:OpenMetaQuery"]);
        // "This operation for <ARN> is forbidden by permission system": the ARN's product and resource.
        let f = one("com.aliyuncs.exceptions.ClientException: Forbidden.NoPermission : This operation for acs:kms:cn-hangzhou:1:key/k-1 is forbidden by permission system.");
        assert_eq!((f.kind, f.product.as_deref()), (Kind::MissingPermission, Some("kms")));
        assert_eq!(f.resource.as_deref(), Some("acs:kms:cn-hangzhou:1:key/k-1"));
        // A service's default role named in the message: that service's.
        let f = one("Error code: Abnormal.RamCheckUserRole\nError message: You have not authorized the DTS default role \"AliyunDTSDefaultRole\".");
        assert_eq!((f.kind, f.product.as_deref()), (Kind::ServiceRoleMissing, Some("dts")));
        // Container Registry's hosts.
        let f = one("failed to ping registry https://registry.cn-beijing.aliyuncs.com: SDK.ServerError\nErrorCode: InvalidAccessKeyId\nMessage: Specified access key is not found or invalid.");
        assert_eq!(f.product.as_deref(), Some("cr"));
    }

    #[test]
    fn the_action_a_message_states_is_the_findings_action() {
        let f = one("ErrorCode: Forbidden.RAM\nMessage: 当前用户没有 ram:PassRole 权限，无法将默认角色 AliyunEMRDefaultRole 传递给集群。");
        assert_eq!((f.kind, f.actions.clone()), (Kind::MissingPermission, vec!["ram:PassRole".to_string()]));
        // A label before a colon is no action.
        let f = one("ErrorCode: Forbidden.RAM\nMessage: User not authorized to operate on the specified resource. Note:Please ask your administrator.");
        assert!(f.actions.is_empty(), "{:?}", f.actions);
    }

    #[test]
    fn sts_refusals_name_the_assume_call() {
        // A service told it may not assume the role it was given (Function Compute).
        let f = one("POST /services failed with 403. message: No permission to assume the role 'acs:ram::123:role/fc-run' for you");
        assert_eq!((f.kind, f.actions.clone()), (Kind::AssumeRole, vec!["sts:AssumeRole".to_string()]));
        assert_eq!(f.resource.as_deref(), Some("acs:ram::123:role/fc-run"));
        // The service refused it (rule `service-may-not-assume`): neither STS, never called, nor RAM, the role's.
        assert!(!matches!(f.product.as_deref(), Some("sts" | "ram")), "{f:#?}");
        // STS's own refusal of the caller stays STS's.
        let f = one("ErrorCode: NoPermission\nMessage: You are not authorized to do this action. You should be authorized by RAM.\nHostId: sts.aliyuncs.com\nAction: AssumeRole");
        assert_eq!(f.product.as_deref(), Some("sts"), "{f:#?}");
        // AssumeRoleWithOIDC: the provider is not registered.
        let f = one("ErrorCode: AuthenticationFail.NoPermission\nMessage: No such OIDC Provider registered.");
        assert_eq!((f.kind, f.actions.clone()), (Kind::AssumeRole, vec!["sts:AssumeRoleWithOIDC".to_string()]));
        assert_eq!(f.product.as_deref(), Some("sts"));
        assert!(f.explanation.contains("OIDC provider") && f.explanation_zh.contains("身份提供商"), "{f:#?}");
        let f = one("ErrorCode: AuthenticationFail.OIDCToken.Expired\nMessage: This JsonWebToken is expired.");
        assert_eq!(f.kind, Kind::TokenExpired);
        assert!(f.explanation.contains("OIDC token") && f.explanation_zh.contains("OIDC 令牌"), "{f:#?}");
    }

    #[test]
    fn hotlink_protection_is_explained_in_both_languages() {
        let f = one("<Error><Code>AccessDenied</Code><Message>You are denied by bucket referer policy.</Message><EC>0003-00000503</EC></Error>");
        assert_eq!(f.kind, Kind::Other);
        assert!(f.explanation.contains("Referer") && f.explanation_zh.contains("防盗链"), "{f:#?}");
        assert!(grant_of(&f).system_policies.is_empty());
    }

    #[test]
    fn other_clouds_sdk_prints_and_message_shapes() {
        for (text, system) in [
            // AWS Go v1's request failure, and the JavaScript v2 SDK's files.
            ("Error: AccessDenied: Access Denied\n\tstatus code: 403, request id: 7A1B, host id: x0Yz", "AWS"),
            ("UnauthorizedOperation: You are not authorized to perform this operation.\n    at Request.extractError (/app/node_modules/aws-sdk/lib/services/ec2.js:50:35)", "AWS"),
            // Google's API error shape.
            (r#"{"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}"#, "Google Cloud"),
            // Azure Storage's message tail.
            ("<Error><Code>AuthorizationFailure</Code><Message>This request is not authorized to perform this operation.\nRequestId:c4d5a070-d01e-003e-59d2-42f3f1000000\nTime:2022-03-28T18:33:21.4933565Z</Message></Error>", "Azure"),
        ] {
            let f = one(text);
            assert_eq!(f.kind, Kind::Other, "{text}");
            assert!(f.other_cloud.as_deref().is_some_and(|c| c.starts_with(system)), "{text}: {:?}", f.other_cloud);
            assert!(grant_of(&f).system_policies.is_empty(), "{text}");
        }
        // The Go SDK v1 talking to OSS: Alibaba Cloud's host overrules the SDK's print.
        let f = one("Error: AccessDenied: Access Denied\n\tstatus code: 403, request id: 7A1B, host id: b.oss-cn-hangzhou.aliyuncs.com");
        assert_eq!(f.other_cloud, None);
    }

    #[test]
    fn registry_logins_are_alibaba_cloud_only_where_its_registry_is_named() {
        for text in [
            "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password",
            "docker: unauthorized: authentication required.\nSee 'docker run --help'.",
            "Error response from daemon: unauthorized: {\"message\":\"UNAUTHORIZED\"}",
        ] {
            let f = one(text);
            assert_eq!(f.kind, Kind::Other, "{text}");
            assert!(f.other_cloud.is_some() && f.product.is_none(), "{text}: {f:?}");
            assert!(grant_of(&f).system_policies.is_empty());
        }
        let f = one("Error response from daemon: Get \"https://registry.cn-shanghai.aliyuncs.com/v2/\": unauthorized: authentication required");
        assert_eq!((f.kind, f.product.as_deref(), f.other_cloud), (Kind::BadCredentials, Some("cr"), None));
    }

    #[test]
    fn only_dockers_login_refusal_is_a_registrys() {
        let d = diagnose(
            "smtplib.SMTPAuthenticationError: (535, b'Error: incorrect username or password')",
            &Catalog::empty(),
        );
        assert!(
            d.findings.iter().all(|f| f.other_cloud.as_deref() != Some(systems::OTHER_REGISTRY.en)),
            "a mail login: {d:#?}"
        );
    }

    #[test]
    fn local_file_refusals_are_the_operating_systems() {
        let f = one("$ ossutil64 cp a.tgz oss://b/ -f\nError: mkdir .ossutil_checkpoint: permission denied!");
        assert_eq!((f.kind, f.product.as_deref()), (Kind::Other, None));
        assert_eq!(f.other_cloud.as_deref(), Some("the operating system's file permissions"));
        assert!(f.actions.is_empty(), "no Alibaba Cloud API was called: {:?}", f.actions);
    }

    #[test]
    fn sms_codes_and_full_width_colons_are_read() {
        // SMS codes: `isv.` standing bare, or in PHP's print_r; SendSms's answers.
        for text in [
            "isv.SMS_SIGNATURE_ILLEGAL 签名不合法(不存在或被拉黑)",
            "Array\n(\n    [Message] => 签名不合法\n    [Code] => isv.SMS_SIGNATURE_ILLEGAL\n)",
        ] {
            let f = one(text);
            assert_eq!(
                (f.code.as_deref(), f.product.as_deref()),
                (Some("isv.SMS_SIGNATURE_ILLEGAL"), Some("dysms")),
                "{text}"
            );
            assert_eq!(f.actions, vec!["dysms:SendSms"], "{text}");
            assert!(grant_of(&f).system_policies.is_empty());
        }
        // A full-width colon after a key.
        let f =
            one("Error Code：InvalidTimeStamp.Expired\nError Message：Specified time stamp or date value is expired.");
        assert_eq!((f.kind, f.code.as_deref()), (Kind::Signature, Some("InvalidTimeStamp.Expired")));
    }

    #[test]
    fn other_platforms_are_said_so() {
        for (text, system) in [
            // COS's XML error names a `TraceId`; OSS's never does.
            ("<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>NWFkYjNi</RequestId><TraceId>OGVmYzZi</TraceId></Error>", "Tencent Cloud"),
            (r#"{"Response":{"Error":{"Code":"UnauthorizedOperation","Message":"请求未授权。"},"RequestId":"r"}}"#, "Tencent Cloud"),
            ("HttpError: Bad credentials", "GitHub"),
            ("remote: Permission to owner/repo.git denied to someone.\nfatal: unable to access 'https://github.com/owner/repo.git/': The requested URL returned error: 403", "GitHub"),
            ("Error: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1", "AWS"),
            ("User: ${principal} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in the ${policy_type} policy.", "AWS or Huawei Cloud"),
            ("<Error><Code>SignatureDoesNotMatch</Code><Message>x</Message><HostId>cn-beijing-data.aliyundrive.net</HostId></Error>", "Aliyun Drive"),
            (r#"volcengine: {"code":"403","msg":"Forbidden"}"#, "Volcano Engine"),
            ("You are not authorized to perform this operation. Check your CAM policies. resource (qcs::tcb:ap-shanghai::env/x) has no permission", "Tencent Cloud"),
        ] {
            let f = one(text);
            assert_eq!(f.kind, Kind::Other, "{text}");
            assert!(f.other_cloud.as_deref().is_some_and(|c| c.starts_with(system)), "{text}: {:?}", f.other_cloud);
            assert_eq!(f.product, None, "{text}");
        }
    }

    #[test]
    fn errors_explained_as_they_come_still_see_marks_later_in_a_long_log() {
        // Errors, then (past the scan's window size) another cloud's mark: the errors are held until the text's
        // end tells them, short text or long.
        let noise = |n: usize| (0..n).map(|i| format!("plain progress line {i}\n")).collect::<String>();
        for lines in [10, 4000] {
            let errors: String = ["A", "B", "C"]
                .map(|id| format!("ErrorCode: AccessDenied\nRequestId: {id}\n\n{}", noise(lines)))
                .concat();
            let text = format!("{errors}uploading to https://bucket.cos.ap-shanghai.myqcloud.com/\n");
            assert_eq!(text.len() > crate::read::scan::MIN_BYTES, lines > 10);
            let d = diagnose(&text, &Catalog::empty());
            assert_eq!(d.findings.len(), 1, "{lines} lines: {:?}", d.findings);
            assert_eq!(d.findings[0].other_cloud.as_deref(), Some("Tencent Cloud"), "{lines} lines");
            assert_eq!(d.findings[0].repeats, 3, "{lines} lines");
        }
    }

    #[test]
    fn no_error_no_findings() {
        assert!(diagnose("hello world\nall good", &Catalog::empty()).findings.is_empty());
        assert!(diagnose("", &Catalog::empty()).findings.is_empty());
    }

    #[test]
    fn terraform_log_gives_one_finding_per_failure() {
        let block = |api: &str| {
            format!("Error: [ERROR] terraform-provider-alicloud/alicloud/resource_alicloud_ram_role.go:1: Resource alicloud_ram_role {api} Failed!!! [SDK alibaba-cloud-sdk-go ERROR]:\nSDK.ServerError\nErrorCode: NoPermission\nRecommend: https://error-center.aliyun.com/status/search?Keyword=NoPermission&source=PopGw\nRequestId: R\nMessage: You are not authorized to do this action. Resource: acs:ram:*:1:role/x Action: ram:{api}\n\n")
        };
        let text: String =
            ["CreateRole", "AttachPolicyToRole", "CreateRole", "GetRole"].iter().map(|a| block(a)).collect();
        let d = diagnose(&text, &Catalog::empty());
        let actions: Vec<_> = d.findings.iter().map(|f| f.actions[0].as_str()).collect();
        assert_eq!(actions, ["ram:CreateRole", "ram:AttachPolicyToRole", "ram:GetRole"]);
    }
}
