//! Arbitrary push/pop sequences with arbitrary times: no panic, bounded memory, and
//! frames leave in timestamp order within one stream (between resets), none twice.
#![no_main]

use std::time::Duration;

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use rtp_core::jitter::{JbPacket, JitterBuffer, JitterConfig, Playout};
use rtp_core::seq::ts_diff;

const CAPACITY: usize = 16;

fuzz_target!(|data: &[u8]| {
    let mut jb = JitterBuffer::new(JitterConfig::new(8000).capacity(CAPACITY));
    let mut last: Option<(u16, u32)> = None;
    let mut resets = 0;
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
            if jb.stats().resets != resets {
                resets = jb.stats().resets;
                last = None;
            }
            let frames = match out {
                Playout::Frame(f) => vec![f],
                Playout::Merged(a, b) => vec![a, b],
                _ => vec![],
            };
            for f in frames {
                if let Some((pseq, pts)) = last {
                    // Strict timestamp order (one audio frame per timestamp), and never
                    // the same packet twice.
                    assert!(
                        ts_diff(pts, f.packet.timestamp) > 0,
                        "{pts} then {}",
                        f.packet.timestamp
                    );
                    assert_ne!(pseq, f.packet.seq, "packet {pseq} played twice");
                }
                last = Some((f.packet.seq, f.packet.timestamp));
            }
        }
        if jb.stats().resets != resets {
            resets = jb.stats().resets;
            last = None;
        }
        assert!(jb.len() <= CAPACITY);
    }
});
