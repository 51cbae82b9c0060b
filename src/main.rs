//! RAM Doctor's web page (Leptos CSR). UI only: every conclusion comes from `ram_doctor_core::diagnose`.
//!
//! The page exists only as WebAssembly; a native build compiles just the pure parts (the share-link codec, the evidence excerpt)
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
mod live;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod share;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ram-doctor-web is a WebAssembly page: build it with `cargo xtask dist` (or serve it with `cargo xtask serve`)");
    std::process::exit(2);
}
