use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::grant::Download;
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

/// A link that saves `text` as a file named `file_name` (beside a copy button): a `data:` address, so nothing
/// is uploaded and nothing waits to be freed.
#[component]
pub fn DownloadLink(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let href = move || {
        text.with(|t| format!("data:text/plain;charset=utf-8,{}", String::from(js_sys::encode_uri_component(t))))
    };
    // "Download .tf": the extension tells the files of one output apart (bash `.sh`, PowerShell `.ps1`).
    let extension = move || file_name.with(|n| n.rfind('.').map(|dot| n[dot..].to_string()).unwrap_or_default());
    view! {
        <a class="button button--small download" href=href download=file_name
            aria-label=move || format!("{} {} ({})", lang.get().workbench().download, extension(), file_name.get())>
            {move || lang.get().workbench().download} " " {extension}
        </a>
    }
}

/// A download link per file.
#[component]
pub fn DownloadLinks(#[prop(into)] files: Signal<Vec<Download>>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    move || {
        files
            .get()
            .into_iter()
            .map(|file| view! { <DownloadLink text=file.text file_name=file.file_name.to_string() lang=lang /> })
            .collect_view()
    }
}
