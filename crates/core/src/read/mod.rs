//! Readers: one file per error format, each turning a block of text into a `RawError`. No catalog, no policy.
