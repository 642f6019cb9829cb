//! The clock rates a capture's stream analysis uses (Wireshark's choice, from sip-core's
//! RFC 3551 table and the capture's `a=rtpmap`s), worked by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use rtp_core::analysis::StreamAnalysis;

fn capture_stream(pt: u8, step: u32, rtpmap: Option<(u8, u32)>) -> StreamAnalysis {
    use capture::{CaptureStreams, Discovery, Endpoint, RtpStream, SignalledMedia, StreamPacket};
    use std::time::Duration;
    let ep = |port| Endpoint {
        addr: "192.0.2.1".parse().unwrap(),
        port,
    };
    let packets = (0..10u16)
        .map(|i| StreamPacket {
            frame: u64::from(i) + 1,
            time: Duration::from_millis(1000 + 20 * u64::from(i)),
            seq: i,
            timestamp: u32::from(i) * step,
            payload_type: pt,
            marker: false,
            payload_len: 160,
        })
        .collect();
    let stream = RtpStream {
        src: ep(4000),
        dst: ep(5000),
        ssrc: 9,
        discovery: Discovery::Signalled,
        packets,
    };
    let mut signalled = SignalledMedia::default();
    if let Some((p, rate)) = rtpmap {
        signalled.clock_rates.push((p, rate));
        signalled.encodings.push((p, "pcmu".into()));
    }
    let streams = CaptureStreams {
        streams: vec![stream.clone()],
        signalled,
    };
    capture::analyze_stream(&streams, &stream, Duration::from_secs(1))
}

/// Below 96 the analysis takes the static type's RFC 3551 clock: DVI4 at 16 kHz for
/// payload type 6 (320 ticks per 20 ms, no jitter; it was taken as 8 kHz), and 8 kHz
/// for PCMU even when an `a=rtpmap:0 PCMU/16000` says otherwise, as Wireshark does.
#[test]
fn static_payload_types_keep_their_rfc_3551_clock_rate() {
    let dvi4 = capture_stream(6, 320, None);
    assert_eq!(dvi4.clock_rate, 16000);
    assert_eq!((dvi4.max_jitter_ms, dvi4.mean_jitter_ms), (0.0, 0.0));
    let pcmu = capture_stream(0, 160, Some((0, 16000)));
    assert_eq!(pcmu.clock_rate, 8000);
    assert_eq!((pcmu.max_jitter_ms, pcmu.mean_jitter_ms), (0.0, 0.0));
}

/// Payload types 1, 2 and 19, reserved by RFC 3551 but assigned by its predecessor
/// (1016, G721, the old comfort noise), keep Wireshark's 8 kHz; an unassigned static
/// type (20) and an unmapped dynamic one (96) have no clock, so no jitter.
#[test]
fn reserved_types_keep_8_khz_and_unassigned_ones_have_no_clock() {
    assert_eq!(capture::static_clock_rate(1), Some(8000));
    assert_eq!(capture::static_clock_rate(19), Some(8000));
    assert_eq!(capture::static_clock_rate(6), Some(16000));
    assert_eq!(capture::static_clock_rate(20), None);
    assert_eq!(capture_stream(2, 160, None).clock_rate, 8000);
    let unassigned = capture_stream(20, 160, None);
    assert_eq!((unassigned.clock_rate, unassigned.max_jitter_ms), (0, 0.0));
    assert_eq!(capture_stream(96, 960, None).clock_rate, 0);
    assert_eq!(capture_stream(96, 960, Some((96, 48000))).clock_rate, 48000);
}
