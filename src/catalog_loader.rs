//! The page's catalog: the index is fetched once, before the page mounts (`index.html` preloads it in parallel
//! with the wasm, so it is not compiled into the wasm), with the shards a share link names; the other
//! per-product shards are fetched over HTTP the first time a diagnosis asks for them, kept in memory, and the
//! text is diagnosed again with them.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ram_doctor_core::catalog::CatalogError;
use ram_doctor_core::grant::{GrantPlan, PlanOptions};
use ram_doctor_core::{Catalog, Diagnosis, Finding};

/// Where Trunk copies `data/index.json` (next to the page; `index.html` preloads the same URL).
const INDEX_URL: &str = "index.json";

thread_local! {
    /// The index as fetched by [`fetch_index`], until the page takes it with [`index_catalog`].
    static INDEX: RefCell<Option<Result<Catalog, LoadError>>> = const { RefCell::new(None) };
}

/// Fetches and reads the index, and the `shards` a share link names (fetched at the same time: `index.html`
/// preloads them beside the wasm); call (and await) before mounting the page, which takes it with
/// [`index_catalog`]. A shard that cannot be had is left for the page, which asks again and says why it failed.
pub async fn fetch_index(shards: &[String]) {
    let (index, fetched) = futures::future::join(fetch(INDEX_URL), fetch_all(shards)).await;
    let loaded = match index {
        Ok(bytes) => {
            crate::mark("ram-doctor:index-fetched");
            Catalog::from_index(&bytes).map_err(LoadError::Catalog)
        }
        Err(e) => Err(e),
    };
    crate::mark("ram-doctor:index-read");
    INDEX.with(|index| *index.borrow_mut() = Some(loaded));
    if !shards.is_empty() {
        add_fetched(shards, fetched);
    }
}

/// For a share link that does not name its shards (`text`, with the link's chosen `product`): fetches the shards
/// its diagnosis and plans ask for into the fetched index, so the page's first render is the final diagnosis
/// (not a provisional one that changes when the shards arrive). Call after [`fetch_index`], before mounting.
pub async fn fetch_shards_for(text: &str, product: Option<String>) {
    let wanted = INDEX.with(|index| match &*index.borrow() {
        Some(Ok(catalog)) => {
            let diagnosis = ram_doctor_core::diagnose(text, catalog);
            let plans = finding_plans(&diagnosis, catalog, product);
            wanted_shards(&diagnosis, &plans, catalog)
        }
        _ => Vec::new(),
    });
    crate::mark("ram-doctor:share-diagnosed");
    let fetched = fetch_all(&wanted).await;
    add_fetched(&wanted, fetched);
}

/// Fetches the shards of these RAM codes, all at once.
async fn fetch_all(codes: &[String]) -> Vec<Result<Vec<u8>, LoadError>> {
    let urls: Vec<String> = codes.iter().map(|code| Catalog::shard_path(code)).collect();
    futures::future::join_all(urls.iter().map(|url| fetch(url))).await
}

/// Adds the fetched shards to the fetched index (before the page takes it).
fn add_fetched(codes: &[String], fetched: Vec<Result<Vec<u8>, LoadError>>) {
    INDEX.with(|index| {
        if let Some(Ok(catalog)) = &mut *index.borrow_mut() {
            for (code, bytes) in codes.iter().zip(fetched) {
                if let Ok(bytes) = bytes {
                    // A shard that does not read is fetched again by the page, which reports the error.
                    let _ = catalog.add_shard(code, &bytes);
                }
            }
        }
    });
    crate::mark("ram-doctor:shards-read");
}

/// Each finding's own plan (default options, with the chosen product): what its card recommends.
pub fn finding_plans(
    diagnosis: &Diagnosis,
    catalog: &Catalog,
    product: Option<String>,
) -> Vec<Result<GrantPlan, String>> {
    let options = PlanOptions { product, ..PlanOptions::default() };
    let plan =
        |f: &Finding| GrantPlan::from_findings(std::slice::from_ref(f), catalog, &options).map_err(|e| e.to_string());
    diagnosis.findings.iter().map(plan).collect()
}

pub use ram_doctor_core::share::{link_shards, wanted_shards};

/// The catalog from the fetched index, or why there is none (the page then diagnoses without it and says so).
pub fn index_catalog() -> Result<Catalog, LoadError> {
    INDEX.with(|index| index.borrow_mut().take()).unwrap_or(Err(LoadError::NotFetched))
}

/// Shards asked for, and the ones that could not be had (so they are not asked for again and again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShardState {
    pub requested: BTreeSet<String>,
    pub failed: Vec<(String, String)>,
}

/// [`load_shards`] for the shards `diagnosis` asks for.
pub fn load_wanted_shards(
    diagnosis: Memo<Diagnosis>,
    catalog: RwSignal<Catalog>,
) -> (Memo<bool>, RwSignal<ShardState>) {
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
                let loaded = match fetch(&Catalog::shard_path(&code)).await {
                    Ok(bytes) => catalog.try_update(|c| c.add_shard(&code, &bytes).map_err(LoadError::Catalog)),
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

/// Why the index or a shard could not be added.
#[derive(Debug)]
pub enum LoadError {
    Network(String),
    Status(u16),
    Catalog(CatalogError),
    /// The page asked for the index before (or without) fetching it: a bug in `main`.
    NotFetched,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network(e) => write!(f, "cannot fetch the catalog: {e}"),
            LoadError::Status(status) => write!(f, "cannot fetch the catalog: the server answered HTTP {status}"),
            LoadError::Catalog(e) => write!(f, "{e}"),
            LoadError::NotFetched => f.write_str("the catalog index was not fetched"),
        }
    }
}

/// GETs `url`, relative to the page (Trunk copies `data/index.json` and `data/shards/` into the build).
async fn fetch(url: &str) -> Result<Vec<u8>, LoadError> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response.binary().await.map_err(|e| LoadError::Network(e.to_string()))
}
