//! The steps behind a rated call, in words.

use rust_decimal::Decimal;

use super::cost::for_each_slot_use;
use super::{CallRecord, RatedCall, RatingEngine};
use crate::number::NumberClass;
use crate::plan::{MaxCost, MaxCostStrategy};

impl RatingEngine {
    /// The steps behind a rated call, for people.
    pub fn explain(&self, record: &CallRecord, rated: &RatedCall) -> Vec<String> {
        let mut lines = Vec::new();
        let local = record.start.to_zoned(self.tz.clone());
        lines.push(format!(
            "start {} local",
            local.strftime("%Y-%m-%d %H:%M:%S %Z")
        ));
        if rated.destination_class == NumberClass::Emergency {
            lines.push("emergency number: always free".into());
            return lines;
        }
        if let Some(d) = rated.destination.and_then(|d| self.destination_name(d)) {
            lines.push(format!("destination {d} ({})", rated.destination_class));
        }
        match rated.band.and_then(|b| self.band_name(b)) {
            Some(b) => lines.push(format!(
                "time band {b} at the call's start applies to the whole call"
            )),
            None => lines.push("no time band: the destination's default rate".into()),
        }
        if let Some(rate) = rated.rate.and_then(|r| self.rates.get(r as usize)) {
            if !record.answered {
                lines.push(format!(
                    "unanswered: {:?} → {}",
                    self.unanswered, rated.cost
                ));
                return lines;
            }
            lines.push(format!("connect fee {}", rate.connect_fee));
            let slots = self.slots_of(rate);
            for_each_slot_use(slots, record.duration_s, |i, n| {
                let s = &slots[i];
                lines.push(format!(
                    "{n} × {} s at {} per {} s",
                    s.increment_s, s.price, s.unit_s
                ));
            });
            if rate.minimum > Decimal::ZERO {
                lines.push(format!("minimum charge {}", rate.minimum));
            }
            match rate.max_cost {
                Some(MaxCost {
                    amount,
                    strategy: MaxCostStrategy::Free,
                }) => lines.push(format!("maximum cost {amount}: beyond it the call is free")),
                Some(MaxCost {
                    amount,
                    strategy: MaxCostStrategy::Disconnect,
                }) => lines.push(format!(
                    "maximum cost {amount}: a prepaid call is cut off before it"
                )),
                None => {}
            }
            lines.push(format!(
                "{} s in {} increment(s) → {} (rounded {:?} to {} places, {:?})",
                record.duration_s,
                rated.increments,
                rated.cost_before_bundle,
                self.rounding_of(rate).mode,
                self.rounding_of(rate).decimals,
                self.rounding_of(rate).point
            ));
        }
        self.explain_bundle(record, rated, &mut lines);
        lines
    }
}
