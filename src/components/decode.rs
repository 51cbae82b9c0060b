use leptos::prelude::*;
use ram_doctor_core::api::ram::{DecodeDiagnosticMessage, DecodedDiagnosticMessage};
use ram_doctor_core::{Catalog, Diagnosis};

use super::call_error::Ask;
use crate::i18n::Lang;
use crate::live::LiveKey;

/// "Decode": `DecodeDiagnosticMessage` on the paste's `EncodedDiagnosticMessage`, and what the decoded message
/// adds to the error (the deciding policies, the conditions, the resource). Shown only when the paste has one.
#[component]
pub fn Decode(
    key: LiveKey,
    diagnosis: Memo<Diagnosis>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let encoded =
        Memo::new(move |_| diagnosis.with(|d| d.findings.iter().find_map(|f| f.encoded_diagnostic_message.clone())));
    let ask_state = Ask::<DecodedDiagnosticMessage>::new();
    let busy = ask_state.busy;
    // A new paste (or a forgotten key) makes the old answer stale.
    Effect::new(move |_| {
        encoded.track();
        if !key.is_set() || encoded.with(Option::is_none) {
            ask_state.answer.set(None);
        }
    });
    let ask = move |_| {
        let (Some(session), Some(message)) = (key.session(), encoded.get_untracked()) else { return };
        ask_state.start(async move {
            let request = DecodeDiagnosticMessage { encoded_diagnostic_message: message };
            session.call(&request).await.map(|r| r.decoded_diagnostic_message)
        });
    };
    let shown = ask_state.view(
        move |decoded: DecodedDiagnosticMessage| {
            view! {
                <div id="decoded" class="live__result">
                    <h3 class="live__subtitle">{move || texts().decoded_title}</h3>
                    <dl class="live__facts">{facts(&decoded)}</dl>
                </div>
            }
            .into_any()
        },
        catalog,
        lang,
    );
    view! {
        <Show when=move || encoded.with(Option::is_some)>
            <section id="decode" class="live__tool">
                <button id="decode-button" class="button" disabled=move || busy.get() || !key.is_set() on:click=ask>
                    {move || if busy.get() { texts().working } else { texts().decode }}
                </button>
                {shown.clone()}
            </section>
        </Show>
    }
}

/// The decoded message as label/value pairs, in the API's own field names (they are what users search for).
fn facts(d: &DecodedDiagnosticMessage) -> impl IntoView {
    let mut rows: Vec<(&'static str, String)> =
        vec![("AuthAction", d.auth_action.clone()), ("ExplicitDeny", d.explicit_deny.to_string())];
    rows.extend(d.no_permission_policy_type.clone().map(|t| ("NoPermissionPolicyType", t)));
    rows.extend(d.auth_resource.clone().map(|r| ("AuthResource", r)));
    rows.extend(d.auth_principal.auth_principal_display_name.clone().map(|n| ("AuthPrincipalDisplayName", n)));
    for policy in &d.matched_policies {
        let parts: Vec<String> = [
            &policy.effect,
            &policy.policy_type,
            &policy.policy_identifier,
            &policy.policy_version,
            &policy.attached_scope,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        rows.push(("MatchedPolicy", parts.join(" · ")));
    }
    for condition in &d.auth_conditions {
        rows.push((
            "AuthCondition",
            format!("{} = {}", condition.condition_key, condition.condition_values.join(", ")),
        ));
    }
    rows.into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd class="decoded__value" data-field=label>{value}</dd> })
        .collect_view()
}
