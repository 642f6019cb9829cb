//! RTP stream analysis with the definitions of Wireshark's RTP stream analysis
//! (`tshark -z rtp,streams`, `ui/tap-rtp-analysis.c`), quirks included.
//!
//! This is *not* RFC 3550 A.3/A.8 (see [`crate::stats`] for that); it reproduces what
//! operators see in Wireshark so that numbers can be compared one to one:
//!
//! - **packets**: every packet of the stream, duplicates included.
//! - **expected**: `last_seq + 65536 × cycles − first_seq + 1`, where `last_seq` is the
//!   sequence number of the *last packet seen* (not the highest), and a cycle is counted
//!   when a sequence number below the first one appears (in timestamp order).
//! - **lost**: `expected − packets` (negative with duplicates).
//! - **sequence errors**: packets whose sequence number is not the previous one + 1
//!   (jumps forward, late or duplicated packets).
//! - **delta**: arrival time minus the arrival time of the previous in-order packet.
//! - **jitter**: `J = (15 J + |arrival − (previous arrival + timestamp step)|) / 16`
//!   in milliseconds, computed only when the payload type's clock rate is known, and
//!   (like the delta) only for packets whose timestamp is not before the stream's
//!   first: a packet stamped earlier (a timestamp reset mid-stream) leaves both as
//!   they were. The timestamp step is counted from the last packet whose clock rate
//!   was known, the previous arrival from the last packet in time sequence: after
//!   `telephone-event` packets (no clock, their timestamp stays at the event's start)
//!   the next audio packet is measured against the event's arrival but the last audio
//!   packet's timestamp, as Wireshark does.
//! - **clock rate**: given by the caller per payload type (0: unknown, no jitter). The
//!   `capture` crate gives Wireshark's choice: for payload types below 96 the RFC 3551
//!   rate of the static type (an `a=rtpmap` does not change it), for dynamic types the
//!   `a=rtpmap` rate, none for `telephone-event` and for a type no SDP mapped.
//! - **max delta / max jitter / mean jitter** skip the first packet, packets with the
//!   marker bit, comfort noise (PT 13 or 19) and the packet after comfort noise, and
//!   packets whose timestamp is before the stream's *first* timestamp (a reordered
//!   packet later in the stream is not skipped). The mean is a running average whose
//!   divisor is the number of packets seen before this one (all of them, skipped ones
//!   included).
//!
//! Checked against tshark 4.0 by the differential tests in `cli/tests/rtp_tshark.rs`
//! and on public captures (the `capture` crate's `tests/real_captures.rs`).

use crate::emodel::{Codec, EModelInput, EModelResult, burst_ratio_of_received, evaluate};
use crate::seq::SeqUnwrapper;
use crate::stream::StreamPacket;

/// Wireshark's per-stream figures.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreamAnalysis {
    /// SSRC.
    pub ssrc: u32,
    /// Payload type of the first packet.
    pub payload_type: u8,
    /// Packets seen.
    pub packets: u64,
    /// Packets expected from the first and the last sequence number.
    pub expected: i64,
    /// `expected - packets`.
    pub lost: i64,
    /// Sequence errors.
    pub sequence_errors: u64,
    /// Largest delta between in-order packets, ms.
    pub max_delta_ms: f64,
    /// Largest jitter, ms.
    pub max_jitter_ms: f64,
    /// Mean jitter, ms.
    pub mean_jitter_ms: f64,
    /// Mean delta, ms.
    pub mean_delta_ms: f64,
    /// The clock rate used (0 when unknown: no jitter).
    pub clock_rate: u32,
    /// A clock rate outside [`crate::CLOCK_RATES`] that a packet of the stream came
    /// with (the last one seen): jitter is not computed for such packets, as for an
    /// unknown rate, and [`estimate_quality`] gives no MOS for the stream.
    pub unsupported_clock_rate: Option<u32>,
}

const PT_CN: u8 = 13;
const PT_CN_OLD: u8 = 19;

/// The Wireshark stream analyser, fed one packet at a time.
#[derive(Debug, Clone, Default)]
pub struct StreamAnalyzer {
    first: bool,
    started: bool,
    start_seq: u16,
    stop_seq: u16,
    seq_num: u16,
    cycles: u32,
    under: bool,
    first_timestamp: u32,
    /// The nominal time (ms since the first timestamp) of the last packet whose clock
    /// rate was known: Wireshark's `lastnominaltime`.
    last_nominal_ms: f64,
    time: f64,
    pt: u8,
    delta: f64,
    jitter: f64,
    out: StreamAnalysis,
    total: u64,
}

/// One packet as the analyser sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalyzerInput {
    /// Arrival time in ms (relative to any fixed origin, e.g. the capture's first frame).
    pub time_ms: f64,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Payload type.
    pub payload_type: u8,
    /// Marker bit.
    pub marker: bool,
    /// Clock rate of this payload type (0 when unknown or `telephone-event`).
    pub clock_rate: u32,
}

impl StreamAnalyzer {
    /// A fresh analyser for `ssrc`.
    pub fn new(ssrc: u32) -> Self {
        Self {
            first: true,
            out: StreamAnalysis {
                ssrc,
                ..StreamAnalysis::default()
            },
            ..Self::default()
        }
    }

    /// Feeds the next packet in capture order. A clock rate outside
    /// [`crate::CLOCK_RATES`] counts as unknown and is reported in
    /// [`StreamAnalysis::unsupported_clock_rate`].
    pub fn push(&mut self, p: &AnalyzerInput) {
        let mut p = *p;
        if p.clock_rate != 0 && crate::check_clock_rate(p.clock_rate).is_err() {
            self.out.unsupported_clock_rate = Some(p.clock_rate);
            p.clock_rate = 0;
        }
        let p = &p;
        let now = p.time_ms;
        if self.first {
            self.first = false;
            self.started = true;
            self.start_seq = p.seq;
            self.stop_seq = p.seq;
            self.seq_num = p.seq;
            self.first_timestamp = p.timestamp;
            self.last_nominal_ms = 0.0;
            self.time = now;
            self.pt = p.payload_type;
            self.out.payload_type = p.payload_type;
            self.total = 1;
            return;
        }
        // Wireshark 4.0 compares with the stream's *first* timestamp: a reordered packet
        // is still "in time sequence" unless it predates the first packet, that is unless
        // it lies half the 32-bit space or more ahead of it (one more when wrapping).
        let in_time_sequence = in_time_sequence(self.first_timestamp, p.timestamp);
        let wrong_timestamp = !in_time_sequence;

        // A sequence number below the first one starts a new cycle; so does 0 after
        // 65535 (for streams that start at 0).
        let wrapped = p.seq < self.start_seq || (p.seq == 0 && self.stop_seq == 65535);
        if wrapped && in_time_sequence && !self.under {
            self.cycles += 1;
            self.under = true;
        } else if p.seq > self.start_seq && in_time_sequence && self.under {
            self.under = false;
        }

        // In order: the next number, or 0 after 65535.
        let next = (self.seq_num != 65535 && self.seq_num + 1 == p.seq)
            || (self.seq_num == 65535 && p.seq == 0);
        if in_time_sequence && next {
            self.seq_num = p.seq;
        } else if in_time_sequence
            && (u32::from(self.seq_num) + 1 < u32::from(p.seq)
                || i32::from(self.seq_num) - i32::from(p.seq) > 0xFF00)
        {
            self.seq_num = p.seq;
            self.out.sequence_errors += 1;
        } else if u32::from(self.seq_num) + 1 > u32::from(p.seq) {
            self.out.sequence_errors += 1;
        }

        let pt_cn = p.payload_type == PT_CN || p.payload_type == PT_CN_OLD;
        let follow_cn = self.pt == PT_CN || self.pt == PT_CN_OLD;
        self.pt = p.payload_type;

        let mut current_jitter = 0.0;
        if !in_time_sequence {
            // Wireshark 4.0 computes delta and jitter for packets in time sequence
            // only: a packet stamped before the stream's first (a timestamp reset, a
            // late packet from before the start) leaves them as they were.
        } else if p.clock_rate != 0 {
            self.out.clock_rate = p.clock_rate;
            // The nominal time is the timestamp's distance from the first, wrapped, in
            // ms; Wireshark divides by the clock rate in kHz computed in integer
            // arithmetic. The expected arrival is the last packet's arrival plus the
            // nominal time since the last packet *with a known clock*: a packet without
            // one (telephone-event, an unmapped dynamic type) moves the arrival time
            // but not the nominal time, as in `ui/tap-rtp-analysis.c`.
            let khz = f64::from(p.clock_rate / 1000);
            let nominal_ms = f64::from(p.timestamp.wrapping_sub(self.first_timestamp)) / khz;
            let expected = self.time + (nominal_ms - self.last_nominal_ms);
            let diff = (now - expected).abs();
            current_jitter = (15.0 * self.jitter + diff) / 16.0;
            self.delta = now - self.time;
            self.jitter = current_jitter;
            self.last_nominal_ms = nominal_ms;
        } else {
            self.delta = now - self.time;
        }

        let regular = !p.marker && !pt_cn && !wrong_timestamp && !follow_cn;
        if regular {
            if self.delta > self.out.max_delta_ms {
                self.out.max_delta_ms = self.delta;
            }
            let n = self.total as f64;
            self.out.mean_delta_ms = (self.out.mean_delta_ms * (n - 1.0) + self.delta) / n;
            if p.clock_rate != 0 {
                if self.jitter > self.out.max_jitter_ms {
                    self.out.max_jitter_ms = self.jitter;
                }
                self.out.mean_jitter_ms =
                    (self.out.mean_jitter_ms * (n - 1.0) + current_jitter) / n;
            }
        }
        if in_time_sequence {
            self.time = now;
        }
        self.stop_seq = p.seq;
        self.total += 1;
    }

    /// The current interarrival jitter, ms (Wireshark's running estimate after the last
    /// packet pushed), for jitter over time.
    pub fn jitter_ms(&self) -> f64 {
        self.jitter
    }

    /// The figures so far.
    pub fn result(&self) -> StreamAnalysis {
        let mut out = self.out;
        out.packets = self.total;
        if self.started {
            out.expected = i64::from(self.stop_seq) + 65536 * i64::from(self.cycles)
                - i64::from(self.start_seq)
                + 1;
        }
        out.lost = out.expected - self.total as i64;
        out
    }
}

/// Whether a packet stamped `ts` is "in time sequence" in a stream whose first packet
/// was stamped `first` (Wireshark 4.0's test): less than half the 32-bit space ahead of
/// it, counting a wrap through 0 one short.
fn in_time_sequence(first: u32, ts: u32) -> bool {
    if first <= ts {
        ts - first < 0x8000_0000
    } else {
        u64::from(u32::MAX - first) + u64::from(ts) < 0x8000_0000
    }
}

/// Analyses the packets of one stream (SSRC `ssrc`, in arrival order); times are taken
/// relative to `origin`, and `clock_rate` gives each payload type's clock rate in Hz (0
/// when unknown: no jitter for that packet).
///
/// ```
/// use std::time::Duration;
/// use rtp_core::analysis::analyze_packets;
/// use rtp_core::stream::StreamPacket;
///
/// // 20 ms of PCMU per packet, the third packet 5 ms late and the fourth lost.
/// let at = [0, 20, 45, 80];
/// let packets: Vec<StreamPacket> = [0u16, 1, 2, 4]
///     .iter()
///     .zip(at)
///     .map(|(&seq, ms)| StreamPacket {
///         frame: u64::from(seq),
///         time: Duration::from_millis(ms),
///         seq,
///         timestamp: u32::from(seq) * 160,
///         payload_type: 0,
///         marker: false,
///         payload_len: 160,
///     })
///     .collect();
/// let a = analyze_packets(7, &packets, Duration::ZERO, |_| 8000);
/// assert_eq!((a.packets, a.expected, a.lost), (4, 5, 1));
/// // Jitter: 5/16 ms after the late packet, then (15 × 5/16 + 5) / 16 after the
/// // next one, 5 ms early against its timestamp.
/// assert!((a.max_jitter_ms - (15.0 * 5.0 / 16.0 + 5.0) / 16.0).abs() < 1e-9);
/// ```
pub fn analyze_packets(
    ssrc: u32,
    packets: &[StreamPacket],
    origin: std::time::Duration,
    mut clock_rate: impl FnMut(u8) -> u32,
) -> StreamAnalysis {
    let mut a = StreamAnalyzer::new(ssrc);
    for p in packets {
        let rel = p.time.saturating_sub(origin).as_secs_f64() * 1000.0
            - origin.saturating_sub(p.time).as_secs_f64() * 1000.0;
        a.push(&AnalyzerInput {
            time_ms: rel,
            seq: p.seq,
            timestamp: p.timestamp,
            payload_type: p.payload_type,
            marker: p.marker,
            clock_rate: clock_rate(p.payload_type),
        });
    }
    a.result()
}

/// Most sequence numbers scanned for the loss pattern of one stream.
const MAX_PATTERN: i64 = 1 << 22;

/// An E-model estimate for a received stream, from its packets and their analysis;
/// `encoding` is the encoding name signalled for the first packet's payload type (for
/// dynamic types, e.g. `opus` or `AMR-WB`), if any.
///
/// Loss is `max(lost, 0) / expected` from the Wireshark figures; the burst ratio comes
/// from the received/lost pattern over the sequence numbers seen. A capture taken at one
/// point cannot see the network delay, so the one-way delay is the receiver's own part:
/// 20 ms packetization plus a jitter buffer of twice the maximum jitter (at least 20 ms).
/// `None` when the codec is not one the E-model table knows, or when the stream came
/// with a clock rate outside [`crate::CLOCK_RATES`] (its jitter, on which the jitter
/// buffer's delay in the estimate depends, is not measured).
pub fn estimate_quality(
    packets: &[StreamPacket],
    analysis: &StreamAnalysis,
    encoding: Option<&str>,
) -> Option<EModelResult> {
    if analysis.unsupported_clock_rate.is_some() {
        return None;
    }
    let first = packets.first()?;
    let codec = Codec::from_rtp(first.payload_type, encoding)?;
    let loss_pct = if analysis.expected > 0 {
        analysis.lost.max(0) as f64 * 100.0 / analysis.expected as f64
    } else {
        0.0
    };
    let mut u = SeqUnwrapper::new();
    let mut ext: Vec<i64> = packets.iter().map(|p| u.unwrap(p.seq)).collect();
    let lo = ext.iter().copied().min()?;
    let hi = ext.iter().copied().max()?.min(lo + MAX_PATTERN);
    // The received/lost pattern over lo..=hi, as the sorted received numbers: its
    // transitions come from the gaps between them, in time proportional to the packets
    // (a bitmap of the span cost 4 M steps for a stream of 128 packets).
    ext.retain(|e| *e <= hi);
    ext.sort_unstable();
    ext.dedup();
    let jitter_buffer = (2.0 * analysis.max_jitter_ms).max(20.0);
    Some(evaluate(&EModelInput {
        codec,
        one_way_delay_ms: 20.0 + jitter_buffer,
        loss_pct,
        burst_ratio: burst_ratio_of_received(&ext, hi),
    }))
}
