//! The fixes that are not grants, in English and Simplified Chinese: one function per kind of step.
//! The words live here (not in the renderers) so that every format says the same thing.

use serde_json::json;

use crate::catalog::Catalog;
use crate::finding::{Finding, Localized};
use crate::grant::plan::{CliCall, Step, StepKind};
use crate::grant::target::{PrincipalKind, Target};
use crate::policy::build::{Note, WildcardReason};
use crate::policy::check::MAX_POLICY_CHARS;

fn l(en: impl Into<String>, zh: impl Into<String>) -> Localized {
    Localized { en: en.into(), zh: zh.into() }
}

fn step(kind: StepKind, title: Localized, details: Vec<Localized>) -> Step {
    Step { kind, title, details, calls: Vec::new(), document: None }
}

/// The denied actions as one phrase, or a placeholder.
fn actions_of(f: &Finding) -> String {
    if f.actions.is_empty() {
        "<action>".to_string()
    } else {
        f.actions.join(", ")
    }
}

fn account_of(f: &Finding) -> String {
    f.principal.as_ref().and_then(|p| p.account.clone()).unwrap_or_else(|| "<account-id>".to_string())
}

/// `(account, role name)` from `acs:ram::<account>:role/<name>`.
fn role_arn_parts(arn: &str) -> Option<(String, String)> {
    let rest = arn.strip_prefix("acs:ram::")?;
    let (account, path) = rest.split_once(':')?;
    let name = path.strip_prefix("role/")?;
    Some((account.to_string(), name.to_string()))
}

/// The "look at the request ID / decode the message" detail, when the finding has them.
fn evidence_details(f: &Finding) -> Vec<Localized> {
    let mut out = Vec::new();
    if let Some(id) = &f.request_id {
        out.push(l(format!("Request ID: {id}."), format!("请求 ID：{id}。")));
    }
    out
}

fn decode_call(f: &Finding) -> Option<CliCall> {
    f.encoded_diagnostic_message
        .as_deref()
        .map(|m| CliCall::new("ram", "DecodeDiagnosticMessage", &[("--EncodedDiagnosticMessage", m)]))
}

/// One line on what a system policy grants: the catalog's description, else what the name's family means.
pub fn system_policy_explanation(
    name: &str,
    description: Option<String>,
    code: Option<&str>,
    catalog: &Catalog,
) -> Localized {
    let product = code.and_then(|c| catalog.product(c));
    let en_name = product
        .map(|p| p.name_en.clone())
        .or_else(|| code.map(str::to_ascii_uppercase))
        .unwrap_or_else(|| "the service".into());
    let zh_name = product.and_then(|p| p.name_zh.clone()).unwrap_or_else(|| en_name.clone());
    let generic = if name.contains("ReadOnly") {
        l(
            format!("Read-only access to {en_name}: view, never change."),
            format!("{zh_name}的只读权限：只能查看，不能修改。"),
        )
    } else if name.ends_with("FullAccess") {
        l(
            format!("Full management of {en_name}: every action, on every resource."),
            format!("管理{zh_name}的全部权限：所有操作、所有资源。"),
        )
    } else {
        l(format!("System policy {name}."), format!("系统策略 {name}。"))
    };
    match description.as_deref().map(split_bilingual) {
        Some((en, zh)) => l(en.unwrap_or(generic.en), zh.unwrap_or(generic.zh)),
        None => generic,
    }
}

/// The catalog's descriptions come as `English (zh: 中文)`, `zh: 中文 (English)` or `zh: 中文` alone: the halves
/// that are there.
fn split_bilingual(d: &str) -> (Option<String>, Option<String>) {
    let d = d.trim();
    if let Some((en, rest)) = d.split_once("(zh:") {
        if let Some(zh) = rest.trim().strip_suffix(')') {
            return (Some(en.trim().to_string()), Some(zh.trim().to_string()));
        }
    }
    if let Some(rest) = d.strip_prefix("zh:") {
        if let (Some(open), Some(en)) = (rest.rfind(" ("), rest.strip_suffix(')')) {
            return (Some(en[open + 2..].trim().to_string()), Some(rest[..open].trim().to_string()));
        }
        return (None, Some(rest.trim().to_string()));
    }
    (Some(d.to_string()), None)
}

/// What the builder says about a policy, in both languages.
pub fn note_text(note: &Note) -> Localized {
    match note {
        Note::Wildcard { actions, reason } => {
            let actions = actions.join(", ");
            match reason {
                WildcardReason::OperationGranularity => l(
                    format!("{actions} on \"*\": the product authorizes per operation, so RAM accepts only \"*\" as the resource."),
                    format!("{actions} 的资源为 \"*\"：该产品只支持操作级授权，RAM 只接受 \"*\" 作为资源。"),
                ),
                WildcardReason::NothingKnown => l(
                    format!("{actions} on \"*\": the error named no resource, region or account to narrow it to."),
                    format!("{actions} 的资源为 \"*\"：错误中没有可用于收窄范围的资源、地域或账号。"),
                ),
                WildcardReason::Chosen => l(
                    format!("{actions} on \"*\": the \"any\" scope was chosen."),
                    format!("{actions} 的资源为 \"*\"：选择了“任意”范围。"),
                ),
            }
        }
        Note::ScopedBySeen { actions, resource } => l(
            format!("{} limited to {resource}: the error named no resource, only the region and account.", actions.join(", ")),
            format!("{} 限定为 {resource}：错误中没有资源，只有地域和账号。", actions.join(", ")),
        ),
        Note::ReadActions { products } => l(
            format!("Added read actions (Describe*, List*, Get*) on \"*\" for {} so the console can list resources.", products.join(", ")),
            format!("为 {} 添加了读操作（Describe*、List*、Get*，资源为 \"*\"），以便控制台能列出资源。", products.join(", ")),
        ),
        Note::TooLarge { chars } => l(
            format!("The policy has {chars} characters; RAM accepts {MAX_POLICY_CHARS}. Choose per-product policies or a wider scope."),
            format!("该策略有 {chars} 个字符，RAM 最多接受 {MAX_POLICY_CHARS} 个。请按产品拆分策略或放宽范围。"),
        ),
    }
}

pub fn rotate_access_key(f: &Finding, target: &Target) -> Step {
    let user = match target.kind {
        PrincipalKind::User => target.display_name().to_string(),
        _ => "<user-name>".to_string(),
    };
    let mut s = step(
        StepKind::RotateAccessKey,
        l("Re-enable or rotate the AccessKey", "重新启用或轮换 AccessKey"),
        vec![
            l(
                "Check that the AccessKey ID the program uses exists and belongs to this account: RAM console > Identities > Users > the user > AccessKey.",
                "确认程序使用的 AccessKey ID 存在且属于本账号：RAM 控制台 > 身份管理 > 用户 > 该用户 > AccessKey。",
            ),
            l(
                "If it is disabled (Inactive), enable it. If it was deleted or may have leaked, create a new AccessKey, switch the program to it, then disable and delete the old one.",
                "如果已禁用，请启用它；如果已删除或可能泄露，请创建新的 AccessKey，让程序改用新的，再禁用并删除旧的。",
            ),
            l(
                "Never paste the AccessKey secret into a ticket, a chat or this page: nothing here needs it.",
                "不要把 AccessKey Secret 粘贴到工单、聊天或本页面中：这里都用不到它。",
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    s.calls = vec![
        CliCall::new("ram", "ListAccessKeys", &[("--UserName", &user)]),
        CliCall::new(
            "ram",
            "UpdateAccessKey",
            &[("--UserAccessKeyId", "<access-key-id>"), ("--Status", "Active"), ("--UserName", &user)],
        ),
        CliCall::new("ram", "CreateAccessKey", &[("--UserName", &user)]),
    ];
    s
}

/// Clock skew when the code says so (`InvalidTimeStamp.Expired`, `RequestTimeTooSkewed`), else a signature mismatch.
pub fn fix_signature(f: &Finding) -> Step {
    let code = f.code.as_deref().unwrap_or("").to_ascii_lowercase();
    let mut s = if code.contains("timestamp") || code.contains("skew") {
        step(
            StepKind::FixClockSkew,
            l("Fix the clock of the machine that sends the request", "校准发送请求的机器的时钟"),
            vec![
                l(
                    "The request's timestamp is too far from Alibaba Cloud's time. Sync the clock with NTP: `sudo timedatectl set-ntp true` (Linux), `w32tm /resync` (Windows); containers use the host's clock.",
                    "请求中的时间戳与阿里云的时间相差太大。请用 NTP 同步时钟：Linux 执行 `sudo timedatectl set-ntp true`，Windows 执行 `w32tm /resync`；容器使用宿主机的时钟。",
                ),
                l(
                    "If you sign requests yourself, send the time in UTC (ISO 8601, ending in Z), not local time.",
                    "如果自己签名请求，时间必须是 UTC（ISO 8601 格式，以 Z 结尾），而不是本地时间。",
                ),
            ],
        )
    } else {
        step(
            StepKind::FixSignature,
            l("Fix the request signature", "修正请求签名"),
            vec![
                l(
                    "Check that the AccessKey secret belongs to the AccessKey ID and was copied without spaces or line breaks.",
                    "确认 AccessKey Secret 与 AccessKey ID 是一对，且复制时没有多余的空格或换行。",
                ),
                l(
                    "Prefer an official SDK or the aliyun CLI to signing by hand. If you sign yourself, compare your string-to-sign with the one the error returns: percent-encode space as %20, * as %2A, and leave ~ as is.",
                    "尽量使用官方 SDK 或 aliyun CLI，不要手工签名。如果自己签名，请把你的待签名字符串与错误返回的对比：空格编码为 %20，* 编码为 %2A，~ 不编码。",
                ),
            ],
        )
    };
    s.details.extend(evidence_details(f));
    s
}

pub fn refresh_sts_token(f: &Finding) -> Step {
    let mut s = step(
        StepKind::RefreshStsToken,
        l("Get a fresh STS token", "获取新的 STS 令牌"),
        vec![
            l(
                "STS credentials expire (after DurationSeconds, at most the role's maximum session duration). Call AssumeRole again before they expire, or use a credentials provider that refreshes them for you (the SDK's Credentials tool, the ECS instance RAM role).",
                "STS 临时凭证会过期（DurationSeconds 之后，最长为角色的最大会话时间）。请在过期前重新调用 AssumeRole，或使用能自动刷新的凭证提供方式（SDK 的 Credentials 工具、ECS 实例 RAM 角色）。",
            ),
            l(
                "Replace all three together: the temporary AccessKey ID, its secret and the security token belong to each other.",
                "三者要一起更换：临时 AccessKey ID、对应的 Secret 和 SecurityToken 是配套的。",
            ),
            l(
                "For an expired signed URL (OSS), sign the URL again with a later expiry.",
                "如果是过期的签名 URL（OSS），请重新生成一个过期时间更晚的签名 URL。",
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    s.calls = vec![CliCall::new(
        "sts",
        "AssumeRole",
        &[
            ("--RoleArn", "acs:ram::<account-id>:role/<role-name>"),
            ("--RoleSessionName", "<session-name>"),
            ("--DurationSeconds", "3600"),
        ],
    )];
    s
}

/// The role's trust policy must let the caller's account assume it. `UpdateRole` replaces the whole trust
/// policy, hence the warning to merge.
pub fn fix_trust_policy(f: &Finding) -> Step {
    let (role_account, role_name) = f
        .resource
        .as_deref()
        .and_then(role_arn_parts)
        .unwrap_or_else(|| ("<role-account-id>".to_string(), "<role-name>".to_string()));
    let caller = account_of(f);
    let caller = if caller == "<account-id>" { "<caller-account-id>".to_string() } else { caller };
    let document = json!({
        "Statement": [{
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"RAM": [format!("acs:ram::{caller}:root")]}
        }],
        "Version": "1"
    });
    let mut s = step(
        StepKind::FixTrustPolicy,
        l(format!("Let the caller assume the role {role_name}"), format!("允许调用者扮演角色 {role_name}")),
        vec![
            l(
                format!("The role's trust policy must name the caller's account ({caller}) as a trusted RAM principal. RAM console > Identities > Roles > {role_name} > Trust Policy > Edit Trust Policy."),
                format!("角色的信任策略必须把调用者所在账号（{caller}）列为可信的 RAM 主体。RAM 控制台 > 身份管理 > 角色 > {role_name} > 信任策略 > 编辑信任策略。"),
            ),
            l(
                "UpdateRole replaces the whole trust policy: merge this statement into the current one (GetRole shows it) so other trusted principals keep working.",
                "UpdateRole 会替换整个信任策略：请把这条语句合并到现有的信任策略中（可用 GetRole 查看），以免其他可信主体失效。",
            ),
            l(
                format!("The caller also needs sts:AssumeRole on acs:ram::{role_account}:role/{role_name} in its own policies."),
                format!("调用者自身的权限策略中也需要允许对 acs:ram::{role_account}:role/{role_name} 执行 sts:AssumeRole。"),
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    let compact = document.to_string();
    s.calls = vec![
        CliCall::new("ram", "GetRole", &[("--RoleName", &role_name)]),
        CliCall::new("ram", "UpdateRole", &[("--RoleName", &role_name), ("--NewAssumeRolePolicyDocument", &compact)]),
    ];
    s.document = Some(document);
    s
}

/// A Resource Directory control policy refused: only the management account can change it. Says exactly
/// what to ask for, so the request can be forwarded as is.
pub fn ask_resource_directory_admin(f: &Finding) -> Step {
    let actions = actions_of(f);
    let resource = f.resource.clone().unwrap_or_else(|| "*".to_string());
    let account = account_of(f);
    let request = f.request_id.as_deref().map(|id| format!(" (request ID {id})")).unwrap_or_default();
    let request_zh = f.request_id.as_deref().map(|id| format!("（请求 ID：{id}）")).unwrap_or_default();
    let mut s = step(
        StepKind::AskResourceDirectoryAdmin,
        l("Ask the Resource Directory administrator to change the control policy", "请资源目录管理员调整管控策略"),
        vec![
            l(
                "A control policy set in Resource Directory refuses this request. No policy inside this account can override it, so granting here will not help.",
                "资源目录中设置的管控策略拒绝了这个请求。本账号内的任何权限策略都无法覆盖它，在这里授权没有用。",
            ),
            l(
                format!("What to ask: \"Please allow {actions} on {resource} for member account {account}{request}: a control policy attached to this account or its folder denies it. Exempt these actions in that control policy, or move the account to a folder whose control policies allow them.\""),
                format!("可以这样提：「成员账号 {account} 调用 {actions}（资源 {resource}）被管控策略拒绝{request_zh}。请在作用于该账号或其所在资源夹的管控策略中放行这些操作，或把该账号移到允许这些操作的资源夹。」"),
            ),
            l(
                "The administrator can decode the EncodedDiagnosticMessage of the error to see which control policy matched.",
                "管理员可以解码错误中的 EncodedDiagnosticMessage，查看命中的是哪条管控策略。",
            ),
        ],
    );
    s.calls.extend(decode_call(f));
    s
}

pub fn fix_session_policy(f: &Finding) -> Step {
    let actions = actions_of(f);
    let mut s = step(
        StepKind::FixSessionPolicy,
        l("Widen the session policy passed to AssumeRole", "放宽 AssumeRole 时传入的会话策略"),
        vec![
            l(
                format!("The STS session was created with a Policy parameter that does not allow {actions}. The session can do only what both the role and that policy allow: add the actions to the session policy, or assume the role without one."),
                format!("创建 STS 会话时传入的 Policy 参数不允许 {actions}。会话只能执行角色策略和会话策略都允许的操作：请把这些操作加入会话策略，或在扮演角色时不传会话策略。"),
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    s
}

pub fn remove_explicit_deny(f: &Finding) -> Step {
    let actions = actions_of(f);
    let mut s = step(
        StepKind::RemoveExplicitDeny,
        l("Find and narrow the Deny statement", "找到并收窄拒绝（Deny）语句"),
        vec![
            l(
                format!("A policy attached to the identity, one of its groups, or the role holds a Deny that matches {actions}. A Deny always wins over an Allow, so adding permissions will not help."),
                format!("身份本身、其所在用户组或角色上的某条权限策略包含匹配 {actions} 的 Deny。Deny 总是优先于 Allow，所以再授权也没有用。"),
            ),
            l(
                "Decode the diagnostic message to see the matched policy, then remove or narrow that Deny statement (or its condition).",
                "解码诊断信息以查看命中的策略，然后删除或收窄那条 Deny 语句（或其条件）。",
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    s.calls.extend(decode_call(f));
    s
}

pub fn fix_resource_policy(f: &Finding) -> Step {
    let actions = actions_of(f);
    let resource = f.resource.clone().unwrap_or_else(|| "<resource>".to_string());
    let mut s = step(
        StepKind::FixResourcePolicy,
        l("Change the resource's own policy", "修改资源自身的策略"),
        vec![l(
            format!("A resource-based policy on {resource} (for example an OSS bucket policy) denies {actions}. Edit that policy on the resource; RAM grants cannot override it."),
            format!("{resource} 上的资源策略（例如 OSS Bucket Policy）拒绝了 {actions}。请在该资源上修改这条策略；RAM 授权无法覆盖它。"),
        )],
    );
    s.details.extend(evidence_details(f));
    s
}

pub fn activate_service(f: &Finding, catalog: &Catalog) -> Step {
    let code = f.product.as_deref();
    let product = code.and_then(|c| catalog.product(c));
    let en = product
        .map(|p| p.name_en.clone())
        .or_else(|| code.map(str::to_ascii_uppercase))
        .unwrap_or_else(|| "the service".into());
    let zh = product.and_then(|p| p.name_zh.clone()).unwrap_or_else(|| en.clone());
    let mut s = step(
        StepKind::ActivateService,
        l(format!("Activate {en}"), format!("开通{zh}")),
        vec![
            l(
                format!("{en} is not activated (or not purchased) for this account. Sign in as the account owner, or a user allowed to buy, open the product's console and activate it; then retry."),
                format!("本账号尚未开通（或未购买）{zh}。请用主账号或有购买权限的用户登录，打开该产品的控制台完成开通，然后重试。"),
            ),
            l(
                "Activation can take a few minutes to reach every region.",
                "开通后可能需要几分钟才能在所有地域生效。",
            ),
        ],
    );
    s.details.extend(evidence_details(f));
    s
}

/// A missing permission whose product and action the text does not give: what to find out first.
pub fn identify_denied_action(f: &Finding) -> Step {
    let mut details = Vec::new();
    if !f.explanation.is_empty() {
        let zh = if f.explanation_zh.is_empty() { f.explanation.clone() } else { f.explanation_zh.clone() };
        details.push(l(f.explanation.clone(), zh));
    }
    details.push(l(
        "Paste the whole error with it: the API's response (Code, RequestId, AccessDeniedDetail) or the console page's title and address name the product and the action, and then RAM Doctor can build the exact grant.",
        "请把完整的错误一起粘贴：API 的返回（Code、RequestId、AccessDeniedDetail）或控制台页面的标题和网址能说明产品和操作，RAM Doctor 才能生成准确的授权。",
    ));
    let mut s = step(StepKind::IdentifyDeniedAction, l("Find out what was denied", "先确认被拒绝的是什么"), details);
    s.details.extend(evidence_details(f));
    s.calls.extend(decode_call(f));
    s
}

pub fn not_a_permission_error(f: &Finding) -> Step {
    let code = f.code.clone().unwrap_or_else(|| "this error".to_string());
    let mut s = step(
        StepKind::NotAPermissionError,
        l("Not a permission problem", "不是权限问题"),
        vec![l(
            format!("{code} is about the request itself (parameters, state or quota), not about who may call it. No RAM change fixes it: read the message and the product's error code documentation."),
            format!("{code} 与请求本身有关（参数、状态或配额），与谁有权调用无关。修改 RAM 授权无法解决：请查看错误信息和该产品的错误码文档。"),
        )],
    );
    s.details.extend(evidence_details(f));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    #[test]
    fn trust_policy_names_the_role_and_caller_from_the_error() {
        let mut f = Finding::new(Kind::AssumeRole);
        f.resource = Some("acs:ram::1111:role/deployer".into());
        f.principal = Some(crate::finding::Principal { kind: None, name: None, account: Some("2222".into()) });
        let s = fix_trust_policy(&f);
        assert!(s.title.en.contains("deployer"));
        assert_eq!(s.document.as_ref().unwrap()["Statement"][0]["Principal"]["RAM"][0], "acs:ram::2222:root");
        assert_eq!(s.calls[1].args[0], ("--RoleName".to_string(), "deployer".to_string()));
    }

    #[test]
    fn catalog_descriptions_split_into_both_languages() {
        let both = |en: &str, zh: &str| (Some(en.to_string()), Some(zh.to_string()));
        assert_eq!(
            split_bilingual("Manage ECS (zh: 管理云服务器服务(ECS)的权限)"),
            both("Manage ECS", "管理云服务器服务(ECS)的权限")
        );
        assert_eq!(
            split_bilingual("zh: 管理所有阿里云资源的权限 (permission to manage all Alibaba Cloud resources)"),
            both("permission to manage all Alibaba Cloud resources", "管理所有阿里云资源的权限")
        );
        assert_eq!(split_bilingual("Read-only access"), (Some("Read-only access".to_string()), None));
        // Chinese only: the English line falls back to what the policy family means, never to `zh: …`.
        assert_eq!(
            split_bilingual("zh: 只读访问对象存储服务(OSS)的权限"),
            (None, Some("只读访问对象存储服务(OSS)的权限".to_string()))
        );
        let e = system_policy_explanation(
            "AliyunOSSReadOnlyAccess",
            Some("zh: 只读访问对象存储服务(OSS)的权限".into()),
            Some("oss"),
            &Catalog::empty(),
        );
        assert_eq!(e.en, "Read-only access to OSS: view, never change.");
        assert_eq!(e.zh, "只读访问对象存储服务(OSS)的权限");
    }

    #[test]
    fn clock_codes_give_the_clock_step() {
        let mut f = Finding::new(Kind::Signature);
        f.code = Some("InvalidTimeStamp.Expired".into());
        assert_eq!(fix_signature(&f).kind, StepKind::FixClockSkew);
        f.code = Some("SignatureDoesNotMatch".into());
        assert_eq!(fix_signature(&f).kind, StepKind::FixSignature);
    }

    #[test]
    fn every_step_speaks_both_languages() {
        let f = Finding::new(Kind::Other);
        let t = Target::placeholder(PrincipalKind::User);
        let c = Catalog::empty();
        let all = [
            rotate_access_key(&f, &t),
            fix_signature(&f),
            refresh_sts_token(&f),
            fix_trust_policy(&f),
            ask_resource_directory_admin(&f),
            fix_session_policy(&f),
            remove_explicit_deny(&f),
            fix_resource_policy(&f),
            activate_service(&f, &c),
            not_a_permission_error(&f),
            identify_denied_action(&f),
        ];
        for s in all {
            assert!(!s.title.en.is_empty() && !s.title.zh.is_empty());
            assert!(s.details.iter().all(|d| !d.en.is_empty() && !d.zh.is_empty()), "{:?}", s.kind);
        }
    }
}
