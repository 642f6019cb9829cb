//! RTCP compound parsing: never panics; whatever decodes, re-encodes (when encodable)
//! and decodes back to the same packets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtp_core::rtcp::{RtcpCompound, write_compound};

fuzz_target!(|data: &[u8]| {
    let strict = RtcpCompound::parse(data);
    let Ok(c) = RtcpCompound::parse_reduced_size(data) else {
        assert!(strict.is_err());
        return;
    };
    assert!(c.iter().map(|p| p.body.len() + 4).sum::<usize>() <= data.len());
    let Ok(packets) = c.packets() else { return };
    if let Ok(bytes) = write_compound(&packets) {
        let again = RtcpCompound::parse_reduced_size(&bytes).expect("written compound parses");
        assert_eq!(again.packets().expect("written packets decode"), packets);
    }
});
