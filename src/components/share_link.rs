use leptos::prelude::*;
use ram_doctor_core::redact::{Redacted, RedactionKind};
use ram_doctor_core::share::{Outgoing, ShareError};

use super::copy::{CopyButton, DownloadLink};
use super::input_type;
use crate::i18n::Lang;

/// The longest preview shown; the link itself always carries the whole redacted text.
const PREVIEW_BYTES: usize = 16 * 1024;

/// The link that reproduces this page, with a copy button and a download, a preview of exactly what it carries
/// (the text with each cut or masked value marked, the edited policy, and the other choices), what was taken
/// out, and a toggle that keeps account and user ids. Says why when there can be no link (a text too long).
/// Hidden while the box is empty.
#[component]
pub fn ShareLink(
    fragment: Memo<Option<String>>,
    /// What the link carries, or why there is none; `None` while the box is empty.
    outgoing: Memo<Option<Result<Outgoing, ShareError>>>,
    /// Keep account ids and user ids in the link (secrets and AccessKey IDs are never kept).
    reveal_ids: RwSignal<bool>,
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
    let words = move || lang.get().workbench();
    let carried = Memo::new(move |_| outgoing.with(|o| o.as_ref().and_then(|o| o.as_ref().ok()).cloned()));
    let error = move || {
        outgoing.with(|o| o.as_ref().and_then(|o| o.as_ref().err()).map(ShareError::message)).map(|m| {
            let text = if lang.get() == Lang::Zh { m.zh } else { m.en };
            view! { <p id="share-error" class="notice notice--error">{words().share_none} " " {text}</p> }
        })
    };
    let taken = move || {
        carried.with(|c| {
            let kinds: Vec<RedactionKind> = c
                .iter()
                .flat_map(|o| o.text.redactions.iter().chain(o.policy.iter().flat_map(|p| &p.redactions)))
                .map(|r| r.kind)
                .collect();
            (!kinds.is_empty()).then(|| taken_summary(&kinds, lang.get()))
        })
    };
    let preview = move || carried.with(|c| c.as_ref().map(|o| marked(&o.text, lang)));
    let policy_preview = move || carried.with(|c| c.as_ref().and_then(|o| o.policy.as_ref()).map(|p| marked(p, lang)));
    let state_items = move || carried.with(|c| c.as_ref().map(|o| state_items(o, lang.get())));
    view! {
        <Show when=move || outgoing.with(Option::is_some)>
            <section id="share" class="panel share">
                <h2 class="share__title">{move || texts().share}</h2>
                {error}
                <Show when=move || fragment.with(Option::is_some)>
                    <div class="share__row">
                        <input id="share-link" class="share__link" readonly prop:value=url aria-label=move || texts().share />
                        <CopyButton text=url lang=lang />
                        <DownloadLink text=url file_name="ram-doctor-link.txt".to_string() lang=lang />
                    </div>
                </Show>
                <p class="share__note">{move || texts().share_note}</p>
                {move || taken().map(|t| view! { <p id="share-taken" class="share__note">{texts().share_taken} " " {t}</p> })}
                <label class="share__reveal">
                    <input id="share-reveal-ids" use:input_type="checkbox" prop:checked=move || reveal_ids.get()
                        on:change=move |ev| reveal_ids.set(event_target_checked(&ev)) />
                    " " {move || texts().share_reveal_ids}
                </label>
                <details id="share-preview" class="share__preview">
                    <summary>{move || texts().share_preview}</summary>
                    <pre class="share__preview-text" tabindex="0" role="region" aria-label=move || texts().share_preview>{preview}</pre>
                    <p class="share__note">{move || words().share_state}</p>
                    <ul id="share-state" class="share__state">{state_items}</ul>
                    {move || policy_preview().map(|p| view! {
                        <p class="share__note">{words().share_policy}</p>
                        <pre id="share-policy" class="share__preview-text" tabindex="0" role="region" aria-label=move || words().share_policy>{p}</pre>
                    })}
                </details>
            </section>
        </Show>
    }
}

/// The redacted text with each cut or masked value marked (its kind as the title), up to [`PREVIEW_BYTES`].
fn marked(redacted: &Redacted, lang: Signal<Lang>) -> impl IntoView {
    preview_pieces(redacted)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => text.into_any(),
            Piece::Taken(kind, text) => {
                let title = move || {
                    let label = kind.label();
                    if lang.get() == Lang::Zh {
                        label.zh
                    } else {
                        label.en
                    }
                };
                view! { <mark class="taken" data-kind=kind.as_str() title=title>{text}</mark> }.into_any()
            }
            Piece::More => view! { <span class="share__more">"\n…"</span> }.into_any(),
        })
        .collect_view()
}

/// The choices the link carries besides the text, one line each (`format: terraform`).
fn state_items(o: &Outgoing, lang: Lang) -> impl IntoView {
    let s = &o.state;
    let words = lang.workbench();
    let target = s.target_kind.map(|k| match &s.target_name {
        Some(name) => format!("{}:{name}", k.as_str()),
        None => k.as_str().to_string(),
    });
    let left_out =
        (!s.left_out.is_empty()).then(|| s.left_out.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", "));
    let items: [(&str, Option<String>); 7] = [
        (words.share_lang, s.lang.clone()),
        (words.product, s.product.clone()),
        (words.share_target, target),
        (words.share_format, s.format.clone()),
        (words.share_tab, s.tab.clone()),
        (words.share_left_out, left_out),
        (words.share_policy, s.policy.as_ref().map(|p| format!("{} B", p.len()))),
    ];
    items
        .into_iter()
        .filter_map(|(name, value)| {
            value.map(|v| view! { <li><span class="muted">{name.to_string()} ": "</span><code>{v}</code></li> })
        })
        .collect_view()
}

/// A piece of the preview: text as the link carries it, a value cut or masked, or the mark of a cut-off tail.
enum Piece {
    Plain(String),
    Taken(RedactionKind, String),
    More,
}

/// The redacted text split at what was taken, up to [`PREVIEW_BYTES`].
fn preview_pieces(shared: &Redacted) -> Vec<Piece> {
    let text = &shared.text;
    let limit = (0..=PREVIEW_BYTES.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let mut pieces = Vec::new();
    let mut at = 0;
    for r in shared.redactions.iter().take_while(|r| r.out_end <= limit) {
        if r.out_start > at {
            pieces.push(Piece::Plain(text[at..r.out_start].to_string()));
        }
        pieces.push(Piece::Taken(r.kind, text[r.out_start..r.out_end].to_string()));
        at = r.out_end;
    }
    if limit > at {
        pieces.push(Piece::Plain(text[at..limit].to_string()));
    }
    if limit < text.len() {
        pieces.push(Piece::More);
    }
    pieces
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
