use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use ram_doctor_core::catalog::ProductChoice;
use ram_doctor_core::finding::ProductGuess;
use ram_doctor_core::Catalog;

use super::grant::pick;
use crate::i18n::Lang;

/// How many products the list shows at once.
const SHOWN: usize = 12;

/// What the picker reads and writes, provided by [`crate::app::App`]: the catalog to search and the chosen
/// product (RAM code), which every plan and the share link follow.
#[derive(Clone, Copy)]
pub struct ProductPick {
    pub catalog: RwSignal<Catalog>,
    pub chosen: RwSignal<Option<String>>,
}

/// An ARIA combobox for a finding whose product is not certain: a text input filtering a listbox of products
/// (English and Chinese names, RAM codes, hosts), the engine's guesses first with their reasons; arrow keys
/// move, Enter or a click chooses.
#[component]
pub fn ProductPicker(
    /// The engine's guesses (a late shard may sharpen them: the list follows, the typed query stays).
    #[prop(into)]
    guesses: Signal<Vec<ProductGuess>>,
    index: usize,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let Some(pick_state) = use_context::<ProductPick>() else { return ().into_any() };
    let ProductPick { catalog, chosen } = pick_state;
    let texts = move || lang.get().texts();
    let (input_id, list_id) = (format!("product-picker-{index}"), format!("product-options-{index}"));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let choices = Memo::new(move |_| guesses.with(|g| catalog.with(|c| c.product_choices(g, &query.get(), SHOWN))));
    let choose = move |choice: &ProductChoice| {
        chosen.set(Some(choice.ram_code.clone()));
        query.set(String::new());
        open.set(false);
    };
    let on_key = move |ev: KeyboardEvent| {
        let count = choices.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.set(if open.get() { (active.get() + 1) % count } else { 0 });
                open.set(true);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.set((active.get() + count - 1) % count);
                open.set(true);
            }
            "Enter" if open.get() => {
                ev.prevent_default();
                if let Some(choice) = choices.with(|c| c.get(active.get()).cloned()) {
                    choose(&choice);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    let option_id = {
        let list_id = list_id.clone();
        move |n: usize| format!("{list_id}-{n}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || (open.get() && choices.with(|c| !c.is_empty())).then(|| option_id(active.get()))
    };
    let options = {
        let option_id = option_id.clone();
        move || {
            let lang = lang.get();
            choices
                .get()
                .into_iter()
                .enumerate()
                .map(|(n, choice)| {
                    let selected = move || active.get() == n;
                    let name = match (&choice.name_zh, lang) {
                        (Some(zh), Lang::Zh) => format!("{zh} · {}", choice.name_en),
                        (Some(zh), Lang::En) => format!("{} · {zh}", choice.name_en),
                        (None, _) => choice.name_en.clone(),
                    };
                    let reason = choice.reason.as_ref().map(|r| pick(r, lang));
                    let (code, shown_code) = (choice.ram_code.clone(), choice.ram_code.clone());
                    let clicked = choice.clone();
                    view! {
                        <li id=option_id(n) role="option" class="picker__option" data-code=code
                            aria-selected=move || selected().to_string()
                            on:mousedown=move |ev| { ev.prevent_default(); choose(&clicked); }>
                            <span class="picker__name">{name}</span>
                            <code class="picker__code">{shown_code}</code>
                            {choice.host.map(|h| view! { <span class="picker__host">{h}</span> })}
                            {reason.map(|r| view! { <span class="picker__reason">{r}</span> })}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let current = move || chosen.get().unwrap_or_default();
    view! {
        <div class="picker">
            <label class="picker__label" for=input_id.clone()>{move || texts().choose_product}</label>
            <input id=input_id type="text" class="picker__input" role="combobox" autocomplete="off"
                aria-autocomplete="list" aria-controls=list_id.clone() aria-expanded=move || open.get().to_string()
                aria-activedescendant=active_descendant
                placeholder=move || texts().choose_product_hint
                prop:value=move || if open.get() { query.get() } else { current() }
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); open.set(true); }
                on:keydown=on_key />
            <ul id=list_id role="listbox" class="picker__list" aria-label=move || texts().choose_product hidden=move || !open.get()>
                {options}
            </ul>
        </div>
    }
    .into_any()
}
