//! The plan as a ROS (Resource Orchestration Service) template, in YAML and JSON: `ALIYUN::RAM::ManagedPolicy`
//! with Users/Groups/Roles for the custom policy, `ALIYUN::RAM::AttachPolicyTo*` for a system policy, and
//! `ALIYUN::RAM::Role` for a service role. A placeholder target becomes a template parameter.

use serde_json::{json, Map, Value};

use crate::grant::plan::GrantPlan;
use crate::grant::render::yaml::to_yaml;
use crate::grant::render::{heading, Lang, RenderOptions};
use crate::grant::steps::note_text;
use crate::grant::target::{PrincipalKind, Target};

/// The parameter a placeholder target becomes, and the property of `AttachPolicyTo*` that names it.
fn principal_param(kind: PrincipalKind) -> &'static str {
    match kind {
        PrincipalKind::User => "UserName",
        PrincipalKind::Group => "GroupName",
        PrincipalKind::Role => "RoleName",
    }
}

fn principal_value(target: &Target) -> Value {
    match &target.name {
        Some(n) => json!(n),
        None => json!({"Ref": principal_param(target.kind)}),
    }
}

fn attach_type(kind: PrincipalKind) -> &'static str {
    match kind {
        PrincipalKind::User => "ALIYUN::RAM::AttachPolicyToUser",
        PrincipalKind::Group => "ALIYUN::RAM::AttachPolicyToGroup",
        PrincipalKind::Role => "ALIYUN::RAM::AttachPolicyToRole",
    }
}

/// A ROS logical ID: letters and digits only.
fn logical_id(prefix: &str, name: &str) -> String {
    let tail: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{prefix}{tail}")
}

/// The template as a JSON value (both texts are printed from it, so they always agree).
pub fn template(plan: &GrantPlan, options: &RenderOptions) -> Value {
    let lang = options.lang;
    let target = &plan.target;
    let principal = principal_value(target);
    let mut parameters = Map::new();
    // The parameter only when a resource refers to the target.
    if target.name.is_none() && plan.attaches_to_target() {
        parameters.insert(
            principal_param(target.kind).to_string(),
            json!({"Type": "String", "Description": lang.tr("The name of the identity to grant to", "被授权身份的名称")}),
        );
    }
    let mut resources = Map::new();
    for policy in &plan.custom_policies {
        let list_key = match target.kind {
            PrincipalKind::User => "Users",
            PrincipalKind::Group => "Groups",
            PrincipalKind::Role => "Roles",
        };
        let mut props = Map::new();
        props.insert("PolicyName".into(), json!(policy.name.as_str()));
        props.insert("PolicyDocument".into(), policy.document.to_value());
        props.insert(list_key.into(), json!([principal.clone()]));
        resources.insert(
            logical_id("Policy", policy.name.as_str()),
            json!({"Type": "ALIYUN::RAM::ManagedPolicy", "Properties": props}),
        );
    }
    // System policies only when there is no custom policy: they are the broader alternative.
    if plan.custom_policies.is_empty() {
        for p in plan.narrowest_system_policies() {
            let mut props = Map::new();
            props.insert("PolicyType".into(), json!("System"));
            props.insert("PolicyName".into(), json!(p.name));
            props.insert(principal_param(target.kind).into(), principal.clone());
            resources
                .insert(logical_id("Attach", &p.name), json!({"Type": attach_type(target.kind), "Properties": props}));
        }
    }
    for fix in plan.service_roles.iter().filter(|f| !f.linked) {
        let role = fix.role_name.as_deref().unwrap_or("<role-name>");
        let id = logical_id("Role", role);
        resources.insert(
            id.clone(),
            json!({"Type": "ALIYUN::RAM::Role", "Properties": {
                "RoleName": role,
                "AssumeRolePolicyDocument": fix.trust_policy(),
            }}),
        );
        let policy = fix.role_policy.as_deref().unwrap_or("<system-policy-name>");
        resources.insert(
            logical_id("AttachTo", role),
            json!({"Type": "ALIYUN::RAM::AttachPolicyToRole", "DependsOn": [id], "Properties": {
                "PolicyType": "System",
                "PolicyName": policy,
                "RoleName": role,
            }}),
        );
    }
    let mut t = Map::new();
    t.insert("ROSTemplateFormatVersion".into(), json!("2015-09-01"));
    t.insert("Description".into(), json!(heading(plan, lang)));
    if !parameters.is_empty() {
        t.insert("Parameters".into(), Value::Object(parameters));
    }
    t.insert("Resources".into(), Value::Object(resources));
    Value::Object(t)
}

/// The template as YAML.
pub fn template_yaml(plan: &GrantPlan, options: &RenderOptions) -> String {
    to_yaml(&template(plan, options))
}

/// The template as indented JSON.
pub fn template_json(plan: &GrantPlan, options: &RenderOptions) -> String {
    serde_json::to_string_pretty(&template(plan, options)).expect("a JSON value always serializes") + "\n"
}

/// What the template cannot do, as `#` comment lines: alternatives, service-linked roles, other steps.
fn notes(plan: &GrantPlan, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for policy in &plan.custom_policies {
        out.extend(policy.notes.iter().map(|n| format!("{}: {}", policy.name, lang.pick(&note_text(n)))));
    }
    if !plan.custom_policies.is_empty() && !plan.system_policies.is_empty() {
        out.push(
            lang.tr(
                "Or, broader: attach a system policy instead (ALIYUN::RAM::AttachPolicyTo*, PolicyType System):",
                "或者（权限更大）：改为授权系统策略（ALIYUN::RAM::AttachPolicyTo*，PolicyType 为 System）：",
            )
            .to_string(),
        );
        for p in &plan.system_policies {
            out.push(format!("  {}: {}", p.name, lang.pick(&p.explanation)));
        }
    }
    for fix in plan.service_roles.iter().filter(|f| f.linked) {
        let role = fix.role_name.as_deref().unwrap_or("<role-name>");
        let service = fix.service_name.as_deref().unwrap_or("<service-name>");
        out.push(format!(
            "{} {role}: aliyun ram CreateServiceLinkedRole --ServiceName {service}",
            lang.tr("Create the service-linked role outside the template", "请在模板之外创建服务关联角色")
        ));
    }
    for step in &plan.steps {
        out.push(lang.pick(&step.title).to_string());
        out.extend(step.details.iter().map(|d| format!("  {}", lang.pick(d))));
    }
    out
}

/// Marks where each template starts in [`render`]'s output.
pub const YAML_MARKER: &str = "# ===== ROS template (YAML) =====";
/// Marks where the JSON template starts in [`render`]'s output.
pub const JSON_MARKER: &str = "# ===== ROS template (JSON) =====";

/// The YAML template (with the notes as comments), then the same template in JSON.
pub fn render(plan: &GrantPlan, options: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str(YAML_MARKER);
    out.push('\n');
    for n in notes(plan, options.lang) {
        out.push_str(&format!("# {}\n", n.replace(['\n', '\r'], " ")));
    }
    out.push_str(&template_yaml(plan, options));
    out.push('\n');
    out.push_str(JSON_MARKER);
    out.push('\n');
    out.push_str(&template_json(plan, options));
    out
}
