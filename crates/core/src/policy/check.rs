//! The policy checks of `lint-checks.md`: one function per check, listed in [`CHECKS`] with its stable ID and
//! severity. Every diagnostic carries the JSON Pointer path and the exact span of the element it is about, and a
//! one-line message that ends with the fix.
//!
//! Checks read the located JSON tree rather than [`PolicyDocument`](super::PolicyDocument): a document worth
//! linting is often one that does not fit the model yet.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::condition::{Operator, OperatorKind, ValueType};
use super::document::Condition;
use super::parse::{self, escape_pointer, Member, Node, ParseError, Parsed, Span, Value};
use super::pattern::{glob_covers, glob_match, globs_overlap};
use crate::catalog::{ApiLookup, Catalog};
use crate::finding::Localized;
use crate::grant::render::Lang;

/// How bad a diagnostic is, highest first (the derived order sorts `Error` first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// RAM would reject the document, or it cannot mean what it says.
    Error,
    /// It grants more than it should.
    Security,
    /// Probably a mistake.
    Warning,
    /// A cleaner form exists.
    Suggestion,
}

impl Severity {
    /// `error`, `security`, `warning` or `suggestion`, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Security => "security",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable ID, e.g. `RAM006`.
    pub id: String,
    /// Stable name, e.g. `action-format`.
    pub name: String,
    /// How much it matters.
    pub severity: Severity,
    /// JSON Pointer of the element, e.g. `/Statement/0/Action/2` (`""` for the whole document).
    pub path: String,
    /// Where in the text: line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The byte range of the element in the text.
    pub span: Span,
    /// What is wrong and how to fix it, in one line, in the language [`LintOptions::lang`] asked for.
    pub message: String,
    /// The one-click fix, where the check knows the exact change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// A fix a check offers: text edits that make the diagnostic go away, with a title for the button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the button says, in both languages (`Write "Allow"`, `Remove it`).
    pub title: Localized,
    /// Non-overlapping replacements in the linted text.
    pub edits: Vec<TextEdit>,
}

/// Replace the bytes of `span` with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    /// The bytes replaced.
    pub span: Span,
    /// What goes in their place (empty to delete them).
    pub text: String,
}

impl Fix {
    /// The text with the fix applied; `None` when the edits do not fit the text (it changed since the lint).
    pub fn apply(&self, text: &str) -> Option<String> {
        let mut edits: Vec<&TextEdit> = self.edits.iter().collect();
        crate::order::sort_by_key(&mut edits, |e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        let mut limit = text.len();
        for e in edits {
            let fits = e.span.start <= e.span.end && e.span.end <= limit;
            if !fits || !out.is_char_boundary(e.span.start) || !out.is_char_boundary(e.span.end) {
                return None;
            }
            out.replace_range(e.span.start..e.span.end, &e.text);
            limit = e.span.start;
        }
        Some(out)
    }
}

fn fix(en: impl Into<String>, zh: impl Into<String>, edits: Vec<TextEdit>) -> Fix {
    Fix { title: Localized { en: en.into(), zh: zh.into() }, edits }
}

/// A fix that writes `value` (a JSON string, quoted and escaped) over `span`.
fn write_string(span: Span, value: &str) -> Fix {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    fix(format!("Write {quoted}"), format!("改为 {quoted}"), vec![TextEdit { span, text: quoted }])
}

/// A fix that removes the array element at `span` with the comma that separates it from its neighbour.
fn remove_element(text: &str, span: Span) -> Fix {
    let blank = |s: &str| s.len() - s.trim_start_matches(char::is_whitespace).len();
    let before = text[..span.start].trim_end_matches(char::is_whitespace);
    let next = span.end + blank(&text[span.end..]);
    let remove = if before.ends_with(',') {
        Span { start: before.len() - 1, end: span.end }
    } else if text[next..].starts_with(',') {
        Span { start: span.start, end: next + 1 + blank(&text[next + 1..]) }
    } else {
        span
    };
    fix("Remove it", "删除", vec![TextEdit { span: remove, text: String::new() }])
}

/// Who the policy is for: identity policies may not name a `Principal`; trust and resource policies must.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PolicyUse {
    /// Attached to users, groups or roles (custom policies, session and control policies).
    #[default]
    Identity,
    /// A role's trust policy or a resource-based policy (bucket policy): `Principal` belongs there.
    Principal,
}

/// What the caller knows besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct LintOptions<'a> {
    /// The policy's name, when it is to be created under one (RAM013).
    pub name: Option<&'a str>,
    /// Identity policy, or trust/resource policy.
    pub usage: PolicyUse,
    /// The language of the diagnostics' messages.
    pub lang: Lang,
}

/// RAM's limit on a custom policy document, in characters.
pub const MAX_POLICY_CHARS: usize = 6144;

/// A check: stable ID, stable name, severity and the function that runs it.
pub struct CheckInfo {
    /// Stable ID, e.g. `RAM006`.
    pub id: &'static str,
    /// Stable name, e.g. `action-format`.
    pub name: &'static str,
    /// How much a hit matters.
    pub severity: Severity,
    /// What the check finds, in a few words, in English and Chinese: the page shows it beside the detail of
    /// each hit.
    pub title: (&'static str, &'static str),
    run: fn(&Ctx) -> Vec<Hit>,
}

impl fmt::Debug for CheckInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.id, self.name, self.severity)
    }
}

macro_rules! checks {
    ($( $id:literal $name:literal $sev:ident $f:ident $en:literal $zh:literal ),* $(,)?) => {
        /// Every check, in ID order. IDs and names are an interface: never rename or reuse one.
        pub const CHECKS: &[CheckInfo] =
            &[ $( CheckInfo { id: $id, name: $name, severity: Severity::$sev, title: ($en, $zh), run: $f } ),* ];
    };
}

checks! {
    "RAM001" "invalid-json" Error invalid_json "The document is not valid JSON" "文档不是有效的 JSON",
    "RAM002" "bad-version" Error bad_version "Version must be \"1\"" "Version 必须为 \"1\"",
    "RAM003" "no-statement" Error no_statement "The policy has no statement" "策略中没有 Statement",
    "RAM004" "bad-effect" Error bad_effect "Effect must be Allow or Deny" "Effect 必须为 Allow 或 Deny",
    "RAM005" "action-element" Error action_element "Action is missing or malformed" "Action 缺失或格式错误",
    "RAM006" "action-format" Error action_format "An action is not service:Action" "操作的格式应为 服务:操作",
    "RAM007" "resource-element" Error resource_element "Resource is missing or malformed" "Resource 缺失或格式错误",
    "RAM008" "arn-format" Error arn_format "A resource is not a valid ARN" "资源不是有效的 ARN",
    "RAM009" "condition-operator" Error condition_operator "Unknown condition operator" "未知的条件运算符",
    "RAM010" "condition-value-type" Error condition_value_type "A condition value has the wrong type" "条件值的类型错误",
    "RAM011" "principal-in-identity-policy" Error principal_in_identity_policy "Principal does not belong in an identity policy" "身份策略中不应有 Principal",
    "RAM012" "too-large" Error too_large "Larger than RAM's size limit" "超过 RAM 的策略大小上限",
    "RAM013" "bad-policy-name" Error bad_policy_name "Invalid policy name" "策略名称无效",
    "RAM014" "unknown-top-level-key" Error unknown_key "Unknown top-level key" "未知的顶层字段",
    "RAM101" "full-admin" Security full_admin "Grants full administrator access" "授予了完全管理员权限",
    "RAM102" "service-admin" Security service_admin "Grants every action of a service" "授予了某个服务的全部操作",
    "RAM103" "privilege-escalation" Security privilege_escalation "Allows privilege escalation" "允许提升权限",
    "RAM104" "pass-role-wildcard" Security pass_role_wildcard "Passes any role" "可以传递任意角色",
    "RAM105" "assume-any-role" Security assume_any_role "Assumes any role" "可以扮演任意角色",
    "RAM106" "allow-not-action" Security allow_not_action "Allow with NotAction" "Allow 与 NotAction 同时使用",
    "RAM107" "allow-not-resource" Security allow_not_resource "Allow with NotResource" "Allow 与 NotResource 同时使用",
    "RAM108" "credential-exposure" Security credential_exposure "Reads secrets on every resource" "可在所有资源上读取密钥或凭证",
    "RAM201" "unknown-service" Warning unknown_service "Unknown service" "未知的服务",
    "RAM202" "unknown-action" Warning unknown_action "Unknown action" "未知的操作",
    "RAM203" "wildcard-in-exact-operator" Warning wildcard_in_exact_operator "Wildcard with an exact-match operator" "精确匹配运算符中使用了通配符",
    "RAM204" "resource-service-mismatch" Warning resource_service_mismatch "Resource of another service" "资源与操作所属的服务不一致",
    "RAM205" "region-on-global-service" Warning region_on_global_service "Region on a global service" "全局服务的资源中写了地域",
    "RAM206" "near-size-limit" Warning near_size_limit "Near the size limit" "接近策略大小上限",
    "RAM207" "deny-without-effect" Warning deny_without_effect "A Deny that matches nothing allowed" "Deny 语句与任何 Allow 都不重叠",
    "RAM208" "unknown-condition-key" Warning unknown_condition_key "Unknown condition key" "未知的条件键",
    "RAM301" "redundant-action" Suggestion redundant_action "Redundant action" "重复的操作",
    "RAM302" "redundant-statement" Suggestion redundant_statement "Redundant statement" "多余的语句",
    "RAM303" "mergeable-statements" Suggestion mergeable_statements "Statements that can be merged" "可以合并的语句",
    "RAM304" "empty-element" Suggestion empty_element "Empty element" "空元素",
    "RAM305" "action-case" Suggestion action_case "Action in the wrong case" "操作名称大小写不规范",
}

/// The check with this ID.
pub fn check_info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// Runs every check on `text`. Diagnostics come in document order, the most severe first at one place.
pub fn lint(text: &str, options: &LintOptions, catalog: &Catalog) -> Vec<Diagnostic> {
    let parsed = parse::parse(text);
    let statements = match &parsed {
        Ok(p) => statement_views(&p.root),
        Err(_) => Vec::new(),
    };
    let ctx = Ctx { text, parsed: &parsed, statements, options, catalog };
    let mut out = Vec::new();
    for check in CHECKS {
        for hit in (check.run)(&ctx) {
            let (line, column) = ctx.position(hit.span.start);
            out.push(Diagnostic {
                id: check.id.to_string(),
                name: check.name.to_string(),
                severity: check.severity,
                path: hit.path,
                line,
                column,
                span: hit.span,
                message: options.lang.pick(&hit.message).to_string(),
                fix: hit.fix,
            });
        }
    }
    crate::order::sort_by(&mut out, &|a, b| (a.span.start, a.severity, &a.id).cmp(&(b.span.start, b.severity, &b.id)));
    out
}

/// Whether any diagnostic is an `error` (the CLI's exit code 1).
pub fn has_error(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// What a check function reports; the runner adds the ID, severity and line/column.
struct Hit {
    path: String,
    span: Span,
    message: Localized,
    fix: Option<Fix>,
}

fn hit(path: impl Into<String>, span: Span, message: Localized) -> Hit {
    Hit { path: path.into(), span, message, fix: None }
}

/// A message in English and Chinese: every check says what is wrong in both.
fn say(en: impl Into<String>, zh: impl Into<String>) -> Localized {
    Localized { en: en.into(), zh: zh.into() }
}

impl Hit {
    fn with_fix(self, fix: Fix) -> Hit {
        Hit { fix: Some(fix), ..self }
    }

    /// With the fix when there is one.
    fn with_some_fix(self, fix: Option<Fix>) -> Hit {
        Hit { fix, ..self }
    }
}

struct Ctx<'a> {
    text: &'a str,
    parsed: &'a Result<Parsed<'a>, ParseError>,
    statements: Vec<StatementView<'a>>,
    options: &'a LintOptions<'a>,
    catalog: &'a Catalog,
}

impl Ctx<'_> {
    fn root(&self) -> Option<&Node> {
        self.parsed.as_ref().ok().map(|p| &p.root)
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        match self.parsed {
            Ok(p) => {
                let pos = p.position(offset);
                (pos.line, pos.column)
            }
            Err(e) => (e.line, e.column),
        }
    }

    fn allows(&self) -> impl Iterator<Item = &StatementView<'_>> {
        self.statements.iter().filter(|s| s.effect() == Some("Allow"))
    }

    /// Whether the catalog knows any product at all; catalog-based checks stay quiet when it does not.
    fn catalog_loaded(&self) -> bool {
        !self.catalog.products().is_empty()
    }
}

/// A statement as found in the tree, with its elements when present.
struct StatementView<'a> {
    path: String,
    node: &'a Node,
}

/// One string (or mistyped value) of a one-or-many element, with its path.
struct Item<'a> {
    path: String,
    node: &'a Node,
}

impl Item<'_> {
    fn text(&self) -> Option<&str> {
        self.node.as_str()
    }
}

impl<'a> StatementView<'a> {
    fn member(&self, key: &str) -> Option<&'a Member> {
        self.node.get(key)
    }

    fn effect(&self) -> Option<&'a str> {
        self.member("Effect").and_then(|m| m.value.as_str())
    }

    fn key_path(&self, key: &str) -> String {
        format!("{}/{key}", self.path)
    }

    /// The elements of `Action`, `Resource`… one per string (a single string is its own item).
    fn items(&self, key: &str) -> Vec<Item<'a>> {
        let Some(m) = self.member(key) else { return Vec::new() };
        let base = self.key_path(key);
        match &m.value.value {
            Value::Array(items) => {
                items.iter().enumerate().map(|(i, node)| Item { path: format!("{base}/{i}"), node }).collect()
            }
            _ => vec![Item { path: base, node: &m.value }],
        }
    }

    /// The strings of an element, ignoring mistyped entries (other checks report those).
    fn texts(&self, key: &str) -> Vec<&'a str> {
        self.items(key).into_iter().filter_map(|i| i.node.as_str()).collect()
    }

    /// `Action` when present, else `NotAction`, and whether it was `NotAction`.
    fn actions(&self) -> Option<(Vec<Item<'a>>, bool)> {
        match (self.member("Action"), self.member("NotAction")) {
            (Some(_), None) => Some((self.items("Action"), false)),
            (None, Some(_)) => Some((self.items("NotAction"), true)),
            _ => None,
        }
    }

    /// Plain `Action` and `Resource` lists, when the statement uses neither `NotAction` nor `NotResource`.
    fn plain_lists(&self) -> Option<(Vec<&'a str>, Vec<&'a str>)> {
        let ok = self.member("Action").is_some() && self.member("Resource").is_some();
        let negated = self.member("NotAction").is_some() || self.member("NotResource").is_some();
        (ok && !negated).then(|| (self.texts("Action"), self.texts("Resource")))
    }

    /// The condition block in comparable form (`None` when absent, values sorted).
    fn condition(&self) -> Option<Option<Condition>> {
        match self.member("Condition") {
            None => Some(None),
            Some(m) => {
                let mut c = parse::condition(&m.value)?;
                c.values_mut().flat_map(|keys| keys.values_mut()).for_each(|list| list.0.sort_unstable());
                Some(Some(c))
            }
        }
    }

    /// Every `(operator, key, values member)` of the condition block, with paths.
    fn condition_keys(&self) -> Vec<(&'a Member, &'a Member, String)> {
        let Some(cond) = self.member("Condition").and_then(|m| m.value.as_object()) else { return Vec::new() };
        let mut out = Vec::new();
        for op in cond {
            for key in op.value.as_object().unwrap_or(&[]) {
                let path = format!("{}/Condition/{}/{}", self.path, escape_pointer(&op.key), escape_pointer(&key.key));
                out.push((op, key, path));
            }
        }
        out
    }

    /// Lower-cased service codes of the statement's literal actions; `None` when any action's code is a wildcard.
    fn action_codes(&self) -> Option<Vec<String>> {
        let mut codes = Vec::new();
        for a in self.texts("Action") {
            let code = a.split_once(':')?.0;
            if code.contains(['*', '?']) {
                return None;
            }
            codes.push(code.to_ascii_lowercase());
        }
        Some(codes)
    }
}

fn statement_views(root: &Node) -> Vec<StatementView<'_>> {
    let Some(st) = root.get("Statement") else { return Vec::new() };
    match &st.value.value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, n)| n.as_object().is_some())
            .map(|(index, node)| StatementView { path: format!("/Statement/{index}"), node })
            .collect(),
        Value::Object(_) => vec![StatementView { path: "/Statement".into(), node: &st.value }],
        _ => Vec::new(),
    }
}

/// A span covering just the first byte of a node (for "missing X in this object" reports: underline the brace).
fn opening(node: &Node) -> Span {
    Span { start: node.span.start, end: (node.span.start + 1).min(node.span.end) }
}

// ---------------------------------------------------------------------------------------------------------------
// Errors: RAM would reject the document.

fn invalid_json(ctx: &Ctx) -> Vec<Hit> {
    match ctx.parsed {
        Err(e) => vec![hit(
            "",
            e.span,
            say(
                format!("not valid JSON: {}; fix the JSON syntax", e.message),
                format!("不是有效的 JSON：{}；请修正 JSON 语法", e.message),
            ),
        )],
        Ok(p) if p.root.as_object().is_none() => {
            vec![hit(
                "",
                p.root.span,
                say(
                    "the policy must be a JSON object: wrap it as {\"Version\": \"1\", \"Statement\": [...]}",
                    "策略必须是一个 JSON 对象：写成 {\"Version\": \"1\", \"Statement\": [...]}",
                ),
            )]
        }
        Ok(_) => Vec::new(),
    }
}

fn bad_version(ctx: &Ctx) -> Vec<Hit> {
    let Some(root) = ctx.root().filter(|r| r.as_object().is_some()) else { return Vec::new() };
    match root.get("Version") {
        None => vec![hit(
            "",
            opening(root),
            say("\"Version\" is missing: add \"Version\": \"1\"", "缺少 \"Version\"：请添加 \"Version\": \"1\""),
        )],
        Some(m) if m.value.as_str() == Some("1") => Vec::new(),
        Some(m) => {
            vec![hit(
                "/Version",
                m.value.span,
                say(
                    "\"Version\" must be the string \"1\": write \"Version\": \"1\"",
                    "\"Version\" 必须是字符串 \"1\"：请写成 \"Version\": \"1\"",
                ),
            )
            .with_fix(write_string(m.value.span, "1"))]
        }
    }
}

fn no_statement(ctx: &Ctx) -> Vec<Hit> {
    let Some(root) = ctx.root().filter(|r| r.as_object().is_some()) else { return Vec::new() };
    let Some(st) = root.get("Statement") else {
        return vec![hit(
            "",
            opening(root),
            say("\"Statement\" is missing: add \"Statement\": [ {\"Effect\": ..., \"Action\": ..., \"Resource\": ...} ]", "缺少 \"Statement\"：请添加 \"Statement\": [ {\"Effect\": ..., \"Action\": ..., \"Resource\": ...} ]"),
        )];
    };
    match &st.value.value {
        Value::Array(items) if items.is_empty() => {
            vec![hit(
                "/Statement",
                st.value.span,
                say("\"Statement\" is empty: add at least one statement", "\"Statement\" 为空：请至少添加一条语句"),
            )]
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, n)| n.as_object().is_none())
            .map(|(i, n)| {
                hit(
                    format!("/Statement/{i}"),
                    n.span,
                    say(
                        "a statement must be an object {\"Effect\": ..., \"Action\": ..., \"Resource\": ...}",
                        "语句必须是一个对象 {\"Effect\": ..., \"Action\": ..., \"Resource\": ...}",
                    ),
                )
            })
            .collect(),
        Value::Object(_) => Vec::new(),
        _ => {
            vec![hit(
                "/Statement",
                st.value.span,
                say(
                    "\"Statement\" must be a list of statement objects: wrap it in [ ]",
                    "\"Statement\" 必须是由语句对象组成的列表：请用 [ ] 包起来",
                ),
            )]
        }
    }
}

fn bad_effect(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        match s.member("Effect") {
            None => out.push(hit(
                s.path.clone(),
                opening(s.node),
                say(
                    "\"Effect\" is missing: add \"Effect\": \"Allow\" or \"Deny\"",
                    "缺少 \"Effect\"：请添加 \"Effect\": \"Allow\" 或 \"Deny\"",
                ),
            )),
            Some(m) => match m.value.as_str() {
                Some("Allow" | "Deny") => {}
                Some(e) if e.eq_ignore_ascii_case("allow") || e.eq_ignore_ascii_case("deny") => {
                    let fixed = if e.eq_ignore_ascii_case("allow") { "Allow" } else { "Deny" };
                    out.push(
                        hit(
                            s.key_path("Effect"),
                            m.value.span,
                            say(
                                format!("\"Effect\" is case-sensitive: write \"{fixed}\""),
                                format!("\"Effect\" 区分大小写：请写成 \"{fixed}\""),
                            ),
                        )
                        .with_fix(write_string(m.value.span, fixed)),
                    );
                }
                _ => out.push(hit(
                    s.key_path("Effect"),
                    m.value.span,
                    say("\"Effect\" must be \"Allow\" or \"Deny\"", "\"Effect\" 必须为 \"Allow\" 或 \"Deny\""),
                )),
            },
        }
    }
    out
}

/// Shared by RAM005 and RAM007: exactly one of a pair of elements.
fn exactly_one(ctx: &Ctx, plain: &str, negated: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        match (s.member(plain), s.member(negated)) {
            (None, None) => out.push(hit(s.path.clone(), opening(s.node), say(format!("the statement has no \"{plain}\": add \"{plain}\" (or \"{negated}\")"), format!("该语句没有 \"{plain}\"：请添加 \"{plain}\"（或 \"{negated}\"）")))),
            (Some(_), Some(m)) => out.push(hit(
                s.key_path(negated),
                m.key_span,
                say(format!("\"{plain}\" and \"{negated}\" cannot both appear: keep one (split the statement if both are meant)"), format!("\"{plain}\" 与 \"{negated}\" 不能同时出现：只保留一个（如果两者都需要，请拆分语句）")),
            )),
            _ => {}
        }
    }
    out
}

fn action_element(ctx: &Ctx) -> Vec<Hit> {
    exactly_one(ctx, "Action", "NotAction")
}

fn resource_element(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = exactly_one(ctx, "Resource", "NotResource");
    // A trust policy names who may assume the role, not a resource: only "both" is wrong there.
    if ctx.options.usage == PolicyUse::Principal {
        hits.retain(|h| h.path.ends_with("/NotResource"));
    }
    hits
}

/// `code:Name` with `*`/`?`, or `*` alone.
pub fn is_action_format(action: &str) -> bool {
    if action == "*" {
        return true;
    }
    let Some((code, name)) = action.split_once(':') else { return false };
    let code_ok =
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'*' | b'?'));
    let name_ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'*' | b'?'));
    code_ok && name_ok
}

fn action_format(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for key in ["Action", "NotAction"] {
            let items = s.items(key);
            if let Some(m) = s.member(key) {
                if !matches!(m.value.value, Value::Array(_) | Value::String(_)) {
                    out.push(hit(
                        s.key_path(key),
                        m.value.span,
                        say(
                            format!("\"{key}\" must be a string or a list of strings"),
                            format!("\"{key}\" 必须是字符串或字符串列表"),
                        ),
                    ));
                    continue;
                }
            }
            let many = items.len() > 1;
            for item in &items {
                match item.text() {
                    None => out.push(hit(item.path.clone(), item.node.span, say("an action must be a string like \"ecs:DescribeInstances\"", "操作必须是类似 \"ecs:DescribeInstances\" 的字符串"))),
                    Some("*") if many => out.push(hit(
                        item.path.clone(),
                        item.node.span,
                        say("\"*\" already means every action: drop the other actions or drop \"*\"", "\"*\" 已表示所有操作：请删除其他操作或删除 \"*\""),
                    )),
                    Some(a) if !is_action_format(a) => out.push(hit(
                        item.path.clone(),
                        item.node.span,
                        say(format!("\"{a}\" is not an action: write <code>:<Name>, e.g. \"ecs:DescribeInstances\" (wildcards * and ? allowed)"), format!("\"{a}\" 不是操作：请写成 <code>:<Name>，例如 \"ecs:DescribeInstances\"（可使用通配符 * 和 ?）")),
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    out
}

/// The parts of an ARN `acs:<code>:<region>:<account>:<relative-id>`; `None` when it is not one.
pub fn split_arn(arn: &str) -> Option<[&str; 4]> {
    let rest = arn.strip_prefix("acs:")?;
    let mut parts = rest.splitn(4, ':');
    let (code, region, account, relative) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let code_ok =
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'*' | b'?'));
    (code_ok && !relative.is_empty()).then_some([code, region, account, relative])
}

fn arn_format(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for key in ["Resource", "NotResource"] {
            for item in s.items(key) {
                match item.text() {
                    None => out.push(hit(item.path.clone(), item.node.span, say("a resource must be a string: \"*\" or \"acs:<code>:<region>:<account>:<relative-id>\"", "资源必须是字符串：\"*\" 或 \"acs:<code>:<region>:<account>:<relative-id>\""))),
                    Some("*") => {}
                    Some(r) if split_arn(r).is_some() => {}
                    Some(r) => out.push(hit(
                        item.path.clone(),
                        item.node.span,
                        say(format!("\"{r}\" is not a resource: write \"*\" or \"acs:<code>:<region>:<account>:<relative-id>\" (e.g. acs:ecs:cn-hangzhou:123456789012:instance/i-abc)"), format!("\"{r}\" 不是资源：请写成 \"*\" 或 \"acs:<code>:<region>:<account>:<relative-id>\"（例如 acs:ecs:cn-hangzhou:123456789012:instance/i-abc）")),
                    )),
                }
            }
        }
    }
    out
}

fn condition_operator(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        let Some(cond) = s.member("Condition") else { continue };
        let Some(ops) = cond.value.as_object() else {
            out.push(hit(
                s.key_path("Condition"),
                cond.value.span,
                say(
                    "\"Condition\" must be an object: {\"<Operator>\": {\"<key>\": [values]}}",
                    "\"Condition\" 必须是一个对象：{\"<Operator>\": {\"<key>\": [values]}}",
                ),
            ));
            continue;
        };
        for op in ops {
            let path = format!("{}/Condition/{}", s.path, escape_pointer(&op.key));
            if let Err(why) = Operator::parse(&op.key) {
                out.push(hit(path.clone(), op.key_span, say(format!("{why}: use one of StringEquals, StringLike, NumericLessThan, DateLessThan, Bool, IpAddress, ..."), format!("{why}：请使用 StringEquals、StringLike、NumericLessThan、DateLessThan、Bool、IpAddress 等之一"))));
            }
            if op.value.as_object().is_none() {
                out.push(hit(
                    path,
                    op.value.span,
                    say(
                        format!("\"{}\" must map condition keys to values: {{\"<key>\": [values]}}", op.key),
                        format!("\"{}\" 必须将条件键映射到取值：{{\"<key>\": [values]}}", op.key),
                    ),
                ));
            }
        }
    }
    out
}

fn condition_value_type(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for (op, key, path) in s.condition_keys() {
            let Ok(operator) = Operator::parse(&op.key) else { continue };
            let ty = operator.kind.value_type();
            let values: Vec<(String, &Node)> = match &key.value.value {
                Value::Array(items) => items.iter().enumerate().map(|(i, n)| (format!("{path}/{i}"), n)).collect(),
                _ => vec![(path.clone(), &key.value)],
            };
            for (vpath, node) in values {
                let Some(text) = node.as_str() else {
                    // RAM's grammar wants numbers and booleans quoted too.
                    let scalar = node.scalar_text();
                    let (wanted, wanted_zh) = match scalar {
                        Some(t) => (format!("\"{t}\""), format!("\"{t}\"")),
                        None => ("a string (or a list of strings)".to_string(), "字符串（或字符串列表）".to_string()),
                    };
                    let quoted = scalar.map(|t| write_string(node.span, t));
                    let message = say(
                        format!("a condition value must be a JSON string: write {wanted}"),
                        format!("条件值必须是 JSON 字符串：请写成 {wanted_zh}"),
                    );
                    out.push(hit(vpath, node.span, message).with_some_fix(quoted));
                    continue;
                };
                if !super::condition::value_fits(ty, text) {
                    let (expected, expected_zh) = match ty {
                        ValueType::Number => ("a number, e.g. \"10\"", "数字，例如 \"10\""),
                        ValueType::Date => (
                            "an ISO 8601 time, e.g. \"2026-12-31T23:59:59Z\"",
                            "ISO 8601 时间，例如 \"2026-12-31T23:59:59Z\"",
                        ),
                        ValueType::Bool => ("\"true\" or \"false\"", "\"true\" 或 \"false\""),
                        ValueType::Ip => (
                            "an IP address or CIDR, e.g. \"203.0.113.0/24\"",
                            "IP 地址或 CIDR，例如 \"203.0.113.0/24\"",
                        ),
                        ValueType::String => ("a string", "字符串"),
                    };
                    out.push(hit(
                        vpath,
                        node.span,
                        say(
                            format!("\"{text}\" does not fit {}: write {expected}", operator.kind.name()),
                            format!("\"{text}\" 不符合 {}：请写成{expected_zh}", operator.kind.name()),
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn principal_in_identity_policy(ctx: &Ctx) -> Vec<Hit> {
    if ctx.options.usage != PolicyUse::Identity {
        return Vec::new();
    }
    ctx.statements
        .iter()
        .filter_map(|s| s.member("Principal").map(|m| (s, m)))
        .map(|(s, m)| {
            hit(
                s.key_path("Principal"),
                m.key_span,
                say("\"Principal\" belongs in trust and resource policies, not in a policy attached to users, groups or roles: remove it", "\"Principal\" 只应出现在信任策略和资源策略中，不应出现在附加给用户、用户组或角色的策略中：请删除"),
            )
        })
        .collect()
}

/// Length of the document without insignificant whitespace, in characters (what counts against the limit).
pub fn compact_chars(text: &str) -> usize {
    let (mut n, mut in_string, mut escaped) = (0, false, false);
    for c in text.chars() {
        if in_string {
            n += 1;
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() && c != '\u{feff}' {
            n += 1;
            in_string = c == '"';
        }
    }
    n
}

fn whole(ctx: &Ctx) -> Span {
    Span { start: 0, end: ctx.text.chars().next().map_or(0, char::len_utf8) }
}

fn too_large(ctx: &Ctx) -> Vec<Hit> {
    let (given, compact) = (ctx.text.chars().count(), compact_chars(ctx.text));
    if compact > MAX_POLICY_CHARS {
        vec![hit("", whole(ctx), say(format!("the document is {compact} characters even without whitespace; RAM accepts {MAX_POLICY_CHARS}: split it into several policies or use wildcards"), format!("即使去掉空白，文档仍有 {compact} 个字符；RAM 最多接受 {MAX_POLICY_CHARS} 个：请拆分为多个策略或使用通配符")))]
    } else if given > MAX_POLICY_CHARS {
        vec![hit("", whole(ctx), say(format!("the document is {given} characters; RAM accepts {MAX_POLICY_CHARS}: remove the whitespace (it is {compact} compact)"), format!("文档有 {given} 个字符；RAM 最多接受 {MAX_POLICY_CHARS} 个：请去掉空白（压缩后为 {compact} 个）")))]
    } else {
        Vec::new()
    }
}

/// RAM013's rule: 1..=128 characters, letters, digits and `-`; what is wrong, in both languages.
pub fn policy_name_problem(name: &str) -> Option<Localized> {
    let count = name.chars().count();
    if name.is_empty() {
        Some(say(
            "the policy name is empty: give it a name of letters, digits and '-'",
            "策略名称为空：请使用由字母、数字和 '-' 组成的名称",
        ))
    } else if count > 128 {
        Some(say(
            format!("the policy name is {count} characters; RAM accepts 128: shorten it"),
            format!("策略名称有 {count} 个字符；RAM 最多接受 128 个：请缩短"),
        ))
    } else {
        let bad = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))?;
        Some(say(
            format!("the policy name contains {bad:?}; RAM accepts letters, digits and '-': replace it"),
            format!("策略名称中含有 {bad:?}；RAM 只接受字母、数字和 '-'：请替换"),
        ))
    }
}

fn bad_policy_name(ctx: &Ctx) -> Vec<Hit> {
    let Some(name) = ctx.options.name else { return Vec::new() };
    policy_name_problem(name).map(|m| hit("", whole(ctx), m)).into_iter().collect()
}

const TOP_LEVEL_KEYS: &[&str] = &["Version", "Statement"];
const STATEMENT_KEYS: &[&str] = &["Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal"];

fn unknown_keys_in(node: &Node, base: &str, known: &[&str], (what, what_zh): (&str, &str), out: &mut Vec<Hit>) {
    for m in node.as_object().unwrap_or(&[]) {
        if known.contains(&m.key.as_str()) {
            continue;
        }
        let spelled = known.iter().find(|k| k.eq_ignore_ascii_case(&m.key));
        let (advice, advice_zh) = match spelled {
            Some(k) => (format!("keys are case-sensitive: write \"{k}\""), format!("字段名区分大小写：请写成 \"{k}\"")),
            None => (
                format!("remove it (allowed: {})", known.join(", ")),
                format!("请删除（允许的字段：{}）", known.join(", ")),
            ),
        };
        let respell = spelled.map(|k| write_string(m.key_span, k));
        out.push(
            hit(
                format!("{base}/{}", escape_pointer(&m.key)),
                m.key_span,
                say(
                    format!("unknown key \"{}\" in {what}: {advice}", m.key),
                    format!("{what_zh}中有未知字段 \"{}\"：{advice_zh}", m.key),
                ),
            )
            .with_some_fix(respell),
        );
    }
}

fn unknown_key(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    if let Some(root) = ctx.root() {
        unknown_keys_in(root, "", TOP_LEVEL_KEYS, ("the policy", "策略"), &mut out);
    }
    for s in &ctx.statements {
        unknown_keys_in(s.node, &s.path, STATEMENT_KEYS, ("a statement", "语句"), &mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Security: grants more than it should.

fn full_admin(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in ctx.allows() {
        let star_resource = s.texts("Resource").contains(&"*");
        for item in s.items("Action") {
            if star_resource && item.text() == Some("*") {
                out.push(hit(item.path, item.node.span, say("Allow of every action on every resource is full administrator access: list the actions and resources needed", "在所有资源上允许所有操作等于完全管理员权限：请列出所需的操作和资源")));
            }
        }
    }
    out
}

fn service_admin(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in ctx.allows() {
        if !s.texts("Resource").contains(&"*") {
            continue;
        }
        for item in s.items("Action") {
            if let Some((code, "*")) = item.text().and_then(|a| a.split_once(':')) {
                out.push(hit(
                    item.path.clone(),
                    item.node.span,
                    say(format!("Allow of every {code} action on every resource: name the actions needed (e.g. {code}:Describe*) or scope the resource"), format!("在所有资源上允许 {code} 的全部操作：请写明所需的操作（例如 {code}:Describe*）或限定资源")),
                ));
            }
        }
    }
    out
}

/// Actions that let their holder raise its own rights.
pub const ESCALATION_ACTIONS: &[&str] = &[
    "ram:AttachPolicyToUser",
    "ram:AttachPolicyToGroup",
    "ram:AttachPolicyToRole",
    "ram:CreatePolicyVersion",
    "ram:SetDefaultPolicyVersion",
    "ram:CreateAccessKey",
    "ram:UpdateLoginProfile",
    "ram:CreateLoginProfile",
    "ram:AddUserToGroup",
    "ram:UpdateRole",
    "ram:CreateRole",
];

/// Actions whose answers carry secrets (AccessKey secrets, KMS secret values, decrypted data).
pub const CREDENTIAL_ACTIONS: &[&str] =
    &["ram:CreateAccessKey", "kms:GetSecretValue", "kms:Decrypt", "kms:ExportDataKey"];

/// Action items (other than `*` alone, which RAM101 reports) that cover one of `targets`.
fn covering_items<'a>(s: &StatementView<'a>, targets: &'a [&'a str]) -> Vec<(Item<'a>, &'a str)> {
    s.items("Action")
        .into_iter()
        .filter_map(|item| {
            let a = item.text().filter(|a| *a != "*")?;
            let target = targets.iter().find(|t| glob_match(a, t, true))?;
            Some((item, *target))
        })
        .collect()
}

/// Reports each action item of an `Allow` whose resources are `too_wide` and that covers one of `targets`;
/// `message(item, target)` says why and how to narrow it.
fn risky_grants(
    ctx: &Ctx,
    too_wide: fn(&[&str]) -> bool,
    targets: &[&str],
    message: fn(&str, &str) -> Localized,
) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in ctx.allows().filter(|s| too_wide(&s.texts("Resource"))) {
        for (item, target) in covering_items(s, targets) {
            out.push(hit(item.path.clone(), item.node.span, message(item.text().unwrap_or(""), target)));
        }
    }
    out
}

fn any_star(resources: &[&str]) -> bool {
    resources.contains(&"*")
}

fn privilege_escalation(ctx: &Ctx) -> Vec<Hit> {
    // A resource without wildcards names what it acts on; it may be the holder's own, so it is not flagged.
    let wildcarded = |rs: &[&str]| rs.iter().any(|r| r.contains(['*', '?']));
    risky_grants(ctx, wildcarded, ESCALATION_ACTIONS, |item, target| {
        say(
            format!("\"{item}\" allows {target}, which lets the holder raise its own rights: scope the resource to the exact users, roles or policies it may touch"),
            format!("\"{item}\" 允许 {target}，持有者可借此提升自己的权限：请把资源限定为它可以操作的具体用户、角色或策略"),
        )
    })
}

fn pass_role_wildcard(ctx: &Ctx) -> Vec<Hit> {
    let any_role = |rs: &[&str]| {
        rs.iter().any(|r| {
            *r == "*"
                || split_arn(r)
                    .is_some_and(|[code, _, _, rel]| code.eq_ignore_ascii_case("ram") && matches!(rel, "*" | "role/*"))
        })
    };
    risky_grants(ctx, any_role, &["ram:PassRole"], |_, _| {
        say(
            "ram:PassRole on every role lets the holder hand any role to a service: name the roles (acs:ram::<account>:role/<name>)",
            "对所有角色的 ram:PassRole 让持有者可以把任意角色交给服务：请写明角色（acs:ram::<account>:role/<name>）",
        )
    })
}

fn assume_any_role(ctx: &Ctx) -> Vec<Hit> {
    risky_grants(ctx, any_star, &["sts:AssumeRole"], |_, _| {
        say(
            "sts:AssumeRole on \"*\" lets the holder become any role that trusts it: name the roles (acs:ram::<account>:role/<name>)",
            "对 \"*\" 的 sts:AssumeRole 让持有者可以扮演任何信任它的角色：请写明角色（acs:ram::<account>:role/<name>）",
        )
    })
}

fn allow_negated(ctx: &Ctx, key: &str, instead: &str) -> Vec<Hit> {
    ctx.allows()
        .filter_map(|s| {
            s.member(key).map(|m| {
                let message = say(
                    format!("Allow with \"{key}\" grants everything not listed, including what is added later: list what is allowed with \"{instead}\""),
                    format!("Allow 与 \"{key}\" 同时使用会授予未列出的一切，包括以后新增的：请用 \"{instead}\" 列出允许的内容"),
                );
                hit(s.key_path(key), m.key_span, message)
            })
        })
        .collect()
}

fn allow_not_action(ctx: &Ctx) -> Vec<Hit> {
    allow_negated(ctx, "NotAction", "Action")
}

fn allow_not_resource(ctx: &Ctx) -> Vec<Hit> {
    allow_negated(ctx, "NotResource", "Resource")
}

fn credential_exposure(ctx: &Ctx) -> Vec<Hit> {
    risky_grants(ctx, any_star, CREDENTIAL_ACTIONS, |item, target| {
        say(
            format!("\"{item}\" allows {target}, which returns secrets, on every resource: scope it to the keys, secrets or users needed"),
            format!("\"{item}\" 在所有资源上允许会返回密钥的 {target}：请限定为所需的密钥、凭据或用户"),
        )
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings: probably a mistake.

/// Literal action items (`code:Name` without wildcards in the code) with their code and name.
fn literal_actions<'a>(s: &StatementView<'a>) -> Vec<(Item<'a>, &'a str, &'a str)> {
    s.actions()
        .map(|(items, _)| items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|item| {
            let (code, name) = item.node.as_str().filter(|a| is_action_format(a))?.split_once(':')?;
            (!code.contains(['*', '?'])).then_some((item, code, name))
        })
        .collect()
}

fn unknown_service(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.catalog_loaded() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &ctx.statements {
        for (item, code, _) in literal_actions(s) {
            if !ctx.catalog.known_ram_code(code) && ctx.catalog.product(code).is_none() {
                out.push(hit(item.path, item.node.span, say(format!("\"{code}\" is not a known RAM service code: check the spelling (it is the product's action prefix, e.g. ecs, oss)"), format!("\"{code}\" 不是已知的 RAM 服务代码：请检查拼写（即产品操作的前缀，例如 ecs、oss）"))));
            }
        }
    }
    out
}

fn unknown_action(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for (item, code, name) in literal_actions(s) {
            // Only a loaded shard can say an action does not exist; without it, stay quiet.
            if !ctx.catalog.has_shard(code) {
                continue;
            }
            let action = format!("{code}:{name}");
            let unknown = if name.contains(['*', '?']) {
                ctx.catalog.actions_matching(&action).is_some_and(|apis| apis.is_empty())
            } else {
                ctx.catalog.action(&action) == ApiLookup::Unknown
            };
            if unknown {
                let (what, what_zh) = if name.contains(['*', '?']) {
                    ("matches no action", format!("不匹配 RAM Doctor 所知的任何 {code} 操作"))
                } else {
                    ("is not an action", format!("不是 RAM Doctor 所知的 {code} 操作"))
                };
                out.push(hit(item.path, item.node.span, say(format!("\"{action}\" {what} of {code} that RAM Doctor knows: check the spelling (the catalog can lag behind Alibaba Cloud)"), format!("\"{action}\" {what_zh}：请检查拼写（目录可能落后于阿里云）"))));
            }
        }
    }
    out
}

fn wildcard_in_exact_operator(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for (op, key, path) in s.condition_keys() {
            let Ok(operator) = Operator::parse(&op.key) else { continue };
            let like = match operator.kind {
                OperatorKind::StringEquals | OperatorKind::StringEqualsIgnoreCase => "StringLike",
                OperatorKind::StringNotEquals | OperatorKind::StringNotEqualsIgnoreCase => "StringNotLike",
                _ => continue,
            };
            let values: Vec<(String, &Node)> = match &key.value.value {
                Value::Array(items) => items.iter().enumerate().map(|(i, n)| (format!("{path}/{i}"), n)).collect(),
                _ => vec![(path.clone(), &key.value)],
            };
            for (vpath, node) in values {
                if let Some(v) = node.as_str().filter(|v| v.contains(['*', '?'])) {
                    out.push(hit(vpath, node.span, say(format!("{} compares \"{v}\" literally, wildcards included: use {like} if * or ? are meant as wildcards", operator.kind.name()), format!("{} 会按字面比较 \"{v}\"（包括通配符）：如果 * 或 ? 是通配符，请改用 {like}", operator.kind.name()))));
                }
            }
        }
    }
    out
}

/// Services whose actions legitimately name another service's resources (STS assumes RAM roles).
pub(crate) fn codes_related(action_code: &str, arn_code: &str) -> bool {
    action_code == arn_code || (action_code == "sts" && arn_code == "ram")
}

fn resource_service_mismatch(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        if s.member("NotAction").is_some() || s.member("Action").is_none() {
            continue;
        }
        let Some(codes) = s.action_codes() else { continue };
        if codes.is_empty() {
            continue;
        }
        for item in s.items("Resource") {
            let Some([code, ..]) = item.text().and_then(split_arn) else { continue };
            if code.contains(['*', '?']) {
                continue;
            }
            let code = code.to_ascii_lowercase();
            if !codes.iter().any(|c| codes_related(c, &code)) {
                out.push(hit(item.path.clone(), item.node.span, say(format!("this {code} resource matches none of the statement's actions ({}): fix the ARN's service code or the actions", codes.join(", ")), format!("这个 {code} 资源与该语句的任何操作（{}）都不匹配：请修正 ARN 的服务代码或操作", codes.join(", ")))));
            }
        }
    }
    out
}

/// Services whose ARNs have an empty region.
pub const GLOBAL_SERVICES: &[&str] = &["ram", "sts", "ims", "resourcemanager"];

fn region_on_global_service(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for key in ["Resource", "NotResource"] {
            for item in s.items(key) {
                let Some([code, region, account, rel]) = item.text().and_then(split_arn) else { continue };
                if GLOBAL_SERVICES.iter().any(|g| g.eq_ignore_ascii_case(code)) && !region.is_empty() && region != "*" {
                    let arn = format!("acs:{code}::{account}:{rel}");
                    out.push(
                        hit(
                            item.path.clone(),
                            item.node.span,
                            say(
                                format!("{code} is a global service, its ARNs have no region: write {arn}"),
                                format!("{code} 是全局服务，其 ARN 中没有地域：请写成 {arn}"),
                            ),
                        )
                        .with_fix(write_string(item.node.span, &arn)),
                    );
                }
            }
        }
    }
    out
}

fn near_size_limit(ctx: &Ctx) -> Vec<Hit> {
    let compact = compact_chars(ctx.text);
    if compact * 10 > MAX_POLICY_CHARS * 9 && compact <= MAX_POLICY_CHARS {
        vec![hit("", whole(ctx), say(format!("the document is {compact} of {MAX_POLICY_CHARS} characters: leave room by merging statements or using wildcards"), format!("文档已有 {compact} 个字符（上限 {MAX_POLICY_CHARS}）：请合并语句或使用通配符以留出余量")))]
    } else {
        Vec::new()
    }
}

fn deny_without_effect(ctx: &Ctx) -> Vec<Hit> {
    let allows: Vec<(Vec<&str>, Vec<&str>)> = ctx.allows().filter_map(StatementView::plain_lists).collect();
    // An Allow with NotAction/NotResource can meet anything; then no Deny is idle.
    if allows.is_empty() || allows.len() != ctx.allows().count() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in ctx.statements.iter().filter(|s| s.effect() == Some("Deny") && s.member("Condition").is_none()) {
        let Some((actions, resources)) = s.plain_lists() else { continue };
        let meets = allows.iter().any(|(aa, ar)| {
            actions.iter().any(|d| aa.iter().any(|a| globs_overlap(d, a, true)))
                && resources.iter().any(|d| ar.iter().any(|r| globs_overlap(d, r, false)))
        });
        if !meets {
            out.push(hit(s.path.clone(), opening(s.node), say("this Deny matches nothing the Allow statements of this policy grant: check its actions and resources, or remove it", "此 Deny 与本策略中 Allow 语句授予的任何内容都不重叠：请检查其操作和资源，或删除它")));
        }
    }
    out
}

/// Global condition keys (prefix match for the tag families).
pub const GLOBAL_CONDITION_KEYS: &[&str] = &[
    "acs:CurrentTime",
    "acs:SecureTransport",
    "acs:SourceIp",
    "acs:UserAgent",
    "acs:Referer",
    "acs:SourceVpc",
    "acs:SourceVpcIp",
    "acs:MFAPresent",
    "acs:AccessId",
    "acs:PrincipalARN",
    // Alibaba Cloud's own system policies use it to scope ram:PassRole to a service.
    "acs:Service",
    "acs:ResourceTag/",
    "acs:RequestTag/",
    "acs:TagKeys",
];

fn is_global_key(key: &str) -> bool {
    GLOBAL_CONDITION_KEYS.iter().any(|k| {
        if k.ends_with('/') {
            key.len() > k.len() && key.get(..k.len()).is_some_and(|p| p.eq_ignore_ascii_case(k))
        } else {
            key.eq_ignore_ascii_case(k)
        }
    })
}

fn unknown_condition_key(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        let codes = s.action_codes();
        for (_, key, path) in s.condition_keys() {
            let k = key.key.as_str();
            let problem = match k.split_once(':') {
                Some((p, _)) if p.eq_ignore_ascii_case("acs") => {
                    (!is_global_key(k)).then(|| say(format!("\"{k}\" is not a known global key: use one of acs:SourceIp, acs:SecureTransport, acs:CurrentTime, acs:MFAPresent, acs:ResourceTag/<key>, ..."), format!("\"{k}\" 不是已知的全局条件键：请使用 acs:SourceIp、acs:SecureTransport、acs:CurrentTime、acs:MFAPresent、acs:ResourceTag/<key> 等之一")))
                }
                // A service key must belong to a service the statement's actions are from; the catalog does not
                // list service keys yet, so a key of one of those services is trusted.
                Some((p, _)) => codes.as_ref().filter(|c| !c.is_empty() && !c.iter().any(|c| c.eq_ignore_ascii_case(p))).map(|c| {
                    say(format!("\"{k}\" is a key of {p}, but the statement's actions are of {}: use a key of those services or a global acs: key", c.join(", ")), format!("\"{k}\" 是 {p} 的条件键，但该语句的操作属于 {}：请使用这些服务的条件键或全局 acs: 条件键", c.join(", ")))
                }),
                None => Some(say(format!("\"{k}\" is not a condition key: keys look like acs:SourceIp or <code>:<Key>"), format!("\"{k}\" 不是条件键：条件键形如 acs:SourceIp 或 <code>:<Key>"))),
            };
            if let Some(message) = problem {
                out.push(hit(path, key.key_span, message));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions: a cleaner form.

fn redundant_action(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        let Some((items, _)) = s.actions() else { continue };
        for (j, item) in items.iter().enumerate() {
            let Some(a) = item.text() else { continue };
            let cover = items.iter().enumerate().find_map(|(i, other)| {
                let o = other.text()?;
                let same = o.eq_ignore_ascii_case(a);
                // Of two equal actions the later one is redundant.
                ((same && i < j) || (!same && glob_covers(o, a, true))).then_some(o)
            });
            if let Some(o) = cover {
                let h = hit(
                    item.path.clone(),
                    item.node.span,
                    say(
                        format!("\"{a}\" is already covered by \"{o}\" in this statement: remove it"),
                        format!("\"{a}\" 已被本语句中的 \"{o}\" 覆盖：请删除"),
                    ),
                );
                out.push(h.with_fix(remove_element(ctx.text, item.node.span)));
            }
        }
    }
    out
}

/// Whether every pattern of `inner` is covered by some pattern of `outer`.
fn all_covered(outer: &[&str], inner: &[&str], ignore_case: bool) -> bool {
    inner.iter().all(|i| outer.iter().any(|o| glob_covers(o, i, ignore_case)))
}

/// What RAM302/RAM303 compare of a statement: effect, actions, resources and condition.
type Comparable<'a> = (&'a str, Vec<&'a str>, Vec<&'a str>, Option<Condition>);

/// A statement in comparable form, when it uses plain `Action`/`Resource` and a readable condition.
fn comparable<'a>(s: &StatementView<'a>) -> Option<Comparable<'a>> {
    let (a, r) = s.plain_lists()?;
    Some((s.effect()?, a, r, s.condition()?))
}

/// `(i, j)` pairs where statement `j` is fully covered by statement `i` (same effect, no narrower condition).
fn covered_pairs(ctx: &Ctx) -> Vec<(usize, usize)> {
    let cmp: Vec<_> = ctx.statements.iter().map(comparable).collect();
    let mut pairs = Vec::new();
    for (j, sj) in cmp.iter().enumerate() {
        let Some((ej, aj, rj, cj)) = sj else { continue };
        for (i, si) in cmp.iter().enumerate() {
            let Some((ei, ai, ri, ci)) = si else { continue };
            if i == j || ei != ej || !(ci.is_none() || ci == cj) {
                continue;
            }
            if all_covered(ai, aj, true) && all_covered(ri, rj, false) {
                let mutual = (ci == cj) && all_covered(aj, ai, true) && all_covered(rj, ri, false);
                // Of two equivalent statements, only the later one is redundant.
                if !mutual || i < j {
                    pairs.push((i, j));
                    break;
                }
            }
        }
    }
    pairs
}

fn redundant_statement(ctx: &Ctx) -> Vec<Hit> {
    covered_pairs(ctx)
        .into_iter()
        .map(|(i, j)| {
            let (si, sj) = (&ctx.statements[i], &ctx.statements[j]);
            // Only an element of the Statement list can be removed on its own.
            let removal = sj.path.starts_with("/Statement/").then(|| remove_element(ctx.text, sj.node.span));
            hit(
                sj.path.clone(),
                opening(sj.node),
                say(
                    format!("this statement is fully covered by {}: remove it", si.path),
                    format!("此语句已被 {} 完全覆盖：请删除", si.path),
                ),
            )
            .with_some_fix(removal)
        })
        .collect()
}

fn mergeable_statements(ctx: &Ctx) -> Vec<Hit> {
    let covered: Vec<usize> = covered_pairs(ctx).into_iter().map(|(_, j)| j).collect();
    let cmp: Vec<_> = ctx.statements.iter().map(comparable).collect();
    let mut out = Vec::new();
    for (j, sj) in cmp.iter().enumerate() {
        let Some((ej, _, rj, cj)) = sj else { continue };
        if covered.contains(&j) {
            continue;
        }
        let same_scope = |r: &Vec<&str>| {
            let (mut a, mut b) = (r.clone(), rj.clone());
            a.sort_unstable();
            b.sort_unstable();
            a == b
        };
        let first = cmp[..j]
            .iter()
            .position(|si| matches!(si, Some((ei, _, ri, ci)) if ei == ej && ci == cj && same_scope(ri)));
        if let Some(i) = first {
            let (si, s) = (&ctx.statements[i], &ctx.statements[j]);
            out.push(hit(
                s.path.clone(),
                opening(s.node),
                say(
                    format!(
                        "this statement differs from {} only in its actions: merge its actions into that statement",
                        si.path
                    ),
                    format!("此语句与 {} 只有操作不同：请把它的操作合并到那条语句中", si.path),
                ),
            ));
        }
    }
    out
}

fn empty_element(ctx: &Ctx) -> Vec<Hit> {
    fn walk(node: &Node, path: &str, out: &mut Vec<Hit>) {
        let empty = match &node.value {
            Value::Array(items) => {
                for (i, n) in items.iter().enumerate() {
                    walk(n, &format!("{path}/{i}"), out);
                }
                items.is_empty()
            }
            Value::Object(members) => {
                for m in members {
                    walk(&m.value, &format!("{path}/{}", escape_pointer(&m.key)), out);
                }
                members.is_empty()
            }
            _ => false,
        };
        // An empty Statement is RAM003's; an empty document is RAM002/RAM003's.
        if empty && !path.is_empty() && path != "/Statement" {
            out.push(hit(
                path.to_string(),
                node.span,
                say("this element is empty: remove it or fill it in", "此元素为空：请删除或填写内容"),
            ));
        }
    }
    let mut out = Vec::new();
    if let Some(root) = ctx.root() {
        walk(root, "", &mut out);
    }
    out
}

fn action_case(ctx: &Ctx) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in &ctx.statements {
        for (item, _, name) in literal_actions(s) {
            if name.contains(['*', '?']) {
                continue;
            }
            let Some(a) = item.text() else { continue };
            if let ApiLookup::Found(_, api) = ctx.catalog.action(a) {
                if api.action != a && api.action.eq_ignore_ascii_case(a) {
                    let message = say(
                        format!("the catalog spells it \"{}\": RAM matches actions case-insensitively, but the usual spelling reads better", api.action),
                        format!("目录中的写法是 \"{}\"：RAM 匹配操作时不区分大小写，但通常的写法更易读", api.action),
                    );
                    out.push(
                        hit(item.path.clone(), item.node.span, message)
                            .with_fix(write_string(item.node.span, &api.action)),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_check_has_a_distinct_title_in_both_languages() {
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (i, check) in super::CHECKS.iter().enumerate() {
            let (en, zh) = check.title;
            assert!(!en.is_empty() && han(zh), "{}: {en} / {zh}", check.id);
            for other in &super::CHECKS[i + 1..] {
                assert!(other.title.0 != en && other.title.1 != zh, "{} and {} share a title", check.id, other.id);
            }
        }
    }

    use super::*;

    fn ids(text: &str) -> Vec<String> {
        lint(text, &LintOptions::default(), &Catalog::empty()).into_iter().map(|d| d.id).collect()
    }

    #[test]
    fn table_is_ordered_and_unique() {
        let mut seen: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        let before = seen.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, before);
        assert_eq!(CHECKS.len(), 35);
    }

    #[test]
    fn clean_policy_has_no_findings() {
        let text = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:StopInstance"],"Resource":"acs:ecs:cn-hangzhou:123:instance/i-1"}]}"#;
        assert_eq!(ids(text), Vec::<String>::new());
    }

    #[test]
    fn locates_the_bad_action() {
        let text = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\n \"Action\":[\"ecs:A\",\"bad\"],\"Resource\":\"*\"}]}";
        let d = lint(text, &LintOptions::default(), &Catalog::empty());
        let bad = d.iter().find(|d| d.id == "RAM006").unwrap();
        assert_eq!(bad.path, "/Statement/0/Action/1");
        assert_eq!((bad.line, bad.column), (2, 20));
        assert_eq!(&text[bad.span.start..bad.span.end], "\"bad\"");
    }

    /// Every fix a check offers makes its diagnostic go away and leaves valid JSON.
    #[test]
    fn fixes_resolve_their_diagnostics() {
        let cases = [
            ("RAM002", r#"{"Version":"2","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*"}]}"#),
            ("RAM004", r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"ecs:A","Resource":"*"}]}"#),
            ("RAM010", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":true}}}]}"#),
            ("RAM014", r#"{"version":"1","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*"}]}"#),
            ("RAM205", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram:cn-hangzhou:123:user/a"}]}"#),
            ("RAM301", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecs:*\",\n  \"ecs:A\"],\"Resource\":\"*\"}]}"),
            ("RAM302", r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*"},{"Effect":"Allow","Action":"ecs:A","Resource":"*"}]}"#),
        ];
        for (id, text) in cases {
            let before = lint(text, &LintOptions::default(), &Catalog::empty());
            let d = before.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{id} fires on {text}"));
            let fix = d.fix.as_ref().unwrap_or_else(|| panic!("{id} offers a fix"));
            let fixed = fix.apply(text).expect("the fix fits");
            assert!(parse::parse(&fixed).is_ok(), "{id}: {fixed}");
            let after = lint(&fixed, &LintOptions::default(), &Catalog::empty());
            assert!(!after.iter().any(|d| d.id == id), "{id} still fires on {fixed}");
            assert!(!fix.title.zh.is_empty());
        }
    }

    #[test]
    fn removing_an_element_takes_its_comma() {
        let text = r#"["a", "b", "c"]"#;
        let span = |s: &str| Span { start: text.find(s).unwrap(), end: text.find(s).unwrap() + s.len() };
        assert_eq!(remove_element(text, span("\"a\"")).apply(text).unwrap(), r#"["b", "c"]"#);
        assert_eq!(remove_element(text, span("\"b\"")).apply(text).unwrap(), r#"["a", "c"]"#);
        assert_eq!(remove_element(text, span("\"c\"")).apply(text).unwrap(), r#"["a", "b"]"#);
        assert_eq!(
            write_string(Span { start: 0, end: 99 }, "x").apply(text),
            None,
            "an edit beyond the text is refused"
        );
    }

    /// Alibaba Cloud's own system policies are accepted by RAM: no check may call them an error, and the simulator
    /// must compile every one of them.
    #[cfg(feature = "embedded-catalog")]
    #[test]
    fn system_policy_documents_have_no_errors() {
        let catalog = Catalog::embedded().expect("the embedded catalog loads");
        let codes: Vec<String> = catalog.ram_codes().map(str::to_string).chain(["*".to_string()]).collect();
        let mut checked = std::collections::BTreeSet::new();
        for code in &codes {
            for sp in catalog.system_policies(code) {
                let Some(doc) = &sp.document else { continue };
                if !checked.insert(sp.name.clone()) {
                    continue;
                }
                let text = serde_json::to_string_pretty(doc).unwrap();
                let errors: Vec<_> = lint(&text, &LintOptions::default(), &catalog)
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:?}", sp.name);
                assert!(crate::policy::CompiledPolicy::from_json(&text).is_ok(), "{} does not compile", sp.name);
            }
        }
        assert!(checked.len() >= 50, "only {} documents", checked.len());
    }
}
