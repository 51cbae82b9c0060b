//! RAM policies: the document model, parsing with locations, checks, simulation and the least-privilege builder.

pub mod document;

pub use document::{Condition, Effect, PolicyDocument, Statement, ValueList};
