//! Month arithmetic on civil dates, with the clamping rule stated.
//!
//! Contract terms count in calendar months. Adding months keeps the day of the month
//! and **clamps** it to the last day of the target month when that month is shorter:
//! 31 January + 1 month = 28 February (29 in a leap year); 30 November + 3 months =
//! 28 February; 29 February + 12 months = 28 February. Clamping never carries into the
//! next month, so the result is always in the target month.

use jiff::civil::Date;

use crate::Error;

/// `date` plus `months` calendar months, the day clamped to the target month's end
/// (negative `months` go back).
///
/// ```
/// use contracts::add_months;
/// use jiff::civil::date;
///
/// assert_eq!(add_months(date(2025, 1, 31), 1)?, date(2025, 2, 28));
/// assert_eq!(add_months(date(2024, 1, 31), 1)?, date(2024, 2, 29));
/// assert_eq!(add_months(date(2026, 11, 30), 3)?, date(2027, 2, 28));
/// assert_eq!(add_months(date(2024, 2, 29), 12)?, date(2025, 2, 28));
/// # Ok::<(), contracts::Error>(())
/// ```
///
/// # Errors
/// [`Error::DateOverflow`] when the result leaves jiff's date range.
pub fn add_months(date: Date, months: i32) -> Result<Date, Error> {
    // jiff clamps the day to the end of the resulting month, as documented for adding
    // a span of months to a civil date.
    jiff::Span::new()
        .try_months(months)
        .and_then(|span| date.checked_add(span))
        .map_err(|_| Error::overflow(format!("{date} + {months} months")))
}

/// `date` plus `years` years, clamped like [`add_months`] (29 February + 1 year =
/// 28 February).
///
/// # Errors
/// [`Error::DateOverflow`] when the result leaves jiff's date range.
pub fn add_years(date: Date, years: i32) -> Result<Date, Error> {
    let months = years
        .checked_mul(12)
        .ok_or_else(|| Error::overflow(format!("{date} + {years} years")))?;
    add_months(date, months)
}

/// `date` plus `days` calendar days.
///
/// # Errors
/// [`Error::DateOverflow`] when the result leaves jiff's date range.
pub fn add_days(date: Date, days: i32) -> Result<Date, Error> {
    date.checked_add(
        jiff::Span::new()
            .try_days(days)
            .map_err(|e| Error::overflow(e.to_string()))?,
    )
    .map_err(|_| Error::overflow(format!("{date} + {days} days")))
}

/// The last day of `date`'s month.
///
/// ```
/// use jiff::civil::date;
/// assert_eq!(contracts::end_of_month(date(2024, 2, 10)), date(2024, 2, 29));
/// ```
pub fn end_of_month(date: Date) -> Date {
    date.last_of_month()
}

/// A whole calendar month: its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CalendarMonth {
    /// The first day of the month.
    pub first: Date,
    /// The last day of the month.
    pub last: Date,
}

/// The first calendar month that starts strictly after `date`: always the month after
/// `date`'s month (even when `date` is the 1st, that month did not start *after* it).
///
/// ```
/// use jiff::civil::date;
/// let m = contracts::first_full_month_after(date(2026, 1, 31))?;
/// assert_eq!((m.first, m.last), (date(2026, 2, 1), date(2026, 2, 28)));
/// let m = contracts::first_full_month_after(date(2026, 3, 1))?;
/// assert_eq!(m.first, date(2026, 4, 1));
/// # Ok::<(), contracts::Error>(())
/// ```
///
/// # Errors
/// [`Error::DateOverflow`] when the month leaves jiff's date range.
pub fn first_full_month_after(date: Date) -> Result<CalendarMonth, Error> {
    let first = add_months(date.first_of_month(), 1)?;
    Ok(CalendarMonth {
        first,
        last: first.last_of_month(),
    })
}
