use leptos::prelude::*;
use ram_doctor_core::grant::Target;
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::Ask;
use crate::i18n::Lang;
use crate::live::lookup::{attached_policies, principal_target, Attached, Session};
use crate::live::verdict::{verdicts, Outcome, PolicyText};
use crate::live::LiveKey;

/// What the gap found for one target, shared with apply (which attaches to that target and computes it again).
#[derive(Debug, Clone, PartialEq)]
pub struct GapReport {
    pub target: Target,
    pub attached: Vec<Attached>,
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
            Some(report) => view! { <GapView report=report diagnosis=diagnosis lang=lang /> }.into_any(),
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
fn GapView(report: GapReport, diagnosis: Memo<Diagnosis>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let texts = move || lang.get().live();
    let policies: Vec<PolicyText> =
        report.attached.iter().map(|a| PolicyText { name: a.name.clone(), document: a.document.clone() }).collect();
    let target = format!("{} {}", report.target.kind.as_str(), report.target.display_name());
    let attached = if report.attached.is_empty() {
        view! { <p class="gap__none">{move || texts().nothing_attached}</p> }.into_any()
    } else {
        let items = report
            .attached
            .iter()
            .map(|a| {
                let via = a
                    .via_group
                    .clone()
                    .map(|g| view! { <span class="gap__via">" · "{move || texts().via_group}" "{g}</span> });
                view! {
                    <li class="gap__policy" data-type=a.policy_type.as_str()>
                        <code>{a.name.clone()}</code>" ("{a.policy_type.as_str()}")"{via}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="gap__attached">{items}</ul> }.into_any()
    };
    let verdict_list = move || {
        let lang = lang.get();
        let texts = lang.live();
        diagnosis
            .with(|d| verdicts(&policies, &d.findings))
            .into_iter()
            .map(|v| {
                let by = |list: &[(String, usize)]| {
                    list.iter().map(|(p, n)| format!("#{n} {p}")).collect::<Vec<_>>().join(", ")
                };
                let said = match &v.outcome {
                    Outcome::Allowed(list) => format!("{} ({})", texts.allowed, by(list)),
                    Outcome::ImplicitDeny => texts.implicit_deny.to_string(),
                    Outcome::ExplicitDeny(list) => format!("{} {}", texts.explicit_deny, by(list)),
                };
                view! {
                    <li class="verdict" data-action=v.action.clone() data-outcome=v.outcome.as_str()>
                        <code>{v.action.clone()}</code>" — "<span class="verdict__said">{said}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div id="gap-result" class="live__result">
            <p class="gap__target"><strong>{move || texts().gap_for}": "</strong><span id="gap-target">{target}</span></p>
            <h3 class="live__subtitle">{move || texts().attached}</h3>
            {attached}
            <h3 class="live__subtitle">{move || texts().verdicts}</h3>
            <ul class="gap__verdicts">{verdict_list}</ul>
        </div>
    }
}
