use leptos::prelude::*;
use ram_doctor_core::gap::{AttachedDocument, Change, Verdict, Via};
use ram_doctor_core::grant::{GrantPlan, Target};
use ram_doctor_core::sign::Timestamp;
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::Ask;
use crate::i18n::Lang;
use crate::live::gap::live_gap;
use crate::live::lookup::{attached_policies, principal_target, Session};
use crate::live::LiveKey;

/// What the gap found for one target, shared with apply (which attaches to that target and computes it again).
#[derive(Debug, Clone, PartialEq)]
pub struct GapReport {
    pub target: Target,
    pub attached: Vec<AttachedDocument>,
}

/// The gap's state: its last answer (`Ok(None)` when the error names nobody and nothing was typed).
pub type GapState = Ask<Option<GapReport>>;

/// Computes the gap for `typed` (the name under "Apply the fix"), else for the principal in the error.
pub fn run_gap(state: GapState, session: Session, typed: Option<Target>, diagnosis: Memo<Diagnosis>) {
    let principal = diagnosis.with_untracked(|d| d.findings.iter().find_map(|f| f.principal.clone()));
    state.start(async move {
        let target = match typed {
            Some(t) => Some(t),
            None => match principal {
                Some(p) => principal_target(&p, &session).await?,
                None => None,
            },
        };
        let Some(target) = target else { return Ok(None) };
        let attached = attached_policies(&target, &session).await?;
        Ok(Some(GapReport { target, attached }))
    });
}

/// "The gap": what is attached to the principal now, and the simulator's verdict on each denied action.
#[component]
pub fn Gap(
    key: LiveKey,
    state: GapState,
    diagnosis: Memo<Diagnosis>,
    /// The identity typed under "Apply the fix", if any (else the error's).
    typed: Memo<Result<Option<Target>, String>>,
    plan: Memo<Result<GrantPlan, String>>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let ask = move |_| {
        let Some(session) = key.session() else { return };
        let typed = typed.get_untracked().ok().flatten().filter(|t| t.name.is_some());
        run_gap(state, session, typed, diagnosis);
    };
    Effect::new(move |_| {
        if !key.is_set() {
            state.answer.set(None);
        }
    });
    let shown = state.view(
        move |report: Option<GapReport>| match report {
            None => view! { <p id="gap-result" class="notice notice--hint">{move || texts().gap_no_principal}</p> }
                .into_any(),
            Some(report) => {
                view! { <GapView report=report diagnosis=diagnosis plan=plan catalog=catalog lang=lang /> }.into_any()
            }
        },
        catalog,
        lang,
    );
    view! {
        <section id="gap" class="live__tool">
            <button id="gap-button" class="button" disabled=move || state.busy.get() || !key.is_set() on:click=ask>
                {move || if state.busy.get() { texts().working } else { texts().gap }}
            </button>
            {shown}
        </section>
    }
}

#[component]
fn GapView(
    report: GapReport,
    diagnosis: Memo<Diagnosis>,
    plan: Memo<Result<GrantPlan, String>>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let target = report.target.described();
    let attached = if report.attached.is_empty() {
        view! { <p class="gap__none">{move || texts().nothing_attached}</p> }.into_any()
    } else {
        let items = report
            .attached
            .iter()
            .map(|a| {
                let via = match &a.via {
                    Via::Group(g) => {
                        let g = g.clone();
                        Some(view! { <span class="gap__via">" · "{move || texts().via_group}" "{g}</span> })
                    }
                    _ => None,
                };
                view! {
                    <li class="gap__policy" data-type=a.policy_type.as_str()>
                        <code>{a.policy_name.clone()}</code>" ("{a.policy_type.as_str()}")"{via}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="gap__attached">{items}</ul> }.into_any()
    };
    let now = Timestamp::from_unix((js_sys::Date::now() / 1000.0) as i64).to_iso8601();
    let gap = Memo::new(move |_| {
        diagnosis.with(|d| {
            plan.with(|p| catalog.with(|c| live_gap(&report.attached, &d.findings, p.as_ref().ok(), c, &now)))
        })
    });
    let verdict_list = move || {
        let lang = lang.get();
        let texts = lang.live();
        gap.get()
            .actions
            .into_iter()
            .map(|a| {
                let (outcome, label) = match &a.today {
                    Verdict::Allowed { .. } => ("allowed", texts.allowed),
                    Verdict::ImplicitDeny => ("implicit-deny", texts.implicit_deny),
                    Verdict::ExplicitDeny { .. } => ("explicit-deny", texts.explicit_deny),
                };
                let words = if lang == Lang::Zh { a.words.zh.clone() } else { a.words.en.clone() };
                view! {
                    <li class="verdict" data-action=a.action.clone() data-outcome=outcome data-change=change_name(a.change)>
                        <code>{a.action.clone()}</code>" — "<span class="verdict__said">{label}</span>
                        <p class="verdict__words">{words}</p>
                    </li>
                }
            })
            .collect_view()
    };
    let summary =
        move || gap.with(|g| if lang.get() == Lang::Zh { g.summary.zh.clone() } else { g.summary.en.clone() });
    view! {
        <div id="gap-result" class="live__result">
            <p class="gap__target"><strong>{move || texts().gap_for}": "</strong><span id="gap-target">{target}</span></p>
            <h3 class="live__subtitle">{move || texts().attached}</h3>
            {attached}
            <h3 class="live__subtitle">{move || texts().verdicts}</h3>
            <p id="gap-summary" class="gap__summary">{summary}</p>
            <ul class="gap__verdicts">{verdict_list}</ul>
        </div>
    }
}

/// The plan's effect on an action, for the markup and the tests.
fn change_name(change: Change) -> &'static str {
    match change {
        Change::AlreadyAllowed => "already-allowed",
        Change::NowAllowed => "now-allowed",
        Change::StillDenied => "still-denied",
        Change::BlockedByDeny => "blocked-by-deny",
    }
}
