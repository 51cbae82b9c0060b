//! Reading the catalog's system-policy descriptions, which mix languages the way the documentation did.

/// Splits `English`, `zh: 中文`, `English (zh: 中文)` or `zh: 中文 / English` into the English and the
/// Chinese line (either may be missing).
pub fn split_description(description: &str) -> (Option<&str>, Option<&str>) {
    let Some(at) = description.find("zh: ") else { return (nonempty(description), None) };
    let head = description[..at].trim_end();
    let in_parens = head.ends_with('(');
    let english = head.trim_end_matches('(');
    let tail = &description[at + "zh: ".len()..];
    let (chinese, english_after) = tail.split_once(" / ").unwrap_or((tail, ""));
    let chinese = if in_parens { chinese.strip_suffix(')').unwrap_or(chinese) } else { chinese };
    (nonempty(english).or(nonempty(english_after)), nonempty(chinese))
}

fn nonempty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::split_description;

    #[test]
    fn splits_mixed_language_descriptions() {
        assert_eq!(
            split_description("Manage ECS (zh: 管理云服务器服务(ECS)的权限)"),
            (Some("Manage ECS"), Some("管理云服务器服务(ECS)的权限"))
        );
        assert_eq!(split_description("zh: 管理账号中心的权限"), (None, Some("管理账号中心的权限")));
        assert_eq!(
            split_description("zh: 管理费用与成本(BSS)的权限 / Full access to all BSS OpenAPI operations"),
            (Some("Full access to all BSS OpenAPI operations"), Some("管理费用与成本(BSS)的权限"))
        );
        assert_eq!(split_description("Manage Cloud Data Transfer"), (Some("Manage Cloud Data Transfer"), None));
        assert_eq!(split_description(""), (None, None));
    }
}
