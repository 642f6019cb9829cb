//! Trace-driven jitter-buffer simulation: generated network traces, the buffer driven
//! by them, and the comparison with baseline estimators and an offline bound.
//!
//! Every estimator runs inside the same [`JitterBuffer`] mechanics (same expansion,
//! acceleration and talkspurt rules), so only the target-delay estimate differs.
//! Figures: *late loss* is the percentage of packets that arrived but were not played
//! (their slot had passed); *mean delay* is the mean playout delay of played packets
//! beyond the trace's smallest network delay. The offline bound holds the playout delay
//! constant per talkspurt (per 1 s segment when the trace has no silence), on the same
//! 20 ms playout grid, and chooses those delays knowing the whole trace, minimising late
//! loss at a given mean delay. It is the best *piecewise-constant* policy, so an
//! adaptive buffer that changes its delay inside a segment can occasionally beat it.

use std::time::Duration;

use bytes::Bytes;

use crate::jitter::{Estimator, JbPacket, JitterBuffer, JitterConfig, Playout};

/// One packet of a trace.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TracePacket {
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp (8 kHz).
    pub timestamp: u32,
    /// Marker bit (talkspurt start).
    pub marker: bool,
    /// Send time, ms.
    pub send_ms: f64,
    /// Arrival time, ms; `None` when the network lost it.
    pub arrival_ms: Option<f64>,
}

/// The generated trace kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TraceKind {
    /// 40 ms ± 1 ms.
    Steady,
    /// 40 ms plus exponential (mean 10 ms) and uniform (0–10 ms) jitter; occasional
    /// reordering.
    RandomJitter,
    /// Small jitter with a 150–400 ms delay spike every ~5 s, draining at 20 ms per packet.
    DelaySpikes,
    /// Gilbert–Elliott bursty loss (p = 2 %, r = 30 %) with 0–20 ms jitter.
    BurstyLoss,
    /// Sender clock 0.1 % fast, 0–20 ms jitter.
    DriftFast,
    /// Sender clock 0.1 % slow, 0–20 ms jitter.
    DriftSlow,
    /// 0–60 ms uniform jitter without FIFO order: heavy reordering.
    Reordering,
    /// Talkspurts (mean 1.5 s) and silences (mean 1 s, DTX: no packets, sequence
    /// numbers continue), exponential jitter (mean 8 ms).
    DtxTalkspurts,
}

impl TraceKind {
    /// All kinds, in table order.
    pub const ALL: [TraceKind; 8] = [
        TraceKind::Steady,
        TraceKind::RandomJitter,
        TraceKind::DelaySpikes,
        TraceKind::BurstyLoss,
        TraceKind::DriftFast,
        TraceKind::DriftSlow,
        TraceKind::Reordering,
        TraceKind::DtxTalkspurts,
    ];
    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            TraceKind::Steady => "steady",
            TraceKind::RandomJitter => "random jitter",
            TraceKind::DelaySpikes => "delay spikes",
            TraceKind::BurstyLoss => "bursty loss",
            TraceKind::DriftFast => "drift +0.1%",
            TraceKind::DriftSlow => "drift -0.1%",
            TraceKind::Reordering => "reordering",
            TraceKind::DtxTalkspurts => "DTX talkspurts",
        }
    }
}

/// splitmix64.
#[derive(Debug, Clone)]
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).max(1e-12).ln()
    }
}

/// Generates `packets` packets (20 ms, 8 kHz) of `kind` from `seed`.
pub fn generate(kind: TraceKind, packets: usize, seed: u64) -> Vec<TracePacket> {
    let mut rng = Rng(seed ^ (kind as u64).wrapping_mul(0x1234_5678_9ABC));
    let mut out = Vec::with_capacity(packets);
    let mut spike = 0.0f64;
    let mut next_spike = 250usize;
    let mut last_arrival = f64::NEG_INFINITY;
    let mut bad = false;
    let mut ts = 1000u32;
    let mut send = 0.0f64;
    let mut spurt_left = 0usize;
    let clock_scale = match kind {
        TraceKind::DriftFast => 1.0 / 1.001,
        TraceKind::DriftSlow => 1.0 / 0.999,
        _ => 1.0,
    };
    for i in 0..packets {
        let mut marker = i == 0;
        if kind == TraceKind::DtxTalkspurts {
            if spurt_left == 0 {
                if i > 0 {
                    let silence = (rng.exp(1000.0) / 20.0).round().max(1.0) as u32;
                    ts = ts.wrapping_add(160 * silence);
                    send += 20.0 * f64::from(silence);
                }
                spurt_left = (rng.exp(1500.0) / 20.0).round().max(5.0) as usize;
                marker = true;
            }
            spurt_left -= 1;
        }
        let mut delay = 40.0;
        let mut fifo = true;
        match kind {
            TraceKind::Steady => delay += rng.unit() * 2.0 - 1.0,
            TraceKind::RandomJitter => {
                delay += rng.exp(10.0) + rng.unit() * 10.0;
                fifo = false;
            }
            TraceKind::DelaySpikes => {
                if i == next_spike {
                    spike = 150.0 + 250.0 * rng.unit();
                    next_spike = i + 200 + (rng.next() % 100) as usize;
                }
                delay += rng.unit() * 5.0 + spike;
                spike = (spike - 20.0).max(0.0);
            }
            TraceKind::BurstyLoss | TraceKind::DriftFast | TraceKind::DriftSlow => {
                delay += rng.unit() * 20.0;
            }
            TraceKind::Reordering => {
                delay += rng.unit() * 60.0;
                fifo = false;
            }
            TraceKind::DtxTalkspurts => delay += rng.exp(8.0),
        }
        let lost = kind == TraceKind::BurstyLoss && {
            bad = if bad {
                rng.unit() >= 0.3
            } else {
                rng.unit() < 0.02
            };
            bad
        };
        let send_ms = send * clock_scale;
        let mut arrival = send_ms + delay;
        if fifo {
            arrival = arrival.max(last_arrival + 0.05);
        }
        if !lost {
            last_arrival = last_arrival.max(arrival);
        }
        out.push(TracePacket {
            seq: (i % 65536) as u16,
            timestamp: ts,
            marker,
            send_ms,
            arrival_ms: (!lost).then_some(arrival),
        });
        ts = ts.wrapping_add(160);
        send += 20.0;
    }
    out
}

/// The outcome of one simulation.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SimResult {
    /// Packets that arrived.
    pub arrived: u64,
    /// Packets played.
    pub played: u64,
    /// Late loss, percent of arrived packets.
    pub late_loss_pct: f64,
    /// Mean playout delay of played packets beyond the smallest network delay, ms.
    pub mean_delay_ms: f64,
    /// 95th percentile of that delay, ms.
    pub p95_delay_ms: f64,
    /// Sequence numbers the buffer counted as lost.
    pub lost: u64,
    /// Slots concealed.
    pub concealed: u64,
    /// Packets the buffer refused for capacity.
    pub overflow: u64,
    /// Buffer resets (discontinuities).
    pub resets: u64,
}

/// Drives a [`JitterBuffer`] with `estimator` over `trace`, popping every 20 ms.
pub fn simulate(trace: &[TracePacket], estimator: Estimator) -> SimResult {
    let cfg = JitterConfig::new(8000).estimator(estimator).capacity(512);
    let mut jb = JitterBuffer::new(cfg);
    let mut order: Vec<(f64, usize)> = trace
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.arrival_ms.filter(|a| a.is_finite()).map(|a| (a, i)))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let Some(&(first, _)) = order.first() else {
        return SimResult::default();
    };
    let base = trace
        .iter()
        .filter_map(|p| p.arrival_ms.map(|a| a - p.send_ms))
        .fold(f64::INFINITY, f64::min);
    let last = order.last().map_or(first, |l| l.0);
    let mut delays: Vec<f64> = Vec::with_capacity(order.len());
    let mut next = 0;
    // Pop k happens at first + 20 k ms; pops that can play nothing are applied at once
    // (JitterBuffer::skip_silent), so a trace spanning years costs no more than one
    // spanning seconds.
    let mut k = 0u64;
    let mut tick = first;
    let to_d = |ms: f64| Duration::try_from_secs_f64(ms.max(0.0) / 1000.0).unwrap_or(Duration::MAX);
    while tick <= last + 2000.0 {
        while next < order.len() && order[next].0 <= tick {
            let p = &trace[order[next].1];
            jb.push(
                JbPacket::new(1, p.seq, p.timestamp, p.marker, Bytes::new()),
                to_d(order[next].0),
            );
            next += 1;
        }
        let mut played = |f: &crate::jitter::JbFrame| {
            let i = usize::from(f.packet.seq);
            // Find the packet: same seq within the trace (closest index ≥ seq).
            // Trace index i has sequence number i mod 65536.
            let mut k = i;
            while k < trace.len() && trace[k].seq != f.packet.seq {
                k += 65536;
            }
            if let Some(p) = trace.get(k) {
                delays.push(tick - p.send_ms - base);
            }
        };
        match jb.pop(to_d(tick)) {
            Playout::Frame(f) => played(&f),
            Playout::Merged(a, b) => {
                played(&a);
                played(&b);
            }
            _ => {}
        }
        k += 1;
        tick = first + 20.0 * k as f64;
        // Pops strictly before the next arrival, and up to the end.
        let horizon = order.get(next).map_or(last + 2000.0, |o| o.0);
        let span = horizon - tick;
        let slots = if span.is_nan() || span <= 0.0 {
            0
        } else if next < order.len() {
            (span / 20.0).ceil() as u64
        } else {
            (span / 20.0).floor() as u64 + 1
        };
        let skipped = jb.skip_silent(to_d(tick), Duration::from_millis(20), slots);
        k += skipped;
        tick = first + 20.0 * k as f64;
    }
    let stats = jb.finish();
    let arrived = order.len() as u64;
    let played = delays.len() as u64;
    let mean = if delays.is_empty() {
        0.0
    } else {
        delays.iter().sum::<f64>() / delays.len() as f64
    };
    delays.sort_by(f64::total_cmp);
    let p95 = delays
        .get(((delays.len() as f64) * 0.95) as usize)
        .copied()
        .unwrap_or(0.0);
    SimResult {
        arrived,
        played,
        late_loss_pct: if arrived == 0 {
            0.0
        } else {
            (arrived - played.min(arrived)) as f64 * 100.0 / arrived as f64
        },
        mean_delay_ms: mean,
        p95_delay_ms: p95,
        lost: stats.lost,
        concealed: stats.concealed,
        overflow: stats.overflow,
        resets: stats.resets,
    }
}

/// The offline bound at a mean delay: see [`offline_bound`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OfflineBound {
    /// Lower bound on the late loss (% of arrived packets) of every policy that holds
    /// its delay constant per window at a mean delay no larger than the one asked for
    /// (the Lagrangian dual bound, maximised over the multiplier).
    pub loss_pct: f64,
    /// Late loss of the best feasible policy found (an upper bound on the optimum).
    pub feasible_loss_pct: f64,
    /// Mean delay of that feasible policy, ms.
    pub feasible_delay_ms: f64,
}

/// The offline bound at `mean_delay_ms`: the playout delay held constant per window
/// (per talkspurt, or per 1 s when the trace has no silence) on the 20 ms playout grid
/// of [`simulate`], each window's delay chosen knowing the whole trace, with the mean
/// playout delay of played packets at most `mean_delay_ms`.
///
/// The constraint `mean ≤ D` is `Σ played·(delay − D) ≤ 0`, which separates by window,
/// so for a multiplier `λ ≥ 0` each window independently minimises
/// `late + λ·played·(delay − D)`; by weak duality the minimum of that sum is a lower
/// bound on the late loss of every feasible per-window policy, and the bound reported is
/// its maximum over `λ`.
pub fn offline_bound(trace: &[TracePacket], mean_delay_ms: f64) -> OfflineBound {
    // Windows: talkspurts (marker bit) or, without any silence, 1 s segments.
    let has_spurts = trace.iter().skip(1).any(|p| p.marker);
    let base = trace
        .iter()
        .filter_map(|p| p.arrival_ms.map(|a| a - p.send_ms))
        .fold(f64::INFINITY, f64::min);
    // The same 20 ms playout grid as `simulate`: a packet can be played at the first
    // tick after its arrival at the earliest.
    let t0 = trace
        .iter()
        .filter_map(|p| p.arrival_ms)
        .fold(f64::INFINITY, f64::min);
    let mut windows: Vec<Vec<f64>> = Vec::new();
    for (i, p) in trace.iter().enumerate() {
        let new = if has_spurts {
            p.marker || i == 0
        } else {
            i % 50 == 0
        };
        if new {
            windows.push(Vec::new());
        }
        if let (Some(a), Some(w)) = (p.arrival_ms, windows.last_mut()) {
            let tick = t0 + 20.0 * ((a - t0) / 20.0 - 1e-9).ceil().max(0.0);
            w.push(tick - p.send_ms - base);
        }
    }
    for w in &mut windows {
        w.sort_by(f64::total_cmp);
    }
    let total: usize = windows.iter().map(Vec::len).sum();
    if total == 0 {
        return OfflineBound::default();
    }
    let d_star = mean_delay_ms;
    // For a multiplier lambda: the dual value, and the per-window minimisers' late count,
    // played count and delay sum.
    let eval = |lambda: f64| {
        let (mut dual, mut late, mut played, mut dsum) = (0.0, 0usize, 0usize, 0.0);
        for w in &windows {
            let n = w.len();
            // Playing nothing costs n.
            let mut best = (n as f64, 0usize, 0.0);
            for (j, &d) in w.iter().enumerate() {
                // Delay d plays every packet whose earliest delay is at most d.
                if w.get(j + 1).is_some_and(|&next| next <= d) {
                    continue;
                }
                let p = j + 1;
                let cost = (n - p) as f64 + lambda * p as f64 * (d - d_star);
                if cost < best.0 {
                    best = (cost, p, d);
                }
            }
            dual += best.0;
            late += n - best.1;
            played += best.1;
            dsum += best.1 as f64 * best.2;
        }
        let mean = if played == 0 {
            0.0
        } else {
            dsum / played as f64
        };
        (dual, late, mean)
    };
    let pct = |x: f64| x * 100.0 / total as f64;
    // The dual is concave in lambda: golden-section search on log(lambda), after a
    // coarse scan.
    let mut best_dual = (eval(0.0).0, 0.0f64);
    let mut feasible = (f64::INFINITY, 0.0f64);
    let mut consider = |lambda: f64| {
        let (dual, late, mean) = eval(lambda);
        if dual > best_dual.0 {
            best_dual = (dual, lambda);
        }
        if mean <= d_star + 1e-9 && (late as f64) < feasible.0 {
            feasible = (late as f64, mean);
        }
        dual
    };
    let mut grid = Vec::new();
    let mut l = 1e-6f64;
    while l < 1e3 {
        grid.push((l, consider(l)));
        l *= 1.5;
    }
    let peak = grid
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
        .map_or(0, |(i, _)| i);
    let (mut lo, mut hi) = (
        grid[peak.saturating_sub(1)].0.ln(),
        grid[(peak + 1).min(grid.len() - 1)].0.ln(),
    );
    for _ in 0..40 {
        let m1 = lo + (hi - lo) * 0.382;
        let m2 = lo + (hi - lo) * 0.618;
        if consider(m1.exp()) < consider(m2.exp()) {
            lo = m1;
        } else {
            hi = m2;
        }
    }
    OfflineBound {
        loss_pct: pct(best_dual.0.max(0.0)),
        feasible_loss_pct: pct(feasible.0),
        feasible_delay_ms: feasible.1,
    }
}

/// Finds the knob value of a one-parameter estimator family whose mean delay is closest
/// to `target_ms` (bisection; the families are monotone in their knob).
pub fn match_delay(
    trace: &[TracePacket],
    target_ms: f64,
    family: impl Fn(f64) -> Estimator,
    mut lo: f64,
    mut hi: f64,
) -> (f64, SimResult) {
    let mut best = (lo, simulate(trace, family(lo)));
    for _ in 0..18 {
        let mid = (lo + hi) / 2.0;
        let r = simulate(trace, family(mid));
        if (r.mean_delay_ms - target_ms).abs() < (best.1.mean_delay_ms - target_ms).abs() {
            best = (mid, r);
        }
        if r.mean_delay_ms < target_ms {
            lo = mid;
        } else {
            hi = mid;
        }
        if (r.mean_delay_ms - target_ms).abs() < 0.25 {
            break;
        }
    }
    best
}

/// One row of the comparison table.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison {
    /// The trace.
    pub kind: TraceKind,
    /// This crate's buffer with its default estimator.
    pub ours: SimResult,
    /// Fixed buffer at matched delay (and its delay setting).
    pub fixed: (f64, SimResult),
    /// NetEq-like at matched delay (and its quantile).
    pub neteq: (f64, SimResult),
    /// Where NetEq-like cannot reach our delay (its 20 ms buckets give it a floor):
    /// our estimator with its quantile searched to NetEq-like's delay instead, so the
    /// two are also compared at equal delay (and that quantile).
    pub ours_at_neteq: Option<(f64, SimResult)>,
    /// Ramjee algorithm 4 at matched delay (and its k).
    pub ramjee: (f64, SimResult),
    /// Offline bound at our delay.
    pub offline: OfflineBound,
}

/// Runs the whole comparison for one trace.
pub fn compare(kind: TraceKind, packets: usize, seed: u64) -> Comparison {
    let trace = generate(kind, packets, seed);
    let ours = simulate(&trace, Estimator::default());
    let d = ours.mean_delay_ms;
    let neteq = match_delay(
        &trace,
        d,
        |q| Estimator::NetEqLike { quantile: q },
        0.3,
        0.9999,
    );
    let ours_at_neteq = ((neteq.1.mean_delay_ms - d).abs() > 0.5).then(|| {
        let forget = match Estimator::default() {
            Estimator::Adaptive { forget, .. } => forget,
            _ => 0.996,
        };
        match_delay(
            &trace,
            neteq.1.mean_delay_ms,
            |q| Estimator::Adaptive {
                quantile: q,
                forget,
            },
            0.5,
            0.9999,
        )
    });
    Comparison {
        kind,
        ours,
        fixed: match_delay(&trace, d, |x| Estimator::Fixed { delay_ms: x }, 0.0, 600.0),
        neteq,
        ours_at_neteq,
        ramjee: match_delay(&trace, d, |k| Estimator::Ramjee { k }, 0.0, 30.0),
        offline: offline_bound(&trace, d),
    }
}
