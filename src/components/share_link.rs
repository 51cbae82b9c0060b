use leptos::prelude::*;
use ram_doctor_core::redact::{Redacted, RedactionKind};

use super::copy::CopyButton;
use crate::i18n::Lang;

/// The longest preview shown; the link itself always carries the whole redacted text.
const PREVIEW_BYTES: usize = 16 * 1024;

/// The link that reproduces this diagnosis, with a copy button, a preview of exactly the text it carries (each
/// cut or masked value marked), what was taken out, and a toggle that keeps account and user ids. Hidden while
/// the box is empty.
#[component]
pub fn ShareLink(
    fragment: Memo<Option<String>>,
    /// The text the link carries and what was cut or masked out of it.
    shared: Memo<Redacted>,
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
    let taken = move || shared.with(|s| taken_summary(&s.redactions.iter().map(|r| r.kind).collect::<Vec<_>>(), lang.get()));
    let preview = move || {
        shared.with(|s| {
            preview_pieces(s)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Plain(text) => text.into_any(),
                    Piece::Taken(kind, text) => {
                        let title = move || {
                            let label = kind.label();
                            if lang.get() == Lang::Zh { label.zh } else { label.en }
                        };
                        view! { <mark class="taken" data-kind=kind.as_str() title=title>{text}</mark> }.into_any()
                    }
                    Piece::More => view! { <span class="share__more">"\n…"</span> }.into_any(),
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || fragment.with(Option::is_some)>
            <section id="share" class="panel share">
                <h2 class="share__title">{move || texts().share}</h2>
                <div class="share__row">
                    <input id="share-link" class="share__link" readonly prop:value=url aria-label=move || texts().share />
                    <CopyButton text=url lang=lang />
                </div>
                <p class="share__note">{move || texts().share_note}</p>
                <Show when=move || shared.with(|s| !s.redactions.is_empty())>
                    <p id="share-taken" class="share__note">{move || format!("{} {}", texts().share_taken, taken())}</p>
                </Show>
                <label class="share__reveal">
                    <input id="share-reveal-ids" type="checkbox" prop:checked=move || reveal_ids.get()
                        on:change=move |ev| reveal_ids.set(event_target_checked(&ev)) />
                    " " {move || texts().share_reveal_ids}
                </label>
                <details id="share-preview" class="share__preview">
                    <summary>{move || texts().share_preview}</summary>
                    <pre class="share__preview-text" tabindex="0" role="region" aria-label=move || texts().share_preview>{preview}</pre>
                </details>
            </section>
        </Show>
    }
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
