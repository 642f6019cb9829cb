//! The whole pipeline from capture bytes to analysis and playout, with arbitrary clock
//! rates, delay bounds, capture times and RTP timestamps: no panic, no hang (the
//! smoke's -timeout), playout either a typed error for a number out of range or a
//! report whose counts add up.
//!
//! Byte 0 chooses the input: even, the rest after the 9-byte header is a capture
//! (pcap or pcapng) read with `read_streams`, and read again as calls with
//! `read_calls_measured` (streams measured as they end, their packets let go) and
//! datagram by datagram with `read_capture_each`; odd, it is a list of 11-byte packets of
//! one stream (time step: 4 bytes, in µs, or in s when the top bit is set; sequence
//! number 2; timestamp 4; payload type and marker 1). Bytes 1-4 are a clock rate
//! (little-endian), 5-6 and 7-8 the smallest and largest delay in ms.
#![no_main]

use std::time::Duration;

use capture::{
    CaptureLimits, CaptureStreams, Discovery, Endpoint, Error, RtpStream, SignalledMedia,
    StreamPacket, analyze_stream, estimate_quality, measure_stream, play_capture, play_stream,
    read_calls_measured, read_capture_each, read_streams, stream_clock_rate,
};
use libfuzzer_sys::fuzz_target;
use rtp_core::CLOCK_RATES;
use rtp_core::analysis::{AnalyzerInput, StreamAnalyzer};
use rtp_core::playout::check_delay_bounds;
use sip_core::calls::ObserverLimits;

fn check_playout(stream: &RtpStream, clock_rate: u32, min: Duration, max: Duration) {
    match play_stream(stream, clock_rate, min, max) {
        Ok(r) => {
            let s = r.stats;
            assert_eq!(s.received, stream.packets.len() as u64);
            assert!(
                s.played + s.late + s.duplicates + s.overflow <= s.received,
                "{s:?}"
            );
            assert!(s.expanded <= s.concealed);
            assert!(r.mean_delay_ms.is_finite() && r.p95_delay_ms.is_finite());
        }
        Err(Error::Rtp(rtp_core::Error::OutOfRange { .. })) => {
            assert!(!CLOCK_RATES.contains(&clock_rate) || check_delay_bounds(min, max).is_err());
        }
        Err(e) => panic!("unexpected playout error {e}"),
    }
}

fn check_analysis(streams: &CaptureStreams, stream: &RtpStream, origin: Duration, clock: u32) {
    let a = analyze_stream(streams, stream, origin);
    assert_eq!(a.packets, stream.packets.len() as u64);
    if let Some(q) = estimate_quality(streams, stream, &a) {
        assert!(q.mos.is_finite());
    }
    // The analyser on its own, with the fuzzed clock rate for every packet.
    let mut an = StreamAnalyzer::new(stream.ssrc);
    for p in &stream.packets {
        an.push(&AnalyzerInput {
            time_ms: p.time.saturating_sub(origin).as_secs_f64() * 1000.0,
            seq: p.seq,
            timestamp: p.timestamp,
            payload_type: p.payload_type,
            marker: p.marker,
            clock_rate: clock,
        });
    }
    let r = an.result();
    assert_eq!(
        r.unsupported_clock_rate.is_some(),
        clock != 0 && !CLOCK_RATES.contains(&clock)
    );
    assert!(!r.mean_jitter_ms.is_nan());
}

/// Every datagram and message a capture gives, read one by one: at a frame of the
/// capture, and no larger than a UDP datagram or a SIP message put back together from
/// TCP segments or HEP copies of them (64 KiB).
fn check_each(body: &[u8]) {
    let _ = read_capture_each(body, &CaptureLimits::default(), |d, _| {
        assert!(d.frame >= 1);
        assert!(d.payload.len() <= 1 << 16, "{}", d.payload.len());
    });
}

/// The calls of a capture with their streams measured on the way: every stream measured
/// has packets, its figures count them, and the calls and the unsignalled list index
/// the streams once each.
fn check_measured_calls(body: &[u8]) {
    let limits = ObserverLimits {
        max_calls: 16,
        max_steps: 64,
        max_announcements: 8,
    };
    let Ok(found) = read_calls_measured(body, &CaptureLimits::default(), limits, |m, s, o| {
        assert!(!s.packets.is_empty());
        let q = measure_stream(m, s, o);
        assert_eq!(q.analysis.packets, s.packets.len() as u64);
        q
    }) else {
        return;
    };
    let mut seen = vec![0u8; found.streams.len()];
    for i in found
        .calls
        .iter()
        .flat_map(|c| c.streams.iter().map(|s| s.index))
        .chain(found.unsignalled.iter().copied())
    {
        seen[i] += 1;
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    assert!(
        found
            .streams
            .windows(2)
            .all(|w| w[0].first.frame <= w[1].first.frame)
    );
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let clock = u32::from_le_bytes([data[1], data[2], data[3], data[4]]);
    let min = Duration::from_millis(u64::from(u16::from_le_bytes([data[5], data[6]])));
    let max = Duration::from_millis(u64::from(u16::from_le_bytes([data[7], data[8]])));
    let body = &data[9..];
    if data[0] & 1 == 0 {
        check_each(body);
        check_measured_calls(body);
        let Ok((streams, origin)) = read_streams(body, &CaptureLimits::default()) else {
            return;
        };
        if let Ok(reports) = play_capture(&streams, min, max) {
            assert_eq!(reports.len(), streams.streams.len());
        }
        for s in &streams.streams {
            assert!(!s.packets.is_empty());
            check_analysis(&streams, s, origin, clock);
            check_playout(s, stream_clock_rate(&streams, s), min, max);
            check_playout(s, clock, min, max);
        }
    } else {
        let ep = Endpoint {
            addr: [10, 0, 0, 1].into(),
            port: 4000,
        };
        let mut time = Duration::from_secs(1_700_000_000);
        let packets: Vec<StreamPacket> = body
            .chunks_exact(11)
            .enumerate()
            .map(|(i, c)| {
                let step = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                time = if step & 0x8000_0000 != 0 {
                    time.saturating_add(Duration::from_secs(u64::from(step & 0x7FFF_FFFF) << 16))
                } else {
                    time.saturating_add(Duration::from_micros(u64::from(step)))
                };
                StreamPacket {
                    frame: i as u64 + 1,
                    time,
                    seq: u16::from_le_bytes([c[4], c[5]]),
                    timestamp: u32::from_le_bytes([c[6], c[7], c[8], c[9]]),
                    payload_type: c[10] & 0x7F,
                    marker: c[10] & 0x80 != 0,
                    payload_len: 160,
                }
            })
            .collect();
        if packets.is_empty() {
            return;
        }
        let origin = packets[0].time;
        let stream = RtpStream {
            src: ep,
            dst: ep,
            ssrc: 1,
            discovery: Discovery::Heuristic,
            packets,
        };
        let streams = CaptureStreams {
            streams: vec![stream.clone()],
            signalled: SignalledMedia {
                endpoints: vec![],
                announced_in: vec![],
                clock_rates: vec![(96, clock)],
                encodings: vec![(96, "pcma".into())],
            },
        };
        check_analysis(&streams, &stream, origin, clock);
        check_playout(&stream, clock, min, max);
        check_playout(&stream, 8000, min, max);
    }
});
