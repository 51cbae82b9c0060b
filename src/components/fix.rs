use leptos::prelude::*;
use ram_doctor_core::grant::{self, Format, GrantPlan, PrincipalKind, RenderOptions};

use super::copy::{CopyButton, DownloadLinks};
use crate::i18n::{Lang, Texts};

/// The formats the page offers, in tab order, with their stable id suffixes.
const FORMATS: [(Format, &str); 5] = [
    (Format::Console, "console"),
    (Format::Cli, "cli"),
    (Format::Terraform, "terraform"),
    (Format::Ros, "ros"),
    (Format::Json, "json"),
];

const KINDS: [PrincipalKind; 3] = [PrincipalKind::User, PrincipalKind::Group, PrincipalKind::Role];

/// The whole plan for every finding, for a chosen identity, in the form the admin applies it
/// (console steps, `aliyun` CLI, Terraform, ROS, JSON). Hidden when there is nothing to do.
#[component]
pub fn FixPanel(
    plan: Memo<Result<GrantPlan, String>>,
    format: RwSignal<Format>,
    target_kind: RwSignal<PrincipalKind>,
    target_name: RwSignal<String>,
    /// Why the typed name cannot be used, if it cannot.
    target_error: Memo<Option<String>>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let texts = move || lang.get().texts();
    let rendered = Signal::derive(move || {
        let options = RenderOptions { lang: lang.get().core() };
        plan.with(|p| match p {
            Ok(plan) => grant::render(format.get(), plan, &options),
            Err(e) => e.clone(),
        })
    });
    // The same output as files, each with the extension its syntax needs.
    let files = Signal::derive(move || {
        let options = RenderOptions { lang: lang.get().core() };
        plan.with(|p| p.as_ref().map(|plan| grant::downloads(format.get(), plan, &options)).unwrap_or_default())
    });
    let has_plan = move || plan.with(|p| p.as_ref().map_or(true, |plan| !plan.is_empty()));
    view! {
        <Show when=has_plan>
            <section id="fix" class="panel fix">
                <h2 class="fix__title">{move || texts().apply_fix}</h2>
                <div class="fix__target">
                    <label for="target-kind">{move || texts().grant_to}</label>
                    <select id="target-kind" class="fix__kind"
                        on:change=move |ev| target_kind.set(kind_from_str(&event_target_value(&ev)))>
                        {KINDS.map(|kind| view! {
                            <option value=kind.as_str() selected=move || target_kind.get() == kind>
                                {move || kind_label(kind, texts())}
                            </option>
                        })}
                    </select>
                    <input id="target-name" class="fix__name" type="text" autocomplete="off" spellcheck="false"
                        aria-label=move || kind_label(target_kind.get(), texts())
                        placeholder=move || target_kind.get().placeholder()
                        prop:value=move || target_name.get()
                        on:input=move |ev| target_name.set(event_target_value(&ev)) />
                </div>
                {move || target_error.get().map(|e| view! { <p id="target-error" class="fix__error">{e}</p> })}
                <div class="tabs" role="tablist">
                    {FORMATS.map(|(f, id)| view! {
                        <button id=format!("fix-tab-{id}") class="tab" role="tab"
                            class:tab--active=move || format.get() == f
                            aria-selected=move || (format.get() == f).to_string()
                            on:click=move |_| format.set(f)>
                            {move || format_label(f, texts())}
                        </button>
                    })}
                </div>
                <div class="code-block">
                    <pre id="fix-output" class="fix__output" tabindex="0" role="region"
                        aria-label=move || format_label(format.get(), texts())
                        class:fix__output--prose=move || format.get() == Format::Console><code>{rendered}</code></pre>
                    <div class="code-block__actions">
                        <CopyButton text=rendered lang=lang />
                        <DownloadLinks files=files lang=lang />
                    </div>
                </div>
            </section>
        </Show>
    }
}

fn kind_from_str(value: &str) -> PrincipalKind {
    KINDS.into_iter().find(|k| k.as_str() == value).unwrap_or(PrincipalKind::User)
}

fn kind_label(kind: PrincipalKind, texts: &Texts) -> &'static str {
    match kind {
        PrincipalKind::User => texts.ram_user,
        PrincipalKind::Group => texts.ram_group,
        PrincipalKind::Role => texts.ram_role,
    }
}

fn format_label(format: Format, texts: &Texts) -> &'static str {
    match format {
        Format::Console => texts.format_console,
        Format::Cli => "aliyun CLI",
        Format::Terraform => "Terraform",
        Format::Ros => "ROS",
        Format::Json => "JSON",
    }
}
