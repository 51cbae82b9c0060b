//! `cargo xtask bench`: the project's speed and size measurements, printed as a table.

use crate::run;

pub fn run() -> Result<(), String> {
    run::cargo(&["bench", "--package", "ram-doctor-core"])
}
