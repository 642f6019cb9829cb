//! Wrap-around arithmetic, A.1 validation and A.3/A.8 receiver statistics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::time::Duration;

use proptest::prelude::*;
use rtp_core::seq::*;
use rtp_core::stats::ReceiverStats;

#[test]
fn sequence_and_timestamp_arithmetic_wraps() {
    assert_eq!(seq_diff(65530, 4), 10);
    assert!(seq_less(65535, 0));
    assert!(!seq_less(0, 65535));
    assert_eq!(ts_diff(0xFFFF_FF00, 0x0000_0100), 0x200);
    assert!(ts_less(0xFFFF_FF00, 0x10));
}

#[test]
fn unwrapper_extends_across_wraps_and_tolerates_reordering() {
    let mut u = SeqUnwrapper::new();
    let a = u.unwrap(65534);
    assert_eq!(u.unwrap(65535) - a, 1);
    assert_eq!(u.unwrap(1) - a, 3);
    assert_eq!(u.unwrap(0) - a, 2); // late packet after the wrap
    let mut t = TsUnwrapper::new();
    let x = t.unwrap(u32::MAX - 159);
    assert_eq!(t.unwrap(0) - x, 160);
}

#[test]
fn probation_needs_two_sequential_packets() {
    let mut v = SequenceValidator::new(100);
    assert_eq!(v.update(100), SeqVerdict::Probation);
    assert_eq!(v.update(102), SeqVerdict::Probation); // not sequential: probation restarts
    assert_eq!(v.update(103), SeqVerdict::Valid);
    assert_eq!(v.base_seq, 103);
}

#[test]
fn large_jump_needs_confirmation_then_restarts() {
    let mut v = SequenceValidator::new(10);
    v.update(10);
    v.update(11);
    assert_eq!(v.update(20000), SeqVerdict::BadJump);
    assert_eq!(v.update(20001), SeqVerdict::Restarted);
    assert_eq!(v.base_seq, 20001);
    assert_eq!(v.update(20002), SeqVerdict::Valid);
}

#[test]
fn cycles_count_on_wrap() {
    let mut v = SequenceValidator::new(65534);
    for s in [65534u16, 65535, 0, 1] {
        v.update(s);
    }
    assert_eq!(v.cycles, 65536);
    assert_eq!(v.extended_max(), 65536 + 1);
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn loss_duplicates_and_reordering_are_counted_separately() {
    let mut s = ReceiverStats::new(7, 8000);
    // 0 (probation), 1..=10 with 5 lost, 8 arriving after 9, and 3 duplicated.
    let order = [0u16, 1, 2, 3, 3, 4, 6, 7, 9, 8, 10];
    for (i, seq) in order.iter().enumerate() {
        s.update(*seq, u32::from(*seq) * 160, ms(20 * i as u64));
    }
    let snap = s.snapshot();
    // Base is 1 (after probation); max 10: expected 10; received 10 (dup included) -> lost 0
    // by the A.3 definition, which is why duplicates are reported apart.
    assert_eq!(snap.expected, 10);
    assert_eq!(snap.received, 10);
    assert_eq!(snap.lost, 0);
    assert_eq!(snap.duplicates, 1);
    assert_eq!(snap.reordered, 1);
}

#[test]
fn fraction_lost_is_per_interval_and_cumulative_is_total() {
    let mut s = ReceiverStats::new(7, 8000);
    for seq in 0..=8u16 {
        if seq == 4 || seq == 6 {
            continue;
        }
        s.update(seq, u32::from(seq) * 160, ms(20 * u64::from(seq)));
    }
    // Base 1, max 8: expected 8, received 6, lost 2; fraction = (2 << 8) / 8 = 64.
    let b = s.report_block(0, 0);
    assert_eq!(b.cumulative_lost, 2);
    assert_eq!(b.fraction_lost, 64);
    assert_eq!(b.extended_highest_seq, 8);
    for seq in 9..=12u16 {
        s.update(seq, u32::from(seq) * 160, ms(20 * u64::from(seq)));
    }
    let b = s.report_block(0, 0);
    assert_eq!(b.fraction_lost, 0);
    assert_eq!(b.cumulative_lost, 2);
}

#[test]
fn jitter_follows_a8_for_a_single_late_packet() {
    // Packets every 20 ms (160 ts units at 8 kHz); packet 5 arrives 10 ms late.
    // Transit differences: D = +80 units at packet 5, -80 at packet 6, then 0.
    // J5 = 80/16 = 5; J6 = 5 + (80 - 5)/16 = 9.6875; afterwards J decays by 15/16.
    let mut s = ReceiverStats::new(1, 8000);
    for seq in 0..=6u16 {
        let late = if seq == 5 { 10 } else { 0 };
        s.update(seq, u32::from(seq) * 160, ms(20 * u64::from(seq) + late));
    }
    let j = s.snapshot().jitter;
    assert!((j - 9.6875).abs() < 1e-9, "{j}");
    s.update(7, 7 * 160, ms(140));
    assert!((s.snapshot().jitter - 9.6875 * 15.0 / 16.0).abs() < 1e-9);
    assert_eq!(s.report_block(0, 0).jitter, 9);
}

#[test]
fn statistics_survive_sequence_wrap() {
    let mut s = ReceiverStats::new(1, 8000);
    let mut seq = 65500u16;
    for i in 0..100u64 {
        if i != 50 {
            s.update(seq, (i * 160) as u32, ms(20 * i));
        }
        seq = seq.wrapping_add(1);
    }
    let snap = s.snapshot();
    assert_eq!(snap.expected, 99);
    assert_eq!(snap.lost, 1);
    assert_eq!(
        snap.extended_max_seq,
        65536 + u32::from(seq.wrapping_sub(1))
    );
}

proptest! {
    #[test]
    fn seq_diff_is_antisymmetric_except_at_half(a: u16, b: u16) {
        let d = seq_diff(a, b);
        if d != -32768 {
            prop_assert_eq!(seq_diff(b, a), -d);
        }
        prop_assert_eq!(a.wrapping_add(d as u16), b);
    }

    #[test]
    fn in_order_stream_with_drops_counts_exactly_the_drops(
        start: u16, drops in proptest::collection::btree_set(2usize..500, 0..50)
    ) {
        let mut s = ReceiverStats::new(1, 8000);
        for i in 0..500usize {
            if !drops.contains(&i) {
                s.update(start.wrapping_add(i as u16), (i * 160) as u32, ms(20 * i as u64));
            }
        }
        // Packets 0 and 1 are never dropped: 0 is eaten by probation, 1 is the base.
        let snap = s.snapshot();
        let max_i = (0..500).rev().find(|i| !drops.contains(i)).unwrap_or(1) as u64;
        prop_assert_eq!(snap.expected, max_i);
        prop_assert_eq!(snap.lost as usize, drops.iter().filter(|&&d| (d as u64) < max_i).count());
        prop_assert_eq!(snap.duplicates, 0);
    }
}
