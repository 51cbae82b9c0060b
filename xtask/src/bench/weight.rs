//! Page weight: the app shell Trunk built (html, js, wasm, css), the catalog index and the largest shard, raw,
//! gzip and brotli, beside the floor — a minimal Leptos counter (`xtask/bench-floor`) built in the same run with
//! the same Trunk, wasm-bindgen, wasm-opt level and release profile.

use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use std::io::Write;

use crate::{catalog, page, run};

/// Raw, gzip and brotli sizes of one file or group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    fn of(bytes: &[u8]) -> Result<Sizes, String> {
        Ok(Sizes { raw: bytes.len(), gzip: gzip_len(bytes)?, brotli: catalog::brotli_len(bytes)? })
    }

    fn add(self, other: Sizes) -> Sizes {
        Sizes { raw: self.raw + other.raw, gzip: self.gzip + other.gzip, brotli: self.brotli + other.brotli }
    }
}

/// Size after gzip at level 9.
fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).and_then(|()| enc.finish()).map(|v| v.len()).map_err(|e| format!("gzip failed: {e}"))
}

/// The kinds of file that make up an app shell, in the order they are reported.
pub const SHELL_KINDS: &[&str] = &["html", "js", "wasm", "css"];

/// One row per shell kind (all files of that kind at the top of `dist`, precompressed copies left out).
pub fn shell(dist: &Path) -> Result<Vec<(&'static str, Sizes)>, String> {
    let mut rows = Vec::new();
    for kind in SHELL_KINDS {
        let mut sizes = Sizes::default();
        for entry in std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e == *kind) {
                let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                sizes = sizes.add(Sizes::of(&bytes)?);
            }
        }
        rows.push((*kind, sizes));
    }
    Ok(rows)
}

/// The shell total of [`shell`]'s rows.
pub fn total(rows: &[(&str, Sizes)]) -> Sizes {
    rows.iter().fold(Sizes::default(), |acc, (_, s)| acc.add(*s))
}

/// The catalog index and the largest shard (by brotli size) as committed in `data/`.
pub fn catalog_files() -> Result<Vec<(String, Sizes)>, String> {
    let data = run::workspace_root().join("data");
    let index = std::fs::read(data.join("index.json")).map_err(|e| format!("cannot read data/index.json: {e}"))?;
    let mut largest: Option<(String, Sizes)> = None;
    for entry in std::fs::read_dir(data.join("shards")).map_err(|e| format!("cannot read data/shards: {e}"))?.flatten()
    {
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        let sizes = Sizes::of(&bytes)?;
        if largest.as_ref().is_none_or(|(_, l)| sizes.brotli > l.brotli) {
            largest = Some((format!("data/shards/{}", entry.file_name().to_string_lossy()), sizes));
        }
    }
    let mut rows = vec![("data/index.json".to_string(), Sizes::of(&index)?)];
    rows.extend(largest);
    Ok(rows)
}

/// Builds the page (`cargo xtask dist`'s build) and returns its `dist` folder.
pub fn build_page() -> Result<PathBuf, String> {
    page::build()
}

/// Builds the floor with Trunk, offline, against the workspace's Cargo.lock (so it gets the same Leptos and
/// wasm-bindgen) and target folder; returns its `dist` folder.
pub fn build_floor() -> Result<PathBuf, String> {
    let root = run::workspace_root();
    let floor = root.join("xtask/bench-floor");
    std::fs::copy(root.join("Cargo.lock"), floor.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock into the floor: {e}"))?;
    let target = root.join("target");
    run::status(
        Command::new("trunk")
            .args(["build", "--release", "--offline"])
            .current_dir(&floor)
            .env("CARGO_TARGET_DIR", &target),
    )?;
    let dist = target.join("bench-floor/dist");
    if !dist.join("index.html").is_file() {
        return Err(format!("trunk finished but {} has no index.html", dist.display()));
    }
    Ok(dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section<'a>(toml: &'a str, header: &str) -> Vec<&'a str> {
        toml.lines()
            .skip_while(|l| l.trim() != header)
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    fn read(rel: &str) -> String {
        std::fs::read_to_string(run::workspace_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    #[test]
    fn the_floor_is_built_like_the_page() {
        let (page, floor) = (read("Cargo.toml"), read("xtask/bench-floor/Cargo.toml"));
        assert_eq!(
            section(&floor, "[profile.release]"),
            section(&page, "[profile.release]"),
            "the floor's release profile must equal the page's"
        );
        assert_eq!(section(&read("xtask/bench-floor/Trunk.toml"), "[tools]"), section(&read("Trunk.toml"), "[tools]"));
        let opt =
            |html: &str| html.split("data-wasm-opt=\"").nth(1).and_then(|r| r.split('"').next()).map(str::to_string);
        assert_eq!(opt(&read("xtask/bench-floor/index.html")), opt(&read("index.html")), "the same wasm-opt level");
        let bindgen = |toml: &str| toml.lines().find(|l| l.starts_with("wasm-bindgen =")).map(str::to_string);
        assert_eq!(bindgen(&floor), bindgen(&page), "the same wasm-bindgen pin");
    }

    #[test]
    fn sizes_shrink_when_compressed() {
        let text = "the same words again and again ".repeat(100);
        let s = Sizes::of(text.as_bytes()).unwrap();
        assert_eq!(s.raw, text.len());
        assert!(s.brotli < s.gzip && s.gzip < s.raw / 10, "{s:?}");
    }
}
