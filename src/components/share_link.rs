use leptos::prelude::*;

use super::copy::CopyButton;
use crate::i18n::Lang;

/// The link that reproduces this diagnosis, with a copy button. Hidden while the box is empty.
#[component]
pub fn ShareLink(fragment: Memo<Option<String>>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
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
            </section>
        </Show>
    }
}
