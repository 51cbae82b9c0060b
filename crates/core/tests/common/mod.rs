//! What several test files share: the committed catalog with every shard loaded.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use ram_doctor_core::Catalog;

/// `data/index.json` and every shard, loaded once per test binary.
pub fn full_catalog() -> &'static Catalog {
    static FULL: OnceLock<Catalog> = OnceLock::new();
    FULL.get_or_init(|| {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let mut c =
            Catalog::from_index(&fs::read(data.join("index.json")).expect("data/index.json is committed")).unwrap();
        for code in c.shard_codes().into_iter().map(str::to_string).collect::<Vec<_>>() {
            c.add_shard(&code, &fs::read(data.join(Catalog::shard_path(&code))).unwrap()).unwrap();
        }
        c
    })
}
