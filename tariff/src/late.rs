//! Late payment (TERMS JIT-3): contractual interest and collection costs.
//!
//! Interest is simple, never compounded: `amount × rate × months`, rounded half-up to
//! cents once at the end. `months` = the whole months from the due date to the payment
//! date plus the remaining days divided by the length in days of the month-period they
//! fall in. Month `k` ends on the due date plus `k` calendar months, each counted from
//! the due date and clamped to the month's end (due 31 Jan: 28 Feb, 31 Mar, 30 Apr).
//! Paid on or before the due date: no interest and no collection costs.

use jiff::ToSpan;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::Error;
use crate::money::Money;
use crate::rulebook::{LatePaymentRule, Rulebook};

/// The months of delay as TERMS JIT-3 counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonthsLate {
    /// Whole months from the due date.
    pub whole_months: u32,
    /// Days after the last whole month.
    pub extra_days: u32,
    /// Length in days of the month-period the extra days fall in.
    pub period_days: u32,
}

impl MonthsLate {
    /// `whole_months + extra_days / period_days`, exact.
    pub fn as_decimal(&self) -> Decimal {
        let whole = Decimal::from(self.whole_months);
        if self.extra_days == 0 || self.period_days == 0 {
            return whole;
        }
        whole + Decimal::from(self.extra_days) / Decimal::from(self.period_days)
    }
}

/// Adds `months` calendar months to `date`, clamping the day to the month's end.
fn add_months(date: Date, months: u32) -> Result<Date, Error> {
    date.checked_add(i64::from(months).months())
        .map_err(|e| Error::Date(e.to_string()))
}

fn days_between(from: Date, to: Date) -> Result<u32, Error> {
    let span = from.until(to).map_err(|e| Error::Date(e.to_string()))?;
    u32::try_from(span.get_days()).map_err(|_| Error::Date("negative day count".into()))
}

/// Counts the months from `due` to `paid` (zero when `paid <= due`).
///
/// ```
/// use jiff::civil::date;
/// // TERMS JIT-3: due 31 Jan, paid 15 Mar = 1 month + 15 of the 31 days to 31 Mar.
/// let m = tariff::months_late(date(2026, 1, 31), date(2026, 3, 15)).unwrap();
/// assert_eq!((m.whole_months, m.extra_days, m.period_days), (1, 15, 31));
/// ```
pub fn months_late(due: Date, paid: Date) -> Result<MonthsLate, Error> {
    if paid <= due {
        return Ok(MonthsLate {
            whole_months: 0,
            extra_days: 0,
            period_days: 0,
        });
    }
    // A first guess from the calendar fields, then correct by at most a step or two.
    let guess = (i32::from(paid.year()) - i32::from(due.year())) * 12 + i32::from(paid.month())
        - i32::from(due.month());
    let mut whole = u32::try_from(guess.max(0)).unwrap_or(0);
    while whole > 0 && add_months(due, whole)? > paid {
        whole -= 1;
    }
    while add_months(due, whole + 1)? <= paid {
        whole += 1;
    }
    let start = add_months(due, whole)?;
    let end = add_months(due, whole + 1)?;
    Ok(MonthsLate {
        whole_months: whole,
        extra_days: days_between(start, paid)?,
        period_days: days_between(start, end)?,
    })
}

/// Contractual late-payment charges.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LatePayment {
    /// The unpaid amount.
    pub amount: Money,
    /// The delay as counted.
    pub months: MonthsLate,
    /// Interest, to cents.
    pub interest: Money,
    /// Collection costs, to cents.
    pub collection_costs: Money,
    /// `amount + interest + collection_costs`: everything the creditor may claim.
    pub total: Money,
    /// How it was reached.
    pub explanation: Vec<String>,
}

/// Late-payment charges under the rulebook's late-payment rule.
///
/// ```
/// use jiff::civil::date;
/// use tariff::{Rulebook, late_payment};
/// let jitco = Rulebook::jitco();
/// let r = late_payment(&jitco, "1000.00".parse().unwrap(), date(2026, 1, 31), date(2026, 3, 15)).unwrap();
/// // 1000 × 2.5% × (1 + 15/31) = 37.0967... → 37.10; collection max(150, 750) = 750.
/// assert_eq!(r.interest.amount.to_string(), "37.10");
/// assert_eq!(r.collection_costs.amount.to_string(), "750.00");
/// assert_eq!(r.total.amount.to_string(), "1787.10");
/// ```
pub fn late_payment(
    book: &Rulebook,
    amount: Decimal,
    due: Date,
    paid: Date,
) -> Result<LatePayment, Error> {
    let rule = book
        .late_payment
        .as_ref()
        .ok_or_else(|| book.missing("late_payment"))?;
    late_payment_by_rule(rule, book.currency, amount, due, paid)
}

/// Late-payment charges under one rule.
pub fn late_payment_by_rule(
    rule: &LatePaymentRule,
    currency: crate::Currency,
    amount: Decimal,
    due: Date,
    paid: Date,
) -> Result<LatePayment, Error> {
    if amount.is_sign_negative() {
        return Err(Error::InvalidInput {
            what: "amount",
            reason: format!("negative amount {amount}"),
        });
    }
    let cite = rule.provenance.cite();
    let months = months_late(due, paid)?;
    let round = |v: Decimal| rule.rounding.round(v, 2);
    let mut explanation = Vec::new();
    let (interest, collection) = if paid <= due {
        explanation.push(format!(
            "paid {paid}, on or before the due date {due}: nothing owed [{cite}]"
        ));
        (round(Decimal::ZERO), round(Decimal::ZERO))
    } else {
        let factor = months.as_decimal();
        let rate = rule.monthly_interest_pct / Decimal::ONE_HUNDRED;
        let exact = amount
            .checked_mul(rate)
            .and_then(|x| x.checked_mul(factor))
            .ok_or(Error::Overflow)?;
        explanation.push(format!(
            "due {due}, paid {paid}: {} whole month(s) + {}/{} days = {} months",
            months.whole_months,
            months.extra_days,
            months.period_days,
            factor.round_dp(6)
        ));
        explanation.push(format!(
            "interest {amount} × {}% × {} months = {} → {} [{cite}]",
            rule.monthly_interest_pct,
            factor.round_dp(6),
            exact.round_dp(6),
            round(exact)
        ));
        let pct = amount
            .checked_mul(rule.collection_pct / Decimal::ONE_HUNDRED)
            .ok_or(Error::Overflow)?;
        let collection = pct.max(rule.collection_min);
        explanation.push(format!(
            "collection costs max({}% of {amount} = {}, minimum {}) = {}",
            rule.collection_pct,
            round(pct),
            rule.collection_min,
            round(collection)
        ));
        (round(exact), round(collection))
    };
    let total = amount
        .checked_add(interest)
        .and_then(|x| x.checked_add(collection))
        .ok_or(Error::Overflow)?;
    Ok(LatePayment {
        amount: Money::new(amount, currency),
        months,
        interest: Money::new(interest, currency),
        collection_costs: Money::new(collection, currency),
        total: Money::new(total, currency),
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use rust_decimal_macros::dec;

    fn jit3(amount: Decimal, due: Date, paid: Date) -> LatePayment {
        late_payment(&Rulebook::jitco(), amount, due, paid).unwrap()
    }

    // TERMS JIT-3: month-periods from 31 Jan clamp to the month end: 28 Feb, 31 Mar.
    #[test]
    fn months_clamp_to_month_end_from_the_due_date() {
        let m = months_late(date(2026, 1, 31), date(2026, 2, 28)).unwrap();
        assert_eq!((m.whole_months, m.extra_days), (1, 0));
        let m = months_late(date(2026, 1, 31), date(2026, 3, 31)).unwrap();
        assert_eq!((m.whole_months, m.extra_days), (2, 0));
        let m = months_late(date(2026, 1, 31), date(2026, 3, 30)).unwrap();
        assert_eq!((m.whole_months, m.extra_days, m.period_days), (1, 30, 31));
        // Leap year: 31 Jan 2028 + 1 month = 29 Feb.
        let m = months_late(date(2028, 1, 31), date(2028, 2, 28)).unwrap();
        assert_eq!((m.whole_months, m.extra_days, m.period_days), (0, 28, 29));
    }

    // TERMS JIT-3: 10,000 × 2.5% × 2 months = 500.00; collection 15% = 1500.00.
    #[test]
    fn two_whole_months_on_a_large_amount() {
        let r = jit3(dec!(10000), date(2026, 3, 15), date(2026, 5, 15));
        assert_eq!(r.interest.amount, dec!(500.00));
        assert_eq!(r.collection_costs.amount, dec!(1500.00));
        assert_eq!(r.total.amount, dec!(12000.00));
    }

    // TERMS JIT-3: one day late, 100.00: 100 × 0.025 × 1/31 = 0.0806... → 0.08;
    // collection minimum 750.00.
    #[test]
    fn one_day_late_pays_a_day_fraction_and_the_minimum_collection() {
        let r = jit3(dec!(100), date(2026, 1, 1), date(2026, 1, 2));
        assert_eq!(r.interest.amount.to_string(), "0.08");
        assert_eq!(r.collection_costs.amount.to_string(), "750.00");
    }

    // TERMS JIT-3: on or before the due date nothing is owed.
    #[test]
    fn paid_on_the_due_date_owes_nothing() {
        for paid in [date(2026, 1, 31), date(2026, 1, 1)] {
            let r = jit3(dec!(1000), date(2026, 1, 31), paid);
            assert_eq!(r.interest.amount, Decimal::ZERO);
            assert_eq!(r.collection_costs.amount, Decimal::ZERO);
            assert_eq!(r.total.amount, dec!(1000));
        }
    }

    // TERMS JIT-3, half-up at the end: due 1 Apr, paid 7 Apr = 6/30 month;
    // 1.00 × 0.025 × 6/30 = 0.005 exactly → 0.01 (half-even would give 0.00).
    #[test]
    fn interest_rounds_half_up_once_at_the_end() {
        let r = jit3(dec!(1), date(2026, 4, 1), date(2026, 4, 7));
        assert_eq!(r.interest.amount.to_string(), "0.01");
    }
}
