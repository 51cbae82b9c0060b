//! The sentence-level fallback: a sentence no known sentence matched, holding a word of each of two groups
//! ("insufficient" + "permission", 令牌 + 过期), says what it means in a tool's or a translation's own words.
//! Its phrases are weak ([`Phrase::weak`]): they make a finding only when the text holds no stronger error.

use super::phrases::Phrase;
use super::{Field, Key};
use crate::text::Text;

/// One fallback: a word of `first` and a word of `second` in the same sentence mean `phrase`.
pub struct Generic {
    /// The rule's name, in tests.
    pub name: &'static str,
    /// One of these words (ASCII words match whole, without case; Chinese ones as they stand)…
    pub first: &'static [&'static str],
    /// …and one of these, in the same sentence.
    pub second: &'static [&'static str],
    /// What the sentence then says.
    pub phrase: Phrase,
    /// Whether the sentence must also name a RAM action or Alibaba Cloud: its words are common to every system
    /// ("This command requires administrator privileges").
    pub needs_alibaba: bool,
    /// Words that, in the same sentence, say it is about something else (as the other words match).
    pub unless: &'static [&'static str],
}

/// What the prefilter ([`super::scan`]) looks for on this reader's behalf: a sentence can only match with a word of
/// a rule's `second` group.
pub(super) fn needles() -> impl Iterator<Item = &'static str> {
    GENERIC.iter().flat_map(|g| g.second.iter().copied())
}

/// The fallbacks, first match wins: expiry and missing credentials before the broad permission words.
pub const GENERIC: &[Generic] = &[
    Generic {
        name: "credential-expired",
        // `ststoken`, `securitytoken`: the STS token as SDK options and users write it, one word.
        first: &[
            "token",
            "tokens",
            "credential",
            "credentials",
            "sts",
            "ststoken",
            "securitytoken",
            "令牌",
            "凭证",
            "凭据",
            "临时凭证",
            // 授权过期: the access an STS token lends ("authorization") ran out, as Chinese users say it.
            "授权",
        ],
        // 失效: "no longer valid", what consoles say of a session token that timed out (`token校验失效`).
        second: &["expired", "expire", "过期", "已过期", "失效"],
        phrase: Phrase::GenericTokenExpired,
        needs_alibaba: false,
        // A product's licence or trial that ran out (`您的产品授权已过期，请联系管理员续费`, `试用授权过期了`) is
        // the subscription's, no token's: 产品 (product), 试用 (trial), 许可 (licence), 续费 (renew the payment).
        unless: &["产品", "试用", "许可", "续费", "license", "licence", "trial", "subscription"],
    },
    Generic {
        name: "credentials-not-configured",
        first: &[
            "credential",
            "credentials",
            "access key",
            "access key id",
            "accesskey",
            "accesskeyid",
            "凭证",
            "凭据",
            "密钥",
        ],
        second: &["not found", "empty", "missing", "not set", "not configured", "未配置", "为空", "找不到", "未设置"],
        phrase: Phrase::GenericCredentialsMissing,
        needs_alibaba: false,
        unless: &[],
    },
    Generic {
        name: "no-credentials",
        first: &["no", "without", "missing"],
        second: &["credential", "credentials", "access key", "accesskey"],
        phrase: Phrase::GenericCredentialsMissing,
        needs_alibaba: false,
        unless: &[],
    },
    Generic {
        name: "client-not-found",
        first: &["client"],
        second: &["not found"],
        phrase: Phrase::GenericCredentialsMissing,
        needs_alibaba: false,
        unless: &[],
    },
    Generic {
        // `参数超过长度限制`, `exceeds the maximum length limit`: a value or a count over a documented limit.
        name: "limit-exceeded",
        first: &["exceed", "exceeds", "exceeded", "over", "超过", "超出", "超限"],
        second: &["limit", "limits", "限制", "上限"],
        phrase: Phrase::Quota,
        needs_alibaba: false,
        unless: &[],
    },
    // A service's own role the operation requires: the sentence must name one ([`names_own_role`]); "Role is
    // required for turning on logging." (FC's `InvalidArgument`) asks for a parameter of the request.
    Generic {
        name: "role-required",
        first: &["role", "角色", "服务角色"],
        second: &["is required", "required", "需要", "必须"],
        phrase: Phrase::GenericRoleRequired,
        needs_alibaba: false,
        unless: &[],
    },
    Generic {
        name: "lacks-permission",
        first: &[
            "no",
            "not",
            "insufficient",
            "lack",
            "lacks",
            "lacking",
            "without",
            "没有",
            "无",
            "缺少",
            "不足",
            "未被授权",
            "未获",
        ],
        second: &[
            "permission",
            "permissions",
            "access right",
            "access rights",
            "authorized",
            "authorization",
            "privilege",
            "privileges",
            "权限",
            "授权",
        ],
        phrase: Phrase::GenericLacksPermission,
        needs_alibaba: false,
        unless: &[],
    },
    Generic {
        // `You need 'odps:Read' privilege`, `requires the permission ram:ListUsers`: what the caller must be given.
        name: "needs-permission",
        first: &["need", "needs", "require", "requires"],
        second: &["permission", "permissions", "authorization", "privilege", "privileges"],
        phrase: Phrase::GenericLacksPermission,
        needs_alibaba: true,
        unless: &[],
    },
];

/// Whether a word standing bare in a sentence is a RAM action (`ram:ListUsers`, `oss:*`): a lower-case service
/// that is no label word (`error:Forbidden`), its action name capitalized.
pub(crate) fn is_bare_action(token: &str) -> bool {
    token.split_once(':').is_some_and(|(svc, name)| {
        svc.len() >= 2
            && svc.starts_with(|c: char| c.is_ascii_lowercase())
            && !LABEL_WORDS.contains(&svc)
            && name.starts_with(|c: char| c.is_ascii_uppercase() || c == '*')
    }) && super::fields::is_ram_action(token)
}

/// Sentences longer than this are log lines or documents, not a message.
const MAX_SENTENCE: usize = 400;

/// Appends a [`Key::Phrase`] field for each sentence a fallback matches, skipping sentences where a known
/// sentence or a code already stands.
pub fn scan(text: &Text, out: &mut Vec<Field>) {
    let s = text.as_str();
    let mut taken: Vec<(usize, usize)> =
        out.iter().filter(|f| matches!(f.key, Key::Phrase | Key::Code)).map(|f| (f.start, f.end)).collect();
    taken.sort_unstable();
    let spans = |key: Key, value: Option<&str>| {
        let mut v: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| f.key == key && value.is_none_or(|v| f.value == v))
            .map(|f| (f.start, f.end))
            .collect();
        v.sort_unstable();
        v
    };
    let console = spans(Key::Phrase, Some(Phrase::Console.name()));
    // Read only where a console's refusal stands: most texts have none.
    let codes = if console.is_empty() { Vec::new() } else { spans(Key::Code, None) };
    let mut found = Vec::new();
    for (start, end) in sentences(s) {
        if end - start > MAX_SENTENCE {
            continue;
        }
        if overlaps(&taken, start, end) {
            // A console's refusal that quotes the action it lacks, in the same sentence (`暂无权限查看所有实例，请…
            // 授予当前用户“…”资源的“hologram:ListInstances”权限`): the action is the call's. Not beside a code,
            // whose own reader says what it names. Actions of two products quoted together name no one call.
            // Only a QUOTED action, as consoles print it; not in a sentence telling what the user already has
            // (`已经给子账号授予了 ecs:DescribeInstances，打开 RDS 控制台还是提示无权限`).
            if overlaps(&console, start, end) && !overlaps(&codes, start, end) && !tells_granted(&s[start..end]) {
                let mut quoted = Vec::new();
                quoted_only(s, start, end, &mut quoted);
                let service = |f: &Field| f.value.split(':').next().map(str::to_string);
                if quoted.iter().all(|f| service(f) == quoted.first().and_then(service)) {
                    found.append(&mut quoted);
                }
            }
            continue;
        }
        let lower = s[start..end].to_ascii_lowercase();
        let present = words_in(&lower);
        let has_any = |words: &[&str]| words.iter().any(|w| present.contains(w));
        let mut actions = Vec::new();
        let matches = |g: &&Generic| {
            has_any(g.first)
                && has_any(g.second)
                && !has_any(g.unless)
                && (g.phrase != Phrase::GenericRoleRequired || names_own_role(&lower))
                && (!g.needs_alibaba || crate::marks::ties_sentence_to_alibaba(&lower) || {
                    quoted_actions(s, start, end, &mut actions);
                    !actions.is_empty()
                })
        };
        if let Some(g) = GENERIC.iter().find(matches) {
            found.push(Field::new(Key::Phrase, g.phrase.name(), start, end));
            if g.phrase == Phrase::GenericLacksPermission && actions.is_empty() {
                quoted_actions(s, start, end, &mut found);
            }
            found.append(&mut actions);
        }
    }
    out.extend(found);
}

/// Whether a (lower-cased) sentence names a service's own role: an `Aliyun…Role` name, or 服务角色 (service role).
fn names_own_role(lower: &str) -> bool {
    lower.contains("服务角色")
        || lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(super::phrases::is_service_role_name)
}

/// Quotes a RAM action stands in, in a sentence saying a permission is lacking (`You need 'odps:Read' privilege`,
/// `缺少“oss:PutObject”权限`): opening and closing quote, each.
const ACTION_QUOTES: &[(char, char)] = &[('\'', '\''), ('"', '"'), ('`', '`'), ('‘', '’'), ('“', '”'), ('「', '」')];

/// Words before a `:` that label a value rather than name a RAM service (`error:Forbidden`, `Note:You`).
const LABEL_WORDS: &[&str] = &["error", "err", "warning", "warn", "note", "info", "message", "msg", "code", "reason"];

/// Words saying the user already holds a permission (已授予 / 已给 / 已有, "already has / granted / attached"): an
/// action beside them is what the user has, not what the refusal lacks.
pub(crate) const ALREADY_GRANTED: &[&str] = &[
    "已授予",
    "已经授予",
    "已给",
    "已经给",
    "已有",
    "已经有",
    "already has",
    "already have",
    "already granted",
    "already attached",
];

/// Whether a sentence tells what the user already holds ([`ALREADY_GRANTED`]).
pub(crate) fn tells_granted(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    ALREADY_GRANTED.iter().any(|w| lower.contains(w))
}

/// Like [`quoted_actions`], but only the actions standing in quotes, their names capitalized (or `*`) as RAM writes
/// them (`hologram:ListInstances`, not `hologram:listinstances`).
fn quoted_only(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let mut all = Vec::new();
    quoted_actions(s, start, end, &mut all);
    out.extend(all.into_iter().filter(|f| {
        let before = s[..f.start].chars().next_back();
        let named =
            f.value.split_once(':').is_some_and(|(_, a)| a.starts_with(|c: char| c.is_ascii_uppercase() || c == '*'));
        named && ACTION_QUOTES.iter().any(|(open, _)| before == Some(*open))
    }));
}

/// A [`Key::Action`] for each RAM action (`service:Action`) in `s[start..end]`: quoted anywhere, or standing bare
/// with its action name capitalized (`You need the permission ram:ListUsers`, `缺少权限：ecs:DescribeInstances`).
fn quoted_actions(s: &str, start: usize, end: usize, out: &mut Vec<Field>) {
    let sentence = &s[start..end];
    let b = sentence.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b':' | b'*' | b'_' | b'-');
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) || (i > 0 && is_word(b[i - 1])) {
            i += 1;
            continue;
        }
        let e = i + b[i..].iter().take_while(|&&c| is_word(c)).count();
        let token = sentence[i..e].trim_end_matches(':');
        if is_bare_action(token) {
            out.push(Field::new(Key::Action, token, start + i, start + i + token.len()));
        }
        i = e;
    }
    for (open, close) in ACTION_QUOTES {
        let mut from = 0;
        while let Some(a) = sentence[from..].find(*open).map(|p| from + p + open.len_utf8()) {
            let Some(len) = sentence[a..].find(*close) else { break };
            let inner = &sentence[a..a + len];
            let taken = out.iter().any(|f| f.key == Key::Action && f.start == start + a);
            if !taken && inner.starts_with(|c: char| c.is_ascii_lowercase()) && super::fields::is_ram_action(inner) {
                out.push(Field::new(Key::Action, inner, start + a, start + a + len));
            }
            from = a + len + close.len_utf8();
        }
    }
}

/// The sentences of `s`: split at line ends, at Chinese full stops, and at an ASCII stop followed by a space.
fn sentences(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let stop = match c {
            '\n' | '。' | '！' | '；' | '？' => true,
            '.' | '!' | '?' | ';' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if stop {
            push_trimmed(s, from, i, &mut out);
            from = i + c.len_utf8();
        }
    }
    push_trimmed(s, from, s.len(), &mut out);
    out
}

fn push_trimmed(s: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let t = &s[a..b];
    let lead = t.len() - t.trim_start().len();
    let trimmed = t.trim();
    if !trimmed.is_empty() {
        out.push((a + lead, a + lead + trimmed.len()));
    }
}

/// Whether a span in the sorted `taken` list meets `start..end`.
fn overlaps(taken: &[(usize, usize)], start: usize, end: usize) -> bool {
    let first_after = taken.partition_point(|(a, _)| *a < end);
    taken[..first_after].iter().rev().take(64).any(|(_, b)| *b > start)
}

/// The words of every fallback that `lower` holds: ASCII words whole (not inside a longer
/// word), others anywhere. One search per sentence, however many rows and words are asked of it.
fn words_in(lower: &str) -> Vec<&'static str> {
    static WORDS: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<&'static str>)> = std::sync::OnceLock::new();
    let (ac, words) = WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> =
            GENERIC.iter().flat_map(|g| g.first.iter().chain(g.second).chain(g.unless)).copied().collect();
        words.sort_unstable();
        words.dedup();
        (aho_corasick::AhoCorasick::new(&words).expect("the fallbacks' words are valid"), words)
    });
    let mut present: Vec<&'static str> = Vec::new();
    for m in ac.find_overlapping_iter(lower) {
        let w = words[m.pattern().as_usize()];
        let whole = || {
            let before = lower[..m.start()].bytes().next_back();
            let after = lower[m.end()..].bytes().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        };
        // 有没有 asks "is there" (the A-not-A question), it says nothing is lacking; not the 有 ending 所有 (all),
        // 拥有/具有/含有 (has): "所有没有授权的子账号" is every sub-account without the permission.
        let question = w == "没有" && {
            let head = &lower[..m.start()];
            head.ends_with('有') && !["所有", "拥有", "具有", "含有"].iter().any(|h| head.ends_with(h))
        };
        if !present.contains(&w) && (!w.is_ascii() || whole()) && !question {
            present.push(w);
        }
    }
    present
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_count_whole_and_chinese_ones_anywhere() {
        let present = words_in("nothing here is not permitted; 没有权限");
        assert!(present.contains(&"not") && present.contains(&"没有") && present.contains(&"权限"));
        assert!(!present.contains(&"no") && !present.contains(&"permission"));
    }

    fn phrase_of(s: &str) -> Option<Phrase> {
        let mut out = Vec::new();
        scan(&Text::new(s), &mut out);
        out.iter().find_map(|f| Phrase::from_name(&f.value))
    }

    /// One example per row, English and Chinese where the row has both.
    #[test]
    fn every_row_matches_its_example() {
        let examples: &[(&str, &str)] = &[
            ("credential-expired", "The OSS token has expired, sign in again."),
            ("credential-expired", "提示OSS令牌已过期"),
            ("credential-expired", "上传时超出了ststoken的过期时间"),
            ("credentials-not-configured", "credentials not found in the profile"),
            ("credentials-not-configured", "AccessKey 未配置"),
            ("no-credentials", "There is no credential to sign the request with"),
            ("client-not-found", "client default not found"),
            ("credential-expired", "提示token校验失效"),
            ("credential-expired", "上传大文件时中途出现授权过期"),
            ("limit-exceeded", "Error: 参数超过长度限制:35"),
            ("limit-exceeded", "The template parameter exceeds the length limit."),
            ("role-required", "The role AliyunFCDefaultRole is required for turning on logging."),
            ("role-required", "开启日志需要服务角色"),
            ("lacks-permission", "The sub-account lacks the permission to list buckets"),
            ("lacks-permission", "当前账号没有该操作的授权"),
            ("needs-permission", "You need 'odps:List' privilege on the project"),
            ("needs-permission", "This operation requires the RAM permission to list users"),
        ];
        for (name, text) in examples {
            let row = GENERIC.iter().find(|g| g.name == *name).unwrap();
            assert_eq!(phrase_of(text), Some(row.phrase), "{name}: {text}");
        }
    }

    #[test]
    fn words_inside_longer_words_and_unrelated_sentences_do_not_match() {
        assert_eq!(phrase_of("The node is running normally"), None);
        assert_eq!(phrase_of("Nothing was permitted to change"), None);
        assert_eq!(phrase_of("RoleArn is required"), None);
        // A role the request must name is a parameter, no service's own role.
        assert_eq!(phrase_of("Role is required for turning on logging."), None);
        assert_eq!(phrase_of("开启日志需要角色"), None);
        // A question whether there is a way to renew the authorization lacks nothing.
        assert_eq!(phrase_of("上传过程中有没有更新授权的方法？"), None);
        assert_eq!(phrase_of("当前用户没有授权"), Some(Phrase::GenericLacksPermission));
        // Needing a permission is every system's sentence; without a RAM action or Alibaba Cloud it is none.
        assert_eq!(phrase_of("This command requires administrator privileges."), None);
        assert_eq!(phrase_of("You need root permissions to bind port 80"), None);
    }

    /// A licence or trial that ran out is the subscription's; 所有/拥有/具有/含有 before 没有 is no A-not-A question.
    #[test]
    fn a_licence_expiry_is_no_token_and_all_without_is_no_question() {
        assert_eq!(phrase_of("Quick BI 控制台提示：您的产品授权已过期，请联系管理员续费"), None);
        assert_eq!(phrase_of("试用授权过期了，Dataphin 打不开"), None);
        assert_eq!(phrase_of("The trial license has expired"), None);
        assert_eq!(phrase_of("上传大文件时中途出现授权过期"), Some(Phrase::GenericTokenExpired));
        for head in ["所有", "拥有", "具有", "含有"] {
            let text = format!("{head}没有授权的子账号访问都会失败");
            assert_eq!(phrase_of(&text), Some(Phrase::GenericLacksPermission), "{text}");
        }
        assert_eq!(phrase_of("上传过程中有没有更新授权的方法？"), None);
    }

    /// A console's refusal takes only the actions it quotes, and none in a sentence telling what the user holds.
    #[test]
    fn a_console_refusal_takes_only_quoted_actions_the_user_lacks() {
        let console = |s: &str| {
            let mut out = vec![Field::new(Key::Phrase, Phrase::Console.name(), 0, s.len())];
            scan(&Text::new(s), &mut out);
            out.into_iter().filter(|f| f.key == Key::Action).map(|f| f.value).collect::<Vec<_>>()
        };
        assert_eq!(console("暂无权限，请授予当前用户“hologram:ListInstances”权限"), ["hologram:ListInstances"]);
        assert!(console("暂无权限，请授予当前用户 hologram:ListInstances 权限").is_empty());
        assert!(console("已经给子账号授予了“ecs:DescribeInstances”，打开 RDS 控制台还是提示无权限").is_empty());
        assert!(console("The user already has 'ram:ListUsers' but the console says no permission").is_empty());
    }

    #[test]
    fn a_quoted_ram_action_in_a_lacking_sentence_is_the_action() {
        let actions = |s: &str| {
            let mut out = Vec::new();
            scan(&Text::new(s), &mut out);
            out.into_iter().filter(|f| f.key == Key::Action).map(|f| f.value).collect::<Vec<_>>()
        };
        assert_eq!(actions("You need 'odps:Describe' privilege on the table"), ["odps:Describe"]);
        assert_eq!(actions("当前用户缺少“oss:PutObject”权限"), ["oss:PutObject"]);
        assert_eq!(actions("You need the permission ram:ListUsers to do this."), ["ram:ListUsers"]);
        assert_eq!(actions("当前用户缺少权限：ecs:DescribeInstances"), ["ecs:DescribeInstances"]);
        // A label, a lower-case word after a colon, or not a lacking sentence: no action.
        assert!(actions("error:Forbidden, no permission").is_empty());
        assert!(actions("no permission, see note:details").is_empty());
        assert!(actions("The privilege 'odps:Describe' was granted").is_empty());
    }

    #[test]
    fn a_sentence_a_known_reader_took_is_left_alone() {
        let mut out = vec![Field::new(Key::Code, "AccessDenied", 0, 12)];
        scan(&Text::new("AccessDenied no permission here"), &mut out);
        assert_eq!(out.len(), 1);
    }
}
