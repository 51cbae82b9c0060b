use leptos::prelude::*;

use crate::examples::EXAMPLES;
use crate::i18n::Lang;

/// The paste box, the "Diagnose" button and the example buttons.
#[component]
pub fn InputPanel(
    text: RwSignal<String>,
    #[prop(into)] lang: Signal<Lang>,
    /// Called with the box's new content on every edit.
    on_edit: Callback<String>,
    /// Diagnose now, without waiting for the typing pause.
    on_diagnose: Callback<()>,
    /// Load an example text and diagnose it.
    on_example: Callback<&'static str>,
) -> impl IntoView {
    let texts = move || lang.get().texts();
    view! {
        <section class="panel input-panel">
            <label class="input-label" for="input">{move || texts().input_label}</label>
            <textarea id="input" class="input" rows="9" spellcheck="false" autocomplete="off"
                placeholder=move || texts().placeholder
                prop:value=move || text.get()
                on:input=move |ev| on_edit.run(event_target_value(&ev))></textarea>
            <div class="input-actions">
                <button id="diagnose" class="button button--primary" on:click=move |_| on_diagnose.run(())>
                    {move || texts().diagnose}
                </button>
                <div class="examples">
                    <span class="examples__label">{move || texts().examples}</span>
                    {EXAMPLES.iter().map(|example| view! {
                        <button id=format!("example-{}", example.id) class="button button--chip"
                            on:click=move |_| on_example.run(example.text)>
                            {move || match lang.get() {
                                Lang::En => example.label_en,
                                Lang::Zh => example.label_zh,
                            }}
                        </button>
                    }).collect_view()}
                </div>
            </div>
        </section>
    }
}
