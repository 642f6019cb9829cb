//! RTP packet parsing: never panics; accessors stay in bounds; a parsed packet's
//! plain-data header rebuilds to a packet with the same fields.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtp_core::packet::{RtpPacket, RtpPacketBuilder};

fuzz_target!(|data: &[u8]| {
    let Ok(p) = RtpPacket::parse(data) else {
        return;
    };
    assert!(p.payload().len() + p.padding_len() <= data.len());
    let _ = p.csrcs().count();
    let _ = p.extension_data();
    for e in p.extensions() {
        let _ = e.map(|e| e.data.len());
    }
    let owned = p.to_owned_packet();
    assert_eq!(owned.view(), p);
    if let Ok(h) = p.header() {
        let payload = p.payload();
        if let Ok(bytes) = RtpPacketBuilder::from_header(h.clone())
            .payload(payload)
            .build()
        {
            let again = RtpPacket::parse(&bytes).expect("built packets parse");
            let h2 = again.header().expect("built extensions parse");
            assert_eq!(h2.sequence_number, h.sequence_number);
            assert_eq!(h2.timestamp, h.timestamp);
            assert_eq!(h2.ssrc, h.ssrc);
            assert_eq!(h2.csrcs, h.csrcs);
            assert_eq!(h2.extensions, h.extensions);
            assert_eq!(again.payload(), payload);
        }
    }
});
