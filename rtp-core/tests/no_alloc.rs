//! Steady-state jitter-buffer push/pop, RTP parsing and statistics updates allocate
//! nothing (counted with an instrumented global allocator).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::alloc::System;
use std::time::Duration;

use bytes::Bytes;
use rtp_core::jitter::{JbPacket, JitterBuffer, JitterConfig};
use rtp_core::packet::{RtpPacket, RtpPacketBuilder};
use rtp_core::stats::ReceiverStats;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn steady_state_push_pop_parse_and_stats_do_not_allocate() {
    let payload = Bytes::from_static(&[0xFF; 160]);
    let bytes = RtpPacketBuilder::new()
        .sequence_number(1)
        .payload(&[0; 160])
        .build()
        .unwrap();
    let mut jb = JitterBuffer::new(JitterConfig::new(8000));
    let mut stats = ReceiverStats::new(1, 8000);
    let step = |jb: &mut JitterBuffer, stats: &mut ReceiverStats, i: u64| {
        let arrival = Duration::from_micros(i * 20_000 + (i * 7919 % 8000));
        let p = RtpPacket::parse(&bytes).unwrap();
        stats.update(i as u16, (i * 160) as u32, arrival);
        jb.push(
            JbPacket::new(1, i as u16, (i * 160) as u32, p.marker(), payload.clone()),
            arrival,
        );
        jb.pop(Duration::from_micros(i * 20_000 + 10_000))
    };
    // Warm up (the buffer allocates its slots at construction only).
    for i in 0..1000 {
        step(&mut jb, &mut stats, i);
    }
    let region = Region::new(GLOBAL);
    let mut played = 0;
    for i in 1000..6000 {
        if !matches!(
            step(&mut jb, &mut stats, i),
            rtp_core::jitter::Playout::Nothing
        ) {
            played += 1;
        }
    }
    let change = region.change();
    assert!(played > 4900);
    assert_eq!(change.allocations, 0, "{change:?}");
    assert_eq!(change.reallocations, 0, "{change:?}");
}

/// Runs without the libtest harness (`harness = false`): the allocation counter is
/// process-wide, and the harness's own threads would otherwise be counted with it.
fn main() {
    steady_state_push_pop_parse_and_stats_do_not_allocate();
    println!("test steady_state_push_pop_parse_and_stats_do_not_allocate ... ok");
}
