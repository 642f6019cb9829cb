//! Call quality: the ITU-T G.107 E-model (R factor and MOS).
//!
//! `R = 93.2 − Idd(Ta) − Ie,eff + A`, with
//! - 93.2 the R of G.107 with all default parameters (Ro − Is − Id at Ta = 0);
//! - `Idd` the delay impairment of G.107 eq. 7-28: 0 for `Ta ≤ 100 ms`, otherwise
//!   `25 {(1 + X⁶)^⅙ − 3 (1 + (X/3)⁶)^⅙ + 2}` with `X = log2(Ta / 100)`; the echo terms
//!   stay at their default-parameter values (echo is assumed controlled);
//! - `Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl)` (G.107 eq. 7-29), with `Ppl`
//!   the packet-loss percentage and `BurstR` the burst ratio (1 for random loss, above
//!   1 for bursty loss; see [`burst_ratio`]);
//! - `A = 0` (advantage factor, wired access).
//!
//! MOS (G.107 Annex B): 1 for `R < 0`, 4.5 for `R > 100`, else
//! `1 + 0.035 R + R (R − 60)(100 − R) · 7·10⁻⁶`.
//!
//! ```
//! use rtp_core::emodel::{Codec, EModelInput, evaluate};
//!
//! let q = evaluate(&EModelInput { codec: Codec::G711, one_way_delay_ms: 0.0, loss_pct: 0.0, burst_ratio: 1.0 });
//! assert!((q.r - 93.2).abs() < 1e-9);
//! assert!((q.mos - 4.409).abs() < 0.001);
//! ```

/// A codec with its E-model impairment values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Codec {
    /// G.711 (A- or µ-law) with packet-loss concealment (G.711 Appendix I).
    G711,
    /// G.711 without packet-loss concealment.
    G711NoPlc,
    /// G.722 at 64 kbit/s, rated on the narrowband scale (provisional values).
    G722,
    /// G.729 at 8 kbit/s.
    G729,
    /// G.729 Annex A with VAD.
    G729A,
    /// Opus (narrowband-scale rating, provisional values).
    Opus,
}

/// Equipment impairment `Ie` and packet-loss robustness `Bpl` of a codec.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CodecImpairment {
    /// Equipment impairment factor.
    pub ie: f64,
    /// Packet-loss robustness factor.
    pub bpl: f64,
    /// Where the values come from.
    pub source: &'static str,
}

impl Codec {
    /// The codec's `Ie` and `Bpl`.
    pub fn impairment(self) -> CodecImpairment {
        match self {
            Codec::G711 => CodecImpairment {
                ie: 0.0,
                bpl: 25.1,
                source: "ITU-T G.113 Appendix I, Tables I.1 and I.3: G.711 with PLC (G.711 Appendix I), random loss",
            },
            Codec::G711NoPlc => CodecImpairment {
                ie: 0.0,
                bpl: 4.3,
                source: "ITU-T G.113 Appendix I, Table I.3: G.711 without PLC",
            },
            Codec::G729 => CodecImpairment {
                ie: 10.0,
                bpl: 19.0,
                source: "ITU-T G.113 Appendix I, Table I.1 (Ie = 10); Bpl of G.729A from Table I.3",
            },
            Codec::G729A => CodecImpairment {
                ie: 11.0,
                bpl: 19.0,
                source: "ITU-T G.113 Appendix I, Tables I.1 and I.3: G.729A + VAD",
            },
            Codec::G722 => CodecImpairment {
                ie: 0.0,
                bpl: 25.1,
                source: "provisional: not in G.113 Appendix I (narrowband); rated like G.711 with PLC",
            },
            Codec::Opus => CodecImpairment {
                ie: 0.0,
                bpl: 25.1,
                source: "provisional: not in G.113 Appendix I (narrowband); rated like G.711 with PLC",
            },
        }
    }

    /// The codec of an RTP payload type (static types 0, 8, 9, 18) or of an SDP encoding
    /// name (`pcmu`, `pcma`, `g722`, `g729`, `opus`).
    pub fn from_rtp(payload_type: u8, encoding: Option<&str>) -> Option<Codec> {
        match encoding.map(str::to_ascii_lowercase).as_deref() {
            Some("pcmu" | "pcma") => return Some(Codec::G711),
            Some("g722") => return Some(Codec::G722),
            Some("g729") => return Some(Codec::G729),
            Some("opus") => return Some(Codec::Opus),
            _ => {}
        }
        match payload_type {
            0 | 8 => Some(Codec::G711),
            9 => Some(Codec::G722),
            18 => Some(Codec::G729),
            _ => None,
        }
    }
}

/// What the E-model needs.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EModelInput {
    /// The codec.
    pub codec: Codec,
    /// Mean one-way (mouth-to-ear) delay `Ta`, ms.
    pub one_way_delay_ms: f64,
    /// Packet loss, percent (0..=100).
    pub loss_pct: f64,
    /// Burst ratio (≥ 1 for bursty loss; 1 for random loss).
    pub burst_ratio: f64,
}

/// The E-model's result.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EModelResult {
    /// Transmission rating factor R.
    pub r: f64,
    /// Estimated MOS (conversational quality, 1..=4.5).
    pub mos: f64,
    /// Delay impairment used.
    pub idd: f64,
    /// Effective equipment impairment used.
    pub ie_eff: f64,
}

/// The default R with no impairment (G.107 defaults).
pub const R_DEFAULT: f64 = 93.2;

/// The delay impairment `Idd` of G.107 for a one-way delay `ta_ms`.
pub fn delay_impairment(ta_ms: f64) -> f64 {
    if ta_ms.is_nan() || ta_ms <= 100.0 {
        return 0.0;
    }
    let x = (ta_ms / 100.0).log2();
    25.0 * ((1.0 + x.powi(6)).powf(1.0 / 6.0) - 3.0 * (1.0 + (x / 3.0).powi(6)).powf(1.0 / 6.0)
        + 2.0)
}

/// `Ie,eff` of G.107 eq. 7-29.
pub fn effective_equipment_impairment(codec: Codec, loss_pct: f64, burst_ratio: f64) -> f64 {
    let CodecImpairment { ie, bpl, .. } = codec.impairment();
    let ppl = if loss_pct.is_finite() {
        loss_pct.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let burst = if burst_ratio.is_finite() && burst_ratio > 0.0 {
        burst_ratio
    } else {
        1.0
    };
    ie + (95.0 - ie) * ppl / (ppl / burst + bpl)
}

/// MOS from R (G.107 Annex B).
pub fn mos_from_r(r: f64) -> f64 {
    if r.is_nan() || r < 0.0 {
        1.0
    } else if r > 100.0 {
        4.5
    } else {
        1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6
    }
}

/// Evaluates the E-model.
pub fn evaluate(input: &EModelInput) -> EModelResult {
    let idd = delay_impairment(input.one_way_delay_ms);
    let ie_eff = effective_equipment_impairment(input.codec, input.loss_pct, input.burst_ratio);
    let r = R_DEFAULT - idd - ie_eff;
    EModelResult {
        r,
        mos: mos_from_r(r),
        idd,
        ie_eff,
    }
}

/// The burst ratio (ITU-T G.107: `BurstR = 1 / (p + q)`) of a received/lost
/// pattern, from the two-state Markov model: `p` = P(lost | previous received),
/// `q` = P(received | previous lost). 1 when there is no loss or no transition.
///
/// ```
/// // Isolated losses: p = 2/8, q = 1 → BurstR = 1/(1.25) = 0.8, i.e. less bursty than random.
/// let r = rtp_core::emodel::burst_ratio([true, true, false, true, true, true, false, true, true, true, true]);
/// assert!((r - 0.8).abs() < 1e-9);
/// ```
pub fn burst_ratio(received: impl IntoIterator<Item = bool>) -> f64 {
    let (mut rr, mut rl, mut lr, mut ll) = (0u64, 0u64, 0u64, 0u64);
    let mut prev: Option<bool> = None;
    for r in received {
        match (prev, r) {
            (Some(true), true) => rr += 1,
            (Some(true), false) => rl += 1,
            (Some(false), true) => lr += 1,
            (Some(false), false) => ll += 1,
            (None, _) => {}
        }
        prev = Some(r);
    }
    ratio_of_transitions(rr, rl, lr, ll)
}

/// [`burst_ratio`] of the pattern over the sequence numbers `first..=last` in which
/// exactly those of `received` (sorted, distinct, from `first` on, none after `last`)
/// were received, computed from the gaps between them: time in proportion to the
/// packets received, not to the span of sequence numbers.
pub(crate) fn burst_ratio_of_received(received: &[i64], last: i64) -> f64 {
    let (mut rr, mut rl, mut lr, mut ll) = (0u64, 0u64, 0u64, 0u64);
    let mut gap = |lost: u64, then_received: bool| {
        if lost == 0 {
            rr += u64::from(then_received);
        } else {
            rl += 1;
            ll += lost - 1;
            lr += u64::from(then_received);
        }
    };
    for w in received.windows(2) {
        gap((w[1] - w[0] - 1).max(0) as u64, true);
    }
    if let Some(&end) = received.last() {
        gap((last - end).max(0) as u64, false);
    }
    ratio_of_transitions(rr, rl, lr, ll)
}

/// `1 / (p + q)` from the counts of transitions received→received, received→lost,
/// lost→received and lost→lost.
fn ratio_of_transitions(rr: u64, rl: u64, lr: u64, ll: u64) -> f64 {
    if rr + rl == 0 || lr + ll == 0 || rl == 0 {
        return 1.0;
    }
    let p = rl as f64 / (rr + rl) as f64;
    let q = lr as f64 / (lr + ll) as f64;
    if p + q <= 0.0 { 1.0 } else { 1.0 / (p + q) }
}

#[cfg(test)]
mod tests {
    use super::{burst_ratio, burst_ratio_of_received};

    /// The ratio from the gaps between received sequence numbers equals the ratio of
    /// the whole received/lost pattern, on patterns with isolated and bursty losses and
    /// a loss run at the end.
    #[test]
    fn burst_ratio_from_gaps_equals_the_ratio_of_the_pattern() {
        let mut x = 0x1234_5678u32;
        for round in 0..500 {
            let len = 1 + (round % 97) as i64;
            let mut pattern = vec![true];
            for _ in 1..len {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                // Loss probability 1/2, 1/4, 1/8... by round, and runs of the same.
                let lose = x.is_multiple_of(2 + round % 7)
                    || (x.is_multiple_of(3) && !pattern[pattern.len() - 1]);
                pattern.push(!lose);
            }
            let received: Vec<i64> = (0..len).filter(|i| pattern[*i as usize]).collect();
            let want = burst_ratio(pattern.iter().copied());
            let got = burst_ratio_of_received(&received, len - 1);
            assert!((want - got).abs() < 1e-12, "{pattern:?}: {want} vs {got}");
        }
    }
}
