//! `cargo xtask bench`: the project's speed and size measurements, printed as a table.

use crate::{catalog, run};

pub fn run() -> Result<(), String> {
    // Size bar (issue 4): index <= 60 KB brotli, largest shard <= 60 KB brotli.
    catalog::print_sizes()?;
    run::cargo(&["bench", "--package", "ram-doctor-core"])
}
