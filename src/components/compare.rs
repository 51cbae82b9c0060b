use leptos::prelude::*;
use ram_doctor_core::grant::{Comparison, SystemOption};

use super::grant::pick;
use crate::i18n::Lang;

/// The system policy (or ReadOnly and Full, when no action is known) beside the custom policy, each with how
/// much it grants, and core's sentence on when to choose which.
#[component]
pub fn CompareOptions(comparison: Comparison, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let texts = move || lang.get().texts();
    let situation = serde_json::to_value(comparison.situation).ok().and_then(|v| v.as_str().map(str::to_string));
    let system = comparison.system.into_iter().map(|option| system_option(option, lang)).collect_view();
    let custom = comparison.custom_note.map(|note| {
        view! {
            <li class="option option--custom">
                <span class="option__label">{move || texts().option_custom}</span>
                <span class="option__reach">{move || pick(&note, lang.get())}</span>
            </li>
        }
    });
    let advice = comparison.advice;
    view! {
        <section class="compare" data-situation=situation>
            <h4 class="grant__subtitle">{move || texts().compare_options}</h4>
            <ul class="options">{system}{custom}</ul>
            <p class="compare__advice">{move || pick(&advice, lang.get())}</p>
        </section>
    }
}

/// One system policy: its name, what it allows, and how much it grants against the need.
fn system_option(option: SystemOption, lang: Signal<Lang>) -> impl IntoView {
    let SystemOption { policy, over_grant } = option;
    let (explanation, name) = (policy.explanation, policy.name);
    let shown = name.clone();
    view! {
        <li class="option option--system" data-name=name>
            <span class="option__label">{move || lang.get().texts().option_system} " · " <code>{shown}</code></span>
            <span class="option__allows">{move || pick(&explanation, lang.get())}</span>
            {over_grant.map(|n| view! { <span class="option__reach">{move || pick(&n, lang.get())}</span> })}
        </li>
    }
}
