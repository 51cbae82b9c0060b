//! The page's pieces, each small and fed by props from [`crate::app::App`].

mod apply;
mod call_error;
mod compare;
mod copy;
mod credentials;
mod decode;
mod error_table;
mod finding;
mod fix;
mod gap;
mod grant;
mod header;
mod input;
mod live_tools;
mod policy_editor;
mod product_picker;
mod results;
mod share_link;
mod simulator;
mod whoami;

pub use credentials::CredentialsPanel;
pub use fix::FixPanel;
pub use header::Header;
pub use input::InputPanel;
pub use live_tools::LiveTools;
pub use policy_editor::PolicyEdits;
pub use product_picker::ProductPick;
pub use results::Results;
pub use share_link::ShareLink;

/// Gives an `<input>` its `type` (`use:input_type="checkbox"`) as a directive, not an attribute. The wasm is
/// built with `--cfg erase_components`, and tachys then redraws an element in place by removing every attribute
/// it set and setting each again: an input's `type` went checkbox → text → checkbox, after which Chromium left
/// the box without layout (invisible, not clickable). A directive names no attribute, so nothing removes it, and
/// setting the type it already has is skipped.
pub fn input_type(el: web_sys::Element, kind: &'static str) {
    if el.get_attribute("type").as_deref() != Some(kind) {
        let _ = el.set_attribute("type", kind);
    }
}
