//! Inputs found by the `jitter_buffer` fuzz target, replayed with the same decoding.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::time::Duration;

use bytes::Bytes;
use rtp_core::jitter::{JbPacket, JitterBuffer, JitterConfig, Playout};
use rtp_core::seq::ts_diff;

/// The fuzz target's decoding: 9-byte operations (push or pop) with arbitrary times.
/// Returns the (seq, timestamp) of every frame played, and checks the invariants.
fn replay(data: &[u8]) -> Vec<(u16, u32)> {
    let mut jb = JitterBuffer::new(JitterConfig::new(8000).capacity(16));
    let mut last: Option<(u16, u32)> = None;
    let mut resets = 0;
    let mut played = Vec::new();
    for op in data.chunks_exact(9) {
        let now =
            Duration::from_micros(u64::from(u32::from_le_bytes([op[5], op[6], op[7], op[8]])) * 8);
        if op[0] & 1 == 0 {
            let seq = u16::from_le_bytes([op[1], op[2]]);
            let ts = u32::from(u16::from_le_bytes([op[3], op[4]])) * 40;
            jb.push(
                JbPacket::new(u32::from(op[0] >> 6), seq, ts, op[0] & 2 != 0, Bytes::new()),
                now,
            );
        } else {
            let out = jb.pop(now);
            let frames = match out {
                Playout::Frame(f) => vec![f],
                Playout::Merged(a, b) => vec![a, b],
                _ => vec![],
            };
            for f in frames {
                if let Some((pseq, pts)) = last {
                    // Timestamp order (equal timestamps allowed for one frame's packets),
                    // and never the same packet twice.
                    assert!(
                        ts_diff(pts, f.packet.timestamp) > 0,
                        "ts {pts} then {}",
                        f.packet.timestamp
                    );
                    assert_ne!(pseq, f.packet.seq, "seq {pseq} played twice");
                }
                last = Some((f.packet.seq, f.packet.timestamp));
                played.push((f.packet.seq, f.packet.timestamp));
            }
        }
        if jb.stats().resets != resets {
            resets = jb.stats().resets;
            last = None;
        }
        assert!(jb.len() <= 16);
    }
    played
}

#[test]
fn fuzz_crash_1_a_second_packet_with_a_played_timestamp_is_late() {
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_1.bin"
    ))
    .unwrap();
    let played = replay(&data);
    // Packets 0 and 1 both carry timestamp 0 after the reset: an audio buffer plays one
    // frame per timestamp, so packet 1 comes after its slot and is dropped as late.
    assert_eq!(played.last(), Some(&(0, 0)));
    assert!(!played.ends_with(&[(0, 0), (1, 0)]));
}

#[test]
fn fuzz_crash_2_a_packet_whose_timestamp_went_back_is_not_played_out_of_order() {
    // Sequence 16 arrives with timestamp 160 after 2240 was played (the timestamp went
    // back by less than the reset threshold): it must be dropped as late.
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_2.bin"
    ))
    .unwrap();
    let played = replay(&data);
    assert!(!played.contains(&(16, 160)));
}

#[test]
fn fuzz_crash_3_a_restarted_talkspurt_never_replays_a_played_timestamp() {
    // After a reset, packet 0 (timestamp 0) plays and the buffer runs dry; packet 3
    // (timestamp 480) arrives behind the playout point and restarts playout as a new
    // talkspurt, then packet 1 arrives with timestamp 0 again: it must be late, not
    // start the talkspurt at a timestamp already played.
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_3.bin"
    ))
    .unwrap();
    let played = replay(&data);
    assert!(played.contains(&(0, 0)));
    assert!(!played.contains(&(1, 0)), "{played:?}");
}
