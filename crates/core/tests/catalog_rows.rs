//! The hand-written catalog reader (`catalog::rows`) against serde_json's reading of the same files: equal rows on
//! every committed file, and an error (never a panic, never a different answer) on damaged ones.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use ram_doctor_core::catalog::format::{IndexFile, ShardFile};
use ram_doctor_core::catalog::rows::{read_index, read_shard};
use ram_doctor_core::catalog::CatalogError;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn sample_index() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalog/sample-index.json")).unwrap()
}

#[test]
fn every_committed_file_reads_as_serde_reads_it() {
    for bytes in [fs::read(data().join("index.json")).unwrap(), sample_index()] {
        let by_serde: IndexFile = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(read_index(&bytes, "index.json").unwrap(), by_serde);
    }
    let mut shards = 0;
    for entry in fs::read_dir(data().join("shards")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let by_serde: ShardFile = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(read_shard(&bytes, "shard").unwrap(), by_serde);
        shards += 1;
    }
    assert!(shards > 100, "only {shards} shards read");
}

#[test]
fn policy_documents_read_as_serde_json_values() {
    let bytes = fs::read(data().join("index.json")).unwrap();
    let index = read_index(&bytes, "index.json").unwrap();
    let documents = index.policies.iter().filter(|p| p.7.is_some()).count();
    assert!(documents > 50, "only {documents} documents");
}

#[test]
fn errors_say_where() {
    let cases: [(&str, usize, usize, &str); 6] = [
        ("{\"format\":1,\n\"sources\":[\n[\"a\",\"b\"]]}", 3, 9, "expected `,`"),
        ("{\"format\":1}", 1, 13, "missing field `sources`"),
        ("{\"format\":1,\"format\":1}", 1, 22, "duplicate field"),
        ("{\"format\":-1}", 1, 11, "expected a number"),
        ("{\"format\":\"1\"}", 1, 11, "expected a number"),
        ("{\"format\":1,\"role_templates\":[\"\\ud800\"]}", 1, 38, "lone surrogate"),
    ];
    for (text, line, column, message) in cases {
        match read_index(text.as_bytes(), "index.json") {
            Err(CatalogError::Json { file, line: l, column: c, message: m }) => {
                assert_eq!((file.as_str(), l, c), ("index.json", line, column), "{text}: {m}");
                assert!(m.contains(message), "{text}: {m}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let text = r#"{"format":1,"ram_code":"x","errors":[],"versions":[],"apis":[]} x"#;
    match read_shard(text.as_bytes(), "s") {
        Err(CatalogError::Json { column, message, .. }) => {
            assert_eq!((column, message.as_str()), (text.len(), "trailing characters"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn strings_read_escapes_as_json_does() {
    let text = r#"{"format":1,"ram_code":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00云","errors":[],"versions":[],"apis":[]}"#;
    let by_serde: ShardFile = serde_json::from_str(text).unwrap();
    assert_eq!(read_shard(text.as_bytes(), "s").unwrap(), by_serde);
    assert_eq!(by_serde.ram_code, "a\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}云");
}

#[test]
fn unknown_members_are_skipped_and_numbers_in_documents_kept() {
    let text = r#"{"format":1,"extra":{"a":[1,-2,3.5,1e3,true,null,"x"]},"ram_code":"x","errors":[],"versions":[["p","v"]],"apis":[]}"#;
    let by_serde: ShardFile = serde_json::from_str(text).unwrap();
    assert_eq!(read_shard(text.as_bytes(), "s").unwrap(), by_serde);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A cut or a changed byte anywhere: the reader answers as serde_json does (both read it, equally, or both
    /// refuse it), and never panics.
    #[test]
    fn damaged_files_are_refused_as_serde_refuses_them(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = sample_index();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(at + 1).min(bytes.len()));
        let mine = read_index(&bytes, "index.json");
        match serde_json::from_slice::<IndexFile>(&bytes) {
            Ok(by_serde) => prop_assert_eq!(mine.unwrap(), by_serde),
            Err(_) => prop_assert!(mine.is_err()),
        }
    }
}
