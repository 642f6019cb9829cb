//! The corpora of real-world input under `tests/data/`: each folder holds one file per
//! message or description in subfolders by source, listed in its `MANIFEST.tsv` with
//! origin, licence and notes.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

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

// --- Wireshark -----------------------------------------------------------------------

/// Whether tshark runs here; without it a comparison is skipped, unless
/// `VOIPKIT_REQUIRE_PEERS=1` (CI) makes that a failure.
pub fn tshark_available() -> bool {
    let ok = Command::new("tshark")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("VOIPKIT_REQUIRE_PEERS").as_deref() == Ok("1") {
            panic!("tshark is required (VOIPKIT_REQUIRE_PEERS=1) but was not found");
        }
        eprintln!("skipping: tshark not found on PATH");
    }
    ok
}

/// The largest IPv4 payload in one 1500-byte Ethernet frame, a multiple of 8.
pub const FRAGMENT: usize = 1480;

fn ipv4_checksum(header: &[u8]) -> u16 {
    let mut sum: u32 = header
        .chunks(2)
        .map(|w| u32::from(u16::from_be_bytes([w[0], w[1]])))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// A classic pcap (Ethernet) with one UDP datagram 192.0.2.1:5060 → 192.0.2.2:5060 per
/// payload; the IPv4 identification is the payload's index, and datagrams longer than an
/// Ethernet frame are sent as IPv4 fragments (tshark reassembles them).
pub fn pcap(payloads: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes()); // classic pcap, microseconds
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&0i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&65_535u32.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes()); // LINKTYPE_ETHERNET
    let mut frame_no = 0u32;
    for (i, payload) in payloads.iter().enumerate() {
        let id = u16::try_from(i).expect("corpus fits 16-bit IPv4 ids");
        let mut datagram = Vec::with_capacity(8 + payload.len());
        datagram.extend_from_slice(&5060u16.to_be_bytes());
        datagram.extend_from_slice(&5060u16.to_be_bytes());
        let udp_len = u16::try_from(8 + payload.len()).expect("payload fits a UDP datagram");
        datagram.extend_from_slice(&udp_len.to_be_bytes());
        datagram.extend_from_slice(&0u16.to_be_bytes()); // no checksum (IPv4)
        datagram.extend_from_slice(payload);
        for (k, piece) in datagram.chunks(FRAGMENT).enumerate() {
            let more = (k + 1) * FRAGMENT < datagram.len();
            let flags_offset =
                u16::try_from(k * FRAGMENT / 8).unwrap() | if more { 0x2000 } else { 0 };
            let mut ip = Vec::with_capacity(20);
            ip.extend_from_slice(&[0x45, 0]);
            ip.extend_from_slice(&u16::try_from(20 + piece.len()).unwrap().to_be_bytes());
            ip.extend_from_slice(&id.to_be_bytes());
            ip.extend_from_slice(&flags_offset.to_be_bytes());
            ip.extend_from_slice(&[64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2]);
            let sum = ipv4_checksum(&ip);
            ip[10..12].copy_from_slice(&sum.to_be_bytes());
            let len = u32::try_from(14 + ip.len() + piece.len()).unwrap();
            frame_no += 1;
            out.extend_from_slice(&1_750_000_000u32.to_le_bytes());
            out.extend_from_slice(&frame_no.to_le_bytes()); // microseconds: keeps frames ordered
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&[0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00]);
            out.extend_from_slice(&ip);
            out.extend_from_slice(piece);
        }
    }
    out
}

/// What separates the occurrences of a field when [`tshark_fields`] takes them all: a
/// byte no SIP or SDP text field holds.
pub const AGGREGATOR: char = '\u{1f}';

/// Runs tshark once over `file`, a capture made by [`pcap`]; returns, per IPv4 id (the
/// payload's index), each of `fields` (`None` when tshark shows nothing): its first
/// occurrence, or with `all` every occurrence joined by [`AGGREGATOR`].
pub fn tshark_fields(
    file: &Path,
    fields: &[&str],
    all: bool,
) -> BTreeMap<usize, Vec<Option<String>>> {
    let mut cmd = Command::new("tshark");
    cmd.args(["-n", "-r"]).arg(file);
    cmd.args(["-Y", "udp", "-T", "fields", "-E", "separator=/t"]);
    if all {
        cmd.args(["-E", "occurrence=a", "-E"])
            .arg(format!("aggregator={AGGREGATOR}"));
    } else {
        cmd.args(["-E", "occurrence=f"]);
    }
    cmd.args(["-e", "ip.id"]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap();
        let id = usize::from_str_radix(id.trim_start_matches("0x"), 16)
            .unwrap_or_else(|_| panic!("tshark ip.id {id:?}"));
        let values: Vec<Option<String>> = cols
            .map(|c| (!c.is_empty()).then(|| c.to_owned()))
            .collect();
        assert_eq!(values.len(), fields.len(), "tshark line {line:?}");
        rows.insert(id, values);
    }
    rows
}
