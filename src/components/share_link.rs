use leptos::prelude::*;
use ram_doctor_core::redact::RedactionKind;

use super::copy::CopyButton;
use crate::i18n::Lang;

/// The link that reproduces this diagnosis, with a copy button and what was taken out of it. Hidden while the
/// box is empty.
#[component]
pub fn ShareLink(
    fragment: Memo<Option<String>>,
    /// The kinds of value cut or masked out of the link's text, in text order.
    taken: Memo<Vec<RedactionKind>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let url = Signal::derive(move || {
        let fragment = fragment.get().unwrap_or_default();
        let location = window().location();
        let origin = location.origin().unwrap_or_default();
        let path = location.pathname().unwrap_or_default();
        format!("{origin}{path}#{fragment}")
    });
    let texts = move || lang.get().texts();
    view! {
        <Show when=move || fragment.with(Option::is_some)>
            <section id="share" class="panel share">
                <h2 class="share__title">{move || texts().share}</h2>
                <div class="share__row">
                    <input id="share-link" class="share__link" readonly prop:value=url />
                    <CopyButton text=url lang=lang />
                </div>
                <p class="share__note">{move || texts().share_note}</p>
                <Show when=move || taken.with(|t| !t.is_empty())>
                    <p id="share-taken" class="share__note">{move || format!("{} {}", texts().share_taken, taken_summary(&taken.get(), lang.get()))}</p>
                </Show>
            </section>
        </Show>
    }
}

/// `AccessKey secret ×1, account id ×2`, in the page's language.
fn taken_summary(taken: &[RedactionKind], lang: Lang) -> String {
    let mut counts: Vec<(RedactionKind, usize)> = Vec::new();
    for kind in taken {
        match counts.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((*kind, 1)),
        }
    }
    let sep = if lang == Lang::Zh { "，" } else { ", " };
    counts
        .into_iter()
        .map(|(kind, n)| {
            let label = kind.label();
            format!("{} ×{n}", if lang == Lang::Zh { label.zh } else { label.en })
        })
        .collect::<Vec<_>>()
        .join(sep)
}
