//! The catalog: products, APIs, RAM actions, system policies, service roles and error codes.
//! Built from the committed `data/` by the loader; queried by the engine, the builder and the checks.

/// The loaded catalog (placeholder until the catalog issue lands: knows nothing).
#[derive(Debug, Clone, Default)]
pub struct Catalog {}

impl Catalog {
    /// A catalog that knows nothing: every lookup misses.
    pub fn empty() -> Self {
        Catalog::default()
    }
}
