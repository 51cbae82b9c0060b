use leptos::prelude::*;
use ram_doctor_core::catalog::PolicyKind;
use ram_doctor_core::finding::Finding;
use ram_doctor_core::Catalog;

use super::copy::CopyButton;
use crate::i18n::{Lang, Texts};
use crate::policy_text::split_description;

/// The fix for one finding: system policies with a line each, and the custom policy JSON.
#[component]
pub fn GrantView(
    finding: Finding,
    index: usize,
    catalog: RwSignal<Catalog>,
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
                move || catalog.with(|c| policy_note(&name, c, lang.get()))
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

/// One line on what a system policy grants: the catalog's description in the page's language when it has
/// one, else what the policy's family (read-only / full) means.
fn policy_note(name: &str, catalog: &Catalog, lang: Lang) -> String {
    let known = catalog.system_policy(name);
    let (en, zh) = known.and_then(|p| p.description.as_deref()).map(split_description).unwrap_or_default();
    let described = match lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    match described {
        Some(line) => line.to_string(),
        None => family_line(known.map(|p| p.kind).unwrap_or_else(|| kind_from_name(name)), lang.texts()).to_string(),
    }
}

/// The family a policy name announces (`…ReadOnlyAccess`, `…FullAccess`).
fn kind_from_name(name: &str) -> PolicyKind {
    if name.ends_with("ReadOnlyAccess") {
        PolicyKind::ReadOnly
    } else if name.ends_with("FullAccess") {
        PolicyKind::Full
    } else {
        PolicyKind::Other
    }
}

fn family_line(kind: PolicyKind, texts: &Texts) -> &'static str {
    match kind {
        PolicyKind::ReadOnly => texts.read_only_policy,
        PolicyKind::Full => texts.full_policy,
        PolicyKind::Other => texts.other_policy,
    }
}
