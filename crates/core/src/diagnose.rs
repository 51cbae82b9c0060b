//! Raw errors + catalog → findings. The only place that decides a finding's kind.

use crate::{Catalog, Diagnosis};

/// Reads every error in `text` and explains each one.
pub fn diagnose(_text: &str, _catalog: &Catalog) -> Diagnosis {
    Diagnosis::default()
}
