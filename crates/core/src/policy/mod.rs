//! RAM policies: the document model, parsing with locations, checks, simulation and the least-privilege builder.

pub mod build;
pub mod check;
pub mod condition;
pub mod document;
pub mod edit;
pub mod parse;
pub mod pattern;
pub mod simulate;
pub mod trial;

pub use build::{build, BuildOptions, BuiltPolicy, Need, Note, Scope};
pub use check::{lint, Diagnostic, LintOptions, PolicyUse, Severity, CHECKS};
pub use document::{Condition, Effect, PolicyDocument, Statement, ValueList};
pub use parse::{parse_document, ParseError, Span};
pub use simulate::{simulate, CompiledPolicy, Decision, PolicySet, Reason, Request, StatementRef};
pub use trial::{Trial, TrialError, Verdict};
