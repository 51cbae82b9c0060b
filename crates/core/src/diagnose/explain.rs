//! The finding in words, English and Simplified Chinese: what happened, and the next step.
//! Renders facts already decided; it never re-derives a kind.

use super::rules::{federation_of_code, Federation};
use crate::finding::{Finding, Kind, Layer};
use crate::read::phrases::Phrase;

/// What the explanation may mention beyond the finding itself.
pub struct Facts<'a> {
    pub finding: &'a Finding,
    pub phrases: &'a [Phrase],
    /// The denied action writes (so a ReadOnly policy is not enough).
    pub writes: bool,
    /// Where the server's string-to-sign and the user's differ: (offset, server's text, user's text).
    pub string_to_sign: Option<(usize, String, String)>,
    pub service_role: Option<String>,
    pub ec: Option<&'a str>,
}

/// (English, Chinese).
pub fn explain(facts: &Facts) -> (String, String) {
    let f = facts.finding;
    let mut en = Vec::new();
    let mut zh = Vec::new();
    let has = |p: Phrase| facts.phrases.contains(&p);
    let what_en = match f.actions.as_slice() {
        [] => match &f.product {
            Some(p) => format!("an operation of {p}"),
            None => "this operation".to_string(),
        },
        [one] => one.clone(),
        many => many.join(", "),
    };
    let what_zh = if f.actions.is_empty() {
        f.product.as_ref().map_or("该操作".to_string(), |p| format!("{p} 的操作"))
    } else {
        f.actions.join("、")
    };
    let who_en = principal_en(f);
    let who_zh = principal_zh(f);

    match f.kind {
        Kind::MissingPermission => {
            let (layer_en, layer_zh) = match f.layer {
                Some(Layer::SessionPolicy) => (
                    " The STS session policy passed to AssumeRole does not allow it: add the action to that policy (granting the role more does not help).",
                    " AssumeRole 时传入的 STS 会话策略（Policy 参数）未允许此操作：请在该会话策略中加入此操作（给角色授予更多权限无效）。",
                ),
                Some(Layer::ControlPolicy) => (
                    " A Resource Directory control policy does not allow it: ask your resource directory administrator.",
                    " 资源目录管控策略未允许此操作：请联系资源目录管理员。",
                ),
                Some(Layer::ResourcePolicy) => (
                    " The resource's own policy (e.g. the OSS bucket policy or ACL) does not allow it.",
                    " 资源自身的策略（如 OSS Bucket Policy 或 ACL）未允许此操作。",
                ),
                _ => ("", ""),
            };
            en.push(format!(
                "{} is not allowed to perform {what_en}: no policy allows it.{layer_en}",
                capitalize(&who_en)
            ));
            zh.push(format!("{who_zh}没有执行 {what_zh} 的权限：没有任何策略允许它。{layer_zh}"));
            if has(Phrase::BucketAcl) {
                en.push("The bucket is private: sign the request with an identity allowed to read it (an anonymous request is refused).".into());
                zh.push("该 Bucket 为私有：请用有读取权限的身份签名请求（匿名请求会被拒绝）。".into());
            }
            if let (Some(p), true) = (&f.product, f.likely_products.len() > 1) {
                let others: Vec<&str> = f.likely_products.iter().skip(1).map(|g| g.product.as_str()).collect();
                en.push(format!(
                    "The message does not name its product; {p} is the most likely, then {}.",
                    others.join(", ")
                ));
                zh.push(format!("提示未写明产品；最可能是 {p}，其次是 {}。", others.join("、")));
            }
            if f.product.is_none() {
                if f.likely_products.is_empty() {
                    en.push("The text does not say which product this is. Which console page showed this message? Paste its title or URL together with the message.".into());
                    zh.push(
                        "文本中看不出是哪个云产品。这条提示出现在哪个控制台页面？请把页面标题或网址和提示一起粘贴。"
                            .into(),
                    );
                } else {
                    let names: Vec<String> =
                        f.likely_products.iter().take(3).map(|g| format!("{} ({})", g.product, g.reason)).collect();
                    en.push(format!(
                        "The product is not stated; it is probably one of: {}. Which console page showed it?",
                        names.join("; ")
                    ));
                    zh.push(format!("文本未写明产品，可能是：{}。请确认出现提示的控制台页面。", names.join("；")));
                }
            }
            // What to grant is the grant plan's to say (shown beside the explanation); here only which way to go.
            if !f.actions.is_empty() {
                en.push(format!("Fix: grant {what_en} to {who_en}: a system policy that covers it, or, narrower, the custom policy of the grant."));
                zh.push(format!(
                    "修复：为{who_zh}授予 {what_zh}：使用能覆盖它的系统策略，或更精细地使用授权中的自定义策略。"
                ));
            } else if let Some(product) = &f.product {
                en.push(format!("Fix: give {who_en} access to {product}: its read-only system policy to view, its full-access one to change things."));
                zh.push(format!(
                    "修复：为{who_zh}授予 {product} 的权限：只需查看用只读系统策略，需要修改用完全访问策略。"
                ));
            }
            if facts.writes {
                en.push(format!("{what_en} writes, so a ReadOnly policy is not enough."));
                zh.push(format!("{what_zh} 是写操作，只读策略不够。"));
            }
            if f.actions_inferred {
                en.push("The action name was inferred from the API name; check it in the product's RAM authorization table.".into());
                zh.push("操作名是根据 API 名推断的，请在该产品的 RAM 授权信息中核对。".into());
            }
        }
        Kind::ExplicitDeny => {
            let (where_en, where_zh) = match f.layer {
                Some(Layer::ControlPolicy) => ("a Resource Directory control policy", "资源目录管控策略"),
                Some(Layer::SessionPolicy) => ("the STS session policy", "STS 会话策略"),
                Some(Layer::ResourcePolicy) => {
                    ("the resource's policy (e.g. the bucket policy)", "资源策略（如 Bucket Policy）")
                }
                Some(Layer::TrustPolicy) => ("the role's trust policy", "角色的信任策略"),
                _ => ("a policy attached to the identity (or its groups)", "身份（或其所在用户组）上的策略"),
            };
            en.push(format!("An explicit Deny in {where_en} refuses {what_en} for {who_en}. Granting more does not help: a Deny wins over every Allow. Remove or narrow that Deny statement (its administrator must do it)."));
            zh.push(format!("{where_zh}中的显式拒绝（Deny）语句拒绝了{who_zh}执行 {what_zh}。再授权也无效：Deny 优先于任何 Allow。请删除或收窄该 Deny 语句（由管理该策略的人操作）。"));
        }
        Kind::AssumeRole => {
            if let Some(federation) = federated(facts) {
                let (why_en, why_zh) = federation_words(federation, false);
                en.push(why_en.into());
                zh.push(why_zh.into());
            } else if has(Phrase::RootMayNotAssume) {
                en.push(
                    "A root account cannot assume a RAM role. Call AssumeRole with a RAM user's AccessKey instead."
                        .into(),
                );
                zh.push("主账号（root）不能扮演 RAM 角色。请改用 RAM 用户的 AccessKey 调用 AssumeRole。".into());
            } else if f.layer == Some(Layer::TrustPolicy) || has(Phrase::TrustPolicy) {
                en.push("The role's trust policy does not let this caller assume it (or the role belongs to another account). Edit the role's trust policy so its Principal names the caller's account or RAM user.".into());
                zh.push("角色的信任策略不允许该调用者扮演它（或角色属于其他账号）。请修改角色信任策略，在 Principal 中加入调用者的账号或 RAM 用户。".into());
            } else if f
                .code
                .as_deref()
                .or(f.implied_code.as_deref())
                .is_some_and(|c| c.eq_ignore_ascii_case("EntityNotExist.Role"))
            {
                en.push("The role in RoleArn does not exist. Check the account ID and role name in the ARN (acs:ram::<account>:role/<name>).".into());
                zh.push(
                    "RoleArn 中的角色不存在。请检查 ARN 中的账号 ID 与角色名（acs:ram::<账号>:role/<名称>）。".into(),
                );
            } else if f
                .code
                .as_deref()
                .or(f.implied_code.as_deref())
                .is_some_and(|c| c.to_ascii_lowercase().contains("policygrammar"))
            {
                en.push("The session Policy passed to AssumeRole is not a valid policy document. Fix its JSON and grammar (Version \"1\", Statement with Effect/Action/Resource).".into());
                zh.push("AssumeRole 传入的会话策略（Policy）格式不合法。请修正其 JSON 与语法（Version \"1\"，Statement 含 Effect/Action/Resource）。".into());
            } else {
                en.push(format!("{} may not call sts:AssumeRole. Attach AliyunSTSAssumeRoleAccess, or a policy allowing sts:AssumeRole on the role's ARN, to the caller.", capitalize(&who_en)));
                zh.push(format!("{who_zh}没有调用 sts:AssumeRole 的权限。请为调用者授予 AliyunSTSAssumeRoleAccess，或允许对该角色 ARN 执行 sts:AssumeRole 的策略。"));
            }
        }
        Kind::ServiceRoleMissing => {
            let role = facts.service_role.as_deref().unwrap_or("the service role");
            let product = f.product.as_deref().unwrap_or("the product");
            en.push(format!("{product} needs {role} and it is missing or not authorized. Authorize it once (the console's one-click authorization page), or create the service-linked role; the account doing so needs ram:CreateServiceLinkedRole. Then retry."));
            zh.push(format!("{product} 需要服务角色 {role}，但它不存在或未授权。请先完成一次授权（控制台的一键授权页面），或创建服务关联角色（操作者需要 ram:CreateServiceLinkedRole 权限），然后重试。"));
        }
        Kind::BadCredentials => {
            let code = f.code.as_deref().or(f.implied_code.as_deref()).unwrap_or("").to_ascii_lowercase();
            if has(Phrase::AccessKeyDisabled) || code.ends_with(".inactive") {
                en.push("The AccessKey is disabled. Enable it in the RAM console or use an active one.".into());
                zh.push("该 AccessKey 已被禁用。请在 RAM 控制台启用，或改用有效的 AccessKey。".into());
            } else if has(Phrase::TokenMissing) || code.starts_with("missingsecuritytoken") {
                en.push(
                    "This is an STS AccessKey (it starts with STS.): send its SecurityToken with every request.".into(),
                );
                zh.push("这是 STS 临时 AccessKey（以 STS. 开头）：每个请求都必须带上对应的 SecurityToken。".into());
            } else if code.contains("mismatchwithaccesskey") {
                en.push("The SecurityToken does not belong to this AccessKey ID: use the AccessKeyId, AccessKeySecret and SecurityToken from the same AssumeRole response.".into());
                zh.push("SecurityToken 与 AccessKey ID 不匹配：请使用同一次 AssumeRole 返回的 AccessKeyId、AccessKeySecret 与 SecurityToken。".into());
            } else if has(Phrase::CredentialsMissing) {
                en.push("The SDK found no AccessKey to sign with: set the credentials (environment variables ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, a profile, or a RAM role) where the program runs.".into());
                zh.push("SDK 没有找到可用于签名的 AccessKey：请在程序运行环境中配置凭证（环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET、配置文件或 RAM 角色）。".into());
            } else if code.starts_with("invalidsecuritytoken") {
                en.push("The SecurityToken is malformed: pass it exactly as STS returned it (no truncation, quotes or spaces).".into());
                zh.push("SecurityToken 格式错误：请原样传入 STS 返回的值（不要截断、加引号或空格）。".into());
            } else {
                en.push("The AccessKey ID is not known to Alibaba Cloud: check for typos, spaces or brackets around it, a deleted key, or a key from another site (China vs. international). No permission grant fixes this.".into());
                zh.push("阿里云找不到该 AccessKey ID：请检查是否有拼写错误、多余的空格或括号、密钥已删除，或用错了站点（中国站/国际站）。授权无法解决此问题。".into());
            }
        }
        Kind::Signature => {
            let code = f.code.as_deref().or(f.implied_code.as_deref()).unwrap_or("").to_ascii_lowercase();
            if has(Phrase::ClockSkew) || code.contains("timestamp") || code == "requesttimetooskewed" {
                en.push("The request time is too far from the server's (more than 15 minutes): synchronise the machine's clock (NTP) and send the time in UTC.".into());
                zh.push(
                    "请求时间与服务器时间相差过大（超过 15 分钟）：请同步本机时钟（NTP），并使用 UTC 时间。".into(),
                );
            } else if code.starts_with("signaturenonceused") {
                en.push(
                    "A SignatureNonce was used twice: send a fresh random nonce with every request (retries too)."
                        .into(),
                );
                zh.push("SignatureNonce 被重复使用：每个请求（包括重试）都要使用新的随机值。".into());
            } else {
                en.push("The signature does not match the server's: the AccessKey secret is wrong, or the request was signed differently than it was sent (special characters encoded differently, parameters changed after signing). No permission grant fixes this.".into());
                zh.push("签名与服务器计算的不一致：AccessKey Secret 错误，或签名的内容与实际发送的不同（特殊字符编码不同、签名后又修改了参数）。授权无法解决此问题。".into());
            }
            match &facts.string_to_sign {
                Some((at, server, client)) => {
                    en.push(format!("Your string-to-sign differs from the server's at byte {at}: the server has “{server}”, yours has “{client}”."));
                    zh.push(format!(
                        "你的待签名字符串与服务器的在第 {at} 字节处不同：服务器为“{server}”，你的为“{client}”。"
                    ));
                }
                None if f.evidence.iter().any(|e| e.field == "message") && has(Phrase::SignatureMismatch) => {
                    en.push("If the server quoted its string-to-sign, compare it with the one your client computed (paste both to see where they differ).".into());
                    zh.push(
                        "如果服务器返回了它的待签名字符串，请与客户端计算的对比（把两者一起粘贴即可看到差异）。".into(),
                    );
                }
                None => {}
            }
        }
        Kind::TokenExpired => {
            if let Some(federation) = federated(facts) {
                let (why_en, why_zh) = federation_words(federation, true);
                en.push(why_en.into());
                zh.push(why_zh.into());
            } else if has(Phrase::RequestExpired) {
                en.push("The signed URL or request has expired: sign it again, with a longer expiry if needed.".into());
                zh.push("签名 URL 或请求已过期：请重新签名，必要时延长有效期。".into());
            } else {
                en.push("The STS token has expired: get new credentials (call AssumeRole again) and refresh them before they expire.".into());
                zh.push("STS 临时凭证已过期：请重新获取（再次调用 AssumeRole），并在过期前刷新。".into());
            }
        }
        Kind::NotActivated => {
            let product = f.product.as_deref().unwrap_or("The service");
            en.push(format!("{product} is not activated (or not purchased) for this account. Activate it once in its console; no RAM grant fixes this."));
            zh.push(format!("该账号尚未开通（或未购买）{product}。请在其控制台开通一次；授权无法解决此问题。"));
        }
        Kind::Other => {
            let code = f.code.as_deref().or(f.implied_code.as_deref()).unwrap_or("").to_ascii_lowercase();
            if let Some(cloud) = &f.other_cloud {
                let cloud_zh = other_system_zh(cloud);
                en.push(format!("This error comes from {cloud}, not Alibaba Cloud RAM: RAM policies cannot fix it; the access has to be changed there."));
                zh.push(format!("这个错误来自{cloud_zh}，不是阿里云 RAM：RAM 策略无法解决，需要在那里修改访问权限。"));
            } else if code.starts_with("throttling") || has(Phrase::Throttling) {
                en.push("The request was rate-limited (flow control), not refused for permissions: retry with backoff or call less often.".into());
                zh.push("请求被限流，并非权限问题：请退避重试或降低调用频率。".into());
            } else if has(Phrase::WrongEndpoint) || code.contains("endpoint") || code == "secondleveldomainforbidden" {
                en.push("The request went to the wrong endpoint (another region, or path-style addressing): send it to the endpoint of the resource's region, in virtual-hosted style. It is not about permissions.".into());
                zh.push("请求发往了错误的 Endpoint（其他地域，或使用了 path-style 访问）：请使用资源所在地域的 Endpoint，并采用虚拟主机（virtual-hosted）方式访问。与权限无关。".into());
            } else if has(Phrase::Overdue) || super::rules::is_payment_code(&code) {
                en.push("The account has an overdue payment or too small a balance: top it up in the billing console. No RAM grant helps.".into());
                zh.push("账号欠费或余额不足：请在费用中心充值。授权无法解决此问题。".into());
            } else if has(Phrase::OutOfStock) || code.contains("stock") {
                en.push("The resource is out of stock in that zone: try another zone or instance type. It is not about permissions.".into());
                zh.push("该可用区的资源库存不足：请换一个可用区或规格。与权限无关。".into());
            } else if has(Phrase::Quota) || code.contains("quota") {
                en.push("A quota or limit is reached: release resources or ask for a higher quota in the Quota Center. It is not about permissions.".into());
                zh.push("已达到配额或上限：请释放资源，或在配额中心申请提升配额。与权限无关。".into());
            } else if code == "forbidden.riskcontrol" {
                en.push("Alibaba Cloud's risk control blocked the operation; it is not a RAM permission. Complete the account verification or open a support ticket.".into());
                zh.push("操作被阿里云风控系统拦截，并非 RAM 权限问题。请完成账号实名认证或提交工单。".into());
            } else if code == "forbidden.notsupportram" {
                en.push(
                    "This API cannot be called by RAM identities at all: use the root account or another API.".into(),
                );
                zh.push("此 API 不支持 RAM 身份调用：请使用主账号或其他 API。".into());
            } else if let Some((_, _, why_en, why_zh)) =
                NOT_A_GRANT.iter().find(|(phrase, words, _, _)| has(*phrase) || words.iter().any(|w| code.contains(w)))
            {
                en.push((*why_en).into());
                zh.push((*why_zh).into());
            } else if has(Phrase::Network) {
                en.push("The request did not get an answer (timeout or network/DNS failure): check the endpoint, the region, and the network path. It is not about permissions.".into());
                zh.push("请求没有得到响应（超时或网络/DNS 故障）：请检查 Endpoint、地域和网络，与权限无关。".into());
            } else {
                let c = f.code.as_deref().or(f.implied_code.as_deref()).unwrap_or("this error");
                en.push(format!("{c} is not about permissions or credentials: fix the request (parameters, region, resource state). No RAM grant will help."));
                zh.push(format!("{c} 与权限或凭证无关：请修正请求本身（参数、地域、资源状态）。授权无法解决。"));
            }
        }
    }
    if f.encoded_diagnostic_message.is_some() && matches!(f.kind, Kind::MissingPermission | Kind::ExplicitDeny) {
        en.push("For the full reasoning, decode EncodedDiagnosticMessage with ram:DecodeDiagnosticMessage.".into());
        zh.push("如需完整原因，可用 ram:DecodeDiagnosticMessage 解码 EncodedDiagnosticMessage。".into());
    }
    if let Some(ec) = facts.ec {
        en.push(format!("OSS error code {ec}: see https://api.aliyun.com/troubleshoot?q={ec}"));
        zh.push(format!("OSS 错误码 {ec}：见 https://api.aliyun.com/troubleshoot?q={ec}"));
    }
    (en.join(" "), zh.join(""))
}

/// What to do about a federated sign-in STS refused (`expired`: its token or assertion expired), in English and
/// Chinese.
fn federation_words(federation: Federation, expired: bool) -> (&'static str, &'static str) {
    match (federation, expired) {
        (Federation::Oidc, false) => ("STS refused AssumeRoleWithOIDC: the OIDC provider named in OIDCProviderArn is not registered in RAM, or the OIDC token failed its checks (issuer, audience, signature, format). Register the provider with the token's issuer URL and client ids, and name it in the role's trust policy.", "STS 拒绝了 AssumeRoleWithOIDC：OIDCProviderArn 指定的 OIDC 身份提供商未在 RAM 中注册，或 OIDC 令牌未通过校验（颁发者、受众、签名、格式）。请按令牌的颁发者 URL 与客户端 ID 注册身份提供商，并在角色信任策略中指定它。"),
        (Federation::Saml, false) => ("STS refused AssumeRoleWithSAML: the SAML provider named in SAMLProviderArn is not registered in RAM or holds out-of-date metadata, or the SAML assertion failed its checks (signature, issuer, audience, the role and provider it names). Upload the identity provider's current metadata to the SAML provider in RAM, make the assertion's role attribute name this role and provider, and name the provider in the role's trust policy.", "STS 拒绝了 AssumeRoleWithSAML：SAMLProviderArn 指定的 SAML 身份提供商未在 RAM 中注册或其元数据已过时，或 SAML 断言未通过校验（签名、颁发者、受众、断言中的角色与身份提供商）。请把身份提供商的最新元数据上传到 RAM 中的 SAML 身份提供商，让断言的角色属性指向该角色与身份提供商，并在角色信任策略中指定该身份提供商。"),
        (Federation::Oidc, true) => ("The OIDC token passed to AssumeRoleWithOIDC has expired: read the token file again (it is refreshed in place, as ACK's RRSA does) and call AssumeRoleWithOIDC with the new token.", "传给 AssumeRoleWithOIDC 的 OIDC 令牌已过期：请重新读取令牌文件（它会被原地刷新，如 ACK 的 RRSA），再用新令牌调用 AssumeRoleWithOIDC。"),
        (Federation::Saml, true) => ("The SAML assertion passed to AssumeRoleWithSAML has expired (assertions are valid for minutes): sign in at the identity provider again for a fresh assertion and call AssumeRoleWithSAML with it right away; check that the identity provider's clock is correct.", "传给 AssumeRoleWithSAML 的 SAML 断言已过期（断言只在几分钟内有效）：请在身份提供商处重新登录获取新断言，并立即用它调用 AssumeRoleWithSAML；同时检查身份提供商的时钟是否准确。"),
    }
}

/// Which federated sign-in STS refused: its `AuthenticationFail.` code about OIDC or SAML, or its OIDC sentences
/// ("No such OIDC Provider registered").
fn federated(facts: &Facts) -> Option<Federation> {
    let f = facts.finding;
    let code = f.code.as_deref().or(f.implied_code.as_deref()).unwrap_or("").to_ascii_lowercase();
    federation_of_code(&code).or_else(|| facts.phrases.contains(&Phrase::FederationRefused).then_some(Federation::Oidc))
}

/// Refusals no RAM grant fixes, each with the phrase or code words that say it, and what to do instead (English,
/// Chinese).
const NOT_A_GRANT: &[(Phrase, &[&str], &str, &str)] = &[
    (
        Phrase::ContentModeration,
        &["datainspection"],
        "The service's content moderation refused the input or the output; the caller's permissions are fine. Change the content (or the prompt); no RAM grant helps.",
        "服务的内容安全审核拦截了输入或输出内容，调用者的权限没有问题。请修改内容（或提示词）；授权无法解决此问题。",
    ),
    (
        Phrase::RealNameVerification,
        &["realname", "userverification"],
        "The account has not passed the real-name verification this operation requires: complete it in the account center. No RAM grant helps.",
        "该账号尚未完成此操作要求的实名认证：请在账号中心完成实名认证。授权无法解决此问题。",
    ),
    (
        Phrase::RefererRefused,
        &[],
        "The bucket's hotlink protection refused the request's Referer header (empty, not on the whitelist, or on the blacklist): send an allowed Referer, or change the bucket's referer settings. It is not about RAM permissions.",
        "Bucket 的防盗链设置拒绝了请求的 Referer 头（为空、不在白名单或在黑名单中）：请携带允许的 Referer，或修改 Bucket 的防盗链设置。与 RAM 权限无关。",
    ),
    (
        Phrase::CorsRefused,
        &[],
        "The bucket's CORS rules do not allow this browser request (its origin, method or headers): add a CORS rule for them in the bucket's settings. It is not about RAM permissions.",
        "Bucket 的跨域（CORS）规则不允许这个浏览器请求（来源、方法或请求头）：请在 Bucket 设置中添加相应的 CORS 规则。与 RAM 权限无关。",
    ),
    (
        Phrase::MediaUrlRefused,
        &[],
        "The player or downloader was refused the media URL: its signature expired or is wrong (URL authentication), or the referer or IP rules of the domain refuse it. Sign the URL again or check the domain's access rules; no RAM grant helps.",
        "播放器或下载工具访问媒体 URL 被拒绝：URL 鉴权签名已过期或错误，或域名的 Referer / IP 黑白名单拒绝了它。请重新生成签名 URL 或检查域名的访问控制；授权无法解决此问题。",
    ),
    (
        Phrase::MetadataServiceRefused,
        &[],
        "The credentials provider could not get a token from the ECS metadata service (100.100.100.200): check that the code runs on ECS, that nothing (a proxy, a container's network) blocks the address, and that the SDK supports the instance's metadata mode. No RAM grant helps.",
        "凭证提供程序无法从 ECS 元数据服务（100.100.100.200）获取令牌：请确认代码运行在 ECS 上、没有代理或容器网络拦截该地址，且 SDK 支持实例的元数据访问模式。授权无法解决此问题。",
    ),
    (
        Phrase::KeyInUriRefused,
        &[],
        "The OSS connector does not read an AccessKey written into the oss:// URI: remove it from the URI and set fs.oss.accessKeyId and fs.oss.accessKeySecret in the job's configuration. No RAM grant helps.",
        "OSS 连接器不读取写在 oss:// URI 中的 AccessKey：请从 URI 中去掉它，改在作业配置中设置 fs.oss.accessKeyId 和 fs.oss.accessKeySecret。授权无法解决此问题。",
    ),
    (
        Phrase::ResourceState,
        &[],
        "The resource's state refuses the operation (a project or instance that is disabled, locked or being changed, often for an overdue payment): check its state in the console. It is not about permissions.",
        "资源当前的状态不允许此操作（项目或实例已被禁用、锁定或正在变更，常因欠费）：请在控制台检查其状态。与权限无关。",
    ),
];

fn principal_en(f: &Finding) -> String {
    match f.principal.as_ref() {
        Some(p) => match (p.kind.as_deref(), p.name.as_deref()) {
            (Some("SubUser"), Some(n)) => format!("RAM user {n}"),
            (Some("AssumedRoleUser"), Some(n)) => format!("role session {n}"),
            (Some(k), Some(n)) => format!("{k} {n}"),
            (Some("SubUser"), None) => "the RAM user".to_string(),
            (Some("AssumedRoleUser"), None) => "the role session".to_string(),
            (None, Some(n)) => n.to_string(),
            _ => "the caller".to_string(),
        },
        None => "the caller".to_string(),
    }
}

/// First letter upper-cased, for a name that starts a sentence. ASCII only (RAM's names and kinds are ASCII):
/// `char::to_uppercase` would put Unicode's upper-case table (≈ 12 KB) in the page's wasm.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |first| first.to_ascii_uppercase().to_string() + c.as_str())
}

fn principal_zh(f: &Finding) -> String {
    match f.principal.as_ref() {
        Some(p) => match (p.kind.as_deref(), p.name.as_deref()) {
            (Some("SubUser"), Some(n)) => format!("RAM 用户 {n} "),
            (Some("AssumedRoleUser"), Some(n)) => format!("角色会话 {n} "),
            (_, Some(n)) => format!("{n} "),
            _ => "调用者".to_string(),
        },
        None => "调用者".to_string(),
    }
}

/// The Chinese name of `system` ([`super::systems::zh`]); names that read the same in both languages (AWS, Azure,
/// SSH, GitHub, Docker Hub) stay as they are.
fn other_system_zh(system: &str) -> &str {
    super::systems::zh(system)
}
