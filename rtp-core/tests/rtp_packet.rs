//! RTP packet parsing, building and RFC 8285 extensions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use proptest::prelude::*;
use rtp_core::Error;
use rtp_core::packet::{RtpPacket, RtpPacketBuf, RtpPacketBuilder};

/// RFC 3550 5.1 fixed header written by hand: V=2 P=0 X=0 CC=0, M=1 PT=0, seq 0x1234,
/// ts 0xDEADBEEF, SSRC 0x01020304, then a 3-byte payload.
const HAND_MADE: [u8; 15] = [
    0x80, 0x80, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xAA, 0xBB, 0xCC,
];

#[test]
fn parses_fixed_header_fields_from_hand_made_bytes() {
    let p = RtpPacket::parse(&HAND_MADE).unwrap();
    assert_eq!(p.version(), 2);
    assert!(p.marker());
    assert_eq!(p.payload_type(), 0);
    assert_eq!(p.sequence_number(), 0x1234);
    assert_eq!(p.timestamp(), 0xDEAD_BEEF);
    assert_eq!(p.ssrc(), 0x0102_0304);
    assert_eq!(p.payload(), &[0xAA, 0xBB, 0xCC]);
    assert_eq!(p.csrcs().count(), 0);
    assert!(p.extension_profile().is_none());
}

#[test]
fn csrcs_and_padding_are_located() {
    // CC=2, P=1, payload 2 bytes, 3 padding bytes (last byte = 3).
    let mut b = vec![0xA2, 0x08, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9];
    b.extend_from_slice(&[0, 0, 0, 7, 0, 0, 0, 8]);
    b.extend_from_slice(&[0x55, 0x66, 0, 0, 3]);
    let p = RtpPacket::parse(&b).unwrap();
    assert_eq!(p.csrcs().collect::<Vec<_>>(), vec![7, 8]);
    assert_eq!(p.padding_len(), 3);
    assert_eq!(p.payload(), &[0x55, 0x66]);
    assert_eq!(p.payload_type(), 8);
}

#[test]
fn errors_carry_offset_and_reason() {
    assert_eq!(
        RtpPacket::parse(&HAND_MADE[..11]),
        Err(Error::Truncated {
            offset: 11,
            reason: "fixed RTP header needs 12 bytes"
        })
    );
    let mut v1 = HAND_MADE;
    v1[0] = 0x40;
    assert!(matches!(
        RtpPacket::parse(&v1),
        Err(Error::Malformed { offset: 0, .. })
    ));
    // CC=3 but no CSRCs follow.
    let mut cc = HAND_MADE;
    cc[0] = 0x83;
    assert!(matches!(
        RtpPacket::parse(&cc),
        Err(Error::Truncated { offset: 15, .. })
    ));
    // Padding count larger than the payload.
    let mut pad = HAND_MADE;
    pad[0] = 0xA0;
    pad[14] = 9;
    assert!(matches!(
        RtpPacket::parse(&pad),
        Err(Error::Malformed { offset: 14, .. })
    ));
    // Padding count 0 is invalid.
    pad[14] = 0;
    assert!(matches!(
        RtpPacket::parse(&pad),
        Err(Error::Malformed { offset: 14, .. })
    ));
    // Extension header announces 2 words but only 1 follows.
    let mut ext = vec![
        0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0x10, 0xAA, 0, 0,
    ];
    assert!(matches!(
        RtpPacket::parse(&ext),
        Err(Error::Truncated { offset: 20, .. })
    ));
    ext.truncate(14);
    assert!(matches!(
        RtpPacket::parse(&ext),
        Err(Error::Truncated { offset: 14, .. })
    ));
}

#[test]
fn one_byte_extensions_follow_rfc8285_example() {
    // RFC 8285 4.2 layout: 0xBEDE, length 3 words; elements id 1 len 1 (L=0),
    // id 2 len 2 (L=1), one padding byte, id 3 len 4 (L=3), then padding to the word.
    let mut b = vec![0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
    b.extend_from_slice(&[0xBE, 0xDE, 0x00, 0x03]);
    b.extend_from_slice(&[
        0x10, 0xAA, 0x21, 0xBB, 0xBB, 0x00, 0x33, 0xCC, 0xCC, 0xCC, 0xCC, 0x00,
    ]);
    b.extend_from_slice(b"payload");
    let p = RtpPacket::parse(&b).unwrap();
    let elems: Vec<_> = p
        .extensions()
        .map(|e| e.unwrap())
        .map(|e| (e.id, e.data.to_vec()))
        .collect();
    assert_eq!(
        elems,
        vec![(1, vec![0xAA]), (2, vec![0xBB, 0xBB]), (3, vec![0xCC; 4])]
    );
    assert_eq!(p.payload(), b"payload");
}

#[test]
fn one_byte_id_15_stops_parsing() {
    let mut b = vec![0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
    b.extend_from_slice(&[0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0xF0, 0x11]);
    let p = RtpPacket::parse(&b).unwrap();
    assert_eq!(p.extensions().count(), 1);
}

#[test]
fn two_byte_extensions_allow_empty_and_long_elements() {
    let long = [7u8; 20];
    let bytes = RtpPacketBuilder::new()
        .extension(1, &[])
        .extension(200, &long)
        .payload(&[1, 2, 3])
        .build()
        .unwrap();
    let p = RtpPacket::parse(&bytes).unwrap();
    assert_eq!(p.extension_profile(), Some(0x1000));
    let elems: Vec<_> = p.extensions().map(|e| e.unwrap()).collect();
    assert_eq!(elems.len(), 2);
    assert_eq!((elems[0].id, elems[0].data.len()), (1, 0));
    assert_eq!((elems[1].id, elems[1].data), (200, &long[..]));
    assert_eq!(p.payload(), &[1, 2, 3]);
}

#[test]
fn truncated_two_byte_element_is_an_error_not_a_panic() {
    let mut b = vec![0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
    // Element id 5 claims 9 bytes but the block has 2 left.
    b.extend_from_slice(&[0x10, 0x00, 0x00, 0x01, 0x05, 0x09, 0xAA, 0xBB]);
    let p = RtpPacket::parse(&b).unwrap();
    let r: Vec<_> = p.extensions().collect();
    assert_eq!(r.len(), 1);
    assert!(matches!(r[0], Err(Error::Truncated { offset: 20, .. })));
}

#[test]
fn owned_form_keeps_bytes_identical_and_shares_payload() {
    let bytes = bytes::Bytes::from_static(&HAND_MADE);
    let owned = RtpPacketBuf::parse(bytes.clone()).unwrap();
    assert_eq!(owned.bytes(), &bytes);
    assert_eq!(&owned.payload()[..], &[0xAA, 0xBB, 0xCC]);
    // The payload is the packet's own last three bytes, not a copy of them.
    assert_eq!(
        owned.payload().as_ptr(),
        bytes[HAND_MADE.len() - 3..].as_ptr()
    );
    assert_eq!(owned.view().sequence_number(), 0x1234);
}

#[test]
fn builder_rejects_unencodable_values() {
    assert!(RtpPacketBuilder::new().payload_type(128).build().is_err());
    let mut b = RtpPacketBuilder::new();
    for i in 0..16 {
        b = b.csrc(i);
    }
    assert!(b.build().is_err());
    assert!(
        RtpPacketBuilder::new()
            .raw_extension(0xABCD, &[1, 2, 3])
            .build()
            .is_err()
    );
}

proptest! {
    #[test]
    fn builder_output_parses_back_to_the_same_header(
        marker: bool, pt in 0u8..128, seq: u16, ts: u32, ssrc: u32,
        csrcs in proptest::collection::vec(any::<u32>(), 0..15),
        exts in proptest::collection::vec((1u8..=14, proptest::collection::vec(any::<u8>(), 1..=16)), 0..5),
        payload in proptest::collection::vec(any::<u8>(), 0..200),
        padding in 0u8..20,
    ) {
        let mut b = RtpPacketBuilder::new().marker(marker).payload_type(pt).sequence_number(seq)
            .timestamp(ts).ssrc(ssrc).payload(&payload).padding(padding);
        for c in &csrcs { b = b.csrc(*c); }
        for (id, d) in &exts { b = b.extension(*id, d); }
        let bytes = b.build().unwrap();
        let p = RtpPacket::parse(&bytes).unwrap();
        let h = p.header().unwrap();
        prop_assert_eq!(h.marker, marker);
        prop_assert_eq!(h.payload_type, pt);
        prop_assert_eq!(h.sequence_number, seq);
        prop_assert_eq!(h.timestamp, ts);
        prop_assert_eq!(h.ssrc, ssrc);
        prop_assert_eq!(&h.csrcs, &csrcs);
        prop_assert_eq!(h.extensions.iter().map(|e| (e.id, e.data.clone())).collect::<Vec<_>>(), exts);
        prop_assert_eq!(p.payload(), &payload[..]);
        prop_assert_eq!(h.padding_len, padding);
        // Rebuilding from the plain-data header gives the same bytes.
        let again = RtpPacketBuilder::from_header(h).payload(&payload).build().unwrap();
        prop_assert_eq!(again, bytes);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..100)) {
        if let Ok(p) = RtpPacket::parse(&data) {
            let _ = p.header();
            prop_assert!(p.payload().len() <= data.len());
        }
    }
}
