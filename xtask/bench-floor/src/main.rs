//! A counter: the least a Leptos CSR page can be, to weigh the page against.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let (count, set_count) = signal(0);
        view! { <button on:click=move |_| set_count.update(|n| *n += 1)>"Clicked " {count} " times"</button> }
    });
}
