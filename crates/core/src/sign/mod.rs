//! Request signatures (RPC HMAC-SHA1 and V3 ACS3-HMAC-SHA256): pure functions of request parts and a key.
