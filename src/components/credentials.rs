use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use super::copy::CopyButton;
use super::input_type;
use crate::i18n::Lang;
use crate::live::key_policy::{policy_text, APPLY_ACTIONS, READ_ACTIONS};
use crate::live::relay::relay_url;
use crate::live::LiveKey;

/// `demo.json`, which `cargo xtask serve --demo` writes next to the page: the emulator's made-up keys and the
/// error its seeded user got. Absent everywhere else.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Demo {
    keys: Vec<DemoKey>,
    error: String,
}

#[derive(Clone, PartialEq, Deserialize)]
struct DemoKey {
    label: String,
    access_key_id: String,
    access_key_secret: String,
}

impl std::fmt::Debug for DemoKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DemoKey({})", self.label)
    }
}

/// The AccessKey fields, the forget button, what is sent where, the relay address, and the least-privilege
/// policy for the page's own key; in demo mode, the demo keys and error.
#[component]
pub fn CredentialsPanel(
    key: LiveKey,
    #[prop(into)] lang: Signal<Lang>,
    /// Puts a text in the paste box and diagnoses it.
    on_paste: Callback<String>,
) -> impl IntoView {
    let texts = move || lang.get().live();
    let demo = RwSignal::new(None::<Demo>);
    spawn_local(async move {
        // Only a demo server has it; a 404 (or anything unreadable) means an ordinary page.
        if let Ok(response) = gloo_net::http::Request::get("demo.json").send().await {
            if response.ok() {
                // Read by core's JSON reader: serde_json's text reader stays out of the wasm.
                let text = response.text().await.unwrap_or_default();
                demo.set(
                    ram_doctor_core::json::parse(text.as_bytes()).ok().and_then(|v| serde_json::from_value(v).ok()),
                );
            }
        }
    });
    let relay_error =
        move || key.relay.with(|base| relay_url(base, "ram.aliyuncs.com", "/").err().map(|e| e.to_string()));
    let read_policy = Signal::derive(|| policy_text(READ_ACTIONS));
    let apply_policy = Signal::derive(|| policy_text(APPLY_ACTIONS));
    let demo_box = move || {
        demo.get().map(|demo| {
            let error = demo.error.clone();
            let keys = demo
                .keys
                .into_iter()
                .enumerate()
                .map(|(i, k)| {
                    let (id, secret) = (k.access_key_id.clone(), k.access_key_secret.clone());
                    view! {
                        <li class="demo__key">
                            <span class="demo__label">{k.label}</span>
                            <code class="demo__id">{k.access_key_id}</code>
                            <code class="demo__secret">{k.access_key_secret}</code>
                            <button id=format!("demo-key-{i}") class="button button--small"
                                on:click=move |_| {
                                    key.id.set(id.clone());
                                    key.secret.set(secret.clone());
                                    key.token.set(String::new());
                                }>{move || texts().demo_use}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div id="demo" class="notice notice--hint demo">
                    <strong class="notice__title">{move || texts().demo_title}</strong>
                    <p>{move || texts().demo_note}</p>
                    <ul class="demo__keys">{keys}</ul>
                    <button id="demo-error" class="button button--chip" on:click=move |_| on_paste.run(error.clone())>
                        {move || texts().demo_error}
                    </button>
                </div>
            }
        })
    };
    view! {
        <section id="live" class="panel live">
            <h2 class="live__title">{move || texts().title}</h2>
            <p class="live__intro">{move || texts().intro}</p>
            {demo_box}
            <div class="live__fields">
                <label class="field">
                    <span class="field__label">{move || texts().key_id}</span>
                    <input id="key-id" class="field__input" autocomplete="off" spellcheck="false"
                        prop:value=move || key.id.get() on:input=move |ev| key.id.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field__label">{move || texts().key_secret}</span>
                    <input id="key-secret" class="field__input" use:input_type="password" autocomplete="off" spellcheck="false"
                        prop:value=move || key.secret.get() on:input=move |ev| key.secret.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field__label">{move || texts().key_token}</span>
                    <input id="key-token" class="field__input" use:input_type="password" autocomplete="off" spellcheck="false"
                        prop:value=move || key.token.get() on:input=move |ev| key.token.set(event_target_value(&ev)) />
                </label>
                <button id="forget-key" class="button" disabled=move || !key.is_set() && key.token.with(String::is_empty)
                    on:click=move |_| key.forget()>{move || texts().forget}</button>
            </div>
            <p id="where-sent" class="live__note">{move || texts().where_sent}</p>
            <details class="live__more">
                <summary>{move || texts().relay_label}</summary>
                <label class="field">
                    <span class="field__label">{move || texts().relay_hint}</span>
                    <input id="relay-base" class="field__input" autocomplete="off" spellcheck="false"
                        placeholder="https://relay.example.org/"
                        prop:value=move || key.relay.get() on:input=move |ev| key.relay.set(event_target_value(&ev)) />
                </label>
                {move || relay_error().map(|e| view! { <p id="relay-error" class="field__error">{e}</p> })}
            </details>
            <details id="key-policy" class="live__more">
                <summary>{move || texts().key_policy_title}</summary>
                <p>{move || texts().key_policy_read}</p>
                <div class="code-block">
                    <pre id="key-policy-read" class="live__code" tabindex="0" role="region" aria-label=move || texts().key_policy_read><code>{read_policy}</code></pre>
                    <CopyButton text=read_policy lang=lang />
                </div>
                <p>{move || texts().key_policy_apply}</p>
                <div class="code-block">
                    <pre id="key-policy-apply" class="live__code" tabindex="0" role="region" aria-label=move || texts().key_policy_apply><code>{apply_policy}</code></pre>
                    <CopyButton text=apply_policy lang=lang />
                </div>
            </details>
        </section>
    }
}
