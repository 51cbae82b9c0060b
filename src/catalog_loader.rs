//! The page's catalog: the index is compiled into the wasm (every diagnosis needs it at once); the per-product
//! shards are fetched over HTTP the first time a diagnosis asks for them, kept in memory, and the text is
//! diagnosed again with them.

use std::collections::BTreeSet;
use std::fmt;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::catalog::CatalogError;
use ram_doctor_core::{Catalog, Diagnosis};

/// `data/index.json`, as committed.
const INDEX: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/index.json"));

/// The catalog from the embedded index.
pub fn index_catalog() -> Result<Catalog, CatalogError> {
    Catalog::from_index(INDEX)
}

/// Shards asked for, and the ones that could not be had (so they are not asked for again and again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShardState {
    pub requested: BTreeSet<String>,
    pub failed: Vec<(String, String)>,
}

/// [`load_shards`] for the shards `diagnosis` asks for.
pub fn load_wanted_shards(diagnosis: Memo<Diagnosis>, catalog: RwSignal<Catalog>) -> (Memo<bool>, RwSignal<ShardState>) {
    load_shards(Memo::new(move |_| diagnosis.with(|d| d.wanted_shards.clone())), catalog)
}

/// Watches `wanted` (the shards the diagnosis and the plans ask for) and fetches every one not asked for yet;
/// each one that arrives is added to `catalog`, which makes the diagnosis and the plans run again. Returns
/// whether a fetch is still under way.
pub fn load_shards(wanted: Memo<Vec<String>>, catalog: RwSignal<Catalog>) -> (Memo<bool>, RwSignal<ShardState>) {
    let state = RwSignal::new(ShardState::default());
    Effect::new(move |_| {
        let wanted = wanted.get();
        for code in wanted {
            if state.with_untracked(|s| s.requested.contains(&code)) {
                continue;
            }
            state.update(|s| {
                s.requested.insert(code.clone());
            });
            spawn_local(async move {
                let loaded = match fetch_shard(&code).await {
                    Ok(bytes) => catalog.try_update(|c| c.add_shard(&code, &bytes).map_err(ShardError::Catalog)),
                    Err(e) => Some(Err(e)),
                };
                if let Some(Err(e)) = loaded {
                    leptos::logging::warn!("shard {code}: {e}");
                    state.update(|s| s.failed.push((code, e.to_string())));
                }
            });
        }
    });
    // Loading while the diagnosis still wants a shard that has not failed.
    let loading = Memo::new(move |_| {
        wanted.with(|w| state.with(|s| w.iter().any(|code| !s.failed.iter().any(|(f, _)| f == code))))
    });
    (loading, state)
}

/// Why a shard could not be added.
#[derive(Debug)]
enum ShardError {
    Network(String),
    Status(u16),
    Catalog(CatalogError),
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardError::Network(e) => write!(f, "cannot fetch: {e}"),
            ShardError::Status(status) => write!(f, "the server answered HTTP {status}"),
            ShardError::Catalog(e) => write!(f, "{e}"),
        }
    }
}

/// GETs `shards/<code>.json` next to the page (Trunk copies `data/shards/` into the build).
async fn fetch_shard(code: &str) -> Result<Vec<u8>, ShardError> {
    let url = Catalog::shard_path(code);
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| ShardError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ShardError::Status(response.status()));
    }
    response.binary().await.map_err(|e| ShardError::Network(e.to_string()))
}
