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

/// The UDP source port of the first payload's datagram in [`pcap`] (payload `i` comes from
/// this plus `i`): the key of its row in [`tshark_fields`].
const FIRST_PORT: u16 = 10_000;

/// A classic pcap (Ethernet, IPv4) with one UDP datagram per payload, to
/// 192.0.2.2:5060 from 192.0.2.1 on port 10000 + its index; datagrams longer than an
/// Ethernet frame are sent as IPv4 fragments (tshark reassembles them).
pub fn pcap(payloads: &[&[u8]]) -> Vec<u8> {
    let endpoint = |last: u8, port: u16| capture::Endpoint {
        addr: std::net::Ipv4Addr::new(192, 0, 2, last).into(),
        port,
    };
    let datagrams: Vec<capture::UdpDatagram> = payloads
        .iter()
        .enumerate()
        .map(|(i, payload)| capture::UdpDatagram {
            frame: 0,
            // A microsecond apart, in corpus order.
            time: std::time::Duration::from_secs(1_750_000_000)
                + std::time::Duration::from_micros(i as u64 + 1),
            src: endpoint(
                1,
                FIRST_PORT + u16::try_from(i).expect("corpus fits the ports"),
            ),
            dst: endpoint(2, 5060),
            ipv6: false,
            payload: payload.to_vec(),
            agent: None,
        })
        .collect();
    capture::write_pcap_with_mtu(&datagrams, 1500).expect("corpus datagrams fit UDP")
}

/// What separates the occurrences of a field when [`tshark_fields`] takes them all: a
/// byte no SIP or SDP text field holds.
pub const AGGREGATOR: char = '\u{1f}';

/// Runs tshark once over `file`, a capture made by [`pcap`]; returns, per payload index
/// (from the UDP source port), each of `fields` (`None` when tshark shows nothing): its first
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
    cmd.args(["-e", "udp.srcport"]);
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
        let port = cols.next().unwrap();
        let id = port
            .parse::<u16>()
            .ok()
            .and_then(|p| p.checked_sub(FIRST_PORT))
            .unwrap_or_else(|| panic!("tshark udp.srcport {port:?}"));
        let values: Vec<Option<String>> = cols
            .map(|c| (!c.is_empty()).then(|| c.to_owned()))
            .collect();
        assert_eq!(values.len(), fields.len(), "tshark line {line:?}");
        rows.insert(usize::from(id), values);
    }
    rows
}
