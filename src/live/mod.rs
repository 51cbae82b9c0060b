//! Talking to RAM, STS and IMS from the page. The browser signs with core's signer (the clock from `Date`, the
//! nonce from `crypto.getRandomValues`) and sends the signed request through the relay, which only forwards:
//! the secret never leaves this tab. Credentials live in signals, never in storage, the URL or a log.

pub mod gap;
pub mod key_policy;
pub mod relay;

#[cfg(target_arch = "wasm32")]
mod call;
#[cfg(target_arch = "wasm32")]
mod key;
#[cfg(target_arch = "wasm32")]
pub mod lookup;
#[cfg(target_arch = "wasm32")]
pub use call::CallError;
#[cfg(target_arch = "wasm32")]
pub use key::LiveKey;
