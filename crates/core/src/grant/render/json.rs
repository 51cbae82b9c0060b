//! The plan as JSON, for scripts and the page: each custom policy's document (as JSON), its minified text
//! (what to paste or pass), and its size against RAM's limit; the rest in the chosen language.
//!
//! Shape (fields may be added, never renamed or removed):
//! ```text
//! { "target": {"kind": "user|group|role", "name": string|null, "display_name": string},
//!   "custom_policies": [{"name", "document": {…}, "minified": string, "size", "limit": 6144, "fits", "notes": [string]}],
//!   "system_policies": [{"name", "explanation", "covers": bool|null, "extra_actions": number|null}],
//!   "service_roles": [{"role_name", "service_name", "product", "linked", "role_policy", "authorize_url", "how_to_authorize"}],
//!   "steps": [{"kind", "title", "details": [string], "document"?: {…}, "commands"?: {"bash": [..], "powershell": [..]}}] }
//! ```

use serde_json::{json, Value};

use crate::grant::plan::{GrantPlan, POLICY_DOCUMENT_LIMIT};
use crate::grant::render::shell::{bash_line, powershell_line};
use crate::grant::render::RenderOptions;
use crate::grant::steps::note_text;

/// The plan as a JSON value; [`render`] prints it indented.
pub fn to_value(plan: &GrantPlan, options: &RenderOptions) -> Value {
    let lang = options.lang;
    json!({
        "target": {
            "kind": plan.target.kind.as_str(),
            "name": plan.target.name,
            "display_name": plan.target.display_name(),
        },
        "custom_policies": plan.custom_policies.iter().map(|p| {
            let size = p.size();
            json!({
                "name": p.name.as_str(),
                "document": p.document.to_value(),
                "minified": p.document.to_compact_json(),
                "size": size,
                "limit": POLICY_DOCUMENT_LIMIT,
                "fits": size <= POLICY_DOCUMENT_LIMIT,
                "notes": p.notes.iter().map(|n| lang.pick(&note_text(n)).to_string()).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "system_policies": plan.system_policies.iter().map(|p| json!({
            "name": p.name,
            "explanation": lang.pick(&p.explanation),
            "covers": p.covers,
            "extra_actions": p.extra_actions,
        })).collect::<Vec<_>>(),
        "service_roles": plan.service_roles.iter().map(|r| json!({
            "role_name": r.role_name,
            "service_name": r.service_name,
            "product": r.product,
            "linked": r.linked,
            "role_policy": r.role_policy,
            "authorize_url": r.authorize_url,
            "how_to_authorize": r.how_to_authorize,
        })).collect::<Vec<_>>(),
        "steps": plan.steps.iter().map(|s| {
            let mut step = json!({
                "kind": s.kind,
                "title": lang.pick(&s.title),
                "details": s.details.iter().map(|d| lang.pick(d)).collect::<Vec<_>>(),
            });
            if let Some(doc) = &s.document {
                step["document"] = doc.clone();
            }
            if !s.calls.is_empty() {
                step["commands"] = json!({
                    "bash": s.calls.iter().map(bash_line).collect::<Vec<_>>(),
                    "powershell": s.calls.iter().map(|c| powershell_line(c).0).collect::<Vec<_>>(),
                });
            }
            step
        }).collect::<Vec<_>>(),
    })
}

/// The plan as indented JSON.
pub fn render(plan: &GrantPlan, options: &RenderOptions) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(plan, options)).expect("a JSON value always serializes");
    text.push('\n');
    text
}
