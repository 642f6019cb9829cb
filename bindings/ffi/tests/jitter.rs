//! The jitter buffer object as the bindings see it: datagrams in, frames out, times in
//! microseconds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use voipkit_ffi::{
    JitterArrival, JitterBuffer, JitterBufferConfig, JitterPushOutcome, PlayoutKind, VoipkitError,
};

/// An RTP datagram: V=2, payload type `pt`, SSRC 0x11223344, 160 samples per packet
/// (20 ms at 8000 Hz), a two-byte payload naming the sequence number.
fn datagram(seq: u16, pt: u8, marker: bool) -> Vec<u8> {
    let mut p = vec![0x80, pt | if marker { 0x80 } else { 0 }];
    p.extend_from_slice(&seq.to_be_bytes());
    p.extend_from_slice(&(u32::from(seq) * 160).to_be_bytes());
    p.extend_from_slice(&0x1122_3344u32.to_be_bytes());
    p.extend_from_slice(&seq.to_be_bytes());
    p
}

const MS: u64 = 1000;

fn fixed_40ms() -> JitterBuffer {
    JitterBuffer::with_config(JitterBufferConfig {
        fixed_delay_ms: Some(40),
        start_delay_ms: 0,
        ..JitterBufferConfig::default()
    })
}

// Worked by hand (no start-up margin): packets every 20 ms arriving without jitter (seq i at 20·i ms, so
// the smallest transit is 0), a fixed 40 ms target, a pop 5 ms after each arrival.
// The first talkspurt starts when its first frame is 40 ms old: the pops at 5 and 25 ms
// give nothing, the pop at 45 ms plays seq 0, and from then on the pop at 20·i + 5 ms
// plays seq i − 2 (45 ms after its timestamp: not below the target, so no expansion,
// and not a frame above it, so no merging). Seq 5 never arrives in time: its slot
// (pop at 145 ms) is concealed with its timestamp 5 × 160 = 800; once seq 6 has played
// (165 ms), seq 5 showing up at 170 ms is late.
#[test]
fn frames_play_a_fixed_delay_after_their_timestamp_and_a_missing_one_is_concealed() {
    let jb = fixed_40ms();
    let mut played = Vec::new();
    for i in 0..=10u16 {
        let t = u64::from(i) * 20 * MS;
        if i != 5 {
            assert_eq!(
                jb.push(datagram(i, 0, i == 0), t),
                Ok(JitterPushOutcome::Accepted)
            );
        }
        let out = jb.pop(t + 5 * MS).unwrap();
        played.push((
            out.kind,
            out.frames.iter().map(|f| f.seq).collect::<Vec<_>>(),
            out.conceal_timestamp,
        ));
        if i == 8 {
            assert_eq!(
                jb.push(datagram(5, 0, false), 170 * MS),
                Ok(JitterPushOutcome::Late)
            );
        }
    }
    use PlayoutKind::{Conceal, Frame, Nothing};
    assert_eq!(
        played,
        vec![
            (Nothing, vec![], None),
            (Nothing, vec![], None),
            (Frame, vec![0], None),
            (Frame, vec![1], None),
            (Frame, vec![2], None),
            (Frame, vec![3], None),
            (Frame, vec![4], None),
            (Conceal, vec![], Some(800)),
            (Frame, vec![6], None),
            (Frame, vec![7], None),
            (Frame, vec![8], None),
        ]
    );
    let s = jb.stats();
    assert_eq!(
        (s.received, s.played, s.concealed, s.late, s.lost),
        (11, 8, 1, 1, 0)
    );
    assert_eq!(s.buffered, 2); // seq 9 and 10 wait for their slots
    assert_eq!(s.target_delay_ms, 40.0);
}

#[test]
fn a_frame_carries_the_payload_and_header_fields_of_its_datagram() {
    let jb = fixed_40ms();
    jb.push(datagram(7, 8, true), 1_000_000).unwrap();
    let out = jb.pop(1_040_000).unwrap();
    assert_eq!(out.kind, PlayoutKind::Frame);
    let f = &out.frames[0];
    assert_eq!(f.payload, [0, 7]);
    assert_eq!((f.seq, f.timestamp, f.ssrc), (7, 1120, 0x1122_3344));
    assert_eq!(
        (f.payload_type, f.marker, f.arrival_us),
        (8, true, 1_000_000)
    );
}

#[test]
fn bytes_that_are_not_rtp_are_an_rtp_error_and_a_malformed_outcome_in_a_batch() {
    let jb = JitterBuffer::with_config(JitterBufferConfig::default());
    assert!(matches!(
        jb.push(vec![0x80, 0, 0], 0),
        Err(VoipkitError::Rtp { .. })
    ));
    let outcomes = jb
        .push_many(vec![
            JitterArrival {
                packet: datagram(1, 0, false),
                arrival_us: 0,
            },
            JitterArrival {
                packet: datagram(1, 0, false),
                arrival_us: 1,
            },
            JitterArrival {
                packet: b"not rtp".to_vec(),
                arrival_us: 2,
            },
        ])
        .unwrap();
    use JitterPushOutcome::{Accepted, Duplicate, Malformed};
    assert_eq!(outcomes, [Accepted, Duplicate, Malformed]);
    // The malformed bytes were never handed to the buffer.
    assert_eq!(jb.stats().received, 2);
}

#[test]
fn pop_many_plays_one_slot_per_instant_like_repeated_pops() {
    let one = fixed_40ms();
    let many = fixed_40ms();
    let arrivals: Vec<JitterArrival> = (0..6u16)
        .map(|i| JitterArrival {
            packet: datagram(i, 0, false),
            arrival_us: u64::from(i) * 20 * MS,
        })
        .collect();
    for a in &arrivals {
        one.push(a.packet.clone(), a.arrival_us).unwrap();
    }
    many.push_many(arrivals).unwrap();
    let times: Vec<u64> = (0..8).map(|i| 100 * MS + i * 20 * MS).collect();
    let singles: Vec<_> = times.iter().map(|t| one.pop(*t).unwrap()).collect();
    assert_eq!(many.pop_many(times).unwrap(), singles);
    assert_eq!(one.stats(), many.stats());
}

#[test]
fn a_new_ssrc_resets_the_buffer() {
    let jb = JitterBuffer::with_config(JitterBufferConfig::default());
    jb.push(datagram(1, 0, false), 0).unwrap();
    let mut other = datagram(1, 0, false);
    other[8..12].copy_from_slice(&0x5555_5555u32.to_be_bytes());
    assert_eq!(jb.push(other, 20 * MS), Ok(JitterPushOutcome::Reset));
    assert_eq!(jb.stats().resets, 1);
}

// At the end of a replay every packet has left the buffer one way or another: played,
// late, duplicate or refused. The sample's streams have 150 and 147 packets (as
// `tshark -z rtp,streams` counts them) at 20 ms (160 samples of G.711).
#[test]
fn a_capture_replay_accounts_for_every_packet_of_each_stream() {
    let capture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/call.pcap"
    ))
    .unwrap();
    let reports = voipkit_ffi::rtp_playout_capture(capture, 0, 1000).unwrap();
    let mut received: Vec<_> = reports.iter().map(|r| (r.ssrc, r.received)).collect();
    received.sort_unstable();
    assert_eq!(received, [(0x0B0B_0B0B, 147), (0x5EED_A11C, 150)]);
    for r in &reports {
        assert_eq!(r.frame_ms, 20.0);
        assert_eq!(
            r.played + r.late + r.duplicates + r.overflow,
            r.received,
            "{r:?}"
        );
        assert!(r.p95_delay_ms >= r.mean_delay_ms);
        assert!(r.expanded <= r.concealed);
    }
    assert!(matches!(
        voipkit_ffi::rtp_playout_capture(b"not a capture".to_vec(), 0, 1000),
        Err(VoipkitError::Rtp { .. })
    ));
}
