//! The one list of words that tie a text to Alibaba Cloud. A paste with one of them is Alibaba Cloud's where
//! another cloud's or system's words stand beside (S3- and IAM-compatible clients talk to OSS and RAM too), a
//! one-word product alias counts in it, and a loose sentence about permissions in it is RAM's.
//!
//! Only words no one else prints: the endpoint domain and the SDK, CLI and Terraform names (`aliyuncs.com`,
//! `aliyun-python-sdk`, `com.aliyun`, `@alicloud/`, `alibabacloud_…`, `alibaba-cloud-sdk-go`, `alicloud_`), the
//! ARNs (`acs:`), the name in Chinese. The Alibaba group's bare name is no mark: its open-source libraries
//! (`com.alibaba.druid`, `fastjson`, `nacos`) stand in stack traces of apps on any cloud.

use crate::text::contains_ignore_ascii_case;

/// Words only Alibaba Cloud's texts carry, matched anywhere without ASCII case.
pub const ALIBABA_MARKS: &[&str] =
    &["aliyun", "alibabacloud", "alibaba cloud", "alibaba-cloud", "alibaba_cloud", "alicloud", "acs:", "阿里云"];

/// Whether `text` carries one of [`ALIBABA_MARKS`].
pub fn has_alibaba_mark(text: &str) -> bool {
    ALIBABA_MARKS.iter().any(|m| contains_ignore_ascii_case(text, m))
}

/// Whether a sentence is tied to Alibaba Cloud: one of [`ALIBABA_MARKS`], or RAM named as a word ("requires the
/// RAM permission"). RAM's name ties a sentence, not a whole paste: AWS has a RAM too, and logs print memory sizes.
pub fn ties_sentence_to_alibaba(sentence: &str) -> bool {
    has_alibaba_mark(sentence) || names_ram(sentence)
}

/// Whether `RAM` stands as a word (any ASCII case) in `s`.
fn names_ram(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        b[i..i + 3].eq_ignore_ascii_case(b"ram")
            && !(i > 0 && b[i - 1].is_ascii_alphanumeric())
            && !b.get(i + 3).is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What counts as Alibaba Cloud's, and what does not.
    #[test]
    fn marks_are_alibaba_clouds_own_words() {
        for text in [
            "POST https://ecs.cn-hangzhou.aliyuncs.com/",
            "Resource: acs:ram::123:role/deployer",
            "at node_modules/@alicloud/pop-core/lib/rpc.js:1",
            "from alibabacloud_tea_openapi import models",
            "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors",
            "Alibaba Cloud SDK error",
            "alicloud_oss_bucket.b: Creating...",
            "阿里云返回错误",
        ] {
            assert!(has_alibaba_mark(text), "{text}");
        }
        for text in [
            "at com.alibaba.druid.pool.DruidDataSource.init",
            "com.alibaba.fastjson.JSONException",
            "arn:aws:ram::123456789012:resource-share/x",
            "RAM usage 80%",
            "Access denied",
        ] {
            assert!(!has_alibaba_mark(text), "{text}");
        }
    }

    #[test]
    fn ram_as_a_word_ties_a_sentence_only() {
        assert!(ties_sentence_to_alibaba("this action requires the RAM permission"));
        assert!(ties_sentence_to_alibaba("需要 RAM 权限"));
        assert!(!ties_sentence_to_alibaba("the program requires permission"));
        assert!(!ties_sentence_to_alibaba("param requires permission"));
        assert!(!has_alibaba_mark("this action requires the RAM permission"));
    }
}
