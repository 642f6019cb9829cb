//! Wireshark's RTP stream analysis (`rtp_core::analysis`), worked by hand on short
//! streams, for the rules its differential tests against tshark found.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use rtp_core::analysis::{AnalyzerInput, StreamAnalyzer};

fn feed(packets: &[(f64, u16, u32)]) -> rtp_core::analysis::StreamAnalysis {
    let mut a = StreamAnalyzer::new(7);
    for &(time_ms, seq, timestamp) in packets {
        a.push(&AnalyzerInput {
            time_ms,
            seq,
            timestamp,
            payload_type: 8,
            marker: false,
            clock_rate: 8000,
        });
    }
    a.result()
}

/// The RTP timestamp restarts from 0 mid-stream (a re-INVITE gave the sender a new
/// base): packets stamped before the stream's first leave the jitter alone, as in
/// tshark 4.0. Packets every 20 ms: 8000 (first), 8160 (no jitter), 0 (before the
/// first: skipped), 8480 (expected at 20 + 320 / 8 = 60 ms from the last packet in
/// time sequence, arrived at 60: no jitter). Computing it for the third packet would
/// have given |40 − (20 − 8160 / 8)| / 16 = 65 ms, and 60.9 ms at the fourth.
#[test]
fn packets_stamped_before_the_first_leave_the_jitter_unchanged() {
    let r = feed(&[
        (0.0, 1, 8000),
        (20.0, 2, 8160),
        (40.0, 3, 0),
        (60.0, 4, 8480),
    ]);
    assert_eq!(r.packets, 4);
    assert_eq!((r.max_jitter_ms, r.mean_jitter_ms), (0.0, 0.0));
    // The delta of the fourth packet is from the second (the last in time sequence).
    assert_eq!(r.max_delta_ms, 40.0);
}
