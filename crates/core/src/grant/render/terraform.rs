//! The plan as Terraform for the alicloud provider. Documents are written as HCL inside `jsonencode(…)`,
//! arrays always as arrays (as the document model keeps them), so `terraform plan` shows no perpetual diff
//! from a single value printed once as a string and once as a list. A placeholder target becomes a variable.

use std::fmt::Write;

use serde_json::Value;

use crate::grant::plan::{GrantPlan, ServiceRoleFix};
use crate::grant::render::{heading, Lang, RenderOptions};
use crate::grant::steps::note_text;
use crate::grant::target::{PrincipalKind, Target};

/// A Terraform label from a name: lowercase letters, digits and `_`, never starting with a digit.
pub fn label(name: &str) -> String {
    let mut l: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if !l.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
        l.insert(0, '_');
    }
    l
}

/// An HCL string literal: JSON-like escapes, plus `${` and `%{` doubled so Terraform does not template them.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An object key: bare when it is an identifier, else quoted (`"acs:SourceIp"`).
fn hcl_key(k: &str) -> String {
    let ident = k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ident {
        k.to_string()
    } else {
        hcl_string(k)
    }
}

/// A JSON value as an HCL expression, indented from `indent`.
pub fn hcl_value(v: &Value, indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let close = "  ".repeat(indent);
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(items) if items.is_empty() => "[]".to_string(),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|i| format!("{pad}{}", hcl_value(i, indent + 1))).collect();
            format!("[\n{},\n{close}]", inner.join(",\n"))
        }
        Value::Object(map) if map.is_empty() => "{}".to_string(),
        Value::Object(map) => {
            let inner: Vec<String> =
                map.iter().map(|(k, v)| format!("{pad}{} = {}", hcl_key(k), hcl_value(v, indent + 1))).collect();
            format!("{{\n{}\n{close}}}", inner.join("\n"))
        }
    }
}

/// The attachment resource type and the principal attribute for a target kind.
fn attachment(kind: PrincipalKind) -> (&'static str, &'static str) {
    match kind {
        PrincipalKind::User => ("alicloud_ram_user_policy_attachment", "user_name"),
        PrincipalKind::Group => ("alicloud_ram_group_policy_attachment", "group_name"),
        PrincipalKind::Role => ("alicloud_ram_role_policy_attachment", "role_name"),
    }
}

/// The target as an expression: its name, or `var.<kind>_name` for a placeholder.
fn principal_expr(target: &Target) -> String {
    match &target.name {
        Some(n) => hcl_string(n),
        None => format!("var.{}", attachment(target.kind).1),
    }
}

/// Writes `text` with every line prefixed by `# ` (for alternatives to uncomment) or as is.
fn emit(out: &mut String, text: &str, commented: bool) {
    for line in text.lines() {
        if commented {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

fn service_role_blocks(fix: &ServiceRoleFix, lang: Lang, out: &mut String) {
    let role = fix.role_name.as_deref().unwrap_or("<role-name>");
    out.push('\n');
    if fix.linked {
        comment(out, &format!("{} {role}", lang.tr("Service-linked role", "服务关联角色")));
        match &fix.service_name {
            Some(service) => {
                let _ = writeln!(
                    out,
                    "resource \"alicloud_resource_manager_service_linked_role\" \"{}\" {{\n  service_name = {}\n}}",
                    label(role),
                    hcl_string(service)
                );
            }
            None => comment(
                out,
                lang.tr(
                    "The service name is not known: set service_name in alicloud_resource_manager_service_linked_role.",
                    "服务名称未知：请在 alicloud_resource_manager_service_linked_role 中填写 service_name。",
                ),
            ),
        }
        return;
    }
    comment(out, &format!("{} {role}", lang.tr("Service role", "服务角色")));
    let l = label(role);
    let _ = writeln!(
        out,
        "resource \"alicloud_ram_role\" \"{l}\" {{\n  role_name                   = {}\n  assume_role_policy_document = jsonencode({})\n}}",
        hcl_string(role),
        hcl_value(&fix.trust_policy(), 1)
    );
    let policy = fix.role_policy.as_deref().unwrap_or("<system-policy-name>");
    let _ = writeln!(
        out,
        "\nresource \"alicloud_ram_role_policy_attachment\" \"{l}\" {{\n  policy_name = {}\n  policy_type = \"System\"\n  role_name   = alicloud_ram_role.{l}.role_name\n}}",
        hcl_string(policy)
    );
}

/// The Terraform configuration.
pub fn render(plan: &GrantPlan, options: &RenderOptions) -> String {
    let lang = options.lang;
    let target = &plan.target;
    let (attach_type, attr) = attachment(target.kind);
    let principal = principal_expr(target);
    let mut out = String::new();
    comment(&mut out, &heading(plan, lang));
    // The variable only when a resource refers to the target.
    if target.name.is_none() && plan.attaches_to_target() {
        let _ = writeln!(
            out,
            "\nvariable \"{attr}\" {{\n  type        = string\n  description = {}\n}}",
            hcl_string(lang.tr("The name of the identity to grant to", "被授权身份的名称"))
        );
    }
    for policy in &plan.custom_policies {
        let l = label(policy.name.as_str());
        out.push('\n');
        for note in &policy.notes {
            comment(&mut out, lang.pick(&note_text(note)));
        }
        let _ = writeln!(
            out,
            "resource \"alicloud_ram_policy\" \"{l}\" {{\n  policy_name     = {}\n  policy_document = jsonencode({})\n  rotate_strategy = \"DeleteOldestNonDefaultVersionWhenLimitExceeded\"\n}}",
            hcl_string(policy.name.as_str()),
            hcl_value(&policy.document.to_value(), 1)
        );
        let _ = writeln!(
            out,
            "\nresource \"{attach_type}\" \"{l}\" {{\n  policy_name = alicloud_ram_policy.{l}.policy_name\n  policy_type = \"Custom\"\n  {attr:<11} = {principal}\n}}"
        );
    }
    if !plan.system_policies.is_empty() {
        let has_custom = !plan.custom_policies.is_empty();
        out.push('\n');
        comment(
            &mut out,
            if has_custom {
                lang.tr(
                    "Or, broader: attach system policies instead (uncomment one per product)",
                    "或者（权限更大）：改为授权系统策略（每个产品取消注释一个）",
                )
            } else {
                lang.tr(
                    "System policies (one per product; the commented ones are broader alternatives)",
                    "系统策略（每个产品一个；注释掉的是权限更大的备选）",
                )
            },
        );
        let narrowest = plan.narrowest_system_policies();
        for p in &plan.system_policies {
            comment(&mut out, &format!("{}: {}", p.name, lang.pick(&p.explanation)));
            let block = format!(
                "resource \"{attach_type}\" \"{}\" {{\n  policy_name = {}\n  policy_type = \"System\"\n  {attr:<11} = {principal}\n}}",
                label(&p.name),
                hcl_string(&p.name)
            );
            let active = !has_custom && narrowest.iter().any(|n| std::ptr::eq(*n, p));
            emit(&mut out, &block, !active);
        }
    }
    for fix in &plan.service_roles {
        service_role_blocks(fix, lang, &mut out);
    }
    for step in &plan.steps {
        out.push('\n');
        comment(&mut out, lang.pick(&step.title));
        for d in &step.details {
            comment(&mut out, &format!("  {}", lang.pick(d)));
        }
        if let Some(doc) = &step.document {
            comment(&mut out, &serde_json::to_string_pretty(doc).expect("a JSON value always serializes"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_templates_and_quotes() {
        assert_eq!(hcl_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(hcl_string("${x} %{y} $z"), r#""$${x} %%{y} $z""#);
    }

    #[test]
    fn labels_are_identifiers() {
        assert_eq!(label("RamDoctor-ecs-0a1b2c3d"), "ramdoctor_ecs_0a1b2c3d");
        assert_eq!(label("1abc"), "_1abc");
    }
}
