use leptos::prelude::*;
use ram_doctor_core::finding::Kind;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::{Diagnosis, Finding};

use super::error_table::ErrorTable;
use super::finding::FindingCard;
use crate::i18n::Lang;
use crate::input_check::{self, InputNotice};

/// The diagnosis: a hint while the box is empty, "no error" when nothing was found, else the table of errors
/// (when there are several) and one card per finding.
///
/// Cards are keyed by their place and what kind of error they show: when a late catalog shard sharpens a
/// finding or its plan, the card's data updates in place and what the user was doing in it (the product picker)
/// stays.
#[component]
pub fn Results(
    diagnosed_text: RwSignal<String>,
    diagnosis: Memo<Diagnosis>,
    /// A product's data is still being fetched: the findings may still sharpen.
    loading: Memo<bool>,
    /// Each finding's own grant plan, in the order of the findings.
    finding_plans: Memo<Vec<Result<GrantPlan, String>>>,
    /// Error rows left out of the merged grant.
    left_out: RwSignal<Vec<usize>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let empty = Memo::new(move |_| diagnosed_text.with(|t| t.trim().is_empty()));
    let input_notice = Memo::new(move |_| diagnosed_text.with(|t| input_check::notice(t)));
    let status = move || {
        let texts = lang.get().texts();
        if empty.get() {
            return view! { <p id="hint" class="notice notice--hint">{texts.empty_hint}</p> }.into_any();
        }
        let loading_note =
            loading.get().then(|| view! { <p id="loading" class="notice notice--hint">{texts.loading_catalog}</p> });
        if diagnosis.with(|d| d.findings.is_empty()) {
            return view! {
                {loading_note}
                <div id="no-error" class="notice notice--none">
                    <strong class="notice__title">{texts.no_error}</strong>
                    <p>{texts.no_error_hint}</p>
                </div>
            }
            .into_any();
        }
        view! { {loading_note} }.into_any()
    };
    let notice = move || {
        let words = lang.get().workbench();
        input_notice.get().map(|n| {
            let text = match n {
                InputNotice::TooLong { bytes, kept } => words
                    .too_long
                    .replace("{size}", &input_check::size_words(bytes))
                    .replace("{kept}", &input_check::size_words(kept)),
                InputNotice::Binary => words.binary.to_string(),
            };
            let id = match n {
                InputNotice::TooLong { .. } => "input-too-long",
                InputNotice::Binary => "input-binary",
            };
            view! { <p id=id class="notice notice--error" role="status">{text}</p> }
        })
    };
    // (index, kind, code): what a card stands for. A sharper finding of the same error keeps its card.
    let keys = Memo::new(move |_| {
        if empty.get() {
            return Vec::new();
        }
        diagnosis.with(|d| d.findings.iter().enumerate().map(|(i, f)| (i, f.kind, f.code.clone())).collect::<Vec<_>>())
    });
    let card = move |(index, _, _): (usize, Kind, Option<String>)| {
        // A card being removed may read past the end once: it shows an empty finding until it goes.
        let finding = Memo::new(move |_| {
            diagnosis.with(|d| d.findings.get(index).cloned().unwrap_or_else(|| Finding::new(Kind::Other)))
        });
        let plan =
            Memo::new(move |_| finding_plans.with(|p| p.get(index).cloned().unwrap_or_else(|| Err(String::new()))));
        view! { <FindingCard finding=finding index=index text=diagnosed_text plan=plan lang=lang /> }
    };
    // `data-state` tells tests (and assistive tech) when the diagnosis is final.
    let state = move || if loading.get() { "loading" } else { "ready" };
    view! {
        <section id="results" class="results" aria-live="polite" data-state=state>
            {notice}
            {status}
            <ErrorTable diagnosis=diagnosis left_out=left_out lang=lang />
            <For each=move || keys.get() key=|k| k.clone() children=card />
        </section>
    }
}
