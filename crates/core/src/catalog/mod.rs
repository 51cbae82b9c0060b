//! The catalog: products, APIs, RAM actions, system policies, service roles and error codes.
//! Loaded from the committed `data/` (embedded in the CLI, fetched in shards by the page); queried by the
//! engine, the builder and the checks.
//!
//! - [`model`]: the plain types lookups return.
//! - [`format`]: the on-disk rows of `data/index.json` and `data/shards/<ram_code>.json` (written by
//!   `cargo xtask catalog`).
//! - [`rows`]: reading those files by hand (serde's derived readers weighed ≈ 11 KB brotli in the page).
//! - [`load`](Catalog::from_index): parsing and indexing; [`lookup`](Catalog::product): the queries, all
//!   hash-map based because the engine asks them per input block.

mod choose;
mod error;
pub mod format;
mod load;
mod lookup;
mod model;
pub mod rows;

use std::collections::{BTreeSet, HashMap};

pub use choose::ProductChoice;
pub use error::CatalogError;
pub use lookup::{bare_host, endpoint_codes, in_cloud_domain};
pub use model::{
    AccessLevel, Api, ApiLookup, ErrorCode, GrantBasis, Granularity, PolicyGrant, PolicyKind, Product, ProductSentence,
    ServiceRole, SystemPolicy,
};

/// A Chinese name for free-text search: lower case as written, and without its spaces, made once at load (the text
/// may write `云数据库 MongoDB 版` or `云数据库MongoDB版`).
#[derive(Debug, Clone)]
struct CjkTerm {
    term: String,
    tight: String,
    product: usize,
}

/// The loaded catalog. [`Catalog::empty`] knows nothing; [`Catalog::from_index`] knows every product, policy,
/// role and classified error code; each [`Catalog::add_shard`] adds one RAM code's APIs.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    products: Vec<Product>,
    /// Lower-case OpenAPI code, RAM code, secondary RAM codes and the SDKs' spellings of a hyphenated code
    /// (`r_kvstore`, `rkvstore`) → product.
    by_code: Map<String, usize>,
    /// Lower-case primary RAM code → its products (several OpenAPI products can share one).
    by_ram_code: Map<String, Vec<usize>>,
    /// Lower-case endpoint host → product.
    by_host: Map<String, usize>,
    /// Every known RAM code, lower case.
    ram_codes: BTreeSet<String>,
    /// `(lower-case term, product)` for free-text search.
    search_terms: Vec<(String, usize)>,
    /// Lower-case term, its words joined by one space → products (whole-name matches in free text).
    search_index: Map<String, Vec<usize>>,
    /// The first word of every key of `search_index`: a run of the text's words is looked up only from a word
    /// that starts some name (most of a log's words start none, and each asked up to six runs).
    search_first_words: std::collections::HashSet<String, rustc_hash::FxBuildHasher>,
    /// Terms in other scripts than ASCII (Chinese names), found by substring.
    search_terms_cjk: Vec<CjkTerm>,
    policies: Vec<SystemPolicy>,
    policy_by_name: Map<String, usize>,
    /// Lower-case RAM code → policies, ReadOnly then Full then others, primary first in each family.
    policies_by_code: Map<String, Vec<usize>>,
    /// Policies with a captured document, with its Action patterns parsed.
    documents: Vec<(usize, DocumentActions)>,
    roles: Vec<ServiceRole>,
    role_by_name: Map<String, usize>,
    roles_by_code: Map<String, Vec<usize>>,
    errors: Vec<ErrorCode>,
    error_exact: Map<String, usize>,
    error_lower: Map<String, usize>,
    /// The halves of the loaded dotted codes, lower case (`<quotaexceed` for what comes before the first dot,
    /// `>postpaiddisk` for the rest) → the one RAM code whose products list codes with it, or `None` once several
    /// do: what tells a product's own code from a generic one only it happens to document.
    code_halves: Map<String, Option<String>>,
    /// Lower-case RAM code → loaded shard.
    shards: Map<String, Shard>,
    /// Which loaded shards may have an API of a name: built at the first [`Catalog::ram_codes_with_api`] after a
    /// shard is added (walking every shard per ask was 2 % of the CPU time on an error-dense log).
    api_codes: std::sync::OnceLock<ApiCodes>,
    sentences: Vec<ProductSentence>,
    /// Which sentence each of the finder's needles stands for (a sentence is found whole or by its later clauses).
    sentence_of_needle: Vec<usize>,
    /// Finds the sentences, normalized by [`normalize_sentence`], in normalized text.
    sentence_finder: Option<aho_corasick::AhoCorasick>,
    /// Terraform resource type → RAM codes of the products it calls, the creating one first, and the API that
    /// creates it (`ram:Api` when another product's).
    terraform: Map<String, (Vec<String>, Option<String>)>,
}

/// The catalog's maps, hashed with a fast unkeyed hash: SipHash was a tenth of the index's load time in the page's
/// wasm, and the keys are the committed catalog's (user text only probes them).
type Map<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Longest name, in words, that free-text search looks for (`Container Service for Kubernetes (ACK)`).
const MAX_TERM_WORDS: usize = 6;

/// One RAM code's APIs.
#[derive(Debug, Clone, Default)]
struct Shard {
    /// The hashes ([`ApiCodes::hash`]) of its APIs' names, each once: what [`ApiCodes`] needs without the APIs.
    name_hashes: Vec<u64>,
    /// The APIs: read at [`Catalog::add_shard`], or at the first question about an embedded shard.
    read: std::sync::OnceLock<ShardApis>,
    /// An embedded shard's text and its versions' products, for reading its APIs when first asked: the CLI loads
    /// all 314 shards and a run asks about a few (the embedded catalog's load 290 M → 202 M instructions, and 32
    /// shards read when asked ≈ 55 M, on an error-dense log: `valgrind --tool=callgrind`, dense5.log).
    unread: Option<(&'static [u8], Vec<usize>)>,
}

/// A shard's APIs, read.
#[derive(Debug, Clone, Default)]
struct ShardApis {
    /// `(product, api)`.
    apis: Vec<(usize, Api)>,
    /// Lower-case API name → positions in `apis`, best candidate first.
    by_name: Map<String, Vec<usize>>,
    /// Positions in `apis` of one API per action (case-blind, the first in file order), sorted by the action
    /// lower-cased: worked out at the first [`Catalog::distinct_actions`].
    distinct_actions: std::sync::OnceLock<Vec<usize>>,
}

/// The loaded shards' API names by hash, without a copy of each name (built in a millisecond or two, so a text
/// that asks a few times does not pay for a map of twenty thousand names): a name's hash gives the shards that
/// may have it, and each is asked.
#[derive(Debug, Clone, Default)]
struct ApiCodes {
    /// The loaded shards' RAM codes, sorted.
    codes: Vec<String>,
    /// (hash of an API name, position in `codes` of a shard that has it), sorted, each once.
    by_hash: Vec<(u64, u32)>,
}

impl ApiCodes {
    fn of(shards: &Map<String, Shard>) -> ApiCodes {
        let mut codes: Vec<String> = shards.keys().cloned().collect();
        codes.sort_unstable();
        let mut by_hash = Vec::new();
        for (n, code) in codes.iter().enumerate() {
            by_hash.extend(shards[code].name_hashes.iter().map(|&hash| (hash, n as u32)));
        }
        by_hash.sort_unstable();
        by_hash.dedup();
        ApiCodes { codes, by_hash }
    }

    fn hash(name: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, name)
    }
}

/// The Action patterns of a policy document's Allow and Deny statements (Resource and Condition are not
/// considered: "grants" here means "can grant, on some resource").
#[derive(Debug, Clone, Default)]
struct DocumentActions {
    allow: Vec<String>,
    deny: Vec<String>,
}

impl Catalog {
    /// A catalog that knows nothing: every lookup misses.
    pub fn empty() -> Self {
        Catalog::default()
    }

    /// The file under `data/` that holds a RAM code's shard (`shards/hbr.json`): the page fetches it from there.
    pub fn shard_path(ram_code: &str) -> String {
        format::shard_path(ram_code)
    }

    /// Whether the shard of this RAM code is loaded.
    pub fn has_shard(&self, ram_code: &str) -> bool {
        self.shards.contains_key(&ram_code.to_ascii_lowercase())
    }

    /// RAM codes that have a shard file (every RAM code of a product with OpenAPI metadata), sorted.
    pub fn shard_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .by_ram_code
            .iter()
            .filter(|(_, ps)| ps.iter().any(|&i| self.products[i].has_openapi()))
            .map(|(c, _)| c.as_str())
            .collect();
        codes.sort_unstable();
        codes
    }
}

#[cfg(feature = "embedded-catalog")]
mod embedded {
    use super::{Catalog, CatalogError};

    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/embedded.rs"));

    impl Catalog {
        /// The whole committed catalog, compiled in: the index and every shard.
        pub fn embedded() -> Result<Catalog, CatalogError> {
            let mut catalog = Catalog::from_index(INDEX.as_bytes())?;
            for (code, text) in SHARDS {
                catalog.add_embedded_shard(code, text.as_bytes())?;
            }
            Ok(catalog)
        }
    }
}
