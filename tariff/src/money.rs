//! Money: an exact decimal amount with an ISO 4217 currency, and explicit rounding.
//!
//! Amounts are [`rust_decimal::Decimal`], never floating point. Rounding happens only
//! where a [`Rounding`] declares it ([`RoundingPoint`]): per increment, per call, per
//! invoice line or once per invoice. Everything between those points is exact.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::Error;

/// An ISO 4217 currency code: three upper-case ASCII letters (`EUR`, `USD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The euro, the currency of every built-in rulebook.
    pub const EUR: Currency = Currency(*b"EUR");

    /// Parses a three-letter code; lower case is accepted and upper-cased.
    ///
    /// ```
    /// use tariff::Currency;
    /// assert_eq!(Currency::new("eur").unwrap(), Currency::EUR);
    /// assert!(Currency::new("EURO").is_err());
    /// ```
    pub fn new(code: &str) -> Result<Self, Error> {
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(Error::InvalidCurrency(code.to_owned()));
        }
        Ok(Currency([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ]))
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // The constructor admits ASCII letters only, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::EUR
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Currency::new(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Currency::new(&text).map_err(serde::de::Error::custom)
    }
}

/// An exact amount of money in one currency.
///
/// Arithmetic between two amounts of different currencies is an error
/// ([`Error::CurrencyMismatch`]), never a silent conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Money {
    /// The exact amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in `currency`.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// An amount in euro.
    pub fn eur(amount: Decimal) -> Self {
        Money::new(amount, Currency::EUR)
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// The sum, or [`Error::CurrencyMismatch`].
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(Error::overflow("money arithmetic"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The difference, or [`Error::CurrencyMismatch`].
    pub fn checked_sub(self, other: Money) -> Result<Money, Error> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(Error::overflow("money arithmetic"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount times a plain factor (a quantity, a rate).
    pub fn checked_mul(self, factor: Decimal) -> Result<Money, Error> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or(Error::overflow("money arithmetic"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount rounded to `decimals` places with `mode`.
    pub fn round(self, decimals: u32, mode: RoundingMode) -> Money {
        Money::new(mode.round(self.amount, decimals), self.currency)
    }

    fn same_currency(self, other: Money) -> Result<(), Error> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                left: self.currency.to_string(),
                right: other.currency.to_string(),
            })
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// How a value is rounded to a number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RoundingMode {
    /// Half away from zero: 0.125 → 0.13, -0.125 → -0.13 (commercial rounding).
    #[default]
    HalfUp,
    /// Half to even (banker's rounding): 0.125 → 0.12, 0.135 → 0.14.
    HalfEven,
    /// Away from zero: 0.121 → 0.13.
    Up,
    /// Toward zero (truncation): 0.129 → 0.12.
    Down,
}

impl RoundingMode {
    /// Rounds `value` to `decimals` places (at most 28, the most a decimal holds).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use tariff::RoundingMode;
    /// let v: Decimal = "0.125".parse().unwrap();
    /// assert_eq!(RoundingMode::HalfUp.round(v, 2).to_string(), "0.13");
    /// assert_eq!(RoundingMode::HalfEven.round(v, 2).to_string(), "0.12");
    /// assert_eq!(RoundingMode::Up.round("0.121".parse().unwrap(), 2).to_string(), "0.13");
    /// assert_eq!(RoundingMode::Down.round("0.129".parse().unwrap(), 2).to_string(), "0.12");
    /// ```
    pub fn round(self, value: Decimal, decimals: u32) -> Decimal {
        let strategy = match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
        };
        // A decimal holds at most 28 places; rescaling beyond would leave a value
        // that later arithmetic rejects.
        let decimals = decimals.min(Decimal::MAX_SCALE);
        let mut rounded = value.round_dp_with_strategy(decimals, strategy);
        // Show the declared number of places ("82.00", not "82").
        if rounded.scale() < decimals {
            rounded.rescale(decimals);
        }
        rounded
    }
}

/// Where in a computation a rounding is applied. Nothing is rounded anywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RoundingPoint {
    /// Every charged increment of a call is rounded (the CGRateS way).
    PerIncrement,
    /// Each call's cost is rounded once.
    #[default]
    PerCall,
    /// Each invoice line is rounded once; call costs stay exact until then.
    PerLine,
    /// Only the invoice total is rounded.
    PerInvoice,
}

/// A declared rounding: how, to how many places, and at which point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Rounding {
    /// How a value is rounded.
    pub mode: RoundingMode,
    /// Decimal places kept (at most 28, the most a decimal holds).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de_places"))]
    pub decimals: u32,
    /// Where the rounding happens.
    pub point: RoundingPoint,
}

#[cfg(feature = "serde")]
fn de_places<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = <u32 as serde::Deserialize>::deserialize(d)?;
    if n > Decimal::MAX_SCALE {
        return Err(serde::de::Error::custom(format!(
            "{n} decimal places: a decimal holds at most {}",
            Decimal::MAX_SCALE
        )));
    }
    Ok(n)
}

impl Default for Rounding {
    /// Half-up to 4 places once per call: call costs keep sub-cent precision and
    /// invoice lines are rounded to cents separately.
    fn default() -> Self {
        Rounding {
            mode: RoundingMode::HalfUp,
            decimals: 4,
            point: RoundingPoint::PerCall,
        }
    }
}

impl Rounding {
    /// Rounds `value` when this rounding's point is `at`; returns it unchanged otherwise.
    pub fn apply_at(&self, at: RoundingPoint, value: Decimal) -> Decimal {
        if self.point == at {
            self.mode.round(value, self.decimals)
        } else {
            value
        }
    }
}

/// Parses a decimal written as `"82.00"` or `"82,00"` (a decimal comma is accepted),
/// optionally with an exponent (`"1e3"`).
///
/// The value must be exact: a number with more digits than a decimal holds (more than
/// 28 decimal places, or more significant digits than 96 bits keep) is
/// [`Error::InexactDecimal`], never rounded silently.
///
/// ```
/// use tariff::{Error, parse_decimal};
/// assert_eq!(parse_decimal("20,50")?.to_string(), "20.50");
/// assert!(matches!(
///     parse_decimal("0.00000000000000000000000000001"),
///     Err(Error::InexactDecimal(_))
/// ));
/// # Ok::<(), Error>(())
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, Error> {
    let trimmed = text.trim();
    let normalized = if trimmed.contains(',') && !trimmed.contains('.') {
        std::borrow::Cow::Owned(trimmed.replace(',', "."))
    } else {
        std::borrow::Cow::Borrowed(trimmed)
    };
    let invalid = || Error::InvalidDecimal(text.to_owned());
    let written = written_digits(&normalized).ok_or_else(invalid)?;
    let value = if normalized.contains(['e', 'E']) {
        Decimal::from_scientific(&normalized)
    } else {
        Decimal::from_str(&normalized)
    }
    .map_err(|_| invalid())?;
    let mantissa = value.mantissa().unsigned_abs().to_string();
    let held = canonical(&mantissa, 0i64.saturating_sub(i64::from(value.scale())));
    if held != written {
        return Err(Error::InexactDecimal(text.to_owned()));
    }
    Ok(value)
}

/// The significant digits of a number as written (`[+-]digits[.digits][e[+-]digits]`)
/// and the power of ten of the last one; `None` when it is not written so.
fn written_digits(text: &str) -> Option<(String, i64)> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (number, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((n, e)) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            (n, e.parse::<i64>().ok()?)
        }
        None => (unsigned, 0),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let places = i64::try_from(frac.len()).ok()?;
    Some(canonical(
        &format!("{int}{frac}"),
        exponent.checked_sub(places)?,
    ))
}

/// `digits × 10^exponent` with leading and trailing zeros removed (zero is `("", 0)`).
fn canonical(digits: &str, exponent: i64) -> (String, i64) {
    let digits = digits.trim_start_matches('0');
    let significant = digits.trim_end_matches('0');
    if significant.is_empty() {
        return (String::new(), 0);
    }
    let dropped = i64::try_from(digits.len().saturating_sub(significant.len())).unwrap_or(i64::MAX);
    (significant.to_owned(), exponent.saturating_add(dropped))
}

/// Strict serde readers of amounts in loaded documents: a decimal string (`"0.05"`) or
/// an integer, exact ([`parse_decimal`]); a floating-point number is refused, since it
/// is not the amount written (`0.1` is not one tenth in binary).
#[cfg(feature = "serde")]
pub(crate) mod de {
    use rust_decimal::Decimal;
    use serde::Deserializer;
    use serde::de::{Error as _, Visitor};

    struct Amount;

    impl Visitor<'_> for Amount {
        type Value = Decimal;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an amount as a decimal string such as \"0.05\", or an integer")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            super::parse_decimal(v).map_err(|e| E::custom(e.to_string()))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "the floating-point number {v} is not an exact amount: write it as a string, e.g. \"{v}\""
            )))
        }
    }

    /// Any exact amount, of either sign.
    pub(crate) fn signed<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(Amount)
    }

    /// An exact amount that is not negative (prices, fees, quantities, percentages).
    pub(crate) fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let v = signed(d)?;
        if v.is_sign_negative() && !v.is_zero() {
            return Err(D::Error::custom(format!(
                "{v} is negative: it must be 0 or more"
            )));
        }
        // `-0` reads as 0.
        Ok(v.abs())
    }

    /// As [`non_negative`], optional.
    pub(crate) fn non_negative_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct Opt;
        impl<'de> Visitor<'de> for Opt {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an amount or nothing")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                non_negative(d).map(Some)
            }
        }
        d.deserialize_option(Opt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_modes_differ_exactly_at_the_midpoint() {
        assert_eq!(RoundingMode::HalfUp.round(dec!(2.5), 0), dec!(3));
        assert_eq!(RoundingMode::HalfEven.round(dec!(2.5), 0), dec!(2));
        assert_eq!(RoundingMode::HalfEven.round(dec!(3.5), 0), dec!(4));
        assert_eq!(RoundingMode::Up.round(dec!(2.01), 0), dec!(3));
        assert_eq!(RoundingMode::Down.round(dec!(2.99), 0), dec!(2));
        assert_eq!(RoundingMode::HalfUp.round(dec!(-2.5), 0), dec!(-3));
        assert_eq!(RoundingMode::Down.round(dec!(-2.99), 0), dec!(-2));
    }

    // Fuzz regression (invoice target): rounding to more than 28 places used to
    // rescale a decimal past its maximum scale, and adding to it then panicked.
    #[test]
    fn rounding_beyond_28_places_keeps_a_valid_decimal() {
        let v = Decimal::from_parts(1, 0, 0, false, 28);
        let r = RoundingMode::HalfUp.round(v, 30);
        assert_eq!(r.scale(), 28);
        let big = Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 0);
        assert_eq!(big.checked_add(r), Some(big));
    }

    #[test]
    fn rounding_keeps_the_declared_places() {
        assert_eq!(RoundingMode::HalfUp.round(dec!(82), 2).to_string(), "82.00");
    }

    #[test]
    fn adding_different_currencies_is_an_error() {
        let eur = Money::eur(dec!(1));
        let usd = Money::new(dec!(1), Currency::new("USD").unwrap());
        assert!(matches!(
            eur.checked_add(usd),
            Err(Error::CurrencyMismatch { .. })
        ));
        assert_eq!(eur.checked_add(eur).unwrap().amount, dec!(2));
    }

    #[test]
    fn rounding_applies_only_at_its_declared_point() {
        let r = Rounding {
            mode: RoundingMode::HalfUp,
            decimals: 2,
            point: RoundingPoint::PerLine,
        };
        assert_eq!(r.apply_at(RoundingPoint::PerCall, dec!(0.125)), dec!(0.125));
        assert_eq!(r.apply_at(RoundingPoint::PerLine, dec!(0.125)), dec!(0.13));
    }

    #[test]
    fn more_digits_than_a_decimal_holds_are_refused_not_rounded() {
        for text in [
            "0.00000000000000000000000000001",
            "1.00000000000000000000000000001",
            "123456789012345678901234567890.5",
            "79228162514264337593543950336",
            "1e-29",
        ] {
            assert!(
                matches!(
                    parse_decimal(text),
                    Err(Error::InexactDecimal(_) | Error::InvalidDecimal(_))
                ),
                "{text}: {:?}",
                parse_decimal(text)
            );
        }
        assert!(matches!(
            parse_decimal("0.00000000000000000000000000001"),
            Err(Error::InexactDecimal(_))
        ));
        // Trailing zeros and exponents that fit are exact.
        assert_eq!(
            parse_decimal("0.1000000000000000000000000000000").unwrap(),
            dec!(0.1)
        );
        assert_eq!(parse_decimal("1e3").unwrap(), dec!(1000));
        assert_eq!(parse_decimal("-2.50").unwrap(), dec!(-2.50));
        assert_eq!(
            parse_decimal("79228162514264337593543950335").unwrap(),
            Decimal::MAX
        );
        for bad in ["", ".", "1_000", "1e", "e5", "0x10", "1.2.3", "1e9999999"] {
            assert!(parse_decimal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decimal_comma_is_accepted() {
        assert_eq!(parse_decimal("20,50").unwrap(), dec!(20.50));
        assert!(parse_decimal("1,000.5").is_err());
        assert!(parse_decimal("abc").is_err());
    }
}
