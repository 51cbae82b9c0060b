//! The page: the state lives here as signals, derived state as memos; components only render it.

use std::time::Duration;

use leptos::prelude::*;
use ram_doctor_core::grant::{merged_plan, PlanOptions, PrincipalKind, Target};
use ram_doctor_core::share::ShareError;
use ram_doctor_core::{diagnose, Catalog};

use crate::catalog_loader::{self, index_catalog, load_shards};
use crate::components::{
    CredentialsPanel, FixPanel, Header, InputPanel, LiveTools, PolicyEdits, ProductPick, Results, ShareLink,
};
use crate::i18n::Lang;
use crate::input_check;
use crate::live::LiveKey;
use crate::share::{self, PageState};

/// How long typing must pause before the page diagnoses again.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn App() -> impl IntoView {
    // Everything a share link carries; a link in the address bar restores it, a broken one says why.
    let state = PageState::new(browser_lang());
    let link_error = RwSignal::new(None::<ShareError>);
    share::open_link(&state, link_error);
    // After a crash, "reload keeping my text" left the (redacted) text for this one load.
    if let Some(rescued) = crate::panic_banner::take_rescued_text() {
        state.text.set(rescued.clone());
        state.diagnose(rescued);
    }
    provide_context(state);
    let PageState {
        text,
        diagnosed_text,
        lang,
        product: chosen_product,
        target_kind,
        target_name,
        format,
        left_out,
        ..
    } = state;
    // The diagnosis paints first; the panels after it (and the merged plan and share link only they and the
    // address bar need) follow once that frame is out, so they never delay it.
    let rest_shown = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || rest_shown.set(true), Duration::ZERO));
    // A broken index is a build bug; the page still diagnoses (less precisely) and says so.
    let (start_catalog, catalog_error) = match index_catalog() {
        Ok(catalog) => (catalog, None),
        Err(e) => (Catalog::empty(), Some(e.to_string())),
    };
    let catalog = RwSignal::new(start_catalog);
    // The product chosen in the picker for findings that name none: every plan and the share link follow it.
    provide_context(ProductPick { catalog, chosen: chosen_product });
    // The custom policies as edited in their cards: the plan below (fix panel, apply) uses them.
    let edits = PolicyEdits::provide(Default::default());

    // A huge paste is diagnosed only up to a limit (the results say so).
    let diagnosis =
        Memo::new(move |_| diagnosed_text.with(|t| catalog.with(|c| diagnose(input_check::diagnosed_part(t), c))));

    // Who the fix is for and in which form: the user's choices, applied to the whole plan.
    let target = Memo::new(move |_| {
        let name = target_name.with(|n| n.trim().to_string());
        if name.is_empty() {
            Ok(None) // the plan infers it, or leaves a placeholder
        } else {
            Target::named(target_kind.get(), &name).map(Some).map_err(|e| e.to_string())
        }
    });
    let target_error = Memo::new(move |_| target.get().err());
    // One merged grant for every error row the user keeps.
    let built_plan = Memo::new(move |_| {
        let options = PlanOptions {
            // No name typed: a chosen group or role stays a placeholder; the default (user) lets the plan infer.
            target: target.get().ok().flatten().or_else(|| match target_kind.get() {
                PrincipalKind::User => None,
                kind => Some(Target::placeholder(kind)),
            }),
            product: chosen_product.get(),
            ..PlanOptions::default()
        };
        let left_out = left_out.get();
        diagnosis
            .with(|d| catalog.with(|c| merged_plan(&d.findings, &left_out, c, &options).map_err(|e| e.to_string())))
    });
    // With the custom policies as edited (a keystroke in an editor re-renders, it does not re-plan).
    let plan = Memo::new(move |_| built_plan.get().map(|p| edits.0.with(|e| p.with_edits(e))));
    // The share link carries the edit of the plan's first custom policy; a link's edit is put back once, as soon
    // as the plan names that policy.
    let first_custom = Memo::new(move |_| {
        built_plan
            .with(|p| p.as_ref().ok().and_then(|p| p.custom_policies.first()).map(|c| c.name.as_str().to_string()))
    });
    let link_policy = StoredValue::new(state.policy.get_untracked());
    Effect::new(move |_| {
        if !rest_shown.get() {
            return;
        }
        let Some(name) = first_custom.get() else { return };
        if let Some(text) = link_policy.get_value() {
            link_policy.set_value(None);
            edits.0.update(|e| {
                e.insert(name.clone(), text);
            });
        }
        let edited = edits.0.with(|e| e.get(&name).cloned());
        if state.policy.get_untracked() != edited {
            state.policy.set(edited);
        }
    });
    // Each finding's own plan (default options, with the chosen product): what its card recommends.
    let finding_plans = Memo::new(move |_| {
        diagnosis.with(|d| catalog.with(|c| catalog_loader::finding_plans(d, c, chosen_product.get())))
    });
    // The shards the diagnosis asks for, and those that let the plans measure their system policies.
    let wanted_shards = Memo::new(move |_| {
        diagnosis.with(|d| catalog.with(|c| finding_plans.with(|plans| catalog_loader::wanted_shards(d, plans, c))))
    });
    let (loading, _shards) = load_shards(wanted_shards, catalog);
    // What the link carries: the whole state with its credentials cut and ids masked (unless revealed), shown
    // in the preview before anyone copies the link.
    let reveal_ids = RwSignal::new(false);
    // The link names the shards its diagnosis reads, so the page opening it fetches them beside the wasm.
    let link_shards = Memo::new(move |_| {
        diagnosis.with(|d| catalog.with(|c| finding_plans.with(|plans| catalog_loader::link_shards(d, plans, c))))
    });
    let outgoing = Memo::new(move |_| state.outgoing(reveal_ids.get(), link_shards.get()));
    let share_fragment = Memo::new(move |_| outgoing.with(|o| o.as_ref()?.as_ref().ok()?.fragment().ok()));

    Effect::new(move |_| {
        if rest_shown.get() {
            share::replace_url_fragment(share_fragment.get().as_deref());
        }
    });
    Effect::new(move |_| set_document_lang(lang.get()));
    let _hash_listener = window_event_listener(leptos::ev::hashchange, move |_| share::open_link(&state, link_error));

    let diagnose_later = debounce(DEBOUNCE, move |()| state.diagnose(text.get_untracked()));
    let on_edit = Callback::new({
        let diagnose_later = std::sync::Mutex::new(diagnose_later);
        move |value: String| {
            text.set(value);
            if let Ok(mut later) = diagnose_later.lock() {
                later(());
            }
        }
    });
    let on_diagnose = Callback::new(move |()| state.diagnose(text.get_untracked()));
    let on_example = Callback::new(move |example: &'static str| {
        text.set(example.to_string());
        state.diagnose(example.to_string());
    });
    let on_paste = Callback::new(move |pasted: String| {
        text.set(pasted.clone());
        state.diagnose(pasted);
    });
    // The AccessKey for the live calls: in these signals only, never in the share link or storage.
    let key = LiveKey::new();

    view! {
        <Header lang=lang />
        <main class="page">
            <LinkError error=link_error lang=lang />
            <InputPanel text=text lang=lang on_edit=on_edit on_diagnose=on_diagnose on_example=on_example />
            {catalog_error.map(|e| view! { <p id="catalog-error" class="notice notice--error">{e}</p> })}
            <Results diagnosed_text=diagnosed_text diagnosis=diagnosis loading=loading finding_plans=finding_plans
                left_out=left_out lang=lang />
            {move || rest_shown.get().then(|| view! {
                <FixPanel plan=plan format=format target_kind=target_kind target_name=target_name
                    target_error=target_error lang=lang />
                <CredentialsPanel key=key lang=lang on_paste=on_paste />
                <LiveTools key=key diagnosis=diagnosis plan=plan target=target catalog=catalog lang=lang />
                <ShareLink fragment=share_fragment outgoing=outgoing reveal_ids=reveal_ids lang=lang />
            })}
        </main>
    }
}

/// Why the address bar's link could not be opened; the page keeps what it shows.
#[component]
fn LinkError(error: RwSignal<Option<ShareError>>, lang: RwSignal<Lang>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let words = e.message();
            view! {
                <p id="link-error" class="notice notice--error" role="alert">
                    {move || lang.get().workbench().link_error} " "
                    {move || if lang.get() == Lang::Zh { words.zh.clone() } else { words.en.clone() }}
                </p>
            }
        })
    }
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
