//! CGRateS's timespans, for answered calls rated in cgrates mode: the call is cut into
//! timespans as CGRateS v0.10.4's `CallDescriptor.splitInTimeSpans` cuts it, each
//! timespan is priced and rounded to its increments, equal neighbours are merged
//! (`TimeSpans.Compress`) and the total is taken as `CallDescriptor.GetCost` takes it.
//!
//! The steps, each with CGRateS's quirks (the tariff README lists them beside what
//! exact mode does):
//! - **Activations.** The call is cut where the first later version that rates the
//!   number by the subject's own rates starts, but every part keeps the call's rates
//!   (`SplitByRatingPlan` copies the first part's rating). A later version that rates
//!   the number only through a fallback subject does not cut: CGRateS records the
//!   fallback's activation, before the call, and rates the whole call by it.
//! - **Days.** It is cut at each local midnight, unless the part ends on the same day
//!   of the month (a part from the 5th to the 5th of the next month is not cut) or
//!   exactly at midnight.
//! - **Rate intervals.** Each part is cut where the destination's rate intervals
//!   change and at each `GroupIntervalStart` of their rates. The intervals are sorted
//!   as CGRateS sorts them (`RateIntervalTimeSorter`: a comparison that is not an
//!   order, applied by Go's insertion sort to the list as the previous sort left it);
//!   of those in force at the part's start the first of the highest weight that
//!   started last rates it, and only the intervals after it in that order, not
//!   lighter and starting before the part ends, may cut it. A heavier interval that
//!   starts later in the part does not.
//! - **Increments.** A part shorter than its increment, or not a whole number of them,
//!   is lengthened to the next whole increment, swallowing or shortening the parts
//!   after it (`roundTimeSpansToIncrement`); the call can end up longer than it was.
//! - **Prices.** A part's cost is its nanoseconds times the price per nanosecond,
//!   rounded to the global decimals; divided by its increments and rounded again; the
//!   increments' cost is that times their number.
//! - **Merging.** Neighbouring parts at the same interval with the same increments,
//!   unit cost and unit duration are merged and their count kept; the connect fee is
//!   added to the first merged part and so counted once per part merged into it.
//! - **Total.** The parts are added up in order, a `*free` maximum cost against
//!   CGRateS's running figure (see [`super::cost`]); a part with no rate interval
//!   makes CGRateS panic (a nil pointer in `GetCost`), here [`Error::NoRateAt`] at
//!   that part's start; the total is rounded by the longest rounding among the parts.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;

use super::RatingEngine;
use super::compile::{CompiledRate, CompiledSlot, CompiledVersion, NO_BAND};
use super::cost::go_round;
use crate::Error;
use crate::money::{Rounding, RoundingMode};

/// CGRateS's `rals.max_increments` default: a part with more increments gets none.
const MAX_INCREMENTS: i64 = 1_000_000;
/// Nanoseconds per second.
const NS: i64 = 1_000_000_000;
/// At most this many parts per call (a part a day is 27 years): a call long enough
/// to need more is refused rather than taking time and memory in proportion to its
/// length.
const MAX_PARTS: usize = 10_000;

/// One rate interval of the destination: a band (or none: always) and a rate.
#[derive(Debug, Clone, Copy)]
struct Interval {
    band: u16,
    rate: u32,
    weight: f64,
}

/// One timespan: `[start, end)` in Unix seconds, CGRateS's `DurationIndex` (the
/// call's seconds up to the part's end) and the interval rating it.
#[derive(Debug, Clone, Copy)]
struct Part {
    start: i64,
    end: i64,
    index: i64,
    interval: Option<Interval>,
    /// After pricing: the increment (seconds), its cost and their number.
    increment: Option<(i64, f64, i64)>,
    cost: f64,
    /// Parts merged into this one.
    merged: u32,
}

impl Part {
    fn new(start: i64, end: i64, index: i64) -> Part {
        Part {
            start,
            end,
            index,
            interval: None,
            increment: None,
            cost: 0.0,
            merged: 1,
        }
    }

    fn duration(&self) -> i64 {
        self.end - self.start
    }

    /// `GetGroupStart`: the call's seconds before this part.
    fn group_start(&self) -> i64 {
        (self.index - self.duration()).max(0)
    }

    /// `SetNewDurationIndex`: after `next` was cut off the end of this part.
    fn cut_before(&mut self, next: &Part) {
        self.index = (self.index - next.duration()).max(0);
    }
}

/// What [`RatingEngine::cgrates_timespans`] gives: the cost, increments charged and
/// seconds billed.
pub(super) struct TimespanCost {
    pub(super) cost: Decimal,
    pub(super) increments: u32,
    pub(super) billed_s: u32,
}

impl RatingEngine {
    /// CGRateS's cost of an answered call of `duration_s` (> 0) seconds from `start` to
    /// destination `dest` of `version`, cut at `cut` where a later version of the
    /// subject starts (see `RatingEngine::cgrates_reach`). See the module
    /// documentation.
    pub(super) fn cgrates_timespans(
        &self,
        version: &CompiledVersion,
        dest: u32,
        start: Timestamp,
        duration_s: u32,
        cut: Option<i64>,
        number: &str,
    ) -> Result<TimespanCost, Error> {
        let global = self.cgrates.unwrap_or_default().global_decimals;
        let priced = || -> Result<TimespanCost, Error> {
            let d = dest as usize;
            let mut intervals: Vec<Interval> =
                match (version.dest_ranges.get(d), version.dest_ranges.get(d + 1)) {
                    (Some(&a), Some(&b)) => version.rate_refs.get(a as usize..b as usize),
                    _ => None,
                }
                .unwrap_or(&[])
                .iter()
                .map(|&(band, rate)| Interval {
                    band,
                    rate,
                    weight: self
                        .rates
                        .get(rate as usize)
                        .and_then(|r| r.weight)
                        .unwrap_or(0.0),
                })
                .collect();
            let t0 = start.as_second();
            let t1 = t0 + i64::from(duration_s);
            let mut parts = vec![Part::new(t0, t1, i64::from(duration_s))];
            if let Some(at) = cut
                && let Some(p) = parts.first_mut()
                && at > p.start
                && at < p.end
            {
                // `SplitByRatingPlan`: the part after keeps the call's rates.
                let next = Part::new(at, p.end, p.index);
                p.end = at;
                p.cut_before(&next);
                parts.push(next);
            }
            let parts = self.split_by_days(parts)?;
            let parts = self.split_by_intervals(parts, &mut intervals)?;
            let mut parts = self.round_to_increments(parts)?;
            let mut increments: i64 = 0;
            for p in parts.iter_mut() {
                increments += self.price(p, global)?;
            }
            let billed = parts.last().map_or(0, |p| p.end) - parts.first().map_or(0, |p| p.start);
            let parts = compress(parts);
            let cost = self.total(&parts, global)?;
            Ok(TimespanCost {
                cost,
                increments: u32::try_from(increments).map_err(|_| Error::overflow("increments"))?,
                billed_s: u32::try_from(billed).map_err(|_| Error::overflow("billed seconds"))?,
            })
        };
        priced().map_err(|e| match e {
            Error::NoRateAt { at, .. } => Error::NoRateAt {
                number: number.to_owned(),
                destination: self
                    .destinations
                    .get(dest as usize)
                    .map_or_else(|| format!("#{dest}"), |d| d.name.clone()),
                at,
            },
            e => e,
        })
    }

    /// `SplitByDay`: each part is cut at the local midnight after its start unless it
    /// ends on the same day of the month or exactly at midnight.
    fn split_by_days(&self, parts: Vec<Part>) -> Result<Vec<Part>, Error> {
        let mut out = Vec::with_capacity(parts.len());
        for mut p in parts {
            loop {
                let (s, e) = (self.local(p.start)?, self.local(p.end)?);
                if s.day() == e.day() || is_midnight(e) {
                    break;
                }
                let midnight = self.instant(
                    s.date()
                        .tomorrow()
                        .map_err(|_| Error::overflow("call date"))?,
                    0,
                )?;
                let next = Part::new(midnight, p.end, p.index);
                p.end = midnight;
                p.cut_before(&next);
                out.push(p);
                if out.len() >= MAX_PARTS {
                    return Err(too_many_parts());
                }
                p = next;
            }
            out.push(p);
        }
        Ok(out)
    }

    /// The rate-interval loop of `splitInTimeSpans`: each part in turn is cut by the
    /// intervals selected for it, the parts cut off coming next. In one pass: the
    /// parts still to do are a stack, the nearest on top.
    fn split_by_intervals(
        &self,
        parts: Vec<Part>,
        intervals: &mut [Interval],
    ) -> Result<Vec<Part>, Error> {
        let mut todo: Vec<Part> = parts.into_iter().rev().collect();
        let mut out = Vec::with_capacity(todo.len());
        let mut cut_off = Vec::new();
        while let Some(mut p) = todo.pop() {
            cut_off.clear();
            for iv in self.select_intervals(intervals, &p)? {
                if let Some(next) = self.split_by_interval(&mut p, iv)? {
                    // Each cut is nearer the part's start than the ones before it.
                    cut_off.push(next);
                    if p.interval.is_some() {
                        break;
                    }
                }
            }
            out.push(p);
            todo.append(&mut cut_off);
            if out.len().saturating_add(todo.len()) > MAX_PARTS {
                return Err(too_many_parts());
            }
        }
        Ok(out)
    }

    /// `SelectRatingIntevalsForTimespan`: sorts the intervals in place as CGRateS does,
    /// then the one rating the part's start and those after it that may cut it.
    fn select_intervals(
        &self,
        intervals: &mut [Interval],
        part: &Part,
    ) -> Result<Vec<Interval>, Error> {
        // Go's insertion sort (sort.Sort of fewer than 13 elements) with
        // `RateIntervalTimeSorter.Less`: a before b when b is lighter, else when b
        // starts later on the part's day.
        let lefts: Vec<i64> = intervals
            .iter()
            .map(|iv| self.left_margin(iv, part.start))
            .collect::<Result<_, _>>()?;
        let mut order: Vec<usize> = (0..intervals.len()).collect();
        for i in 1..order.len() {
            let mut j = i;
            while j > 0 {
                let (a, b) = (order[j], order[j - 1]);
                let less = intervals[b].weight < intervals[a].weight
                    || (intervals[b].weight >= intervals[a].weight && lefts[b] > lefts[a]);
                if !less {
                    break;
                }
                order.swap(j, j - 1);
                j -= 1;
            }
        }
        let sorted: Vec<Interval> = order.iter().map(|&k| intervals[k]).collect();
        let sorted_lefts: Vec<i64> = order.iter().map(|&k| lefts[k]).collect();
        intervals.copy_from_slice(&sorted);
        if sorted.is_empty() {
            // CGRateS indexes an empty list here and panics.
            return Err(self.no_rate_at(part.start));
        }
        let mut delta: i64 = -1;
        let mut best = 0;
        let mut best_weight = 0.0;
        for (k, iv) in sorted.iter().enumerate() {
            if !self.contains(iv, part.start, false)? {
                continue;
            }
            if iv.weight < best_weight {
                break;
            }
            let left = sorted_lefts[k];
            let distance = part.start - left;
            if left <= part.start && (delta == -1 || distance < delta) {
                best = k;
                best_weight = iv.weight;
                delta = distance;
            }
        }
        let mut out = vec![sorted[best]];
        for (k, iv) in sorted.iter().enumerate().skip(best + 1) {
            if iv.weight < best_weight {
                break;
            }
            if sorted_lefts[k] < part.end {
                out.push(*iv);
            }
        }
        Ok(out)
    }

    /// `TimeSpan.SplitByRateInterval` for voice: the part that follows, if the
    /// interval cuts this one.
    fn split_by_interval(&self, p: &mut Part, iv: Interval) -> Result<Option<Part>, Error> {
        let starts_in = self.contains(&iv, p.start, false)?;
        let ends_in = self.contains(&iv, p.end, true)?;
        if !(starts_in || ends_in) {
            return Ok(None);
        }
        // A `GroupIntervalStart` inside the part cuts it there.
        let rate = self.rate_at(iv.rate)?;
        for slot in self.slots_of(rate) {
            let group = i64::from(slot.start_s);
            if p.group_start() < group && p.index > group {
                self.set_interval(p, iv)?;
                let at = p.start + (group - p.group_start());
                let mut next = Part::new(at, p.end, p.index);
                p.end = at;
                self.set_interval(&mut next, iv)?;
                p.cut_before(&next);
                return Ok(Some(next));
            }
        }
        if starts_in && ends_in {
            self.set_interval(p, iv)?;
            return Ok(None);
        }
        if starts_in {
            let at = self.right_margin(&iv, p.start)?;
            self.set_interval(p, iv)?;
            if at == p.start || at == p.end {
                return Ok(None);
            }
            let next = Part::new(at, p.end, p.index);
            p.end = at;
            p.cut_before(&next);
            return Ok(Some(next));
        }
        // Only the end is in the interval: cut where it starts, on the part's day.
        let left = self.left_margin(&iv, p.end)?;
        let l = self.local(left)?;
        let at = if is_midnight(l) {
            left
        } else {
            self.instant(self.local(p.start)?.date(), second_of_day(l))?
        };
        if at == p.end {
            return Ok(None);
        }
        let mut next = Part::new(at, p.end, p.index);
        p.end = at;
        self.set_interval(&mut next, iv)?;
        p.cut_before(&next);
        Ok(Some(next))
    }

    /// `TimeSpan.SetRateInterval`: the part takes the interval unless
    /// `hasBetterRateIntervalThan` says its own is better.
    fn set_interval(&self, p: &mut Part, iv: Interval) -> Result<(), Error> {
        let other = p.start - self.left_margin(&iv, p.start)?;
        let better = if other < 0 {
            true
        } else {
            match p.interval {
                None => false,
                Some(own) if own.weight < iv.weight => false,
                Some(own) => p.start - self.left_margin(&own, p.start)? <= other,
            }
        };
        if !better {
            p.interval = Some(iv);
        }
        Ok(())
    }

    /// `roundTimeSpansToIncrement`: each rated part becomes a whole number of its
    /// increments, lengthened over the parts after it, which are dropped when it
    /// covers them and start later when it covers part of one
    /// (`RemoveOverlapedFromIndex`).
    fn round_to_increments(&self, parts: Vec<Part>) -> Result<Vec<Part>, Error> {
        let mut out: Vec<Part> = Vec::with_capacity(parts.len());
        for mut p in parts {
            if let Some(last) = out.last()
                && last.end > p.start
            {
                if p.end <= last.end {
                    continue;
                }
                p.start = last.end;
            }
            if let Some(iv) = p.interval {
                let increment = self.slot_at(iv, p.group_start())?.1;
                let duration = p.duration();
                let mut whole = increment;
                if whole < duration {
                    whole = if duration % increment == 0 {
                        duration
                    } else {
                        increment - duration % increment + duration
                    };
                }
                if whole > duration {
                    p.end = p.start + whole;
                    p.index += whole - duration;
                }
            }
            out.push(p);
        }
        Ok(out)
    }

    /// `createIncrementsSlice`: prices a part; returns its increments.
    fn price(&self, p: &mut Part, global: u32) -> Result<i64, Error> {
        let Some(iv) = p.interval else {
            return Ok(0);
        };
        let (slot, increment) = self.slot_at(iv, p.group_start())?;
        let count = p.duration() / increment;
        if count > MAX_INCREMENTS {
            return Ok(0);
        }
        if count <= 0 {
            return Err(self.no_rate_at(p.start));
        }
        let cost = span_cost(slot, p.duration(), global);
        let each = go_round(cost / count as f64, global, RoundingMode::HalfUp).0;
        p.increment = Some((increment, each, count));
        p.cost = each * count as f64;
        Ok(count)
    }

    /// `CallDescriptor.GetCost` over the merged parts.
    fn total(&self, parts: &[Part], global: u32) -> Result<Decimal, Error> {
        let mut cost = 0.0_f64;
        let mut so_far = 0.0_f64;
        let mut rounding: Option<Rounding> = None;
        let mut minimum = 0.0_f64;
        for (i, p) in parts.iter().enumerate() {
            // A part without a rate interval: CGRateS dereferences nil and panics.
            let Some(iv) = p.interval else {
                return Err(self.no_rate_at(p.start));
            };
            let rate = self.rate_at(iv.rate)?;
            let connect = (i == 0).then_some(rate.connect_fee_f64);
            if i == 0 {
                minimum = rate.minimum_f64;
            }
            let counted = p.increment.map_or(0, |(_, _, n)| n) + i64::from(connect.is_some());
            let part_cost = if counted == 0 {
                // `RateInterval.GetCost` of the (merged) part.
                let (slot, _) = self.slot_at(iv, p.group_start())?;
                span_cost(slot, p.duration(), global)
            } else {
                let mut sum = 0.0_f64;
                if let Some(fee) = connect {
                    sum += fee;
                }
                if let Some((_, each, n)) = p.increment {
                    sum += n as f64 * each;
                }
                go_round(sum, global, RoundingMode::HalfUp).0 * f64::from(p.merged)
            };
            cost += part_cost;
            so_far += cost;
            if let Some(ceiling) = rate.free_ceiling_f64
                && so_far >= ceiling
            {
                cost = ceiling;
                so_far = ceiling;
            }
            let own = rate.rounding.unwrap_or(self.rounding);
            if rounding.is_none_or(|r| own.decimals > r.decimals) {
                rounding = Some(own);
            }
        }
        let cost = cost.max(minimum);
        let rounding = rounding.unwrap_or(self.rounding);
        let (_, rounder) = go_round(cost, rounding.decimals, rounding.mode);
        if !(rounder.is_finite() && rounder.abs() < 9_007_199_254_740_992.0) {
            return Err(Error::overflow("call cost"));
        }
        Decimal::try_from_i128_with_scale(rounder as i128, rounding.decimals)
            .map_err(|_| Error::overflow("call cost"))
    }

    fn rate_at(&self, index: u32) -> Result<&CompiledRate, Error> {
        self.rates
            .get(index as usize)
            .ok_or_else(|| Error::InvalidPlan(format!("rate #{index} missing")))
    }

    /// `GetRateParameters`: the slot of the interval's rate in force `group_start`
    /// seconds into the call, and its increment in seconds.
    fn slot_at(&self, iv: Interval, group_start: i64) -> Result<(&CompiledSlot, i64), Error> {
        let slots = self.slots_of(self.rate_at(iv.rate)?);
        slots
            .iter()
            .enumerate()
            .find(|(k, s)| {
                i64::from(s.start_s) <= group_start
                    && slots
                        .get(k + 1)
                        .is_none_or(|n| i64::from(n.start_s) > group_start)
            })
            .map(|(_, s)| (s, i64::from(s.increment_s.max(1))))
            .ok_or_else(|| Error::InvalidPlan("a rate without a slot from 0 s".into()))
    }

    /// `RateInterval.Contains`: whether the interval is in force at `t` (at the
    /// second before, for an end at midnight).
    fn contains(&self, iv: &Interval, t: i64, end: bool) -> Result<bool, Error> {
        let mut local = self.local(t)?;
        if end && is_midnight(local) {
            local = self.local(t - 1)?;
        }
        if iv.band == NO_BAND {
            return Ok(true);
        }
        let Some(band) = self.bands.get(usize::from(iv.band)) else {
            return Ok(false);
        };
        let weekday = local.date().weekday().to_monday_zero_offset();
        Ok(band.matches(1u8 << weekday, second_of_day(local), Some(local.date())))
    }

    /// `RITiming.getLeftMargin`: the interval's start on `t`'s local day.
    fn left_margin(&self, iv: &Interval, t: i64) -> Result<i64, Error> {
        let from = self
            .bands
            .get(usize::from(iv.band))
            .filter(|_| iv.band != NO_BAND)
            .map_or(0, |b| b.from_s);
        self.instant(self.local(t)?.date(), from)
    }

    /// `RITiming.getRightMargin`: the interval's end on `t`'s local day (midnight
    /// after it, for a band that runs to the end of the day).
    fn right_margin(&self, iv: &Interval, t: i64) -> Result<i64, Error> {
        let date = self.local(t)?.date();
        match self.bands.get(usize::from(iv.band)) {
            Some(b) if iv.band != NO_BAND && b.to_s > b.from_s && b.to_s < 86_400 => {
                self.instant(date, b.to_s)
            }
            _ => self.instant(
                date.tomorrow().map_err(|_| Error::overflow("call date"))?,
                0,
            ),
        }
    }

    fn local(&self, t: i64) -> Result<DateTime, Error> {
        let ts = Timestamp::from_second(t).map_err(|_| Error::overflow("call time"))?;
        Ok(self.tz.to_datetime(ts))
    }

    /// The instant of `second` of the local `date`.
    fn instant(&self, date: Date, second: u32) -> Result<i64, Error> {
        let second = i32::try_from(second).map_err(|_| Error::overflow("call time"))?;
        let dt = date
            .to_datetime(jiff::civil::Time::midnight())
            .checked_add(jiff::Span::new().seconds(second))
            .map_err(|_| Error::overflow("call time"))?;
        self.tz
            .to_ambiguous_timestamp(dt)
            .compatible()
            .map(|t| t.as_second())
            .map_err(|_| Error::overflow("call time"))
    }

    /// No rate at `t` (the number and destination are filled in by
    /// [`RatingEngine::cgrates_timespans`]).
    fn no_rate_at(&self, t: i64) -> Error {
        Error::NoRateAt {
            number: String::new(),
            destination: String::new(),
            at: Timestamp::from_second(t).unwrap_or_default(),
        }
    }
}

/// `RateInterval.GetCost`: `seconds` at the slot's price, per nanosecond in `f64`,
/// rounded half up to the global decimals.
fn span_cost(slot: &CompiledSlot, seconds: i64, global: u32) -> f64 {
    let per_ns = slot.price_f64 / (f64::from(slot.unit_s) * 1e9);
    let ns = seconds.saturating_mul(NS) as f64;
    go_round(ns * per_ns, global, RoundingMode::HalfUp).0
}

/// `TimeSpans.Compress`: neighbours at the same interval (weight and band), with the
/// same increments, unit cost and unit duration, merge.
fn compress(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    for p in parts {
        if let Some(last) = out.last_mut()
            && equal(last, &p)
        {
            last.merged += 1;
            last.cost += p.cost;
            last.end = p.end;
            last.index = p.index;
            continue;
        }
        out.push(p);
    }
    out
}

/// `TimeSpan.Equal` as CGRateS has it: a part without increments has increments
/// equal to any other's (`Increments.Equal` compares the shorter list only).
fn equal(a: &Part, b: &Part) -> bool {
    let increments = match (a.increment, b.increment) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => x == y,
    };
    let interval = match (a.interval, b.interval) {
        (None, None) => true,
        (Some(x), Some(y)) => x.weight == y.weight && x.band == y.band,
        _ => false,
    };
    increments
        && interval
        && a.cost / f64::from(a.merged) == b.cost / f64::from(b.merged)
        && a.duration().saturating_mul(NS) / i64::from(a.merged)
            == b.duration().saturating_mul(NS) / i64::from(b.merged)
}

fn is_midnight(t: DateTime) -> bool {
    t.hour() == 0 && t.minute() == 0 && t.second() == 0
}

fn second_of_day(t: DateTime) -> u32 {
    u32::try_from(i32::from(t.hour()) * 3600 + i32::from(t.minute()) * 60 + i32::from(t.second()))
        .unwrap_or(0)
}

fn too_many_parts() -> Error {
    Error::LimitExceeded {
        what: "CGRateS timespans of one call",
        max: MAX_PARTS as u64,
    }
}
