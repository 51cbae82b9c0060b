use leptos::prelude::*;
use ram_doctor_core::grant::error_rows;
use ram_doctor_core::Diagnosis;

use super::input_type;
use crate::i18n::{kind_label, Lang};

/// Several errors in one paste: a compact table (kind, product, action, how often the text repeats it), each
/// row with a checkbox that keeps it in, or leaves it out of, the one merged grant under "Apply the fix".
/// Hidden for a single error.
#[component]
pub fn ErrorTable(
    diagnosis: Memo<Diagnosis>,
    left_out: RwSignal<Vec<usize>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let rows = Memo::new(move |_| diagnosis.with(|d| error_rows(&d.findings)));
    let words = move || lang.get().workbench();
    let toggle = move |finding: usize, keep: bool| {
        left_out.update(|out| {
            out.retain(|&i| i != finding);
            if !keep {
                out.push(finding);
                out.sort_unstable();
            }
        })
    };
    let body = move || {
        let lang = lang.get();
        rows.get()
            .into_iter()
            .map(|row| {
                let n = row.finding;
                let kept = move || left_out.with(|out| !out.contains(&n));
                let product = row.product.clone().unwrap_or_else(|| "—".to_string());
                let actions = if row.actions.is_empty() { "—".to_string() } else { row.actions.join(", ") };
                let label = format!("{} {} {}", lang.workbench().keep_row, kind_label(row.kind, lang), actions);
                view! {
                    <tr id=format!("error-row-{n}") class="errors__row" data-kind=row.kind.as_str()
                        class:errors__row--out=move || !kept()>
                        <td class="errors__keep">
                            <input id=format!("error-keep-{n}") use:input_type="checkbox" aria-label=label prop:checked=kept
                                on:change=move |ev| toggle(n, event_target_checked(&ev)) />
                        </td>
                        <td class="errors__kind">{kind_label(row.kind, lang)}</td>
                        <td class="errors__product"><code>{product}</code></td>
                        <td class="errors__action"><code>{actions}</code></td>
                        <td class="errors__repeats">{format!("×{}", row.repeats)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || rows.with(|r| r.len() > 1)>
            <section id="errors" class="panel errors">
                <h2 class="errors__title">{move || words().errors_title}</h2>
                <p class="errors__note">{move || words().errors_note}</p>
                <div class="errors__scroll" tabindex="0" role="region" aria-label=move || words().errors_title>
                    <table class="errors__table">
                        <thead>
                            <tr>
                                <th scope="col">{move || words().in_grant}</th>
                                <th scope="col">{move || words().kind}</th>
                                <th scope="col">{move || words().product}</th>
                                <th scope="col">{move || words().action}</th>
                                <th scope="col">{move || words().repeats}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}
