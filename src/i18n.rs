//! The page's two languages. Every label the page shows lives here, so a translation is one place to edit.

use ram_doctor_core::finding::{Confidence, Kind, Layer};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
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
