use leptos::prelude::*;
use ram_doctor_core::policy::Trial;

use super::grant::pick;
use crate::i18n::Lang;

/// "Try it": would this policy allow this action on this resource with these context keys? Starts with the
/// diagnosed need and the custom policy (as edited); core's simulator answers as the user types, naming the deciding
/// statement.
#[component]
pub fn Simulator(
    trial: Trial,
    index: usize,
    /// The policy editor's text, when the card has one: the simulator then tries the edited policy.
    #[prop(optional)]
    policy: Option<RwSignal<String>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().texts();
    let start = trial.policy;
    let policy = policy.unwrap_or_else(|| RwSignal::new(start));
    let action = RwSignal::new(trial.action);
    let resource = RwSignal::new(trial.resource);
    let context = RwSignal::new(trial.context);
    let verdict = Memo::new(move |_| {
        let trial =
            Trial { policy: policy.get(), action: action.get(), resource: resource.get(), context: context.get() };
        trial.run().map_err(|e| e.to_string())
    });
    let id = move |name: &str| format!("try-{name}-{index}");
    let answer = move || {
        let lang = lang.get();
        match verdict.get() {
            Ok(v) => {
                let state = if v.allowed { "allowed" } else { "denied" };
                let deciding = v
                    .deciding
                    .into_iter()
                    .map(|(n, json)| view! { <pre class="verdict__statement" data-statement=n tabindex="0"><code>{json}</code></pre> })
                    .collect_view();
                view! {
                    <div class=format!("verdict verdict--{state}") data-allowed=v.allowed.to_string()>
                        <p class="verdict__reason">{pick(&v.reason, lang)}</p>
                        {deciding}
                    </div>
                }
                .into_any()
            }
            Err(e) => view! { <p class="verdict verdict--error" role="alert">{e}</p> }.into_any(),
        }
    };
    view! {
        <details class="simulator" id=format!("simulator-{index}")>
            <summary class="simulator__summary">{move || texts().try_it}</summary>
            <div class="simulator__fields">
                <label for=id("action")>{move || texts().try_action}</label>
                <input id=id("action") class="try-action" type="text" spellcheck="false" autocomplete="off"
                    prop:value=move || action.get() on:input=move |ev| action.set(event_target_value(&ev)) />
                <label for=id("resource")>{move || texts().resource}</label>
                <input id=id("resource") class="try-resource" type="text" spellcheck="false" autocomplete="off"
                    prop:value=move || resource.get() on:input=move |ev| resource.set(event_target_value(&ev)) />
                <label for=id("context")>{move || texts().try_context}</label>
                <textarea id=id("context") class="try-context" rows="2" spellcheck="false" placeholder="acs:SourceIp=203.0.113.5"
                    prop:value=move || context.get() on:input=move |ev| context.set(event_target_value(&ev))></textarea>
                <label for=id("policy")>{move || texts().try_policy}</label>
                <textarea id=id("policy") class="try-policy" rows="8" spellcheck="false"
                    prop:value=move || policy.get() on:input=move |ev| policy.set(event_target_value(&ev))></textarea>
            </div>
            <div class="simulator__answer" aria-live="polite">{answer}</div>
        </details>
    }
}
