//! RAM Doctor's web page (Leptos CSR). UI only: every conclusion comes from `ram_doctor_core::diagnose`.
//!
//! The page exists only as WebAssembly; a native build compiles just the pure parts (the evidence excerpt, the input limits)
//! so that `cargo test` covers them.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod catalog_loader;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod evidence;
#[cfg(target_arch = "wasm32")]
mod examples;
#[cfg(target_arch = "wasm32")]
mod i18n;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod input_check;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod live;
#[cfg(target_arch = "wasm32")]
mod panic_banner;
#[cfg(target_arch = "wasm32")]
mod share;

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic shows a banner with "reload keeping my text" instead of leaving a dead page.
    panic_banner::install();
    // The index is already on its way (`index.html` preloads it beside the wasm); the page mounts once it is read,
    // or failed to be (the page then says so and diagnoses without it).
    mark("ram-doctor:wasm-started");
    wasm_bindgen_futures::spawn_local(async {
        // A share link's shards before the first render, so it shows the final diagnosis at once: those it names
        // beside the index (one diagnosis, in the page), or, for a link that does not name them, those a first
        // diagnosis with the index asks for.
        let shared = shared_link();
        catalog_loader::fetch_index(shared.as_ref().and_then(|s| s.shards.as_deref()).unwrap_or_default()).await;
        if let Some(shared) = shared.filter(|s| s.shards.is_none()) {
            catalog_loader::fetch_shards_for(&shared.text, shared.product).await;
        }
        leptos::mount::mount_to_body(app::App);
        mark("ram-doctor:mounted");
    });
}

/// The share link in the address bar, if the page was opened with one.
#[cfg(target_arch = "wasm32")]
fn shared_link() -> Option<ram_doctor_core::share::ShareState> {
    ram_doctor_core::share::decode(&share::location_hash()?).ok().flatten()
}

/// A `performance.mark(name)`, so a benchmark (or DevTools) can tell where the first load's time goes.
#[cfg(target_arch = "wasm32")]
fn mark(name: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let global = js_sys::global();
    let Ok(performance) = js_sys::Reflect::get(&global, &JsValue::from_str("performance")) else { return };
    if let Ok(mark) = js_sys::Reflect::get(&performance, &JsValue::from_str("mark")) {
        if let Some(mark) = mark.dyn_ref::<js_sys::Function>() {
            // Only the timing is lost if a browser has no User Timing API.
            let _ = mark.call1(&performance, &JsValue::from_str(name));
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ram-doctor-web is a WebAssembly page: build it with `cargo xtask dist` (or serve it with `cargo xtask serve`)"
    );
    std::process::exit(2);
}
