//! RTCP compound parsing, A.2 validity checks and round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use rtp_core::Error;
use rtp_core::rtcp::*;

/// An RR with one report block, written by hand from RFC 3550 6.4.2:
/// V=2 RC=1 PT=201 length=7; reporter 0x11111111; block for 0x22222222 with fraction
/// 0x40 (25 %), cumulative lost -1 (0xFFFFFF), ext seq 0x00010005, jitter 40,
/// LSR 0x12345678, DLSR 0x00010000.
const RR: [u8; 32] = [
    0x81, 201, 0, 7, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x40, 0xFF, 0xFF, 0xFF, 0x00,
    0x01, 0x00, 0x05, 0, 0, 0, 40, 0x12, 0x34, 0x56, 0x78, 0x00, 0x01, 0x00, 0x00,
];

#[test]
fn hand_made_receiver_report_decodes_with_signed_cumulative_loss() {
    let c = RtcpCompound::parse(&RR).unwrap();
    let p = c.packets().unwrap();
    let RtcpPacket::ReceiverReport(rr) = &p[0] else {
        panic!("not RR: {p:?}")
    };
    assert_eq!(rr.ssrc, 0x1111_1111);
    let b = rr.reports[0];
    assert_eq!(b.ssrc, 0x2222_2222);
    assert_eq!(b.fraction_lost, 0x40);
    assert_eq!(b.cumulative_lost, -1);
    assert_eq!(b.extended_highest_seq, 0x0001_0005);
    assert_eq!(b.jitter, 40);
    assert_eq!(b.last_sr, 0x1234_5678);
    assert_eq!(b.delay_since_last_sr, 65536);
    assert_eq!(write_compound(&p).unwrap(), RR);
}

fn full_compound() -> Vec<RtcpPacket> {
    vec![
        RtcpPacket::SenderReport(SenderReport {
            ssrc: 1,
            sender_info: SenderInfo {
                ntp_timestamp: 0xE000_0000_8000_0000,
                rtp_timestamp: 160,
                packet_count: 5,
                octet_count: 800,
            },
            reports: vec![ReportBlock {
                ssrc: 2,
                fraction_lost: 3,
                cumulative_lost: -5,
                extended_highest_seq: 70000,
                jitter: 12,
                last_sr: 9,
                delay_since_last_sr: 10,
            }],
            profile_extension: vec![],
        }),
        RtcpPacket::SourceDescription(vec![
            SdesChunk {
                ssrc: 1,
                items: vec![
                    SdesItem {
                        kind: 1,
                        value: b"alice@example.com".to_vec(),
                    },
                    SdesItem {
                        kind: 2,
                        value: b"Alice".to_vec(),
                    },
                ],
            },
            SdesChunk {
                ssrc: 3,
                items: vec![],
            },
        ]),
        RtcpPacket::Nack(Nack::from_lost(1, 2, &[100, 101, 105, 116, 117, 200])),
        RtcpPacket::ExtendedReport(ExtendedReport {
            ssrc: 1,
            blocks: vec![
                XrBlock::VoipMetrics(VoipMetrics {
                    ssrc: 2,
                    loss_rate: 12,
                    discard_rate: 3,
                    burst_density: 40,
                    gap_density: 2,
                    burst_duration: 120,
                    gap_duration: 5000,
                    round_trip_delay: 80,
                    end_system_delay: 60,
                    signal_level: -20,
                    noise_level: -70,
                    rerl: 127,
                    gmin: 16,
                    r_factor: 85,
                    ext_r_factor: 127,
                    mos_lq: 41,
                    mos_cq: 40,
                    rx_config: 0x80,
                    jb_nominal: 40,
                    jb_maximum: 80,
                    jb_abs_max: 200,
                }),
                XrBlock::Other {
                    block_type: 4,
                    type_specific: 0,
                    data: vec![0, 0, 0, 1, 2, 3, 4, 5],
                },
            ],
        }),
        RtcpPacket::App(App {
            subtype: 3,
            ssrc: 1,
            name: *b"TEST",
            data: vec![1, 2, 3, 4],
        }),
        RtcpPacket::Goodbye(Bye {
            sources: vec![1, 3],
            reason: b"bye".to_vec(),
        }),
    ]
}

#[test]
fn every_packet_type_round_trips_through_a_compound() {
    let packets = full_compound();
    let bytes = write_compound(&packets).unwrap();
    let back = RtcpCompound::parse(&bytes).unwrap().packets().unwrap();
    assert_eq!(back, packets);
    assert_eq!(write_compound(&back).unwrap(), bytes);
}

#[test]
fn nack_bitmask_covers_the_sixteen_following_packets() {
    let n = Nack::from_lost(1, 2, &[100, 101, 105, 116, 117, 200]);
    // 100 is the PID; 101 -> bit 0, 105 -> bit 4, 116 -> bit 15; 117 needs a new entry.
    assert_eq!(
        n.pairs[0],
        NackPair {
            pid: 100,
            blp: (1 << 0) | (1 << 4) | (1 << 15)
        }
    );
    assert_eq!(n.pairs[1], NackPair { pid: 117, blp: 0 });
    assert_eq!(n.pairs[2], NackPair { pid: 200, blp: 0 });
    assert_eq!(
        n.lost_sequence_numbers(),
        vec![100, 101, 105, 116, 117, 200]
    );
}

#[test]
fn a2_rejects_a_compound_not_starting_with_sr_or_rr() {
    let bye = write_compound(&[RtcpPacket::Goodbye(Bye {
        sources: vec![1],
        reason: vec![],
    })])
    .unwrap();
    assert!(matches!(
        RtcpCompound::parse(&bye),
        Err(Error::Malformed { offset: 1, .. })
    ));
    // Reduced-size RTCP accepts it.
    assert!(RtcpCompound::parse_reduced_size(&bye).is_ok());
}

#[test]
fn a2_rejects_length_mismatch_and_bad_version() {
    let mut b = RR.to_vec();
    b.push(0);
    assert!(matches!(
        RtcpCompound::parse(&b),
        Err(Error::Truncated { offset: 33, .. })
    ));
    let mut v = RR;
    v[0] = 0x41;
    assert!(matches!(
        RtcpCompound::parse(&v),
        Err(Error::Malformed { offset: 0, .. })
    ));
    // Length field one word too long.
    let mut l = RR;
    l[3] = 8;
    assert!(matches!(
        RtcpCompound::parse(&l),
        Err(Error::Truncated { offset: 32, .. })
    ));
}

#[test]
fn a2_allows_padding_only_on_the_last_packet() {
    let mut b = RR.to_vec();
    // Append a BYE with 4 bytes of padding: V=2 P=1 SC=1, length 2 words.
    b.extend_from_slice(&[0xA1, 203, 0, 2, 0, 0, 0, 9, 0, 0, 0, 4]);
    let c = RtcpCompound::parse(&b).unwrap();
    let p = c.packets().unwrap();
    assert_eq!(
        p[1],
        RtcpPacket::Goodbye(Bye {
            sources: vec![9],
            reason: vec![]
        })
    );
    // The same padding on the first packet is refused.
    let mut first = b.clone();
    first[0] |= 0x20;
    assert!(matches!(
        RtcpCompound::parse(&first),
        Err(Error::Malformed { offset: 0, .. })
    ));
}

#[test]
fn truncated_bodies_give_typed_errors() {
    // SR claiming 1 report block but only the sender info present.
    let sr = [
        0x81, 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    let c = RtcpCompound::parse(&sr).unwrap();
    assert!(matches!(
        c.packets(),
        Err(Error::Truncated { offset: 28, .. })
    ));
    // SDES item whose length runs past the packet.
    let sdes = [
        0x80, 201, 0, 1, 0, 0, 0, 1, 0x81, 202, 0, 2, 0, 0, 0, 1, 1, 9, b'a', b'b',
    ];
    let c = RtcpCompound::parse(&sdes).unwrap();
    assert!(matches!(
        c.packets(),
        Err(Error::Truncated { offset: 20, .. })
    ));
}

/// Fuzz crash (found by `rtcp_compound`): an RR followed by a padded SDES (P=1, SC=3,
/// length 2, padding count 2) whose first chunk ends at body byte 4; the skip to the next
/// 32-bit boundary lands at byte 8, past the 6-byte body left after the padding. The chunk
/// list is cut short: a typed error at the end of the SDES body (32 + 4 + 6 = 42), not a
/// subtraction overflow.
#[test]
fn sdes_chunk_padding_past_the_body_is_truncated_not_a_panic() {
    let bytes: Vec<u8> = (0..44)
        .map(|i| {
            let hex = "81c90007111111112222222240ffffff00010005000000281234567800010000a3ca00020000000900000002";
            u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()
        })
        .collect();
    let c = RtcpCompound::parse(&bytes).unwrap();
    assert!(matches!(
        c.packets(),
        Err(Error::Truncated { offset: 42, .. })
    ));
}
