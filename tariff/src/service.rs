//! Service work billed per started block (TERMS NOX-1, NOX-2, NOX-4).

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Money, RoundingMode};
use crate::rulebook::{Rulebook, ServiceWorkRule};

/// The charge for a piece of service work.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceWorkCharge {
    /// Started blocks billed.
    pub blocks: u64,
    /// Blocks × block price, to cents.
    pub amount: Money,
    /// Whether the work needs a quote before it starts (more than the threshold).
    pub quote_required: bool,
    /// How it was reached.
    pub explanation: Vec<String>,
}

/// Prices `minutes` of service work under the rulebook's service-work rule.
///
/// ```
/// let nox = tariff::Rulebook::nox();
/// // TERMS NOX-1: 50 minutes = 4 started quarters = EUR 82.00.
/// let c = tariff::service_work(&nox, 50).unwrap();
/// assert_eq!((c.blocks, c.amount.amount.to_string(), c.quote_required), (4, "82.00".into(), false));
/// ```
pub fn service_work(book: &Rulebook, minutes: u64) -> Result<ServiceWorkCharge, Error> {
    let rule = book
        .service_work
        .as_ref()
        .ok_or_else(|| book.missing("service_work"))?;
    service_work_by_rule(rule, book.currency, minutes)
}

/// Prices `minutes` of service work under one rule.
pub fn service_work_by_rule(
    rule: &ServiceWorkRule,
    currency: crate::Currency,
    minutes: u64,
) -> Result<ServiceWorkCharge, Error> {
    if rule.block_minutes == 0 {
        return Err(Error::InvalidInput {
            what: "block_minutes",
            reason: "must be at least 1".into(),
        });
    }
    let block = u64::from(rule.block_minutes);
    let blocks = minutes.div_ceil(block);
    let amount = Decimal::from(blocks)
        .checked_mul(rule.block_price)
        .ok_or(Error::overflow("service-work price"))?;
    let amount = RoundingMode::HalfUp.round(amount, 2);
    let quote_required = minutes > u64::from(rule.quote_above_minutes);
    let cite = rule.provenance.cite();
    let mut explanation = vec![
        format!("{minutes} min in started blocks of {block} min = {blocks} block(s) [{cite}]"),
        format!("{blocks} × {} = {amount}", rule.block_price),
    ];
    explanation.push(if quote_required {
        format!(
            "more than {} min: a quote is needed first [NOX-2]",
            rule.quote_above_minutes
        )
    } else {
        format!(
            "at most {} min: no quote needed [NOX-2]",
            rule.quote_above_minutes
        )
    });
    Ok(ServiceWorkCharge {
        blocks,
        amount: Money::new(amount, currency),
        quote_required,
        explanation,
    })
}

/// The admin training fee for `persons` people (TERMS NOX-4).
pub fn training_fee(book: &Rulebook, persons: u32) -> Result<Money, Error> {
    let rule = book
        .training
        .as_ref()
        .ok_or_else(|| book.missing("training"))?;
    let amount = rule
        .price_per_person
        .checked_mul(Decimal::from(persons))
        .ok_or(Error::overflow("service-work price"))?;
    Ok(Money::new(
        RoundingMode::HalfUp.round(amount, 2),
        book.currency,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    // TERMS NOX-1 (per started 15 min, EUR 20.50) and NOX-2 (quote above 60 min),
    // worked by hand.
    #[test]
    fn nox_bills_per_started_quarter_hour() {
        let nox = Rulebook::nox();
        for (minutes, blocks, amount, quote) in [
            (0, 0, "0.00", false),
            (1, 1, "20.50", false),
            (15, 1, "20.50", false),
            (16, 2, "41.00", false),
            (50, 4, "82.00", false),
            (60, 4, "82.00", false),
            (61, 5, "102.50", true),
        ] {
            let c = service_work(&nox, minutes).unwrap();
            assert_eq!(c.blocks, blocks, "{minutes}");
            assert_eq!(c.amount.amount.to_string(), amount, "{minutes}");
            assert_eq!(c.quote_required, quote, "{minutes}");
        }
    }

    // TERMS NOX-4: 4 hours at EUR 350 per person.
    #[test]
    fn nox_training_costs_350_per_person() {
        assert_eq!(
            training_fee(&Rulebook::nox(), 3)
                .unwrap()
                .amount
                .to_string(),
            "1050.00"
        );
    }

    #[test]
    fn rulebook_without_service_rule_is_a_typed_error() {
        assert!(matches!(
            service_work(&Rulebook::allocloud(), 10),
            Err(Error::MissingRule { .. })
        ));
    }
}
