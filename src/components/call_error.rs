use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::grant::GrantPlan;
use ram_doctor_core::{diagnose, Catalog};

use super::finding::FindingCard;
use crate::catalog_loader::load_wanted_shards;
use crate::i18n::Lang;
use crate::live::lookup::Failed;
use crate::live::CallError;

/// A live call that failed: what was called, the answer, and the engine's diagnosis of it, shown exactly like a
/// pasted error's (a missing `ram:AttachPolicyToUser` comes with the grant an administrator must give).
#[component]
pub fn CallErrorView(
    /// The API that failed (`AttachPolicyToUser`).
    action: String,
    error: CallError,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let text = RwSignal::new(error.diagnosable_text());
    let diagnosis = Memo::new(move |_| text.with(|t| catalog.with(|c| diagnose(t, c))));
    let (_loading, _shards) = load_wanted_shards(diagnosis, catalog);
    let summary = error.to_string();
    let cards = move || {
        let findings = diagnosis.with(|d| d.findings.clone());
        if findings.is_empty() {
            return view! { <p class="call-error__none">{move || lang.get().live().call_not_diagnosed}</p> }.into_any();
        }
        findings
            .into_iter()
            .enumerate()
            .map(|(index, finding)| {
                // Each card reads its own finding's plan, as the pasted error's cards do.
                let plan = catalog.with(|c| GrantPlan::for_finding(&finding, c).map_err(|e| e.to_string()));
                view! { <FindingCard finding=finding index=index text=text plan=plan lang=lang /> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="call-error" data-action=action.clone()>
            <p class="call-error__title">
                <code>{action.clone()}</code>" "{move || lang.get().live().call_failed}": "{summary}
            </p>
            <details class="call-error__answer">
                <summary>{move || lang.get().live().call_answer}</summary>
                <pre class="call-error__text">{text}</pre>
            </details>
            {cards}
        </div>
    }
}

/// One live tool's last answer (`None` before the first) and whether it is asking now.
pub struct Ask<T: Send + Sync + 'static> {
    pub answer: RwSignal<Option<Result<T, Failed>>>,
    pub busy: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Ask<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Ask<T> {}

impl<T: Clone + Send + Sync + 'static> Ask<T> {
    pub fn new() -> Self {
        Ask { answer: RwSignal::new(None), busy: RwSignal::new(false) }
    }

    /// Runs `asking` in the background; its result becomes the answer.
    pub fn start(self, asking: impl std::future::Future<Output = Result<T, Failed>> + 'static) {
        self.busy.set(true);
        spawn_local(async move {
            let result = asking.await;
            self.answer.set(Some(result));
            self.busy.set(false);
        });
    }

    /// The answer as a view: `ok` for a result, the diagnosed failure otherwise, nothing before the first.
    pub fn view(
        self,
        ok: impl Fn(T) -> AnyView + Send + Sync + 'static,
        catalog: RwSignal<Catalog>,
        lang: Signal<Lang>,
    ) -> impl Fn() -> Option<AnyView> + Clone + Send + Sync + 'static {
        let ok = std::sync::Arc::new(ok);
        move || {
            self.answer.get().map(|result| match result {
                Ok(value) => ok(value),
                Err(failed) => {
                    view! { <CallErrorView action=failed.action error=failed.error catalog=catalog lang=lang /> }
                        .into_any()
                }
            })
        }
    }
}
