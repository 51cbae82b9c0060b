use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::api::ram::{
    AttachPolicy, CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, ListPolicyVersions, PolicyAttachment,
};
use ram_doctor_core::api::PolicyType;
use ram_doctor_core::gap::Via;
use ram_doctor_core::grant::{GrantPlan, PolicyName, Target};
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::CallErrorView;
use super::gap::{run_gap, GapReport, GapState};
use crate::i18n::Lang;
// The planning rules the CLI shares: one place for what "the same document", "the version to delete", the
// confirmation hash and the diff mean.
use ram_doctor_core::apply::{document_hash, line_diff, pretty, same_document, version_to_delete, DiffLine};

use crate::live::change::{Change, PolicyStep};
use crate::live::lookup::{default_version, Failed, Session};
use crate::live::LiveKey;

/// How many other names apply tries when the plan's name is taken by a different document.
const OTHER_NAMES: u32 = 9;

/// Where apply is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    /// The name is taken by a different document: new version, or a new name?
    Clash {
        name: String,
        document: String,
        current: String,
        target: Target,
        attach: bool,
    },
    /// A new version needs room: deleting `change`'s version is shown and waits for consent.
    Limit(Change),
    /// The change is shown and waits for confirmation.
    Planned(Change),
    /// The document changed after it was shown: nothing was sent.
    Stale,
    Failed(Failed),
    Applied,
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
    // A change shown for another document is stale (a new name keeps the document); a forgotten key forgets it.
    Effect::new(move |_| {
        let now = current_binding();
        let shown = stage.with_untracked(|s| match s {
            Stage::Planned(c) | Stage::Limit(c) => Some(c.binding().to_string()),
            _ => None,
        });
        if let (Some(shown), Some(now)) = (shown, now.as_ref()) {
            if document_hash(&shown) != document_hash(now) {
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
                    stage.set(plan_change(&session, name, document, &report).await.unwrap_or_else(Stage::Failed));
                    busy.set(false);
                });
            }
            Proposal::System { names } => {
                if let Some(name) = names.get(chosen_system.get_untracked()) {
                    stage.set(Stage::Planned(plan_system(name, &report)));
                }
            }
        }
    };
    let run = move |step: Step| {
        let Some(session) = key.session() else { return };
        busy.set(true);
        spawn_local(async move {
            let next = match step {
                Step::NewVersion { name, document, current, target, attach } => {
                    new_version(&session, name, document, current, target, attach).await.unwrap_or_else(Stage::Failed)
                }
                Step::NewName { name, document, report } => {
                    new_name(&session, &name, document, &report).await.unwrap_or_else(Stage::Failed)
                }
                Step::Send { change, confirmed_hash } => {
                    if document_hash(change.binding()) != confirmed_hash {
                        Stage::Stale
                    } else {
                        match send(&session, &change).await {
                            Ok(()) => {
                                let typed = change.attach.clone().or_else(|| report.get_untracked().map(|r| r.target));
                                run_gap(gap, session.clone(), typed, diagnosis);
                                Stage::Applied
                            }
                            Err(failed) => Stage::Failed(failed),
                        }
                    }
                }
            };
            stage.set(next);
            busy.set(false);
        });
    };
    let body = move || {
        let t = texts();
        match stage.get() {
            Stage::Idle => ().into_any(),
            Stage::Stale => view! { <p id="apply-stale" class="notice notice--error">{t.hash_mismatch}</p> }.into_any(),
            Stage::Applied => view! { <p id="apply-done" class="notice notice--none">{t.applied}</p> }.into_any(),
            Stage::Failed(failed) => {
                view! { <CallErrorView action=failed.action error=failed.error catalog=catalog lang=lang /> }.into_any()
            }
            Stage::Clash { name, document, current, target, attach } => {
                let other = report.get_untracked();
                let (n1, d1, c1, t1) = (name.clone(), document.clone(), current.clone(), target.clone());
                view! {
                    <div id="apply-clash" class="notice notice--hint">
                        <p>{t.clash}" "<code>{name.clone()}</code></p>
                        <pre class="diff" tabindex="0" role="region" aria-label=t.clash>{diff_view(&current, &document)}</pre>
                        <button id="apply-new-version" class="button" on:click=move |_| run(Step::NewVersion {
                            name: n1.clone(), document: d1.clone(), current: c1.clone(), target: t1.clone(), attach })>
                            {t.clash_new_version}
                        </button>
                        <button id="apply-new-name" class="button" on:click=move |_| {
                            if let Some(report) = other.clone() {
                                run(Step::NewName { name: name.clone(), document: document.clone(), report });
                            }
                        }>{t.clash_new_name}</button>
                    </div>
                }
                .into_any()
            }
            Stage::Limit(change) => {
                let delete = match &change.policy {
                    PolicyStep::NewVersion { delete: Some(v), .. } => v.clone(),
                    _ => String::new(),
                };
                view! {
                    <div id="apply-limit" class="notice notice--hint">
                        <p>{t.version_limit}" "<code>{delete}</code></p>
                        <button id="apply-limit-consent" class="button" on:click=move |_| stage.set(Stage::Planned(change.clone()))>
                            {t.version_limit_consent}
                        </button>
                    </div>
                }
                .into_any()
            }
            Stage::Planned(change) => {
                let confirmed_hash = document_hash(change.binding());
                let noop = change.is_noop();
                let shown = change.clone();
                view! {
                    <div id="apply-diff" class="live__result">{change_view(&change, t)}</div>
                    {noop.then(|| view! { <p class="notice notice--hint">{t.clash_same}</p> })}
                    <button id="apply-confirm" class="button button--primary" data-hash=confirmed_hash.clone()
                        disabled=move || busy.get() || noop
                        on:click=move |_| run(Step::Send { change: shown.clone(), confirmed_hash: confirmed_hash.clone() })>
                        {t.confirm}
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
                    None => view! { <p class="notice notice--hint">{texts().nothing_to_apply}</p> }.into_any(),
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
                            <input type="radio" name="apply-system" id=id value=name.clone()
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

/// Whether the gap found the policy attached to the identity itself (through a group it still needs attaching).
fn attached_directly(report: &GapReport, policy_type: PolicyType, name: &str) -> bool {
    report.attached.iter().any(|a| a.policy_type == policy_type && a.policy_name == name && a.via == Via::Direct)
}

/// A system policy needs no document: the change is the attachment, unless it is attached directly already.
fn plan_system(name: &str, report: &GapReport) -> Change {
    let attached = attached_directly(report, PolicyType::System, name);
    Change {
        policy_name: name.to_string(),
        document: String::new(),
        policy: PolicyStep::System,
        attach: (!attached).then(|| report.target.clone()),
    }
}

/// A button's request, run in the background.
enum Step {
    NewVersion { name: String, document: String, current: String, target: Target, attach: bool },
    NewName { name: String, document: String, report: GapReport },
    Send { change: Change, confirmed_hash: String },
}

/// Decides the change: create the policy, or (name taken) ask how to resolve the clash; attach unless attached.
async fn plan_change(session: &Session, name: String, document: String, report: &GapReport) -> Result<Stage, Failed> {
    let attach = !attached_directly(report, PolicyType::Custom, &name);
    let target = report.target.clone();
    let current = match default_version(PolicyType::Custom, &name, session).await {
        Ok(current) => current.map(|v| v.policy_document).unwrap_or_default(),
        Err(failed) if failed.code().is_some_and(|c| c.starts_with("EntityNotExist")) => {
            let change =
                Change { policy_name: name, document, policy: PolicyStep::Create, attach: attach.then_some(target) };
            return Ok(Stage::Planned(change));
        }
        Err(failed) => return Err(failed),
    };
    if same_document(&current, &document) {
        let change =
            Change { policy_name: name, document, policy: PolicyStep::Exists, attach: attach.then_some(target) };
        return Ok(Stage::Planned(change));
    }
    Ok(Stage::Clash { name, document, current, target, attach })
}

/// The clash resolved as a new default version; at the version limit, the deletion waits for consent.
async fn new_version(
    session: &Session,
    name: String,
    document: String,
    current: String,
    target: Target,
    attach: bool,
) -> Result<Stage, Failed> {
    let versions =
        session.call(&ListPolicyVersions { policy_type: PolicyType::Custom, policy_name: name.clone() }).await?;
    let delete = version_to_delete(&versions.policy_versions);
    let limited = delete.is_some();
    let change = Change {
        policy_name: name,
        document,
        policy: PolicyStep::NewVersion { current, delete },
        attach: attach.then_some(target),
    };
    Ok(if limited { Stage::Limit(change) } else { Stage::Planned(change) })
}

/// The clash resolved with another name: `<name>-2`, `-3`… the first one free (or holding the same document).
async fn new_name(session: &Session, name: &str, document: String, report: &GapReport) -> Result<Stage, Failed> {
    let base = PolicyName::parse(name).unwrap_or_else(|_| PolicyName::parse("RamDoctor").expect("a valid name"));
    for n in 2..2 + OTHER_NAMES {
        let candidate = base.with_suffix(&n.to_string()).as_str().to_string();
        match plan_change(session, candidate, document.clone(), report).await? {
            Stage::Clash { .. } => continue,
            decided => return Ok(decided),
        }
    }
    plan_change(session, name.to_string(), document, report).await
}

/// Sends the confirmed change, in order: make room (consented), the policy or its version, the attachment.
async fn send(session: &Session, change: &Change) -> Result<(), Failed> {
    let name = change.policy_name.clone();
    match &change.policy {
        PolicyStep::Create => {
            let request = CreatePolicy {
                policy_name: name.clone(),
                policy_document: change.document.clone(),
                description: Some(ram_doctor_core::apply::POLICY_DESCRIPTION.into()),
            };
            session.call(&request).await?;
        }
        PolicyStep::NewVersion { delete, .. } => {
            if let Some(version_id) = delete {
                session
                    .call(&DeletePolicyVersion { policy_name: name.clone(), version_id: version_id.clone() })
                    .await?;
            }
            let request = CreatePolicyVersion {
                policy_name: name.clone(),
                policy_document: change.document.clone(),
                set_as_default: true,
                rotate_strategy: None,
            };
            session.call(&request).await?;
        }
        PolicyStep::Exists | PolicyStep::System => {}
    }
    if let Some(target) = &change.attach {
        let request = AttachPolicy(PolicyAttachment {
            policy_type: change.policy_type(),
            policy_name: name,
            kind: target.kind,
            name: target.name.clone().unwrap_or_default(),
        });
        session.call(&request).await?;
    }
    Ok(())
}

/// The change as the user reviews it: each step, and the document as a diff.
fn change_view(change: &Change, t: &'static crate::i18n::LiveTexts) -> impl IntoView {
    let name = change.policy_name.clone();
    let policy = match &change.policy {
        PolicyStep::Create => Some(
            view! {
                <p class="change__step" data-step="create">{t.change_new_policy}" "<code>{name.clone()}</code></p>
                <pre id="apply-document" class="diff" tabindex="0" role="region" aria-label=t.change_new_policy>{diff_view("", &change.document)}</pre>
            }
            .into_any(),
        ),
        PolicyStep::NewVersion { current, delete } => Some(
            view! {
                {delete.clone().map(|v| view! {
                    <p class="change__step" data-step="delete-version">"DeletePolicyVersion "<code>{v}</code></p>
                })}
                <p class="change__step" data-step="new-version">{t.change_new_version}" "<code>{name.clone()}</code></p>
                <pre id="apply-document" class="diff" tabindex="0" role="region" aria-label=t.change_new_version>{diff_view(current, &change.document)}</pre>
            }
            .into_any(),
        ),
        PolicyStep::Exists | PolicyStep::System => None,
    };
    let policy_type = change.policy_type().as_str();
    let attach = match &change.attach {
        Some(target) => view! {
            <p class="change__step" data-step="attach">
                {t.change_attach}" "<code>{name.clone()}</code>" ("{policy_type}") → "{target.kind.as_str()}" "<code>{target.display_name().to_string()}</code>
            </p>
        }.into_any(),
        None => view! {
            <p class="change__step" data-step="attached"><code>{name.clone()}</code>" — "{t.change_already_attached}</p>
        }.into_any(),
    };
    view! { {policy} {attach} }
}

/// Lines of `old` → `new` marked `+`, `-` or kept.
fn diff_view(old: &str, new: &str) -> impl IntoView {
    line_diff(&pretty(old), new)
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
