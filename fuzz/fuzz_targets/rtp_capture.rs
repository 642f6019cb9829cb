//! Capture reading (pcap and pcapng), stream discovery and Wireshark-style analysis on
//! arbitrary bytes: never panics, and every stream found has at least one packet.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtp_core::analysis::{analyze_stream, estimate_quality};
use rtp_core::capture::{CaptureLimits, read_streams};

fuzz_target!(|data: &[u8]| {
    let Ok((streams, origin)) = read_streams(data, &CaptureLimits::default()) else {
        return;
    };
    for s in &streams.streams {
        assert!(!s.packets.is_empty());
        let a = analyze_stream(&streams, s, origin);
        assert_eq!(a.packets, s.packets.len() as u64);
        let _ = estimate_quality(&streams, s, &a);
    }
});
