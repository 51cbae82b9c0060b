//! The page's two languages. Every label the page shows lives here, so a translation is one place to edit.

use ram_doctor_core::finding::{Confidence, Kind, Layer};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The same language for core's sentences.
    pub fn core(self) -> ram_doctor_core::grant::Lang {
        match self {
            Lang::En => ram_doctor_core::grant::Lang::En,
            Lang::Zh => ram_doctor_core::grant::Lang::Zh,
        }
    }

    /// The other language: what the toggle switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The BCP 47 tag for `<html lang>` (`zh-CN`, so browsers pick Simplified Chinese fonts).
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The share link's `l=` parameter.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Reads a language code; anything unknown is English.
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Fixed UI strings in one language.
pub struct Texts {
    pub title: &'static str,
    pub tagline: &'static str,
    pub toggle: &'static str,
    pub input_label: &'static str,
    pub placeholder: &'static str,
    pub diagnose: &'static str,
    pub examples: &'static str,
    pub empty_hint: &'static str,
    pub no_error: &'static str,
    pub no_error_hint: &'static str,
    pub loading_catalog: &'static str,
    pub denied: &'static str,
    /// The label of the actions of an error that is not a refusal (a quota, a bad parameter): called, not denied.
    pub called: &'static str,
    pub principal: &'static str,
    pub why: &'static str,
    pub request_id: &'static str,
    pub confidence: &'static str,
    pub resource: &'static str,
    pub maybe_products: &'static str,
    pub grant: &'static str,
    pub system_policies: &'static str,
    pub custom_policy: &'static str,
    pub no_grant: &'static str,
    pub compare_options: &'static str,
    pub try_it: &'static str,
    pub try_action: &'static str,
    pub try_context: &'static str,
    pub try_policy: &'static str,
    pub choose_product: &'static str,
    pub choose_product_hint: &'static str,
    pub option_system: &'static str,
    pub option_custom: &'static str,
    pub service_roles: &'static str,
    pub next_steps: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub share: &'static str,
    pub share_note: &'static str,
    pub share_taken: &'static str,
    pub share_reveal_ids: &'static str,
    pub share_preview: &'static str,
    pub unknown: &'static str,
    pub apply_fix: &'static str,
    pub grant_to: &'static str,
    pub ram_user: &'static str,
    pub ram_group: &'static str,
    pub ram_role: &'static str,
    pub format_console: &'static str,
    pub evidence: &'static str,
}

pub const EN: Texts = Texts {
    title: "RAM Doctor",
    tagline: "Paste an Alibaba Cloud permission error. Get the grant that fixes it.",
    toggle: "中文",
    input_label: "Error text",
    placeholder: "Paste the error here: an API response, SDK or CLI output, a Terraform log or a console message…",
    diagnose: "Diagnose",
    examples: "Try an example:",
    empty_hint: "Paste an error above, or try one of the examples. Everything runs in your browser; nothing is sent anywhere.",
    no_error: "No Alibaba Cloud error found",
    no_error_hint: "The text does not look like an Alibaba Cloud error. Paste the whole message, including the code and the request id.",
    loading_catalog: "Loading product data…",
    denied: "Denied",
    called: "Called",
    principal: "Who",
    why: "Why",
    request_id: "Request ID",
    confidence: "Confidence",
    resource: "Resource",
    maybe_products: "Probably about",
    grant: "The fix",
    system_policies: "System policies (attach one)",
    custom_policy: "Custom policy (least privilege)",
    no_grant: "A RAM grant does not fix this kind of error.",
    compare_options: "Compare the options",
    try_it: "Try it: would this policy allow the request?",
    try_action: "Action",
    try_context: "Context keys (key=value, one a line)",
    try_policy: "Policy",
    choose_product: "Which product was it?",
    choose_product_hint: "Type a name, code or host",
    option_system: "System policy",
    option_custom: "Custom policy",
    service_roles: "Service roles to create",
    next_steps: "What to do",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed",
    share: "Share this diagnosis",
    share_note: "The link carries the pasted text, with every credential (AccessKey secrets, STS tokens, signatures, passwords) cut and AccessKey IDs, account and user ids masked.",
    share_taken: "Taken out of this link:",
    share_reveal_ids: "Keep account and user ids in the link",
    share_preview: "What the link contains",
    unknown: "not stated",
    apply_fix: "Apply the fix",
    grant_to: "Grant to",
    ram_user: "RAM user",
    ram_group: "RAM user group",
    ram_role: "RAM role",
    format_console: "Console steps",
    evidence: "Where the text says it",
};

pub const ZH: Texts = Texts {
    title: "RAM Doctor",
    tagline: "粘贴阿里云权限错误，得到修复它的授权。",
    toggle: "English",
    input_label: "错误信息",
    placeholder: "在此粘贴错误：API 响应、SDK 或 CLI 输出、Terraform 日志或控制台提示……",
    diagnose: "诊断",
    examples: "试试示例：",
    empty_hint: "在上方粘贴错误，或试试示例。一切都在浏览器中运行，不会发送任何内容。",
    no_error: "未发现阿里云错误",
    no_error_hint: "这段文字看起来不像阿里云错误。请粘贴完整信息，包括错误码和 RequestId。",
    loading_catalog: "正在加载产品数据……",
    denied: "被拒绝的操作",
    called: "调用的操作",
    principal: "身份",
    why: "原因",
    request_id: "请求 ID",
    confidence: "可信度",
    resource: "资源",
    maybe_products: "可能涉及",
    grant: "修复方法",
    system_policies: "系统策略（授权其一）",
    custom_policy: "自定义策略（最小权限）",
    no_grant: "此类错误无法通过 RAM 授权解决。",
    compare_options: "比较授权方式",
    try_it: "试一试：该策略是否允许这个请求？",
    try_action: "操作",
    try_context: "上下文键（每行一个 key=value）",
    try_policy: "策略",
    choose_product: "是哪个云产品？",
    choose_product_hint: "输入产品名称、代码或域名",
    option_system: "系统策略",
    option_custom: "自定义策略",
    service_roles: "需要创建的服务角色",
    next_steps: "下一步",
    copy: "复制",
    copied: "已复制",
    copy_failed: "复制失败",
    share: "分享此诊断",
    share_note: "链接包含粘贴的文字：所有凭证（AccessKey Secret、STS 令牌、签名、密码）已删除，AccessKey ID、账号 ID 和用户 ID 已遮盖。",
    share_taken: "此链接中已去除：",
    share_reveal_ids: "在链接中保留账号 ID 和用户 ID",
    share_preview: "链接包含的内容",
    unknown: "未注明",
    apply_fix: "执行修复",
    grant_to: "授权给",
    ram_user: "RAM 用户",
    ram_group: "RAM 用户组",
    ram_role: "RAM 角色",
    format_console: "控制台步骤",
    evidence: "原文依据",
};

/// A finding kind as people read it.
pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::En, Kind::MissingPermission) => "Missing permission",
        (Lang::En, Kind::ExplicitDeny) => "Explicitly denied",
        (Lang::En, Kind::AssumeRole) => "Cannot assume role",
        (Lang::En, Kind::ServiceRoleMissing) => "Service role missing",
        (Lang::En, Kind::BadCredentials) => "Bad credentials",
        (Lang::En, Kind::Signature) => "Signature mismatch",
        (Lang::En, Kind::TokenExpired) => "Token expired",
        (Lang::En, Kind::NotActivated) => "Service not activated",
        (Lang::En, Kind::Other) => "Not a permission error",
        (Lang::Zh, Kind::MissingPermission) => "缺少权限",
        (Lang::Zh, Kind::ExplicitDeny) => "被显式拒绝",
        (Lang::Zh, Kind::AssumeRole) => "无法扮演角色",
        (Lang::Zh, Kind::ServiceRoleMissing) => "缺少服务角色",
        (Lang::Zh, Kind::BadCredentials) => "凭证无效",
        (Lang::Zh, Kind::Signature) => "签名不匹配",
        (Lang::Zh, Kind::TokenExpired) => "令牌已过期",
        (Lang::Zh, Kind::NotActivated) => "服务未开通",
        (Lang::Zh, Kind::Other) => "非权限错误",
    }
}

/// The policy layer that refused, as people read it.
pub fn layer_label(layer: Layer, lang: Lang) -> &'static str {
    match (lang, layer) {
        (Lang::En, Layer::Identity) => "identity policy",
        (Lang::En, Layer::ControlPolicy) => "control policy (Resource Directory)",
        (Lang::En, Layer::SessionPolicy) => "STS session policy",
        (Lang::En, Layer::TrustPolicy) => "role trust policy",
        (Lang::En, Layer::ResourcePolicy) => "resource policy",
        (Lang::Zh, Layer::Identity) => "身份策略",
        (Lang::Zh, Layer::ControlPolicy) => "管控策略（资源目录）",
        (Lang::Zh, Layer::SessionPolicy) => "STS 会话策略",
        (Lang::Zh, Layer::TrustPolicy) => "角色信任策略",
        (Lang::Zh, Layer::ResourcePolicy) => "资源策略",
    }
}

pub fn confidence_label(confidence: Confidence, lang: Lang) -> &'static str {
    match (lang, confidence) {
        (Lang::En, Confidence::High) => "high",
        (Lang::En, Confidence::Medium) => "medium",
        (Lang::En, Confidence::Low) => "low",
        (Lang::Zh, Confidence::High) => "高",
        (Lang::Zh, Confidence::Medium) => "中",
        (Lang::Zh, Confidence::Low) => "低",
    }
}

/// The live part's labels (credentials, who am I, decode, gap, apply) in one language.
pub struct LiveTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub key_id: &'static str,
    pub key_secret: &'static str,
    pub key_token: &'static str,
    pub forget: &'static str,
    pub where_sent: &'static str,
    pub relay_label: &'static str,
    pub relay_hint: &'static str,
    pub key_policy_title: &'static str,
    pub key_policy_read: &'static str,
    pub key_policy_apply: &'static str,
    pub demo_title: &'static str,
    pub demo_note: &'static str,
    pub demo_use: &'static str,
    pub demo_error: &'static str,
    pub need_key: &'static str,
    pub working: &'static str,
    pub whoami: &'static str,
    pub account: &'static str,
    pub identity_type: &'static str,
    pub arn: &'static str,
    pub user: &'static str,
    pub in_error: &'static str,
    pub decode: &'static str,
    pub decoded_title: &'static str,
    pub gap: &'static str,
    pub gap_for: &'static str,
    pub gap_no_principal: &'static str,
    pub attached: &'static str,
    pub nothing_attached: &'static str,
    pub via_group: &'static str,
    pub verdicts: &'static str,
    pub allowed: &'static str,
    pub implicit_deny: &'static str,
    pub explicit_deny: &'static str,
    pub plan_change: &'static str,
    pub change_document: &'static str,
    pub nothing_to_apply: &'static str,
    pub system_choice: &'static str,
    pub confirm: &'static str,
    pub applied: &'static str,
    pub clash: &'static str,
    pub clash_new_version: &'static str,
    pub clash_new_name: &'static str,
    pub version_limit: &'static str,
    pub version_limit_consent: &'static str,
    pub hash_mismatch: &'static str,
    pub call_failed: &'static str,
    pub call_not_diagnosed: &'static str,
    pub call_answer: &'static str,
}

impl Lang {
    /// The live part's labels.
    pub fn live(self) -> &'static LiveTexts {
        match self {
            Lang::En => &LIVE_EN,
            Lang::Zh => &LIVE_ZH,
        }
    }
}

pub const LIVE_EN: LiveTexts = LiveTexts {
    title: "Check and fix it live (optional)",
    intro: "With an AccessKey, the page asks RAM who you are, what the identity in the error has attached and what \
            today's policies decide, and applies the fix after you confirm it.",
    key_id: "AccessKey ID",
    key_secret: "AccessKey secret",
    key_token: "STS security token (temporary keys only)",
    forget: "Forget the key",
    where_sent: "Signed in your browser; the relay forwards the signed request to ram.aliyuncs.com (or sts / ims); \
                 the secret never leaves this tab. The key lives in this tab's memory only — never in storage, the \
                 address bar or the share link. Reloading the page or \u{201c}Forget the key\u{201d} removes it.",
    relay_label: "Relay address",
    relay_hint: "Empty: the server this page came from.",
    key_policy_title: "A least-privilege key for this page",
    key_policy_read: "Who am I, decode and the gap need only these reads:",
    key_policy_apply: "Applying a fix also needs:",
    demo_title: "Demo mode",
    demo_note: "This page talks to a local emulator, not Alibaba Cloud. Its made-up keys:",
    demo_use: "Use this key",
    demo_error: "Paste the demo error",
    need_key: "Enter an AccessKey above to use these.",
    working: "Asking…",
    whoami: "Who am I",
    account: "Account",
    identity_type: "Identity type",
    arn: "ARN",
    user: "User",
    in_error: "In the error",
    decode: "Decode the diagnostic message",
    decoded_title: "What the encoded message adds",
    gap: "Show the gap",
    gap_for: "For",
    gap_no_principal:
        "Name the user, group or role under \u{201c}Apply the fix\u{201d}, or paste an error that names one.",
    attached: "Attached now",
    nothing_attached: "No policy is attached.",
    via_group: "via group",
    verdicts: "What today's policies decide",
    allowed: "allowed",
    implicit_deny: "implicitly denied",
    explicit_deny: "explicitly denied",
    plan_change: "Plan the change",
    change_document: "The policy document, as it is sent",
    nothing_to_apply: "Nothing to apply: the plan has no policy to create or attach.",
    system_choice: "The error does not name the actions, so no custom policy can be written: attach one of the \
                    product's system policies (the narrowest first).",
    confirm: "Apply exactly this",
    applied: "Applied: exactly the confirmed change. The gap above was computed again on the new state.",
    clash: "A custom policy with this name already exists, with a different document.",
    clash_new_version: "Add it as a new default version",
    clash_new_name: "Use a new name instead:",
    version_limit:
        "This policy already has 5 versions, RAM's limit. Adding one means deleting the oldest version that \
                    is not the default:",
    version_limit_consent: "Delete that version and add the new one",
    hash_mismatch: "The document changed after you saw it; nothing was sent. Review the change and confirm again.",
    call_failed: "failed",
    call_not_diagnosed: "The engine found no Alibaba Cloud error in this answer.",
    call_answer: "The answer, as diagnosed",
};

pub const LIVE_ZH: LiveTexts = LiveTexts {
    title: "在线检查并修复（可选）",
    intro: "提供 AccessKey 后，页面会向 RAM 查询你是谁、错误中的身份当前附加了哪些策略以及这些策略的判定结果，并在你确认后应用修复。",
    key_id: "AccessKey ID",
    key_secret: "AccessKey Secret",
    key_token: "STS 安全令牌（仅临时密钥）",
    forget: "清除密钥",
    where_sent: "请求在你的浏览器中签名；中转服务只把签好名的请求转发到 ram.aliyuncs.com（或 sts / ims）；Secret 不会离开此标签页。\
                 密钥只保存在此标签页的内存中，不会写入存储、地址栏或分享链接。刷新页面或点击“清除密钥”即删除。",
    relay_label: "中转地址",
    relay_hint: "留空：使用提供此页面的服务器。",
    key_policy_title: "本页面所需的最小权限密钥",
    key_policy_read: "“我是谁”、解码和差距分析只需要以下只读权限：",
    key_policy_apply: "应用修复还需要：",
    demo_title: "演示模式",
    demo_note: "此页面连接的是本地模拟器，而不是阿里云。模拟器的虚构密钥：",
    demo_use: "使用此密钥",
    demo_error: "粘贴演示错误",
    need_key: "请先在上方输入 AccessKey。",
    working: "正在查询……",
    whoami: "我是谁",
    account: "账号",
    identity_type: "身份类型",
    arn: "ARN",
    user: "用户",
    in_error: "错误中的身份",
    decode: "解码诊断信息",
    decoded_title: "解码后的补充信息",
    gap: "查看权限差距",
    gap_for: "对象",
    gap_no_principal: "请在“应用修复”中填写用户、用户组或角色，或粘贴包含身份的错误。",
    attached: "当前附加的策略",
    nothing_attached: "未附加任何策略。",
    via_group: "来自用户组",
    verdicts: "当前策略的判定",
    allowed: "允许",
    implicit_deny: "隐式拒绝",
    explicit_deny: "显式拒绝",
    plan_change: "规划变更",
    change_document: "将发送的策略文档",
    nothing_to_apply: "无需应用：方案中没有需要创建或附加的策略。",
    system_choice: "错误中没有写明具体操作，无法生成自定义策略：请为其附加该产品的一个系统策略（权限最小的在前）。",
    confirm: "按此内容应用",
    applied: "已按确认的内容应用。上方的权限差距已基于新状态重新计算。",
    clash: "同名自定义策略已存在，且内容不同。",
    clash_new_version: "作为新的默认版本添加",
    clash_new_name: "改用新名称：",
    version_limit: "此策略已有 5 个版本，达到 RAM 上限。新增版本需要删除最早的非默认版本：",
    version_limit_consent: "删除该版本并添加新版本",
    hash_mismatch: "显示后文档已改变，未发送任何请求。请重新检查变更并再次确认。",
    call_failed: "失败",
    call_not_diagnosed: "引擎未在此响应中发现阿里云错误。",
    call_answer: "诊断所用的响应",
};

/// The workbench's labels (the error table, share-link state, downloads, the crash banner) in one language.
pub struct WorkbenchTexts {
    pub errors_title: &'static str,
    pub errors_note: &'static str,
    pub in_grant: &'static str,
    pub keep_row: &'static str,
    pub kind: &'static str,
    pub product: &'static str,
    pub action: &'static str,
    pub repeats: &'static str,
    pub download: &'static str,
    pub link_error: &'static str,
    pub share_none: &'static str,
    pub share_state: &'static str,
    pub share_policy: &'static str,
    pub share_lang: &'static str,
    pub share_target: &'static str,
    pub share_format: &'static str,
    pub share_tab: &'static str,
    pub share_left_out: &'static str,
    pub too_long: &'static str,
    pub binary: &'static str,
    pub crashed: &'static str,
    pub reload_keeping: &'static str,
}

impl Lang {
    /// The workbench's labels.
    pub fn workbench(self) -> &'static WorkbenchTexts {
        match self {
            Lang::En => &WORKBENCH_EN,
            Lang::Zh => &WORKBENCH_ZH,
        }
    }
}

pub const WORKBENCH_EN: WorkbenchTexts = WorkbenchTexts {
    errors_title: "Errors in this text",
    errors_note: "One grant below covers every ticked row; untick a row to leave it out.",
    in_grant: "In the grant",
    keep_row: "Include in the grant:",
    kind: "Kind",
    product: "Product",
    action: "Action",
    repeats: "Seen",
    download: "Download",
    link_error: "This link could not be opened:",
    share_none: "No link:",
    share_state: "Besides the text, the link carries:",
    share_policy: "edited policy",
    share_lang: "language",
    share_target: "grant to",
    share_format: "format",
    share_tab: "tab",
    share_left_out: "rows left out",
    too_long: "This text is {size}; the page reads only its first {kept}. Paste the part with the error to see all of it diagnosed.",
    binary: "This text looks like binary data, not an error message: it has many characters that are not text.",
    crashed: "Something went wrong and this page stopped working.",
    reload_keeping: "Reload keeping my text",
};

pub const WORKBENCH_ZH: WorkbenchTexts = WorkbenchTexts {
    errors_title: "此文本中的错误",
    errors_note: "下方的一份授权涵盖所有勾选的行；取消勾选即可将该行排除在外。",
    in_grant: "纳入授权",
    keep_row: "纳入授权：",
    kind: "类型",
    product: "产品",
    action: "操作",
    repeats: "次数",
    download: "下载",
    link_error: "无法打开此链接：",
    share_none: "无法生成链接：",
    share_state: "除文本外，链接还包含：",
    share_policy: "编辑后的策略",
    share_lang: "语言",
    share_target: "授权对象",
    share_format: "格式",
    share_tab: "标签页",
    share_left_out: "排除的行",
    too_long: "此文本大小为 {size}，页面只读取前 {kept}。请粘贴包含错误的部分以完整诊断。",
    binary: "此文本看起来是二进制数据而不是错误信息：其中有大量非文本字符。",
    crashed: "出现错误，页面已停止工作。",
    reload_keeping: "重新加载并保留我的文本",
};
/// The policy editor's labels in one language (journey "adjust the custom policy").
pub struct EditorTexts {
    pub title: &'static str,
    pub actions: &'static str,
    pub needed: &'static str,
    pub add_actions: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub inferred: &'static str,
    pub inferred_hint: &'static str,
    pub loading_actions: &'static str,
    pub more: &'static str,
    pub scope: &'static str,
    pub scope_exact: &'static str,
    pub scope_region: &'static str,
    pub scope_account: &'static str,
    pub scope_any: &'static str,
    pub scope_custom: &'static str,
    pub conditions: &'static str,
    pub source_ip: &'static str,
    pub source_ip_hint: &'static str,
    pub https_only: &'static str,
    pub mfa: &'static str,
    pub not_before: &'static str,
    pub not_after: &'static str,
    pub time_hint: &'static str,
    pub json: &'static str,
    pub broken: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub problems: &'static str,
    pub no_problems: &'static str,
    pub show: &'static str,
    pub reset: &'static str,
}

impl Lang {
    /// The policy editor's labels.
    pub fn editor(self) -> &'static EditorTexts {
        match self {
            Lang::En => &EDITOR_EN,
            Lang::Zh => &EDITOR_ZH,
        }
    }
}

pub const EDITOR_EN: EditorTexts = EditorTexts {
    title: "Adjust this policy",
    actions: "Actions",
    needed: "needed",
    add_actions: "Add more actions of",
    search: "Search actions",
    search_hint: "Name or title, e.g. Describe",
    inferred: "inferred",
    inferred_hint: "Access level inferred from the API's name, not stated by the documentation",
    loading_actions: "Loading the product's actions…",
    more: "more: type to narrow the list",
    scope: "Resource scope",
    scope_exact: "Exact resource",
    scope_region: "Same type, this region",
    scope_account: "Same type, any region of the account",
    scope_any: "Any resource (*)",
    scope_custom: "As written in the JSON",
    conditions: "Conditions",
    source_ip: "Source IP (addresses or CIDRs, comma-separated)",
    source_ip_hint: "203.0.113.0/24",
    https_only: "HTTPS only",
    mfa: "Require MFA",
    not_before: "Valid from (ISO 8601)",
    not_after: "Valid until (ISO 8601)",
    time_hint: "2026-12-31T23:59:59Z",
    json: "Policy JSON",
    broken: "The JSON cannot be read, so the controls wait:",
    line: "line",
    column: "column",
    problems: "Checks",
    no_problems: "No problems found.",
    show: "Show",
    reset: "Back to the built policy",
};

pub const EDITOR_ZH: EditorTexts = EditorTexts {
    title: "调整此策略",
    actions: "操作",
    needed: "所需",
    add_actions: "添加更多操作：",
    search: "搜索操作",
    search_hint: "名称或标题，例如 Describe",
    inferred: "推断",
    inferred_hint: "访问级别由 API 名称推断，文档未说明",
    loading_actions: "正在加载产品的操作……",
    more: "更多：输入以缩小列表",
    scope: "资源范围",
    scope_exact: "精确资源",
    scope_region: "同类资源，本地域",
    scope_account: "同类资源，账号内所有地域",
    scope_any: "任意资源 (*)",
    scope_custom: "按 JSON 中所写",
    conditions: "条件",
    source_ip: "来源 IP（地址或 CIDR，逗号分隔）",
    source_ip_hint: "203.0.113.0/24",
    https_only: "仅限 HTTPS",
    mfa: "要求 MFA",
    not_before: "生效时间（ISO 8601）",
    not_after: "失效时间（ISO 8601）",
    time_hint: "2026-12-31T23:59:59Z",
    json: "策略 JSON",
    broken: "JSON 无法读取，控件暂停更新：",
    line: "行",
    column: "列",
    problems: "检查",
    no_problems: "未发现问题。",
    show: "定位",
    reset: "恢复为生成的策略",
};

/// A check's severity as people read it.
pub fn severity_label(severity: ram_doctor_core::policy::Severity, lang: Lang) -> &'static str {
    use ram_doctor_core::policy::Severity;
    match (lang, severity) {
        (Lang::En, Severity::Error) => "error",
        (Lang::En, Severity::Security) => "security",
        (Lang::En, Severity::Warning) => "warning",
        (Lang::En, Severity::Suggestion) => "suggestion",
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Security) => "安全",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Suggestion) => "建议",
    }
}
