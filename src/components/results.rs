use leptos::prelude::*;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::Diagnosis;

use super::finding::FindingCard;
use crate::i18n::Lang;

/// The diagnosis: a hint while the box is empty, "no error" when nothing was found, else one card per finding.
#[component]
pub fn Results(
    diagnosed_text: RwSignal<String>,
    diagnosis: Memo<Diagnosis>,
    /// A product's data is still being fetched: the findings may still sharpen.
    loading: Memo<bool>,
    /// Each finding's own grant plan, in the order of the findings.
    finding_plans: Memo<Vec<Result<GrantPlan, String>>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let body = move || {
        let texts = lang.get().texts();
        if diagnosed_text.with(|t| t.trim().is_empty()) {
            return view! { <p id="hint" class="notice notice--hint">{texts.empty_hint}</p> }.into_any();
        }
        let findings = diagnosis.with(|d| d.findings.clone());
        let plans = finding_plans.get();
        let loading_note = loading.get().then(|| view! { <p id="loading" class="notice notice--hint">{texts.loading_catalog}</p> });
        if findings.is_empty() {
            return view! {
                <div id="no-error" class="notice notice--none">
                    <strong class="notice__title">{texts.no_error}</strong>
                    <p>{texts.no_error_hint}</p>
                </div>
            }
            .into_any();
        }
        let cards = findings
            .into_iter()
            .enumerate()
            .zip(plans)
            .map(|((index, finding), plan)| view! { <FindingCard finding=finding index=index text=diagnosed_text plan=plan lang=lang /> })
            .collect_view();
        view! { {loading_note} {cards} }.into_any()
    };
    // `data-state` tells tests (and assistive tech) when the diagnosis is final.
    let state = move || if loading.get() { "loading" } else { "ready" };
    view! { <section id="results" class="results" aria-live="polite" data-state=state>{body}</section> }
}
