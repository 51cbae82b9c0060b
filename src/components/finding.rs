use leptos::prelude::*;
use ram_doctor_core::finding::{Finding, Kind, Principal};
use ram_doctor_core::grant::GrantPlan;

use super::grant::GrantView;
use super::product_picker::ProductPicker;
use crate::evidence::{excerpt, Piece};
use crate::i18n::{confidence_label, kind_label, layer_label, Lang, Texts};

/// One finding: what was denied, to whom, why, the request id and confidence, then the fix. The finding and its
/// plan are signals: when a late catalog shard sharpens them, the facts and the grant update in place while the
/// product picker (and what is typed in it) stays.
#[component]
pub fn FindingCard(
    #[prop(into)] finding: Signal<Finding>,
    index: usize,
    /// The pasted text the finding's evidence spans point into.
    text: RwSignal<String>,
    /// This finding's own grant plan: the only source of what the card recommends.
    #[prop(into)]
    plan: Signal<Result<GrantPlan, String>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let kind = Memo::new(move |_| finding.with(|f| f.kind));
    let needs_choice = Memo::new(move |_| finding.with(Finding::needs_product_choice));
    let guesses = Memo::new(move |_| finding.with(|f| f.likely_products.clone()));
    view! {
        <article class=move || format!("finding finding--{}", kind.get().as_str()) id=format!("finding-{index}")
            data-kind=move || kind.get().as_str()>
            {move || finding_facts(finding.get(), text, lang)}
            <Show when=move || needs_choice.get()>
                <ProductPicker guesses=guesses index=index lang=lang />
            </Show>
            {move || view! { <GrantView plan=plan.get() index=index lang=lang /> }}
        </article>
    }
}

/// What the error says and what the engine concluded: the card's header, explanation, facts and evidence.
fn finding_facts(finding: Finding, text: RwSignal<String>, lang: Signal<Lang>) -> impl IntoView {
    let kind = finding.kind;
    let evidence = text.with_untracked(|t| excerpt(t, &finding.evidence));
    let texts = move || lang.get().texts();
    let explanation = {
        let (en, zh) = (finding.explanation.clone(), finding.explanation_zh.clone());
        move || if lang.get() == Lang::Zh && !zh.is_empty() { zh.clone() } else { en.clone() }
    };
    let why = {
        let (layer, policy_type) = (finding.layer, finding.policy_type.clone());
        move || {
            let lang = lang.get();
            let mut parts = vec![kind_label(kind, lang).to_string()];
            parts.extend(layer.map(|l| layer_label(l, lang).to_string()));
            parts.extend(policy_type.clone());
            parts.join(" · ")
        }
    };
    let principal = finding.principal.clone();
    let denied = denied_items(&finding);
    let likely = finding.likely_products.clone();
    let likely_text = move || {
        let zh = lang.get() == Lang::Zh;
        let guesses = likely.iter().map(|g| {
            format!("{} ({})", g.product, if zh && !g.reason_zh.is_empty() { &g.reason_zh } else { &g.reason })
        });
        guesses.collect::<Vec<_>>().join(", ")
    };
    let has_likely = !finding.likely_products.is_empty();
    // The product and why core took it ("from the endpoint host …", "inferred from the sentence …").
    let product = finding.product.clone().map(|p| {
        let reason = finding.product_reason.clone();
        move || {
            let zh = lang.get() == Lang::Zh;
            match &reason {
                Some(r) => format!("{p} — {}", if zh { &r.zh } else { &r.en }),
                None => p.clone(),
            }
        }
    });
    let product_label = move || {
        let label = ram_doctor_core::diagnose::reason::product_label();
        if lang.get() == Lang::Zh {
            label.zh
        } else {
            label.en
        }
    };
    view! {
            <header class="finding__head">
                // The card's heading (h2 under the page's h1): the grant's h3 and h4 follow it in order.
                <h2 class="finding__title">
                    <span class="badge kind">{move || kind_label(kind, lang.get())}</span>
                    {finding.code.clone().map(|code| view! { <code class="code">{code}</code> })}
                </h2>
                <span class="confidence">
                    {move || texts().confidence} ": " {move || confidence_label(finding.confidence, lang.get())}
                </span>
            </header>
            <p class="explanation">{explanation}</p>
            <dl class="facts">
                // An error that is not about access (a quota, a bad parameter) names the action it called.
                <dt>{move || if kind == Kind::Other { texts().called } else { texts().denied }}</dt>
                <dd class="actions">
                    {if denied.is_empty() {
                        view! { <span class="muted">{move || texts().unknown}</span> }.into_any()
                    } else {
                        denied.into_iter().map(|a| view! { <code class="action">{a}</code> }).collect_view().into_any()
                    }}
                </dd>
                <dt>{move || texts().principal}</dt>
                <dd class="principal">{move || principal_text(principal.as_ref(), texts())}</dd>
                <dt>{move || texts().why}</dt>
                <dd class="why">{why}</dd>
                {finding.resource.clone().map(|r| view! {
                    <dt>{move || texts().resource}</dt>
                    <dd class="resource"><code>{r}</code></dd>
                })}
                {product.map(|product| view! {
                    <dt>{product_label}</dt>
                    <dd class="product">{product}</dd>
                })}
                {has_likely.then(|| view! {
                    <dt>{move || texts().maybe_products}</dt>
                    <dd class="likely-products">{likely_text}</dd>
                })}
                <dt>{move || texts().request_id}</dt>
                <dd class="request-id">
                    {match finding.request_id.clone() {
                        Some(id) => view! { <code>{id}</code> }.into_any(),
                        None => view! { <span class="muted">{move || texts().unknown}</span> }.into_any(),
                    }}
                </dd>
            </dl>
            {(!evidence.is_empty()).then(|| view! { <EvidenceView pieces=evidence lang=lang /> })}
    }
}

/// The pasted text around the evidence, read-only, each span marked with the field it supports.
#[component]
fn EvidenceView(pieces: Vec<Piece>, lang: Signal<Lang>) -> impl IntoView {
    let pieces = pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => text.into_any(),
            Piece::Marked { fields, text } => {
                let class = fields.iter().fold("ev".to_string(), |class, f| format!("{class} ev-{f}"));
                let title = fields.join(", ").replace('_', " ");
                view! { <mark class=class title=title>{text}</mark> }.into_any()
            }
            Piece::Elided => view! { <span class="ev-elided" aria-label="…">"⋯"</span> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="evidence">
            <p class="evidence__label">{move || lang.get().texts().evidence}</p>
            <pre class="evidence__text" tabindex="0" role="region" aria-label=move || lang.get().texts().evidence>{pieces}</pre>
        </div>
    }
}

/// The actions, else the API, else the product: the most precise thing the finding says was refused.
fn denied_items(finding: &Finding) -> Vec<String> {
    if !finding.actions.is_empty() {
        return finding.actions.clone();
    }
    match (&finding.product, &finding.api) {
        (Some(product), Some(api)) => vec![format!("{product} {api}")],
        (None, Some(api)) => vec![api.clone()],
        (Some(product), None) => vec![product.clone()],
        (None, None) => Vec::new(),
    }
}

/// `SubUser 2045… · account 1234…`, or "not stated".
fn principal_text(principal: Option<&Principal>, texts: &Texts) -> String {
    let Some(p) = principal else { return texts.unknown.to_string() };
    let mut parts: Vec<String> = [&p.kind, &p.name].into_iter().flatten().cloned().collect();
    if let Some(account) = &p.account {
        parts.push(format!("@ {account}"));
    }
    if parts.is_empty() {
        texts.unknown.to_string()
    } else {
        parts.join(" ")
    }
}
