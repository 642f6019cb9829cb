//! Bundles applied to a rated call: whole coverage by a flat rate or free minutes,
//! and free minutes covering the leading increments of a longer call (the rule is on
//! [`BundleUsage`]).

use rust_decimal::Decimal;

use super::compile::CompiledRate;
use super::cost::{cgrates_cost, decimal_cost, for_each_slot_use};
use super::{BundleUsage, CallRecord, RatedCall, RatingEngine};
use crate::Error;
use crate::number::NumberClass;
use crate::plan::Bundle;

impl RatingEngine {
    /// Applies the plan's bundles to an answered call of `duration_s` seconds rated as
    /// `rated`, taking the covered seconds from `usage`.
    pub(super) fn apply_bundles(
        &self,
        rated: &mut RatedCall,
        usage: &mut BundleUsage,
        duration_s: u32,
    ) -> Result<(), Error> {
        // TERMS ACC-3: never premium or international, whatever a bundle lists.
        if matches!(
            rated.destination_class,
            NumberClass::Premium | NumberClass::International
        ) || self.bundles.is_empty()
        {
            return Ok(());
        }
        if usage.used_s.len() < self.bundles.len() {
            usage.used_s.resize(self.bundles.len(), 0);
        }
        let left = |i: usize, minutes: u32| {
            u64::from(minutes)
                .saturating_mul(60)
                .saturating_sub(usage.used_s.get(i).copied().unwrap_or(0))
        };
        // Whole coverage: the first bundle that covers the entire call.
        for (i, bundle) in self.bundles.iter().enumerate() {
            if !bundle.classes().contains(&rated.destination_class) {
                continue;
            }
            if let Bundle::FreeMinutes { minutes, .. } = bundle {
                if u64::from(rated.billed_s) > left(i, *minutes) {
                    continue;
                }
                if let Some(used) = usage.used_s.get_mut(i) {
                    *used = used.saturating_add(u64::from(rated.billed_s));
                }
            }
            rated.included_in_bundle = true;
            rated.bundle = Some(i as u16);
            rated.bundle_s = rated.billed_s;
            rated.cost = self.zero();
            return Ok(());
        }
        // Partial coverage: the first free-minutes bundle with room for the first
        // increment covers the leading increments that fit.
        let Some(rate) = rated.rate.and_then(|r| self.rates.get(r as usize)) else {
            return Ok(());
        };
        for (i, bundle) in self.bundles.iter().enumerate() {
            let Bundle::FreeMinutes {
                minutes, classes, ..
            } = bundle
            else {
                continue;
            };
            if !classes.contains(&rated.destination_class) {
                continue;
            }
            let (increments, seconds) =
                self.leading_increments(rate, duration_s, left(i, *minutes));
            if increments == 0 {
                continue;
            }
            let cost = self.charged_cost(rate, duration_s, increments)?;
            if let Some(used) = usage.used_s.get_mut(i) {
                *used = used.saturating_add(u64::from(seconds));
            }
            rated.bundle = Some(i as u16);
            rated.bundle_s = seconds;
            rated.cost = cost;
            return Ok(());
        }
        Ok(())
    }

    /// How many leading increments of a `duration_s` call at `rate` fit entirely in
    /// `room` seconds, and their seconds.
    fn leading_increments(&self, rate: &CompiledRate, duration_s: u32, room: u64) -> (u32, u32) {
        let slots = self.slots_of(rate);
        let (mut increments, mut seconds, mut full) = (0u32, 0u64, true);
        for_each_slot_use(slots, duration_s, |i, n| {
            if !full {
                return;
            }
            let inc = slots.get(i).map_or(u64::MAX, |s| u64::from(s.increment_s));
            // `seconds <= room` and `inc >= 1`: increments that fit never pass `room`.
            let fit = (room.saturating_sub(seconds) / inc.max(1)).min(u64::from(n));
            increments = increments.saturating_add(fit as u32);
            seconds = seconds.saturating_add(fit.saturating_mul(inc));
            full = fit == u64::from(n);
        });
        (increments, u32::try_from(seconds).unwrap_or(u32::MAX))
    }

    /// What a `duration_s` call at `rate` costs without its first `skip` increments:
    /// connect fee + the other increments, at least the minimum, at most a `*free`
    /// maximum cost, rounded as the plan rounds a call.
    fn charged_cost(
        &self,
        rate: &CompiledRate,
        duration_s: u32,
        skip: u32,
    ) -> Result<Decimal, Error> {
        let slots = self.slots_of(rate);
        let cost = match self.cgrates {
            Some(compat) => cgrates_cost(
                rate,
                slots,
                duration_s,
                skip,
                compat,
                self.rounding_of(rate),
            )?,
            None => decimal_cost(rate, slots, duration_s, skip, self.rounding_of(rate))?,
        };
        Ok(self.capped(rate, cost))
    }

    /// The bundle lines of a call's explanation.
    pub(super) fn explain_bundle(
        &self,
        record: &CallRecord,
        rated: &RatedCall,
        lines: &mut Vec<String>,
    ) {
        let Some(b) = rated.bundle.and_then(|b| self.bundles.get(usize::from(b))) else {
            return;
        };
        if rated.included_in_bundle {
            lines.push(format!(
                "covered by bundle {:?} ({} s): cost 0",
                b.name(),
                rated.bundle_s
            ));
            return;
        }
        let covered = rated
            .rate
            .and_then(|r| self.rates.get(r as usize))
            .map_or(0, |rate| {
                self.leading_increments(rate, record.duration_s, u64::from(rated.bundle_s))
                    .0
            });
        lines.push(format!(
            "bundle {:?} covers the first {covered} increment(s), {} s of {} s; the other {} \
             increment(s) and the connect fee are charged → {} (before the bundle {})",
            b.name(),
            rated.bundle_s,
            rated.billed_s,
            rated.increments.saturating_sub(covered),
            rated.cost,
            rated.cost_before_bundle
        ));
    }
}
