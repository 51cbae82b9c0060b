//! The labels of the live answers (who am I, a decoded denial) in English and Chinese, for the CLI's rows and
//! the page's panels alike.

use crate::grant::render::Lang;

/// One row label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Label {
    /// The label in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.tr(self.en, self.zh)
    }
}

/// Who the key is: the kind of identity (`RAMUser`, `AssumedRoleUser`, `Account`).
pub const IDENTITY: Label = Label { en: "identity", zh: "身份" };
/// The Alibaba Cloud account id.
pub const ACCOUNT: Label = Label { en: "account", zh: "账号" };
/// The identity's ARN.
pub const ARN: Label = Label { en: "arn", zh: "ARN" };
/// A RAM user's numeric id.
pub const USER_ID: Label = Label { en: "user id", zh: "用户 ID" };
/// A role's id.
pub const ROLE_ID: Label = Label { en: "role id", zh: "角色 ID" };
/// The principal id (a user id, or `role id:session name`).
pub const PRINCIPAL: Label = Label { en: "principal", zh: "主体" };
/// The action a denial is about.
pub const ACTION: Label = Label { en: "action", zh: "操作" };
/// The resource a denial is about.
pub const RESOURCE: Label = Label { en: "resource", zh: "资源" };
/// Why it was denied.
pub const DECISION: Label = Label { en: "decision", zh: "判定" };
/// The kind of policy that denied.
pub const POLICY: Label = Label { en: "policy", zh: "策略" };
/// A condition key and its values at the time of the request.
pub const CONDITION: Label = Label { en: "condition", zh: "条件" };
/// A policy that matched the request.
pub const MATCHED: Label = Label { en: "matched", zh: "匹配的策略" };
/// A RAM user, before its name.
pub const RAM_USER: Label = Label { en: "RAM user", zh: "RAM 用户" };
/// A role, before its name.
pub const ROLE: Label = Label { en: "role", zh: "角色" };
/// After an account id.
pub const IN_ACCOUNT: Label = Label { en: "account", zh: "账号" };

/// A denial's decision as a phrase: a Deny statement, or no Allow.
pub fn decision(explicit_deny: bool, lang: Lang) -> &'static str {
    if explicit_deny {
        lang.tr("denied by a Deny statement", "被 Deny 语句拒绝")
    } else {
        lang.tr("no policy allows it", "没有策略允许")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages_and_the_decisions_differ() {
        let all = [
            IDENTITY, ACCOUNT, ARN, USER_ID, ROLE_ID, PRINCIPAL, ACTION, RESOURCE, DECISION, POLICY, CONDITION,
            MATCHED, RAM_USER, ROLE, IN_ACCOUNT,
        ];
        for label in all {
            assert!(!label.en.is_empty() && !label.zh.is_empty());
            assert_eq!(label.get(Lang::En), label.en);
            assert_eq!(label.get(Lang::Zh), label.zh);
        }
        assert_ne!(decision(true, Lang::En), decision(false, Lang::En));
        assert_ne!(decision(true, Lang::Zh), decision(false, Lang::Zh));
    }
}
