//! The page's state that a share link carries, as signals. Core writes and reads the link
//! ([`ram_doctor_core::share`]: versioned, compressed, every credential cut); this only maps its fields to the
//! signals the components use, and the address bar to and from it.

use leptos::prelude::*;
use ram_doctor_core::grant::{Format, PrincipalKind};
use ram_doctor_core::redact::RedactOptions;
use ram_doctor_core::share::{self, Outgoing, ShareError, ShareState};

use crate::i18n::Lang;

/// Everything a link restores, as signals. Provided as context so that a panel (the policy editor) sets its part
/// (`policy`, `tab`) without a prop through every layer.
#[derive(Clone, Copy)]
pub struct PageState {
    /// What the box holds.
    pub text: RwSignal<String>,
    /// What was last diagnosed (the box after a pause, or on "Diagnose"): what the link carries.
    pub diagnosed_text: RwSignal<String>,
    pub lang: RwSignal<Lang>,
    /// The product chosen in the picker for findings that name none.
    pub product: RwSignal<Option<String>>,
    pub target_kind: RwSignal<PrincipalKind>,
    pub target_name: RwSignal<String>,
    /// The fix's output format.
    pub format: RwSignal<Format>,
    /// The custom policy as edited (JSON text); `None` while the plan's own is shown.
    pub policy: RwSignal<Option<String>>,
    /// The open workbench tab, named by the panel that has tabs.
    pub tab: RwSignal<Option<String>>,
    /// Error rows (finding indexes) left out of the merged grant.
    pub left_out: RwSignal<Vec<usize>>,
}

impl PageState {
    /// An empty page in `lang`.
    pub fn new(lang: Lang) -> Self {
        PageState {
            text: RwSignal::new(String::new()),
            diagnosed_text: RwSignal::new(String::new()),
            lang: RwSignal::new(lang),
            product: RwSignal::new(None),
            target_kind: RwSignal::new(PrincipalKind::User),
            target_name: RwSignal::new(String::new()),
            format: RwSignal::new(Format::Console),
            policy: RwSignal::new(None),
            tab: RwSignal::new(None),
            left_out: RwSignal::new(Vec::new()),
        }
    }

    /// Puts a link's state on the page; fields the link lacks keep their value (an old link has no format).
    pub fn restore(&self, shared: ShareState) {
        self.text.set(shared.text.clone());
        self.diagnosed_text.set(shared.text);
        if let Some(lang) = shared.lang {
            self.lang.set(Lang::from_code(&lang));
        }
        self.product.set(shared.product);
        if let Some(kind) = shared.target_kind {
            self.target_kind.set(kind);
        }
        self.target_name.set(shared.target_name.unwrap_or_default());
        if let Some(format) = shared.format.as_deref().and_then(Format::from_name) {
            self.format.set(format);
        }
        self.policy.set(shared.policy);
        self.tab.set(shared.tab);
        self.left_out.set(shared.left_out);
    }

    /// Diagnoses `text` now; a new text starts with every row in the grant.
    pub fn diagnose(&self, text: String) {
        if self.diagnosed_text.with_untracked(|t| *t != text) {
            self.left_out.set(Vec::new());
        }
        self.diagnosed_text.set(text);
    }

    /// The state as a link would carry it (reactive: read inside a memo), naming the catalog `shards` its
    /// diagnosis reads so that the page opening it can fetch them early.
    fn snapshot(&self, shards: Vec<String>) -> ShareState {
        let name = self.target_name.with(|n| n.trim().to_string());
        ShareState {
            text: self.diagnosed_text.get(),
            lang: Some(self.lang.get().code().to_string()),
            product: self.product.get(),
            target_kind: Some(self.target_kind.get()),
            target_name: (!name.is_empty()).then_some(name),
            policy: self.policy.get(),
            format: Some(self.format.get().name().to_string()),
            tab: self.tab.get(),
            left_out: self.left_out.get(),
            shards: Some(shards),
        }
    }

    /// What the link carries now (with the catalog `shards` its diagnosis reads), with ids masked unless
    /// `reveal_ids`; `None` while the box is empty. A text too long for a link is refused before it is redacted
    /// (a 10 MB paste is never scanned for a link).
    pub fn outgoing(&self, reveal_ids: bool, shards: Vec<String>) -> Option<Result<Outgoing, ShareError>> {
        let state = self.snapshot(shards);
        if state.text.trim().is_empty() {
            return None;
        }
        if state.text.len() > share::MAX_TEXT_BYTES {
            return Some(Err(ShareError::TextTooLarge { bytes: state.text.len(), max: share::MAX_TEXT_BYTES }));
        }
        Some(Ok(share::outgoing(&state, &RedactOptions { reveal_ids })))
    }
}

/// The fragment without `#`, if the URL has one.
pub fn location_hash() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.is_empty()).then(|| hash.to_string())
}

/// Opens the address bar's link on the page: its state, or the reason it cannot be read (the page keeps
/// what it shows).
pub fn open_link(state: &PageState, link_error: RwSignal<Option<ShareError>>) {
    match location_hash().map(|hash| share::decode(&hash)) {
        Some(Ok(Some(shared))) => {
            link_error.set(None);
            state.restore(shared);
        }
        Some(Err(e)) => link_error.set(Some(e)),
        Some(Ok(None)) | None => {}
    }
}

/// Puts the share fragment in the address bar without adding a history entry or reloading; no fragment when
/// there is no link.
pub fn replace_url_fragment(fragment: Option<&str>) {
    let url = match fragment {
        Some(fragment) => format!("#{fragment}"),
        None => {
            let location = window().location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_else(|_| "/".to_string()),
                location.search().unwrap_or_default()
            )
        }
    };
    // Failing to update the address bar only costs the share link; the diagnosis still shows.
    let _ = window().history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
}
