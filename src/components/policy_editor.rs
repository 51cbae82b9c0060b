use leptos::html;
use leptos::prelude::*;
use ram_doctor_core::policy::edit::{self, AccessGroup, ActionChoice, Controls, EditError, Edits, Seed, SCOPES};
use ram_doctor_core::policy::{lint, parse_document, Diagnostic, LintOptions, PolicyDocument, Scope};
use ram_doctor_core::Catalog;

use super::grant::pick;
use super::input_type;
use super::product_picker::ProductPick;
use crate::i18n::{severity_label, EditorTexts, Lang};

/// The custom policies the user edited: the policy's name in the plan → the JSON in its editor. Provided by
/// [`crate::app::App`]; the fix panel renders the plan with them, and the share link can carry them (it is
/// plain data: a map of names to texts).
#[derive(Clone, Copy)]
pub struct PolicyEdits(pub RwSignal<Edits>);

impl PolicyEdits {
    /// Puts the edits in the context for every editor below, starting with `start` (e.g. from a share link).
    pub fn provide(start: Edits) -> PolicyEdits {
        let edits = PolicyEdits(RwSignal::new(start));
        provide_context(edits);
        edits
    }
}

/// The text of a custom policy as the user left it: the edit kept for this name, else the plan's document.
/// Both ways: every change is written back to [`PolicyEdits`] (an edit back to the built policy is no edit),
/// so a card drawn again (language switch, a shard arriving) keeps it; and an edit put there from elsewhere
/// (a share link being opened) shows in the editor.
pub fn edited_policy(name: &str, document: &PolicyDocument) -> RwSignal<String> {
    let built = document.to_pretty_json();
    let edits = use_context::<PolicyEdits>();
    let start = edits.and_then(|e| e.0.with_untracked(|m| m.get(name).cloned())).unwrap_or_else(|| built.clone());
    let text = RwSignal::new(start);
    if let Some(PolicyEdits(edits)) = edits {
        let name = name.to_string();
        let watched = name.clone();
        Effect::new(move |_| {
            if let Some(kept) = edits.with(|m| m.get(&watched).cloned()) {
                if text.with_untracked(|t| *t != kept) {
                    text.set(kept);
                }
            }
        });
        Effect::new(move |_| {
            let now = text.get();
            let kept = edits.with_untracked(|m| m.get(&name).cloned());
            if now == built && kept.is_some() {
                edits.update(|m| {
                    m.remove(&name);
                });
            } else if now != built && kept.as_ref() != Some(&now) {
                edits.update(|m| {
                    m.insert(name.clone(), now);
                });
            }
        });
    }
    text
}

/// How many actions of a group the list shows before the user narrows it down.
const SHOWN_PER_GROUP: usize = 8;
/// How many when a search is typed.
const SHOWN_SEARCHED: usize = 40;

/// The editor of one custom policy: the needed actions ticked and more of the same product addable from a
/// searchable list grouped by access level, the resource scope and the conditions as controls, and the JSON
/// beside them. The JSON is the one truth: the controls are read back from it whenever it parses, and each
/// control changes it by a small edit (core's `policy::edit`). The checks run on every keystroke; their spans
/// are marked under the text and a fix, where a check offers one, is one click.
#[component]
pub fn PolicyEditor(
    /// The policy as the plan built it: what the scopes widen from and "back to the built policy" restores.
    document: PolicyDocument,
    /// The edited JSON, shared with the rendered policy and the simulator.
    text: RwSignal<String>,
    /// A unique suffix for the element ids (`0-0`: finding 0, custom policy 0).
    key: String,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let t = move || lang.get().editor();
    let catalog = use_context::<ProductPick>().map(|p| p.catalog).unwrap_or_else(|| RwSignal::new(Catalog::empty()));
    let seed = StoredValue::new(Seed::from_document(&document));
    let built = StoredValue::new(document.to_pretty_json());
    let parsed = Memo::new(move |_| text.with(|t| parse_document(t)));
    // While the JSON does not parse, the controls keep showing the last document that did.
    let current = Memo::new(move |prev: Option<&PolicyDocument>| match parsed.get() {
        Ok(doc) => doc,
        Err(_) => prev.cloned().unwrap_or_else(|| document.clone()),
    });
    let controls = Memo::new(move |_| {
        current.with(|doc| seed.with_value(|seed| catalog.with(|c| edit::read_controls(doc, seed, c))))
    });
    // The checks speak the page's language: a switch re-runs them (cheap) rather than keeping both.
    let diagnostics = Memo::new(move |_| {
        let options = LintOptions { lang: lang.get().core(), ..LintOptions::default() };
        text.with(|t| catalog.with(|c| lint(t, &options, c)))
    });
    let broken = Memo::new(move |_| parsed.with(Result::is_err));
    let condition_error = RwSignal::new(None::<EditError>);
    let area = NodeRef::<html::Textarea>::new();
    let id = move |name: &str| format!("{name}-{key}");

    let set_doc = move |doc: PolicyDocument| text.set(doc.to_pretty_json());
    let toggle = move |action: String, on: bool| {
        let doc = current.with_untracked(|d| {
            seed.with_value(|s| catalog.with_untracked(|c| edit::with_action(d, s, &action, on, c)))
        });
        set_doc(doc);
    };
    let set_scope = move |scope: Scope| {
        let doc = current
            .with_untracked(|d| seed.with_value(|s| catalog.with_untracked(|c| edit::with_scope(d, s, scope, c))));
        set_doc(doc);
    };
    let change_conditions = move |change: &dyn Fn(&mut Controls)| {
        let mut c = controls.get_untracked();
        change(&mut c);
        match current.with_untracked(|d| edit::with_conditions(d, &c.conditions, c.not_before.as_deref())) {
            Ok(doc) => {
                condition_error.set(None);
                set_doc(doc);
            }
            Err(e) => condition_error.set(Some(e)),
        }
    };

    // The needed actions first (ticked or not), then the ones added.
    let action_rows = move || {
        let c = controls.get();
        let mut list = seed.with_value(Seed::actions);
        for a in &c.actions {
            if !list.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                list.push(a.clone());
            }
        }
        list.into_iter()
            .map(|action| {
                let on = c.actions.iter().any(|a| a.eq_ignore_ascii_case(&action));
                let needed = seed.with_value(|s| s.is_needed(&action));
                let (shown, value) = (action.clone(), action.clone());
                view! {
                    <li class="editor__action">
                        <label>
                            <input use:input_type="checkbox" class="editor__tick" data-action=value prop:checked=on
                                on:change=move |ev| toggle(action.clone(), event_target_checked(&ev)) />
                            " " <code>{shown}</code>
                            {needed.then(|| view! { " " <span class="badge editor__needed">{move || t().needed}</span> })}
                        </label>
                    </li>
                }
            })
            .collect_view()
    };

    // More actions of the same products, from the catalog, grouped by access level and searchable.
    let query = RwSignal::new(String::new());
    let products = seed.with_value(Seed::products);
    let choices = Memo::new(move |_| {
        let products = seed.with_value(Seed::products);
        catalog.with(|c| {
            products.into_iter().map(|code| (code.clone(), edit::action_choices(c, &code))).collect::<Vec<_>>()
        })
    });
    let add_list = move || {
        let ticked = controls.with(|c| c.actions.clone());
        let q = query.get();
        choices
            .get()
            .into_iter()
            .map(|(code, choices)| match choices {
                None => view! { <p class="muted editor__loading">{move || t().loading_actions} " (" {code} ")"</p> }
                    .into_any(),
                Some(choices) => {
                    let found = edit::matching(&choices, &q);
                    let limit = if q.trim().is_empty() { SHOWN_PER_GROUP } else { SHOWN_SEARCHED };
                    AccessGroup::ALL
                        .into_iter()
                        .filter_map(|group| {
                            let in_group: Vec<&ActionChoice> =
                                found.iter().copied().filter(|c| c.group == group).collect();
                            (!in_group.is_empty()).then(|| group_view(group, &in_group, limit, &ticked, toggle, lang))
                        })
                        .collect_view()
                        .into_any()
                }
            })
            .collect_view()
    };

    let scope_value = move || match controls.with(|c| c.scope) {
        Some(scope) => scope_name(scope),
        None => "custom",
    };
    let ip_text = move || controls.with(|c| c.conditions.source_ips.join(", "));
    let marks = move || {
        let diags = diagnostics.get();
        let spans: Vec<_> = diags.iter().map(|d| d.span).collect();
        let pieces = text.with(|t| {
            edit::marked_pieces(t, &spans).into_iter().map(|(piece, i)| (piece.to_string(), i)).collect::<Vec<_>>()
        });
        let views = pieces
            .into_iter()
            .map(|(piece, i)| match i.map(|i| &diags[i]) {
                None => piece.into_any(),
                Some(d) => {
                    let class = format!("editor__mark editor__mark--{}", d.severity.as_str());
                    view! { <mark class=class data-id=d.id.clone() title=d.message.clone()>{piece}</mark> }.into_any()
                }
            })
            .collect_view();
        // A final newline in a <pre> is swallowed; the space keeps the last line as tall as the text area's.
        view! { {views} " " }
    };
    let sync_scroll = move |backdrop: NodeRef<html::Pre>| {
        if let (Some(area), Some(back)) = (area.get_untracked(), backdrop.get_untracked()) {
            back.set_scroll_top(area.scroll_top());
            back.set_scroll_left(area.scroll_left());
        }
    };
    let backdrop = NodeRef::<html::Pre>::new();
    let select_span = move |d: &Diagnostic| {
        let Some(area) = area.get_untracked() else {
            return;
        };
        let (start, end) = text.with_untracked(|t| (utf16_offset(t, d.span.start), utf16_offset(t, d.span.end)));
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
    };
    let problems = move || {
        let lang = lang.get();
        let diags = diagnostics.get();
        if diags.is_empty() {
            return view! { <p class="problems__none">{lang.editor().no_problems}</p> }.into_any();
        }
        let items = diags
            .into_iter()
            .map(|d| {
                let severity = d.severity.as_str();
                let fix = d.fix.clone().map(|fix| {
                    let title = pick(&fix.title, lang);
                    view! {
                        <button type="button" class="button button--small problem__fix"
                            on:click=move |_| {
                                if let Some(fixed) = text.with_untracked(|t| fix.apply(t)) {
                                    text.set(fixed);
                                }
                            }>{title}</button>
                    }
                });
                let shown = d.clone();
                view! {
                    <li class=format!("problem problem--{severity}") data-id=d.id.clone() data-severity=severity>
                        <span class="problem__id">{d.id.clone()}</span>
                        " " <span class="badge problem__severity">{severity_label(d.severity, lang)}</span>
                        " " <span class="problem__where">{format!("{} {}, {} {}", lang.editor().line, d.line, lang.editor().column, d.column)}</span>
                        " " <span class="problem__title">{check_title(&d.id, lang)}</span>
                        " " <span class="problem__message">{d.message.clone()}</span>
                        <span class="problem__buttons">
                            <button type="button" class="button button--small problem__show"
                                on:click=move |_| select_span(&shown)>{lang.editor().show}</button>
                            {fix}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="problems__list">{items}</ul> }.into_any()
    };
    let parse_error = move || {
        parsed.get().err().map(|e| {
            let t = t();
            view! {
                <p class="editor__error" role="alert" data-line=e.line.to_string() data-column=e.column.to_string()>
                    {t.broken} " " {format!("{} {}, {} {}: {}", t.line, e.line, t.column, e.column, e.message)}
                </p>
            }
        })
    };
    let has_products = !products.is_empty();
    let products_label = products.join(", ");

    view! {
        <details class="policy-editor" id=id("editor")>
            <summary class="policy-editor__summary">{move || t().title}</summary>
            <div class="policy-editor__body">
                <fieldset class="editor__controls" prop:disabled=move || broken.get()>
                    <fieldset class="editor__group">
                        <legend>{move || t().actions}</legend>
                        <ul class="editor__actions">{action_rows}</ul>
                    </fieldset>
                    {has_products.then(|| view! {
                        <fieldset class="editor__group editor__add">
                            <legend>{move || t().add_actions} " " {products_label.clone()}</legend>
                            <label for=id("action-search")>{move || t().search}</label>
                            <input id=id("action-search") class="editor__search" use:input_type="search" autocomplete="off" spellcheck="false"
                                placeholder=move || t().search_hint
                                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                            <div class="editor__choices">{add_list}</div>
                        </fieldset>
                    })}
                    <fieldset class="editor__group">
                        <legend>{move || t().scope}</legend>
                        <label for=id("scope")>{move || t().scope}</label>
                        <select id=id("scope") class="editor__scope" prop:value=scope_value
                            on:change=move |ev| {
                                if let Some(scope) = SCOPES.into_iter().find(|s| scope_name(*s) == event_target_value(&ev)) {
                                    set_scope(scope);
                                }
                            }>
                            {SCOPES.map(|scope| view! {
                                <option value=scope_name(scope) prop:selected=move || controls.with(|c| c.scope == Some(scope))>
                                    {move || scope_label(scope, t())}
                                </option>
                            })}
                            <option value="custom" disabled=true prop:selected=move || controls.with(|c| c.scope.is_none())>
                                {move || t().scope_custom}
                            </option>
                        </select>
                    </fieldset>
                    <fieldset class="editor__group editor__conditions">
                        <legend>{move || t().conditions}</legend>
                        <label for=id("source-ip")>{move || t().source_ip}</label>
                        <input id=id("source-ip") class="editor__source-ip" type="text" autocomplete="off" spellcheck="false"
                            placeholder=move || t().source_ip_hint prop:value=ip_text
                            on:change=move |ev| {
                                let ips = split_list(&event_target_value(&ev));
                                change_conditions(&|c| c.conditions.source_ips = ips.clone());
                            } />
                        <label class="editor__check">
                            <input use:input_type="checkbox" class="editor__https" prop:checked=move || controls.with(|c| c.conditions.secure_transport)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    change_conditions(&|c| c.conditions.secure_transport = on);
                                } />
                            " " {move || t().https_only}
                        </label>
                        <label class="editor__check">
                            <input use:input_type="checkbox" class="editor__mfa" prop:checked=move || controls.with(|c| c.conditions.mfa)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    change_conditions(&|c| c.conditions.mfa = on);
                                } />
                            " " {move || t().mfa}
                        </label>
                        <label for=id("not-before")>{move || t().not_before}</label>
                        <input id=id("not-before") class="editor__not-before" type="text" autocomplete="off" spellcheck="false"
                            placeholder=move || t().time_hint prop:value=move || controls.with(|c| c.not_before.clone().unwrap_or_default())
                            on:change=move |ev| {
                                let at = non_empty(event_target_value(&ev));
                                change_conditions(&|c| c.not_before = at.clone());
                            } />
                        <label for=id("not-after")>{move || t().not_after}</label>
                        <input id=id("not-after") class="editor__not-after" type="text" autocomplete="off" spellcheck="false"
                            placeholder=move || t().time_hint prop:value=move || controls.with(|c| c.conditions.expires.clone().unwrap_or_default())
                            on:change=move |ev| {
                                let at = non_empty(event_target_value(&ev));
                                change_conditions(&|c| c.conditions.expires = at.clone());
                            } />
                        {move || condition_error.get().map(|e| view! {
                            <p class="editor__error editor__condition-error" role="alert">{pick(&e.message(), lang.get())}</p>
                        })}
                    </fieldset>
                </fieldset>
                <div class="editor__source">
                    <label for=id("policy-json")>{move || t().json}</label>
                    <div class="editor__code">
                        <pre class="editor__backdrop" aria-hidden="true" node_ref=backdrop>{marks}</pre>
                        <textarea id=id("policy-json") class="editor__json" rows="18" spellcheck="false" autocomplete="off"
                            wrap="off" node_ref=area
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                            on:scroll=move |_| sync_scroll(backdrop)></textarea>
                    </div>
                    {parse_error}
                    <button type="button" class="button button--small editor__reset"
                        on:click=move |_| text.set(built.get_value())>{move || t().reset}</button>
                    <section class="problems" aria-live="polite">
                        <h5 class="problems__title">{move || t().problems}</h5>
                        {problems}
                    </section>
                </div>
            </div>
        </details>
    }
}

/// One access-level group of the "add actions" list: at most `limit` actions, with how many more there are.
fn group_view(
    group: AccessGroup,
    choices: &[&ActionChoice],
    limit: usize,
    ticked: &[String],
    toggle: impl Fn(String, bool) + Copy + Send + Sync + 'static,
    lang: Signal<Lang>,
) -> impl IntoView {
    let label = group.label();
    let more = choices.len().saturating_sub(limit);
    let items = choices
        .iter()
        .take(limit)
        .map(|choice| {
            let on = ticked.iter().any(|a| a.eq_ignore_ascii_case(&choice.action));
            let (action, shown, value) = (choice.action.clone(), choice.action.clone(), choice.action.clone());
            let inferred = choice.inferred.then(|| {
                view! {
                    " " <span class="editor__inferred" title=move || lang.get().editor().inferred_hint>
                        {move || lang.get().editor().inferred}
                    </span>
                }
            });
            let title = choice.title.clone().map(|t| view! { " " <span class="editor__title">{t}</span> });
            view! {
                <li>
                    <label>
                        <input use:input_type="checkbox" class="editor__add-tick" data-action=value prop:checked=on
                            on:change=move |ev| toggle(action.clone(), event_target_checked(&ev)) />
                        " " <code>{shown}</code>{inferred}{title}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="action-group" data-group=group.as_str()>
            <legend>{move || pick(&label, lang.get())}</legend>
            <ul class="action-group__list">{items}</ul>
            {(more > 0).then(|| view! { <p class="muted action-group__more">"+" {more} " " {move || lang.get().editor().more}</p> })}
        </fieldset>
    }
}

/// The option value of a scope (core's serde spelling).
fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Exact => "exact",
        Scope::Region => "region",
        Scope::Account => "account",
        Scope::Any => "any",
    }
}

fn scope_label(scope: Scope, t: &EditorTexts) -> &'static str {
    match scope {
        Scope::Exact => t.scope_exact,
        Scope::Region => t.scope_region,
        Scope::Account => t.scope_account,
        Scope::Any => t.scope_any,
    }
}

/// `203.0.113.0/24, 198.51.100.7` → the entries (commas or spaces between them).
fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn non_empty(text: String) -> Option<String> {
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// A byte offset in `text` as the UTF-16 offset the browser's selection API counts in.
fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count() as u32
}

/// The check's title in the page's language (the hit's detail stays in English).
fn check_title(id: &str, lang: Lang) -> String {
    ram_doctor_core::policy::check::check_info(id)
        .map(|c| format!("{}:", if lang == Lang::Zh { c.title.1 } else { c.title.0 }))
        .unwrap_or_default()
}
