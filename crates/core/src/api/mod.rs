//! Typed RAM and STS requests and responses, without transport.
