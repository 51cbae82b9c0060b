//! RAM Doctor's engine. Data flows one way:
//!
//! ```text
//! text ──read──▶ RawError ──diagnose──▶ Finding ──plan──▶ GrantPlan ──render──▶ JSON / console / CLI / Terraform / ROS
//!                  ▲                       ▲                  ▲
//!                readers                catalog            policy (build, check, simulate)
//! ```
//!
//! Nothing here touches the network, the clock or the filesystem: callers pass bytes, time and randomness in.

// Every public item says what it is for; `cargo xtask test` denies this warning (clippy's `-D warnings`).
#![warn(missing_docs)]

pub mod api;
pub mod apply;
pub mod catalog;
pub mod diagnose;
pub mod finding;
pub mod gap;
pub mod grant;
pub mod json;
pub mod marks;
pub mod order;
pub mod policy;
pub mod read;
pub mod redact;
pub mod report;
pub mod share;
pub mod sign;
pub mod text;

pub use catalog::Catalog;
pub use diagnose::diagnose;
pub use finding::{Diagnosis, Finding, Kind, Principal};
pub use report::Report;
