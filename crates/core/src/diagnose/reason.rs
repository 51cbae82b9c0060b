//! Why a finding names its product, in the words the page and the CLI show (English and Chinese, once, here).

use crate::finding::Localized;

/// The label the page and the CLI put before a finding's product and its reason.
pub fn product_label() -> Localized {
    Localized { en: "Product".to_string(), zh: "产品".to_string() }
}

/// What in the text named the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A RAM action the error states (`ecs:DescribeInstances`).
    Action(String),
    /// A resource ARN the error states.
    ResourceArn(String),
    /// The endpoint host that answered, or one in a URL near the error.
    Host(String),
    /// A service role the product needs (`AliyunECIContainerGroupRole`).
    ServiceRole(String),
    /// An SDK package or class, a `product=` / `Product` parameter, a tool of the product's ecosystem, a code prefix.
    Marker(String),
    /// OSS answers in the `<Error>` XML shape.
    OssXml,
    /// A Terraform resource type or provider file, or a Packer builder.
    Terraform(String),
    /// A sentence the documentation ties to the product; `shared` counts the products that print it.
    Sentence {
        /// The sentence as documented.
        sentence: String,
        /// How many products print it.
        shared: usize,
    },
    /// An error code a few products document; `shared` counts them.
    SharedCode {
        /// The code.
        code: String,
        /// How many products document it.
        shared: usize,
    },
    /// An error code only this product documents.
    Code(String),
    /// The product's name or acronym in the words around the message.
    Words(String),
    /// An API name that only this product has.
    Api(String),
    /// An API several products have, and the error's own words name one of them by its code (`create nlb error:
    /// … API: CreateLoadBalancer`).
    SharedApiNamed {
        /// The API.
        api: String,
        /// The product's code as the text writes it.
        named: String,
    },
    /// A fixed sentence only one tool, client or product prints ([`crate::read::phrases::Printer`]).
    ToolSentence {
        /// The tool (`lego (alidns)`).
        tool: String,
        /// The sentence as it stands in the text.
        sentence: String,
    },
    /// The step a tool of the ecosystem says it failed at, in its own words ([`super::tool_steps`]).
    ToolStep {
        /// The tool (`ExternalDNS`).
        tool: String,
        /// Its words, placeholders shown as `…`.
        words: String,
    },
}

impl Reason {
    /// The reason in both languages.
    pub fn words(&self) -> Localized {
        let (en, zh) = match self {
            Reason::Action(a) => (format!("from the action {a} the error states"), format!("来自错误中写明的操作 {a}")),
            Reason::ResourceArn(r) => (format!("from the resource {r} the error states"), format!("来自错误中写明的资源 {r}")),
            Reason::Host(h) => (format!("from the endpoint host {h}"), format!("来自 Endpoint 域名 {h}")),
            Reason::ServiceRole(r) => (format!("from the service role {r}"), format!("来自服务角色 {r}")),
            Reason::Marker(m) => (format!("named by “{m}” in the text"), format!("来自文本中的“{m}”")),
            Reason::OssXml => ("OSS answers in this <Error> XML shape".to_string(), "OSS 以这种 <Error> XML 格式返回错误".to_string()),
            Reason::Terraform(t) => (format!("from the Terraform resource {t}"), format!("来自 Terraform 资源 {t}")),
            Reason::Sentence { sentence, shared } if *shared > 1 => (
                format!("inferred from the sentence “{sentence}”, which the documentation ties to {shared} products (most likely first)"),
                format!("根据提示语“{sentence}”推断：文档中有 {shared} 个产品使用这句提示（最可能的在前）"),
            ),
            Reason::Sentence { sentence, .. } => (
                format!("inferred from the sentence “{sentence}”, which the documentation ties to this product"),
                format!("根据提示语“{sentence}”推断：文档中这句提示属于该产品"),
            ),
            Reason::SharedCode { code, shared } => (
                format!("the code {code} is documented by {shared} products; the text does not say which"),
                format!("错误码 {code} 在 {shared} 个产品的文档中出现，文本中看不出是哪一个"),
            ),
            Reason::Code(c) => (
                format!("named by the error code {c}, which only this product documents"),
                format!("由错误码 {c} 确定：只有该产品的文档列出此错误码"),
            ),
            Reason::Words(w) => (format!("“{w}” in the text"), format!("文本中出现“{w}”")),
            Reason::Api(a) => (format!("only this product has the API {a}"), format!("只有该产品有 API {a}")),
            Reason::SharedApiNamed { api, named } => (
                format!("several products have the API {api}; the error's words name “{named}”"),
                format!("多个产品都有 API {api}，错误中写明的是“{named}”"),
            ),
            Reason::ToolSentence { tool, sentence } => (
                format!("from the sentence “{sentence}”, which only {tool} prints"),
                format!("来自提示语“{sentence}”：只有 {tool} 会打印这句提示"),
            ),
            Reason::ToolStep { tool, words } => (
                format!("from {tool}'s step “{words}” in the text"),
                format!("来自文本中 {tool} 的步骤“{words}”"),
            ),
        };
        Localized { en, zh }
    }
}

/// Why a finding names the action it does when a tool's step decided it: the text names no API, and the step
/// the tool says it failed at calls this one.
pub fn tool_step_action(tool: &str, words: &str, action: &str) -> Localized {
    Localized {
        en: format!("The text names no API: {action} is the call {tool} makes at the step it failed at (“{words}”)."),
        zh: format!("文本中没有写明 API：{action} 是 {tool} 在其失败的步骤（“{words}”）中调用的接口。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_both_languages() {
        for r in [
            Reason::Action("ecs:X".into()),
            Reason::ResourceArn("acs:ecs:*:*:*".into()),
            Reason::Host("ecs.aliyuncs.com".into()),
            Reason::ServiceRole("AliyunServiceRoleForECS".into()),
            Reason::Marker("aliyunsdkecs".into()),
            Reason::OssXml,
            Reason::Terraform("alicloud_instance".into()),
            Reason::Sentence { sentence: "s".into(), shared: 1 },
            Reason::Sentence { sentence: "s".into(), shared: 2 },
            Reason::SharedCode { code: "EntityNotExist.Role".into(), shared: 3 },
            Reason::Code("QuotaExceed.PostPaidDisk".into()),
            Reason::Words("ECS".into()),
            Reason::Api("DescribeVSwitches".into()),
            Reason::SharedApiNamed { api: "CreateLoadBalancer".into(), named: "nlb".into() },
            Reason::ToolStep { tool: "ExternalDNS".into(), words: "Failed to describe zones".into() },
            Reason::ToolSentence { tool: "lego (alidns)".into(), sentence: "not found in AliDNS".into() },
        ] {
            let w = r.words();
            assert!(!w.en.is_empty() && !w.zh.is_empty(), "{r:?}");
            assert!(w.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{r:?}: {}", w.zh);
        }
        assert!(Reason::Sentence { sentence: "s".into(), shared: 3 }.words().en.contains("3 products"));
        let step = tool_step_action("lego (alidns)", "alicloud: API call failed", "alidns:AddDomainRecord");
        assert!(step.en.contains("alidns:AddDomainRecord") && step.zh.contains("alidns:AddDomainRecord"));
        assert!(step.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
}
