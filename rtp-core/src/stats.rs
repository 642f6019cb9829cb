//! Receiver statistics per SSRC (RFC 3550 A.1, A.3 and A.8) and the RTCP report block
//! built from them.
//!
//! These are the RFC's definitions, exactly: `expected = extended_max - base_seq + 1`,
//! `lost = expected - received` (duplicates count as received, so `lost` can go
//! negative), the fraction lost over the interval since the previous report block, and
//! the interarrival jitter `J += (|D| - J) / 16` in timestamp units. The Wireshark-style
//! stream analysis used by the command-line tool lives in the `analysis` module and is kept
//! separate on purpose.

use std::time::Duration;

use crate::rtcp::ReportBlock;
use crate::seq::{SeqVerdict, SequenceValidator, seq_diff};

const WINDOW_WORDS: usize = 16;
const WINDOW_BITS: i64 = (WINDOW_WORDS * 64) as i64;

/// A snapshot of one source's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatsSnapshot {
    /// The source.
    pub ssrc: u32,
    /// Packets expected (A.3).
    pub expected: u64,
    /// Packets received and counted (duplicates included, as in A.3).
    pub received: u64,
    /// `expected - received`; negative when duplicates outnumber losses.
    pub lost: i64,
    /// Fraction lost since the last report block, as the 8-bit fixed-point RTCP value.
    pub fraction_lost: u8,
    /// Extended highest sequence number received.
    pub extended_max_seq: u32,
    /// Interarrival jitter in timestamp units (A.8).
    pub jitter: f64,
    /// Interarrival jitter in milliseconds.
    pub jitter_ms: f64,
    /// Packets whose sequence number was already received (within a 1024-packet window).
    pub duplicates: u64,
    /// Packets that arrived after a packet with a higher sequence number.
    pub reordered: u64,
    /// Whether the source has passed probation.
    pub valid: bool,
}

/// Per-SSRC receiver statistics.
///
/// ```
/// use std::time::Duration;
/// use rtp_core::stats::ReceiverStats;
///
/// let mut stats = ReceiverStats::new(0xABCD, 8000);
/// for seq in [10u16, 11, 12, 14] {
///     let at = Duration::from_millis(20 * u64::from(seq));
///     stats.update(seq, 160 * u32::from(seq), at);
/// }
/// let s = stats.snapshot();
/// // Probation (A.1) consumes packet 10; base is 11, so 11..=14 are expected.
/// assert_eq!((s.expected, s.received, s.lost), (4, 3, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiverStats {
    ssrc: u32,
    clock_rate: u32,
    seq: Option<SequenceValidator>,
    received: u64,
    expected_prior: u64,
    received_prior: u64,
    last_fraction: u8,
    transit: Option<f64>,
    jitter: f64,
    duplicates: u64,
    reordered: u64,
    window: [u64; WINDOW_WORDS],
}

impl ReceiverStats {
    /// Statistics for `ssrc` with an RTP clock of `clock_rate` Hz (8000 for G.711).
    pub fn new(ssrc: u32, clock_rate: u32) -> Self {
        Self {
            ssrc,
            clock_rate: clock_rate.max(1),
            seq: None,
            received: 0,
            expected_prior: 0,
            received_prior: 0,
            last_fraction: 0,
            transit: None,
            jitter: 0.0,
            duplicates: 0,
            reordered: 0,
            window: [0; WINDOW_WORDS],
        }
    }

    fn reset_counters(&mut self) {
        self.received = 0;
        self.expected_prior = 0;
        self.received_prior = 0;
        self.duplicates = 0;
        self.reordered = 0;
        self.window = [0; WINDOW_WORDS];
    }

    /// Feeds one data packet: its sequence number, RTP timestamp and arrival time (any
    /// epoch, as long as it is the same for every call).
    #[inline]
    pub fn update(&mut self, seq: u16, timestamp: u32, arrival: Duration) -> SeqVerdict {
        // A.8: transit in timestamp units; jitter from consecutive transit differences.
        // Whole seconds and nanoseconds scaled apart: a multiplication instead of the
        // division inside `Duration::as_secs_f64`.
        let rate = f64::from(self.clock_rate);
        let arrival_ts =
            arrival.as_secs() as f64 * rate + f64::from(arrival.subsec_nanos()) * (rate * 1e-9);
        let transit = arrival_ts - f64::from(timestamp);
        if let Some(prev) = self.transit {
            // The timestamp difference is taken modulo 2^32 so that a wrap is harmless.
            let mut d = transit - prev;
            let wrap = 4_294_967_296.0;
            if d > wrap / 2.0 {
                d -= wrap;
            } else if d < -wrap / 2.0 {
                d += wrap;
            }
            self.jitter += (d.abs() - self.jitter) / 16.0;
        }
        self.transit = Some(transit);

        let validator = self.seq.get_or_insert_with(|| SequenceValidator::new(seq));
        let old_max = i64::from(validator.extended_max());
        let was_valid = validator.probation == 0;
        let verdict = validator.update(seq);
        let new_max = i64::from(validator.extended_max());
        let max_seq = validator.max_seq;
        match verdict {
            SeqVerdict::Probation | SeqVerdict::BadJump => return verdict,
            SeqVerdict::Restarted => {
                self.reset_counters();
                self.mark(new_max, new_max, true);
            }
            SeqVerdict::Valid if !was_valid => {
                // Just left probation: A.1 init_seq reset the counters.
                self.reset_counters();
                self.mark(new_max, new_max, true);
            }
            SeqVerdict::Valid => {
                let ext = new_max + i64::from(seq_diff(max_seq, seq));
                if ext <= old_max {
                    if self.seen(ext, new_max) {
                        self.duplicates += 1;
                    } else {
                        self.reordered += 1;
                    }
                }
                self.advance(old_max, new_max);
                self.mark(ext, new_max, true);
            }
        }
        self.received += 1;
        verdict
    }

    fn advance(&mut self, old_max: i64, new_max: i64) {
        if new_max - old_max >= WINDOW_BITS {
            self.window = [0; WINDOW_WORDS];
            return;
        }
        let mut s = old_max + 1;
        while s <= new_max {
            let slot = s.rem_euclid(WINDOW_BITS) as usize;
            self.window[slot / 64] &= !(1u64 << (slot % 64));
            s += 1;
        }
    }

    fn seen(&self, ext: i64, max: i64) -> bool {
        if max - ext >= WINDOW_BITS || ext > max {
            return false;
        }
        let slot = ext.rem_euclid(WINDOW_BITS) as usize;
        self.window[slot / 64] & (1u64 << (slot % 64)) != 0
    }

    fn mark(&mut self, ext: i64, max: i64, set: bool) {
        if !set || max - ext >= WINDOW_BITS || ext > max {
            return;
        }
        let slot = ext.rem_euclid(WINDOW_BITS) as usize;
        self.window[slot / 64] |= 1u64 << (slot % 64);
    }

    /// The source.
    pub fn ssrc(&self) -> u32 {
        self.ssrc
    }

    fn expected(&self) -> u64 {
        match &self.seq {
            Some(v) if v.probation == 0 => {
                u64::from(v.extended_max()).wrapping_sub(u64::from(v.base_seq)) + 1
            }
            _ => 0,
        }
    }

    /// The current statistics (the fraction lost is that of the last report block).
    pub fn snapshot(&self) -> StatsSnapshot {
        let expected = self.expected();
        StatsSnapshot {
            ssrc: self.ssrc,
            expected,
            received: self.received,
            lost: expected as i64 - self.received as i64,
            fraction_lost: self.last_fraction,
            extended_max_seq: self.seq.map_or(0, |v| v.extended_max()),
            jitter: self.jitter,
            jitter_ms: self.jitter * 1000.0 / f64::from(self.clock_rate),
            duplicates: self.duplicates,
            reordered: self.reordered,
            valid: self.seq.is_some_and(|v| v.probation == 0),
        }
    }

    /// Builds an RTCP report block (A.3) and starts a new reporting interval.
    ///
    /// `lsr` and `dlsr` are the middle 32 bits of the last SR's NTP timestamp and the
    /// delay since it in 1/65536 s, both 0 when no SR was received.
    pub fn report_block(&mut self, lsr: u32, dlsr: u32) -> ReportBlock {
        let expected = self.expected();
        let expected_interval = expected.saturating_sub(self.expected_prior);
        let received_interval = self.received.saturating_sub(self.received_prior);
        self.expected_prior = expected;
        self.received_prior = self.received;
        let lost_interval = expected_interval as i64 - received_interval as i64;
        let fraction = if expected_interval == 0 || lost_interval <= 0 {
            0
        } else {
            ((lost_interval << 8) / expected_interval as i64).min(255) as u8
        };
        self.last_fraction = fraction;
        // Cumulative lost is a signed 24-bit value, clamped (A.3).
        let lost = (expected as i64 - self.received as i64).clamp(-0x80_0000, 0x7F_FFFF) as i32;
        ReportBlock {
            ssrc: self.ssrc,
            fraction_lost: fraction,
            cumulative_lost: lost,
            extended_highest_seq: self.seq.map_or(0, |v| v.extended_max()),
            jitter: self.jitter as u32,
            last_sr: lsr,
            delay_since_last_sr: dlsr,
        }
    }
}
