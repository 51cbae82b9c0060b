//! Precompressing Trunk's output: a `.br` and a `.gz` beside each text or wasm file, which the proxy serves
//! to browsers that accept them (compressing once at build time, at the highest levels, instead of per request).

use std::io::Write;
use std::path::Path;

/// Extensions worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "json", "svg", "txt"];
/// Below this, the headers cost more than compression saves.
const MIN_BYTES: u64 = 1024;

/// Writes `NAME.br` and `NAME.gz` beside every compressible file under `dist` (when smaller than the file).
/// Returns how many files were compressed.
pub fn run(dist: &Path) -> Result<usize, String> {
    let mut count = 0;
    let mut folders = vec![dist.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot list {}: {e}", folder.display()))?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let len = path.metadata().map(|m| m.len()).unwrap_or(0);
            if !COMPRESSIBLE.contains(&ext) || len < MIN_BYTES {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            // The first load (wasm, js, css, html) gets the slowest, smallest brotli; the many catalog shards a
            // faster level, which keeps the build quick for a few percent of size.
            let quality = if ext == "json" { 9 } else { 11 };
            for (suffix, packed) in [("br", brotli_at(&bytes, quality)?), ("gz", gzip(&bytes)?)] {
                if packed.len() < bytes.len() {
                    let target = path.with_extension(format!("{ext}.{suffix}"));
                    std::fs::write(&target, packed).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
                }
            }
            count += 1;
        }
    }
    Ok(count)
}

/// Brotli at quality 11 (what a static server would precompress with).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    brotli_at(bytes, 11)
}

fn brotli_at(bytes: &[u8], quality: i32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli failed: {e}"))?;
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("gzip failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressible_files_get_both_and_others_are_left_alone() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("shards")).unwrap();
        let text = "{\"k\":\"value\"}\n".repeat(200);
        std::fs::write(dir.join("index.html"), &text).unwrap();
        std::fs::write(dir.join("shards/ecs.json"), &text).unwrap();
        std::fs::write(dir.join("tiny.js"), "1").unwrap();
        std::fs::write(dir.join("logo.png"), &text).unwrap();
        assert_eq!(run(&dir).unwrap(), 2);
        for name in ["index.html", "shards/ecs.json"] {
            let br = std::fs::read(dir.join(format!("{name}.br"))).unwrap();
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut plain).unwrap();
            assert_eq!(plain, text.as_bytes(), "{name}.br");
            let gz = std::fs::read(dir.join(format!("{name}.gz"))).unwrap();
            let mut plain = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain).unwrap();
            assert_eq!(plain, text, "{name}.gz");
        }
        assert!(!dir.join("tiny.js.br").exists() && !dir.join("logo.png.br").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
