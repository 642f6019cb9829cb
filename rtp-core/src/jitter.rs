//! An adaptive jitter buffer, sans-IO: [`JitterBuffer::push`] a packet with its arrival
//! time, [`JitterBuffer::pop`] once per frame with the current time.
//!
//! # Playout model
//!
//! The buffer plays one frame per `pop`. Its playout delay is the *relative delay*
//! `now − ts/clock − min_transit`, where `min_transit` is the smallest
//! `arrival − ts/clock` seen over the last ~500 packets (a windowed minimum, so clock
//! drift is followed). A delay estimator (see [`Estimator`]) gives a target for it;
//! the buffer steers towards the target:
//!
//! - **expand**: when the delay is below target, a concealment frame is played without
//!   consuming a packet (delay grows by one frame);
//! - **accelerate**: when the delay would still meet the target one frame shorter and
//!   two frames are buffered, both are played in one slot ([`Playout::Merged`],
//!   time-compressed), at most every other frame;
//! - **talkspurts**: during silence (DTX: the next packet in sequence has a later
//!   timestamp, or the marker bit) the next talkspurt starts exactly at its target time,
//!   so the delay is re-anchored without any audible stretching.
//!
//! - **re-anchoring**: when the buffer has run dry and gone silent (more than three
//!   empty slots) and a packet arrives behind the playout point but after everything
//!   played, playout starts again from it as a new talkspurt; a lasting delay step up
//!   (or a talkspurt that arrives later than the previous delay) is followed instead of
//!   dropping every later packet as late.
//!
//! A slot whose packet has not arrived is concealed ([`Playout::Conceal`]), but the
//! playout point stays on it until the next `pop`: if the packet arrives in between it
//! plays then (the concealment became an expansion, the delay grew one frame and
//! acceleration takes it back), otherwise the playout point moves on, so a packet that
//! never comes costs no more than before. A packet that arrives after that is *late*
//! and dropped. Sequence numbers skipped at play
//! time count as *lost* until they arrive (then they count as late instead). DTX gaps do
//! not skip sequence numbers, so they never count as loss.
//!
//! # The default estimator
//!
//! [`Estimator::Adaptive`]: a histogram of relative delay in 1 ms buckets with
//! exponential forgetting (factor 0.996 per packet, a memory of ~250 packets, applied
//! by growing the increment instead of decaying every bucket), whose 97th percentile is
//! tracked incrementally (O(1) amortized per packet), plus spike handling after Ramjee
//! et al.: a packet whose delay jumps more than 60 ms above the previous one makes the
//! target follow the observed delay at once, and the histogram forgets the spike after
//! it ends. Until 50 delays have been seen the target is at least
//! [`JitterConfig::start_delay`] (80 ms by default): a quantile of a handful of delays
//! says little, and the margin costs a fraction of a millisecond of mean delay over a
//! call. The target is clamped to `[min_delay, max_delay]`.
//!
//! ```
//! use std::time::Duration;
//! use rtp_core::jitter::{JbPacket, JitterBuffer, JitterConfig, Playout};
//!
//! let mut jb = JitterBuffer::new(JitterConfig::new(8000));
//! let ms = Duration::from_millis;
//! let mut played = 0;
//! for i in 0..100u32 {
//!     // A packet every 20 ms, 5 ms of jitter on every other packet.
//!     let arrival = ms(20 * u64::from(i) + 5 * u64::from(i % 2));
//!     jb.push(JbPacket::new(0x1234, i as u16, i * 160, false, bytes::Bytes::new()), arrival);
//!     if matches!(jb.pop(ms(20 * u64::from(i) + 10)), Playout::Frame(_) | Playout::Merged(..)) {
//!         played += 1;
//!     }
//! }
//! assert!(played > 90);
//! assert_eq!(jb.stats().late, 0);
//! ```

use std::time::Duration;

use bytes::Bytes;

use crate::seq::seq_diff;

/// One RTP packet handed to the buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JbPacket {
    /// SSRC (a change resets the buffer).
    pub ssrc: u32,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Marker bit (start of a talkspurt for audio).
    pub marker: bool,
    /// Payload (shared, not copied).
    pub payload: Bytes,
}

impl JbPacket {
    /// A packet.
    pub fn new(ssrc: u32, seq: u16, timestamp: u32, marker: bool, payload: Bytes) -> Self {
        Self {
            ssrc,
            seq,
            timestamp,
            marker,
            payload,
        }
    }
}

/// A frame leaving the buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JbFrame {
    /// The packet.
    pub packet: JbPacket,
    /// Its arrival time.
    pub arrival: Duration,
}

/// Why a slot is concealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ConcealReason {
    /// The packet for this slot is missing (lost, or late).
    Missing,
    /// Deliberate expansion to grow the playout delay towards its target.
    Expand,
}

/// What `pop` gives for one frame slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Playout {
    /// Play this frame.
    Frame(JbFrame),
    /// Play these two frames time-compressed into one slot (delay reduction).
    Merged(JbFrame, JbFrame),
    /// Conceal (packet-loss concealment or expansion).
    Conceal {
        /// The RTP timestamp the slot stands for.
        timestamp: u32,
        /// Why.
        reason: ConcealReason,
    },
    /// Nothing to play: not started yet, or silence between talkspurts (DTX).
    Nothing,
}

/// How the target delay is estimated.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Estimator {
    /// The default: 1 ms histogram quantile with forgetting and spike handling.
    Adaptive {
        /// Quantile of relative delay to cover (default 0.97).
        quantile: f64,
        /// Per-packet forgetting factor (default 0.996).
        forget: f64,
    },
    /// A fixed target.
    Fixed {
        /// Target relative delay, ms.
        delay_ms: f64,
    },
    /// NetEq-like: quantile of relative delay in 20 ms buckets, forgetting factor 0.983.
    /// A baseline for the estimator study; not API.
    #[cfg(feature = "_internal_test_exports")]
    #[doc(hidden)]
    NetEqLike {
        /// Quantile (NetEq uses 0.95).
        quantile: f64,
    },
    /// Ramjee et al. (1994) algorithm 4: EWMA delay and variation with a spike mode;
    /// target `d + k·v`. A baseline for the estimator study; not API.
    #[cfg(feature = "_internal_test_exports")]
    #[doc(hidden)]
    Ramjee {
        /// Variation multiplier (4 in the paper).
        k: f64,
    },
}

impl Default for Estimator {
    fn default() -> Self {
        Estimator::Adaptive {
            quantile: 0.97,
            forget: 0.996,
        }
    }
}

/// Configuration (with defaults from [`JitterConfig::new`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JitterConfig {
    /// RTP clock rate, Hz.
    pub clock_rate: u32,
    /// Smallest target delay (default 0).
    pub min_delay: Duration,
    /// Largest target delay (default 1 s).
    pub max_delay: Duration,
    /// Packets the buffer holds at most (default 256); packets beyond are refused.
    pub capacity: usize,
    /// Smallest target while the estimator has seen fewer than 50 packets (default
    /// 80 ms, within the delay bounds): a start-up margin, since a quantile of a
    /// handful of delays says little.
    pub start_delay: Duration,
    /// The delay estimator.
    pub estimator: Estimator,
}

impl JitterConfig {
    /// Defaults for `clock_rate`.
    pub fn new(clock_rate: u32) -> Self {
        Self {
            clock_rate: clock_rate.max(1),
            min_delay: Duration::ZERO,
            max_delay: Duration::from_secs(1),
            capacity: 256,
            start_delay: Duration::from_millis(80),
            estimator: Estimator::default(),
        }
    }
    /// Sets the delay bounds.
    pub fn delay_bounds(mut self, min: Duration, max: Duration) -> Self {
        self.min_delay = min;
        self.max_delay = max.max(min);
        self
    }
    /// Sets the capacity in packets (at least 4, at most 65536).
    pub fn capacity(mut self, packets: usize) -> Self {
        self.capacity = packets.clamp(4, 1 << 16);
        self
    }
    /// Sets the start-up delay (see [`JitterConfig::start_delay`]).
    pub fn start_delay(mut self, delay: Duration) -> Self {
        self.start_delay = delay;
        self
    }
    /// Sets the estimator.
    pub fn estimator(mut self, estimator: Estimator) -> Self {
        self.estimator = estimator;
        self
    }
}

/// What happened to a pushed packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PushOutcome {
    /// Buffered.
    Accepted,
    /// Already buffered or played.
    Duplicate,
    /// Its slot has passed.
    Late,
    /// Beyond the capacity window.
    Overflow,
    /// Accepted after a reset (new SSRC or a sequence/timestamp discontinuity).
    Reset,
}

/// Buffer statistics.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JitterStats {
    /// Packets received.
    pub received: u64,
    /// Frames played (merged frames included).
    pub played: u64,
    /// Packets that arrived after their slot.
    pub late: u64,
    /// Sequence numbers skipped and never received.
    pub lost: u64,
    /// Slots concealed (missing packets and expansions).
    pub concealed: u64,
    /// Expansion slots among `concealed`.
    pub expanded: u64,
    /// Slots that played two frames.
    pub merged: u64,
    /// Duplicate packets.
    pub duplicates: u64,
    /// Packets refused for capacity.
    pub overflow: u64,
    /// Resets (SSRC change, discontinuities).
    pub resets: u64,
    /// Current relative playout delay, ms.
    pub current_delay_ms: f64,
    /// Current target delay, ms.
    pub target_delay_ms: f64,
}

#[derive(Debug, Clone)]
struct Slot {
    ext_seq: i64,
    ext_ts: i64,
    frame: JbFrame,
}

const HIST_BUCKETS: usize = 1024;
#[cfg(feature = "_internal_test_exports")]
const NETEQ_BUCKETS: usize = 64;
const MIN_BLOCK: usize = 64;
const MIN_BLOCKS: usize = 8;
const SPIKE_MS: f64 = 60.0;
/// Delays seen before the start-up delay stops applying.
const WARMUP: u32 = 50;
/// Empty slots concealed before the buffer assumes silence.
const EMPTY_CONCEAL: u32 = 3;
/// Frames of missing packets before a buffered packet that are concealed one by one;
/// a packet further ahead starts a new talkspurt after silence.
const MAX_CONCEAL_GAP: i64 = 50;
/// Highest extended timestamp the playout point advances to in silence (far beyond any
/// stream: 2^61 ticks are 380,000 years at 192 kHz), so its arithmetic cannot overflow.
const TS_CEILING: i64 = 1 << 61;

/// `now + i × frame`, if a [`Duration`] holds it.
pub(crate) fn after(now: Duration, frame: Duration, i: u64) -> Option<Duration> {
    let nanos = now
        .as_nanos()
        .checked_add(frame.as_nanos().checked_mul(u128::from(i))?)?;
    let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
    Some(Duration::new(secs, (nanos % 1_000_000_000) as u32))
}

#[derive(Debug, Clone)]
struct Histogram {
    buckets: Vec<f64>,
    width_ms: f64,
    /// 1 / width_ms.
    per_ms: f64,
    weight: f64,
    total: f64,
    /// 1 / forgetting factor.
    grow: f64,
    quantile: f64,
    /// Index of the quantile bucket and the mass strictly below it.
    k: usize,
    below: f64,
}

impl Histogram {
    fn new(n: usize, width_ms: f64, forget: f64, quantile: f64) -> Self {
        Self {
            buckets: vec![0.0; n],
            width_ms,
            per_ms: 1.0 / width_ms,
            weight: 1.0,
            total: 0.0,
            grow: 1.0 / forget.clamp(0.5, 0.999_999),
            quantile: quantile.clamp(0.0, 1.0),
            k: 0,
            below: 0.0,
        }
    }
    fn reset(&mut self) {
        self.buckets.iter_mut().for_each(|b| *b = 0.0);
        self.weight = 1.0;
        self.total = 0.0;
        self.k = 0;
        self.below = 0.0;
    }
    fn add(&mut self, value_ms: f64) {
        let n = self.buckets.len();
        let b = ((value_ms.max(0.0) * self.per_ms) as usize).min(n - 1);
        // Forgetting by growing the increment: same proportions as decaying every bucket.
        self.weight *= self.grow;
        self.buckets[b] += self.weight;
        self.total += self.weight;
        if b < self.k {
            self.below += self.weight;
        }
        if self.weight > 1e100 {
            let s = 1.0 / self.weight;
            self.buckets.iter_mut().for_each(|x| *x *= s);
            self.total *= s;
            self.below *= s;
            self.weight = 1.0;
        }
        // Move k so that below(k) < q·total <= below(k) + bucket(k).
        let goal = self.quantile * self.total;
        while self.k > 0 && self.below >= goal {
            self.k -= 1;
            self.below -= self.buckets[self.k];
        }
        while self.k + 1 < n && self.below + self.buckets[self.k] < goal {
            self.below += self.buckets[self.k];
            self.k += 1;
        }
        if self.below < 0.0 {
            self.below = 0.0;
        }
    }
    /// Upper edge of the quantile bucket, ms.
    fn value(&self) -> f64 {
        (self.k + 1) as f64 * self.width_ms
    }
}

#[derive(Debug, Clone)]
enum EstState {
    Hist {
        h: Histogram,
        spike: Option<f64>,
        last: f64,
    },
    Fixed(f64),
    #[cfg(feature = "_internal_test_exports")]
    Ramjee {
        d: f64,
        v: f64,
        k: f64,
        spike: bool,
        var: f64,
        n1: f64,
        n2: f64,
        init: bool,
    },
}

/// The jitter buffer.
#[derive(Debug, Clone)]
pub struct JitterBuffer {
    cfg: JitterConfig,
    /// A ring of a power-of-two length at least the capacity, indexed by the extended
    /// sequence number's low bits.
    slots: Vec<Option<Slot>>,
    mask: usize,
    /// The capacity in packets: the window `[next_seq, next_seq + cap)` accepted.
    cap: i64,
    /// Milliseconds per RTP clock tick.
    ms_per_tick: f64,
    count: usize,
    ssrc: Option<u32>,
    /// Next sequence number and timestamp to play (extended); None before the first push.
    next_seq: i64,
    next_ts: i64,
    playing: bool,
    frame_ts: i64,
    /// The last timestamp step between consecutive sequence numbers (a candidate
    /// frame duration, adopted when seen twice in a row).
    step_candidate: i64,
    last_pushed: Option<(i64, i64)>,
    /// Extended sequence number and timestamp of the last frame played.
    last_played: Option<(i64, i64)>,
    played_bits: u64,
    skipped_bits: u64,
    since_merge: u32,
    empty_run: u32,
    /// The slot at `next_ts` was concealed as missing, but the playout point has not
    /// moved past it yet: if its packet arrives before the next pop it still plays.
    pending_skip: bool,
    /// Windowed minimum transit (ms): current block and previous block minima.
    block_min: [f64; MIN_BLOCKS],
    block_fill: usize,
    block_idx: usize,
    min_transit: f64,
    est: EstState,
    /// Delays the estimator has seen since the start or the last reset.
    observed: u32,
    target_ms: f64,
    stats: JitterStats,
}

fn ms_of(d: Duration) -> f64 {
    // Multiplications only (`as_secs_f64` divides).
    d.as_secs() as f64 * 1000.0 + f64::from(d.subsec_nanos()) * 1e-6
}

impl JitterBuffer {
    /// A buffer with `cfg`. Allocates its slots once; steady-state push/pop do not
    /// allocate.
    pub fn new(cfg: JitterConfig) -> Self {
        let est = match cfg.estimator {
            Estimator::Adaptive { quantile, forget } => EstState::Hist {
                h: Histogram::new(HIST_BUCKETS, 1.0, forget, quantile),
                spike: None,
                last: 0.0,
            },
            #[cfg(feature = "_internal_test_exports")]
            Estimator::NetEqLike { quantile } => EstState::Hist {
                h: Histogram::new(NETEQ_BUCKETS, 20.0, 0.983, quantile),
                spike: None,
                last: f64::INFINITY,
            },
            Estimator::Fixed { delay_ms } => EstState::Fixed(delay_ms),
            #[cfg(feature = "_internal_test_exports")]
            Estimator::Ramjee { k } => EstState::Ramjee {
                d: 0.0,
                v: 0.0,
                k,
                spike: false,
                var: 0.0,
                n1: 0.0,
                n2: 0.0,
                init: false,
            },
        };
        let cap = cfg.capacity.clamp(4, 1 << 16);
        let ring = cap.next_power_of_two();
        Self {
            cfg,
            slots: vec![None; ring],
            mask: ring - 1,
            cap: cap as i64,
            ms_per_tick: 1000.0 / f64::from(cfg.clock_rate.max(1)),
            count: 0,
            ssrc: None,
            next_seq: 0,
            next_ts: 0,
            playing: false,
            frame_ts: i64::from(cfg.clock_rate / 50).max(1),
            step_candidate: 0,
            last_pushed: None,
            last_played: None,
            played_bits: 0,
            skipped_bits: 0,
            since_merge: 0,
            empty_run: 0,
            pending_skip: false,
            block_min: [f64::INFINITY; MIN_BLOCKS],
            block_fill: 0,
            block_idx: 0,
            min_transit: f64::INFINITY,
            est,
            observed: 0,
            target_ms: ms_of(cfg.min_delay),
            stats: JitterStats::default(),
        }
    }

    /// The statistics so far.
    pub fn stats(&self) -> JitterStats {
        self.stats
    }

    /// Packets currently buffered.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether nothing is buffered.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The current target delay.
    pub fn target_delay_ms(&self) -> f64 {
        self.target_ms
    }

    /// The frame duration the buffer plays at: the timestamp step it saw twice in a row
    /// between consecutive packets ([`is_frame_step`]), 20 ms until it has.
    pub fn frame_duration(&self) -> Duration {
        let clock = u64::from(self.cfg.clock_rate.max(1));
        let ticks = u64::try_from(self.frame_ts).unwrap_or(0);
        Duration::from_nanos(ticks.saturating_mul(1_000_000_000) / clock)
    }

    fn reset(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = None);
        self.count = 0;
        self.playing = false;
        self.pending_skip = false;
        self.last_pushed = None;
        self.last_played = None;
        self.step_candidate = 0;
        self.played_bits = 0;
        self.skipped_bits = 0;
        self.block_min = [f64::INFINITY; MIN_BLOCKS];
        self.block_fill = 0;
        self.min_transit = f64::INFINITY;
        self.observed = 0;
        match &mut self.est {
            EstState::Hist { h, spike, .. } => {
                h.reset();
                *spike = None;
            }
            #[cfg(feature = "_internal_test_exports")]
            EstState::Ramjee { init, spike, .. } => {
                *init = false;
                *spike = false;
            }
            EstState::Fixed(_) => {}
        }
        self.stats.resets += 1;
    }

    fn ts_ms(&self, ext_ts: i64) -> f64 {
        ext_ts as f64 * self.ms_per_tick
    }

    /// The ring slot of an extended sequence number.
    fn index(&self, ext_seq: i64) -> usize {
        (ext_seq as usize) & self.mask
    }

    fn observe(&mut self, transit: f64) {
        // Windowed minimum over MIN_BLOCKS blocks of MIN_BLOCK packets.
        let b = &mut self.block_min[self.block_idx];
        if transit < *b {
            *b = transit;
        }
        if transit < self.min_transit {
            self.min_transit = transit;
        }
        self.block_fill += 1;
        if self.block_fill == MIN_BLOCK {
            self.block_fill = 0;
            self.block_idx = (self.block_idx + 1) % MIN_BLOCKS;
            self.block_min[self.block_idx] = f64::INFINITY;
            // The oldest block left the window.
            self.min_transit = self.block_min.iter().copied().fold(f64::INFINITY, f64::min);
        }
        let rel = transit - self.min_transit;
        let target = match &mut self.est {
            EstState::Hist { h, spike, last } => {
                let adaptive = last.is_finite();
                if adaptive {
                    // Spike handling: follow a sudden jump at once, until delays come back
                    // under the histogram's view.
                    if rel > *last + SPIKE_MS && rel > h.value() {
                        *spike = Some(rel);
                    }
                    if let Some(s) = spike {
                        if rel <= h.value() {
                            *spike = None;
                        } else {
                            *s = s.max(rel);
                        }
                    }
                    *last = rel;
                }
                // Delays inside a spike are handled by the spike mode and kept out of
                // the histogram, which describes ordinary jitter.
                if spike.is_none() || !adaptive {
                    h.add(rel);
                }
                let base = h.value();
                spike.map_or(base, |s| s.max(base))
            }
            EstState::Fixed(d) => *d,
            #[cfg(feature = "_internal_test_exports")]
            EstState::Ramjee {
                d,
                v,
                k,
                spike,
                var,
                n1,
                n2,
                init,
            } => {
                let n = rel;
                if !*init {
                    *init = true;
                    *d = n;
                    *v = 0.0;
                    *n1 = n;
                    *n2 = n;
                } else {
                    // Algorithm 4 (spike detection), times in ms.
                    if !*spike {
                        if (n - *n1).abs() > 2.0 * v.abs() + SPIKE_MS {
                            *var = 0.0;
                            *spike = true;
                        }
                    } else {
                        *var = *var / 2.0 + ((2.0 * n - *n1 - *n2) / 8.0).abs();
                        if *var <= 8.0 {
                            *spike = false;
                        }
                    }
                    if *spike {
                        *d += n - *n1;
                    } else {
                        let a = 0.998_002;
                        *d = a * *d + (1.0 - a) * n;
                    }
                    *v = 0.998_002 * *v + (1.0 - 0.998_002) * (*d - n).abs();
                    *n2 = *n1;
                    *n1 = n;
                }
                *d + *k * *v
            }
        };
        let target = if self.observed < WARMUP {
            self.observed += 1;
            target.max(ms_of(self.cfg.start_delay))
        } else {
            target
        };
        self.target_ms = target.clamp(ms_of(self.cfg.min_delay), ms_of(self.cfg.max_delay));
        self.stats.target_delay_ms = self.target_ms;
    }

    /// Hands a packet to the buffer, with its arrival time.
    #[inline]
    pub fn push(&mut self, packet: JbPacket, arrival: Duration) -> PushOutcome {
        self.stats.received += 1;
        let mut outcome = PushOutcome::Accepted;
        if self.ssrc.is_some_and(|s| s != packet.ssrc) {
            self.reset();
            outcome = PushOutcome::Reset;
        }
        self.ssrc = Some(packet.ssrc);
        let cap = self.cap;
        // Extend sequence number and timestamp relative to the last pushed packet.
        let (ext_seq, ext_ts) = match self.last_pushed {
            None => (
                1i64 << 32 | i64::from(packet.seq),
                1i64 << 40 | i64::from(packet.timestamp),
            ),
            Some((ls, lt)) => (
                ls + i64::from(seq_diff(ls as u16, packet.seq)),
                lt + i64::from(packet.timestamp.wrapping_sub(lt as u32) as i32),
            ),
        };
        if let Some((ls, lt)) = self.last_pushed {
            let ds = ext_seq - ls;
            let dt = ext_ts - lt;
            let max_ts = i64::from(self.cfg.clock_rate) * 60;
            if ds.abs() > cap * 4 || dt.abs() > max_ts || (ds > 0 && dt < -(max_ts / 60)) {
                // A discontinuity the buffer cannot bridge: start over.
                self.reset();
                outcome = PushOutcome::Reset;
                return self.push_fresh(packet, arrival, outcome);
            }
            if ds == 1 && is_frame_step(dt, self.cfg.clock_rate) && !packet.marker {
                // The frame duration: a step seen twice in a row, so that a short DTX
                // gap is not taken for it.
                if dt == self.step_candidate {
                    self.frame_ts = dt;
                }
                self.step_candidate = dt;
            }
        } else {
            return self.push_fresh(packet, arrival, outcome);
        }
        self.store(packet, arrival, ext_seq, ext_ts, outcome)
    }

    fn push_fresh(
        &mut self,
        packet: JbPacket,
        arrival: Duration,
        outcome: PushOutcome,
    ) -> PushOutcome {
        let ext_seq = 1i64 << 32 | i64::from(packet.seq);
        let ext_ts = 1i64 << 40 | i64::from(packet.timestamp);
        self.next_seq = ext_seq;
        self.next_ts = ext_ts;
        self.playing = false;
        self.pending_skip = false;
        self.store(packet, arrival, ext_seq, ext_ts, outcome)
    }

    fn store(
        &mut self,
        packet: JbPacket,
        arrival: Duration,
        ext_seq: i64,
        ext_ts: i64,
        outcome: PushOutcome,
    ) -> PushOutcome {
        let cap = self.cap;
        if self.last_pushed.is_none_or(|(ls, _)| ext_seq > ls) {
            self.last_pushed = Some((ext_seq, ext_ts));
        }
        let transit = ms_of(arrival) - self.ts_ms(ext_ts);
        let behind = ext_seq < self.next_seq || (self.playing && ext_ts < self.next_ts);
        if behind
            && self.playing
            && self.empty_run > EMPTY_CONCEAL
            && self.can_rewind(ext_seq, ext_ts, transit)
        {
            // The buffer ran dry and went silent, and this packet comes after everything
            // played: the playout point had run ahead of the network (a delay step up,
            // or a talkspurt after silence arriving later than the old delay). Start
            // again from this packet, as a new talkspurt at its target time, instead of
            // dropping every packet as late from now on.
            self.rewind(ext_seq, ext_ts);
        }
        if ext_seq < self.next_seq {
            if !self.playing
                && self.next_seq - ext_seq < cap
                && self
                    .last_played
                    .is_none_or(|(s, t)| ext_seq > s && ext_ts > t)
            {
                // Reordered before playout started: move the start back.
                self.next_seq = ext_seq;
                self.next_ts = ext_ts;
            } else {
                let back = self.next_seq - 1 - ext_seq;
                if (0..64).contains(&back) && self.played_bits & (1u64 << back) != 0 {
                    self.stats.duplicates += 1;
                    return PushOutcome::Duplicate;
                }
                self.observe(transit);
                self.stats.late += 1;
                if (0..64).contains(&back) && self.skipped_bits & (1u64 << back) != 0 {
                    // Counted lost when its slot was skipped; it is late instead.
                    self.skipped_bits &= !(1u64 << back);
                    self.stats.lost = self.stats.lost.saturating_sub(1);
                }
                return PushOutcome::Late;
            }
        }
        if (self.playing && ext_ts < self.next_ts)
            || self.last_played.is_some_and(|(_, t)| ext_ts <= t)
        {
            // Its slot (by timestamp) has been played or concealed already.
            self.observe(transit);
            self.stats.late += 1;
            if ext_seq == self.next_seq {
                self.next_seq += 1;
            }
            return PushOutcome::Late;
        }
        if ext_seq >= self.next_seq + cap {
            self.stats.overflow += 1;
            return PushOutcome::Overflow;
        }
        let idx = self.index(ext_seq);
        if let Some(s) = &self.slots[idx]
            && s.ext_seq == ext_seq
        {
            self.stats.duplicates += 1;
            return PushOutcome::Duplicate;
        }
        self.observe(transit);
        if self.slots[idx].is_none() {
            self.count += 1;
        }
        self.slots[idx] = Some(Slot {
            ext_seq,
            ext_ts,
            frame: JbFrame { packet, arrival },
        });
        outcome
    }

    /// Whether a packet behind the playout point can be played by moving the playout
    /// point back to it: nothing at or after it has been played, and its delay stays
    /// within the bounds.
    fn can_rewind(&self, ext_seq: i64, ext_ts: i64, transit: f64) -> bool {
        let after_played = self
            .last_played
            .is_none_or(|(s, t)| ext_seq > s && ext_ts > t);
        let cap = self.cap;
        after_played
            && self.next_seq - ext_seq < cap
            && transit - self.min_transit <= ms_of(self.cfg.max_delay)
    }

    /// Moves the playout point back to `(ext_seq, ext_ts)`.
    fn rewind(&mut self, ext_seq: i64, ext_ts: i64) {
        let back = self.next_seq - ext_seq;
        if back > 0 {
            // Sequence numbers from `ext_seq` on are no longer behind the playout point:
            // forget them in the played/skipped maps (those counted lost are uncounted;
            // they count again if skipped again).
            let (gone, keep) = if back >= 64 {
                (self.skipped_bits, 0)
            } else {
                (
                    self.skipped_bits & ((1u64 << back) - 1),
                    self.skipped_bits >> back,
                )
            };
            self.stats.lost = self.stats.lost.saturating_sub(u64::from(gone.count_ones()));
            self.skipped_bits = keep;
            self.played_bits = if back >= 64 {
                0
            } else {
                self.played_bits >> back
            };
            self.next_seq = ext_seq;
        }
        self.next_ts = ext_ts;
        self.playing = false;
    }

    /// The buffered packet with the lowest sequence number at or after `next_seq`.
    fn head(&self) -> Option<(i64, i64)> {
        if self.count == 0 {
            return None;
        }
        let cap = self.cap;
        (self.next_seq..self.next_seq + cap).find_map(|s| {
            self.slots[self.index(s)]
                .as_ref()
                .filter(|slot| slot.ext_seq == s)
                .map(|slot| (slot.ext_seq, slot.ext_ts))
        })
    }

    #[inline(always)]
    fn take(&mut self, ext_seq: i64) -> Option<JbFrame> {
        let idx = self.index(ext_seq);
        let slot = self.slots[idx].take()?;
        self.count -= 1;
        // Sequence numbers skipped on the way are lost (until they turn up late).
        let skipped = (slot.ext_seq - self.next_seq).max(0) as u64;
        self.stats.lost += skipped;
        let shift = (slot.ext_seq + 1 - self.next_seq).clamp(0, 64) as u32;
        self.played_bits = if shift >= 64 {
            0
        } else {
            self.played_bits << shift
        } | 1;
        let skipped_mask = if skipped >= 63 {
            !1u64
        } else {
            ((1u64 << skipped) - 1) << 1
        };
        self.skipped_bits = (if shift >= 64 {
            0
        } else {
            self.skipped_bits << shift
        }) | skipped_mask;
        self.next_seq = slot.ext_seq + 1;
        self.next_ts = slot.ext_ts + self.frame_ts;
        self.last_played = Some((slot.ext_seq, slot.ext_ts));
        self.stats.played += 1;
        Some(slot.frame)
    }

    /// Plays the frame slot at `now` (call once per frame duration).
    #[inline]
    pub fn pop(&mut self, now: Duration) -> Playout {
        let now_ms = ms_of(now);
        let mut head = self.head();
        if self.pending_skip {
            // The slot concealed last time: its packet came in the meantime and plays
            // now (the concealment became an expansion), or the playout point moves on.
            self.pending_skip = false;
            if head.is_none_or(|(_, t)| t != self.next_ts) {
                self.next_ts += self.frame_ts;
            }
        }
        // Packets whose timestamp is already behind the playout point (a timestamp that
        // went backwards) are late: frames never leave out of timestamp order.
        loop {
            match head {
                Some((s, t))
                    if (self.playing && t < self.next_ts)
                        || self.last_played.is_some_and(|(_, lt)| t <= lt) =>
                {
                    let idx = self.index(s);
                    self.slots[idx] = None;
                    self.count -= 1;
                    self.stats.late += 1;
                    if s == self.next_seq {
                        self.next_seq += 1;
                    }
                    head = self.head();
                }
                _ => break,
            }
        }
        let Some((hseq, hts)) = head else {
            // Nothing buffered: conceal inside a talkspurt, stay silent otherwise.
            if !self.playing {
                return Playout::Nothing;
            }
            let ts = self.next_ts;
            self.pending_skip = true;
            self.empty_run = self.empty_run.saturating_add(1);
            if self.empty_run > EMPTY_CONCEAL {
                // Long silence: most likely DTX between talkspurts.
                return Playout::Nothing;
            }
            self.stats.current_delay_ms = now_ms - self.ts_ms(ts) - self.min_transit;
            self.stats.concealed += 1;
            return Playout::Conceal {
                timestamp: ts as u32,
                reason: ConcealReason::Missing,
            };
        };
        self.empty_run = 0;
        let target = self.target_ms;
        // A new talkspurt (or the first one): start it exactly at its target time.
        let new_spurt = self.starts_spurt(hseq, hts);
        if new_spurt {
            let due = self.ts_ms(hts) + self.min_transit + target;
            if now_ms + 1e-9 < due {
                if self.playing {
                    // Silence before the next talkspurt: time passes, but never beyond
                    // the waiting talkspurt's first frame.
                    self.next_ts = (self.next_ts + self.frame_ts).min(hts);
                }
                return Playout::Nothing;
            }
            self.playing = true;
            self.next_ts = hts;
        }
        let delay = now_ms - self.ts_ms(self.next_ts) - self.min_transit;
        self.stats.current_delay_ms = delay;
        let frame_ms = self.ts_ms(self.frame_ts) - self.ts_ms(0);
        if !new_spurt && delay < target {
            self.stats.concealed += 1;
            self.stats.expanded += 1;
            return Playout::Conceal {
                timestamp: self.next_ts as u32,
                reason: ConcealReason::Expand,
            };
        }
        if hts > self.next_ts {
            // The head is in the future: the packet(s) before it are missing.
            let ts = self.next_ts;
            self.pending_skip = true;
            self.stats.concealed += 1;
            return Playout::Conceal {
                timestamp: ts as u32,
                reason: ConcealReason::Missing,
            };
        }
        let Some(first) = self.take(hseq) else {
            return Playout::Nothing;
        };
        self.since_merge = self.since_merge.saturating_add(1);
        let too_long = delay - frame_ms >= target || delay > ms_of(self.cfg.max_delay);
        if too_long
            && self.since_merge >= 2
            && let Some((s2, t2)) = self.head()
            && s2 == self.next_seq
            && t2 == self.next_ts
            && let Some(second) = self.take(s2)
        {
            self.since_merge = 0;
            self.stats.merged += 1;
            return Playout::Merged(first, second);
        }
        Playout::Frame(first)
    }

    /// Starts over as after a discontinuity: the buffered packets are dropped, the next
    /// one pushed starts a new stream (counted in [`JitterStats::resets`]).
    pub(crate) fn restart(&mut self) {
        self.reset();
    }

    /// Whether the buffered head `(hseq, hts)` starts a new talkspurt: nothing is playing,
    /// or the head is the next packet but later in time (silence before it), or the
    /// head lies more than [`MAX_CONCEAL_GAP`] frames ahead (a gap that long is silence
    /// and loss, not a run of slots to conceal one by one).
    fn starts_spurt(&self, hseq: i64, hts: i64) -> bool {
        !self.playing || hts - self.next_ts > self.spurt_threshold(hseq)
    }

    /// How far (in timestamp units) the head at `hseq` may lie ahead of the playout
    /// point before it is played as a new talkspurt rather than reached by concealment.
    fn spurt_threshold(&self, hseq: i64) -> i64 {
        if hseq == self.next_seq {
            0
        } else {
            self.frame_ts.saturating_mul(MAX_CONCEAL_GAP)
        }
    }

    /// Applies at once up to `max` of the pops at `now`, `now + frame`, ... that would
    /// play nothing and change nothing but the silent advance of the playout point, when
    /// no packet is pushed in between; returns how many were applied. The state left is
    /// that of calling [`JitterBuffer::pop`] that many times, so a driver that jumps
    /// over them (playout of a capture) does work in proportion to the packets, not to
    /// the time the capture spans.
    pub(crate) fn skip_silent(&mut self, now: Duration, frame: Duration, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let Some((hseq, hts)) = self.head() else {
            if !self.playing {
                // Each pop plays nothing; the first takes back a pending skip.
                if self.pending_skip {
                    self.pending_skip = false;
                    self.next_ts = (self.next_ts + self.frame_ts).min(TS_CEILING);
                }
                return max;
            }
            // Playing on an empty buffer: silent once the concealment run is over.
            if self.empty_run < EMPTY_CONCEAL {
                return 0;
            }
            let advances = if self.pending_skip { max } else { max - 1 };
            let by = self
                .frame_ts
                .saturating_mul(i64::try_from(advances).unwrap_or(i64::MAX));
            self.next_ts = self.next_ts.saturating_add(by).min(TS_CEILING);
            self.pending_skip = true;
            self.empty_run = self
                .empty_run
                .saturating_add(u32::try_from(max).unwrap_or(u32::MAX));
            return max;
        };
        if self.pending_skip
            || (self.playing && hts < self.next_ts)
            || self.last_played.is_some_and(|(_, lt)| hts <= lt)
            || !self.starts_spurt(hseq, hts)
        {
            return 0;
        }
        // Waiting for a talkspurt's start: pops before it is due play nothing.
        let due = self.ts_ms(hts) + self.min_transit + self.target_ms;
        if !due.is_finite() {
            return 0;
        }
        let nothing_at = |i: u64| after(now, frame, i).is_some_and(|t| ms_of(t) + 1e-9 < due);
        let frame_ms = ms_of(frame).max(1e-6);
        let estimate = ((due - ms_of(now)) / frame_ms).max(0.0);
        let mut n = if estimate >= max as f64 {
            max
        } else {
            estimate as u64
        };
        // The estimate is within a slot or two; settle it on the pops themselves.
        while n > 0 && !nothing_at(n - 1) {
            n -= 1;
        }
        while n < max && nothing_at(n) {
            n += 1;
        }
        if self.playing {
            // Time passes in the silence, but the talkspurt starts as soon as the
            // playout point comes within its threshold.
            let room = hts - self.spurt_threshold(hseq) - self.next_ts;
            let frame_ts = self.frame_ts.max(1);
            let reach = u64::try_from((room + frame_ts - 1) / frame_ts).unwrap_or(0);
            n = n.min(reach);
            let by = frame_ts.saturating_mul(i64::try_from(n).unwrap_or(i64::MAX));
            self.next_ts = self.next_ts.saturating_add(by).min(hts);
        }
        if n > 0 {
            self.empty_run = 0;
        }
        n
    }

    /// Ends the stream and returns the final statistics.
    pub fn finish(&mut self) -> JitterStats {
        self.stats
    }
}

/// Whether an RTP timestamp step of `dt` ticks between consecutive sequence numbers can
/// be a frame duration at `clock_rate`: from 2.5 ms (the shortest audio frame, Opus) to
/// 200 ms. A step of a few clock ticks would make every gap cost millions of frames.
///
/// ```
/// use rtp_core::jitter::is_frame_step;
/// assert!(is_frame_step(160, 8000)); // 20 ms of G.711
/// assert!(!is_frame_step(8, 8000)); // 1 ms
/// assert!(!is_frame_step(-160, 8000));
/// ```
pub fn is_frame_step(dt: i64, clock_rate: u32) -> bool {
    let clock = i64::from(clock_rate);
    dt > 0 && dt.saturating_mul(400) >= clock && dt.saturating_mul(5) <= clock
}

/// Replays the `jitter_buffer` fuzz target's input on a buffer of 16 packets at 8 kHz
/// and checks its invariants; the fuzz target and the regression tests of its crash
/// inputs both call it, so they decode the bytes the same way.
///
/// The input is a sequence of 9-byte operations: byte 0 bit 0 clear is a push (bits 6-7
/// the SSRC, bit 1 the marker, bytes 1-2 the sequence number, bytes 3-4 the timestamp
/// in units of 40 samples), set is a pop; bytes 5-8 are the time in units of 8 µs.
/// Returns the `(seq, timestamp)` of every frame played, or the first invariant broken:
/// frames leave in strict timestamp order within one stream (between resets), none
/// twice, and the buffer never holds more than its capacity.
#[cfg(feature = "_internal_test_exports")]
#[doc(hidden)]
pub fn replay_fuzz_ops(data: &[u8]) -> Result<Vec<(u16, u32)>, String> {
    const CAPACITY: usize = 16;
    let mut jb = JitterBuffer::new(JitterConfig::new(8000).capacity(CAPACITY));
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
                let (seq, ts) = (f.packet.seq, f.packet.timestamp);
                if let Some((pseq, pts)) = last {
                    // Strict timestamp order (one audio frame per timestamp), and never
                    // the same packet twice.
                    if crate::seq::ts_diff(pts, ts) <= 0 {
                        return Err(format!("timestamp {pts} then {ts}"));
                    }
                    if pseq == seq {
                        return Err(format!("packet {pseq} played twice"));
                    }
                }
                last = Some((seq, ts));
                played.push((seq, ts));
            }
        }
        if jb.stats().resets != resets {
            resets = jb.stats().resets;
            last = None;
        }
        if jb.len() > CAPACITY {
            return Err(format!("{} packets held, capacity {CAPACITY}", jb.len()));
        }
    }
    Ok(played)
}
