//! Public captures of deployed networks (see `tests/data/real/MANIFEST.tsv` for their
//! origin and licence), analysed as Wireshark's RTP stream analysis does; the expected
//! figures are tshark 4.0.17's (`-z rtp,streams`), recorded in the manifest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::Path;

use rtp_core::analysis::analyze_stream;
use rtp_core::capture::{CaptureLimits, Discovery, read_streams};

/// Per stream: source, destination, SSRC, packets, lost, max delta, mean and max
/// jitter (ms), and how it was found.
type Row = (String, String, u32, u64, i64, f64, f64, f64, Discovery);

fn analyze(name: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name);
    let bytes = std::fs::read(path).unwrap();
    let (streams, origin) = read_streams(&bytes[..], &CaptureLimits::default()).unwrap();
    streams
        .streams
        .iter()
        .map(|s| {
            let a = analyze_stream(&streams, s, origin);
            (
                format!("{}:{}", s.src.addr, s.src.port),
                format!("{}:{}", s.dst.addr, s.dst.port),
                a.ssrc,
                a.packets,
                a.lost,
                a.max_delta_ms,
                a.mean_jitter_ms,
                a.max_jitter_ms,
                s.discovery,
            )
        })
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.0005
}

/// A Linux "any" capture (cooked, ARPHRD 0xFFFE) of VoLTE AMR-NB RTP without SIP, each
/// uplink packet captured twice: all six streams Wireshark's RTP heuristic finds, with
/// its packet and loss counts (duplicates make the loss negative) and maximum deltas.
/// The duplicates used to break the run the heuristic needs, and the cooked header with
/// that ARPHRD was not read at all.
#[test]
fn volte_any_capture_with_duplicates_gives_wiresharks_six_streams() {
    let got = analyze("volte-amr-nb-any.pcap");
    let want = [
        ("10.120.76.36:1128", 0x0025_B105, 1052, -515, 734.614),
        ("10.175.69.220:1236", 0x7100_06B8, 246, 0, 162.122),
        ("10.120.76.36:1130", 0x0061_2603, 528, -261, 220.120),
        ("10.175.69.220:1236", 0x7100_8205, 279, 0, 194.514),
        ("10.120.76.36:1132", 0x40C1_B512, 118, -58, 39.928),
        ("10.120.76.36:1134", 0x401D_D106, 240, -119, 73.910),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.2, g.3, g.4), (w.0, w.1, w.2, w.3), "{g:?}");
        assert!(near(g.5, w.4), "{g:?}");
        // No SDP: payload types 118 and 113 have no known clock, so no jitter.
        assert_eq!((g.6, g.7), (0.0, 0.0));
        assert_eq!(g.8, Discovery::Heuristic);
    }
}

/// A VoWiFi call whose SIP runs over TCP: the SDP in it maps PT 99 to AMR/8000, so the
/// stream is signalled and its jitter is measured at 8 kHz as Wireshark does (mean
/// 12.523 ms, max 24.327 ms), where reading SIP over UDP only gave 0.
#[test]
fn vowifi_sdp_over_tcp_gives_the_amr_clock_rate_and_wiresharks_jitter() {
    let got = analyze("vowifi-amr-sip-tcp.pcap");
    assert_eq!(got.len(), 1);
    let g = &got[0];
    assert_eq!(
        (g.0.as_str(), g.1.as_str(), g.2, g.3, g.4, g.8),
        (
            "10.192.51.201:12720",
            "186.196.183.115:50010",
            0x20AE_3805,
            778,
            0,
            Discovery::Signalled
        )
    );
    assert!(near(g.5, 194.886), "{g:?}");
    assert!(near(g.6, 12.523), "{g:?}");
    assert!(near(g.7, 24.327), "{g:?}");
}
