//! RAM Doctor's web page (Leptos CSR). UI only: every conclusion comes from `ram-doctor-core`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| leptos::view! { <p>"RAM Doctor"</p> });
}
