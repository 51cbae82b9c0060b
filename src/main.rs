//! RAM Doctor's web page (Leptos CSR). UI only: every conclusion comes from `ram-doctor-core`.
//! The UI is compiled for wasm32 only; a native build is a stub so `cargo build` stays fast.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <p>"RAM Doctor"</p> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ram-doctor-web runs in a browser: `cargo xtask serve` builds and serves it");
}
