//! Monthly invoices in arrears (TERMS ACC-2): recurring items prorated by days,
//! usage items (ALC-5), rated calls, bundle fees, one-off fees (JIT-8), service work
//! (NOX-1/2/4) and VAT per country. Lines and totals are exact and explained.
//!
//! Rounding: each line is rounded once (half-up to cents by default,
//! [`RoundingPoint::PerLine`]); with [`RoundingPoint::PerInvoice`] lines stay exact
//! and only the subtotal is rounded. VAT is computed on the rounded subtotal and
//! rounded once. Proration: a recurring item active on `d` of the period's `n` days is
//! charged `price × quantity × d / n`.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Currency, Rounding, RoundingMode, RoundingPoint};
use crate::rulebook::Rulebook;

/// A monthly recurring item (per PBX, device, user, number, fax, conference room...).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RecurringItem {
    /// What it is.
    pub description: String,
    /// Price per unit per full period (not negative).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub unit_price: Decimal,
    /// Units (not negative; default 1).
    #[cfg_attr(
        feature = "serde",
        serde(default = "one", deserialize_with = "crate::money::de::non_negative")
    )]
    pub quantity: Decimal,
    /// First active day (default: period start).
    #[cfg_attr(feature = "serde", serde(default))]
    pub active_from: Option<Date>,
    /// Last active day (default: period end).
    #[cfg_attr(feature = "serde", serde(default))]
    pub active_until: Option<Date>,
}

#[cfg(feature = "serde")]
fn one() -> Decimal {
    Decimal::ONE
}

/// A usage-based item (TERMS ALC-5: fax numbers, conference rooms, recording volume,
/// click-to-call channels, traffic packs, numbers): quantity × unit price; a zero
/// quantity gives no line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UsageItem {
    /// What it is.
    pub description: String,
    /// Price per unit (not negative).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub unit_price: Decimal,
    /// Units used (not negative).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub quantity: Decimal,
}

/// A one-off fee: either an amount, or the name of a rulebook fee (`internet_upgrade`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OneOffItem {
    /// What it is, or the rulebook fee's name.
    pub description: String,
    /// The amount (not negative); `None` takes it from the rulebook's one-off fees
    /// (TERMS JIT-8).
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::money::de::non_negative_opt")
    )]
    pub amount: Option<Decimal>,
}

/// A credit: an amount given back to the customer (a refund, a goodwill gesture). It is
/// the one explicit way to put a negative amount on an invoice: the credit's `amount`
/// is positive and its line subtracts it; everywhere else a negative amount is an
/// error rather than a silent credit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CreditItem {
    /// What is credited and why.
    pub description: String,
    /// The amount credited (more than 0).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub amount: Decimal,
}

/// What an invoice is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InvoiceInput {
    /// Customer or account name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub customer: String,
    /// Currency.
    #[cfg_attr(feature = "serde", serde(default))]
    pub currency: Currency,
    /// Country whose VAT applies (`NL` 21%, `BE` 21%, `DE` 19%).
    pub country: String,
    /// VAT rate in percent, overriding the country's standard rate (0 to 100).
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::money::de::non_negative_opt")
    )]
    pub vat_pct: Option<Decimal>,
    /// First day of the billed period.
    pub period_start: Date,
    /// Last day of the billed period (inclusive).
    pub period_end: Date,
    /// Rounding (default half-up to cents per line).
    #[cfg_attr(feature = "serde", serde(default = "cents"))]
    pub rounding: Rounding,
    /// Recurring items.
    #[cfg_attr(feature = "serde", serde(default))]
    pub recurring: Vec<RecurringItem>,
    /// Usage items.
    #[cfg_attr(feature = "serde", serde(default))]
    pub usage: Vec<UsageItem>,
    /// One-off fees.
    #[cfg_attr(feature = "serde", serde(default))]
    pub one_off: Vec<OneOffItem>,
    /// Credits given back (lines of kind `credit`, subtracted).
    #[cfg_attr(feature = "serde", serde(default))]
    pub credits: Vec<CreditItem>,
    /// Minutes of service work, one entry per job (priced by the rulebook, NOX-1).
    #[cfg_attr(feature = "serde", serde(default))]
    pub service_work_minutes: Vec<u64>,
    /// People trained for self-management (NOX-4).
    #[cfg_attr(feature = "serde", serde(default))]
    pub trained_persons: u32,
}

impl InvoiceInput {
    /// Loads an invoice input from TOML text within [`crate::default_limits`].
    ///
    /// # Errors
    /// [`Error::Load`] naming the field and line of a value that does not read (an
    /// unknown field, a negative or inexact amount...); [`Error::InvalidValue`] or
    /// [`Error::LimitExceeded`] for a document that reads but does not hold together.
    #[cfg(feature = "serde")]
    pub fn from_toml_str(text: &str) -> Result<InvoiceInput, Error> {
        Self::from_str_with(text, crate::PlanFormat::Toml, &crate::default_limits())
    }

    /// Loads an invoice input from JSON text within [`crate::default_limits`].
    ///
    /// # Errors
    /// As [`InvoiceInput::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_json_str(text: &str) -> Result<InvoiceInput, Error> {
        Self::from_str_with(text, crate::PlanFormat::Json, &crate::default_limits())
    }

    /// Loads an invoice input from TOML or JSON text within `limits`.
    ///
    /// # Errors
    /// As [`InvoiceInput::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_str_with(
        text: &str,
        format: crate::PlanFormat,
        limits: &contracts::LoadLimits,
    ) -> Result<InvoiceInput, Error> {
        let loaded: InvoiceInput = crate::load::document(text, format, limits)?;
        loaded.validate(limits)?;
        Ok(loaded)
    }
}

impl InvoiceInput {
    /// Checks what deserialization cannot: at most `limits.max_items` entries per list
    /// (and service-work jobs), a period that runs forward within the supported years,
    /// a VAT rate from 0 to 100, and no negative amount (credits are
    /// [`InvoiceInput::credits`]).
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] or [`Error::InvalidValue`] naming the field.
    pub fn validate(&self, limits: &contracts::LoadLimits) -> Result<(), Error> {
        for (what, n) in [
            ("recurring items", self.recurring.len()),
            ("usage items", self.usage.len()),
            ("one-off items", self.one_off.len()),
            ("credits", self.credits.len()),
            ("service-work jobs", self.service_work_minutes.len()),
        ] {
            if n > limits.max_items {
                return Err(Error::LimitExceeded {
                    what,
                    max: limits.max_items as u64,
                });
            }
        }
        let invalid = |field: String, reason: String| Error::InvalidValue { field, reason };
        for (field, date) in [
            ("period_start", self.period_start),
            ("period_end", self.period_end),
        ] {
            contracts::check_supported_date(date)
                .map_err(|e| invalid(field.into(), e.to_string()))?;
        }
        if self.period_end < self.period_start {
            return Err(invalid(
                "period_end".into(),
                format!(
                    "{} is before period_start {}",
                    self.period_end, self.period_start
                ),
            ));
        }
        if let Some(v) = self.vat_pct
            && (v.is_sign_negative() && !v.is_zero() || v > Decimal::ONE_HUNDRED)
        {
            return Err(invalid(
                "vat_pct".into(),
                format!("{v} is not a percentage from 0 to 100"),
            ));
        }
        let negative = |d: Decimal| d.is_sign_negative() && !d.is_zero();
        for (i, r) in self.recurring.iter().enumerate() {
            for (name, v) in [("unit_price", r.unit_price), ("quantity", r.quantity)] {
                if negative(v) {
                    return Err(invalid(
                        format!("recurring[{i}].{name}"),
                        format!("{v} is negative: give a credit as a credit"),
                    ));
                }
            }
        }
        for (i, u) in self.usage.iter().enumerate() {
            for (name, v) in [("unit_price", u.unit_price), ("quantity", u.quantity)] {
                if negative(v) {
                    return Err(invalid(
                        format!("usage[{i}].{name}"),
                        format!("{v} is negative: give a credit as a credit"),
                    ));
                }
            }
        }
        for (i, o) in self.one_off.iter().enumerate() {
            if let Some(v) = o.amount
                && negative(v)
            {
                return Err(invalid(
                    format!("one_off[{i}].amount"),
                    format!("{v} is negative: give a credit as a credit"),
                ));
            }
        }
        for (i, c) in self.credits.iter().enumerate() {
            if c.amount <= Decimal::ZERO {
                return Err(invalid(
                    format!("credits[{i}].amount"),
                    format!("{} is not a positive amount to credit", c.amount),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
fn cents() -> Rounding {
    Rounding {
        mode: RoundingMode::HalfUp,
        decimals: 2,
        point: RoundingPoint::PerLine,
    }
}

/// One invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InvoiceLine {
    /// `recurring`, `usage`, `calls`, `bundle`, `one_off`, `service_work`, `training`.
    pub kind: String,
    /// What is billed.
    pub description: String,
    /// Quantity (days-prorated for recurring items: `quantity × d / n`).
    pub quantity: Decimal,
    /// Price per unit.
    pub unit_price: Decimal,
    /// The line amount.
    pub amount: Decimal,
    /// How the amount was reached.
    pub explanation: String,
}

/// An invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Invoice {
    /// Currency.
    pub currency: Currency,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines, rounded.
    pub subtotal: Decimal,
    /// VAT rate in percent.
    pub vat_pct: Decimal,
    /// VAT on the subtotal, rounded.
    pub vat: Decimal,
    /// Subtotal + VAT.
    pub total: Decimal,
}

/// The standard VAT rate of a country in percent.
pub fn standard_vat_pct(country: &str) -> Result<Decimal, Error> {
    match country.to_ascii_uppercase().as_str() {
        "NL" | "BE" => Ok(Decimal::from(21)),
        "DE" => Ok(Decimal::from(19)),
        other => Err(Error::UnsupportedCountry(other.to_owned())),
    }
}

/// Rated calls and bundle fees to put on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CallCharges {
    /// The currency the calls were rated in (the plan's): it must be the invoice's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub currency: Currency,
    /// Number of calls.
    pub calls: u64,
    /// Sum of their costs (as rated, unrounded beyond the plan's call rounding).
    pub cost: Decimal,
    /// Bundles on the plan: (name, monthly fee).
    pub bundles: Vec<(String, Decimal)>,
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_mul(b).ok_or(Error::overflow("invoice amounts"))
}

fn days_inclusive(from: Date, to: Date) -> Result<i64, Error> {
    i64::from(
        from.until(to)
            .map_err(|_| Error::DateOutOfRange {
                what: "invoice period",
                date: to,
            })?
            .get_days(),
    )
    .checked_add(1)
    .ok_or(Error::overflow("invoice period"))
}

/// Builds the invoice. `book` prices one-off fees by name, service work and training.
///
/// ```
/// use jiff::civil::date;
/// use rust_decimal::Decimal;
/// use tariff::{InvoiceInput, RecurringItem, Rounding, RoundingMode, RoundingPoint, invoice};
/// let input = InvoiceInput {
///     customer: "ACME".into(),
///     currency: tariff::Currency::EUR,
///     country: "NL".into(),
///     vat_pct: None,
///     period_start: date(2026, 4, 1),
///     period_end: date(2026, 4, 30),
///     rounding: Rounding { mode: RoundingMode::HalfUp, decimals: 2, point: RoundingPoint::PerLine },
///     // A PBX from 16 April: 15 of 30 days of 30.00 = 15.00.
///     recurring: vec![RecurringItem {
///         description: "PBX".into(),
///         unit_price: Decimal::from(30),
///         quantity: Decimal::ONE,
///         active_from: Some(date(2026, 4, 16)),
///         active_until: None,
///     }],
///     usage: vec![],
///     one_off: vec![],
///     credits: vec![],
///     service_work_minutes: vec![],
///     trained_persons: 0,
/// };
/// let inv = invoice(&input, None, None).unwrap();
/// assert_eq!(inv.subtotal.to_string(), "15.00");
/// assert_eq!(inv.vat.to_string(), "3.15");
/// assert_eq!(inv.total.to_string(), "18.15");
/// ```
pub fn invoice(
    input: &InvoiceInput,
    book: Option<&Rulebook>,
    calls: Option<&CallCharges>,
) -> Result<Invoice, Error> {
    input.validate(&crate::default_limits())?;
    let same_currency = |other: Currency| {
        if other == input.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                left: input.currency.to_string(),
                right: other.to_string(),
            })
        }
    };
    if let Some(c) = calls {
        same_currency(c.currency)?;
        let negative = c.cost.is_sign_negative() && !c.cost.is_zero()
            || c.bundles
                .iter()
                .any(|(_, fee)| fee.is_sign_negative() && !fee.is_zero());
        if negative {
            return Err(Error::InvalidValue {
                field: "calls".into(),
                reason: "call costs and bundle fees must not be negative".into(),
            });
        }
    }
    // A rulebook prices one-off fees, service work and training in its own currency.
    let priced_by_book = input.one_off.iter().any(|o| o.amount.is_none())
        || !input.service_work_minutes.is_empty()
        || input.trained_persons > 0;
    if let Some(b) = book
        && priced_by_book
    {
        same_currency(b.currency)?;
    }
    let r = input.rounding;
    let line_round = |v: Decimal| r.apply_at(RoundingPoint::PerLine, v);
    let period_days = days_inclusive(input.period_start, input.period_end)?;
    let mut lines = Vec::new();
    let mut push = |kind: &str,
                    description: &str,
                    quantity: Decimal,
                    unit_price: Decimal,
                    exact: Decimal,
                    explanation: String| {
        lines.push(InvoiceLine {
            kind: kind.into(),
            description: description.into(),
            quantity,
            unit_price,
            amount: line_round(exact),
            explanation,
        });
    };
    for item in &input.recurring {
        let from = item
            .active_from
            .unwrap_or(input.period_start)
            .max(input.period_start);
        let until = item
            .active_until
            .unwrap_or(input.period_end)
            .min(input.period_end);
        if until < from {
            continue;
        }
        let days = days_inclusive(from, until)?;
        let quantity = item
            .quantity
            .checked_mul(Decimal::from(days))
            .and_then(|q| q.checked_div(Decimal::from(period_days)))
            .ok_or(Error::overflow("invoice amounts"))?;
        let exact = mul(item.unit_price, quantity)?;
        push(
            "recurring",
            &item.description,
            quantity,
            item.unit_price,
            exact,
            format!(
                "{} × {} × {days}/{period_days} days ({from} – {until}) [ACC-2, in arrears]",
                item.quantity, item.unit_price
            ),
        );
    }
    for item in &input.usage {
        if item.quantity.is_zero() {
            continue;
        }
        push(
            "usage",
            &item.description,
            item.quantity,
            item.unit_price,
            mul(item.unit_price, item.quantity)?,
            format!(
                "{} × {} by actual use [ALC-5]",
                item.quantity, item.unit_price
            ),
        );
    }
    if let Some(c) = calls {
        push(
            "calls",
            "Calls",
            Decimal::from(c.calls),
            Decimal::ZERO,
            c.cost,
            format!(
                "{} rated calls, sum {} [ACC-2, billed on use]",
                c.calls, c.cost
            ),
        );
        for (name, fee) in &c.bundles {
            push(
                "bundle",
                name,
                Decimal::ONE,
                *fee,
                *fee,
                "monthly bundle fee; premium and international calls billed per call [ACC-3]"
                    .into(),
            );
        }
    }
    for item in &input.one_off {
        let (amount, why) = match item.amount {
            Some(a) => (a, "one-off fee".to_owned()),
            None => {
                let fee = book
                    .and_then(|b| b.one_off_fees.iter().find(|f| f.name == item.description))
                    .ok_or_else(|| Error::InvalidInput {
                        what: "one_off",
                        reason: format!(
                            "no amount and no rulebook fee named {:?}",
                            item.description
                        ),
                    })?;
                (
                    fee.amount,
                    format!("one-off fee [{}]", fee.provenance.cite()),
                )
            }
        };
        push(
            "one_off",
            &item.description,
            Decimal::ONE,
            amount,
            amount,
            why,
        );
    }
    for item in &input.credits {
        push(
            "credit",
            &item.description,
            Decimal::ONE,
            item.amount,
            Decimal::ZERO
                .checked_sub(item.amount)
                .ok_or(Error::overflow("credit"))?,
            "credited".into(),
        );
    }
    if !input.service_work_minutes.is_empty() || input.trained_persons > 0 {
        let book = book.ok_or_else(|| Error::InvalidInput {
            what: "service work",
            reason: "pricing service work or training needs a rulebook".into(),
        })?;
        for minutes in &input.service_work_minutes {
            let c = crate::service::service_work(book, *minutes)?;
            let unit = book
                .service_work
                .as_ref()
                .map_or(Decimal::ZERO, |s| s.block_price);
            push(
                "service_work",
                &format!("Service work, {minutes} min"),
                Decimal::from(c.blocks),
                unit,
                c.amount.amount,
                c.explanation.join("; "),
            );
        }
        if input.trained_persons > 0 {
            let fee = crate::service::training_fee(book, input.trained_persons)?;
            let unit = book
                .training
                .as_ref()
                .map_or(Decimal::ZERO, |t| t.price_per_person);
            push(
                "training",
                "Admin training",
                Decimal::from(input.trained_persons),
                unit,
                fee.amount,
                "admin training per person [NOX-4]".into(),
            );
        }
    }
    let sum = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
        .ok_or(Error::overflow("invoice amounts"))?;
    let money = |v: Decimal| r.mode.round(v, r.decimals);
    let subtotal = money(sum);
    let vat_pct = match input.vat_pct {
        Some(v) if v.is_sign_negative() || v > Decimal::ONE_HUNDRED => {
            return Err(Error::InvalidInput {
                what: "vat_pct",
                reason: format!("{v} is not a percentage from 0 to 100"),
            });
        }
        Some(v) => v,
        None => standard_vat_pct(&input.country)?,
    };
    let vat = money(
        mul(subtotal, vat_pct)?
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or(Error::overflow("invoice amounts"))?,
    );
    Ok(Invoice {
        currency: input.currency,
        lines,
        subtotal,
        vat_pct,
        vat,
        total: subtotal
            .checked_add(vat)
            .ok_or(Error::overflow("invoice amounts"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use rust_decimal_macros::dec;

    fn base() -> InvoiceInput {
        InvoiceInput {
            customer: "ACME".into(),
            currency: Currency::EUR,
            country: "NL".into(),
            vat_pct: None,
            period_start: date(2026, 2, 1),
            period_end: date(2026, 2, 28),
            rounding: Rounding {
                mode: RoundingMode::HalfUp,
                decimals: 2,
                point: RoundingPoint::PerLine,
            },
            recurring: vec![],
            usage: vec![],
            one_off: vec![],
            credits: vec![],
            service_work_minutes: vec![],
            trained_persons: 0,
        }
    }

    // TERMS ACC-2: PBX 25.00 all month; 3 devices at 4.00 from 15 Feb (14/28 days):
    // 3 × 4 × 14/28 = 6.00. Usage ALC-5: 2 fax numbers × 2.50 = 5.00; recording 0 → no
    // line. Subtotal 36.00; VAT NL 21% = 7.56; total 43.56.
    #[test]
    fn recurring_items_are_prorated_by_days_and_usage_billed_on_use() {
        let mut input = base();
        input.recurring = vec![
            RecurringItem {
                description: "PBX".into(),
                unit_price: dec!(25),
                quantity: dec!(1),
                active_from: None,
                active_until: None,
            },
            RecurringItem {
                description: "Device".into(),
                unit_price: dec!(4),
                quantity: dec!(3),
                active_from: Some(date(2026, 2, 15)),
                active_until: None,
            },
        ];
        input.usage = vec![
            UsageItem {
                description: "Virtual fax number".into(),
                unit_price: dec!(2.50),
                quantity: dec!(2),
            },
            UsageItem {
                description: "Call recording GB".into(),
                unit_price: dec!(1),
                quantity: dec!(0),
            },
        ];
        let inv = invoice(&input, None, None).unwrap();
        assert_eq!(inv.lines.len(), 3);
        assert_eq!(inv.lines[1].amount, dec!(6.00));
        assert_eq!(inv.subtotal, dec!(36.00));
        assert_eq!(inv.vat, dec!(7.56));
        assert_eq!(inv.total, dec!(43.56));
    }

    // TERMS JIT-8 and NOX-1/NOX-4: fees from the rulebooks; DE VAT 19%.
    #[test]
    fn one_off_fees_and_service_work_come_from_rulebooks() {
        let mut input = base();
        input.one_off = vec![OneOffItem {
            description: "internet_move".into(),
            amount: None,
        }];
        let inv = invoice(&input, Some(&Rulebook::jitco()), None).unwrap();
        assert_eq!(inv.subtotal, dec!(150.00));
        let mut input = base();
        input.country = "DE".into();
        input.service_work_minutes = vec![50, 61];
        input.trained_persons = 2;
        let inv = invoice(&input, Some(&Rulebook::nox()), None).unwrap();
        // 82.00 + 102.50 + 700.00 = 884.50; VAT 19% = 168.055 → 168.06.
        assert_eq!(inv.subtotal, dec!(884.50));
        assert_eq!(inv.vat, dec!(168.06));
        assert_eq!(inv.total, dec!(1052.56));
        assert!(invoice(&input, None, None).is_err());
    }

    // Fuzz regression (crash-097a7c4c…): an invoice rounded to 30 places (more than a
    // decimal holds: 28 are kept) with a huge line still adds up instead of panicking;
    // an amount beyond the decimal range is Error::overflow("invoice amounts").
    #[test]
    fn rounding_to_more_places_than_a_decimal_holds_and_huge_amounts_do_not_panic() {
        let mut input = base();
        input.rounding.decimals = 30;
        input.vat_pct = Some(dec!(0));
        input.usage = vec![
            UsageItem {
                description: "tiny".into(),
                unit_price: Decimal::from_parts(1, 0, 0, false, 28),
                quantity: dec!(1),
            },
            UsageItem {
                description: "huge".into(),
                unit_price: Decimal::MAX,
                quantity: dec!(1),
            },
        ];
        let inv = invoice(&input, None, None).unwrap();
        assert_eq!(inv.total, Decimal::MAX);
        input.usage[0].unit_price = Decimal::MAX;
        assert!(matches!(
            invoice(&input, None, None),
            Err(Error::Overflow { .. })
        ));
        input.usage[0].quantity = dec!(2);
        assert!(matches!(
            invoice(&input, None, None),
            Err(Error::Overflow { .. })
        ));
    }

    // Rounding per line vs per invoice: three lines of 0.004 are 0.00 per line, 0.01
    // when only the invoice is rounded.
    #[test]
    fn line_and_invoice_rounding_points_differ() {
        let mut input = base();
        input.vat_pct = Some(dec!(0));
        input.usage = (0..3)
            .map(|i| UsageItem {
                description: format!("u{i}"),
                unit_price: dec!(0.004),
                quantity: dec!(1),
            })
            .collect();
        assert_eq!(invoice(&input, None, None).unwrap().total, dec!(0.00));
        input.rounding.point = RoundingPoint::PerInvoice;
        assert_eq!(invoice(&input, None, None).unwrap().total, dec!(0.01));
    }
}
