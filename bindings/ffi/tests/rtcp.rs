//! Compound RTCP through the bindings: an SR with one report block, an SDES with a
//! CNAME and a BYE with a reason, built by hand from RFC 3550 6.4.1, 6.5 and 6.6; and
//! errors with their offset.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use voipkit_ffi::{RtcpCname, RtcpReportBlock, VoipkitError, rtcp_parse};

fn compound() -> Vec<u8> {
    let mut b = Vec::new();
    // SR: V=2 RC=1, PT 200, length 12 (13 words: header, SSRC, sender info, 1 block).
    b.extend_from_slice(&[0x81, 200, 0, 12]);
    b.extend_from_slice(&0x1111_1111u32.to_be_bytes());
    b.extend_from_slice(&0x0000_0001_0000_0002u64.to_be_bytes()); // NTP
    b.extend_from_slice(&160u32.to_be_bytes()); // RTP timestamp
    b.extend_from_slice(&10u32.to_be_bytes()); // packets
    b.extend_from_slice(&1600u32.to_be_bytes()); // octets
    b.extend_from_slice(&0x2222_2222u32.to_be_bytes());
    b.extend_from_slice(&[64, 0, 0, 3]); // fraction 64/256, 3 lost
    b.extend_from_slice(&1000u32.to_be_bytes()); // extended highest sequence
    b.extend_from_slice(&12u32.to_be_bytes()); // jitter
    b.extend_from_slice(&0x0102_0304u32.to_be_bytes()); // LSR
    b.extend_from_slice(&65_536u32.to_be_bytes()); // DLSR: 1 s
    // SDES: SC=1, PT 202, length 3: SSRC, CNAME "alice", END, padded to 12 bytes.
    b.extend_from_slice(&[0x81, 202, 0, 3]);
    b.extend_from_slice(&0x1111_1111u32.to_be_bytes());
    b.extend_from_slice(&[1, 5, b'a', b'l', b'i', b'c', b'e', 0]);
    // BYE: SC=1, PT 203, length 3: SSRC, reason "done", padded.
    b.extend_from_slice(&[0x81, 203, 0, 3]);
    b.extend_from_slice(&0x1111_1111u32.to_be_bytes());
    b.extend_from_slice(&[4, b'd', b'o', b'n', b'e', 0, 0, 0]);
    b
}

#[test]
fn a_compound_packet_gives_each_packet_flattened() {
    let packets = rtcp_parse(compound()).unwrap();
    let kinds: Vec<_> = packets
        .iter()
        .map(|p| (p.kind.as_str(), p.packet_type))
        .collect();
    assert_eq!(kinds, [("sr", 200), ("sdes", 202), ("bye", 203)]);
    let sr = &packets[0];
    assert_eq!(sr.ssrc, 0x1111_1111);
    assert_eq!(
        (
            sr.ntp_timestamp,
            sr.rtp_timestamp,
            sr.packet_count,
            sr.octet_count
        ),
        (Some(0x0000_0001_0000_0002), Some(160), Some(10), Some(1600))
    );
    assert_eq!(
        sr.reports,
        [RtcpReportBlock {
            ssrc: 0x2222_2222,
            fraction_lost: 64,
            cumulative_lost: 3,
            extended_highest_seq: 1000,
            jitter: 12,
            last_sr: 0x0102_0304,
            delay_since_last_sr: 65_536,
        }]
    );
    assert_eq!(
        packets[1].cnames,
        [RtcpCname {
            ssrc: 0x1111_1111,
            cname: "alice".into()
        }]
    );
    assert_eq!(packets[2].sources, [0x1111_1111]);
    assert_eq!(packets[2].reason.as_deref(), Some("done"));
}

#[test]
fn a_compound_that_does_not_start_with_a_report_is_an_rtp_error() {
    let mut bytes = compound();
    bytes.drain(..52); // drop the SR: the compound now starts with the SDES
    match rtcp_parse(bytes) {
        Err(VoipkitError::Rtp { kind, offset, .. }) => {
            // At the packet type byte of the first packet.
            assert_eq!((kind.as_str(), offset), ("malformed", 1));
        }
        other => panic!("expected an RTP error, got {other:?}"),
    }
    // Cut inside the SR.
    assert!(matches!(
        rtcp_parse(compound()[..20].to_vec()),
        Err(VoipkitError::Rtp { .. })
    ));
}

/// Receiver statistics by RFC 3550 A.1/A.3 worked by hand: packets 10, 11, 12, 14, 20 ms
/// apart with timestamps 160 apart. Probation consumes 10, so 11..=14 are expected (4),
/// 3 received, 1 lost; arrival and timestamp spacing match, so jitter is 0; the report
/// block says 1 of 4 lost: 64/256.
#[test]
fn receiver_statistics_count_as_rfc_3550_says() {
    use voipkit_ffi::{RtpReceiverStats, RtpReception, SeqVerdict};
    let stats = RtpReceiverStats::create(0xABCD, 8000).unwrap();
    let verdicts = stats.update_many(
        [10u16, 11, 12]
            .iter()
            .map(|&s| RtpReception {
                sequence_number: s,
                timestamp: 160 * u32::from(s),
                arrival_us: 20_000 * u64::from(s),
            })
            .collect(),
    );
    assert_eq!(
        verdicts,
        [SeqVerdict::Probation, SeqVerdict::Valid, SeqVerdict::Valid]
    );
    assert_eq!(stats.update(14, 160 * 14, 20_000 * 14), SeqVerdict::Valid);
    let s = stats.snapshot();
    assert_eq!((s.ssrc, s.expected, s.received, s.lost), (0xABCD, 4, 3, 1));
    assert!(s.jitter_ms.abs() < 1e-9, "{}", s.jitter_ms);
    let block = stats.report_block(0x0102_0304, 65_536);
    assert_eq!(
        (
            block.ssrc,
            block.fraction_lost,
            block.cumulative_lost,
            block.extended_highest_seq
        ),
        (0xABCD, 64, 1, 14)
    );
    assert_eq!(
        (block.last_sr, block.delay_since_last_sr),
        (0x0102_0304, 65_536)
    );
    // A clock rate out of range is refused.
    assert!(matches!(
        RtpReceiverStats::create(1, 0),
        Err(VoipkitError::Rtp { ref kind, .. }) if kind == "out_of_range"
    ));
}
