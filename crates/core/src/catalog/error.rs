//! Why catalog bytes could not be loaded.

use std::fmt;

/// A catalog file that cannot be used. Loading never panics: bad bytes give one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// Not JSON of the expected shape.
    Json {
        /// The file, as the caller named it.
        file: String,
        /// Where the JSON went wrong: line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// serde_json's explanation.
        message: String,
    },
    /// Written by a generator of another format version.
    Format {
        /// The file, as the caller named it.
        file: String,
        /// The format version the file says.
        found: u32,
        /// The one this loader reads ([`crate::catalog::format::FORMAT`]).
        expected: u32,
    },
    /// A shard offered under one RAM code holds another.
    ShardMismatch {
        /// The RAM code the shard was asked for.
        expected: String,
        /// The RAM code it holds.
        found: String,
    },
    /// A row points at something that is not there (an API at a version or error position out of range,
    /// a product the index does not know).
    BadReference {
        /// The file, as the caller named it.
        file: String,
        /// What the row points at.
        what: String,
    },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Json { file, line, column, message } => {
                write!(f, "{file}: not a catalog file (line {line}, column {column}): {message}")
            }
            CatalogError::Format { file, found, expected } => {
                write!(f, "{file}: catalog format {found}, this build reads format {expected}")
            }
            CatalogError::ShardMismatch { expected, found } => {
                write!(f, "shard for RAM code {expected:?} holds RAM code {found:?}")
            }
            CatalogError::BadReference { file, what } => write!(f, "{file}: {what}"),
        }
    }
}

impl std::error::Error for CatalogError {}
