use leptos::prelude::*;
use ram_doctor_core::finding::Finding;
use ram_doctor_core::grant::GrantPlan;

use super::copy::CopyButton;
use crate::i18n::Lang;

/// The fix for one finding: its system policies, each with the plan's one-line explanation, and its custom
/// policy JSON.
#[component]
pub fn GrantView(
    finding: Finding,
    index: usize,
    plan: Memo<Result<GrantPlan, String>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().texts();
    let grant = finding.grant;
    if grant.system_policies.is_empty() && grant.custom_policy.is_none() {
        return view! { <p class="grant grant--none muted">{move || texts().no_grant}</p> }.into_any();
    }
    let policies = grant
        .system_policies
        .into_iter()
        .map(|name| {
            let note = {
                let name = name.clone();
                move || policy_note(&plan, &name, lang.get())
            };
            let (data_name, shown_name) = (name.clone(), name.clone());
            view! {
                <li class="system-policy" data-name=data_name>
                    <div class="system-policy__text">
                        <code class="policy-name">{shown_name}</code>
                        <span class="policy-note">{note}</span>
                    </div>
                    <CopyButton text=name lang=lang />
                </li>
            }
        })
        .collect_view();
    let custom = grant.custom_policy.map(|doc| {
        let json = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| doc.to_string());
        view! {
            <h4 class="grant__subtitle">{move || texts().custom_policy}</h4>
            <div class="code-block">
                <pre id=if index == 0 { "custom-policy".to_string() } else { format!("custom-policy-{index}") }
                    class="custom-policy"><code>{json.clone()}</code></pre>
                <CopyButton text=json lang=lang />
            </div>
        }
    });
    view! {
        <section class="grant">
            <h3 class="grant__title">{move || texts().grant}</h3>
            <h4 class="grant__subtitle">{move || texts().system_policies}</h4>
            <ul class="system-policies">{policies}</ul>
            {custom}
        </section>
    }
    .into_any()
}

/// What the plan says the policy grants, in the page's language (empty if the plan does not list it).
fn policy_note(plan: &Memo<Result<GrantPlan, String>>, name: &str, lang: Lang) -> String {
    plan.with(|p| {
        let grant = p.as_ref().ok()?.system_policies.iter().find(|g| g.name == name)?;
        Some(match lang {
            Lang::En => grant.explanation.en.clone(),
            Lang::Zh => grant.explanation.zh.clone(),
        })
    })
    .unwrap_or_default()
}
