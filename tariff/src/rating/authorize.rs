//! Prepaid authorization (TERMS F42-1) by the plan's own prices.

use jiff::Timestamp;
use rust_decimal::Decimal;

use super::{BundleUsage, RatedCall, RatingEngine};
use crate::Error;
use crate::plan::{MaxCost, MaxCostStrategy};

impl RatingEngine {
    /// Authorizes a prepaid call (TERMS F42-1): the longest duration up to `cap_s` whose
    /// cost, rated as this plan rates it (increments, connect fee, minimum, band at
    /// `start`), the account's balance affords above its credit limit. Bundles in
    /// `usage` are taken into account without being consumed.
    pub fn authorize(
        &self,
        account: &crate::prepaid::PrepaidAccount,
        start: Timestamp,
        destination: &str,
        usage: &BundleUsage,
        cap_s: u32,
    ) -> Result<crate::prepaid::Authorization, Error> {
        account.authorize(
            |s| {
                let mut scratch = usage.clone();
                let r = self.rate(start, s, true, destination, &mut scratch)?;
                Ok(if self.disconnects_at(&r) {
                    Decimal::MAX
                } else {
                    r.cost
                })
            },
            cap_s,
        )
    }

    /// Whether a call rated as `rated` reaches its rate's `*disconnect` ceiling
    /// ([`MaxCostStrategy::Disconnect`]): its cost before bundles is at least the
    /// ceiling, so a prepaid call must end before it.
    fn disconnects_at(&self, rated: &RatedCall) -> bool {
        match rated
            .rate
            .and_then(|r| self.rates.get(r as usize))
            .and_then(|r| r.max_cost)
        {
            Some(MaxCost {
                amount,
                strategy: MaxCostStrategy::Disconnect,
            }) => rated.cost_before_bundle >= self.round_call(amount),
            _ => false,
        }
    }
}
