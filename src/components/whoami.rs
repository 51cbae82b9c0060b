use leptos::prelude::*;
use ram_doctor_core::api::sts::{CallerIdentity, GetCallerIdentity};
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::Ask;
use crate::i18n::Lang;
use crate::live::lookup::principal_target;
use crate::live::LiveKey;

/// What who am I found: the key's identity, and the identity the error names (a user id resolved by IMS).
#[derive(Debug, Clone, PartialEq)]
struct Found {
    caller: CallerIdentity,
    in_error: Option<String>,
}

/// "Who am I": `GetCallerIdentity` for the key, and the user behind the error's `AuthPrincipalDisplayName`.
#[component]
pub fn WhoAmI(
    key: LiveKey,
    diagnosis: Memo<Diagnosis>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let ask_state = Ask::<Found>::new();
    let busy = ask_state.busy;
    let ask = move |_| {
        let Some(session) = key.session() else { return };
        let principal = diagnosis.with_untracked(|d| d.findings.iter().find_map(|f| f.principal.clone()));
        ask_state.start(async move {
            let caller = session.call(&GetCallerIdentity {}).await?;
            let in_error = match principal {
                Some(p) => principal_target(&p, &session).await?.map(|t| t.described()),
                None => None,
            };
            Ok(Found { caller, in_error })
        });
    };
    // A forgotten key takes its answers with it.
    Effect::new(move |_| {
        if !key.is_set() {
            ask_state.answer.set(None);
        }
    });
    let shown = ask_state.view(
        move |found: Found| {
            let c = found.caller;
            let user = c.user_name().or(c.role_name()).map(str::to_string);
            view! {
                <dl id="whoami-result" class="live__facts">
                    <dt>{move || texts().account}</dt><dd class="whoami__account">{c.account_id}</dd>
                    <dt>{move || texts().identity_type}</dt><dd class="whoami__type">{c.identity_type}</dd>
                    <dt>{move || texts().arn}</dt><dd class="whoami__arn"><code>{c.arn}</code></dd>
                    {user.map(|u| view! { <dt>{move || texts().user}</dt><dd class="whoami__user">{u}</dd> })}
                    {found.in_error.map(|who| view! {
                        <dt>{move || texts().in_error}</dt><dd class="whoami__in-error">{who}</dd>
                    })}
                </dl>
            }
            .into_any()
        },
        catalog,
        lang,
    );
    view! {
        <section id="whoami" class="live__tool">
            <button id="whoami-button" class="button" disabled=move || busy.get() || !key.is_set() on:click=ask>
                {move || if busy.get() { texts().working } else { texts().whoami }}
            </button>
            {shown}
        </section>
    }
}
