//! The corpora of real-world input under `tests/data/`: each folder holds one file per
//! message or description in subfolders by source, listed in its `MANIFEST.tsv` with
//! origin, licence and notes.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// One corpus file with its manifest line.
pub struct Entry {
    /// The path below the corpus folder.
    pub file: String,
    pub licence: String,
    pub notes: String,
    pub bytes: Vec<u8>,
}

impl Entry {
    /// The manifest marks input that upstream broke on purpose.
    pub fn expected_invalid(&self) -> bool {
        self.notes.contains("expected-invalid")
    }
}

/// The corpus folder `name` below `tests/data`.
pub fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Every file of the corpus in `dir`, as its manifest lists them.
pub fn manifest(dir: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("file\torigin\tlicence\tnotes"));
    lines
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "MANIFEST line {line:?}");
            let bytes =
                std::fs::read(dir.join(cols[0])).unwrap_or_else(|e| panic!("{}: {e}", cols[0]));
            Entry {
                file: cols[0].to_owned(),
                licence: cols[2].to_owned(),
                notes: cols[3].to_owned(),
                bytes,
            }
        })
        .collect()
}

/// The manifest lists every file in the source folders of `dir` once, each with a
/// licence and not empty, and at least `min` of them.
pub fn assert_manifest_is_complete(dir: &Path, entries: &[Entry], min: usize) {
    assert!(
        entries.len() >= min,
        "{} files, want at least {min}",
        entries.len()
    );
    let mut listed: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    listed.sort_unstable();
    let n = listed.len();
    listed.dedup();
    assert_eq!(listed.len(), n, "a file is listed twice");
    let mut on_disk = Vec::new();
    for source in std::fs::read_dir(dir).unwrap() {
        let source = source.unwrap().path();
        if !source.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&source).unwrap() {
            let file = file.unwrap().path();
            let rel = file.strip_prefix(dir).unwrap();
            on_disk.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk, "MANIFEST.tsv and the files differ");
    for e in entries {
        assert!(!e.licence.is_empty(), "{}: no licence", e.file);
        assert!(!e.bytes.is_empty(), "{}: empty", e.file);
    }
}
