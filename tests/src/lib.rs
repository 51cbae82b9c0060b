//! Helpers shared by the browser tests live in `tests/` files; this crate has no library code.
