//! A crash is a banner, not a dead page: on a panic the page shows what happened and a "reload keeping my text"
//! button. The text goes into `sessionStorage` only when that button is pressed, with every credential cut
//! (core's redaction), and the next load takes it out again: it lives there for that one reload.
//!
//! The banner is built with plain DOM calls, not Leptos: after a panic the page's own state may be half-updated.

use std::sync::atomic::{AtomicBool, Ordering};

use ram_doctor_core::redact::{redact, RedactOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;

/// Where the text waits for the reload.
const STASH_KEY: &str = "ram-doctor:text-after-crash";

/// Whether the banner is already up (a crashed page may panic again on the next event).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Logs panics to the console (as before) and shows the banner.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if !SHOWN.swap(true, Ordering::SeqCst) {
            // Nothing more can be done if even the banner fails: the console has the panic.
            let _ = show_banner();
        }
    }));
}

/// The text stashed by "reload keeping my text", removed as it is read.
pub fn take_rescued_text() -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok()??;
    let text = storage.get_item(STASH_KEY).ok()??;
    let _ = storage.remove_item(STASH_KEY);
    Some(text)
}

fn show_banner() -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    // The box's text as it is now, redacted at once: the closure below holds only the redacted copy.
    let text = document
        .get_element_by_id("input")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|area| redact(&area.value(), &RedactOptions { reveal_ids: true }).text)
        .unwrap_or_default();
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .map_or(Lang::En, |l| Lang::from_code(&l));
    let words = lang.workbench();

    let banner = document.create_element("div").ok()?;
    banner.set_id("panic-banner");
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    let message = document.create_element("p").ok()?;
    message.set_text_content(Some(words.crashed));
    let button = document.create_element("button").ok()?;
    button.set_id("panic-reload");
    button.set_class_name("button button--primary");
    button.set_text_content(Some(words.reload_keeping));
    let reload = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            if let Ok(Some(storage)) = window.session_storage() {
                // Without storage the reload still happens, only without the text.
                let _ = storage.set_item(STASH_KEY, &text);
            }
            let _ = window.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", reload.unchecked_ref()).ok()?;
    banner.append_child(&message).ok()?;
    banner.append_child(&button).ok()?;
    document.body()?.prepend_with_node_1(&banner).ok()?;
    Some(())
}

/// Panics on purpose, so the browser tests can check the banner on a real crash.
#[wasm_bindgen]
pub fn ram_doctor_panic_for_tests() {
    panic!("a panic asked for by the browser tests");
}
