//! The page: the state lives here as signals, derived state as memos; components only render it.

use std::time::Duration;

use leptos::prelude::*;
use ram_doctor_core::grant::{Format, GrantPlan, PlanOptions, PrincipalKind, Target};
use ram_doctor_core::{diagnose, Catalog};

use crate::catalog_loader::{self, index_catalog, load_shards};
use crate::components::{CredentialsPanel, FixPanel, Header, InputPanel, LiveTools, ProductPick, Results, ShareLink};
use crate::i18n::Lang;
use crate::live::LiveKey;
use crate::share;

/// How long typing must pause before the page diagnoses again.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn App() -> impl IntoView {
    let shared = location_hash().and_then(|hash| share::decode(&hash));
    let start_text = shared.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    let start_lang = shared.as_ref().and_then(|s| s.lang.as_deref()).map(Lang::from_code).unwrap_or_else(browser_lang);

    // What the box holds, and what was last diagnosed (the box after a pause, or on "Diagnose").
    let text = RwSignal::new(start_text.clone());
    let diagnosed_text = RwSignal::new(start_text);
    let lang = RwSignal::new(start_lang);
    // A broken index is a build bug; the page still diagnoses (less precisely) and says so.
    let (start_catalog, catalog_error) = match index_catalog() {
        Ok(catalog) => (catalog, None),
        Err(e) => (Catalog::empty(), Some(e.to_string())),
    };
    let catalog = RwSignal::new(start_catalog);
    // The product chosen in the picker for findings that name none: every plan and the share link follow it.
    let chosen_product = RwSignal::new(shared.as_ref().and_then(|s| s.product.clone()));
    provide_context(ProductPick { catalog, chosen: chosen_product });

    let diagnosis = Memo::new(move |_| diagnosed_text.with(|t| catalog.with(|c| diagnose(t, c))));

    // Who the fix is for and in which form: the user's choices, applied to the whole plan.
    let fix_format = RwSignal::new(Format::Console);
    let target_kind = RwSignal::new(PrincipalKind::User);
    let target_name = RwSignal::new(String::new());
    let target = Memo::new(move |_| {
        let name = target_name.with(|n| n.trim().to_string());
        if name.is_empty() {
            Ok(None) // the plan infers it, or leaves a placeholder
        } else {
            Target::named(target_kind.get(), &name).map(Some).map_err(|e| e.to_string())
        }
    });
    let target_error = Memo::new(move |_| target.get().err());
    let plan = Memo::new(move |_| {
        let options = PlanOptions {
            // No name typed: a chosen group or role stays a placeholder; the default (user) lets the plan infer.
            target: target.get().ok().flatten().or_else(|| match target_kind.get() {
                PrincipalKind::User => None,
                kind => Some(Target::placeholder(kind)),
            }),
            product: chosen_product.get(),
            ..PlanOptions::default()
        };
        diagnosis.with(|d| catalog.with(|c| GrantPlan::from_findings(&d.findings, c, &options).map_err(|e| e.to_string())))
    });
    // Each finding's own plan (default options, with the chosen product): what its card recommends.
    let finding_plans =
        Memo::new(move |_| diagnosis.with(|d| catalog.with(|c| catalog_loader::finding_plans(d, c, chosen_product.get()))));
    // The shards the diagnosis asks for, and those that let the plans measure their system policies.
    let wanted_shards =
        Memo::new(move |_| diagnosis.with(|d| catalog.with(|c| finding_plans.with(|plans| catalog_loader::wanted_shards(d, plans, c)))));
    let (loading, _shards) = load_shards(wanted_shards, catalog);
    // What the link carries: the text with its credentials cut and its ids masked (unless revealed), shown in
    // the preview before anyone copies the link.
    let reveal_ids = RwSignal::new(false);
    let shared_text = Memo::new(move |_| diagnosed_text.with(|t| share::shared_text(t, reveal_ids.get())));
    let share_fragment = Memo::new(move |_| {
        let empty = diagnosed_text.with(|t| t.trim().is_empty());
        (!empty).then(|| shared_text.with(|s| share::encode(s, lang.get().code(), chosen_product.get().as_deref())))
    });

    Effect::new(move |_| replace_url_fragment(share_fragment.get().as_deref()));
    Effect::new(move |_| set_document_lang(lang.get()));
    let _hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(shared) = location_hash().and_then(|hash| share::decode(&hash)) {
            text.set(shared.text.clone());
            diagnosed_text.set(shared.text);
            chosen_product.set(shared.product);
        }
    });

    let diagnose_later = debounce(DEBOUNCE, move |()| diagnosed_text.set(text.get_untracked()));
    let on_edit = Callback::new({
        let diagnose_later = std::sync::Mutex::new(diagnose_later);
        move |value: String| {
            text.set(value);
            if let Ok(mut later) = diagnose_later.lock() {
                later(());
            }
        }
    });
    let on_diagnose = Callback::new(move |()| diagnosed_text.set(text.get_untracked()));
    let on_example = Callback::new(move |example: &'static str| {
        text.set(example.to_string());
        diagnosed_text.set(example.to_string());
    });
    let on_paste = Callback::new(move |pasted: String| {
        text.set(pasted.clone());
        diagnosed_text.set(pasted);
    });
    // The AccessKey for the live calls: in these signals only, never in the share link or storage.
    let key = LiveKey::new();
    // The diagnosis paints first; the panels after it follow once that frame is out, so they never delay it.
    let rest_shown = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || rest_shown.set(true), Duration::ZERO));

    view! {
        <Header lang=lang />
        <main class="page">
            <InputPanel text=text lang=lang on_edit=on_edit on_diagnose=on_diagnose on_example=on_example />
            {catalog_error.map(|e| view! { <p id="catalog-error" class="notice notice--error">{e}</p> })}
            <Results diagnosed_text=diagnosed_text diagnosis=diagnosis loading=loading finding_plans=finding_plans lang=lang />
            {move || rest_shown.get().then(|| view! {
                <FixPanel plan=plan format=fix_format target_kind=target_kind target_name=target_name
                    target_error=target_error lang=lang />
                <CredentialsPanel key=key lang=lang on_paste=on_paste />
                <LiveTools key=key diagnosis=diagnosis plan=plan target=target catalog=catalog lang=lang />
                <ShareLink fragment=share_fragment shared=shared_text reveal_ids=reveal_ids lang=lang />
            })}
        </main>
    }
}

/// The fragment without `#`, if the URL has one.
fn location_hash() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.is_empty()).then(|| hash.to_string())
}

/// Chinese for browsers that prefer it, English otherwise.
fn browser_lang() -> Lang {
    window().navigator().language().map(|l| Lang::from_code(&l)).unwrap_or(Lang::En)
}

/// `<html lang>` follows the toggle, so screen readers and fonts match the page's language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        // Without the attribute only the reading voice is off; the page itself is unaffected.
        let _ = root.set_attribute("lang", lang.html_lang());
    }
}

/// Puts the share fragment in the address bar without adding a history entry or reloading.
fn replace_url_fragment(fragment: Option<&str>) {
    let url = match fragment {
        Some(fragment) => format!("#{fragment}"),
        None => window().location().pathname().unwrap_or_else(|_| "/".to_string()),
    };
    // Failing to update the address bar only costs the share link; the diagnosis still shows.
    let _ = window().history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
}
