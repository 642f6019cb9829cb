//! The cost of an answered call at a rate: increments per slot, then one of three
//! paths that agree where they overlap — exact integers (per call in 64 bits, or in
//! 128), exact decimals (the reference), and CGRateS's rounding in cgrates mode.

use rust_decimal::Decimal;

use super::RatingEngine;
use super::compile::{CompiledRate, CompiledSlot, FastRate, FixedPoint};
use super::integer::{div_round, div_round_wide, pow10};
use crate::Error;
use crate::money::{Rounding, RoundingMode, RoundingPoint};
use crate::plan::{CgratesCompat, MaxCost, MaxCostStrategy};

/// Increments per slot for `duration_s`: calls `f(slot_index, n)` for each slot used.
#[inline]
pub(super) fn for_each_slot_use(
    slots: &[CompiledSlot],
    duration_s: u32,
    mut f: impl FnMut(usize, u32),
) {
    let d = u64::from(duration_s);
    let mut t: u64 = 0;
    for (i, slot) in slots.iter().enumerate() {
        if t >= d {
            break;
        }
        let end = slots.get(i + 1).map_or(u64::MAX, |s| u64::from(s.start_s));
        if t >= end {
            continue;
        }
        let span_end = d.min(end);
        let inc = u64::from(slot.increment_s);
        let n = (span_end - t).div_ceil(inc);
        t += n * inc;
        f(i, n as u32);
    }
}

/// As [`for_each_slot_use`], without the first `skip` increments of the call (those a
/// free-minutes bundle covers); slots left with no charged increment are not visited.
#[inline]
pub(super) fn for_each_charged_use(
    slots: &[CompiledSlot],
    duration_s: u32,
    mut skip: u32,
    mut f: impl FnMut(usize, u32),
) {
    for_each_slot_use(slots, duration_s, |i, n| {
        let skipped = n.min(skip);
        skip -= skipped;
        if n > skipped {
            f(i, n - skipped);
        }
    });
}

pub(super) fn count_increments(slots: &[CompiledSlot], duration_s: u32) -> (u32, u32) {
    let mut increments = 0u32;
    let mut billed = 0u64;
    for_each_slot_use(slots, duration_s, |i, n| {
        increments = increments.saturating_add(n);
        billed += u64::from(n) * u64::from(slots[i].increment_s);
    });
    (increments, u32::try_from(billed).unwrap_or(u32::MAX))
}

/// The per-call integer path in 64 bits; `None` when a value does not fit (the
/// 128-bit path then answers).
#[inline]
fn per_call_u64(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    fixed: FixedPoint,
    mode: RoundingMode,
) -> Option<u64> {
    let mut n = rate.connect_per_lcm?;
    let mut ok = true;
    for_each_slot_use(slots, duration_s, |i, k| {
        let s = &slots[i];
        let part = s
            .second_units
            .and_then(|w| (u64::from(k) * u64::from(s.increment_s)).checked_mul(w));
        match part.and_then(|p| n.checked_add(p)) {
            Some(v) => n = v,
            None => ok = false,
        }
    });
    if !ok {
        return None;
    }
    let n = n.max(rate.minimum_per_lcm?);
    Some(div_round(
        n.checked_mul(fixed.output_scale?)?,
        fixed.denominator?,
        mode,
    ))
}

/// Exact integer path; `None` on overflow (the decimal path then answers).
#[inline]
fn fixed_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    fixed: FixedPoint,
    rounding: Rounding,
) -> Option<Decimal> {
    let scale = pow10(fixed.scale)?;
    let out = pow10(rounding.decimals)?;
    let mode = rounding.mode;
    let q = match rounding.point {
        RoundingPoint::PerCall => {
            if let Some(q) = per_call_u64(rate, slots, duration_s, fixed, mode) {
                return Decimal::try_from_i128_with_scale(i128::from(q), rounding.decimals).ok();
            }
            let l = fixed.lcm;
            let mut n = rate.connect_units.checked_mul(l)?;
            let mut overflow = false;
            for_each_slot_use(slots, duration_s, |i, k| {
                let s = &slots[i];
                let part = i128::from(k)
                    .checked_mul(i128::from(s.increment_s))
                    .and_then(|x| x.checked_mul(s.price_units))
                    .and_then(|x| x.checked_mul(l / i128::from(s.unit_s)));
                match part.and_then(|p| n.checked_add(p)) {
                    Some(v) => n = v,
                    None => overflow = true,
                }
            });
            if overflow {
                return None;
            }
            let n = n.max(rate.min_units.checked_mul(l)?);
            div_round_wide(n.checked_mul(out)?, l.checked_mul(scale)?, mode)
        }
        RoundingPoint::PerIncrement => {
            let mut q = div_round_wide(rate.connect_units.checked_mul(out)?, scale, mode);
            let mut overflow = false;
            for_each_slot_use(slots, duration_s, |i, k| {
                let s = &slots[i];
                let inc = s
                    .price_units
                    .checked_mul(i128::from(s.increment_s))
                    .and_then(|x| x.checked_mul(out))
                    .zip(i128::from(s.unit_s).checked_mul(scale))
                    .map(|(n, d)| div_round_wide(n, d, mode));
                match inc
                    .and_then(|c| c.checked_mul(i128::from(k)))
                    .and_then(|c| q.checked_add(c))
                {
                    Some(v) => q = v,
                    None => overflow = true,
                }
            });
            if overflow {
                return None;
            }
            q.max(div_round_wide(
                rate.min_units.checked_mul(out)?,
                scale,
                mode,
            ))
        }
        _ => return None,
    };
    Decimal::try_from_i128_with_scale(q, rounding.decimals).ok()
}

pub(super) fn decimal_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    skip: u32,
    rounding: Rounding,
) -> Result<Decimal, Error> {
    let per_increment = rounding.point == RoundingPoint::PerIncrement;
    let round = |v: Decimal| rounding.mode.round(v, rounding.decimals);
    let mut total = if per_increment {
        round(rate.connect_fee)
    } else {
        rate.connect_fee
    };
    let mut err = None;
    for_each_charged_use(slots, duration_s, skip, |i, k| {
        let s = &slots[i];
        let part = if per_increment {
            s.price
                .checked_mul(Decimal::from(s.increment_s))
                .and_then(|x| x.checked_div(Decimal::from(s.unit_s)))
                .map(round)
                .and_then(|c| c.checked_mul(Decimal::from(k)))
        } else {
            s.price
                .checked_mul(Decimal::from(u64::from(k) * u64::from(s.increment_s)))
                .and_then(|x| x.checked_div(Decimal::from(s.unit_s)))
        };
        match part.and_then(|p| total.checked_add(p)) {
            Some(v) => total = v,
            None => err = Some(Error::overflow("call cost")),
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let total = total.max(rate.minimum);
    Ok(match rounding.point {
        RoundingPoint::PerCall | RoundingPoint::PerIncrement => round(total),
        _ => total,
    })
}

/// CGRateS's cost of a call (see [`CgratesCompat`]), bit for bit: in `f64` and in the
/// order of operations of CGRateS v0.10.4's `CallDescriptor.GetCost`, with its
/// `utils.Round`. Per slot (one timespan): the span's cost, the duration in nanoseconds
/// times the price per nanosecond, rounded to the global decimals; the increment's cost,
/// that divided by the increments and rounded again; the timespan's cost, the connect
/// fee (first timespan only) plus the increments' cost times their number, rounded.
/// The timespans are added up, and a `*free` maximum cost applies when CGRateS's
/// running figure reaches it: that figure adds the call's cost so far after each
/// timespan (so a three-timespan call is capped once c₁ + (c₁ + c₂) + (c₁ + c₂ + c₃)
/// reaches the ceiling), the cost becomes the ceiling there, and later timespans are
/// added to it. The call is rounded as the rate says. Beyond CGRateS's `max_increments`
/// (1 000 000) a timespan has no increments and costs its connect fee only, as in
/// CGRateS.
pub(super) fn cgrates_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    skip: u32,
    compat: CgratesCompat,
    rounding: Rounding,
) -> Result<Decimal, Error> {
    /// CGRateS's `rals.max_increments` default.
    const MAX_INCREMENTS: u32 = 1_000_000;
    let global = compat.global_decimals;
    let mut cost = 0.0_f64;
    let mut so_far = 0.0_f64;
    let mut first = true;
    for_each_charged_use(slots, duration_s, skip, |i, k| {
        let s = &slots[i];
        let duration_ns = f64::from(k) * f64::from(s.increment_s) * 1e9;
        let per_ns = s.price_f64 / (f64::from(s.unit_s) * 1e9);
        let span_cost = go_round(duration_ns * per_ns, global, RoundingMode::HalfUp).0;
        let connect = if first { rate.connect_fee_f64 } else { 0.0 };
        first = false;
        let increments = if k > MAX_INCREMENTS {
            0.0
        } else {
            let increment = go_round(span_cost / f64::from(k), global, RoundingMode::HalfUp).0;
            f64::from(k) * increment
        };
        let timespan = go_round(0.0 + connect + increments, global, RoundingMode::HalfUp).0;
        cost += timespan;
        so_far += cost;
        if let Some(ceiling) = rate.free_ceiling_f64
            && so_far >= ceiling
        {
            cost = ceiling;
            so_far = ceiling;
        }
    });
    let cost = cost.max(rate.minimum_f64);
    let (_, rounder) = go_round(cost, rounding.decimals, rounding.mode);
    // The value CGRateS returns is `rounder / 10^decimals`, whose shortest decimal form
    // is `rounder` units of 10^-decimals while `rounder` is an integer below 2^53.
    if !(rounder.is_finite() && rounder.abs() < 9_007_199_254_740_992.0) {
        return Err(Error::overflow("call cost"));
    }
    Decimal::try_from_i128_with_scale(rounder as i128, rounding.decimals)
        .map_err(|_| Error::overflow("call cost"))
}

/// Go's `utils.Round(x, prec, method)` of CGRateS v0.10.4: `x · 10^prec` taken up,
/// down or half-up by its fractional part (up only from 10^-7 on, the "float chaos"
/// cut), divided back. Returns the rounded value and the integer it divides
/// (`rounder`). `HalfEven`, which CGRateS does not have, rounds half to even.
pub(super) fn go_round(x: f64, prec: u32, mode: RoundingMode) -> (f64, f64) {
    /// `math.Pow10(-n)`, the correctly rounded constants.
    const NEG_POW10: [f64; 8] = [1.0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];
    let pow = 10f64.powi(i32::try_from(prec).unwrap_or(i32::MAX));
    let intermed = x * pow;
    let frac = intermed.fract();
    let rounder = match mode {
        RoundingMode::Up => {
            // maxPrec is max(7, prec): from 10^-7 on, or 10^-prec when prec is larger.
            let cut = if prec <= 7 {
                NEG_POW10[7]
            } else {
                10f64.powi(-i32::try_from(prec).unwrap_or(i32::MAX))
            };
            if frac >= cut {
                intermed.ceil()
            } else {
                intermed.floor()
            }
        }
        RoundingMode::Down => intermed.floor(),
        RoundingMode::HalfUp => {
            if frac >= 0.5 {
                intermed.ceil()
            } else {
                intermed.floor()
            }
        }
        RoundingMode::HalfEven => intermed.round_ties_even(),
    };
    (rounder / pow, rounder)
}

impl RatingEngine {
    /// Zero with the plan's places ("0.0000").
    pub(super) fn zero(&self) -> Decimal {
        self.round_call(Decimal::ZERO)
    }

    pub(super) fn round_call(&self, value: Decimal) -> Decimal {
        match self.rounding.point {
            RoundingPoint::PerCall | RoundingPoint::PerIncrement => {
                self.rounding.mode.round(value, self.rounding.decimals)
            }
            _ => value,
        }
    }

    /// Increments, billed seconds and cost of an answered call from a [`FastRate`]:
    /// the same steps as [`count_increments`] and [`per_call_u64`]. `None` when the
    /// destination does not qualify or a value does not fit (the general path then
    /// answers).
    #[inline(always)]
    pub(super) fn fast_cost(
        &self,
        fast: &FastRate,
        duration_s: u32,
    ) -> Option<(u32, u32, Decimal)> {
        let fixed = self.fixed?;
        let d = u64::from(duration_s);
        let mut t = 0u64;
        let mut n = u64::from(fast.connect_per_lcm);
        let mut increments = 0u32;
        // The first slot from 0 s up to the second's start ...
        if t < d {
            let inc = u64::from(fast.increment_s[0]);
            let k = d.min(u64::from(fast.second_start_s)).div_ceil(inc);
            t = k * inc;
            increments = k as u32;
            n = n.checked_add(t.checked_mul(u64::from(fast.second_units[0]))?)?;
        }
        // ... then the second from wherever the first's increments ended.
        if t < d {
            let inc = u64::from(fast.increment_s[1]);
            let k = (d - t).div_ceil(inc);
            t += k * inc;
            increments = increments.saturating_add(k as u32);
            n = n.checked_add((k * inc).checked_mul(u64::from(fast.second_units[1]))?)?;
        }
        let billed_s = u32::try_from(t).unwrap_or(u32::MAX);
        let n = n.max(u64::from(fast.minimum_per_lcm));
        let q = div_round(
            n.checked_mul(fixed.output_scale?)?,
            fixed.denominator?,
            self.rounding.mode,
        );
        let cost = Decimal::try_from_i128_with_scale(i128::from(q), self.rounding.decimals).ok()?;
        Some((increments, billed_s, cost))
    }

    #[inline]
    pub(super) fn slots_of(&self, rate: &CompiledRate) -> &[CompiledSlot] {
        self.slots
            .get(rate.slot_start as usize..rate.slot_end as usize)
            .unwrap_or(&[])
    }

    pub(super) fn cost_of(&self, rate: &CompiledRate, duration_s: u32) -> Result<Decimal, Error> {
        Ok(self.capped(rate, self.uncapped_cost_of(rate, duration_s)?))
    }

    /// `cost` under the rate's `*free` ceiling. Rounding is monotonic, so capping the
    /// rounded cost with the rounded ceiling equals rounding the capped cost. In cgrates
    /// mode the cost is already CGRateS's, ceiling included ([`cgrates_cost`]).
    pub(super) fn capped(&self, rate: &CompiledRate, cost: Decimal) -> Decimal {
        if self.cgrates.is_some() {
            return cost;
        }
        match rate.max_cost {
            Some(MaxCost {
                amount,
                strategy: MaxCostStrategy::Free,
            }) => {
                let r = self.rounding_of(rate);
                let ceiling = match r.point {
                    RoundingPoint::PerCall | RoundingPoint::PerIncrement => {
                        r.mode.round(amount, r.decimals)
                    }
                    _ => amount,
                };
                cost.min(ceiling)
            }
            _ => cost,
        }
    }

    /// How calls at `rate` are rounded: its own rounding or the plan's.
    pub(super) fn rounding_of(&self, rate: &CompiledRate) -> Rounding {
        rate.rounding.unwrap_or(self.rounding)
    }

    pub(super) fn uncapped_cost_of(
        &self,
        rate: &CompiledRate,
        duration_s: u32,
    ) -> Result<Decimal, Error> {
        let slots = self.slots_of(rate);
        let rounding = self.rounding_of(rate);
        if let Some(compat) = self.cgrates {
            return cgrates_cost(rate, slots, duration_s, 0, compat, rounding);
        }
        // The integer form is scaled for the plan's rounding.
        if let Some(fixed) = self.fixed
            && rate.rounding.is_none()
            && let Some(cost) = fixed_cost(rate, slots, duration_s, fixed, rounding)
        {
            return Ok(cost);
        }
        decimal_cost(rate, slots, duration_s, 0, rounding)
    }

    /// Cost by exact decimal arithmetic (the reference the integer path must match).
    #[cfg(feature = "_internal_test_exports")]
    #[doc(hidden)]
    pub fn cost_reference(&self, rate_index: u32, duration_s: u32) -> Option<Decimal> {
        let rate = self.rates.get(rate_index as usize)?;
        decimal_cost(
            rate,
            self.slots_of(rate),
            duration_s,
            0,
            self.rounding_of(rate),
        )
        .ok()
    }
}
