//! Wireshark's RTP stream analysis (`rtp_core::analysis`), worked by hand on short
//! streams, for the rules its differential tests against tshark found.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use rtp_core::analysis::{AnalyzerInput, StreamAnalysis, StreamAnalyzer};

fn feed(packets: &[(f64, u16, u32)]) -> StreamAnalysis {
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

fn push(a: &mut StreamAnalyzer, time_ms: f64, seq: u16, timestamp: u32, pt: u8, clock: u32) {
    a.push(&AnalyzerInput {
        time_ms,
        seq,
        timestamp,
        payload_type: pt,
        marker: false,
        clock_rate: clock,
    });
}

/// RFC 4733 events (no clock rate for the analysis, their timestamp stays at the
/// event's start) between audio packets: the next audio packet is expected at the last
/// event's arrival plus the timestamp step from the last *audio* packet, as Wireshark's
/// `lastnominaltime` works. Audio at 0 and 20 ms (timestamps 0, 160), events at 40 and
/// 60 ms (timestamp 320), audio at 80 ms stamped 640: expected at 60 + (640 − 160) / 8
/// = 120 ms, 40 ms off, so J = 40 / 16 = 2.5 ms, and the mean over the 4 packets seen
/// before it is 0.625 ms. Taking the step from the event's timestamp gave 1.25 ms
/// (a capture of an Asterisk call with DTMF, `SIP_DTMF2.cap`, was 20 % low).
#[test]
fn audio_after_telephone_events_is_timed_from_the_last_audio_timestamp() {
    let mut a = StreamAnalyzer::new(7);
    push(&mut a, 0.0, 1, 0, 8, 8000);
    push(&mut a, 20.0, 2, 160, 8, 8000);
    push(&mut a, 40.0, 3, 320, 101, 0);
    push(&mut a, 60.0, 4, 320, 101, 0);
    push(&mut a, 80.0, 5, 640, 8, 8000);
    let r = a.result();
    assert_eq!(r.max_jitter_ms, 2.5);
    assert_eq!(r.mean_jitter_ms, 0.625);
    assert_eq!(r.max_delta_ms, 20.0);
}

/// Wireshark judges "in time sequence" against the stream's first timestamp in 32-bit
/// arithmetic: a packet stamped half the timestamp space or more after the first is
/// out of sequence even when it follows its predecessor closely, so its delta is not
/// taken. Timestamps 0, 2^30 and 2^31 + 16 at 0, 20 and 1000 ms: the third packet's
/// 980 ms delta does not count (unwrapping from packet to packet took it).
#[test]
fn timestamps_half_the_space_past_the_first_are_out_of_time_sequence() {
    let mut a = StreamAnalyzer::new(7);
    push(&mut a, 0.0, 1, 0, 8, 0);
    push(&mut a, 20.0, 2, 0x4000_0000, 8, 0);
    push(&mut a, 1000.0, 3, 0x8000_0010, 8, 0);
    let r = a.result();
    assert_eq!(r.max_delta_ms, 20.0);
    assert_eq!(r.packets, 3);
    assert_eq!(r.lost, 0);
}
