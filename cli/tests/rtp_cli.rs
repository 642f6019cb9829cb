//! `voipkit rtp` command-line contract: keys, values on the bundled sample, errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
use common::voipkit;

use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/call.pcap")
}

#[test]
fn analyze_prints_one_object_per_stream_with_the_contract_keys() {
    let s = sample();
    let (code, rows) = voipkit(&["rtp", "analyze", s.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 2);
    for key in [
        "ssrc",
        "payload_type",
        "packets",
        "expected",
        "lost",
        "sequence_errors",
        "max_delta_ms",
        "max_jitter_ms",
        "mean_jitter_ms",
        "mos",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "missing {key}");
    }
    // The sample's Bob → Alice stream: 150 sent from seq 65500 (wrapping), 3 dropped,
    // one adjacent pair swapped (see capture/examples/call_sample.rs).
    let bob = rows.iter().find(|r| r["ssrc"] == 0x0B0B_0B0B).unwrap();
    assert_eq!(bob["packets"], 147);
    assert_eq!(bob["expected"], 150);
    assert_eq!(bob["lost"], 3);
    assert_eq!(bob["payload_type"], 8);
    let alice = rows.iter().find(|r| r["ssrc"] == 0x5EED_A11C).unwrap();
    assert_eq!(alice["lost"], 0);
    assert_eq!(alice["sequence_errors"], 0);
}

#[test]
fn analyze_finds_the_streams_through_sdp_of_fragmented_sip_like_in_the_whole_sample() {
    // The same call written with a 400-byte MTU: the INVITE and the 200 OK with their
    // SDP arrive as two IP fragments each (capture/examples/call_sample.rs).
    let frag = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/call_fragmented.pcap");
    let (code, rows) = voipkit(&["rtp", "analyze", frag.to_str().unwrap()]);
    assert_eq!(code, 0);
    let s = sample();
    let (whole_code, whole) = voipkit(&["rtp", "analyze", s.to_str().unwrap()]);
    assert_eq!(whole_code, 0);
    assert_eq!((rows.len(), whole.len()), (2, 2));
    for a in &rows {
        let b = whole.iter().find(|b| b["ssrc"] == a["ssrc"]).unwrap();
        assert_eq!(a["discovery"], "sdp");
        for key in [
            "ssrc",
            "packets",
            "lost",
            "max_delta_ms",
            "mean_jitter_ms",
            "mos",
        ] {
            assert_eq!(a[key], b[key], "{key}");
        }
    }
}

#[test]
fn analyze_reports_a_missing_file_as_an_io_error() {
    let (code, rows) = voipkit(&["rtp", "analyze", "/nonexistent/x.pcap"]);
    assert_ne!(code, 0);
    assert_eq!(rows[0]["error"]["kind"], "io");
}

#[test]
fn analyze_reports_a_non_capture_as_a_parse_error() {
    let path = std::env::temp_dir().join(format!("voipkit-rtp-cli-{}.pcap", std::process::id()));
    std::fs::write(&path, b"this is not a capture file").unwrap();
    let (code, rows) = voipkit(&["rtp", "analyze", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_ne!(code, 0);
    assert_eq!(rows[0]["error"]["kind"], "parse");
}

#[test]
fn playout_reports_the_contract_keys_and_honours_the_delay_floor() {
    let s = sample();
    let (code, rows) = voipkit(&["rtp", "playout", s.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 2);
    for key in [
        "played",
        "late",
        "lost",
        "concealed",
        "mean_delay_ms",
        "p95_delay_ms",
        "mean_playout_delay_ms",
        "expanded",
        "merged",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "missing {key}");
    }
    let default_bob = rows
        .iter()
        .find(|r| r["ssrc"] == 0x0B0B_0B0B)
        .unwrap()
        .clone();
    // Alice → Bob has no loss: every packet plays.
    let alice = rows.iter().find(|r| r["ssrc"] == 0x5EED_A11C).unwrap();
    assert_eq!(alice["played"], 150);
    assert_eq!(alice["lost"], 0);
    // With a 60 ms floor the jittery Bob → Alice stream has no late packet, and its three
    // dropped packets are lost; every arrived packet plays.
    let (_, rows) = voipkit(&[
        "rtp",
        "playout",
        s.to_str().unwrap(),
        "--min-delay-ms",
        "60",
        "--max-delay-ms",
        "80",
    ]);
    let bob = rows.iter().find(|r| r["ssrc"] == 0x0B0B_0B0B).unwrap();
    assert_eq!(bob["late"], 0);
    assert_eq!(bob["lost"], 3);
    assert_eq!(bob["played"], 147);
    // The floor holds packets longer than the adaptive delay alone did (about 39 ms of
    // playout delay on average without it, 52 ms with it, the buffer rising to the floor
    // from its start).
    let delay = |r: &serde_json::Value, key: &str| r[key].as_f64().unwrap();
    for key in ["mean_delay_ms", "mean_playout_delay_ms"] {
        assert!(
            delay(bob, key) > delay(&default_bob, key) + 10.0,
            "{key}: {} with the floor, {} without",
            delay(bob, key),
            delay(&default_bob, key)
        );
    }
}

#[test]
fn playout_rejects_inverted_delay_bounds() {
    let s = sample();
    let (code, rows) = voipkit(&[
        "rtp",
        "playout",
        s.to_str().unwrap(),
        "--min-delay-ms",
        "90",
        "--max-delay-ms",
        "10",
    ]);
    assert_ne!(code, 0);
    assert_eq!(rows[0]["error"]["kind"], "usage");
}
