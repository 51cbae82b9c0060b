use leptos::prelude::*;
use ram_doctor_core::finding::Localized;
use ram_doctor_core::grant::{GrantPlan, Step, StepKind, SystemPolicyGrant};

use super::compare::CompareOptions;
use super::copy::{CopyButton, DownloadLink};
use super::policy_editor::{edited_policy, PolicyEditor};
use super::simulator::Simulator;
use crate::i18n::Lang;

/// The fix for one finding, read only from that finding's own grant plan: its system policies, each with
/// what it allows and how it compares with the need, its custom policy, the service roles to create, and the
/// steps that are not a grant. A plan that only asks what was denied says so, never "no grant helps".
#[component]
pub fn GrantView(plan: Result<GrantPlan, String>, index: usize, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let texts = move || lang.get().texts();
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => return view! { <p class="grant grant--error">{e}</p> }.into_any(),
    };
    // Each custom policy's text as edited: the rendered policy, its editor and the simulator share it.
    let edited: Vec<RwSignal<String>> =
        plan.custom_policies.iter().map(|p| edited_policy(p.name.as_str(), &p.document)).collect();
    // The trial starts from the first custom policy, so it has one exactly when there is a first text.
    let simulator = plan
        .trial()
        .zip(edited.first().copied())
        .map(|(t, policy)| view! { <Simulator trial=t index=index policy=policy lang=lang /> });
    let comparison = plan.compare_options().map(|c| view! { <CompareOptions comparison=c lang=lang /> });
    let grants = !plan.system_policies.is_empty() || !plan.custom_policies.is_empty() || !plan.service_roles.is_empty();
    let steps = steps_view(plan.steps.clone(), lang);
    if !grants {
        let asks = plan.steps.iter().any(|s| s.kind == StepKind::IdentifyDeniedAction);
        // The section's own h3 comes first here too: the steps' h4 must not follow the card's h2 directly.
        return if asks {
            view! {
                <section class="grant grant--ask">
                    <h3 class="grant__title">{move || texts().grant}</h3>
                    {steps}
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="grant grant--none">
                    <h3 class="grant__title">{move || texts().grant}</h3>
                    <p class="muted">{move || texts().no_grant}</p>
                    {steps}
                </section>
            }
            .into_any()
        };
    }
    let policies = (!plan.system_policies.is_empty()).then(|| {
        let items = plan.system_policies.into_iter().map(|p| system_policy_view(p, lang)).collect_view();
        view! {
            <h4 class="grant__subtitle">{move || texts().system_policies}</h4>
            <ul class="system-policies">{items}</ul>
        }
    });
    let custom = plan
        .custom_policies
        .into_iter()
        .zip(edited)
        .enumerate()
        .map(|(n, (policy, text))| {
            let id = match (index, n) {
                (0, 0) => "custom-policy".to_string(),
                (i, 0) => format!("custom-policy-{i}"),
                (i, n) => format!("custom-policy-{i}-{n}"),
            };
            let file_name = format!("{}.json", policy.name.as_str());
            view! {
                <h4 class="grant__subtitle">{move || texts().custom_policy} " · " <code>{policy.name.as_str().to_string()}</code></h4>
                <div class="code-block">
                    <pre id=id class="custom-policy" tabindex="0" role="region" aria-label=move || texts().custom_policy><code>{move || text.get()}</code></pre>
                    <div class="code-block__actions">
                        <CopyButton text=text lang=lang />
                        <DownloadLink text=text file_name=file_name lang=lang />
                    </div>
                </div>
                <PolicyEditor document=policy.document text=text key=format!("{index}-{n}") lang=lang />
            }
        })
        .collect_view();
    let roles = (!plan.service_roles.is_empty()).then(|| {
        let names = plan
            .service_roles
            .into_iter()
            .filter_map(|r| r.role_name)
            .map(|name| view! { <li><code class="role-name">{name}</code></li> })
            .collect_view();
        view! {
            <h4 class="grant__subtitle">{move || texts().service_roles}</h4>
            <ul class="service-roles">{names}</ul>
        }
    });
    view! {
        <section class="grant">
            <h3 class="grant__title">{move || texts().grant}</h3>
            {policies}
            {custom}
            {simulator}
            {roles}
            {comparison}
            {steps}
        </section>
    }
    .into_any()
}

/// One system policy: its name, what it allows, and whether it covers what was denied (and how much more).
fn system_policy_view(p: SystemPolicyGrant, lang: Signal<Lang>) -> impl IntoView {
    let coverage = p.coverage_note();
    let covers = match p.covers {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    };
    let explanation = p.explanation.clone();
    let note = move || {
        let lang = lang.get();
        let mut note = pick(&explanation, lang);
        if let Some(c) = &coverage {
            note = format!("{note} {}", pick(c, lang));
        }
        note
    };
    let (data_name, shown_name, copied) = (p.name.clone(), p.name.clone(), p.name);
    view! {
        <li class="system-policy" data-name=data_name data-covers=covers>
            <div class="system-policy__text">
                <code class="policy-name">{shown_name}</code>
                <span class="policy-note">{note}</span>
            </div>
            <CopyButton text=copied lang=lang />
        </li>
    }
}

/// The plan's steps that are not a grant: each title, with its details under it.
fn steps_view(steps: Vec<Step>, lang: Signal<Lang>) -> Option<impl IntoView> {
    (!steps.is_empty()).then(|| {
        let items = steps
            .into_iter()
            .map(|step| {
                let title = step.title.clone();
                let details = step.details.clone();
                view! {
                    <li class="step" data-kind=step_kind_name(step.kind)>
                        <strong class="step__title">{move || pick(&title, lang.get())}</strong>
                        <ul class="step__details">
                            {details.into_iter().map(|d| view! { <li>{move || pick(&d, lang.get())}</li> }).collect_view()}
                        </ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4 class="grant__subtitle">{move || lang.get().texts().next_steps}</h4>
            <ul class="steps">{items}</ul>
        }
    })
}

/// The step kind's stable kebab-case name, as the plan's JSON spells it (for styling and tests).
fn step_kind_name(kind: StepKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The text in the page's language (English when the Chinese is missing).
pub(super) fn pick(text: &Localized, lang: Lang) -> String {
    match lang {
        Lang::Zh if !text.zh.is_empty() => text.zh.clone(),
        _ => text.en.clone(),
    }
}
