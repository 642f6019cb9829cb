//! Capture reading (pcap and pcapng, with IP fragment reassembly), stream discovery and
//! Wireshark-style analysis on arbitrary bytes: never panics, reassembly stays within its
//! limits, and every stream found has at least one packet.
#![no_main]

use capture::{CaptureLimits, analyze_stream, estimate_quality, read_capture, streams_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = CaptureLimits::default();
    let Ok(read) = read_capture(data, &limits) else {
        return;
    };
    let r = read.reassembly;
    assert!(read.incomplete <= limits.reassembly.max_pending);
    assert!(r.reassembled + r.dropped <= r.fragments);
    let origin = read.datagrams.first().map(|d| d.time).unwrap_or_default();
    let streams = streams_of(&read, &limits);
    for s in &streams.streams {
        assert!(!s.packets.is_empty());
        let a = analyze_stream(&streams, s, origin);
        assert_eq!(a.packets, s.packets.len() as u64);
        let _ = estimate_quality(&streams, s, &a);
    }
});
