//! The key the page signs with and the relay it sends through: signals in this tab's memory, nothing else.

use leptos::prelude::*;
use ram_doctor_core::sign::Credentials;

use super::lookup::Session;

/// The credentials panel's fields. The secret is in these signals and in signed requests only: no storage, no
/// URL, no log (`Credentials`' `Debug` redacts it).
#[derive(Clone, Copy)]
pub struct LiveKey {
    pub id: RwSignal<String>,
    pub secret: RwSignal<String>,
    /// The STS security token, for temporary keys.
    pub token: RwSignal<String>,
    /// The relay's base address; empty for this page's own server.
    pub relay: RwSignal<String>,
}

impl LiveKey {
    pub fn new() -> LiveKey {
        LiveKey {
            id: RwSignal::new(String::new()),
            secret: RwSignal::new(String::new()),
            token: RwSignal::new(String::new()),
            relay: RwSignal::new(String::new()),
        }
    }

    /// The credentials, once both the id and the secret are filled in (tracked).
    pub fn credentials(&self) -> Option<Credentials> {
        let id = self.id.with(|v| v.trim().to_string());
        let secret = self.secret.with(|v| v.trim().to_string());
        if id.is_empty() || secret.is_empty() {
            return None;
        }
        let token = self.token.with(|v| v.trim().to_string());
        let credentials = Credentials::new(id, secret);
        Some(if token.is_empty() { credentials } else { credentials.with_security_token(token) })
    }

    /// What a call needs, once a key is entered (not tracked: read when a button is pressed).
    pub fn session(&self) -> Option<Session> {
        let credentials = untrack(|| self.credentials())?;
        Some(Session { credentials, relay: self.relay.get_untracked() })
    }

    /// Whether a key is entered (tracked).
    pub fn is_set(&self) -> bool {
        self.id.with(|v| !v.trim().is_empty()) && self.secret.with(|v| !v.trim().is_empty())
    }

    /// Drops the key from memory (the fields empty with it).
    pub fn forget(&self) {
        self.id.set(String::new());
        self.secret.set(String::new());
        self.token.set(String::new());
    }
}
