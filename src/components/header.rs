use leptos::prelude::*;

use crate::i18n::Lang;

/// Title, one-line purpose and the language toggle.
#[component]
pub fn Header(lang: RwSignal<Lang>) -> impl IntoView {
    let texts = move || lang.get().texts();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <div>
                    <h1 class="site-title">{move || texts().title}</h1>
                    <p class="tagline">{move || texts().tagline}</p>
                </div>
                <button id="lang-toggle" class="button button--quiet" lang=move || lang.get().other().html_lang()
                    on:click=move |_| lang.update(|l| *l = l.other())>
                    {move || texts().toggle}
                </button>
            </div>
        </header>
    }
}
