//! Late payment (TERMS JIT-3): contractual interest and collection costs.
//!
//! Interest is simple, never compounded: `amount × rate × months`, rounded half-up to
//! cents once at the end. `months` = the whole months from the due date to the payment
//! date plus the remaining days divided by the length in days of the month-period they
//! fall in. Month `k` ends on the due date plus `k` calendar months, each counted from
//! the due date and clamped to the month's end (due 31 Jan: 28 Feb, 31 Mar, 30 Apr).
//! Paid on or before the due date: no interest and no collection costs.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Money, RoundingMode};
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
        // At most u32::MAX + 1: far inside the decimal range.
        Decimal::from(self.extra_days)
            .checked_div(Decimal::from(self.period_days))
            .and_then(|f| whole.checked_add(f))
            .unwrap_or(whole)
    }
}

/// `date` plus `months` calendar months, the day clamped to the month's end
/// ([`contracts::add_months`]).
fn add_months(date: Date, months: u32) -> Result<Date, Error> {
    let months = i32::try_from(months).map_err(|_| Error::Overflow {
        what: "months late",
    })?;
    Ok(contracts::add_months(date, months)?)
}

fn days_between(from: Date, to: Date) -> Result<u32, Error> {
    let order = || Error::DateOrder {
        what: "late payment",
        from,
        to,
    };
    let span = from.until(to).map_err(|_| order())?;
    u32::try_from(span.get_days()).map_err(|_| order())
}

/// Refuses a date outside the supported years (`contracts::check_supported_date`).
fn supported(what: &'static str, date: Date) -> Result<(), Error> {
    contracts::check_supported_date(date)
        .map(drop)
        .map_err(|e| Error::InvalidValue {
            field: what.into(),
            reason: e.to_string(),
        })
}

/// Counts the months from `due` to `paid` (zero when `paid <= due`). Both dates must
/// lie in the supported years (`contracts::MIN_YEAR..=MAX_YEAR`).
///
/// ```
/// use jiff::civil::date;
/// // TERMS JIT-3: due 31 Jan, paid 15 Mar = 1 month + 15 of the 31 days to 31 Mar.
/// let m = tariff::months_late(date(2026, 1, 31), date(2026, 3, 15)).unwrap();
/// assert_eq!((m.whole_months, m.extra_days, m.period_days), (1, 15, 31));
/// ```
pub fn months_late(due: Date, paid: Date) -> Result<MonthsLate, Error> {
    supported("due", due)?;
    supported("paid", paid)?;
    if paid <= due {
        return Ok(MonthsLate {
            whole_months: 0,
            extra_days: 0,
            period_days: 0,
        });
    }
    // A first guess from the calendar fields, then correct by at most a step or two.
    // Years within the supported range: these small sums cannot overflow.
    let guess = i32::from(paid.year())
        .saturating_sub(i32::from(due.year()))
        .saturating_mul(12)
        .saturating_add(i32::from(paid.month()).saturating_sub(i32::from(due.month())));
    let mut whole = u32::try_from(guess.max(0)).unwrap_or(0);
    while whole > 0 && add_months(due, whole)? > paid {
        whole = whole.saturating_sub(1);
    }
    while add_months(due, whole.saturating_add(1))? <= paid {
        whole = whole.saturating_add(1);
    }
    let start = add_months(due, whole)?;
    let end = add_months(due, whole.saturating_add(1))?;
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
        let exact = amount
            .checked_mul(rule.monthly_interest_pct)
            .and_then(|x| x.checked_mul(factor))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or(Error::overflow("late-payment interest"))?;
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
            .checked_mul(rule.collection_pct)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or(Error::overflow("collection costs"))?;
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
        .ok_or(Error::overflow("late-payment total"))?;
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

/// The Dutch statutory commercial interest rate (art. 6:119a BW) in force from a date:
/// the ECB main refinancing rate on the first day of the half-year plus 8 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatutoryRate {
    /// First day the rate applies.
    pub from: Date,
    /// Yearly rate in percent.
    pub rate_pct: Decimal,
}

/// The published Dutch statutory commercial interest rates (ECB + 8) from 2013 on, as
/// data. The last entry applies onward; pass a newer table to
/// [`nl_statutory_interest`] when rates are published after it.
pub fn nl_commercial_rates() -> Vec<StatutoryRate> {
    let r = |y: i16, m: i8, pct: i64| StatutoryRate {
        from: jiff::civil::date(y, m, 1),
        rate_pct: Decimal::new(pct, 2),
    };
    vec![
        r(2013, 1, 875),
        r(2013, 7, 850),
        r(2014, 1, 825),
        r(2014, 7, 815),
        r(2015, 1, 805),
        r(2016, 7, 800),
        r(2023, 1, 1050),
        r(2023, 7, 1200),
        r(2024, 1, 1250),
        r(2024, 7, 1225),
        r(2025, 1, 1115),
        r(2025, 7, 1015),
    ]
}

/// Statutory commercial interest (art. 6:119a BW) from `due` to `paid`: simple within
/// each year, compounded yearly (art. 6:119(2): after every year the interest is added
/// to the principal), day count actual/365, the rate of each day from `table`, rounded
/// half-up to cents at the end.
pub fn nl_statutory_interest(
    amount: Decimal,
    due: Date,
    paid: Date,
    table: &[StatutoryRate],
) -> Result<Decimal, Error> {
    supported("due", due)?;
    supported("paid", paid)?;
    if paid <= due {
        return Ok(RoundingMode::HalfUp.round(Decimal::ZERO, 2));
    }
    let overflow = || Error::overflow("statutory interest");
    let rate_on = |d: Date| {
        table
            .iter()
            .rev()
            .find(|r| r.from <= d)
            .or_else(|| table.first())
            .map_or(Decimal::ZERO, |r| r.rate_pct)
    };
    let mut principal = amount;
    let mut accrued = Decimal::ZERO;
    let mut year = 1u32;
    let mut day = due;
    while day < paid {
        let anniversary = add_years(due, year)?;
        // Next change point: a rate change, the anniversary or the payment date.
        let next_rate = table
            .iter()
            .map(|r| r.from)
            .find(|f| *f > day)
            .unwrap_or(paid);
        let end = paid.min(anniversary).min(next_rate);
        let days = days_between(day, end)?;
        let part = principal
            .checked_mul(rate_on(day))
            .and_then(|x| x.checked_mul(Decimal::from(days)))
            .and_then(|x| x.checked_div(Decimal::from(36_500)))
            .ok_or_else(overflow)?;
        accrued = accrued.checked_add(part).ok_or_else(overflow)?;
        day = end;
        if day == anniversary {
            principal = principal.checked_add(accrued).ok_or_else(overflow)?;
            accrued = Decimal::ZERO;
            year = year.saturating_add(1);
        }
    }
    let interest = principal
        .checked_sub(amount)
        .and_then(|x| x.checked_add(accrued))
        .ok_or_else(overflow)?;
    Ok(RoundingMode::HalfUp.round(interest, 2))
}

/// `date` plus `years` years, 29 February clamped to 28 ([`contracts::add_years`]).
fn add_years(date: Date, years: u32) -> Result<Date, Error> {
    let years = i32::try_from(years).map_err(|_| Error::Overflow { what: "years late" })?;
    Ok(contracts::add_years(date, years)?)
}

/// Extrajudicial collection costs on the Dutch WIK scale (Besluit vergoeding voor
/// buitengerechtelijke incassokosten): 15% of the first 2,500, 10% of the next 2,500,
/// 5% of the next 5,000, 1% of the next 190,000, 0.5% above; at least 40, at most 6,775.
pub fn nl_wik_collection_costs(amount: Decimal) -> Decimal {
    let tiers: [(i64, i64); 5] = [
        (2_500, 15),
        (2_500, 10),
        (5_000, 5),
        (190_000, 1),
        (i64::MAX, 0),
    ];
    let mut rest = amount.max(Decimal::ZERO);
    let mut total = Decimal::ZERO;
    for (i, (width, pct)) in tiers.iter().enumerate() {
        let width = if i == 4 { rest } else { Decimal::from(*width) };
        let part = rest.min(width);
        let pct = if i == 4 {
            Decimal::new(5, 1)
        } else {
            Decimal::from(*pct)
        };
        // The result is capped at 6,775 below, so a sum held at the decimal's largest
        // value gives the same answer as an exact one.
        total = total.saturating_add(
            part.saturating_mul(pct)
                .checked_div(Decimal::ONE_HUNDRED)
                .unwrap_or(Decimal::MAX),
        );
        rest = rest.saturating_sub(part);
        if rest.is_zero() {
            break;
        }
    }
    let total = total.max(Decimal::from(40)).min(Decimal::from(6_775));
    RoundingMode::HalfUp.round(total, 2)
}

/// The contract's late-payment charges beside what Dutch law provides.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatutoryComparison {
    /// Statutory commercial interest (art. 6:119a BW).
    pub statutory_interest: Decimal,
    /// WIK-scale collection costs.
    pub wik_collection_costs: Decimal,
    /// The contract's interest exceeds the statutory interest.
    pub interest_exceeds_statutory: bool,
    /// The contract's collection costs exceed the WIK scale: a court would likely
    /// reduce them.
    pub collection_exceeds_wik: bool,
}

/// Compares a [`LatePayment`] with the statutory interest and the WIK scale (TERMS JIT-3).
///
/// ```
/// use jiff::civil::date;
/// use tariff::{Rulebook, compare_with_nl_statute, late_payment, nl_commercial_rates};
/// let r = late_payment(&Rulebook::jitco(), "1000".parse().unwrap(), date(2025, 1, 31), date(2025, 3, 15)).unwrap();
/// let c = compare_with_nl_statute(&r, date(2025, 1, 31), date(2025, 3, 15), &nl_commercial_rates()).unwrap();
/// // WIK on 1,000: 15% = 150 < 750 contractual minimum: flagged.
/// assert_eq!(c.wik_collection_costs.to_string(), "150.00");
/// assert!(c.collection_exceeds_wik);
/// ```
pub fn compare_with_nl_statute(
    late: &LatePayment,
    due: Date,
    paid: Date,
    table: &[StatutoryRate],
) -> Result<StatutoryComparison, Error> {
    let statutory_interest = nl_statutory_interest(late.amount.amount, due, paid, table)?;
    let wik = if paid <= due {
        RoundingMode::HalfUp.round(Decimal::ZERO, 2)
    } else {
        nl_wik_collection_costs(late.amount.amount)
    };
    Ok(StatutoryComparison {
        statutory_interest,
        wik_collection_costs: wik,
        interest_exceeds_statutory: late.interest.amount > statutory_interest,
        collection_exceeds_wik: late.collection_costs.amount > wik,
    })
}

#[cfg(test)]
mod statutory_tests {
    use super::*;
    use jiff::civil::date;
    use rust_decimal_macros::dec;

    // WIK scale by hand: 1,000 → 150; 2,500 → 375; 5,000 → 375 + 250 = 625;
    // 10,000 → 625 + 250 = 875; 100 → 15 → minimum 40; 2,000,000 → 875 + 1,900 +
    // 0.5% × 1,800,000 = 9,000 → 11,775 → maximum 6,775.
    #[test]
    fn wik_scale_by_hand() {
        assert_eq!(nl_wik_collection_costs(dec!(1000)), dec!(150.00));
        assert_eq!(nl_wik_collection_costs(dec!(2500)), dec!(375.00));
        assert_eq!(nl_wik_collection_costs(dec!(5000)), dec!(625.00));
        assert_eq!(nl_wik_collection_costs(dec!(10000)), dec!(875.00));
        assert_eq!(nl_wik_collection_costs(dec!(100)), dec!(40.00));
        assert_eq!(nl_wik_collection_costs(dec!(2000000)), dec!(6775.00));
    }

    // 10,000 due 2024-07-01 at 12.25% until 2025-01-01 (184 days), then 11.15% to
    // 2025-07-01 (181 days) = the first year: 617.53 + 552.92 = 1,170.45 (exact
    // 617.534… + 552.917… = 1,170.452…); then 1 day at 10.15% on 11,170.452… = 3.106…
    // Total 1,173.56 (compounded); simple would be 1,173.23.
    #[test]
    fn statutory_interest_compounds_yearly_over_rate_changes() {
        let table = nl_commercial_rates();
        let one_year =
            nl_statutory_interest(dec!(10000), date(2024, 7, 1), date(2025, 7, 1), &table).unwrap();
        assert_eq!(one_year, dec!(1170.45));
        let more =
            nl_statutory_interest(dec!(10000), date(2024, 7, 1), date(2025, 7, 2), &table).unwrap();
        assert_eq!(more, dec!(1173.56));
        assert_eq!(
            nl_statutory_interest(dec!(10000), date(2024, 7, 1), date(2024, 7, 1), &table).unwrap(),
            dec!(0.00)
        );
    }

    // JIT-3 contract: 2.5%/month ≈ 30%/year exceeds the statutory ~10-12%.
    #[test]
    fn contract_interest_above_statute_is_flagged() {
        let late = late_payment(
            &Rulebook::jitco(),
            dec!(10000),
            date(2024, 7, 1),
            date(2025, 7, 1),
        )
        .unwrap();
        let c = compare_with_nl_statute(
            &late,
            date(2024, 7, 1),
            date(2025, 7, 1),
            &nl_commercial_rates(),
        )
        .unwrap();
        assert_eq!(late.interest.amount, dec!(3000.00));
        assert!(c.interest_exceeds_statutory);
        assert_eq!(c.wik_collection_costs, dec!(875.00));
        assert!(c.collection_exceeds_wik); // 1,500 > 875
    }
}
