use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Lang;

/// How long "Copied" stays on the button.
const FEEDBACK: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A button that puts `text` on the clipboard and says whether it worked.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let state = RwSignal::new(CopyState::Idle);
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let copied = JsFuture::from(window().navigator().clipboard().write_text(&text)).await.is_ok();
            state.set(if copied { CopyState::Copied } else { CopyState::Failed });
            set_timeout(move || state.set(CopyState::Idle), FEEDBACK);
        });
    };
    let label = move || {
        let texts = lang.get().texts();
        match state.get() {
            CopyState::Idle => texts.copy,
            CopyState::Copied => texts.copied,
            CopyState::Failed => texts.copy_failed,
        }
    };
    view! {
        <button class="button button--small copy" class:copy--done=move || state.get() == CopyState::Copied
            on:click=copy>{label}</button>
    }
}
