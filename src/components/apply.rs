use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::api::ram::{GetPolicy, ListPolicyVersions};
use ram_doctor_core::api::PolicyType;
// The plan the CLI makes too: what exists decides create / new default version / the version the limit deletes
// / attach, and the notes, the confirmation hash, the diff and every sentence come with it.
use ram_doctor_core::apply::{self, document_hash, Call, DiffLine, Existing, Plan, Step, Wanted};
use ram_doctor_core::gap::Via;
use ram_doctor_core::grant::{GrantPlan, PolicyName, Target};
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::CallErrorView;
use super::gap::{run_gap, GapReport, GapState};
use super::input_type;
use crate::i18n::Lang;

use crate::live::lookup::{Failed, Session};
use crate::live::LiveKey;

/// How many other names apply tries when the plan's name is taken by a different document.
const OTHER_NAMES: u32 = 9;

/// Where apply is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    /// The name holds a different document, so the plan adds a new default version: that, or a new name?
    Clash(Plan),
    /// The plan deletes a version to stay within RAM's limit: shown, and waits for consent.
    Limit(Plan),
    /// The plan is shown and waits for confirmation.
    Planned(Plan),
    /// The document changed after it was shown: nothing was sent.
    Stale,
    Failed(Failed),
    Applied,
}

impl Stage {
    /// The stage a fresh plan starts at: a clash asks first, a deletion needs consent.
    fn of(plan: Plan) -> Stage {
        if plan.adds_version() {
            Stage::Clash(plan)
        } else {
            Stage::Planned(plan)
        }
    }
}

/// "Apply": the plan's custom policy and its attachment to the gap's identity, shown as a diff and applied only
/// after confirmation (exactly the document shown); then the gap is computed again.
#[component]
pub fn Apply(
    key: LiveKey,
    gap: GapState,
    plan: Memo<Result<GrantPlan, String>>,
    diagnosis: Memo<Diagnosis>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let stage = RwSignal::new(Stage::Idle);
    let busy = RwSignal::new(false);
    // What apply proposes: the plan's first custom policy (the text shown and sent), or — when the plan has
    // none, as for the bare console sentence — one of its system policies, which the user picks.
    let proposal = Memo::new(move |_| plan.with(|p| p.as_ref().ok().and_then(Proposal::from_plan)));
    let chosen_system = RwSignal::new(0usize);
    // What a confirmation would bind to now: the custom document, or the chosen system policy's name.
    let current_binding = move || {
        proposal.with(|p| match p {
            Some(Proposal::Custom { document, .. }) => Some(document.clone()),
            Some(Proposal::System { names }) => names.get(chosen_system.get()).cloned(),
            None => None,
        })
    };
    let report = Memo::new(move |_| gap.answer.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned().flatten())));
    // A plan shown for another document is stale (a new name keeps the document); a forgotten key forgets it.
    Effect::new(move |_| {
        let now = current_binding();
        let shown = stage.with_untracked(|s| match s {
            Stage::Planned(p) | Stage::Limit(p) => Some(p.confirmation_hash()),
            _ => None,
        });
        if let (Some(shown), Some(now)) = (shown, now.as_ref()) {
            if shown != document_hash(now) {
                stage.set(Stage::Stale);
            }
        }
        if !key.is_set() {
            stage.set(Stage::Idle);
        }
    });
    let start = move |_| {
        let (Some(session), Some(proposal), Some(report)) =
            (key.session(), proposal.get_untracked(), report.get_untracked())
        else {
            return;
        };
        match proposal {
            Proposal::Custom { name, document } => {
                busy.set(true);
                spawn_local(async move {
                    let planned = plan_custom(&session, name, document, &report).await;
                    stage.set(planned.map(Stage::of).unwrap_or_else(Stage::Failed));
                    busy.set(false);
                });
            }
            Proposal::System { names } => {
                if let Some(name) = names.get(chosen_system.get_untracked()) {
                    let wanted = Wanted::System { name: name.clone() };
                    stage.set(Stage::Planned(plan_for(wanted, Existing::Absent, &report)));
                }
            }
        }
    };
    let run = move |action: Action| {
        let Some(session) = key.session() else { return };
        busy.set(true);
        spawn_local(async move {
            let next = match action {
                Action::NewName { plan, report } => {
                    new_name(&session, plan, &report).await.unwrap_or_else(Stage::Failed)
                }
                Action::Send { plan, confirmed_hash } => {
                    let target = report.get_untracked().map(|r| r.target);
                    match target {
                        _ if plan.confirmation_hash() != confirmed_hash => Stage::Stale,
                        None => Stage::Idle,
                        Some(target) => match send(&session, &plan, &target).await {
                            Ok(()) => {
                                run_gap(gap, session.clone(), Some(target), diagnosis);
                                Stage::Applied
                            }
                            Err(failed) => Stage::Failed(failed),
                        },
                    }
                }
            };
            stage.set(next);
            busy.set(false);
        });
    };
    // Redrawn only when the stage changes: the words follow the language inside, so a switch keeps what is
    // shown (a failed call's card, an open policy editor in it) as it is.
    let body = move || {
        let principal = report.with_untracked(|r| r.as_ref().map(|r| r.target.described())).unwrap_or_default();
        match stage.get() {
            Stage::Idle => ().into_any(),
            Stage::Stale => {
                view! { <p id="apply-stale" class="notice notice--error">{move || texts().hash_mismatch}</p> }
                    .into_any()
            }
            Stage::Applied => {
                view! { <p id="apply-done" class="notice notice--none">{move || texts().applied}</p> }.into_any()
            }
            Stage::Failed(failed) => {
                view! { <CallErrorView action=failed.action error=failed.error catalog=catalog lang=lang /> }.into_any()
            }
            Stage::Clash(plan) => {
                let other = report.get_untracked();
                let (chosen, renamed) = (plan.clone(), plan.clone());
                view! {
                    <div id="apply-clash" class="notice notice--hint">
                        <p>{move || texts().clash}" "<code>{plan.wanted.name().to_string()}</code></p>
                        <pre class="diff" tabindex="0" role="region" aria-label=move || texts().clash>{diff_view(&plan)}</pre>
                        <button id="apply-new-version" class="button" on:click=move |_| {
                            let plan = chosen.clone();
                            stage.set(if plan.deletes() { Stage::Limit(plan) } else { Stage::Planned(plan) });
                        }>
                            {move || texts().clash_new_version}
                        </button>
                        <button id="apply-new-name" class="button" on:click=move |_| {
                            if let Some(report) = other.clone() {
                                run(Action::NewName { plan: renamed.clone(), report });
                            }
                        }>{move || texts().clash_new_name}</button>
                    </div>
                }
                .into_any()
            }
            Stage::Limit(plan) => {
                let deletions = plan
                    .steps
                    .iter()
                    .filter(|s| matches!(s, Step::DeleteVersion { .. }))
                    .map(|s| step_view(s.clone(), plan.wanted.name(), principal.clone(), lang))
                    .collect_view();
                view! {
                    <div id="apply-limit" class="notice notice--hint">
                        <p>{move || texts().version_limit}</p>
                        {deletions}
                        <button id="apply-limit-consent" class="button" on:click=move |_| stage.set(Stage::Planned(plan.clone()))>
                            {move || texts().version_limit_consent}
                        </button>
                    </div>
                }
                .into_any()
            }
            Stage::Planned(plan) => {
                let confirmed_hash = plan.confirmation_hash();
                let noop = plan.steps.is_empty();
                let nothing = noop.then(|| {
                    let principal = principal.clone();
                    view! { <p class="notice notice--hint">{move || apply::say::nothing_to_change(&principal, lang.get().core())}</p> }
                });
                let shown = plan.clone();
                view! {
                    <div id="apply-diff" class="live__result">{plan_view(&plan, principal, lang)}</div>
                    {nothing}
                    <button id="apply-confirm" class="button button--primary" data-hash=confirmed_hash.clone()
                        disabled=move || busy.get() || noop
                        on:click=move |_| run(Action::Send { plan: shown.clone(), confirmed_hash: confirmed_hash.clone() })>
                        {move || texts().confirm}
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <Show when=move || report.with(Option::is_some)>
            <section id="apply" class="live__tool">
                {move || match proposal.get() {
                    None => view! { <p class="notice notice--hint">{move || texts().nothing_to_apply}</p> }.into_any(),
                    Some(Proposal::System { names }) => view! {
                        <SystemChoice names=names chosen=chosen_system lang=lang />
                        <button id="apply-plan" class="button" disabled=move || busy.get() || !key.is_set() on:click=start>
                            {move || texts().plan_change}
                        </button>
                    }
                    .into_any(),
                    Some(Proposal::Custom { .. }) => view! {
                        <button id="apply-plan" class="button" disabled=move || busy.get() || !key.is_set() on:click=start>
                            {move || if busy.get() { texts().working } else { texts().plan_change }}
                        </button>
                    }
                    .into_any(),
                }}
                {body}
            </section>
        </Show>
    }
}

/// What apply can make the account hold.
#[derive(Debug, Clone, PartialEq)]
enum Proposal {
    /// The plan's first custom policy: its name and the exact text shown and sent.
    Custom { name: String, document: String },
    /// No custom policy (the actions are not known): the plan's system policies, narrowest first.
    System { names: Vec<String> },
}

impl Proposal {
    fn from_plan(plan: &GrantPlan) -> Option<Proposal> {
        if let Some(custom) = plan.custom_policies.first() {
            return Some(Proposal::Custom {
                name: custom.name.as_str().to_string(),
                document: custom.document.to_pretty_json(),
            });
        }
        let names: Vec<String> = plan.system_policies.iter().map(|p| p.name.clone()).collect();
        (!names.is_empty()).then_some(Proposal::System { names })
    }
}

/// The system policies to choose from, as radio buttons (the first, the narrowest, chosen at first).
#[component]
fn SystemChoice(names: Vec<String>, chosen: RwSignal<usize>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    view! {
        <fieldset id="apply-system" class="apply__system">
            <legend>{move || lang.get().live().system_choice}</legend>
            {names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let id = format!("apply-system-{i}");
                    view! {
                        <label class="apply__system-option">
                            <input use:input_type="radio" name="apply-system" id=id value=name.clone()
                                prop:checked=move || chosen.get() == i
                                on:change=move |_| chosen.set(i) />
                            " "<code>{name}</code>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Core's plan for `wanted` and the gap's identity: attached directly already counts (through a group it still
/// needs attaching).
fn plan_for(wanted: Wanted, existing: Existing<'_>, report: &GapReport) -> Plan {
    let attached = report
        .attached
        .iter()
        .any(|a| a.policy_type == wanted.policy_type() && a.policy_name == wanted.name() && a.via == Via::Direct);
    Plan::new(wanted, existing, attached, &report.target.described())
}

/// A button's request, run in the background.
enum Action {
    NewName { plan: Plan, report: GapReport },
    Send { plan: Plan, confirmed_hash: String },
}

/// Reads what exists under the custom policy's name (`GetPolicy`, and `ListPolicyVersions` when a new version
/// may be added), then plans with core.
async fn plan_custom(session: &Session, name: String, document: String, report: &GapReport) -> Result<Plan, Failed> {
    let policy = match session.call(&GetPolicy { policy_type: PolicyType::Custom, policy_name: name.clone() }).await {
        Ok(policy) => Some(policy),
        Err(failed) if failed.code() == Some("EntityNotExist.Policy") => None,
        Err(failed) => return Err(failed),
    };
    let wanted = Wanted::Custom { name: name.clone(), document };
    let Some(policy) = policy else { return Ok(plan_for(wanted, Existing::Absent, report)) };
    let default = policy.default_policy_version.as_ref();
    let versions = if apply::needs_versions(default, wanted.binding()) {
        session.call(&ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: name }).await?.policy_versions
    } else {
        Vec::new()
    };
    let attachment_count = policy.policy.attachment_count.unwrap_or(0);
    Ok(plan_for(wanted, Existing::Present { default, attachment_count, versions: &versions }, report))
}

/// The clash resolved with another name: `<name>-2`, `-3`… the first one free (or holding the same document).
async fn new_name(session: &Session, plan: Plan, report: &GapReport) -> Result<Stage, Failed> {
    let Wanted::Custom { name, document } = plan.wanted else { return Ok(Stage::Idle) };
    let base = PolicyName::parse(&name).unwrap_or_else(|_| PolicyName::parse("RamDoctor").expect("a valid name"));
    for n in 2..2 + OTHER_NAMES {
        let candidate = base.with_suffix(&n.to_string()).as_str().to_string();
        let planned = plan_custom(session, candidate, document.clone(), report).await?;
        if !planned.adds_version() {
            return Ok(Stage::Planned(planned));
        }
    }
    plan_custom(session, name, document, report).await.map(Stage::of)
}

/// Sends the confirmed plan's steps, in order.
async fn send(session: &Session, plan: &Plan, target: &Target) -> Result<(), Failed> {
    let name = target.name.clone().unwrap_or_default();
    for step in &plan.steps {
        match step.call(target.kind, &name) {
            Call::CreatePolicy(request) => session.call(&request).await.map(drop)?,
            Call::DeleteVersion(request) => session.call(&request).await.map(drop)?,
            Call::CreateVersion(request) => session.call(&request).await.map(drop)?,
            Call::Attach(request) => session.call(&request).await.map(drop)?,
        }
    }
    Ok(())
}

/// One step of a plan, in core's sentence in the page's language.
fn step_view(step: Step, policy: &str, principal: String, lang: Signal<Lang>) -> impl IntoView {
    let kind = match step {
        Step::CreatePolicy { .. } => "create",
        Step::DeleteVersion { .. } => "delete-version",
        Step::CreateVersion { .. } => "new-version",
        Step::Attach { .. } => "attach",
    };
    view! {
        <p class="change__step" data-step=kind data-policy=policy.to_string()>
            {move || step.summary(&principal, lang.get().core())}
        </p>
    }
}

/// The plan as the user reviews it: each step and note in a sentence, and the document as a diff.
fn plan_view(plan: &Plan, principal: String, lang: Signal<Lang>) -> impl IntoView {
    let policy = plan.wanted.name();
    let steps = plan.steps.iter().map(|step| step_view(step.clone(), policy, principal.clone(), lang)).collect_view();
    let notes = plan
        .notes
        .iter()
        .map(|note| {
            let note = note.clone();
            view! { <p class="change__note">{move || note.text(lang.get().core())}</p> }
        })
        .collect_view();
    let document = plan.diff().is_some().then(|| {
        view! {
            <pre id="apply-document" class="diff" tabindex="0" role="region" aria-label=move || lang.get().live().change_document>
                {diff_view(plan)}
            </pre>
        }
    });
    view! { {steps} {notes} {document} }
}

/// The plan's document, its lines marked `+`, `-` or kept.
fn diff_view(plan: &Plan) -> impl IntoView {
    plan.diff()
        .unwrap_or_default()
        .into_iter()
        .map(|line| match line {
            DiffLine::Same(l) => view! { <span class="diff__line">"  "{l}"\n"</span> }.into_any(),
            DiffLine::Added(l) => view! { <span class="diff__line diff__line--added">"+ "{l}"\n"</span> }.into_any(),
            DiffLine::Removed(l) => {
                view! { <span class="diff__line diff__line--removed">"- "{l}"\n"</span> }.into_any()
            }
        })
        .collect_view()
}
