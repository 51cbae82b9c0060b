//! libFuzzer entry for [`ram_doctor_fuzz::sign`] (built and run by `cargo xtask fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ram_doctor_fuzz::sign(data));
